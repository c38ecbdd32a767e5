/* Unit tests of a participant's turn driven headless: key codes in, state
 * out, no terminal and no store. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "tapla/text.h"
#include "tapla/ui.h"

static int setup(void **state)
{
	struct ui_turn *t = calloc(1, sizeof *t);
	if (!t || !ui_turn_init(t, 4, 10, MODE_WEIGHTED, false))
		return -1;
	*state = t;
	return 0;
}

static int setup_classic(void **state)
{
	struct ui_turn *t = calloc(1, sizeof *t);
	if (!t || !ui_turn_init(t, 4, 4, MODE_CLASSIC, false))
		return -1;
	*state = t;
	return 0;
}

static int teardown(void **state)
{
	ui_turn_free(*state);
	free(*state);
	return 0;
}

/* Types a string key by key (ASCII). */
static void type(struct ui_turn *t, const char *s)
{
	for (; *s; s++)
		ui_turn_key(t, (unsigned char)*s);
}

/* Signs with a name the store has not seen. */
static void sign(struct ui_turn *t, const char *name)
{
	type(t, name);
	ui_turn_key(t, UI_KEY_ENTER);
	assert_int_equal(t->req, TURN_REQ_CHECK_NAME);
	ui_turn_name_checked(t, false);
	assert_int_equal(t->step, TURN_BALLOT);
}

static void test_seed_ballot_keys(void **state)
{
	struct ui_turn *t = *state;
	static const int keys[] = {
		'5', UI_KEY_DOWN, UI_KEY_RIGHT, '2', UI_KEY_DOWN, UI_KEY_RIGHT, '2',
		UI_KEY_DOWN, UI_KEY_RIGHT, UI_KEY_RIGHT, '1', UI_KEY_ENTER, UI_KEY_ENTER,
	};
	sign(t, "Osallistuja A");
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		ui_turn_key(t, keys[i]);
	assert_int_equal(sizeof keys / sizeof keys[0], 13);
	assert_int_equal(t->req, TURN_REQ_SAVE);
	assert_int_equal(t->ballot.dots[0][LEVEL_AGREE], 5);
	assert_int_equal(t->ballot.dots[1][LEVEL_PARTLY_AGREE], 2);
	assert_int_equal(t->ballot.dots[2][LEVEL_NEUTRAL], 2);
	assert_int_equal(t->ballot.dots[3][LEVEL_DISAGREE], 1);
	assert_int_equal(ui_turn_left(t), 0);
	assert_string_equal(t->name.text, "Osallistuja A");
}

static void test_budget_refused_with_message(void **state)
{
	struct ui_turn *t = *state;
	sign(t, "A");
	ui_turn_key(t, '9');
	ui_turn_key(t, UI_KEY_DOWN);
	ui_turn_key(t, '5');
	assert_int_equal(t->ballot.dots[1][LEVEL_AGREE], 0);
	assert_true(t->msg_is_error);
	assert_non_null(strstr(t->msg, "budget"));
	ui_turn_key(t, '1');
	assert_int_equal(t->ballot.dots[1][LEVEL_AGREE], 1);
	ui_turn_key(t, '+');
	assert_int_equal(t->ballot.dots[1][LEVEL_AGREE], 1);
	assert_true(t->msg_is_error);
}

static void test_classic_one_per_sheet(void **state)
{
	struct ui_turn *t = *state;
	sign(t, "A");
	ui_turn_key(t, '1');
	ui_turn_key(t, UI_KEY_RIGHT);
	ui_turn_key(t, '1');
	assert_int_equal(t->ballot.dots[0][LEVEL_PARTLY_AGREE], 0);
	assert_non_null(strstr(t->msg, "classic"));
}

static void test_empty_ballot_not_reviewed(void **state)
{
	struct ui_turn *t = *state;
	sign(t, "A");
	ui_turn_key(t, UI_KEY_ENTER);
	assert_int_equal(t->step, TURN_BALLOT);
	assert_true(t->msg_is_error);
}

static void test_empty_name_refused(void **state)
{
	struct ui_turn *t = *state;
	type(t, "   ");
	ui_turn_key(t, UI_KEY_ENTER);
	assert_int_equal(t->req, TURN_REQ_NONE);
	assert_int_equal(t->step, TURN_SIGN);
	assert_true(t->msg_is_error);
}

