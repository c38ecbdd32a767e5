/* bench-ballot: confirming a ballot (store_ballot_save: checks, a new
 * signer, its dots, one WAL commit with synchronous=FULL) against a bare
 * SQLite transaction inserting the same rows with the same settings on the
 * same file; then how it grows with the session and the database. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>

#include "bench.h"
#include "tapla/store.h"
#include "tapla/text.h"

#define ROUNDS 61
#define BALLOT_BUDGET 1.5

/* The ballot every round confirms: 10 dots in 8 cells of 6 sheets. */
static void make_ballot(struct ballot *b)
{
	static const int cells[8][3] = {
		{ 0, 0, 2 }, { 1, 1, 2 }, { 2, 0, 1 }, { 2, 3, 1 },
		{ 3, 2, 1 }, { 4, 4, 1 }, { 5, 0, 1 }, { 5, 5, 1 },
	};
	rules_ballot_init(b, 6);
	for (int i = 0; i < 8; i++)
		b->dots[cells[i][0]][cells[i][1]] = cells[i][2];
}

/* The two writers on one file and what they write next. */
struct writers {
	struct store *st;
	sqlite3 *db;
	sqlite3_stmt *begin, *participant, *dot, *commit;
	int64_t session;
	int next_seq;    /* the next signing number (the store finds its own) */
	int next_name;   /* both writers' next participant name */
	struct ballot ballot;
};

/* store_ballot_save of one new participant's ballot. */
static bool run_store(void *arg, struct bench_sample *t)
{
	struct writers *w = arg;
	char name[64];
	snprintf(name, sizeof name, "Store Writer %d", w->next_name++);
	int seq = 0;
	bench_start(t);
	enum store_status r = store_ballot_save(w->st, w->session, name,
						&w->ballot, NULL, 0, false, &seq);
	bench_stop(t);
	if (r != STORE_OK) {
		fprintf(stderr, "bench: %s\n", store_error(w->st));
		return false;
	}
	w->next_seq = seq + 1;
	return true;
}

/* Steps a statement to its end and resets it. */
static bool step(sqlite3 *db, sqlite3_stmt *s)
{
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		fprintf(stderr, "bench: %s\n", sqlite3_errmsg(db));
		return false;
	}
	return true;
}

