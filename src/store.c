/* store: opening the database, its schema and migrations, the statement
 * cache and the error sentences (see include/tapla/store.h). The queries
 * live in store-session.c and store-ballot.c. */
#include "store-int.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "tapla/i18n.h"

#define BUSY_TIMEOUT_MS 5000

/* The schema is written against this number: PRAGMA takes no parameter, so
 * the value appears as text in the migration below. */
_Static_assert(STORE_APPLICATION_ID == 1414548545, "application_id literal");

/* One step of the schema: from version `to - 1` to `to`. Each runs in the
 * same transaction as the user_version it sets. */
struct migration {
	int to;
	const char *sql;
};

static const struct migration migrations[] = {
	{ 1,
	  "PRAGMA application_id = 1414548545;"
	  "CREATE TABLE session ("
	  " id INTEGER PRIMARY KEY,"
	  " uuid TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),"
	  " title TEXT NOT NULL,"
	  " template TEXT NOT NULL,"
	  " language TEXT NOT NULL,"
	  " budget INTEGER NOT NULL CHECK (budget BETWEEN 1 AND 99),"
	  " mode TEXT NOT NULL CHECK (mode IN ('weighted', 'classic')),"
	  " anonymous INTEGER NOT NULL CHECK (anonymous IN (0, 1)),"
	  " created TEXT NOT NULL,"
	  " closed TEXT,"
	  " phase INTEGER NOT NULL DEFAULT 0 CHECK (phase >= 0),"
	  " revealed INTEGER NOT NULL DEFAULT 0 CHECK (revealed IN (0, 1)),"
	  " pin_hash TEXT,"
	  " timer_running INTEGER NOT NULL DEFAULT 0"
	  "  CHECK (timer_running IN (0, 1)),"
	  " timer_deadline_ms INTEGER NOT NULL DEFAULT 0,"
	  " timer_left_ms INTEGER NOT NULL DEFAULT 0);"
	  "CREATE TABLE phase ("
	  " session_id INTEGER NOT NULL"
	  "  REFERENCES session (id) ON DELETE CASCADE,"
	  " idx INTEGER NOT NULL CHECK (idx >= 0),"
	  " kind TEXT NOT NULL CHECK (kind IN ('talk', 'vote', 'results')),"
	  " title TEXT NOT NULL,"
	  " instructions TEXT,"
	  " minutes INTEGER NOT NULL DEFAULT 0 CHECK (minutes >= 0),"
	  " PRIMARY KEY (session_id, idx));"
	  "CREATE TABLE sheet ("
	  " session_id INTEGER NOT NULL"
	  "  REFERENCES session (id) ON DELETE CASCADE,"
	  " idx INTEGER NOT NULL CHECK (idx BETWEEN 0 AND 31),"
	  " short_name TEXT NOT NULL,"
	  " statement TEXT NOT NULL,"
	  " help TEXT,"
	  " PRIMARY KEY (session_id, idx));"
	  "CREATE TABLE participant ("
	  " id INTEGER PRIMARY KEY,"
	  " session_id INTEGER NOT NULL"
	  "  REFERENCES session (id) ON DELETE CASCADE,"
	  " seq INTEGER NOT NULL CHECK (seq >= 1),"
	  " name TEXT,"
	  " name_key TEXT,"
	  " signed_at TEXT NOT NULL,"
	  " CHECK ((name IS NULL) = (name_key IS NULL)),"
	  " UNIQUE (session_id, seq),"
	  " UNIQUE (session_id, name_key),"
	  " UNIQUE (id, session_id));"
	  /* session_id is repeated in dot so the tally reads one index range,
	   * already in (sheet, level) order; the two composite keys keep it
	   * equal to the participant's and point at a real sheet. */
	  "CREATE TABLE dot ("
	  " participant_id INTEGER NOT NULL,"
	  " session_id INTEGER NOT NULL,"
	  " sheet_idx INTEGER NOT NULL CHECK (sheet_idx BETWEEN 0 AND 31),"
	  " level INTEGER NOT NULL CHECK (level BETWEEN 0 AND 5),"
	  " dots INTEGER NOT NULL CHECK (dots > 0 AND dots <= 99),"
	  " PRIMARY KEY (participant_id, sheet_idx, level),"
	  " FOREIGN KEY (participant_id, session_id)"
	  "  REFERENCES participant (id, session_id) ON DELETE CASCADE,"
	  " FOREIGN KEY (session_id, sheet_idx)"
	  "  REFERENCES sheet (session_id, idx)) WITHOUT ROWID;"
	  "CREATE INDEX dot_tally ON dot"
	  " (session_id, sheet_idx, level, participant_id, dots);"
	  "CREATE TABLE note ("
	  " id INTEGER PRIMARY KEY,"
	  " session_id INTEGER NOT NULL"
	  "  REFERENCES session (id) ON DELETE CASCADE,"
	  " sheet_idx INTEGER NOT NULL,"
	  " quadrant TEXT NOT NULL CHECK (quadrant IN ('S', 'W', 'O', 'T')),"
	  " participant_id INTEGER"
	  "  REFERENCES participant (id) ON DELETE CASCADE,"
	  " text TEXT NOT NULL CHECK (length(text) > 0),"
	  " FOREIGN KEY (session_id, sheet_idx)"
	  "  REFERENCES sheet (session_id, idx));"
	  "CREATE INDEX note_sheet ON note (session_id, sheet_idx, quadrant, id);"
	  "CREATE INDEX note_participant ON note (participant_id);"
	  "CREATE INDEX session_created ON session (created);"
	  /* A sheet's words are what people voted on: locked at the first dot. */
	  "CREATE TRIGGER sheet_locked"
	  " BEFORE UPDATE OF idx, short_name, statement, help ON sheet"
	  " WHEN EXISTS (SELECT 1 FROM dot"
	  "  WHERE dot.session_id = OLD.session_id AND dot.sheet_idx = OLD.idx)"
	  " BEGIN SELECT RAISE(ABORT, 'the sheet has dots: its text is locked');"
	  " END;"
	  "PRAGMA user_version = 1;" },
	/* Paper and screen together: where each ballot came from and the order
	 * its sheets were shown in; shuffled and rehearsal sessions; the column
	 * totals of paper sheets whose names could not be read. Ballots from
	 * schema 1 were all typed on the command line. */
	{ 2,
	  "ALTER TABLE participant ADD COLUMN source TEXT NOT NULL DEFAULT 'cli'"
	  " CHECK (source IN ('screen', 'cli', 'paper', 'import'));"
	  "ALTER TABLE participant ADD COLUMN sheet_order TEXT"
	  " CHECK (sheet_order IS NULL OR length(sheet_order) BETWEEN 1 AND 96);"
	  "ALTER TABLE session ADD COLUMN shuffle INTEGER NOT NULL DEFAULT 0"
	  " CHECK (shuffle IN (0, 1));"
	  "ALTER TABLE session ADD COLUMN demo INTEGER NOT NULL DEFAULT 0"
	  " CHECK (demo IN (0, 1));"
	  "CREATE TABLE paper_total ("
	  " session_id INTEGER NOT NULL,"
	  " sheet_idx INTEGER NOT NULL CHECK (sheet_idx BETWEEN 0 AND 31),"
	  " level INTEGER NOT NULL CHECK (level BETWEEN 0 AND 5),"
	  " dots INTEGER NOT NULL CHECK (dots > 0 AND dots <= 9999),"
	  " people INTEGER NOT NULL CHECK (people > 0 AND people <= dots),"
	  " PRIMARY KEY (session_id, sheet_idx, level),"
	  " FOREIGN KEY (session_id, sheet_idx)"
	  "  REFERENCES sheet (session_id, idx) ON DELETE CASCADE) WITHOUT ROWID;"
	  "CREATE TABLE paper_sheet ("
	  " session_id INTEGER NOT NULL,"
	  " sheet_idx INTEGER NOT NULL,"
	  " people INTEGER NOT NULL CHECK (people > 0 AND people <= 9999),"
	  " entered_at TEXT NOT NULL,"
	  " PRIMARY KEY (session_id, sheet_idx),"
	  " FOREIGN KEY (session_id, sheet_idx)"
	  "  REFERENCES sheet (session_id, idx) ON DELETE CASCADE) WITHOUT ROWID;"
	  "CREATE INDEX session_demo ON session (demo) WHERE demo = 1;"
	  "CREATE TRIGGER sheet_locked_by_paper"
	  " BEFORE UPDATE OF idx, short_name, statement, help ON sheet"
	  " WHEN EXISTS (SELECT 1 FROM paper_total p"
	  "  WHERE p.session_id = OLD.session_id AND p.sheet_idx = OLD.idx)"
	  " BEGIN SELECT RAISE(ABORT, 'the sheet has dots: its text is locked');"
	  " END;"
	  "PRAGMA user_version = 2;" },
	/* Rounds and groups: a session may be a later round of another
	 * (round, after_uuid: the previous round's uuid, kept through a
	 * merge); its signers may pick a group from the session's list (one
	 * name a line), and a group smaller than group_min is never shown
	 * apart. */
	{ 3,
	  "ALTER TABLE session ADD COLUMN round INTEGER NOT NULL DEFAULT 1"
	  " CHECK (round BETWEEN 1 AND 99);"
	  "ALTER TABLE session ADD COLUMN after_uuid TEXT"
	  " CHECK (after_uuid IS NULL OR length(after_uuid) = 36);"
	  "ALTER TABLE session ADD COLUMN groups TEXT"
	  " CHECK (groups IS NULL OR length(groups) BETWEEN 1 AND 4000);"
	  "ALTER TABLE session ADD COLUMN group_min INTEGER NOT NULL DEFAULT 5"
	  " CHECK (group_min BETWEEN 5 AND 999);"
	  "ALTER TABLE participant ADD COLUMN grp TEXT"
	  " CHECK (grp IS NULL OR length(grp) BETWEEN 1 AND 400);"
	  "CREATE INDEX session_after ON session (after_uuid)"
	  " WHERE after_uuid IS NOT NULL;"
	  "PRAGMA user_version = 3;" },
	/* Phone voting: ballots from phones (source 'phone') and the phone
	 * that sent each, so the same phone may change its own ballot. A CHECK
	 * cannot be altered, so participant is rebuilt (migrate() turns
	 * foreign keys off around the steps and checks them before COMMIT);
	 * its columns, keys and rows stay as they were. */
	{ 4,
	  "CREATE TABLE participant_new ("
	  " id INTEGER PRIMARY KEY,"
	  " session_id INTEGER NOT NULL"
	  "  REFERENCES session (id) ON DELETE CASCADE,"
	  " seq INTEGER NOT NULL CHECK (seq >= 1),"
	  " name TEXT,"
	  " name_key TEXT,"
	  " signed_at TEXT NOT NULL,"
	  " source TEXT NOT NULL DEFAULT 'cli'"
	  "  CHECK (source IN ('screen', 'cli', 'paper', 'import', 'phone')),"
	  " sheet_order TEXT"
	  "  CHECK (sheet_order IS NULL OR length(sheet_order) BETWEEN 1 AND 96),"
	  " grp TEXT CHECK (grp IS NULL OR length(grp) BETWEEN 1 AND 400),"
	  " device TEXT CHECK (device IS NULL OR length(device) = 32),"
	  " CHECK ((name IS NULL) = (name_key IS NULL)),"
	  " UNIQUE (session_id, seq),"
	  " UNIQUE (session_id, name_key),"
	  " UNIQUE (session_id, device),"
	  " UNIQUE (id, session_id));"
	  "INSERT INTO participant_new (id, session_id, seq, name, name_key,"
	  " signed_at, source, sheet_order, grp)"
	  " SELECT id, session_id, seq, name, name_key, signed_at, source,"
	  " sheet_order, grp FROM participant;"
	  "DROP TABLE participant;"
	  "ALTER TABLE participant_new RENAME TO participant;"
	  "PRAGMA user_version = 4;" },
	/* An erase (forget, delete) whose old bytes could not yet be emptied
	 * from the WAL because another connection read an older snapshot:
	 * one row while it is owed; every open retries the checkpoint. */
	{ 5,
	  "CREATE TABLE erase_pending ("
	  " id INTEGER PRIMARY KEY CHECK (id = 1),"
	  " since TEXT NOT NULL);"
	  "PRAGMA user_version = 5;" },
	/* Wrong facilitator PINs in a row and when the last was typed (Unix
	 * ms): the prompt's wait grows with them and survives a restart. They
	 * stay with the file they were typed at (a merge never brings them). */
	{ 6,
	  "ALTER TABLE session ADD COLUMN pin_failures INTEGER NOT NULL DEFAULT 0"
	  " CHECK (pin_failures >= 0);"
	  "ALTER TABLE session ADD COLUMN pin_failed_ms INTEGER NOT NULL DEFAULT 0;"
	  "PRAGMA user_version = 6;" },
	/* The phones' join address while phone voting is open at the
	 * console (with its token: the file is the facilitator's), for the
	 * projector view to show; NULL when closed. Never merged. */
	{ 7,
	  "ALTER TABLE session ADD COLUMN join_url TEXT"
	  " CHECK (join_url IS NULL OR length(join_url) BETWEEN 1 AND 300);"
	  "PRAGMA user_version = 7;" },
	/* Signer keys by look, not by code point (issue 12.3): invisible and
	 * bidi characters dropped and the TR39 confusable skeleton, so stored
	 * names lose their invisible characters (unless nothing would be left)
	 * and every stored key is recomputed with text_name_key. Keys that now
	 * collide (one person signed twice under look-alike names) keep both
	 * ballots: the later signer's key gets an invisible separator (U+2063)
	 * and its number, which no typed name can produce, and the name typed
	 * again finds the first. Keys are parked first because UNIQUE is
	 * checked row by row. */
	{ 8,
	  "UPDATE participant SET name = tapla_visible_name(name)"
	  " WHERE name IS NOT NULL AND tapla_visible_name(name) <> ''"
	  " AND tapla_visible_name(name) <> name;"
	  "CREATE TEMP TABLE rekey (id INTEGER PRIMARY KEY,"
	  " session_id INTEGER NOT NULL, seq INTEGER NOT NULL, key TEXT NOT NULL);"
	  "INSERT INTO temp.rekey SELECT id, session_id, seq,"
	  " coalesce(tapla_name_key(name), name_key)"
	  " FROM participant WHERE name IS NOT NULL;"
	  "CREATE INDEX temp.rekey_key ON rekey (session_id, key, seq);"
	  "UPDATE participant SET name_key = char(8291, 8291) || id"
	  " WHERE name IS NOT NULL;"
	  "UPDATE participant SET name_key = (SELECT r.key ||"
	  "  CASE WHEN EXISTS (SELECT 1 FROM temp.rekey o"
	  "   WHERE o.session_id = r.session_id AND o.key = r.key"
	  "   AND o.seq < r.seq) THEN char(8291) || r.seq ELSE '' END"
	  "  FROM temp.rekey r WHERE r.id = participant.id)"
	  " WHERE name IS NOT NULL;"
	  "DROP TABLE temp.rekey;"
	  "PRAGMA user_version = 8;" },
};

