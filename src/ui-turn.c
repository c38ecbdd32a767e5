/* ui-turn: a participant's turn as a state machine over key codes. Pure: no
 * terminal and no store, so it can be driven headless (tests, fuzzing). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tapla/groups.h"
#include "tapla/i18n.h"
#include "tapla/text.h"
#include "tapla/ui.h"

bool ui_turn_init(struct ui_turn *t, int nsheets, int budget, enum mode mode,
		  bool anonymous)
{
	memset(t, 0, sizeof *t);
	t->nsheets = ui_sheet_count(nsheets);
	t->budget = budget;
	t->mode = mode;
	t->anonymous = anonymous;
	t->group = -1;
	bool ok = lineedit_init(&t->name, TEXT_NAME_MAX);
	for (int q = 0; q < QUAD_COUNT; q++)
		ok = lineedit_init(&t->field[q], TEXT_NOTE_MAX) && ok;
	if (!ok) {
		ui_turn_free(t);
		return false;
	}
	ui_turn_begin(t);
	return true;
}

/* Forgets every note of the turn. */
static void clear_notes(struct ui_turn *t)
{
	for (int s = 0; s < RULES_MAX_SHEETS; s++)
		for (int q = 0; q < QUAD_COUNT; q++) {
			free(t->notes[s][q]);
			t->notes[s][q] = NULL;
		}
}

void ui_turn_free(struct ui_turn *t)
{
	clear_notes(t);
	free(t->groups);
	t->groups = NULL;
	t->ngroups = 0;
	lineedit_free(&t->name);
	for (int q = 0; q < QUAD_COUNT; q++)
		lineedit_free(&t->field[q]);
}

void ui_turn_begin(struct ui_turn *t)
{
	clear_notes(t);
	lineedit_clear(&t->name);
	for (int q = 0; q < QUAD_COUNT; q++)
		lineedit_clear(&t->field[q]);
	rules_ballot_init(&t->ballot, t->nsheets);
	for (int i = 0; i < t->nsheets; i++)
		t->order[i] = i;
	t->pos = 0;
	t->sheet = 0;
	t->level = LEVEL_AGREE;
	t->quad = 0;
	t->replace = false;
	t->facilitator = false;
	t->req = TURN_REQ_NONE;
	t->msg[0] = '\0';
	t->msg_is_error = false;
	t->seq = 0;
	t->group = -1;
	t->group_sel = 0;
	t->digit_ms = -1;
	t->step = !t->anonymous ? TURN_SIGN :
		  t->ngroups > 0 ? TURN_GROUP : TURN_BALLOT;
}

bool ui_turn_set_groups(struct ui_turn *t, const char *stored)
{
	free(t->groups);
	t->groups = NULL;
	t->ngroups = 0;
	size_t n = groups_count(stored);
	if (n == 0)
		return true;
	t->groups = strdup(stored);
	if (!t->groups)
		return false;
	t->ngroups = (int)n;
	return true;
}

bool ui_turn_group_name(const struct ui_turn *t, char *buf, size_t n)
{
	if (t->group < 0 || t->group >= t->ngroups)
		return false;
	return groups_name(t->groups, (size_t)t->group, buf, n);
}

/* After the name (and a replace question): the group, if the session has
 * groups, else the grid. */
static enum ui_turn_step after_name(const struct ui_turn *t)
{
	return t->ngroups > 0 ? TURN_GROUP : TURN_BALLOT;
}

int ui_turn_left(const struct ui_turn *t)
{
	return t->budget - rules_ballot_total(&t->ballot);
}

enum ui_ctx ui_turn_ctx(const struct ui_turn *t)
{
	switch (t->step) {
	case TURN_SIGN: return UI_CTX_SIGN;
	case TURN_REPLACE: return UI_CTX_REPLACE;
	case TURN_GROUP: return UI_CTX_GROUP;
	case TURN_BALLOT: return UI_CTX_BALLOT;
	case TURN_NOTES: return UI_CTX_NOTES;
	case TURN_REVIEW: return UI_CTX_REVIEW;
	case TURN_CANCEL: return UI_CTX_CANCEL;
	default: return UI_CTX_HANDOVER;
	}
}

/* Sets the message line of the turn. */
static void say(struct ui_turn *t, bool error, const char *s)
{
	snprintf(t->msg, sizeof t->msg, "%s", s);
	t->msg_is_error = error;
}

