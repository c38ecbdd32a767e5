/* Unit tests of the SQLite store, each on a fresh database in a temporary
 * folder. A few tests look inside (src/store-int.h) to read the connection's
 * settings or to edit a row the public interface never edits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "src/store-int.h"
#include "store-fixture.h"
#include "tapla/store.h"

/* Writes bytes to a file, replacing it. */
static void spit(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* The permission bits of the file named base + suffix. */
static unsigned mode_of(const char *base, const char *suffix)
{
	char path[256];
	snprintf(path, sizeof path, "%s%s", base, suffix);
	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	return sb.st_mode & 0777;
}

static bool exists(const char *path)
{
	return access(path, F_OK) == 0;
}

/* Creates a session from the networks template. */
static int64_t new_session(struct store *st, bool anonymous, enum mode m)
{
	struct store_new_session o = { NULL, 0, m, anonymous, NULL, false, false, 0, NULL, NULL, 0 };
	return fixture_session(st, &o);
}

/* A one-dot ballot on a sheet and level. */
static void one_dot(struct ballot *b, int sheet, enum level l)
{
	rules_ballot_init(b, 4);
	b->dots[sheet][l] = 1;
}

static enum store_status vote(struct store_fixture *f, const char *name,
			      const struct ballot *b, bool replace, int *seq)
{
	return store_ballot_save(f->st, f->session, name, b, NULL, 0, replace,
				 seq);
}

/* A new database file is private (0600), its folders 0700. */
static void created_file_is_private(void **state)
{
	struct store_fixture *f = *state;
	assert_int_equal(mode_of(f->path, ""), 0600);
	char deep[256], err[512];
	struct store *st;
	snprintf(deep, sizeof deep, "%s/a/b/tapla.db", f->dir);
	assert_int_equal(store_open(deep, &st, err, sizeof err), STORE_OK);
	store_close(st);
	assert_int_equal(mode_of(deep, ""), 0600);
	assert_int_equal(mode_of(f->dir, "/a/b"), 0700);
	assert_int_equal(mode_of(f->dir, "/a"), 0700);
}

/* Even under umask 000 the file and its -wal and -shm are 0600. */
static void private_under_umask_zero(void **state)
{
	struct store_fixture *f = *state;
	mode_t old = umask(0);
	char err[512];
	enum store_status s = store_open(f->path, &f->st, err, sizeof err);
	umask(old);
	assert_int_equal(s, STORE_OK);
	umask(0);
	new_session(f->st, false, MODE_WEIGHTED);
	umask(old);
	assert_int_equal(mode_of(f->path, ""), 0600);
	assert_int_equal(mode_of(f->path, "-wal"), 0600);
	assert_int_equal(mode_of(f->path, "-shm"), 0600);
}

/* The connection runs with the promised settings. */
static void settings_after_open(void **state)
{
	struct store_fixture *f = *state;
	assert_int_equal(fixture_query_int(f->st, "PRAGMA synchronous"), 2);  /* FULL */
	assert_int_equal(fixture_query_int(f->st, "PRAGMA foreign_keys"), 1);
	assert_int_equal(fixture_query_int(f->st, "PRAGMA trusted_schema"), 0);
	assert_int_equal(fixture_query_int(f->st, "PRAGMA application_id"),
			 STORE_APPLICATION_ID);
	assert_int_equal(fixture_query_int(f->st, "PRAGMA user_version"),
			 STORE_SCHEMA_VERSION);
	assert_int_equal(fixture_query_int(f->st, "SELECT \"journal_mode\" = 'wal' FROM pragma_journal_mode"), 1);
	int on = -1;
	assert_int_equal(sqlite3_db_config(f->st->db, SQLITE_DBCONFIG_DEFENSIVE, -1, &on),
			 SQLITE_OK);
	assert_int_equal(on, 1);
	int ms = (int)fixture_query_int(f->st, "PRAGMA busy_timeout");
	assert_int_equal(ms, 5000);
}

/* The seed's worked example, stored and tallied. */
static void seed_example_is_tallied(void **state)
{
	struct store_fixture *f = *state;
	struct ballot b;
	int seq = 0;
	fixture_seed_ballot(&b);
	assert_int_equal(vote(f, "Participant A", &b, false, &seq), STORE_OK);
	assert_int_equal(seq, 1);
	struct tally t;
	assert_int_equal(store_tally(f->st, f->session, &t), STORE_OK);
	assert_int_equal(t.nsheets, 4);
	assert_int_equal(t.participants, 1);
	assert_int_equal(t.sheets[0].dots[LEVEL_AGREE], 5);
	assert_int_equal(t.sheets[0].people[LEVEL_AGREE], 1);
	assert_int_equal(t.sheets[1].dots[LEVEL_PARTLY_AGREE], 2);
	assert_int_equal(t.sheets[2].dots[LEVEL_NEUTRAL], 2);
	assert_int_equal(t.sheets[3].dots[LEVEL_DISAGREE], 1);
	assert_int_equal(t.sheets[1].total_dots, 2);
	assert_int_equal(t.sheets[2].total_dots, 2);
	assert_int_equal(t.sheets[3].total_people, 1);
	assert_int_equal(t.total_dots, 10);
	tally_free(&t);
	int count = 0;
	assert_int_equal(store_vote_count(f->st, f->session, &count), STORE_OK);
	assert_int_equal(count, 1);
}

/* People are counted once per column and once per sheet. */
static void tally_counts_people(void **state)
{
	struct store_fixture *f = *state;
	struct ballot b;
	int seq;
	rules_ballot_init(&b, 4);
	b.dots[0][LEVEL_AGREE] = 3;
	b.dots[0][LEVEL_UNSURE] = 1;
	assert_int_equal(vote(f, "Anna", &b, false, &seq), STORE_OK);
	one_dot(&b, 0, LEVEL_AGREE);
	assert_int_equal(vote(f, "Ben", &b, false, &seq), STORE_OK);
	struct tally t;
	assert_int_equal(store_tally(f->st, f->session, &t), STORE_OK);
	assert_int_equal(t.sheets[0].dots[LEVEL_AGREE], 4);
	assert_int_equal(t.sheets[0].people[LEVEL_AGREE], 2);
	assert_int_equal(t.sheets[0].people[LEVEL_UNSURE], 1);
	assert_int_equal(t.sheets[0].total_people, 2);
	assert_int_equal(t.sheets[1].total_people, 0);
	assert_int_equal(t.participants, 2);
	tally_free(&t);
}

/* People per sheet count each person once per sheet, whatever their
 * columns there, and no one's sheets carry over to the next person. */
static void tally_people_per_sheet(void **state)
{
	struct store_fixture *f = *state;
	struct ballot b;
	int seq;
	rules_ballot_init(&b, 4);
	b.dots[0][LEVEL_AGREE] = 1;
	b.dots[2][LEVEL_AGREE] = 2;
	b.dots[2][LEVEL_DISAGREE] = 1;
	assert_int_equal(vote(f, "Anna", &b, false, &seq), STORE_OK);
	one_dot(&b, 1, LEVEL_NEUTRAL);
	assert_int_equal(vote(f, "Ben", &b, false, &seq), STORE_OK);
	rules_ballot_init(&b, 4);
	b.dots[3][LEVEL_UNSURE] = 1;
	b.dots[0][LEVEL_PARTLY_AGREE] = 1;
	assert_int_equal(vote(f, "Cecilia", &b, false, &seq), STORE_OK);
	struct tally t;
	assert_int_equal(store_tally(f->st, f->session, &t), STORE_OK);
	int want[4] = { 2, 1, 1, 1 };
	for (int sh = 0; sh < 4; sh++)
		assert_int_equal(t.sheets[sh].total_people, want[sh]);
	assert_int_equal(t.sheets[2].people[LEVEL_AGREE], 1);
	tally_free(&t);
}

/* What was saved is there after closing and opening again. */
static void reopen_keeps_everything(void **state)
{
	struct store_fixture *f = *state;
	struct ballot b;
	int seq;
	fixture_seed_ballot(&b);
	assert_int_equal(vote(f, "Participant A", &b, false, &seq), STORE_OK);
	store_close(f->st);
	char err[512];
	assert_int_equal(store_open(f->path, &f->st, err, sizeof err), STORE_OK);
	struct session s;
	assert_int_equal(store_session_get(f->st, f->session, &s), STORE_OK);
	assert_string_equal(s.title, "PED-verkosto 2016");
	assert_string_equal(s.template_name, "networks");
	assert_string_equal(s.language, "fi");
	assert_int_equal(s.budget, 10);
	assert_int_equal(s.nsheets, 4);
	assert_int_equal(s.participants, 1);
	assert_int_equal(strlen(s.uuid), 36);
	assert_int_equal(s.uuid[14], '4');
	assert_int_equal(strlen(s.created), 20);
	assert_int_equal(s.created[19], 'Z');
	assert_string_equal(s.closed, "");
	rules_session_free(&s);
}

/* A second ballot under a signed name conflicts; replace keeps the place. */
static void conflict_then_replace_keeps_seq(void **state)
{
	struct store_fixture *f = *state;
	struct ballot b;
	int seq = 0;
	struct ballot_note note = { 0, QUAD_S, (char *)"Old note" };
	fixture_seed_ballot(&b);
	assert_int_equal(store_ballot_save(f->st, f->session, "Anna", &b, &note, 1,
					   false, &seq), STORE_OK);
	assert_int_equal(seq, 1);
	one_dot(&b, 1, LEVEL_AGREE);
	assert_int_equal(vote(f, "Ben", &b, false, &seq), STORE_OK);
	assert_int_equal(seq, 2);
	seq = 99;
	one_dot(&b, 3, LEVEL_UNSURE);
	assert_int_equal(vote(f, "Anna", &b, false, &seq), STORE_CONFLICT);
	assert_int_equal(seq, 99);
	assert_string_equal(store_error(f->st),
			    "Anna has voted already: add --replace to replace that ballot.");
	assert_int_equal(vote(f, "Anna", &b, true, &seq), STORE_OK);
	assert_int_equal(seq, 1);
	struct report r;
	assert_int_equal(store_report(f->st, f->session, &r), STORE_OK);
	assert_int_equal(r.nparticipants, 2);
	assert_int_equal(r.nballots, 2);
	assert_int_equal(r.ballots[0].participant, 1);
	assert_int_equal(r.ballots[0].sheet, 3);
	assert_int_equal(r.ballots[0].level, LEVEL_UNSURE);
	assert_int_equal(r.nnotes, 0);  /* the replaced ballot's note went too */
	assert_int_equal(r.tally.total_dots, 2);
	report_free(&r);
}

/* Letter case, white space and Unicode normalization make no new signer. */
static void equal_names_are_one_signer(void **state)
{
	struct store_fixture *f = *state;
	struct ballot b;
	int seq;
	one_dot(&b, 0, LEVEL_AGREE);
	assert_int_equal(vote(f, "Äijä Öljy", &b, false, &seq), STORE_OK);
	const char *same[] = {
		"A\xcc\x88ija\xcc\x88 O\xcc\x88ljy",  /* NFD */
		"äijä öljy",
		"  ÄIJÄ   ÖLJY ",
	};
	for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
		bool signed_ = false;
		assert_int_equal(store_name_signed(f->st, f->session, same[i], &signed_),
				 STORE_OK);
		assert_true(signed_);
		assert_int_equal(vote(f, same[i], &b, false, &seq), STORE_CONFLICT);
	}
	bool signed_ = true;
	assert_int_equal(store_name_signed(f->st, f->session, "Aija Oljy", &signed_),
			 STORE_OK);
	assert_false(signed_);
	int count;
	assert_int_equal(store_vote_count(f->st, f->session, &count), STORE_OK);
	assert_int_equal(count, 1);
}

