/* Unit tests of the ballot rules. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>

#include "tapla/i18n.h"
#include "tapla/rules.h"

/* The seed's participant A: 5 + 2 + 2 + 1 dots, within the budget of 10. */
static void seed_example_is_valid(void **state)
{
	(void)state;
	struct ballot b;
	char err[128];
	rules_ballot_init(&b, 4);
	b.dots[0][LEVEL_AGREE] = 5;
	b.dots[1][LEVEL_PARTLY_AGREE] = 2;
	b.dots[2][LEVEL_NEUTRAL] = 2;
	b.dots[3][LEVEL_DISAGREE] = 1;
	assert_int_equal(rules_ballot_total(&b), 10);
	assert_int_equal(rules_check_ballot(&b, 10, MODE_WEIGHTED, err, sizeof err), RULES_OK);
	/* In classic mode five dots on one sheet are refused. */
	assert_int_equal(rules_check_ballot(&b, 10, MODE_CLASSIC, err, sizeof err),
			 RULES_CLASSIC_TWICE);
}

/* Over the budget: the sentence names both numbers. */
static void over_budget_is_refused(void **state)
{
	(void)state;
	struct ballot b;
	char err[128];
	rules_ballot_init(&b, 4);
	b.dots[0][LEVEL_AGREE] = 7;
	b.dots[1][LEVEL_UNSURE] = 5;
	assert_int_equal(rules_check_ballot(&b, 10, MODE_WEIGHTED, err, sizeof err),
			 RULES_OVER_BUDGET);
	assert_string_equal(err, "12 dots given, the budget is 10.");
	/* One cell over the budget says the same, not "not a number". */
	rules_ballot_init(&b, 4);
	b.dots[0][LEVEL_AGREE] = 11;
	assert_int_equal(rules_check_ballot(&b, 10, MODE_WEIGHTED, err, sizeof err),
			 RULES_OVER_BUDGET);
	assert_string_equal(err, "11 dots given, the budget is 10.");
}

/* Adding a dot: the budget and classic's one dot per sheet hold. */
static void can_add_respects_budget_and_mode(void **state)
{
	(void)state;
	struct ballot b;
	rules_ballot_init(&b, 2);
	b.dots[0][LEVEL_AGREE] = 2;
	assert_int_equal(rules_can_add(&b, 3, MODE_WEIGHTED, 1, LEVEL_NEUTRAL, NULL, 0), RULES_OK);
	b.dots[1][LEVEL_NEUTRAL] = 1;
	assert_int_equal(rules_can_add(&b, 3, MODE_WEIGHTED, 0, LEVEL_AGREE, NULL, 0),
			 RULES_OVER_BUDGET);
	assert_int_equal(rules_can_add(&b, 3, MODE_WEIGHTED, 2, LEVEL_AGREE, NULL, 0),
			 RULES_BAD_SHEET);
	rules_ballot_init(&b, 2);
	b.dots[0][LEVEL_AGREE] = 1;
	assert_int_equal(rules_can_add(&b, 10, MODE_CLASSIC, 0, LEVEL_DISAGREE, NULL, 0),
			 RULES_CLASSIC_TWICE);
	assert_int_equal(rules_can_set(&b, 10, MODE_CLASSIC, 0, LEVEL_AGREE, 1, NULL, 0), RULES_OK);
}

/* Levels parse from keys, symbols, column numbers and the paper's words. */
static void levels_parse_every_spelling(void **state)
{
	(void)state;
	enum level l;
	assert_true(rules_level_parse("agree", &l) && l == LEVEL_AGREE);
	assert_true(rules_level_parse("--", &l) && l == LEVEL_DISAGREE);
	assert_true(rules_level_parse("6", &l) && l == LEVEL_UNSURE);
	assert_true(rules_level_parse("Osittain eri", &l) && l == LEVEL_PARTLY_DISAGREE);
	assert_true(rules_level_parse("PARTLY-AGREE", &l) && l == LEVEL_PARTLY_AGREE);
	assert_false(rules_level_parse("7", &l));
	assert_false(rules_level_parse("", &l));
	assert_false(rules_level_parse("agreeish", &l));
	enum quadrant q;
	assert_true(rules_quadrant_parse("o", &q) && q == QUAD_O);
	assert_false(rules_quadrant_parse("X", &q));
}

