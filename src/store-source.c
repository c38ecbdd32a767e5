/* store-source: reading another laptop's file (a merge source) so that
 * nothing is written beside it and a crafted file cannot make tapla do
 * unbounded work. See store_source_read in store-int.h.
 *
 * How the file is opened. A tapla that closes a database empties and
 * removes its -wal and -shm, so a file without them is complete on its own
 * and nobody has it open: it is opened "immutable" (no locks, no -wal or
 * -shm made; it works on read-only media and folders). Immutable is unsafe
 * if someone writes the file meanwhile (SQLite would not see the change),
 * so the file's identity, size and modification time are compared after
 * the read, and a -wal or -shm that appeared refuses the result. A file
 * with its -shm beside it is in use by a running tapla (or left by one
 * that crashed): it is opened read-only with the usual locks, which reads
 * the latest committed state and creates nothing, since both files are
 * there. A -wal holding data without its -shm (copied after a crash) is
 * refused: its newest writes could not be read without writing. */
#include "store-int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tapla/buf.h"
#include "tapla/i18n.h"

/* Bounds on what a source may hold: far above a real workshop's. */
#define SOURCE_SESSIONS_MAX 10000
#define SOURCE_PARTICIPANTS_MAX 1000000
#define SOURCE_DOTS_MAX 5000000
#define SOURCE_NOTES_MAX 1000000
#define SOURCE_PHASES_MAX 100000
/* The longest text or blob read from a source, in bytes. */
#define SOURCE_VALUE_MAX (256 * 1024)
/* Work: SQLite instructions per row of the source, plus a fixed allowance;
 * checked every SOURCE_TICK instructions. */
#define SOURCE_OPS_PER_ROW 2000
#define SOURCE_OPS_BASE 50000000LL
#define SOURCE_TICK 10000

/* One read of a source: how it was opened and the work done so far. */
struct source {
	const char *path;
	struct store *o;
	bool immutable;
	struct stat before;     /* the file when opened (immutable only) */
	long long ticks;        /* progress handler calls so far */
	long long ticks_max;    /* beyond this the read is interrupted */
	bool too_much;          /* it was */
};

/* Does path + suffix exist? *size gets its size (0 if it does not);
 * *odd tells that it is not a regular file (a symbolic link, say). */
static bool beside_kind(const char *path, const char *suffix, off_t *size,
			bool *odd)
{
	char name[4096];
	struct stat sb;
	*size = 0;
	*odd = false;
	if (snprintf(name, sizeof name, "%s%s", path, suffix) >= (int)sizeof name)
		return false;
	if (lstat(name, &sb) != 0)
		return false;
	*size = sb.st_size;
	*odd = !S_ISREG(sb.st_mode);
	return true;
}

/* beside_kind without the kind. */
static bool beside(const char *path, const char *suffix, off_t *size)
{
	bool odd;
	return beside_kind(path, suffix, size, &odd);
}

/* Chooses how to open the file (see the top of this file); STORE_REFUSED
 * with the sentence for a -wal that cannot be read without writing. */
static enum store_status choose_mode(const char *path, bool *immutable,
				     char *err, size_t errlen)
{
	off_t wal = 0, shm = 0;
	bool odd_wal, odd_shm;
	bool has_wal = beside_kind(path, "-wal", &wal, &odd_wal);
	bool has_shm = beside_kind(path, "-shm", &shm, &odd_shm);
	/* SQLite would write its shared memory into whatever a -shm link
	 * points at (as root: any file). */
	if ((has_wal && odd_wal) || (has_shm && odd_shm)) {
		snprintf(err, errlen,
			 _("Beside “%s” its -wal or -shm is not a plain file (a symbolic link?): nothing was merged; copy the database alone and merge the copy."),
			 path);
		return STORE_REFUSED;
	}
	*immutable = !has_shm && (!has_wal || wal == 0);
	if (!has_shm && has_wal && wal > 0) {
		snprintf(err, errlen,
			 _("“%s” was not closed cleanly (its -wal is there without its -shm): open it once with tapla on a writable disk (tapla --db FILE list), then merge again."),
			 path);
		return STORE_REFUSED;
	}
	return STORE_OK;
}

/* SQLite's progress handler: interrupts a read beyond its work bound. */
static int count_work(void *arg)
{
	struct source *src = arg;
	if (++src->ticks <= src->ticks_max)
		return 0;
	src->too_much = true;
	return 1;
}

