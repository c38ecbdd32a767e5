/* ui-transcribe: a paper sheet typed in by the facilitator, as a state
 * machine over key codes. Pure: no terminal and no store; the app answers
 * its requests (ui-paper.c). Lines gather per name over all
 * sheets, so one person who dotted several sheets becomes one ballot. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tapla/i18n.h"
#include "tapla/text.h"
#include "tapla/ui.h"

/* Empties the typed totals of every sheet. */
static void clear_all_totals(struct ui_transcribe *t)
{
	for (int s = 0; s < RULES_MAX_SHEETS; s++) {
		for (int r = 0; r < 2; r++)
			for (int l = 0; l < LEVEL_COUNT; l++)
				t->tot[s][r][l] = -1;
		t->sig[s] = -1;
	}
}

bool ui_transcribe_init(struct ui_transcribe *t, int nsheets, int budget,
			enum mode mode, bool anonymous)
{
	memset(t, 0, sizeof *t);
	t->nsheets = ui_sheet_count(nsheets);
	t->budget = budget;
	t->mode = mode;
	t->anonymous = anonymous;
	if (!lineedit_init(&t->name, TEXT_NAME_MAX))
		return false;
	clear_all_totals(t);
	t->conflict = SIZE_MAX;
	/* An anonymous session has no names to read: totals only. */
	t->step = anonymous ? TRANSCRIBE_TOTALS : TRANSCRIBE_LINES;
	t->back = t->step;
	return true;
}

/* Forgets every line and name typed. */
static void clear_entries(struct ui_transcribe *t)
{
	for (size_t i = 0; i < t->nentries; i++) {
		free(t->entries[i].name);
		free(t->entries[i].key);
	}
	t->nentries = 0;
	t->nlines = 0;
	t->conflict = SIZE_MAX;
}

void ui_transcribe_free(struct ui_transcribe *t)
{
	clear_entries(t);
	free(t->entries);
	free(t->lines);
	free(t->pending_name);
	lineedit_free(&t->name);
	memset(t, 0, sizeof *t);
}

/* Sets the message line. */
static void say(struct ui_transcribe *t, bool error, const char *s)
{
	snprintf(t->msg, sizeof t->msg, "%s", s);
	t->msg_is_error = error;
}

int ui_transcribe_pending_dots(const struct ui_transcribe *t)
{
	int sum = 0;
	for (size_t i = 0; i < t->nentries; i++)
		sum += rules_ballot_total(&t->entries[i].ballot);
	return sum;
}

enum ui_ctx ui_transcribe_ctx(const struct ui_transcribe *t)
{
	switch (t->step) {
	case TRANSCRIBE_TOTALS: return UI_CTX_PAPER_TOTALS;
	case TRANSCRIBE_REPLACE:
	case TRANSCRIBE_REPLACE_TOTALS: return UI_CTX_PAPER_REPLACE;
	case TRANSCRIBE_LEAVE: return UI_CTX_PAPER_LEAVE;
	default: return UI_CTX_PAPER_LINES;
	}
}

/* Has any sheet typed totals? */
static bool any_totals(const struct ui_transcribe *t)
{
	for (int s = 0; s < t->nsheets; s++) {
		if (t->sig[s] >= 0)
			return true;
		for (int r = 0; r < 2; r++)
			for (int l = 0; l < LEVEL_COUNT; l++)
				if (t->tot[s][r][l] >= 0)
					return true;
	}
	return false;
}

/* Esc: leave at once if nothing would be lost, else ask. */
static unsigned leave(struct ui_transcribe *t)
{
	bool typed = t->nentries > 0 || any_totals(t) ||
		     (t->name.text && t->name.text[0]) || t->dots > 0;
	if (!typed) {
		t->step = TRANSCRIBE_DONE;
		return UI_REDRAW;
	}
	t->back = t->step;
	t->step = TRANSCRIBE_LEAVE;
	return UI_REDRAW;
}

