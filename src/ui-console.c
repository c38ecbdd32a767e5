/* ui-console: the facilitator console as the room sees it on the projector:
 * the agenda's current phase, its instructions, a big countdown, how many
 * have voted (never what). Facilitator keys work once unlocked. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tapla/i18n.h"
#include "tapla/text.h"
#include "tapla/ui.h"

const struct tpl_phase *ui_console_phase(const struct ui_app *app)
{
	if (app->nphases == 0 || app->s.phase < 0 ||
	    (size_t)app->s.phase >= app->nphases)
		return NULL;
	return &app->phases[app->s.phase];
}

/* Is voting open (the one voting state, voting.h)? */
static bool voting_open(const struct ui_app *app)
{
	return ui_app_voting(app).phase == VOTING_OPEN;
}

/* The key context of the console now (its rows follow the voting state). */
static enum ui_ctx console_ctx(const struct ui_app *app)
{
	return app->unlocked ? UI_CTX_CONSOLE : UI_CTX_LOCKED;
}

bool ui_console_time_up(const struct ui_app *app)
{
	return app->timer.running && ui_timer_left(&app->timer, ui_now_ms()) == 0;
}

/* Makes the app's timer the phase's and saves it. */
static void save_timer(struct ui_app *app)
{
	if (store_session_set_timer(app->st, app->s.id, app->timer.running,
				    app->timer.deadline_ms,
				    app->timer.left_ms) != STORE_OK)
		ui_app_say(app, true, "%s", store_error(app->st));
}

/* The title bar: session, votes, state. */
static void draw_bar(const struct ui_app *app)
{
	char right[160], left[300];
	const char *state = voting_label(ui_app_voting(app));
	snprintf(right, sizeof right, P_("%d has voted · %s", "%d have voted · %s",
					 app->votes), app->votes, state);
	snprintf(left, sizeof left, " tapla · %s", app->s.title ? app->s.title : "");
	const char *tag = app->unlocked ? _("[facilitator]") : "";
	int tw = (int)text_width(tag);
	/* The count and state whole while the title keeps a dozen columns
	 * ("äänestys ei ole alkanut" is more than half of 80); past that
	 * they end in "…". */
	int rw = (int)text_width(right);
	int most = COLS - 15 - (tw > 0 ? tw + 2 : 0);
	most = most > COLS / 2 ? most : COLS / 2;
	if (rw > most)
		rw = most;
	/* The title gives way, with "…", so that the tag and the count both
	 * show, each two columns clear of the next. */
	int lw = COLS - rw - (tw > 0 ? tw + 2 : 0) - 3;
	attron(A_REVERSE);
	mvhline(0, 0, ' ', COLS);
	int used = ui_draw_text_ellipsized(0, 0, lw, left);
	if (tw > 0) {
		attron(A_BOLD);
		ui_draw_text(0, used + 2, tw, tag);
		attroff(A_BOLD);
	}
	ui_draw_text_ellipsized(0, COLS - rw - 1, rw, right);
	attroff(A_REVERSE);
}

/* The phase heading from row 2 and its instructions (at most `rows` rows,
 * as large as text can be); returns the next free row. */
static int draw_phase(const struct ui_app *app, int rows)
{
	const struct tpl_phase *p = ui_console_phase(app);
	char head[400];
	if (!p) {
		ui_draw_text(2, 2, COLS - 4, _("This session has no agenda."));
		return 3;
	}
	snprintf(head, sizeof head, _("Phase %d of %d: %s"), app->s.phase + 1,
		 (int)app->nphases, p->title ? p->title : "");
	attron(ui_attr_title());
	ui_draw_text(2, 2, COLS - 4, head);
	attroff(ui_attr_title());
	ui_draw_rule(3, 2, COLS - 4);
	attron(A_BOLD);
	/* Lines of at most 72 columns, centred: easier to read from afar. */
	int w = COLS - 8 < 72 ? COLS - 8 : 72;
	int used = ui_draw_wrapped(5, (COLS - w) / 2, w, rows,
				   p->instructions ? p->instructions : "");
	attroff(A_BOLD);
	return 5 + used;
}

int64_t ui_console_seconds_left(const struct ui_app *app)
{
	int64_t secs = (ui_timer_left(&app->timer, ui_now_ms()) + 999) / 1000;
	return secs > 99 * 60 + 59 ? 99 * 60 + 59 : secs;
}

