/* report-html: the session as one self-contained HTML5 page with a chart per
 * sheet (see report.h). Polyglot markup: every element is closed, so the
 * file is well-formed XML as well as HTML. */
#include "tapla/report-doc.h"

#include <stdio.h>
#include <string.h>

#include "tapla/groups.h"
#include "tapla/i18n.h"
#include "tapla/rounds.h"

/* Screen first; the print rules put each sheet on its own A4 page. */
static const char html_css[] =
	":root{--ink:#1b1b1b;--muted:#555;--line:#9a9a9a;--soft:#f2f4f7}\n"
	"*{box-sizing:border-box}\n"
	"body{font-family:system-ui,\"Segoe UI\",Roboto,\"DejaVu Sans\",sans-serif;"
	"color:var(--ink);background:#fff;max-width:56rem;margin:2rem auto;"
	"padding:0 1.25rem;line-height:1.45}\n"
	"h1{font-size:1.9rem;margin:0 0 .3rem}\n"
	"h2{font-size:1.35rem;margin:0 0 .6rem}\n"
	"h3{font-size:1.05rem;margin:1.2rem 0 .5rem}\n"
	"h4{font-size:.95rem;margin:.2rem 0 .2rem}\n"
	".meta{color:var(--muted);margin:0 0 1.5rem}\n"
	".method{background:var(--soft);padding:.8rem 1rem;border-radius:4px}\n"
	"section.sheet{border-top:3px solid var(--ink);margin-top:2.5rem;"
	"padding-top:1rem}\n"
	".statement{margin:0 0 1rem;padding:.6rem 1rem;border-left:5px solid #1f5f99;"
	"background:var(--soft);font-size:1.08rem}\n"
	"figure{margin:0 0 1rem}\n"
	"figure svg{display:block;width:100%;max-width:44rem;height:auto}\n"
	"figcaption{color:var(--muted);font-size:.9rem}\n"
	"table{border-collapse:collapse;width:100%;margin:0 0 .8rem;"
	"font-variant-numeric:tabular-nums}\n"
	"caption{text-align:left;font-weight:600;padding:.2rem 0}\n"
	"th,td{border:1px solid var(--line);padding:.3rem .45rem}\n"
	"thead th{background:#e8e8e8;font-weight:600;font-size:.9rem;"
	"vertical-align:bottom}\n"
	"td{text-align:right}\n"
	"th[scope=row]{text-align:left;background:#f6f6f6}\n"
	"td.name{text-align:left}\n"
	".figures{font-size:1.05rem;margin:.2rem 0 .6rem}\n"
	".figures strong{font-size:1.15rem}\n"
	".flag{display:inline-block;border:1.5px solid #a4461a;color:#7a2f0c;"
	"padding:0 .4rem;border-radius:3px;font-weight:600}\n"
	".signed{color:var(--muted)}\n"
	".swot{display:grid;grid-template-columns:1fr 1fr;gap:.8rem}\n"
	".swot>div{border:1.5px solid var(--ink);padding:.4rem .8rem .6rem}\n"
	".swot ul{margin:.1rem 0 .5rem;padding-left:1.2rem}\n"
	".none{color:var(--muted);font-style:italic}\n"
	"section.ranking{margin-top:2.5rem;border-top:3px solid var(--ink);"
	"padding-top:1rem}\n"
	"footer{margin-top:2rem;color:var(--muted);font-size:.85rem}\n"
	"@media print{\n"
	"@page{size:A4;margin:14mm 14mm 16mm}\n"
	"html{font-size:9.5pt}\n"
	"body{max-width:none;margin:0;padding:0 1mm;font-size:10pt}\n"
	".meta{margin-bottom:.8rem}\n"
	".method{padding:.4rem .8rem}\n"
	"section.ranking{break-before:auto;page-break-before:auto;"
	"margin-top:2rem}\n"
	"section.sheet,section.ranking{break-before:page;"
	"page-break-before:always;border-top:none;margin-top:0;padding-top:0}\n"
	".method+section.sheet{break-before:auto;page-break-before:auto;"
	"margin-top:1.5rem}\n"
	"figure,table,.swot>div,.figures{break-inside:avoid;"
	"page-break-inside:avoid}\n"
	"h1,h2,h3,h4{break-after:avoid;page-break-after:avoid}\n"
	".method,.statement,thead th,th[scope=row]{-webkit-print-color-adjust:exact;"
	"print-color-adjust:exact}\n"
	"figure svg{max-width:150mm}\n"
	"}\n";