#define NMIGRATIONS (sizeof migrations / sizeof migrations[0])
_Static_assert(NMIGRATIONS == STORE_SCHEMA_VERSION, "one step per version");

const char *store_migration_sql(int to)
{
	for (size_t i = 0; i < NMIGRATIONS; i++)
		if (migrations[i].to == to)
			return migrations[i].sql;
	return NULL;
}

int store_make_schema(sqlite3 *db)
{
	/* The signer-key step calls tapla_name_key and tapla_visible_name. */
	int rc = store_add_name_functions(db);
	for (size_t i = 0; rc == SQLITE_OK && i < NMIGRATIONS; i++)
		rc = sqlite3_exec(db, migrations[i].sql, NULL, NULL, NULL);
	return rc;
}

/* What the header of an existing file says about it. */
enum file_kind {
	FILE_EMPTY,    /* no SQLite content yet: ours to initialize */
	FILE_TAPLA,    /* tapla's, schema version in *version */
	FILE_FOREIGN,  /* SQLite, but another program's */
	FILE_NEWER,    /* tapla's, from a newer tapla */
};

/* Formats a sentence into a caller's buffer (nothing when it has no
 * room); returns s. Every sentence of the store is written here. */
static enum store_status vsay_to(char *err, size_t errlen,
				 enum store_status s, const char *fmt,
				 va_list ap)
{
	if (err && errlen)
		vsnprintf(err, errlen, fmt, ap);
	return s;
}

