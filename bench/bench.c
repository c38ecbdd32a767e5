/* bench: the helpers every benchmark shares (see bench.h). */
#include "bench.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <spawn.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tapla/store.h"
#include "tapla/text.h"

extern char **environ;

double bench_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* qsort's order for doubles. */
static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

double bench_percentile(double *v, size_t n, double p)
{
	if (n == 0)
		return 0;
	qsort(v, n, sizeof *v, cmp_double);
	size_t rank = (size_t)((p / 100.0) * (double)n + 0.999999);
	if (rank < 1)
		rank = 1;
	if (rank > n)
		rank = n;
	return v[rank - 1];
}

double bench_median(double *v, size_t n)
{
	if (n == 0)
		return 0;
	qsort(v, n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

bool bench_report(const char *name, double value, const char *unit,
		  double budget, double baseline, const char *note)
{
	bool met = value <= budget;
	printf("bench: %s %.4g %s (budget %.4g %s)", name, value, unit, budget,
	       unit);
	if (baseline > 0)
		printf(" baseline %.3g %s ratio %.2fx", baseline, unit,
		       value / baseline);
	printf(" %s%s%s\n", met ? "ok" : "MISSED", note ? " - " : "",
	       note ? note : "");
	fflush(stdout);
	return met;
}

bool bench_report_growth(const char *name, double growth, double base_growth,
			 const char *note)
{
	bool met = growth <= BENCH_GROWTH ||
		   (base_growth > 0 && growth <= BENCH_GROWTH_RATIO * base_growth);
	printf("bench: %s %.4g x (budget %.4g x, or %.2fx the baseline's growth)",
	       name, growth, BENCH_GROWTH, BENCH_GROWTH_RATIO);
	if (base_growth > 0)
		printf(" baseline %.4g x ratio %.2fx", base_growth,
		       growth / base_growth);
	printf(" %s%s%s\n", met ? "ok" : "MISSED", note ? " - " : "",
	       note ? note : "");
	fflush(stdout);
	return met;
}

bool bench_report_pair(const char *name, const struct bench_sample *subject,
		       const struct bench_sample *baseline, bool cpu,
		       double max_ratio, const char *note)
{
	double v = (cpu ? subject->cpu : subject->wall) * 1e3;
	double base = (cpu ? baseline->cpu : baseline->wall) * 1e3;
	double ov = (cpu ? subject->wall : subject->cpu) * 1e3;
	double obase = (cpu ? baseline->wall : baseline->cpu) * 1e3;
	double ratio = base > 0 ? v / base : 0;
	bool met = ratio <= max_ratio;
	printf("bench: %s %.3g ms (budget %.3g ms = %.2fx baseline) baseline %.3g ms ratio %.2fx %s - %s time; %s %.3g vs %.3g ms (%.2fx)%s%s\n",
	       name, v, base * max_ratio, max_ratio, base, ratio,
	       met ? "ok" : "MISSED", cpu ? "cpu" : "wall", cpu ? "wall" : "cpu",
	       ov, obase, obase > 0 ? ov / obase : 0, note ? "; " : "",
	       note ? note : "");
	fflush(stdout);
	return met;
}

void bench_start(struct bench_sample *t)
{
	struct timespec c;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c);
	t->cpu = (double)c.tv_sec + (double)c.tv_nsec / 1e9;
	t->wall = bench_now();
}

void bench_stop(struct bench_sample *t)
{
	struct bench_sample end;
	bench_start(&end);
	t->wall = end.wall - t->wall;
	t->cpu = end.cpu - t->cpu;
}

/* Seconds of a struct timeval. */
static double seconds(struct timeval tv)
{
	return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

bool bench_spawn(char *const argv[], struct bench_sample *t)
{
	posix_spawn_file_actions_t fa;
	if (posix_spawn_file_actions_init(&fa) != 0)
		return false;
	bool ok = posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0) == 0 &&
		  posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0) == 0 &&
		  posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0) == 0;
	pid_t pid = 0;
	double t0 = bench_now();
	int rc = ok ? posix_spawn(&pid, argv[0], &fa, NULL, argv, environ) : -1;
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0) {
		fprintf(stderr, "bench: cannot run %s: %s\n", argv[0],
			strerror(rc > 0 ? rc : errno));
		return false;
	}
	int status = 0;
	struct rusage ru;
	while (wait4(pid, &status, 0, &ru) < 0)
		if (errno != EINTR) {
			perror("bench: wait4");
			return false;
		}
	t->wall = bench_now() - t0;
	t->cpu = seconds(ru.ru_utime) + seconds(ru.ru_stime);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "bench: %s %s failed (status %d)\n", argv[0],
			argv[1] ? argv[1] : "", status);
		return false;
	}
	return true;
}

static char tmpdir[256];

