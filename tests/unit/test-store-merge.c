/* Unit tests of merging databases (store-merge.c) and erasing names and
 * sessions (store-forget.c), each on fresh databases in a temporary folder:
 * "mine" (this laptop) and "theirs" (the other laptop's file). */
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
#include "tapla/store.h"

static int64_t new_session(struct store *st, bool anonymous)
{
	struct store_new_session o = { .mode = MODE_WEIGHTED, .anonymous = anonymous };
	return fixture_session(st, &o);
}

/* A ballot of `dots` dots on one sheet and level. */
static void vote(struct store *st, int64_t id, const char *name, int sheet,
		 enum level l, int dots)
{
	struct ballot b;
	rules_ballot_init(&b, 4);
	b.dots[sheet][l] = dots;
	int seq;
	assert_int_equal(store_ballot_save(st, id, name, &b, NULL, 0, false, &seq),
			 STORE_OK);
}

/* Closes "theirs" so its file is complete on disk (WAL checkpointed). */
static void close_theirs(struct pair_fixture *f)
{
	store_close(f->theirs);
	f->theirs = NULL;
}

/* The session's JSON export without its local id and the facilitator
 * settings (PIN, revealed, closed), which stay with each laptop: what a
 * merge must keep. */
static char *json_of(struct store *st, int64_t id)
{
	struct report r;
	assert_int_equal(store_report(st, id, &r), STORE_OK);
	r.session.id = 0;
	r.session.revealed = false;
	r.session.closed[0] = '\0';
	r.session.has_pin = false;
	struct buf out;
	buf_init(&out);
	assert_true(report_json(&r, NULL, &out));
	report_free(&r);
	return buf_steal(&out);
}

/* Merges "theirs" into "mine", which must succeed; what it did. */
static struct store_merge_result merge_ok(struct pair_fixture *f,
					  enum store_prefer prefer)
{
	struct store_merge_result m;
	enum store_status r = store_merge(f->mine, f->theirs_path, prefer, &m);
	if (r != STORE_OK)
		fail_msg("merge gave %d: %s", r, store_error(f->mine));
	return m;
}

/* Fails the test unless the session's JSON (json_of) is want. */
static void assert_session_is(struct store *st, int64_t id, const char *want)
{
	char *got = json_of(st, id);
	assert_string_equal(got, want);
	free(got);
}

static size_t session_count(struct store *st)
{
	struct session *list;
	size_t n;
	assert_int_equal(store_session_list(st, &list, &n), STORE_OK);
	for (size_t i = 0; i < n; i++)
		rules_session_free(&list[i]);
	free(list);
	return n;
}

/* The local id of the session with this uuid (0 if none). */
static int64_t id_of_uuid(struct store *st, const char *uuid)
{
	struct session *list;
	size_t n;
	int64_t id = 0;
	assert_int_equal(store_session_list(st, &list, &n), STORE_OK);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(list[i].uuid, uuid) == 0)
			id = list[i].id;
		rules_session_free(&list[i]);
	}
	free(list);
	return id;
}

/* A session on the other laptop with names, notes, a saved state, a
 * shuffled order, a screen ballot and a paper sheet's totals. */
static int64_t rich_session(struct store *st)
{
	struct store_new_session o = { .mode = MODE_WEIGHTED, .shuffle = true,
				       .demo = true };
	int64_t id = fixture_session(st, &o);
	struct ballot b;
	rules_ballot_init(&b, 4);
	b.dots[0][LEVEL_AGREE] = 5;
	b.dots[3][LEVEL_DISAGREE] = 1;
	struct ballot_note note = { 1, QUAD_W, (char *)"Liian vähän aikaa" };
	static const int order[4] = { 2, 0, 3, 1 };
	struct store_ballot_in in = { .name = "Äino", .ballot = &b, .notes = &note,
				      .nnotes = 1, .source = SOURCE_SCREEN,
				      .order = order, .norder = 4 };
	int seq;
	assert_int_equal(store_ballot_save_ex(st, id, &in, &seq), STORE_OK);
	vote(st, id, "Bertta", 2, LEVEL_NEUTRAL, 2);
	static const int dots[LEVEL_COUNT] = { 4, 0, 1, 0, 0, 2 };
	static const int people[LEVEL_COUNT] = { 2, 0, 1, 0, 0, 1 };
	assert_int_equal(store_paper_totals_save(st, id, 1, dots, people, 3, false),
			 STORE_OK);
	assert_int_equal(store_note_add(st, id, 0, QUAD_O, "Yhteinen alusta"), STORE_OK);
	assert_int_equal(store_session_set_phase(st, id, 2), STORE_OK);
	assert_int_equal(store_session_set_timer(st, id, false, 0, 4200), STORE_OK);
	assert_int_equal(store_session_set_revealed(st, id, true), STORE_OK);
	assert_int_equal(store_session_set_pin_hash(st, id, "$y$j9T$salt$hash"), STORE_OK);
	assert_int_equal(store_session_set_closed(st, id, true), STORE_OK);
	return id;
}

