/* Complete at 80×24 in Finnish and English (issue 13.4): every screen and
 * state drawn through libvterm with a long session title, and each frame
 * checked: no word runs into the right edge (a letter in the last column
 * is a word cut there), the top bar keeps its title two columns clear of
 * its counts, and a participant's turn keeps "Esc" (how to cancel) on its
 * help line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "fixture.h"
#include "tapla/assets.h"
#include "tapla/text.h"

enum { ROWS = 24, COLS = 80 };

static const char long_title[] =
	"Demokratiapäivä 2015, rinnakkaisseminaari 5: palveluja, demokratiaa ja elinvoimaa";

/* A session with the long title and a few ballots; its id as text. */
static void make_long_session(struct fixture *f, const char *lang, char *id, size_t n)
{
	struct store *st = fx_open(f);
	struct template t;
	char err[300];
	assert_true(assets_load_template("networks", lang, &t, err, sizeof err));
	struct store_new_session opt = { .title = long_title, .budget = 10,
		.mode = MODE_WEIGHTED, .language = lang };
	int64_t sid = 0;
	assert_int_equal(store_session_create(st, &t, &opt, &sid), STORE_OK);
	tpl_free(&t);
	assert_int_equal(store_session_set_phase(st, sid, 2), STORE_OK);
	for (int p = 0; p < 25; p++) {
		struct ballot b = { .nsheets = 4 };
		b.dots[p % 4][p % LEVEL_COUNT] = 6;
		b.dots[(p + 1) % 4][LEVEL_AGREE] = 4;
		char name[40];
		snprintf(name, sizeof name, "Osallistuja numero %d", p + 1);
		int seq;
		assert_int_equal(store_ballot_save(st, sid, name, &b, NULL, 0, false, &seq),
				 STORE_OK);
	}
	store_close(st);
	snprintf(id, n, "%lld", (long long)sid);
}

/* Is the UTF-8 character ending row text a letter? (Numbers are
 * right-aligned to the margin by design.) */
static bool ends_in_word(const char *row)
{
	size_t n = strlen(row);
	if (n == 0)
		return false;
	unsigned char c = (unsigned char)row[n - 1];
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
		return true;
	/* ä ö å Ä Ö Å: C3 followed by A4 B6 A5 84 96 85 */
	return n >= 2 && (unsigned char)row[n - 2] == 0xc3;
}

/* Columns of spaces a row starts with. */
static size_t indent(const char *row)
{
	return strspn(row, " ");
}

/* Does `next` carry on a wrapped text from `row` (text at the same
 * indentation)? A word that ends at the margin is then no cut. */
static bool continues(const char *row, const char *next)
{
	return next[indent(next)] != '\0' && indent(next) == indent(row);
}

/* The frame as it settles, checked; `what` names it in a failure. */
static void check(struct fixture *f, const char *what)
{
	h_settle(f->h, 150, H_DEADLINE_MS);
	int bad = 0;
	for (int r = 0; r < ROWS; r++) {
		char row[1024], next[1024];  /* h_row's text lasts one call */
		snprintf(row, sizeof row, "%s", h_row(f->h, r));
		snprintf(next, sizeof next, "%s", r + 1 < ROWS ? h_row(f->h, r + 1) : "");
		/* Text cropped at the usual margin ends in column COLS - 2; the
		 * bars' right parts (top, help line) end there by design. */
		int edge = r == 0 || r == ROWS - 1 ? COLS : COLS - 1;
		if ((int)text_width(row) >= edge && ends_in_word(row) &&
		    !continues(row, next)) {
			fprintf(stderr, "%s: row %d runs into the edge: %s\n", what, r, row);
			bad++;
		}
	}
	/* The top bar: the title ends two columns before the right part. */
	const char *top = h_row(f->h, 0);
	const char *gap = strstr(top, "  ");
	if (text_width(top) >= COLS - 2 && !gap) {
		fprintf(stderr, "%s: the top bar's fields touch: %s\n", what, top);
		bad++;
	}
	if (bad)
		h_dump(f->h, what);
	assert_int_equal(bad, 0);
}

/* Every screen of the workshop in one language. */
static void walk(struct fixture *f, const char *lang)
{
	char id[32];
	make_long_session(f, lang, id, sizeof id);
	const char *argv[] = { "tapla", "--db", f->db, "--lang", lang, "run", id, NULL };
	f->h = h_start(argv, ROWS, COLS, f->dir);
	assert_non_null(f->h);
	check(f, "console, locked");
	h_key(f->h, "?");
	check(f, "help over the locked console");
	h_key(f->h, "x");
	h_key(f->h, "f");
	check(f, "console, facilitator");
	h_key(f->h, "?");
	check(f, "facilitator help");
	h_key(f->h, "x");
	h_key(f->h, "t");
	check(f, "transcription");
	h_key(f->h, "esc");
	h_key(f->h, "l");
	h_key(f->h, "enter");
	check(f, "turn: name");
	h_send(f->h, "Äijä Öhman-Virtanen");
	h_key(f->h, "enter");
	check(f, "turn: ballot");
	assert_non_null(strstr(h_row(f->h, ROWS - 1), "Esc"));
	h_key(f->h, "tab");
	check(f, "turn: notes");
	h_key(f->h, "esc");
	h_key(f->h, "3");
	h_key(f->h, "enter");
	check(f, "turn: review");
	h_key(f->h, "enter");
	check(f, "turn: hand-over");
	h_key(f->h, "f");
	h_key(f->h, "r");
	check(f, "results hidden");
	h_key(f->h, "v");
	check(f, "reveal: close first?");
	h_key(f->h, "y");
	check(f, "results chart");
	h_key(f->h, "t");
	check(f, "results table");
	h_key(f->h, "tab");
	check(f, "results notes");
	h_key(f->h, "esc");
	check(f, "console, closed");
	h_key(f->h, "s");
	check(f, "start screen");
	h_key(f->h, "up");
	check(f, "start screen, new session");
	h_key(f->h, "enter");
	check(f, "new-session form");
	h_free(f->h);
	const char *view[] = { "tapla", "--db", f->db, "--lang", lang, "screen", id, NULL };
	f->h = h_start(view, ROWS, COLS, f->dir);
	assert_non_null(f->h);
	check(f, "projector, results");
	h_key(f->h, "p");
	check(f, "projector, phase");
}

static int setup(void **state)
{
	return fx_setup(state, "tapla-fit", "fi");
}

static void test_fit_fi(void **state)
{
	walk(*state, "fi");
}

static void test_fit_en(void **state)
{
	walk(*state, "en");
}

int main(void)
{
	fx_filter_tests();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_fit_fi, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_fit_en, setup, fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