/* Anonymous sessions take no name and number their participants. */
static void anonymous_refuses_a_name(void **state)
{
	struct store_fixture *f = *state;
	f->session = new_session(f->st, true, MODE_WEIGHTED);
	struct ballot b;
	int seq = 0;
	one_dot(&b, 0, LEVEL_AGREE);
	assert_int_equal(vote(f, "Anna", &b, false, &seq), STORE_REFUSED);
	assert_non_null(strstr(store_error(f->st), "anonymous"));
	assert_int_equal(vote(f, NULL, &b, false, &seq), STORE_OK);
	assert_int_equal(seq, 1);
	assert_int_equal(vote(f, NULL, &b, false, &seq), STORE_OK);
	assert_int_equal(seq, 2);
	struct report r;
	assert_int_equal(store_report(f->st, f->session, &r), STORE_OK);
	assert_int_equal(r.nparticipants, 2);
	assert_null(r.participants[0].name);
	assert_null(r.participants[1].name);
	assert_true(r.session.anonymous);
	report_free(&r);
}

/* Named sessions need a name on every ballot. */
static void named_session_needs_a_name(void **state)
{
	struct store_fixture *f = *state;
	struct ballot b;
	int seq;
	one_dot(&b, 0, LEVEL_AGREE);
	assert_int_equal(vote(f, NULL, &b, false, &seq), STORE_REFUSED);
	assert_int_equal(vote(f, "", &b, false, &seq), STORE_REFUSED);
	assert_non_null(strstr(store_error(f->st), "--name"));
}