/* Everything of a session comes over: sheets, agenda, names, ballots,
 * notes; but never the PIN, revealed, closed or the agenda's phase and
 * timer (issue 12.11). */
static void merge_copies_everything(void **state)
{
	struct pair_fixture *f = *state;
	int64_t local = new_session(f->mine, false);
	vote(f->mine, local, "Oma", 0, LEVEL_AGREE, 1);
	int64_t there = rich_session(f->theirs);
	char *want = json_of(f->theirs, there);
	struct session s;
	assert_int_equal(store_session_get(f->theirs, there, &s), STORE_OK);
	close_theirs(f);

	struct store_merge_result m = merge_ok(f, STORE_PREFER_NONE);
	assert_int_equal(m.added, 1);
	assert_int_equal(m.added_ballots, 2);
	assert_int_equal(m.same, 0);
	int64_t id = id_of_uuid(f->mine, s.uuid);
	assert_true(id > local);
	assert_session_is(f->mine, id, want);

	struct session c;
	assert_int_equal(store_session_get(f->mine, id, &c), STORE_OK);
	assert_true(s.closed[0] && s.revealed && s.phase == 2);
	assert_string_equal(c.closed, "");
	assert_int_equal(c.phase, 0);
	assert_false(c.revealed);
	assert_int_equal(c.timer_left_ms, 0);
	assert_true(c.shuffle);
	assert_true(c.demo);
	char *pin;
	assert_int_equal(store_session_pin_hash(f->mine, id, &pin), STORE_OK);
	assert_null(pin);
	struct tpl_phase *ph;
	size_t nph;
	assert_int_equal(store_session_phases(f->mine, id, &ph, &nph), STORE_OK);
	assert_int_equal(nph, 3);
	assert_string_equal(ph[0].instructions, "What is the network for?");
	assert_int_equal(ph[2].kind, PHASE_RESULTS);
	struct tpl_sheet *sh;
	size_t nsh;
	assert_int_equal(store_session_sheets(f->mine, id, &sh, &nsh), STORE_OK);
	assert_string_equal(sh[0].help, "Help 1");
	/* The names still work as signers: the same name cannot vote twice. */
	bool signed_ = false;
	assert_int_equal(store_name_signed(f->mine, id, "ÄINO", &signed_), STORE_OK);
	assert_true(signed_);
	store_free_sheets(sh, nsh);
	store_free_phases(ph, nph);
	free(pin);
	rules_session_free(&c);
	rules_session_free(&s);
	free(want);
}

/* Merging twice adds nothing the second time. */
static void merge_twice_is_merge_once(void **state)
{
	struct pair_fixture *f = *state;
	rich_session(f->theirs);
	int64_t anon = new_session(f->theirs, true);
	vote(f->theirs, anon, NULL, 1, LEVEL_UNSURE, 3);
	close_theirs(f);
	struct store_merge_result m = merge_ok(f, STORE_PREFER_NONE);
	assert_int_equal(m.added, 2);
	assert_int_equal(m.added_ballots, 3);
	char *once[2] = { json_of(f->mine, 1), json_of(f->mine, 2) };
	m = merge_ok(f, STORE_PREFER_NONE);
	assert_int_equal(m.added, 0);
	assert_int_equal(m.added_ballots, 0);
	assert_int_equal(m.same, 2);
	assert_int_equal(session_count(f->mine), 2);
	for (int i = 0; i < 2; i++) {
		assert_session_is(f->mine, i + 1, once[i]);
		free(once[i]);
	}
}

/* A session in both with different ballots: refused with nothing changed,
 * unless prefer says which wins. */
