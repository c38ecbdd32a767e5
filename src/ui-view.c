/* ui-view: the read-only projector view ("tapla screen ID"), a screen of
 * the app's loop (ui_screen_run starts it there). It follows what another
 * tapla does to the same database: the phase, the countdown (computed from
 * the stored deadline, so it ticks without writes), how many have voted
 * (never what), and the results once the room may see them. It never
 * writes: the store is opened read-only and is re-read only when SQLite's
 * data_version says another connection committed. It shows the newest
 * round of its session: one started while it runs takes the place of the
 * one before. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tapla/i18n.h"
#include "tapla/text.h"
#include "tapla/ui.h"

/* Takes the phase and timer from a freshly read session. */
static void take_state(struct ui_app *app, const struct session *s)
{
	if (s->phase >= 0 && (size_t)s->phase < app->nphases)
		app->s.phase = s->phase;
	app->s.timer_running = s->timer_running;
	app->s.timer_deadline_ms = s->timer_deadline_ms;
	app->s.timer_left_ms = s->timer_left_ms;
	app->timer.running = s->timer_running;
	app->timer.deadline_ms = s->timer_deadline_ms;
	app->timer.left_ms = s->timer_left_ms;
	/* A phase not started yet shows its full time, as the console does. */
	const struct tpl_phase *p = ui_console_phase(app);
	if (!app->timer.running && app->timer.left_ms <= 0 && p)
		ui_timer_reset(&app->timer, p->minutes);
}

/* Is the report on screen now (rather than the phase)? */
static bool showing_results(const struct ui_app *app)
{
	return !app->view.phase_view && ui_results_visible(app);
}

/* The index in all[0..n) of the round after the session with `uuid`, the
 * first made if a merge brought two; n if none. */
static size_t round_after(const struct session *all, size_t n, const char *uuid)
{
	size_t found = n;
	for (size_t i = 0; i < n; i++)
		if (strcmp(all[i].after, uuid) == 0 && (found == n || all[i].id < all[found].id))
			found = i;
	return found;
}

/* The id of the newest round of the session shown (its own id when no
 * later round is here): the room follows the facilitator into round 2. */
static int64_t newest_round(struct ui_app *app)
{
	struct session *all = NULL;
	size_t n = 0;
	int64_t id = app->s.id;
	if (store_session_list(app->st, &all, &n) != STORE_OK)
		return id;  /* the round shown stays; the next change tries again */
	const char *uuid = app->s.uuid;
	/* Rounds form a line: at most n steps along it. */
	for (size_t step = 0, i; step < n && (i = round_after(all, n, uuid)) < n; step++) {
		id = all[i].id;
		uuid = all[i].uuid;
	}
	for (size_t i = 0; i < n; i++)
		rules_session_free(&all[i]);
	free(all);
	return id;
}

/* The phones' address while its server beats (store_phone_join_url); a
 * killed server's address is not shown. True when what shows changed. */
static bool read_join_url(struct ui_app *app)
{
	char *url = NULL;
	bool stopped = false, was = app->view.join_url != NULL;
	bool was_stopped = app->view.phone_stopped;
	app->view.serve_checked_ms = ui_now_ms();
	if (store_phone_join_url(app->st, app->s.id, app->view.serve_checked_ms,
				 &url, &stopped) != STORE_OK)
		url = NULL;  /* the phase then, as before */
	bool changed = was != (url != NULL) || was_stopped != stopped ||
		       (url && strcmp(url, app->view.join_url) != 0);
	free(app->view.join_url);
	app->view.join_url = url;
	app->view.phone_stopped = stopped;
	return changed;
}

/* Re-reads the session, the count and (when shown) the results: the
 * results screen's open reads the report, its close frees it; neither
 * writes. A newer round of the session takes its place. */
static void reload(struct ui_app *app)
{
	int64_t newest = newest_round(app);
	if (newest != app->s.id) {
		ui_results_screen.close(app);
		if (!ui_app_load_session(app, newest))
			return;
	}
	struct session s;
	enum store_status st = store_session_get(app->st, app->s.id, &s);
	if (st != STORE_OK) {
		ui_app_say(app, true, "%s", store_error(app->st));
		return;
	}
	take_state(app, &s);
	rules_session_free(&s);
	read_join_url(app);
	app->msg[0] = '\0';
	ui_app_refresh(app);
	if (!ui_results_visible(app)) {
		ui_results_screen.close(app);
		return;
	}
	int scroll = app->results.scroll;
	bool notes = app->results.notes, table = app->results.table;
	enum ui_results_view shown = app->results.view;
	ui_results_screen.open(app);
	app->results.scroll = scroll;
	app->results.notes = notes;
	app->results.table = table;
	app->results.view = shown;
}

/* What the clock looks like now: the second shown and, once time is up,
 * the half second of the flash. Redrawn only when this changes. */
static long long clock_key(const struct ui_app *app)
{
	if (ui_console_time_up(app))
		return -1 - (ui_now_ms() / 500) % 2;
	return (long long)ui_console_seconds_left(app);
}

