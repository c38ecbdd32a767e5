/* report-md: the session as Markdown for the minutes (see report.h). */
#include "tapla/report.h"

#include <stdio.h>
#include <string.h>

#include "tapla/groups.h"
#include "tapla/i18n.h"
#include "tapla/rounds.h"

/* Appends user text so that no character in it turns into Markdown markup:
 * inline markup, HTML, table pipes, and list or heading starts. */
static void md_escape(struct buf *out, const char *s)
{
	const char *p = s ? s : "";
	/* At the start of a line these would begin a list, heading or rule. */
	if (*p == '-' || *p == '+' || *p == '=')
		buf_putc(out, '\\');
	bool line_start = true;
	for (; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == '\n' || c == '\r' || c == '\t') {
			buf_putc(out, ' ');  /* one paragraph, one table cell */
			continue;
		}
		if (c < 0x20 || c == 0x7f)
			continue;
		if (c >= 0x80) {
			/* Stored text may be anything: no C1 controls, valid UTF-8. */
			p += report_put_char(out, p) - 1;
			line_start = false;
			continue;
		}
		/* "1." at the start would begin a numbered list. */
		if (c == '.' && line_start && p != s && p[-1] >= '0' && p[-1] <= '9')
			buf_putc(out, '\\');
		if (c < '0' || c > '9')
			line_start = false;
		if (strchr("\\`*_[]<>|~&#", c))
			buf_putc(out, '\\');
		buf_putc(out, (char)c);
	}
}

/* One line the tally also says, as a paragraph, when it says anything. */
static void md_meta(const struct report *r,
		    void (*say)(const struct report *r, struct buf *out),
		    struct buf *out)
{
	struct buf line;
	buf_init(&line);
	say(r, &line);
	if (line.len) {
		md_escape(out, buf_str(&line));
		buf_puts(out, "\n\n");
	}
	if (line.failed)
		out->failed = true;
	buf_free(&line);
}

/* Where the ballots came from and the paper totals listed apart, a
 * paragraph each, as the tally says them. */
static void md_provenance(const struct report *r, struct buf *out)
{
	md_meta(r, report_sources_line, out);
	md_meta(r, report_paper_line, out);
}

/* Title, date and the session's facts in one line. */
static void md_header(const struct report *r, struct buf *out)
{
	char date[32];
	report_session_date(r, date, sizeof date);
	buf_puts(out, "# ");
	md_escape(out, r->session.title);
	buf_puts(out, "\n\n");
	buf_printf(out, _("Date: %s"), date);
	buf_puts(out, " · ");
	buf_printf(out, P_("%zu participant", "%zu participants",
			   r->nparticipants), r->nparticipants);
	buf_puts(out, " · ");
	buf_printf(out, P_("%d sheet", "%d sheets", r->session.nsheets),
		   r->session.nsheets);
	buf_puts(out, "\n\n");
	md_provenance(r, out);
}

/* The method in a few sentences, as the HTML report says it. */
static void md_method(const struct report *r, struct buf *out)
{
	buf_printf(out, "## %s\n\n", _("Method"));
	if (r->session.mode == MODE_CLASSIC)
		buf_puts(out, _("Dot voting on idea rating sheets (dotmocracy.org): each participant placed at most one dot on each sheet, in one of six columns from strongly agree to strongly disagree, or don't know."));
	else
		buf_printf(out, P_("Dot voting on idea rating sheets (dotmocracy.org): each participant spread %d dot over the sheets, in one of six columns from strongly agree to strongly disagree, or don't know.",
			      "Dot voting on idea rating sheets (dotmocracy.org): each participant spread %d dots over the sheets, as many on one sheet as they wished, each dot in one of six columns from strongly agree to strongly disagree, or don't know.",
			      r->session.budget),
			   r->session.budget);
	buf_putc(out, ' ');
	buf_puts(out, _("Agreement score = (10 × strongly agree + 5 × partly agree − 5 × partly disagree − 10 × strongly disagree) ÷ dots in the first five columns, from −10 to +10; don't know is left out."));
	buf_puts(out, "\n\n");
}

/* The head of a table of the six columns, a total and `extra` columns. */
static void md_level_head(struct buf *out, const char *extra)
{
	buf_puts(out, "| |");
	for (int l = 0; l < LEVEL_COUNT; l++) {
		buf_putc(out, ' ');
		md_escape(out, rules_level_name((enum level)l));
		buf_puts(out, " |");
	}
	buf_printf(out, " %s |", _("All"));
	if (extra)
		buf_printf(out, " %s |", extra);
	buf_puts(out, "\n|---|");
	for (int l = 0; l <= LEVEL_COUNT + (extra != NULL); l++)
		buf_puts(out, "---:|");
	buf_putc(out, '\n');
}