/* Enter on the name: it must be a real name, then the app checks it. */
static unsigned sign_ok(struct ui_turn *t)
{
	char *clean = NULL;
	const char *why = ui_key_clean_name(&t->name, &clean,
					    _("Write your name first, then press Enter."));
	if (why) {
		say(t, true, why);
		return UI_REDRAW;
	}
	lineedit_set(&t->name, clean);
	free(clean);
	t->msg[0] = '\0';
	t->req = TURN_REQ_CHECK_NAME;
	return UI_REDRAW;
}

/* Keys while signing. */
static unsigned key_sign(struct ui_turn *t, int key)
{
	switch (ui_key_action(UI_CTX_SIGN, key)) {
	case UI_ACT_OK:
		return sign_ok(t);
	case UI_ACT_BACK:
		t->step = TURN_DONE;
		return UI_REDRAW;
	default:
		break;
	}
	if (!ui_key_edit(&t->name, key))
		return UI_NONE;
	t->msg[0] = '\0';
	if (t->name.cut)
		say(t, true, _("The name is cut: it may be at most 60 characters."));
	return UI_REDRAW;
}

void ui_turn_name_checked(struct ui_turn *t, bool signed_before)
{
	t->req = TURN_REQ_NONE;
	if (t->step != TURN_SIGN)
		return;
	t->replace = false;
	if (signed_before && !t->facilitator) {
		say(t, true, _("This name has voted already. Ask the facilitator to replace that ballot."));
		return;
	}
	t->step = signed_before ? TURN_REPLACE : after_name(t);
}

void ui_turn_replace_answer(struct ui_turn *t, bool yes)
{
	if (t->step != TURN_REPLACE)
		return;
	t->replace = yes;
	t->step = yes ? after_name(t) : TURN_SIGN;
}

/* Keys on the "replace your ballot?" question. */
static unsigned key_replace(struct ui_turn *t, int key)
{
	switch (ui_key_action(UI_CTX_REPLACE, key)) {
	case UI_ACT_YES:
		ui_turn_replace_answer(t, true);
		return UI_REDRAW;
	case UI_ACT_NO:
		ui_turn_replace_answer(t, false);
		return UI_REDRAW;
	default:
		return UI_NONE;
	}
}

/* Takes the group at the list's row `sel` (ngroups: none) and goes on to
 * the grid. */
static unsigned pick_group(struct ui_turn *t, int sel)
{
	if (sel < 0 || sel > t->ngroups)
		return UI_NONE;
	t->group_sel = sel;
	t->group = sel < t->ngroups ? sel : -1;
	t->msg[0] = '\0';
	t->step = TURN_BALLOT;
	return UI_REDRAW;
}

/* Keys on the list of groups: arrows and Enter, or a row's number. */
static unsigned key_group(struct ui_turn *t, int key)
{
	enum ui_action act = ui_key_action(UI_CTX_GROUP, key);
	if (ui_key_move(act, &t->group_sel, t->ngroups))  /* ngroups: none */
		return UI_REDRAW;
	switch (act) {
	case UI_ACT_SET:
		return pick_group(t, key - '1');
	case UI_ACT_OK:
		return pick_group(t, t->group_sel);
	case UI_ACT_BACK:
		/* Back to the name; an anonymous turn has none: it ends. */
		t->msg[0] = '\0';
		t->step = t->anonymous ? TURN_DONE : TURN_SIGN;
		return UI_REDRAW;
	default:
		return UI_NONE;
	}
}

/* Sets the cursor cell to `dots` if the rules allow, else says why. */
static unsigned set_cell(struct ui_turn *t, int dots)
{
	char err[200];
	if (dots < 0) {
		say(t, true, _("There are no dots to take from this cell."));
		return UI_REDRAW;
	}
	if (rules_can_set(&t->ballot, t->budget, t->mode, t->sheet,
			  (enum level)t->level, dots, err, sizeof err) != RULES_OK) {
		say(t, true, err);
		return UI_REDRAW;
	}
	t->ballot.dots[t->sheet][t->level] = dots;
	t->msg[0] = '\0';
	return UI_REDRAW;
}

/* Did the digit before come into this cell a moment ago? */
static bool joins_last_digit(const struct ui_turn *t)
{
	return t->digit_ms >= 0 && t->now_ms >= t->digit_ms &&
	       t->now_ms - t->digit_ms <= UI_TURN_DIGIT_MS &&
	       t->digit_sheet == t->sheet && t->digit_level == t->level;
}

/* A digit: a number of its own, or the second digit of the one typed a
 * moment ago in the same cell (1 then 0 is ten; two digits at most). */
