/* cli-fixture: the cmocka side shared by the command-line tests that run the
 * binary on one temporary database (test-cli, test-cli-paper, test-faults,
 * test-cli-stations): the fixture, a refusal that leaves the file as it was,
 * a run that must start, and JSON answers checked with SQLite's JSON. */
#ifndef TAPLA_TEST_CLI_FIXTURE_H
#define TAPLA_TEST_CLI_FIXTURE_H

#include <sqlite3.h>

#include "cli-check.h"
#include "cli-run.h"

/* A fresh directory with t.db (not yet created) inside. */
struct fixture {
	char dir[64];
	char db[128];
};

/* cmocka setup and teardown of a struct fixture. */
int cli_fixture_setup(void **state);
int cli_fixture_teardown(void **state);
/* A cmocka test with that fixture. */
#define CLI_TEST(t) cmocka_unit_test_setup_teardown(t, cli_fixture_setup, cli_fixture_teardown)

/* Runs tapla --db f->db ARGS... (ended by NULL) and fails the test if it
 * cannot be started, or if it printed a JSON export that does not follow
 * doc/tapla-session-1.schema.json; the result lasts until the next run. */
#define run_tapla(f, ...) cli_started(cli_run_last((f)->db, __VA_ARGS__))
struct cli_run *cli_started(struct cli_run *r);

/* A refused command (args NULL-ended): exit 2, one line "tapla: ..."
 * holding want, and the database file byte for byte as it was. */
void cli_refused(const struct fixture *f, const char *want,
		 const char *const *args);
#define assert_refused(f, want, ...) \
	cli_refused((f), (want), (const char *const[]){ __VA_ARGS__, NULL })

/* Fails the test unless json follows doc/tapla-session-1.schema.json
 * (cli_session_json_valid). */
void assert_session_json(const char *json);

/* Fails the test unless json is valid and json_extract(json, path) is want
 * ("(null)" for SQL NULL). */
void assert_json(const char *json, const char *path, const char *want);

/* Writes data to a new file `name` in the test's folder; returns its path
 * (the caller frees it). */
char *cli_write_file(const struct fixture *f, const char *name,
		     const char *data);

#endif
