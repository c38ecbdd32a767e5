/* The transcription screen's key handling, headless: the same rules as the
 * command line, lines gathered per name, totals as the store takes them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "tapla/text.h"
#include "tapla/ui.h"

static int setup_weighted(void **state)
{
	static struct ui_transcribe t;
	if (!ui_transcribe_init(&t, 4, 10, MODE_WEIGHTED, false))
		return -1;
	*state = &t;
	return 0;
}

static int setup_classic(void **state)
{
	static struct ui_transcribe t;
	if (!ui_transcribe_init(&t, 4, 10, MODE_CLASSIC, false))
		return -1;
	*state = &t;
	return 0;
}

static int teardown(void **state)
{
	ui_transcribe_free(*state);
	return 0;
}

/* Types a string key by key. */
static void type(struct ui_transcribe *t, const char *s)
{
	for (; *s; s++)
		ui_transcribe_key(t, (unsigned char)*s);
}

/* One signature line; answers a name check with `signed_before`. */
static void line(struct ui_transcribe *t, const char *name, int column,
		 const char *dots, bool signed_before)
{
	type(t, name);
	ui_transcribe_key(t, UI_KEY_TAB);
	ui_transcribe_key(t, '0' + column);
	ui_transcribe_key(t, UI_KEY_TAB);
	type(t, dots);
	ui_transcribe_key(t, UI_KEY_ENTER);
	if (t->req == TRANSCRIBE_REQ_CHECK_NAME)
		ui_transcribe_name_checked(t, signed_before);
}

/* The same name however written is one entry over the sheets. */
static void test_same_name_one_ballot(void **state)
{
	struct ui_transcribe *t = *state;
	line(t, "Anna Virtanen", 1, "5", false);
	ui_transcribe_key(t, UI_KEY_PGDN);
	line(t, "  anna   VIRTANEN ", 2, "3", false);
	assert_int_equal(t->nentries, 1);
	assert_int_equal(t->entries[0].ballot.dots[0][LEVEL_AGREE], 5);
	assert_int_equal(t->entries[0].ballot.dots[1][LEVEL_PARTLY_AGREE], 3);
	assert_int_equal(ui_transcribe_pending_dots(t), 8);
	assert_false(t->msg_is_error);
}

/* Over the budget: the rules' sentence, nothing added. */
static void test_over_budget(void **state)
{
	struct ui_transcribe *t = *state;
	line(t, "Anna", 1, "9", false);
	line(t, "Anna", 2, "3", false);
	assert_true(t->msg_is_error);
	assert_string_equal(t->msg, "12 dots given, the budget is 10.");
	assert_int_equal(ui_transcribe_pending_dots(t), 9);
}

/* Classic mode: one dot per sheet. */
static void test_classic_twice(void **state)
{
	struct ui_transcribe *t = *state;
	line(t, "Anna", 1, "1", false);
	line(t, "Anna", 3, "1", false);
	assert_true(t->msg_is_error);
	assert_non_null(strstr(t->msg, "classic mode"));
	assert_int_equal(ui_transcribe_pending_dots(t), 1);
}

/* A name that has voted: asked; n leaves the line out, y marks replace. */
static void test_signed_before(void **state)
{
	struct ui_transcribe *t = *state;
	line(t, "Anna", 1, "2", true);
	assert_int_equal(t->step, TRANSCRIBE_REPLACE);
	ui_transcribe_key(t, 'n');
	assert_int_equal(t->step, TRANSCRIBE_LINES);
	assert_int_equal(t->nentries, 0);
	line(t, "Anna", 1, "2", true);
	ui_transcribe_key(t, 'y');
	assert_int_equal(t->nentries, 1);
	assert_true(t->entries[0].replace);
}

/* A name that signed elsewhere while its lines were typed: asked on
 * saving; y saves again replacing it, n saves nothing. */
static void test_conflict_on_save(void **state)
{
	struct ui_transcribe *t = *state;
	line(t, "Anna", 1, "2", false);
	line(t, "Bert", 2, "1", false);
	ui_transcribe_key(t, UI_CTRL('s'));
	assert_int_equal(t->req, TRANSCRIBE_REQ_SAVE_LINES);
	ui_transcribe_lines_conflict(t, 1);
	assert_int_equal(t->step, TRANSCRIBE_REPLACE);
	assert_string_equal(ui_transcribe_asked_name(t), "Bert");
	ui_transcribe_key(t, 'n');
	assert_int_equal(t->step, TRANSCRIBE_LINES);
	assert_int_equal(t->req, TRANSCRIBE_REQ_NONE);
	assert_true(t->msg_is_error);
	assert_int_equal(t->nentries, 2);
	ui_transcribe_key(t, UI_CTRL('s'));
	ui_transcribe_lines_conflict(t, 1);
	ui_transcribe_key(t, 'y');
	assert_int_equal(t->req, TRANSCRIBE_REQ_SAVE_LINES);
	assert_true(t->entries[1].replace);
	assert_false(t->entries[0].replace);
	ui_transcribe_lines_saved(t, true, "saved");
	assert_int_equal(t->nentries, 0);
}