/* The title bar: session, votes, voting state, "projector view". */
static void draw_bar(const struct ui_app *app)
{
	char right[160];
	const char *state = voting_label(ui_app_voting(app));
	snprintf(right, sizeof right, P_("%d has voted · %s", "%d have voted · %s",
					 app->votes), app->votes, state);
	ui_draw_bar_title(_(" tapla · %s · projector view"), app->s.title, right, false);
}

/* "N have voted" in the voting phase, never what they voted. */
static void draw_votes(const struct ui_app *app, int y)
{
	struct voting v = ui_app_voting(app);
	char line[200];
	if (app->view.phone_stopped && !app->s.closed[0] && y + 1 < LINES - 3)
		ui_draw_center_row(y + 1, A_NORMAL, _("Phone voting has stopped."));
	if (v.phase == VOTING_NOT_STARTED)
		return;
	if (v.phase == VOTING_CLOSED)
		snprintf(line, sizeof line, P_("Voting is closed: %d has voted.",
					       "Voting is closed: %d have voted.",
					       app->votes), app->votes);
	else
		snprintf(line, sizeof line, P_("%d has voted so far.",
					       "%d have voted so far.", app->votes),
			 app->votes);
	ui_draw_center_row(y, A_BOLD, line);
}

/* The phase, the votes and the timer, as the console lays them out. */
static void draw_phase_view(struct ui_app *app)
{
	draw_bar(app);
	ui_console_draw_agenda(app, draw_votes, 8, true);
}

/* The results as the results screen draws them, or the phase; the loop
 * adds the message and the view's keys from the key table. */
static void view_draw(struct ui_app *app)
{
	app->view.shown = clock_key(app);
	if (showing_results(app)) {
		ui_results_screen.draw(app);
	} else if (app->view.join_url && !app->s.closed[0] && !app->view.phase_view) {
		draw_bar(app);  /* phones vote: their address for the room */
		ui_phone_draw_panel(app, app->view.join_url);
	} else {
		draw_phase_view(app);
	}
}

/* Keys: quit, switch views, scroll the results. Nothing that writes. */
static unsigned view_key(struct ui_app *app, int k)
{
	enum ui_ctx ctx = ui_results_visible(app) ? UI_CTX_VIEW_RESULTS : UI_CTX_VIEW;
	switch (ui_key_action(ctx, k)) {
	case UI_ACT_QUIT:
		return UI_QUIT;
	case UI_ACT_SWITCH:
		app->view.phase_view = !app->view.phase_view;
		return UI_REDRAW;
	case UI_ACT_UP:
	case UI_ACT_DOWN:
	case UI_ACT_PAGE_UP:
	case UI_ACT_PAGE_DOWN:
	case UI_ACT_NOTES:
	case UI_ACT_MOVED:
	case UI_ACT_GROUPS:
	case UI_ACT_TABLE:
		if (!showing_results(app))
			return UI_NONE;
		return ui_results_screen.key(app, k);  /* scrolling, views */
	default:
		return UI_NONE;
	}
}

/* Tells the console that a view follows the session, once a second (a
 * file beside the database: the database itself stays unwritten). A
 * failure is not the room's business: the console then warns as if no
 * view were there. */
static void beat(struct ui_app *app)
{
	int64_t now = ui_now_ms();
	if (now - app->view.beat_ms < 1000)
		return;
	app->view.beat_ms = now;
	(void)store_view_beat(app->st, app->s.id, now);
}

/* No key came: re-read after another process's commit; redraw the clock
 * when the second it shows has changed. */
static unsigned view_tick(struct ui_app *app, enum ui_tick news)
{
	unsigned flags = UI_NONE;
	beat(app);
	if (news == UI_TICK_FAILED) {
		ui_app_say(app, true, "%s", store_error(app->st));
		flags |= UI_REDRAW;
	} else if (news == UI_TICK_CHANGED) {
		reload(app);
		flags |= UI_REDRAW;
	}
	if (clock_key(app) != app->view.shown)
		flags |= UI_REDRAW;
	if (ui_now_ms() - app->view.serve_checked_ms >= 1000 && read_join_url(app))
		flags |= UI_REDRAW;  /* the phone server stopped beating, or began */
	return flags;
}

/* The first look: the store's data_version and, if visible, the
 * results, before the first frame. */
static bool view_open(struct ui_app *app)
{
	memset(&app->view, 0, sizeof app->view);
	app->view.beat_ms = -1000000;
	beat(app);
	if (store_data_version(app->st, &app->data_version) != STORE_OK) {
		ui_app_say(app, true, "%s", store_error(app->st));
		return true;  /* shown on the view, which goes on trying */
	}
	reload(app);
	return true;
}

/* Frees the report if one was read. */
static void view_close(struct ui_app *app)
{
	ui_results_screen.close(app);
	free(app->view.join_url);
	app->view.join_url = NULL;
}

/* The keys of the view: with the results' scrolling once they may show. */
static enum ui_ctx view_ctx(const struct ui_app *app)
{
	return ui_results_visible(app) ? UI_CTX_VIEW_RESULTS : UI_CTX_VIEW;
}

const struct ui_screen_ops ui_view_screen = {
	.open = view_open, .close = view_close, .draw = view_draw,
	.key = view_key, .tick = view_tick, .ctx = view_ctx,
};