/* A refused ballot leaves the database byte for byte as it was. */
static void over_budget_changes_nothing(void **state)
{
	struct store_fixture *f = *state;
	struct ballot b;
	int seq;
	fixture_seed_ballot(&b);
	assert_int_equal(vote(f, "Anna", &b, false, &seq), STORE_OK);
	char wal[160];
	snprintf(wal, sizeof wal, "%s-wal", f->path);
	size_t dblen, wallen;
	char *db = files_slurp(f->path, &dblen);
	char *w = files_slurp(wal, &wallen);
	b.dots[0][LEVEL_AGREE] = 7;  /* 12 dots */
	assert_int_equal(vote(f, "Ben", &b, false, &seq), STORE_REFUSED);
	assert_string_equal(store_error(f->st), "12 dots given, the budget is 10.");
	fixture_assert_bytes(f->path, db, dblen);
	fixture_assert_bytes(wal, w, wallen);
	int count;
	assert_int_equal(store_vote_count(f->st, f->session, &count), STORE_OK);
	assert_int_equal(count, 1);
	free(db);
	free(w);
}

/* Dots on a sheet the session lacks, notes out of range: refused whole. */
static void bad_sheets_are_refused(void **state)
{
	struct store_fixture *f = *state;
	struct ballot b;
	int seq;
	rules_ballot_init(&b, 6);
	b.dots[5][LEVEL_AGREE] = 1;
	assert_int_equal(vote(f, "Anna", &b, false, &seq), STORE_REFUSED);
	assert_non_null(strstr(store_error(f->st), "no sheet 6"));
	one_dot(&b, 0, LEVEL_AGREE);
	struct ballot_note note = { 4, QUAD_W, (char *)"Nowhere" };
	assert_int_equal(store_ballot_save(f->st, f->session, "Anna", &b, &note, 1,
					   false, &seq), STORE_REFUSED);
	assert_int_equal(store_note_add(f->st, f->session, -1, QUAD_S, "x"),
			 STORE_REFUSED);
	int count;
	assert_int_equal(store_vote_count(f->st, f->session, &count), STORE_OK);
	assert_int_equal(count, 0);
	/* Classic mode: a second dot on a sheet. */
	f->session = new_session(f->st, false, MODE_CLASSIC);
	rules_ballot_init(&b, 4);
	b.dots[0][LEVEL_AGREE] = 1;
	b.dots[0][LEVEL_NEUTRAL] = 1;
	assert_int_equal(vote(f, "Anna", &b, false, &seq), STORE_REFUSED);
}

