/* Unit tests of the documents for people: Markdown, the HTML report and the
 * printable paper sheets, over the seed's worked example. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tapla/assets.h"
#include "tapla/i18n.h"
#include "tapla/report.h"

#define NSHEETS 4
#define NPEOPLE 4

/* A report built by hand, as the store would load it. */
struct fixture {
	struct report r;
	struct tpl_sheet sheets[NSHEETS];
	struct tally_sheet tally[NSHEETS];
	struct report_participant people[NPEOPLE];
	struct report_ballot ballots[32];
	struct report_note notes[8];
	struct buf out;
};

/* The four network types of the seed, in Finnish as on the wall. */
static const char *const statements[NSHEETS] = {
	"Kuntaliiton PED-verkoston tulee panostaa vertaispalveluihin eli yhteistyömalleihin, yhteisiin sopimuspohjiin, työskentelyalustoihin ja hyviin käytäntöihin (= vertaispalveluverkosto).",
	"Kuntaliiton PED-verkoston tulee panostaa oppimis- ja kehittämistyöskentelyyn eli tiedon välittämiseen, tiedon yhdistämiseen ja uuden tiedon luomiseen (= oppimis- ja kehittämisverkosto).",
	"Kuntaliiton PED-verkoston tulee panostaa vaikuttamiseen eli sidosryhmien kanssa työskentelyyn ja vaikuttamiskanavien aukaisemiseen (= vaikuttamisen verkosto).",
	"Kuntaliiton PED-verkoston tulee panostaa organisaatio- ja toimialarajat ylittävään toimintaan ja uuden toiminnan kehittämiseen (= uuden luomisen verkosto).",
};
static const char *const short_names[NSHEETS] = {
	"vertaispalveluverkosto", "oppimis- ja kehittämisverkosto",
	"vaikuttamisen verkosto", "uuden luomisen verkosto",
};
static const char *const names[NPEOPLE] = {
	"Osallistuja A", "Bertta Böök", "Cai | *Esko* <b>", "Dora",
};

/* Participant A is the seed's: 5 + 2 + 2 + 1. The others spread 10 too. */
static const struct report_ballot seed_ballots[] = {
	{ 1, 0, LEVEL_AGREE, 5 }, { 1, 1, LEVEL_PARTLY_AGREE, 2 },
	{ 1, 2, LEVEL_NEUTRAL, 2 }, { 1, 3, LEVEL_DISAGREE, 1 },
	{ 2, 0, LEVEL_AGREE, 3 }, { 2, 1, LEVEL_AGREE, 2 },
	{ 2, 2, LEVEL_PARTLY_DISAGREE, 2 }, { 2, 3, LEVEL_UNSURE, 3 },
	{ 3, 0, LEVEL_PARTLY_AGREE, 2 }, { 3, 1, LEVEL_AGREE, 2 },
	{ 3, 1, LEVEL_NEUTRAL, 1 }, { 3, 2, LEVEL_AGREE, 3 },
	{ 3, 3, LEVEL_PARTLY_DISAGREE, 2 },
	{ 4, 0, LEVEL_PARTLY_AGREE, 4 }, { 4, 2, LEVEL_DISAGREE, 1 },
	{ 4, 3, LEVEL_AGREE, 2 }, { 4, 3, LEVEL_UNSURE, 3 },
};

static const struct report_note seed_notes[] = {
	{ 0, QUAD_S, 1, "Hyvät käytännöt kiertävät kunnasta toiseen." },
	{ 0, QUAD_W, 2, "Vie aikaa <script>alert(1)</script> & resursseja" },
	{ 0, QUAD_O, 0, "Yhteiset sopimuspohjat säästävät juristien työtä." },
	{ 1, QUAD_T, 3, "# Ei otsikko | vaan *huomio* [linkki](x)" },
	{ 3, QUAD_S, 4, "Uusia yhdistelmiä yli sektorirajojen." },
};

/* The agreement score as tally.h defines it. */
static void score_sheet(struct tally_sheet *t)
{
	const int *d = t->dots;
	int scored = d[0] + d[1] + d[2] + d[3] + d[4];
	t->has_score = scored > 0;
	if (scored > 0)
		t->score = (10.0 * d[0] + 5.0 * d[1] - 5.0 * d[3] - 10.0 * d[4]) /
			scored;
}

