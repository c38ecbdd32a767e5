/* fuzz-turn: a participant's turn (ui-turn.c) driven headless by a key
 * stream, with the app's answers to its requests, as ui-turn-screen.c gives
 * them. Input: byte 0 sets the session (low 5 bits: sheets - 1; bit 5:
 * classic mode; bit 6: anonymous), byte 1 the budget (1..99); then each
 * byte is a key: 0x00..0x11 the named keys (UI_KEY_UP...), other bytes
 * below 0x20 control characters, 0x20..0x7e themselves, 0x7f backspace, and
 * a byte >= 0x80 starts a code point made of its low 7 bits and the next
 * two bytes (any value, surrogates and C1 controls too). Name checks
 * alternate between "new" and "signed before"; saves alternate between
 * success and a refusal. After every key the turn must keep the promises
 * of ui.h: within the budget, one dot per sheet in classic mode, notes
 * clean, the line editors sound. */
#include <stddef.h>
#include <stdint.h>

#include "fuzz-check.h"
#include "tapla/text.h"
#include "tapla/ui.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* What the pretend app answers next. */
struct answers {
	bool signed_before;
	bool save_ok;
	int seq;
};

/* The promises of lineedit.h about a field. */
static void check_field(const struct lineedit *e)
{
	FUZZ_CHECK(e->text != NULL);
	FUZZ_CHECK(e->len < e->cap);
	FUZZ_CHECK(strlen(e->text) == e->len);
	FUZZ_CHECK(text_valid_utf8(e->text, e->len));
	FUZZ_CHECK(!fuzz_has_control(e->text, e->len));
	FUZZ_CHECK(lineedit_chars(e) <= e->max_chars);
	FUZZ_CHECK(e->cursor <= e->len);
	FUZZ_CHECK(e->cursor == e->len ||
		   ((unsigned char)e->text[e->cursor] & 0xc0) != 0x80);
}

/* The ballot: cells 0..budget, the total within the budget, classic mode
 * one dot per sheet at most. */
static void check_ballot(const struct ui_turn *t)
{
	FUZZ_CHECK(t->ballot.nsheets == t->nsheets);
	FUZZ_CHECK(rules_ballot_total(&t->ballot) <= t->budget);
	FUZZ_CHECK(ui_turn_left(t) >= 0);
	for (int s = 0; s < RULES_MAX_SHEETS; s++) {
		int sheet_dots = 0;
		for (int l = 0; l < LEVEL_COUNT; l++) {
			int d = t->ballot.dots[s][l];
			FUZZ_CHECK(d >= 0 && d <= t->budget);
			FUZZ_CHECK(s < t->nsheets || d == 0);
			sheet_dots += d;
		}
		if (t->mode == MODE_CLASSIC)
			FUZZ_CHECK(sheet_dots <= 1);
	}
}

/* Notes: NULL or clean text (valid UTF-8, no controls, not empty, at most
 * TEXT_NOTE_MAX characters), none beyond the session's sheets. */
static void check_notes(const struct ui_turn *t)
{
	struct ballot_note out[RULES_MAX_SHEETS * QUAD_COUNT];
	for (int s = 0; s < RULES_MAX_SHEETS; s++)
		for (int q = 0; q < QUAD_COUNT; q++) {
			const char *n = t->notes[s][q];
			if (!n)
				continue;
			size_t len = strlen(n);
			FUZZ_CHECK(s < t->nsheets);
			FUZZ_CHECK(len > 0);
			FUZZ_CHECK(text_valid_utf8(n, len));
			FUZZ_CHECK(!fuzz_has_control(n, len));
			FUZZ_CHECK(u8_mbsnlen((const uint8_t *)n, len) <= TEXT_NOTE_MAX);
		}
	size_t nn = ui_turn_notes(t, out, sizeof out / sizeof out[0]);
	for (size_t i = 0; i < nn; i++)
		FUZZ_CHECK(out[i].text == t->notes[out[i].sheet][out[i].quadrant]);
}

/* Every promise after a key. */
static void check_turn(const struct ui_turn *t)
{
	FUZZ_CHECK(t->step >= TURN_SIGN && t->step <= TURN_DONE);
	FUZZ_CHECK(t->sheet >= 0 && t->sheet < t->nsheets);
	FUZZ_CHECK(t->level >= 0 && t->level < LEVEL_COUNT);
	FUZZ_CHECK(t->quad >= 0 && t->quad < QUAD_COUNT);
	FUZZ_CHECK(memchr(t->msg, '\0', sizeof t->msg) != NULL);
	FUZZ_CHECK(text_valid_utf8(t->msg, strlen(t->msg)));
	FUZZ_CHECK(!t->anonymous || t->step != TURN_SIGN);
	check_ballot(t);
	check_notes(t);
	check_field(&t->name);
	for (int q = 0; q < QUAD_COUNT; q++)
		check_field(&t->field[q]);
}

