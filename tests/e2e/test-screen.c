/* End-to-end tests of the projector view (tapla screen ID): the real binary
 * in a pseudo-terminal while this process changes the same database with
 * the real "tapla vote" and through the store. tests/valgrind.sh runs
 * test_screen_clean_exit with the view under valgrind (TAPLA_E2E_WRAPPER).
 *
 * TAPLA_E2E_ONLY=PATTERN runs only the tests whose names match (cmocka's
 * filter, '*' wildcards). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fixture.h"
#include "harness.h"
#include "tapla/assets.h"
#include "tapla/store.h"

/* How soon a ballot confirmed elsewhere must show (the promise). */
enum { SHOW_WITHIN_MS = 1000 };

/* A session in English at its voting phase, its timer running with five
 * minutes left. */
static int setup(void **state)
{
	if (fx_setup(state, "tapla-screen", "en") != 0)
		return -1;
	const struct fixture *f = *state;
	struct store *st = NULL;
	char err[512];
	if (store_open(f->db, &st, err, sizeof err) != STORE_OK)
		return -1;
	enum store_status rc = store_session_set_timer(st, f->sid, true,
						       fx_wall_ms() + 5 * 60000, 0);
	store_close(st);
	return rc == STORE_OK ? 0 : -1;
}

/* Starts "tapla screen ID" at rows×cols with extra environment. */
static void start_screen(struct fixture *f, int rows, int cols,
			 const char *const *env)
{
	const char *argv[] = { "tapla", "--db", f->db, "--lang", "en", "screen",
			       f->id, NULL };
	h_free(f->h);
	f->h = h_start_env(argv, rows, cols, f->dir, env);
	assert_non_null(f->h);
	fx_expect(f, "projector view");
}

/* Stores one ballot with "tapla vote", as a second terminal would. */
static void vote(struct fixture *f, const char *name)
{
	const char *args[] = { "--db", f->db, "vote", f->id, "--name", name,
			       "1:agree=5", "2:partly-agree=2", "3:neutral=2",
			       "4:disagree=1", NULL };
	assert_int_equal(fx_run_tapla(args), 0);
}

/* Adds the FNV-1a hash of a file's bytes; a missing file counts as empty
 * (a reader of a WAL database may create an empty -wal beside it). */
static uint64_t hash_file(const char *path, uint64_t h)
{
	FILE *fp = fopen(path, "rb");
	int c;
	if (!fp)
		return h;
	while ((c = fgetc(fp)) != EOF)
		h = (h ^ (uint64_t)c) * 0x100000001b3ULL;
	fclose(fp);
	return h;
}

/* The database and its WAL, hashed: what a write would change. */
static uint64_t db_hash(const struct fixture *f)
{
	char wal[320];
	snprintf(wal, sizeof wal, "%s-wal", f->db);
	return hash_file(wal, hash_file(f->db, 0xcbf29ce484222325ULL));
}

/* Reveals the results as the facilitator's console would. */
static void reveal(struct fixture *f)
{
	struct store *st = NULL;
	st = fx_open(f);
	assert_int_equal(store_session_set_revealed(st, f->sid, true), STORE_OK);
	store_close(st);
}

/* A ballot confirmed by another process shows within a second; the
 * results appear once revealed; the view's reading, redrawing and quitting
 * leave the database's bytes as they were. */
