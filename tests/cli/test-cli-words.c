/* The words as a careful reader sees them (issue 13.6, 13.7), through the
 * real binary: a Finnish machine gets Finnish from the first message on,
 * minus signs are real minus signs wherever people read them while input
 * and the machine formats keep their ASCII, the SWOT notes follow the
 * paper's order S, O, W, T, and "Yht." means only the paper's row of
 * column totals. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli-check.h"
#include "cli-fixture.h"
#include "cli-run.h"
#include "proc.h"

#define MINUS "\xe2\x88\x92"

/* Runs a command that must succeed; its result lasts until the next run. */
#define ok(f, ...) ok_run(run_tapla((f), __VA_ARGS__, NULL), #__VA_ARGS__)
static struct cli_run *ok_run(struct cli_run *r, const char *what)
{
	if (r->status != 0)
		fail_msg("%s: %s", what, r->err);
	return r;
}

/* Fails unless `text` holds `want` (printed with `text` if not). */
static void assert_holds(const char *text, const char *want)
{
	if (!text || !strstr(text, want))
		fail_msg("no \"%s\" in:\n%s", want, text ? text : "(no output)");
}

/* Fails if `text` holds `unwanted`. */
static void assert_lacks(const char *text, const char *unwanted)
{
	if (!text || strstr(text, unwanted))
		fail_msg("\"%s\" in:\n%s", unwanted, text ? text : "(no output)");
}

/* Fails if a line of `text` is wider than `cols` columns (its characters
 * are all one column wide: UTF-8 lead bytes are counted). */
static void assert_lines_fit(const char *text, size_t cols)
{
	size_t w = 0;
	for (const char *p = text; *p; p++) {
		if (*p == '\n') {
			w = 0;
		} else if (((unsigned char)*p & 0xc0) != 0x80 && ++w > cols) {
			const char *bol = p;
			while (bol > text && bol[-1] != '\n')
				bol--;
			fail_msg("a line wider than %zu columns:\n%.*s", cols,
				 (int)strcspn(bol, "\n"), bol);
		}
	}
}

/* Fails if a line of `text` starts with a lone operator ("− 5·…",
 * "+ 5·…"): a formula wrapped there reads as a new, negative term. */
static void assert_no_line_starts_with_operator(const char *text)
{
	for (const char *l = text; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL)
		if (strncmp(l, "+ ", 2) == 0 || strncmp(l, "\u2212 ", 4) == 0 ||
		    strncmp(l, "\u2212\u00a0", 5) == 0)
			fail_msg("a line starts with an operator:\n%.*s",
				 (int)strcspn(l, "\n"), l);
}

/* 13.7: under LANG=fi_FI.UTF-8 (a locale this machine need not have
 * generated, and no --lang) the refusal to make the database in a folder
 * others can write is Finnish, like every other message; LANG=en_US gets
 * the English one. Nothing is created. */
static void folder_refusal_in_the_machines_language(void **state)
{
	struct fixture *f = *state;
	char shared[128], db[160];
	snprintf(shared, sizeof shared, "%s/shared", f->dir);
	assert_int_equal(mkdir(shared, 0700), 0);
	assert_int_equal(chmod(shared, 01777), 0);
	snprintf(db, sizeof db, "%s/t.db", shared);
	const char *args[] = { "list", NULL };
	const char *fi_env[] = { "LANG=fi_FI.UTF-8", "LC_ALL=", "LC_MESSAGES=",
				 "LANGUAGE=", NULL };
	const struct proc_opts fi = { fi_env, NULL, NULL };
	struct proc_result r;
	assert_true(proc_tapla(db, args, &fi, &r));
	assert_int_not_equal(r.status, 0);
	assert_holds(r.err, "Muut käyttäjät voivat kirjoittaa kansioon ”");
	assert_holds(r.err, "” (oikeudet 1777), joten he voisivat lukea uuden "
		     "tietokannan: luo se omaan kansioosi (anna toinen tiedosto "
		     "valitsimella --db).");
	assert_lacks(r.err, "can be written");
	proc_result_free(&r);
	const char *en_env[] = { "LANG=en_US.UTF-8", "LC_ALL=", "LC_MESSAGES=",
				 "LANGUAGE=", NULL };
	const struct proc_opts en = { en_env, NULL, NULL };
	assert_true(proc_tapla(db, args, &en, &r));
	assert_holds(r.err, "can be written by other users (mode 1777)");
	proc_result_free(&r);
	assert_int_equal(access(db, F_OK), -1);
}

