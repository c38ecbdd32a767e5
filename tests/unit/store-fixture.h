/* store-fixture: what the store's unit tests (test-store, test-store-merge,
 * test-store-paper) share: the seed's template, a temporary folder, opening
 * a store, creating a session, raw SQL on a file and two laptops' files
 * for the merge tests (a file's bytes: files.h). Every helper fails
 * the running cmocka test on an error. */
#ifndef TAPLA_TEST_STORE_FIXTURE_H
#define TAPLA_TEST_STORE_FIXTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "files.h"
#include "tapla/store.h"

/* PED-verkosto 2016: talk, vote, results; four sheets (the first with the
 * help "Help 1"); 10 dots. */
extern struct template fixture_networks;

/* One test's world: a folder, a database in it, one open session. */
struct store_fixture {
	char dir[64];
	char path[128];   /* dir/tapla.db */
	struct store *st;
	int64_t session;  /* a named weighted session from fixture_networks */
};

/* cmocka setup: the folder only (path not yet created, st NULL). */
int fixture_setup_dir(void **state);
/* cmocka setup: the folder, the database open and the session in it. */
int fixture_setup(void **state);
/* cmocka teardown of both: closes the store, removes the folder. */
int fixture_teardown(void **state);
/* A cmocka test with the whole fixture, or with the folder only. */
#define FIXTURE_TEST(t) cmocka_unit_test_setup_teardown(t, fixture_setup, fixture_teardown)
#define FIXTURE_DIR_TEST(t) \
	cmocka_unit_test_setup_teardown(t, fixture_setup_dir, fixture_teardown)

/* The seed's participant A: 5 agree, 2, 2, and 1 disagree (four sheets). */
void fixture_seed_ballot(struct ballot *b);
/* Makes the folder named by a mkdtemp template ("/tmp/tapla-x-XXXXXX"). */
void fixture_mkdtemp(char *dir);
/* Opens the database at path, creating it if missing. */
struct store *fixture_open(const char *path);
/* Creates a session from fixture_networks with the options o; its id. */
int64_t fixture_session(struct store *st, const struct store_new_session *o);
/* One integer value of a query on the store's own connection. */
int64_t fixture_query_int(struct store *st, const char *sql);
/* Runs the schema's migration steps 1..upto (0: none), then sql, on the
 * file at path through a plain SQLite connection (none of tapla's rules,
 * as an old tapla or an attacker would), and closes it; SQLite's message
 * fails the test. */
void fixture_exec_raw(const char *path, int upto, const char *sql);
/* For fixture_exec_raw: session 1 as every schema since 1 stores it
 * ("Old", networks, fi, 10 dots, weighted, named, 2015-10-13 10:00). */
#define FIXTURE_OLD_SESSION_SQL \
	"INSERT INTO session (id, uuid, title, template, language, budget," \
	" mode, anonymous, created) VALUES (1," \
	" '11111111-2222-4333-8444-555555555555', 'Old', 'networks', 'fi'," \
	" 10, 'weighted', 0, '2015-10-13T10:00:00Z');"
/* Writes text to a new file at path. */
void fixture_write_file(const char *path, const char *text);
/* Fails the test unless the file at path holds exactly the len bytes of
 * want. */
void fixture_assert_bytes(const char *path, const char *want, size_t len);

/* Two laptops' databases in one folder: "mine" (dir/mine.db) and "theirs"
 * (dir/theirs.db), for the merge tests. */
struct pair_fixture {
	char dir[64];
	char mine_path[128];
	char theirs_path[128];
	struct store *mine;
	struct store *theirs;
};
/* cmocka setup: both open. */
int fixture_pair_setup(void **state);
/* cmocka setup: "mine" open, "theirs" not made yet (NULL). */
int fixture_pair_setup_mine(void **state);
/* cmocka teardown of both: closes what is open, removes the folder. */
int fixture_pair_teardown(void **state);
#define PAIR_FIXTURE_TEST(t) \
	cmocka_unit_test_setup_teardown(t, fixture_pair_setup, fixture_pair_teardown)
#define MINE_FIXTURE_TEST(t) \
	cmocka_unit_test_setup_teardown(t, fixture_pair_setup_mine, fixture_pair_teardown)

#endif
