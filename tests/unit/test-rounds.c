/* Unit tests of rounds: the next round's title, and who moved between two
 * rounds, checked by hand and against an oracle over random sessions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report-fake.h"
#include "tapla/rounds.h"
#include "tapla/text.h"

/* The mark goes on in the session's language and replaces an earlier one. */
static void title_marks_the_round(void **state)
{
	(void)state;
	char *t = rounds_title("Strategia", "fi", 2);
	assert_string_equal(t, "Strategia \u2014 kierros 2");
	char *u = rounds_title(t, "fi", 3);
	assert_string_equal(u, "Strategia \u2014 kierros 3");
	free(t);
	free(u);
	t = rounds_title("PED 2016 \u2014 round 9", "en", 10);
	assert_string_equal(t, "PED 2016 \u2014 round 10");
	free(t);
	/* A dash that is not a round's mark stays. */
	t = rounds_title("A \u2014 round trip", "en", 2);
	assert_string_equal(t, "A \u2014 round trip \u2014 round 2");
	free(t);
}

/* A long title is cut at a character so the whole stays in the limit. */
static void title_stays_within_the_limit(void **state)
{
	(void)state;
	char long_title[400] = "";
	for (int i = 0; i < 100; i++)
		strcat(long_title, "ä");  /* two bytes each */
	strcat(long_title, "öööööööööööööööööööööööööööööö");
	char *t = rounds_title(long_title, "fi", 2);
	assert_true(text_valid_utf8(t, strlen(t)));
	assert_int_equal(text_chars(t, strlen(t)), TEXT_TITLE_MAX);
	assert_non_null(strstr(t, " \u2014 kierros 2"));
	free(t);
}

/* Sets one person's cells in a fake report (replacing its random ballot). */
/* The round mark is found at the end only, in either language, so a
 * shortened title can keep it. */
static void mark_is_found_at_the_end(void **state)
{
	(void)state;
	const char *t = "PED 2016 \u2014 kierros 2";
	assert_string_equal(t + rounds_mark_at(t), " \u2014 kierros 2");
	t = "Seminar \u2014 round 12";
	assert_string_equal(t + rounds_mark_at(t), " \u2014 round 12");
	t = "Kierros \u2014 kierros 2 jatkuu";  /* not at the end */
	assert_int_equal(rounds_mark_at(t), strlen(t));
	t = "PED 2016 \u2014 kierros ";  /* no number */
	assert_int_equal(rounds_mark_at(t), strlen(t));
	assert_int_equal(rounds_mark_at(""), 0);
}

static void set_ballot(struct report *r, int seq, int sheet, enum level l,
		       int dots)
{
	for (size_t i = 0; i < r->nballots; i++)
		if (r->ballots[i].participant == seq) {
			r->ballots[i].sheet = sheet;
			r->ballots[i].level = l;
			r->ballots[i].dots = dots;
			r->ballots[i].participant = seq;
			/* keep only the first cell of the person */
			for (size_t j = i + 1; j < r->nballots; j++)
				if (r->ballots[j].participant == seq)
					r->ballots[j].participant = -1;
			return;
		}
}

/* By hand: Anna from agree to disagree, Bo the same both times, Cy's only
 * dot now "unsure" (not comparable), Di only in round 1; names match
 * whatever their case and spacing. */