/* Geometry of the chart, in SVG user units. */
enum {
	CH_W = 660,        /* whole width */
	CH_LABEL = 190,    /* the column names on the left */
	CH_HALF = 215,     /* each side of the centre line */
	CH_ROW = 28,
	CH_BAR = 18,
	CH_TOP = 26,       /* room for the direction words */
	CH_GAP = 14,       /* between the scored rows and "don't know" */
	CH_ROOM = 34,      /* room left at a bar's end for its number */
};

/* Fill of each column's bar; the partly columns are hatched so that a
 * black-and-white print still tells them apart. */
static void chart_fill(size_t n, enum level l, char *fill, size_t len)
{
	static const char *const solid[LEVEL_COUNT] = {
		"#1f5f99", "", "#c4c4c4", "", "#a4461a", "#ffffff",
	};
	if (l == LEVEL_PARTLY_AGREE)
		snprintf(fill, len, "url(#h%zua)", n);
	else if (l == LEVEL_PARTLY_DISAGREE)
		snprintf(fill, len, "url(#h%zud)", n);
	else
		snprintf(fill, len, "%s", solid[l]);
}

/* Where the ballots came from and the paper totals listed apart, a
 * paragraph each, as the tally says them. */
static void html_provenance(const struct report *r, struct buf *out)
{
	report_put_said(r, report_sources_line, report_html_escape,
			"<p class=\"meta\" id=\"sources\">", "</p>\n", out);
	report_put_said(r, report_paper_line, report_html_escape,
			"<p class=\"meta\" id=\"paper-totals\">", "</p>\n",
			out);
}

/* Appends the document's head, CSS and the title block. */
static void html_head(const struct report *r, struct buf *out)
{
	const char *lang = i18n_known(r->session.language) ?
		r->session.language : i18n_language();
	char date[32];
	report_session_date(r, date, sizeof date);
	buf_puts(out, "<!DOCTYPE html>\n<html lang=\"");
	report_html_escape(out, lang);
	buf_puts(out, "\">\n<head>\n<meta charset=\"utf-8\" />\n"
		 "<meta name=\"viewport\" content=\"width=device-width, "
		 "initial-scale=1\" />\n<title>");
	report_html_escape(out, r->session.title);
	buf_puts(out, " – ");
	report_html_escape(out, _("Results"));
	buf_printf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n",
		   html_css);
	buf_puts(out, "<header>\n<h1>");
	report_html_escape(out, r->session.title);
	buf_puts(out, "</h1>\n<p class=\"meta\">");
	report_html_escape(out, _("Results"));
	buf_puts(out, " · ");
	report_html_escape(out, date);
	buf_puts(out, " · ");
	report_counts_text(r, out);
	buf_puts(out, "</p>\n");
	html_provenance(r, out);
	buf_puts(out, "</header>\n<main>\n");
}

/* The method and the agreement score's formula in one paragraph. */
static void html_method(const struct report *r, struct buf *out)
{
	buf_puts(out, "<section class=\"method\">\n<h2>");
	report_html_escape(out, _("Method"));
	buf_puts(out, "</h2>\n<p>");
	struct buf text = { 0 };
	report_method_text(r, &text);
	report_put_text(out, report_html_escape, &text);
	buf_puts(out, "</p>\n</section>\n");
}

/* The largest count in any one column of any sheet: the common scale that
 * lets the charts be compared. At least 1. */