/* Closing a session stops ballots; reopening lets them in again. */
static void closed_session_refuses_ballots(void **state)
{
	struct store_fixture *f = *state;
	struct ballot b;
	int seq;
	one_dot(&b, 0, LEVEL_AGREE);
	assert_int_equal(store_session_set_closed(f->st, f->session, true), STORE_OK);
	struct session s;
	assert_int_equal(store_session_get(f->st, f->session, &s), STORE_OK);
	assert_int_equal(strlen(s.closed), 20);
	rules_session_free(&s);
	assert_int_equal(vote(f, "Anna", &b, false, &seq), STORE_REFUSED);
	assert_non_null(strstr(store_error(f->st), "closed"));
	assert_int_equal(store_session_set_closed(f->st, f->session, false), STORE_OK);
	assert_int_equal(vote(f, "Anna", &b, false, &seq), STORE_OK);
}

/* A sheet's text is locked once a dot is on it. */
static void sheet_text_locked_after_a_dot(void **state)
{
	struct store_fixture *f = *state;
	const char *sql = "UPDATE sheet SET statement = 'Changed.'"
			  " WHERE session_id = ?1 AND idx = ?2";
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(f->st->db, sql, -1, &s, NULL), SQLITE_OK);
	sqlite3_bind_int64(s, 1, f->session);
	sqlite3_bind_int(s, 2, 0);
	assert_int_equal(sqlite3_step(s), SQLITE_DONE);  /* no dots yet */
	sqlite3_reset(s);
	struct ballot b;
	int seq;
	one_dot(&b, 0, LEVEL_AGREE);
	assert_int_equal(vote(f, "Anna", &b, false, &seq), STORE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_CONSTRAINT);
	sqlite3_reset(s);
	sqlite3_bind_int(s, 2, 1);  /* sheet 2 has no dot: still open */
	assert_int_equal(sqlite3_step(s), SQLITE_DONE);
	sqlite3_finalize(s);
	struct tpl_sheet *sh;
	size_t n;
	assert_int_equal(store_session_sheets(f->st, f->session, &sh, &n), STORE_OK);
	assert_int_equal(n, 4);
	assert_string_equal(sh[0].statement, "Changed.");
	assert_string_equal(sh[0].help, "Help 1");
	assert_null(sh[1].help);
	store_free_sheets(sh, n);
}

/* The report: participants by number, ballots by participant, sheet and
 * level, notes by sheet, quadrant S W O T and insertion. */
static void report_contents_in_order(void **state)
{
	struct store_fixture *f = *state;
	struct ballot b;
	int seq;
	rules_ballot_init(&b, 4);
	b.dots[2][LEVEL_UNSURE] = 1;
	b.dots[2][LEVEL_AGREE] = 2;
	b.dots[0][LEVEL_DISAGREE] = 1;
	struct ballot_note notes[] = {
		{ 1, QUAD_T, (char *)"T first" },
		{ 1, QUAD_S, (char *)"S second" },
		{ 0, QUAD_O, (char *)"O on sheet 1" },
		{ 1, QUAD_S, (char *)"S third" },
	};
	assert_int_equal(store_ballot_save(f->st, f->session, "Zoe", &b, notes, 4,
					   false, &seq), STORE_OK);
	one_dot(&b, 1, LEVEL_NEUTRAL);
	assert_int_equal(vote(f, "Adam", &b, false, &seq), STORE_OK);
	assert_int_equal(store_note_add(f->st, f->session, 1, QUAD_W, "W loose"),
			 STORE_OK);
	struct report r;
	assert_int_equal(store_report(f->st, f->session, &r), STORE_OK);
	assert_string_equal(r.session.title, "PED-verkosto 2016");
	assert_int_equal(r.session.nsheets, 4);
	assert_string_equal(r.sheets[1].short_name, "oppimis- ja kehittämisverkosto");
	assert_int_equal(r.nphases, 3);
	assert_int_equal(r.phases[1].kind, PHASE_VOTE);
	assert_int_equal(r.phases[1].minutes, 10);
	assert_null(r.phases[2].instructions);
	assert_int_equal(r.nparticipants, 2);
	assert_int_equal(r.participants[0].seq, 1);
	assert_string_equal(r.participants[0].name, "Zoe");
	assert_string_equal(r.participants[1].name, "Adam");
	assert_int_equal(r.nballots, 4);
	int want[4][4] = {  /* participant, sheet, level, dots */
		{ 1, 0, LEVEL_DISAGREE, 1 }, { 1, 2, LEVEL_AGREE, 2 },
		{ 1, 2, LEVEL_UNSURE, 1 }, { 2, 1, LEVEL_NEUTRAL, 1 },
	};
	for (int i = 0; i < 4; i++) {
		assert_int_equal(r.ballots[i].participant, want[i][0]);
		assert_int_equal(r.ballots[i].sheet, want[i][1]);
		assert_int_equal(r.ballots[i].level, want[i][2]);
		assert_int_equal(r.ballots[i].dots, want[i][3]);
	}
	const char *texts[] = { "O on sheet 1", "S second", "S third", "W loose",
				"T first" };
	assert_int_equal(r.nnotes, 5);
	for (int i = 0; i < 5; i++)
		assert_string_equal(r.notes[i].text, texts[i]);
	assert_int_equal(r.notes[0].participant, 1);
	assert_int_equal(r.notes[3].participant, 0);
	assert_int_equal(r.notes[3].quadrant, QUAD_W);
	assert_int_equal(r.tally.total_dots, 5);
	report_free(&r);
}