/* A participant may never replace another's ballot: a name that has
 * voted stays at the name, told to ask the facilitator; no key of the
 * replace question reaches it. */
static void test_voted_name_refused(void **state)
{
	struct ui_turn *t = *state;
	type(t, "A");
	ui_turn_key(t, UI_KEY_ENTER);
	ui_turn_name_checked(t, true);
	assert_int_equal(t->step, TURN_SIGN);
	assert_false(t->replace);
	assert_true(t->msg_is_error);
	assert_non_null(strstr(t->msg, "Ask the facilitator"));
	ui_turn_key(t, 'y');
	assert_int_equal(t->step, TURN_SIGN);
	assert_false(t->replace);
	ui_turn_replace_answer(t, true);  /* not in that step: nothing */
	assert_int_equal(t->step, TURN_SIGN);
	assert_false(t->replace);
}

/* The facilitator's turn asks before replacing; the next participant's
 * turn (begin) is a participant's again. */
static void test_replace_asks(void **state)
{
	struct ui_turn *t = *state;
	t->facilitator = true;
	type(t, "A");
	ui_turn_key(t, UI_KEY_ENTER);
	ui_turn_name_checked(t, true);
	assert_int_equal(t->step, TURN_REPLACE);
	ui_turn_key(t, 'n');
	assert_int_equal(t->step, TURN_SIGN);
	ui_turn_key(t, UI_KEY_ENTER);
	ui_turn_name_checked(t, true);
	ui_turn_key(t, 'y');
	assert_int_equal(t->step, TURN_BALLOT);
	assert_true(t->replace);
	ui_turn_begin(t);
	assert_false(t->facilitator);
	assert_false(t->replace);
}

static void test_cancel_leaves_nothing(void **state)
{
	struct ui_turn *t = *state;
	sign(t, "A");
	ui_turn_key(t, '4');
	ui_turn_key(t, UI_KEY_ESC);
	assert_int_equal(t->step, TURN_CANCEL);
	ui_turn_key(t, 'n');
	assert_int_equal(t->ballot.dots[0][0], 4);
	ui_turn_key(t, UI_KEY_ESC);
	ui_turn_key(t, 'y');
	assert_int_equal(t->step, TURN_DONE);
	assert_int_equal(rules_ballot_total(&t->ballot), 0);
	assert_string_equal(t->name.text, "");
}

static void test_saved_forgets_ballot(void **state)
{
	struct ui_turn *t = *state;
	sign(t, "A");
	ui_turn_key(t, '3');
	ui_turn_key(t, UI_KEY_TAB);
	type(t, "hyva idea");
	ui_turn_key(t, UI_KEY_ENTER);
	ui_turn_key(t, UI_KEY_ENTER);
	ui_turn_key(t, UI_KEY_ENTER);
	assert_int_equal(t->req, TURN_REQ_SAVE);
	struct ballot_note notes[8];
	assert_int_equal(ui_turn_notes(t, notes, 8), 1);
	assert_string_equal(notes[0].text, "hyva idea");
	assert_int_equal(notes[0].quadrant, QUAD_S);
	/* A failed save keeps the ballot to retry. */
	ui_turn_saved(t, false, 0, "disk full");
	assert_int_equal(t->step, TURN_REVIEW);
	assert_int_equal(t->ballot.dots[0][0], 3);
	ui_turn_key(t, UI_KEY_ENTER);
	ui_turn_saved(t, true, 1, NULL);
	assert_int_equal(t->step, TURN_HANDOVER);
	assert_int_equal(rules_ballot_total(&t->ballot), 0);
	assert_int_equal(ui_turn_notes(t, notes, 8), 0);
	assert_string_equal(t->name.text, "");
	ui_turn_key(t, UI_KEY_ENTER);
	assert_int_equal(t->step, TURN_SIGN);
}