/* Has the phase's timer not been started (its full time, stopped)? */
static bool timer_unstarted(const struct ui_app *app)
{
	const struct tpl_phase *p = ui_console_phase(app);
	return !app->timer.running && p &&
	       app->timer.left_ms == (int64_t)p->minutes * 60000;
}

/* "not started", "running", "paused" or "TIME IS UP", translated. */
static const char *timer_state(const struct ui_app *app)
{
	return ui_console_time_up(app) ? _("TIME IS UP") :
	       app->timer.running ? _("running") :
	       timer_unstarted(app) ? _("not started") : _("paused");
}

/* The big countdown (rows y..y+4, flashing inverse once time is up) and
 * its state on row y+6. */
static void draw_timer(const struct ui_app *app, int y)
{
	char digits[16];
	int64_t secs = ui_console_seconds_left(app);
	snprintf(digits, sizeof digits, "%02d:%02d", (int)(secs / 60), (int)(secs % 60));
	bool up = ui_console_time_up(app);
	bool inverse = up && (ui_now_ms() / 500) % 2 == 0;
	int w = ui_draw_big(y, 0, digits, false);
	int x = (COLS - w) / 2;
	if (inverse) {
		attron(A_REVERSE);
		for (int r = -1; r <= 6; r++)
			mvhline(y + r, x - 2, ' ', w + 4);
	}
	ui_draw_big(y, x, digits, true);
	if (inverse)
		attroff(A_REVERSE);
	ui_draw_center_row(y + 6, up ? (int)(A_BOLD | A_REVERSE) : A_BOLD,
			   timer_state(app));
}

/* What the room can do now, in the middle of the screen. */
static void draw_next_step(const struct ui_app *app, int y)
{
	const struct tpl_phase *p = ui_console_phase(app);
	if (app->projector) {
		ui_draw_center_row(y + 1, A_BOLD, _("projector view connected"));
	}
	if (voting_open(app)) {
		char line[200];
		snprintf(line, sizeof line,
			 P_("Next participant: press Enter.  You have %d dot.",
			    "Next participant: press Enter.  You have %d dots.",
			    app->s.budget), app->s.budget);
		ui_draw_center_row(y, A_BOLD, line);
	} else if (((p && p->kind == PHASE_RESULTS) || app->s.closed[0]) &&
		   app->unlocked) {
		/* After the results, the room may vote again (issue 15). */
		char line[200];
		snprintf(line, sizeof line,
			 _("Press r to show the results, u to start round %d."),
			 app->s.round + 1);
		ui_draw_center(y, 0, COLS, line);
	}
}

/* The countdown on one line, for low windows. */
static void draw_small_timer(const struct ui_app *app, int y)
{
	char line[100];
	int64_t secs = ui_console_seconds_left(app);
	snprintf(line, sizeof line, "%02d:%02d  %s", (int)(secs / 60),
		 (int)(secs % 60), timer_state(app));
	int a = ui_console_time_up(app) && (ui_now_ms() / 500) % 2 == 0 ?
		(int)(A_BOLD | A_REVERSE) : (int)A_BOLD;
	ui_draw_center_row(y, a, line);
}

void ui_console_draw_agenda(const struct ui_app *app, ui_console_status_fn *status,
			    int low_rows, bool status_always)
{
	int bottom = LINES - 3;            /* message and help below */
	bool show_timer = app->timer.left_ms > 0 || app->timer.running;
	if (show_timer && LINES < 22) {
		/* Too low for block digits: the instructions come first. */
		int y = draw_phase(app, bottom - low_rows);
		status(app, y + 1 < bottom - 1 ? y + 1 : bottom - 1);
		draw_small_timer(app, bottom);
		return;
	}
	int timer_rows = show_timer ? 8 : 0;
	int inst_rows = bottom - 5 - timer_rows - 2;
	int y = draw_phase(app, inst_rows > 1 ? inst_rows : 1);
	int ty = bottom - timer_rows + 1;
	if (status_always || y < ty - 1)
		status(app, ty - 2 > y ? ty - 2 : y);
	if (show_timer)
		draw_timer(app, ty);
}

/* The phase, what to do next and the timer, fitted to the window. */
static void console_draw(struct ui_app *app)
{
	draw_bar(app);
	ui_console_draw_agenda(app, draw_next_step, 7, false);
}

void ui_console_ring(struct ui_app *app)
{
	if (!app->timer.running || !ui_console_time_up(app) || app->time_up_seen)
		return;
	app->time_up_seen = true;
	if (app->bell)
		beep();  /* also during a turn: the facilitator hears it */
}