static unsigned set_digit(struct ui_turn *t, int d)
{
	int now = t->ballot.dots[t->sheet][t->level];
	bool join = joins_last_digit(t) && now > 0 && now < 10;
	int want = join ? now * 10 + d : d;
	unsigned flags = set_cell(t, want);
	bool took = t->ballot.dots[t->sheet][t->level] == want;
	/* Only a digit that was taken, alone, waits for a second one. */
	t->digit_ms = took && !join ? t->now_ms : -1;
	t->digit_sheet = t->sheet;
	t->digit_level = t->level;
	return flags;
}

/* Moves the cursor by (dy rows, dx columns), staying on the grid. */
static unsigned move(struct ui_turn *t, int dy, int dx)
{
	int p = t->pos + dy, l = t->level + dx;
	if (p < 0 || p >= t->nsheets || l < 0 || l >= LEVEL_COUNT)
		return UI_NONE;
	t->pos = p;
	t->sheet = t->order[p];
	t->level = l;
	return UI_REDRAW;
}

bool ui_turn_set_order(struct ui_turn *t, const int *order)
{
	bool seen[RULES_MAX_SHEETS] = { false };
	for (int i = 0; i < t->nsheets; i++) {
		if (order[i] < 0 || order[i] >= t->nsheets || seen[order[i]])
			return false;
		seen[order[i]] = true;
	}
	memcpy(t->order, order, (size_t)t->nsheets * sizeof order[0]);
	t->pos = 0;
	t->sheet = t->order[0];
	return true;
}

unsigned ui_turn_click(struct ui_turn *t, int row, int level)
{
	if (t->req != TURN_REQ_NONE || t->step != TURN_BALLOT || row < 0 ||
	    row >= t->nsheets || level < 0 || level >= LEVEL_COUNT)
		return UI_NONE;
	t->pos = row;
	t->sheet = t->order[row];
	t->level = level;
	return set_cell(t, t->ballot.dots[t->sheet][t->level] + 1);
}

/* Opens the SWOT notes of the cursor's sheet for editing. */
static unsigned open_notes(struct ui_turn *t)
{
	for (int q = 0; q < QUAD_COUNT; q++) {
		const char *n = t->notes[t->sheet][q];
		lineedit_set(&t->field[q], n ? n : "");
	}
	t->quad = 0;
	t->msg[0] = '\0';
	t->step = TURN_NOTES;
	return UI_REDRAW;
}

/* Enter on the grid: a ballot with dots goes to the review. */
static unsigned to_review(struct ui_turn *t)
{
	char err[200];
	if (rules_check_ballot(&t->ballot, t->budget, t->mode, err,
			       sizeof err) != RULES_OK) {
		say(t, true, err);
		return UI_REDRAW;
	}
	t->msg[0] = '\0';
	t->step = TURN_REVIEW;
	return UI_REDRAW;
}

/* Keys on the grid. */
static unsigned key_ballot(struct ui_turn *t, int key)
{
	enum ui_action act = ui_key_action(UI_CTX_BALLOT, key);
	if (act != UI_ACT_SET)
		t->digit_ms = -1;  /* any other key ends a number */
	switch (act) {
	case UI_ACT_UP: return move(t, -1, 0);
	case UI_ACT_DOWN: return move(t, 1, 0);
	case UI_ACT_LEFT: return move(t, 0, -1);
	case UI_ACT_RIGHT: return move(t, 0, 1);
	case UI_ACT_SET: return set_digit(t, key - '0');
	case UI_ACT_ADD:
		return set_cell(t, t->ballot.dots[t->sheet][t->level] + 1);
	case UI_ACT_REMOVE:
		return set_cell(t, t->ballot.dots[t->sheet][t->level] - 1);
	case UI_ACT_NOTES: return open_notes(t);
	case UI_ACT_OK: return to_review(t);
	case UI_ACT_BACK:
		t->msg[0] = '\0';
		t->step = TURN_CANCEL;
		return UI_REDRAW;
	default:
		return UI_NONE;
	}
}

/* Keeps the edited notes of the cursor's sheet. */
static void keep_notes(struct ui_turn *t)
{
	for (int q = 0; q < QUAD_COUNT; q++) {
		char *clean = NULL;
		free(t->notes[t->sheet][q]);
		t->notes[t->sheet][q] = NULL;
		if (text_clean(t->field[q].text ? t->field[q].text : "",
			       TEXT_NOTE_MAX, &clean) == TEXT_OK)
			t->notes[t->sheet][q] = clean;
	}
}