/* PgUp/PgDn: the previous or next paper sheet. */
static unsigned change_sheet(struct ui_transcribe *t, int delta)
{
	int to = t->sheet + delta;
	if (to < 0 || to >= t->nsheets)
		return UI_NONE;
	t->sheet = to;
	t->msg[0] = '\0';
	return UI_REDRAW;
}

/* Ctrl-T: lines or column totals. */
static unsigned switch_mode(struct ui_transcribe *t)
{
	if (t->step == TRANSCRIBE_TOTALS) {
		if (t->anonymous) {
			say(t, true, _("This session is anonymous: its paper sheets have no names to read, so enter their column totals."));
			return UI_REDRAW;
		}
		t->step = TRANSCRIBE_LINES;
	} else {
		t->step = TRANSCRIBE_TOTALS;
	}
	t->msg[0] = '\0';
	return UI_REDRAW;
}

/* The entry of a name key, or nentries if there is none. */
static size_t find_entry(const struct ui_transcribe *t, const char *key)
{
	for (size_t i = 0; i < t->nentries; i++)
		if (strcmp(t->entries[i].key, key) == 0)
			return i;
	return t->nentries;
}

/* Room for one more item in an array of n of `cap` (doubled from
 * `first`); false (the array as it was) on no memory. */
static bool grow_array(void **items, size_t *cap, size_t n, size_t size,
		       size_t first)
{
	if (n < *cap)
		return true;
	size_t want = *cap ? *cap * 2 : first;
	void *p = realloc(*items, want * size);
	if (!p)
		return false;
	*items = p;
	*cap = want;
	return true;
}

/* Room for one more entry and one more line. */
static bool grow(struct ui_transcribe *t)
{
	void *entries = t->entries, *lines = t->lines;
	bool ok = grow_array(&entries, &t->cap, t->nentries, sizeof *t->entries, 16);
	t->entries = entries;
	ok = ok && grow_array(&lines, &t->lines_cap, t->nlines, sizeof *t->lines, 32);
	t->lines = lines;
	return ok;
}

/* Adds the typed dots to entry i and remembers the line. */
static void add_to_entry(struct ui_transcribe *t, size_t i, bool new_entry)
{
	struct ui_transcribe_entry *e = &t->entries[i];
	e->ballot.dots[t->sheet][t->level] += t->dots;
	t->lines[t->nlines++] = (struct ui_transcribe_line){
		.entry = i, .sheet = t->sheet, .level = t->level,
		.dots = t->dots, .new_entry = new_entry,
	};
	char line[300];
	snprintf(line, sizeof line,
		 P_("Added: %s, sheet %d, %d dot in %s.",
		    "Added: %s, sheet %d, %d dots in %s.", t->dots),
		 e->name, t->sheet + 1, t->dots,
		 rules_level_name((enum level)t->level));
	say(t, false, line);
	lineedit_clear(&t->name);
	t->dots = 0;
	t->field = 0;
}

/* A new entry for the pending name, then the line added to it. */
static void add_new_entry(struct ui_transcribe *t, bool replace)
{
	char *name = t->pending_name;
	char *key = name ? text_name_key(name) : NULL;
	t->pending_name = NULL;
	if (!key || !grow(t)) {
		free(name);
		free(key);
		say(t, true, _("Out of memory: close other programs and start tapla again."));
		return;
	}
	struct ui_transcribe_entry *e = &t->entries[t->nentries++];
	e->name = name;
	e->key = key;
	e->replace = replace;
	rules_ballot_init(&e->ballot, t->nsheets);
	add_to_entry(t, t->nentries - 1, true);
}

/* The typed line's name, cleaned; NULL (with the sentence said) if it is
 * not usable. */