/* vsay_to for store_open's err, before there is a struct store. */
static enum store_status say_to(char *err, size_t errlen,
				enum store_status s, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static enum store_status say_to(char *err, size_t errlen,
				enum store_status s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	s = vsay_to(err, errlen, s, fmt, ap);
	va_end(ap);
	return s;
}

enum store_status store_say(struct store *st, enum store_status s,
			    const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	s = vsay_to(st->err, sizeof st->err, s, fmt, ap);
	va_end(ap);
	return s;
}

/* The out-of-memory sentence, into a caller's buffer. */
static enum store_status nomem_to(char *err, size_t errlen)
{
	return say_to(err, errlen, STORE_ERROR,
		      _("Out of memory: close other programs and try again."));
}

enum store_status store_nomem(struct store *st)
{
	return nomem_to(st->err, sizeof st->err);
}

/* A write that failed because no room is left: the disk or quota is full,
 * or the file size limit is reached. SQLite reports some as I/O errors. */
static bool out_of_room(int rc, int sys_errno)
{
	if ((rc & 0xff) == SQLITE_FULL)
		return true;
	return (rc & 0xff) == SQLITE_IOERR &&
	       (sys_errno == ENOSPC || sys_errno == EDQUOT || sys_errno == EFBIG);
}

/* What a failure with SQLite's primary code `code` (not NOMEM) says:
 * "%s" the file, then "%s" SQLite's (or the system's) own words. */
static const char *failure_format(int code)
{
	switch (code) {
	case SQLITE_FULL:
		return _("The disk holding “%s” is full (%s): free some space and try again.");
	case SQLITE_READONLY:
	case SQLITE_PERM:
	case SQLITE_CANTOPEN:
	case SQLITE_AUTH:
		return _("The database “%s” cannot be written (%s): check the permissions of the file and its folder.");
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return _("The database “%s” is damaged (%s): restore it from a backup or give another file with --db.");
	case SQLITE_IOERR:
		return _("Reading or writing “%s” failed (%s): check the disk and try again.");
	default:
		return _("The database “%s” failed (%s): try again, and report it if it keeps failing.");
	}
}

/* The sentence for an SQLite failure: what happened and what to do.
 * sys_errno is the system's error number behind it (0 if none). */
static void describe_failure(int rc, int sys_errno, const char *path,
			     const char *msg, char *err, size_t errlen)
{
	if (out_of_room(rc, sys_errno) && (rc & 0xff) == SQLITE_IOERR) {
		rc = SQLITE_FULL;
		msg = strerror(sys_errno);  /* "File too large", not "I/O error" */
	}
	if ((rc & 0xff) == SQLITE_NOMEM)
		nomem_to(err, errlen);
	else
		say_to(err, errlen, STORE_ERROR, failure_format(rc & 0xff), path,
		       msg);
}

/* Busy beyond the timeout has its own status: the user may simply retry. */
static bool is_busy(int rc)
{
	return (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED;
}

enum store_status store_fail(struct store *st, int rc)
{
	if (is_busy(rc))
		return store_say(st, STORE_BUSY,
				 _("The database is busy in another tapla; try again in a moment."));
	describe_failure(rc, sqlite3_system_errno(st->db), st->path,
			 sqlite3_errmsg(st->db), st->err,
			 sizeof st->err);
	return STORE_ERROR;
}

sqlite3_stmt *store_stmt(struct store *st, enum store_stmt_id id,
			 const char *sql)
{
	sqlite3_stmt **s = &st->stmt[id];
	if (*s) {
		/* The previous run's outcome was handled when it ran. */
		(void)sqlite3_reset(*s);
		int rc = sqlite3_clear_bindings(*s);
		if (rc != SQLITE_OK) {
			store_fail(st, rc);
			return NULL;
		}
		return *s;
	}
	int rc = sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
				    s, NULL);
	if (rc != SQLITE_OK) {
		store_fail(st, rc);
		sqlite3_finalize(*s);
		*s = NULL;
		return NULL;
	}
	return *s;
}

enum store_status store_exec(struct store *st, sqlite3_stmt *s)
{
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		;
	enum store_status r = rc == SQLITE_DONE ? STORE_OK : store_fail(st, rc);
	(void)sqlite3_reset(s);  /* its error, if any, is reported above */
	return r;
}

/* Binds one value to parameter i of s; false with the sentence set. */
static bool bind_val(struct store *st, sqlite3_stmt *s, int i,
		     const struct store_val *v)
{
	int rc;
	if (v->kind == STORE_VAL_TEXT && v->t)
		rc = sqlite3_bind_text(s, i, v->t, -1, SQLITE_TRANSIENT);
	else if (v->kind == STORE_VAL_INT || (v->kind == STORE_VAL_ID && v->i))
		rc = sqlite3_bind_int64(s, i, v->i);
	else
		rc = sqlite3_bind_null(s, i);
	if (rc != SQLITE_OK) {
		store_fail(st, rc);
		return false;
	}
	return true;
}

sqlite3_stmt *store_query(struct store *st, enum store_stmt_id id,
			  const char *sql, const struct store_val *vals,
			  size_t n)
{
	sqlite3_stmt *s = store_stmt(st, id, sql);
	for (size_t i = 0; s && i < n; i++)
		if (!bind_val(st, s, (int)i + 1, &vals[i]))
			return NULL;
	return s;
}

enum store_status store_run(struct store *st, enum store_stmt_id id,
			    const char *sql, const struct store_val *vals,
			    size_t n)
{
	sqlite3_stmt *s = store_query(st, id, sql, vals, n);
	return s ? store_exec(st, s) : STORE_ERROR;
}

enum store_status store_one(struct store *st, sqlite3_stmt *s,
			    store_row_fn *row, void *arg, bool *found)
{
	if (found)
		*found = false;
	if (!s)
		return STORE_ERROR;
	int rc = sqlite3_step(s);
	bool ok = true;
	if (rc == SQLITE_ROW) {
		if (found)
			*found = true;
		ok = !row || row(s, arg);
		/* To the end: an UPDATE ... RETURNING is done only there. */
		while (ok && (rc = sqlite3_step(s)) == SQLITE_ROW)
			;
	}
	(void)sqlite3_reset(s);  /* rc is handled below */
	if (!ok)
		return store_nomem(st);
	return rc == SQLITE_DONE ? STORE_OK : store_fail(st, rc);
}

enum store_status store_session_row(struct store *st, sqlite3_stmt *s,
				    int64_t id, store_row_fn *row, void *arg)
{
	bool found = false;
	enum store_status r = store_one(st, s, row, arg, &found);
	return r == STORE_OK && !found ? store_no_session(st, id) : r;
}

enum store_status store_each(struct store *st, sqlite3_stmt *s,
			     store_row_fn *row, void *arg)
{
	if (!s)
		return STORE_ERROR;
	int rc = SQLITE_DONE;
	bool ok = true;
	while (ok && (rc = sqlite3_step(s)) == SQLITE_ROW)
		ok = row(s, arg);
	(void)sqlite3_reset(s);  /* rc is handled below */
	if (!ok)
		return store_nomem(st);
	return rc == SQLITE_DONE ? STORE_OK : store_fail(st, rc);
}

bool store_int64_row(sqlite3_stmt *s, void *out)
{
	*(int64_t *)out = sqlite3_column_int64(s, 0);
	return true;
}

bool store_int_row(sqlite3_stmt *s, void *out)
{
	*(int *)out = sqlite3_column_int(s, 0);
	return true;
}

bool store_bool_row(sqlite3_stmt *s, void *out)
{
	*(bool *)out = sqlite3_column_int(s, 0) != 0;
	return true;
}

bool store_text_row(sqlite3_stmt *s, void *out)
{
	bool ok = true;
	*(char **)out = store_column_dup(s, 0, &ok);
	return ok;
}

char *store_column_dup(sqlite3_stmt *s, int col, bool *ok)
{
	const unsigned char *t = sqlite3_column_text(s, col);
	if (!t) {
		if (sqlite3_column_type(s, col) != SQLITE_NULL)
			*ok = false;  /* the conversion ran out of memory */
		return NULL;
	}
	char *copy = strdup((const char *)t);
	if (!copy)
		*ok = false;
	return copy;
}

/* Shared by the readers of one text setting of a session. */
enum store_status store_session_text(struct store *st, sqlite3_stmt *s,
				     int64_t id, char **out)
{
	*out = NULL;
	if (s && !bind_val(st, s, 1, &STORE_INT(id)))
		return STORE_ERROR;
	return store_session_row(st, s, id, store_text_row, out);
}

void store_now_iso(char out[32])
{
	time_t now = time(NULL);
	struct tm tm;
	if (now == (time_t)-1 || !gmtime_r(&now, &tm) ||
	    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		strcpy(out, "1970-01-01T00:00:00Z");
}

/* Runs one of the four cached transaction statements. */
static enum store_status run_fixed(struct store *st, enum store_stmt_id id,
				   const char *sql)
{
	sqlite3_stmt *s = store_stmt(st, id, sql);
	if (!s)
		return is_busy(sqlite3_errcode(st->db)) ? STORE_BUSY : STORE_ERROR;
	return store_exec(st, s);
}

enum store_status store_begin_read(struct store *st)
{
	return run_fixed(st, STMT_BEGIN_READ, "BEGIN DEFERRED");
}

enum store_status store_begin_write(struct store *st)
{
	return run_fixed(st, STMT_BEGIN_WRITE, "BEGIN IMMEDIATE");
}

/* Resets every cached statement so none holds the transaction open. */
static void reset_all(struct store *st)
{
	for (int i = 0; i < STMT_COUNT; i++)
		if (st->stmt[i] && i != STMT_COMMIT && i != STMT_ROLLBACK)
			(void)sqlite3_reset(st->stmt[i]);
}

enum store_status store_end(struct store *st, enum store_status s)
{
	reset_all(st);
	if (sqlite3_get_autocommit(st->db))
		return s;  /* SQLite rolled back already (e.g. disk full) */
	if (s == STORE_OK) {
		enum store_status c = run_fixed(st, STMT_COMMIT, "COMMIT");
		if (c == STORE_OK)
			return STORE_OK;
		s = c;
	}
	/* Keep the first failure's sentence; the rollback's own is lost. */
	char keep[sizeof st->err];
	memcpy(keep, st->err, sizeof keep);
	if (!sqlite3_get_autocommit(st->db))
		run_fixed(st, STMT_ROLLBACK, "ROLLBACK");
	memcpy(st->err, keep, sizeof keep);
	return s;
}

bool store_default_path(char *buf, size_t n)
{
	const char *db = getenv("TAPLA_DB");
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	int w;
	if (db && *db)
		w = snprintf(buf, n, "%s", db);
	else if (xdg && xdg[0] == '/')  /* the XDG spec ignores relative ones */
		w = snprintf(buf, n, "%s/tapla/tapla.db", xdg);
	else if (home && *home)
		w = snprintf(buf, n, "%s/.local/share/tapla/tapla.db", home);
	else
		return false;
	return w > 0 && (size_t)w < n;
}

void store_close(struct store *st)
{
	if (!st)
		return;
	for (int i = 0; i < STMT_COUNT; i++)
		sqlite3_finalize(st->stmt[i]);
	/* With every statement finalized, close cannot be refused. */
	sqlite3_close_v2(st->db);
	free(st->path);
	free(st);
}

const char *store_error(const struct store *st)
{
	return st ? st->err : "";
}

const char *store_file(const struct store *st)
{
	const char *f = st ? sqlite3_db_filename(st->db, "main") : NULL;
	return f && *f ? f : (st ? st->path : NULL);
}

/* The folder `path` is in: "." for a bare name, "/" at the top. NULL on
 * no memory. */
static char *folder_of(const char *path)
{
	char *dir = strdup(path);
	char *slash = dir ? strrchr(dir, '/') : NULL;
	if (!dir)
		return NULL;
	if (!slash)
		strcpy(dir, ".");
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	return dir;
}

/* Creates folder `dir` (folder_of the database) and those above it where
 * missing, private (0700): from the top down, the part before each "/"
 * and then the whole folder. */
static enum store_status make_folders(char *dir, char *err, size_t errlen)
{
	enum store_status s = STORE_OK;
	size_t n = strlen(dir);
	for (size_t i = 1; s == STORE_OK && i <= n; i++) {
		char c = dir[i];
		if (c != '/' && c != '\0')
			continue;
		dir[i] = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST)
			s = say_to(err, errlen, STORE_ERROR,
				   _("Cannot create the folder “%s” (%s): create it yourself or give another file with --db."),
				   dir, strerror(errno));
		dir[i] = c;
	}
	return s;
}

/* The refusal of a symbolic link in the database's place. */
static enum store_status refuse_link(const char *path, char *err,
				     size_t errlen)
{
	return say_to(err, errlen, STORE_REFUSED,
		      _("“%s” is a symbolic link, which tapla does not follow for a database (it could point anywhere): give the real file with --db."),
		      path);
}

/* The database could not be read (errno e). */
static enum store_status cannot_read(const char *path, int e, char *err,
				     size_t errlen)
{
	return say_to(err, errlen, STORE_ERROR,
		      _("Cannot read the database “%s” (%s): check its permissions or give another file with --db."),
		      path, strerror(e));
}

/* The refusal of a file that is not tapla's: nothing was written to it. */
static enum store_status not_ours(const char *path, const char *why,
				  char *err, size_t errlen)
{
	return say_to(err, errlen, STORE_REFUSED,
		      _("“%s” is not a tapla database (%s): give another file with --db."),
		      path, why);
}

/* May this process trust a file or folder with that owner? Its own, or
 * root's (who can read everything anyway). */
static bool trusted_owner(uid_t uid)
{
	return uid == geteuid() || uid == 0;
}

/* Is gid this user's own group, with nobody else listed in it? (Debian
 * and Ubuntu give each user a group of their own and, with it, umask 002:
 * "group-writable" then means writable by that user alone.) */
static bool private_group(gid_t gid)
{
	if (gid != getegid())
		return false;
	struct passwd *pw = getpwuid(geteuid());
	struct group *gr = getgrgid(gid);
	if (!pw || !gr || strcmp(gr->gr_name, pw->pw_name) != 0)
		return false;
	for (char **m = gr->gr_mem; *m; m++)
		if (strcmp(*m, pw->pw_name) != 0)
			return false;
	return true;
}

/* Can another user write a file or folder with these bits and group? */
static bool others_can_write(const struct stat *sb)
{
	return (sb->st_mode & S_IWOTH) ||
	       ((sb->st_mode & S_IWGRP) && !private_group(sb->st_gid));
}

/* A file (or with `folder`, the folder of a new database) that another
 * user owns or can write is refused: they could read or change the names. */
static enum store_status check_owner(const char *name, const struct stat *sb,
				     bool folder, char *err, size_t errlen)
{
	if (!trusted_owner(sb->st_uid))
		return say_to(err, errlen, STORE_REFUSED, folder ?
			      _("The folder “%s” belongs to another user (uid %u), who could read the new database: create it in a folder of your own (give another file with --db).") :
			      _("“%s” belongs to another user (uid %u), who could read every name in it: use a database of your own (give another file with --db)."),
			      name, (unsigned)sb->st_uid);
	if (others_can_write(sb))
		return say_to(err, errlen, STORE_REFUSED, folder ?
			      _("The folder “%s” can be written by other users (mode %04o), who could read the new database: create it in a folder of your own (give another file with --db).") :
			      _("“%s” can be written by other users (mode %04o), who could read or change every name in it: make it private with chmod 600, or give another file with --db."),
			      name, (unsigned)(sb->st_mode & 07777));
	return STORE_OK;
}

/* The database (or its -wal, -shm, -journal) must be a regular file of
 * this user's that nobody else can write: else another user could read or
 * change every name in it. */
static enum store_status check_private(const char *path, const struct stat *sb,
				       char *err, size_t errlen)
{
	if (S_ISLNK(sb->st_mode))
		return refuse_link(path, err, errlen);
	if (!S_ISREG(sb->st_mode))
		return not_ours(path, _("not a regular file"), err, errlen);
	return check_owner(path, sb, false, err, errlen);
}

/* The files SQLite keeps beside the database: each, if there, must be as
 * private as the database itself (one planted by another user would
 * receive the names). */
static enum store_status check_sidecars(const char *path, char *err,
					size_t errlen)
{
	static const char *const suffix[] = { "-wal", "-shm", "-journal" };
	for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
		char name[4096];
		struct stat sb;
		if (snprintf(name, sizeof name, "%s%s", path, suffix[i]) >=
		    (int)sizeof name)
			continue;  /* SQLite cannot open such a name either */
		if (lstat(name, &sb) != 0)
			continue;
		enum store_status s = check_private(name, &sb, err, errlen);
		if (s != STORE_OK)
			return s;
	}
	return STORE_OK;
}

