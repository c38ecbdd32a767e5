/* Unit tests of the command-line value parsers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "tapla/args.h"

/* A dot spec and what it parses to, for 4 sheets. */
struct dot_case {
	const char *spec;
	int sheet;  /* 0-based */
	enum level level;
	int dots;
};

static const struct dot_case good_dots[] = {
	{ "1:agree=5", 0, LEVEL_AGREE, 5 },
	{ "4:--=1", 3, LEVEL_DISAGREE, 1 },
	{ "2:unsure", 1, LEVEL_UNSURE, 1 },  /* one dot when none is given */
	{ "3:2=2", 2, LEVEL_PARTLY_AGREE, 2 },
};

static void dot_specs_parse(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof good_dots / sizeof good_dots[0]; i++) {
		const struct dot_case *c = &good_dots[i];
		int sheet, dots;
		enum level l;
		char err[256];
		if (!args_parse_dot(c->spec, 4, &sheet, &l, &dots, err, sizeof err))
			fail_msg("%s: refused: %s", c->spec, err);
		if (sheet != c->sheet || l != c->level || dots != c->dots)
			fail_msg("%s: sheet %d level %d dots %d, want %d %d %d", c->spec,
				 sheet, (int)l, dots, c->sheet, (int)c->level, c->dots);
	}
}

/* A refused dot spec and what its message must hold (NULL: anything). */
static const struct {
	const char *spec;
	const char *says;
} bad_dots[] = {
	{ "5:agree=1", "no sheet 5" },
	{ "1:maybe=1", "Unknown level “maybe”" },
	{ "1:agree=x", NULL },
	{ "1:agree=-1", NULL },
	{ "agree=1", NULL },
	{ "0:agree=1", NULL },
	{ "1:=1", NULL },
};

static void bad_dot_specs_say_why(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof bad_dots / sizeof bad_dots[0]; i++) {
		int sheet, dots;
		enum level l;
		char err[256];
		if (args_parse_dot(bad_dots[i].spec, 4, &sheet, &l, &dots, err, sizeof err))
			fail_msg("%s: accepted", bad_dots[i].spec);
		if (bad_dots[i].says && !strstr(err, bad_dots[i].says))
			fail_msg("%s: \"%s\" does not say \"%s\"", bad_dots[i].spec, err,
				 bad_dots[i].says);
	}
}

static void notes_parse(void **state)
{
	(void)state;
	int sheet;
	enum quadrant q;
	const char *text;
	char err[256];
	assert_true(args_parse_note("2:o:Yhteinen alusta: hyvä", 4, &sheet, &q, &text, err, sizeof err));
	assert_int_equal(sheet, 1);
	assert_int_equal(q, QUAD_O);
	assert_string_equal(text, "Yhteinen alusta: hyvä");
	assert_false(args_parse_note("2:X:text", 4, &sheet, &q, &text, err, sizeof err));
	assert_false(args_parse_note("2:ST:text", 4, &sheet, &q, &text, err, sizeof err));
}

static void ids_and_ints(void **state)
{
	(void)state;
	int64_t id;
	long v;
	char err[256];
	assert_true(args_parse_id("12", &id, err, sizeof err));
	assert_int_equal(id, 12);
	assert_false(args_parse_id("0", &id, err, sizeof err));
	assert_false(args_parse_id("1x", &id, err, sizeof err));
	assert_false(args_parse_id("", &id, err, sizeof err));
	assert_false(args_parse_int("99999999999999999999", 0, 10, &v));
	assert_true(args_parse_int("10", 0, 10, &v) && v == 10);
	assert_false(args_parse_int(" 1", 0, 10, &v));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dot_specs_parse),
		cmocka_unit_test(bad_dot_specs_say_why),
		cmocka_unit_test(notes_parse),
		cmocka_unit_test(ids_and_ints),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
