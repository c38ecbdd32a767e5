/* Unit tests of the text module: validation, cleaning, keys, sanitizing,
 * width, fitting and wrapping. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tapla/text.h"

/* Each test's strings to free, so a failing assertion does not leak. */
struct bag {
	char *s[32];
	size_t n;
};

static int bag_setup(void **state)
{
	struct bag *b = calloc(1, sizeof *b);
	*state = b;
	return b ? 0 : -1;
}

static int bag_teardown(void **state)
{
	struct bag *b = *state;
	for (size_t i = 0; i < b->n; i++)
		free(b->s[i]);
	free(b);
	return 0;
}

/* Keeps s for the teardown and returns it (NULL stays NULL). */
static char *keep(void **state, char *s)
{
	struct bag *b = *state;
	assert_true(b->n < sizeof b->s / sizeof b->s[0]);
	if (s)
		b->s[b->n++] = s;
	return s;
}

static bool valid(const char *s)
{
	return text_valid_utf8(s, strlen(s));
}

/* Overlongs, surrogates, code points past U+10FFFF and cut sequences are
 * all refused; good text of every length passes. */
static void utf8_validation(void **state)
{
	(void)state;
	assert_true(valid(""));
	assert_true(valid("Matti Meikäläinen"));
	assert_true(valid("漢字 \xf0\x9f\x98\x80"));      /* U+1F600 */
	assert_true(valid("\xf4\x8f\xbf\xbf"));           /* U+10FFFF */
	assert_false(valid("\xc0\x80"));                  /* overlong NUL */
	assert_false(valid("\xc1\xbf"));                  /* overlong '\x7f' */
	assert_false(valid("\xe0\x80\xaf"));              /* overlong '/' */
	assert_false(valid("\xed\xa0\x80"));              /* U+D800 */
	assert_false(valid("\xed\xbf\xbf"));              /* U+DFFF */
	assert_false(valid("\xf4\x90\x80\x80"));          /* U+110000 */
	assert_false(valid("\xf5\x80\x80\x80"));
	assert_false(valid("ab\xc3"));                    /* truncated ä */
	assert_false(valid("\xe6\xbc"));                  /* truncated 漢 */
	assert_false(valid("\x80"));                      /* lone continuation */
	assert_false(valid("\xff"));
	assert_true(text_valid_utf8(NULL, 0));
}

/* One text_clean case: why it is there, the input, the limit in
 * characters, and the status and cleaned text it must give (a refusal
 * gives no text). */
struct clean_case {
	const char *why;
	const char *in;
	size_t max;
	enum text_status want;
	const char *out;
};

static const struct clean_case clean_cases[] = {
	/* Surrounding white space goes, inner white space stays. */
	{ "a trailing newline", "  Matti  Meikäläinen \n", 60, TEXT_CONTROL, NULL },
	{ "spaces around", "  Matti  Meikäläinen  ", 60, TEXT_OK, "Matti  Meikäläinen" },
	{ "no-break and ideographic spaces around", "\xc2\xa0Liisa\xe3\x80\x80", 60,
	  TEXT_OK, "Liisa" },
	/* Nothing but white space (or nothing at all) is empty. */
	{ "nothing", "", 60, TEXT_EMPTY, NULL },
	{ "spaces", "    ", 60, TEXT_EMPTY, NULL },
	{ "a no-break space", " \xc2\xa0 ", 60, TEXT_EMPTY, NULL },
	{ "NULL", NULL, 60, TEXT_EMPTY, NULL },
	/* C0 (ESC, tab, newline), DEL and C1 anywhere are refused. */
	{ "ESC", "a\x1b[31mb", 60, TEXT_CONTROL, NULL },
	{ "a tab", "a\tb", 60, TEXT_CONTROL, NULL },
	{ "a newline", "a\nb", 60, TEXT_CONTROL, NULL },
	{ "DEL", "ab\x7f", 60, TEXT_CONTROL, NULL },
	{ "SOH", "\x01x", 60, TEXT_CONTROL, NULL },
	{ "C1 U+0080", "a\xc2\x80", 60, TEXT_CONTROL, NULL },
	{ "C1 CSI", "a\xc2\x9b" "31m", 60, TEXT_CONTROL, NULL },
	{ "C1 U+009F", "a\xc2\x9f", 60, TEXT_CONTROL, NULL },
	/* U+00A0 (just after C1) is not a control. */
	{ "an inner no-break space", "a\xc2\xa0" "b", 60, TEXT_OK, "a\xc2\xa0" "b" },
	/* Bad UTF-8 is refused before anything else. */
	{ "an overlong NUL", "Matti\xc0\x80", 60, TEXT_BAD_UTF8, NULL },
	{ "a surrogate", "\xed\xa0\x80", 60, TEXT_BAD_UTF8, NULL },
	{ "a cut ä", "abc\xe4", 60, TEXT_BAD_UTF8, NULL },
	/* The limit counts characters, not bytes: five ä are 10 bytes. */
	{ "six ä in five", "ääääää", 5, TEXT_TOO_LONG, NULL },
	{ "six ä in six", "ääääää", 6, TEXT_OK, "ääääää" },
	{ "four CJK in four", "漢字漢字", 4, TEXT_OK, "漢字漢字" },
	{ "spaces do not count", "  abc  ", 3, TEXT_OK, "abc" },
	/* NFD ä is two code points, but stored as one. */
	{ "two NFD ä in two", "a\xcc\x88" "a\xcc\x88", 2, TEXT_OK, "ää" },
	/* The result is NFC: NFD a + U+0308 becomes ä. */
	{ "NFC", "Ma\xcc\x88kinen", 60, TEXT_OK, "M\xc3\xa4kinen" },
	/* Bidi overrides, embeddings and isolates never reach a title or a
	 * note (they would show it backwards); marks (LRM, RLM) and the text
	 * stay. */
	{ "RLO ... PDF", "\xe2\x80\xae" "Evil title\xe2\x80\xac", 120, TEXT_OK,
	  "Evil title" },
	{ "an isolate and an RLM", " \xe2\x81\xa7\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d"
	  "\xe2\x81\xa9 \xe2\x80\x8f", 120, TEXT_OK,
	  "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d \xe2\x80\x8f" },
	{ "only bidi formatting", "\xe2\x80\xad\xe2\x80\xab ", 120, TEXT_EMPTY, NULL },
};

