/* outfile: a file the user named, written whole or not at all, never over
 * the database in use (see include/tapla/outfile.h). */
#include "tapla/outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tapla/i18n.h"

/* The database's files that must never be written over. */
static const char *const db_suffixes[] = { "", "-wal", "-shm", "-journal" };
#define N_SUFFIXES (sizeof db_suffixes / sizeof db_suffixes[0])

/* The signals that would leave the temporary file behind. */
static void quit_signals(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGINT);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIGHUP);
	sigaddset(set, SIGQUIT);
}

/* Is the existing file t one of the database's files (same device and
 * inode: a symbolic or hard link to it counts)? */
static bool same_as_db_file(const struct stat *t, const char *db)
{
	char side[PATH_MAX + 16];
	struct stat s;
	for (size_t i = 0; i < N_SUFFIXES; i++) {
		snprintf(side, sizeof side, "%s%s", db, db_suffixes[i]);
		if (stat(side, &s) == 0 && s.st_dev == t->st_dev &&
		    s.st_ino == t->st_ino)
			return true;
	}
	return false;
}

/* The absolute path of `path` with the symbolic links in its folder
 * resolved (and in its last part too when that exists), into out; false if
 * the folder cannot be resolved. */
static bool resolve(const char *path, char *out)
{
	if (realpath(path, out))
		return true;
	char dir[PATH_MAX];
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	if (!slash)
		snprintf(dir, sizeof dir, ".");
	else if (slash == path)
		snprintf(dir, sizeof dir, "/");
	else
		snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
	char real[PATH_MAX];
	if (!realpath(dir, real))
		return false;
	return snprintf(out, PATH_MAX, "%s/%s", strcmp(real, "/") ? real : "",
			base) < PATH_MAX;
}

/* Does path name one of the database's files by its place, also one that
 * is not there yet (a -wal file SQLite would read as the database's)? */
static bool names_db_file(const char *path, const char *db)
{
	char target[PATH_MAX], real[PATH_MAX], side[PATH_MAX + 16];
	if (!resolve(path, target) || !resolve(db, real))
		return false;
	for (size_t i = 0; i < N_SUFFIXES; i++) {
		snprintf(side, sizeof side, "%s%s", real, db_suffixes[i]);
		if (strcmp(side, target) == 0)
			return true;
	}
	return false;
}

/* Writes all of data to fd, retrying short writes. */
static bool write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		data += n;
		len -= (size_t)n;
	}
	return true;
}

/* Moves tmp to path without replacing a file that is there: the check and
 * the move are one step, so a file made meanwhile is kept too. */
static int move_no_replace(const char *tmp, const char *path)
{
	if (renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_NOREPLACE) == 0)
		return 0;
	if (errno != EINVAL && errno != ENOSYS)
		return -1;
	/* A file system without it: a hard link is also all or nothing. */
	if (link(tmp, path) == 0)
		return unlink(tmp) == 0 || errno == ENOENT ? 0 : -1;
	return -1;
}

/* Writes the temporary file and moves it into place; errno on failure. */
static bool write_and_move(const char *tmp, int fd, const char *path,
			   const char *data, size_t len, bool force)
{
	bool ok = write_all(fd, data, len) && fsync(fd) == 0;
	int saved = errno;
	if (close(fd) != 0 && ok) {
		saved = errno;
		ok = false;
	}
	if (ok && (force ? rename(tmp, path) : move_no_replace(tmp, path)) != 0) {
		saved = errno;
		ok = false;
	}
	if (!ok)
		unlink(tmp);
	errno = saved;
	return ok;
}

/* Writes through a temporary file with the quitting signals held, so none
 * of them can leave it behind. */
static enum outfile_status write_via_tmp(const char *path, const char *data,
					 size_t len, bool force, char *msg,
					 size_t n)
{
	char tmp[PATH_MAX + 16];
	if (snprintf(tmp, sizeof tmp, "%s.tmp-XXXXXX", path) >= (int)sizeof tmp) {
		snprintf(msg, n, "%s", _("The output path is too long."));
		return OUTFILE_BAD_PATH;
	}
	sigset_t quit, old;
	quit_signals(&quit);
	sigprocmask(SIG_BLOCK, &quit, &old);
	enum outfile_status rc = OUTFILE_OK;
	int fd = mkstemp(tmp);
	if (fd < 0) {
		snprintf(msg, n, _("Could not create “%s”: %s. Check the folder exists and is writable."),
			 path, strerror(errno));
		rc = OUTFILE_FAILED;
	} else if (!write_and_move(tmp, fd, path, data, len, force)) {
		if (errno == EEXIST) {
			snprintf(msg, n, _("“%s” exists already: give another file name, or --force to replace it."),
				 path);
			rc = OUTFILE_EXISTS;
		} else {
			snprintf(msg, n, _("Could not write “%s”: %s."), path,
				 strerror(errno));
			rc = OUTFILE_FAILED;
		}
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	return rc;
}

enum outfile_status outfile_write(const char *path, const char *data,
				  size_t len, const struct outfile_opts *o,
				  char *msg, size_t n)
{
	if (!path || !*path) {
		snprintf(msg, n, "%s", _("Give a file name, for example results.html."));
		return OUTFILE_BAD_PATH;
	}
	struct stat t;
	bool exists = stat(path, &t) == 0;
	if (o->protect && ((exists && same_as_db_file(&t, o->protect)) ||
			   names_db_file(path, o->protect))) {
		snprintf(msg, n, _("“%s” is the database in use (or one of its files) and is never written over: give another file name."),
			 path);
		return OUTFILE_PROTECTED;
	}
	if (exists && !S_ISREG(t.st_mode)) {
		snprintf(msg, n, _("“%s” is not a regular file (a folder or a device) and is not written over: give a file name."),
			 path);
		return OUTFILE_BAD_PATH;
	}
	struct stat l;
	if (!o->force && (exists || lstat(path, &l) == 0)) {
		snprintf(msg, n, _("“%s” exists already: give another file name, or --force to replace it."),
			 path);
		return OUTFILE_EXISTS;
	}
	return write_via_tmp(path, data, len, o->force, msg, n);
}