/* What the app checks before it saves: a ballot the rules accept, signed
 * with a clean name unless anonymous. */
static void check_save_request(const struct ui_turn *t)
{
	char err[200];
	FUZZ_CHECK(t->step == TURN_REVIEW);
	FUZZ_CHECK(rules_check_ballot(&t->ballot, t->budget, t->mode, err,
				      sizeof err) == RULES_OK);
	if (t->anonymous)
		return;
	char *clean = NULL;
	FUZZ_CHECK(text_clean(t->name.text, TEXT_NAME_MAX, &clean) == TEXT_OK);
	FUZZ_CHECK(strcmp(clean, t->name.text) == 0);
	free(clean);
}

/* After a save: nothing of the ballot stays in memory. */
static void check_forgotten(const struct ui_turn *t)
{
	FUZZ_CHECK(t->step == TURN_HANDOVER);
	FUZZ_CHECK(rules_ballot_total(&t->ballot) == 0);
	FUZZ_CHECK(t->name.len == 0);
	for (int s = 0; s < RULES_MAX_SHEETS; s++)
		for (int q = 0; q < QUAD_COUNT; q++)
			FUZZ_CHECK(t->notes[s][q] == NULL);
}

/* Answers the turn's request as ui-turn-screen.c does. */
static void answer(struct ui_turn *t, struct answers *a)
{
	switch (t->req) {
	case TURN_REQ_CHECK_NAME:
		FUZZ_CHECK(t->step == TURN_SIGN && t->name.len > 0);
		ui_turn_name_checked(t, a->signed_before);
		a->signed_before = !a->signed_before;
		break;
	case TURN_REQ_SAVE:
		check_save_request(t);
		if (a->save_ok) {
			ui_turn_saved(t, true, ++a->seq, NULL);
			check_forgotten(t);
		} else {
			ui_turn_saved(t, false, 0,
				      "The disk is full: free some space and press Enter again.");
			FUZZ_CHECK(t->step == TURN_REVIEW && t->msg_is_error);
		}
		a->save_ok = !a->save_ok;
		break;
	case TURN_REQ_FACILITATOR:
		ui_turn_begin(t);
		break;
	default:
		break;
	}
	FUZZ_CHECK(t->req == TURN_REQ_NONE);
	if (t->step == TURN_DONE)
		ui_turn_begin(t);  /* back at the console, then the next one */
}

/* Decodes the next key; returns the bytes used. */
static size_t next_key(const uint8_t *p, size_t n, int *key)
{
	enum { NAMED = UI_KEY_LAST - UI_KEY_BASE - 1 };
	uint8_t b = p[0];
	if (b < NAMED) {
		*key = UI_KEY_BASE + 1 + b;
		return 1;
	}
	if (b < 0x7f) {
		*key = b;  /* other controls: Ctrl-U, Ctrl-A... and characters */
		return 1;
	}
	if (b == 0x7f) {
		*key = UI_KEY_BACKSPACE;
		return 1;
	}
	if (n < 3) {
		*key = b & 0x7f;
		return n;
	}
	*key = (int)((((unsigned)b & 0x7f) << 14 | (unsigned)p[1] << 7 | p[2]) %
		     0x110000u);
	return 3;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ui_turn t;
	struct answers a = { .signed_before = false, .save_ok = true };
	if (size < 2)
		return 0;
	int nsheets = 1 + (data[0] & 0x1f);
	enum mode mode = (data[0] & 0x20) ? MODE_CLASSIC : MODE_WEIGHTED;
	bool anonymous = (data[0] & 0x40) != 0;
	int budget = 1 + data[1] % RULES_BUDGET_MAX;
	FUZZ_CHECK(ui_turn_init(&t, nsheets, budget, mode, anonymous));
	check_turn(&t);
	for (size_t i = 2; i < size;) {
		int key;
		i += next_key(data + i, size - i, &key);
		ui_turn_key(&t, key);
		answer(&t, &a);
		check_turn(&t);
	}
	ui_turn_free(&t);
	return 0;
}
