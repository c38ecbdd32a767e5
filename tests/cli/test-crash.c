/* Crash safety (issue 5, promise 1): tapla is killed with SIGKILL at random
 * moments while ballots are being confirmed; after every kill the database
 * is reopened as a restart would and must hold every ballot that was
 * reported saved, whole, no half ballot, and pass PRAGMA integrity_check.
 *
 * Two writers are killed: the real binary (`tapla vote`, which prints
 * "Saved" and flushes it only after store_ballot_save returned, i.e. after
 * COMMIT), and crash-saver, which saves ballots in a loop through the store
 * and prints "saved K" after each one. The kill moment is drawn from a
 * seeded generator within the writer's own running time (measured first);
 * the seed is printed, TAPLA_SEED=N repeats a run. TAPLA_KILLS=N sets the
 * number of kills of `tapla vote` (default 200; the saver gets half as
 * many), e.g. TAPLA_KILLS=1000 for a longer run. Everything runs under
 * umask 000, and after every kill the database and the -wal and -shm the
 * killed writer left must be 0600 (lock-down, promise 4). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "crash-ballot.h"
#include "cli-check.h"
#include "cli-run.h"
#include "proc.h"
#include "src/store-int.h"

#define DEFAULT_KILLS 200

struct fixture {
	char dir[64];
	char db[128];
	uint64_t rng;
	/* What the writers said they saved: saved[k] for participant k. */
	unsigned char *saved;
	size_t nsaved;
	long next;           /* the next participant number to send */
	long kills;          /* writers that died by our SIGKILL */
	long finished;       /* writers that finished before the kill */
	long reported;       /* ballots reported saved */
	long checked;        /* ballots checked whole, summed over restarts */
	int64_t check_ns;    /* time spent checking after restarts */
	long unreported;     /* committed, but killed before it said so */
	long side_files;     /* -wal and -shm files found 0600 after a kill */
	mode_t umask;        /* the umask before the test set 000 */
};

/* xorshift64*: a small generator whose seed is printed. */
static uint64_t next_random(struct fixture *f)
{
	f->rng ^= f->rng >> 12;
	f->rng ^= f->rng << 25;
	f->rng ^= f->rng >> 27;
	return f->rng * 2685821657736338717ULL;
}

/* The seed: $TAPLA_SEED, else the clock and the pid. */
static uint64_t pick_seed(void)
{
	const char *s = getenv("TAPLA_SEED");
	if (s && *s)
		return strtoull(s, NULL, 10);
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return ((uint64_t)ts.tv_nsec << 20) ^ (uint64_t)ts.tv_sec ^
	       (uint64_t)getpid();
}

static long kills_wanted(void)
{
	const char *s = getenv("TAPLA_KILLS");
	long n = s && *s ? strtol(s, NULL, 10) : DEFAULT_KILLS;
	return n > 0 ? n : DEFAULT_KILLS;
}

static int64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Waits ns nanoseconds (a random delay, never a fixed one). */
static void pause_ns(int64_t ns)
{
	struct timespec ts = { (time_t)(ns / 1000000000), (long)(ns % 1000000000) };
	while (nanosleep(&ts, &ts) != 0)
		;
}

static void mark_saved(struct fixture *f, long k)
{
	assert_true(k >= 0 && (size_t)k < f->nsaved);
	if (!f->saved[k])
		f->reported++;
	f->saved[k] = 1;
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	assert_non_null(f);
	assert_true(cli_tmpdir_with(f->dir, "/tmp/tapla-crash-XXXXXX", f->db,
				    sizeof f->db, "t.db"));
	uint64_t seed = pick_seed();
	print_message("crash test seed %llu (repeat with TAPLA_SEED=%llu)\n",
		      (unsigned long long)seed, (unsigned long long)seed);
	f->rng = seed ? seed : 1;
	/* Lock-down: the files must be 0600 whatever the umask. */
	f->umask = umask(0);
	f->nsaved = 1000000;
	f->saved = calloc(f->nsaved, 1);
	assert_non_null(f->saved);
	const char *args[] = { "new", "Crash", NULL };
	struct proc_result r;
	assert_true(proc_tapla(f->db, args, NULL, &r));
	if (r.status != 0 || strcmp(r.out, "1\n") != 0)
		fail_msg("tapla new: %d %s", r.status, r.err);
	proc_result_free(&r);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	files_remove_tree(f->dir);
	umask(f->umask);
	free(f->saved);
	free(f);
	return 0;
}

/* A single-value query on the reopened store's connection. */
/* The participant number in a name "P<k>" or "S<k>". */
static long number_of(const char *name)
{
	assert_non_null(name);
	assert_true(name[0] == 'P' || name[0] == 'S');
	char *end;
	long k = strtol(name + 1, &end, 10);
	assert_true(*end == '\0' && k >= 0);
	return k;
}

