/* store-fixture: see store-fixture.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "src/store-int.h"
#include "store-fixture.h"

static struct tpl_phase phases[] = {
	{ PHASE_TALK, (char *)"Pair talk", (char *)"What is the network for?", 10 },
	{ PHASE_VOTE, (char *)"Dot voting", (char *)"Spread your 10 dots.", 10 },
	{ PHASE_RESULTS, (char *)"Results", NULL, 0 },
};

static struct tpl_sheet sheets[] = {
	{ (char *)"vertaispalveluverkosto", (char *)"Peer services.", (char *)"Help 1", NULL },
	{ (char *)"oppimis- ja kehittämisverkosto", (char *)"Learning.", NULL, NULL },
	{ (char *)"vaikuttamisen verkosto", (char *)"Influence.", NULL, NULL },
	{ (char *)"uuden luomisen verkosto", (char *)"New things.", NULL, NULL },
};

struct template fixture_networks = {
	(char *)"networks", (char *)"fi", (char *)"PED-verkosto 2016", NULL, 10,
	phases, 3, sheets, 4,
};

/* Makes a fresh folder into dir (64 bytes) and names path "dir/name". */
static void fresh_dir(char *dir, char *path, size_t n, const char *name)
{
	strcpy(dir, "/tmp/tapla-store-XXXXXX");
	fixture_mkdtemp(dir);
	snprintf(path, n, "%s/%s", dir, name);
}

int fixture_setup_dir(void **state)
{
	struct store_fixture *f = calloc(1, sizeof *f);
	assert_non_null(f);
	fresh_dir(f->dir, f->path, sizeof f->path, "tapla.db");
	*state = f;
	return 0;
}

int fixture_setup(void **state)
{
	fixture_setup_dir(state);
	struct store_fixture *f = *state;
	f->st = fixture_open(f->path);
	struct store_new_session o = { NULL, 0, MODE_WEIGHTED, false, NULL, false, false, 0, NULL, NULL, 0 };
	f->session = fixture_session(f->st, &o);
	return 0;
}

/* The end of every teardown: the folder removed, the fixture freed. */
static int remove_and_free(const char *dir, void *f)
{
	files_remove_tree(dir);
	free(f);
	return 0;
}

int fixture_teardown(void **state)
{
	struct store_fixture *f = *state;
	store_close(f->st);
	return remove_and_free(f->dir, f);
}

void fixture_seed_ballot(struct ballot *b)
{
	rules_ballot_init(b, 4);
	b->dots[0][LEVEL_AGREE] = 5;
	b->dots[1][LEVEL_PARTLY_AGREE] = 2;
	b->dots[2][LEVEL_NEUTRAL] = 2;
	b->dots[3][LEVEL_DISAGREE] = 1;
}

void fixture_mkdtemp(char *dir)
{
	assert_non_null(mkdtemp(dir));
}

struct store *fixture_open(const char *path)
{
	char err[512];
	struct store *st = NULL;
	assert_int_equal(store_open(path, &st, err, sizeof err), STORE_OK);
	return st;
}

int64_t fixture_session(struct store *st, const struct store_new_session *o)
{
	int64_t id = 0;
	assert_int_equal(store_session_create(st, &fixture_networks, o, &id), STORE_OK);
	assert_true(id > 0);
	return id;
}

int64_t fixture_query_int(struct store *st, const char *sql)
{
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(st->db, sql, -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	int64_t v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

void fixture_exec_raw(const char *path, int upto, const char *sql)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	for (int v = 1; v <= upto; v++)
		assert_int_equal(sqlite3_exec(db, store_migration_sql(v), NULL, NULL,
					      NULL), SQLITE_OK);
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg);
	assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

int fixture_pair_setup_mine(void **state)
{
	struct pair_fixture *f = calloc(1, sizeof *f);
	assert_non_null(f);
	fresh_dir(f->dir, f->mine_path, sizeof f->mine_path, "mine.db");
	snprintf(f->theirs_path, sizeof f->theirs_path, "%s/theirs.db", f->dir);
	f->mine = fixture_open(f->mine_path);
	*state = f;
	return 0;
}

int fixture_pair_setup(void **state)
{
	fixture_pair_setup_mine(state);
	struct pair_fixture *f = *state;
	f->theirs = fixture_open(f->theirs_path);
	return 0;
}

int fixture_pair_teardown(void **state)
{
	struct pair_fixture *f = *state;
	store_close(f->mine);
	store_close(f->theirs);
	return remove_and_free(f->dir, f);
}

void fixture_write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	assert_int_equal(fputs(text, fp) >= 0, 1);
	assert_int_equal(fclose(fp), 0);
}

void fixture_assert_bytes(const char *path, const char *want, size_t len)
{
	size_t got_len;
	char *got = files_slurp(path, &got_len);
	assert_non_null(got);
	assert_int_equal(got_len, len);
	assert_memory_equal(got, want, len);
	free(got);
}