/* Fills the tally from the ballots, as the store and tally.c would. */
static void fill_tally(struct fixture *f)
{
	int total = 0;
	for (size_t i = 0; i < f->r.nballots; i++) {
		const struct report_ballot *b = &f->ballots[i];
		f->tally[b->sheet].dots[b->level] += b->dots;
		f->tally[b->sheet].people[b->level]++;
		total += b->dots;
	}
	for (int s = 0; s < NSHEETS; s++) {
		struct tally_sheet *t = &f->tally[s];
		for (int p = 1; p <= NPEOPLE; p++) {
			bool signed_it = false;
			for (size_t i = 0; i < f->r.nballots; i++)
				signed_it |= f->ballots[i].participant == p &&
					f->ballots[i].sheet == s;
			t->total_people += signed_it;
		}
		for (int l = 0; l < LEVEL_COUNT; l++)
			t->total_dots += t->dots[l];
		t->share = (double)t->total_dots / total;
		score_sheet(t);
	}
	/* Dots: 14, 7, 8, 11. */
	f->tally[0].rank = 1;
	f->tally[3].rank = 2;
	f->tally[2].rank = 3;
	f->tally[1].rank = 4;
	f->tally[3].flags = TALLY_FLAG_UNSURE;
	f->r.tally.total_dots = total;
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	if (!f)
		return -1;
	/* In the build tree the catalog is the one built next to the tests. */
	i18n_init("en", assets_locale_dir());
	struct session *s = &f->r.session;
	s->id = 1;
	snprintf(s->uuid, sizeof s->uuid, "%s", "0f3c2a9e-1111-4222-8333-444455556666");
	s->title = "Demokratiapäivä 2015: PED-verkosto & <täpläriihi>";
	s->template_name = "networks";
	s->language = "fi";
	s->budget = 10;
	s->mode = MODE_WEIGHTED;
	snprintf(s->created, sizeof s->created, "%s", "2015-10-13T10:15:00Z");
	s->nsheets = NSHEETS;
	s->participants = NPEOPLE;
	for (int i = 0; i < NSHEETS; i++) {
		f->sheets[i].statement = (char *)statements[i];
		f->sheets[i].short_name = (char *)short_names[i];
	}
	f->r.sheets = f->sheets;
	for (int i = 0; i < NPEOPLE; i++) {
		f->people[i].seq = i + 1;
		f->people[i].name = (char *)names[i];
	}
	f->r.participants = f->people;
	f->r.nparticipants = NPEOPLE;
	memcpy(f->ballots, seed_ballots, sizeof seed_ballots);
	f->r.ballots = f->ballots;
	f->r.nballots = sizeof seed_ballots / sizeof seed_ballots[0];
	memcpy(f->notes, seed_notes, sizeof seed_notes);
	f->r.notes = f->notes;
	f->r.nnotes = sizeof seed_notes / sizeof seed_notes[0];
	f->r.tally.nsheets = NSHEETS;
	f->r.tally.sheets = f->tally;
	f->r.tally.participants = NPEOPLE;
	fill_tally(f);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	buf_free(&f->out);
	free(f);
	return 0;
}