/* Does one case give its status and text? If not, why in msg. */
static bool clean_case_holds(const struct clean_case *c, char *msg, size_t n)
{
	char *out = (char *)"unset";
	enum text_status st = text_clean(c->in, c->max, &out);
	bool ok = st == c->want &&
		  (c->out ? out && strcmp(out, c->out) == 0 : out == NULL);
	if (!ok)
		snprintf(msg, n, "%s: status %d, text \"%s\"; want %d, \"%s\"", c->why,
			 (int)st, out ? out : "(none)", (int)c->want,
			 c->out ? c->out : "(none)");
	free(out);
	return ok;
}

static void clean_cases_hold(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof clean_cases / sizeof clean_cases[0]; i++) {
		char msg[512];
		if (!clean_case_holds(&clean_cases[i], msg, sizeof msg))
			fail_msg("%s", msg);
	}
}

/* Every status has a sentence; OK has none. */
static void status_messages(void **state)
{
	(void)state;
	assert_string_equal(text_status_message(TEXT_OK), "");
	enum text_status all[] = { TEXT_EMPTY, TEXT_TOO_LONG, TEXT_BAD_UTF8,
				   TEXT_CONTROL, TEXT_NOMEM, TEXT_MIXED_SCRIPT };
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
		const char *m = text_status_message(all[i]);
		assert_non_null(m);
		assert_true(strlen(m) > 10);
		assert_int_equal(m[strlen(m) - 1], '.');
	}
	assert_string_not_equal(text_status_message(TEXT_EMPTY),
				text_status_message(TEXT_TOO_LONG));
}

/* Case, normalization and spacing do not make a different signer. */
static void name_key_matches_forms(void **state)
{
	char *a = keep(state, text_name_key("  Matti  Meikäläinen "));
	char *b = keep(state, text_name_key("matti meikäläinen"));
	char *c = keep(state, text_name_key("Matti Meika\xcc\x88la\xcc\x88inen"));
	char *d = keep(state, text_name_key("MATTI MEIKÄLÄINEN"));
	char *e = keep(state, text_name_key("Matti\xc2\xa0\t Meikäläinen"));
	assert_non_null(a);
	assert_string_equal(a, b);
	assert_string_equal(a, c);
	assert_string_equal(a, d);
	assert_string_equal(a, e);
}

/* Different names stay different; bad UTF-8 gives no key. */
static void name_key_keeps_differences(void **state)
{
	char *a = keep(state, text_name_key("Matti Meikäläinen"));
	char *b = keep(state, text_name_key("Matti Meikalainen"));
	char *c = keep(state, text_name_key("MattiMeikäläinen"));
	assert_string_not_equal(a, b);
	assert_string_not_equal(a, c);
	assert_null(text_name_key("Matti\xc0\x80"));
	assert_null(text_name_key(NULL));
	char *e = keep(state, text_name_key("   "));
	assert_string_equal(e, "");
}