/* s in upper (or lower) case by Unicode's full mapping ("TÄYSIN SAMAA"). */
static char *recased(const char *s, bool upper)
{
	size_t len = 0;
	const uint8_t *in = (const uint8_t *)s;
	uint8_t *r = upper ? u8_toupper(in, strlen(s), NULL, NULL, NULL, &len)
			   : u8_tolower(in, strlen(s), NULL, NULL, NULL, &len);
	assert_non_null(r);
	char *z = malloc(len + 1);
	assert_non_null(z);
	memcpy(z, r, len);
	z[len] = '\0';
	free(r);
	return z;
}

/* One spelling, as printed, upper-cased, lower-cased and spaced out, names
 * level l. */
static void assert_spelling(const char *s, enum level want)
{
	char spaced[160];
	snprintf(spaced, sizeof spaced, "  %s ", s);
	const char *forms[] = { s, spaced };
	for (size_t i = 0; i < 2; i++) {
		for (int c = 0; c < 3; c++) {
			char *t = c == 0 ? strdup(forms[i]) : recased(forms[i], c == 1);
			enum level got = LEVEL_COUNT;
			if (!rules_level_parse(t, &got) || got != want)
				fail_msg("\"%s\" (%s) is not read back as %s", t,
					 i18n_language(), rules_level_key(want));
			free(t);
		}
	}
}

/* Every spelling tapla prints for a level, in Finnish and in English, in
 * any letter case, with or without its symbol ("? En osaa sanoa", "En osaa
 * sanoa", "++ Strongly agree"), is read back as that level whatever the
 * language in effect (issue 14.3). */
static void levels_parse_every_printed_name(void **state)
{
	(void)state;
	const char *langs[] = { "fi", "en" };
	for (int printed = 0; printed < 2; printed++) {
		for (int l = 0; l < LEVEL_COUNT; l++) {
			assert_true(i18n_set_language(langs[printed]));
			const char *sym = rules_level_symbol((enum level)l);
			char *names[2] = { strdup(rules_level_name((enum level)l)),
					   strdup(rules_level_short((enum level)l)) };
			for (int read = 0; read < 2; read++) {
				/* Printed in one language, read in either. */
				assert_true(i18n_set_language(langs[read]));
				assert_spelling(rules_level_key((enum level)l), (enum level)l);
				assert_spelling(sym, (enum level)l);
				for (int k = 0; k < 2; k++) {
					char both[160], bare[160];
					size_t ns = strlen(sym);
					bool has_sym = strncmp(names[k], sym, ns) == 0 &&
						       names[k][ns] == ' ';
					snprintf(both, sizeof both, "%s %s", sym,
						 has_sym ? names[k] + ns + 1 : names[k]);
					snprintf(bare, sizeof bare, "%s",
						 has_sym ? names[k] + ns + 1 : names[k]);
					assert_spelling(names[k], (enum level)l);
					assert_spelling(both, (enum level)l);
					assert_spelling(bare, (enum level)l);
				}
			}
			free(names[0]);
			free(names[1]);
		}
	}
	enum level l;
	assert_true(rules_level_parse("TÄYSIN SAMAA", &l) && l == LEVEL_AGREE);
	assert_true(rules_level_parse("en osaa sanoa", &l) && l == LEVEL_UNSURE);
	assert_true(rules_level_parse("DON'T KNOW", &l) && l == LEVEL_UNSURE);
	/* A symbol that belongs to another column is no spelling. */
	assert_false(rules_level_parse("++ Osittain samaa", &l));
	assert_false(rules_level_parse("täysin", &l));
	assert_true(i18n_set_language("en"));
}

/* An empty ballot is refused: a participant must place a dot. */
static void empty_ballot_is_refused(void **state)
{
	(void)state;
	struct ballot b;
	rules_ballot_init(&b, 4);
	assert_int_equal(rules_check_ballot(&b, 10, MODE_WEIGHTED, NULL, 0), RULES_EMPTY);
	b.dots[0][0] = -1;
	assert_int_equal(rules_check_ballot(&b, 10, MODE_WEIGHTED, NULL, 0), RULES_BAD_DOTS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(seed_example_is_valid),
		cmocka_unit_test(over_budget_is_refused),
		cmocka_unit_test(can_add_respects_budget_and_mode),
		cmocka_unit_test(levels_parse_every_spelling),
		cmocka_unit_test(levels_parse_every_printed_name),
		cmocka_unit_test(empty_ballot_is_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