/* The paper sheet's bottom rows: dots ("Yht.") and people per column. */
static void md_totals_table(const struct tally_sheet *t, struct buf *out)
{
	md_level_head(out, NULL);
	buf_printf(out, "| %s |", _("Total"));
	for (int l = 0; l < LEVEL_COUNT; l++)
		buf_printf(out, " %d |", t->dots[l]);
	buf_printf(out, " %d |\n| %s |", t->total_dots, _("People"));
	for (int l = 0; l < LEVEL_COUNT; l++)
		buf_printf(out, " %d |", t->people[l]);
	buf_printf(out, " %d |\n\n", t->total_people);
}

/* Share of all dots, agreement score and flags in one line. */
static void md_sheet_figures(const struct tally_sheet *t, struct buf *out)
{
	char share[16], score[16];
	report_share_text(t->share, share, sizeof share);
	buf_printf(out, _("Share of all dots: %s"), share);
	buf_puts(out, " · ");
	if (t->has_score) {
		report_score_text(t, score, sizeof score);
		buf_printf(out, _("Agreement score: %s"), score);
	} else {
		buf_puts(out, _("Agreement score: none"));
	}
	struct buf flags = { 0 };
	if (report_flag_names(t->flags, &flags)) {
		buf_puts(out, " · ");
		buf_puts(out, _("Flags:"));
		buf_putc(out, ' ');
		md_escape(out, buf_str(&flags));
	}
	out->failed |= flags.failed;
	buf_free(&flags);
	buf_puts(out, "\n\n");
}

/* Who signed the sheet, in signing order; only a count without names. */
static void md_signatures(const struct report *r,
			  const struct report_options *o, size_t sheet,
			  struct buf *out)
{
	struct buf line = { 0 };
	report_signature_line(r, o, sheet, &line);
	md_escape(out, buf_str(&line));
	out->failed |= line.failed;
	buf_free(&line);
	buf_puts(out, "\n\n");
}

/* The SWOT notes of a sheet by quadrant, in the paper's order S, O, W, T. */
static void md_notes(const struct report *r, size_t sheet, struct buf *out)
{
	static const enum quadrant order[] = { QUAD_S, QUAD_O, QUAD_W, QUAD_T };
	buf_printf(out, "### %s\n\n", _("SWOT notes"));
	bool any = false;
	for (size_t q = 0; q < sizeof order / sizeof order[0]; q++) {
		bool heading = false;
		for (size_t i = 0; i < r->nnotes; i++) {
			const struct report_note *n = &r->notes[i];
			if (n->sheet < 0 || (size_t)n->sheet != sheet ||
			    n->quadrant != order[q])
				continue;
			if (!heading)
				buf_printf(out, "%s**%s**\n\n", any ? "\n" : "",
					   rules_quadrant_name(order[q]));
			heading = any = true;
			buf_puts(out, "- ");
			md_escape(out, n->text);
			buf_putc(out, '\n');
		}
	}
	buf_puts(out, any ? "\n" : _("No SWOT notes."));
	if (!any)
		buf_puts(out, "\n\n");
}

/* One sheet: statement, totals, figures, signatures and notes. */
static void md_sheet(const struct report *r, const struct report_options *o,
		     size_t i, struct buf *out)
{
	const struct tpl_sheet *s = &r->sheets[i];
	buf_puts(out, "## ");
	report_sheet_heading(r, i, md_escape, out);
	buf_puts(out, "\n\n> ");
	md_escape(out, s->statement);
	buf_puts(out, "\n\n");
	if (i < r->tally.nsheets) {
		md_totals_table(&r->tally.sheets[i], out);
		md_sheet_figures(&r->tally.sheets[i], out);
	}
	md_signatures(r, o, i, out);
	md_notes(r, i, out);
}

/* The sheets by rank: dots, share and agreement score. */
static void md_ranking(const struct report *r, struct buf *out)
{
	buf_printf(out, "## %s\n\n| %s | %s | %s | %s | %s |\n",
		   _("Ranking"), _("Rank"), _("Idea or claim"), _("Dots"),
		   _("Share"), _("Agreement score"));
	buf_puts(out, "|---:|---|---:|---:|---:|\n");
	size_t order[RULES_MAX_SHEETS];
	size_t n = report_rank_order(r, order, RULES_MAX_SHEETS);
	for (size_t k = 0; k < n; k++) {
		size_t i = order[k];
		const struct tally_sheet *t = &r->tally.sheets[i];
		char share[16], score[16] = "–";
		report_share_text(t->share, share, sizeof share);
		if (t->has_score)
			report_score_text(t, score, sizeof score);
		buf_printf(out, "| %d | %zu.", t->rank, i + 1);
		if (r->sheets[i].short_name) {
			buf_puts(out, " ");
			md_escape(out, r->sheets[i].short_name);
		}
		buf_printf(out, " | %d | %s | %s |\n", t->total_dots, share,
			   score);
	}
	buf_putc(out, '\n');
}

