/* ui-prompt: a small box over the screen asking one thing: the facilitator
 * PIN (to unlock), a new PIN, a file name, or a yes or no (quit, replace
 * a file, close before revealing, start the next round). The box's rows
 * and all below it down to the message row are cleared across the window,
 * so that no part of a line under it shows beside it or below it. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tapla/i18n.h"
#include "tapla/pin.h"
#include "tapla/ui.h"

/* Empties a field that held a PIN, overwriting its bytes first. */
static void wipe(struct lineedit *e)
{
	if (e->text && e->cap > 0)
		explicit_bzero(e->text, e->cap);
	lineedit_clear(e);
}

unsigned ui_prompt_open(struct ui_app *app, enum ui_prompt_kind kind)
{
	wipe(&app->prompt.field);
	app->prompt.scroll = 0;
	app->prompt.kind = kind;
	app->msg[0] = '\0';
	app->prompt.pin_failures = 0;
	app->prompt.pin_failed_ms = 0;
	app->prompt.pin_wait_shown = -1;
	if (kind == UI_PROMPT_PIN &&
	    store_pin_failures(app->st, app->s.id, &app->prompt.pin_failures,
			       &app->prompt.pin_failed_ms) != STORE_OK) {
		/* Unknown: wait as long as the most a wait can be. */
		app->prompt.pin_failures = 1000;
		app->prompt.pin_failed_ms = ui_now_ms();
	}
	if (kind == UI_PROMPT_EXPORT) {
		char name[200];
		ui_export_default_name(&app->s, name, sizeof name);
		lineedit_set(&app->prompt.field, name);
	}
	return UI_REDRAW;
}

/* The question a prompt asks, into out (n bytes). */
static void question(const struct ui_app *app, char *out, size_t n)
{
	const char *q = "";
	switch (app->prompt.kind) {
	case UI_PROMPT_PIN: q = _("Facilitator PIN:"); break;
	case UI_PROMPT_NEW_PIN: q = _("New facilitator PIN (empty: no PIN):"); break;
	case UI_PROMPT_QUIT: q = _("Quit tapla? Everything saved stays. (y/n)"); break;
	case UI_PROMPT_EXPORT: q = _("Save the results as (.html, .md, .csv or .json):"); break;
	case UI_PROMPT_REPLACE_FILE: q = _("A file by this name exists. Replace it? (y/n)"); break;
	case UI_PROMPT_REVEAL_OPEN: q = _("Voting is still open. Close it before the room sees the results?"); break;
	case UI_PROMPT_NEXT_ROUND: {
		int round = app->s.round > 0 ? app->s.round : 1;
		snprintf(out, n, _("Start round %d? The ballots of round %d are kept; voting for round %d starts as a new session, with nobody voted yet. (y/n)"),
			 round + 1, round, round + 1);
		return;
	}
	default: break;
	}
	snprintf(out, n, "%s", q);
}

/* Does the prompt take a typed answer (else a yes or no)? */
static bool has_field(enum ui_prompt_kind kind)
{
	return kind == UI_PROMPT_PIN || kind == UI_PROMPT_NEW_PIN ||
	       kind == UI_PROMPT_EXPORT;
}

/* The key context of the prompt's help line. */
static enum ui_ctx prompt_ctx(enum ui_prompt_kind kind)
{
	switch (kind) {
	case UI_PROMPT_QUIT: return UI_CTX_QUIT;
	case UI_PROMPT_REPLACE_FILE: return UI_CTX_REPLACE;
	case UI_PROMPT_REVEAL_OPEN: return UI_CTX_REVEAL;
	case UI_PROMPT_NEXT_ROUND: return UI_CTX_ROUND;
	default: return UI_CTX_PROMPT;
	}
}

/* The seconds the PIN prompt must still wait (0: a PIN may be typed). */
static int64_t pin_wait_s(const struct ui_app *app)
{
	int64_t ms = pin_wait_left_ms(app->prompt.pin_failures,
				      app->prompt.pin_failed_ms, ui_now_ms());
	return (ms + 999) / 1000;
}

unsigned ui_prompt_tick(struct ui_app *app)
{
	if (app->prompt.kind != UI_PROMPT_PIN)
		return UI_NONE;
	return pin_wait_s(app) != app->prompt.pin_wait_shown ? UI_REDRAW : UI_NONE;
}

