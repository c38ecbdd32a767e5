/* End-to-end tests of the workshop screen: the real binary in a
 * pseudo-terminal, its screen read back through libvterm, the database
 * checked through the store. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "fixture.h"
#include "harness.h"
#include "tapla/assets.h"
#include "tapla/order.h"
#include "tapla/report.h"
#include "tapla/store.h"

/* A session in Finnish at its voting phase. */
static int setup(void **state)
{
	return fx_setup(state, "tapla-e2e", "fi");
}

/* Starts tapla run ID (with --lang if given) at rows×cols. */
static void start(struct fixture *f, const char *lang, int rows, int cols)
{
	fx_start_run(f, lang ? lang : "en", rows, cols, NULL);
}

/* From the console to the grid: Enter, the name, Enter. */
static void begin_turn(struct fixture *f, const char *name)
{
	fx_begin_turn(f, name);
	/* The help line is drawn last: the whole grid is on screen. */
	fx_expect(f, "Enter review");
}

/* Starts tapla in English at 80×24 and opens a turn for `name`. */
static void start_turn(struct fixture *f, const char *name)
{
	start(f, "en", 24, 80);
	begin_turn(f, name);
}

/* Starts tapla in English at 80×24 and waits for the room's console. */
static void start_console(struct fixture *f)
{
	start(f, "en", 24, 80);
	fx_expect(f, "Next participant");
}

/* The seed's ballot: 5 ++ on sheet 1, 2 + on sheet 2, 2 0 on sheet 3, 1 --
 * on sheet 4. Returns the keystrokes used. */
static int seed_ballot(struct fixture *f)
{
	static const char *const keys[] = {
		"5", "down", "right", "2", "down", "right", "2",
		"down", "right", "right", "1",
	};
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		h_key(f->h, keys[i]);
	assert_true(fx_wait_left(f, 0));
	return (int)(sizeof keys / sizeof keys[0]);
}

/* "Osallistuja A" has voted the seed's ballot: the hand-over screen. */
static void seed_voted(struct fixture *f)
{
	start_turn(f, "Osallistuja A");
	seed_ballot(f);
	fx_confirm(f);
}

/* At the console: f asks for the facilitator PIN, `pin` typed, Enter;
 * waits for `said`. */
static void enter_pin(struct fixture *f, const char *pin, const char *said)
{
	fx_press(f, "f", "Facilitator PIN:");
	h_send(f->h, pin);
	fx_press(f, "enter", said);
}

/* At the facilitator's console: k asks for a new PIN, `pin` typed, Enter;
 * waits for `said`. */
static void new_pin(struct fixture *f, const char *pin, const char *said)
{
	fx_press(f, "k", "New facilitator PIN");
	h_send(f->h, pin);
	fx_press(f, "enter", said);
}

/* At "Replace that ballot with a new one?": y, a new ballot of 3 dots,
 * confirmed; still one participant, now with 3 dots. */
static void replace_with_three(struct fixture *f)
{
	fx_press_left(f, "y", 10);
	fx_vote(f, "3", 7);
	fx_assert_stored(f, 1, 3);
}

/* The seed's worked example, typed as a participant would, is in the
 * database; the count of keystrokes stays within the promise. */
static void test_seed_turn(void **state)
{
	struct fixture *f = *state;
	start_turn(f, "Osallistuja A");
	int keys = seed_ballot(f);
	fx_capture(f, "voting screen 80x24");
	fx_confirm(f);
	keys += 2;  /* Enter to review, Enter to confirm */
	fprintf(stderr, "keystrokes after the name: %d\n", keys);
	assert_true(keys <= 13);
	struct report r;
	fx_load_report_of(f, &r, 1);
	assert_string_equal(r.participants[0].name, "Osallistuja A");
	int seq = r.participants[0].seq;
	assert_int_equal(fx_dots_of(&r, seq, 0, LEVEL_AGREE), 5);
	assert_int_equal(fx_dots_of(&r, seq, 1, LEVEL_PARTLY_AGREE), 2);
	assert_int_equal(fx_dots_of(&r, seq, 2, LEVEL_NEUTRAL), 2);
	assert_int_equal(fx_dots_of(&r, seq, 3, LEVEL_DISAGREE), 1);
	assert_int_equal(r.tally.total_dots, 10);
	assert_int_equal(r.participants[0].source, SOURCE_SCREEN);
	report_free(&r);
}

/* The hand-over screen shows nothing of the ballot just saved. */
static void test_handover_blank(void **state)
{
	struct fixture *f = *state;
	seed_voted(f);
	h_settle(f->h, 200, 2000);
	const char *s = h_screen(f->h);
	assert_null(strstr(s, "Osallistuja"));
	assert_null(strstr(s, "verkosto"));
	assert_null(strstr(s, "++"));
	assert_null(strstr(s, "dots left"));
	assert_null(strstr(s, "Strongly"));
	/* The next participant starts from nothing. */
	fx_next_name(f, "B");
	assert_true(fx_wait_left(f, 10));
}

