/* tally: totals, shares, agreement scores, ranks and flags (see tally.h). */
#include "tapla/tally.h"

#include <stdlib.h>

#include "tapla/i18n.h"

bool tally_init(struct tally *t, size_t nsheets)
{
	t->nsheets = 0;
	t->total_dots = 0;
	t->participants = 0;
	t->sheets = nsheets ? calloc(nsheets, sizeof *t->sheets) : NULL;
	if (nsheets && !t->sheets)
		return false;
	t->nsheets = nsheets;
	return true;
}

void tally_free(struct tally *t)
{
	free(t->sheets);
	t->sheets = NULL;
	t->nsheets = 0;
}

bool tally_score(const int dots[LEVEL_COUNT], double *score)
{
	static const int weight[LEVEL_COUNT] = { 10, 5, 0, -5, -10, 0 };
	long sum = 0, scorable = 0;
	for (int l = 0; l < LEVEL_COUNT; l++) {
		if (l == LEVEL_UNSURE)
			continue;
		sum += (long)weight[l] * dots[l];
		scorable += dots[l];
	}
	if (scorable == 0)
		return false;
	*score = (double)sum / (double)scorable;
	return true;
}

/* The flags a sheet's dots raise for the room's attention. */
static unsigned sheet_flags(const struct tally_sheet *s)
{
	unsigned f = 0;
	if (s->total_dots == 0)
		return f;
	if (3 * s->dots[LEVEL_UNSURE] >= s->total_dots)
		f |= TALLY_FLAG_UNSURE;
	int scorable = s->total_dots - s->dots[LEVEL_UNSURE];
	if (scorable > 0 && 4 * s->dots[LEVEL_AGREE] >= scorable &&
	    4 * s->dots[LEVEL_DISAGREE] >= scorable)
		f |= TALLY_FLAG_SPLIT;
	if (s->total_people < 3)
		f |= TALLY_FLAG_FEW;
	return f;
}

/* Does a come before b in the ranking (more dots, then higher score)? */
static int rank_compare(const struct tally_sheet *a, const struct tally_sheet *b)
{
	if (a->total_dots != b->total_dots)
		return a->total_dots > b->total_dots ? -1 : 1;
	double sa = a->has_score ? a->score : -11.0;
	double sb = b->has_score ? b->score : -11.0;
	if (sa != sb)
		return sa > sb ? -1 : 1;
	return 0;
}

void tally_finish(struct tally *t)
{
	t->total_dots = 0;
	for (size_t i = 0; i < t->nsheets; i++) {
		struct tally_sheet *s = &t->sheets[i];
		s->total_dots = 0;
		for (int l = 0; l < LEVEL_COUNT; l++)
			s->total_dots += s->dots[l];
		s->has_score = tally_score(s->dots, &s->score);
		if (!s->has_score)
			s->score = 0.0;
		s->flags = sheet_flags(s);
		t->total_dots += s->total_dots;
	}
	for (size_t i = 0; i < t->nsheets; i++) {
		struct tally_sheet *s = &t->sheets[i];
		s->share = t->total_dots ? (double)s->total_dots / t->total_dots : 0.0;
		/* Rank = 1 + the number of sheets strictly ahead (ties share). */
		s->rank = 1;
		for (size_t j = 0; j < t->nsheets; j++)
			if (j != i && rank_compare(&t->sheets[j], s) < 0)
				s->rank++;
	}
}

const char *tally_flag_name(enum tally_flag f)
{
	switch (f) {
	case TALLY_FLAG_UNSURE: return _("many unsure");
	case TALLY_FLAG_SPLIT: return _("split between the extremes");
	case TALLY_FLAG_FEW: return _("too few people to read");
	default: return "";
	}
}
