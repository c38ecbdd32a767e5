/* ui-app: the loop of the full-screen app and of the projector view. The
 * screens are a table of ops rows (UI_SCREENS in ui.h); ui_app_goto is the
 * one way between them. One place draws (when a handler asked for it),
 * signal handlers only set flags, the terminal is always restored. */
#include <curses.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "tapla/i18n.h"
#include "tapla/ui.h"

static volatile sig_atomic_t got_term;
static volatile sig_atomic_t got_winch;

/* SIGTERM, SIGHUP: leave the loop, restore the terminal, exit. */
static void on_term(int sig)
{
	got_term = sig;
}

/* SIGWINCH: the loop resizes at its next turn. */
static void on_winch(int sig)
{
	(void)sig;
	got_winch = 1;
}

/* Installs our handlers and ignores the keys' signals: Ctrl-C, Ctrl-\ and
 * Ctrl-Z never kill or stop the app (raw mode sends them as keys anyway).
 * A SIGINT from elsewhere quits the projector view when `int_quits`, as
 * SIGTERM does. */
static bool install_signals(bool int_quits)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_term;
	if (sigaction(SIGTERM, &sa, NULL) != 0 || sigaction(SIGHUP, &sa, NULL) != 0)
		return false;
	sa.sa_handler = on_winch;
	if (sigaction(SIGWINCH, &sa, NULL) != 0)
		return false;
	sa.sa_handler = int_quits ? on_term : SIG_IGN;
	if (sigaction(SIGINT, &sa, NULL) != 0)
		return false;
	sa.sa_handler = SIG_IGN;
	return sigaction(SIGQUIT, &sa, NULL) == 0 &&
	       sigaction(SIGTSTP, &sa, NULL) == 0 &&
	       sigaction(SIGPIPE, &sa, NULL) == 0;
}

/* What a crash handler needs to give the terminal back: the modes from
 * before curses and the sequences that leave its screen, made ready in
 * advance because a signal handler may only write and tcsetattr. */
static struct termios crash_tio;
static bool crash_have_tio;
static size_t crash_len;

#if !defined(__SANITIZE_ADDRESS__)
static char crash_seq[512];

/* Appends a terminfo string capability to the crash sequence. */
static void crash_add(const char *cap)
{
	char *v = tigetstr(cap);
	if (!v || v == (char *)-1)
		return;
	size_t n = strlen(v);
	if (crash_len + n < sizeof crash_seq) {
		memcpy(crash_seq + crash_len, v, n);
		crash_len += n;
	}
}

/* A crash (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT): restore the terminal
 * with async-signal-safe calls only, then die of the same signal. */
static void on_crash(int sig)
{
	if (crash_len > 0 && write(STDOUT_FILENO, crash_seq, crash_len) < 0)
		crash_len = 0;
	if (crash_have_tio)
		tcsetattr(STDIN_FILENO, TCSANOW, &crash_tio);
	signal(sig, SIG_DFL);
	raise(sig);
}
#endif

/* Readies the crash handlers. Not under AddressSanitizer, whose own
 * handler must see the crash to report it. */