/* Reads the projector view's heartbeat, at most once a second; true
 * when whether one follows has changed. */
static bool check_projector(struct ui_app *app)
{
	int64_t now = ui_now_ms(), beat = -1;
	if (now - app->projector_checked_ms < 1000)
		return false;
	app->projector_checked_ms = now;
	bool was = app->projector;
	if (store_view_last_beat(app->st, app->s.id, &beat) == STORE_OK)
		app->projector = beat >= 0 && now - beat <= STORE_VIEW_ALIVE_MS;
	return app->projector != was;
}

/* A running clock is redrawn each tick; so is a projector view coming or
 * going. */
static unsigned console_tick(struct ui_app *app, enum ui_tick news)
{
	(void)news;
	bool changed = check_projector(app);
	return app->timer.running || changed ? UI_REDRAW : UI_NONE;
}

/* Voting has just opened: without a projector view, once, the warning
 * that a projected console shows every ballot, and how to set up two
 * windows; else that it is open. */
static void say_voting_opened(struct ui_app *app)
{
	app->projector_checked_ms = 0;
	check_projector(app);
	if (!app->projector && !app->privacy_warned) {
		app->privacy_warned = true;
		ui_app_say(app, false, _("No projector view: ballots show here. For the room: tapla screen %lld"),
			   (long long)app->s.id);
		return;
	}
	ui_app_say(app, false, "%s", _("Voting is open: next participant, press Enter."));
}

/* Keeps what is left of the phase being left, paused, for a return to it. */
static void keep_phase_time(struct ui_app *app)
{
	int from = app->s.phase;
	if (from < 0 || from >= UI_PHASES_KEPT)
		return;
	app->phase_left_ms[from] = ui_timer_left(&app->timer, ui_now_ms());
	app->phase_kept[from] = true;
}

/* The timer of phase `to`: what was left when it was last left (paused),
 * or its full time the first time. */
static void take_phase_time(struct ui_app *app, int to)
{
	if (to < UI_PHASES_KEPT && app->phase_kept[to]) {
		app->timer.running = false;
		app->timer.left_ms = app->phase_left_ms[to];
		app->timer.deadline_ms = 0;
	} else {
		ui_timer_reset(&app->timer, app->phases[to].minutes);
	}
}

/* Moving past the voting phase closes voting: nobody votes after the room
 * has seen results. False (said) when the store refused. */
static bool close_after_vote(struct ui_app *app, int to)
{
	if (!voting_open(app) || !voting_after_vote(app->phases, app->nphases, to))
		return true;
	if (store_session_set_closed(app->st, app->s.id, true) != STORE_OK) {
		ui_app_say(app, true, "%s", store_error(app->st));
		return false;
	}
	ui_app_refresh(app);
	return true;
}

/* Moves to phase `to` with its timer as it was left (a fresh one the first
 * time); both are saved. */
static unsigned go_phase(struct ui_app *app, int to)
{
	if (to < 0 || (size_t)to >= app->nphases)
		return UI_NONE;
	bool was_open = voting_open(app);
	if (!close_after_vote(app, to))
		return UI_REDRAW;
	if (store_session_set_phase(app->st, app->s.id, to) != STORE_OK) {
		ui_app_say(app, true, "%s", store_error(app->st));
		return UI_REDRAW;
	}
	keep_phase_time(app);
	app->s.phase = to;
	take_phase_time(app, to);
	app->time_up_seen = false;
	save_timer(app);
	app->msg[0] = '\0';
	if (was_open && !voting_open(app))
		ui_app_say(app, false, "%s", ui_app_voting(app).phase == VOTING_CLOSED ?
			   _("Voting is closed: no more ballots.") :
			   _("Voting has not started yet in this phase: Enter takes no ballots."));
	else if (!was_open && voting_open(app))
		say_voting_opened(app);
	/* The closing phase is the results: show them at once. */
	if (app->phases[to].kind == PHASE_RESULTS)
		return ui_app_goto(app, UI_SCREEN_RESULTS);
	return UI_REDRAW;
}

/* Starts, pauses or resumes the timer. */
static unsigned toggle_timer(struct ui_app *app)
{
	if (!app->timer.running && app->timer.left_ms <= 0) {
		ui_app_say(app, false, "%s", _("No time left: add a minute with +."));
		return UI_REDRAW;
	}
	ui_timer_toggle(&app->timer, ui_now_ms());
	save_timer(app);
	return UI_REDRAW;
}