/* Over the budget is refused with a sentence on screen, not silently. */
static void test_budget_refusal(void **state)
{
	struct fixture *f = *state;
	start_turn(f, "Anna");
	fx_press_left(f, "9", 1);
	h_key(f->h, "down");
	fx_press(f, "5", "14 dots given, the budget is 10.");
	assert_non_null(strstr(h_screen(f->h), " 1 of 10 dots left"));
}

/* Results stay hidden while voting runs until the facilitator reveals them. */
static void test_blind_results(void **state)
{
	struct fixture *f = *state;
	seed_voted(f);
	fx_press(f, "f", "[facilitator]");  /* no PIN: the console opens for the facilitator */
	fx_expect(f, "1 has voted");
	fx_press(f, "r", "Results are hidden while voting runs.");
	assert_null(strstr(h_screen(f->h), "vertaispalveluverkosto"));
	/* Revealing while voting is open asks first; Esc keeps them hidden. */
	fx_press(f, "v", "Voting is still open. Close it before the room sees the");
	fx_expect(f, "y close voting and reveal");
	fx_press_gone(f, "esc", "Close it before");
	assert_null(strstr(h_screen(f->h), "vertaispalveluverkosto"));
	/* n: revealed, voting stays open; the footer offers hide, not reveal. */
	fx_press(f, "v", "Close it before");
	fx_press(f, "n", "vertaispalveluverkosto");
	fx_expect(f, "◀ disagree");
	fx_expect(f, "voting stays open");
	fx_expect(f, "v hide");
	assert_null(strstr(h_screen(f->h), "v reveal"));
	fx_expect(f, "e export");
	fx_capture(f, "results screen 80x24");
	fx_expect_query(f, "SELECT closed IS NULL FROM session", "1");
}

/* One voting state (issue 13.2): "not started" in the talk phases, in the
 * top bar and on Enter alike; closing takes Enter and its key off the
 * footer; a reveal that closes first leaves no turn to start; moving past
 * the vote closes it. */
static void test_one_voting_state(void **state)
{
	struct fixture *f = *state;
	fx_start_run(f, "en", 24, 160, NULL);  /* the whole footer in view */
	fx_expect(f, "voting open");
	fx_press(f, "f", "[facilitator]");
	fx_expect(f, "Enter participant");
	fx_expect(f, "c close voting");
	h_key(f->h, "p");
	fx_expect(f, "voting not started");
	fx_press(f, "enter", "Voting has not started yet");
	assert_null(strstr(h_screen(f->h), "Enter participant"));
	fx_press(f, "n", "voting open");
	fx_press(f, "v", "Close it before");
	fx_press(f, "y", "Voting is closed and the results are revealed");
	fx_expect(f, "voting closed");
	fx_expect(f, "c reopen voting");
	assert_null(strstr(h_screen(f->h), "Enter participant"));
	assert_null(strstr(h_screen(f->h), "v reveal"));
	fx_press(f, "enter", "Voting is closed: no more ballots.");
	fx_expect_query(f, "SELECT closed IS NOT NULL AND revealed FROM session", "1");
	/* Reopened, then moving on to the results closes it again. */
	fx_press(f, "c", "Voting is open again.");
	fx_expect(f, "voting open");
	h_key(f->h, "n");
	fx_expect(f, "◀ disagree");
	fx_expect_query(f, "SELECT closed IS NOT NULL FROM session", "1");
	fx_press(f, "esc", "voting closed");
	fx_press(f, "enter", "Voting is closed: no more ballots.");
}

/* Typing 1 then 0 puts ten dots (issue 13.5); the review says how many
 * are unused and that the voter may still confirm. */
static void test_ten_dots_and_unused(void **state)
{
	struct fixture *f = *state;
	start_turn(f, "Anna");
	h_send(f->h, "10");
	assert_true(fx_wait_left(f, 0));
	fx_keys(f, "right", "left", NULL);
	fx_press_left(f, "0", 10);  /* after another key: zero, not 100 */
	fx_press_left(f, "7", 3);
	fx_press(f, "enter", "Check your ballot");
	fx_expect(f, "3 dots are unused. Enter saves the ballot as it is");
	fx_press(f, "enter", "Thank you");
	fx_expect_query(f, "SELECT SUM(dots) FROM dot", "7");
}

/* p and n keep each phase's time: going back does not give a phase its
 * full time again (issue 13.2). */
static void test_phase_keeps_its_time(void **state)
{
	struct fixture *f = *state;
	fx_start_facilitator(f, 20, 80);  /* the clock on one line */
	fx_expect(f, "10:00");
	fx_keys(f, "-", "-", NULL);
	fx_expect(f, "08:00");
	fx_press(f, "p", "Phase 2 of 4");
	fx_expect(f, "10:00");
	fx_press(f, "n", "Phase 3 of 4");
	fx_expect(f, "08:00");
}

/* Ctrl-C, Ctrl-Z, Ctrl-\ and Ctrl-S in a turn neither kill, stop nor
 * freeze the app. */