/* A new database must land in a folder (`dir`) of this user's that nobody
 * else can write: another user there could plant its -wal or -shm, or
 * swap it. */
static enum store_status check_folder(const char *dir, char *err,
				      size_t errlen)
{
	struct stat sb;
	/* If stat fails, creating the file will say what is wrong. */
	if (stat(dir, &sb) != 0)
		return STORE_OK;
	return check_owner(dir, &sb, true, err, errlen);
}

/* Creates a new private database file in its folder `dir`; *created
 * tells whether it was new. An existing file is left alone here. */
static enum store_status create_file(const char *path, const char *dir,
				     bool *created, char *err, size_t errlen)
{
	*created = false;
	struct stat sb;
	if (lstat(path, &sb) == 0)
		return STORE_OK;  /* check_magic checks what is there */
	enum store_status s = check_folder(dir, err, errlen);
	if (s != STORE_OK)
		return s;
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		      0600);
	if (fd < 0 && errno == EEXIST)
		return STORE_OK;
	if (fd < 0)
		return say_to(err, errlen, STORE_ERROR,
			      _("Cannot create the database “%s” (%s): check the folder's permissions or give another file with --db."),
			      path, strerror(errno));
	*created = true;
	/* 0600 whatever the umask: names are personal data. */
	const char *fail = NULL;
	int e = 0;
	if (fchmod(fd, 0600) != 0) {
		e = errno;
		fail = _("Cannot make the database “%s” private (%s): check the file system.");
	}
	if (close(fd) != 0 && !fail) {
		e = errno;
		fail = _("Cannot create the database “%s” (%s): check the disk.");
	}
	if (!fail)
		return STORE_OK;
	unlink(path);
	return say_to(err, errlen, STORE_ERROR, fail, path, strerror(e));
}