/* Adds or takes a minute. */
static unsigned add_minute(struct ui_app *app, int sign)
{
	ui_timer_add(&app->timer, sign * 60000LL, ui_now_ms());
	if (ui_timer_left(&app->timer, ui_now_ms()) > 0)
		app->time_up_seen = false;
	save_timer(app);
	return UI_REDRAW;
}

/* Sets the stored reveal flag; false (said) when the store refused. */
static bool set_revealed(struct ui_app *app, bool to)
{
	if (store_session_set_revealed(app->st, app->s.id, to) != STORE_OK) {
		ui_app_say(app, true, "%s", store_error(app->st));
		return false;
	}
	app->s.revealed = to;
	return true;
}

unsigned ui_console_reveal(struct ui_app *app, bool close)
{
	if (close && voting_open(app)) {
		if (store_session_set_closed(app->st, app->s.id, true) != STORE_OK) {
			ui_app_say(app, true, "%s", store_error(app->st));
			return UI_REDRAW;
		}
		ui_app_refresh(app);
	}
	if (!set_revealed(app, true))
		return UI_REDRAW;
	if (app->screen == UI_SCREEN_RESULTS)
		ui_results_screen.open(app);  /* read what may show now */
	ui_app_say(app, false, "%s", close ?
		   _("Voting is closed and the results are revealed to the room.") :
		   voting_open(app) ?
		   _("Results are revealed to the room; voting stays open.") :
		   _("Results are revealed to the room."));
	return UI_REDRAW;
}

unsigned ui_console_toggle_reveal(struct ui_app *app)
{
	struct voting v = ui_app_voting(app);
	if (v.results == RESULTS_SHOWN) {
		ui_app_say(app, false, "%s", v.phase == VOTING_CLOSED ?
			   _("The results stay shown while voting is closed.") :
			   _("The results stay shown in the results phase."));
		return UI_REDRAW;
	}
	if (v.results == RESULTS_REVEALED) {
		if (set_revealed(app, false))
			ui_app_say(app, false, "%s", _("Results are hidden again."));
		if (app->screen == UI_SCREEN_RESULTS)
			ui_results_screen.close(app);
		return UI_REDRAW;
	}
	if (v.phase == VOTING_OPEN)
		return ui_prompt_open(app, UI_PROMPT_REVEAL_OPEN);
	return ui_console_reveal(app, false);
}

/* Closes voting or opens it again (not before the voting phase: moving
 * there opens it). */
static unsigned toggle_closed(struct ui_app *app)
{
	if (ui_app_voting(app).phase == VOTING_NOT_STARTED) {
		ui_app_say(app, false, "%s", _("Voting has not started yet: it opens with the voting phase (n)."));
		return UI_REDRAW;
	}
	bool to = !app->s.closed[0];
	if (store_session_set_closed(app->st, app->s.id, to) != STORE_OK) {
		ui_app_say(app, true, "%s", store_error(app->st));
		return UI_REDRAW;
	}
	ui_app_refresh(app);
	if (to)
		ui_app_say(app, false, "%s", _("Voting is closed: no more ballots."));
	else if (!app->projector && !app->privacy_warned)
		say_voting_opened(app);
	else
		ui_app_say(app, false, "%s", _("Voting is open again."));
	return UI_REDRAW;
}

/* Enter: the next participant, if voting is open; `replacing`: the
 * facilitator's turn that may replace a ballot. */
static unsigned next_participant(struct ui_app *app, bool replacing)
{
	ui_app_refresh(app);  /* another station may have closed it */
	const char *why = voting_turn_refusal(ui_app_voting(app));
	if (why) {
		ui_app_say(app, false, "%s", why);
		return UI_REDRAW;
	}
	app->turn.replacing = replacing;
	unsigned flags = ui_app_goto(app, UI_SCREEN_TURN);
	app->turn.replacing = false;  /* also when the turn could not open */
	return flags;
}

/* u: asks whether to start the next round, once the results are there
 * to talk over (the results phase, or voting closed); before that, says
 * when it can. */
static unsigned ask_next_round(struct ui_app *app)
{
	const struct tpl_phase *p = ui_console_phase(app);
	if (!app->s.closed[0] && (!p || p->kind != PHASE_RESULTS)) {
		ui_app_say(app, false, "%s", _("A new round starts after the results: close voting (c) or go on to the results phase first."));
		return UI_REDRAW;
	}
	return ui_prompt_open(app, UI_PROMPT_NEXT_ROUND);
}

