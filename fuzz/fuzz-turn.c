/* fuzz-turn: a participant's turn (ui-turn.c) driven headless by a key
 * stream decoded from the input, with the app's answers decided by the input
 * too. The first byte picks the session: sheets 1..8 (low 3 bits), classic
 * mode (bit 3), anonymous (bit 4), a budget 1..10 (high bits), and the
 * second byte a sheet order. Then each byte is a key:
 *   0x00..0x7f  that character (control characters included),
 *   0x80..0x9f  a special key (arrows, Enter, Esc, Tab, ...),
 *   0xa0..0xbf  a mouse click on the cell (row, column) it encodes,
 *   0xc0..0xff  with the next byte, a code point from U+0080 up.
 * After every key the turn must keep what ui.h promises. */
#include <stddef.h>
#include <stdint.h>

#include "fuzz-check.h"
#include "tapla/text.h"
#include "tapla/ui.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A line editor's text: valid UTF-8, no control characters, in limits. */
static void check_field(const struct lineedit *e)
{
	FUZZ_CHECK(e->text != NULL);
	FUZZ_CHECK(strlen(e->text) == e->len);
	FUZZ_CHECK(text_valid_utf8(e->text, e->len));
	FUZZ_CHECK(!fuzz_has_control(e->text, e->len));
	FUZZ_CHECK(lineedit_chars(e) <= e->max_chars);
}

/* What the turn promises after every key. */
static void check_turn(const struct ui_turn *t)
{
	char err[200];
	FUZZ_CHECK(t->pos >= 0 && t->pos < t->nsheets);
	FUZZ_CHECK(t->sheet == t->order[t->pos]);
	FUZZ_CHECK(t->level >= 0 && t->level < LEVEL_COUNT);
	FUZZ_CHECK(rules_ballot_total(&t->ballot) <= t->budget);
	for (int s = 0; s < t->nsheets; s++) {
		for (int l = 0; l < LEVEL_COUNT; l++)
			FUZZ_CHECK(t->ballot.dots[s][l] >= 0);
		if (t->mode == MODE_CLASSIC)
			FUZZ_CHECK(rules_ballot_sheet_total(&t->ballot, s) <= 1);
		for (int q = 0; q < QUAD_COUNT; q++) {
			const char *n = t->notes[s][q];
			if (!n)
				continue;
			FUZZ_CHECK(text_valid_utf8(n, strlen(n)));
			FUZZ_CHECK(!fuzz_has_control(n, strlen(n)));
			FUZZ_CHECK(text_chars(n, strlen(n)) <= TEXT_NOTE_MAX);
		}
	}
	check_field(&t->name);
	for (int q = 0; q < QUAD_COUNT; q++)
		check_field(&t->field[q]);
	/* Only a ballot that keeps the rules reaches the save. */
	if (t->req == TURN_REQ_SAVE) {
		FUZZ_CHECK(t->step == TURN_REVIEW);
		FUZZ_CHECK(rules_check_ballot(&t->ballot, t->budget, t->mode, err,
					      sizeof err) == RULES_OK);
		FUZZ_CHECK(t->anonymous || t->name.len > 0);
	}
	/* Nothing of a saved ballot stays for the next participant to see. */
	if (t->step == TURN_HANDOVER) {
		FUZZ_CHECK(rules_ballot_total(&t->ballot) == 0);
		FUZZ_CHECK(t->name.len == 0);
		struct ballot_note notes[RULES_MAX_SHEETS * QUAD_COUNT];
		FUZZ_CHECK(ui_turn_notes(t, notes, RULES_MAX_SHEETS * QUAD_COUNT) == 0);
	}
}

/* The app's part: answers a request the way the input says. */
static void answer(struct ui_turn *t, uint8_t how)
{
	switch (t->req) {
	case TURN_REQ_CHECK_NAME:
		ui_turn_name_checked(t, how & 1);
		break;
	case TURN_REQ_SAVE:
		ui_turn_saved(t, how & 1, 1, "The disk is full.");
		break;
	case TURN_REQ_FACILITATOR:
		ui_turn_begin(t);
		break;
	default:
		break;
	}
	if (t->step == TURN_DONE)
		ui_turn_begin(t);
}

/* An order of n sheets from one byte (a rotation, maybe reversed). */
static void make_order(int order[], int n, uint8_t b)
{
	for (int i = 0; i < n; i++) {
		int k = (i + b % n) % n;
		order[i] = (b & 0x80) ? n - 1 - k : k;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct ui_turn t;
	int order[RULES_MAX_SHEETS];
	if (size < 2)
		return 0;
	int nsheets = 1 + (data[0] & 7);
	enum mode mode = (data[0] & 8) ? MODE_CLASSIC : MODE_WEIGHTED;
	bool anonymous = data[0] & 16;
	int budget = 1 + (data[0] >> 5) + (data[0] >> 6);
	FUZZ_CHECK(ui_turn_init(&t, nsheets, budget, mode, anonymous));
	make_order(order, nsheets, data[1]);
	FUZZ_CHECK(ui_turn_set_order(&t, order));
	check_turn(&t);
	for (size_t i = 2; i < size; i++) {
		uint8_t b = data[i];
		int key;
		if (b < 0x80) {
			key = b;
		} else if (b < 0xa0) {
			key = UI_KEY_BASE + 1 + (b - 0x80) % (UI_KEY_LAST - UI_KEY_BASE - 1);
		} else if (b < 0xc0) {
			ui_turn_click(&t, (b - 0xa0) % 8, (b - 0xa0) / 8 % LEVEL_COUNT);
			answer(&t, b);
			check_turn(&t);
			continue;
		} else {
			uint8_t c = i + 1 < size ? data[++i] : 0;
			key = 0x80 + (((b - 0xc0) << 8 | c) * 17) % 0x10ff80;
		}
		ui_turn_key(&t, key);
		check_turn(&t);
		answer(&t, b ^ (uint8_t)i);
		check_turn(&t);
	}
	ui_turn_free(&t);
	return 0;
}
