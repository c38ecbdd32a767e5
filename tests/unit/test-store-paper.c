/* Unit tests of schema 2 in the store: a version-1 database migrated, the
 * source and order of ballots, many ballots in one transaction, paper column
 * totals in the tally, and rehearsal sessions removed. Each test has a fresh
 * database in a temporary folder. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "src/store-int.h"
#include "tapla/order.h"
#include "store-fixture.h"
#include "tapla/store.h"

static int64_t new_session(struct store *st, bool shuffle, bool demo)
{
	struct store_new_session o = { NULL, 0, MODE_WEIGHTED, false, NULL,
				       shuffle, demo, 0, NULL, NULL, 0 };
	return fixture_session(st, &o);
}

/* Anna's paper ballot (the seed's dots) with the sheets in `order`. */
static struct store_ballot_in annas_paper(struct ballot *b, const int order[4])
{
	fixture_seed_ballot(b);
	struct store_ballot_in in = { .name = "Anna", .ballot = b,
				      .source = SOURCE_PAPER, .order = order,
				      .norder = 4 };
	return in;
}

/* A database written by schema 1 (its own migration step, rows by SQL) is
 * brought to schema 2: old ballots count as typed on the command line, with
 * no order; old sessions are neither shuffled nor rehearsals. */
static void version_1_is_migrated(void **state)
{
	struct store_fixture *f = *state;
	fixture_exec_raw(f->path, 1,
		FIXTURE_OLD_SESSION_SQL
		"INSERT INTO sheet VALUES (1, 0, 'a', 'A.', NULL), (1, 1, 'b', 'B.', NULL);"
		"INSERT INTO participant (id, session_id, seq, name, name_key, signed_at)"
		" VALUES (1, 1, 1, 'Anna', 'anna', '2015-10-13T10:05:00Z');"
		"INSERT INTO dot VALUES (1, 1, 0, 0, 3), (1, 1, 1, 4, 2);");
	char err[512];
	assert_int_equal(store_open_readonly(f->path, &f->st, err, sizeof err),
			 STORE_REFUSED);
	assert_non_null(strstr(err, "older tapla"));
	assert_int_equal(store_open(f->path, &f->st, err, sizeof err), STORE_OK);
	assert_int_equal(fixture_query_int(f->st, "PRAGMA user_version"),
			 STORE_SCHEMA_VERSION);
	struct report r;
	assert_int_equal(store_report(f->st, 1, &r), STORE_OK);
	assert_false(r.session.shuffle);
	assert_false(r.session.demo);
	/* Schema 3: an old session is round 1 of its own, without groups. */
	assert_int_equal(r.session.round, 1);
	assert_string_equal(r.session.after, "");
	assert_null(r.session.groups);
	assert_int_equal(r.session.group_min, 5);
	assert_null(r.participants[0].group);
	assert_null(r.previous);
	assert_int_equal(r.nparticipants, 1);
	assert_int_equal(r.participants[0].source, SOURCE_CLI);
	assert_int_equal(r.participants[0].norder, 0);
	assert_int_equal(r.sources[SOURCE_CLI], 1);
	assert_int_equal(r.tally.sheets[0].dots[LEVEL_AGREE], 3);
	assert_int_equal(r.tally.sheets[1].dots[LEVEL_DISAGREE], 2);
	assert_int_equal(r.npaper, 0);
	report_free(&r);
	/* The migrated file takes new ballots with a source. */
	struct ballot b;
	rules_ballot_init(&b, 2);
	b.dots[1][LEVEL_AGREE] = 1;
	struct store_ballot_in in = { .name = "Ville", .ballot = &b,
				      .source = SOURCE_PAPER };
	int seq;
	assert_int_equal(store_ballot_save_ex(f->st, 1, &in, &seq), STORE_OK);
	assert_int_equal(seq, 2);
}

/* The source and order are stored with the ballot and come back in the
 * report; a bad order is refused and nothing is stored. */
