/* Unit tests of the command-line value parsers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "tapla/args.h"

static void dot_specs_parse(void **state)
{
	(void)state;
	int sheet, dots;
	enum level l;
	char err[256];
	assert_true(args_parse_dot("1:agree=5", 4, &sheet, &l, &dots, err, sizeof err));
	assert_int_equal(sheet, 0);
	assert_int_equal(l, LEVEL_AGREE);
	assert_int_equal(dots, 5);
	assert_true(args_parse_dot("4:--=1", 4, &sheet, &l, &dots, err, sizeof err));
	assert_int_equal(sheet, 3);
	assert_int_equal(l, LEVEL_DISAGREE);
	assert_true(args_parse_dot("2:unsure", 4, &sheet, &l, &dots, err, sizeof err));
	assert_int_equal(dots, 1);
	assert_true(args_parse_dot("3:2=2", 4, &sheet, &l, &dots, err, sizeof err));
	assert_int_equal(l, LEVEL_PARTLY_AGREE);
}

static void bad_dot_specs_say_why(void **state)
{
	(void)state;
	int sheet, dots;
	enum level l;
	char err[256];
	assert_false(args_parse_dot("5:agree=1", 4, &sheet, &l, &dots, err, sizeof err));
	assert_non_null(strstr(err, "no sheet 5"));
	assert_false(args_parse_dot("1:maybe=1", 4, &sheet, &l, &dots, err, sizeof err));
	assert_non_null(strstr(err, "Unknown level “maybe”"));
	assert_false(args_parse_dot("1:agree=x", 4, &sheet, &l, &dots, err, sizeof err));
	assert_false(args_parse_dot("1:agree=-1", 4, &sheet, &l, &dots, err, sizeof err));
	assert_false(args_parse_dot("agree=1", 4, &sheet, &l, &dots, err, sizeof err));
	assert_false(args_parse_dot("0:agree=1", 4, &sheet, &l, &dots, err, sizeof err));
	assert_false(args_parse_dot("1:=1", 4, &sheet, &l, &dots, err, sizeof err));
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