/* One participant's stored cells (n of them) equal what was sent. */
static void check_whole(long k, const struct crash_cell *got, int n)
{
	struct crash_cell want[2];
	crash_ballot(k, want);
	if (n != 2)
		fail_msg("half ballot: participant %ld has %d of its 2 cells", k, n);
	for (int i = 0; i < 2; i++)
		if (got[i].sheet != want[i].sheet || got[i].level != want[i].level ||
		    got[i].dots != want[i].dots)
			fail_msg("participant %ld: cell %d is %d:%d=%d, sent %d:%d=%d",
				 k, i, got[i].sheet, got[i].level, got[i].dots,
				 want[i].sheet, want[i].level, want[i].dots);
}

/* Checks every participant's ballot in one pass; marks who is present. */
static void check_ballots(struct fixture *f, sqlite3 *db,
			  unsigned char *present)
{
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(db,
		"SELECT p.id, p.name, d.sheet_idx, d.level, d.dots"
		" FROM participant p LEFT JOIN dot d ON d.participant_id = p.id"
		" WHERE p.session_id = 1 ORDER BY p.id, d.sheet_idx, d.level",
		-1, &s, NULL), SQLITE_OK);
	int64_t cur = -1;
	long k = -1;
	struct crash_cell got[3];
	int n = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (sqlite3_column_int64(s, 0) != cur) {
			if (cur >= 0)
				check_whole(k, got, n);
			cur = sqlite3_column_int64(s, 0);
			k = number_of((const char *)sqlite3_column_text(s, 1));
			present[k] = 1;
			f->checked++;
			n = 0;
		}
		if (sqlite3_column_type(s, 2) == SQLITE_NULL)
			continue;  /* a participant without a single dot */
		if (n == 2)
			fail_msg("participant %ld has more cells than sent", k);
		got[n++] = (struct crash_cell){ sqlite3_column_int(s, 2),
						sqlite3_column_int(s, 3),
						sqlite3_column_int(s, 4) };
	}
	assert_int_equal(rc, SQLITE_DONE);
	if (cur >= 0)
		check_whole(k, got, n);
	sqlite3_finalize(s);
}

/* The database and the -wal and -shm a killed writer left are private
 * (0600), though the writers ran under umask 000. */
static void check_modes(struct fixture *f)
{
	const char *suffix[] = { "", "-wal", "-shm" };
	for (int i = 0; i < 3; i++) {
		char p[160];
		struct stat sb;
		snprintf(p, sizeof p, "%s%s", f->db, suffix[i]);
		if (stat(p, &sb) != 0) {
			assert_true(i > 0);
			continue;
		}
		if ((sb.st_mode & 0777) != 0600)
			fail_msg("%s has mode %o under umask 000", p,
				 (unsigned)(sb.st_mode & 0777));
		f->side_files += i > 0;
	}
}

/* Reopens the database as a restart does and checks every promise. */
static void check_after_restart(struct fixture *f)
{
	int64_t t0 = now_ns();
	check_modes(f);
	struct store *st;
	char err[512];
	if (store_open(f->db, &st, err, sizeof err) != STORE_OK)
		fail_msg("reopen after a kill: %s", err);
	assert_query(st->db, "PRAGMA integrity_check", "ok");
	assert_query(st->db, "SELECT count(*) FROM pragma_foreign_key_check", "0");
	unsigned char *present = calloc(f->nsaved, 1);
	assert_non_null(present);
	check_ballots(f, st->db, present);
	f->unreported = 0;
	for (long k = 0; k < f->next; k++)
		f->unreported += present[k] && !f->saved[k];
	for (long k = 0; k < f->next; k++)
		if (f->saved[k] && !present[k])
			fail_msg("participant %ld was reported saved but is missing", k);
	free(present);
	store_close(st);
	f->check_ns += now_ns() - t0;
}

/* The "SHEET:LEVEL=DOTS" arguments of participant k's ballot. */
static void vote_args(long k, char args[2][16])
{
	struct crash_cell c[2];
	crash_ballot(k, c);
	for (int i = 0; i < 2; i++)
		snprintf(args[i], sizeof args[i], "%d:%d=%d", c[i].sheet + 1,
			 c[i].level + 1, c[i].dots);
}

/* Starts `tapla vote` for participant k. */
static void start_vote(struct fixture *f, long k, struct proc *p)
{
	char name[32], args[2][16];
	snprintf(name, sizeof name, "P%ld", k);
	vote_args(k, args);
	const char *argv[] = { getenv("TAPLA_BINARY"), "--db", f->db, "vote",
			       "1", "--name", name, args[0], args[1], NULL };
	assert_true(proc_start(p, argv, NULL));
}

/* Starts crash-saver from participant k on. */
static void start_saver(struct fixture *f, long k, struct proc *p)
{
	char first[32];
	snprintf(first, sizeof first, "%ld", k);
	const char *argv[] = { getenv("TAPLA_CRASH_SAVER"), f->db, "1", first,
			       NULL };
	assert_true(proc_start(p, argv, NULL));
}