/* How many times needle occurs in hay. */
static int count(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

/* Writes a document to $TAPLA_TEST_DUMP_DIR, for looking at it by hand. */
static void dump(const char *name, const struct buf *b)
{
	const char *dir = getenv("TAPLA_TEST_DUMP_DIR");
	char path[512];
	if (!dir || !*dir)
		return;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *fp = fopen(path, "w");
	if (fp) {
		fputs(buf_str(b), fp);
		fclose(fp);
	}
}

static const char *const void_tags[] = { "meta", "br", "hr", "img", "link",
	"input", NULL };

/* True if `tag` never has a closing tag in HTML. */
static bool is_void(const char *tag)
{
	for (size_t i = 0; void_tags[i]; i++)
		if (strcmp(tag, void_tags[i]) == 0)
			return true;
	return false;
}

/* Checks an entity reference at p ("&amp;"...); returns its length or 0. */
static size_t entity_len(const char *p)
{
	static const char *const ok[] = { "&amp;", "&lt;", "&gt;", "&quot;",
		"&#39;", NULL };
	for (size_t i = 0; ok[i]; i++)
		if (strncmp(p, ok[i], strlen(ok[i])) == 0)
			return strlen(ok[i]);
	return 0;
}

/* Reads one tag at p (just after '<') onto the stack; NULL if malformed. */
static const char *check_tag(const char *p, char stack[][16], int *depth)
{
	bool closing = *p == '/';
	p += closing;
	char name[16];
	size_t n = strspn(p, "abcdefghijklmnopqrstuvwxyz0123456789");
	if (n == 0 || n >= sizeof name)
		return NULL;
	memcpy(name, p, n);
	name[n] = '\0';
	p += n;
	/* Attributes: name="value" with no '<' or bare '&' inside. */
	while (*p && *p != '>' && !(p[0] == '/' && p[1] == '>')) {
		if (*p == ' ' || *p == '\n') {
			p++;
			continue;
		}
		p += strspn(p, "abcdefghijklmnopqrstuvwxyz"
			   "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-:");
		if (p[0] != '=' || p[1] != '"')
			return NULL;
		for (p += 2; *p != '"'; p++)
			if (!*p || *p == '<' || (*p == '&' && !entity_len(p)))
				return NULL;
		p++;
	}
	bool self_closed = *p == '/';
	if (!*p)
		return NULL;
	p += self_closed ? 2 : 1;
	if (closing) {
		if (*depth == 0 || strcmp(stack[*depth - 1], name) != 0)
			return NULL;
		(*depth)--;
	} else if (!self_closed && !is_void(name)) {
		if (*depth >= 64)
			return NULL;
		strcpy(stack[(*depth)++], name);
	}
	/* The style sheet is text up to its closing tag. */
	if (!closing && strcmp(name, "style") == 0 && !self_closed) {
		const char *end = strstr(p, "</style>");
		return end ? end : NULL;
	}
	return p;
}

/* A small well-formedness check: every tag closed in order, attributes
 * quoted, no bare '&' or '<' in text. */
static bool well_formed(const char *html)
{
	char stack[64][16];
	int depth = 0;
	const char *p = html;
	if (strncmp(p, "<!DOCTYPE html>", 15) != 0)
		return false;
	p += 15;
	while (*p) {
		if (*p == '<') {
			p = check_tag(p + 1, stack, &depth);
			if (!p)
				return false;
		} else if (*p == '&') {
			size_t n = entity_len(p);
			if (!n)
				return false;
			p += n;
		} else {
			p++;
		}
	}
	return depth == 0;
}

/* The checker itself catches what it should. */
static void checker_catches_bad_markup(void **state)
{
	(void)state;
	assert_true(well_formed("<!DOCTYPE html><p a=\"1\">x &amp; y<br /></p>"));
	assert_false(well_formed("<!DOCTYPE html><p><b></p></b>"));
	assert_false(well_formed("<!DOCTYPE html><p>x & y</p>"));
	assert_false(well_formed("<!DOCTYPE html><p a=1>x</p>"));
	assert_false(well_formed("<!DOCTYPE html><div>"));
}

/* The kinds of document, each written into f->out (emptied first). */
enum doc_kind { DOC_HTML, DOC_MARKDOWN, DOC_SHEETS };

/* A document of the fixture's report with options o (NULL: none); fails
 * the test if it cannot be made. */
static const char *doc_of(struct fixture *f, enum doc_kind kind,
			  const struct report_options *o)
{
	buf_reset(&f->out);
	bool made = kind == DOC_HTML ? report_html(&f->r, o, &f->out) :
		    kind == DOC_MARKDOWN ? report_markdown(&f->r, o, &f->out) :
		    report_print_sheets(&f->r, o, &f->out);
	assert_true(made);
	return buf_str(&f->out);
}

/* A NULL-ended list of words for assert_words. */
#define WORDS(...) ((const char *const[]){ __VA_ARGS__, NULL })

/* Fails the test, naming the word, unless doc holds every word of has and
 * none of lacks (NULL: no list). */
static void assert_words(const char *doc, const char *const *has,
			 const char *const *lacks)
{
	for (; has && *has; has++)
		if (!strstr(doc, *has))
			fail_msg("missing \"%s\"", *has);
	for (; lacks && *lacks; lacks++)
		if (strstr(doc, *lacks))
			fail_msg("holds \"%s\"", *lacks);
}

/* The HTML report is well-formed and holds one chart per sheet. */
static void html_is_well_formed_with_a_chart_per_sheet(void **state)
{
	struct fixture *f = *state;
	struct report_options o = { 0 };
	const char *h = doc_of(f, DOC_HTML, &o);
	dump("report.html", &f->out);
	assert_true(well_formed(h));
	assert_int_equal(count(h, "<svg"), NSHEETS);
	assert_int_equal(count(h, "</svg>"), NSHEETS);
	assert_int_equal(count(h, "<section class=\"sheet\""), NSHEETS);
	assert_words(h, WORDS("<html lang=\"fi\">", "@media print"), NULL);
}

/* User text is escaped: no markup from names, notes or titles survives. */
static void html_escapes_user_text(void **state)
{
	assert_words(doc_of(*state, DOC_HTML, NULL),
		     WORDS("&lt;script&gt;alert(1)&lt;/script&gt; &amp; resursseja",
			   "PED-verkosto &amp; &lt;täpläriihi&gt;",
			   "Cai | *Esko* &lt;b&gt;"),
		     WORDS("<script", "<b>", "<täpläriihi>"));
}

/* Self-contained: no script, no link to anything outside the file. */
static void html_has_no_external_resources(void **state)
{
	const char *h = doc_of(*state, DOC_HTML, NULL);
	assert_words(h, WORDS("dotmocracy.org"),
		     WORDS("http", "src=", "href=", "@import"));
	assert_int_equal(count(h, "url("), count(h, "url(#"));
}

/* The report speaks the session's language and gives the UI its own back. */
static void html_follows_the_session_language(void **state)
{
	struct fixture *f = *state;
	/* 110 / 14 = 7.857: Finnish decimal comma. */
	assert_words(doc_of(f, DOC_HTML, NULL),
		     WORDS("Täysin samaa", "? En osaa sanoa", "Idea tai väite 1", "+7,9"),
		     NULL);
	assert_string_equal(i18n_language(), "en");
	f->r.session.language = "en";
	assert_words(doc_of(f, DOC_HTML, NULL),
		     WORDS("<html lang=\"en\">", "Strongly agree", "+7.9"), NULL);
}

/* --no-names and anonymous sessions leave every name out. */
static void names_are_left_out_when_asked(void **state)
{
	struct fixture *f = *state;
	struct report_options o = { .no_names = true };
	assert_words(doc_of(f, DOC_HTML, NULL), WORDS("Osallistuja A"), NULL);
	/* The HTML and the Markdown one after the other in one buffer. */
	doc_of(f, DOC_HTML, &o);
	assert_true(report_markdown(&f->r, &o, &f->out));
	assert_words(buf_str(&f->out), NULL, WORDS("Osallistuja A", "Dora"));
	f->r.session.anonymous = true;
	assert_words(doc_of(f, DOC_MARKDOWN, NULL), NULL, WORDS("Bertta"));
}

/* The Markdown table has the paper's six columns, and text is escaped. */
static void markdown_has_the_paper_table(void **state)
{
	struct fixture *f = *state;
	const char *m = doc_of(f, DOC_MARKDOWN, NULL);
	dump("report.md", &f->out);
	const char *head = strstr(m, "\n| | Täysin samaa |");
	assert_non_null(head);
	const char *end = strchr(head + 1, '\n');
	int pipes = 0;
	for (const char *p = head + 1; p < end; p++)
		pipes += *p == '|';
	/* Row label, six columns, the total: 8 cells, 9 pipes. */
	assert_int_equal(pipes, 9);
	assert_int_equal(count(m, "| Yht. |"), NSHEETS);
	/* Sheet 4 scores exactly 0: no sign. */
	assert_words(m, WORDS("| Yht. | 8 | 6 | 0 | 0 | 0 | 0 | 14 |",
			      "\\<script\\>alert(1)\\</script\\> \\& resursseja",
			      "Cai \\| \\*Esko\\* \\<b\\>",
			      "\\# Ei otsikko \\| vaan \\*huomio\\* \\[linkki\\](x)",
			      "+7,9",
			      "| 2 | 4. uuden luomisen verkosto | 11 | 28 % | 0,0 |",
			      "dotmocracy.org"),
		     WORDS("<script>"));
}

/* The ranking lists every sheet once, by rank. */
static void ranking_lists_sheets_by_rank(void **state)
{
	const char *m = doc_of(*state, DOC_MARKDOWN, NULL);
	const char *r1 = strstr(m, "| 1 | 1. vertaispalveluverkosto | 14 |");
	const char *r2 = strstr(m, "| 2 | 4. uuden luomisen verkosto | 11 |");
	const char *r4 = strstr(m, "| 4 | 2. oppimis- ja kehittämisverkosto | 7 |");
	assert_non_null(r1);
	assert_non_null(r2);
	assert_non_null(r4);
	assert_true(r1 < r2 && r2 < r4);
}

/* Paper sheets: one page per sheet, 25 signature lines on each, marks at
 * every fifth, the seed's words, and a code to match a transcription. */
static void sheets_have_a_page_each_with_25_lines(void **state)
{
	struct fixture *f = *state;
	const char *h = doc_of(f, DOC_SHEETS, NULL);
	dump("sheets.html", &f->out);
	assert_true(well_formed(h));
	assert_int_equal(count(h, "<section class=\"page\""), NSHEETS);
	assert_int_equal(count(h, "<td class=\"sig\">"), 25 * NSHEETS);
	assert_int_equal(count(h, "<tr class=\"mark\">"), 5 * NSHEETS);
	assert_words(h, WORDS("<tr class=\"mark\"><td class=\"sig\">25</td>",
			      "page-break-after:always", "0f3c2a-1", "0f3c2a-4"),
		     WORDS("http", "Osallistuja A"));
}

/* The Finnish sheet carries the seed's own words. */
static void sheets_use_the_seed_words(void **state)
{
	struct fixture *f = *state;
	static const char *const words[] = {
		"Idea tai väite ",
		"Väritä täplä osoittamaan mielipidettäsi, tee SWOT-analyysi ja kirjoita nimesi listaan!",
		"Osallistujan allekirjoitus",
		"Täysin samaa", "Osittain samaa", "Neutraali", "Osittain eri",
		"Täysin eri", "? En osaa sanoa",
		"Merkintöjäsi SWOT-analyysiin",
		"Vahvuudet (S) ja mahdollisuudet (O)", "Heikkoudet (W) ja uhat (T)",
		"Menetelmän alkuperäinen lähde: www.dotmocracy.org",
	};
	const char *h = doc_of(f, DOC_SHEETS, NULL);
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		if (!strstr(h, words[i]))
			fail_msg("missing \"%s\"", words[i]);
		assert_int_equal(count(h, words[i]), NSHEETS);
	}
	assert_int_equal(count(h, ">Yht.<"), LEVEL_COUNT * NSHEETS);
	assert_string_equal(i18n_language(), "en");
}