const char *bench_tmpdir(void)
{
	if (tmpdir[0])
		return tmpdir;
	/* Beside the build, on the disk a user's database would be on, not a
	 * tmpfs where fsync is free. */
	const char *base = getenv("BENCH_DIR");
	snprintf(tmpdir, sizeof tmpdir, "%s/tapla-bench-XXXXXX",
		 base && *base ? base : ".");
	if (!mkdtemp(tmpdir)) {
		perror("bench: mkdtemp");
		exit(1);
	}
	return tmpdir;
}

/* nftw's callback: removes one entry. */
static int remove_entry(const char *path, const struct stat *sb, int flag,
			struct FTW *ftw)
{
	(void)sb; (void)flag; (void)ftw;
	return remove(path);
}

void bench_cleanup(void)
{
	if (tmpdir[0])
		nftw(tmpdir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
	tmpdir[0] = '\0';
}

const char *bench_sqlite3(void)
{
	const char *p = getenv("BENCH_SQLITE3");
	return p && *p && access(p, X_OK) == 0 ? p : NULL;
}

const char *bench_tapla(void)
{
	const char *p = getenv("TAPLA_BINARY");
	if (!p || !*p || access(p, X_OK) != 0) {
		fprintf(stderr, "bench: set TAPLA_BINARY to the tapla binary\n");
		exit(1);
	}
	return p;
}

static struct tpl_phase gen_phases[] = {
	{ PHASE_TALK, (char *)"Pair talk", (char *)"Talk in pairs.", 10 },
	{ PHASE_VOTE, (char *)"Dot voting", (char *)"Spread your 10 dots.", 10 },
	{ PHASE_RESULTS, (char *)"Results", NULL, 0 },
};

static struct tpl_sheet gen_sheets[] = {
	{ (char *)"vertaispalveluverkosto", (char *)"Peer services.", NULL, NULL },
	{ (char *)"oppimisverkosto", (char *)"Learning together.", NULL, NULL },
	{ (char *)"vaikuttamisen verkosto", (char *)"Influence.", NULL, NULL },
	{ (char *)"uuden luomisen verkosto", (char *)"New things.", NULL, NULL },
	{ (char *)"tiedon verkosto", (char *)"Knowledge.", NULL, NULL },
	{ (char *)"tuen verkosto", (char *)"Support.", NULL, NULL },
};

#define GEN_SHEETS 6

static struct template gen_template = {
	(char *)"networks", (char *)"fi", (char *)"Bench workshop", NULL, 10,
	gen_phases, 3, gen_sheets, GEN_SHEETS,
};

/* Session 1 through the store, so the schema and rows are tapla's own. */
static bool create_first(const char *path)
{
	struct store *st = NULL;
	char err[512];
	if (store_open(path, &st, err, sizeof err) != STORE_OK) {
		fprintf(stderr, "bench: %s\n", err);
		return false;
	}
	struct store_new_session opt = { .title = "Bench workshop 1", .budget = 10,
					 .mode = MODE_WEIGHTED, .language = "fi" };
	int64_t id = 0;
	bool ok = store_session_create(st, &gen_template, &opt, &id) == STORE_OK &&
		  id == 1;
	if (!ok)
		fprintf(stderr, "bench: %s\n", store_error(st));
	store_close(st);
	return ok;
}

/* Runs one statement without parameters. */
static bool exec_sql(sqlite3 *db, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		fprintf(stderr, "bench: %s: %s\n", sql, msg ? msg : "?");
		sqlite3_free(msg);
		return false;
	}
	return true;
}

/* Steps a bound statement once, then resets it. */
static bool step_once(sqlite3 *db, sqlite3_stmt *s)
{
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		fprintf(stderr, "bench: %s\n", sqlite3_errmsg(db));
		return false;
	}
	return true;
}

/* The prepared statements of the generator. */
struct gen {
	sqlite3 *db;
	sqlite3_stmt *session, *sheets, *phases, *participant, *dot;
};

static const char *const gen_sql[5] = {
	"INSERT INTO session (id, uuid, title, template, language, budget,"
	" mode, anonymous, created)"
	" SELECT ?1, printf('%08x-0000-4000-8000-%012x', ?1, ?1),"
	" 'Bench workshop ' || ?1, template, language, budget, mode, anonymous,"
	" created FROM session WHERE id = 1",
	"INSERT INTO sheet SELECT ?1, idx, short_name, statement, help"
	" FROM sheet WHERE session_id = 1",
	"INSERT INTO phase SELECT ?1, idx, kind, title, instructions, minutes"
	" FROM phase WHERE session_id = 1",
	"INSERT INTO participant (session_id, seq, name, name_key, signed_at)"
	" VALUES (?1, ?2, ?3, ?4, '2026-11-24T10:00:00Z')",
	"INSERT INTO dot (participant_id, session_id, sheet_idx, level, dots)"
	" VALUES (?1, ?2, ?3, ?4, ?5)",
};

/* A small fast generator, so every run holds the same ballots. */
static uint32_t next_random(uint32_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 17;
	*x ^= *x << 5;
	return *x;
}