static void shift_by_hand(void **state)
{
	(void)state;
	unsigned seed = 1;
	struct fake_person then_p[] = { { "Anna", NULL }, { "Bo", NULL },
					{ "Cy", NULL }, { "Di", NULL } };
	struct fake_person now_p[] = { { "anna", NULL }, { "  BO ", NULL },
				       { "Cy", NULL }, { "Eve", NULL } };
	struct report a, b;
	fake_report(&a, &seed, 2, then_p, 4, false, NULL, 0, 1, NULL);
	fake_report(&b, &seed, 2, now_p, 4, false, NULL, 0, 2, NULL);
	set_ballot(&a, 1, 0, LEVEL_AGREE, 2);
	set_ballot(&b, 1, 0, LEVEL_DISAGREE, 1);
	set_ballot(&a, 2, 0, LEVEL_PARTLY_AGREE, 3);
	set_ballot(&b, 2, 0, LEVEL_PARTLY_AGREE, 1);
	set_ballot(&a, 3, 0, LEVEL_NEUTRAL, 1);
	set_ballot(&b, 3, 0, LEVEL_UNSURE, 1);
	struct rounds_shift sh;
	assert_true(rounds_shift(&a, &b, &sh));
	assert_true(sh.matched);
	assert_int_equal(sh.both, 3);
	assert_int_equal(sh.round[ROUNDS_THEN], 1);
	assert_int_equal(sh.round[ROUNDS_NOW], 2);
	assert_int_equal(sh.sheets[0].towards_disagreement, 1);
	assert_int_equal(sh.sheets[0].stayed, 1);
	assert_int_equal(sh.sheets[0].towards_agreement, 0);
	assert_int_equal(sh.sheets[0].not_comparable, 1);
	/* Nobody of the three put a dot on sheet 2 either time. */
	assert_int_equal(sh.sheets[1].not_comparable, 3);
	/* The counts then and now are the tallies'. */
	assert_int_equal(sh.sheets[0].total_dots[ROUNDS_THEN],
			 a.tally.sheets[0].total_dots);
	assert_int_equal(sh.sheets[0].total_dots[ROUNDS_NOW],
			 b.tally.sheets[0].total_dots);
	report_free(&a);
	report_free(&b);
}

/* An anonymous round matches nobody, and says so. */
static void anonymous_is_not_matched(void **state)
{
	(void)state;
	unsigned seed = 2;
	struct fake_person p[] = { { "Anna", NULL }, { "Bo", NULL } };
	struct report a, b;
	fake_report(&a, &seed, 3, p, 2, false, NULL, 0, 1, NULL);
	fake_report(&b, &seed, 3, p, 2, true, NULL, 0, 2, NULL);
	struct rounds_shift sh;
	assert_true(rounds_shift(&a, &b, &sh));
	assert_false(sh.matched);
	assert_int_equal(sh.both, 0);
	for (size_t i = 0; i < sh.nsheets; i++)
		assert_int_equal(sh.sheets[i].towards_agreement +
				 sh.sheets[i].towards_disagreement +
				 sh.sheets[i].stayed + sh.sheets[i].not_comparable, 0);
	report_free(&a);
	report_free(&b);
}

/* The oracle's own score fraction: numerator and scorable dots. */
static void oracle_score(const int cells[LEVEL_COUNT], long *num, long *den)
{
	*num = 10L * cells[LEVEL_AGREE] + 5L * cells[LEVEL_PARTLY_AGREE] -
	       5L * cells[LEVEL_PARTLY_DISAGREE] - 10L * cells[LEVEL_DISAGREE];
	*den = (long)cells[LEVEL_AGREE] + cells[LEVEL_PARTLY_AGREE] +
	       cells[LEVEL_NEUTRAL] + cells[LEVEL_PARTLY_DISAGREE] +
	       cells[LEVEL_DISAGREE];
}

/* The oracle's direction for one person on one sheet: 1 towards
 * agreement, -1 towards disagreement, 0 stayed, 2 not comparable; by
 * cross-multiplying the fractions, no floating point. */
static int oracle_move(const int then[LEVEL_COUNT], const int now[LEVEL_COUNT])
{
	long nt, dt, nn, dn;
	oracle_score(then, &nt, &dt);
	oracle_score(now, &nn, &dn);
	if (dt == 0 || dn == 0)
		return 2;
	long diff = nn * dt - nt * dn;
	return diff > 0 ? 1 : diff < 0 ? -1 : 0;
}

/* The oracle's name comparison for the generated names ("Person 7" in any
 * case, with extra spaces): letters and digits only, lower case. */
static void oracle_key(const char *name, char *key, size_t n)
{
	size_t k = 0;
	for (const char *p = name; *p && k + 1 < n; p++)
		if (isalnum((unsigned char)*p))
			key[k++] = (char)tolower((unsigned char)*p);
	key[k] = '\0';
}

/* Random names: person i of a pool, spelled in one of three ways. */
static void random_name(unsigned *seed, int i, char *buf, size_t n)
{
	static const char *const forms[] = { "Person %d", "person %d", "  PERSON   %d " };
	snprintf(buf, n, forms[rand_r(seed) % 3], i);
}

