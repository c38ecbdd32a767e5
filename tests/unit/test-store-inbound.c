/* Unit tests of issue 12.5 in the merge: every text of the other laptop's
 * database passes the rules of typed text, or nothing is merged. Each test
 * makes "theirs" with tapla, then crafts it with plain SQL as an attacker
 * would (escape sequences, controls, invisible characters, a 50 MB title,
 * two names of one person), then merges it into "mine". */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store-fixture.h"
#include "tapla/inbound.h"
#include "tapla/store.h"

struct fixture {
	char dir[64];
	char mine_path[128];
	char theirs_path[128];
	struct store *mine;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	assert_non_null(f);
	strcpy(f->dir, "/tmp/tapla-inbound-XXXXXX");
	fixture_mkdtemp(f->dir);
	snprintf(f->mine_path, sizeof f->mine_path, "%s/mine.db", f->dir);
	snprintf(f->theirs_path, sizeof f->theirs_path, "%s/theirs.db", f->dir);
	f->mine = fixture_open(f->mine_path);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	store_close(f->mine);
	fixture_remove_tree(f->dir);
	free(f);
	return 0;
}

/* "theirs": one session with Anna's and Bertta's ballots and a note, then
 * `sql` run on the closed file with a plain connection (no tapla rules). */
static void craft_theirs(struct fixture *f, const char *sql)
{
	struct store *st = fixture_open(f->theirs_path);
	struct store_new_session o = { .mode = MODE_WEIGHTED };
	int64_t id = fixture_session(st, &o);
	struct ballot b;
	rules_ballot_init(&b, 4);
	b.dots[0][LEVEL_AGREE] = 2;
	int seq;
	assert_int_equal(store_ballot_save(st, id, "Anna", &b, NULL, 0, false, &seq),
			 STORE_OK);
	assert_int_equal(store_ballot_save(st, id, "Bertta", &b, NULL, 0, false, &seq),
			 STORE_OK);
	assert_int_equal(store_note_add(st, id, 0, QUAD_O, "Yhteinen alusta"), STORE_OK);
	store_close(st);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->theirs_path, &db), SQLITE_OK);
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("crafting failed: %s", msg);
	assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

/* How many sessions "mine" holds. */
static int64_t sessions(struct fixture *f)
{
	return fixture_query_int(f->mine, "SELECT count(*) FROM session");
}

/* Merging the crafted file is refused whole, with a sentence holding
 * `says`; nothing reaches "mine". */
static void assert_refused(struct fixture *f, const char *sql, const char *says)
{
	craft_theirs(f, sql);
	struct store_merge_result res;
	enum store_status r = store_merge(f->mine, f->theirs_path,
					  STORE_PREFER_NONE, &res);
	if (r != STORE_REFUSED)
		fail_msg("merge gave %d (%s) for: %s", r, store_error(f->mine), sql);
	if (says && !strstr(store_error(f->mine), says))
		fail_msg("\"%s\" does not say \"%s\"", store_error(f->mine), says);
	assert_non_null(strstr(store_error(f->mine), "othing was merged"));
	assert_int_equal(sessions(f), 0);
}

/* A name holding OSC 52 (the clipboard) and a title-setting OSC. */
static void escape_in_name_is_refused(void **state)
{
	assert_refused(*state,
		"UPDATE participant SET name = 'Anna' || char(27) ||"
		" ']52;c;aGVsbG8=' || char(7) || char(27) || ']0;pwned' || char(7)"
		" WHERE seq = 1;", "control characters");
}

/* C1 controls as UTF-8 (8-bit CSI), DEL and a tab in a name. */
static void controls_in_name_are_refused(void **state)
{
	struct fixture *f = *state;
	assert_refused(f, "UPDATE participant SET name = 'Anna' || char(155) || '2J'"
		       " WHERE seq = 1;", "participant 1");
}

/* A 50 MB title, made here (never committed): the source's own bounds
 * (store-source.c) or the typed limit refuse it. */
static void huge_title_is_refused(void **state)
{
	assert_refused(*state,
		"UPDATE session SET title = replace(hex(zeroblob(25000000)), '0', 'x');",
		NULL);
}

