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
	const char *argv[] = { "tapla", "--db", f->db, "--lang", lang ? lang : "en",
			       "run", f->id, NULL };
	f->h = h_start(argv, rows, cols, f->dir);
	assert_non_null(f->h);
}

/* Waits until the bar says `left` of 10 dots are left. */
static bool wait_left(struct fixture *f, int left)
{
	char text[64];
	snprintf(text, sizeof text, " %d of 10 dots left", left);
	return h_wait_text(f->h, text, H_DEADLINE_MS);
}

/* From the console to the grid: Enter, the name, Enter. */
static void begin_turn(struct fixture *f, const char *name)
{
	assert_true(h_wait_text(f->h, "Next participant", H_DEADLINE_MS));
	h_key(f->h, "enter");
	assert_true(h_wait_text(f->h, "Please write your name", H_DEADLINE_MS));
	h_send(f->h, name);
	h_key(f->h, "enter");
	assert_true(wait_left(f, 10));
	/* The help line is drawn last: the whole grid is on screen. */
	assert_true(h_wait_text(f->h, "Enter review", H_DEADLINE_MS));
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
	assert_true(wait_left(f, 0));
	return (int)(sizeof keys / sizeof keys[0]);
}

/* Review and confirm; waits for the hand-over screen. */
static int confirm(struct fixture *f)
{
	h_key(f->h, "enter");
	assert_true(h_wait_text(f->h, "Check your ballot", H_DEADLINE_MS));
	h_key(f->h, "enter");
	assert_true(h_wait_text(f->h, "Thank you! Your ballot is saved.", H_DEADLINE_MS));
	return 2;
}

/* The seed's worked example, typed as a participant would, is in the
 * database; the count of keystrokes stays within the promise. */
static void test_seed_turn(void **state)
{
	struct fixture *f = *state;
	start(f, "en", 24, 80);
	begin_turn(f, "Osallistuja A");
	int keys = seed_ballot(f);
	fx_capture(f, "voting screen 80x24");
	keys += confirm(f);
	fprintf(stderr, "keystrokes after the name: %d\n", keys);
	assert_true(keys <= 13);
	struct report r;
	fx_load_report(f, &r);
	assert_int_equal(r.nparticipants, 1);
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
	start(f, "en", 24, 80);
	begin_turn(f, "Osallistuja A");
	seed_ballot(f);
	confirm(f);
	h_settle(f->h, 200, 2000);
	const char *s = h_screen(f->h);
	assert_null(strstr(s, "Osallistuja"));
	assert_null(strstr(s, "verkosto"));
	assert_null(strstr(s, "++"));
	assert_null(strstr(s, "dots left"));
	assert_null(strstr(s, "Strongly"));
	/* The next participant starts from nothing. */
	h_key(f->h, "enter");
	assert_true(h_wait_text(f->h, "Please write your name", H_DEADLINE_MS));
	h_send(f->h, "B");
	h_key(f->h, "enter");
	assert_true(wait_left(f, 10));
}

/* Over the budget is refused with a sentence on screen, not silently. */
static void test_budget_refusal(void **state)
{
	struct fixture *f = *state;
	start(f, "en", 24, 80);
	begin_turn(f, "Anna");
	h_key(f->h, "9");
	assert_true(wait_left(f, 1));
	h_key(f->h, "down");
	h_key(f->h, "5");
	assert_true(h_wait_text(f->h, "14 dots given, the budget is 10.", H_DEADLINE_MS));
	assert_non_null(strstr(h_screen(f->h), " 1 of 10 dots left"));
}

/* Results stay hidden while voting runs until the facilitator reveals them. */
static void test_blind_results(void **state)
{
	struct fixture *f = *state;
	start(f, "en", 24, 80);
	begin_turn(f, "Osallistuja A");
	seed_ballot(f);
	confirm(f);
	h_key(f->h, "f");  /* no PIN: the console opens for the facilitator */
	assert_true(h_wait_text(f->h, "[facilitator]", H_DEADLINE_MS));
	assert_true(h_wait_text(f->h, "1 has voted", H_DEADLINE_MS));
	h_key(f->h, "r");
	assert_true(h_wait_text(f->h, "Results are hidden while voting runs.", H_DEADLINE_MS));
	assert_null(strstr(h_screen(f->h), "vertaispalveluverkosto"));
	h_key(f->h, "v");
	assert_true(h_wait_text(f->h, "vertaispalveluverkosto", H_DEADLINE_MS));
	assert_true(h_wait_text(f->h, "Rank", H_DEADLINE_MS));
	assert_true(h_wait_gone(f->h, "Results are hidden", H_DEADLINE_MS));
	assert_true(h_wait_text(f->h, "e export", H_DEADLINE_MS));
	fx_capture(f, "results screen 80x24");
}

