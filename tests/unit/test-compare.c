/* Unit tests of the comparison writers (compare.c) on reports built in
 * memory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "tapla/compare.h"
#include "tapla/i18n.h"
#include "tapla/text.h"

#define NSHEETS 3
#define MAXR 6

static const char *const names[NSHEETS] = {
	"vertaispalveluverkosto", "oppimisverkosto", "vaikuttamisen verkosto",
};

/* A report of session `id` from template `tpl`; sheet i gets agree = a,
 * disagree = i. `title` may hold characters HTML and CSV must escape. */
static void make_report(struct report *r, int64_t id, const char *tpl,
			const char *title, int a)
{
	memset(r, 0, sizeof *r);
	r->session.id = id;
	snprintf(r->session.uuid, sizeof r->session.uuid,
		 "00000000-0000-4000-8000-%012lld", (long long)id);
	r->session.title = strdup(title);
	r->session.template_name = strdup(tpl);
	r->session.language = strdup("en");
	strcpy(r->session.created, "2026-11-24T10:00:00Z");
	r->session.nsheets = NSHEETS;
	r->sheets = calloc(NSHEETS, sizeof *r->sheets);
	assert_non_null(r->sheets);
	for (int i = 0; i < NSHEETS; i++) {
		r->sheets[i].short_name = strdup(names[i]);
		r->sheets[i].statement = strdup("A statement <with> \"marks\" & more.");
	}
	assert_true(tally_init(&r->tally, NSHEETS));
	for (int i = 0; i < NSHEETS; i++) {
		r->tally.sheets[i].dots[LEVEL_AGREE] = a;
		r->tally.sheets[i].people[LEVEL_AGREE] = a ? 1 : 0;
		r->tally.sheets[i].dots[LEVEL_DISAGREE] = i;
		r->tally.sheets[i].people[LEVEL_DISAGREE] = i ? 1 : 0;
		r->tally.sheets[i].total_people = (a ? 1 : 0) + (i ? 1 : 0);
	}
	r->tally.participants = 2;
	tally_finish(&r->tally);
}

struct fixture {
	struct report r[MAXR];
	size_t n;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	assert_non_null(f);
	assert_true(i18n_init("en", TAPLA_BUILD_ROOT "/po"));
	f->n = MAXR;
	for (size_t i = 0; i < f->n; i++)
		make_report(&f->r[i], (int64_t)i + 1, "networks",
			    i == 0 ? "Kunta <script>alert(1)</script> & \"co\", ltd" :
				     "Kunta",
			    (int)i + 1);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	for (size_t i = 0; i < f->n; i++)
		report_free(&f->r[i]);
	free(f);
	return 0;
}

/* Sessions of different templates, or of one template with other sheets,
 * are refused with a sentence naming both. */
static void check_refuses_other_templates(void **state)
{
	struct fixture *f = *state;
	char err[512];
	assert_true(compare_check(f->r, 4, err, sizeof err));
	free(f->r[2].session.template_name);
	f->r[2].session.template_name = strdup("vitality");
	assert_false(compare_check(f->r, 4, err, sizeof err));
	assert_non_null(strstr(err, "session 3"));
	assert_non_null(strstr(err, "“networks”"));
	assert_non_null(strstr(err, "“vitality”"));
	free(f->r[2].session.template_name);
	f->r[2].session.template_name = strdup("networks");
	free(f->r[1].sheets[2].statement);
	f->r[1].sheets[2].statement = strdup("Edited.");
	assert_false(compare_check(f->r, 2, err, sizeof err));
	assert_non_null(strstr(err, "different sheets"));
}

/* Every line of a text within `width` display columns. */
static void assert_fits(const char *text, size_t width)
{
	const char *p = text;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (text_width_n(p, len) > width)
			fail_msg("line wider than %zu: \"%.*s\"", width, (int)len, p);
		p += len + (nl ? 1 : 0);
	}
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

/* Two to four sessions fit 80 columns side by side: one heading row per
 * sheet. More go below, still within the width. */
static void text_fits_80_columns(void **state)
{
	struct fixture *f = *state;
	for (size_t n = 2; n <= 4; n++) {
		struct buf out;
		buf_init(&out);
		assert_true(compare_text(f->r, n, 80, &out));
		assert_fits(buf_str(&out), 80);
		assert_int_equal(count(buf_str(&out), "Agreement score"), NSHEETS);
		assert_non_null(strstr(buf_str(&out), "Sheet 3: vaikuttamisen verkosto"));
		buf_free(&out);
	}
	struct buf out;
	buf_init(&out);
	assert_true(compare_text(f->r, 6, 80, &out));
	assert_fits(buf_str(&out), 80);
	/* Six sessions: four beside each other, two below, per sheet. */
	assert_int_equal(count(buf_str(&out), "Agreement score"), 2 * NSHEETS);
	assert_non_null(strstr(buf_str(&out), "Session 6"));
	buf_free(&out);
	buf_init(&out);
	assert_true(compare_text(f->r, 6, 120, &out));
	assert_fits(buf_str(&out), 120);
	assert_int_equal(count(buf_str(&out), "Agreement score"), NSHEETS);
	buf_free(&out);
}

