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
#include <unistd.h>

#include "store-fixture.h"
#include "tapla/inbound.h"
#include "tapla/store.h"

/* "theirs": one session with Anna's and Bertta's ballots and a note, then
 * `sql` run on the closed file with a plain connection (no tapla rules). */
static void craft_theirs(struct pair_fixture *f, const char *sql)
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
	fixture_exec_raw(f->theirs_path, 0, sql);
}

/* How many sessions "mine" holds. */
static int64_t sessions(struct pair_fixture *f)
{
	return fixture_query_int(f->mine, "SELECT count(*) FROM session");
}

/* Merging the crafted file is refused whole, with a sentence holding
 * `says`; nothing reaches "mine". `what` names the case. */
static void assert_refused(struct pair_fixture *f, const char *what,
			   const char *sql, const char *says)
{
	craft_theirs(f, sql);
	struct store_merge_result res;
	enum store_status r = store_merge(f->mine, f->theirs_path,
					  STORE_PREFER_NONE, &res);
	if (r != STORE_REFUSED)
		fail_msg("%s: merge gave %d (%s) for: %s", what, r,
			 store_error(f->mine), sql);
	if (says && !strstr(store_error(f->mine), says))
		fail_msg("%s: \"%s\" does not say \"%s\"", what,
			 store_error(f->mine), says);
	if (!strstr(store_error(f->mine), "othing was merged"))
		fail_msg("%s: \"%s\" does not say nothing was merged", what,
			 store_error(f->mine));
	if (sessions(f) != 0)
		fail_msg("%s: %lld sessions merged", what, (long long)sessions(f));
}

/* One crafted file: what it is, the SQL that makes it, and a word the
 * refusal must hold (NULL: any refusal). */
struct crafted {
	const char *what;
	const char *sql;
	const char *says;
};

static const struct crafted refused[] = {
	/* OSC 52 (the clipboard) and a title-setting OSC. */
	{ "escape in a name",
	  "UPDATE participant SET name = 'Anna' || char(27) ||"
	  " ']52;c;aGVsbG8=' || char(7) || char(27) || ']0;pwned' || char(7)"
	  " WHERE seq = 1;", "control characters" },
	/* C1 controls as UTF-8 (8-bit CSI). */
	{ "8-bit CSI in a name",
	  "UPDATE participant SET name = 'Anna' || char(155) || '2J'"
	  " WHERE seq = 1;", "participant 1" },
	/* 50 MB, made here (never committed): the source's own bounds
	 * (store-source.c) or the typed limit refuse it. */
	{ "a 50 MB title",
	  "UPDATE session SET title = replace(hex(zeroblob(25000000)), '0', 'x');",
	  NULL },
	/* 121 characters, one over the limit of a typed title. */
	{ "a title one over the limit",
	  "UPDATE session SET title = replace(hex(zeroblob(60)), '0', 'x') || 'y';",
	  "too long" },
	{ "a SWOT note clearing the screen",
	  "UPDATE note SET text = 'Hyvä' || char(27) || '[2J';", "note on sheet 1" },
	{ "escape in a sheet's statement",
	  "UPDATE sheet SET statement = 'Idea' || char(27) || ']8;;http://x' || char(7)"
	  " WHERE idx = 2;", "Sheet 3" },
	/* A C1 OSC (two bytes C2 9D). */
	{ "C1 OSC in a phase title",
	  "UPDATE phase SET title = 'Talk' || char(157) || '0;x' || char(7)"
	  " WHERE idx = 0;", "Step 1" },
	{ "escape in a signing time",
	  "UPDATE participant SET signed_at = char(27) || '[31m' WHERE seq = 2;",
	  "signing time" },
	/* Greek capitals that look like "ANNA": not merged as two signers. */
	{ "two names of one person",
	  "UPDATE participant SET name = char(913, 925, 925, 913),"
	  " name_key = 'x' WHERE seq = 2;", "look the same" },
	/* Rounds and groups, issue 15. */
	{ "escape in the group list",
	  "UPDATE session SET groups = 'asukkaat' || char(10) || 'virka'"
	  " || char(27) || '[2J';", "groups" },
	{ "a group the list does not hold",
	  "UPDATE session SET groups = 'asukkaat' || char(10) || 'viranhaltijat';"
	  "UPDATE participant SET grp = 'muut' WHERE seq = 1;", "groups" },
};

/* Removes "theirs" and its -wal and -shm, for the next crafted file. */
static void remove_theirs(struct pair_fixture *f)
{
	const char *suffix[] = { "", "-wal", "-shm" };
	for (size_t i = 0; i < 3; i++) {
		char p[160];
		snprintf(p, sizeof p, "%s%s", f->theirs_path, suffix[i]);
		unlink(p);
	}
}

/* Escape sequences, controls, over-long texts and one person twice in
 * the other file: each refused whole, a fresh "theirs" for each. */
static void crafted_texts_are_refused(void **state)
{
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		remove_theirs(*state);
		assert_refused(*state, refused[i].what, refused[i].sql,
			       refused[i].says);
	}
}

/* Invisible characters in a name are cleaned away, as when typed; the
 * session is merged with the clean name. */
static void invisible_characters_are_cleaned(void **state)
{
	struct pair_fixture *f = *state;
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		MINE_FIXTURE_TEST(crafted_texts_are_refused),
		MINE_FIXTURE_TEST(invisible_characters_are_cleaned),
		cmocka_unit_test(times_are_checked),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