/* The fold for words (level names) is case and spacing only: digits and
 * symbols stay as typed (not a signer's skeleton, where "0" is "O"). */
static void fold_key_is_case_and_spaces(void **state)
{
	assert_string_equal(keep(state, text_fold_key("  0 ")), "0");
	assert_string_equal(keep(state, text_fold_key("-- T\xc3\x84YSIN  SAMAA")),
			    "-- t\xc3\xa4ysin samaa");
	assert_string_equal(keep(state, text_fold_key("STRASSE")),
			    keep(state, text_fold_key("stra\xc3\x9f" "e")));
	assert_null(text_fold_key("\xc0\x80"));
}

/* Sanitizes s and compares (the copy is freed by the teardown). */
static void assert_sanitized(void **state, const char *in, const char *want)
{
	char *out = keep(state, text_sanitize(in));
	assert_non_null(out);
	assert_string_equal(out, want);
}

/* CSI, OSC (BEL- or ST-terminated) and plain ESC sequences go whole. */
static void sanitize_removes_escapes(void **state)
{
	assert_sanitized(state, "\x1b[31mred\x1b[0m", "red");
	assert_sanitized(state, "a\x1b[2Jb", "ab");
	assert_sanitized(state, "\x1b]0;title\x07name", "name");
	assert_sanitized(state, "x\x1b]8;;http://e.com\x1b\\link\x1b]8;;\x1b\\y", "xlinky");
	assert_sanitized(state, "a\x1b" "cb", "ab");          /* ESC c: reset */
	assert_sanitized(state, "a\x1b(Bb", "ab");            /* ESC ( B */
	assert_sanitized(state, "a\x1bP1$r\x1b\\b", "ab");    /* DCS */
	assert_sanitized(state, "a\x1b[?1049h", "a");
	assert_sanitized(state, "end\x1b", "end");
	/* An unterminated string swallows the rest, as a terminal would. */
	assert_sanitized(state, "a\x1b]0;never ends", "a");
	/* A stray byte ends a CSI early and is itself handled. */
	assert_sanitized(state, "a\x1b[3\nb", "a b");
}

/* C1 introducers as code points (U+009B CSI, U+009D OSC) are removed too. */
static void sanitize_removes_c1_sequences(void **state)
{
	assert_sanitized(state, "a\xc2\x9b" "31mb", "ab");
	assert_sanitized(state, "a\xc2\x9d" "0;t\xc2\x9c" "b", "ab");
	assert_sanitized(state, "a\xc2\x85" "b", "a b");      /* NEL: a space */
}

/* Other controls become a space, invalid bytes U+FFFD. */
static void sanitize_replaces_the_rest(void **state)
{
	assert_sanitized(state, "a\tb\nc\rd\x7f" "e", "a b c d e");
	assert_sanitized(state, "a\xff" "b", "a\xef\xbf\xbd" "b");
	assert_sanitized(state, "\xc0\x80", "\xef\xbf\xbd\xef\xbf\xbd");
	assert_sanitized(state, "\x9b" "31m", "\xef\xbf\xbd" "31m");
	assert_sanitized(state, "Meikäläinen 漢字", "Meikäläinen 漢字");
	assert_sanitized(state, "", "");
}

/* Columns, not bytes nor code points. */
static void width_counts_columns(void **state)
{
	(void)state;
	assert_int_equal(text_width(""), 0);
	assert_int_equal(text_width("abc"), 3);
	assert_int_equal(text_width("äö"), 2);
	assert_int_equal(text_width("漢字"), 4);
	assert_int_equal(text_width("\xf0\x9f\x98\x80"), 2);
	assert_int_equal(text_width("a\xcc\x88"), 1);
	assert_int_equal(text_width("\xcc\x88"), 0);
	assert_int_equal(text_width("10\xc2\xa0min."), 7);  /* NBSP: one column */
	assert_int_equal(text_width("\x1b"), 1);            /* drawn as one cell */
	assert_int_equal(text_width_n("漢字", 3), 2);
	assert_int_equal(text_chars("ääö", strlen("ääö")), 3);
	assert_int_equal(text_chars("a\xcc\x88", 3), 2);
}

/* A prefix never splits a character, keeps marks with their base and never
 * exceeds the columns; a wide character that does not fit is left out. */
