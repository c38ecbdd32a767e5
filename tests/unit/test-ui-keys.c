/* Unit tests of the key table (ui-keys.c): the rows shared by several
 * contexts, the projector view's keys and help line, and the view's keys
 * as `tapla screen --help` tells them (the prose must match the table). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tapla/text.h"
#include "tapla/ui.h"

/* The help line of a context at `cols`, as the screen would draw it. */
static char *help_line(enum ui_ctx ctx, size_t cols)
{
	struct buf b = { 0 };
	ui_keys_help(ctx, cols, &b);
	char *s = strdup(buf_str(&b));
	buf_free(&b);
	assert_non_null(s);
	return s;
}

/* One key in one context and the action it must give. */
static const struct {
	enum ui_ctx ctx;
	int key;
	enum ui_action act;
} single_keys[] = {
	/* y and k are answers only where a question is asked. */
	{ UI_CTX_BALLOT, 'k', UI_ACT_NONE },
	{ UI_CTX_START, 'Y', UI_ACT_NONE },
	/* ↓ moves on the ballot, not to a next field. */
	{ UI_CTX_BALLOT, UI_KEY_DOWN, UI_ACT_DOWN },
	/* The view's results scroll only once they may show; the results
	 * screen's own q is back. */
	{ UI_CTX_VIEW, UI_KEY_DOWN, UI_ACT_NONE },
	{ UI_CTX_VIEW_RESULTS, UI_KEY_DOWN, UI_ACT_DOWN },
	{ UI_CTX_VIEW_RESULTS, UI_KEY_TAB, UI_ACT_NOTES },
	{ UI_CTX_VIEW_RESULTS, 'v', UI_ACT_NONE },
	{ UI_CTX_RESULTS, 'q', UI_ACT_BACK },
	{ UI_CTX_RESULTS, ' ', UI_ACT_PAGE_DOWN },
	/* Rounds and groups: the group step's keys. */
	{ UI_CTX_GROUP, UI_KEY_ENTER, UI_ACT_OK },
	{ UI_CTX_GROUP, UI_KEY_UP, UI_ACT_UP },
	{ UI_CTX_GROUP, UI_KEY_DOWN, UI_ACT_DOWN },
	{ UI_CTX_GROUP, '1', UI_ACT_SET },
	{ UI_CTX_GROUP, '9', UI_ACT_SET },
	{ UI_CTX_GROUP, '0', UI_ACT_NONE },
	{ UI_CTX_GROUP, UI_KEY_ESC, UI_ACT_BACK },
	{ UI_CTX_GROUP, UI_KEY_PASTE, UI_ACT_NONE },
	/* m not before the results show; u only for the facilitator. */
	{ UI_CTX_VIEW, 'm', UI_ACT_NONE },
	{ UI_CTX_CONSOLE, 'u', UI_ACT_NEXT_ROUND },
	{ UI_CTX_LOCKED, 'u', UI_ACT_NONE },
};

/* Each key of the table gives its action, named on failure. */
static void test_single_keys(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof single_keys / sizeof single_keys[0]; i++) {
		enum ui_action got = ui_key_action(single_keys[i].ctx, single_keys[i].key);
		if (got != single_keys[i].act)
			fail_msg("row %zu, context %d, key %d (%c): action %d, want %d",
				 i + 1, (int)single_keys[i].ctx, single_keys[i].key,
				 isprint(single_keys[i].key) ? single_keys[i].key : '?',
				 (int)got, (int)single_keys[i].act);
	}
}

/* Every yes/no question takes y/k for yes and n/e or Esc for no, in
 * either case; other contexts do not. */
static void test_yes_no_shared(void **state)
{
	static const enum ui_ctx asks[] = {
		UI_CTX_REPLACE, UI_CTX_CANCEL, UI_CTX_QUIT,
		UI_CTX_PAPER_REPLACE, UI_CTX_PAPER_LEAVE, UI_CTX_ROUND,
	};
	(void)state;
	for (size_t i = 0; i < sizeof asks / sizeof asks[0]; i++) {
		const char *yes = "yYkK", *no = "nNeE";
		for (const char *c = yes; *c; c++)
			assert_int_equal(ui_key_action(asks[i], *c), UI_ACT_YES);
		for (const char *c = no; *c; c++)
			assert_int_equal(ui_key_action(asks[i], *c), UI_ACT_NO);
		assert_int_equal(ui_key_action(asks[i], UI_KEY_ESC), UI_ACT_NO);
	}
	/* Each question keeps its own words for y and n. */
	char *quit = help_line(UI_CTX_QUIT, 200);
	assert_string_equal(quit, "y yes, quit  n no, go on");
	free(quit);
	char *leave = help_line(UI_CTX_PAPER_LEAVE, 200);
	assert_string_equal(leave, "y yes, leave without saving  n no, go on");
	free(leave);
}