/* Ctrl-C, Ctrl-Z, Ctrl-\ and Ctrl-S in a turn neither kill, stop nor
 * freeze the app. */
static void test_lockdown_keys(void **state)
{
	struct fixture *f = *state;
	start(f, "en", 24, 80);
	begin_turn(f, "Anna");
	h_key(f->h, "^C");
	h_key(f->h, "^Z");
	h_key(f->h, "^\\");
	h_key(f->h, "^S");
	h_key(f->h, "3");
	assert_true(wait_left(f, 7));
	assert_true(h_alive(f->h));
	/* The signals themselves, as a terminal would send them. */
	h_signal(f->h, SIGINT);
	h_signal(f->h, SIGTSTP);
	h_signal(f->h, SIGQUIT);
	h_key(f->h, "+");
	assert_true(wait_left(f, 6));
	assert_true(h_alive(f->h));
}

/* A resize to 30×10 and back in the middle of a turn keeps the ballot. */
static void test_resize_keeps_ballot(void **state)
{
	struct fixture *f = *state;
	start(f, "en", 24, 80);
	begin_turn(f, "Anna");
	h_key(f->h, "5");
	h_key(f->h, "down");
	assert_true(wait_left(f, 5));
	h_resize(f->h, 10, 30);
	assert_true(h_wait_text(f->h, "Make the window", H_DEADLINE_MS));
	h_key(f->h, "9");  /* ignored while the window is too small */
	h_resize(f->h, 24, 80);
	assert_true(wait_left(f, 5));
	h_key(f->h, "2");
	assert_true(wait_left(f, 3));
	h_resize(f->h, 40, 120);
	assert_true(wait_left(f, 3));
	/* The extremes and a burst: still alive, still the same ballot. */
	h_resize(f->h, 1, 1);
	h_resize(f->h, 200, 500);
	for (int i = 0; i < 20; i++)
		h_resize(f->h, 10 + i, 30 + 3 * i);
	h_resize(f->h, 24, 80);
	assert_true(wait_left(f, 3));
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
	assert_true(h_wait_text(f->h, "Seuraava osallistuja", H_DEADLINE_MS));
	h_key(f->h, "enter");
	assert_true(h_wait_text(f->h, "Kirjoita nimesi", H_DEADLINE_MS));
	h_send(f->h, "Äijä Öhman");
	h_key(f->h, "enter");
	assert_true(h_wait_text(f->h, "10/10 täplää jäljellä", H_DEADLINE_MS));
	assert_true(h_wait_text(f->h, "Kuntaliiton PED-verkoston tulee panostaa", H_DEADLINE_MS));
	assert_true(h_wait_text(f->h, "vertaispalveluihin", H_DEADLINE_MS));
	assert_true(h_wait_text(f->h, "Täysin", H_DEADLINE_MS));
	fx_capture(f, "voting screen in Finnish 80x24");
}

/* SIGKILL in the middle of a turn: the confirmed ballot is kept, the open
 * one is gone, and the next start resumes at the voting phase. */
static void test_kill_mid_turn(void **state)
{
	struct fixture *f = *state;
	start(f, "en", 24, 80);
	begin_turn(f, "Osallistuja A");
	seed_ballot(f);
	confirm(f);
	h_key(f->h, "enter");
	assert_true(h_wait_text(f->h, "Please write your name", H_DEADLINE_MS));
	h_send(f->h, "B");
	h_key(f->h, "enter");
	assert_true(wait_left(f, 10));
	h_key(f->h, "7");
	assert_true(wait_left(f, 3));
	h_signal(f->h, SIGKILL);
	int st = h_wait_exit(f->h, H_DEADLINE_MS);
	assert_true(WIFSIGNALED(st));
	h_free(f->h);
	f->h = NULL;
	struct report r;
	fx_load_report(f, &r);
	assert_int_equal(r.nparticipants, 1);
	assert_int_equal(r.tally.total_dots, 10);
	report_free(&r);
	start(f, "en", 24, 80);
	assert_true(h_wait_text(f->h, "Next participant", H_DEADLINE_MS));
}