/* Makes the session's next round and opens it. The facilitator stays
 * unlocked and the PIN carries over, so that replacing a ballot in the
 * new round needs it too. */
unsigned ui_console_next_round(struct ui_app *app)
{
	int64_t id = 0;
	char *pin = NULL;
	if (store_session_pin_hash(app->st, app->s.id, &pin) != STORE_OK ||
	    store_session_next_round(app->st, app->s.id, &id) != STORE_OK) {
		free(pin);
		ui_app_say(app, true, "%s", store_error(app->st));
		return UI_REDRAW;
	}
	bool loaded = ui_app_load_session(app, id);
	if (loaded && pin && store_session_set_pin_hash(app->st, id, pin) != STORE_OK)
		ui_app_say(app, true, "%s", store_error(app->st));
	else if (loaded)
		ui_app_say(app, false, _("Round %d has started, as session %lld: the same sheets, nobody has voted yet."),
			   app->s.round, (long long)id);
	free(pin);
	if (loaded)
		app->unlocked = true;
	ui_app_refresh(app);  /* has_pin as stored now */
	return UI_REDRAW;
}

/* Keys of the unlocked console. */
static unsigned facilitator_key(struct ui_app *app, enum ui_action act)
{
	switch (act) {
	case UI_ACT_TIMER: return toggle_timer(app);
	case UI_ACT_MINUTE_MORE: return add_minute(app, 1);
	case UI_ACT_MINUTE_LESS: return add_minute(app, -1);
	case UI_ACT_NEXT_PHASE: return go_phase(app, app->s.phase + 1);
	case UI_ACT_PREV_PHASE: return go_phase(app, app->s.phase - 1);
	case UI_ACT_RESULTS: return ui_app_goto(app, UI_SCREEN_RESULTS);
	case UI_ACT_PAPER: return ui_app_goto(app, UI_SCREEN_PAPER);
	case UI_ACT_NEXT_ROUND: return ask_next_round(app);
	case UI_ACT_REVEAL: return ui_console_toggle_reveal(app);
	case UI_ACT_CLOSE: return toggle_closed(app);
	case UI_ACT_BELL:
		app->bell = !app->bell;
		ui_app_say(app, false, "%s", app->bell ? _("The bell is on.") :
			   _("The bell is off."));
		return UI_REDRAW;
	case UI_ACT_PIN:
		return ui_prompt_open(app, UI_PROMPT_NEW_PIN);
	case UI_ACT_REPLACE:
		return next_participant(app, true);
	case UI_ACT_PHONE:
		return ui_app_goto(app, UI_SCREEN_PHONE);
	case UI_ACT_LOCK:
		app->unlocked = false;
		app->msg[0] = '\0';
		return UI_REDRAW;
	case UI_ACT_QUIT:
		return ui_prompt_open(app, UI_PROMPT_QUIT);
	case UI_ACT_SESSIONS:
		return ui_app_goto(app, UI_SCREEN_START);
	default:
		return UI_NONE;
	}
}

/* The room's keys (next participant, facilitator, help), then the
 * facilitator's once unlocked. */
static unsigned console_key(struct ui_app *app, int key)
{
	enum ui_action act = ui_key_action_when(console_ctx(app), ui_app_when(app), key);
	switch (act) {
	case UI_ACT_PARTICIPANT:
		return next_participant(app, false);
	case UI_ACT_FACILITATOR:
		return ui_app_facilitator(app);
	case UI_ACT_HELP:
		return ui_app_goto(app, UI_SCREEN_HELP);
	default:
		break;
	}
	if (!app->unlocked)
		return UI_NONE;
	return facilitator_key(app, act);
}

/* The help lists the keys of the console as the room sees it during the
 * vote (Enter for the next participant), or the facilitator's. */
static enum ui_ctx console_help_ctx(const struct ui_app *app)
{
	return app->unlocked ? UI_CTX_CONSOLE : UI_CTX_LOCKED;
}

/* Back at the console: the counts and flags as the store has them now. */
static bool console_open(struct ui_app *app)
{
	ui_app_refresh(app);
	app->projector_checked_ms = 0;
	check_projector(app);
	return true;
}

const struct ui_screen_ops ui_console_screen = {
	.open = console_open, .draw = console_draw, .key = console_key,
	.tick = console_tick, .ctx = console_ctx,
	.help_ctx = console_help_ctx,
};
