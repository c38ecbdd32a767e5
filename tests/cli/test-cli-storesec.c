/* Command-line tests of issue 12's store classes through the real binary:
 * merge sources opened strictly read-only and checked (12.6), the
 * database path's owner, mode and symlink (12.8), forget that finishes
 * after a reader lets go (12.10), facilitator settings that never travel
 * by merge (12.11) and the note on hidden results (12.12). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <pwd.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli-pair.h"
#include "proc.h"

/* 12.11: merge --prefer theirs takes the ballots but keeps this laptop's
 * PIN, revealed, closed and the agenda's phase and timer (a results phase
 * shows the results like "revealed"); a session new here arrives without
 * a PIN, hidden, open, at its first phase. */
static void merge_keeps_facilitator_settings(void **state)
{
	struct fixture *f = *state;
	OK(f, f->a, "new", "Seminaari");
	OK(f, f->a, "vote", "1", "--name", "Aino", "1:agree=5");
	OK(f, f->b, "merge", f->a);
	OK(f, f->b, "vote", "1", "--name", "Daniel", "3:agree=1");
	cli_sql(f->b, "UPDATE session SET pin_hash = 'their-pin', revealed = 1,"
		  " closed = '2026-01-01T00:00:00Z', timer_left_ms = 999,"
		  " phase = (SELECT max(idx) FROM phase)");
	cli_sql(f->a, "UPDATE session SET pin_hash = 'my-pin', phase = 1");
	struct cli_run *r = OK(f, f->a, "merge", f->b, "--prefer", "theirs");
	assert_non_null(strstr(r->out, "1 differing session taken"));
	assert_non_null(strstr(OK(f, f->a, "export", "1")->out, "Daniel"));
	assert_sql(f->a, "SELECT pin_hash FROM session", "my-pin");
	assert_sql(f->a, "SELECT revealed FROM session", "0");
	assert_sql(f->a, "SELECT closed FROM session", "(null)");
	assert_sql(f->a, "SELECT phase || ' ' || timer_left_ms FROM session", "1 0");
	/* Their results phase would show the results here: it stays there. */
	r = OK(f, f->a, "tally", "1");
	assert_non_null(strstr(r->err, "the room has not seen these results yet"));
	/* A third laptop gets the session new: no PIN, hidden, open. */
	char c[160];
	snprintf(c, sizeof c, "%s/c.db", f->dir);
	OK(f, c, "merge", f->b);
	assert_sql(c, "SELECT count(*) FROM session", "1");
	assert_sql(c, "SELECT pin_hash FROM session", "(null)");
	assert_sql(c, "SELECT revealed FROM session", "0");
	assert_sql(c, "SELECT closed FROM session", "(null)");
	assert_sql(c, "SELECT phase || ' ' || timer_left_ms FROM session", "0 0");
}

/* 12.12: read commands show hidden results but say on stderr, in one
 * line, that the room has not seen them; revealed or closed: no line. */
static void hidden_results_are_noted(void **state)
{
	struct fixture *f = *state;
	OK(f, f->a, "new", "Sokko");
	OK(f, f->a, "vote", "1", "--name", "Aino", "1:agree=5");
	const char *cmds[][4] = {
		{ "tally", "1", NULL, NULL },
		{ "export", "1", "--format", "csv" },
	};
	struct cli_run *r;
	for (size_t i = 0; i < 2; i++) {
		r = OK(f, f->a, cmds[i][0], cmds[i][1], cmds[i][2], cmds[i][3]);
		assert_non_null(strstr(r->out, "1 participant") ? r->out : strstr(r->out, "Aino"));
		assert_non_null(strstr(r->err, "the room has not seen these results yet"));
		assert_ptr_equal(strchr(r->err, '\n'), r->err + strlen(r->err) - 1);
	}
	/* compare: a line for each hidden session, after the comparison. */
	OK(f, f->a, "new", "Toinen");
	r = OK(f, f->a, "compare", "1", "2");
	assert_non_null(strstr(r->err, "session 1 runs with the results hidden"));
	assert_non_null(strstr(r->err, "session 2 runs with the results hidden"));
	cli_sql(f->a, "UPDATE session SET revealed = 1");
	assert_string_equal(OK(f, f->a, "tally", "1")->err, "");
	assert_string_equal(OK(f, f->a, "export", "1")->err, "");
	cli_sql(f->a, "UPDATE session SET revealed = 0, closed = '2026-01-01T00:00:00Z'");
	assert_string_equal(OK(f, f->a, "tally", "1")->err, "");
}