/* SIGTERM leaves the app at once with the terminal restored. */
static void test_sigterm(void **state)
{
	struct fixture *f = *state;
	start(f, "en", 24, 80);
	begin_turn(f, "Anna");
	h_signal(f->h, SIGTERM);
	int st = h_wait_exit(f->h, H_DEADLINE_MS);
	assert_true(WIFEXITED(st));
	assert_null(strstr(h_screen(f->h), "dots left"));
}

/* The facilitator PIN: set from the console, stored only as a salted hash,
 * a wrong PIN keeps the functions locked, the right one opens them. */
static void test_pin(void **state)
{
	struct fixture *f = *state;
	start(f, "en", 24, 80);
	assert_true(h_wait_text(f->h, "Next participant", H_DEADLINE_MS));
	h_key(f->h, "f");
	assert_true(h_wait_text(f->h, "[facilitator]", H_DEADLINE_MS));
	h_key(f->h, "k");
	assert_true(h_wait_text(f->h, "New facilitator PIN", H_DEADLINE_MS));
	h_send(f->h, "4321");
	assert_true(h_wait_text(f->h, "\u2022\u2022\u2022\u2022", H_DEADLINE_MS));
	assert_null(strstr(h_screen(f->h), "4321"));  /* masked */
	h_key(f->h, "enter");
	assert_true(h_wait_text(f->h, "The PIN is set.", H_DEADLINE_MS));
	h_key(f->h, "l");
	assert_true(h_wait_gone(f->h, "[facilitator]", H_DEADLINE_MS));
	h_key(f->h, "f");
	assert_true(h_wait_text(f->h, "Facilitator PIN:", H_DEADLINE_MS));
	h_send(f->h, "1111");
	h_key(f->h, "enter");
	assert_true(h_wait_text(f->h, "Wrong PIN", H_DEADLINE_MS));
	assert_null(strstr(h_screen(f->h), "[facilitator]"));
	h_key(f->h, "f");
	assert_true(h_wait_text(f->h, "Facilitator PIN:", H_DEADLINE_MS));
	h_send(f->h, "4321");
	h_key(f->h, "enter");
	assert_true(h_wait_text(f->h, "[facilitator]", H_DEADLINE_MS));

	struct store *st = NULL;
	char *hash = NULL;
	st = fx_open(f);
	assert_int_equal(store_session_pin_hash(st, f->sid, &hash), STORE_OK);
	assert_non_null(hash);
	assert_int_equal(hash[0], '$');
	assert_null(strstr(hash, "4321"));
	free(hash);
	store_close(st);
}

/* A name that has voted asks before replacing; "no" goes back to the name,
 * "yes" replaces the ballot and keeps one participant. */
static void test_replace_ballot(void **state)
{
	struct fixture *f = *state;
	start(f, "en", 24, 80);
	begin_turn(f, "Osallistuja A");
	seed_ballot(f);
	confirm(f);
	h_key(f->h, "enter");
	assert_true(h_wait_text(f->h, "Please write your name", H_DEADLINE_MS));
	h_send(f->h, "osallistuja  a");
	h_key(f->h, "enter");
	assert_true(h_wait_text(f->h, "has voted already", H_DEADLINE_MS));
	assert_true(h_wait_text(f->h, "Only the same person", H_DEADLINE_MS));
	h_key(f->h, "n");
	assert_true(h_wait_text(f->h, "Please write your name", H_DEADLINE_MS));
	h_key(f->h, "enter");
	assert_true(h_wait_text(f->h, "has voted already", H_DEADLINE_MS));
	h_key(f->h, "y");
	assert_true(wait_left(f, 10));
	h_key(f->h, "3");
	assert_true(wait_left(f, 7));
	confirm(f);
	struct report r;
	fx_load_report(f, &r);
	assert_int_equal(r.nparticipants, 1);
	assert_int_equal(r.tally.total_dots, 3);
	report_free(&r);
}

/* Sets the facilitator PIN from the console and locks it again. */
static void set_pin(struct fixture *f, const char *pin)
{
	assert_true(h_wait_text(f->h, "Next participant", H_DEADLINE_MS));
	h_key(f->h, "f");
	assert_true(h_wait_text(f->h, "[facilitator]", H_DEADLINE_MS));
	h_key(f->h, "k");
	assert_true(h_wait_text(f->h, "New facilitator PIN", H_DEADLINE_MS));
	h_send(f->h, pin);
	h_key(f->h, "enter");
	assert_true(h_wait_text(f->h, "The PIN is set.", H_DEADLINE_MS));
	h_key(f->h, "l");
	assert_true(h_wait_gone(f->h, "[facilitator]", H_DEADLINE_MS));
}