/* A score as the reports write it, "–" for none. */
static void md_score(bool has, double score, char *s, size_t n)
{
	struct tally_sheet t = { .has_score = has, .score = score };
	if (has)
		report_score_text(&t, s, n);
	else
		snprintf(s, n, "–");
}

/* One row of a table of the six columns and a total. */
static void md_level_row(struct buf *out, const char *label,
			 const int v[LEVEL_COUNT], int total)
{
	buf_puts(out, "| ");
	md_escape(out, label);
	buf_puts(out, " |");
	for (int l = 0; l < LEVEL_COUNT; l++)
		buf_printf(out, " %d |", v[l]);
	buf_printf(out, " %d |", total);
}

/* One sheet's change since the previous round. */
static void md_shift_sheet(const struct report *r, const struct rounds_shift *sh,
			   size_t i, struct buf *out)
{
	const struct rounds_sheet *s = &sh->sheets[i];
	char label[64], a[16], b[16], sa[16], sb[16];
	buf_puts(out, "### ");
	report_sheet_heading(r, i, md_escape, out);
	buf_puts(out, "\n\n");
	md_level_head(out, NULL);
	for (int k = 0; k < 2; k++)
		for (int w = ROUNDS_THEN; w <= ROUNDS_NOW; w++) {
			rounds_row_label(sh, k, w, label, sizeof label);
			md_level_row(out, label, k ? s->people[w] : s->dots[w],
				     k ? s->total_people[w] : s->total_dots[w]);
			buf_putc(out, '\n');
		}
	report_share_text(s->share[ROUNDS_THEN], sa, sizeof sa);
	report_share_text(s->share[ROUNDS_NOW], sb, sizeof sb);
	md_score(s->has_score[ROUNDS_THEN], s->score[ROUNDS_THEN], a, sizeof a);
	md_score(s->has_score[ROUNDS_NOW], s->score[ROUNDS_NOW], b, sizeof b);
	buf_putc(out, '\n');
	buf_printf(out, _("Share of all dots: %s → %s"), sa, sb);
	buf_puts(out, " · ");
	buf_printf(out, _("Agreement score: %s → %s"), a, b);
	if (sh->matched) {
		buf_puts(out, " · ");
		rounds_shift_movers(sh, i, out);
	}
	buf_puts(out, "\n\n");
}

/* Who moved since the previous round, when it is in this database. */
static void md_shift(const struct report *r, struct buf *out)
{
	struct rounds_shift sh;
	if (!rounds_shift_to_write(r, &sh, out))
		return;
	buf_puts(out, "## ");
	buf_printf(out, _("Who moved since round %d"), sh.round[ROUNDS_THEN]);
	buf_puts(out, "\n\n");
	rounds_shift_intro(&sh, out);
	buf_puts(out, "\n\n");
	for (size_t i = 0; i < sh.nsheets && i < (size_t)r->session.nsheets; i++)
		md_shift_sheet(r, &sh, i, out);
}

/* One row of a group table: dots per column, total and score. */
static void md_group_row(struct buf *out, const char *label,
			 const struct tally_sheet *t)
{
	char score[16];
	md_score(t->has_score, t->score, score, sizeof score);
	md_level_row(out, label, t->dots, t->total_dots);
	buf_printf(out, " %s |\n", score);
}

/* Results per group beside the whole room's, sheet by sheet. */
static void md_groups(const struct report *r, struct buf *out)
{
	struct groups_tally g;
	if (!groups_tally_to_write(r, &g, out))
		return;
	buf_printf(out, "## %s\n\n", _("Results by group"));
	groups_note(&g, md_escape, out);
	buf_puts(out, "\n\n");
	for (size_t i = 0; (size_t)g.hidden < g.ngroups && i < r->tally.nsheets &&
			   i < (size_t)r->session.nsheets; i++) {
		buf_puts(out, "### ");
		buf_printf(out, _("Idea or claim %zu"), i + 1);
		buf_puts(out, "\n\n");
		md_level_head(out, _("Agreement score"));
		groups_table_rows(r, &g, i, NULL, md_group_row, out);
		buf_putc(out, '\n');
	}
	groups_tally_free(&g);
}

bool report_markdown(const struct report *r, const struct report_options *o,
		     struct buf *out)
{
	struct report_options none = { 0 };
	struct report_lang lang;
	if (!o)
		o = &none;
	report_lang_enter(&lang, r);
	md_header(r, out);
	md_method(r, out);
	for (size_t i = 0; i < (size_t)r->session.nsheets; i++)
		md_sheet(r, o, i, out);
	md_shift(r, out);
	md_groups(r, out);
	md_ranking(r, out);
	report_lang_leave(&lang);
	return !out->failed;
}
