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

#include <stdio.h>
#include <string.h>

#include "fixture.h"
#include "harness.h"
#include "tapla/store.h"

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
	const char *argv[32] = { "--db", f->db };
	size_t n = 2;
	for (size_t i = 0; args[i] && n < 31; i++)
		argv[n++] = args[i];
	argv[n] = NULL;
	assert_int_equal(fx_run_tapla(argv), 0);
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
	char file[200];
	snprintf(file, sizeof file, "roundsui-%s.txt", name);
	fx_capture_to(f, file);
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

/* Session `id` in lang (fi or en) at its first phase, its console
 * unlocked (no PIN). */
static void round_console(struct fixture *f, const char *id, const char *lang)
{
	bool fi = !strcmp(lang, "fi");
	run_session(f, id, lang);
	fx_expect(f, fi ? "Vaihe 1/4" : "Phase 1 of 4");
	fx_press(f, "f", fi ? "[fasilitaattori]" : "[facilitator]");
}

/* Session `id` of the rehearsal in lang (fi or en), from its locked
 * console to its results, revealed: f unlocks, r opens them, v reveals
 * (the chart), t the table. */
static void round_results(struct fixture *f, const char *id, const char *lang)
{
	bool fi = !strcmp(lang, "fi");
	round_console(f, id, lang);
	h_key(f->h, "r");
	fx_press(f, "v", "█");
	fx_press(f, "t", fi ? "Sija ja arkki" : "Rank and sheet");
}

/* After the group step: one dot, the review showing `group`, confirmed. */
static void vote_one_dot(struct fixture *f, const char *group)
{
	assert_true(fx_wait_left(f, 10));
	fx_press_left(f, "1", 9);
	fx_press(f, "enter", group);
	fx_press(f, "enter", "Thank you! Your ballot is saved.");
}

/* Round 2 of the Finnish rehearsal: m shows who moved per sheet, from the
 * back row (bars then and now, the change, the score, the movers); g the
 * groups; m again the tally. */
static void test_demo_moved_fi(void **state)
{
	struct fixture *f = *state;
	make_demo(f, "fi");
	round_results(f, "3", "fi");
	fx_expect(f, "m kuka siirtyi kierroksen 1 jälkeen   g tulokset ryhmittäin");
	/* The title too long for the bar is cut with "…": its "— kierros 2"
	 * is not read into "16 henkilöä". */
	fx_expect(f, "painopisteet 2…  16 henkilöä");
	capture(f, "fi-tally");
	fx_press(f, "m", "Kuka siirtyi kierroksen 1 jälkeen");
	fx_expect_all(f, "13 osallistujaa allekirjoitti molemmilla kierroksilla",
		      "░ täpliä, kierros 1", "█ täpliä, kierros 2",
		      "kannatusluku +7,2 → +8,5",
		      " 23 ", " 32 ", "+9",  /* sheet 1's "++": 23 dots then, 32 now */
		      "▲ 5 kohti samaa mieltä  ▼ 0 kohti eri mieltä  = 7 pysyi",
		      "m takaisin tulokseen   g tulokset ryhmittäin", NULL);
	capture(f, "fi-moved");
	h_key(f->h, "pgdn");
	fx_expect(f, "3 vaikuttamisen verkosto");
	capture(f, "fi-moved-2");
	fx_press(f, "g", "Tulokset ryhmittäin");
	fx_expect_all(f, "Koko sali", "luottamushenkilöt (5)", "asukkaat (6)", NULL);
	capture(f, "fi-groups");
	fx_press(f, "g", "Sija ja arkki");
	assert_null(strstr(h_screen(f->h), "Kuka siirtyi"));
}

/* The same in English, and round 1 says why it has no "who moved". */
static void test_demo_moved_en(void **state)
{
	struct fixture *f = *state;
	make_demo(f, "en");
	round_results(f, "3", "en");
	fx_press(f, "m", "Who moved since round 1");
	fx_expect_all(f, "13 participants signed both rounds (matched by name).",
		      "score +7.2 → +8.5",
		      "▲ 5 towards agreement  ▼ 0 towards disagreement  = 7 stayed",
		      NULL);
	capture(f, "en-moved");
	fx_press(f, "g", "Results by group");
	fx_expect(f, "Whole room");
	capture(f, "en-groups");
	round_results(f, "2", "en");
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
	f->h = fx_start_view(f, "3", "en", NULL);
	fx_expect(f, "(view only)");  /* the results, revealed: the chart */
	fx_press(f, "t", "Rank and sheet");
	fx_press(f, "m", "Who moved since round 1");
	fx_expect(f, "▲ 5 towards agreement");
	capture(f, "en-projector-moved");
	fx_press(f, "g", "Whole room");
}

/* The projector view of a session follows its newest round: the round
 * started while it runs (tapla round, or u at the console) takes its
 * place, and a view started on round 1 later shows round 2. */
static void test_projector_follows_new_round(void **state)
{
	struct fixture *f = *state;
	f->h = fx_start_view(f, "1", "en", NULL);
	fx_expect(f, "PED 2016 · projector view");
	const char *next[] = { "round", "1", NULL };
	run_tapla(f, next);
	/* Round 2 at its first phase; its title gives way to the counts,
	 * keeping its round mark in view. */
	fx_expect(f, "— kierros 2 · projector view  0 have voted · voting not started");
	capture(f, "en-projector-round-2");
	h_free(f->h);
	f->h = fx_start_view(f, "1", "en", NULL);
	fx_expect(f, "… — kierros 2 · projector view");
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
	vote_one_dot(f, "Group: residents");
	fx_expect_query(f, "SELECT grp FROM participant WHERE name = 'Uusi Osallistuja'",
			"residents");
	fx_next_name(f, "Toinen");
	fx_expect(f, "Which group are you in?");
	fx_keys(f, "up", "down", "down", "down", "down", "enter", NULL);
	vote_one_dot(f, "Group: no group");
	fx_expect_query(f, "SELECT coalesce(grp, '(none)') FROM participant WHERE name = 'Toinen'",
			"(none)");
}

/* The console starts round 2 only after the results: refused while
 * voting runs, made and opened once voting is closed (which shows the
 * results to the room, as the console says). */
static void test_console_next_round(void **state)
{
	struct fixture *f = *state;
	fx_start_facilitator(f, 24, 80);
	fx_press(f, "u", "A new round starts after the results");
	fx_expect_query(f, "SELECT count(*) FROM session", "1");
	/* Closed means shown (the projector shows them at once): the console
	 * says so (issue 13.2); v, off its help line, has nothing to do. */
	fx_press(f, "c", "Voting is closed: no more ballots. Results are shown to the room.");
	fx_expect(f, "Results are shown to the room: r opens them here, u starts round 2.");
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
	fx_start_list(f, f->db);
	fx_new_session_form(f, "Ryhmät");
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
	round_console(f, "2", "en");
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
		FX_TEST(test_demo_moved_fi),
		FX_TEST(test_demo_moved_en),
		FX_TEST(test_projector_moved),
		FX_TEST(test_projector_follows_new_round),
		FX_TEST(test_group_turn_stores_group),
		FX_TEST(test_console_next_round),
		FX_TEST(test_form_groups),
		FX_TEST(test_groups_hidden),
	};
	return FX_RUN(tests);
}