/* Random keys never break the rules or the state. */
static void test_random_keys(void **state)
{
	struct ui_turn *t = *state;
	srand(42);
	for (int i = 0; i < 200000; i++) {
		int r = rand() % 100;
		int key = r < 40 ? UI_KEY_BASE + 1 + rand() % (UI_KEY_LAST - UI_KEY_BASE - 1) :
			  r < 90 ? rand() % 128 : rand() % 0x110000;
		ui_turn_key(t, key);
		if (t->req == TURN_REQ_CHECK_NAME)
			ui_turn_name_checked(t, rand() % 2);
		else if (t->req == TURN_REQ_SAVE)
			ui_turn_saved(t, rand() % 2, 1, "no");
		else if (t->req == TURN_REQ_FACILITATOR)
			t->req = TURN_REQ_NONE;
		if (t->step == TURN_DONE)
			ui_turn_begin(t);
		assert_true(rules_ballot_total(&t->ballot) <= t->budget);
		assert_true(t->sheet >= 0 && t->sheet < t->nsheets);
		assert_true(t->level >= 0 && t->level < LEVEL_COUNT);
	}
}

/* A paste is text in a field and nothing at any other step: no dots, no
 * review, no step left. */
static void test_paste_text_only_in_fields(void **state)
{
	struct ui_turn *t = *state;
	static const char text[] = "Anna Virtanen";
	ui_key_paste_set(text, sizeof text - 1, false);
	ui_turn_key(t, UI_KEY_PASTE);
	assert_int_equal(t->step, TURN_SIGN);
	assert_string_equal(t->name.text, "Anna Virtanen");
	assert_false(t->name.cut);
	ui_turn_key(t, UI_KEY_ENTER);
	ui_turn_name_checked(t, false);
	assert_int_equal(t->step, TURN_BALLOT);
	ui_key_paste_set("5", 1, false);
	ui_turn_key(t, UI_KEY_PASTE);
	assert_int_equal(t->step, TURN_BALLOT);
	assert_int_equal(ui_turn_left(t), 10);
	ui_turn_key(t, UI_KEY_TAB);
	assert_int_equal(t->step, TURN_NOTES);
	ui_key_paste_set("Fast", 4, true);  /* the reader kept only part */
	ui_turn_key(t, UI_KEY_PASTE);
	assert_string_equal(t->field[t->quad].text, "Fast");
	assert_true(t->field[t->quad].cut);
	ui_turn_key(t, UI_KEY_ENTER);
	ui_turn_key(t, '1');
	ui_turn_key(t, UI_KEY_ENTER);
	assert_int_equal(t->step, TURN_REVIEW);
	ui_turn_key(t, UI_KEY_PASTE);
	assert_int_equal(t->step, TURN_REVIEW);
	assert_int_equal(t->req, TURN_REQ_NONE);
}

/* The demo's three groups, stored one a line (groups.h). */
static const char groups3[] = "luottamushenkilöt\nviranhaltijat\nasukkaat";

/* A named turn in a session with three groups. */
static int setup_groups(void **state)
{
	if (setup(state) != 0 || !ui_turn_set_groups(*state, groups3))
		return -1;
	ui_turn_begin(*state);
	return 0;
}

/* Signs a new name; the session's groups come before the grid. */
static void sign_to_group(struct ui_turn *t, const char *name)
{
	type(t, name);
	ui_turn_key(t, UI_KEY_ENTER);
	assert_int_equal(t->req, TURN_REQ_CHECK_NAME);
	ui_turn_name_checked(t, false);
	assert_int_equal(t->step, TURN_GROUP);
	assert_int_equal(ui_turn_ctx(t), UI_CTX_GROUP);
}

/* A group is picked by its number, or by the arrows and Enter; the last
 * row is "no group"; the next turn starts with none. */