static int chart_max(const struct report *r)
{
	int max = 1;
	for (size_t i = 0; i < r->tally.nsheets; i++)
		for (int l = 0; l < LEVEL_COUNT; l++)
			if (r->tally.sheets[i].dots[l] > max)
				max = r->tally.sheets[i].dots[l];
	return max;
}

/* The hatch patterns of one chart; ids carry the sheet number, since
 * every chart sits in the same document. */
static void chart_defs(size_t n, struct buf *out)
{
	buf_printf(out, "<defs>\n"
		   "<pattern id=\"h%zua\" width=\"6\" height=\"6\" "
		   "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
		   "<rect width=\"6\" height=\"6\" fill=\"#9cc2e5\" />"
		   "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#1f5f99\" "
		   "stroke-width=\"2.5\" /></pattern>\n", n);
	buf_printf(out, "<pattern id=\"h%zud\" width=\"6\" height=\"6\" "
		   "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(-45)\">"
		   "<rect width=\"6\" height=\"6\" fill=\"#f2c09a\" />"
		   "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#a4461a\" "
		   "stroke-width=\"2.5\" /></pattern>\n</defs>\n", n);
}

/* The column's name with its symbol in front, unless it starts with it. */
static void chart_label(enum level l, double y, struct buf *out)
{
	const char *sym = rules_level_symbol(l);
	const char *name = rules_level_name(l);
	if (strncmp(name, sym, strlen(sym)) == 0) {
		name += strlen(sym);
		while (*name == ' ')
			name++;
	}
	buf_printf(out, "<text x=\"4\" y=\"%.1f\" class=\"sym\">", y);
	report_html_escape(out, sym);
	buf_printf(out, "</text><text x=\"30\" y=\"%.1f\">", y);
	report_html_escape(out, name);
	buf_puts(out, "</text>\n");
}

/* One column's bar: agree grows right of the centre, disagree left,
 * neutral straddles it, don't know starts apart at the left edge. */
static void chart_bar(size_t n, enum level l, int dots, double scale,
		      double y, struct buf *out)
{
	double centre = CH_LABEL + CH_HALF;
	double w = dots * scale, x;
	if (l == LEVEL_AGREE || l == LEVEL_PARTLY_AGREE)
		x = centre;
	else if (l == LEVEL_NEUTRAL)
		x = centre - w / 2;
	else if (l == LEVEL_UNSURE)
		x = CH_LABEL;
	else
		x = centre - w;
	char fill[32];
	chart_fill(n, l, fill, sizeof fill);
	if (dots > 0)
		buf_printf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
			   "height=\"%d\" fill=\"%s\" stroke=\"#333\" "
			   "stroke-width=\"1\"%s />\n", x, y, w, CH_BAR, fill,
			   l == LEVEL_UNSURE ? " stroke-dasharray=\"4 3\"" : "");
	/* The number goes beyond the bar's outer end. */
	bool left = l == LEVEL_DISAGREE || l == LEVEL_PARTLY_DISAGREE;
	double tx = left ? x - 6 : x + w + 6;
	buf_printf(out, "<text x=\"%.1f\" y=\"%.1f\" class=\"num\"%s>%d</text>\n",
		   tx, y + CH_BAR - 4, left ? " text-anchor=\"end\"" : "", dots);
}

/* Opens a chart of sheet i: the figure, the SVG (id letter `kind`, so
 * that every chart's title has an id of its own in the document), its
 * title "Idea or claim N: what", and its style (the symbols' font and
 * `style`). No width or height: the page's CSS sizes it, so it never makes
 * a printed page wider than A4. */
static void svg_open(struct buf *out, char kind, size_t i, int width,
		     int height, const char *what, const char *style)
{
	buf_printf(out, "<figure>\n<svg viewBox=\"0 0 %d %d\" "
		   "role=\"img\" aria-labelledby=\"%c%zut\" "
		   "font-family=\"system-ui, 'DejaVu Sans', sans-serif\" "
		   "font-size=\"14\">\n<title id=\"%c%zut\">", width, height,
		   kind, i + 1, kind, i + 1);
	buf_printf(out, _("Idea or claim %zu"), i + 1);
	buf_puts(out, ": ");
	report_html_escape(out, what);
	buf_printf(out, "</title>\n<style>.sym{font-weight:700;"
		   "font-family:'DejaVu Sans Mono',monospace}%s</style>\n",
		   style);
}