/* An English session gets English sheets whatever the UI speaks. */
static void sheets_follow_the_session_not_the_ui(void **state)
{
	struct fixture *f = *state;
	i18n_set_language("fi");
	f->r.session.language = "en";
	const char *h = doc_of(f, DOC_SHEETS, NULL);
	dump("sheets-en.html", &f->out);
	assert_words(h, WORDS("Idea or claim 2:", "Participant&#39;s signature"),
		     WORDS("Osallistujan allekirjoitus"));
	assert_string_equal(i18n_language(), "fi");
	i18n_set_language("en");
}

/* Displayed decimals take the real minus sign "−" in both languages (as
 * the levels and "from −10 to +10" do); no sign on zero. */
static void decimals_take_the_real_minus(void **state)
{
	(void)state;
	char b[32];
	i18n_set_language("en");
	assert_string_equal(report_decimal(-5.0, true, b, sizeof b), "\u22125.0");
	assert_string_equal(report_decimal(-1.23, false, b, sizeof b), "\u22121.2");
	assert_string_equal(report_decimal(2.5, true, b, sizeof b), "+2.5");
	assert_string_equal(report_decimal(-0.04, true, b, sizeof b), "0.0");
	i18n_set_language("fi");
	assert_string_equal(report_decimal(-5.0, true, b, sizeof b), "\u22125,0");
	i18n_set_language("en");
	assert_string_equal(report_decimal_styled(-10.0, true, true, b, sizeof b),
			    "\u221210,0");
	assert_string_equal(report_decimal_styled(-10.0, true, false, b, 4), "\u2212");
}