static void conflict_needs_prefer(void **state)
{
	struct pair_fixture *f = *state;
	int64_t there = new_session(f->theirs, false);
	vote(f->theirs, there, "Aino", 0, LEVEL_AGREE, 2);
	int64_t other = new_session(f->theirs, false);
	store_close(f->theirs);
	struct store_merge_result m = merge_ok(f, STORE_PREFER_NONE);
	/* Both laptops go on voting in the same session. */
	vote(f->mine, 1, "Mine", 1, LEVEL_AGREE, 1);
	f->theirs = fixture_open(f->theirs_path);
	vote(f->theirs, there, "Theirs", 2, LEVEL_DISAGREE, 1);
	int64_t third = new_session(f->theirs, false);
	char *theirs_json = json_of(f->theirs, there);
	close_theirs(f);
	(void)other;
	(void)third;

	char *before = json_of(f->mine, 1);
	assert_int_equal(store_merge(f->mine, f->theirs_path, STORE_PREFER_NONE, &m),
			 STORE_CONFLICT);
	assert_int_equal(m.conflict, 1);
	assert_non_null(strstr(store_error(f->mine), "--prefer"));
	assert_int_equal(session_count(f->mine), 2);  /* the third not added */
	assert_session_is(f->mine, 1, before);

	m = merge_ok(f, STORE_PREFER_MINE);
	assert_int_equal(m.kept, 1);
	assert_int_equal(m.added, 1);
	assert_session_is(f->mine, 1, before);

	m = merge_ok(f, STORE_PREFER_THEIRS);
	assert_int_equal(m.replaced, 1);
	assert_int_equal(m.added, 0);
	assert_int_equal(session_count(f->mine), 3);
	assert_session_is(f->mine, 1, theirs_json);  /* the local id stays */
	free(before);
	free(theirs_json);
}

/* The other file is only read: byte for byte the same afterwards. */
static void other_file_untouched(void **state)
{
	struct pair_fixture *f = *state;
	rich_session(f->theirs);
	close_theirs(f);
	size_t n0;
	char *before = files_slurp(f->theirs_path, &n0);
	merge_ok(f, STORE_PREFER_NONE);
	merge_ok(f, STORE_PREFER_THEIRS);
	fixture_assert_bytes(f->theirs_path, before, n0);
	free(before);
}

/* A file that is not tapla's, a missing one and this database itself are
 * refused, and this database is left as it was. */
static void merge_refusals(void **state)
{
	struct pair_fixture *f = *state;
	close_theirs(f);
	char text[192];
	snprintf(text, sizeof text, "%s/other.txt", f->dir);
	fixture_write_file(text, "not a database\n");
	struct store_merge_result m;
	assert_int_equal(store_merge(f->mine, text, STORE_PREFER_NONE, &m),
			 STORE_REFUSED);
	assert_non_null(strstr(store_error(f->mine), "not a tapla database"));
	/* Another program's SQLite file. */
	unlink(f->theirs_path);
	fixture_exec_raw(f->theirs_path, 0, "CREATE TABLE t(x)");
	assert_int_equal(store_merge(f->mine, f->theirs_path, STORE_PREFER_NONE, &m),
			 STORE_REFUSED);
	assert_non_null(strstr(store_error(f->mine), "not a tapla database"));
	assert_int_equal(store_merge(f->mine, f->mine_path, STORE_PREFER_NONE, &m),
			 STORE_REFUSED);
	char missing[192];
	snprintf(missing, sizeof missing, "%s/missing.db", f->dir);
	assert_int_equal(store_merge(f->mine, missing, STORE_PREFER_NONE, &m),
			 STORE_NOT_FOUND);
	assert_int_equal(session_count(f->mine), 0);
}

/* After forget the name's bytes are nowhere in the file or its WAL; the
 * tally counts the others; later signers move up one place. */