/* The schema objects (type, name, table, SQL) of a connection, in one
 * string, a line each, in a fixed order. NULL on failure. */
static char *schema_lines(sqlite3 *db)
{
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(db,
		"SELECT type || ' ' || name || ' ' || tbl_name || ' ' ||"
		" coalesce(sql, '') FROM sqlite_master ORDER BY type, name",
		-1, &s, NULL) != SQLITE_OK)
		return NULL;
	struct buf b;
	buf_init(&b);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *line = (const char *)sqlite3_column_text(s, 0);
		buf_append(&b, line ? line : "", line ? strlen(line) : 0);
		buf_append(&b, "\n", 1);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE || b.failed) {
		buf_free(&b);
		return NULL;
	}
	return buf_steal(&b);
}

/* The schema objects tapla makes: every migration run on an empty
 * database in memory. NULL on failure. */
static char *reference_schema(void)
{
	sqlite3 *db = NULL;
	char *lines = NULL;
	int rc = sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE, NULL);
	if (rc == SQLITE_OK)
		rc = store_make_schema(db);
	if (rc == SQLITE_OK)
		lines = schema_lines(db);
	sqlite3_close(db);
	return lines;
}

/* The first line of `have` that `want` lacks (a view where a table
 * should be, a trigger of its own, an altered table), cut to fit *out. */
static void first_odd_line(const char *have, const char *want, char *out,
			   size_t n)
{
	snprintf(out, n, "%s", "?");
	for (const char *p = have; *p;) {
		const char *end = strchr(p, '\n');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		bool found = false;
		for (const char *q = want; *q && !found;) {
			const char *qe = strchr(q, '\n');
			size_t ql = qe ? (size_t)(qe - q) : strlen(q);
			found = ql == len && memcmp(p, q, len) == 0;
			q += qe ? ql + 1 : ql;
		}
		if (!found) {
			/* "type name": the first two words */
			const char *sp = memchr(p, ' ', len);
			const char *sp2 = sp ? memchr(sp + 1, ' ', len - (size_t)(sp + 1 - p)) : NULL;
			size_t show = sp2 ? (size_t)(sp2 - p) : len;
			snprintf(out, n, "%.*s", (int)(show < 80 ? show : 80), p);
			return;
		}
		p += end ? len + 1 : len;
	}
}

/* The source's schema objects must be exactly those tapla makes: tables,
 * indexes and triggers of its migrations, no view or trigger of another's. */
static enum store_status check_schema(struct source *src)
{
	char *want = reference_schema();
	char *have = want ? schema_lines(src->o->db) : NULL;
	enum store_status r = STORE_OK;
	if (!want || !have) {
		r = have || !want ? store_nomem(src->o)
				  : store_fail(src->o, sqlite3_errcode(src->o->db));
	} else if (strcmp(want, have) != 0) {
		char odd[96];
		first_odd_line(have, want, odd, sizeof odd);
		if (strcmp(odd, "?") == 0)
			first_odd_line(want, have, odd, sizeof odd);
		/* odd holds "type name" from the file: sanitized below by the
		 * command's printing, as every sentence is. */
		r = store_say(src->o, STORE_REFUSED,
			      _("“%s” is not as tapla makes it (its schema object “%s” differs): nothing was merged; it may have been altered by another program."),
			      src->path, odd);
	}
	free(want);
	free(have);
	return r;
}

/* Counts the source's rows and refuses more than any workshop holds; sets
 * the work bound from the count. */
static enum store_status check_sizes(struct source *src)
{
	static const struct { const char *sql; long long max; } counts[] = {
		{ "SELECT count(*) FROM session", SOURCE_SESSIONS_MAX },
		{ "SELECT count(*) FROM participant", SOURCE_PARTICIPANTS_MAX },
		{ "SELECT count(*) FROM dot", SOURCE_DOTS_MAX },
		{ "SELECT count(*) FROM note", SOURCE_NOTES_MAX },
		{ "SELECT count(*) FROM phase", SOURCE_PHASES_MAX },
		{ "SELECT count(*) FROM paper_total", SOURCE_DOTS_MAX },
	};
	long long rows = 0;
	for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++) {
		sqlite3_stmt *s = NULL;
		int rc = sqlite3_prepare_v2(src->o->db, counts[i].sql, -1, &s, NULL);
		if (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW)
			rc = SQLITE_OK;
		long long n = rc == SQLITE_OK ? sqlite3_column_int64(s, 0) : 0;
		sqlite3_finalize(s);
		if (rc != SQLITE_OK)
			return store_fail(src->o, rc);
		if (n > counts[i].max)
			return store_say(src->o, STORE_REFUSED,
					 _("“%s” holds %lld rows in one table (%s), more than tapla ever keeps (%lld): nothing was merged."),
					 src->path, n, counts[i].sql + 21, counts[i].max);
		rows += n;
	}
	src->ticks_max = (SOURCE_OPS_BASE + rows * SOURCE_OPS_PER_ROW) / SOURCE_TICK;
	return STORE_OK;
}