/* The diverging bar chart of one sheet's six columns, in inline SVG. */
static void html_chart(const struct report *r, size_t n, int max,
		       struct buf *out)
{
	const struct tally_sheet *t = &r->tally.sheets[n];
	int height = CH_TOP + 5 * CH_ROW + CH_GAP + CH_ROW + 4;
	double scale = (double)(CH_HALF - CH_ROOM) / max;
	double centre = CH_LABEL + CH_HALF;
	svg_open(out, 'c', n, CH_W, height, _("dots by column"),
		 ".num{font-weight:700}.dir{fill:#555;font-size:12px}");
	chart_defs(n + 1, out);
	buf_printf(out, "<text x=\"%.1f\" y=\"14\" class=\"dir\" "
		   "text-anchor=\"end\">", centre - 8);
	report_html_escape(out, _("← disagree"));
	buf_printf(out, "</text><text x=\"%.1f\" y=\"14\" class=\"dir\">",
		   centre + 8);
	report_html_escape(out, _("agree →"));
	buf_puts(out, "</text>\n");
	static const enum level rows[] = { LEVEL_AGREE, LEVEL_PARTLY_AGREE,
		LEVEL_NEUTRAL, LEVEL_PARTLY_DISAGREE, LEVEL_DISAGREE };
	for (int k = 0; k < 5; k++) {
		double y = CH_TOP + k * CH_ROW;
		chart_label(rows[k], y + CH_BAR - 4, out);
		chart_bar(n + 1, rows[k], t->dots[rows[k]], scale, y, out);
	}
	double sep = CH_TOP + 5 * CH_ROW + CH_GAP / 2 - 2;
	buf_printf(out, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" "
		   "stroke=\"#222\" stroke-width=\"1.5\" />\n", centre,
		   CH_TOP - 6, centre, sep);
	buf_printf(out, "<line x1=\"0\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
		   "stroke=\"#999\" stroke-dasharray=\"3 3\" />\n", sep, CH_W,
		   sep);
	double y = CH_TOP + 5 * CH_ROW + CH_GAP;
	chart_label(LEVEL_UNSURE, y + CH_BAR - 4, out);
	chart_bar(n + 1, LEVEL_UNSURE, t->dots[LEVEL_UNSURE], scale, y, out);
	buf_puts(out, "</svg>\n<figcaption>");
	report_html_escape(out, _("Dots in each column: agreement to the right of the centre line, disagreement to the left, neutral across it, don't know apart below."));
	buf_puts(out, "</figcaption>\n</figure>\n");
}

/* The head cells of every table of the six columns and a total. */
static void html_level_cols(struct buf *out)
{
	for (int l = 0; l < LEVEL_COUNT; l++) {
		report_html_wrap(out, "<th scope=\"col\">",
				 rules_level_name((enum level)l), "</th>");
	}
	report_html_wrap(out, "<th scope=\"col\">", _("All"), "</th>");
}

/* HTML's marks: a heading cell, then the counts; in the figures the
 * agreement score strong and the flags boxed. */
static const struct report_markup html_marks = {
	.put = report_html_escape, .label_open = "<tr><th scope=\"row\">",
	.label_close = "</th>", .number = "<td>%d</td>", .text = "<td>%s</td>",
	.row_end = "</tr>\n", .score_open = "<strong>",
	.score_close = "</strong>", .flags_open = " <span class=\"flag\">",
	.flags_close = "</span>",
};