/* Around the PIN field: above it the wait, counting down; under it, after
 * wrong PINs, the way out for a facilitator who forgot it. */
static void draw_pin_notes(struct ui_app *app, int y, int x, int w)
{
	char line[300];
	int64_t wait = pin_wait_s(app);
	app->prompt.pin_wait_shown = wait;
	if (wait > 0) {
		snprintf(line, sizeof line, _("Too many wrong PINs: wait %lld s."),
			 (long long)wait);
		ui_draw_text(y + 1, x, w, line);
	}
	if (app->prompt.pin_failures >= PIN_FREE_TRIES) {
		snprintf(line, sizeof line, _("Forgot it? Command line: tapla pin %lld --clear"),
			 (long long)app->s.id);
		ui_draw_text(y + 4, x, w, line);
	}
}

/* Rows of the box: two rules and four between them. */
enum { BOX_ROWS = 6 };

void ui_prompt_draw(struct ui_app *app)
{
	char q[600];
	int w = COLS - 8 < 60 ? COLS - 8 : 60;
	int x = (COLS - w) / 2, y = LINES / 2 - 3;
	/* Its rows, one above and all below down to the message row, across
	 * the window: a line under the box leaves no word's end beside it,
	 * the big countdown no half of its digits below it. */
	for (int r = y - 1; r < LINES - 2; r++) {
		move(r, 0);
		clrtoeol();
	}
	attron(A_BOLD);
	ui_draw_rule(y, x, w);
	ui_draw_rule(y + BOX_ROWS - 1, x, w);
	/* Wrapped, never cut: two rows above a field, four for a yes or no. */
	question(app, q, sizeof q);
	ui_draw_wrapped(y + 1, x + 2, w - 4, has_field(app->prompt.kind) ? 2 : 4, q);
	attroff(A_BOLD);
	if (app->prompt.kind == UI_PROMPT_PIN)
		draw_pin_notes(app, y, x + 2, w - 4);
	if (has_field(app->prompt.kind))
		ui_field_draw(&app->prompt.field, y + 3, x + 2, w - 4, true,
			      app->prompt.kind != UI_PROMPT_EXPORT, &app->prompt.scroll);
	ui_draw_help(prompt_ctx(app->prompt.kind), UI_WHEN_ANY);
}

/* Does the typed PIN match the stored one (or is none set)? The field is
 * wiped and the prompt closed either way; false also on a store error,
 * said in the message. */
static bool pin_matches(struct ui_app *app)
{
	char *hash = NULL;
	bool ok = false;
	if (store_session_pin_hash(app->st, app->s.id, &hash) != STORE_OK)
		ui_app_say(app, true, "%s", store_error(app->st));
	else
		ok = !hash || pin_check(app->prompt.field.text, hash);
	free(hash);
	wipe(&app->prompt.field);
	app->prompt.kind = UI_PROMPT_NONE;
	return ok;
}

/* A wrong PIN: counted in the store (the wait survives a restart), and
 * said with the wait it brings. */
static void pin_failed(struct ui_app *app)
{
	int failures = 0;
	int64_t now = ui_now_ms();
	if (store_pin_failed(app->st, app->s.id, now, &failures) != STORE_OK) {
		ui_app_say(app, true, "%s", store_error(app->st));
		return;
	}
	int64_t wait = (pin_wait_ms(failures) + 999) / 1000;
	if (wait > 0)
		ui_app_say(app, true, _("Wrong PIN: the facilitator functions stay locked. The next try in %lld s."),
			   (long long)wait);
	else
		ui_app_say(app, true, "%s", _("Wrong PIN: the facilitator functions stay locked."));
}

/* Enter on the PIN: while a wait runs nothing is checked (nor counted);
 * then unlock if it matches, or count a wrong one. */
static unsigned check_pin(struct ui_app *app)
{
	int64_t wait = pin_wait_s(app);
	if (wait > 0) {
		wipe(&app->prompt.field);
		ui_app_say(app, true, _("Too many wrong PINs: wait %lld s before the next try."),
			   (long long)wait);
		return UI_REDRAW;  /* the box stays, counting down */
	}
	if (!pin_matches(app)) {
		if (!app->msg[0])
			pin_failed(app);
		return UI_REDRAW;
	}
	if (store_pin_succeeded(app->st, app->s.id) != STORE_OK)
		ui_app_say(app, true, "%s", store_error(app->st));
	app->unlocked = true;
	return ui_app_goto(app, UI_SCREEN_CONSOLE);
}

