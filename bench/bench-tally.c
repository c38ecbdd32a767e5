/* bench-tally: tapla's tally, export and list against the same queries run
 * by the sqlite3 shell on the same file (whole processes, wall time), and
 * store_tally against the bare statement in one process; then how they grow
 * as participants and sessions grow tenfold twice. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>

#include "bench.h"
#include "tapla/store.h"

#define ROUNDS 15
#define TALLY_BUDGET 1.3

/* The tally in SQL alone, with a literal session id: the store's sizes,
 * counts per (sheet, level) and paper column totals, and people per sheet
 * by count(DISTINCT), which the store counts in one pass of its own. */
#define TALLY_SQL(ID) \
	"SELECT (SELECT count(*) FROM sheet WHERE session_id = " ID ")," \
	" (SELECT count(*) FROM participant WHERE session_id = " ID ")" \
	" FROM session WHERE id = " ID ";" \
	"SELECT sheet_idx, level, sum(dots), count(*)" \
	" FROM dot WHERE session_id = " ID " GROUP BY sheet_idx, level" \
	" UNION ALL" \
	" SELECT sheet_idx, -1, sum(dots), count(DISTINCT participant_id)" \
	" FROM dot WHERE session_id = " ID " GROUP BY sheet_idx" \
	" UNION ALL" \
	" SELECT sheet_idx, level, dots, people FROM paper_total" \
	" WHERE session_id = " ID \
	" UNION ALL" \
	" SELECT sheet_idx, -1, 0, people FROM paper_sheet" \
	" WHERE session_id = " ID ";"

/* What an export reads besides the tally: the session, its sheets and
 * agenda, the participants and every ballot cell. */
#define EXPORT_SQL(ID) TALLY_SQL(ID) \
	"SELECT * FROM session WHERE id = " ID ";" \
	"SELECT * FROM sheet WHERE session_id = " ID " ORDER BY idx;" \
	"SELECT * FROM phase WHERE session_id = " ID " ORDER BY idx;" \
	"SELECT seq, name, signed_at FROM participant" \
	" WHERE session_id = " ID " ORDER BY seq;" \
	"SELECT p.seq, d.sheet_idx, d.level, d.dots" \
	" FROM dot d JOIN participant p ON p.id = d.participant_id" \
	" WHERE d.session_id = " ID " ORDER BY p.seq, d.sheet_idx, d.level;"

/* The export's document from the shell: the same session, tally, per-sheet
 * signature lists and ballot records (with names and level keys), built
 * with json_object from the same rows. */
#define EXPORT_DOC_SQL(ID) TALLY_SQL(ID) \
	"SELECT json_object('id', id, 'uuid', uuid, 'title', title," \
	" 'template', template, 'language', language, 'budget', budget," \
	" 'mode', mode, 'anonymous', json(iif(anonymous, 'true', 'false'))," \
	" 'created', created, 'closed', closed) FROM session WHERE id = " ID ";" \
	"SELECT json_object('number', s.idx + 1, 'title', s.short_name," \
	" 'statement', s.statement, 'signatures', (SELECT json_group_array(name)" \
	" FROM (SELECT p.name FROM participant p WHERE p.session_id = " ID \
	" AND EXISTS (SELECT 1 FROM dot d WHERE d.participant_id = p.id" \
	" AND d.sheet_idx = s.idx) ORDER BY p.seq)))" \
	" FROM sheet s WHERE s.session_id = " ID " ORDER BY s.idx;" \
	"SELECT json_object('participant', p.seq, 'name', p.name," \
	" 'sheet', d.sheet_idx + 1, 'level', CASE d.level WHEN 0 THEN 'agree'" \
	" WHEN 1 THEN 'partly-agree' WHEN 2 THEN 'neutral'" \
	" WHEN 3 THEN 'partly-disagree' WHEN 4 THEN 'disagree' ELSE 'unsure'" \
	" END, 'dots', d.dots)" \
	" FROM dot d JOIN participant p ON p.id = d.participant_id" \
	" WHERE d.session_id = " ID " ORDER BY p.seq, d.sheet_idx, d.level;"

/* The list's columns (store-session.c) with its vote counts. */
#define LIST_SQL \
	"SELECT s.id, s.uuid, s.title, s.template, s.language, s.budget," \
	" s.mode, s.anonymous, s.created, s.closed, s.phase, s.revealed," \
	" s.pin_hash IS NOT NULL, s.timer_running, s.timer_deadline_ms," \
	" s.timer_left_ms," \
	" (SELECT count(*) FROM sheet WHERE session_id = s.id)," \
	" (SELECT count(*) FROM participant WHERE session_id = s.id)" \
	" FROM session s ORDER BY s.created DESC, s.id DESC;"