/* The paper sheet's bottom rows: dots ("Yht.") and people per column. */
static void html_totals_table(const struct tally_sheet *t, struct buf *out)
{
	buf_puts(out, "<table class=\"totals\">\n<thead><tr><td></td>");
	html_level_cols(out);
	buf_puts(out, "</tr></thead>\n<tbody><tr><th scope=\"row\">");
	report_html_escape(out, _("Total"));
	buf_puts(out, "</th>");
	for (int l = 0; l < LEVEL_COUNT; l++)
		buf_printf(out, "<td>%d</td>", t->dots[l]);
	buf_printf(out, "<td><strong>%d</strong></td></tr>\n"
		   "<tr><th scope=\"row\">", t->total_dots);
	report_html_escape(out, _("People"));
	buf_puts(out, "</th>");
	for (int l = 0; l < LEVEL_COUNT; l++)
		buf_printf(out, "<td>%d</td>", t->people[l]);
	buf_printf(out, "<td>%d</td></tr></tbody>\n</table>\n", t->total_people);
}

/* One quadrant's notes on a sheet as a titled list. */
static void html_quadrant(const struct report *r, size_t sheet,
			  enum quadrant q, struct buf *out)
{
	report_html_wrap(out, "<h4>", rules_quadrant_name(q), "</h4>\n");
	bool any = false;
	for (size_t i = 0; i < r->nnotes; i++) {
		const struct report_note *n = &r->notes[i];
		if (n->sheet < 0 || (size_t)n->sheet != sheet || n->quadrant != q)
			continue;
		buf_puts(out, any ? "<li>" : "<ul>\n<li>");
		report_html_escape(out, n->text);
		buf_puts(out, "</li>\n");
		any = true;
	}
	buf_puts(out, any ? "</ul>\n" : "<p class=\"none\">–</p>\n");
}

/* The SWOT notes in the paper's two boxes: S and O, W and T. */
static void html_notes(const struct report *r, size_t sheet, struct buf *out)
{
	buf_puts(out, "<h3>");
	report_html_escape(out, _("SWOT notes"));
	buf_puts(out, "</h3>\n<div class=\"swot\">\n<div>\n");
	html_quadrant(r, sheet, QUAD_S, out);
	html_quadrant(r, sheet, QUAD_O, out);
	buf_puts(out, "</div>\n<div>\n");
	html_quadrant(r, sheet, QUAD_W, out);
	html_quadrant(r, sheet, QUAD_T, out);
	buf_puts(out, "</div>\n</div>\n");
}

/* One sheet: statement, chart, totals, figures, signatures and notes. */
static void html_sheet(const struct report *r, const struct report_options *o,
		       size_t i, struct buf *out)
{
	const struct tpl_sheet *s = &r->sheets[i];
	buf_printf(out, "<section class=\"sheet\" id=\"sheet-%zu\">\n<h2>", i + 1);
	report_sheet_heading(r, i, report_html_escape, out);
	buf_puts(out, "</h2>\n<p class=\"statement\">");
	report_html_escape(out, s->statement);
	buf_puts(out, "</p>\n");
	if (i < r->tally.nsheets) {
		html_chart(r, i, chart_max(r), out);
		html_totals_table(&r->tally.sheets[i], out);
		buf_puts(out, "<p class=\"figures\">");
		report_sheet_figures(&html_marks, &r->tally.sheets[i], out);
		buf_puts(out, "</p>\n");
	}
	report_put_signatures(r, o, i, report_html_escape,
			      "<p class=\"signed\">", "</p>\n", out);
	html_notes(r, i, out);
	buf_puts(out, "</section>\n");
}

/* One row of the ranking table. */
static void html_rank_row(const struct report *r, size_t i, struct buf *out)
{
	const struct tally_sheet *t = &r->tally.sheets[i];
	char share[16], score[16] = "–";
	report_share_text(t->share, share, sizeof share);
	if (t->has_score)
		report_score_text(t, score, sizeof score);
	buf_printf(out, "<tr><td>%d</td><td class=\"name\">%zu. ", t->rank,
		   i + 1);
	report_html_escape(out, r->sheets[i].short_name ?
			   r->sheets[i].short_name : "");
	buf_printf(out, "</td><td>%d</td><td>%s</td><td>%s</td>"
		   "<td class=\"name\">", t->total_dots, share, score);
	struct buf flags = { 0 };
	report_flag_names(t->flags, &flags);
	report_put_text(out, report_html_escape, &flags);
	buf_puts(out, "</td></tr>\n");
}

