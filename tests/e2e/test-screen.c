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
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "tapla/assets.h"
#include "tapla/store.h"

extern char **environ;

/* How soon a ballot confirmed elsewhere must show (the promise). */
enum { SHOW_WITHIN_MS = 1000 };

struct fixture {
	char dir[256];
	char db[300];
	char id[32];
	int64_t sid;
	struct harness *h;
};

/* Wall-clock milliseconds, as the stored timer uses. */
static int64_t wall_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A session from the built-in template at its voting phase, its timer
 * running with five minutes left. */
static int64_t make_session(const char *db)
{
	struct store *st = NULL;
	struct template t;
	char err[512];
	int64_t id = 0;
	if (store_open(db, &st, err, sizeof err) != STORE_OK) {
		fprintf(stderr, "store_open: %s\n", err);
		return 0;
	}
	if (!assets_load_template("networks", "en", &t, err, sizeof err)) {
		fprintf(stderr, "template: %s\n", err);
		store_close(st);
		return 0;
	}
	struct store_new_session opt = { .title = "PED 2016", .budget = 10,
		.mode = MODE_WEIGHTED, .language = "en" };
	if (store_session_create(st, &t, &opt, &id) != STORE_OK)
		fprintf(stderr, "create: %s\n", store_error(st));
	for (size_t i = 0; i < t.nphases; i++)
		if (t.phases[i].kind == PHASE_VOTE) {
			store_session_set_phase(st, id, (int)i);
			break;
		}
	store_session_set_timer(st, id, true, wall_ms() + 5 * 60000, 0);
	tpl_free(&t);
	store_close(st);
	return id;
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	if (!f)
		return -1;
	snprintf(f->dir, sizeof f->dir, "%s/tapla-screen-XXXXXX",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->db, sizeof f->db, "%s/t.db", f->dir);
	f->sid = make_session(f->db);
	if (f->sid <= 0)
		return -1;
	snprintf(f->id, sizeof f->id, "%lld", (long long)f->sid);
	*state = f;
	return 0;
}

/* Fails the test if a sanitizer wrote a log. */
static void assert_no_sanitizer_log(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	bool found = false;
	if (!d)
		return;
	while ((e = readdir(d)))
		if (strncmp(e->d_name, "asan", 4) == 0 || strncmp(e->d_name, "ubsan", 5) == 0) {
			fprintf(stderr, "sanitizer log: %s/%s\n", dir, e->d_name);
			found = true;
		}
	closedir(d);
	assert_false(found);
}

/* Removes the folder and the files in it. */
static void remove_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char p[600];
	if (!d)
		return;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
			unlink(p);
		}
	closedir(d);
	rmdir(dir);
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	h_free(f->h);
	assert_no_sanitizer_log(f->dir);
	remove_dir(f->dir);
	free(f);
	return 0;
}

/* Starts "tapla screen ID" at rows×cols with extra environment. */
static void start_screen(struct fixture *f, int rows, int cols,
			 const char *const *env)
{
	const char *argv[] = { "tapla", "--db", f->db, "--lang", "en", "screen",
			       f->id, NULL };
	f->h = h_start_env(argv, rows, cols, f->dir, env);
	assert_non_null(f->h);
	assert_true(h_wait_text(f->h, "projector view", H_DEADLINE_MS));
}

/* Writes a capture of the screen to stderr when TAPLA_E2E_CAPTURE is set. */
static void capture(struct fixture *f, const char *what)
{
	if (getenv("TAPLA_E2E_CAPTURE"))
		h_dump(f->h, what);
}

/* Runs the real tapla with args (NULL-terminated) outside any terminal,
 * its output thrown away; returns its exit status, -1 if it did not exit. */