static void test_group_step(void **state)
{
	struct ui_turn *t = *state;
	char name[200];
	assert_int_equal(t->ngroups, 3);
	sign_to_group(t, "Anna");
	ui_turn_key(t, '5');               /* no such row: nothing happens */
	assert_int_equal(t->step, TURN_GROUP);
	ui_turn_key(t, '2');
	assert_int_equal(t->step, TURN_BALLOT);
	assert_true(ui_turn_group_name(t, name, sizeof name));
	assert_string_equal(name, "viranhaltijat");
	ui_turn_saved(t, true, 1, NULL);
	ui_turn_key(t, UI_KEY_ENTER);      /* the hand-over: the next one */
	assert_int_equal(t->group, -1);
	sign_to_group(t, "Bert");
	ui_turn_key(t, UI_KEY_DOWN);
	ui_turn_key(t, UI_KEY_DOWN);
	ui_turn_key(t, UI_KEY_DOWN);
	ui_turn_key(t, UI_KEY_DOWN);       /* stays on the last row */
	assert_int_equal(t->group_sel, 3);
	ui_turn_key(t, UI_KEY_ENTER);
	assert_int_equal(t->step, TURN_BALLOT);
	assert_false(ui_turn_group_name(t, name, sizeof name));
	assert_int_equal(t->group, -1);
}

/* Esc on the groups goes back to the name; a ballot replaced (in the
 * facilitator's turn) asks the group too. */
static void test_group_back_and_replace(void **state)
{
	struct ui_turn *t = *state;
	char name[200];
	sign_to_group(t, "Anna");
	ui_turn_key(t, UI_KEY_ESC);
	assert_int_equal(t->step, TURN_SIGN);
	t->facilitator = true;
	ui_turn_key(t, UI_KEY_ENTER);
	ui_turn_name_checked(t, true);
	assert_int_equal(t->step, TURN_REPLACE);
	ui_turn_key(t, 'y');
	assert_int_equal(t->step, TURN_GROUP);
	ui_turn_key(t, UI_KEY_DOWN);
	ui_turn_key(t, UI_KEY_DOWN);
	ui_turn_key(t, UI_KEY_UP);
	ui_turn_key(t, UI_KEY_ENTER);
	assert_true(ui_turn_group_name(t, name, sizeof name));
	assert_string_equal(name, "viranhaltijat");
	assert_true(t->replace);
}

/* An anonymous turn starts at the groups (Esc leaves it); a session
 * without groups goes from the name to the grid. */
static void test_group_anonymous_and_none(void **state)
{
	struct ui_turn *t = *state;
	struct ui_turn a;
	assert_true(ui_turn_init(&a, 4, 10, MODE_WEIGHTED, true));
	assert_true(ui_turn_set_groups(&a, groups3));
	ui_turn_begin(&a);
	assert_int_equal(a.step, TURN_GROUP);
	ui_turn_key(&a, '1');
	assert_int_equal(a.step, TURN_BALLOT);
	assert_int_equal(a.group, 0);
	ui_turn_begin(&a);
	ui_turn_key(&a, UI_KEY_ESC);
	assert_int_equal(a.step, TURN_DONE);
	ui_turn_free(&a);
	assert_true(ui_turn_set_groups(t, NULL));
	ui_turn_begin(t);
	sign(t, "Anna");  /* straight to the grid */
	assert_false(ui_turn_group_name(t, (char[8]){ 0 }, 8));
}

/* A digit at time `ms`. */
static void digit_at(struct ui_turn *t, char d, int64_t ms)
{
	t->now_ms = ms;
	ui_turn_key(t, d);
}

/* Digits in quick succession make one number (issue 13.5): 1 then 0 is
 * ten; slowly, the second digit is a number of its own; another key, a
 * move or a refused digit in between ends the number. */