static void install_crash_handlers(void)
{
#if !defined(__SANITIZE_ADDRESS__)
	static const int sigs[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
	struct sigaction sa;
	crash_add("sgr0");
	crash_add("cnorm");
	crash_add("rmkx");
	crash_add("rmcup");
	if (crash_len + sizeof UI_PASTE_OFF < sizeof crash_seq) {
		memcpy(crash_seq + crash_len, UI_PASTE_OFF, sizeof UI_PASTE_OFF - 1);
		crash_len += sizeof UI_PASTE_OFF - 1;
	}
	if (tigetstr("kmous") && tigetstr("kmous") != (char *)-1) {
		static const char mouse_off[] = "\033[?1000l\033[?1006l";
		if (crash_len + sizeof mouse_off < sizeof crash_seq) {
			memcpy(crash_seq + crash_len, mouse_off, sizeof mouse_off - 1);
			crash_len += sizeof mouse_off - 1;
		}
	}
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_crash;
	sa.sa_flags = SA_RESETHAND;
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		sigaction(sigs[i], &sa, NULL);
#endif
}

/* Gives the crash signals back to their default once curses is gone. */
static void uninstall_crash_handlers(void)
{
#if !defined(__SANITIZE_ADDRESS__)
	static const int sigs[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		signal(sigs[i], SIG_DFL);
#endif
	crash_len = 0;
}

/* Turns off XON/XOFF so Ctrl-S cannot freeze the screen. */
static void no_flow_control(void)
{
	struct termios tio;
	if (tcgetattr(STDIN_FILENO, &tio) == 0) {
		tio.c_iflag &= (tcflag_t)~(IXON | IXOFF);
		tcsetattr(STDIN_FILENO, TCSANOW, &tio);
	}
}

void ui_app_say(struct ui_app *app, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(app->msg, sizeof app->msg, fmt, ap);
	va_end(ap);
	app->msg_is_error = error;
}

/* The screens by id, from the one list in ui.h. */
static const struct ui_screen_ops *const screens[UI_SCREEN_COUNT] = {
#define UI_SCREEN_ROW(id, ops) [UI_SCREEN_##id] = &ops,
	UI_SCREENS(UI_SCREEN_ROW)
#undef UI_SCREEN_ROW
};

const struct ui_screen_ops *ui_app_ops(enum ui_screen id)
{
	return screens[id];
}

/* The screen shown now. */
static const struct ui_screen_ops *current(const struct ui_app *app)
{
	return screens[app->screen];
}

/* Closes a screen if it has anything to free. */
static void close_screen(struct ui_app *app, enum ui_screen id)
{
	if (screens[id]->close)
		screens[id]->close(app);
}

unsigned ui_app_goto(struct ui_app *app, enum ui_screen to)
{
	const struct ui_screen_ops *from = current(app), *next = screens[to];
	if (to == app->screen)
		return UI_REDRAW;
	if (from->over && to == app->under) {
		close_screen(app, app->screen);  /* back to what stayed open */
		app->screen = to;
		return UI_REDRAW;
	}
	if (next->open && !next->open(app))
		return UI_REDRAW;  /* it said why; we stay */
	if (next->over) {
		app->under = app->screen;
	} else {
		close_screen(app, app->screen);
		if (from->over)
			close_screen(app, app->under);
	}
	app->screen = to;
	return UI_REDRAW;
}

/* Closes what is open at the end: the screen shown and any under it. */
static void close_all(struct ui_app *app)
{
	close_screen(app, app->screen);
	if (current(app)->over)
		close_screen(app, app->under);
}

/* Frees the loaded session's parts. */
static void unload_session(struct ui_app *app)
{
	if (app->have_session)
		ui_phone_stop(app);  /* phones voted in this session only */
	store_free_sheets(app->sheets, app->nsheets);
	store_free_phases(app->phases, app->nphases);
	app->sheets = NULL;
	app->phases = NULL;
	app->nsheets = app->nphases = 0;
	if (app->have_session)
		rules_session_free(&app->s);
	app->have_session = false;
}

static void timer_from_session(struct ui_app *app);

/* Another station (another tapla on this database) moved the agenda or
 * the timer: follow it. Our own writes store what we hold already. */
static void follow_agenda(struct ui_app *app, const struct session *s)
{
	bool timer_changed = s->timer_running != app->timer.running ||
			     (s->timer_running && s->timer_deadline_ms != app->timer.deadline_ms) ||
			     (!s->timer_running && s->timer_left_ms != app->timer.left_ms &&
			      s->timer_left_ms > 0);
	if (s->phase >= 0 && (size_t)s->phase < app->nphases &&
	    s->phase != app->s.phase) {
		app->s.phase = s->phase;
		timer_changed = true;
	}
	if (!timer_changed)
		return;
	app->s.timer_running = s->timer_running;
	app->s.timer_deadline_ms = s->timer_deadline_ms;
	app->s.timer_left_ms = s->timer_left_ms;
	timer_from_session(app);
}

struct voting ui_app_voting(const struct ui_app *app)
{
	return voting_of(&app->s, app->phases, app->nphases);
}

unsigned ui_app_when(const struct ui_app *app)
{
	return app->have_session ? ui_when_of(ui_app_voting(app)) : UI_WHEN_ANY;
}

void ui_app_refresh(struct ui_app *app)
{
	struct session s;
	int votes = 0;
	if (!app->have_session)
		return;
	if (store_vote_count(app->st, app->s.id, &votes) == STORE_OK)
		app->votes = votes;
	if (store_session_get(app->st, app->s.id, &s) == STORE_OK) {
		app->s.revealed = s.revealed;
		app->s.has_pin = s.has_pin;
		memcpy(app->s.closed, s.closed, sizeof s.closed);
		follow_agenda(app, &s);
		rules_session_free(&s);
	}
}

/* Takes the timer state from the stored session. */
static void timer_from_session(struct ui_app *app)
{
	app->timer.running = app->s.timer_running;
	app->timer.deadline_ms = app->s.timer_deadline_ms;
	app->timer.left_ms = app->s.timer_left_ms;
	if (!app->timer.running && app->timer.left_ms <= 0 &&
	    app->s.phase >= 0 && (size_t)app->s.phase < app->nphases)
		ui_timer_reset(&app->timer, app->phases[app->s.phase].minutes);
	app->time_up_seen = app->timer.running &&
			    ui_timer_left(&app->timer, ui_now_ms()) == 0;
}

bool ui_app_load_session(struct ui_app *app, int64_t id)
{
	unload_session(app);
	if (store_session_get(app->st, id, &app->s) != STORE_OK) {
		ui_app_say(app, true, "%s", store_error(app->st));
		return false;
	}
	app->have_session = true;
	if (store_session_sheets(app->st, id, &app->sheets, &app->nsheets) != STORE_OK ||
	    store_session_phases(app->st, id, &app->phases, &app->nphases) != STORE_OK) {
		ui_app_say(app, true, "%s", store_error(app->st));
		unload_session(app);
		return false;
	}
	if (!app->lang_fixed && app->s.language)
		i18n_set_language(app->s.language);
	if (app->s.phase < 0 || (size_t)app->s.phase >= app->nphases)
		app->s.phase = 0;
	timer_from_session(app);
	app->unlocked = false;
	app->msg[0] = '\0';
	ui_app_refresh(app);
	return true;
}

unsigned ui_app_facilitator(struct ui_app *app)
{
	ui_app_refresh(app);
	if (app->s.has_pin)
		return ui_prompt_open(app, UI_PROMPT_PIN);
	app->unlocked = true;
	return ui_app_goto(app, UI_SCREEN_CONSOLE);
}

/* Reads the new window size and tells curses. */
static void handle_resize(void)
{
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0)
		resize_term(ws.ws_row, ws.ws_col);
	/* What the terminal kept of the old screen is unknown: paint it all. */
	clearok(curscr, TRUE);
}

/* The one place that draws: the screen, its message and help line, and
 * the prompt over them. */
static void draw(struct ui_app *app)
{
	const struct ui_screen_ops *ops = current(app);
	erase();
	ui_draw_cursor_forget();
	app->small = COLS < UI_MIN_COLS || LINES < UI_MIN_ROWS;
	if (app->small) {
		ui_draw_too_small();
		ui_draw_cursor_place();
		refresh();
		return;
	}
	ops->draw(app);
	if (ops->ctx) {
		ui_draw_message(app);
		ui_draw_help(ops->ctx(app), ui_app_when(app));
	}
	if (app->prompt.kind != UI_PROMPT_NONE)
		ui_prompt_draw(app);
	ui_draw_cursor_place();
	refresh();
}

/* Hands a key to whatever has the focus: the prompt, else the screen. */
static unsigned dispatch(struct ui_app *app, int key)
{
	if (app->prompt.kind != UI_PROMPT_NONE)
		return ui_prompt_key(app, key);
	return current(app)->key(app, key);
}

/* Work done when no key came: what other connections committed, the
 * timer's bell, then the screen's own. */
static unsigned tick(struct ui_app *app)
{
	int64_t v;
	unsigned flags = UI_NONE;
	enum ui_tick news = UI_TICK_SAME;
	if (!app->have_session)
		return flags;
	if (store_data_version(app->st, &v) != STORE_OK) {
		news = UI_TICK_FAILED;
	} else if (v != app->data_version) {
		app->data_version = v;
		ui_app_refresh(app);
		news = UI_TICK_CHANGED;
		flags |= UI_REDRAW;
	}
	ui_console_ring(app);
	if (current(app)->tick)
		flags |= current(app)->tick(app, news);
	return flags | ui_prompt_tick(app);
}

/* Bracketed paste on or off: a paste then comes as one UI_KEY_PASTE,
 * text for a field, never keys that act. Written straight to the
 * terminal: curses knows no capability for it. */
static void paste_mode(bool on)
{
	fflush(stdout);
	const char *seq = on ? UI_PASTE_ON : UI_PASTE_OFF;
	if (write(STDOUT_FILENO, seq, strlen(seq)) < 0)
		return;  /* no terminal left to tell */
}

/* Sets up curses on the terminal; NULL if it cannot. */
static SCREEN *open_screen(void)
{
	crash_have_tio = tcgetattr(STDIN_FILENO, &crash_tio) == 0;
	SCREEN *scr = newterm(NULL, stdout, stdin);
	if (!scr)
		return NULL;
	set_term(scr);
	install_crash_handlers();
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(40);
	timeout(250);
	curs_set(0);
	mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED, NULL);
	mouseinterval(0);
	ui_draw_colors();
	no_flow_control();
	paste_mode(true);
	return scr;
}

