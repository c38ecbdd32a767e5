/* files: a file's raw bytes, for the tests of every kind (unit, cli,
 * web): a whole file read, bytes looked for in it the way someone who
 * finds the laptop would, and a test's folder removed. No cmocka inside. */
#ifndef TAPLA_TEST_FILES_H
#define TAPLA_TEST_FILES_H

#include <stdbool.h>
#include <stddef.h>

/* The whole file in a new buffer; NULL and 0 if it is missing (or memory
 * ran out). */
char *files_slurp(const char *path, size_t *len);
/* Does the file path + suffix hold the bytes of needle anywhere? */
bool files_holds(const char *path, const char *suffix, const char *needle);
/* Does the database file at path, or its -wal, hold needle anywhere? */
bool files_db_holds(const char *path, const char *needle);

/* Removes a folder and everything in it, subfolders too (each made
 * writable first, as a test may have taken that away). */
void files_remove_tree(const char *dir);

#endif
