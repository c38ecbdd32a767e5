/* End-to-end tests of rounds and groups in the workshop screen (issue 15):
 * the rehearsal's round 2 shows who moved and the results by group at
 * 80×24 in Finnish and English, in the app and on the projector; a turn
 * in a session with groups stores the group picked; the console starts
 * the next round; the start form takes groups.
 *
 * TAPLA_E2E_CAPTURE_DIR=DIR writes the screens looked at to
 * DIR/roundsui-NAME.txt. TAPLA_E2E_ONLY=PATTERN runs only the tests whose
 * names match. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "fixture.h"
#include "harness.h"
#include "tapla/store.h"

extern char **environ;

/* A session in Finnish at its voting phase (id 1, no groups). */
static int setup(void **state)
{
	return fx_setup(state, "tapla-rounds-ui", "fi");
}

/* Runs the real tapla on the fixture's database with args (NULL-ended),
 * outside any terminal, its output thrown away; the test fails unless it
 * exits 0. */
static void run_tapla(const struct fixture *f, const char *const *args)
{
	const char *argv[32] = { getenv("TAPLA_BINARY"), "--db", f->db };
	size_t n = 3;
	for (size_t i = 0; args[i] && n < 31; i++)
		argv[n++] = args[i];
	argv[n] = NULL;
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int st = -1;
	assert_non_null(argv[0]);
	assert_int_equal(posix_spawn_file_actions_init(&fa), 0);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	int rc = posix_spawn(&pid, argv[0], &fa, NULL, (char *const *)argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	assert_int_equal(rc, 0);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);
}

/* The rehearsal in `lang` beside the fixture's session: its round 1 is
 * session 2, its round 2 session 3. */
static void make_demo(const struct fixture *f, const char *lang)
{
	const char *args[] = { "demo", "--lang", lang, NULL };
	run_tapla(f, args);
	fx_expect_query(f, "SELECT round FROM session WHERE id = 3", "2");
}

/* Writes the screen to $TAPLA_E2E_CAPTURE_DIR/roundsui-NAME.txt. */
static void capture(const struct fixture *f, const char *name)
{
	const char *dir = getenv("TAPLA_E2E_CAPTURE_DIR");
	char path[600];
	if (!dir || !*dir)
		return;
	h_settle(f->h, 200, H_DEADLINE_MS);
	snprintf(path, sizeof path, "%s/roundsui-%s.txt", dir, name);
	FILE *out = fopen(path, "w");
	if (!out)
		return;
	fputs(h_screen(f->h), out);
	fclose(out);
}

/* Starts tapla run ID in lang at 24×80. */
static void run_session(struct fixture *f, const char *id, const char *lang)
{
	const char *argv[] = { "tapla", "--db", f->db, "--lang", lang, "run",
			       id, NULL };
	h_free(f->h);
	f->h = h_start(argv, 24, 80, f->dir);
	assert_non_null(f->h);
}

/* From the locked console of the rehearsal's round 2 to its results,
 * revealed: f unlocks, r opens them, v reveals (the chart), t the table. */
static void to_results(struct fixture *f, const char *facilitator,
		       const char *total)
{
	fx_press(f, "f", facilitator);
	h_key(f->h, "r");
	fx_press(f, "v", "█");
	fx_press(f, "t", total);
}

/* Round 2 of the Finnish rehearsal: m shows who moved per sheet, from the
 * back row (bars then and now, the change, the score, the movers); g the
 * groups; m again the tally. */
static void test_demo_moved_fi(void **state)
{
	struct fixture *f = *state;
	make_demo(f, "fi");
	run_session(f, "3", "fi");
	fx_expect(f, "Vaihe 1/4");
	to_results(f, "[fasilitaattori]", "Sija ja arkki");
	fx_expect(f, "m kuka siirtyi kierroksen 1 jälkeen   g tulokset ryhmittäin");
	/* The title too long for the bar is cut with "…": its "— kierros 2"
	 * is not read into "16 henkilöä". */
	fx_expect(f, "painopisteet 2…  16 henkilöä");
	capture(f, "fi-tally");
	fx_press(f, "m", "Kuka siirtyi kierroksen 1 jälkeen");
	fx_expect(f, "13 osallistujaa allekirjoitti molemmilla kierroksilla");
	fx_expect(f, "░ täpliä, kierros 1");
	fx_expect(f, "█ täpliä, kierros 2");
	fx_expect(f, "kannatusluku +7,2 → +8,5");
	/* Sheet 1's "++": 23 dots then, 32 now. */
	fx_expect(f, " 23 ");
	fx_expect(f, " 32 ");
	fx_expect(f, "+9");
	fx_expect(f, "▲ 5 kohti samaa mieltä  ▼ 0 kohti eri mieltä  = 7 pysyi");
	fx_expect(f, "m takaisin tulokseen   g tulokset ryhmittäin");
	capture(f, "fi-moved");
	h_key(f->h, "pgdn");
	fx_expect(f, "3 vaikuttamisen verkosto");
	capture(f, "fi-moved-2");
	fx_press(f, "g", "Tulokset ryhmittäin");
	fx_expect(f, "Koko sali");
	fx_expect(f, "luottamushenkilöt (5)");
	fx_expect(f, "asukkaat (6)");
	capture(f, "fi-groups");
	fx_press(f, "g", "Sija ja arkki");
	assert_null(strstr(h_screen(f->h), "Kuka siirtyi"));
}