/* Every form of fields moves with Tab and ↓ to the next field, ↑ and
 * Shift-Tab to the one before; each keeps its own help words. */
static void test_field_rows_shared(void **state)
{
	static const enum ui_ctx forms[] = {
		UI_CTX_NOTES, UI_CTX_FORM, UI_CTX_PAPER_LINES,
	};
	(void)state;
	for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
		assert_int_equal(ui_key_action(forms[i], UI_KEY_TAB), UI_ACT_NEXT_FIELD);
		assert_int_equal(ui_key_action(forms[i], UI_KEY_DOWN), UI_ACT_NEXT_FIELD);
		assert_int_equal(ui_key_action(forms[i], UI_KEY_UP), UI_ACT_PREV_FIELD);
		assert_int_equal(ui_key_action(forms[i], UI_KEY_BTAB), UI_ACT_PREV_FIELD);
	}
	char *form = help_line(UI_CTX_FORM, 200);
	assert_string_equal(form, "Tab/↑↓ field  ←→ change  Enter next field  ^S create  Esc back");
	free(form);
}

/* The view quits on q and Ctrl-C, never on Esc; p switches; the results'
 * scrolling only once they may show; the results screen's own q is back. */
static void test_view_keys(void **state)
{
	(void)state;
	for (int ctx = UI_CTX_VIEW; ctx <= UI_CTX_VIEW_RESULTS; ctx++) {
		assert_int_equal(ui_key_action(ctx, 'q'), UI_ACT_QUIT);
		assert_int_equal(ui_key_action(ctx, 'Q'), UI_ACT_QUIT);
		assert_int_equal(ui_key_action(ctx, UI_CTRL('c')), UI_ACT_QUIT);
		assert_int_equal(ui_key_action(ctx, UI_KEY_ESC), UI_ACT_NONE);
		assert_int_equal(ui_key_action(ctx, 'p'), UI_ACT_SWITCH);
	}
}

/* The view's help lines, with its "view only" notes after the keys (never
 * between two of them, kept when the keys give way); what does not fit
 * is left out whole. */
static const struct {
	enum ui_ctx ctx;
	size_t cols;
	const char *line;
} view_lines[] = {
	{ UI_CTX_VIEW, 78, "q quit  (view only: voting happens at the tapla workshop screen)" },
	{ UI_CTX_VIEW_RESULTS, 78,
	  "q quit  p phase/results  ↑↓ scroll  Tab tally/notes  m who moved  (view only)" },
	{ UI_CTX_VIEW_RESULTS, 200,
	  "q quit  p phase/results  ↑↓ scroll  Tab tally/notes  t chart/table  m who moved  g groups  (view only)" },
	{ UI_CTX_VIEW_RESULTS, 40, "q quit  p phase/results  (view only)" },
	{ UI_CTX_VIEW, 40, "q quit" },
	{ UI_CTX_RESULTS, 200,
	  "↑↓ scroll  Tab tally/notes  t chart/table  v reveal  v hide  e export  Esc back  m who moved  g groups" },
};

static void test_view_help_line(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof view_lines / sizeof view_lines[0]; i++) {
		char *s = help_line(view_lines[i].ctx, view_lines[i].cols);
		assert_string_equal(s, view_lines[i].line);
		free(s);
	}
}

/* The console's and the results' help lines follow the voting state: no
 * "reveal" once revealed, "hide" only while it can, no "next participant"
 * and no "close voting" after closing (issue 13.2). */
static char *help_when(enum ui_ctx ctx, unsigned when)
{
	struct buf b = { 0 };
	ui_keys_help_when(ctx, when, 400, &b);
	char *s = strdup(buf_str(&b));
	buf_free(&b);
	return s;
}

/* A help line in one voting state: the words it must hold and those it
 * must not (each list NULL-ended). */
static const struct {
	const char *why;
	enum ui_ctx ctx;
	unsigned when;
	const char *has[4];
	const char *lacks[4];
} voting_states[] = {
	{ "console, open and hidden", UI_CTX_CONSOLE, UI_WHEN_OPEN | UI_WHEN_HIDDEN,
	  { "Enter participant", "v reveal", "c close voting" }, { "v hide" } },
	{ "console, open and revealed", UI_CTX_CONSOLE, UI_WHEN_OPEN | UI_WHEN_REVEALED,
	  { "v hide results" }, { "v reveal" } },
	{ "console, closed and shown", UI_CTX_CONSOLE, UI_WHEN_CLOSED | UI_WHEN_SHOWN,
	  { "c reopen voting" }, { "Enter", "v ", "close voting" } },
	{ "locked, closed and shown", UI_CTX_LOCKED, UI_WHEN_CLOSED | UI_WHEN_SHOWN,
	  { NULL }, { "Enter" } },
};