/* An English report shows a negative score with "−", never "-". */
static void english_documents_show_the_real_minus(void **state)
{
	struct fixture *f = *state;
	f->r.session.language = "en";
	f->tally[1].score = -5.0;
	f->tally[1].has_score = true;
	for (int k = DOC_HTML; k <= DOC_MARKDOWN; k++)
		assert_words(doc_of(f, (enum doc_kind)k, NULL), WORDS("\u22125.0"),
			     WORDS("-5.0"));
}

#define DOC_TEST(t) cmocka_unit_test_setup_teardown(t, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(checker_catches_bad_markup),
		DOC_TEST(html_is_well_formed_with_a_chart_per_sheet),
		DOC_TEST(html_escapes_user_text),
		DOC_TEST(html_has_no_external_resources),
		DOC_TEST(html_follows_the_session_language),
		DOC_TEST(names_are_left_out_when_asked),
		DOC_TEST(markdown_has_the_paper_table),
		DOC_TEST(ranking_lists_sheets_by_rank),
		DOC_TEST(sheets_have_a_page_each_with_25_lines),
		DOC_TEST(sheets_use_the_seed_words),
		DOC_TEST(sheets_follow_the_session_not_the_ui),
		DOC_TEST(decimals_take_the_real_minus),
		DOC_TEST(english_documents_show_the_real_minus),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