/* Back to the grid with the message cleared. */
static unsigned back_to_ballot(struct ui_turn *t)
{
	t->msg[0] = '\0';
	t->step = TURN_BALLOT;
	return UI_REDRAW;
}

/* Keys in the SWOT notes. */
static unsigned key_notes(struct ui_turn *t, int key)
{
	struct lineedit *f = &t->field[t->quad];
	switch (ui_key_action(UI_CTX_NOTES, key)) {
	case UI_ACT_NEXT_FIELD:  /* in the paper's order S, O, W, T */
		t->quad = (int)rules_quadrant_order[(rules_quadrant_place((enum quadrant)t->quad) + 1) %
						    QUAD_COUNT];
		return UI_REDRAW;
	case UI_ACT_PREV_FIELD:
		t->quad = (int)rules_quadrant_order[(rules_quadrant_place((enum quadrant)t->quad) +
						     QUAD_COUNT - 1) % QUAD_COUNT];
		return UI_REDRAW;
	case UI_ACT_OK:
		keep_notes(t);
		return back_to_ballot(t);
	case UI_ACT_BACK:
		return back_to_ballot(t);
	default:
		break;
	}
	if (!ui_key_edit(f, key))
		return UI_NONE;
	t->msg[0] = '\0';
	if (f->cut)
		say(t, true, _("The note is cut: a note may be at most 280 characters."));
	else if (f->dropped)
		say(t, true, _("Control characters and broken text were left out."));
	return UI_REDRAW;
}

/* Keys in the review. */
static unsigned key_review(struct ui_turn *t, int key)
{
	switch (ui_key_action(UI_CTX_REVIEW, key)) {
	case UI_ACT_OK:
		t->req = TURN_REQ_SAVE;
		return UI_REDRAW;
	case UI_ACT_BACK:
		return back_to_ballot(t);
	default:
		return UI_NONE;
	}
}

void ui_turn_saved(struct ui_turn *t, bool ok, int seq, const char *why)
{
	t->req = TURN_REQ_NONE;
	if (!ok) {
		say(t, true, why ? why : _("The ballot could not be saved."));
		return;
	}
	/* Nothing of this ballot stays in memory once it is saved. */
	ui_turn_begin(t);
	t->seq = seq;
	t->step = TURN_HANDOVER;
}

/* Keys on "leave without saving?". */
static unsigned key_cancel(struct ui_turn *t, int key)
{
	switch (ui_key_action(UI_CTX_CANCEL, key)) {
	case UI_ACT_YES:
		ui_turn_begin(t);
		t->step = TURN_DONE;
		return UI_REDRAW;
	case UI_ACT_NO:
		t->step = TURN_BALLOT;
		return UI_REDRAW;
	default:
		return UI_NONE;
	}
}

/* Keys on the hand-over screen. */
static unsigned key_handover(struct ui_turn *t, int key)
{
	switch (ui_key_action(UI_CTX_HANDOVER, key)) {
	case UI_ACT_OK:
		ui_turn_begin(t);
		return UI_REDRAW;
	case UI_ACT_FACILITATOR:
		t->req = TURN_REQ_FACILITATOR;
		return UI_REDRAW;
	default:
		return UI_NONE;
	}
}

unsigned ui_turn_key(struct ui_turn *t, int key)
{
	if (t->req != TURN_REQ_NONE)
		return UI_NONE;  /* waiting for the app's answer */
	switch (t->step) {
	case TURN_SIGN: return key_sign(t, key);
	case TURN_REPLACE: return key_replace(t, key);
	case TURN_GROUP: return key_group(t, key);
	case TURN_BALLOT: return key_ballot(t, key);
	case TURN_NOTES: return key_notes(t, key);
	case TURN_REVIEW: return key_review(t, key);
	case TURN_CANCEL: return key_cancel(t, key);
	case TURN_HANDOVER: return key_handover(t, key);
	default: return UI_NONE;
	}
}

size_t ui_turn_notes(const struct ui_turn *t, struct ballot_note *out,
		     size_t max)
{
	size_t n = 0;
	for (int s = 0; s < t->nsheets; s++)
		for (int q = 0; q < QUAD_COUNT; q++)
			if (t->notes[s][q] && n < max) {
				out[n].sheet = s;
				out[n].quadrant = (enum quadrant)q;
				out[n].text = t->notes[s][q];
				n++;
			}
	return n;
}
