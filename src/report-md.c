/* report-md: the session as Markdown for the minutes (see report.h). */
#include "tapla/report-doc.h"

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

/* Where the ballots came from and the paper totals listed apart, a
 * paragraph each, as the tally says them. */
static void md_provenance(const struct report *r, struct buf *out)
{
	report_put_said(r, report_sources_line, md_escape, "", "\n\n", out);
	report_put_said(r, report_paper_line, md_escape, "", "\n\n", out);
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
	report_counts_text(r, out);
	buf_puts(out, "\n\n");
	md_provenance(r, out);
}

/* The method in a few sentences, as the HTML report says it. */
static void md_method(const struct report *r, struct buf *out)
{
	buf_printf(out, "## %s\n\n", _("Method"));
	report_method_text(r, out);
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

/* Markdown's marks: table cells between pipes, the figures unmarked. */
static const struct report_markup md_marks = {
	.put = md_escape, .label_open = "| ", .label_close = " |",
	.number = " %d |", .text = " %s |", .row_end = "\n",
	.score_open = "", .score_close = "", .flags_open = " ",
	.flags_close = "",
};

/* The paper sheet's bottom rows: dots ("Yht.") and people per column. */
static void md_totals_table(const struct tally_sheet *t, struct buf *out)
{
	md_level_head(out, NULL);
	report_level_row(&md_marks, out, _("Total"), t->dots, t->total_dots,
			 NULL);
	report_level_row(&md_marks, out, _("People"), t->people,
			 t->total_people, NULL);
	buf_putc(out, '\n');
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
		report_sheet_figures(&md_marks, &r->tally.sheets[i], out);
		buf_puts(out, "\n\n");
	}
	report_put_signatures(r, o, i, md_escape, "", "\n\n", out);
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

/* One row of the then-and-now table. */
static void md_shift_row(struct buf *out, const char *label,
			 const int v[LEVEL_COUNT], int total)
{
	report_level_row(&md_marks, out, label, v, total, NULL);
}

/* One sheet's change since the previous round. */
static void md_shift_sheet(const struct report *r, const struct rounds_shift *sh,
			   size_t i, struct buf *out)
{
	buf_puts(out, "### ");
	report_sheet_heading(r, i, md_escape, out);
	buf_puts(out, "\n\n");
	md_level_head(out, NULL);
	report_shift_rows(sh, i, md_shift_row, out);
	buf_putc(out, '\n');
	report_shift_figures_text(sh, i, out);
	buf_puts(out, "\n\n");
}

/* "Who moved since round N" and who was matched. */
static void md_shift_head(const struct rounds_shift *sh, struct buf *out)
{
	buf_puts(out, "## ");
	buf_printf(out, _("Who moved since round %d"), sh->round[ROUNDS_THEN]);
	buf_puts(out, "\n\n");
	rounds_shift_intro(sh, out);
	buf_puts(out, "\n\n");
}

/* One row of a group table: dots per column, total and score. */
static void md_group_row(struct buf *out, const char *label,
			 const struct tally_sheet *t)
{
	report_group_row(&md_marks, out, label, t);
}

/* "Results by group" and which groups are shown apart. */
static void md_groups_head(const struct groups_tally *g, struct buf *out)
{
	buf_printf(out, "## %s\n\n", _("Results by group"));
	groups_note(g, md_escape, out);
	buf_puts(out, "\n\n");
}

/* Sheet i's table: the whole room and each group shown apart. */
static void md_groups_sheet(const struct report *r,
			    const struct groups_tally *g, size_t i,
			    struct buf *out)
{
	buf_puts(out, "### ");
	buf_printf(out, _("Idea or claim %zu"), i + 1);
	buf_puts(out, "\n\n");
	md_level_head(out, _("Agreement score"));
	groups_table_rows(r, g, i, NULL, md_group_row, out);
	buf_putc(out, '\n');
}

/* The minutes' sections, as the walk gives them. */
static const struct report_doc_ops md_ops = {
	.head = md_header,
	.method = md_method,
	.sheet = md_sheet,
	.shift_head = md_shift_head,
	.shift_sheet = md_shift_sheet,
	.groups_head = md_groups_head,
	.groups_sheet = md_groups_sheet,
	.ranking = md_ranking,
};

bool report_markdown(const struct report *r, const struct report_options *o,
		     struct buf *out)
{
	return report_doc_write(r, o, &md_ops, out);
}