/* The names in a folder, sorted, a line each. */
static char *listing(const char *dir)
{
	struct dirent **names;
	int n = scandir(dir, &names, NULL, alphasort);
	assert_true(n >= 0);
	char *out = calloc(1, 4096);
	assert_non_null(out);
	for (int i = 0; i < n; i++) {
		if (names[i]->d_name[0] != '.') {
			strncat(out, names[i]->d_name, 4000 - strlen(out));
			strcat(out, "\n");
		}
		free(names[i]);
	}
	free(names);
	return out;
}

/* A source in a folder of its own: path src/b.db. */
static void source_dir(struct fixture *f, char *dir, size_t n, char *db, size_t m)
{
	snprintf(dir, n, "%s/src", f->dir);
	assert_int_equal(mkdir(dir, 0700), 0);
	snprintf(db, m, "%s/b.db", dir);
	OK(f, db, "new", "Toinen");
	OK(f, db, "vote", "1", "--name", "Aino", "1:agree=5");
}

/* 12.6: a source on a read-only folder (0555, file 0444) merges, and
 * nothing appears beside it (no -wal or -shm). As root the modes do not
 * stop a write: the listing is what shows one. */
static void merge_source_read_only(void **state)
{
	struct fixture *f = *state;
	char dir[160], b[192];
	source_dir(f, dir, sizeof dir, b, sizeof b);
	assert_int_equal(chmod(b, 0444), 0);
	assert_int_equal(chmod(dir, 0555), 0);
	char *before = listing(dir);
	assert_string_equal(before, "b.db\n");
	struct cli_run *r = OK(f, f->a, "merge", b);
	assert_string_equal(r->out, "Added 1 session (1 ballot); 0 already here.\n");
	char *after = listing(dir);
	assert_string_equal(after, before);
	free(before);
	free(after);
	assert_non_null(strstr(OK(f, f->a, "export", "1")->out, "Aino"));
}

/* 12.6: a source a tapla has open (its -wal and -shm there) is read with
 * its newest ballot, and nothing more appears beside it. */
static void merge_source_in_use(void **state)
{
	struct fixture *f = *state;
	char dir[160], b[192];
	source_dir(f, dir, sizeof dir, b, sizeof b);
	sqlite3 *h = NULL;  /* another tapla keeping the file open */
	assert_int_equal(sqlite3_open(b, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "SELECT count(*) FROM session", NULL, NULL, NULL),
			 SQLITE_OK);
	OK(f, b, "vote", "1", "--name", "Bertta", "2:agree=3");
	char *before = listing(dir);
	assert_string_equal(before, "b.db\nb.db-shm\nb.db-wal\n");
	struct cli_run *r = OK(f, f->a, "merge", b);
	assert_string_equal(r->out, "Added 1 session (2 ballots); 0 already here.\n");
	char *after = listing(dir);
	assert_string_equal(after, before);
	sqlite3_close(h);
	free(before);
	free(after);
}

/* 12.6: a -wal with data but no -shm (copied after a crash) cannot be
 * read without writing: refused with a sentence, nothing made. */
static void merge_source_torn_wal(void **state)
{
	struct fixture *f = *state;
	char dir[160], b[192], wal[200];
	source_dir(f, dir, sizeof dir, b, sizeof b);
	snprintf(wal, sizeof wal, "%s-wal", b);
	cli_put_file(wal, "a write-ahead log left by a crash");
	char *before = listing(dir);
	struct cli_run *r = TAPLA(f, f->a, "merge", b);
	assert_int_equal(r->status, 2);
	assert_non_null(strstr(r->err, "was not closed cleanly"));
	char *after = listing(dir);
	assert_string_equal(after, before);
	free(before);
	free(after);
}

