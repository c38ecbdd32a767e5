/* demo: the content of a rehearsal session of the four-network workshop,
 * so a facilitator can try every screen before the seminar: the seed's
 * worked example (participant A: 5/2/2/1) and twelve more plausible ballots
 * with SWOT notes, in Finnish or English; the signers in three groups
 * (elected officials, staff, residents); and a second round after the
 * discussion, where most moved a little and three more residents came.
 * Fixed content, no randomness, so tests can check it. Pure, no I/O. */
#ifndef TAPLA_DEMO_H
#define TAPLA_DEMO_H

#include <stddef.h>

#include "tapla/rules.h"
#include "tapla/source.h"

#define DEMO_TEMPLATE "networks"
#define DEMO_MAX_CELLS 6

/* One cell of a ballot: sheet index, column, dots (0 ends the list). */
struct demo_cell {
	int sheet;
	enum level level;
	int dots;
};

struct demo_ballot {
	const char *name;
	enum ballot_source source;  /* a few came from paper, as in a real room */
	struct demo_cell cells[DEMO_MAX_CELLS];
	int group;                  /* index into the content's groups */
};

struct demo_note {
	int ballot;  /* the writer's index in the ballots */
	int sheet;   /* index */
	enum quadrant quadrant;
	const char *text;
};

struct demo_content {
	const char *title_prefix;  /* "HARJOITUS – " / "REHEARSAL – " */
	const struct demo_ballot *ballots;
	size_t nballots;
	const struct demo_note *notes;
	size_t nnotes;
	const char *groups;                /* stored form (groups.h) */
	const struct demo_ballot *round2;  /* the second round's ballots */
	size_t nround2;
};

/* The content in language lang ("fi"; anything else gives English). */
const struct demo_content *demo_content(const char *lang);

/* Fills a ballot of nsheets sheets from a demo ballot's cells. */
void demo_ballot(const struct demo_ballot *d, int nsheets, struct ballot *out);

#endif