static void source_and_order_are_kept(void **state)
{
	struct store_fixture *f = *state;
	int64_t id = new_session(f->st, true, false);
	struct session s;
	assert_int_equal(store_session_get(f->st, id, &s), STORE_OK);
	assert_true(s.shuffle);
	rules_session_free(&s);
	struct ballot b;
	int order[4] = { 2, 0, 3, 1 };
	struct store_ballot_in in = annas_paper(&b, order);
	int seq;
	int bad[4] = { 2, 0, 2, 1 };
	in.order = bad;
	assert_int_equal(store_ballot_save_ex(f->st, id, &in, &seq), STORE_REFUSED);
	assert_non_null(strstr(store_error(f->st), "exactly once"));
	in.norder = 3;
	in.order = order;
	assert_int_equal(store_ballot_save_ex(f->st, id, &in, &seq), STORE_REFUSED);
	assert_int_equal(fixture_query_int(f->st, "SELECT count(*) FROM participant"), 0);
	in.norder = 4;
	assert_int_equal(store_ballot_save_ex(f->st, id, &in, &seq), STORE_OK);
	assert_int_equal(store_ballot_save(f->st, id, "Ville", &b, NULL, 0, false, &seq),
			 STORE_OK);
	struct report r;
	assert_int_equal(store_report(f->st, id, &r), STORE_OK);
	assert_int_equal(r.participants[0].source, SOURCE_PAPER);
	assert_int_equal(r.participants[0].norder, 4);
	assert_memory_equal(r.participants[0].order, order, sizeof order);
	assert_int_equal(r.participants[1].source, SOURCE_CLI);
	assert_int_equal(r.participants[1].norder, 0);
	assert_int_equal(r.sources[SOURCE_PAPER], 1);
	assert_int_equal(r.sources[SOURCE_CLI], 1);
	/* Anna saw sheet 3 first, then 1, 4 and 2. */
	struct report_position pos[RULES_MAX_SHEETS], by_sheet[RULES_MAX_SHEETS];
	assert_int_equal(report_positions(&r, pos, by_sheet), 1);
	assert_int_equal(by_sheet[0].dots, 5);  /* Ville's order is unknown */
	assert_int_equal(by_sheet[0].people, 1);
	assert_int_equal(pos[0].dots, 2);  /* sheet 3 */
	assert_int_equal(pos[1].dots, 5);  /* sheet 1 */
	assert_int_equal(pos[2].dots, 1);  /* sheet 4 */
	assert_int_equal(pos[3].dots, 2);  /* sheet 2 */
	assert_int_equal(pos[0].people, 1);
	assert_int_equal(report_ballot_position(&r, &r.ballots[0]), 2);
	report_free(&r);
	/* Replacing takes the new source and order. */
	in.replace = true;
	in.source = SOURCE_SCREEN;
	in.order = NULL;
	assert_int_equal(store_ballot_save_ex(f->st, id, &in, &seq), STORE_OK);
	assert_int_equal(seq, 1);
	assert_int_equal(fixture_query_int(f->st, "SELECT count(*) FROM participant"
				   " WHERE source = 'screen' AND sheet_order IS NULL"), 1);
}

/* Many ballots: all stored in one go, or none when one is refused. */
static void many_ballots_all_or_nothing(void **state)
{
	struct store_fixture *f = *state;
	struct ballot good, over;
	fixture_seed_ballot(&good);
	fixture_seed_ballot(&over);
	over.dots[0][LEVEL_AGREE] = 9;
	struct store_ballot_in in[3] = {
		{ .name = "Anna", .ballot = &good, .source = SOURCE_IMPORT },
		{ .name = "Ville", .ballot = &good, .source = SOURCE_IMPORT },
		{ .name = "Outi", .ballot = &over, .source = SOURCE_IMPORT },
	};
	size_t failed = 99;
	int first = 0;
	assert_int_equal(store_ballots_save_all(f->st, f->session, in, 3, &failed, &first),
			 STORE_REFUSED);
	assert_int_equal(failed, 2);
	assert_non_null(strstr(store_error(f->st), "14 dots given"));
	assert_int_equal(fixture_query_int(f->st, "SELECT count(*) FROM participant"), 0);
	assert_int_equal(fixture_query_int(f->st, "SELECT count(*) FROM dot"), 0);
	/* The same name twice in one file is a conflict. */
	in[2].ballot = &good;
	in[2].name = "ANNA ";
	assert_int_equal(store_ballots_save_all(f->st, f->session, in, 3, &failed, &first),
			 STORE_CONFLICT);
	assert_int_equal(failed, 2);
	assert_int_equal(fixture_query_int(f->st, "SELECT count(*) FROM participant"), 0);
	in[2].name = "Outi";
	assert_int_equal(store_ballots_save_all(f->st, f->session, in, 3, &failed, &first),
			 STORE_OK);
	assert_int_equal(failed, 3);
	assert_int_equal(first, 1);
	assert_int_equal(fixture_query_int(f->st, "SELECT count(*) FROM participant"
				   " WHERE source = 'import'"), 3);
}

