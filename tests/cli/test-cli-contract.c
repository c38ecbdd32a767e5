/* The files' contract (issue 14) through the real binary: the JSON of every
 * kind of session follows doc/tapla-session-1.schema.json (run_tapla
 * validates each export), names come back exactly through CSV, every
 * printed spelling of a level is taken back, zero column totals, one count
 * per cell, reports that say where ballots came from, and sessions compared
 * across languages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli-fixture.h"

/* Runs a command that must succeed. */
#define ok(f, ...) do { \
	struct cli_run *r_ = run_tapla((f), __VA_ARGS__, NULL); \
	if (r_->status != 0) \
		fail_msg("%s: %s", #__VA_ARGS__, r_->err); \
} while (0)

/* The JSON export of a session (validated by run_tapla), owned copy. */
static char *export_json(const struct fixture *f, const char *id, bool names)
{
	struct cli_run *r = names ?
		run_tapla(f, "export", id, "--format", "json", NULL) :
		run_tapla(f, "export", id, "--format", "json", "--no-names", NULL);
	if (r->status != 0)
		fail_msg("export %s: %s", id, r->err);
	assert_true(cli_is_session_json(r->out));
	char *copy = strdup(r->out);
	assert_non_null(copy);
	return copy;
}

/* Sessions of every kind, each exported with and without names; every
 * export is checked against the schema (in run_tapla). */
static void json_of_every_kind_follows_the_schema(void **state)
{
	struct fixture *f = *state;
	/* 1: weighted, named, the seed's ballot, notes, a paper ballot, paper
	 * totals and an import. */
	ok(f, "new", "Demokratiapäivä 2015", "--lang", "fi");
	ok(f, "vote", "1", "--name", "Osallistuja A", "1:agree=5", "2:partly-agree=2",
	   "3:neutral=2", "4:disagree=1", "--note", "1:S:Hyvä \"idea\"", "--note", "4:T:riski");
	ok(f, "vote", "1", "--paper", "--name", "Liisa", "1:agree=3", "1:disagree=3", "2:?=4");
	ok(f, "transcribe", "1", "2", "agree=7/4", "neutral=0", "unsure=2");
	char *csv = cli_write_file(f, "rivit.csv",
			       "participant,name,sheet,level,dots\n1,Outi,3,--,2\n");
	ok(f, "import", "1", csv);
	free(csv);
	/* 2: classic; 3: anonymous; 4: shuffled with recorded orders;
	 * 5: nobody voted; 6 and 7: the rehearsal's two rounds (with groups,
	 * and who moved); 8: budget 99, English. */
	ok(f, "new", "Klassinen", "--classic");
	ok(f, "vote", "2", "--name", "Matti", "1:agree=1", "2:unsure=1");
	ok(f, "new", "Nimetön", "--anonymous");
	ok(f, "vote", "3", "3:partly-disagree=4");
	ok(f, "transcribe", "3", "1", "disagree=2/1");
	ok(f, "new", "Sekoitettu", "--shuffle");
	ok(f, "vote", "4", "--name", "Outi", "--order", "3,1,4,2", "1:agree=5", "3:0=5");
	ok(f, "new", "Tyhjä");
	ok(f, "demo", "--lang", "fi");
	ok(f, "new", "Big budget", "--budget", "99", "--lang", "en");
	ok(f, "vote", "8", "--name", "=cmd|' /C calc'!A0", "1:agree=99");
	const char *ids[] = { "1", "2", "3", "4", "5", "6", "7", "8" };
	for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
		for (int names = 0; names < 2; names++) {
			char *j = export_json(f, ids[i], names);
			/* A ballot's name is absent (not null) without names. */
			if (!names || strcmp(ids[i], "3") == 0)
				assert_null(strstr(j, "\"name\""));
			free(j);
		}
	}
	char *j = export_json(f, "1", true);
	assert_json(j, "$.paper_totals[0].dots.neutral", "0");
	assert_json(j, "$.sources.paper", "1");
	assert_json(j, "$.sources.import", "1");
	assert_json(j, "$.sheets[0].flags", "[\"split\",\"few\"]");
	free(j);
	j = export_json(f, "5", true);
	assert_json(j, "$.ballots", "[]");
	assert_json(j, "$.sheets[0].agreement_score", "(null)");
	free(j);
}

/* The validator itself refuses what the schema rules out, so a pass
 * above means something. */