/* Signs again as a name that has voted and waits for the PIN prompt. */
static void sign_again(struct fixture *f, const char *name)
{
	assert_true(h_wait_text(f->h, "Please write your name", H_DEADLINE_MS));
	h_send(f->h, name);
	h_key(f->h, "enter");
	assert_true(h_wait_text(f->h, "Facilitator PIN to replace", H_DEADLINE_MS));
	assert_true(h_wait_text(f->h, "Only the facilitator can replace", H_DEADLINE_MS));
}

/* With a PIN set, only the facilitator replaces a ballot: Esc and a wrong
 * PIN go back to the name and keep the stored ballot; the right PIN lets
 * the new one replace it. */
static void test_replace_needs_pin(void **state)
{
	struct fixture *f = *state;
	struct report r;
	start(f, "en", 24, 80);
	set_pin(f, "4321");
	begin_turn(f, "Osallistuja A");
	seed_ballot(f);
	confirm(f);
	h_key(f->h, "enter");
	sign_again(f, "osallistuja a");
	h_key(f->h, "esc");
	assert_true(h_wait_gone(f->h, "Facilitator PIN to replace", H_DEADLINE_MS));
	assert_true(h_wait_text(f->h, "Please write your name", H_DEADLINE_MS));
	h_key(f->h, "enter");
	assert_true(h_wait_text(f->h, "Facilitator PIN to replace", H_DEADLINE_MS));
	h_send(f->h, "1111");
	h_key(f->h, "enter");
	assert_true(h_wait_text(f->h, "Wrong PIN", H_DEADLINE_MS));
	assert_true(h_wait_text(f->h, "Please write your name", H_DEADLINE_MS));
	fx_load_report(f, &r);
	assert_int_equal(r.nparticipants, 1);
	assert_int_equal(r.tally.total_dots, 10);
	assert_int_equal(fx_dots_of(&r, 1, 0, LEVEL_AGREE), 5);
	report_free(&r);

	h_key(f->h, "enter");
	assert_true(h_wait_text(f->h, "Facilitator PIN to replace", H_DEADLINE_MS));
	h_send(f->h, "4321");
	h_key(f->h, "enter");
	assert_true(wait_left(f, 10));
	h_key(f->h, "3");
	assert_true(wait_left(f, 7));
	confirm(f);
	fx_load_report(f, &r);
	assert_int_equal(r.nparticipants, 1);
	assert_int_equal(r.tally.total_dots, 3);
	report_free(&r);
}

/* Leaving a turn without confirming stores nothing. */
static void test_cancel_turn(void **state)
{
	struct fixture *f = *state;
	start(f, "en", 24, 80);
	begin_turn(f, "Anna");
	h_key(f->h, "4");
	assert_true(wait_left(f, 6));
	h_key(f->h, "esc");
	assert_true(h_wait_text(f->h, "Leave this turn?", H_DEADLINE_MS));
	h_key(f->h, "y");
	assert_true(h_wait_text(f->h, "Next participant", H_DEADLINE_MS));
	struct report r;
	fx_load_report(f, &r);
	assert_int_equal(r.nparticipants, 0);
	assert_int_equal(r.tally.total_dots, 0);
	report_free(&r);
}