/* Paper column totals are added into the tally and listed in the report;
 * a second entry for one sheet needs replace. */
static void paper_totals_join_the_tally(void **state)
{
	struct store_fixture *f = *state;
	struct ballot b;
	fixture_seed_ballot(&b);
	int seq;
	assert_int_equal(store_ballot_save(f->st, f->session, "Anna", &b, NULL, 0,
					   false, &seq), STORE_OK);
	int dots[LEVEL_COUNT] = { 7, 3, 0, 0, 1, 0 };
	int people[LEVEL_COUNT] = { 4, 3, 0, 0, 1, 0 };
	int bad_people[LEVEL_COUNT] = { 8, 3, 0, 0, 1, 0 };
	assert_int_equal(store_paper_totals_save(f->st, f->session, 0, dots, bad_people,
						 5, false), STORE_REFUSED);
	assert_int_equal(store_paper_totals_save(f->st, f->session, 0, dots, people,
						 9, false), STORE_REFUSED);
	assert_int_equal(store_paper_totals_save(f->st, f->session, 7, dots, people,
						 5, false), STORE_REFUSED);
	assert_int_equal(fixture_query_int(f->st, "SELECT count(*) FROM paper_sheet"), 0);
	assert_int_equal(store_paper_totals_save(f->st, f->session, 0, dots, people,
						 5, false), STORE_OK);
	assert_int_equal(store_paper_totals_save(f->st, f->session, 0, dots, people,
						 5, false), STORE_CONFLICT);
	struct tally t;
	assert_int_equal(store_tally(f->st, f->session, &t), STORE_OK);
	assert_int_equal(t.sheets[0].dots[LEVEL_AGREE], 12);
	assert_int_equal(t.sheets[0].people[LEVEL_AGREE], 5);
	assert_int_equal(t.sheets[0].total_people, 6);
	assert_int_equal(t.sheets[0].total_dots, 16);
	assert_int_equal(t.total_dots, 21);
	assert_int_equal(t.participants, 1);
	tally_free(&t);
	int fewer[LEVEL_COUNT] = { 2, 0, 0, 0, 0, 0 };
	int one[LEVEL_COUNT] = { 1, 0, 0, 0, 0, 0 };
	assert_int_equal(store_paper_totals_save(f->st, f->session, 0, fewer, one,
						 1, true), STORE_OK);
	struct report r;
	assert_int_equal(store_report(f->st, f->session, &r), STORE_OK);
	assert_int_equal(r.npaper, 1);
	assert_int_equal(r.paper[0].sheet, 0);
	assert_int_equal(r.paper[0].dots[LEVEL_AGREE], 2);
	assert_int_equal(r.paper[0].dots[LEVEL_PARTLY_AGREE], 0);
	assert_int_equal(r.paper[0].total_people, 1);
	assert_int_equal(report_paper_dots(&r), 2);
	assert_int_equal(r.tally.sheets[0].dots[LEVEL_AGREE], 7);
	report_free(&r);
}

