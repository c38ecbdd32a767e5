/* Complete at 80×24 in Finnish and English (issue 13.4): every screen and
 * state drawn through libvterm with a long session title, and each frame
 * checked: no word runs into the right edge (a letter in the last column
 * is a word cut there), the top bar keeps its title two columns clear of
 * its counts, a prompt's box leaves nothing of the screen under it beside
 * it, and a participant's turn keeps "Esc" (how to cancel) on its help
 * line. Text cropped inside a line is found by comparing a screen with the
 * full strings it must show, translated as the binary translates them (a
 * ballot line's level names, the template's name, the results' headings,
 * the help's keys and its last line). The projector is walked at 80×24
 * and at 100×30. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "fixture.h"
#include "tapla/assets.h"
#include "tapla/i18n.h"
#include "tapla/rules.h"
#include "tapla/text.h"
#include "tapla/voting.h"

/* The terminal's size being checked (80×24, or the projector's 100×30). */
static int ROWS = 24, COLS = 80;
enum { ROWS_MAX = 30 };

static const char long_title[] =
	"Demokratiapäivä 2015, rinnakkaisseminaari 5: palveluja, demokratiaa ja elinvoimaa";

/* A session with the long title in `mode`, weighted with a few ballots;
 * its id as text. */
static void make_session_in(struct fixture *f, const char *lang, enum mode mode,
			    char *id, size_t n)
{
	struct store *st = fx_open(f);
	struct template t;
	char err[300];
	assert_true(assets_load_template("networks", lang, &t, err, sizeof err));
	struct store_new_session opt = { .title = long_title, .budget = 10,
		.mode = mode, .language = lang };
	int64_t sid = 0;
	assert_int_equal(store_session_create(st, &t, &opt, &sid), STORE_OK);
	tpl_free(&t);
	assert_int_equal(store_session_set_phase(st, sid, 2), STORE_OK);
	for (int p = 0; p < (mode == MODE_WEIGHTED ? 25 : 0); p++) {
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

/* The weighted session with the long title and a few ballots. */
static void make_long_session(struct fixture *f, const char *lang, char *id, size_t n)
{
	make_session_in(f, lang, MODE_WEIGHTED, id, n);
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

/* Is row (text) a rule of a prompt's box: "─" only, not from column 0?
 * Its first column and width go to *x and *w. */
static bool box_rule(const char *row, int *x, int *w)
{
	size_t in = indent(row);
	const char *p = row + in;
	int n = 0;
	while (strncmp(p, "\u2500", 3) == 0) {
		p += 3;
		n++;
	}
	*x = (int)in;
	*w = n;
	return in > 0 && n >= 20 && *p == '\0';
}

/* A prompt's box (two rules of one place and width, two to eight rows
 * apart) leaves nothing of the screen under it on its rows (a letter
 * beside it is a word the box cut) nor below it down to the message row
 * (the lower half of the big countdown). Returns the faults found. */
static int check_box(struct fixture *f, const char *what)
{
	int top = -1, x = 0, w = 0;
	for (int r = 1; r < ROWS - 1 && top < 0; r++) {
		int x1, w1, x2, w2;
		if (!box_rule(h_row(f->h, r), &x1, &w1))
			continue;
		for (int e = r + 3; e <= r + 8 && e < ROWS - 1; e++)
			if (box_rule(h_row(f->h, e), &x2, &w2) && x2 == x1 && w2 == w1) {
				top = r;
				x = x1;
				w = w1;
				for (int k = r; k <= e; k++) {
					char row[1024];
					snprintf(row, sizeof row, "%s", h_row(f->h, k));
					size_t lead = indent(row);
					size_t all = text_width(row);
					if ((row[0] && (int)lead < x) || (int)all > x + w) {
						fprintf(stderr, "%s: row %d shows text beside the box (columns %d–%d): %s\n",
							what, k, x, x + w - 1, row);
						return 1;
					}
				}
				/* Below it down to the message row: nothing of the
				 * screen (the half of a big digit is no word). */
				for (int k = e + 1; k < ROWS - 2; k++)
					if (h_row(f->h, k)[0]) {
						fprintf(stderr, "%s: row %d shows the screen under the box: %s\n",
							what, k, h_row(f->h, k));
						return 1;
					}
				break;
			}
	}
	return 0;
}

/* The whole screen as one line: rows joined by a space, runs of spaces
 * as one (a text wrapped over rows reads as it was written). */
static void screen_words(struct fixture *f, char *out, size_t n)
{
	size_t len = 0;
	out[0] = '\0';
	for (int r = 0; r < ROWS && len + 2 < n; r++) {
		const char *row = h_row(f->h, r);
		for (const char *p = row; *p && len + 2 < n; p++) {
			if (*p == ' ' && len > 0 && out[len - 1] == ' ')
				continue;
			out[len++] = *p;
		}
		if (len > 0 && out[len - 1] != ' ')
			out[len++] = ' ';
		out[len] = '\0';
	}
}

/* The screen shows `full` whole (perhaps wrapped over rows): a text cut
 * inside its column shows only its start. */
static void expect_whole(struct fixture *f, const char *what, const char *full)
{
	static char all[ROWS_MAX * 1024];
	h_settle(f->h, 150, H_DEADLINE_MS);
	screen_words(f, all, sizeof all);
	if (!strstr(all, full)) {
		h_dump(f->h, what);
		fail_msg("%s: not shown whole: \"%s\"", what, full);
	}
}

/* Does `word` stand in row as a word of its own (spaces or the row's
 * ends either side)? */
static bool has_word(const char *row, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = strstr(row, word); p; p = strstr(p + 1, word))
		if ((p == row || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return true;
	return false;
}

/* The results table's heading: every column's heading (the symbols and
 * the translated words) stands apart from its neighbours. */
static void expect_heading_apart(struct fixture *f, const char *what)
{
	h_settle(f->h, 150, H_DEADLINE_MS);
	const char *first = _("Rank and sheet");
	for (int r = 0; r < ROWS; r++) {
		char row[1024];
		snprintf(row, sizeof row, "%s", h_row(f->h, r));
		if (!strstr(row, first))
			continue;
		const char *words[LEVEL_COUNT + 3];
		for (int l = 0; l < LEVEL_COUNT; l++)
			words[l] = rules_level_symbol((enum level)l);
		words[LEVEL_COUNT] = _("Dots");
		words[LEVEL_COUNT + 1] = _("Share");
		words[LEVEL_COUNT + 2] = _("Score");
		for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
			if (!has_word(row, words[i])) {
				h_dump(f->h, what);
				fail_msg("%s: the heading \"%s\" touches another: %s", what,
					 words[i], row);
			}
		return;
	}
	h_dump(f->h, what);
	fail_msg("%s: no table heading", what);
}

/* The results' legend: each column's symbol and name on one row. */
static void expect_legend_whole(struct fixture *f, const char *what)
{
	h_settle(f->h, 150, H_DEADLINE_MS);
	for (int l = 0; l < LEVEL_COUNT; l++) {
		const char *sym = rules_level_symbol((enum level)l);
		const char *name = rules_level_name((enum level)l);
		char item[200];
		snprintf(item, sizeof item, "%s %s", sym, name);
		bool found = false;
		for (int r = 0; r < ROWS && !found; r++)
			found = strstr(h_row(f->h, r), strncmp(name, sym, strlen(sym)) ?
				       item : name) != NULL;
		if (!found) {
			h_dump(f->h, what);
			fail_msg("%s: the legend's \"%s\" is not on one row", what, item);
		}
	}
}

/* The help's list of keys (the rows under its "Keys" heading): a key
 * where a row's keys start is parted from its words by two spaces or
 * more ("Välilyöntikäynnistä" is a key run into its words). */
static void expect_key_column(struct fixture *f, const char *what)
{
	h_settle(f->h, 150, H_DEADLINE_MS);
	int r = 0;
	while (r < ROWS && strcmp(h_row(f->h, r) + indent(h_row(f->h, r)), _("Keys")))
		r++;
	if (r == ROWS) {
		h_dump(f->h, what);
		fail_msg("%s: no \"%s\" heading", what, _("Keys"));
	}
	size_t keys_at = 0;
	for (r++; r < ROWS - 1; r++) {
		char row[1024];
		snprintf(row, sizeof row, "%s", h_row(f->h, r));
		if (!row[0] && keys_at)
			break;  /* the list's end */
		if (!row[0])
			continue;
		if (!keys_at)
			keys_at = indent(row);
		if (indent(row) != keys_at)
			continue;  /* words wrapped under their column */
		const char *gap = strstr(row + keys_at, "  ");
		if (!gap || !gap[strspn(gap, " ")]) {
			h_dump(f->h, what);
			fail_msg("%s: a key runs into its words: %s", what, row);
		}
	}
}

/* The session picker: each session's row ends in its date and counts
 * whole, ")" (a long title gives way with "…" instead). */
static void expect_session_rows_whole(struct fixture *f, const char *what)
{
	h_settle(f->h, 150, H_DEADLINE_MS);
	int rows = 0;
	for (int r = 1; r < ROWS - 1; r++) {
		const char *row = h_row(f->h, r);
		const char *p = row + strspn(row, " >");
		if (*p != '#')
			continue;
		rows++;
		size_t n = strlen(p);
		if (n == 0 || p[n - 1] != ')') {
			h_dump(f->h, what);
			fail_msg("%s: a session's date and counts are cut: %s", what, row);
		}
	}
	assert_true(rows >= 2);
}

/* The top bar keeps the screen's own name whole (what `fmt` puts after
 * its %s, the session's title): the title gives way first. */
static void expect_bar_keeps_name(struct fixture *f, const char *what, const char *fmt)
{
	h_settle(f->h, 150, H_DEADLINE_MS);
	const char *name = strstr(fmt, "%s");
	assert_non_null(name);
	if (!strstr(h_row(f->h, 0), name + 2)) {
		h_dump(f->h, what);
		fail_msg("%s: the top bar does not keep \"%s\" whole", what, name + 2);
	}
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
		/* The help line under the message row carries on nothing. */
		if ((int)text_width(row) >= edge && ends_in_word(row) &&
		    (r + 1 >= ROWS - 1 || !continues(row, next))) {
			fprintf(stderr, "%s: row %d runs into the edge: %s\n", what, r, row);
			bad++;
		}
	}
	/* The top bar: the title ends two columns before the right part. */
	const char *top = h_row(f->h, 0);
	const char *gap = strstr(top, "  ");
	if ((int)text_width(top) >= COLS - 2 && !gap) {
		fprintf(stderr, "%s: the top bar's fields touch: %s\n", what, top);
		bad++;
	}
	bad += check_box(f, what);
	if (bad)
		h_dump(f->h, what);
	assert_int_equal(bad, 0);
}

/* Presses a key and checks the frame it brings. */
static void press(struct fixture *f, const char *key, const char *what)
{
	h_key(f->h, key);
	check(f, what);
}

/* The full name of the template the new-session form shows first. */
static void template_title(const char *lang, char *out, size_t n)
{
	struct template t;
	char err[300];
	assert_true(assets_load_template("networks", lang, &t, err, sizeof err));
	snprintf(out, n, "%s", t.title ? t.title : "");
	tpl_free(&t);
}

/* A help screen: checked, its keys apart from their words, and all of it
 * there down to the last line and the last key. */
static void check_help(struct fixture *f, const char *what, const char *last_key)
{
	check(f, what);
	expect_key_column(f, what);
	expect_whole(f, what, _("Any key goes back."));
	expect_whole(f, what, last_key);
}

/* A turn's ballot and review: dots in three columns of the first sheet
 * make a long line, whose level names show whole. */
static void walk_review(struct fixture *f)
{
	h_key(f->h, "3");
	h_key(f->h, "right");
	h_key(f->h, "2");
	for (int i = 0; i < 4; i++)
		h_key(f->h, "right");
	h_key(f->h, "1");
	press(f, "enter", "turn: review");
	static const enum level placed[] = { LEVEL_AGREE, LEVEL_PARTLY_AGREE,
					     LEVEL_UNSURE };
	for (size_t i = 0; i < sizeof placed / sizeof placed[0]; i++)
		expect_whole(f, "turn: review", rules_level_name(placed[i]));
}

/* The results: hidden, the reveal's question, the chart, the table with
 * its headings apart and the export on its help line (revealed while
 * voting is open: the most keys), the export's box, the notes; then
 * voting closed. */
static void walk_results(struct fixture *f)
{
	press(f, "r", "results hidden");
	press(f, "v", "reveal: close first?");
	/* Revealed while voting is open: the help line has the most keys. */
	press(f, "n", "results chart");
	press(f, "t", "results table");
	expect_heading_apart(f, "results table");
	expect_legend_whole(f, "results table");
	char export[200];
	snprintf(export, sizeof export, "%s %s", _("e"), _("export"));
	expect_whole(f, "results table's help line", export);
	press(f, "e", "results: export's file name");
	h_key(f->h, "esc");
	press(f, "tab", "results notes");
	h_key(f->h, "esc");
	h_key(f->h, "c");  /* voting closed */
}

/* u at the console asks before a new round starts; n keeps this one
 * (no session is made). */
static void walk_next_round(struct fixture *f)
{
	char *before = fx_query_text(f, "SELECT count(*) FROM session");
	assert_non_null(before);
	press(f, "u", "console: start the next round?");
	expect_whole(f, "console: start the next round?", _("yes, start the next round"));
	press(f, "n", "console, closed");
	fx_expect_query(f, "SELECT count(*) FROM session", before);
	free(before);
}

/* Starts `tapla --lang LANG COMMAND ID` (run or screen) at rows×cols,
 * which the checks take as the size from now on, stopping the binary
 * started before. */
static void start_at(struct fixture *f, const char *lang, const char *command,
		     const char *id, int rows, int cols)
{
	ROWS = rows;
	COLS = cols;
	const char *argv[] = { "tapla", "--db", f->db, "--lang", lang, command, id, NULL };
	h_free(f->h);
	f->h = h_start(argv, ROWS, COLS, f->dir);
	assert_non_null(f->h);
}

/* The projector view of session id at rows×cols: its results, its phase. */
static void walk_projector(struct fixture *f, const char *lang, const char *id,
			   int rows, int cols)
{
	start_at(f, lang, "screen", id, rows, cols);
	check(f, cols == 80 ? "projector, results" : "projector at 100×30, results");
	h_key(f->h, "p");
	expect_bar_keeps_name(f, "projector, phase", _(" tapla · %s · projector view"));
	h_key(f->h, "p");
	h_key(f->h, "p");
	check(f, cols == 80 ? "projector, phase" : "projector at 100×30, phase");
}

/* Every screen of the workshop in one language. */
static void walk(struct fixture *f, const char *lang)
{
	char id[32], tpl[300];
	assert_true(i18n_init(lang, TAPLA_BUILD_ROOT "/po"));
	template_title(lang, tpl, sizeof tpl);
	make_long_session(f, lang, id, sizeof id);
	start_at(f, lang, "run", id, 24, 80);
	check(f, "console, locked");
	h_key(f->h, "?");
	check_help(f, "help over the locked console", _("facilitator"));
	h_key(f->h, "x");
	press(f, "f", "console, facilitator");
	/* Refused while voting is open, in a long message. */
	press(f, "u", "console: no new round before the results");
	h_key(f->h, "?");
	check_help(f, "facilitator help", _("quit"));
	h_key(f->h, "x");
	press(f, "t", "transcription");
	expect_bar_keeps_name(f, "transcription", _(" tapla · %s · transcribing paper"));
	h_key(f->h, "esc");
	h_key(f->h, "l");
	press(f, "enter", "turn: name");
	h_send(f->h, "Äijä Öhman-Virtanen");
	press(f, "enter", "turn: ballot");
	assert_non_null(strstr(h_row(f->h, ROWS - 1), "Esc"));
	press(f, "tab", "turn: notes");
	h_key(f->h, "esc");
	walk_review(f);
	press(f, "enter", "turn: hand-over");
	h_key(f->h, "f");
	walk_results(f);
	check(f, "console, closed");
	press(f, "q", "console: quit?");
	h_key(f->h, "n");
	walk_next_round(f);
	press(f, "s", "start screen");
	expect_session_rows_whole(f, "start screen");
	for (int i = 0; i < 3; i++)
		h_key(f->h, "down");  /* "new session", under the two sessions */
	check(f, "start screen, new session");
	press(f, "enter", "new-session form");
	expect_whole(f, "new-session form", tpl);
	walk_projector(f, lang, id, 24, 80);
	walk_projector(f, lang, id, 30, 100);
}

/* The top bar's counts whole (the state "äänestys ei ole alkanut" is
 * more than half of 80 columns): the console's before voting opens, as
 * the room and the facilitator see it, and the projector's at 80×24 and
 * 100×30. */
static void test_top_bar_counts_whole(void **state)
{
	struct fixture *f = *state;
	char id[32];
	assert_true(i18n_init("fi", TAPLA_BUILD_ROOT "/po"));
	make_long_session(f, "fi", id, sizeof id);
	struct store *st = fx_open(f);
	assert_int_equal(store_session_set_phase(st, atoll(id), 0), STORE_OK);
	store_close(st);
	struct voting v = { .phase = VOTING_NOT_STARTED, .results = RESULTS_HIDDEN };
	start_at(f, "fi", "run", id, 24, 80);
	check(f, "console before voting");
	expect_whole(f, "console before voting", voting_label(v));
	press(f, "f", "facilitator before voting");
	expect_whole(f, "facilitator before voting", voting_label(v));
	for (int big = 0; big < 2; big++) {
		start_at(f, "fi", "screen", id, big ? 30 : 24, big ? 100 : 80);
		check(f, "projector before voting");
		expect_whole(f, "projector before voting", voting_label(v));
	}
}

/* A turn's "!" message longer than its row (the Finnish refusal of a
 * second dot on a sheet in classic mode, 79 columns) wraps into the row
 * above, as the console's does, and shows whole. */
static void test_turn_message_wraps(void **state)
{
	struct fixture *f = *state;
	char id[32], msg[300];
	assert_true(i18n_init("fi", TAPLA_BUILD_ROOT "/po"));
	make_session_in(f, "fi", MODE_CLASSIC, id, sizeof id);
	start_at(f, "fi", "run", id, 24, 80);
	press(f, "enter", "turn: name");
	h_send(f->h, "Äijä Öhman-Virtanen");
	press(f, "enter", "turn: ballot");
	h_key(f->h, "1");
	h_key(f->h, "right");
	press(f, "1", "turn: classic mode's second dot refused");
	snprintf(msg, sizeof msg,
		 _("Sheet %d has a dot already: in classic mode each sheet takes one dot."), 1);
	assert_true(text_width(msg) > (size_t)COLS - 4);
	expect_whole(f, "turn: classic mode's second dot refused", msg);
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
		cmocka_unit_test_setup_teardown(test_top_bar_counts_whole, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_turn_message_wraps, setup, fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
