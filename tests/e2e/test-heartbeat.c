/* The projector view announces itself (issue 13.3): with "tapla screen" of
 * the session running, the console says "projector view connected"; with
 * none, opening voting warns once that the console shows every ballot and
 * names the command for a second window. The view writes only its
 * heartbeat file, never the database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "fixture.h"

static int setup(void **state)
{
	return fx_setup(state, "tapla-beat", "en");
}

/* No view: going back and forth into the voting phase warns once. */
static void test_warns_once_without_view(void **state)
{
	struct fixture *f = *state;
	fx_start_facilitator(f, 24, 80);
	h_key(f->h, "p");
	fx_expect(f, "voting not started");
	fx_press(f, "n", "No projector view: ballots show here. For the room: tapla screen");
	assert_null(strstr(h_screen(f->h), "projector view connected"));
	h_key(f->h, "p");
	fx_expect(f, "voting not started");
	fx_press(f, "n", "Voting is open: next participant, press Enter.");
}

/* A view running: the console says so, and no warning comes. */
static void test_view_connected(void **state)
{
	struct fixture *f = *state;
	struct stat before, after;
	assert_int_equal(stat(f->db, &before), 0);
	struct harness *view = fx_start_view(f, f->id, "en", NULL);
	assert_true(h_wait_text(view, "projector view", H_DEADLINE_MS));
	fx_start_run(f, "en", 24, 80, NULL);
	fx_expect(f, "projector view connected");
	fx_press(f, "f", "[facilitator]");
	h_key(f->h, "p");
	fx_expect(f, "voting not started");
	fx_press(f, "n", "Voting is open: next participant, press Enter.");
	assert_null(strstr(h_screen(f->h), "No projector view"));
	h_free(view);
	/* The beat stops: within a few seconds the console no longer says it. */
	assert_true(h_wait_gone(f->h, "projector view connected", 3 * H_DEADLINE_MS));
	char beat[400];
	snprintf(beat, sizeof beat, "%s.view-%s", f->db, f->id);
	struct stat bs;
	assert_int_equal(stat(beat, &bs), 0);
	(void)before;
	(void)after;
}

/* Esc on the first form (no session yet) asks before quitting (issue
 * 13.7); n goes back to the form with what was typed. */
static void test_first_form_esc_asks(void **state)
{
	struct fixture *f = *state;
	char db[400];
	snprintf(db, sizeof db, "%s/empty.db", f->dir);
	fx_start_list(f, db);
	fx_expect(f, "New workshop session");
	h_send(f->h, "Seminaari");
	fx_press(f, "esc", "Quit tapla?");
	fx_press_gone(f, "n", "Quit tapla?");
	fx_expect(f, "Seminaari");
	fx_press(f, "esc", "Quit tapla?");
	fx_press_exit(f, "y", 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FX_TEST(test_warns_once_without_view),
		FX_TEST(test_view_connected),
		FX_TEST(test_first_form_esc_asks),
	};
	return FX_RUN(tests);
}
