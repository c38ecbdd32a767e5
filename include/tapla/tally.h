/* tally: the paper sheet's "Yht." row and what follows from it.
 *
 * Pure arithmetic over counts; the store fills the counts with one GROUP BY.
 *
 * Agreement score (dotmocracy.org's idea rating sheet, over dots):
 *   (10·agree + 5·partly-agree − 5·partly-disagree − 10·disagree)
 *   / (agree + partly-agree + neutral + partly-disagree + disagree)
 * from −10 to +10; `unsure` is left out; none when nothing is scorable.
 *
 * Ranking: by total dots (how much weight the room gives a sheet), ties by
 * agreement score, then by sheet number. Equal dots and score share a rank. */
#ifndef TAPLA_TALLY_H
#define TAPLA_TALLY_H

#include <stdbool.h>
#include <stddef.h>

#include "tapla/rules.h"

enum tally_flag {
	TALLY_FLAG_UNSURE = 1 << 0,  /* at least a third of the dots are "unsure" */
	TALLY_FLAG_SPLIT = 1 << 1,   /* both extremes hold a quarter or more */
	TALLY_FLAG_FEW = 1 << 2,     /* fewer than 3 people: too few to read */
};

struct tally_sheet {
	/* Filled by the caller: */
	int dots[LEVEL_COUNT];    /* dots per column */
	int people[LEVEL_COUNT];  /* participants with a dot in the column */
	int total_people;         /* participants with any dot on the sheet */
	/* Computed by tally_finish: */
	int total_dots;
	double share;             /* of all dots in the session, 0..1 */
	bool has_score;
	double score;             /* agreement score, −10..+10 */
	int rank;                 /* 1 = most dots */
	unsigned flags;           /* enum tally_flag */
};

struct tally {
	size_t nsheets;
	struct tally_sheet *sheets;  /* owned */
	int total_dots;              /* computed */
	int participants;            /* filled by the caller */
};

/* Allocates nsheets zeroed sheets. False on no memory. */
bool tally_init(struct tally *t, size_t nsheets);
void tally_free(struct tally *t);
/* Computes totals, shares, scores, ranks and flags from the counts. */
void tally_finish(struct tally *t);
/* The agreement score of one column row; false when nothing is scorable. */
bool tally_score(const int dots[LEVEL_COUNT], double *score);
/* Short translated words for the flags set, joined by ", " ("" if none). */
const char *tally_flag_name(enum tally_flag f);

#endif