/* Reads the first bytes ourselves, so SQLite never touches a file that is
 * not SQLite at all (an empty file is ours to initialize). With `own`
 * (the user's own database, not a merge source) a symbolic link is not
 * followed and the file must be private (check_private); *seen gets what
 * was checked, to make sure SQLite opened that same file. */
static enum store_status check_magic(const char *path, bool own,
				     struct stat *seen, char *err,
				     size_t errlen)
{
	static const char magic[16] = "SQLite format 3";  /* with its NUL */
	char head[16];
	/* O_NONBLOCK: a FIFO in its place must not hang the open. */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK |
			    (own ? O_NOFOLLOW : 0));
	if (fd < 0 && own && errno == ELOOP)
		return refuse_link(path, err, errlen);
	if (fd < 0)
		return cannot_read(path, errno, err, errlen);
	struct stat sb;
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return not_ours(path, _("not a regular file"), err, errlen);
	}
	*seen = sb;
	enum store_status mine = own ? check_private(path, &sb, err, errlen)
				     : STORE_OK;
	if (mine == STORE_OK && own)
		mine = check_sidecars(path, err, errlen);
	if (mine != STORE_OK) {
		close(fd);
		return mine;
	}
	ssize_t got = 0;
	while (got < (ssize_t)sizeof head) {
		ssize_t r = read(fd, head + got, sizeof head - (size_t)got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += r;
	}
	close(fd);
	if (got == 0 || (got == (ssize_t)sizeof head &&
			 memcmp(head, magic, sizeof magic) == 0))
		return STORE_OK;
	return not_ours(path, _("not an SQLite file"), err, errlen);
}

