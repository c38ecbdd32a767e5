/* cli-check: see cli-check.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli-check.h"
#include "cli-run.h"

struct cli_snapshot cli_snap(const char *path, bool may_be_missing)
{
	struct cli_snapshot s;
	s.data = cli_slurp(path, &s.n);
	if (!s.data && !may_be_missing)
		fail_msg("%s is missing", path);
	return s;
}

void cli_assert_unchanged(struct cli_snapshot *s, const char *path)
{
	size_t n;
	char *now = cli_slurp(path, &n);
	if (!s->data && now)
		fail_msg("%s was made (%zu bytes)", path, n);
	if (s->data && !now)
		fail_msg("%s is gone", path);
	if (now) {
		if (n != s->n)
			fail_msg("%s: %zu bytes, was %zu", path, n, s->n);
		assert_memory_equal(now, s->data, n);
	}
	free(now);
	free(s->data);
	s->data = NULL;
}

void cli_put_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "wb");
	if (!fp)
		fail_msg("%s cannot be written", path);
	assert_true(fputs(text, fp) >= 0);
	assert_int_equal(fclose(fp), 0);
}

void cli_sql(const char *db, const char *sql)
{
	sqlite3 *h = NULL;
	assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
	char *err = NULL;
	if (sqlite3_exec(h, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", sql, err);
	assert_int_equal(sqlite3_close(h), SQLITE_OK);
}

/* The first column of the first row of q on db as text (owned). */
static char *query_text(sqlite3 *db, const char *q)
{
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(db, q, -1, &s, NULL) != SQLITE_OK)
		fail_msg("%s: %s", q, sqlite3_errmsg(db));
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	const unsigned char *t = sqlite3_column_text(s, 0);
	char *out = strdup(t ? (const char *)t : "(null)");
	assert_non_null(out);
	sqlite3_finalize(s);
	return out;
}

char *cli_sql_text(const char *db, const char *q)
{
	sqlite3 *h = NULL;
	assert_int_equal(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	char *out = query_text(h, q);
	assert_int_equal(sqlite3_close(h), SQLITE_OK);
	return out;
}

void assert_query(sqlite3 *db, const char *q, const char *want)
{
	char *got = query_text(db, q);
	if (strcmp(got, want) != 0)
		fail_msg("%s: got \"%s\", want \"%s\"", q, got, want);
	free(got);
}

void assert_sql(const char *path, const char *q, const char *want)
{
	char *got = cli_sql_text(path, q);
	if (strcmp(got, want) != 0)
		fail_msg("%s: got \"%s\", want \"%s\"", q, got, want);
	free(got);
}
