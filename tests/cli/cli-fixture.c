/* cli-fixture: see cli-fixture.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli-fixture.h"

int cli_fixture_setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	if (!f)
		return -1;
	if (!cli_tmpdir_with(f->dir, "/tmp/tapla-cli-XXXXXX", f->db, sizeof f->db,
			     "t.db")) {
		free(f);
		return -1;
	}
	*state = f;
	return 0;
}

int cli_fixture_teardown(void **state)
{
	struct fixture *f = *state;
	files_remove_tree(f->dir);
	free(f);
	return 0;
}

struct cli_run *cli_started(struct cli_run *r)
{
	assert_non_null(r);
	/* Every JSON export a test makes is checked against the schema. */
	if (r->status == 0 && cli_is_session_json(r->out))
		assert_session_json(r->out);
	return r;
}

void assert_session_json(const char *json)
{
	char *why;
	if (!cli_session_json_valid(json, &why)) {
		fail_msg("the JSON export does not follow doc/tapla-session-1.schema.json: %s",
			 why ? why : "no memory");
	}
	free(why);
}

void cli_refused(const struct fixture *f, const char *want,
		 const char *const *args)
{
	struct cli_snapshot before = cli_snap(f->db, false);
	struct cli_run r;
	assert_true(cli_run(f->db, args, &r));
	if (r.status != 2 || !strstr(r.err, want))
		fail_msg("%s %s %s: status %d, stderr \"%s\", want \"%s\"", args[0],
			 args[1] ? args[1] : "", args[1] && args[2] ? args[2] : "",
			 r.status, r.err, want);
	assert_int_equal(strncmp(r.err, "tapla: ", 7), 0);
	/* One line: the only newline ends the message. */
	assert_ptr_equal(strchr(r.err, '\n'), r.err + strlen(r.err) - 1);
	cli_run_free(&r);
	cli_assert_unchanged(&before, f->db);
}

/* Evaluates a json_extract path on the text with SQLite's JSON functions. */
static char *json_get(const char *json, const char *path)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT json_extract(?1, ?2), json_valid(?1)",
					    -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, path, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 1), 1);
	const unsigned char *v = sqlite3_column_text(st, 0);
	char *copy = strdup(v ? (const char *)v : "(null)");
	sqlite3_finalize(st);
	sqlite3_close(db);
	return copy;
}

void assert_json(const char *json, const char *path, const char *want)
{
	char *got = json_get(json, path);
	if (strcmp(got, want) != 0)
		fail_msg("%s: got %s, want %s", path, got, want);
	free(got);
}

char *cli_write_file(const struct fixture *f, const char *name,
		     const char *data)
{
	char *path = malloc(256);
	assert_non_null(path);
	snprintf(path, 256, "%s/%s", f->dir, name);
	cli_put_file(path, data);
	return path;
}