/* The same in English, and round 1 says why it has no "who moved". */
static void test_demo_moved_en(void **state)
{
	struct fixture *f = *state;
	make_demo(f, "en");
	run_session(f, "3", "en");
	fx_expect(f, "Phase 1 of 4");
	to_results(f, "[facilitator]", "Rank and sheet");
	fx_press(f, "m", "Who moved since round 1");
	fx_expect(f, "13 participants signed both rounds (matched by name).");
	fx_expect(f, "score +7.2 → +8.5");
	fx_expect(f, "▲ 5 towards agreement  ▼ 0 towards disagreement  = 7 stayed");
	capture(f, "en-moved");
	fx_press(f, "g", "Results by group");
	fx_expect(f, "Whole room");
	capture(f, "en-groups");
	run_session(f, "2", "en");
	fx_expect(f, "Phase 1 of 4");
	to_results(f, "[facilitator]", "Rank and sheet");
	fx_press(f, "m", "This is round 1");
}

/* The projector view switches to who moved with the same key. */
static void test_projector_moved(void **state)
{
	struct fixture *f = *state;
	make_demo(f, "en");
	struct store *st = fx_open(f);
	assert_int_equal(store_session_set_revealed(st, 3, true), STORE_OK);
	store_close(st);
	const char *argv[] = { "tapla", "--db", f->db, "--lang", "en", "screen",
			       "3", NULL };
	f->h = h_start(argv, 24, 80, f->dir);
	assert_non_null(f->h);
	fx_expect(f, "(view only)");  /* the results, revealed: the chart */
	fx_press(f, "t", "Rank and sheet");
	fx_press(f, "m", "Who moved since round 1");
	fx_expect(f, "▲ 5 towards agreement");
	capture(f, "en-projector-moved");
	fx_press(f, "g", "Whole room");
}

/* A turn in a session with groups asks the group after the name, shows
 * it in the review, and stores it; "no group" stores none. */
static void test_group_turn_stores_group(void **state)
{
	struct fixture *f = *state;
	make_demo(f, "en");
	struct store *st = fx_open(f);
	struct tpl_phase *ph = NULL;
	size_t nph = 0;
	assert_int_equal(store_session_phases(st, 3, &ph, &nph), STORE_OK);
	for (size_t i = 0; i < nph; i++)
		if (ph[i].kind == PHASE_VOTE)
			assert_int_equal(store_session_set_phase(st, 3, (int)i), STORE_OK);
	store_free_phases(ph, nph);
	store_close(st);
	run_session(f, "3", "en");
	fx_to_name(f);
	h_send(f->h, "Uusi Osallistuja");
	fx_press(f, "enter", "Which group are you in?");
	fx_expect(f, "4  no group (rather not say)");
	capture(f, "en-group-step");
	h_key(f->h, "3");
	assert_true(fx_wait_left(f, 10));
	h_key(f->h, "1");
	assert_true(fx_wait_left(f, 9));
	fx_press(f, "enter", "Group: residents");
	fx_press(f, "enter", "Thank you! Your ballot is saved.");
	fx_expect_query(f, "SELECT grp FROM participant WHERE name = 'Uusi Osallistuja'",
			"residents");
	fx_press(f, "enter", "Please write your name");
	h_send(f->h, "Toinen");
	fx_press(f, "enter", "Which group are you in?");
	h_key(f->h, "up");
	h_key(f->h, "down");
	h_key(f->h, "down");
	h_key(f->h, "down");
	h_key(f->h, "down");
	h_key(f->h, "enter");
	assert_true(fx_wait_left(f, 10));
	h_key(f->h, "1");
	assert_true(fx_wait_left(f, 9));
	fx_press(f, "enter", "Group: no group");
	fx_press(f, "enter", "Thank you! Your ballot is saved.");
	fx_expect_query(f, "SELECT coalesce(grp, '(none)') FROM participant WHERE name = 'Toinen'",
			"(none)");
}