/* How long one uncut `tapla vote` takes here, in ns (the median of 3). */
static int64_t measure_vote(struct fixture *f)
{
	int64_t t[3];
	for (int i = 0; i < 3; i++) {
		struct proc p;
		struct proc_result r;
		int64_t t0 = now_ns();
		long k = f->next++;
		start_vote(f, k, &p);
		assert_true(proc_finish(&p, &r));
		t[i] = now_ns() - t0;
		if (r.status != 0)
			fail_msg("uncut vote: %s", r.err);
		assert_non_null(strstr(r.out, "Saved"));
		mark_saved(f, k);
		proc_result_free(&r);
	}
	int64_t lo = t[0] < t[1] ? t[0] : t[1], hi = t[0] < t[1] ? t[1] : t[0];
	return t[2] < lo ? lo : t[2] > hi ? hi : t[2];
}

/* Records what a killed (or finished) `tapla vote` run said. */
static void account_vote(struct fixture *f, long k, struct proc_result *r)
{
	if (r->signal == SIGKILL) {
		f->kills++;
	} else {
		if (r->status != 0)
			fail_msg("vote %ld ended with %d: %s", k, r->status, r->err);
		f->finished++;
	}
	if (strstr(r->out, "Saved:"))
		mark_saved(f, k);
	else if (r->signal != SIGKILL)
		fail_msg("vote %ld finished without saying Saved", k);
}

/* Records every "saved K" line of a killed crash-saver; returns the next
 * participant number to use. */
static long account_saver(struct fixture *f, long first, struct proc_result *r)
{
	if (r->signal == SIGKILL)
		f->kills++;
	else
		fail_msg("crash-saver ended by itself (%d): %s", r->status, r->err);
	long last = first;
	for (char *line = r->out; line && *line;) {
		long k;
		if (sscanf(line, "saved %ld", &k) == 1) {
			assert_true(k >= first);
			mark_saved(f, k);
			if (k + 1 > last)
				last = k + 1;
		}
		line = strchr(line, '\n');
		if (line)
			line++;
	}
	/* The ballot in flight may have committed unreported: skip it. */
	return last + 1;
}

/* Kills `tapla vote` `want` times at random moments in its running time. */
static void kill_votes(struct fixture *f, long want, int64_t window)
{
	long start_kills = f->kills;
	for (long attempt = 0; f->kills - start_kills < want; attempt++) {
		if (attempt > want * 3)
			fail_msg("only %ld kills in %ld attempts", f->kills - start_kills,
				 attempt);
		long k = f->next++;
		struct proc p;
		struct proc_result r;
		int64_t delay = (int64_t)(next_random(f) % (uint64_t)window);
		start_vote(f, k, &p);
		pause_ns(delay);
		kill(p.pid, SIGKILL);  /* a zombie until reaped: never another pid */
		assert_true(proc_finish(&p, &r));
		account_vote(f, k, &r);
		proc_result_free(&r);
		check_after_restart(f);
	}
}

/* Waits for crash-saver's "ready" line: its store is open. */
static void wait_ready(struct proc *p)
{
	char line[8];
	size_t n = 0;
	while (n < sizeof line - 1) {
		ssize_t got = read(p->out_fd, line + n, 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0 || line[n] == '\n')
			break;
		n++;
	}
	line[n] = '\0';
	if (strcmp(line, "ready") != 0)
		fail_msg("crash-saver did not start: \"%s\"", line);
}

/* Kills crash-saver `want` times, each after a random part of `window`
 * once its store is open, so every kill lands in the saving loop. */
static void kill_savers(struct fixture *f, long want, int64_t window)
{
	for (long i = 0; i < want; i++) {
		long first = f->next;
		struct proc p;
		struct proc_result r;
		int64_t delay = (int64_t)(next_random(f) % (uint64_t)window);
		start_saver(f, first, &p);
		wait_ready(&p);
		pause_ns(delay);
		kill(p.pid, SIGKILL);
		assert_true(proc_finish(&p, &r));
		f->next = account_saver(f, first, &r);
		proc_result_free(&r);
		check_after_restart(f);
	}
}

/* The promise: killed at any moment, nothing reported saved is lost and
 * nothing is half there. */
static void killed_writers_lose_nothing(void **state)
{
	struct fixture *f = *state;
	long want = kills_wanted();
	int64_t window = measure_vote(f);
	int64_t t0 = now_ns();
	print_message("crash test: one uncut vote takes %.1f ms\n",
		      (double)window / 1e6);
	kill_votes(f, want, window);
	long vote_kills = f->kills;
	kill_savers(f, want / 2, window);
	check_after_restart(f);
	print_message("crash test: %ld kills survived (%ld of tapla vote, %ld of "
		      "crash-saver), %ld votes finished before the kill, %ld ballots "
		      "reported saved, %ld ballot checks after restarts, %ld ballots committed but killed before "
		      "saying so, %ld -wal/-shm files left by kills all 0600, %.1f s (%.1f s checking)\n",
		      f->kills, vote_kills, f->kills - vote_kills, f->finished,
		      f->reported, f->checked, f->unreported, f->side_files, (double)(now_ns() - t0) / 1e9,
		      (double)f->check_ns / 1e9);
	assert_true(f->kills >= want + want / 2);
	assert_true(f->reported > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(killed_writers_lose_nothing, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