static void test_follows_votes(void **state)
{
	struct fixture *f = *state;
	start_screen(f, 24, 80, NULL);
	fx_expect(f, "0 have voted");
	fx_expect(f, "running");
	vote(f, "Osallistuja A");
	uint64_t before = db_hash(f);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_true(h_wait_text(f->h, "1 has voted", SHOW_WITHIN_MS));
	clock_gettime(CLOCK_MONOTONIC, &t1);
	fprintf(stderr, "the ballot showed %ld ms after tapla vote exited\n",
		(long)((t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000));
	assert_int_equal(db_hash(f), before);  /* the view's re-read wrote nothing */
	vote(f, "Osallistuja B");
	assert_true(h_wait_text(f->h, "2 have voted", SHOW_WITHIN_MS));
	fx_capture(f, "projector view 80x24, voting");
	assert_null(strstr(h_screen(f->h), "Rank"));
	assert_null(strstr(h_screen(f->h), "peer-service"));
	assert_null(strstr(h_screen(f->h), "Osallistuja"));
	uint64_t after_votes = db_hash(f);
	reveal(f);
	uint64_t revealed = db_hash(f);
	assert_true(revealed != after_votes);  /* the hash sees a write */
	assert_true(h_wait_text(f->h, "◀ disagree", SHOW_WITHIN_MS));
	fx_expect(f, "peer-service network");
	fx_capture(f, "projector view 80x24, results");
	h_resize(f->h, 30, 100);
	fx_expect(f, "◀ disagree");
	fx_press(f, "p", "2 have voted so far");
	assert_int_equal(db_hash(f), revealed);
	fx_press_exit(f, "q", 0);
	assert_int_equal(db_hash(f), revealed);
}

/* The view on its own reads the database and changes none of its bytes. */
static void test_never_writes(void **state)
{
	struct fixture *f = *state;
	vote(f, "Osallistuja A");
	uint64_t before = db_hash(f);
	start_screen(f, 24, 80, NULL);
	fx_expect(f, "1 has voted");
	h_resize(f->h, 20, 60);
	fx_expect(f, "1 has voted so far");
	h_key(f->h, "q");
	assert_true(h_wait_exit(f->h, H_DEADLINE_MS) >= 0);
	assert_int_equal(db_hash(f), before);
}

/* Closing voting shows the results without a reveal. */
static void test_results_when_closed(void **state)
{
	struct fixture *f = *state;
	vote(f, "Anna");
	start_screen(f, 24, 80, NULL);
	fx_expect(f, "1 has voted");
	assert_null(strstr(h_screen(f->h), "Rank"));
	struct store *st = NULL;
	st = fx_open(f);
	assert_int_equal(store_session_set_closed(st, f->sid, true), STORE_OK);
	store_close(st);
	assert_true(h_wait_text(f->h, "◀ disagree", SHOW_WITHIN_MS));
	fx_press(f, "p", "Voting is closed: 1 has voted.");
}

/* Below the smallest size a notice; back to full size, the view again. */
static void test_small_window(void **state)
{
	struct fixture *f = *state;
	start_screen(f, 24, 80, NULL);
	h_resize(f->h, 10, 40);
	fx_expect(f, "Make the window larger");
	h_resize(f->h, 24, 80);
	fx_expect(f, "0 have voted");
}

/* Colour by default, none with NO_COLOR. */
static void test_no_color(void **state)
{
	struct fixture *f = *state;
	const char *env[] = { "NO_COLOR=1", NULL };
	start_screen(f, 24, 80, NULL);
	fx_expect(f, "Phase");
	assert_true(h_has_color(f->h));
	start_screen(f, 24, 80, env);  /* stops the first */
	fx_expect(f, "Phase");
	assert_false(h_has_color(f->h));
}

/* A wrong id is refused before the screen opens. */
static void test_wrong_id(void **state)
{
	struct fixture *f = *state;
	const char *args[] = { "--db", f->db, "screen", "99", NULL };
	assert_int_equal(fx_run_tapla(args), 2);
	const char *none[] = { "--db", f->db, "screen", NULL };
	assert_int_equal(fx_run_tapla(none), 2);
}

/* The projector view quits on q and exits 0 (under valgrind: no leak). */
static void test_screen_clean_exit(void **state)
{
	struct fixture *f = *state;
	start_screen(f, 24, 80, NULL);
	fx_expect(f, "0 have voted");
	fx_press_exit(f, "q", 0);
}

/* The view's help line is the key table's: its few keys and that it only
 * shows, with the results' keys once the room may see them. */
static void test_screen_keys_line(void **state)
{
	struct fixture *f = *state;
	start_screen(f, 24, 80, NULL);
	fx_expect(f, "q quit  (view only: voting happens at the tapla workshop screen)");
	reveal(f);
	assert_true(h_wait_text(f->h, "Tab tally/notes  m who moved  (view only)",
				SHOW_WITHIN_MS));
}

/* Esc does not close the room's view (the table gives it nothing to do
 * there): the view still answers keys after it; Ctrl-C quits with 0. */
static void test_screen_esc_stays(void **state)
{
	struct fixture *f = *state;
	start_screen(f, 24, 80, NULL);
	reveal(f);
	assert_true(h_wait_text(f->h, "◀ disagree", SHOW_WITHIN_MS));
	h_key(f->h, "esc");
	fx_press(f, "p", "0 have voted so far");
	assert_true(h_alive(f->h));
	fx_press_exit(f, "^c", 0);
}

/* The view sets the terminal up as the app does: bracketed paste asked
 * for at the start, turned off at the exit (q, SIGTERM or a SIGINT sent
 * from elsewhere), after the last time it was asked for. */
static void screen_modes_at_exit(struct fixture *f, int sig)
{
	f->h = fx_start_view(f, f->id, "en", NULL);
	assert_true(h_record(f->h));
	fx_expect(f, "0 have voted");
	size_t len;
	const char *raw = h_raw(f->h, &len);
	assert_non_null(strstr(raw, "\x1b[?2004h"));
	assert_true(h_record(f->h));
	if (sig)
		assert_true(h_signal(f->h, sig));
	else
		h_key(f->h, "q");
	fx_expect_exit(f, 0);
	raw = h_raw(f->h, &len);
	const char *off = strstr(raw, "\x1b[?2004l");
	assert_non_null(off);
	assert_null(strstr(off, "\x1b[?2004h"));
}

static void test_screen_modes_quit(void **state)
{
	screen_modes_at_exit(*state, 0);
}

static void test_screen_modes_sigterm(void **state)
{
	screen_modes_at_exit(*state, SIGTERM);
}

static void test_screen_modes_sigint(void **state)
{
	screen_modes_at_exit(*state, SIGINT);
}

/* A crash of the view gives the terminal back, as the app's does. (Under
 * AddressSanitizer its own handler reports the crash: skipped there.) */
static void test_screen_crash_restores_terminal(void **state)
{
	struct fixture *f = *state;
	start_screen(f, 24, 80, NULL);
	fx_expect(f, "0 have voted");
	fx_expect_crash_restores(f, "projector view");  /* the view */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FX_TEST(test_follows_votes),
		FX_TEST(test_never_writes),
		FX_TEST(test_results_when_closed),
		FX_TEST(test_small_window),
		FX_TEST(test_no_color),
		FX_TEST(test_wrong_id),
		FX_TEST(test_screen_clean_exit),
		FX_TEST(test_screen_keys_line),
		FX_TEST(test_screen_esc_stays),
		FX_TEST(test_screen_modes_quit),
		FX_TEST(test_screen_modes_sigterm),
		FX_TEST(test_screen_modes_sigint),
		FX_TEST(test_screen_crash_restores_terminal),
	};
	return FX_RUN(tests);
}
