/* Command-line tests of rounds and groups (issue 15) through the real
 * tapla binary on a temporary database: the next round and its link, who
 * moved in the tally and the exports, groups picked and shown by the
 * smallest-group rule, and rounds through a merge. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli-fixture.h"

/* Runs and expects exit 0; the output lasts until the next run. */
#define OK(f, ...) ok_run(run_tapla((f), __VA_ARGS__, NULL))
static struct cli_run *ok_run(struct cli_run *r)
{
	if (r->status != 0)
		fail_msg("exit %d: %s", r->status, r->err);
	return r;
}

/* A copy of a JSON string value (between quotes) after key, or NULL. */
static char *json_text(const char *json, const char *key)
{
	const char *p = strstr(json, key);
	if (!p || !(p = strchr(p + strlen(key), '"')))
		return NULL;
	const char *end = strchr(p + 1, '"');
	return end ? strndup(p + 1, (size_t)(end - p - 1)) : NULL;
}

/* tapla round makes round 2 with the same sheets and settings, titled in
 * the session's language and linked by uuid; a second next round of the
 * same session is refused and changes nothing. */
static void round_makes_the_next_round(void **state)
{
	struct fixture *f = *state;
	OK(f, "new", "Strategiaseminaari", "--lang", "fi", "--budget", "7",
	   "--classic", "--shuffle");
	char *uuid = json_text(OK(f, "export", "1", "--format", "json")->out,
			       "\"uuid\": ");
	assert_non_null(uuid);
	assert_string_equal(OK(f, "round", "1")->out, "2\n");
	const char *json = OK(f, "export", "2", "--format", "json")->out;
	assert_json(json, "$.session.title", "Strategiaseminaari \u2014 kierros 2");
	assert_json(json, "$.session.round", "2");
	assert_json(json, "$.session.after", uuid);
	assert_json(json, "$.session.budget", "7");
	assert_json(json, "$.session.mode", "classic");
	assert_json(json, "$.session.shuffle", "1");
	assert_json(json, "$.session.language", "fi");
	assert_json(json, "$.sheets[3].number", "4");
	assert_json(json, "$.sheets[4]", "(null)");
	assert_json(OK(f, "export", "1", "--format", "json")->out,
		    "$.session.after", "(null)");
	assert_refused(f, "next round already", "round", "1");
	assert_string_equal(OK(f, "round", "2")->out, "3\n");
	assert_json(OK(f, "export", "3", "--format", "json")->out,
		    "$.session.title", "Strategiaseminaari \u2014 kierros 3");
	free(uuid);
}

/* Anna moves towards agreement on sheet 1, Bo towards disagreement, Cy
 * stays; tally, JSON, Markdown and HTML all say so. */
static void who_moved_is_reported(void **state)
{
	struct fixture *f = *state;
	OK(f, "new", "Seminar", "--lang", "en");
	OK(f, "vote", "1", "--name", "Anna", "1:neutral=2", "2:agree=1");
	OK(f, "vote", "1", "--name", "Bo", "1:agree=3");
	OK(f, "vote", "1", "--name", "Cy", "1:partly-agree=1");
	OK(f, "round", "1");
	OK(f, "vote", "2", "--name", "anna", "1:agree=2");
	OK(f, "vote", "2", "--name", "BO", "1:partly-disagree=3");
	OK(f, "vote", "2", "--name", "Cy", "1:partly-agree=4");
	OK(f, "vote", "2", "--name", "Dee", "3:agree=1");
	const char *text = OK(f, "tally", "2")->out;
	assert_non_null(strstr(text, "Who moved since round 1"));
	assert_non_null(strstr(text, "3 participants signed both rounds"));
	assert_non_null(strstr(text, "1 towards agreement, 1 towards disagreement, 1"));
	const char *json = OK(f, "export", "2", "--format", "json")->out;
	assert_json(json, "$.shift.from_round", "1");
	assert_json(json, "$.shift.in_both_rounds", "3");
	assert_json(json, "$.shift.sheets[0].towards_agreement", "1");
	assert_json(json, "$.shift.sheets[0].towards_disagreement", "1");
	assert_json(json, "$.shift.sheets[0].stayed", "1");
	assert_json(json, "$.shift.sheets[0].then.dots.agree", "3");
	assert_json(json, "$.shift.sheets[0].now.dots.agree", "2");
	assert_json(json, "$.shift.sheets[1].not_comparable", "3");
	assert_non_null(strstr(OK(f, "export", "2", "--format", "md")->out,
			       "## Who moved since round 1"));
	const char *html = OK(f, "export", "2", "--format", "html")->out;
	assert_non_null(strstr(html, "id=\"shift\""));
	assert_non_null(strstr(html, "<svg"));
	assert_null(strstr(html, "<script"));
	/* Round 1 has nothing to compare with. */
	assert_json(OK(f, "export", "1", "--format", "json")->out, "$.shift",
		    "(null)");
	assert_null(strstr(OK(f, "tally", "1")->out, "Who moved"));
}

