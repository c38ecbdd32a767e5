/* fixture: the end-to-end tests' shared setup, teardown and database
 * reads (see fixture.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fixture.h"
#include "tapla/assets.h"

extern char **environ;

int64_t fx_wall_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Moves the new session to the template's voting phase. */
static void to_vote_phase(struct store *st, int64_t id, const struct template *t)
{
	for (size_t i = 0; i < t->nphases; i++)
		if (t->phases[i].kind == PHASE_VOTE) {
			store_session_set_phase(st, id, (int)i);
			return;
		}
}

int64_t fx_make_session(const char *db, const char *lang, bool anonymous,
			bool shuffle)
{
	return fx_make_session_of(db, "networks", lang, anonymous, shuffle);
}

int64_t fx_make_session_of(const char *db, const char *tpl, const char *lang,
			   bool anonymous, bool shuffle)
{
	struct store *st = NULL;
	struct template t;
	char err[512];
	int64_t id = 0;
	if (store_open(db, &st, err, sizeof err) != STORE_OK) {
		fprintf(stderr, "store_open: %s\n", err);
		return 0;
	}
	if (!assets_load_template(tpl, lang, &t, err, sizeof err)) {
		fprintf(stderr, "template: %s\n", err);
		store_close(st);
		return 0;
	}
	struct store_new_session opt = { .title = "PED 2016", .budget = 10,
		.mode = MODE_WEIGHTED, .anonymous = anonymous, .language = lang,
		.shuffle = shuffle };
	if (store_session_create(st, &t, &opt, &id) != STORE_OK) {
		fprintf(stderr, "create: %s\n", store_error(st));
		id = 0;
	}
	if (id)
		to_vote_phase(st, id, &t);
	tpl_free(&t);
	store_close(st);
	return id;
}

int fx_setup(void **state, const char *prefix, const char *lang)
{
	struct fixture *f = calloc(1, sizeof *f);
	if (!f)
		return -1;
	snprintf(f->dir, sizeof f->dir, "%s/%s-XXXXXX",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", prefix);
	if (!mkdtemp(f->dir)) {
		free(f);
		return -1;
	}
	snprintf(f->db, sizeof f->db, "%s/t.db", f->dir);
	f->sid = fx_make_session(f->db, lang, false, false);
	snprintf(f->id, sizeof f->id, "%lld", (long long)f->sid);
	*state = f;
	return f->sid > 0 ? 0 : -1;
}

/* Is this file name a sanitizer's log? */
static bool is_sanitizer_log(const char *name)
{
	return !strncmp(name, "asan", 4) || !strncmp(name, "ubsan", 5);
}

/* Removes the folder and what is in it, unless a sanitizer wrote a log
 * there: then says so, keeps the folder and returns false. */
static bool remove_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char p[600];
	bool clean = true;
	if (!d)
		return true;
	while ((e = readdir(d))) {
		if (is_sanitizer_log(e->d_name)) {
			fprintf(stderr, "sanitizer log: %s/%s\n", dir, e->d_name);
			clean = false;
		} else if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
			unlink(p);
		}
	}
	closedir(d);
	if (clean)
		rmdir(dir);
	return clean;
}

int fx_teardown(void **state)
{
	struct fixture *f = *state;
	if (!f)
		return 0;
	h_free(f->h);
	bool clean = remove_dir(f->dir);
	free(f);
	*state = NULL;
	assert_true(clean);
	return 0;
}

struct store *fx_open(const struct fixture *f)
{
	struct store *st = NULL;
	char err[512];
	enum store_status rc = store_open(f->db, &st, err, sizeof err);
	if (rc != STORE_OK)
		fprintf(stderr, "store_open: %s\n", err);
	assert_int_equal(rc, STORE_OK);
	return st;
}

void fx_load_report(const struct fixture *f, struct report *r)
{
	struct store *st = fx_open(f);
	assert_int_equal(store_report(st, f->sid, r), STORE_OK);
	store_close(st);
}