/* A running timer and the phase survive a crash of the app. */
static void test_timer_survives_restart(void **state)
{
	struct fixture *f = *state;
	start(f, "en", 24, 80);
	assert_true(h_wait_text(f->h, "Next participant", H_DEADLINE_MS));
	h_key(f->h, "f");
	assert_true(h_wait_text(f->h, "[facilitator]", H_DEADLINE_MS));
	h_key(f->h, "n");  /* to the results phase: the results show at once */
	assert_true(h_wait_text(f->h, "Rank and sheet", H_DEADLINE_MS));
	h_key(f->h, "esc");
	assert_true(h_wait_text(f->h, "Phase 4 of 4", H_DEADLINE_MS));
	h_key(f->h, "p");
	assert_true(h_wait_text(f->h, "Phase 3 of 4", H_DEADLINE_MS));
	h_key(f->h, " ");
	assert_true(h_wait_text(f->h, "running", H_DEADLINE_MS));
	h_signal(f->h, SIGKILL);
	h_wait_exit(f->h, H_DEADLINE_MS);
	h_free(f->h);
	f->h = NULL;
	start(f, "en", 24, 80);
	assert_true(h_wait_text(f->h, "Phase 3 of 4", H_DEADLINE_MS));
	assert_true(h_wait_text(f->h, "running", H_DEADLINE_MS));
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
	const char *argv[] = { "tapla", "--db", f->db, "--lang", "en", NULL };
	f->h = h_start(argv, 24, 80, f->dir);
	assert_non_null(f->h);
	assert_true(h_wait_text(f->h, "choose a workshop session", H_DEADLINE_MS));
	assert_true(h_wait_text(f->h, "PED 2016", H_DEADLINE_MS));
	h_key(f->h, "down");
	h_key(f->h, "enter");
	assert_true(h_wait_text(f->h, "New workshop session", H_DEADLINE_MS));
	h_send(f->h, "Työpaja Ω");
	/* Enter on the title goes on to the template; nothing is made yet. */
	h_key(f->h, "enter");
	assert_true(h_wait_text(f->h, ">Template", H_DEADLINE_MS));
	assert_non_null(strstr(h_screen(f->h), "New workshop session"));
	assert_int_equal(count_sessions(f), 1);
	h_key(f->h, "^S");
	assert_true(h_wait_text(f->h, "tapla · Työpaja Ω", H_DEADLINE_MS));
	assert_true(h_wait_text(f->h, "Phase 1 of 4", H_DEADLINE_MS));
	assert_int_equal(count_sessions(f), 2);
}

/* Enter walks the form field by field; on the last (the PIN) it creates
 * the session, with that PIN. */
static void test_form_enter_walks_fields(void **state)
{
	struct fixture *f = *state;
	const char *argv[] = { "tapla", "--db", f->db, "--lang", "en", NULL };
	f->h = h_start(argv, 24, 80, f->dir);
	assert_non_null(f->h);
	assert_true(h_wait_text(f->h, "PED 2016", H_DEADLINE_MS));
	h_key(f->h, "down");
	h_key(f->h, "enter");
	assert_true(h_wait_text(f->h, "New workshop session", H_DEADLINE_MS));
	h_send(f->h, "Walk");
	for (int i = 0; i < 7; i++)
		h_key(f->h, "enter");
	assert_true(h_wait_text(f->h, ">Facilitator PIN", H_DEADLINE_MS));
	assert_int_equal(count_sessions(f), 1);
	h_send(f->h, "2468");
	h_key(f->h, "enter");
	assert_true(h_wait_text(f->h, "tapla · Walk", H_DEADLINE_MS));
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
	start(f, "en", 24, 80);
	begin_turn(f, "Anna");
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
	assert_true(wait_left(f, 9));
	h_key(f->h, "enter");
	h_key(f->h, "enter");
	assert_true(h_wait_text(f->h, "Thank you!", H_DEADLINE_MS));
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
	start(f, "en", 24, 80);
	assert_true(h_wait_text(f->h, "Next participant", H_DEADLINE_MS));
	h_key(f->h, "enter");
	assert_true(wait_left(f, 10));
	assert_null(strstr(h_screen(f->h), "Please write your name"));
	seed_ballot(f);
	confirm(f);
	struct report r;
	fx_load_report(f, &r);
	assert_int_equal(r.nparticipants, 1);
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

	start(f, "en", 24, 80);
	begin_turn(f, "Anna");
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
	h_key(f->h, "4");  /* on the row shown first */
	assert_true(wait_left(f, 6));
	confirm(f);
	struct report r;
	fx_load_report(f, &r);
	assert_int_equal(r.nparticipants, 1);
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
	assert_true(h_wait_text(f->h, "Phase 3 of 4", H_DEADLINE_MS));
	assert_true(h_wait_text(f->h, "paused", H_DEADLINE_MS));
	st = fx_open(f);
	assert_int_equal(store_session_set_phase(st, f->sid, 1), STORE_OK);
	assert_int_equal(store_session_set_timer(st, f->sid, true,
						 fx_wall_ms() + 5 * 60000, 0), STORE_OK);
	store_close(st);
	assert_true(h_wait_text(f->h, "Phase 2 of 4", H_DEADLINE_MS));
	assert_true(h_wait_text(f->h, "running", H_DEADLINE_MS));
}