/* A title of 121 characters, one over the limit of a typed title. */
static void long_title_is_refused(void **state)
{
	assert_refused(*state,
		"UPDATE session SET title = replace(hex(zeroblob(60)), '0', 'x') || 'y';",
		"too long");
}

/* A SWOT note with a CSI that clears the screen. */
static void escape_in_note_is_refused(void **state)
{
	assert_refused(*state,
		"UPDATE note SET text = 'Hyvä' || char(27) || '[2J';", "note on sheet 1");
}

/* A sheet's statement and a phase's title with escape sequences, and a
 * short name far over the template limit. */
static void template_texts_are_checked(void **state)
{
	struct fixture *f = *state;
	assert_refused(f,
		"UPDATE sheet SET statement = 'Idea' || char(27) || ']8;;http://x' || char(7)"
		" WHERE idx = 2;", "Sheet 3");
}

/* A phase title with a C1 OSC (two bytes C2 9D). */
static void phase_title_is_checked(void **state)
{
	assert_refused(*state,
		"UPDATE phase SET title = 'Talk' || char(157) || '0;x' || char(7)"
		" WHERE idx = 0;", "Step 1");
}

/* A signing time carrying an escape sequence. */
static void damaged_time_is_refused(void **state)
{
	assert_refused(*state,
		"UPDATE participant SET signed_at = char(27) || '[31m' WHERE seq = 2;",
		"signing time");
}

/* Two names of one person in the other file (Greek capitals that look
 * like "ANNA"): refused, not merged as two signers. */
static void one_person_twice_is_refused(void **state)
{
	assert_refused(*state,
		"UPDATE participant SET name = char(913, 925, 925, 913),"
		" name_key = 'x' WHERE seq = 2;", "look the same");
}

/* A group list with an escape sequence, and a participant in a group the
 * list does not hold (rounds and groups, issue 15). */
static void groups_are_checked(void **state)
{
	assert_refused(*state,
		"UPDATE session SET groups = 'asukkaat' || char(10) || 'virka'"
		" || char(27) || '[2J';", "groups");
}

static void group_not_in_list_is_refused(void **state)
{
	assert_refused(*state,
		"UPDATE session SET groups = 'asukkaat' || char(10) || 'viranhaltijat';"
		"UPDATE participant SET grp = 'muut' WHERE seq = 1;", "groups");
}

/* Invisible characters in a name are cleaned away, as when typed; the
 * session is merged with the clean name. */
static void invisible_characters_are_cleaned(void **state)
{
	struct fixture *f = *state;
	craft_theirs(f,
		"UPDATE participant SET name = char(8203) || 'An' || char(8238) ||"
		" 'na' || char(65279), name_key = 'z' WHERE seq = 1;");
	struct store_merge_result res;
	assert_int_equal(store_merge(f->mine, f->theirs_path, STORE_PREFER_NONE, &res),
			 STORE_OK);
	assert_int_equal(res.added, 1);
	assert_int_equal(fixture_query_int(f->mine,
		"SELECT count(*) FROM participant WHERE name = 'Anna'"), 1);
	assert_int_equal(fixture_query_int(f->mine,
		"SELECT count(*) FROM participant WHERE name GLOB '*[^ -~]*'"), 0);
}

/* The time format check on its own. */
static void times_are_checked(void **state)
{
	(void)state;
	assert_true(inbound_time_ok("2026-11-24T10:00:00Z"));
	assert_true(inbound_time_ok("2026-11-24T10:00:00.123Z"));
	assert_false(inbound_time_ok(""));
	assert_false(inbound_time_ok("2026\x1b[2J"));
	assert_false(inbound_time_ok("2026-11-24 10:00"));
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(escape_in_name_is_refused),
		T(controls_in_name_are_refused),
		T(huge_title_is_refused),
		T(long_title_is_refused),
		T(escape_in_note_is_refused),
		T(template_texts_are_checked),
		T(phase_title_is_checked),
		T(damaged_time_is_refused),
		T(one_person_twice_is_refused),
		T(groups_are_checked),
		T(group_not_in_list_is_refused),
		T(invisible_characters_are_cleaned),
		cmocka_unit_test(times_are_checked),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
