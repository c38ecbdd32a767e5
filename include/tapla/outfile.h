/* outfile: writing a file the user named (an export, the paper sheets, a
 * comparison) safely, for every front end.
 *
 * The data goes to a temporary file beside the target (mode 0600: reports
 * hold names), is synced, and then renamed into place, so the target is
 * never half written. An existing file is replaced only when asked (force);
 * the database in use and its -wal, -shm and -journal files never, even
 * when asked: they are recognised by device and inode (so also through a
 * symbolic or hard link) and, for a side file not there yet, by its name
 * beside the database. Nor anything but a regular file (a device such as
 * /dev/stdout, a folder): a rename would replace its name. The temporary file is removed on every failure, and
 * SIGINT, SIGTERM, SIGHUP and SIGQUIT wait until it is renamed or removed. */
#ifndef TAPLA_OUTFILE_H
#define TAPLA_OUTFILE_H

#include <stdbool.h>
#include <stddef.h>

enum outfile_status {
	OUTFILE_OK = 0,
	OUTFILE_EXISTS,     /* the target exists and force was not given */
	OUTFILE_PROTECTED,  /* the target is the database or one of its files */
	OUTFILE_BAD_PATH,   /* empty, too long, or not a regular file */
	OUTFILE_FAILED,     /* the file system failed: errno's sentence */
};

/* How to write. */
struct outfile_opts {
	bool force;          /* replace an existing file (not a protected one) */
	const char *protect; /* the database in use, or NULL */
};

/* Writes len bytes of data to path as described above. On anything but
 * OUTFILE_OK, msg (n bytes) holds one translated sentence saying what
 * happened and what to do. */
enum outfile_status outfile_write(const char *path, const char *data,
				  size_t len, const struct outfile_opts *o,
				  char *msg, size_t n);

#endif