/* The sheets by rank: dots, share, agreement score and flags. */
static void html_ranking(const struct report *r, struct buf *out)
{
	static const char *const heads[] = { N_("Rank"), N_("Idea or claim"),
		N_("Dots"), N_("Share"), N_("Agreement score"), N_("Flags") };
	buf_puts(out, "<section class=\"ranking\">\n<h2>");
	report_html_escape(out, _("Ranking"));
	buf_puts(out, "</h2>\n<table>\n<thead><tr>");
	for (size_t k = 0; k < sizeof heads / sizeof heads[0]; k++) {
		report_html_wrap(out, "<th scope=\"col\">", _(heads[k]),
				 "</th>");
	}
	buf_puts(out, "</tr></thead>\n<tbody>\n");
	size_t order[RULES_MAX_SHEETS];
	size_t n = report_rank_order(r, order, RULES_MAX_SHEETS);
	for (size_t k = 0; k < n; k++)
		html_rank_row(r, order[k], out);
	buf_puts(out, "</tbody>\n</table>\n</section>\n");
}

/* Geometry of the chart of a sheet's change between rounds. */
enum {
	SH_W = 660,
	SH_LABEL = 150,   /* the column symbols and names */
	SH_BARS = 400,    /* the longest bar */
	SH_ROW = 30,
	SH_TOP = 34,      /* the legend */
	SH_AXIS = 70,     /* the score axis below the rows */
};

/* The legend: a hollow bar for the earlier round, a solid one for this. */
static void shift_legend(const struct rounds_shift *sh, struct buf *out)
{
	char text[64];
	buf_printf(out, "<rect x=\"%d\" y=\"8\" width=\"22\" height=\"10\" "
		   "fill=\"#fff\" stroke=\"#555\" stroke-dasharray=\"3 2\" />"
		   "<text x=\"%d\" y=\"18\">", SH_LABEL, SH_LABEL + 28);
	snprintf(text, sizeof text, _("Round %d"), sh->round[ROUNDS_THEN]);
	report_html_escape(out, text);
	buf_printf(out, "</text><rect x=\"%d\" y=\"8\" width=\"22\" height=\"10\" "
		   "fill=\"#1f5f99\" stroke=\"#333\" /><text x=\"%d\" y=\"18\">",
		   SH_LABEL + 140, SH_LABEL + 168);
	snprintf(text, sizeof text, _("Round %d"), sh->round[ROUNDS_NOW]);
	report_html_escape(out, text);
	buf_puts(out, "</text>\n");
}

/* One column's pair of bars, then (hollow) above now (solid). */
static void shift_bars(const struct rounds_sheet *s, enum level l, double scale,
		       double y, struct buf *out)
{
	buf_printf(out, "<text x=\"4\" y=\"%.1f\" class=\"sym\">", y + 16);
	report_html_escape(out, rules_level_symbol(l));
	buf_printf(out, "</text><text x=\"34\" y=\"%.1f\">", y + 16);
	report_html_escape(out, rules_level_short(l));
	buf_puts(out, "</text>\n");
	for (int w = ROUNDS_THEN; w <= ROUNDS_NOW; w++) {
		double by = y + 2 + w * 12, bw = s->dots[w][l] * scale;
		if (s->dots[w][l] > 0)
			buf_printf(out, "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" "
				   "height=\"10\" %s />", SH_LABEL, by, bw,
				   w == ROUNDS_THEN ?
				   "fill=\"#fff\" stroke=\"#555\" stroke-dasharray=\"3 2\"" :
				   "fill=\"#1f5f99\" stroke=\"#333\"");
		buf_printf(out, "<text x=\"%.1f\" y=\"%.1f\" class=\"num\">%d</text>\n",
			   SH_LABEL + bw + 5, by + 9.5, s->dots[w][l]);
	}
}