static void schema_refuses_a_broken_export(void **state)
{
	struct fixture *f = *state;
	ok(f, "new", "Seminaari");
	ok(f, "vote", "1", "--name", "A", "1:agree=3");
	char *j = export_json(f, "1", true);
	const char *breaks[][2] = {
		{ "\"flags\": [\"few\"]", "\"flags\": [\"odd\"]" },
		{ "\"source\": \"cli\"", "\"source\": \"fax\"" },
		{ "\"level\": \"agree\"", "\"level\": \"Agree\"" },
		{ "\"mode\": \"weighted\"", "\"mode\": \"heavy\"" },
		{ "\"total_dots\": 3,", "\"total_dots\": 4," },
		{ "\"name\": \"A\"", "\"name\": null" },
		{ "\"share\": 1.0000", "\"share\": \"1\"" },
	};
	for (size_t i = 0; i < sizeof breaks / sizeof breaks[0]; i++) {
		char *at = strstr(j, breaks[i][0]);
		if (!at)
			fail_msg("the export has no %s", breaks[i][0]);
		size_t pre = (size_t)(at - j);
		size_t n = strlen(j) + strlen(breaks[i][1]) + 1;
		char *bad = malloc(n);
		assert_non_null(bad);
		snprintf(bad, n, "%.*s%s%s", (int)pre, j, breaks[i][1],
			 at + strlen(breaks[i][0]));
		char *why = NULL;
		if (getenv("TAPLA_JSON_VALIDATE") && cli_session_json_valid(bad, &why))
			fail_msg("the schema took %s", breaks[i][1]);
		free(why);
		free(bad);
	}
	free(j);
}

/* Export then import gives back every name exactly, whatever it starts
 * with: the formula guard's apostrophe is told apart from a name's own. */
static void csv_round_trip_keeps_every_name(void **state)
{
	struct fixture *f = *state;
	const char *names[] = { "'=x", "=x", "'+1", "-x", "@x", "plain", "'", "''a", "'b" };
	const size_t n = sizeof names / sizeof names[0];
	ok(f, "new", "Lähtö");
	for (size_t i = 0; i < n; i++)
		ok(f, "vote", "1", "--name", names[i], "1:agree=1");
	struct cli_run *r = run_tapla(f, "export", "1", "--format", "csv", "--separator", ";", NULL);
	assert_int_equal(r->status, 0);
	/* Still guarded for spreadsheets. */
	assert_non_null(strstr(r->out, "\"'=x\""));
	assert_non_null(strstr(r->out, "\"'-x\""));
	char *csv = cli_write_file(f, "nimet.csv", r->out);
	ok(f, "new", "Paluu");
	ok(f, "import", "2", csv);
	free(csv);
	char *j = export_json(f, "2", true);
	for (size_t i = 0; i < n; i++) {
		char path[64], want[16];
		snprintf(path, sizeof path, "$.sheets[0].signatures[%zu]", i);
		snprintf(want, sizeof want, "%s", names[i]);
		assert_json(j, path, want);
	}
	free(j);
	/* A hand-typed apostrophe before a letter is the name's own. */
	csv = cli_write_file(f, "kasin.csv", "participant,name,sheet,level,dots\n1,'Neil,1,agree,1\n");
	ok(f, "new", "Käsin");
	ok(f, "import", "3", csv);
	free(csv);
	j = export_json(f, "3", true);
	assert_json(j, "$.sheets[0].signatures[0]", "'Neil");
	free(j);
}

/* Every spelling tapla prints for a level works in vote, transcribe and
 * import: any case, with or without "? ", either language. */
static void every_command_takes_every_printed_level(void **state)
{
	struct fixture *f = *state;
	ok(f, "new", "Seminaari", "--lang", "en");
	ok(f, "vote", "1", "--name", "A", "1:TÄYSIN SAMAA=2", "2:? Don't know=1",
	   "3:en osaa sanoa=1", "4:Strongly DISAGREE=1", "4:++ Strongly agree=1");
	ok(f, "transcribe", "1", "2", "? En osaa sanoa=2", "osittain eri=1");
	ok(f, "transcribe", "1", "3", "DON'T KNOW=0", "Neutral=1");
	char *csv = cli_write_file(f, "tasot.csv",
			       "participant,name,sheet,level,dots\n"
			       "1,B,1,Don't know,1\n1,B,2,? en osaa sanoa,1\n1,B,3,NEUTRAALI,1\n");
	ok(f, "import", "1", csv);
	free(csv);
	char *j = export_json(f, "1", true);
	assert_json(j, "$.sheets[0].dots.agree", "2");
	assert_json(j, "$.sheets[3].dots.agree", "1");
	assert_json(j, "$.sheets[0].dots.unsure", "1");
	assert_json(j, "$.sheets[1].dots.unsure", "4");
	assert_json(j, "$.sheets[1].dots.\"partly-disagree\"", "1");
	assert_json(j, "$.sheets[2].dots.unsure", "1");
	assert_json(j, "$.sheets[2].dots.neutral", "2");
	assert_json(j, "$.sheets[3].dots.disagree", "1");
	free(j);
	assert_refused(f, "Unknown level", "vote", "1", "--name", "C", "1:täysin=1");
}