/* The countdown runs, takes minutes off and says when time is up, in
 * words (the inverse flash is beside them). */
static void test_time_up(void **state)
{
	struct fixture *f = *state;
	start(f, "en", 24, 80);
	assert_true(h_wait_text(f->h, "Next participant", H_DEADLINE_MS));
	h_key(f->h, "f");
	assert_true(h_wait_text(f->h, "[facilitator]", H_DEADLINE_MS));
	assert_true(h_wait_text(f->h, "paused", H_DEADLINE_MS));
	h_key(f->h, " ");
	assert_true(h_wait_text(f->h, "running", H_DEADLINE_MS));
	for (int i = 0; i < 11; i++)
		h_key(f->h, "-");
	assert_true(h_wait_text(f->h, "TIME IS UP", H_DEADLINE_MS));
	h_key(f->h, "+");
	assert_true(h_wait_text(f->h, "running", H_DEADLINE_MS));
	assert_true(h_wait_gone(f->h, "TIME IS UP", H_DEADLINE_MS));
}

/* Another tapla holding the database's write lock at the moment of
 * confirming: a sentence on screen, the ballot stays to retry, and the
 * retry saves it once the lock is gone. */
static void test_busy_then_retry(void **state)
{
	struct fixture *f = *state;
	const char *argv[] = { "tapla", "--db", f->db, "--lang", "en", "run", f->id, NULL };
	const char *env[] = { "TAPLA_BUSY_TIMEOUT_MS=200", NULL };
	f->h = h_start_env(argv, 24, 80, f->dir, env);
	assert_non_null(f->h);
	begin_turn(f, "Osallistuja A");
	seed_ballot(f);
	h_key(f->h, "enter");
	assert_true(h_wait_text(f->h, "Check your ballot", H_DEADLINE_MS));
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
	h_key(f->h, "enter");
	assert_true(h_wait_text(f->h, "busy", H_DEADLINE_MS));
	assert_non_null(strstr(h_screen(f->h), "Check your ballot"));
	assert_int_equal(sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	h_key(f->h, "enter");
	assert_true(h_wait_text(f->h, "Thank you! Your ballot is saved.", H_DEADLINE_MS));
	struct report r;
	fx_load_report(f, &r);
	assert_int_equal(r.nparticipants, 1);
	assert_int_equal(r.tally.total_dots, 10);
	report_free(&r);
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
	start(f, "en", 24, 80);
	assert_true(h_wait_text(f->h, "Next participant", H_DEADLINE_MS));
	h_key(f->h, "enter");
	assert_true(h_wait_text(f->h, "Please write your name", H_DEADLINE_MS));
	h_send(f->h, "Åsa 漢字😀");  /* (the bar on row 0 shows it too) */
	assert_true(h_wait_text(f->h, "Åsa 漢字😀", H_DEADLINE_MS));
	assert_true(cursor_after(f, 0x1F600, 2));
	h_key(f->h, "left");
	h_key(f->h, "left");
	assert_true(cursor_after(f, 0x5B57, 0));  /* on 字 */
	h_key(f->h, "backspace");  /* takes 漢 whole */
	assert_true(h_wait_text(f->h, "Åsa 字😀", H_DEADLINE_MS));
	h_key(f->h, "enter");
	assert_true(wait_left(f, 10));
	assert_true(h_wait_text(f->h, "Your turn, Åsa 字😀", H_DEADLINE_MS));
}

/* A crash gives the terminal back: the full-screen mode is left and the
 * process dies of its signal. (Under AddressSanitizer its own handler
 * reports the crash instead, so the test is skipped there.) */
static void test_crash_restores_terminal(void **state)
{
#if defined(__SANITIZE_ADDRESS__)
	(void)state;
	skip();
#else
	struct fixture *f = *state;
	start(f, "en", 24, 80);
	begin_turn(f, "Anna");
	h_signal(f->h, SIGSEGV);
	int st = h_wait_exit(f->h, H_DEADLINE_MS);
	assert_true(WIFSIGNALED(st));
	assert_int_equal(WTERMSIG(st), SIGSEGV);
	/* Back on the normal screen: the turn's screen is gone. */
	assert_null(strstr(h_screen(f->h), "dots left"));
#endif
}

/* A whole turn, then the facilitator quits: the app exits by itself with
 * status 0 (under valgrind: no memory error, no leak). */
static void test_turn_then_quit(void **state)
{
	struct fixture *f = *state;
	start(f, "en", 24, 80);
	begin_turn(f, "Osallistuja A");
	h_key(f->h, "tab");
	assert_true(h_wait_text(f->h, "SWOT notes for sheet 1", H_DEADLINE_MS));
	h_send(f->h, "Vahvuus ✓");
	h_key(f->h, "enter");
	seed_ballot(f);
	confirm(f);
	h_key(f->h, "f");
	assert_true(h_wait_text(f->h, "[facilitator]", H_DEADLINE_MS));
	h_key(f->h, "r");
	assert_true(h_wait_text(f->h, "Results are hidden", H_DEADLINE_MS));
	h_key(f->h, "v");
	assert_true(h_wait_text(f->h, "Rank and sheet", H_DEADLINE_MS));
	h_key(f->h, "tab");
	assert_true(h_wait_text(f->h, "Vahvuus", H_DEADLINE_MS));
	h_key(f->h, "esc");
	h_key(f->h, "q");
	assert_true(h_wait_text(f->h, "Quit tapla?", H_DEADLINE_MS));
	h_key(f->h, "y");
	int st = h_wait_exit(f->h, H_DEADLINE_MS);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);
}

