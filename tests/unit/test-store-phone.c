/* Unit tests of schema 3 in the store: ballots from phones (source phone,
 * one ballot per device), the counts per channel and a device's own
 * ballot read back; the phone server's heartbeat and the join address
 * shown only while it beats. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "src/store-int.h"
#include "store-fixture.h"

#define PHONE_A "0123456789abcdef0123456789abcdef"
#define PHONE_B "fedcba9876543210fedcba9876543210"

/* Saves the seed ballot for name from device (NULL: the laptop). */
static enum store_status vote(struct store_fixture *f, const char *name,
			      const char *device, int agree)
{
	struct ballot b;
	fixture_seed_ballot(&b);
	b.dots[0][LEVEL_AGREE] = agree;
	struct ballot_note note = { 1, QUAD_W, (char *)"Slow." };
	struct store_ballot_in in = {
		.name = name, .ballot = &b,
		.source = device ? SOURCE_PHONE : SOURCE_SCREEN,
		.device = device, .notes = &note, .nnotes = 1,
	};
	int seq = 0;
	return store_ballot_save_ex(f->st, f->session, &in, &seq);
}

/* A phone changes its own ballot; the same name from elsewhere is not its. */
static void phone_owns_its_ballot(void **state)
{
	struct store_fixture *f = *state;
	assert_int_equal(vote(f, "Anna", PHONE_A, 5), STORE_OK);
	assert_int_equal(vote(f, "anna ", PHONE_A, 4), STORE_OK);
	assert_int_equal(fixture_query_int(f->st,
		"SELECT count(*) FROM participant"), 1);
	assert_int_equal(fixture_query_int(f->st,
		"SELECT dots FROM dot WHERE sheet_idx = 0 AND level = 0"), 4);
	assert_int_equal(vote(f, "Anna", PHONE_B, 5), STORE_CONFLICT);
	assert_non_null(strstr(store_error(f->st), "ask the facilitator"));
	assert_int_equal(vote(f, "Ville", PHONE_A, 5), STORE_REFUSED);
	assert_non_null(strstr(store_error(f->st), "Anna"));
	assert_int_equal(vote(f, "Outi", NULL, 5), STORE_OK);
	assert_int_equal(vote(f, "Outi", PHONE_B, 5), STORE_CONFLICT);
	assert_int_equal(vote(f, "Anna", "not-hex", 5), STORE_REFUSED);
	assert_int_equal(fixture_query_int(f->st,
		"SELECT count(*) FROM participant WHERE source = 'phone'"
		" AND device = '" PHONE_A "'"), 1);
}

/* Counts per channel, and a phone's own ballot read back. */
static void counts_and_own_ballot(void **state)
{
	struct store_fixture *f = *state;
	assert_int_equal(vote(f, "Anna", PHONE_A, 5), STORE_OK);
	assert_int_equal(vote(f, "Ville", PHONE_B, 5), STORE_OK);
	assert_int_equal(vote(f, "Outi", NULL, 5), STORE_OK);
	int counts[SOURCE_COUNT];
	assert_int_equal(store_source_counts(f->st, f->session, counts), STORE_OK);
	assert_int_equal(counts[SOURCE_PHONE], 2);
	assert_int_equal(counts[SOURCE_SCREEN], 1);
	assert_int_equal(counts[SOURCE_CLI], 0);
	assert_int_equal(store_source_counts(f->st, 999, counts), STORE_NOT_FOUND);
	struct store_device_ballot b;
	bool found = false;
	assert_int_equal(store_device_ballot(f->st, f->session, PHONE_B, &b,
					     &found), STORE_OK);
	assert_true(found);
	assert_string_equal(b.name, "Ville");
	assert_null(b.group);
	assert_int_equal(b.ballot.dots[0][LEVEL_AGREE], 5);
	assert_int_equal(rules_ballot_total(&b.ballot), 10);
	assert_int_equal(b.nnotes, 1);
	assert_int_equal(b.notes[0].sheet, 1);
	assert_int_equal(b.notes[0].quadrant, QUAD_W);
	assert_string_equal(b.notes[0].text, "Slow.");
	store_device_ballot_free(&b);
	assert_int_equal(store_device_ballot(f->st, f->session,
		"00000000000000000000000000000000", &b, &found), STORE_OK);
	assert_false(found);
	assert_null(b.name);
	store_device_ballot_free(&b);
}

/* Anonymous: the device is the identity. */
static void anonymous_device_is_identity(void **state)
{
	struct store_fixture *f = *state;
	struct store_new_session o = { .anonymous = true };
	f->session = fixture_session(f->st, &o);
	assert_int_equal(vote(f, NULL, PHONE_A, 5), STORE_OK);
	assert_int_equal(vote(f, NULL, PHONE_A, 3), STORE_OK);
	assert_int_equal(vote(f, NULL, PHONE_B, 1), STORE_OK);
	assert_int_equal(fixture_query_int(f->st,
		"SELECT count(*) FROM participant"), 2);
	assert_int_equal(fixture_query_int(f->st,
		"SELECT dots FROM dot JOIN participant ON participant.id ="
		" participant_id WHERE device = '" PHONE_A "' AND sheet_idx = 0"), 3);
}