/* The agreement score axis, −10 to +10, with then (hollow) and now
 * (solid) marked and joined. */
static void shift_axis(const struct rounds_sheet *s, double y, struct buf *out)
{
	double x0 = SH_LABEL, x1 = SH_LABEL + SH_BARS, mid = (x0 + x1) / 2;
	buf_printf(out, "<text x=\"4\" y=\"%.1f\">", y + 24);
	report_html_escape(out, _("Agreement score"));
	buf_printf(out, "</text><line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
		   "stroke=\"#333\" />", x0, y + 20, x1, y + 20);
	static const int ticks[] = { -10, -5, 0, 5, 10 };
	for (size_t k = 0; k < 5; k++) {
		double x = mid + ticks[k] * (x1 - x0) / 20.0;
		buf_printf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
			   "stroke=\"#333\" /><text x=\"%.1f\" y=\"%.1f\" "
			   "class=\"tick\" text-anchor=\"middle\">%s%d</text>",
			   x, y + 16, x, y + 24, x, y + 40, ticks[k] > 0 ? "+" : "",
			   ticks[k]);
	}
	double px[2];
	for (int w = ROUNDS_THEN; w <= ROUNDS_NOW; w++)
		px[w] = mid + (s->has_score[w] ? s->score[w] : 0) * (x1 - x0) / 20.0;
	if (s->has_score[ROUNDS_THEN] && s->has_score[ROUNDS_NOW])
		buf_printf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
			   "stroke=\"#1f5f99\" stroke-width=\"3\" />",
			   px[0], y + 20, px[1], y + 20);
	for (int w = ROUNDS_THEN; w <= ROUNDS_NOW; w++)
		if (s->has_score[w])
			buf_printf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"6\" %s />",
				   px[w], y + 20, w == ROUNDS_THEN ?
				   "fill=\"#fff\" stroke=\"#555\" stroke-width=\"2\"" :
				   "fill=\"#1f5f99\" stroke=\"#333\"");
	buf_puts(out, "\n");
}

/* One sheet's change as inline SVG: dots per column then and now, and the
 * agreement score moving on its axis. */
static void shift_chart(const struct rounds_shift *sh, size_t i, struct buf *out)
{
	const struct rounds_sheet *s = &sh->sheets[i];
	int max = 1;
	for (int w = ROUNDS_THEN; w <= ROUNDS_NOW; w++)
		for (int l = 0; l < LEVEL_COUNT; l++)
			if (s->dots[w][l] > max)
				max = s->dots[w][l];
	double scale = (double)(SH_BARS - 40) / max;
	int height = SH_TOP + LEVEL_COUNT * SH_ROW + SH_AXIS;
	svg_open(out, 'm', i, SH_W, height,
		 _("dots by column in both rounds, and the agreement score"),
		 ".num{font-size:12px}.tick{font-size:11px;fill:#555}");
	shift_legend(sh, out);
	for (int l = 0; l < LEVEL_COUNT; l++)
		shift_bars(s, (enum level)l, scale, SH_TOP + l * SH_ROW, out);
	shift_axis(s, SH_TOP + LEVEL_COUNT * SH_ROW, out);
	buf_puts(out, "</svg>\n<figcaption>");
	report_html_escape(out, _("Hollow bars and circle: the earlier round; solid: this round."));
	buf_puts(out, "</figcaption>\n</figure>\n");
}


/* One row of the then-and-now table. */
static void html_shift_row(struct buf *out, const char *label,
			   const int v[LEVEL_COUNT], int total)
{
	report_level_row(&html_marks, out, label, v, total, NULL);
}

/* The head of a table of the six columns, a total and maybe a score. */
static void html_level_head(struct buf *out, bool score)
{
	buf_puts(out, "<table>\n<thead><tr><td></td>");
	html_level_cols(out);
	if (score) {
		report_html_wrap(out, "<th scope=\"col\">", _("Agreement score"),
				 "</th>");
	}
	buf_puts(out, "</tr></thead>\n<tbody>\n");
}