static int run_tapla(const char *const *args)
{
	const char *argv[32] = { getenv("TAPLA_BINARY") };
	size_t n = 1;
	for (; args[n - 1] && n < 31; n++)
		argv[n] = args[n - 1];
	argv[n] = NULL;
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int st = -1;
	if (!argv[0] || posix_spawn_file_actions_init(&fa) != 0)
		return -1;
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	int rc = posix_spawn(&pid, argv[0], &fa, NULL, (char *const *)argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0 || waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Stores one ballot with "tapla vote", as a second terminal would. */
static void vote(struct fixture *f, const char *name)
{
	const char *args[] = { "--db", f->db, "vote", f->id, "--name", name,
			       "1:agree=5", "2:partly-agree=2", "3:neutral=2",
			       "4:disagree=1", NULL };
	assert_int_equal(run_tapla(args), 0);
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
	char err[512];
	assert_int_equal(store_open(f->db, &st, err, sizeof err), STORE_OK);
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
	assert_true(h_wait_text(f->h, "0 have voted", H_DEADLINE_MS));
	assert_true(h_wait_text(f->h, "running", H_DEADLINE_MS));
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
	capture(f, "projector view 80x24, voting");
	assert_null(strstr(h_screen(f->h), "Rank"));
	assert_null(strstr(h_screen(f->h), "peer-service"));
	assert_null(strstr(h_screen(f->h), "Osallistuja"));
	uint64_t after_votes = db_hash(f);
	reveal(f);
	uint64_t revealed = db_hash(f);
	assert_true(revealed != after_votes);  /* the hash sees a write */
	assert_true(h_wait_text(f->h, "Rank and sheet", SHOW_WITHIN_MS));
	assert_true(h_wait_text(f->h, "peer-service network", H_DEADLINE_MS));
	capture(f, "projector view 80x24, results");
	h_resize(f->h, 30, 100);
	assert_true(h_wait_text(f->h, "Rank and sheet", H_DEADLINE_MS));
	h_key(f->h, "p");
	assert_true(h_wait_text(f->h, "2 have voted so far", H_DEADLINE_MS));
	assert_int_equal(db_hash(f), revealed);
	h_key(f->h, "q");
	int st = h_wait_exit(f->h, H_DEADLINE_MS);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);
	assert_int_equal(db_hash(f), revealed);
}

/* The view on its own reads the database and changes none of its bytes. */
static void test_never_writes(void **state)
{
	struct fixture *f = *state;
	vote(f, "Osallistuja A");
	uint64_t before = db_hash(f);
	start_screen(f, 24, 80, NULL);
	assert_true(h_wait_text(f->h, "1 has voted", H_DEADLINE_MS));
	h_resize(f->h, 20, 60);
	assert_true(h_wait_text(f->h, "1 has voted so far", H_DEADLINE_MS));
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
	assert_true(h_wait_text(f->h, "1 has voted", H_DEADLINE_MS));
	assert_null(strstr(h_screen(f->h), "Rank"));
	struct store *st = NULL;
	char err[512];
	assert_int_equal(store_open(f->db, &st, err, sizeof err), STORE_OK);
	assert_int_equal(store_session_set_closed(st, f->sid, true), STORE_OK);
	store_close(st);
	assert_true(h_wait_text(f->h, "Rank and sheet", SHOW_WITHIN_MS));
	h_key(f->h, "p");
	assert_true(h_wait_text(f->h, "Voting is closed: 1 has voted.", H_DEADLINE_MS));
}

/* Below the smallest size a notice; back to full size, the view again. */
static void test_small_window(void **state)
{
	struct fixture *f = *state;
	start_screen(f, 24, 80, NULL);
	h_resize(f->h, 10, 40);
	assert_true(h_wait_text(f->h, "Make the window larger", H_DEADLINE_MS));
	h_resize(f->h, 24, 80);
	assert_true(h_wait_text(f->h, "0 have voted", H_DEADLINE_MS));
}

/* Colour by default, none with NO_COLOR. */
static void test_no_color(void **state)
{
	struct fixture *f = *state;
	const char *env[] = { "NO_COLOR=1", NULL };
	start_screen(f, 24, 80, NULL);
	assert_true(h_wait_text(f->h, "Phase", H_DEADLINE_MS));
	assert_true(h_has_color(f->h));
	h_free(f->h);
	f->h = NULL;
	start_screen(f, 24, 80, env);
	assert_true(h_wait_text(f->h, "Phase", H_DEADLINE_MS));
	assert_false(h_has_color(f->h));
}

/* A wrong id is refused before the screen opens. */
static void test_wrong_id(void **state)
{
	struct fixture *f = *state;
	const char *args[] = { "--db", f->db, "screen", "99", NULL };
	assert_int_equal(run_tapla(args), 2);
	const char *none[] = { "--db", f->db, "screen", NULL };
	assert_int_equal(run_tapla(none), 2);
}

/* The projector view quits on q and exits 0 (under valgrind: no leak). */
static void test_screen_clean_exit(void **state)
{
	struct fixture *f = *state;
	start_screen(f, 24, 80, NULL);
	assert_true(h_wait_text(f->h, "0 have voted", H_DEADLINE_MS));
	h_key(f->h, "q");
	int st = h_wait_exit(f->h, H_DEADLINE_MS);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_follows_votes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_never_writes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_results_when_closed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_small_window, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_color, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wrong_id, setup, teardown),
		cmocka_unit_test_setup_teardown(test_screen_clean_exit, setup, teardown),
	};
	const char *only = getenv("TAPLA_E2E_ONLY");
	if (only && *only)
		cmocka_set_test_filter(only);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