static char *line_name(struct ui_transcribe *t)
{
	char *clean = NULL;
	const char *why = ui_key_clean_name(&t->name, &clean,
					    _("Write the name on the signature line first."));
	if (why) {
		say(t, true, why);
		t->field = 0;
		return NULL;
	}
	return clean;
}

/* Enter: check the line by the rules and add it (or ask the app whether
 * a new name has voted before). */
static unsigned add_line(struct ui_transcribe *t)
{
	char err[256];
	char *name = line_name(t);
	if (!name)
		return UI_REDRAW;
	if (t->dots < 1) {
		free(name);
		say(t, true, _("Type the line's dots (1 or more) in the dots field."));
		t->field = 2;
		return UI_REDRAW;
	}
	char *key = text_name_key(name);
	size_t i = key ? find_entry(t, key) : t->nentries;
	free(key);
	struct ballot empty;
	rules_ballot_init(&empty, t->nsheets);
	const struct ballot *b = i < t->nentries ? &t->entries[i].ballot : &empty;
	int now = b->dots[t->sheet][t->level];
	if (rules_can_set(b, t->budget, t->mode, t->sheet, (enum level)t->level,
			  now + t->dots, err, sizeof err) != RULES_OK) {
		free(name);
		say(t, true, err);
		return UI_REDRAW;
	}
	if (i < t->nentries) {
		free(name);
		if (!grow(t)) {
			say(t, true, _("Out of memory: close other programs and start tapla again."));
			return UI_REDRAW;
		}
		add_to_entry(t, i, false);
		return UI_REDRAW;
	}
	free(t->pending_name);
	t->pending_name = name;
	t->req = TRANSCRIBE_REQ_CHECK_NAME;
	return UI_REDRAW;
}

void ui_transcribe_name_checked(struct ui_transcribe *t, bool signed_before)
{
	t->req = TRANSCRIBE_REQ_NONE;
	if (!t->pending_name)
		return;
	if (signed_before) {
		t->back = TRANSCRIBE_LINES;
		t->step = TRANSCRIBE_REPLACE;
		return;
	}
	add_new_entry(t, false);
}

/* Ctrl-Z: takes back the last line added. */
static unsigned undo_line(struct ui_transcribe *t)
{
	if (t->nlines == 0) {
		say(t, false, _("No line to take back."));
		return UI_REDRAW;
	}
	struct ui_transcribe_line *ln = &t->lines[--t->nlines];
	struct ui_transcribe_entry *e = &t->entries[ln->entry];
	e->ballot.dots[ln->sheet][ln->level] -= ln->dots;
	char line[300];
	snprintf(line, sizeof line, _("Taken back: %s, sheet %d."), e->name,
		 ln->sheet + 1);
	say(t, false, line);
	/* A line that made its entry is that entry's only one left. */
	if (ln->new_entry && ln->entry == t->nentries - 1) {
		free(e->name);
		free(e->key);
		t->nentries--;
	}
	return UI_REDRAW;
}

/* Ctrl-S: every gathered ballot to the store at once. */
static unsigned save_lines(struct ui_transcribe *t)
{
	if (t->nentries == 0) {
		say(t, true, _("No lines to save yet: type a signature line and press Enter."));
		return UI_REDRAW;
	}
	t->req = TRANSCRIBE_REQ_SAVE_LINES;
	return UI_REDRAW;
}

void ui_transcribe_lines_saved(struct ui_transcribe *t, bool ok,
			       const char *msg)
{
	t->req = TRANSCRIBE_REQ_NONE;
	if (ok)
		clear_entries(t);
	say(t, !ok, msg ? msg : "");
}

void ui_transcribe_lines_conflict(struct ui_transcribe *t, size_t i)
{
	t->req = TRANSCRIBE_REQ_NONE;
	if (i >= t->nentries)
		return;
	t->conflict = i;
	t->back = TRANSCRIBE_LINES;
	t->step = TRANSCRIBE_REPLACE;
	t->msg[0] = '\0';
}