/* The summary for the tally's text: the session, sheets, participants and
 * tally of the full report, without the ballot cells and notes. */
static void report_summary_leaves_out_ballots(void **state)
{
	struct store_fixture *f = *state;
	struct ballot b;
	int seq;
	struct ballot_note note = { 0, QUAD_S, (char *)"A strength" };
	one_dot(&b, 2, LEVEL_AGREE);
	assert_int_equal(store_ballot_save(f->st, f->session, "Zoe", &b, &note, 1,
					   false, &seq), STORE_OK);
	one_dot(&b, 1, LEVEL_NEUTRAL);
	assert_int_equal(vote(f, "Adam", &b, false, &seq), STORE_OK);
	struct report full, sum;
	assert_int_equal(store_report(f->st, f->session, &full), STORE_OK);
	assert_int_equal(store_report_summary(f->st, f->session, &sum), STORE_OK);
	assert_string_equal(sum.session.title, full.session.title);
	assert_int_equal(sum.session.nsheets, 4);
	assert_string_equal(sum.sheets[3].short_name, full.sheets[3].short_name);
	assert_int_equal(sum.nphases, full.nphases);
	assert_int_equal(sum.nparticipants, 2);
	assert_string_equal(sum.participants[1].name, "Adam");
	assert_int_equal(sum.tally.participants, 2);
	assert_int_equal(sum.tally.total_dots, full.tally.total_dots);
	assert_memory_equal(sum.tally.sheets, full.tally.sheets,
			    4 * sizeof *sum.tally.sheets);
	assert_int_equal(sum.nballots, 0);
	assert_null(sum.ballots);
	assert_int_equal(sum.nnotes, 0);
	report_free(&full);
	report_free(&sum);
	assert_int_equal(store_report_summary(f->st, 999, &sum), STORE_NOT_FOUND);
}

/* A file that is not SQLite is refused and left byte for byte. */
static void non_sqlite_file_refused_untouched(void **state)
{
	struct store_fixture *f = *state;
	const char text[] = "Dear diary, today I voted.\n";
	spit(f->path, text, sizeof text - 1);
	char err[512];
	assert_int_equal(store_open(f->path, &f->st, err, sizeof err), STORE_REFUSED);
	assert_null(f->st);
	char want[256];
	snprintf(want, sizeof want, "“%s” is not a tapla database", f->path);
	assert_non_null(strstr(err, want));
	assert_non_null(strstr(err, "give another file with --db."));
	fixture_assert_bytes(f->path, text, sizeof text - 1);
	char p[160];
	snprintf(p, sizeof p, "%s-wal", f->path);
	assert_false(exists(p));
	assert_int_equal(store_open_readonly(f->path, &f->st, err, sizeof err),
			 STORE_REFUSED);
	/* A damaged file with SQLite's magic is refused too. */
	char junk[4096];
	memset(junk, 0xA5, sizeof junk);
	memcpy(junk, "SQLite format 3", 16);
	spit(f->path, junk, sizeof junk);
	assert_int_not_equal(store_open(f->path, &f->st, err, sizeof err), STORE_OK);
	assert_null(f->st);
	fixture_assert_bytes(f->path, junk, sizeof junk);
}

/* Creates an SQLite file of another program with one table. */
static void make_foreign_db(const char *path, const char *extra_sql)
{
	fixture_exec_raw(path, 0, "CREATE TABLE notes (x TEXT);"
			 "INSERT INTO notes VALUES ('mine');");
	if (extra_sql)
		fixture_exec_raw(path, 0, extra_sql);
}

/* Another program's SQLite database is refused untouched. */
static void foreign_sqlite_refused_untouched(void **state)
{
	struct store_fixture *f = *state;
	const char *extras[] = { NULL, "PRAGMA application_id = 42;",
				 "PRAGMA user_version = 1;" };
	for (size_t i = 0; i < 3; i++) {
		unlink(f->path);
		make_foreign_db(f->path, extras[i]);
		size_t len;
		char *before = files_slurp(f->path, &len);
		char err[512];
		assert_int_equal(store_open(f->path, &f->st, err, sizeof err),
				 STORE_REFUSED);
		assert_non_null(strstr(err, "is not a tapla database"));
		fixture_assert_bytes(f->path, before, len);
		free(before);
	}
}

/* A foreign WAL database with pages still in its -wal: refusing it must
 * not checkpoint them into the main file on close. */
static void foreign_wal_not_checkpointed(void **state)
{
	struct store_fixture *f = *state;
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA journal_mode = WAL;"
				      "CREATE TABLE notes (x TEXT);"
				      "INSERT INTO notes VALUES ('in the wal');",
				      NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_close(db), SQLITE_OK);
	char wal[160];
	snprintf(wal, sizeof wal, "%s-wal", f->path);
	size_t len, wal_len;
	char *before = files_slurp(f->path, &len);
	char *wal_before = files_slurp(wal, &wal_len);
	assert_true(wal_len > 0);
	char err[512];
	assert_int_equal(store_open(f->path, &f->st, err, sizeof err), STORE_REFUSED);
	fixture_assert_bytes(f->path, before, len);
	fixture_assert_bytes(wal, wal_before, wal_len);
	free(before);
	free(wal_before);
}