/* In anonymous rounds nobody is matched, and the reports say so. */
static void anonymous_rounds_are_not_matched(void **state)
{
	struct fixture *f = *state;
	OK(f, "new", "Seminar", "--lang", "en", "--anonymous");
	OK(f, "vote", "1", "1:agree=2");
	OK(f, "round", "1");
	OK(f, "vote", "2", "1:disagree=2");
	assert_non_null(strstr(OK(f, "tally", "2")->out,
			       "participants are not matched"));
	const char *json = OK(f, "export", "2", "--format", "json")->out;
	assert_json(json, "$.shift.matched", "0");
	assert_json(json, "$.shift.in_both_rounds", "(null)");
	assert_json(json, "$.session.anonymous", "1");
}

/* Groups: picked case-insensitively and stored as the session spells them;
 * unknown ones and a threshold under 5 refused; a group of 5 shown apart,
 * one of 2 not, its dots in the whole room. */
static void groups_by_the_smallest_group_rule(void **state)
{
	struct fixture *f = *state;
	OK(f, "new", "Seminaari", "--lang", "en", "--groups",
	   "luottamushenkilöt,viranhaltijat,asukkaat");
	assert_refused(f, "from 5 to", "new", "S", "--groups", "a,b",
		       "--group-min", "4");
	assert_refused(f, "at least two", "new", "S", "--groups", "vain");
	char name[32];
	for (int i = 0; i < 5; i++) {
		snprintf(name, sizeof name, "Asukas %d", i);
		OK(f, "vote", "1", "--name", name, "--group", "ASUKKAAT", "1:agree=2");
	}
	for (int i = 0; i < 5; i++) {
		snprintf(name, sizeof name, "Viranhaltija %d", i);
		OK(f, "vote", "1", "--name", name, "--group", "viranhaltijat",
		   "1:disagree=1");
	}
	for (int i = 0; i < 5; i++) {
		snprintf(name, sizeof name, "Valtuutettu %d", i);
		OK(f, "vote", "1", "--name", name, "--group", "luottamushenkilöt",
		   "2:agree=1");
	}
	OK(f, "vote", "1", "--name", "Ulla", "2:neutral=3");
	OK(f, "vote", "1", "--name", "Veli", "2:neutral=3");
	OK(f, "vote", "1", "--name", "Pia", "2:neutral=3");
	OK(f, "vote", "1", "--name", "Outi", "2:neutral=3");
	OK(f, "vote", "1", "--name", "Matti", "2:neutral=3");
	assert_refused(f, "no group", "vote", "1", "--name", "X", "--group",
		       "muut", "1:agree=1");
	const char *json = OK(f, "export", "1", "--format", "json")->out;
	assert_json(json, "$.session.groups[2]", "asukkaat");
	assert_json(json, "$.session.group_min", "5");
	assert_json(json, "$.ballots[0].group", "asukkaat");
	assert_json(json, "$.group_results.groups[2].shown", "1");
	assert_json(json, "$.group_results.groups[2].sheets[0].counts.dots.agree", "10");
	assert_json(json, "$.group_results.without_group", "5");
	assert_json(json, "$.sheets[0].dots.agree", "10");
	const char *text = OK(f, "tally", "1")->out;
	assert_non_null(strstr(text, "Results by group"));
	assert_non_null(strstr(text, "asukkaat (5)"));
	/* One staff member is forgotten: that group is 4 and not shown; its
	 * dots stay in the room's. */
	OK(f, "forget", "1", "--name", "Viranhaltija 0");
	json = OK(f, "export", "1", "--format", "json", "--no-names")->out;
	assert_json(json, "$.group_results.groups[1].shown", "0");
	assert_json(json, "$.group_results.groups[1].sheets", "(null)");
	assert_json(json, "$.sheets[0].dots.disagree", "4");
	/* Without names a hidden group's ballots carry no group. */
	assert_json(json, "$.ballots[5].group", "(null)");
	assert_json(json, "$.ballots[0].group", "asukkaat");
	text = OK(f, "tally", "1")->out;
	assert_non_null(strstr(text, "Not shown apart: viranhaltijat"));
	assert_null(strstr(text, "viranhaltijat (4)"));
	/* A session without groups refuses one. */
	OK(f, "new", "Toinen");
	assert_refused(f, "has no groups", "vote", "2", "--name", "X",
		       "--group", "asukkaat", "1:agree=1");
}