/* The counts of both rounds, share and score then → now, and the movers. */
static void shift_figures(const struct rounds_shift *sh, size_t i,
			  struct buf *out)
{
	html_level_head(out, false);
	report_shift_rows(sh, i, html_shift_row, out);
	buf_puts(out, "</tbody>\n</table>\n<p class=\"figures\">");
	struct buf text = { 0 };
	report_shift_figures_text(sh, i, &text);
	report_put_text(out, report_html_escape, &text);
	buf_puts(out, "</p>\n");
}

/* "Who moved since round N" and who was matched, opening its section. */
static void html_shift_head(const struct rounds_shift *sh, struct buf *out)
{
	struct buf text = { 0 };
	buf_puts(out, "<section class=\"ranking\" id=\"shift\">\n<h2>");
	buf_printf(&text, _("Who moved since round %d"), sh->round[ROUNDS_THEN]);
	report_html_escape(out, buf_str(&text));
	buf_reset(&text);
	buf_puts(out, "</h2>\n<p>");
	rounds_shift_intro(sh, &text);
	report_put_text(out, report_html_escape, &text);
	buf_puts(out, "</p>\n");
}

/* The heading of sheet i's part of a section. */
static void html_sheet_h3(const struct report *r, size_t i, struct buf *out)
{
	buf_puts(out, "<h3>");
	report_sheet_heading(r, i, report_html_escape, out);
	buf_puts(out, "</h3>\n");
}

/* Sheet i's change: its chart when it had dots, its counts and figures. */
static void html_shift_sheet(const struct report *r,
			     const struct rounds_shift *sh, size_t i,
			     struct buf *out)
{
	html_sheet_h3(r, i, out);
	if (sh->sheets[i].total_dots[ROUNDS_THEN] ||
	    sh->sheets[i].total_dots[ROUNDS_NOW])
		shift_chart(sh, i, out);
	shift_figures(sh, i, out);
}

/* One row of a group table: dots per column, total and score. */
static void html_group_row(struct buf *out, const char *label,
			   const struct tally_sheet *t)
{
	report_group_row(&html_marks, out, label, t);
}

/* "Results by group" and which groups are shown apart, opening its
 * section. */
static void html_groups_head(const struct groups_tally *g, struct buf *out)
{
	buf_puts(out, "<section class=\"ranking\" id=\"groups\">\n<h2>");
	report_html_escape(out, _("Results by group"));
	buf_puts(out, "</h2>\n<p>");
	struct buf text = { 0 };
	groups_note(g, NULL, &text);
	report_put_text(out, report_html_escape, &text);
	buf_puts(out, "</p>\n");
}

/* Sheet i's table: the whole room and each group shown apart. */
static void html_groups_sheet(const struct report *r,
			      const struct groups_tally *g, size_t i,
			      struct buf *out)
{
	html_sheet_h3(r, i, out);
	html_level_head(out, true);
	groups_table_rows(r, g, i, NULL, html_group_row, out);
	buf_puts(out, "</tbody>\n</table>\n");
}

/* The footer and the document's end. */
static void html_foot(struct buf *out)
{
	buf_puts(out, "</main>\n<footer><p>");
	report_html_escape(out, _("Made with tapla."));
	buf_puts(out, "</p></footer>\n</body>\n</html>\n");
}

/* The page's sections, as the walk gives them. */
static const struct report_doc_ops html_ops = {
	.head = html_head,
	.method = html_method,
	.sheet = html_sheet,
	.shift_head = html_shift_head,
	.shift_sheet = html_shift_sheet,
	.groups_head = html_groups_head,
	.groups_sheet = html_groups_sheet,
	.section_end = "</section>\n",
	.ranking = html_ranking,
	.foot = html_foot,
};

bool report_html(const struct report *r, const struct report_options *o,
		 struct buf *out)
{
	return report_doc_write(r, o, &html_ops, out);
}