/* Ctrl-Z takes back the last line, and the entry it made. */
static void test_undo(void **state)
{
	struct ui_transcribe *t = *state;
	line(t, "Anna", 1, "2", false);
	line(t, "Bert", 2, "1", false);
	ui_transcribe_key(t, UI_CTRL('z'));
	assert_int_equal(t->nentries, 1);
	ui_transcribe_key(t, UI_CTRL('z'));
	assert_int_equal(t->nentries, 0);
	assert_int_equal(ui_transcribe_pending_dots(t), 0);
}

/* Esc with nothing typed leaves at once; with lines typed it asks, and
 * yes forgets them. */
static void test_leave(void **state)
{
	struct ui_transcribe *t = *state;
	line(t, "Anna", 1, "2", false);
	ui_transcribe_key(t, UI_KEY_ESC);
	assert_int_equal(t->step, TRANSCRIBE_LEAVE);
	ui_transcribe_key(t, 'n');
	assert_int_equal(t->step, TRANSCRIBE_LINES);
	ui_transcribe_key(t, UI_KEY_ESC);
	ui_transcribe_key(t, 'y');
	assert_int_equal(t->step, TRANSCRIBE_DONE);
	assert_int_equal(t->nentries, 0);
}

/* Column totals: blank people are the dots, blank signature lines the
 * people added up; impossible people refused before the store. */
static void test_totals(void **state)
{
	struct ui_transcribe *t = *state;
	int dots[LEVEL_COUNT], people[LEVEL_COUNT], sig;
	ui_transcribe_key(t, UI_CTRL('t'));
	assert_int_equal(t->step, TRANSCRIBE_TOTALS);
	ui_transcribe_key(t, UI_KEY_ENTER);
	assert_true(t->msg_is_error);  /* no dots yet */
	assert_int_equal(t->req, TRANSCRIBE_REQ_NONE);
	type(t, "7");
	ui_transcribe_key(t, UI_KEY_RIGHT);
	ui_transcribe_key(t, UI_KEY_RIGHT);
	type(t, "2");
	ui_transcribe_key(t, UI_KEY_DOWN);
	ui_transcribe_key(t, UI_KEY_LEFT);
	ui_transcribe_key(t, UI_KEY_LEFT);
	type(t, "8");  /* 8 people for 7 dots */
	ui_transcribe_key(t, UI_KEY_ENTER);
	assert_true(t->msg_is_error);
	assert_int_equal(t->req, TRANSCRIBE_REQ_NONE);
	ui_transcribe_key(t, UI_KEY_BACKSPACE);
	type(t, "4");
	ui_transcribe_totals(t, dots, people, &sig);
	assert_int_equal(dots[LEVEL_AGREE], 7);
	assert_int_equal(people[LEVEL_AGREE], 4);
	assert_int_equal(people[LEVEL_NEUTRAL], 2);
	assert_int_equal(sig, 6);
	ui_transcribe_key(t, UI_KEY_ENTER);
	assert_int_equal(t->req, TRANSCRIBE_REQ_SAVE_TOTALS);
	/* Stored already: asked, and y saves again with replace. */
	ui_transcribe_totals_saved(t, false, true, "x");
	assert_int_equal(t->step, TRANSCRIBE_REPLACE_TOTALS);
	ui_transcribe_key(t, 'y');
	assert_int_equal(t->req, TRANSCRIBE_REQ_SAVE_TOTALS);
	assert_true(t->replace_totals);
	ui_transcribe_totals_saved(t, true, false, "saved");
	ui_transcribe_totals(t, dots, people, &sig);
	assert_int_equal(dots[LEVEL_AGREE], 0);
	assert_false(t->replace_totals);
}

/* An anonymous session has no names: totals only. */
static void test_anonymous(void **state)
{
	(void)state;
	struct ui_transcribe t;
	assert_true(ui_transcribe_init(&t, 4, 10, MODE_WEIGHTED, true));
	assert_int_equal(t.step, TRANSCRIBE_TOTALS);
	ui_transcribe_key(&t, UI_CTRL('t'));
	assert_int_equal(t.step, TRANSCRIBE_TOTALS);
	assert_true(t.msg_is_error);
	ui_transcribe_free(&t);
}

/* A name typed over the limit is cut with a notice, as in the turn. */
static void test_long_name_cut_said(void **state)
{
	struct ui_transcribe *t = *state;
	for (int i = 0; i < TEXT_NAME_MAX + 3; i++)
		ui_transcribe_key(t, 'b');
	assert_int_equal(strlen(t->name.text), TEXT_NAME_MAX);
	assert_true(t->msg_is_error);
	assert_non_null(strstr(t->msg, "cut"));
}

/* A transcription in a weighted session. */
#define WEIGHTED_TEST(t) cmocka_unit_test_setup_teardown(t, setup_weighted, teardown)
/* The same in a classic session. */
#define CLASSIC_TEST(t) cmocka_unit_test_setup_teardown(t, setup_classic, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		WEIGHTED_TEST(test_same_name_one_ballot),
		WEIGHTED_TEST(test_over_budget),
		CLASSIC_TEST(test_classic_twice),
		WEIGHTED_TEST(test_signed_before),
		WEIGHTED_TEST(test_conflict_on_save),
		WEIGHTED_TEST(test_undo),
		WEIGHTED_TEST(test_leave),
		WEIGHTED_TEST(test_totals),
		cmocka_unit_test(test_anonymous),
		WEIGHTED_TEST(test_long_name_cut_said),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