/* One participant's 10 dots in 8 distinct cells (2, 2, then 1 each). */
static bool gen_ballot(struct gen *g, int64_t session, int seq)
{
	char name[64];
	snprintf(name, sizeof name, "Osallistuja %d", seq);
	char *key = text_name_key(name);
	if (!key)
		return false;
	sqlite3_stmt *p = g->participant;
	sqlite3_bind_int64(p, 1, session);
	sqlite3_bind_int(p, 2, seq);
	sqlite3_bind_text(p, 3, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(p, 4, key, -1, SQLITE_TRANSIENT);
	free(key);
	if (!step_once(g->db, p))
		return false;
	int64_t pid = sqlite3_last_insert_rowid(g->db);
	uint32_t x = (uint32_t)(session * 100003 + seq) | 1u;
	bool used[GEN_SHEETS * 6] = { false };
	for (int i = 0; i < 8; i++) {
		int cell;
		do
			cell = (int)(next_random(&x) % (GEN_SHEETS * 6));
		while (used[cell]);
		used[cell] = true;
		sqlite3_bind_int64(g->dot, 1, pid);
		sqlite3_bind_int64(g->dot, 2, session);
		sqlite3_bind_int(g->dot, 3, cell / 6);
		sqlite3_bind_int(g->dot, 4, cell % 6);
		sqlite3_bind_int(g->dot, 5, i < 2 ? 2 : 1);
		if (!step_once(g->db, g->dot))
			return false;
	}
	return true;
}

/* Copies session 1's row, sheets and phases as session `id`. */
static bool gen_session(struct gen *g, int64_t id)
{
	sqlite3_stmt *copy[3] = { g->session, g->sheets, g->phases };
	for (int i = 0; i < 3; i++) {
		sqlite3_bind_int64(copy[i], 1, id);
		if (!step_once(g->db, copy[i]))
			return false;
	}
	return true;
}

/* Everything after session 1, in the open transaction. */
static bool gen_rows(struct gen *g, int nsessions, int participants)
{
	for (int s = 1; s <= nsessions; s++) {
		if (s > 1 && !gen_session(g, s))
			return false;
		for (int p = 1; p <= participants; p++)
			if (!gen_ballot(g, s, p))
				return false;
	}
	return true;
}

bool bench_generate(const char *path, int nsessions, int participants)
{
	if (!create_first(path))
		return false;
	struct gen g = { 0 };
	if (sqlite3_open_v2(path, &g.db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		fprintf(stderr, "bench: cannot open %s\n", path);
		sqlite3_close(g.db);
		return false;
	}
	sqlite3_stmt **st[5] = { &g.session, &g.sheets, &g.phases,
				 &g.participant, &g.dot };
	bool ok = exec_sql(g.db, "PRAGMA synchronous = OFF");
	for (int i = 0; ok && i < 5; i++)
		ok = sqlite3_prepare_v2(g.db, gen_sql[i], -1, st[i], NULL) ==
		     SQLITE_OK;
	ok = ok && exec_sql(g.db, "BEGIN") &&
	     gen_rows(&g, nsessions, participants) && exec_sql(g.db, "COMMIT") &&
	     exec_sql(g.db, "PRAGMA wal_checkpoint(TRUNCATE)");
	if (!ok)
		fprintf(stderr, "bench: generating %s failed: %s\n", path,
			sqlite3_errmsg(g.db));
	for (int i = 0; i < 5; i++)
		sqlite3_finalize(*st[i]);
	sqlite3_close(g.db);
	return ok;
}

bool bench_spawn_fn(void *argv, struct bench_sample *t)
{
	return bench_spawn((char *const *)argv, t);
}

/* The medians of n samples' two clocks. */
static struct bench_sample median_of(const struct bench_sample *v, size_t n)
{
	double wall[n], cpu[n];
	for (size_t i = 0; i < n; i++) {
		wall[i] = v[i].wall;
		cpu[i] = v[i].cpu;
	}
	return (struct bench_sample){ bench_median(wall, n),
				      bench_median(cpu, n) };
}

bool bench_compare(int rounds, bench_fn subject, void *sarg,
		   bench_fn baseline, void *barg,
		   struct bench_sample *subject_median,
		   struct bench_sample *baseline_median)
{
	size_t n = rounds > 0 ? (size_t)rounds : 1;
	struct bench_sample s[n], b[n], t;
	/* The warm-up fills the page cache for both. */
	if (!subject(sarg, &t) || !baseline(barg, &t))
		return false;
	for (size_t i = 0; i < n; i++) {
		bool ok = i % 2 ? baseline(barg, &b[i]) && subject(sarg, &s[i])
				: subject(sarg, &s[i]) && baseline(barg, &b[i]);
		if (!ok)
			return false;
	}
	*subject_median = median_of(s, n);
	*baseline_median = median_of(b, n);
	return true;
}