/* Every session's tally in one statement: the bare form of tallying all. */
#define TALLY_ALL_SQL \
	"SELECT session_id, sheet_idx, level, sum(dots)," \
	" count(*) FROM dot" \
	" GROUP BY session_id, sheet_idx, level" \
	" UNION ALL" \
	" SELECT session_id, sheet_idx, -1, sum(dots)," \
	" count(DISTINCT participant_id) FROM dot" \
	" GROUP BY session_id, sheet_idx;"

/* A database and the session in it the figures are about. */
struct db {
	char path[512];
	int sessions, participants;
};

/* Makes (once) the database for a size. */
static bool make_db(struct db *d, int sessions, int participants)
{
	d->sessions = sessions;
	d->participants = participants;
	snprintf(d->path, sizeof d->path, "%s/s%d-p%d.db", bench_tmpdir(),
		 sessions, participants);
	double t0 = bench_now();
	if (!bench_generate(d->path, sessions, participants))
		return false;
	fprintf(stderr, "generated %d sessions x %d participants in %.1f s\n",
		sessions, participants, bench_now() - t0);
	return true;
}

/* tapla and the sqlite3 shell, each as a process: their medians. */
static bool compare_processes(char *const tapla[], char *const shell[],
			      struct bench_sample *t, struct bench_sample *s)
{
	return bench_compare(ROUNDS, bench_spawn_fn, (void *)tapla,
			     bench_spawn_fn, (void *)shell, t, s);
}

/* `tapla CMD...` against `sqlite3 -MODE FILE SQL` on database d (MODE
 * list for plain rows, json for JSON). */
static bool time_command(const struct db *d, const char *cmd,
			 const char *arg1, const char *arg2, const char *mode,
			 const char *sql, struct bench_sample *t,
			 struct bench_sample *s)
{
	char *tapla[] = { (char *)bench_tapla(), (char *)"--db",
			  (char *)d->path, (char *)cmd, (char *)arg1,
			  (char *)arg2, NULL };
	char *shell[] = { (char *)bench_sqlite3(), (char *)"-batch",
			  (char *)"-init", (char *)"/dev/null", (char *)mode,
			  (char *)d->path,
			  (char *)sql, NULL };
	return compare_processes(tapla, shell, t, s);
}

/* An open store and a bare connection on the same file. */
struct inproc {
	struct store *st;
	sqlite3 *db;
	sqlite3_stmt *bare;
	int64_t first, last;  /* the sessions store_tally is run on */
	int reps;             /* runs per sample, so a sample lasts ~20 ms */
};

/* store_tally of sessions first..last, once. */
static bool store_tally_once(struct inproc *ip)
{
	for (int64_t id = ip->first; id <= ip->last; id++) {
		struct tally t;
		if (store_tally(ip->st, id, &t) != STORE_OK) {
			fprintf(stderr, "bench: %s\n", store_error(ip->st));
			return false;
		}
		tally_free(&t);
	}
	return true;
}

/* The bare statement stepped to its end once. */
static bool bare_once(struct inproc *ip)
{
	int rc;
	long sum = 0;
	while ((rc = sqlite3_step(ip->bare)) == SQLITE_ROW)
		sum += sqlite3_column_int(ip->bare, 3);
	sqlite3_reset(ip->bare);
	if (rc != SQLITE_DONE || sum <= 0) {
		fprintf(stderr, "bench: %s\n", sqlite3_errmsg(ip->db));
		return false;
	}
	return true;
}

/* One sample: `reps` runs of `once`, the time of one. */
static bool sample(struct inproc *ip, bool (*once)(struct inproc *),
		   struct bench_sample *ts)
{
	bool ok = true;
	bench_start(ts);
	for (int i = 0; ok && i < ip->reps; i++)
		ok = once(ip);
	bench_stop(ts);
	ts->wall /= ip->reps;
	ts->cpu /= ip->reps;
	return ok;
}

static bool run_store_tally(void *arg, struct bench_sample *ts)
{
	return sample(arg, store_tally_once, ts);
}

static bool run_bare(void *arg, struct bench_sample *ts)
{
	return sample(arg, bare_once, ts);
}