static void forget_erases_the_bytes(void **state)
{
	struct pair_fixture *f = *state;
	int64_t id = new_session(f->mine, false);
	vote(f->mine, id, "Aino", 0, LEVEL_AGREE, 3);
	struct ballot b;
	rules_ballot_init(&b, 4);
	b.dots[1][LEVEL_DISAGREE] = 4;
	struct ballot_note note = { 1, QUAD_T, (char *)"Qwertyuiop huoli" };
	int seq;
	assert_int_equal(store_ballot_save(f->mine, id, "Zyxwvut Quill", &b, &note,
					   1, false, &seq), STORE_OK);
	vote(f->mine, id, "Cecilia", 2, LEVEL_NEUTRAL, 2);
	assert_true(files_db_holds(f->mine_path, "Zyxwvut Quill"));
	assert_true(files_db_holds(f->mine_path, "Qwertyuiop"));

	assert_int_equal(store_forget_name(f->mine, id, "  zyxwvut   QUILL "),
			 STORE_OK);
	assert_false(files_db_holds(f->mine_path, "Zyxwvut"));
	assert_false(files_db_holds(f->mine_path, "zyxwvut"));
	assert_false(files_db_holds(f->mine_path, "Qwertyuiop"));
	assert_true(files_db_holds(f->mine_path, "Cecilia"));

	struct report r;
	assert_int_equal(store_report(f->mine, id, &r), STORE_OK);
	assert_int_equal(r.nparticipants, 2);
	assert_int_equal(r.tally.participants, 2);
	assert_int_equal(r.tally.total_dots, 5);
	assert_int_equal(r.tally.sheets[1].total_dots, 0);
	assert_int_equal(r.nnotes, 0);
	assert_int_equal(r.participants[1].seq, 2);
	assert_string_equal(r.participants[1].name, "Cecilia");
	assert_int_equal(r.ballots[1].participant, 2);
	report_free(&r);
	/* The name can sign again: it is really gone. */
	vote(f->mine, id, "Zyxwvut Quill", 3, LEVEL_AGREE, 1);
}

/* An unknown name, an anonymous session and a wrong id are refused. */
static void forget_refusals(void **state)
{
	struct pair_fixture *f = *state;
	int64_t id = new_session(f->mine, false);
	vote(f->mine, id, "Aino", 0, LEVEL_AGREE, 3);
	int64_t anon = new_session(f->mine, true);
	vote(f->mine, anon, NULL, 0, LEVEL_AGREE, 3);
	assert_int_equal(store_forget_name(f->mine, id, "Ainoa"), STORE_NOT_FOUND);
	assert_non_null(strstr(store_error(f->mine), "no participant by that name"));
	assert_int_equal(store_forget_name(f->mine, anon, "Aino"), STORE_REFUSED);
	assert_int_equal(store_forget_name(f->mine, 99, "Aino"), STORE_NOT_FOUND);
	assert_non_null(strstr(store_error(f->mine), "no session 99"));
	struct report r;
	assert_int_equal(store_report(f->mine, id, &r), STORE_OK);
	assert_int_equal(r.nparticipants, 1);
	report_free(&r);
}

/* Deleting a session takes everything of it, and its bytes, and nothing
 * of the others. */
static void delete_session(void **state)
{
	struct pair_fixture *f = *state;
	int64_t keep = new_session(f->mine, false);
	vote(f->mine, keep, "Aino", 0, LEVEL_AGREE, 3);
	int64_t gone = new_session(f->mine, false);
	vote(f->mine, gone, "Zyxwvut Quill", 0, LEVEL_AGREE, 3);
	assert_int_equal(store_note_add(f->mine, gone, 0, QUAD_S, "Qwertyuiop"), STORE_OK);
	assert_true(files_db_holds(f->mine_path, "Zyxwvut Quill"));
	assert_int_equal(store_session_delete(f->mine, gone), STORE_OK);
	assert_false(files_db_holds(f->mine_path, "Zyxwvut"));
	assert_false(files_db_holds(f->mine_path, "Qwertyuiop"));
	assert_int_equal(session_count(f->mine), 1);
	struct session s;
	assert_int_equal(store_session_get(f->mine, gone, &s), STORE_NOT_FOUND);
	assert_int_equal(store_session_delete(f->mine, gone), STORE_NOT_FOUND);
	struct report r;
	assert_int_equal(store_report(f->mine, keep, &r), STORE_OK);
	assert_int_equal(r.tally.total_dots, 3);
	report_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		PAIR_FIXTURE_TEST(merge_copies_everything),
		PAIR_FIXTURE_TEST(merge_twice_is_merge_once),
		PAIR_FIXTURE_TEST(conflict_needs_prefer),
		PAIR_FIXTURE_TEST(other_file_untouched),
		PAIR_FIXTURE_TEST(merge_refusals),
		PAIR_FIXTURE_TEST(forget_erases_the_bytes),
		PAIR_FIXTURE_TEST(forget_refusals),
		PAIR_FIXTURE_TEST(delete_session),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