/* Runs tapla --db db ARGS... on another database; expects exit 0. */
static void ok_on(const char *db, const char *const *args, struct cli_run *r)
{
	cli_run_free(r);
	assert_true(cli_run(db, args, r));
	if (r->status != 0)
		fail_msg("exit %d: %s", r->status, r->err);
}

/* A merge keeps the rounds' link, their groups and the signers' groups:
 * on the other laptop round 2 still follows round 1 and shows who moved. */
static void merge_keeps_rounds_and_groups(void **state)
{
	struct fixture *f = *state;
	OK(f, "new", "Seminar", "--lang", "en", "--groups", "staff,residents");
	OK(f, "vote", "1", "--name", "Anna", "--group", "staff", "1:neutral=2");
	OK(f, "round", "1");
	OK(f, "vote", "2", "--name", "Anna", "--group", "staff", "1:agree=2");
	char *uuid = json_text(OK(f, "export", "1", "--format", "json")->out,
			       "\"uuid\": ");
	assert_non_null(uuid);
	char other[160];
	snprintf(other, sizeof other, "%s/other.db", f->dir);
	struct cli_run r = { 0 };
	ok_on(other, (const char *const[]){ "new", "Other", NULL }, &r);
	ok_on(other, (const char *const[]){ "merge", f->db, NULL }, &r);
	ok_on(other, (const char *const[]){ "export", "3", "--format", "json", NULL }, &r);
	assert_json(r.out, "$.session.round", "2");
	assert_json(r.out, "$.session.after", uuid);
	assert_json(r.out, "$.session.groups[1]", "residents");
	assert_json(r.out, "$.ballots[0].group", "staff");
	assert_json(r.out, "$.shift.in_both_rounds", "1");
	assert_json(r.out, "$.shift.sheets[0].towards_agreement", "1");
	cli_run_free(&r);
	free(uuid);
}

/* A spreadsheet's optional "group" column: one group per participant,
 * one of the session's; a row with another group names its line. */
static void import_takes_a_group_column(void **state)
{
	struct fixture *f = *state;
	OK(f, "new", "Seminar", "--lang", "en", "--groups", "staff,residents");
	char path[160];
	snprintf(path, sizeof path, "%s/rows.csv", f->dir);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("participant,name,sheet,level,dots,group\n"
	      "1,Anna,1,agree,3,Residents\n"
	      "1,Anna,2,neutral,1,\n"
	      "2,Bo,1,disagree,2,staff\n"
	      "3,Cy,1,agree,1,\n", fp);
	assert_int_equal(fclose(fp), 0);
	OK(f, "import", "1", path);
	const char *json = OK(f, "export", "1", "--format", "json")->out;
	assert_json(json, "$.ballots[0].group", "residents");
	assert_json(json, "$.ballots[2].group", "staff");
	assert_json(json, "$.ballots[3].group", "(null)");
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("participant,name,sheet,level,dots,group\n"
	      "1,Di,1,agree,3,staff\n"
	      "1,Di,2,agree,1,residents\n", fp);
	assert_int_equal(fclose(fp), 0);
	assert_refused(f, "rows.csv:3: this participant has another group", "import",
		       "1", path);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("participant,name,sheet,level,dots,group\n"
	      "1,Di,1,agree,3,others\n", fp);
	assert_int_equal(fclose(fp), 0);
	assert_refused(f, "rows.csv:2: Session 1 has no group", "import", "1", path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		CLI_TEST(round_makes_the_next_round),
		CLI_TEST(who_moved_is_reported),
		CLI_TEST(anonymous_rounds_are_not_matched),
		CLI_TEST(groups_by_the_smallest_group_rule),
		CLI_TEST(merge_keeps_rounds_and_groups),
		CLI_TEST(import_takes_a_group_column),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
