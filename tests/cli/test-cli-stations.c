/* Several voting stations on one database: many tapla processes voting at
 * once lose no ballot, double none, let no signer vote twice; a lock held
 * too long gives a clear message and exit 1. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli-fixture.h"

#define WRITERS 8   /* processes voting with distinct names */
#define VOTES 25    /* tapla vote calls each */
#define SAME 6      /* processes trying one and the same name */
#define PROCS (WRITERS + SAME)

/* How one vote ended: S saved, D refused as voted already, B busy with
 * its message (allowed only when a lock is held too long), X anything
 * else. */
static char outcome(const struct cli_run *r)
{
	if (r->status == 0 && strstr(r->out, "Saved: participant"))
		return 'S';
	if (r->status == 2 && strstr(r->err, "voted already"))
		return 'D';
	if (r->status == 1 && strstr(r->err, "busy"))
		return 'B';
	return 'X';
}

/* The same signer written differently by each station. */
static const char *same_name(int k)
{
	static const char *const v[] = { "Sama Nimi", "sama nimi", "SAMA NIMI",
					 "  Sama   Nimi ", "sAMA nIMI", "Sama Nimi" };
	return v[k % 6];
}

/* One station: waits at the gate, then votes; writes "C name" per vote to
 * its result file. Runs in a forked child: no cmocka here. */
static void station(const struct fixture *f, int w, int gate)
{
	char c;
	while (read(gate, &c, 1) < 0 && errno == EINTR)
		;  /* EOF: the parent opened the gate */
	char path[192];
	snprintf(path, sizeof path, "%s/res-%d.txt", f->dir, w);
	FILE *out = fopen(path, "w");
	if (!out)
		_exit(3);
	int n = w < WRITERS ? VOTES : 1;
	for (int i = 0; i < n; i++) {
		char name[64], dot[16];
		if (w < WRITERS)
			snprintf(name, sizeof name, "Asema %d henkilö %d", w, i);
		else
			snprintf(name, sizeof name, "%s", same_name(w - WRITERS));
		snprintf(dot, sizeof dot, "%d:agree=1", i % 4 + 1);
		const char *args[] = { "vote", "1", "--name", name, dot, NULL };
		struct cli_run r;
		char k = cli_run(f->db, args, &r) ? outcome(&r) : 'X';
		fprintf(out, "%c %s\n", k, name);
		if (k == 'X')
			fprintf(out, "# %d %s", r.status, r.err ? r.err : "");
		cli_run_free(&r);
	}
	_exit(fclose(out) == 0 ? 0 : 3);
}

/* Starts every station at once and waits for all of them. */
static void run_stations(const struct fixture *f)
{
	int gate[2];
	assert_int_equal(pipe(gate), 0);
	pid_t pids[PROCS];
	for (int w = 0; w < PROCS; w++) {
		pids[w] = fork();
		assert_true(pids[w] >= 0);
		if (pids[w] == 0) {
			close(gate[1]);
			station(f, w, gate[0]);
		}
	}
	close(gate[0]);
	close(gate[1]);  /* opens the gate for all */
	for (int w = 0; w < PROCS; w++) {
		int st;
		assert_int_equal(waitpid(pids[w], &st, 0), pids[w]);
		assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	}
}

/* How many participants of session 1 have this name (exact bytes). */
static int stored(sqlite3 *db, const char *name)
{
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(db,
		"SELECT count(*) FROM participant WHERE session_id = 1 AND name = ?1",
		-1, &s, NULL), SQLITE_OK);
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	int n = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return n;
}


/* Checks every station's outcomes against the database: with writes
 * queued by BEGIN IMMEDIATE and the busy timeout, every vote goes through
 * (no upgrade deadlock, no busy refusal). *saved counts the ballots. */
static void check_results(const struct fixture *f, sqlite3 *db, int *saved)
{
	int same_saved = 0, same_refused = 0;
	*saved = 0;
	for (int w = 0; w < PROCS; w++) {
		char path[192], line[256];
		snprintf(path, sizeof path, "%s/res-%d.txt", f->dir, w);
		FILE *in = fopen(path, "r");
		assert_non_null(in);
		while (fgets(line, sizeof line, in)) {
			line[strcspn(line, "\n")] = '\0';
			const char *name = line + 2;
			if (line[0] == 'X' || line[0] == '#')
				fail_msg("station %d: unexpected outcome: %s", w, line);
			if (w >= WRITERS) {
				same_saved += line[0] == 'S';
				same_refused += line[0] == 'D';
				continue;
			}
			/* Distinct names: each saved, and there exactly once. */
			if (line[0] != 'S')
				fail_msg("station %d: %s was not saved", w, name);
			assert_int_equal(stored(db, name), 1);
			(*saved)++;
		}
		fclose(in);
	}
	/* One signer, many stations: exactly one ballot, the rest refused. */
	assert_int_equal(same_saved, 1);
	assert_int_equal(same_refused, SAME - 1);
	*saved += same_saved;
}

static void many_stations_lose_nothing(void **state)
{
	struct fixture *f = *state;
	const char *args[] = { "new", "Asemat", NULL };
	struct cli_run r;
	assert_true(cli_run(f->db, args, &r));
	assert_int_equal(r.status, 0);
	cli_run_free(&r);
	run_stations(f);
	sqlite3 *db;
	assert_int_equal(sqlite3_open_v2(f->db, &db, SQLITE_OPEN_READONLY, NULL),
			 SQLITE_OK);
	int saved;
	check_results(f, db, &saved);
	char want[32];
	snprintf(want, sizeof want, "%d", saved);
	assert_query(db, "SELECT count(*) FROM participant", want);
	assert_query(db, "SELECT count(DISTINCT name_key) FROM participant", want);
	assert_query(db, "SELECT count(DISTINCT seq) FROM participant", want);
	assert_query(db, "SELECT max(seq) FROM participant", want);
	assert_query(db, "SELECT sum(dots) FROM dot", want);
	assert_query(db, "PRAGMA integrity_check", "ok");
	assert_query(db, "SELECT count(*) FROM pragma_foreign_key_check", "0");
	sqlite3_close(db);
	assert_int_equal(saved, WRITERS * VOTES + 1);
}

/* A write lock held by another process beyond the busy timeout: one clear
 * line, exit 1, nothing stored; afterwards the vote goes through. */
static void held_lock_gives_a_message(void **state)
{
	struct fixture *f = *state;
	const char *mk[] = { "new", "Lukko", NULL };
	const char *vote[] = { "vote", "1", "--name", "Odottaja", "1:agree=1", NULL };
	struct cli_run r;
	assert_true(cli_run(f->db, mk, &r));
	assert_int_equal(r.status, 0);
	cli_run_free(&r);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
	assert_true(cli_run(f->db, vote, &r));
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "busy"));
	assert_int_equal(strncmp(r.err, "tapla: ", 7), 0);
	assert_ptr_equal(strchr(r.err, '\n'), r.err + strlen(r.err) - 1);
	cli_run_free(&r);
	assert_int_equal(sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(stored(db, "Odottaja"), 0);
	assert_true(cli_run(f->db, vote, &r));
	assert_int_equal(r.status, 0);
	cli_run_free(&r);
	assert_int_equal(stored(db, "Odottaja"), 1);
	sqlite3_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		CLI_TEST(many_stations_lose_nothing),
		CLI_TEST(held_lock_gives_a_message),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