/* Enter on a new PIN: hash and store it (empty clears it). */
static unsigned set_pin(struct ui_app *app)
{
	char why[200];
	char *hash = NULL;
	const char *pin = app->prompt.field.text ? app->prompt.field.text : "";
	bool clear = *pin == '\0';
	app->prompt.kind = UI_PROMPT_NONE;
	if (!clear && (!pin_acceptable(pin, why, sizeof why) ||
		       !(hash = pin_hash(pin, why, sizeof why)))) {
		wipe(&app->prompt.field);
		ui_app_say(app, true, "%s", why);
		return UI_REDRAW;
	}
	wipe(&app->prompt.field);  /* the PIN stays in memory no longer */
	enum store_status st = store_session_set_pin_hash(app->st, app->s.id, hash);
	free(hash);
	if (st != STORE_OK) {
		ui_app_say(app, true, "%s", store_error(app->st));
		return UI_REDRAW;
	}
	app->s.has_pin = !clear;
	ui_app_say(app, false, "%s", app->s.has_pin ? _("The PIN is set.") :
		   _("The PIN is cleared: the facilitator key opens without one."));
	return UI_REDRAW;
}

/* Enter on the file name (or yes to replacing it): write the loaded
 * results there; a file that exists is replaced only after a yes. */
static unsigned export(struct ui_app *app, bool force)
{
	char msg[600];
	enum outfile_status st = ui_export_write(&app->results.rep, app->st,
						 app->prompt.field.text, force,
						 msg, sizeof msg);
	if (st == OUTFILE_EXISTS) {
		app->prompt.kind = UI_PROMPT_REPLACE_FILE;  /* the name stays */
		return UI_REDRAW;
	}
	app->prompt.kind = UI_PROMPT_NONE;
	ui_app_say(app, st != OUTFILE_OK, "%s", msg);
	return UI_REDRAW;
}

unsigned ui_prompt_key(struct ui_app *app, int key)
{
	if (app->prompt.kind == UI_PROMPT_QUIT) {
		enum ui_action act = ui_key_action(UI_CTX_QUIT, key);
		if (act == UI_ACT_YES)
			return UI_QUIT;
		if (act == UI_ACT_NO)
			app->prompt.kind = UI_PROMPT_NONE;
		return UI_REDRAW;
	}
	if (app->prompt.kind == UI_PROMPT_REVEAL_OPEN) {
		enum ui_action act = ui_key_action(UI_CTX_REVEAL, key);
		if (act == UI_ACT_YES || act == UI_ACT_NO || act == UI_ACT_BACK)
			app->prompt.kind = UI_PROMPT_NONE;
		if (act == UI_ACT_YES || act == UI_ACT_NO)
			return ui_console_reveal(app, act == UI_ACT_YES);
		return UI_REDRAW;
	}
	if (app->prompt.kind == UI_PROMPT_NEXT_ROUND) {
		enum ui_action act = ui_key_action(UI_CTX_ROUND, key);
		if (act == UI_ACT_YES || act == UI_ACT_NO)
			app->prompt.kind = UI_PROMPT_NONE;
		if (act == UI_ACT_YES)
			return ui_console_next_round(app);
		return UI_REDRAW;
	}
	if (app->prompt.kind == UI_PROMPT_REPLACE_FILE) {
		enum ui_action act = ui_key_action(UI_CTX_REPLACE, key);
		if (act == UI_ACT_YES)
			return export(app, true);
		if (act == UI_ACT_NO)
			app->prompt.kind = UI_PROMPT_EXPORT;  /* another name */
		return UI_REDRAW;
	}
	switch (ui_key_action(UI_CTX_PROMPT, key)) {
	case UI_ACT_OK:
		switch (app->prompt.kind) {
		case UI_PROMPT_EXPORT: return export(app, false);
		case UI_PROMPT_PIN: return check_pin(app);
		default: return set_pin(app);
		}
	case UI_ACT_BACK:
		wipe(&app->prompt.field);
		app->prompt.kind = UI_PROMPT_NONE;
		return UI_REDRAW;
	default:
		break;
	}
	return ui_key_edit(&app->prompt.field, key) ? UI_REDRAW : UI_NONE;
}
