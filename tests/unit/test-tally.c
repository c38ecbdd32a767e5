/* Unit tests of the tally: totals, shares, scores, ranks, flags. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "tapla/tally.h"

static int setup_seed(void **state)
{
	static struct tally t;
	if (!tally_init(&t, 4))
		return -1;
	/* The seed's participant A: 5 agree, 2, 2, 1 disagree. */
	t.sheets[0].dots[LEVEL_AGREE] = 5;
	t.sheets[1].dots[LEVEL_PARTLY_AGREE] = 2;
	t.sheets[2].dots[LEVEL_NEUTRAL] = 2;
	t.sheets[3].dots[LEVEL_DISAGREE] = 1;
	for (int i = 0; i < 4; i++)
		t.sheets[i].total_people = 1;
	t.participants = 1;
	tally_finish(&t);
	*state = &t;
	return 0;
}

static int teardown(void **state)
{
	tally_free(*state);
	return 0;
}

/* The worked example: 10 dots, 50 % on sheet 1, scores +10, +5, 0, −10. */
static void seed_totals_and_scores(void **state)
{
	struct tally *t = *state;
	assert_int_equal(t->total_dots, 10);
	assert_int_equal(t->sheets[0].total_dots, 5);
	assert_true(t->sheets[0].share > 0.4999 && t->sheets[0].share < 0.5001);
	assert_true(t->sheets[0].has_score);
	assert_true(t->sheets[0].score == 10.0);
	assert_true(t->sheets[1].score == 5.0);
	assert_true(t->sheets[2].score == 0.0);
	assert_true(t->sheets[3].score == -10.0);
}

/* Ranked by dots; sheets 2 and 3 tie on dots, sheet 2 wins on score. */
static void seed_ranking(void **state)
{
	struct tally *t = *state;
	assert_int_equal(t->sheets[0].rank, 1);
	assert_int_equal(t->sheets[1].rank, 2);
	assert_int_equal(t->sheets[2].rank, 3);
	assert_int_equal(t->sheets[3].rank, 4);
}

/* Only "unsure": no score; a third unsure raises the flag. */
static void unsure_has_no_score(void **state)
{
	(void)state;
	int dots[LEVEL_COUNT] = { 0, 0, 0, 0, 0, 3 };
	double s = 99;
	assert_false(tally_score(dots, &s));
	struct tally t;
	assert_true(tally_init(&t, 1));
	t.sheets[0].dots[LEVEL_UNSURE] = 2;
	t.sheets[0].dots[LEVEL_AGREE] = 4;
	t.sheets[0].total_people = 5;
	tally_finish(&t);
	assert_true(t.sheets[0].flags & TALLY_FLAG_UNSURE);
	assert_false(t.sheets[0].flags & TALLY_FLAG_FEW);
	tally_free(&t);
}

/* Both extremes a quarter or more: split; fewer than 3 people: few. */
static void split_and_few_flags(void **state)
{
	(void)state;
	struct tally t;
	assert_true(tally_init(&t, 2));
	t.sheets[0].dots[LEVEL_AGREE] = 3;
	t.sheets[0].dots[LEVEL_DISAGREE] = 3;
	t.sheets[0].dots[LEVEL_NEUTRAL] = 4;
	t.sheets[0].total_people = 6;
	t.sheets[1].dots[LEVEL_AGREE] = 1;
	t.sheets[1].total_people = 1;
	tally_finish(&t);
	assert_int_equal(t.sheets[0].flags, TALLY_FLAG_SPLIT);
	assert_int_equal(t.sheets[1].flags, TALLY_FLAG_FEW);
	assert_true(t.sheets[0].score == 0.0);
	tally_free(&t);
}

/* Equal dots and equal score share a rank. */
static void ties_share_a_rank(void **state)
{
	(void)state;
	struct tally t;
	assert_true(tally_init(&t, 3));
	t.sheets[0].dots[LEVEL_AGREE] = 2;
	t.sheets[1].dots[LEVEL_AGREE] = 2;
	t.sheets[2].dots[LEVEL_AGREE] = 1;
	tally_finish(&t);
	assert_int_equal(t.sheets[0].rank, 1);
	assert_int_equal(t.sheets[1].rank, 1);
	assert_int_equal(t.sheets[2].rank, 3);
	tally_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(seed_totals_and_scores, setup_seed, teardown),
		cmocka_unit_test_setup_teardown(seed_ranking, setup_seed, teardown),
		cmocka_unit_test(unsure_has_no_score),
		cmocka_unit_test(split_and_few_flags),
		cmocka_unit_test(ties_share_a_rank),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