/* 13.6: what people read shows "−" and "−−" (U+2212) for the disagree
 * columns, in both languages: the tally's legend and heads, the HTML
 * report's chart; ASCII "-" and "--" are still taken as typed, and the
 * machine formats keep their keys. */
static void minus_signs_shown_ascii_taken(void **state)
{
	struct fixture *f = *state;
	ok(f, "new", "Seminaari", "--lang", "fi");
	ok(f, "vote", "1", "--name", "Aino", "1:--=3", "2:-=1");
	ok(f, "vote", "1", "--name", "Bo", "1:" MINUS MINUS "=2", "3:" MINUS "=1");
	const char *langs[] = { "fi", "en" };
	for (size_t i = 0; i < 2; i++) {
		const char *out = ok(f, "--lang", langs[i], "tally", "1")->out;
		assert_holds(out, "     " MINUS "    " MINUS MINUS "     ?");
		assert_holds(out, MINUS MINUS " ");
		assert_lacks(out, " -- ");
		assert_lacks(out, " - ");
		assert_lacks(out, "  -\n");
	}
	assert_holds(ok(f, "--lang", "fi", "tally", "1")->out,
		     MINUS MINUS " Täysin eri");
	const char *html = ok(f, "--lang", "fi", "export", "1", "--format", "html")->out;
	assert_holds(html, "class=\"sym\">" MINUS MINUS "<");
	assert_lacks(html, "class=\"sym\">--<");
	const char *csv = ok(f, "export", "1", "--format", "csv")->out;
	assert_holds(csv, ",disagree,");
	assert_lacks(csv, MINUS);
	const char *json = ok(f, "export", "1", "--format", "json")->out;
	assert_holds(json, "\"disagree\"");
	assert_lacks(json, MINUS);
}

/* tapla ARGS... succeeds and prints `want` but not `unwanted`. */
static void assert_shows_minus(const struct fixture *f, const char *const *args,
			       const char *want, const char *unwanted)
{
	struct cli_run r;
	assert_true(cli_run(f->db, args, &r));
	if (r.status != 0)
		fail_msg("tapla %s %s: %s", args[0], args[1], r.err);
	assert_holds(r.out, want);
	assert_lacks(r.out, unwanted);
	cli_run_free(&r);
}

/* 13.6: a negative score reads "−10.0" in English too, on screen and in
 * the documents, while CSV and JSON keep the ASCII "-10.00" scripts read. */
static void negative_scores_read_with_the_real_minus(void **state)
{
	struct fixture *f = *state;
	ok(f, "new", "A", "--lang", "en");
	ok(f, "new", "B", "--lang", "en");
	ok(f, "vote", "1", "--name", "Aino", "1:disagree=5");
	const char *shown[][6] = {
		{ "--lang", "en", "tally", "1", NULL },
		{ "--lang", "en", "compare", "1", "2", NULL },
		{ "export", "1", "--format", "md", NULL },
		{ "export", "1", "--format", "html", NULL },
	};
	for (size_t i = 0; i < sizeof shown / sizeof shown[0]; i++)
		assert_shows_minus(f, shown[i], MINUS "10.0", "-10.0");
	const char *files[][6] = {
		{ "export", "1", "--format", "csv", "--tally", NULL },
		{ "export", "1", "--format", "json", NULL },
		{ "compare", "1", "2", "--format", "csv", NULL },
	};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
		assert_shows_minus(f, files[i], "-10.00", MINUS);
}

/* 13.6: the JSON's notes come in the paper's order S, O, W, T (the sheet
 * pairs S+O and W+T), as the screens and the other reports show them. */
static void json_notes_in_paper_order(void **state)
{
	struct fixture *f = *state;
	ok(f, "new", "Seminaari");
	ok(f, "vote", "1", "--name", "Aino", "1:agree=1", "--note", "1:S:vahva",
	   "--note", "1:W:heikko", "--note", "1:O:mahdollisuus", "--note",
	   "1:T:uhka");
	const char *json = ok(f, "export", "1", "--format", "json")->out;
	const char *s = strstr(json, "\"S\": [\"vahva\"]");
	const char *o = strstr(json, "\"O\": [\"mahdollisuus\"]");
	const char *w = strstr(json, "\"W\": [\"heikko\"]");
	const char *t = strstr(json, "\"T\": [\"uhka\"]");
	if (!s || !o || !w || !t || !(s < o && o < w && w < t))
		fail_msg("notes not in S, O, W, T order:\n%s", json);
}