/* A tapla file at schema version 0 (marked, but empty) is brought up to
 * date by the migration steps. */
static void old_schema_is_migrated(void **state)
{
	struct store_fixture *f = *state;
	fixture_exec_raw(f->path, 0, "PRAGMA application_id = 1414548545");
	char err[512];
	assert_int_equal(store_open(f->path, &f->st, err, sizeof err), STORE_OK);
	assert_int_equal(fixture_query_int(f->st, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	new_session(f->st, false, MODE_WEIGHTED);
}

/* A database from a newer tapla is refused, not downgraded. */
static void newer_schema_refused(void **state)
{
	struct store_fixture *f = *state;
	char err[512];
	assert_int_equal(store_open(f->path, &f->st, err, sizeof err), STORE_OK);
	store_close(f->st);
	f->st = NULL;
	fixture_exec_raw(f->path, 0, "PRAGMA user_version = 99");
	size_t len;
	char *before = files_slurp(f->path, &len);
	assert_int_equal(store_open(f->path, &f->st, err, sizeof err), STORE_REFUSED);
	assert_non_null(strstr(err, "made by a newer tapla"));
	assert_int_equal(store_open_readonly(f->path, &f->st, err, sizeof err),
			 STORE_REFUSED);
	fixture_assert_bytes(f->path, before, len);
	free(before);
}

/* An empty existing file becomes a tapla database. */
static void empty_file_is_initialized(void **state)
{
	struct store_fixture *f = *state;
	spit(f->path, "", 0);
	char err[512];
	assert_int_equal(store_open(f->path, &f->st, err, sizeof err), STORE_OK);
	assert_int_equal(fixture_query_int(f->st, "PRAGMA application_id"),
			 STORE_APPLICATION_ID);
	new_session(f->st, false, MODE_WEIGHTED);
}

/* A folder is not a database. */
static void folder_is_refused(void **state)
{
	struct store_fixture *f = *state;
	char err[512];
	assert_int_equal(store_open(f->dir, &f->st, err, sizeof err), STORE_REFUSED);
	assert_null(f->st);
}

/* Read-only opening never creates and never writes. */
static void readonly_open(void **state)
{
	struct store_fixture *f = *state;
	char err[512];
	assert_int_equal(store_open_readonly(f->path, &f->st, err, sizeof err),
			 STORE_NOT_FOUND);
	assert_non_null(strstr(err, f->path));
	assert_false(exists(f->path));
	assert_int_equal(store_open(f->path, &f->st, err, sizeof err), STORE_OK);
	int64_t id = new_session(f->st, false, MODE_WEIGHTED);
	store_close(f->st);
	assert_int_equal(store_open_readonly(f->path, &f->st, err, sizeof err), STORE_OK);
	struct session s;
	assert_int_equal(store_session_get(f->st, id, &s), STORE_OK);
	rules_session_free(&s);
	struct ballot b;
	int seq;
	one_dot(&b, 0, LEVEL_AGREE);
	assert_int_equal(store_ballot_save(f->st, id, "Anna", &b, NULL, 0, false, &seq),
			 STORE_ERROR);
	assert_true(strlen(store_error(f->st)) > 0);
}

/* Sessions: listed newest first, their live state saved. */
static void session_state_is_saved(void **state)
{
	struct store_fixture *f = *state;
	struct store_new_session o = { "Second", 7, MODE_CLASSIC, false, "en", false, false, 0, NULL, NULL, 0 };
	int64_t id2 = fixture_session(f->st, &o);
	struct session *list;
	size_t n;
	assert_int_equal(store_session_list(f->st, &list, &n), STORE_OK);
	assert_int_equal(n, 2);
	assert_int_equal(list[0].id, id2);
	assert_string_equal(list[0].title, "Second");
	assert_int_equal(list[0].budget, 7);
	assert_int_equal(list[0].mode, MODE_CLASSIC);
	assert_string_equal(list[0].language, "en");
	assert_int_equal(list[1].id, f->session);
	for (size_t i = 0; i < n; i++)
		rules_session_free(&list[i]);
	free(list);
	assert_int_equal(store_session_set_phase(f->st, id2, 2), STORE_OK);
	assert_int_equal(store_session_set_phase(f->st, id2, 3), STORE_REFUSED);
	assert_int_equal(store_session_set_timer(f->st, id2, true, 1234567, 600000),
			 STORE_OK);
	assert_int_equal(store_session_set_revealed(f->st, id2, true), STORE_OK);
	assert_int_equal(store_session_set_pin_hash(f->st, id2, "$y$j9T$salt$hash"),
			 STORE_OK);
	struct session s;
	assert_int_equal(store_session_get(f->st, id2, &s), STORE_OK);
	assert_int_equal(s.phase, 2);
	assert_true(s.timer_running);
	assert_int_equal(s.timer_deadline_ms, 1234567);
	assert_int_equal(s.timer_left_ms, 600000);
	assert_true(s.revealed);
	assert_true(s.has_pin);
	rules_session_free(&s);
	char *hash;
	assert_int_equal(store_session_pin_hash(f->st, id2, &hash), STORE_OK);
	assert_string_equal(hash, "$y$j9T$salt$hash");
	free(hash);
	assert_int_equal(store_session_set_pin_hash(f->st, id2, NULL), STORE_OK);
	assert_int_equal(store_session_pin_hash(f->st, id2, &hash), STORE_OK);
	assert_null(hash);
	struct tpl_phase *ph;
	assert_int_equal(store_session_phases(f->st, id2, &ph, &n), STORE_OK);
	assert_int_equal(n, 3);
	assert_string_equal(ph[0].title, "Pair talk");
	assert_int_equal(ph[2].kind, PHASE_RESULTS);
	store_free_phases(ph, n);
}

/* Wrong PINs are counted one by one with the time of the last; the right
 * PIN, or a PIN set or cleared, starts the count again; an unknown
 * session is NOT_FOUND. */
static void pin_failures_counted(void **state)
{
	struct store_fixture *f = *state;
	int n = -1;
	int64_t at = -1;
	assert_int_equal(store_pin_failures(f->st, f->session, &n, &at), STORE_OK);
	assert_int_equal(n, 0);
	assert_int_equal(at, 0);
	for (int i = 1; i <= 5; i++) {
		assert_int_equal(store_pin_failed(f->st, f->session, 1000 * i, &n), STORE_OK);
		assert_int_equal(n, i);
	}
	assert_int_equal(store_pin_failures(f->st, f->session, &n, &at), STORE_OK);
	assert_int_equal(n, 5);
	assert_int_equal(at, 5000);
	assert_int_equal(store_pin_succeeded(f->st, f->session), STORE_OK);
	assert_int_equal(store_pin_failures(f->st, f->session, &n, &at), STORE_OK);
	assert_int_equal(n, 0);
	assert_int_equal(store_pin_failed(f->st, f->session, 7000, &n), STORE_OK);
	assert_int_equal(store_session_set_pin_hash(f->st, f->session, NULL), STORE_OK);
	assert_int_equal(store_pin_failures(f->st, f->session, &n, &at), STORE_OK);
	assert_int_equal(n, 0);
	assert_int_equal(at, 0);
	assert_int_equal(store_pin_failed(f->st, 999, 1, &n), STORE_NOT_FOUND);
	assert_int_equal(store_pin_failures(f->st, 999, &n, &at), STORE_NOT_FOUND);
}

/* An unknown session id is NOT_FOUND with a sentence, everywhere. */
static void unknown_session_is_not_found(void **state)
{
	struct store_fixture *f = *state;
	struct session s;
	struct tally t;
	struct report r;
	struct ballot b;
	int seq, count;
	bool sig;
	one_dot(&b, 0, LEVEL_AGREE);
	assert_int_equal(store_session_get(f->st, 999, &s), STORE_NOT_FOUND);
	assert_non_null(strstr(store_error(f->st), "999"));
	assert_int_equal(store_tally(f->st, 999, &t), STORE_NOT_FOUND);
	assert_int_equal(store_report(f->st, 999, &r), STORE_NOT_FOUND);
	assert_int_equal(store_ballot_save(f->st, 999, "A", &b, NULL, 0, false, &seq),
			 STORE_NOT_FOUND);
	assert_int_equal(store_vote_count(f->st, 999, &count), STORE_NOT_FOUND);
	assert_int_equal(store_name_signed(f->st, 999, "A", &sig), STORE_NOT_FOUND);
	assert_int_equal(store_session_set_closed(f->st, 999, true), STORE_NOT_FOUND);
	assert_int_equal(store_session_set_phase(f->st, 999, 0), STORE_NOT_FOUND);
	assert_int_equal(store_note_add(f->st, 999, 0, QUAD_S, "x"), STORE_NOT_FOUND);
}

/* Another process holding the write lock gives STORE_BUSY and its
 * sentence (the store's wait is cut to zero here: no timed test). */
static void busy_is_reported(void **state)
{
	struct store_fixture *f = *state;
	sqlite3 *other;
	assert_int_equal(sqlite3_open(f->path, &other), SQLITE_OK);
	assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_busy_timeout(f->st->db, 0), SQLITE_OK);
	struct ballot b;
	int seq;
	one_dot(&b, 0, LEVEL_AGREE);
	assert_int_equal(vote(f, "Anna", &b, false, &seq), STORE_BUSY);
	assert_string_equal(store_error(f->st),
			    "The database is busy in another tapla; try again in a moment.");
	assert_int_equal(sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_close(other), SQLITE_OK);
	assert_int_equal(vote(f, "Anna", &b, false, &seq), STORE_OK);
}

/* data_version moves when another connection commits. */
static void data_version_sees_other_writers(void **state)
{
	struct store_fixture *f = *state;
	int64_t v1, v2, v3;
	assert_int_equal(store_data_version(f->st, &v1), STORE_OK);
	struct store *other;
	char err[512];
	assert_int_equal(store_open(f->path, &other, err, sizeof err), STORE_OK);
	assert_int_equal(store_data_version(f->st, &v2), STORE_OK);
	assert_int_equal(v1, v2);
	struct ballot b;
	int seq;
	one_dot(&b, 0, LEVEL_AGREE);
	assert_int_equal(store_ballot_save(other, f->session, "Anna", &b, NULL, 0,
					   false, &seq), STORE_OK);
	store_close(other);
	assert_int_equal(store_data_version(f->st, &v3), STORE_OK);
	assert_true(v3 != v2);
}

/* Deleting a session takes its rows with it (ON DELETE CASCADE). */
static void session_delete_cascades(void **state)
{
	struct store_fixture *f = *state;
	struct ballot b;
	int seq;
	fixture_seed_ballot(&b);
	struct ballot_note note = { 0, QUAD_S, (char *)"note" };
	assert_int_equal(store_ballot_save(f->st, f->session, "Anna", &b, &note, 1,
					   false, &seq), STORE_OK);
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(f->st->db, "DELETE FROM session WHERE id = ?1",
					    -1, &s, NULL), SQLITE_OK);
	sqlite3_bind_int64(s, 1, f->session);
	assert_int_equal(sqlite3_step(s), SQLITE_DONE);
	sqlite3_finalize(s);
	assert_int_equal(fixture_query_int(f->st, "SELECT (SELECT count(*) FROM dot) +"
				" (SELECT count(*) FROM note) + (SELECT count(*) FROM sheet) +"
				" (SELECT count(*) FROM participant) + (SELECT count(*) FROM phase)"),
			 0);
}