void fx_load_report_of(const struct fixture *f, struct report *r,
		       size_t participants)
{
	fx_load_report(f, r);
	assert_int_equal(r->nparticipants, participants);
}

void fx_assert_stored(const struct fixture *f, size_t participants, int dots)
{
	struct report r;
	fx_load_report(f, &r);
	size_t n = r.nparticipants;
	int total = r.tally.total_dots;
	report_free(&r);
	assert_int_equal(n, participants);
	assert_int_equal(total, dots);
}

int fx_dots_of(const struct report *r, int seq, int sheet, enum level l)
{
	for (size_t i = 0; i < r->nballots; i++)
		if (r->ballots[i].participant == seq && r->ballots[i].sheet == sheet &&
		    r->ballots[i].level == l)
			return r->ballots[i].dots;
	return 0;
}

void fx_expect(const struct fixture *f, const char *text)
{
	if (!h_wait_text(f->h, text, H_DEADLINE_MS)) {
		h_dump(f->h, text);
		fail_msg("not on screen: %s", text);
	}
}

void fx_press(const struct fixture *f, const char *key, const char *text)
{
	h_key(f->h, key);
	fx_expect(f, text);
}

void fx_press_gone(const struct fixture *f, const char *key, const char *text)
{
	h_key(f->h, key);
	if (!h_wait_gone(f->h, text, H_DEADLINE_MS)) {
		h_dump(f->h, text);
		fail_msg("still on screen: %s", text);
	}
}

void fx_keys(const struct fixture *f, ...)
{
	va_list ap;
	va_start(ap, f);
	for (const char *k; (k = va_arg(ap, const char *));)
		h_key(f->h, k);
	va_end(ap);
}

void fx_expect_all(const struct fixture *f, ...)
{
	va_list ap;
	va_start(ap, f);
	for (const char *t; (t = va_arg(ap, const char *));)
		fx_expect(f, t);
	va_end(ap);
}

void fx_press_left(const struct fixture *f, const char *key, int left)
{
	h_key(f->h, key);
	if (!fx_wait_left(f, left)) {
		h_dump(f->h, "dots left");
		fail_msg("not %d of 10 dots left after %s", left, key);
	}
}

void fx_start_run(struct fixture *f, const char *lang, int rows, int cols,
		  const char *const *env)
{
	const char *argv[] = { "tapla", "--db", f->db, "--lang", lang, "run",
			       f->id, NULL };
	h_free(f->h);
	f->h = h_start_env(argv, rows, cols, f->dir, env);
	assert_non_null(f->h);
}

void fx_start_facilitator(struct fixture *f, int rows, int cols)
{
	fx_start_run(f, "en", rows, cols, NULL);
	fx_press(f, "f", "[facilitator]");
}

bool fx_wait_left(const struct fixture *f, int left)
{
	char text[64];
	snprintf(text, sizeof text, " %d of 10 dots left", left);
	return h_wait_text(f->h, text, H_DEADLINE_MS);
}

void fx_to_name(const struct fixture *f)
{
	fx_expect(f, "Next participant");
	fx_press(f, "enter", "Please write your name");
}

void fx_begin_turn(const struct fixture *f, const char *name)
{
	fx_to_name(f);
	h_send(f->h, name);
	fx_press_left(f, "enter", 10);
}

void fx_confirm(const struct fixture *f)
{
	fx_press(f, "enter", "Check your ballot");
	fx_press(f, "enter", "Thank you! Your ballot is saved.");
}

void fx_vote(const struct fixture *f, const char *key, int left)
{
	fx_press_left(f, key, left);
	fx_confirm(f);
}

void fx_next_name(const struct fixture *f, const char *name)
{
	fx_press(f, "enter", "Please write your name");
	h_send(f->h, name);
	h_key(f->h, "enter");
}

void fx_to_note(const struct fixture *f)
{
	fx_press(f, "tab", "SWOT notes for sheet 1");
}