/* The results screen exports the report: Markdown by the name's ending,
 * the whole file or none, readable by its owner only. */
static void test_export_from_results(void **state)
{
	struct fixture *f = *state;
	char path[400], *text = NULL;
	size_t len = 0;
	start(f, "en", 24, 80);
	begin_turn(f, "Osallistuja A");
	seed_ballot(f);
	confirm(f);
	h_key(f->h, "f");
	assert_true(h_wait_text(f->h, "[facilitator]", H_DEADLINE_MS));
	h_key(f->h, "r");
	h_key(f->h, "v");
	assert_true(h_wait_text(f->h, "Rank and sheet", H_DEADLINE_MS));
	h_key(f->h, "e");
	assert_true(h_wait_text(f->h, "Save the results as", H_DEADLINE_MS));
	assert_true(h_wait_text(f->h, ".html", H_DEADLINE_MS));
	snprintf(path, sizeof path, "%s/minutes.md", f->dir);
	h_key(f->h, "^U");
	h_send(f->h, path);
	h_key(f->h, "enter");
	assert_true(h_wait_text(f->h, "Saved the report as", H_DEADLINE_MS));
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
	unlink(path);
}

/* The budget refusal and the titles: in colour by default, none at all
 * with NO_COLOR, and the refusal still says what is wrong in words. */
static void refusal_colors(struct fixture *f, const char *const *env)
{
	const char *argv[] = { "tapla", "--db", f->db, "--lang", "en", "run", f->id, NULL };
	f->h = h_start_env(argv, 24, 80, f->dir, env);
	assert_non_null(f->h);
	begin_turn(f, "Anna");
	h_key(f->h, "9");
	h_key(f->h, "down");
	h_key(f->h, "5");
	assert_true(h_wait_text(f->h, "! 14 dots given, the budget is 10.", H_DEADLINE_MS));
	h_settle(f->h, 200, H_DEADLINE_MS);
}

static void test_no_color(void **state)
{
	struct fixture *f = *state;
	const char *env[] = { "NO_COLOR=1", NULL };
	refusal_colors(f, NULL);
	assert_true(h_has_color(f->h));
	h_free(f->h);
	f->h = NULL;
	refusal_colors(f, env);
	assert_false(h_has_color(f->h));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_seed_turn, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_handover_blank, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_budget_refusal, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_blind_results, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_lockdown_keys, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_resize_keeps_ballot, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_finnish, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_kill_mid_turn, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_sigterm, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_pin, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_replace_ballot, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_replace_needs_pin, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_cancel_turn, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_timer_survives_restart, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_new_session_from_start, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_form_enter_walks_fields, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_mouse_click, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_no_color, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_anonymous, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_shuffled_order, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_turn_then_quit, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_crash_restores_terminal, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_wide_name, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_busy_then_retry, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_time_up, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_follows_other_station, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_export_from_results, setup, fx_teardown),
	};
	/* TAPLA_E2E_ONLY=test_name runs one test (tests/valgrind.sh). */
	const char *only = getenv("TAPLA_E2E_ONLY");
	if (only && *only)
		cmocka_set_test_filter(only);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