/* Rehearsal sessions go, everything in them with them; others stay. */
static void demos_are_removed(void **state)
{
	struct store_fixture *f = *state;
	int64_t demo = new_session(f->st, false, true);
	struct ballot b;
	fixture_seed_ballot(&b);
	int seq;
	assert_int_equal(store_ballot_save(f->st, demo, "Anna", &b, NULL, 0, false, &seq),
			 STORE_OK);
	int dots[LEVEL_COUNT] = { 1, 0, 0, 0, 0, 0 };
	assert_int_equal(store_paper_totals_save(f->st, demo, 1, dots, dots, 1, false),
			 STORE_OK);
	struct session s;
	assert_int_equal(store_session_get(f->st, demo, &s), STORE_OK);
	assert_true(s.demo);
	rules_session_free(&s);
	int removed = -1;
	assert_int_equal(store_session_delete_demos(f->st, &removed), STORE_OK);
	assert_int_equal(removed, 1);
	assert_int_equal(fixture_query_int(f->st, "SELECT count(*) FROM session"), 1);
	assert_int_equal(fixture_query_int(f->st, "SELECT (SELECT count(*) FROM dot) +"
				   " (SELECT count(*) FROM participant) +"
				   " (SELECT count(*) FROM paper_total) +"
				   " (SELECT count(*) FROM paper_sheet)"), 0);
	assert_int_equal(store_session_delete_demos(f->st, &removed), STORE_OK);
	assert_int_equal(removed, 0);
}

/* Merging another laptop's file brings the source, the order, the
 * shuffle and rehearsal flags and the paper totals along. */
static void merge_keeps_paper_and_order(void **state)
{
	struct store_fixture *f = *state;
	char other_path[192];
	snprintf(other_path, sizeof other_path, "%s/other.db", f->dir);
	struct store *other;
	char err[512];
	assert_int_equal(store_open(other_path, &other, err, sizeof err), STORE_OK);
	int64_t id = new_session(other, true, true);
	struct ballot b;
	int order[4] = { 3, 2, 1, 0 };
	struct store_ballot_in in = annas_paper(&b, order);
	int seq;
	assert_int_equal(store_ballot_save_ex(other, id, &in, &seq), STORE_OK);
	int dots[LEVEL_COUNT] = { 3, 0, 0, 0, 2, 0 };
	int people[LEVEL_COUNT] = { 2, 0, 0, 0, 1, 0 };
	assert_int_equal(store_paper_totals_save(other, id, 2, dots, people, 3, false),
			 STORE_OK);
	store_close(other);
	struct store_merge_result res;
	assert_int_equal(store_merge(f->st, other_path, STORE_PREFER_NONE, &res), STORE_OK);
	assert_int_equal(res.added, 1);
	struct session *list;
	size_t n;
	assert_int_equal(store_session_list(f->st, &list, &n), STORE_OK);
	int64_t merged = 0;
	for (size_t i = 0; i < n; i++) {
		if (list[i].id != f->session)
			merged = list[i].id;
		rules_session_free(&list[i]);
	}
	free(list);
	struct report r;
	assert_int_equal(store_report(f->st, merged, &r), STORE_OK);
	assert_true(r.session.shuffle);
	assert_true(r.session.demo);
	assert_int_equal(r.participants[0].source, SOURCE_PAPER);
	assert_int_equal(r.participants[0].norder, 4);
	assert_memory_equal(r.participants[0].order, order, sizeof order);
	assert_int_equal(r.npaper, 1);
	assert_int_equal(r.paper[0].sheet, 2);
	assert_int_equal(r.paper[0].dots[LEVEL_DISAGREE], 2);
	assert_int_equal(r.paper[0].total_people, 3);
	assert_int_equal(r.tally.sheets[2].total_dots, 7);
	report_free(&r);
	/* Merging again finds the same session, paper totals and all. */
	assert_int_equal(store_merge(f->st, other_path, STORE_PREFER_NONE, &res), STORE_OK);
	assert_int_equal(res.same, 1);
	assert_int_equal(res.added, 0);
	unlink(other_path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FIXTURE_DIR_TEST(version_1_is_migrated),
		FIXTURE_TEST(source_and_order_are_kept),
		FIXTURE_TEST(many_ballots_all_or_nothing),
		FIXTURE_TEST(paper_totals_join_the_tally),
		FIXTURE_TEST(demos_are_removed),
		FIXTURE_TEST(merge_keeps_paper_and_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