/* The numbers in the text are each session's own. */
static void text_shows_each_session(void **state)
{
	struct fixture *f = *state;
	struct buf out;
	buf_init(&out);
	assert_true(compare_text(f->r, 2, 80, &out));
	/* Sheet 2: session 1 has 1 + 1 dots, session 2 has 2 + 1. */
	const char *s2 = strstr(buf_str(&out), "Sheet 2");
	assert_non_null(s2);
	const char *dots = strstr(s2, "Dots");
	assert_non_null(dots);
	assert_int_equal(strncmp(dots, "Dots                           2             3\n",
				 47), 0);
	buf_free(&out);
}

/* CSV: a header and a row per sheet and session, with fields quoted. */
static void csv_rows(void **state)
{
	struct fixture *f = *state;
	struct buf out;
	buf_init(&out);
	assert_true(compare_csv(f->r, 3, NULL, &out));
	const char *s = buf_str(&out);
	assert_int_equal(count(s, "\r\n"), 1 + NSHEETS * 3);
	assert_int_equal(strncmp(s, "sheet,title,session,uuid,session_title,", 39), 0);
	assert_non_null(strstr(s, "\"Kunta <script>alert(1)</script> & \"\"co\"\", ltd\""));
	assert_non_null(strstr(s, "\r\n2,oppimisverkosto,2,"));
	buf_free(&out);
	struct report_options o = { .csv_sep = ';', .csv_bom = true };
	buf_init(&out);
	assert_true(compare_csv(f->r, 2, &o, &out));
	assert_int_equal(memcmp(buf_str(&out), "\xef\xbb\xbfsheet;title;", 15), 0);
	assert_non_null(strstr(buf_str(&out), ";0,5000;"));
	buf_free(&out);
}

/* HTML: one page, a table per sheet, nothing unescaped, no script. */
static void html_page(void **state)
{
	struct fixture *f = *state;
	struct buf out;
	buf_init(&out);
	assert_true(compare_html(f->r, 3, &out));
	const char *s = buf_str(&out);
	assert_int_equal(strncmp(s, "<!DOCTYPE html>", 15), 0);
	assert_null(strstr(s, "<script"));
	assert_null(strstr(s, "http"));
	assert_non_null(strstr(s, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;co&quot;"));
	assert_int_equal(count(s, "<table>"), NSHEETS);
	assert_int_equal(count(s, "</table>"), NSHEETS);
	assert_int_equal(count(s, "<th>Session 3<br><small>Kunta</small></th>"), NSHEETS);
	assert_non_null(strstr(s, "</html>\n"));
	buf_free(&out);
}

/* HTML: a stored title's control characters never reach the page and
 * bytes that are not UTF-8 become U+FFFD (the reports' one escaper). */
static void html_drops_controls(void **state)
{
	struct fixture *f = *state;
	free(f->r[1].session.title);
	f->r[1].session.title = strdup("Kun\x1b[2Jta\xff");
	struct buf out;
	buf_init(&out);
	assert_true(compare_html(f->r, 3, &out));
	const char *s = buf_str(&out);
	assert_null(strchr(s, '\x1b'));
	assert_null(strchr(s, '\xff'));
	assert_non_null(strstr(s, "<small>Kun[2Jta\xef\xbf\xbd</small>"));
	buf_free(&out);
	free(f->r[1].session.title);
	f->r[1].session.title = strdup("Kunta");
}

/* Sessions of one template in two languages compare by the template's
 * sheet keys; without keys their texts differ and they are refused; keys
 * that differ are refused. The page speaks the first session's language. */
static void keys_match_sheets_across_languages(void **state)
{
	struct fixture *f = *state;
	struct report *r = f->r;
	free(r[1].session.language);
	r[1].session.language = strdup("fi");
	free(r[1].sheets[0].short_name);
	r[1].sheets[0].short_name = strdup("peer-service network");
	free(r[1].sheets[0].statement);
	r[1].sheets[0].statement = strdup("Another language.");
	char err[512];
	assert_false(compare_check(r, 2, err, sizeof err));
	const char *keys[NSHEETS] = { "peer", "learning", "influence" };
	for (int k = 0; k < 2; k++)
		for (int i = 0; i < NSHEETS; i++)
			r[k].sheets[i].key = strdup(keys[i]);
	assert_true(compare_check(r, 2, err, sizeof err));
	free(r[1].sheets[2].key);
	r[1].sheets[2].key = strdup("other");
	assert_false(compare_check(r, 2, err, sizeof err));
	/* The first session is Finnish: so is the page, whatever the caller's
	 * language, which is restored afterwards. */
	free(r[0].session.language);
	r[0].session.language = strdup("fi");
	struct buf out;
	buf_init(&out);
	assert_true(compare_html(r, 2, &out));
	assert_non_null(strstr(buf_str(&out), "<html lang=\"fi\">"));
	assert_non_null(strstr(buf_str(&out), "Arkki 1"));
	assert_null(strstr(buf_str(&out), "Sheet 1"));
	/* The other session's own name for the sheet is shown beside it. */
	assert_non_null(strstr(buf_str(&out), "peer-service network"));
	assert_string_equal(i18n_language(), "en");
	buf_free(&out);
}

#define COMPARE_TEST(t) cmocka_unit_test_setup_teardown(t, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		COMPARE_TEST(check_refuses_other_templates),
		COMPARE_TEST(text_fits_80_columns),
		COMPARE_TEST(text_shows_each_session),
		COMPARE_TEST(csv_rows),
		COMPARE_TEST(html_page),
		COMPARE_TEST(html_drops_controls),
		COMPARE_TEST(keys_match_sheets_across_languages),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