static void test_lockdown_keys(void **state)
{
	struct fixture *f = *state;
	start_turn(f, "Anna");
	fx_keys(f, "^C", "^Z", "^\\", "^S", NULL);
	fx_press_left(f, "3", 7);
	assert_true(h_alive(f->h));
	/* The signals themselves, as a terminal would send them. */
	h_signal(f->h, SIGINT);
	h_signal(f->h, SIGTSTP);
	h_signal(f->h, SIGQUIT);
	fx_press_left(f, "+", 6);
	assert_true(h_alive(f->h));
}

/* A resize to 30×10 and back in the middle of a turn keeps the ballot. */
static void test_resize_keeps_ballot(void **state)
{
	struct fixture *f = *state;
	start_turn(f, "Anna");
	fx_keys(f, "5", "down", NULL);
	assert_true(fx_wait_left(f, 5));
	h_resize(f->h, 10, 30);
	fx_expect(f, "Make the window");
	h_key(f->h, "9");  /* ignored while the window is too small */
	h_resize(f->h, 24, 80);
	assert_true(fx_wait_left(f, 5));
	fx_press_left(f, "2", 3);
	h_resize(f->h, 40, 120);
	assert_true(fx_wait_left(f, 3));
	/* The extremes and a burst: still alive, still the same ballot. */
	h_resize(f->h, 1, 1);
	h_resize(f->h, 200, 500);
	for (int i = 0; i < 20; i++)
		h_resize(f->h, 10 + i, 30 + 3 * i);
	h_resize(f->h, 24, 80);
	assert_true(fx_wait_left(f, 3));
	/* The last repaint may come a while after the first "3 of 10". */
	for (int i = 0; i < 100 && strlen(h_row(f->h, 0)) != 79; i++)
		h_settle(f->h, 100, 500);
	if (strlen(h_row(f->h, 0)) != 79)
		h_dump(f->h, "bar after resizes");
	assert_int_equal(strlen(h_row(f->h, 0)), 79);  /* the bar spans 80 */
	assert_true(h_alive(f->h));
}

/* The Finnish interface shows the seed's statement as written. */
static void test_finnish(void **state)
{
	struct fixture *f = *state;
	start(f, "fi", 24, 80);
	fx_expect(f, "Seuraava osallistuja");
	fx_press(f, "enter", "Kirjoita nimesi");
	h_send(f->h, "Äijä Öhman");
	fx_press(f, "enter", "10/10 täplää jäljellä");
	fx_expect(f, "Kuntaliiton PED-verkoston tulee panostaa");
	fx_expect(f, "vertaispalveluihin");
	fx_expect(f, "Täysin");
	fx_capture(f, "voting screen in Finnish 80x24");
}

/* SIGKILL in the middle of a turn: the confirmed ballot is kept, the open
 * one is gone, and the next start resumes at the voting phase. */
static void test_kill_mid_turn(void **state)
{
	struct fixture *f = *state;
	seed_voted(f);
	fx_next_name(f, "B");
	assert_true(fx_wait_left(f, 10));
	fx_press_left(f, "7", 3);
	h_signal(f->h, SIGKILL);
	int st = h_wait_exit(f->h, H_DEADLINE_MS);
	assert_true(WIFSIGNALED(st));
	h_free(f->h);
	f->h = NULL;
	fx_assert_stored(f, 1, 10);
	start_console(f);
}

/* SIGTERM leaves the app at once with the terminal restored. */
static void test_sigterm(void **state)
{
	struct fixture *f = *state;
	start_turn(f, "Anna");
	h_signal(f->h, SIGTERM);
	int st = h_wait_exit(f->h, H_DEADLINE_MS);
	assert_true(WIFEXITED(st));
	assert_null(strstr(h_screen(f->h), "dots left"));
}

/* The facilitator PIN: not trivially short, set from the console, stored
 * only as a salted hash, a wrong PIN keeps the functions locked, the right
 * one opens them. */
static void test_pin(void **state)
{
	struct fixture *f = *state;
	start_console(f);
	fx_press(f, "f", "[facilitator]");
	new_pin(f, "4321", "The PIN is too short");
	new_pin(f, "123456", "too easy to guess");
	fx_press(f, "k", "New facilitator PIN");
	h_send(f->h, "482915");
	fx_expect(f, "\u2022\u2022\u2022\u2022\u2022\u2022");
	assert_null(strstr(h_screen(f->h), "482915"));  /* masked */
	fx_press(f, "enter", "The PIN is set.");
	fx_press_gone(f, "l", "[facilitator]");
	enter_pin(f, "111111", "Wrong PIN");
	assert_null(strstr(h_screen(f->h), "[facilitator]"));
	enter_pin(f, "482915", "[facilitator]");

	struct store *st = NULL;
	char *hash = NULL;
	st = fx_open(f);
	assert_int_equal(store_session_pin_hash(st, f->sid, &hash), STORE_OK);
	assert_non_null(hash);
	assert_int_equal(hash[0], '$');
	assert_null(strstr(hash, "482915"));
	free(hash);
	store_close(st);
}

static void set_pin(struct fixture *f, const char *pin);