/* The paper's "Yht." row copied as it is: zeros are column totals. */
static void transcribe_takes_zero_columns(void **state)
{
	struct fixture *f = *state;
	ok(f, "new", "Paperi");
	ok(f, "transcribe", "1", "2", "agree=3", "partly-agree=0", "neutral=0/0",
	   "partly-disagree=0", "disagree=1", "unsure=0");
	char *j = export_json(f, "1", true);
	assert_json(j, "$.sheets[1].total_dots", "4");
	assert_json(j, "$.paper_totals[0].dots.neutral", "0");
	free(j);
	assert_refused(f, "0 to 9999 dots", "transcribe", "1", "3", "agree=1/0");
	assert_refused(f, "0 to 9999 dots", "transcribe", "1", "3", "agree=0/1");
	assert_refused(f, "0 to 9999 dots", "transcribe", "1", "3", "agree=10000");
	assert_refused(f, "no dots", "transcribe", "1", "3", "agree=0", "unsure=0/0");
	assert_refused(f, "given twice", "transcribe", "1", "3", "agree=1", "agree=2");
}

/* The same cell twice in one vote is refused, not summed. */
static void vote_refuses_a_cell_twice(void **state)
{
	struct fixture *f = *state;
	ok(f, "new", "Seminaari");
	assert_refused(f, "Sheet 2, column agree is given twice", "vote", "1", "--name", "A",
		       "2:agree=2", "2:agree=3");
	/* Two spellings of one column are one cell. */
	assert_refused(f, "given twice", "vote", "1", "--name", "A", "2:agree=2", "2:++=3");
	ok(f, "vote", "1", "--name", "A", "2:agree=2", "2:partly-agree=3");
}

/* The HTML and Markdown reports say where the ballots came from and list
 * the paper totals apart, in the words the tally uses. */
static void reports_show_sources_and_paper_totals(void **state)
{
	struct fixture *f = *state;
	ok(f, "new", "Seminaari", "--lang", "en");
	ok(f, "vote", "1", "--name", "A", "1:agree=2");
	ok(f, "vote", "1", "--paper", "--name", "B", "1:agree=2");
	ok(f, "vote", "1", "--paper", "--name", "C", "2:agree=2");
	ok(f, "transcribe", "1", "3", "agree=7/4", "neutral=2");
	const char *sources = "Ballots: 1 from the command line, 2 from paper.";
	const char *paper = "Column totals from paper (names unreadable, counted in the tally): sheet 3: 9 dots.";
	struct cli_run *r = run_tapla(f, "tally", "1", NULL);
	assert_non_null(strstr(r->out, sources));
	const char *formats[] = { "md", "html" };
	for (size_t i = 0; i < 2; i++) {
		r = run_tapla(f, "export", "1", "--format", formats[i], NULL);
		assert_int_equal(r->status, 0);
		if (!strstr(r->out, sources) || !strstr(r->out, paper))
			fail_msg("export --format %s: no sources or paper totals", formats[i]);
	}
	/* In the session's language. */
	ok(f, "new", "Seminaari", "--lang", "fi");
	ok(f, "vote", "2", "--paper", "--name", "A", "1:agree=2");
	r = run_tapla(f, "export", "2", "--format", "html", NULL);
	assert_non_null(strstr(r->out, "paperilta"));
}

/* One template run in Finnish and in English compares sheet by sheet (the
 * template's sheet keys), and the HTML speaks the sessions' language. */
static void compare_across_languages(void **state)
{
	struct fixture *f = *state;
	ok(f, "new", "Helsinki", "--lang", "fi");
	ok(f, "new", "Oulu", "--lang", "en");
	ok(f, "new", "Elinvoima", "--template", "vitality", "--lang", "en");
	ok(f, "vote", "1", "--name", "A", "1:agree=3", "2:agree=3");
	ok(f, "vote", "2", "--name", "B", "1:agree=3", "4:agree=3");
	struct cli_run *r = run_tapla(f, "compare", "1", "2", NULL);
	if (r->status != 0)
		fail_msg("compare 1 2: %s", r->err);
	assert_non_null(strstr(r->out, "Sheet 1: vertaispalveluverkosto"));
	r = run_tapla(f, "compare", "1", "2", "--format", "html", NULL);
	assert_int_equal(r->status, 0);
	assert_non_null(strstr(r->out, "<html lang=\"fi\">"));
	assert_non_null(strstr(r->out, "Arkki 4: uuden luomisen verkosto"));
	assert_non_null(strstr(r->out, "new-creation network"));
	r = run_tapla(f, "compare", "2", "1", "--format", "html", NULL);
	assert_int_equal(r->status, 0);
	assert_non_null(strstr(r->out, "<html lang=\"en\">"));
	assert_refused(f, "template", "compare", "1", "3");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		CLI_TEST(json_of_every_kind_follows_the_schema),
		CLI_TEST(schema_refuses_a_broken_export),
		CLI_TEST(csv_round_trip_keeps_every_name),
		CLI_TEST(every_command_takes_every_printed_level),
		CLI_TEST(transcribe_takes_zero_columns),
		CLI_TEST(vote_refuses_a_cell_twice),
		CLI_TEST(reports_show_sources_and_paper_totals),
		CLI_TEST(compare_across_languages),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