/* 13.6: "Yht." (Total) is the paper's row of column totals only; a row's
 * sum is "Kaikki" (All) in the tally as in the Markdown report. */
static void yht_is_the_column_totals_row(void **state)
{
	struct fixture *f = *state;
	ok(f, "new", "Seminaari", "--lang", "fi");
	ok(f, "vote", "1", "--name", "Aino", "1:agree=3", "1:neutral=2");
	const char *tally = ok(f, "--lang", "fi", "tally", "1")->out;
	assert_holds(tally, "?  Kaikki\n");
	assert_lacks(tally, "Yht.");
	const char *md = ok(f, "--lang", "fi", "export", "1", "--format", "md")->out;
	assert_holds(md, "| Kaikki |");
	assert_holds(md, "| Yht. | 3 | 0 | 2 | 0 | 0 | 0 | 5 |");
	const char *en = ok(f, "--lang", "en", "tally", "1")->out;
	assert_holds(en, "?     All\n");
	assert_lacks(en, "Total");
}

/* 13.6: the Finnish speaks of the participants, never of "huone" (a word
 * for word "the room"): the note on hidden results, the serve and pin
 * help; nor of "sali" in the round and screen help. */
static void finnish_says_participants_not_the_room(void **state)
{
	struct fixture *f = *state;
	ok(f, "new", "Seminaari", "--lang", "fi");
	ok(f, "vote", "1", "--name", "Aino", "1:agree=5");
	const char *err = ok(f, "--lang", "fi", "tally", "1")->err;
	assert_holds(err, "tulokset ovat piilossa; osallistujat eivät ole vielä "
		     "nähneet näitä tuloksia.");
	assert_lacks(err, "huone");
	const char *cmds[] = { "serve", "pin" };
	for (size_t i = 0; i < 2; i++)
		assert_lacks(ok(f, "--lang", "fi", cmds[i], "--help")->out, "huone");
	assert_holds(ok(f, "--lang", "fi", "round", "--help")->out,
		     "Kun osallistujat ovat keskustelleet tuloksista");
	assert_lacks(ok(f, "--lang", "fi", "screen", "--help")->out, "sali");
}

/* A Finnish seminar of 18 in three groups, shown the sheets in a recorded
 * order, six of them from paper, under a title too long for one line;
 * sheet 3 holds only "don't know" dots, so it has no agreement score. */
static void seed_grouped_seminar(struct fixture *f)
{
	ok(f, "new", "Kuntaliiton PED-verkoston seminaari: vertaispalvelut, "
	   "oppiminen ja kehittäminen sekä vaikuttaminen 2026", "--lang", "fi",
	   "--shuffle", "--groups", "luottamushenkilöt,viranhaltijat,asukkaat");
	const char *groups[] = { "luottamushenkilöt", "viranhaltijat", "asukkaat" };
	for (int i = 0; i < 18; i++) {
		char name[32];
		snprintf(name, sizeof name, "Osallistuja %d", i + 1);
		ok(f, "vote", "1", "--name", name, "--group", groups[i % 3],
		   "--order", "3,1,4,2", "1:agree=4", "2:partly-disagree=3",
		   "3:unsure=2", "4:disagree=1", i < 12 ? "--replace" : "--paper");
	}
}

/* 13.6: the tally wraps every line at the output width (80 columns off a
 * terminal), in fi and en: the title and the line of mode, budget and
 * totals ("Istunto 1, painotettu tapa, ... yhteensä 250 täplää." ran to
 * 101 columns) as well as the ballots' sources, legend and tables. */
static void tally_lines_fit_the_width(void **state)
{
	struct fixture *f = *state;
	seed_grouped_seminar(f);
	const char *langs[] = { "fi", "en" };
	for (size_t i = 0; i < 2; i++) {
		const char *out = ok(f, "--lang", langs[i], "tally", "1")->out;
		assert_lines_fit(out, 80);
		assert_no_line_starts_with_operator(out);
	}
}