/* After an immutable read: the file must be the one opened, as it was,
 * and nobody may have opened it meanwhile (a -wal or -shm beside it). */
static enum store_status check_unchanged(struct source *src)
{
	struct stat now;
	off_t size;
	bool same = stat(src->path, &now) == 0 &&
		    now.st_dev == src->before.st_dev &&
		    now.st_ino == src->before.st_ino &&
		    now.st_size == src->before.st_size &&
		    now.st_mtim.tv_sec == src->before.st_mtim.tv_sec &&
		    now.st_mtim.tv_nsec == src->before.st_mtim.tv_nsec &&
		    !beside(src->path, "-shm", &size) &&
		    (!beside(src->path, "-wal", &size) || size == 0);
	if (same)
		return STORE_OK;
	return store_say(src->o, STORE_BUSY,
			 _("“%s” changed while it was read (is a tapla using it?): close that tapla and merge again."),
			 src->path);
}

/* The sentence of a read the bounds stopped, over SQLite's own. */
static enum store_status explain_bounds(struct source *src,
					enum store_status r)
{
	if (r == STORE_OK)
		return r;
	if (src->too_much)
		return store_say(src->o, STORE_REFUSED,
				 _("Reading “%s” took far more work than a tapla file of its size needs (it may be crafted): nothing was merged."),
				 src->path);
	if (sqlite3_errcode(src->o->db) == SQLITE_TOOBIG)
		return store_say(src->o, STORE_REFUSED,
				 _("“%s” holds a text longer than %d KB, which tapla never writes: nothing was merged."),
				 src->path, SOURCE_VALUE_MAX / 1024);
	return r;
}

/* The checks and the caller's read, in one read snapshot. */
static enum store_status read_checked(struct source *src,
				      enum store_status (*read)(struct store *,
								void *),
				      void *arg)
{
	sqlite3 *db = src->o->db;
	(void)sqlite3_limit(db, SQLITE_LIMIT_LENGTH, SOURCE_VALUE_MAX);
	src->ticks_max = SOURCE_OPS_BASE / SOURCE_TICK;
	sqlite3_progress_handler(db, SOURCE_TICK, count_work, src);
	enum store_status r = store_begin_read(src->o);
	if (r != STORE_OK)
		return explain_bounds(src, r);
	r = check_schema(src);
	if (r == STORE_OK)
		r = check_sizes(src);
	if (r == STORE_OK)
		r = read(src->o, arg);
	/* Before the rollback, which would clear SQLite's error code. */
	r = store_end(src->o, explain_bounds(src, r));
	if (r == STORE_OK && src->immutable)
		r = check_unchanged(src);
	return r;
}

enum store_status store_source_read(const char *path,
				    enum store_status (*read)(struct store *,
							      void *),
				    void *arg, char *err, size_t errlen)
{
	struct source src = { .path = path };
	struct stat sb;
	if (stat(path, &sb) != 0 && errno == ENOENT) {
		snprintf(err, errlen,
			 _("There is no tapla database at “%s”: check the path, or create a session with tapla new."),
			 path);
		return STORE_NOT_FOUND;
	}
	enum store_status r = choose_mode(path, &src.immutable, err, errlen);
	if (r == STORE_OK && src.immutable && stat(path, &src.before) != 0) {
		snprintf(err, errlen,
			 _("Cannot read the database “%s” (%s): check its permissions or give another file with --db."),
			 path, strerror(errno));
		r = STORE_ERROR;
	}
	if (r == STORE_OK)
		r = store_open_source(path, src.immutable, &src.o, err, errlen);
	if (r != STORE_OK)
		return r;
	r = read_checked(&src, read, arg);
	if (r != STORE_OK)
		snprintf(err, errlen, "%s", store_error(src.o));
	store_close(src.o);
	return r;
}