/* A schema-3 file brought to schema 4: participant is rebuilt with every
 * row, column (the group too), dot and note kept, and no phone. */
static void schema_3_is_migrated_whole(void **state)
{
	struct store_fixture *f = *state;
	fixture_exec_raw(f->path, 3,
		FIXTURE_OLD_SESSION_SQL
		"UPDATE session SET groups = 'asukkaat';"
		"INSERT INTO sheet VALUES (1, 0, 'a', 'A.', NULL), (1, 1, 'b', 'B.', NULL);"
		"INSERT INTO participant (id, session_id, seq, name, name_key,"
		" signed_at, source, sheet_order, grp) VALUES (7, 1, 1, 'Anna', 'anna',"
		" '2015-10-13T10:05:00Z', 'paper', '2,1', 'asukkaat');"
		"INSERT INTO dot VALUES (7, 1, 0, 0, 3), (7, 1, 1, 4, 2);"
		"INSERT INTO note (session_id, sheet_idx, quadrant, participant_id, text)"
		" VALUES (1, 0, 'S', 7, 'Hyvä');");
	char err[512];
	assert_int_equal(store_open(f->path, &f->st, err, sizeof err), STORE_OK);
	assert_int_equal(fixture_query_int(f->st, "PRAGMA user_version"),
			 STORE_SCHEMA_VERSION);
	assert_int_equal(fixture_query_int(f->st,
		"SELECT count(*) FROM participant WHERE id = 7 AND grp = 'asukkaat'"
		" AND source = 'paper' AND sheet_order = '2,1' AND device IS NULL"), 1);
	assert_int_equal(fixture_query_int(f->st, "SELECT sum(dots) FROM dot"), 5);
	assert_int_equal(fixture_query_int(f->st, "SELECT count(*) FROM note"), 1);
	assert_int_equal(fixture_query_int(f->st,
		"SELECT count(*) FROM pragma_foreign_key_check"), 0);
	/* Foreign keys are on again: deleting the session cascades. */
	assert_int_equal(store_session_delete(f->st, 1), STORE_OK);
	assert_int_equal(fixture_query_int(f->st, "SELECT count(*) FROM dot"), 0);
}

/* A beat is fresh for STORE_SERVE_ALIVE_MS either way (a clock set back),
 * never when there is none. */
static void serve_beat_freshness_rule(void **state)
{
	(void)state;
	const int64_t now = 1780000000000, alive = STORE_SERVE_ALIVE_MS;
	assert_true(alive >= 2000 && alive <= 5000);  /* a few seconds */
	assert_false(store_serve_alive(-1, now));
	assert_false(store_serve_alive(0, now));
	assert_true(store_serve_alive(now, now));
	assert_true(store_serve_alive(now - alive, now));
	assert_false(store_serve_alive(now - alive - 1, now));
	assert_true(store_serve_alive(now + alive, now));
	assert_false(store_serve_alive(now + alive + 1, now));
}

/* The stored address shows while its server beats; with no beat or an old
 * one it does not, and *stopped says a server was killed; a clean stop
 * (address cleared, file removed) is neither. */
static void join_url_needs_a_fresh_beat(void **state)
{
	struct store_fixture *f = *state;
	const char *db = store_file(f->st);
	const char *addr = "http://127.0.0.1:4000/abc/";
	int64_t now = 1780000000000;
	char *url = NULL;
	bool stopped = true;
	assert_int_equal(store_phone_join_url(f->st, f->session, now, &url, &stopped), STORE_OK);
	assert_null(url);
	assert_false(stopped);  /* never started */
	assert_int_equal(store_session_set_join_url(f->st, f->session, addr), STORE_OK);
	assert_int_equal(store_phone_join_url(f->st, f->session, now, &url, &stopped), STORE_OK);
	assert_null(url);
	assert_true(stopped);  /* an address with no beat: a dead server's */
	assert_int_equal(store_serve_beat(db, f->session, now), 0);
	assert_int_equal(store_phone_join_url(f->st, f->session, now + 1000, &url, &stopped), STORE_OK);
	assert_non_null(url);
	assert_string_equal(url, addr);
	assert_false(stopped);
	free(url);
	/* Another session's server beats in its own file, not this one's. */
	assert_int_equal(store_serve_beat(db, f->session + 1, now + 4000), 0);
	assert_int_equal(store_phone_join_url(f->st, f->session, now + STORE_SERVE_ALIVE_MS + 1,
					      &url, &stopped), STORE_OK);
	assert_null(url);
	assert_true(stopped);  /* killed: the beat went old */
	store_serve_beat_end(db, f->session);
	assert_int_equal(store_session_set_join_url(f->st, f->session, NULL), STORE_OK);
	assert_int_equal(store_phone_join_url(f->st, f->session, now, &url, &stopped), STORE_OK);
	assert_null(url);
	assert_false(stopped);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FIXTURE_TEST(phone_owns_its_ballot),
		FIXTURE_TEST(counts_and_own_ballot),
		FIXTURE_TEST(anonymous_device_is_identity),
		cmocka_unit_test(serve_beat_freshness_rule),
		FIXTURE_TEST(join_url_needs_a_fresh_beat),
		FIXTURE_DIR_TEST(schema_3_is_migrated_whole),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
