/* bench-import: `tapla import` of a CSV file of 10,000, 100,000 and
 * 1,000,000 rows against the sqlite3 shell's `.import` of the same file in
 * the same run, and how both grow per tenfold step (issue 12.7: import was
 * quadratic).
 *
 * The files are generated here (never committed): an anonymous session's
 * ballots in the layout of `tapla export --format csv`, four rows (one per
 * sheet, 2 dots each) per participant, numbers only, so that 1,000,000 rows
 * stay under import's 16 MB cap (about 14 MB).
 *
 * Two baselines, both the shell on a copy of the same fresh database:
 *  - "into tapla's tables" (the budget, 1.5x): `.import` into a scratch
 *    table, then the same participants and dot rows inserted into tapla's
 *    own tables with their keys, checks and indexes, WAL and
 *    synchronous=FULL, as tapla leaves them;
 *  - "bare" (for reference): `.import` into one table without an index.
 * tapla does more than either: every row is checked (numbers, levels, each
 * ballot against the budget) before anything is stored. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"

#define IMPORT_BUDGET 1.5
#define ROWS_PER_PARTICIPANT 4

/* One size: its file and the databases each run starts from. */
struct size {
	long rows;
	int rounds;
	char csv[512];
	char seed[512];   /* a fresh database with the anonymous session 1 */
	char run[512];    /* the copy each run imports into */
	char script[512]; /* the shell's commands, read with .read */
	char bare_script[512];
};

/* Writes the CSV file: participant,name,sheet,level,dots. */
static bool write_csv(const struct size *z)
{
	FILE *fp = fopen(z->csv, "w");
	if (!fp) {
		perror("bench: csv");
		return false;
	}
	fputs("participant,name,sheet,level,dots\n", fp);
	long people = z->rows / ROWS_PER_PARTICIPANT;
	for (long p = 1; p <= people; p++)
		for (int sh = 1; sh <= ROWS_PER_PARTICIPANT; sh++)
			fprintf(fp, "%ld,,%d,%ld,2\n", p, sh, (p + sh) % 6 + 1);
	return fclose(fp) == 0;
}

/* Copies file `from` to `to` (the run starts from the seed's bytes), and
 * removes a -wal or -shm a previous run left. */
static bool copy_file(const char *from, const char *to)
{
	char side[600];
	snprintf(side, sizeof side, "%s-wal", to);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", to);
	unlink(side);
	int in = open(from, O_RDONLY | O_CLOEXEC);
	int out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	bool ok = in >= 0 && out >= 0;
	char buf[65536];
	ssize_t n;
	while (ok && (n = read(in, buf, sizeof buf)) > 0)
		ok = write(out, buf, (size_t)n) == n;
	if (in >= 0)
		close(in);
	if (out >= 0 && close(out) != 0)
		ok = false;
	if (!ok)
		fprintf(stderr, "bench: cannot copy %s to %s\n", from, to);
	return ok;
}

/* Writes one of the shell's scripts. */
static bool write_script(const char *path, const char *text, const char *csv)
{
	FILE *fp = fopen(path, "w");
	if (!fp)
		return false;
	fprintf(fp, text, csv);
	return fclose(fp) == 0;
}

/* The shell's work into tapla's tables: the same end state as tapla's
 * import (participants numbered, every dot row, source "import"). */
static const char into_tables[] =
	"PRAGMA foreign_keys = ON;\n"
	"PRAGMA journal_mode = WAL;\n"
	"PRAGMA synchronous = FULL;\n"
	"CREATE TEMP TABLE t (participant, name, sheet, level, dots);\n"
	".import --csv --skip 1 %s t\n"
	"BEGIN IMMEDIATE;\n"
	"INSERT INTO participant (session_id, seq, signed_at, source)"
	" SELECT 1, participant, strftime('%%Y-%%m-%%dT%%H:%%M:%%SZ'), 'import'"
	" FROM t GROUP BY participant ORDER BY participant;\n"
	"INSERT INTO dot (participant_id, session_id, sheet_idx, level, dots)"
	" SELECT p.id, 1, t.sheet - 1, t.level - 1, t.dots FROM t"
	" JOIN participant p ON p.session_id = 1 AND p.seq = t.participant;\n"
	"COMMIT;\n";

/* The shell's bare import: one table, no index. */
static const char bare[] =
	"PRAGMA journal_mode = WAL;\n"
	"PRAGMA synchronous = FULL;\n"
	"CREATE TABLE t (participant, name, sheet, level, dots);\n"
	".import --csv --skip 1 %s t\n";

/* What a run needs: the size, and the command to time. */
struct job {
	struct size *z;
	char *const *argv;
	bool fresh_seed;  /* start from the seed (else from an empty file) */
};