/* Runs a single-value read query (a PRAGMA or a count). */
static int read_int(sqlite3 *db, const char *sql, int64_t *out)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(db, sql, -1, &s, NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(s);
		if (rc == SQLITE_ROW) {
			*out = sqlite3_column_int64(s, 0);
			rc = SQLITE_OK;
		} else if (rc == SQLITE_DONE) {
			rc = SQLITE_ERROR;
		}
	}
	sqlite3_finalize(s);
	return rc;
}

/* Classifies an open file by application_id, user_version and whether it
 * holds any table; only reads. */
static int classify(sqlite3 *db, enum file_kind *kind, int *version)
{
	int64_t app = 0, ver = 0, objects = 0;
	int rc = read_int(db, "PRAGMA application_id", &app);
	if (rc == SQLITE_OK)
		rc = read_int(db, "PRAGMA user_version", &ver);
	if (rc == SQLITE_OK)
		rc = read_int(db, "SELECT count(*) FROM sqlite_master", &objects);
	if (rc != SQLITE_OK)
		return rc;
	*version = (int)ver;
	if (app == 0 && ver == 0 && objects == 0)
		*kind = FILE_EMPTY;
	else if (app != STORE_APPLICATION_ID)
		*kind = FILE_FOREIGN;
	else if (ver > STORE_SCHEMA_VERSION)
		*kind = FILE_NEWER;
	else
		*kind = FILE_TAPLA;
	return SQLITE_OK;
}

/* The sentence for a file classify() did not accept. */
static enum store_status refuse_kind(const char *path, enum file_kind kind,
				     int version, char *err, size_t errlen)
{
	if (kind == FILE_FOREIGN)
		return not_ours(path, _("another program's SQLite database"),
				err, errlen);
	return say_to(err, errlen, STORE_REFUSED,
		      _("“%s” was made by a newer tapla (schema %d, this tapla knows %d): update tapla or give another file with --db."),
		      path, version, STORE_SCHEMA_VERSION);
}