/* Runs one SQL statement on the fixture's database (the test's clock). */
static void exec_sql(const struct fixture *f, const char *sql)
{
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
	assert_int_equal(sqlite3_busy_timeout(db, 5000), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

/* Types a wrong PIN at the locked console; waits for `said`. */
static void wrong_pin(struct fixture *f, const char *said)
{
	enter_pin(f, "111111", said);
}

/* Guessing is slowed: after a few wrong PINs each try must wait, the wait
 * grows, counts down on screen, survives a restart, names the command line
 * way out, and refuses even the right PIN until it is over (uncounted);
 * then the right PIN opens the console and the count starts again. */
static void test_pin_wait(void **state)
{
	struct fixture *f = *state;
	start(f, "en", 24, 80);
	set_pin(f, "482915");
	wrong_pin(f, "stay locked.");
	wrong_pin(f, "stay locked.");
	wrong_pin(f, "stay locked.");
	wrong_pin(f, "The next try in 5 s.");
	fx_press(f, "f", "Too many wrong PINs: wait 5 s.");
	fx_expect(f, "Forgot it? Command line: tapla pin 1 --clear");
	h_send(f->h, "482915");  /* the right one, too early */
	fx_press(f, "enter", "before the next try");
	assert_null(strstr(h_screen(f->h), "[facilitator]"));
	fx_expect_query(f, "SELECT pin_failures FROM session", "4");

	/* A restart does not end the wait. */
	fx_start_run(f, "en", 24, 80, NULL);
	fx_expect(f, "Next participant");
	fx_press(f, "f", "Too many wrong PINs: wait");
	/* It counts down on screen to its end. */
	fx_expect(f, "wait 2 s.");
	assert_true(h_wait_gone(f->h, "Too many wrong PINs", H_DEADLINE_MS));
	fx_expect(f, "Forgot it? Command line: tapla pin 1 --clear");
	h_send(f->h, "111111");
	fx_press(f, "enter", "The next try in 10 s.");
	fx_expect_query(f, "SELECT pin_failures FROM session", "5");
	assert_null(strstr(h_screen(f->h), "[facilitator]"));
	fx_press(f, "f", "Too many wrong PINs: wait 10 s");
	fx_press_gone(f, "esc", "Too many wrong PINs");
	/* Ten seconds later (the test moves the last guess back). */
	exec_sql(f, "UPDATE session SET pin_failed_ms = pin_failed_ms - 10000");
	fx_press(f, "f", "Forgot it? Command line");
	assert_null(strstr(h_screen(f->h), "Too many wrong PINs"));
	h_send(f->h, "482915");
	fx_press(f, "enter", "[facilitator]");
	fx_expect_query(f, "SELECT pin_failures FROM session", "0");
}

/* A participant may never replace another's ballot: a name that has voted
 * (in any spelling that is the same name) is told to ask the facilitator
 * and y does nothing; the facilitator's "replace a ballot" turn from the
 * console asks, and yes replaces it, keeping one participant. */
static void test_replace_ballot(void **state)
{
	struct fixture *f = *state;
	seed_voted(f);
	fx_next_name(f, "osallistuja  a");
	fx_expect(f, "Ask the facilitator to replace that ballot");
	fx_press(f, "enter", "Ask the facilitator to replace that ballot");
	fx_expect(f, "Please write your name");
	fx_assert_stored(f, 1, 10);
	fx_press(f, "esc", "Next participant");
	fx_press(f, "f", "[facilitator]");
	fx_press(f, "e", "Replace a ballot: write the name");
	h_send(f->h, "osallistuja a");
	fx_press(f, "enter", "has voted already");
	fx_expect(f, "Replace that ballot with a new one?");
	fx_press(f, "n", "Replace a ballot: write the name");
	fx_press(f, "enter", "Replace that ballot with a new one?");
	replace_with_three(f);
	/* The next participant's turn is a participant's again. */
	fx_next_name(f, "Osallistuja A");
	fx_expect(f, "Ask the facilitator to replace that ballot");
}

/* Sets the facilitator PIN from the console and locks it again. */
static void set_pin(struct fixture *f, const char *pin)
{
	fx_expect(f, "Next participant");
	fx_press(f, "f", "[facilitator]");
	new_pin(f, pin, "The PIN is set.");
	fx_press_gone(f, "l", "[facilitator]");
}

/* With a PIN set, replacing is behind it: a participant is told to ask,
 * a wrong PIN keeps the console locked and the ballot as it was, the right
 * one opens the console, whose replace turn replaces it. */
static void test_replace_needs_pin(void **state)
{
	struct fixture *f = *state;
	struct report r;
	start(f, "en", 24, 80);
	set_pin(f, "432187");
	begin_turn(f, "Osallistuja A");
	seed_ballot(f);
	fx_confirm(f);
	fx_next_name(f, "osallistuja a");
	fx_expect(f, "Ask the facilitator to replace that ballot");
	fx_press(f, "esc", "Next participant");
	wrong_pin(f, "Wrong PIN");
	h_key(f->h, "e");
	fx_load_report_of(f, &r, 1);
	assert_int_equal(r.tally.total_dots, 10);
	assert_int_equal(fx_dots_of(&r, 1, 0, LEVEL_AGREE), 5);
	report_free(&r);
	assert_false(h_wait_text(f->h, "Replace a ballot: write", 300));

	enter_pin(f, "432187", "[facilitator]");
	fx_press(f, "e", "Replace a ballot: write the name");
	h_send(f->h, "osallistuja a");
	fx_press(f, "enter", "Replace that ballot with a new one?");
	replace_with_three(f);
}

/* A terminal without an alternate screen (TERM=linux, tmux with
 * alternate-screen off): moving up and down a tall ballot at the smallest
 * window, voting and handing over never scroll the terminal, so no row of
 * the ballot reaches its history; each turn's end asks the terminal to
 * clear the saved lines (E3). */
static void test_no_scrollback(void **state)
{
	struct fixture *f = *state;
	static const char *const env[] = { "TERM=linux", NULL };
	char id[32];
	int64_t sid = fx_make_session_of(f->db, "vitality", "en", false, false);
	assert_true(sid > 0);  /* six sheets: the grid scrolls at 80x16 */
	snprintf(id, sizeof id, "%lld", (long long)sid);
	const char *argv[] = { "tapla", "--db", f->db, "--lang", "en", "run", id, NULL };
	f->h = h_start_alt(argv, 16, 80, f->dir, env, false);
	assert_non_null(f->h);
	for (int turn = 0; turn < 2; turn++) {
		if (turn) {  /* from the hand-over's "next participant" */
			fx_next_name(f, "Toinen");
			assert_true(fx_wait_left(f, 10));
		} else {
			fx_begin_turn(f, "Osallistuja A");
		}
		for (int i = 0; i < 7; i++)
			h_key(f->h, "down");
		fx_press_left(f, "5", 5);
		for (int i = 0; i < 7; i++)
			h_key(f->h, "up");
		fx_press_left(f, "5", 0);
		assert_true(h_record(f->h));
		fx_confirm(f);
		size_t n = 0;
		assert_non_null(strstr(h_raw(f->h, &n), "\033[3J"));
	}
	fx_press(f, "enter", "Please write your name");
	if (h_term(f->h)->pushed)
		fprintf(stderr, "pushed into the history:\n%s", h_pushed(f->h));
	assert_int_equal(h_term(f->h)->pushed, 0);
	assert_int_equal(h_term(f->h)->scrolled, 0);
	char *n = fx_query_text(f, "SELECT count(*) FROM participant");
	assert_string_equal(n, "2");
	free(n);
}

/* Leaving a turn without confirming stores nothing. */
static void test_cancel_turn(void **state)
{
	struct fixture *f = *state;
	start_turn(f, "Anna");
	fx_press_left(f, "4", 6);
	fx_press(f, "esc", "Leave this turn?");
	fx_press(f, "y", "Next participant");
	fx_assert_stored(f, 0, 0);
}

/* A running timer and the phase survive a crash of the app. */
static void test_timer_survives_restart(void **state)
{
	struct fixture *f = *state;
	start_console(f);
	fx_press(f, "f", "[facilitator]");
	fx_press(f, "n", "◀ disagree");  /* to the results phase: the results show at once */
	fx_press(f, "esc", "Phase 4 of 4");
	fx_press(f, "p", "Phase 3 of 4");
	fx_press(f, " ", "running");
	h_signal(f->h, SIGKILL);
	h_wait_exit(f->h, H_DEADLINE_MS);
	h_free(f->h);
	f->h = NULL;
	start(f, "en", 24, 80);
	fx_expect(f, "Phase 3 of 4");
	fx_expect(f, "running");
}

/* How many sessions the database holds. */
static size_t count_sessions(const struct fixture *f)
{
	struct store *st = fx_open(f);
	struct session *list = NULL;
	size_t n = 0;
	assert_int_equal(store_session_list(st, &list, &n), STORE_OK);
	for (size_t i = 0; i < n; i++)
		rules_session_free(&list[i]);
	free(list);
	store_close(st);
	return n;
}

/* From the list of sessions to a new one made in the form. */
static void test_new_session_from_start(void **state)
{
	struct fixture *f = *state;
	fx_start_list(f, f->db);
	fx_expect(f, "choose a workshop session");
	fx_new_session_form(f, "Työpaja Ω");
	/* Enter on the title goes on to the template; nothing is made yet. */
	fx_press(f, "enter", ">Template");
	assert_non_null(strstr(h_screen(f->h), "New workshop session"));
	assert_int_equal(count_sessions(f), 1);
	fx_press(f, "^S", "tapla · Työpaja Ω");
	fx_expect(f, "Phase 1 of 4");
	assert_int_equal(count_sessions(f), 2);
}

/* Enter walks the form field by field; on the last (the PIN) it creates
 * the session, with that PIN. */
static void test_form_enter_walks_fields(void **state)
{
	struct fixture *f = *state;
	fx_start_list(f, f->db);
	fx_new_session_form(f, "Walk");
	for (int i = 0; i < 8; i++)  /* the groups field is the one before */
		h_key(f->h, "enter");
	fx_expect(f, ">Facilitator PIN");
	assert_int_equal(count_sessions(f), 1);
	h_send(f->h, "2468");  /* too short: said, nothing made yet */
	fx_press(f, "enter", "The PIN is too short");
	assert_int_equal(count_sessions(f), 1);
	h_key(f->h, "^U");
	h_send(f->h, "246813");
	fx_press(f, "enter", "tapla · Walk");
	assert_int_equal(count_sessions(f), 2);
	struct store *st = fx_open(f);
	struct session *list = NULL;
	size_t n = 0;
	assert_int_equal(store_session_list(st, &list, &n), STORE_OK);
	bool walk_has_pin = false;
	for (size_t i = 0; i < n; i++) {
		if (list[i].title && !strcmp(list[i].title, "Walk"))
			walk_has_pin = list[i].has_pin;
		rules_session_free(&list[i]);
	}
	free(list);
	store_close(st);
	assert_true(walk_has_pin);
}

/* A click on a cell puts a dot there. */
static void test_mouse_click(void **state)
{
	struct fixture *f = *state;
	start_turn(f, "Anna");
	h_settle(f->h, 200, H_DEADLINE_MS);  /* the whole grid drawn */
	/* Find the row of sheet 2 and the column of the "0" heading. */
	int row = -1, col = -1;
	for (int r = 0; r < 24 && row < 0; r++)
		if (strstr(h_row(f->h, r), " 2 oppimis"))
			row = r;
	for (int r = 0; r < 24 && col < 0; r++) {
		const char *line = h_row(f->h, r);
		const char *p = strstr(line, "++");
		if (p) {
			const char *z = strstr(p, " 0 ");
			if (z)
				col = (int)(z - line) + 1;
		}
	}
	assert_true(row > 0 && col > 0);
	h_click(f->h, row, col);
	assert_true(fx_wait_left(f, 9));
	fx_confirm(f);
	struct report r;
	fx_load_report(f, &r);
	assert_int_equal(fx_dots_of(&r, r.participants[0].seq, 1, LEVEL_NEUTRAL), 1);
	report_free(&r);
}

/* An anonymous session skips the name and stores none. */
static void test_anonymous(void **state)
{
	struct fixture *f = *state;
	f->sid = fx_make_session(f->db, "fi", true, false);
	assert_true(f->sid > 0);
	snprintf(f->id, sizeof f->id, "%lld", (long long)f->sid);
	start_console(f);
	fx_press_left(f, "enter", 10);
	assert_null(strstr(h_screen(f->h), "Please write your name"));
	seed_ballot(f);
	fx_confirm(f);
	struct report r;
	fx_load_report_of(f, &r, 1);
	assert_null(r.participants[0].name);
	assert_int_equal(r.tally.total_dots, 10);
	report_free(&r);
}

/* A shuffled session shows the participant the sheets in their own order,
 * records it, and the dots land on the sheets shown, not on the rows. */
static void test_shuffled_order(void **state)
{
	struct fixture *f = *state;
	int order[RULES_MAX_SHEETS];
	bool shuffled = false;
	/* A session whose first participant's order is not the sheets' own
	 * (1 in 24 is), so that ignoring the order would fail the test. */
	for (int tries = 0; tries < 20 && !shuffled; tries++) {
		struct store *st = NULL;
		struct session s;
		f->sid = fx_make_session(f->db, "fi", false, true);
		assert_true(f->sid > 0);
		st = fx_open(f);
		assert_int_equal(store_session_get(st, f->sid, &s), STORE_OK);
		order_for_participant(s.uuid, 1, 4, order);
		rules_session_free(&s);
		store_close(st);
		for (int i = 0; i < 4; i++)
			shuffled = shuffled || order[i] != i;
	}
	assert_true(shuffled);
	snprintf(f->id, sizeof f->id, "%lld", (long long)f->sid);

	start_turn(f, "Anna");
	h_settle(f->h, 200, H_DEADLINE_MS);
	/* The rows, top to bottom, are the sheets in the participant's order. */
	int row0 = -1;
	for (int r = 0; r < 24 && row0 < 0; r++)
		if (strstr(h_row(f->h, r), "vertaispalvelu") ||
		    strstr(h_row(f->h, r), "oppimis-") ||
		    strstr(h_row(f->h, r), "vaikuttamisen") ||
		    strstr(h_row(f->h, r), "uuden luomisen"))
			row0 = r;
	assert_true(row0 > 0);
	for (int i = 0; i < 4; i++) {
		char num[16];
		snprintf(num, sizeof num, "%d ", order[i] + 1);
		const char *line = h_row(f->h, row0 + i);
		assert_non_null(strstr(line, num));
		assert_true(strstr(line, num) - line <= 2);
	}
	fx_vote(f, "4", 6);  /* on the row shown first */
	struct report r;
	fx_load_report_of(f, &r, 1);
	assert_int_equal(r.participants[0].source, SOURCE_SCREEN);
	assert_int_equal(r.participants[0].norder, 4);
	for (int i = 0; i < 4; i++)
		assert_int_equal(r.participants[0].order[i], order[i]);
	assert_int_equal(fx_dots_of(&r, r.participants[0].seq, order[0], LEVEL_AGREE), 4);
	report_free(&r);
}

/* Another station moving the agenda and starting the timer: this one
 * follows (SQLite's data_version tells it something changed). */
static void test_follows_other_station(void **state)
{
	struct fixture *f = *state;
	struct store *st = NULL;
	start(f, "en", 24, 80);
	fx_expect(f, "Phase 3 of 4");
	fx_expect(f, "not started");
	st = fx_open(f);
	assert_int_equal(store_session_set_phase(st, f->sid, 1), STORE_OK);
	assert_int_equal(store_session_set_timer(st, f->sid, true,
						 fx_wall_ms() + 5 * 60000, 0), STORE_OK);
	store_close(st);
	fx_expect(f, "Phase 2 of 4");
	fx_expect(f, "running");
}

/* The countdown runs, takes minutes off and says when time is up, in
 * words (the inverse flash is beside them). */
static void test_time_up(void **state)
{
	struct fixture *f = *state;
	start_console(f);
	fx_press(f, "f", "[facilitator]");
	/* A timer never started says so, not "paused" (issue 13.6). */
	fx_expect(f, "not started");
	fx_press(f, " ", "running");
	h_key(f->h, "-");  /* run or not, a minute less is no longer unstarted */
	fx_press(f, " ", "paused");
	fx_press(f, " ", "running");
	for (int i = 0; i < 11; i++)
		h_key(f->h, "-");
	fx_expect(f, "TIME IS UP");
	fx_press(f, "+", "running");
	assert_true(h_wait_gone(f->h, "TIME IS UP", H_DEADLINE_MS));
}

/* Another tapla holding the database's write lock at the moment of
 * confirming: a sentence on screen, the ballot stays to retry, and the
 * retry saves it once the lock is gone. */
static void test_busy_then_retry(void **state)
{
	struct fixture *f = *state;
	const char *env[] = { "TAPLA_BUSY_TIMEOUT_MS=200", NULL };
	fx_start_run(f, "en", 24, 80, env);
	begin_turn(f, "Osallistuja A");
	seed_ballot(f);
	fx_press(f, "enter", "Check your ballot");
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
	fx_press(f, "enter", "busy");
	assert_non_null(strstr(h_screen(f->h), "Check your ballot"));
	assert_int_equal(sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	fx_press(f, "enter", "Thank you! Your ballot is saved.");
	fx_assert_stored(f, 1, 10);
}

/* Waits until the cursor stands `cols` columns right of the first cell
 * below the bar showing code point cp (on the same row). */
static bool cursor_after(struct fixture *f, unsigned cp, int cols)
{
	int r = -1, c = -1, cr = -1, cc = -1;
	for (int i = 0; i < 100; i++) {
		h_settle(f->h, 100, 500);
		h_cursor(f->h, &cr, &cc);
		if (h_find_char(f->h, cp, 1, &r, &c) && cr == r && cc == c + cols)
			return true;
	}
	fprintf(stderr, "cursor at %d,%d; U+%04X at %d,%d\n", cr, cc, cp, r, c);
	return false;
}

/* Wide characters take two columns: the cursor of the name field stands
 * right after them, and moving left steps over a whole character. */
static void test_wide_name(void **state)
{
	struct fixture *f = *state;
	start_console(f);
	fx_press(f, "enter", "Please write your name");
	h_send(f->h, "Åsa 漢字😀");  /* (the bar on row 0 shows it too) */
	fx_expect(f, "Åsa 漢字😀");
	assert_true(cursor_after(f, 0x1F600, 2));
	h_key(f->h, "left");
	h_key(f->h, "left");
	assert_true(cursor_after(f, 0x5B57, 0));  /* on 字 */
	fx_press(f, "backspace", "Åsa 字😀");  /* takes 漢 whole */
	fx_press_left(f, "enter", 10);
	fx_expect(f, "Your turn, Åsa 字😀");
}

/* A crash gives the terminal back: the full-screen mode is left and the
 * process dies of its signal. (Under AddressSanitizer its own handler
 * reports the crash instead, so the test is skipped there.) */
static void test_crash_restores_terminal(void **state)
{
	struct fixture *f = *state;
	start_turn(f, "Anna");
	fx_expect_crash_restores(f, "dots left");  /* the turn's screen */
}

/* A whole turn, then the facilitator quits: the app exits by itself with
 * status 0 (under valgrind: no memory error, no leak). */
static void test_turn_then_quit(void **state)
{
	struct fixture *f = *state;
	start_turn(f, "Osallistuja A");
	fx_to_note(f);
	h_send(f->h, "Vahvuus ✓");
	h_key(f->h, "enter");
	seed_ballot(f);
	fx_confirm(f);
	fx_reveal_results(f);
	fx_press(f, "tab", "Vahvuus");
	h_key(f->h, "esc");
	fx_press(f, "q", "Quit tapla?");
	fx_press_exit(f, "y", 0);
}

/* In the export's prompt: the name cleared, `path` typed, Enter; waits
 * for `said`. */
static void save_as(struct fixture *f, const char *path, const char *said)
{
	h_key(f->h, "^U");
	h_send(f->h, path);
	fx_press(f, "enter", said);
}

/* The results screen exports the report: Markdown by the name's ending,
 * the whole file or none, readable by its owner only; an existing file
 * only after a yes, the database never (issue 12.1). */
static void test_export_from_results(void **state)
{
	struct fixture *f = *state;
	char path[400], *text = NULL;
	size_t len = 0;
	seed_voted(f);
	fx_reveal_results(f);
	fx_press(f, "e", "Save the results as");
	fx_expect(f, ".html");
	snprintf(path, sizeof path, "%s/minutes.md", f->dir);
	save_as(f, path, "Saved the report as");
	FILE *fp = fopen(path, "r");
	assert_non_null(fp);
	struct stat sb;
	assert_int_equal(fstat(fileno(fp), &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_true(getdelim(&text, &len, '\0', fp) > 0);
	fclose(fp);
	assert_non_null(strstr(text, "vertaispalveluverkosto"));
	assert_non_null(strstr(text, "| "));  /* a Markdown table */
	free(text);
	/* The same name again: asked first; no keeps it, yes replaces it. */
	fx_press(f, "e", "Save the results as");
	save_as(f, path, "exists. Replace it?");
	fx_press(f, "n", "Save the results as");
	fx_press(f, "enter", "exists. Replace it?");
	fx_press(f, "y", "Saved the report as");
	/* The database itself: refused, even after a yes elsewhere. */
	fx_press(f, "e", "Save the results as");
	save_as(f, f->db, "database in use");
	unlink(path);
}

/* The budget refusal and the titles: in colour by default, none at all
 * with NO_COLOR, and the refusal still says what is wrong in words. */
static void refusal_colors(struct fixture *f, const char *const *env)
{
	fx_start_run(f, "en", 24, 80, env);
	begin_turn(f, "Anna");
	fx_keys(f, "9", "down", NULL);
	fx_press(f, "5", "! 14 dots given, the budget is 10.");
	h_settle(f->h, 200, H_DEADLINE_MS);
}

static void test_no_color(void **state)
{
	struct fixture *f = *state;
	const char *env[] = { "NO_COLOR=1", NULL };
	refusal_colors(f, NULL);
	assert_true(h_has_color(f->h));
	refusal_colors(f, env);  /* stops the first */
	assert_false(h_has_color(f->h));
}

/* The help lists the keys of the screen it was asked from (the room's
 * console, the facilitator's, the ballot), and any key goes back to that
 * screen as it was: the turn keeps its dots. */
static void test_help_lists_screen_keys(void **state)
{
	struct fixture *f = *state;
	start_console(f);
	fx_press(f, "?", "tapla: help");
	fx_expect(f, "Enter  next participant");
	assert_null(strstr(h_screen(f->h), "start/pause"));
	fx_press(f, "x", "Next participant");
	fx_press(f, "f", "[facilitator]");
	fx_press(f, "?", "tapla: help");
	fx_expect(f, "Space  start/pause");
	fx_press(f, "x", "[facilitator]");
	/* Locked before the vote: the help still says how a turn starts. */
	h_key(f->h, "p");
	fx_press_gone(f, "l", "[facilitator]");
	fx_press(f, "?", "tapla: help");
	fx_expect(f, "Enter  next participant");
	h_key(f->h, "x");
	fx_press(f, "f", "[facilitator]");
	h_key(f->h, "n");
	fx_press(f, "l", "Next participant");
	begin_turn(f, "Anna");
	fx_press_left(f, "3", 7);
	fx_press(f, "?", "tapla: help");
	fx_expect(f, "0-9    dots here");
	fx_press_left(f, "x", 7);
	fx_expect(f, "Enter review");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FX_TEST(test_seed_turn),
		FX_TEST(test_help_lists_screen_keys),
		FX_TEST(test_handover_blank),
		FX_TEST(test_budget_refusal),
		FX_TEST(test_blind_results),
		FX_TEST(test_one_voting_state),
		FX_TEST(test_phase_keeps_its_time),
		FX_TEST(test_ten_dots_and_unused),
		FX_TEST(test_lockdown_keys),
		FX_TEST(test_resize_keeps_ballot),
		FX_TEST(test_finnish),
		FX_TEST(test_kill_mid_turn),
		FX_TEST(test_sigterm),
		FX_TEST(test_pin),
		FX_TEST(test_pin_wait),
		FX_TEST(test_replace_ballot),
		FX_TEST(test_replace_needs_pin),
		FX_TEST(test_no_scrollback),
		FX_TEST(test_cancel_turn),
		FX_TEST(test_timer_survives_restart),
		FX_TEST(test_new_session_from_start),
		FX_TEST(test_form_enter_walks_fields),
		FX_TEST(test_mouse_click),
		FX_TEST(test_no_color),
		FX_TEST(test_anonymous),
		FX_TEST(test_shuffled_order),
		FX_TEST(test_turn_then_quit),
		FX_TEST(test_crash_restores_terminal),
		FX_TEST(test_wide_name),
		FX_TEST(test_busy_then_retry),
		FX_TEST(test_time_up),
		FX_TEST(test_follows_other_station),
		FX_TEST(test_export_from_results),
	};
	/* TAPLA_E2E_ONLY=test_name runs one test (tests/valgrind.sh). */
	return FX_RUN(tests);
}
