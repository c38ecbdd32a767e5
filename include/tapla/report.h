/* report: everything about one session that leaves tapla (exports), and the
 * writers that turn it into text.
 *
 * Pure: the store loads a struct report; the writers append to a buf. The
 * JSON layout "tapla-session/1" is a contract other tools read: keys may be
 * added, none removed or renamed. */
#ifndef TAPLA_REPORT_H
#define TAPLA_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "tapla/buf.h"
#include "tapla/rules.h"
#include "tapla/source.h"
#include "tapla/tally.h"
#include "tapla/template.h"

struct report_participant {
	int seq;       /* 1.. in signing order */
	char *name;    /* NULL in anonymous sessions */
	char signed_at[32];
	enum ballot_source source;    /* where the ballot came from */
	int order[RULES_MAX_SHEETS];  /* sheet indexes by position shown */
	int norder;                   /* 0: the order was not recorded */
};

struct report_ballot {
	int participant;  /* seq */
	int sheet;        /* index */
	enum level level;
	int dots;
};

struct report_note {
	int sheet;        /* index */
	enum quadrant quadrant;
	int participant;  /* seq, 0 if nobody */
	char *text;
};

/* The column totals of a paper sheet whose names could not be read
 * (store_paper_totals_save); the tally includes them already. */
struct report_paper {
	int sheet;               /* index */
	int dots[LEVEL_COUNT];
	int people[LEVEL_COUNT];
	int total_people;        /* filled signature lines */
	int total_dots;
};

/* Dots at one position of the shown order (position 1 = shown first). */
struct report_position {
	int dots;
	int people;  /* participants with a dot on the sheet at that place */
};

struct report {
	struct session session;
	struct tpl_sheet *sheets;  /* session.nsheets of them */
	struct tpl_phase *phases;
	size_t nphases;
	struct tally tally;
	struct report_participant *participants;  /* by seq */
	size_t nparticipants;
	struct report_ballot *ballots;  /* by participant, sheet, level */
	size_t nballots;
	struct report_note *notes;      /* by sheet, quadrant, insertion */
	size_t nnotes;
	struct report_paper *paper;     /* by sheet */
	size_t npaper;
	int sources[SOURCE_COUNT];      /* participants (ballots) by source */
};

struct report_options {
	bool no_names;   /* leave every name out */
	char csv_sep;    /* ',' or ';' (0: ',') */
	bool csv_bom;    /* start CSV with a UTF-8 byte order mark */
	bool csv_tally;  /* CSV of the tally (a row per sheet), not ballots */
};

/* The participant with number seq, or NULL. */
const struct report_participant *report_participant(const struct report *r,
						     int seq);
/* The display name of participant seq: the name, or "Participant N" when
 * anonymous or names are left out. Returns buf. */
const char *report_participant_label(const struct report *r,
				     const struct report_options *o, int seq,
				     char *buf, size_t n);
/* The signature list of a sheet: participant numbers with a dot on it, in
 * signing order, as a new array in *out (NULL when empty) and its count in
 * *n. False on no memory. */
bool report_signers(const struct report *r, int sheet, int **out, size_t *n);
/* Formats a number with one decimal in the language's style (fi: "2,5"). */
const char *report_decimal(double v, bool sign, char *buf, size_t n);

/* Dots by position: fills pos[0..nsheets-1] over the ballots whose order
 * was recorded and returns how many participants that is (0: nothing to
 * show). by_sheet (may be NULL) gets the same ballots' dots by sheet, so
 * the two compare like with like: whether position mattered. */
int report_positions(const struct report *r,
		     struct report_position pos[RULES_MAX_SHEETS],
		     struct report_position by_sheet[RULES_MAX_SHEETS]);
/* The position (1 = shown first) of a ballot cell's sheet in its
 * participant's order, or 0 when the order was not recorded. */
int report_ballot_position(const struct report *r,
			   const struct report_ballot *b);
/* Dots in the paper column totals of all sheets. */
int report_paper_dots(const struct report *r);

void report_free(struct report *r);

/* The writers: false on no memory. */
bool report_json(const struct report *r, const struct report_options *o,
		 struct buf *out);
bool report_csv(const struct report *r, const struct report_options *o,
		struct buf *out);
/* The tally as plain text for a terminal, `width` columns wide. */
bool report_text(const struct report *r, const struct report_options *o,
		 size_t width, struct buf *out);

#endif
