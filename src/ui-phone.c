/* ui-phone: phone voting at the console. The facilitator's key starts the
 * phone server (through the ui_phone_ops the command gave) for the session
 * and this screen shows the room the join address, large, and its QR code,
 * and how many have voted per channel (never what). The address is kept in
 * the store while the server runs, for the projector view. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tapla/i18n.h"
#include "tapla/qr.h"
#include "tapla/source.h"
#include "tapla/text.h"
#include "tapla/ui.h"

void ui_phone_stop(struct ui_app *app)
{
	if (!app->phone)
		return;
	app->phone_ops->stop(app->phone);
	app->phone = NULL;
	/* Best effort: a failure leaves a stale address for the view, which
	 * the next start replaces. */
	(void)store_session_set_join_url(app->st, app->s.id, NULL);
}

int ui_phone_draw_qr(const char *url, int y, int x, int rows, int cols)
{
	struct buf b = { 0 };
	int w = 0, h = 0;
	bool ink_dark = true;
	int attr = ui_attr_qr(&ink_dark);
	if (!url || !qr_text(url, ink_dark, &b, &w, &h) || w > cols || h > rows) {
		buf_free(&b);
		return 0;
	}
	attron(attr);
	const char *line = buf_str(&b);
	for (int r = 0; r < h && line && *line; r++) {
		const char *end = strchr(line, '\n');
		mvaddnstr(y + r, x, line, end ? (int)(end - line) : -1);
		line = end ? end + 1 : NULL;
	}
	attroff(attr);
	buf_free(&b);
	return w;
}

/* Starts the server unless it runs, and keeps its address in the store.
 * False with the reason said. */
static bool phone_open(struct ui_app *app)
{
	char err[512];
	if (!app->phone_ops) {
		ui_app_say(app, true, "%s", _("Phone voting is not available here: start it with tapla serve."));
		return false;
	}
	if (app->phone)
		return true;
	app->phone = app->phone_ops->start(store_file(app->st), app->s.id, err, sizeof err);
	if (!app->phone) {
		ui_app_say(app, true, "%s", err);
		return false;
	}
	if (store_session_set_join_url(app->st, app->s.id,
				       app->phone_ops->url(app->phone)) != STORE_OK)
		ui_app_say(app, true, "%s", store_error(app->st));
	return true;
}

/* The counts per channel: phone, laptop, paper, command line (tapla vote
 * and import). */
static void draw_counts(struct ui_app *app, int y, int x, int cols)
{
	int c[SOURCE_COUNT] = { 0 };
	char line[200];
	if (store_source_counts(app->st, app->s.id, c) != STORE_OK)
		return;
	const struct { const char *label; int n; } rows[] = {
		{ _("Phones"), c[SOURCE_PHONE] },
		{ _("Laptop"), c[SOURCE_SCREEN] },
		{ _("Paper"), c[SOURCE_PAPER] },
		{ _("Command line"), c[SOURCE_CLI] + c[SOURCE_IMPORT] },
	};
	attron(A_BOLD);
	ui_draw_text(y, x, cols, _("Voted so far:"));
	attroff(A_BOLD);
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		snprintf(line, sizeof line, "  %-14s %4d", rows[i].label, rows[i].n);
		ui_draw_text(y + 1 + (int)i, x, cols, line);
	}
}

void ui_phone_draw_panel(struct ui_app *app, const char *url)
{
	int w = ui_phone_draw_qr(url, 1, 0, LINES - 3, COLS);
	int x = w ? w + 2 : 2, cols = COLS - x - 1;
	int y = 2;
	attron(ui_attr_title());
	ui_draw_text(y, x, cols, app->s.closed[0] ?
		     _("Voting is closed: phones can no longer vote.") :
		     _("Vote on your phone"));
	attroff(ui_attr_title());
	y += 2;
	y += ui_draw_wrapped(y, x, cols, 2, _("Scan the code, or open this address on the room's network:"));
	attron(A_BOLD);
	y += ui_draw_wrapped(y + 1, x, cols, 4, url ? url : "") + 2;
	attroff(A_BOLD);
	if (!w && url)
		y += ui_draw_wrapped(y, x, cols, 2, _("Make the window larger to show the QR code.")) + 1;
	draw_counts(app, y, x, cols);
}

/* The bar, then the panel of the server this console runs. */
static void phone_draw(struct ui_app *app)
{
	ui_draw_bar(_("Phone voting"), app->s.closed[0] ? _("voting closed") :
		    _("voting open"), true);
	ui_phone_draw_panel(app, app->phone ? app->phone_ops->url(app->phone) : NULL);
}

/* Esc back to the console (the phones go on voting); s stops the server. */
static unsigned phone_key(struct ui_app *app, int key)
{
	switch (ui_key_action(UI_CTX_PHONE, key)) {
	case UI_ACT_BACK:
		return ui_app_goto(app, UI_SCREEN_CONSOLE);
	case UI_ACT_STOP:
		ui_phone_stop(app);
		ui_app_say(app, false, "%s", _("Phone voting is stopped: the phones' page is gone."));
		return ui_app_goto(app, UI_SCREEN_CONSOLE);
	default:
		return UI_NONE;
	}
}

/* A ballot from anywhere changes the counts. */
static unsigned phone_tick(struct ui_app *app, enum ui_tick news)
{
	(void)app;
	return news == UI_TICK_CHANGED ? UI_REDRAW : UI_NONE;
}

static enum ui_ctx phone_ctx(const struct ui_app *app)
{
	(void)app;
	return UI_CTX_PHONE;
}

const struct ui_screen_ops ui_phone_screen = {
	.open = phone_open, .draw = phone_draw, .key = phone_key,
	.tick = phone_tick, .ctx = phone_ctx,
};