static void fit_respects_characters(void **state)
{
	(void)state;
	size_t w = 99;
	assert_int_equal(text_fit("abc", 2, &w), 2);
	assert_int_equal(w, 2);
	assert_int_equal(text_fit("äöå", 2, &w), 4);
	assert_int_equal(w, 2);
	assert_int_equal(text_fit("a漢字", 2, &w), 1);
	assert_int_equal(w, 1);
	assert_int_equal(text_fit("漢字", 3, &w), 3);
	assert_int_equal(w, 2);
	assert_int_equal(text_fit("漢字", 1, &w), 0);
	assert_int_equal(w, 0);
	/* a + U+0308 + b: the mark stays with a. */
	assert_int_equal(text_fit("a\xcc\x88" "b", 1, &w), 3);
	assert_int_equal(w, 1);
	assert_int_equal(text_fit("ba\xcc\x88", 1, &w), 1);
	/* क + ि (a spacing mark, one column each) is one character. */
	assert_int_equal(text_fit("\xe0\xa4\x95\xe0\xa4\xbf", 1, &w), 0);
	assert_int_equal(text_fit("\xe0\xa4\x95\xe0\xa4\xbf", 2, &w), 6);
	assert_int_equal(w, 2);
	assert_int_equal(text_fit("\xf0\x9f\x98\x80x", 1, &w), 0);
	assert_int_equal(text_fit("abc", 10, &w), 3);
	assert_int_equal(w, 3);
	assert_int_equal(text_fit("abc", 0, NULL), 0);
}

/* Every prefix text_fit gives, for every width, is valid and fits. */
static void fit_never_overflows(void **state)
{
	(void)state;
	const char *s = "Mä漢a\xcc\x88\xf0\x9f\x98\x80 x字";
	for (size_t cols = 0; cols < 16; cols++) {
		size_t w = 0, n = text_fit(s, cols, &w);
		assert_true(w <= cols);
		assert_true(text_valid_utf8(s, n));
		assert_int_equal(text_width_n(s, n), w);
		assert_true(n == 0 || (unsigned char)s[n] != 0xcc);
	}
}

/* Escape sequences are measured whole; plain text is not one. */
static void escape_len_measures_sequences(void **state)
{
	(void)state;
	assert_int_equal(text_escape_len("\x1b[31mx", 6), 5);
	assert_int_equal(text_escape_len("\x1b]0;t\x07x", 7), 6);
	assert_int_equal(text_escape_len("\x1b", 1), 1);
	assert_int_equal(text_escape_len("\xc2\x9b" "1mx", 5), 4);
	assert_int_equal(text_escape_len("x\x1b", 2), 0);
	assert_int_equal(text_escape_len("\xc3\xa4", 2), 0);
}

/* A text, the columns it is wrapped to, and the lines it must give (up to
 * four, the rest NULL). */
struct wrap_case {
	const char *in;
	size_t cols;
	const char *lines[5];
};

static const struct wrap_case wrap_cases[] = {
	/* Breaks at spaces, never inside a word that fits on a line. */
	{ "the quick brown fox", 10, { "the quick", "brown fox" } },
	{ "the quick brown fox", 9, { "the quick", "brown fox" } },
	{ "aa bb   cc", 5, { "aa bb", "cc" } },
	{ "short", 80, { "short" } },
	/* Spaces at the end of a line are left off; an indent is kept. */
	{ "aa   bbbbb", 6, { "aa", "bbbbb" } },
	{ "ab  ", 10, { "ab" } },
	{ "  abcdef", 4, { "  ab", "cdef" } },
	{ "ä ö å", 3, { "ä ö", "å" } },
	{ "", 10, { NULL } },
	/* A word longer than the line is split by character. */
	{ "abcdefghij", 4, { "abcd", "efgh", "ij" } },
	{ "ab cdefghij", 4, { "ab", "cdef", "ghij" } },
	{ "äääää", 2, { "ää", "ää", "ä" } },
	/* The mark stays with its base. */
	{ "aa\xcc\x88" "b", 2, { "aa\xcc\x88", "b" } },
	{ "a\xe0\xa4\x95\xe0\xa4\xbf", 2, { "a", "\xe0\xa4\x95\xe0\xa4\xbf" } },
	/* Newlines start new lines; empty lines are kept. */
	{ "one\ntwo", 10, { "one", "two" } },
	{ "one\n\ntwo", 10, { "one", "", "two" } },
	{ "a\n", 10, { "a", "" } },
	/* CJK takes two columns a character; one too wide gets its own line. */
	{ "漢字漢字漢", 4, { "漢字", "漢字", "漢" } },
	{ "漢字漢字漢", 5, { "漢字", "漢字", "漢" } },
	{ "a漢", 2, { "a", "漢" } },
	{ "漢字", 1, { "漢", "字" } },
	{ "ab", 0, { "a", "b" } },
	/* A no-break space (U+00A0) holds a number to its unit (13.6: "(noin
	 * 10" / "min.)"); it is one column wide, so "10 min.)" fills 8. */
	{ "(noin 10\xc2\xa0min.)", 9, { "(noin", "10\xc2\xa0min.)" } },
	{ "(noin 10\xc2\xa0min.)", 8, { "(noin", "10\xc2\xa0min.)" } },
	{ "(noin 10\xc2\xa0min.)", 7, { "(noin", "10\xc2\xa0min.", ")" } },
	{ "about 10\xc2\xa0min. now", 11, { "about", "10\xc2\xa0min. now" } },
};

