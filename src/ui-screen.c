/* ui-screen: the read-only projector view ("tapla screen ID"). It follows
 * what another tapla does to the same database: the phase, the countdown
 * (computed from the stored deadline, so it ticks without writes), how many
 * have voted (never what), and the results once the room may see them.
 * It never writes: the store is opened read-only and is re-read only when
 * SQLite's data_version says another connection committed. */
#include <curses.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "tapla/i18n.h"
#include "tapla/text.h"
#include "tapla/ui.h"

/* How often (ms) the view wakes to look at the clock and data_version. */
enum { TICK_MS = 200 };

/* What the view keeps besides the app state it shares with the screens. */
struct view {
	struct ui_app app;
	bool phase_view;     /* the phase even though results could show */
	long long shown;     /* the clock state last drawn (see clock_key) */
};

static volatile sig_atomic_t got_term;

/* SIGTERM, SIGHUP, SIGINT: leave the loop and restore the terminal. */
static void on_term(int sig)
{
	got_term = sig;
}

/* Installs the quitting signals; a viewer may be stopped with Ctrl-C. */
static bool install_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_term;
	if (sigaction(SIGTERM, &sa, NULL) != 0 || sigaction(SIGHUP, &sa, NULL) != 0 ||
	    sigaction(SIGINT, &sa, NULL) != 0)
		return false;
	sa.sa_handler = SIG_IGN;
	return sigaction(SIGPIPE, &sa, NULL) == 0;
}

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
static bool showing_results(const struct view *v)
{
	return !v->phase_view && ui_results_visible(&v->app);
}

/* Re-reads the session, the count and (when shown) the results. */
static void reload(struct view *v)
{
	struct ui_app *app = &v->app;
	struct session s;
	enum store_status st = store_session_get(app->st, app->s.id, &s);
	if (st != STORE_OK) {
		ui_app_say(app, true, "%s", store_error(app->st));
		return;
	}
	take_state(app, &s);
	rules_session_free(&s);
	app->msg[0] = '\0';
	ui_app_refresh(app);
	if (!ui_results_visible(app)) {
		ui_results_close(app);
		return;
	}
	int scroll = app->results.scroll;
	bool notes = app->results.notes;
	ui_results_open(app);  /* reads the report; no write */
	app->results.scroll = scroll;
	app->results.notes = notes;
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
	char right[160], left[300];
	const char *state = app->s.closed[0] ? _("voting closed") : _("voting open");
	snprintf(right, sizeof right, P_("%d has voted · %s", "%d have voted · %s",
					 app->votes), app->votes, state);
	snprintf(left, sizeof left, _(" tapla · %s · projector view"),
		 app->s.title ? app->s.title : "");
	ui_draw_bar(left, right, false);
}

/* "N have voted" in the voting phase, never what they voted. */
static void draw_votes(const struct ui_app *app, int y)
{
	const struct tpl_phase *p = ui_console_phase(app);
	char line[200];
	if (!p || p->kind != PHASE_VOTE)
		return;
	if (app->s.closed[0])
		snprintf(line, sizeof line, P_("Voting is closed: %d has voted.",
					       "Voting is closed: %d have voted.",
					       app->votes), app->votes);
	else
		snprintf(line, sizeof line, P_("%d has voted so far.",
					       "%d have voted so far.", app->votes),
			 app->votes);
	attron(A_BOLD);
	ui_draw_center(y, 0, COLS, line);
	attroff(A_BOLD);
}

/* The countdown on one line, for low windows. */
static void draw_small_timer(const struct ui_app *app, int y)
{
	char line[100];
	int64_t secs = ui_console_seconds_left(app);
	snprintf(line, sizeof line, "%02d:%02d  %s", (int)(secs / 60),
		 (int)(secs % 60), ui_console_timer_state(app));
	int a = ui_console_time_up(app) && (ui_now_ms() / 500) % 2 == 0 ?
		(int)(A_BOLD | A_REVERSE) : (int)A_BOLD;
	attron(a);
	ui_draw_center(y, 0, COLS, line);
	attroff(a);
}

/* The bottom line: the view's few keys. */
static void draw_keys(const struct view *v)
{
	const char *keys = ui_results_visible(&v->app) ?
		_("q quit  p phase/results  ↑↓ scroll  Tab tally/notes  (view only)") :
		_("q quit  (view only: voting happens at the tapla workshop screen)");
	attron(A_REVERSE);
	mvhline(LINES - 1, 0, ' ', COLS);
	ui_draw_text(LINES - 1, 1, COLS - 2, keys);
	attroff(A_REVERSE);
}

/* The phase, the votes and the timer. */
static void draw_phase_view(struct ui_app *app)
{
	int bottom = LINES - 3;
	bool show_timer = app->timer.left_ms > 0 || app->timer.running;
	draw_bar(app);
	if (show_timer && LINES < 22) {
		int y = ui_console_draw_phase(app, bottom - 8);
		draw_votes(app, y + 1 < bottom - 1 ? y + 1 : bottom - 1);
		draw_small_timer(app, bottom);
		return;
	}
	int timer_rows = show_timer ? 8 : 0;
	int inst_rows = bottom - 5 - timer_rows - 2;
	int y = ui_console_draw_phase(app, inst_rows > 1 ? inst_rows : 1);
	int ty = bottom - timer_rows + 1;
	draw_votes(app, ty - 2 > y ? ty - 2 : y);
	if (show_timer)
		ui_console_draw_timer(app, ty);
}

