/* Command-line tests of paper and screen together, through the real tapla
 * binary on a temporary database: import of good and bad CSV (a bad file
 * changes nothing and names its line), the CSV round trip, shuffled order
 * recorded and reported, paper ballots and column totals counted, the
 * rehearsal session, the printable sheets and every new command's --help. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli-fixture.h"

/* The number of times needle occurs in hay. */
static int count(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

/* A spreadsheet's file: byte order mark, ';', CRLF, quotes, Finnish column
 * names and symbols, a blank line; then files with one bad row each. */
static void import_good_and_bad_csv(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(run_tapla(f, "new", "Seminaari", NULL)->status, 0);
	char *good = cli_write_file(f, "hyva.csv",
		"\xef\xbb\xbfparticipant;name;sheet;level;dots\r\n"
		"1;Osallistuja A;1;Täysin samaa;5\r\n"
		"1;Osallistuja A;2;+;2\r\n"
		"1;Osallistuja A;3;neutral;2\r\n"
		"1;Osallistuja A;4;--;1\r\n"
		"\r\n"
		"2;\"Mäki; \"\"Outi\"\"\";2;agree;4\r\n"
		"3;Pekka;4;6;1\r\n");
	struct cli_run *r = run_tapla(f, "import", "1", good, NULL);
	if (r->status != 0)
		fail_msg("import: %s", r->err);
	assert_non_null(strstr(r->out, "Imported 3 ballots (15 dots) into session 1."));
	r = run_tapla(f, "export", "1", "--format", "json", NULL);
	assert_json(r->out, "$.sources.import", "3");
	assert_json(r->out, "$.sources.cli", "0");
	assert_json(r->out, "$.sheets[0].dots.agree", "5");
	assert_json(r->out, "$.sheets[1].dots.agree", "4");
	assert_json(r->out, "$.sheets[3].dots.unsure", "1");
	assert_json(r->out, "$.sheets[1].signatures[1]", "Mäki; \"Outi\"");
	assert_json(r->out, "$.ballots[0].source", "import");
	/* Line 5 brings Liisa to 12 dots: the whole file is refused. */
	char *over = cli_write_file(f, "rivit.csv",
		"participant,name,sheet,level,dots\n"
		"1,Liisa,1,agree,5\n"
		"2,Ville,1,agree,3\n"
		"1,Liisa,2,agree,4\n"
		"1,Liisa,3,unsure,3\n"
		"3,Outi,1,agree,1\n");
	assert_refused(f, "rivit.csv:5: 12 dots given, the budget is 10.", "import", "1",
		       over);
	char *quote = cli_write_file(f, "quote.csv",
		"participant,name,sheet,level,dots\n1,Liisa,1,agree,5\n"
		"2,\"Ville,1,agree,3\n3,Outi,1,agree,1\n");
	assert_refused(f, "quote.csv:3: a quoted field is never closed", "import", "1",
		       quote);
	char *level = cli_write_file(f, "level.csv",
		"participant,name,sheet,level,dots\n1,Liisa,1,agree,5\n2,Ville,1,maybe,3\n");
	assert_refused(f, "level.csv:3: unknown level “maybe”", "import", "1", level,
		       NULL);
	char *signed_ = cli_write_file(f, "signed.csv",
		"participant,name,sheet,level,dots\n1,Liisa,1,agree,5\n2,PEKKA,1,agree,3\n");
	assert_refused(f, "signed.csv:3: PEKKA has voted already", "import", "1", signed_,
		       NULL);
	char *header = cli_write_file(f, "header.csv", "who,sheet,level,dots\n1,1,agree,5\n");
	assert_refused(f, "header.csv:1:", "import", "1", header);
	assert_refused(f, "tiedosto", "--lang", "fi", "import", "1", "/nonexistent/tiedosto.csv");
	assert_refused(f, "rivit.csv:5: 12 täplää", "--lang", "fi", "import", "1", over);
	r = run_tapla(f, "export", "1", "--format", "json", NULL);
	assert_json(r->out, "$.participants", "3");
	free(good);
	free(over);
	free(quote);
	free(level);
	free(signed_);
	free(header);
}

/* export csv -> import into a new session -> export again: the same
 * ballots, byte for byte (names with a comma, a quote and a leading =). */
static void csv_round_trip(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(run_tapla(f, "new", "Alkuperäinen", NULL)->status, 0);
	assert_int_equal(run_tapla(f, "new", "Kopio", NULL)->status, 0);
	assert_int_equal(run_tapla(f, "vote", "1", "--name", "Participant A", "1:agree=5",
				   "2:partly-agree=2", "3:neutral=2", "4:disagree=1", NULL)->status, 0);
	assert_int_equal(run_tapla(f, "vote", "1", "--name", "Virtanen, \"Anna\"", "--paper",
				   "1:1=3", "2:--=3", "4:?=4", NULL)->status, 0);
	assert_int_equal(run_tapla(f, "vote", "1", "--name", "=Bob", "3:2=1", NULL)->status, 0);
	char first[256], second[256];
	snprintf(first, sizeof first, "%s/first.csv", f->dir);
	snprintf(second, sizeof second, "%s/second.csv", f->dir);
	assert_int_equal(run_tapla(f, "export", "1", "--format", "csv", "-o", first, NULL)->status, 0);
	struct cli_run *r = run_tapla(f, "import", "2", first, NULL);
	if (r->status != 0)
		fail_msg("import: %s", r->err);
	assert_int_equal(run_tapla(f, "export", "2", "--format", "csv", "-o", second, NULL)->status, 0);
	size_t n1, n2;
	char *a = cli_slurp(first, &n1), *b = cli_slurp(second, &n2);
	assert_true(n1 > 100);
	assert_int_equal(n1, n2);
	assert_memory_equal(a, b, n1);
	free(a);
	free(b);
}

/* A shuffled session: the order is recorded with the ballot and reported
 * as dots by position beside dots by sheet. */
static void shuffled_order_recorded_and_reported(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(run_tapla(f, "new", "Sekoitettu", "--shuffle", NULL)->status, 0);
	struct cli_run *r = run_tapla(f, "vote", "1", "--name", "Anna", "--order", "3,1,4,2",
				  "1:agree=5", "2:partly-agree=2", "3:neutral=2", "4:disagree=1",
				  NULL);
	if (r->status != 0)
		fail_msg("vote: %s", r->err);
	assert_int_equal(run_tapla(f, "vote", "1", "--name", "Ville", "--order", "1,2,3,4",
				   "1:agree=1", NULL)->status, 0);
	assert_refused(f, "exactly once", "vote", "1", "--name", "Outi", "--order", "3,1,3,2",
		       "1:agree=1");
	r = run_tapla(f, "export", "1", "--format", "json", NULL);
	const char *j = r->out;
	assert_json(j, "$.session.shuffle", "1");
	assert_json(j, "$.ballots[0].sheet", "1");
	assert_json(j, "$.ballots[0].position", "2");
	assert_json(j, "$.ballots[2].position", "1");
	assert_json(j, "$.positions[0].position", "1");
	assert_json(j, "$.positions[0].dots", "3");  /* Anna's sheet 3, Ville's 1 */
	assert_json(j, "$.positions[0].people", "2");
	assert_json(j, "$.positions[1].dots", "5");
	assert_json(j, "$.positions[3].dots", "2");
	r = run_tapla(f, "tally", "1", NULL);
	assert_non_null(strstr(r->out, "Order effects: 2 participants"));
	assert_non_null(strstr(r->out, "By position        3     5     1     2"));
	assert_non_null(strstr(r->out, "By sheet           6     2     2     1"));
	/* Without a recorded order there is no such section. */
	assert_int_equal(run_tapla(f, "new", "Tavallinen", NULL)->status, 0);
	assert_int_equal(run_tapla(f, "vote", "2", "--name", "A", "1:agree=1", NULL)->status, 0);
	r = run_tapla(f, "tally", "2", NULL);
	assert_null(strstr(r->out, "Order effects"));
	r = run_tapla(f, "export", "2", "--format", "json", NULL);
	assert_json(r->out, "$.positions", "[]");
	assert_json(r->out, "$.ballots[0].position", "(null)");
	assert_json(r->out, "$.session.shuffle", "0");
}

/* Paper ballots and paper column totals are counted in reports. */
static void paper_is_counted(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(run_tapla(f, "new", "Paperi", NULL)->status, 0);
	assert_int_equal(run_tapla(f, "vote", "1", "--name", "Anna", "--paper",
				   "1:agree=5", NULL)->status, 0);
	assert_int_equal(run_tapla(f, "vote", "1", "--name", "Ville", "2:agree=3", NULL)->status, 0);
	struct cli_run *r = run_tapla(f, "transcribe", "1", "2", "agree=7/4", "neutral=2",
				  "--people", "5", NULL);
	if (r->status != 0)
		fail_msg("transcribe: %s", r->err);
	assert_refused(f, "paper totals already", "transcribe", "1", "2", "agree=1");
	assert_refused(f, "cannot have made", "transcribe", "1", "3", "agree=7/4", "--people=9");
	assert_refused(f, "not a column total", "transcribe", "1", "3", "agree=2/3");
	r = run_tapla(f, "export", "1", "--format", "json", NULL);
	const char *j = r->out;
	assert_json(j, "$.sources.paper", "1");
	assert_json(j, "$.sources.cli", "1");
	assert_json(j, "$.sources.screen", "0");
	assert_json(j, "$.participants", "2");
	assert_json(j, "$.paper_totals[0].sheet", "2");
	assert_json(j, "$.paper_totals[0].total_dots", "9");
	assert_json(j, "$.paper_totals[0].total_people", "5");
	assert_json(j, "$.sheets[1].dots.agree", "10");
	assert_json(j, "$.sheets[1].people.agree", "5");
	assert_json(j, "$.sheets[1].total_people", "6");
	assert_json(j, "$.total_dots", "17");
	assert_json(j, "$.ballots[0].source", "paper");
	r = run_tapla(f, "tally", "1", NULL);
	assert_non_null(strstr(r->out, "Ballots: 1 from the command line, 1 from paper."));
	assert_non_null(strstr(r->out, "Column totals from paper"));
	r = run_tapla(f, "--lang", "fi", "tally", "1", NULL);
	assert_non_null(strstr(r->out, "1 paperilta"));
}

/* The rehearsal: fixed content, clearly titled, removed with one command
 * and nothing else with it. */
static void demo_creates_and_removes(void **state)
{
	struct fixture *f = *state;
	struct cli_run *r = run_tapla(f, "demo", "--lang", "fi", NULL);
	assert_int_equal(r->status, 0);
	/* The second round's id; the first round is session 1. */
	assert_string_equal(r->out, "2\n");
	assert_int_equal(run_tapla(f, "new", "Oikea seminaari", NULL)->status, 0);
	r = run_tapla(f, "demo", "--lang", "en", NULL);
	assert_string_equal(r->out, "5\n");
	r = run_tapla(f, "export", "1", "--format", "json", NULL);
	const char *j = r->out;
	assert_json(j, "$.session.title", "HARJOITUS – PED-verkoston painopisteet 2016");
	assert_json(j, "$.session.demo", "1");
	assert_json(j, "$.participants", "13");
	assert_json(j, "$.total_dots", "129");
	assert_json(j, "$.sources.screen", "10");
	assert_json(j, "$.sources.paper", "3");
	assert_json(j, "$.sheets[0].dots.agree", "23");
	assert_json(j, "$.sheets[0].signatures[0]", "Osallistuja A");
	assert_json(j, "$.ballots[0].dots", "5");
	assert_json(j, "$.sheets[3].swot.T[0]", "Ensimmäisenä vuonna ei kannata hajauttaa voimia uuteen.");
	/* Groups: 5 officials shown apart; 5 staff and 3 residents not (the
	 * 3 alone would be the whole minus the two). */
	assert_json(j, "$.session.groups[0]", "luottamushenkilöt");
	assert_json(j, "$.ballots[0].group", "viranhaltijat");
	assert_json(j, "$.group_results.groups[0].shown", "1");
	assert_json(j, "$.group_results.groups[1].shown", "0");
	assert_json(j, "$.group_results.groups[2].shown", "0");
	/* The second round: linked, three more residents, who moved. */
	r = run_tapla(f, "export", "2", "--format", "json", NULL);
	j = r->out;
	assert_json(j, "$.session.title", "HARJOITUS – PED-verkoston painopisteet 2016 — kierros 2");
	assert_json(j, "$.session.round", "2");
	assert_json(j, "$.session.demo", "1");
	assert_json(j, "$.participants", "16");
	assert_json(j, "$.shift.in_both_rounds", "13");
	assert_json(j, "$.shift.sheets[0].towards_agreement", "5");
	assert_json(j, "$.group_results.groups[2].shown", "1");
	assert_json(j, "$.group_results.groups[2].participants", "6");
	r = run_tapla(f, "export", "4", "--format", "json", NULL);
	assert_json(r->out, "$.session.title", "REHEARSAL – PED network priorities 2016");
	assert_json(r->out, "$.sheets[0].signatures[0]", "Participant A");
	r = run_tapla(f, "demo", "--remove", NULL);
	assert_int_equal(r->status, 0);
	assert_non_null(strstr(r->out, "Removed 4 rehearsal sessions."));
	r = run_tapla(f, "list", NULL);
	assert_non_null(strstr(r->out, "Oikea seminaari"));
	assert_null(strstr(r->out, "HARJOITUS"));
	assert_null(strstr(r->out, "REHEARSAL"));
	assert_int_equal(run_tapla(f, "export", "1", NULL)->status, 2);
	assert_int_equal(run_tapla(f, "demo", "extra", NULL)->status, 2);
}

/* Printable sheets: well-formed enough to open, one page per sheet. */
static void sheets_one_page_each(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(run_tapla(f, "new", "Seinä", "--lang", "fi", NULL)->status, 0);
	char path[256];
	snprintf(path, sizeof path, "%s/arkit.html", f->dir);
	struct cli_run *r = run_tapla(f, "sheets", "1", "-o", path, NULL);
	if (r->status != 0)
		fail_msg("sheets: %s", r->err);
	size_t n;
	char *html = cli_slurp(path, &n);
	assert_non_null(html);
	html = realloc(html, n + 1);
	html[n] = '\0';
	assert_int_equal(strncmp(html, "<!DOCTYPE html>", 15), 0);
	assert_int_equal(count(html, "<section class=\"page\""), 4);
	assert_int_equal(count(html, "</section>"), 4);
	assert_non_null(strstr(html, "</html>"));
	assert_non_null(strstr(html, "dotmocracy.org"));
	free(html);
	assert_int_equal(run_tapla(f, "sheets", "7", NULL)->status, 2);
}

/* Every new command answers --help and is listed in the tool's help. */
static void help_for_new_commands(void **state)
{
	struct fixture *f = *state;
	const char *cmds[] = { "import", "transcribe", "demo", "sheets" };
	struct cli_run *r = run_tapla(f, "--help", NULL);
	char *tool = strdup(r->out);
	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
		assert_non_null(strstr(tool, cmds[i]));
		r = run_tapla(f, cmds[i], "--help", NULL);
		if (r->status != 0 || !strstr(r->out, "Usage: tapla"))
			fail_msg("%s --help: %d %s", cmds[i], r->status, r->err);
		r = run_tapla(f, "--lang", "fi", cmds[i], "--help", NULL);
		if (r->status != 0 || !strstr(r->out, "Käyttö: tapla"))
			fail_msg("%s --help in Finnish: %d %s", cmds[i], r->status, r->out);
	}
	free(tool);
	r = run_tapla(f, "new", "--help", NULL);
	assert_non_null(strstr(r->out, "--shuffle"));
	r = run_tapla(f, "vote", "--help", NULL);
	assert_non_null(strstr(r->out, "--paper"));
	assert_non_null(strstr(r->out, "--order"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		CLI_TEST(import_good_and_bad_csv),
		CLI_TEST(csv_round_trip),
		CLI_TEST(shuffled_order_recorded_and_reported),
		CLI_TEST(paper_is_counted),
		CLI_TEST(demo_creates_and_removes),
		CLI_TEST(sheets_one_page_each),
		CLI_TEST(help_for_new_commands),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
