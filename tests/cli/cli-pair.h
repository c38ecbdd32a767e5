/* cli-pair: the fixture of the command-line tests on two laptops'
 * databases (merge, the store's classes): a temporary folder holding a.db
 * (this laptop's) and b.db (the other laptop's), and the last run of the
 * real binary. Shared so that the tests agree on it. */
#ifndef CLI_PAIR_H
#define CLI_PAIR_H

#include "cli-check.h"
#include "cli-run.h"

struct fixture {
	char dir[64];
	char a[128];  /* this laptop's database */
	char b[128];  /* the other laptop's */
	struct cli_run r;
};

/* cmocka setup and teardown: the folder made and removed with all in it. */
int cli_pair_setup(void **state);
int cli_pair_teardown(void **state);
#define PAIR_TEST(t) \
	cmocka_unit_test_setup_teardown(t, cli_pair_setup, cli_pair_teardown)

/* Runs tapla --db DB ARGS...; the result stays in f->r (fails the test
 * when tapla could not be run at all). */
#define TAPLA(f, db, ...) \
	cli_pair_run((f), (db), (const char *const[]){ __VA_ARGS__, NULL })
struct cli_run *cli_pair_run(struct fixture *f, const char *db,
			     const char *const *args);
/* The same and expects exit 0. */
#define OK(f, db, ...) \
	cli_pair_ok((f), (db), (const char *const[]){ __VA_ARGS__, NULL })
struct cli_run *cli_pair_ok(struct fixture *f, const char *db,
			    const char *const *args);

#endif