/* 12.6: a source whose table became a view (a recursive one once added
 * 3,000,000 participants), or that carries a trigger of its own, or a
 * text far longer than tapla writes: refused with a sentence, this
 * database unchanged. */
static void merge_source_crafted(void **state)
{
	struct fixture *f = *state;
	static const char *const crafts[][2] = {
		{ "DROP TABLE note; CREATE VIEW note AS WITH RECURSIVE n(i) AS"
		  " (SELECT 1 UNION ALL SELECT i + 1 FROM n LIMIT 3000000)"
		  " SELECT i AS id, 1 AS session_id, 0 AS sheet_idx, 'S' AS quadrant,"
		  " NULL AS participant_id, 'x' AS text FROM n",
		  "is not as tapla makes it (its schema object “view note” differs)" },
		{ "CREATE TRIGGER mine AFTER INSERT ON note BEGIN SELECT 1; END",
		  "is not as tapla makes it (its schema object “trigger mine” differs)" },
		{ "UPDATE session SET title = printf('%.*c', 300000, 'x')",
		  "holds a text longer than 256 KB" },
	};
	OK(f, f->a, "new", "Oma");
	for (size_t i = 0; i < sizeof crafts / sizeof crafts[0]; i++) {
		unlink(f->b);
		OK(f, f->b, "new", "Toinen");
		OK(f, f->b, "vote", "1", "--name", "Aino", "1:agree=5");
		cli_sql(f->b, crafts[i][0]);
		struct cli_snapshot a = cli_snap(f->a, false);
		struct cli_run *r = TAPLA(f, f->a, "merge", f->b);
		if (r->status != 2 || !strstr(r->err, crafts[i][1]))
			fail_msg("craft %zu: exit %d: %s", i, r->status, r->err);
		cli_assert_unchanged(&a, f->a);
	}
}

/* A uid that is not ours (nobody). */
#define NOBODY 65534

/* A refusal: exit 2, one line holding want; the file's bytes as they were. */
static void assert_refused_db(struct fixture *f, const char *db, const char *want)
{
	struct cli_snapshot before = cli_snap(db, true);
	struct cli_run *r = TAPLA(f, db, "list");
	if (r->status != 2 || !strstr(r->err, want))
		fail_msg("%s: exit %d: %s (want \"%s\")", db, r->status, r->err, want);
	assert_ptr_equal(strchr(r->err, '\n'), r->err + strlen(r->err) - 1);
	r = TAPLA(f, db, "vote", "1", "--name", "Eve", "1:agree=1");
	assert_int_equal(r->status, 2);
	cli_assert_unchanged(&before, db);
}

/* 12.8: a database another user can write (0666, 0620) or owns is
 * refused with what to do; made private again, it works. */
static void database_not_private(void **state)
{
	struct fixture *f = *state;
	OK(f, f->a, "new", "Oma");
	assert_int_equal(chmod(f->a, 0666), 0);
	assert_refused_db(f, f->a, "can be written by other users (mode 0666)");
	if (geteuid() == 0) {  /* a group that is not the user's own */
		assert_int_equal(chown(f->a, 0, NOBODY), 0);
		assert_int_equal(chmod(f->a, 0620), 0);
		assert_refused_db(f, f->a, "chmod 600");
		assert_int_equal(chown(f->a, 0, 0), 0);
		/* The user's own group (root's "root", nobody else in it), as
		 * umask 002 leaves it: that is the user alone. */
		assert_int_equal(chmod(f->a, 0660), 0);
		OK(f, f->a, "list");
	}
	assert_int_equal(chmod(f->a, 0644), 0);  /* readable is the user's choice */
	OK(f, f->a, "list");
	assert_int_equal(chmod(f->a, 0600), 0);
	if (geteuid() != 0)
		return;  /* only root can give a file away */
	assert_int_equal(chown(f->a, NOBODY, NOBODY), 0);
	assert_refused_db(f, f->a, "belongs to another user (uid 65534)");
	assert_int_equal(chown(f->a, getuid(), getgid()), 0);
	OK(f, f->a, "list");
}

/* 12.8: a -wal or -shm planted beside the database by another user (it
 * would receive the names) is refused too. */
