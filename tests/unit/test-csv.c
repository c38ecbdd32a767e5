/* Unit tests of the CSV reader: quotes, doubled quotes, line breaks inside
 * quotes, a byte order mark, CRLF, ';' as separator, line numbers, and the
 * refusals. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "config.h"
#include "tapla/csv.h"
#include "tapla/i18n.h"

/* Reads every record of text, checking each against want: records
 * separated by NULL, fields as strings, the list ended by two NULLs. */
static void assert_records(const char *text, char sep, const char *const *want)
{
	struct csv_reader r;
	struct csv_record rec = { 0 };
	csv_init(&r, text, strlen(text), sep);
	size_t w = 0;
	while (want[w]) {
		assert_int_equal(csv_next(&r, &rec), CSV_OK);
		for (size_t i = 0; i < rec.n; i++, w++) {
			if (!want[w])
				fail_msg("record has more than the %zu fields wanted", i);
			assert_string_equal(rec.fields[i], want[w]);
		}
		assert_null(want[w]);
		w++;
	}
	assert_int_equal(csv_next(&r, &rec), CSV_END);
	csv_record_free(&rec);
}

static void plain_fields(void **state)
{
	(void)state;
	const char *want[] = { "participant", "name", "sheet", NULL,
			       "1", "Anna", "2", NULL, NULL };
	assert_records("participant,name,sheet\n1,Anna,2\n", ',', want);
	/* No line end after the last record; CRLF; CR alone. */
	assert_records("participant,name,sheet\r\n1,Anna,2", ',', want);
	assert_records("participant,name,sheet\r1,Anna,2\r", ',', want);
}

static void quotes_and_doubled_quotes(void **state)
{
	(void)state;
	const char *want[] = { "Virtanen, Anna", "she said \"yes\"", "", "x", NULL, NULL };
	assert_records("\"Virtanen, Anna\",\"she said \"\"yes\"\"\",\"\",x\n", ',', want);
	const char *empty[] = { "", "", "", NULL, NULL };
	assert_records(",,\n", ',', empty);
}

static void line_breaks_inside_quotes(void **state)
{
	(void)state;
	const char *text = "a,b\r\n\"two\r\nlines\",\"and\nmore\"\r\nlast,1\r\n";
	struct csv_reader r;
	struct csv_record rec = { 0 };
	csv_init(&r, text, strlen(text), 0);
	assert_int_equal(csv_next(&r, &rec), CSV_OK);
	assert_int_equal(rec.line, 1);
	assert_int_equal(csv_next(&r, &rec), CSV_OK);
	assert_int_equal(rec.line, 2);
	assert_int_equal(rec.n, 2);
	assert_string_equal(rec.fields[0], "two\r\nlines");
	assert_string_equal(rec.fields[1], "and\nmore");
	assert_int_equal(csv_next(&r, &rec), CSV_OK);
	assert_int_equal(rec.line, 5);  /* the record above took lines 2 to 4 */
	assert_string_equal(rec.fields[0], "last");
	assert_int_equal(csv_next(&r, &rec), CSV_END);
	csv_record_free(&rec);
}

static void bom_and_semicolons(void **state)
{
	(void)state;
	const char *text = "\xef\xbb\xbfparticipant;name;dots\r\n1;\"Mäki; Outi\";2,5\r\n";
	assert_int_equal(csv_detect_separator(text, strlen(text)), ';');
	const char *want[] = { "participant", "name", "dots", NULL,
			       "1", "Mäki; Outi", "2,5", NULL, NULL };
	assert_records(text, 0, want);
	assert_int_equal(csv_detect_separator("a,b;c,d\n;;;;", 13), ',');
	/* Separators inside quotes on the first line do not count. */
	assert_int_equal(csv_detect_separator("\"a;b;c\",d\n", 10), ',');
}

static void blank_records(void **state)
{
	(void)state;
	const char *text = "a,b\n\n,\nc,d\n";
	struct csv_reader r;
	struct csv_record rec = { 0 };
	csv_init(&r, text, strlen(text), ',');
	assert_int_equal(csv_next(&r, &rec), CSV_OK);
	assert_false(csv_record_blank(&rec));
	assert_int_equal(csv_next(&r, &rec), CSV_OK);
	assert_true(csv_record_blank(&rec));
	assert_int_equal(csv_next(&r, &rec), CSV_OK);
	assert_true(csv_record_blank(&rec));
	assert_int_equal(rec.line, 3);
	assert_int_equal(csv_next(&r, &rec), CSV_OK);
	assert_string_equal(rec.fields[1], "d");
	assert_int_equal(rec.line, 4);
	assert_int_equal(csv_next(&r, &rec), CSV_END);
	csv_record_free(&rec);
}

/* A refusal names the line its record starts on. */
static void assert_refused(const char *text, size_t len, enum csv_status want,
			   int line)
{
	struct csv_reader r;
	struct csv_record rec = { 0 };
	csv_init(&r, text, len, ',');
	enum csv_status s;
	while ((s = csv_next(&r, &rec)) == CSV_OK)
		;
	assert_int_equal(s, want);
	assert_int_equal(rec.line, line);
	assert_true(strlen(csv_status_message(s)) > 0);
	csv_record_free(&rec);
}

static void refusals(void **state)
{
	(void)state;
	const char *open = "a,b\n1,\"never closed\n2,x\n";
	assert_refused(open, strlen(open), CSV_UNCLOSED_QUOTE, 2);
	const char *after = "a,b\n1,2\n\"abc\"d,3\n";
	assert_refused(after, strlen(after), CSV_TEXT_AFTER_QUOTE, 3);
	const char nul[] = "a,b\n1,x\0y\n";
	assert_refused(nul, sizeof nul - 1, CSV_NUL, 2);
}

static void empty_input(void **state)
{
	(void)state;
	struct csv_reader r;
	struct csv_record rec = { 0 };
	csv_init(&r, "", 0, 0);
	assert_int_equal(csv_next(&r, &rec), CSV_END);
	csv_init(&r, "\xef\xbb\xbf", 3, 0);
	assert_int_equal(csv_next(&r, &rec), CSV_END);
	csv_record_free(&rec);
}

int main(void)
{
	i18n_init("en", TAPLA_BUILD_ROOT "/po");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(plain_fields),
		cmocka_unit_test(quotes_and_doubled_quotes),
		cmocka_unit_test(line_breaks_inside_quotes),
		cmocka_unit_test(bom_and_semicolons),
		cmocka_unit_test(blank_records),
		cmocka_unit_test(refusals),
		cmocka_unit_test(empty_input),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