const char *ui_transcribe_asked_name(const struct ui_transcribe *t)
{
	if (t->conflict < t->nentries)
		return t->entries[t->conflict].name;
	return t->pending_name ? t->pending_name : "";
}

/* y/n on a name that signed while its lines were typed: y replaces that
 * ballot and saves again, n saves nothing. */
static void answer_conflict(struct ui_transcribe *t, bool yes)
{
	struct ui_transcribe_entry *e = &t->entries[t->conflict];
	t->conflict = SIZE_MAX;
	if (yes) {
		e->replace = true;
		t->req = TRANSCRIBE_REQ_SAVE_LINES;
		return;
	}
	char line[300];
	snprintf(line, sizeof line,
		 _("Nothing was saved: %s keeps the earlier ballot. Take back that name's lines (Ctrl-Z) and save again."),
		 e->name);
	say(t, true, line);
}

/* Digits on the dots field: a number up to the largest budget. */
static void type_dots(struct ui_transcribe *t, int key)
{
	int d = t->dots * 10 + (key - '0');
	if (d > UI_TRANSCRIBE_DOTS_MAX) {
		say(t, true, _("At most 99 dots go on one line."));
		return;
	}
	t->dots = d;
	t->msg[0] = '\0';
}

/* Keys on the column field: ←→ or the column number 1 to 6. */
static unsigned key_column(struct ui_transcribe *t, enum ui_action act, int key)
{
	if (act == UI_ACT_LEFT && t->level > 0)
		t->level--;
	else if (act == UI_ACT_RIGHT && t->level < LEVEL_COUNT - 1)
		t->level++;
	else if (key >= '1' && key <= '0' + LEVEL_COUNT)
		t->level = key - '1';
	else
		return UI_NONE;
	return UI_REDRAW;
}

/* Keys on the dots field: digits and Backspace. */
static unsigned key_dots(struct ui_transcribe *t, int key)
{
	if (key >= '0' && key <= '9')
		type_dots(t, key);
	else if (key == UI_KEY_BACKSPACE || key == UI_KEY_DELETE)
		t->dots /= 10;
	else
		return UI_NONE;
	return UI_REDRAW;
}

/* Keys of the field with the cursor. */
static unsigned key_field(struct ui_transcribe *t, enum ui_action act, int key)
{
	switch (t->field) {
	case 0:
		if (ui_key_edit(&t->name, key)) {
			t->msg[0] = '\0';
			if (t->name.cut)  /* said, as the turn says it */
				say(t, true, _("The name is cut: it may be at most 60 characters."));
			return UI_REDRAW;
		}
		return UI_NONE;
	case 1: return key_column(t, act, key);
	default: return key_dots(t, key);
	}
}

/* Keys while typing a signature line. */
static unsigned key_lines(struct ui_transcribe *t, int key)
{
	enum ui_action act = ui_key_action(UI_CTX_PAPER_LINES, key);
	switch (act) {
	case UI_ACT_OK: return add_line(t);
	case UI_ACT_NEXT_FIELD:
		t->field = (t->field + 1) % UI_TRANSCRIBE_FIELDS;
		return UI_REDRAW;
	case UI_ACT_PREV_FIELD:
		t->field = (t->field + UI_TRANSCRIBE_FIELDS - 1) % UI_TRANSCRIBE_FIELDS;
		return UI_REDRAW;
	case UI_ACT_PAGE_UP: return change_sheet(t, -1);
	case UI_ACT_PAGE_DOWN: return change_sheet(t, 1);
	case UI_ACT_SAVE: return save_lines(t);
	case UI_ACT_SWITCH: return switch_mode(t);
	case UI_ACT_UNDO: return undo_line(t);
	case UI_ACT_BACK: return leave(t);
	default: return key_field(t, act, key);
	}
}