/* The loop: read a key or a tick, hand it on, draw when asked. Keys that
 * are already waiting are handled before the next frame (the read after a
 * key does not wait), so a 1 MiB paste costs one frame, not one per
 * character. */
static void loop(struct ui_app *app)
{
	unsigned flags = UI_NONE;
	bool dirty = true, busy = false;
	while (!got_term && !(flags & UI_QUIT)) {
		if (got_winch) {
			got_winch = 0;
			handle_resize();
			dirty = true;
		}
		app->small = COLS < UI_MIN_COLS || LINES < UI_MIN_ROWS;
		if (dirty && !busy) {
			draw(app);
			dirty = false;
		}
		wint_t wc = 0;
		int rc = ui_input_read(busy ? 0 : 250, &wc);
		if (rc == ERR) {
			if (busy) {
				busy = false;  /* all read: now the frame */
				continue;
			}
			if (ui_input_gone())
				break;  /* no terminal left to restore or read */
			flags = tick(app);
			dirty = dirty || (flags & UI_REDRAW);
			continue;
		}
		busy = true;
		int key = ui_key_from_curses(rc, (unsigned)wc);
		if (key == UI_KEY_ESC)
			key = ui_input_after_esc();
		if (key == UI_KEY_RESIZE) {
			dirty = true;
			continue;
		}
		if (key == UI_KEY_NONE || app->small)
			continue;
		if (key == UI_KEY_MOUSE && dirty) {
			draw(app);  /* a click finds what is on screen */
			dirty = false;
		}
		flags = dispatch(app, key);
		dirty = dirty || (flags & UI_REDRAW);
	}
}

