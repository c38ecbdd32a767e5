/* Unit tests of the rehearsal content: the seed's participant A first,
 * every ballot within the rules, names distinct, notes pointing at real
 * writers and sheets, and the same counts in both languages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "config.h"
#include "tapla/demo.h"
#include "tapla/groups.h"
#include "tapla/i18n.h"

/* A ballot of the content keeps the rules of its 10-dot weighted session;
 * lang, round ("" or "round 2 ") and i name it in the failure. */
static void assert_ballot_keeps_rules(const struct demo_ballot *d,
				      const char *lang, const char *round, size_t i)
{
	struct ballot b;
	char err[256];
	demo_ballot(d, 4, &b);
	if (rules_check_ballot(&b, 10, MODE_WEIGHTED, err, sizeof err) != RULES_OK)
		fail_msg("%s %sballot %zu: %s", lang, round, i, err);
}

static void content_keeps_the_rules(void **state)
{
	(void)state;
	const char *langs[] = { "fi", "en" };
	for (int k = 0; k < 2; k++) {
		const struct demo_content *c = demo_content(langs[k]);
		assert_int_equal(c->nballots, 13);
		assert_true(c->nnotes >= 8);
		int paper = 0;
		for (size_t i = 0; i < c->nballots; i++) {
			assert_ballot_keeps_rules(&c->ballots[i], langs[k], "", i);
			paper += c->ballots[i].source == SOURCE_PAPER;
			for (size_t j = 0; j < i; j++)
				assert_string_not_equal(c->ballots[i].name, c->ballots[j].name);
		}
		assert_int_equal(paper, 3);
		/* Three groups; the second round: the same 13 and 3 more. */
		assert_int_equal(groups_count(c->groups), 3);
		assert_int_equal(c->nround2, 16);
		for (size_t i = 0; i < c->nround2; i++) {
			assert_ballot_keeps_rules(&c->round2[i], langs[k], "round 2 ", i);
			assert_in_range(c->round2[i].group, 0, 2);
			if (i < c->nballots)
				assert_string_equal(c->round2[i].name, c->ballots[i].name);
		}
		for (size_t i = 0; i < c->nnotes; i++) {
			assert_in_range(c->notes[i].ballot, 0, (int)c->nballots - 1);
			assert_in_range(c->notes[i].sheet, 0, 3);
			assert_true(strlen(c->notes[i].text) > 0);
		}
	}
	assert_string_equal(demo_content("fi")->title_prefix, "HARJOITUS – ");
	assert_string_equal(demo_content("en")->title_prefix, "REHEARSAL – ");
	assert_string_equal(demo_content("xx")->title_prefix, "REHEARSAL – ");
}

/* Participant A of the seed: 5 agree, 2, 2, 1 disagree; 10 in all. */
static void participant_a_is_the_seed(void **state)
{
	(void)state;
	const struct demo_content *c = demo_content("fi");
	assert_string_equal(c->ballots[0].name, "Osallistuja A");
	assert_string_equal(demo_content("en")->ballots[0].name, "Participant A");
	struct ballot b;
	demo_ballot(&c->ballots[0], 4, &b);
	assert_int_equal(b.dots[0][LEVEL_AGREE], 5);
	assert_int_equal(rules_ballot_sheet_total(&b, 1), 2);
	assert_int_equal(rules_ballot_sheet_total(&b, 2), 2);
	assert_int_equal(b.dots[3][LEVEL_DISAGREE], 1);
	assert_int_equal(rules_ballot_total(&b), 10);
}

int main(void)
{
	i18n_init("en", TAPLA_BUILD_ROOT "/po");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(content_keeps_the_rules),
		cmocka_unit_test(participant_a_is_the_seed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
