/* file-bytes: a file's raw bytes, for the tests of every kind (unit, cli,
 * web): a whole file read, and bytes looked for in it the way someone who
 * finds the laptop would. No cmocka inside. */
#ifndef TAPLA_TEST_FILE_BYTES_H
#define TAPLA_TEST_FILE_BYTES_H

#include <stdbool.h>
#include <stddef.h>

/* The whole file in a new buffer; NULL and 0 if it is missing (or memory
 * ran out). */
char *bytes_slurp(const char *path, size_t *len);
/* Does the file path + suffix hold the bytes of needle anywhere? */
bool bytes_file_holds(const char *path, const char *suffix, const char *needle);
/* Does the database file at path, or its -wal, hold needle anywhere? */
bool bytes_db_holds(const char *path, const char *needle);

#endif