/* The console starts round 2 only after the results: refused while
 * voting runs, made and opened once voting is closed. */
static void test_console_next_round(void **state)
{
	struct fixture *f = *state;
	fx_start_run(f, "en", 24, 80, NULL);
	fx_press(f, "f", "[facilitator]");
	fx_press(f, "u", "A new round starts after the results");
	fx_expect_query(f, "SELECT count(*) FROM session", "1");
	fx_press(f, "c", "Voting is closed");
	fx_expect(f, "u to start round 2");
	capture(f, "en-console-closed");
	fx_press(f, "u", "Start round 2?");  /* asked first (issue 13.4) */
	fx_press(f, "y", "Round 2 has started, as session 2");
	fx_expect(f, "PED 2016 — kierros 2");  /* the session's language */
	fx_expect(f, "[facilitator]");
	fx_expect_query(f, "SELECT round FROM session WHERE id = 2", "2");
	fx_expect_query(f, "SELECT s2.after_uuid = s1.uuid FROM session s1, session s2"
			" WHERE s1.id = 1 AND s2.id = 2", "1");
	/* A second next round of round 1 is refused by the store: back to
	 * round 1 through the sessions and try. */
}

/* The start form's groups field: a list of one is refused with the
 * store's sentence and the cursor on the field; two groups make a session
 * with them. */
static void test_form_groups(void **state)
{
	struct fixture *f = *state;
	const char *argv[] = { "tapla", "--db", f->db, "--lang", "en", NULL };
	f->h = h_start(argv, 24, 80, f->dir);
	assert_non_null(f->h);
	fx_expect(f, "PED 2016");
	h_key(f->h, "down");
	fx_press(f, "enter", "New workshop session");
	h_send(f->h, "Ryhmät");
	for (int i = 0; i < 7; i++)
		h_key(f->h, "tab");
	fx_expect(f, ">Groups, comma separated");
	h_send(f->h, "asukkaat");
	fx_press(f, "^S", "Give at least two groups");
	fx_expect(f, ">Groups, comma separated");
	fx_expect_query(f, "SELECT count(*) FROM session", "1");
	h_send(f->h, ", viranhaltijat");
	capture(f, "en-form-groups");
	fx_press(f, "^S", "tapla · Ryhmät");
	fx_expect_query(f, "SELECT groups FROM session WHERE id = 2",
			"asukkaat\nviranhaltijat");
}

/* The smallest-group rule decides what g shows: of alpha (6), beta (5)
 * and gamma (2), gamma is too small and beta would give it away (the
 * whole room minus the shown groups), so only alpha is drawn; the others
 * are named as not shown apart, never with their counts. */
static void test_groups_hidden(void **state)
{
	struct fixture *f = *state;
	const char *make[] = { "--lang", "en", "new", "Small", "--groups",
			       "alpha,beta,gamma", NULL };
	run_tapla(f, make);
	static const struct { const char *group; int n; } who[] = {
		{ "alpha", 6 }, { "beta", 5 }, { "gamma", 2 } };
	int k = 0;
	for (size_t g = 0; g < sizeof who / sizeof who[0]; g++)
		for (int i = 0; i < who[g].n; i++) {
			char name[32];
			snprintf(name, sizeof name, "P%d", ++k);
			const char *vote[] = { "vote", "2", "--name", name, "--group",
					       who[g].group, "1:agree=1", NULL };
			run_tapla(f, vote);
		}
	struct store *st = fx_open(f);
	assert_int_equal(store_session_set_revealed(st, 2, true), STORE_OK);
	store_close(st);
	run_session(f, "2", "en");
	fx_expect(f, "Phase 1 of 4");
	fx_press(f, "f", "[facilitator]");
	fx_press(f, "r", "█");
	fx_press(f, "t", "Rank and sheet");
	fx_press(f, "g", "Not shown apart: beta, gamma.");
	fx_expect(f, "alpha (6)");
	capture(f, "en-groups-hidden");
	const char *screen = h_screen(f->h);
	assert_null(strstr(screen, "beta ("));
	assert_null(strstr(screen, "gamma ("));
	/* Round 1 has no previous round: m says so and stays. */
	fx_press(f, "m", "This is round 1");
	fx_expect(f, "alpha (6)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_demo_moved_fi, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_demo_moved_en, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_projector_moved, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_group_turn_stores_group, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_console_next_round, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_form_groups, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_groups_hidden, setup, fx_teardown),
	};
	fx_filter_tests();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