void fx_reveal_results(const struct fixture *f)
{
	fx_press(f, "f", "[facilitator]");
	fx_press(f, "r", "Results are hidden");
	fx_press(f, "v", "Close it before");
	fx_press(f, "y", "◀ disagree");
}

void fx_start_list(struct fixture *f, const char *db)
{
	const char *argv[] = { "tapla", "--db", db, "--lang", "en", NULL };
	h_free(f->h);
	f->h = h_start(argv, 24, 80, f->dir);
	assert_non_null(f->h);
}

void fx_new_session_form(const struct fixture *f, const char *title)
{
	fx_expect(f, "PED 2016");
	h_key(f->h, "down");
	fx_press(f, "enter", "New workshop session");
	h_send(f->h, title);
}

struct harness *fx_start_view(const struct fixture *f, const char *id,
			      const char *lang, const char *const *env)
{
	const char *argv[] = { "tapla", "--db", f->db, "--lang", lang, "screen",
			       id, NULL };
	struct harness *h = h_start_env(argv, 24, 80, f->dir, env);
	assert_non_null(h);
	return h;
}

void fx_expect_crash_restores(const struct fixture *f, const char *gone)
{
#if defined(__SANITIZE_ADDRESS__)
	(void)f;
	(void)gone;
	skip();
#else
	h_signal(f->h, SIGSEGV);
	int st = h_wait_exit(f->h, H_DEADLINE_MS);
	assert_true(WIFSIGNALED(st));
	assert_int_equal(WTERMSIG(st), SIGSEGV);
	/* Back on the normal screen: the full-screen one is gone. */
	assert_null(strstr(h_screen(f->h), gone));
#endif
}

int fx_run_tapla(const char *const *args)
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

void fx_capture_to(const struct fixture *f, const char *name)
{
	const char *dir = getenv("TAPLA_E2E_CAPTURE_DIR");
	char path[600];
	if (!dir || !*dir)
		return;
	h_settle(f->h, 200, H_DEADLINE_MS);  /* the whole frame */
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(h_screen(f->h), fp);
	fputc('\n', fp);
	assert_int_equal(fclose(fp), 0);
}

void fx_vote_typed_name(const struct fixture *f, const char *want)
{
	fx_press_left(f, "enter", 10);
	fx_vote(f, "1", 9);
	fx_expect_query(f, "SELECT name FROM participant", want);
}

char *fx_query_text(const struct fixture *f, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *s = NULL;
	char *v = NULL;
	assert_int_equal(sqlite3_open_v2(f->db, &db, SQLITE_OPEN_READONLY, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
		v = strdup((const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	sqlite3_close(db);
	return v;
}

void fx_expect_query(const struct fixture *f, const char *sql, const char *want)
{
	char *got = fx_query_text(f, sql);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

void fx_expect_exit(const struct fixture *f, int status)
{
	int st = h_wait_exit(f->h, H_DEADLINE_MS);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), status);
}

void fx_press_exit(const struct fixture *f, const char *key, int status)
{
	h_key(f->h, key);
	fx_expect_exit(f, status);
}

void fx_filter_tests(void)
{
	const char *only = getenv("TAPLA_E2E_ONLY");
	if (only && *only)
		cmocka_set_test_filter(only);
}

void fx_capture(const struct fixture *f, const char *what)
{
	if (getenv("TAPLA_E2E_CAPTURE"))
		h_dump(f->h, what);
}

long fx_peak_kib(pid_t pid)
{
	char path[64], line[256];
	long kib = -1;
	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	FILE *fp = fopen(path, "r");
	if (!fp)
		return -1;
	while (fgets(line, sizeof line, fp))
		if (strncmp(line, "VmHWM:", 6) == 0)
			kib = strtol(line + 6, NULL, 10);
	fclose(fp);
	return kib;
}

bool fx_plain_build(void)
{
	const char *w = getenv("TAPLA_E2E_WRAPPER");
#if defined(__SANITIZE_ADDRESS__)
	(void)w;
	return false;
#else
	return !(w && *w);
#endif
}