void ui_transcribe_totals(const struct ui_transcribe *t,
			  int dots[LEVEL_COUNT], int people[LEVEL_COUNT],
			  int *sheet_people)
{
	int sum = 0;
	for (int l = 0; l < LEVEL_COUNT; l++) {
		int d = t->tot[t->sheet][0][l];
		int p = t->tot[t->sheet][1][l];
		dots[l] = d > 0 ? d : 0;
		/* Without people, every dot is one person (as on the command
		 * line). */
		people[l] = dots[l] == 0 ? (p > 0 ? p : 0) : p >= 0 ? p : dots[l];
		sum += people[l];
	}
	*sheet_people = t->sig[t->sheet] >= 0 ? t->sig[t->sheet] : sum;
}

/* The totals checked before the store sees them; false with the sentence
 * said when they cannot be a sheet's. */
static bool totals_ok(struct ui_transcribe *t)
{
	int dots[LEVEL_COUNT], people[LEVEL_COUNT], sig, total = 0, most = 0,
	    sum = 0;
	char line[300];
	ui_transcribe_totals(t, dots, people, &sig);
	for (int l = 0; l < LEVEL_COUNT; l++) {
		if (dots[l] > 0 ? people[l] < 1 || people[l] > dots[l] : people[l] != 0) {
			snprintf(line, sizeof line,
				 _("In column %s the people must be 1 to the number of dots (%d)."),
				 rules_level_name((enum level)l), dots[l]);
			say(t, true, line);
			return false;
		}
		total += dots[l];
		sum += people[l];
		most = people[l] > most ? people[l] : most;
	}
	if (total == 0) {
		say(t, true, _("Type the dots of at least one column first."));
		return false;
	}
	if (sig < most || sig > sum) {
		snprintf(line, sizeof line,
			 P_("%d person cannot have made these columns: give %d to %d.",
				    "%d people cannot have made these columns: give %d to %d.",
				    sig),
			 sig, most, sum);
		say(t, true, line);
		return false;
	}
	return true;
}

void ui_transcribe_totals_saved(struct ui_transcribe *t, bool ok,
				bool conflict, const char *msg)
{
	t->req = TRANSCRIBE_REQ_NONE;
	if (conflict && !t->replace_totals) {
		t->back = TRANSCRIBE_TOTALS;
		t->step = TRANSCRIBE_REPLACE_TOTALS;
		t->msg[0] = '\0';
		return;
	}
	t->replace_totals = false;
	if (ok) {
		for (int r = 0; r < 2; r++)
			for (int l = 0; l < LEVEL_COUNT; l++)
				t->tot[t->sheet][r][l] = -1;
		t->sig[t->sheet] = -1;
		t->row = t->col = 0;
	}
	say(t, !ok, msg ? msg : "");
}

/* The number in the totals cell with the cursor. */
static int *totals_cell(struct ui_transcribe *t)
{
	return t->row == 2 ? &t->sig[t->sheet] : &t->tot[t->sheet][t->row][t->col];
}

/* A digit or Backspace on the totals cell with the cursor. */
static unsigned edit_total(struct ui_transcribe *t, int key)
{
	int *v = totals_cell(t);
	if (key >= '0' && key <= '9') {
		int n = (*v > 0 ? *v : 0) * 10 + (key - '0');
		if (n > UI_TRANSCRIBE_TOTAL_MAX) {
			char line[200];
			snprintf(line, sizeof line, _("A column total must be 0 to %d dots."),
				 UI_TRANSCRIBE_TOTAL_MAX);
			say(t, true, line);
			return UI_REDRAW;
		}
		*v = n;
	} else if (key == UI_KEY_BACKSPACE || key == UI_KEY_DELETE) {
		*v = *v >= 10 ? *v / 10 : -1;
	} else {
		return UI_NONE;
	}
	t->msg[0] = '\0';
	return UI_REDRAW;
}