/* How long to wait for another tapla's lock: BUSY_TIMEOUT_MS, or
 * $TAPLA_BUSY_TIMEOUT_MS (0 to 600000) so tests need not wait 5 s. */
static int busy_timeout_ms(void)
{
	const char *v = getenv("TAPLA_BUSY_TIMEOUT_MS");
	if (!v || !*v)
		return BUSY_TIMEOUT_MS;
	char *end;
	errno = 0;
	long ms = strtol(v, &end, 10);
	if (errno || *end || ms < 0 || ms > 600000)
		return BUSY_TIMEOUT_MS;
	return (int)ms;
}

/* Monotonic milliseconds, for the lock wait. */
static long long monotonic_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* SQLite's busy handler once a stop flag is set: waits in short sleeps
 * (a signal ends one early) up to the timeout, and gives up at once when
 * the flag is raised. */
static int busy_wait(void *arg, int count)
{
	struct store *st = arg;
	long long now = monotonic_ms();
	if (count == 0)
		st->wait_start_ms = now;
	long long left = st->busy_ms - (now - st->wait_start_ms);
	if ((st->stop && *st->stop) || left <= 0)
		return 0;
	sqlite3_sleep(left < 10 ? (int)left : 10);
	return !(st->stop && *st->stop);
}

void store_stop_waits_on(struct store *st, const volatile sig_atomic_t *stop)
{
	st->stop = stop;
	st->busy_ms = busy_timeout_ms();
	if (stop)
		sqlite3_busy_handler(st->db, busy_wait, st);
	else
		sqlite3_busy_timeout(st->db, st->busy_ms);
}

/* Turns on the settings that are not written to the file. */
static int connection_settings(sqlite3 *db)
{
	int rc = sqlite3_busy_timeout(db, busy_timeout_ms());
	if (rc == SQLITE_OK)
		rc = sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0,
				       NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_FKEY, 1, NULL);
	/* A refused file must not even be checkpointed when we close it. */
	if (rc == SQLITE_OK)
		rc = sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1,
				       NULL);
	return rc;
}

/* WAL and synchronous=FULL: a confirmed ballot survives a power cut. */
static int durable_settings(sqlite3 *db)
{
	int rc = sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0,
				   NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "PRAGMA journal_mode = WAL", NULL, NULL,
				  NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "PRAGMA synchronous = FULL", NULL, NULL,
				  NULL);
	return rc;
}

/* Counts the rows of PRAGMA foreign_key_check (as a callback). */
static int count_row(void *arg, int ncols, char **vals, char **names)
{
	(void)ncols;
	(void)vals;
	(void)names;
	++*(int *)arg;
	return 0;
}

/* A migration that rebuilt a table left every reference whole:
 * SQLITE_CONSTRAINT if not. */
static int foreign_keys_hold(sqlite3 *db)
{
	int broken = 0;
	int rc = sqlite3_exec(db, "PRAGMA foreign_key_check", count_row,
			      &broken, NULL);
	if (rc == SQLITE_OK && broken > 0)
		rc = SQLITE_CONSTRAINT;
	return rc;
}

/* Brings the schema up to STORE_SCHEMA_VERSION, one step at a time, in one
 * transaction; re-reads the version under the lock in case another tapla
 * migrated first. */
static int migrate(sqlite3 *db, int *refused_version)
{
	/* A step may rebuild a table: no cascades while it is dropped (the
	 * setting is ignored inside a transaction, so it goes first). */
	int rc = sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_FKEY, 0, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_FKEY, 1, NULL);
		return rc;
	}
	enum file_kind kind;
	int version = 0;
	rc = classify(db, &kind, &version);
	if (rc == SQLITE_OK && (kind == FILE_FOREIGN || kind == FILE_NEWER)) {
		*refused_version = kind == FILE_NEWER ? version : -1;
		rc = SQLITE_ABORT;
	}
	for (size_t i = 0; rc == SQLITE_OK && i < NMIGRATIONS; i++)
		if (migrations[i].to > version)
			rc = sqlite3_exec(db, migrations[i].sql, NULL, NULL,
					  NULL);
	if (rc == SQLITE_OK)
		rc = foreign_keys_hold(db);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK && !sqlite3_get_autocommit(db))
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	int fk = sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_FKEY, 1, NULL);
	return rc != SQLITE_OK ? rc : fk;
}

/* Makes the struct store around an open connection. */
static enum store_status wrap(sqlite3 *db, const char *path,
			      struct store **out, char *err, size_t errlen)
{
	struct store *st = calloc(1, sizeof *st);
	char *p = strdup(path);
	if (!st || !p) {
		free(st);
		free(p);
		sqlite3_close_v2(db);
		return nomem_to(err, errlen);
	}
	st->db = db;
	st->path = p;
	*out = st;
	return STORE_OK;
}

/* Opens a connection; relative names get "./" so none is taken as a URI. */
static int open_db(const char *path, int flags, sqlite3 **db)
{
	char *name = malloc(strlen(path) + 3);
	if (!name)
		return SQLITE_NOMEM;
	sprintf(name, "%s%s", path[0] == '/' ? "" : "./", path);
	int rc = sqlite3_open_v2(name, db, flags, NULL);
	free(name);
	return rc;
}

/* The sentence for a failure of connection `db` (or of opening it), which
 * is then closed. */
static enum store_status fail_open(sqlite3 *db, int rc, const char *path,
				   char *err, size_t errlen)
{
	if (is_busy(rc))
		say_to(err, errlen, STORE_BUSY,
		       _("The database is busy in another tapla; try again in a moment."));
	else
		describe_failure(rc, db ? sqlite3_system_errno(db) : 0, path,
				 db ? sqlite3_errmsg(db) : sqlite3_errstr(rc),
				 err, errlen);
	sqlite3_close_v2(db);
	return is_busy(rc) ? STORE_BUSY : STORE_ERROR;
}

/* SQLite opens by name: after it has (check_kind read the file), the
 * name must still be the private regular file checked before (`seen`;
 * NULL for one just created), not a symbolic link swapped in meanwhile.
 * (SQLite's own NOFOLLOW flag would refuse a link anywhere in the path,
 * also a linked home folder; only the last component is refused here.)
 * Closes db on refusal. */
