/* rounds: a later round of voting after the room has discussed the first,
 * and who moved between the two.
 *
 * Pure, no I/O. A round is a session of its own (tapla round ID) with the
 * previous round's sheets, settings and language, linked to it by uuid
 * (struct session .round and .after).
 *
 * Who moved, per sheet: the dots and people per column then and now, the
 * share of all dots and the agreement score then and now, and what each
 * participant who signed both rounds did. Participants are matched by
 * their signed name (text_name_key: case and spacing do not matter);
 * in an anonymous round nobody is matched. A participant's own agreement
 * score on a sheet is the tally's formula over that person's dots on it.
 * A matched participant
 *   - moved towards agreement when that score is higher now than then,
 *   - moved towards disagreement when it is lower,
 *   - stayed when it is the same,
 *   - is not comparable on the sheet when either round has no scorable dot
 *     of theirs on it (no dot, or only "unsure"). */
#ifndef TAPLA_ROUNDS_H
#define TAPLA_ROUNDS_H

#include <stdbool.h>
#include <stddef.h>

#include "tapla/report.h"
#include "tapla/rules.h"

#define ROUNDS_MAX 99

enum { ROUNDS_THEN = 0, ROUNDS_NOW = 1 };

/* One sheet's change; [ROUNDS_THEN] the previous round, [ROUNDS_NOW] this. */
struct rounds_sheet {
	int dots[2][LEVEL_COUNT];
	int people[2][LEVEL_COUNT];
	int total_dots[2];
	int total_people[2];
	double share[2];
	bool has_score[2];
	double score[2];
	/* Matched participants (0 when not matched): */
	int towards_agreement;
	int towards_disagreement;
	int stayed;
	int not_comparable;
};

struct rounds_shift {
	int round[2];       /* the rounds' numbers */
	bool matched;       /* false: a round is anonymous, nobody matched */
	int both;           /* participants who signed both rounds */
	size_t nsheets;
	struct rounds_sheet sheets[RULES_MAX_SHEETS];
};

/* The title of round `round` of a session titled `title`: an earlier
 * round's mark (" — round N", " — kierros N") replaced, then the new one
 * in the session's language (fi: " — kierros 2", else " — round 2"); cut
 * so it stays within TEXT_TITLE_MAX characters. NULL on no memory. */
char *rounds_title(const char *title, const char *language, int round);
/* Where title's round mark (" — round N" or " — kierros N" at its end)
 * starts, in bytes; strlen(title) when it has none. A title shortened
 * for a narrow screen keeps that mark, so the room still sees the round. */
size_t rounds_mark_at(const char *title);
/* title (valid UTF-8, already sanitized) shortened to `cols` display
 * columns (at least 1) into out (n bytes): whole if it fits, else cut with
 * "…" before its round mark, which stays whole while `least` columns remain
 * for the rest ("Rinnakkaisse… — kierros 2"), else cut with "…" at the end. */
void rounds_fit_title(const char *title, int cols, int least, char *out,
		      size_t n);

/* Compares the report `now` with the previous round's `then` (both full
 * reports, with their ballot cells). Sheets are compared by number, as many
 * as both have. False on no memory. */
bool rounds_shift(const struct report *then, const struct report *now,
		  struct rounds_shift *out);

/* For a report writer: who moved since r's previous round, into sh. True
 * when there is a section to write; false when r has no previous round, or
 * on no memory (then out->failed is set, as the writers report it). */
bool rounds_shift_to_write(const struct report *r, struct rounds_shift *sh,
			   struct buf *out);

/* The words every report shares, so that the minutes, the web page and the
 * terminal say the same (plain text, appended to out; the caller escapes):
 * the sentence under "Who moved": who was matched and what the words
 * towards agreement, towards disagreement and not comparable mean, or that
 * the rounds are anonymous. */
void rounds_shift_intro(const struct rounds_shift *sh, struct buf *out);
/* Sheet i's movers in one sentence ("Of the N in both rounds: ..."); only
 * meaningful when sh->matched. */
void rounds_shift_movers(const struct rounds_shift *sh, size_t i,
			 struct buf *out);
/* A row label of the then-and-now table: "Dots, round N", or with people
 * "People, round N", for round w (ROUNDS_THEN or ROUNDS_NOW). */
void rounds_row_label(const struct rounds_shift *sh, bool people, int w,
		      char *label, size_t n);

#endif