static void test_digits_make_one_number(void **state)
{
	struct ui_turn *t = *state;
	sign(t, "Anna");
	digit_at(t, '1', 10000);
	digit_at(t, '0', 10300);
	assert_int_equal(t->ballot.dots[0][LEVEL_AGREE], 10);
	assert_int_equal(ui_turn_left(t), 0);
	assert_string_equal(t->msg, "");
	digit_at(t, '0', 20000);  /* slowly: zero */
	assert_int_equal(t->ballot.dots[0][LEVEL_AGREE], 0);
	digit_at(t, '2', 30000);
	digit_at(t, '0', 30000 + UI_TURN_DIGIT_MS + 1);  /* too late: zero */
	assert_int_equal(t->ballot.dots[0][LEVEL_AGREE], 0);
	digit_at(t, '1', 40000);
	t->now_ms = 40100;
	ui_turn_key(t, '+');                      /* another key between */
	digit_at(t, '0', 40200);
	assert_int_equal(t->ballot.dots[0][LEVEL_AGREE], 0);
	digit_at(t, '3', 50000);
	digit_at(t, '5', 50100);  /* 35 is over the budget: said, 3 stays */
	assert_int_equal(t->ballot.dots[0][LEVEL_AGREE], 3);
	assert_true(t->msg_is_error);
	assert_true(t->msg[0] != '\0');
	digit_at(t, '1', 60000);
	t->now_ms = 60100;
	ui_turn_key(t, UI_KEY_DOWN);               /* another cell */
	digit_at(t, '0', 60200);
	assert_int_equal(t->ballot.dots[0][LEVEL_AGREE], 1);
	assert_int_equal(t->ballot.dots[1][LEVEL_AGREE], 0);
	/* Three quick digits: the third starts a number of its own. */
	digit_at(t, '1', 70000);
	digit_at(t, '0', 70100);
	assert_int_equal(t->ballot.dots[1][LEVEL_AGREE], 1);  /* 10 + 1 > 10 */
	digit_at(t, '4', 80000);
	digit_at(t, '5', 80100);  /* 45 refused; then a quick 2 is just 2 */
	digit_at(t, '2', 80200);
	assert_int_equal(t->ballot.dots[1][LEVEL_AGREE], 2);
}

/* A name typed over the limit is cut, and the turn says so. */
static void test_long_name_cut_said(void **state)
{
	struct ui_turn *t = *state;
	for (int i = 0; i < TEXT_NAME_MAX + 5; i++)
		ui_turn_key(t, 'a');
	assert_int_equal(strlen(t->name.text), TEXT_NAME_MAX);
	assert_true(t->msg_is_error);
	assert_non_null(strstr(t->msg, "cut"));
}

/* The SWOT boxes follow the paper, S and O then W and T (issue 13.6):
 * Tab walks them in that order, and back. */
static void test_swot_paper_order(void **state)
{
	struct ui_turn *t = *state;
	sign(t, "Anna");
	ui_turn_key(t, UI_KEY_TAB);
	assert_int_equal(t->step, TURN_NOTES);
	static const enum quadrant want[] = { QUAD_S, QUAD_O, QUAD_W, QUAD_T, QUAD_S };
	for (size_t i = 0; i < 5; i++) {
		assert_int_equal(t->quad, want[i]);
		ui_turn_key(t, UI_KEY_TAB);
	}
	ui_turn_key(t, UI_KEY_BTAB);
	ui_turn_key(t, UI_KEY_BTAB);
	assert_int_equal(t->quad, QUAD_T);
	for (int q = 0; q < QUAD_COUNT; q++)
		assert_int_equal(rules_quadrant_order[rules_quadrant_place((enum quadrant)q)], q);
}

/* A test on a turn in a weighted session. */
#define TURN_TEST(t) cmocka_unit_test_setup_teardown(t, setup, teardown)
/* The same in a classic session. */
#define CLASSIC_TURN_TEST(t) cmocka_unit_test_setup_teardown(t, setup_classic, teardown)
/* The same in a session with groups. */
#define GROUP_TURN_TEST(t) cmocka_unit_test_setup_teardown(t, setup_groups, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		TURN_TEST(test_seed_ballot_keys),
		TURN_TEST(test_budget_refused_with_message),
		CLASSIC_TURN_TEST(test_classic_one_per_sheet),
		TURN_TEST(test_empty_ballot_not_reviewed),
		TURN_TEST(test_empty_name_refused),
		TURN_TEST(test_voted_name_refused),
		TURN_TEST(test_replace_asks),
		TURN_TEST(test_cancel_leaves_nothing),
		TURN_TEST(test_saved_forgets_ballot),
		TURN_TEST(test_random_keys),
		TURN_TEST(test_paste_text_only_in_fields),
		GROUP_TURN_TEST(test_group_step),
		GROUP_TURN_TEST(test_group_back_and_replace),
		GROUP_TURN_TEST(test_group_anonymous_and_none),
		TURN_TEST(test_digits_make_one_number),
		TURN_TEST(test_long_name_cut_said),
		TURN_TEST(test_swot_paper_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