/* The same rows in one bare transaction: the participant, then its dots. */
static bool bare_rows(struct writers *w, const char *name, const char *key)
{
	sqlite3_bind_int64(w->participant, 1, w->session);
	sqlite3_bind_int(w->participant, 2, w->next_seq++);
	sqlite3_bind_text(w->participant, 3, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(w->participant, 4, key, -1, SQLITE_STATIC);
	if (!step(w->db, w->participant))
		return false;
	int64_t pid = sqlite3_last_insert_rowid(w->db);
	for (int sh = 0; sh < w->ballot.nsheets; sh++)
		for (int l = 0; l < LEVEL_COUNT; l++) {
			if (!w->ballot.dots[sh][l])
				continue;
			sqlite3_bind_int64(w->dot, 1, pid);
			sqlite3_bind_int64(w->dot, 2, w->session);
			sqlite3_bind_int(w->dot, 3, sh);
			sqlite3_bind_int(w->dot, 4, l);
			sqlite3_bind_int(w->dot, 5, w->ballot.dots[sh][l]);
			if (!step(w->db, w->dot))
				return false;
		}
	return true;
}

/* BEGIN IMMEDIATE, the rows, COMMIT: the least a ballot can cost. */
static bool run_bare(void *arg, struct bench_sample *t)
{
	struct writers *w = arg;
	char name[64];
	snprintf(name, sizeof name, "Bare Writer %d", w->next_name++);
	char *key = text_name_key(name);
	if (!key)
		return false;
	bench_start(t);
	bool ok = step(w->db, w->begin) && bare_rows(w, name, key) &&
		  step(w->db, w->commit);
	bench_stop(t);
	free(key);
	if (!ok && !sqlite3_get_autocommit(w->db))
		sqlite3_exec(w->db, "ROLLBACK", NULL, NULL, NULL);
	return ok;
}

static const char *const bare_sql[4] = {
	"BEGIN IMMEDIATE",
	"INSERT INTO participant (session_id, seq, name, name_key, signed_at)"
	" VALUES (?1, ?2, ?3, ?4, '2026-11-24T10:00:00Z')",
	"INSERT INTO dot (participant_id, session_id, sheet_idx, level, dots)"
	" VALUES (?1, ?2, ?3, ?4, ?5)",
	"COMMIT",
};

/* The bare connection with the store's settings: WAL, synchronous=FULL,
 * foreign keys on. */
static bool open_bare(struct writers *w, const char *path)
{
	sqlite3_stmt **st[4] = { &w->begin, &w->participant, &w->dot,
				 &w->commit };
	if (sqlite3_open_v2(path, &w->db, SQLITE_OPEN_READWRITE, NULL) !=
		    SQLITE_OK ||
	    sqlite3_busy_timeout(w->db, 5000) != SQLITE_OK ||
	    sqlite3_exec(w->db, "PRAGMA journal_mode = WAL;"
			 "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON",
			 NULL, NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "bench: %s\n", sqlite3_errmsg(w->db));
		return false;
	}
	for (int i = 0; i < 4; i++)
		if (sqlite3_prepare_v2(w->db, bare_sql[i], -1, st[i], NULL) !=
		    SQLITE_OK) {
			fprintf(stderr, "bench: %s\n", sqlite3_errmsg(w->db));
			return false;
		}
	return true;
}

static void close_writers(struct writers *w)
{
	sqlite3_finalize(w->begin);
	sqlite3_finalize(w->participant);
	sqlite3_finalize(w->dot);
	sqlite3_finalize(w->commit);
	sqlite3_close(w->db);
	store_close(w->st);
}

/* Confirms ballots into session `session` of a database of `sessions` x
 * `participants`; *cost gets the store's median wall time. */
static bool bench_size(int sessions, int participants, const char *name,
		       double *cost)
{
	char path[512], err[512];
	snprintf(path, sizeof path, "%s/ballot-s%d-p%d.db", bench_tmpdir(),
		 sessions, participants);
	if (!bench_generate(path, sessions, participants))
		return false;
	struct writers w;
	memset(&w, 0, sizeof w);
	w.session = sessions;  /* the last session: the newest rows */
	w.next_seq = participants + 1;
	make_ballot(&w.ballot);
	bool ok = store_open(path, &w.st, err, sizeof err) == STORE_OK;
	if (!ok)
		fprintf(stderr, "bench: %s\n", err);
	ok = ok && open_bare(&w, path);
	struct bench_sample s, b;
	ok = ok && bench_compare(ROUNDS, run_store, &w, run_bare, &w, &s, &b);
	close_writers(&w);
	if (!ok)
		return false;
	char note[160];
	snprintf(note, sizeof note,
		 "store_ballot_save vs bare BEGIN IMMEDIATE/INSERT 1+8 rows/COMMIT; %d sessions x %d participants",
		 sessions, participants);
	bench_report_pair(name, &s, &b, false, BALLOT_BUDGET, note);
	*cost = s.wall;
	return true;
}

/* Three sizes, each ten times the last: their costs and growth. */
static bool bench_steps(const int sessions[3], const int participants[3],
			const char *const labels[3], const char *what)
{
	double cost[3];
	char name[128];
	for (int i = 0; i < 3; i++) {
		snprintf(name, sizeof name, "ballot-save-%s", labels[i]);
		if (!bench_size(sessions[i], participants[i], name, &cost[i]))
			return false;
	}
	for (int i = 0; i < 2; i++) {
		snprintf(name, sizeof name, "scale-ballot-save-%s-to-%s",
			 labels[i], labels[i + 1]);
		bench_report_growth(name, cost[i + 1] / cost[i], 0, what);
	}
	return true;
}

int main(void)
{
	static const int one[3] = { 1, 1, 1 }, hundred[3] = { 100, 100, 100 };
	static const int tens[3] = { 10, 100, 1000 };
	static const int grow[3] = { 100, 1000, 10000 };
	static const char *const plabels[3] = { "100p", "1000p", "10000p" };
	static const char *const slabels[3] = { "10s", "100s", "1000s" };
	bool ok = bench_steps(one, grow, plabels,
			      "growth for 10x the participants; 10x is linear") &&
		  bench_steps(tens, hundred, slabels,
			      "growth for 10x the sessions; 10x is linear");
	bench_cleanup();
	return ok ? 0 : 1;
}