static void planted_sidecar(void **state)
{
	struct fixture *f = *state;
	OK(f, f->a, "new", "Oma");
	char wal[160];
	snprintf(wal, sizeof wal, "%s-wal", f->a);
	cli_put_file(wal, "");
	assert_int_equal(chmod(wal, 0666), 0);
	assert_refused_db(f, f->a, "-wal” can be written by other users");
	if (geteuid() == 0) {  /* only root can give a file away */
		assert_int_equal(chmod(wal, 0600), 0);
		assert_int_equal(chown(wal, NOBODY, NOBODY), 0);
		assert_refused_db(f, f->a, "-wal” belongs to another user");
	}
	assert_int_equal(unlink(wal), 0);
	assert_int_equal(symlink("/tmp/elsewhere", wal), 0);
	assert_refused_db(f, f->a, "-wal” is a symbolic link");
	assert_int_equal(unlink(wal), 0);
	OK(f, f->a, "list");
}

/* 12.8: a symbolic link as the database is not followed: refused, the
 * file it points at untouched (also a dangling one: nothing created). */
static void database_symlink(void **state)
{
	struct fixture *f = *state;
	OK(f, f->a, "new", "Oma");
	char link[160];
	snprintf(link, sizeof link, "%s/link.db", f->dir);
	assert_int_equal(symlink(f->a, link), 0);
	assert_refused_db(f, link, "is a symbolic link");
	struct cli_run *r = TAPLA(f, link, "new", "Toinen");
	assert_int_equal(r->status, 2);
	r = OK(f, f->a, "list");
	assert_non_null(strstr(r->out, "Oma"));
	assert_null(strstr(r->out, "Toinen"));
	char dangling[160];
	snprintf(dangling, sizeof dangling, "%s/dangling.db", f->dir);
	assert_int_equal(symlink(f->b, dangling), 0);
	r = TAPLA(f, dangling, "new", "X");
	assert_int_equal(r->status, 2);
	assert_non_null(strstr(r->err, "symbolic link"));
	assert_int_equal(access(f->b, F_OK), -1);
}

/* 12.8: a new database is not made in a folder another user can write
 * (even a sticky one: a planted -wal would get the names) or owns. */
static void new_database_folder(void **state)
{
	struct fixture *f = *state;
	char dir[160], db[192];
	snprintf(dir, sizeof dir, "%s/shared", f->dir);
	snprintf(db, sizeof db, "%s/t.db", dir);
	assert_int_equal(mkdir(dir, 0700), 0);
	static const mode_t modes[] = { 0777, 01777, 0770 };
	for (size_t i = 0; i < 3; i++) {
		if (modes[i] == 0770 && geteuid() != 0)
			continue;  /* needs a group that is not the user's own */
		if (modes[i] == 0770)
			assert_int_equal(chown(dir, 0, NOBODY), 0);
		assert_int_equal(chmod(dir, modes[i]), 0);
		struct cli_run *r = TAPLA(f, db, "new", "X");
		if (r->status != 2 || !strstr(r->err, "can be written by other users"))
			fail_msg("mode %o: exit %d: %s", (unsigned)modes[i], r->status, r->err);
		assert_int_equal(access(db, F_OK), -1);
	}
	assert_int_equal(chmod(dir, 0755), 0);
	assert_int_equal(chown(dir, geteuid(), getegid()), 0);
	if (geteuid() != 0) {  /* only root can give a folder away */
		OK(f, db, "new", "X");
		return;
	}
	assert_int_equal(chown(dir, NOBODY, NOBODY), 0);
	struct cli_run *r = TAPLA(f, db, "new", "X");
	assert_int_equal(r->status, 2);
	assert_non_null(strstr(r->err, "belongs to another user"));
	assert_int_equal(access(db, F_OK), -1);
	assert_int_equal(chown(dir, getuid(), getgid()), 0);
	OK(f, db, "new", "X");
}

/* 12.8: the default path (HOME/.local/share/tapla/tapla.db) is made
 * private and works, twice. */