/* Sets reps so a sample of the bare statement lasts about 20 ms. */
static bool calibrate(struct inproc *ip)
{
	struct bench_sample t;
	ip->reps = 1;
	if (!run_bare(ip, &t))
		return false;
	ip->reps = t.cpu > 0 ? (int)(0.02 / t.cpu) + 1 : 1;
	if (ip->reps > 1000)
		ip->reps = 1000;
	return true;
}

/* Opens the store and the bare statement `sql` on database d. */
static bool inproc_open(struct inproc *ip, const struct db *d,
			const char *sql)
{
	char err[512];
	memset(ip, 0, sizeof *ip);
	if (store_open(d->path, &ip->st, err, sizeof err) != STORE_OK) {
		fprintf(stderr, "bench: %s\n", err);
		return false;
	}
	if (sqlite3_open_v2(d->path, &ip->db, SQLITE_OPEN_READWRITE, NULL) !=
		    SQLITE_OK ||
	    sqlite3_prepare_v2(ip->db, sql, -1, &ip->bare, NULL) != SQLITE_OK) {
		fprintf(stderr, "bench: %s\n", sqlite3_errmsg(ip->db));
		return false;
	}
	return true;
}

static void inproc_close(struct inproc *ip)
{
	sqlite3_finalize(ip->bare);
	sqlite3_close(ip->db);
	store_close(ip->st);
}

/* store_tally of sessions first..last against the bare `sql`. */
static bool time_inproc(const struct db *d, const char *sql, int64_t first,
			int64_t last, struct bench_sample *t,
			struct bench_sample *s)
{
	struct inproc ip;
	bool ok = inproc_open(&ip, d, sql);
	ip.first = first;
	ip.last = last;
	ok = ok && calibrate(&ip) && bench_compare(ROUNDS, run_store_tally, &ip, run_bare, &ip,
				 t, s);
	inproc_close(&ip);
	return ok;
}

/* The tally in SQL alone (as TALLY_SQL) for session 1, in process. */
#define TALLY_ONE_SQL \
	"SELECT sheet_idx, level, sum(dots), count(*)" \
	" FROM dot WHERE session_id = 1 GROUP BY sheet_idx, level" \
	" UNION ALL" \
	" SELECT sheet_idx, -1, sum(dots), count(DISTINCT participant_id)" \
	" FROM dot WHERE session_id = 1 GROUP BY sheet_idx" \
	" UNION ALL" \
	" SELECT sheet_idx, level, dots, people FROM paper_total" \
	" WHERE session_id = 1" \
	" UNION ALL" \
	" SELECT sheet_idx, -1, 0, people FROM paper_sheet" \
	" WHERE session_id = 1"

/* The figures of one session with many participants. */
static bool bench_one_session(const struct db *d, struct bench_sample out[3][2])
{
	char name[64], note[128];
	struct bench_sample t, s;
	snprintf(note, sizeof note, "1 session, %d participants, %d dot rows",
		 d->participants, d->participants * 8);
	if (!time_command(d, "tally", "1", NULL, "-list", TALLY_SQL("1"), &t, &s))
		return false;
	snprintf(name, sizeof name, "tally-%d", d->participants);
	bench_report_pair(name, &t, &s, true, TALLY_BUDGET,
			   "tapla tally vs sqlite3 shell GROUP BY");
	out[0][0] = t;
	out[0][1] = s;
	if (!time_command(d, "export", "1", "--format=json", "-list",
			  EXPORT_DOC_SQL("1"), &t, &s))
		return false;
	snprintf(name, sizeof name, "export-json-%d", d->participants);
	bench_report_pair(name, &t, &s, true, TALLY_BUDGET,
			   "tapla export --format=json vs sqlite3 building the same records with json_object");
	out[1][0] = t;
	out[1][1] = s;
	if (!time_command(d, "export", "1", "--format=json", "-json",
			  EXPORT_SQL("1"), &t, &s))
		return false;
	snprintf(name, sizeof name, "export-json-rows-%d", d->participants);
	bench_report_pair(name, &t, &s, true, TALLY_BUDGET,
			   "the same export vs sqlite3 -json printing the rows it reads (no names per ballot, no signature lists: half the bytes)");
	if (!time_inproc(d, TALLY_ONE_SQL, 1, 1, &t, &s))
		return false;
	snprintf(name, sizeof name, "store-tally-%d", d->participants);
	bench_report_pair(name, &t, &s, true, TALLY_BUDGET,
			   "store_tally vs the bare statement, in process");
	out[2][0] = t;
	out[2][1] = s;
	fprintf(stderr, "(%s)\n", note);
	return true;
}