/* Moves the totals cursor: rows dots, people, signature lines. */
static unsigned move_total(struct ui_transcribe *t, enum ui_action act)
{
	switch (act) {
	case UI_ACT_LEFT: if (t->col > 0) t->col--; break;
	case UI_ACT_RIGHT: if (t->col < LEVEL_COUNT - 1) t->col++; break;
	case UI_ACT_UP: if (t->row > 0) t->row--; break;
	case UI_ACT_DOWN: if (t->row < 2) t->row++; break;
	case UI_ACT_NEXT_FIELD:
		if (t->row < 2 && t->col < LEVEL_COUNT - 1)
			t->col++;
		else if (t->row < 2) {
			t->row++;
			t->col = 0;
		} else {
			t->row = 0;
			t->col = 0;
		}
		break;
	default: return UI_NONE;
	}
	return UI_REDRAW;
}

/* Keys while typing column totals. */
static unsigned key_totals(struct ui_transcribe *t, int key)
{
	enum ui_action act = ui_key_action(UI_CTX_PAPER_TOTALS, key);
	switch (act) {
	case UI_ACT_OK:
		if (totals_ok(t))
			t->req = TRANSCRIBE_REQ_SAVE_TOTALS;
		return UI_REDRAW;
	case UI_ACT_PAGE_UP: return change_sheet(t, -1);
	case UI_ACT_PAGE_DOWN: return change_sheet(t, 1);
	case UI_ACT_SWITCH: return switch_mode(t);
	case UI_ACT_BACK: return leave(t);
	case UI_ACT_SET: return edit_total(t, key);
	case UI_ACT_REMOVE: return edit_total(t, UI_KEY_BACKSPACE);
	default: return move_total(t, act);
	}
}

/* y/n on "replace what is stored?". */
static unsigned key_replace(struct ui_transcribe *t, int key)
{
	enum ui_action act = ui_key_action(UI_CTX_PAPER_REPLACE, key);
	bool totals = t->step == TRANSCRIBE_REPLACE_TOTALS;
	if (act != UI_ACT_YES && act != UI_ACT_NO)
		return UI_NONE;
	t->step = t->back;
	if (!totals && t->conflict < t->nentries) {
		answer_conflict(t, act == UI_ACT_YES);
	} else if (act == UI_ACT_YES && totals) {
		t->replace_totals = true;
		t->req = TRANSCRIBE_REQ_SAVE_TOTALS;
	} else if (act == UI_ACT_YES) {
		add_new_entry(t, true);
	} else if (totals) {
		say(t, false, _("Not saved: the sheet keeps its earlier totals."));
	} else {
		char line[300];
		snprintf(line, sizeof line,
			 _("Not added: %s keeps the earlier ballot."),
			 t->pending_name ? t->pending_name : "");
		free(t->pending_name);
		t->pending_name = NULL;
		say(t, false, line);
	}
	return UI_REDRAW;
}

/* y/n on "leave without saving?". */
static unsigned key_leave(struct ui_transcribe *t, int key)
{
	enum ui_action act = ui_key_action(UI_CTX_PAPER_LEAVE, key);
	if (act == UI_ACT_YES) {
		clear_entries(t);
		clear_all_totals(t);
		t->step = TRANSCRIBE_DONE;
	} else if (act == UI_ACT_NO) {
		t->step = t->back;
	} else {
		return UI_NONE;
	}
	return UI_REDRAW;
}

unsigned ui_transcribe_key(struct ui_transcribe *t, int key)
{
	t->req = TRANSCRIBE_REQ_NONE;
	switch (t->step) {
	case TRANSCRIBE_LINES: return key_lines(t, key);
	case TRANSCRIBE_TOTALS: return key_totals(t, key);
	case TRANSCRIBE_REPLACE:
	case TRANSCRIBE_REPLACE_TOTALS: return key_replace(t, key);
	case TRANSCRIBE_LEAVE: return key_leave(t, key);
	default: return UI_NONE;
	}
}