/* Fails the test, naming the state, unless the line holds (or lacks) each
 * word of the list. */
static void assert_words(const char *why, const char *line,
			 const char *const *words, bool held)
{
	for (; *words; words++)
		if ((strstr(line, *words) != NULL) != held)
			fail_msg("%s: \"%s\" %s \"%s\"", why, line,
				 held ? "lacks" : "holds", *words);
}

static void test_keys_follow_voting_state(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof voting_states / sizeof voting_states[0]; i++) {
		char *s = help_when(voting_states[i].ctx, voting_states[i].when);
		assert_non_null(s);
		assert_words(voting_states[i].why, s, voting_states[i].has, true);
		assert_words(voting_states[i].why, s, voting_states[i].lacks, false);
		free(s);
	}
	char *s = help_when(UI_CTX_RESULTS, UI_WHEN_OPEN | UI_WHEN_REVEALED);
	assert_string_equal(s, "↑↓ scroll  Tab tally/notes  t chart/table  v hide  e export  Esc back  m who moved  g groups");
	free(s);
	/* The key does what the line says: none where none is shown. */
	assert_int_equal(ui_key_action_when(UI_CTX_CONSOLE, UI_WHEN_CLOSED | UI_WHEN_SHOWN, 'v'),
			 UI_ACT_NONE);
	assert_int_equal(ui_key_action_when(UI_CTX_CONSOLE, UI_WHEN_OPEN | UI_WHEN_REVEALED, 'v'),
			 UI_ACT_REVEAL);
}

/* The keys of `tapla screen --help`, read from the real binary. */
static char *screen_help(void)
{
	const char *bin = getenv("TAPLA_BINARY");
	char cmd[1200], *out = calloc(1, 16384);
	size_t n = 0, got;
	assert_non_null(bin);
	assert_non_null(out);
	snprintf(cmd, sizeof cmd, "'%s' --lang en screen --help", bin);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	while ((got = fread(out + n, 1, 16383 - n, p)) > 0)
		n += got;
	pclose(p);
	/* The help's lines joined: "arrows\nscroll" reads "arrows scroll". */
	for (char *c = out; *c; c++)
		if (*c == '\n')
			*c = ' ';
	return out;
}

/* Every key the view's table labels is in the command's prose as a key
 * that does something ("q or Ctrl-C quits", "p switches", "arrows scroll",
 * "Tab shows"), and Esc, which does nothing there, is said to. */
static void test_view_prose_matches_table(void **state)
{
	(void)state;
	char *help = screen_help();
	struct buf b = { 0 };
	ui_keys_lines(UI_CTX_VIEW_RESULTS, &b);
	const char *line = buf_str(&b);
	size_t keys = 0;
	while (*line) {
		char key[64] = "";
		if (sscanf(line, " %63s", key) == 1 && key[0] != '(') {
			const char *word = strcmp(key, "↑↓") == 0 ? "arrows" : key;
			char want[80];
			snprintf(want, sizeof want, "; %s ", word);
			if (!strstr(help, want)) {
				snprintf(want, sizeof want, "Keys: %s ", word);
				if (!strstr(help, want))
					fail_msg("tapla screen --help does not tell the key %s", key);
			}
			keys++;
		}
		line = strchr(line, '\n') ? strchr(line, '\n') + 1 : line + strlen(line);
	}
	assert_true(keys >= 4);
	assert_int_equal(ui_key_action(UI_CTX_VIEW, UI_KEY_ESC), UI_ACT_NONE);
	assert_non_null(strstr(help, "Esc does nothing"));
	buf_free(&b);
	free(help);
}

/* Rounds and groups: the group step's keys; m and g on the results and
 * the projector's results (not before they show); u only for the
 * facilitator. */
static void test_rounds_groups_keys(void **state)
{
	(void)state;
	for (int ctx = UI_CTX_RESULTS; ctx <= UI_CTX_VIEW_RESULTS;
	     ctx += UI_CTX_VIEW_RESULTS - UI_CTX_RESULTS) {
		assert_int_equal(ui_key_action(ctx, 'm'), UI_ACT_MOVED);
		assert_int_equal(ui_key_action(ctx, 'g'), UI_ACT_GROUPS);
	}
	struct buf b = { 0 };
	ui_keys_lines(UI_CTX_CONSOLE, &b);
	assert_non_null(strstr(buf_str(&b), "next round"));
	buf_reset(&b);
	ui_keys_lines(UI_CTX_RESULTS, &b);
	assert_non_null(strstr(buf_str(&b), "who moved"));
	assert_non_null(strstr(buf_str(&b), "groups"));
	buf_free(&b);
}