/* Enters the first screen: the session loaded first when id > 0. False
 * with the reason in app->msg if it cannot. */
static bool enter(struct ui_app *app, int64_t id, enum ui_screen first)
{
	const struct ui_screen_ops *ops = screens[first];
	if (id > 0 && !ui_app_load_session(app, id))
		return false;
	if (ops->open && !ops->open(app))
		return false;
	app->screen = first;  /* the one screen the loop starts on */
	return true;
}

/* The terminal set up, the loop from the first screen, the terminal
 * restored; what failed goes to msg (n bytes) for the command to say once
 * the terminal is back. Returns an exit status (front.h). */
static int run_app(struct ui_app *app, int64_t id, enum ui_screen first,
		   bool int_quits, char *msg, size_t n)
{
	if (!lineedit_init(&app->prompt.field, 64) || !install_signals(int_quits)) {
		lineedit_free(&app->prompt.field);
		snprintf(msg, n, _("Could not set up the terminal: %s."), "signals");
		return FRONT_EXIT_ENV;
	}
	SCREEN *scr = open_screen();
	if (!scr) {
		lineedit_free(&app->prompt.field);
		snprintf(msg, n, "%s", _("This terminal type is unknown: set TERM (for example TERM=xterm-256color)."));
		return FRONT_EXIT_ENV;
	}
	/* SIGTERM or SIGHUP while a save waits for another's lock: give up
	 * the wait (nothing is written) rather than sit out the timeout. */
	store_stop_waits_on(app->st, &got_term);
	bool ok = enter(app, id, first);
	if (ok)
		loop(app);
	store_stop_waits_on(app->st, NULL);
	paste_mode(false);
	endwin();
	delscreen(scr);
	uninstall_crash_handlers();
	snprintf(msg, n, "%s", ok ? "" : app->msg);
	if (ok)
		close_all(app);
	unload_session(app);
	lineedit_free(&app->prompt.field);
	return ok ? FRONT_EXIT_OK : FRONT_EXIT_ENV;
}

/* A fresh app on the store, run from its first screen if there is a
 * terminal (else `no_tty` is said). Returns an exit status. */
static int start_on_terminal(struct store *st, int64_t id, bool lang_fixed,
			     const struct ui_phone_ops *phone,
			     enum ui_screen first, const char *no_tty,
			     char *msg, size_t n)
{
	struct ui_app app;
	memset(&app, 0, sizeof app);
	app.st = st;
	app.phone_ops = phone;
	app.lang_fixed = lang_fixed;
	app.data_version = -1;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		snprintf(msg, n, "%s", no_tty);
		return FRONT_EXIT_USAGE;
	}
	/* Only the projector view quits on a SIGINT sent from elsewhere. */
	return run_app(&app, id, first, first == UI_SCREEN_VIEW, msg, n);
}

int ui_run(struct store *st, int64_t id, bool lang_fixed,
	   const struct ui_phone_ops *phone, char *msg, size_t n)
{
	return start_on_terminal(st, id, lang_fixed, phone,
				 id > 0 ? UI_SCREEN_CONSOLE : UI_SCREEN_START,
				 _("The workshop screen needs a terminal: run tapla in a terminal window, or use the commands (see “tapla --help”)."),
				 msg, n);
}

int ui_screen_run(struct store *st, int64_t id, bool lang_fixed, char *msg,
		  size_t n)
{
	return start_on_terminal(st, id, lang_fixed, NULL, UI_SCREEN_VIEW,
				 _("The projector view needs a terminal: run tapla screen in a terminal window."),
				 msg, n);
}