/* Wraps one case and fails the test, naming it, unless its lines come out
 * (none wider than the columns, but for a single character). */
static void assert_wrapped(const struct wrap_case *c)
{
	size_t starts[16], lens[16], count = 0;
	while (c->lines[count])
		count++;
	size_t got = text_wrap(c->in, c->cols, starts, lens, 16);
	if (got != count)
		fail_msg("\"%s\" in %zu: %zu lines, want %zu", c->in, c->cols, got, count);
	for (size_t i = 0; i < count; i++) {
		const char *line = c->in + starts[i];
		if (lens[i] != strlen(c->lines[i]) ||
		    memcmp(line, c->lines[i], lens[i]) != 0)
			fail_msg("\"%s\" in %zu: line %zu is \"%.*s\", want \"%s\"", c->in,
				 c->cols, i + 1, (int)lens[i], line, c->lines[i]);
		if (text_width_n(line, lens[i]) > c->cols && text_chars(line, lens[i]) != 1)
			fail_msg("\"%s\" in %zu: line %zu is too wide", c->in, c->cols, i + 1);
	}
}

/* Spaces, long words, marks, newlines and wide characters. */
static void wrap_cases_hold(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof wrap_cases / sizeof wrap_cases[0]; i++)
		assert_wrapped(&wrap_cases[i]);
}

/* Counting only: more lines than `max` are counted, not written. */
static void wrap_counts_past_max(void **state)
{
	(void)state;
	size_t starts[1] = { 99 }, lens[1] = { 99 };
	assert_int_equal(text_wrap("a b c", 1, starts, lens, 1), 3);
	assert_int_equal(starts[0], 0);
	assert_int_equal(lens[0], 1);
	assert_int_equal(text_wrap("a b c", 1, NULL, NULL, 0), 3);
}

/* Output for a terminal keeps its lines and tabs, loses escapes, C1 and
 * other controls (a NUL inside too) and a CR that is not a line end. */
static void sanitize_lines_keeps_line_breaks(void **state)
{
	static const char in[] = "a\tb\r\nc\x1b]52;c;eA==\x07" "d\rX\n"
				 "e\xc2\x9b" "2Jf\x7fg\0h\xff";
	size_t len = 0;
	char *out = keep(state, text_sanitize_lines(in, sizeof in - 1, &len));
	assert_non_null(out);
	assert_int_equal(len, strlen(out));
	assert_string_equal(out, "a\tb\r\ncd X\nef g h\xef\xbf\xbd");
	static const char open_osc[] = "row1 \x1b]52;c;never ended\nrow2\r\nrow3 \x1b[";
	out = keep(state, text_sanitize_lines(open_osc, sizeof open_osc - 1, &len));
	assert_string_equal(out, "row1 \nrow2\r\nrow3 ");
}

#define BAG_TEST(f) cmocka_unit_test_setup_teardown(f, bag_setup, bag_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(utf8_validation),
		cmocka_unit_test(clean_cases_hold),
		cmocka_unit_test(status_messages),
		BAG_TEST(name_key_matches_forms),
		BAG_TEST(name_key_keeps_differences),
		BAG_TEST(fold_key_is_case_and_spaces),
		BAG_TEST(sanitize_removes_escapes),
		BAG_TEST(sanitize_removes_c1_sequences),
		BAG_TEST(sanitize_replaces_the_rest),
		BAG_TEST(sanitize_lines_keeps_line_breaks),
		cmocka_unit_test(width_counts_columns),
		cmocka_unit_test(fit_respects_characters),
		cmocka_unit_test(fit_never_overflows),
		cmocka_unit_test(escape_len_measures_sequences),
		cmocka_unit_test(wrap_cases_hold),
		cmocka_unit_test(wrap_counts_past_max),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