static enum store_status check_same(sqlite3 *db, const char *path,
				    const struct stat *seen, char *err,
				    size_t errlen)
{
	struct stat now;
	enum store_status s = STORE_OK;
	if (lstat(path, &now) != 0)
		s = cannot_read(path, errno, err, errlen);
	else if (seen && (now.st_dev != seen->st_dev || now.st_ino != seen->st_ino))
		s = say_to(err, errlen, STORE_REFUSED,
			   _("“%s” was replaced while tapla opened it: make sure nobody else can write its folder, then try again."),
			   path);
	else
		s = check_private(path, &now, err, errlen);
	if (s != STORE_OK)
		sqlite3_close_v2(db);
	return s;
}

/* Checks an opened file before anything is written to it. */
static enum store_status check_kind(sqlite3 *db, const char *path,
				    bool readonly, char *err, size_t errlen)
{
	enum file_kind kind;
	int version = 0;
	int rc = classify(db, &kind, &version);
	if (rc != SQLITE_OK)
		return fail_open(db, rc, path, err, errlen);
	if (kind == FILE_FOREIGN || kind == FILE_NEWER) {
		sqlite3_close_v2(db);
		return refuse_kind(path, kind, version, err, errlen);
	}
	if (readonly && kind == FILE_TAPLA && version > 0 &&
	    version < STORE_SCHEMA_VERSION) {
		sqlite3_close_v2(db);
		return say_to(err, errlen, STORE_REFUSED,
			      _("“%s” was made by an older tapla (schema %d): run any tapla command on it once to bring it up to date."),
			      path, version);
	}
	if (readonly && (kind == FILE_EMPTY || version < STORE_SCHEMA_VERSION)) {
		sqlite3_close_v2(db);
		return say_to(err, errlen, STORE_NOT_FOUND,
			      _("“%s” holds no sessions of this tapla yet: create one with tapla new."),
			      path);
	}
	return STORE_OK;
}

/* Opens the connection to `path` (by `uri` with SQLITE_OPEN_URI in flags
 * when not NULL, else by open_db), turns its settings on and checks the
 * file's kind (check_kind); *db is closed on failure. */
static enum store_status connect_checked(const char *path, const char *uri,
					 int flags, bool readonly, sqlite3 **db,
					 char *err, size_t errlen)
{
	*db = NULL;
	int rc = uri ? sqlite3_open_v2(uri, db, flags, NULL)
		     : open_db(path, flags, db);
	if (rc == SQLITE_OK)
		rc = connection_settings(*db);
	if (rc != SQLITE_OK)
		return fail_open(*db, rc, path, err, errlen);
	return check_kind(*db, path, readonly, err, errlen);
}

/* Opens the user's own database file (readonly or not), checked before
 * SQLite opens it (check_magic; not a file just created) and after
 * (check_same, that it is still that file); *db is closed on failure. */
static enum store_status open_own(const char *path, bool readonly,
				  bool created, sqlite3 **db, char *err,
				  size_t errlen)
{
	struct stat seen;
	*db = NULL;
	enum store_status s = created ? STORE_OK
				      : check_magic(path, true, &seen, err, errlen);
	if (s == STORE_OK)
		s = connect_checked(path, NULL, readonly ? SQLITE_OPEN_READONLY
							 : SQLITE_OPEN_READWRITE,
				    readonly, db, err, errlen);
	if (s == STORE_OK)
		s = check_same(*db, path, created ? NULL : &seen, err, errlen);
	return s;
}

enum store_status store_open(const char *path, struct store **out,
			     char *err, size_t errlen)
{
	*out = NULL;
	bool created = false;
	sqlite3 *db = NULL;
	char *dir = folder_of(path);
	if (!dir)
		return nomem_to(err, errlen);
	enum store_status s = make_folders(dir, err, errlen);
	if (s == STORE_OK)
		s = create_file(path, dir, &created, err, errlen);
	free(dir);
	if (s == STORE_OK)
		s = open_own(path, false, created, &db, err, errlen);
	if (s != STORE_OK)
		return s;
	int refused = 0;
	int rc = durable_settings(db);
	if (rc == SQLITE_OK)
		rc = store_add_name_functions(db);
	if (rc == SQLITE_OK)
		rc = migrate(db, &refused);
	if (rc == SQLITE_ABORT && refused != 0) {
		sqlite3_close_v2(db);
		return refuse_kind(path, refused > 0 ? FILE_NEWER : FILE_FOREIGN,
				   refused, err, errlen);
	}
	if (rc != SQLITE_OK)
		return fail_open(db, rc, path, err, errlen);
	s = wrap(db, path, out, err, errlen);
	if (s == STORE_OK) {
		/* Never wait at open: the erase is retried at the next one. */
		(void)sqlite3_busy_timeout(db, 0);
		store_finish_erase(*out);
		(void)sqlite3_busy_timeout(db, busy_timeout_ms());
	}
	return s;
}

enum store_status store_open_readonly(const char *path, struct store **out,
				      char *err, size_t errlen)
{
	*out = NULL;
	struct stat sb;
	if (stat(path, &sb) != 0 && errno == ENOENT)
		return say_to(err, errlen, STORE_NOT_FOUND,
			      _("There is no tapla database at “%s”: check the path, or create a session with tapla new."),
			      path);
	sqlite3 *db = NULL;
	enum store_status s = open_own(path, true, false, &db, err, errlen);
	return s == STORE_OK ? wrap(db, path, out, err, errlen) : s;
}

/* The URI of a file for sqlite3_open_v2 with SQLITE_OPEN_URI: "file:" and
 * the path with every byte but letters, digits, "-._~/" percent-escaped,
 * so no "?" or "#" in a name is read as a parameter; then `params`. */
static char *file_uri(const char *path, const char *params)
{
	size_t n = strlen(path);
	char *uri = malloc(5 + 3 * n + strlen(params) + 1);
	if (!uri)
		return NULL;
	char *w = uri + sprintf(uri, "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p))
			*w++ = (char)*p;
		else
			w += sprintf(w, "%%%02X", *p);
	}
	strcpy(w, params);
	return uri;
}

enum store_status store_open_source(const char *path, bool immutable,
				    struct store **out, char *err,
				    size_t errlen)
{
	*out = NULL;
	struct stat seen;
	enum store_status s = check_magic(path, false, &seen, err, errlen);
	if (s != STORE_OK)
		return s;
	char *uri = file_uri(path, immutable ? "?mode=ro&immutable=1"
					      : "?mode=ro");
	if (!uri)
		return nomem_to(err, errlen);
	sqlite3 *db = NULL;
	s = connect_checked(path, uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI,
			    true, &db, err, errlen);
	free(uri);
	if (s != STORE_OK)
		return s;
	return wrap(db, path, out, err, errlen);
}