static void default_path_works(void **state)
{
	struct fixture *f = *state;
	char home[128];
	snprintf(home, sizeof home, "HOME=%s", f->dir);
	const char *env[] = { home, "TAPLA_DB=", "XDG_DATA_HOME=", NULL };
	const struct proc_opts o = { env, NULL, NULL };
	const char *argv[] = { getenv("TAPLA_BINARY"), "new", "Koti", NULL };
	for (int i = 0; i < 2; i++) {
		struct proc_result pr;
		assert_true(proc_run(argv, &o, &pr));
		if (pr.status != 0)
			fail_msg("default path: exit %d: %s", pr.status, pr.err);
		proc_result_free(&pr);
	}
	char db[192];
	snprintf(db, sizeof db, "%s/.local/share/tapla/tapla.db", f->dir);
	struct stat sb;
	assert_int_equal(stat(db, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_sql(db, "SELECT count(*) FROM session", "2");
}

/* Runs tapla --db DB ARGS... with a short lock wait (TAPLA_BUSY_TIMEOUT_MS). */
#define QUICK(f, db, ...) quick((f), (db), (const char *const[]){ __VA_ARGS__, NULL })
static struct cli_run *quick(struct fixture *f, const char *db,
			     const char *const *args)
{
	static const char *const env[] = { "TAPLA_BUSY_TIMEOUT_MS=200", NULL };
	const struct proc_opts o = { env, NULL, NULL };
	struct proc_result pr;
	cli_run_free(&f->r);
	assert_true(proc_tapla(db, args, &o, &pr));
	f->r.status = pr.signal ? 128 + pr.signal : pr.status;
	f->r.out = pr.out;
	f->r.err = pr.err;
	return &f->r;
}

/* 12.10: forget while another connection holds a read snapshot: the name
 * is erased from the sessions at once and the command says honestly that
 * an old copy stays in the journal until the reader lets go; once it
 * has, the next command (any) wipes it from the file and the -wal. */
static void forget_finishes_later(void **state)
{
	struct fixture *f = *state;
	OK(f, f->a, "new", "Seminaari");
	OK(f, f->a, "vote", "1", "--name", "Aino", "1:agree=3");
	OK(f, f->a, "vote", "1", "--name", "Zyxwvut Quill", "2:disagree=4",
	   "--note", "2:T:Qwertyuiop huoli");
	sqlite3 *reader = NULL;
	assert_int_equal(sqlite3_open(f->a, &reader), SQLITE_OK);
	assert_int_equal(sqlite3_exec(reader, "BEGIN; SELECT count(*) FROM participant",
				      NULL, NULL, NULL), SQLITE_OK);
	struct cli_run *r = QUICK(f, f->a, "forget", "1", "--name", "Zyxwvut Quill");
	if (r->status != 0)
		fail_msg("forget: exit %d: %s", r->status, r->err);
	assert_non_null(strstr(r->out, "Forgot Zyxwvut Quill"));
	assert_non_null(strstr(r->err, "an old copy of erased data stays in its journal"));
	assert_ptr_equal(strchr(r->err, '\n'), r->err + strlen(r->err) - 1);
	assert_true(files_db_holds(f->a, "Zyxwvut"));  /* honest: still there */
	/* Asked again while the reader reads: not there, and still said. */
	r = QUICK(f, f->a, "forget", "1", "--name", "Zyxwvut Quill");
	assert_int_equal(r->status, 2);
	assert_non_null(strstr(r->err, "no participant by that name"));
	assert_non_null(strstr(r->err, "stays in its journal"));
	/* The reader lets go but keeps its connection (the -wal stays). */
	assert_int_equal(sqlite3_exec(reader, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
	r = QUICK(f, f->a, "list");
	assert_int_equal(r->status, 0);
	assert_string_equal(r->err, "");
	const char *gone[] = { "Zyxwvut", "zyxwvut", "Qwertyuiop" };
	for (size_t i = 0; i < 3; i++)
		if (files_db_holds(f->a, gone[i]))
			fail_msg("\"%s\" is still in the database or its -wal", gone[i]);
	assert_true(files_db_holds(f->a, "Aino"));
	assert_sql(f->a, "SELECT count(*) FROM erase_pending", "0");
	sqlite3_close(reader);
	assert_non_null(strstr(OK(f, f->a, "tally", "1")->out, "1 participant"));
}

/* Writes text to dir/name; the path goes to out. */
static void write_file(const struct fixture *f, const char *name,
		       const char *text, char *out, size_t n)
{
	snprintf(out, n, "%s/%s", f->dir, name);
	cli_put_file(out, text);
}

/* 12.7: import finds each row's ballot through an index now (it scanned
 * every ballot before): rows of one ballot apart in the file still make
 * one ballot, by number or by name; a name under two numbers and a number
 * under two names are refused naming the line; thousands of ballots
 * (the index grows many times) all arrive. */
static void import_rows_find_their_ballot(void **state)
{
	struct fixture *f = *state;
	OK(f, f->a, "new", "Tuonti");
	char path[192];
	write_file(f, "apart.csv",
		   "participant,name,sheet,level,dots\n"
		   "1,Aino,1,agree,2\n"
		   ",Bertta,2,disagree,1\n"
		   "1,Aino,2,neutral,3\n"
		   ",bertta,3,agree,4\n"
		   "2,Cecilia,4,1,1\n"
		   "1,AINO,4,unsure,1\n",
		   path, sizeof path);
	struct cli_run *r = OK(f, f->a, "import", "1", path);
	assert_string_equal(r->out, "Imported 3 ballots (12 dots) into session 1.\n");
	r = OK(f, f->a, "export", "1", "--format", "csv");
	assert_non_null(strstr(r->out, "Bertta"));
	assert_null(strstr(r->out, "bertta"));
	write_file(f, "twice.csv",
		   "participant,name,sheet,level,dots\n"
		   "1,Daniel,1,agree,2\n"
		   "2,Eero,1,agree,2\n"
		   "3,daniel,2,agree,1\n", path, sizeof path);
	r = TAPLA(f, f->a, "import", "1", path);
	assert_int_equal(r->status, 2);
	assert_non_null(strstr(r->err, "twice.csv:4: daniel is in the file twice, first on line 2"));
	write_file(f, "renamed.csv",
		   "participant,name,sheet,level,dots\n"
		   "7,Fanni,1,agree,2\n"
		   "8,Gustav,1,agree,2\n"
		   "7,Greta,2,agree,1\n", path, sizeof path);
	r = TAPLA(f, f->a, "import", "1", path);
	assert_int_equal(r->status, 2);
	assert_non_null(strstr(r->err, "renamed.csv:4: participant 7 has another name on line 2"));
	/* 3,000 ballots, each in two rows 3,000 rows apart. */
	OK(f, f->a, "new", "Iso", "--anonymous");
	size_t cap = 200000, len = 0;
	char *text = malloc(cap);
	assert_non_null(text);
	len += (size_t)snprintf(text + len, cap - len, "participant,name,sheet,level,dots\n");
	for (int pass = 0; pass < 2; pass++)
		for (int p = 1; p <= 3000; p++)
			len += (size_t)snprintf(text + len, cap - len, "%d,,%d,%d,%d\n",
						p, pass + 1, pass + 1, 2 + pass);
	assert_true(len < cap);
	write_file(f, "big.csv", text, path, sizeof path);
	free(text);
	r = OK(f, f->a, "import", "2", path);
	assert_string_equal(r->out, "Imported 3000 ballots (15000 dots) into session 2.\n");
	assert_non_null(strstr(OK(f, f->a, "tally", "2")->out, "3000 participants, 15000 dots"));
}

/* 12.6/12.8, found by hand: a FIFO as the database or as a merge source
 * is refused at once (it hung the open before); a symbolic link in a
 * folder above the database is fine (only the last component is refused). */
static void fifo_and_linked_folder(void **state)
{
	struct fixture *f = *state;
	char fifo[160], real[160], link[160], db[192];
	snprintf(fifo, sizeof fifo, "%s/fifo.db", f->dir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	OK(f, f->a, "new", "Oma");
	struct cli_run *r = TAPLA(f, f->a, "merge", fifo);
	assert_int_equal(r->status, 2);
	assert_non_null(strstr(r->err, "not a regular file"));
	r = TAPLA(f, fifo, "list");
	assert_int_equal(r->status, 2);
	assert_non_null(strstr(r->err, "not a regular file"));
	snprintf(real, sizeof real, "%s/real", f->dir);
	snprintf(link, sizeof link, "%s/link", f->dir);
	assert_int_equal(mkdir(real, 0700), 0);
	assert_int_equal(symlink(real, link), 0);
	snprintf(db, sizeof db, "%s/t.db", link);
	OK(f, db, "new", "Linkitetty");
	assert_non_null(strstr(OK(f, db, "list")->out, "Linkitetty"));
}

/* In the child: at most 64 MB of data (heap and private mappings). */
static void limit_data(void *arg)
{
	(void)arg;
	struct rlimit rl = { 64 << 20, 64 << 20 };
	if (setrlimit(RLIMIT_DATA, &rl) != 0)
		_exit(125);
}

/* 12.7, found by hand: import held a 772-byte struct ballot per
 * participant (400,000 one-row ballots took 431 MB); it keeps the cells
 * only, so 150,000 ballots import within 64 MB of data. */
static void import_memory_bounded(void **state)
{
#if defined(__SANITIZE_ADDRESS__)
	skip();  /* AddressSanitizer's shadow memory is data too */
#endif
	struct fixture *f = *state;
	OK(f, f->a, "new", "Iso", "--anonymous");
	char path[192];
	snprintf(path, sizeof path, "%s/many.csv", f->dir);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("participant,name,sheet,level,dots\n", fp);
	for (int p = 1; p <= 150000; p++)
		fprintf(fp, "%d,,1,1,1\n", p);
	assert_int_equal(fclose(fp), 0);
	const struct proc_opts o = { NULL, limit_data, NULL };
	const char *args[] = { "import", "1", path, NULL };
	struct proc_result pr;
	assert_true(proc_tapla(f->a, args, &o, &pr));
	if (pr.status != 0)
		fail_msg("import in 64 MB: exit %d: %s", pr.status, pr.err);
	assert_string_equal(pr.out, "Imported 150000 ballots (150000 dots) into session 1.\n");
	proc_result_free(&pr);
}

/* 12.6, found by hand: a -shm beside the source that is a symbolic link
 * (on a stick it may point at any file): SQLite refused it with "unable
 * to open database file" but left an empty -wal beside the source. Now it
 * is refused first with a sentence; nothing is made, the file it points
 * at stays as it was. */
static void merge_source_linked_shm(void **state)
{
	struct fixture *f = *state;
	char dir[160], b[192], shm[200], target[160];
	source_dir(f, dir, sizeof dir, b, sizeof b);
	snprintf(target, sizeof target, "%s/precious.txt", f->dir);
	cli_put_file(target, "precious");
	snprintf(shm, sizeof shm, "%s-shm", b);
	assert_int_equal(symlink(target, shm), 0);
	OK(f, f->a, "new", "Oma");
	char *before = listing(dir);
	struct cli_run *r = TAPLA(f, f->a, "merge", b);
	assert_int_equal(r->status, 2);
	assert_non_null(strstr(r->err, "is not a plain file"));
	char *after = listing(dir);
	assert_string_equal(after, before);
	free(before);
	free(after);
	size_t n;
	char *t = cli_slurp(target, &n);
	assert_non_null(t);
	assert_int_equal(n, 8);
	assert_memory_equal(t, "precious", 8);
	free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		PAIR_TEST(merge_keeps_facilitator_settings),
		PAIR_TEST(hidden_results_are_noted),
		PAIR_TEST(merge_source_read_only),
		PAIR_TEST(merge_source_in_use),
		PAIR_TEST(merge_source_torn_wal),
		PAIR_TEST(merge_source_crafted),
		PAIR_TEST(database_not_private),
		PAIR_TEST(planted_sidecar),
		PAIR_TEST(database_symlink),
		PAIR_TEST(new_database_folder),
		PAIR_TEST(default_path_works),
		PAIR_TEST(forget_finishes_later),
		PAIR_TEST(import_rows_find_their_ballot),
		PAIR_TEST(fifo_and_linked_folder),
		PAIR_TEST(import_memory_bounded),
		PAIR_TEST(merge_source_linked_shm),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