/* One timed run: the database made fresh (untimed), then the command. */
static bool run_job(void *arg, struct bench_sample *t)
{
	struct job *j = arg;
	if (j->fresh_seed) {
		if (!copy_file(j->z->seed, j->z->run))
			return false;
	} else {
		unlink(j->z->run);
		char side[600];
		snprintf(side, sizeof side, "%s-wal", j->z->run);
		unlink(side);
	}
	return bench_spawn(j->argv, t);
}

/* Makes the size's files: the CSV, the seed database, the scripts. */
static bool prepare(struct size *z, const char *dir)
{
	snprintf(z->csv, sizeof z->csv, "%s/import-%ld.csv", dir, z->rows);
	snprintf(z->seed, sizeof z->seed, "%s/import-%ld-seed.db", dir, z->rows);
	snprintf(z->run, sizeof z->run, "%s/import-%ld-run.db", dir, z->rows);
	snprintf(z->script, sizeof z->script, "%s/import-%ld.sql", dir, z->rows);
	snprintf(z->bare_script, sizeof z->bare_script, "%s/import-%ld-bare.sql",
		 dir, z->rows);
	char *const seed_argv[] = { (char *)bench_tapla(), (char *)"--db", z->seed,
				    (char *)"new", (char *)"Tuonti",
				    (char *)"--anonymous", NULL };
	struct bench_sample t;
	return write_csv(z) && bench_spawn(seed_argv, &t) &&
	       write_script(z->script, into_tables, z->csv) &&
	       write_script(z->bare_script, bare, z->csv);
}

/* Times one size; out[0..2]: tapla, shell into tapla's tables, bare. */
static bool time_size(struct size *z, const char *shell,
		      struct bench_sample out[3])
{
	char read_into[600], read_bare[600];
	snprintf(read_into, sizeof read_into, ".read %s", z->script);
	snprintf(read_bare, sizeof read_bare, ".read %s", z->bare_script);
	char *const tapla[] = { (char *)bench_tapla(), (char *)"--db", z->run,
				(char *)"import", (char *)"1", z->csv, NULL };
	char *const into[] = { (char *)shell, (char *)"-batch", (char *)"-init",
			       (char *)"/dev/null", z->run, read_into, NULL };
	char *const plain[] = { (char *)shell, (char *)"-batch", (char *)"-init",
				(char *)"/dev/null", z->run, read_bare, NULL };
	struct job jt = { z, tapla, true }, ji = { z, into, true },
		   jb = { z, plain, false };
	struct bench_sample unused;
	if (!bench_compare(z->rounds, run_job, &jt, run_job, &ji, &out[0], &out[1]) ||
	    !bench_compare(z->rounds, run_job, &jb, run_job, &jb, &out[2], &unused))
		return false;
	char name[64], note[256];
	snprintf(name, sizeof name, "import-%ld", z->rows);
	snprintf(note, sizeof note,
		 "tapla import %.0f rows/s vs the sqlite3 shell's .import into tapla's tables %.0f rows/s (bare .import into one table: %.0f rows/s, %.1fx faster than tapla)",
		 z->rows / out[0].cpu, z->rows / out[1].cpu, z->rows / out[2].cpu,
		 out[0].cpu / out[2].cpu);
	bench_report_pair(name, &out[0], &out[1], true, IMPORT_BUDGET, note);
	return true;
}

int main(void)
{
	const char *shell = bench_sqlite3();
	if (!shell) {
		fprintf(stderr, "bench: no sqlite3 shell (BENCH_SQLITE3): skipped\n");
		return BENCH_SKIP;
	}
	struct size sizes[3] = {
		{ .rows = 10000, .rounds = 9 },
		{ .rows = 100000, .rounds = 5 },
		{ .rows = 1000000, .rounds = 3 },
	};
	struct bench_sample s[3][3];
	bool ok = true;
	for (int i = 0; ok && i < 3; i++)
		ok = prepare(&sizes[i], bench_tmpdir()) &&
		     time_size(&sizes[i], shell, s[i]);
	for (int i = 1; ok && i < 3; i++) {
		char name[64];
		snprintf(name, sizeof name, "scale-import-%ld-to-%ld",
			 sizes[i - 1].rows, sizes[i].rows);
		bench_report_growth(name, s[i][0].cpu / s[i - 1][0].cpu,
				    s[i][1].cpu / s[i - 1][1].cpu,
				    "growth of tapla import's cost for 10x the rows (10x is linear); baseline: the shell's import into tapla's tables");
	}
	bench_cleanup();
	return ok ? 0 : 1;
}