/* Picks k distinct people of a pool of `pool` at random. */
static void pick(unsigned *seed, int pool, int k, int *out)
{
	int all[64];
	for (int i = 0; i < pool; i++)
		all[i] = i;
	for (int i = 0; i < k; i++) {
		int j = i + rand_r(seed) % (pool - i);
		int t = all[i];
		all[i] = all[j];
		all[j] = t;
		out[i] = all[i];
	}
}

/* Over random pairs of rounds the shift equals the oracle's: the counts
 * summed from the ballots, and each person's move found by name. */
static void shift_matches_oracle(void **state)
{
	(void)state;
	unsigned seed = 20261204;
	static int dt[40][RULES_MAX_SHEETS][LEVEL_COUNT], dn[40][RULES_MAX_SHEETS][LEVEL_COUNT];
	for (int iter = 0; iter < 300; iter++) {
		int nsheets = 1 + rand_r(&seed) % 6;
		int kt = rand_r(&seed) % 25, kn = rand_r(&seed) % 25;
		int who_t[40], who_n[40];
		char names_t[40][32], names_n[40][32];
		struct fake_person pt[40], pn[40];
		pick(&seed, 40, kt, who_t);
		pick(&seed, 40, kn, who_n);
		for (int i = 0; i < kt; i++) {
			random_name(&seed, who_t[i], names_t[i], sizeof names_t[i]);
			pt[i] = (struct fake_person){ names_t[i], NULL };
		}
		for (int i = 0; i < kn; i++) {
			random_name(&seed, who_n[i], names_n[i], sizeof names_n[i]);
			pn[i] = (struct fake_person){ names_n[i], NULL };
		}
		struct report a, b;
		fake_report(&a, &seed, nsheets, pt, (size_t)kt, false, NULL, 0, 1, dt);
		fake_report(&b, &seed, nsheets, pn, (size_t)kn, false, NULL, 0, 2, dn);
		struct rounds_shift sh;
		assert_true(rounds_shift(&a, &b, &sh));
		assert_true(sh.matched);
		int both = 0;
		int moves[RULES_MAX_SHEETS][4] = { { 0 } };  /* agree, dis, stay, n/c */
		for (int i = 0; i < kt; i++)
			for (int j = 0; j < kn; j++) {
				char x[32], y[32];
				oracle_key(names_t[i], x, sizeof x);
				oracle_key(names_n[j], y, sizeof y);
				if (strcmp(x, y) != 0)
					continue;
				both++;
				for (int s = 0; s < nsheets; s++) {
					int m = oracle_move(dt[i][s], dn[j][s]);
					moves[s][m == 1 ? 0 : m == -1 ? 1 : m == 0 ? 2 : 3]++;
				}
			}
		assert_int_equal(sh.both, both);
		assert_int_equal((int)sh.nsheets, nsheets);
		for (int s = 0; s < nsheets; s++) {
			const struct rounds_sheet *r = &sh.sheets[s];
			assert_int_equal(r->towards_agreement, moves[s][0]);
			assert_int_equal(r->towards_disagreement, moves[s][1]);
			assert_int_equal(r->stayed, moves[s][2]);
			assert_int_equal(r->not_comparable, moves[s][3]);
			for (int l = 0; l < LEVEL_COUNT; l++) {
				int sum_t = 0, sum_n = 0, ppl_t = 0, ppl_n = 0;
				for (int i = 0; i < kt; i++) {
					sum_t += dt[i][s][l];
					ppl_t += dt[i][s][l] > 0;
				}
				for (int j = 0; j < kn; j++) {
					sum_n += dn[j][s][l];
					ppl_n += dn[j][s][l] > 0;
				}
				assert_int_equal(r->dots[ROUNDS_THEN][l], sum_t);
				assert_int_equal(r->dots[ROUNDS_NOW][l], sum_n);
				assert_int_equal(r->people[ROUNDS_THEN][l], ppl_t);
				assert_int_equal(r->people[ROUNDS_NOW][l], ppl_n);
			}
		}
		report_free(&a);
		report_free(&b);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(title_marks_the_round),
		cmocka_unit_test(title_stays_within_the_limit),
		cmocka_unit_test(mark_is_found_at_the_end),
		cmocka_unit_test(shift_by_hand),
		cmocka_unit_test(anonymous_is_not_matched),
		cmocka_unit_test(shift_matches_oracle),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