/* The results' export stays on a narrow help line, other keys giving
 * way to it (it was the one left out at 80 columns in Finnish); before
 * the results show, e does nothing and is not offered. */
static void test_export_kept_on_help_line(void **state)
{
	(void)state;
	struct buf b = { 0 };
	unsigned revealed = UI_WHEN_OPEN | UI_WHEN_REVEALED;
	ui_keys_help_when(UI_CTX_RESULTS, revealed, 50, &b);
	assert_non_null(strstr(buf_str(&b), "e export"));
	/* ... and the way back, the results having no "?" to tell it. */
	assert_non_null(strstr(buf_str(&b), "Esc back"));
	assert_true(text_width(buf_str(&b)) <= 50);
	buf_reset(&b);
	ui_keys_help_when(UI_CTX_RESULTS, UI_WHEN_OPEN | UI_WHEN_HIDDEN, 30, &b);
	assert_non_null(strstr(buf_str(&b), "Esc back"));
	buf_reset(&b);
	ui_keys_help_when(UI_CTX_RESULTS, revealed, 200, &b);
	assert_non_null(strstr(buf_str(&b), "v hide  e export"));  /* its place */
	buf_reset(&b);
	ui_keys_help_when(UI_CTX_RESULTS, UI_WHEN_OPEN | UI_WHEN_HIDDEN, 200, &b);
	assert_null(strstr(buf_str(&b), "export"));
	buf_free(&b);
}

/* The help screen's lines part every key from its words by two columns
 * at least, the keys padded to the widest ("Space" is wider than most). */
static void test_key_lines_apart(void **state)
{
	(void)state;
	struct buf b = { 0 };
	ui_keys_lines(UI_CTX_CONSOLE, &b);
	const char *space = strstr(buf_str(&b), "Space");
	assert_non_null(space);
	assert_true(strncmp(space, "Space  ", 7) == 0);
	assert_non_null(strstr(buf_str(&b), "  u      next round\n"));
	buf_free(&b);
}

/* "Reveal while voting is open?" answers with the questions' letters, but
 * its Esc cancels (back) rather than saying no. */
static void test_reveal_letters(void **state)
{
	(void)state;
	for (const char *c = "yYkK"; *c; c++)
		assert_int_equal(ui_key_action(UI_CTX_REVEAL, *c), UI_ACT_YES);
	for (const char *c = "nNeE"; *c; c++)
		assert_int_equal(ui_key_action(UI_CTX_REVEAL, *c), UI_ACT_NO);
	assert_int_equal(ui_key_action(UI_CTX_REVEAL, UI_KEY_ESC), UI_ACT_BACK);
}

/* A list's cursor moves one row at a time and stays within 0..last; only
 * the two moves are taken. */
static void test_list_move(void **state)
{
	int sel = 0;
	(void)state;
	assert_true(ui_key_move(UI_ACT_UP, &sel, 2));
	assert_int_equal(sel, 0);
	assert_true(ui_key_move(UI_ACT_DOWN, &sel, 2));
	assert_true(ui_key_move(UI_ACT_DOWN, &sel, 2));
	assert_int_equal(sel, 2);
	assert_true(ui_key_move(UI_ACT_DOWN, &sel, 2));
	assert_int_equal(sel, 2);
	assert_true(ui_key_move(UI_ACT_UP, &sel, 2));
	assert_int_equal(sel, 1);
	assert_false(ui_key_move(UI_ACT_OK, &sel, 2));
	assert_false(ui_key_move(UI_ACT_LEFT, &sel, 2));
	assert_int_equal(sel, 1);
}

/* The state machines hold 1 to RULES_MAX_SHEETS sheets. */
static void test_sheet_count(void **state)
{
	(void)state;
	assert_int_equal(ui_sheet_count(-3), 1);
	assert_int_equal(ui_sheet_count(0), 1);
	assert_int_equal(ui_sheet_count(3), 3);
	assert_int_equal(ui_sheet_count(RULES_MAX_SHEETS), RULES_MAX_SHEETS);
	assert_int_equal(ui_sheet_count(RULES_MAX_SHEETS + 5), RULES_MAX_SHEETS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_single_keys),
		cmocka_unit_test(test_yes_no_shared),
		cmocka_unit_test(test_field_rows_shared),
		cmocka_unit_test(test_view_keys),
		cmocka_unit_test(test_view_help_line),
		cmocka_unit_test(test_keys_follow_voting_state),
		cmocka_unit_test(test_view_prose_matches_table),
		cmocka_unit_test(test_rounds_groups_keys),
		cmocka_unit_test(test_export_kept_on_help_line),
		cmocka_unit_test(test_key_lines_apart),
		cmocka_unit_test(test_reveal_letters),
		cmocka_unit_test(test_list_move),
		cmocka_unit_test(test_sheet_count),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