/* 13.6: one term for the agreement score, "kannatusluku"; the group
 * tables' narrow column is headed "Kannatus" ("Score"), and then the
 * legend names that short form; a sheet with no score shows "–" there,
 * not a cropped "ei laskett". Without group tables the legend has no
 * short form to name. */
static void agreement_score_has_one_term(void **state)
{
	struct fixture *f = *state;
	seed_grouped_seminar(f);
	const char *fi = ok(f, "--lang", "fi", "tally", "1")->out;
	assert_holds(fi, "Kannatusluku (alla taulukoissa ”Kannatus”): (10·täysin");
	assert_holds(fi, "Kaikki  Kannatus\n");
	assert_holds(fi, "      12         –\n");
	assert_lacks(fi, "ei laskett\n");
	const char *en = ok(f, "--lang", "en", "tally", "1")->out;
	assert_holds(en, "Agreement score (“Score” in the tables below): (10·agree");
	assert_holds(en, "All     Score\n");
	ok(f, "new", "Ilman ryhmiä", "--lang", "fi");
	ok(f, "vote", "2", "--name", "Aino", "1:agree=5");
	assert_holds(ok(f, "--lang", "fi", "tally", "2")->out, "Kannatusluku: (10·täysin");
	assert_holds(ok(f, "--lang", "en", "tally", "2")->out, "Agreement score: (10·agree");
}

/* tapla ARGS... on an 80-column terminal; what it showed, without the
 * terminal's carriage returns (the caller frees). */
static char *on_80_columns(const struct fixture *f, const char *const *args)
{
	char *out;
	size_t len;
	assert_int_equal(cli_run_on_terminal(f->db, args, 80, &out, &len), 0);
	char *to = out;
	for (const char *p = out; *p; p++)
		if (*p != '\r')
			*to++ = *p;
	*to = '\0';
	return out;
}

/* 13.4: on a terminal `list` keeps each session on one row of the width:
 * a long title gives way with "…", its round mark and "(closed)" stay
 * whole (fi and en); through a pipe the titles stay whole for scripts. */
static void list_rows_fit_a_terminal(void **state)
{
	struct fixture *f = *state;
	const char *title = "Rinnakkaisseminaari 5 – PED-verkosto 2016";
	ok(f, "new", title, "--lang", "fi");
	ok(f, "round", "1");
	cli_sql(f->db, "UPDATE session SET closed = 1 WHERE id = 1;");
	char *fi = on_80_columns(f, (const char *const[]){ "--lang", "fi", "list", NULL });
	assert_lines_fit(fi, 80);
	/* Finnish headings leave the title too little room beside the row:
	 * it takes its own line, readable, not "R… (suljettu)". */
	assert_holds(fi, "painotettu\n      Rinnakkaisseminaari 5 – PED-verkosto 2016 — kierros 2\n");
	assert_holds(fi, "painotettu\n      Rinnakkaisseminaari 5 – PED-verkosto 2016 (suljettu)\n");
	char *en = on_80_columns(f, (const char *const[]){ "--lang", "en", "list", NULL });
	assert_lines_fit(en, 80);
	assert_holds(en, "weighted\n      Rinnakkaisseminaari 5 – PED-verkosto 2016 — kierros 2\n");
	assert_holds(en, "weighted\n      Rinnakkaisseminaari 5 – PED-verkosto 2016 (closed)\n");
	assert_holds(en, "mode\n      title\n");
	free(fi);
	free(en);
	const char *piped = ok(f, "--lang", "fi", "list")->out;
	assert_holds(piped, "Rinnakkaisseminaari 5 – PED-verkosto 2016 — kierros 2\n");
	assert_holds(piped, "Rinnakkaisseminaari 5 – PED-verkosto 2016 (suljettu)\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		CLI_TEST(folder_refusal_in_the_machines_language),
		CLI_TEST(minus_signs_shown_ascii_taken),
		CLI_TEST(json_notes_in_paper_order),
		CLI_TEST(negative_scores_read_with_the_real_minus),
		CLI_TEST(yht_is_the_column_totals_row),
		CLI_TEST(finnish_says_participants_not_the_room),
		CLI_TEST(tally_lines_fit_the_width),
		CLI_TEST(agreement_score_has_one_term),
		CLI_TEST(list_rows_fit_a_terminal),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
