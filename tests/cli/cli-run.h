/* cli-run: running the built tapla binary from tests ($TAPLA_BINARY), with
 * stdin from /dev/null (no terminal), and looking at files' raw bytes.
 * Built on proc.c. No cmocka inside: the concurrency test calls it in
 * forked children. */
#ifndef TAPLA_TEST_CLI_RUN_H
#define TAPLA_TEST_CLI_RUN_H

#include <stdbool.h>
#include <stddef.h>

#include "../unit/files.h"  /* bytes looked for in a file */

/* One run: exit status (128 + signal if killed) and what it printed. */
struct cli_run {
	int status;
	char *out;  /* NUL-terminated, owned */
	char *err;
};

/* Runs tapla --db DB ARGS... (args NULL-terminated). False if it could not
 * be started at all. */
bool cli_run(const char *db, const char *const *args, struct cli_run *r);
/* The same with standard input read from the file `input` (NULL: none). */
bool cli_run_stdin(const char *db, const char *const *args, const char *input,
		   struct cli_run *r);
void cli_run_free(struct cli_run *r);
/* Runs tapla --db DB ARG... (ended by NULL); the result stays until the next
 * call replaces it. NULL if it could not be started. */
struct cli_run *cli_run_last(const char *db, ...);

/* Runs tapla --db DB ARGS... (args NULL-terminated, up to 12) on a
 * pseudo-terminal `cols` columns wide (0: the system's default size); its
 * exit status, or -1 if it could not be run or read. Every byte it wrote
 * lands in *out (NUL-terminated, the caller frees; the terminal turns each
 * newline into CR LF), *len long. */
int cli_run_on_terminal(const char *db, const char *const *args, int cols,
			char **out, size_t *len);

/* Is out a "tapla-session/1" JSON export (what export --format json
 * prints)? */
bool cli_is_session_json(const char *out);
/* Validates a tapla-session/1 document against the schema in doc/ with
 * tests/schema/validate.py ($TAPLA_JSON_VALIDATE: "PYTHON SCRIPT SCHEMA",
 * set by meson). True when valid; else *why (owned) says what is wrong,
 * including a missing python3-jsonschema. True without a word when the
 * variable is not set (a test run by hand). */
bool cli_session_json_valid(const char *json, char **why);

/* The whole file (NULL if missing); *n its length. */
char *cli_slurp(const char *path, size_t *n);

/* Does dir hold a temporary output file (a name with ".tmp-")? */
bool cli_tmp_left(const char *dir);

/* Makes a fresh directory from a mkdtemp template (dir is rewritten); false
 * if it cannot. files_remove_tree removes it again. */
bool cli_tmpdir(char *dir);
/* cli_tmpdir from the template tmpl (copied into dir, 64 bytes), and the
 * path "dir/name" in db (n bytes); false if the folder cannot be made. */
bool cli_tmpdir_with(char *dir, const char *tmpl, char *db, size_t n,
		     const char *name);

#endif