/* The figures of many sessions. */
static bool bench_many_sessions(const struct db *d, struct bench_sample out[2][2])
{
	char name[64];
	struct bench_sample t, s;
	if (!time_command(d, "list", NULL, NULL, "-list", LIST_SQL, &t, &s))
		return false;
	snprintf(name, sizeof name, "list-%d", d->sessions);
	bench_report_pair(name, &t, &s, true, TALLY_BUDGET,
			   "tapla list (vote counts) vs sqlite3 shell, same query");
	out[0][0] = t;
	out[0][1] = s;
	if (!time_inproc(d, TALLY_ALL_SQL, 1, d->sessions, &t, &s))
		return false;
	snprintf(name, sizeof name, "tally-all-%d", d->sessions);
	bench_report_pair(name, &t, &s, true, TALLY_BUDGET,
			   "store_tally of every session vs one bare GROUP BY over all dots, in process");
	out[1][0] = t;
	out[1][1] = s;
	return true;
}

/* Prints the growth of a cost (CPU time) from one size to the next
 * (tenfold), beside its baseline's growth. */
static void report_growth(const char *what, const char *from, const char *to,
			  const struct bench_sample a[2],
			  const struct bench_sample b[2])
{
	char name[128];
	snprintf(name, sizeof name, "scale-%s-%s-to-%s", what, from, to);
	bench_report_growth(name, b[0].cpu / a[0].cpu, b[1].cpu / a[1].cpu,
			    "growth of the cost for 10x the work (10x is linear); baseline: the bare query's growth");
}

/* Participants 100 -> 1,000 -> 10,000 in one session. */
static bool bench_participants(void)
{
	static const int sizes[3] = { 100, 1000, 10000 };
	static const char *const labels[3] = { "100p", "1000p", "10000p" };
	struct bench_sample cost[3][3][2];
	for (int i = 0; i < 3; i++) {
		struct db d;
		if (!make_db(&d, 1, sizes[i]) || !bench_one_session(&d, cost[i]))
			return false;
	}
	for (int i = 0; i < 2; i++) {
		report_growth("tally", labels[i], labels[i + 1], cost[i][0],
			      cost[i + 1][0]);
		report_growth("export", labels[i], labels[i + 1], cost[i][1],
			      cost[i + 1][1]);
		report_growth("store-tally", labels[i], labels[i + 1],
			      cost[i][2], cost[i + 1][2]);
	}
	return true;
}

/* Sessions 10 -> 100 -> 1,000 of 125 participants (1,000 dots each). */
static bool bench_sessions(void)
{
	static const int sizes[3] = { 10, 100, 1000 };
	static const char *const labels[3] = { "10s", "100s", "1000s" };
	struct bench_sample cost[3][2][2];
	for (int i = 0; i < 3; i++) {
		struct db d;
		if (!make_db(&d, sizes[i], 125) ||
		    !bench_many_sessions(&d, cost[i]))
			return false;
		if (sizes[i] == 1000) {
			/* One session among a million dot rows. */
			struct bench_sample t, s;
			if (!time_command(&d, "tally", "500", NULL, "-list",
					  TALLY_SQL("500"), &t, &s))
				return false;
			bench_report_pair("tally-1-of-1000", &t, &s, true,
					  TALLY_BUDGET,
					   "tapla tally of one session among 1,000 (1M dot rows)");
		}
	}
	for (int i = 0; i < 2; i++) {
		report_growth("list", labels[i], labels[i + 1], cost[i][0],
			      cost[i + 1][0]);
		report_growth("tally-all", labels[i], labels[i + 1],
			      cost[i][1], cost[i + 1][1]);
	}
	return true;
}

/* With an argument, only that part: "participants" or "sessions". */
int main(int argc, char **argv)
{
	const char *only = argc > 1 ? argv[1] : "";
	if (!bench_sqlite3()) {
		printf("bench: tally SKIPPED: no sqlite3 shell (install the sqlite3 package)\n");
		return BENCH_SKIP;
	}
	bench_tapla();
	bool ok = (*only && strcmp(only, "participants") != 0 ? true
						: bench_participants()) &&
		  (*only && strcmp(only, "sessions") != 0 ? true
						: bench_sessions());
	bench_cleanup();
	return ok ? 0 : 1;
}