/* $TAPLA_DB, then $XDG_DATA_HOME, then ~/.local/share. */
static void default_path_follows_environment(void **state)
{
	(void)state;
	char buf[256];
	setenv("TAPLA_DB", "/x/my.db", 1);
	setenv("XDG_DATA_HOME", "/xdg", 1);
	setenv("HOME", "/home/u", 1);
	assert_true(store_default_path(buf, sizeof buf));
	assert_string_equal(buf, "/x/my.db");
	unsetenv("TAPLA_DB");
	assert_true(store_default_path(buf, sizeof buf));
	assert_string_equal(buf, "/xdg/tapla/tapla.db");
	unsetenv("XDG_DATA_HOME");
	assert_true(store_default_path(buf, sizeof buf));
	assert_string_equal(buf, "/home/u/.local/share/tapla/tapla.db");
	assert_false(store_default_path(buf, 10));
	unsetenv("HOME");
	assert_false(store_default_path(buf, sizeof buf));
}

/* store_slot: each item it hands out is zeroed, also after the array
 * moved, and the items counted in before keep their contents. */
static void slot_is_zeroed_and_keeps_earlier_items(void **state)
{
	(void)state;
	struct item {
		int64_t n;
		char *text;
	} *arr = NULL;
	size_t cap = 0;
	for (size_t n = 0; n < 100; n++) {
		struct item *it = store_slot((void **)&arr, n, &cap, sizeof *it);
		assert_non_null(it);
		assert_ptr_equal(it, &arr[n]);
		assert_true(cap > n);
		assert_int_equal(it->n, 0);
		assert_null(it->text);
		/* Dirty the room past the item: the next slot must still be
		 * zeroed when it is handed out without a move. */
		memset(it, 0xff, sizeof *it * (cap - n));
		it->n = (int64_t)n;
	}
	for (size_t n = 0; n < 100; n++)
		assert_int_equal(arr[n].n, (int64_t)n);
	free(arr);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FIXTURE_TEST(created_file_is_private),
		FIXTURE_DIR_TEST(private_under_umask_zero),
		FIXTURE_TEST(settings_after_open),
		FIXTURE_TEST(seed_example_is_tallied),
		FIXTURE_TEST(tally_counts_people),
		FIXTURE_TEST(tally_people_per_sheet),
		FIXTURE_TEST(reopen_keeps_everything),
		FIXTURE_TEST(conflict_then_replace_keeps_seq),
		FIXTURE_TEST(equal_names_are_one_signer),
		FIXTURE_TEST(anonymous_refuses_a_name),
		FIXTURE_TEST(named_session_needs_a_name),
		FIXTURE_TEST(over_budget_changes_nothing),
		FIXTURE_TEST(bad_sheets_are_refused),
		FIXTURE_TEST(closed_session_refuses_ballots),
		FIXTURE_TEST(sheet_text_locked_after_a_dot),
		FIXTURE_TEST(report_contents_in_order),
		FIXTURE_TEST(report_summary_leaves_out_ballots),
		FIXTURE_DIR_TEST(non_sqlite_file_refused_untouched),
		FIXTURE_DIR_TEST(foreign_sqlite_refused_untouched),
		FIXTURE_DIR_TEST(foreign_wal_not_checkpointed),
		FIXTURE_DIR_TEST(old_schema_is_migrated),
		FIXTURE_DIR_TEST(newer_schema_refused),
		FIXTURE_DIR_TEST(empty_file_is_initialized),
		FIXTURE_DIR_TEST(folder_is_refused),
		FIXTURE_DIR_TEST(readonly_open),
		FIXTURE_TEST(session_state_is_saved),
		FIXTURE_TEST(pin_failures_counted),
		FIXTURE_TEST(unknown_session_is_not_found),
		FIXTURE_TEST(busy_is_reported),
		FIXTURE_TEST(data_version_sees_other_writers),
		FIXTURE_TEST(session_delete_cascades),
		cmocka_unit_test(default_path_follows_environment),
		cmocka_unit_test(slot_is_zeroed_and_keeps_earlier_items),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