/* The one place that draws. */
static void draw(struct view *v)
{
	struct ui_app *app = &v->app;
	erase();
	curs_set(0);
	v->shown = clock_key(app);
	if (COLS < UI_MIN_COLS || LINES < UI_MIN_ROWS) {
		ui_draw_too_small();
		refresh();
		return;
	}
	if (showing_results(v))
		ui_results_draw(app);  /* its help line is replaced below */
	else
		draw_phase_view(app);
	ui_draw_message(app);
	draw_keys(v);
	refresh();
}

/* Keys: quit, switch views, scroll the results. Nothing else. */
static unsigned key(struct view *v, int k)
{
	struct ui_app *app = &v->app;
	if (k == 'q' || k == 'Q' || k == UI_KEY_ESC || k == UI_CTRL('c'))
		return UI_QUIT;
	if (k == 'p' || k == 'P') {
		v->phase_view = !v->phase_view;
		return UI_REDRAW;
	}
	if (!showing_results(v))
		return UI_NONE;
	switch (ui_key_action(UI_CTX_RESULTS, k)) {
	case UI_ACT_UP:
	case UI_ACT_DOWN:
	case UI_ACT_PAGE_UP:
	case UI_ACT_PAGE_DOWN:
	case UI_ACT_NOTES:
		return ui_results_key(app, k);  /* scrolling only: no write */
	default:
		return UI_NONE;
	}
}

/* No key came: re-read after another process's commit; redraw the clock
 * when the second it shows has changed. */
static unsigned tick(struct view *v)
{
	struct ui_app *app = &v->app;
	int64_t dv;
	unsigned flags = UI_NONE;
	if (store_data_version(app->st, &dv) != STORE_OK) {
		ui_app_say(app, true, "%s", store_error(app->st));
		flags |= UI_REDRAW;
	} else if (dv != app->data_version) {
		app->data_version = dv;
		reload(v);
		flags |= UI_REDRAW;
	}
	if (clock_key(app) != v->shown)
		flags |= UI_REDRAW;
	return flags;
}

/* Sets up curses: keys as typed, Ctrl-C a signal, a bounded wait. */
static SCREEN *open_screen(void)
{
	SCREEN *scr = newterm(NULL, stdout, stdin);
	if (!scr)
		return NULL;
	set_term(scr);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(40);
	timeout(TICK_MS);
	curs_set(0);
	ui_draw_colors();
	return scr;
}

/* The loop: wait up to a tick for a key (read as the app reads them),
 * then look for changes. */
static void loop(struct view *v)
{
	unsigned flags = UI_REDRAW;
	while (!got_term && !(flags & UI_QUIT)) {
		if (flags & UI_REDRAW)
			draw(v);
		wint_t wc = 0;
		int rc = ui_input_read(TICK_MS, &wc);
		flags = tick(v);
		if (rc == ERR)
			continue;
		int k = ui_key_from_curses(rc, (unsigned)wc);
		if (k == UI_KEY_ESC)  /* a sequence or a paste is no Esc: no quit */
			k = ui_input_after_esc();
		if (k == UI_KEY_RESIZE)
			flags |= UI_REDRAW;
		else if (k != UI_KEY_NONE)
			flags |= key(v, k);
	}
}

/* Frees what ui_app_load_session loaded. */
static void unload(struct ui_app *app)
{
	ui_results_close(app);
	if (app->turn_ready)
		ui_turn_free(&app->turn);
	store_free_sheets(app->sheets, app->nsheets);
	store_free_phases(app->phases, app->nphases);
	if (app->have_session)
		rules_session_free(&app->s);
}

int ui_screen_run(struct store *st, int64_t id, bool lang_fixed, char *msg,
		  size_t n)
{
	struct view v;
	memset(&v, 0, sizeof v);
	v.app.st = st;
	v.app.lang_fixed = lang_fixed;
	v.app.data_version = -1;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		snprintf(msg, n, "%s", _("The projector view needs a terminal: run tapla screen in a terminal window."));
		return FRONT_EXIT_USAGE;
	}
	if (!install_signals()) {
		snprintf(msg, n, _("Could not set up the terminal: %s."), "signals");
		return FRONT_EXIT_ENV;
	}
	if (!ui_app_load_session(&v.app, id)) {
		snprintf(msg, n, "%s", v.app.msg);
		unload(&v.app);
		return FRONT_EXIT_ENV;
	}
	SCREEN *scr = open_screen();
	if (!scr) {
		unload(&v.app);
		snprintf(msg, n, "%s", _("This terminal type is unknown: set TERM (for example TERM=xterm-256color)."));
		return FRONT_EXIT_ENV;
	}
	tick(&v);  /* the first data_version, and the results if visible */
	loop(&v);
	endwin();
	delscreen(scr);
	unload(&v.app);
	msg[0] = '\0';
	return FRONT_EXIT_OK;
}
