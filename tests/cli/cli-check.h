/* cli-check: what the command-line tests check on files and databases
 * from outside tapla, as another program would: a file's bytes before and
 * after, writing a file, SQL on a database file. Every helper fails the
 * running cmocka test on an error. */
#ifndef TAPLA_TEST_CLI_CHECK_H
#define TAPLA_TEST_CLI_CHECK_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

/* A copy of a file's bytes, to compare with later (data NULL: missing). */
struct cli_snapshot {
	char *data;
	size_t n;
};

/* The file's bytes now; a missing file fails the test unless
 * may_be_missing. */
struct cli_snapshot cli_snap(const char *path, bool may_be_missing);
/* Fails the test unless the file holds the snapshot's bytes (or is still
 * missing); frees the snapshot. */
void cli_assert_unchanged(struct cli_snapshot *s, const char *path);

/* Writes text to the file at path (made, or emptied first). */
void cli_put_file(const char *path, const char *text);

/* Runs sql on the database file through a plain SQLite connection. */
void cli_sql(const char *db, const char *sql);
/* The first column of the first row of q on the database file, opened
 * read-only, as text ("(null)" for SQL NULL); the caller frees it. */
char *cli_sql_text(const char *db, const char *q);
/* Fails the test unless the one answer of q on db (as text, "(null)" for
 * SQL NULL) is want. */
void assert_query(sqlite3 *db, const char *q, const char *want);
/* The same on the database file at path, opened read-only. */
void assert_sql(const char *path, const char *q, const char *want);

#endif
