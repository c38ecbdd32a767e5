/* report-sheets: blank paper sheets to print, one A4 page each, laid out
 * like the seed's sheet (see report.h). */
#include "tapla/report.h"

#include <stdio.h>

#include "tapla/i18n.h"

/* Lines on a sheet for signatures, as on the seed's paper. */
#define SHEET_LINES 25

/* One page is exactly one A4 sheet; print margins are inside the page. */
static const char sheet_css[] =
	"@page{size:A4;margin:0}\n"
	"*{box-sizing:border-box}\n"
	"html,body{margin:0;padding:0}\n"
	"body{font-family:\"DejaVu Sans\",Arial,Helvetica,sans-serif;color:#000;"
	"background:#d9d9d9}\n"
	".page{width:210mm;height:296mm;margin:8mm auto;padding:10mm 12mm 9mm;"
	"background:#fff;box-shadow:0 1px 6px rgba(0,0,0,.35);display:flex;"
	"flex-direction:column;overflow:hidden}\n"
	".top{display:flex;justify-content:space-between;gap:6mm;font-size:8.5pt;"
	"color:#333;border-bottom:.3mm solid #000;padding-bottom:1.2mm}\n"
	".code{font-family:\"DejaVu Sans Mono\",monospace;font-weight:700;"
	"white-space:nowrap}\n"
	"h1{font-size:13pt;line-height:1.3;margin:3mm 0 1.5mm;font-weight:400}\n"
	"h1 .n{font-weight:700}\n"
	".instr{font-size:10.5pt;font-weight:700;margin:0 0 2.5mm}\n"
	"table{border-collapse:collapse;width:100%;table-layout:fixed}\n"
	"th,td{border:.3mm solid #000;padding:0}\n"
	"thead th{font-size:8.5pt;line-height:1.15;font-weight:700;"
	"height:11mm;padding:.8mm;vertical-align:middle;text-align:center}\n"
	"thead th.sig{text-align:left;width:64mm}\n"
	"tbody td{height:6.1mm}\n"
	"td.sig{font-size:7.5pt;color:#444;padding-left:1.2mm;"
	"vertical-align:bottom}\n"
	"tr.mark td{border-bottom-width:.7mm}\n"
	"tr.mark td.sig{font-weight:700;color:#000;font-size:8.5pt}\n"
	"td.dot{text-align:center;vertical-align:middle}\n"
	".dot i{display:inline-block;width:4mm;height:4mm;border:.25mm solid #777;"
	"border-radius:50%;vertical-align:middle}\n"
	"tfoot th,tfoot td{height:9mm;border-top-width:.7mm;font-size:9pt;"
	"text-align:left;vertical-align:top;padding:.8mm 1.2mm;font-weight:700}\n"
	"h2{font-size:10.5pt;margin:3mm 0 1.5mm}\n"
	".swot{flex:1;display:flex;gap:4mm;min-height:30mm}\n"
	".swot div{flex:1;border:.4mm solid #000;padding:1.2mm 2mm}\n"
	"h3{font-size:9.5pt;margin:0;font-weight:700}\n"
	".foot{display:flex;justify-content:space-between;font-size:8pt;"
	"margin-top:2mm}\n"
	"@media print{\n"
	"body{background:none}\n"
	".page{margin:0;box-shadow:none;break-after:page;page-break-after:always}\n"
	".page:last-child{break-after:auto;page-break-after:auto}\n"
	"}\n";

/* The document's head and CSS. */
static void sheets_head(const struct report *r, struct buf *out)
{
	const char *lang = i18n_known(r->session.language) ?
		r->session.language : i18n_language();
	buf_puts(out, "<!DOCTYPE html>\n<html lang=\"");
	report_html_escape(out, lang);
	buf_puts(out, "\">\n<head>\n<meta charset=\"utf-8\" />\n<title>");
	report_html_escape(out, r->session.title);
	buf_puts(out, " – ");
	report_html_escape(out, _("Paper sheets"));
	buf_printf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n",
		   sheet_css);
}

/* The session's title, date and the sheet code that matches a
 * transcription to its session and sheet. */
static void sheet_top(const struct report *r, size_t i, struct buf *out)
{
	char date[32], code[32], label[64];
	report_session_date(r, date, sizeof date);
	report_sheet_code(r, i, code, sizeof code);
	snprintf(label, sizeof label, _("Sheet %s"), code);
	buf_puts(out, "<div class=\"top\"><span>");
	report_html_escape(out, r->session.title);
	if (*date) {
		buf_puts(out, " · ");
		report_html_escape(out, date);
	}
	buf_puts(out, "</span><span class=\"code\">");
	report_html_escape(out, label);
	buf_puts(out, "</span></div>\n");
}

/* "Idea or claim N: statement" and the instruction line. */
static void sheet_statement(const struct report *r, size_t i, struct buf *out)
{
	char number[64];
	snprintf(number, sizeof number, _("Idea or claim %zu"), i + 1);
	buf_puts(out, "<h1><span class=\"n\">");
	report_html_escape(out, number);
	buf_puts(out, ":</span> ");
	report_html_escape(out, r->sheets[i].statement);
	buf_puts(out, "</h1>\n<p class=\"instr\">");
	report_html_escape(out, _("Colour a dot to show your opinion, do a SWOT analysis and write your name on the list!"));
	buf_puts(out, "</p>\n");
}

/* The six columns, the 25 signature lines and the "Yht." row. */
static void sheet_grid(struct buf *out)
{
	buf_puts(out, "<table>\n<thead><tr><th class=\"sig\">");
	report_html_escape(out, _("Participant's signature"));
	buf_puts(out, "</th>");
	for (int l = 0; l < LEVEL_COUNT; l++) {
		report_html_wrap(out, "<th>", rules_level_name((enum level)l),
				 "</th>");
	}
	buf_puts(out, "</tr></thead>\n<tbody>\n");
	for (int line = 1; line <= SHEET_LINES; line++) {
		buf_printf(out, "<tr%s><td class=\"sig\">%d</td>",
			   line % 5 == 0 ? " class=\"mark\"" : "", line);
		for (int l = 0; l < LEVEL_COUNT; l++)
			buf_puts(out, "<td class=\"dot\"><i></i></td>");
		buf_puts(out, "</tr>\n");
	}
	buf_puts(out, "</tbody>\n<tfoot><tr><th></th>");
	for (int l = 0; l < LEVEL_COUNT; l++) {
		report_html_wrap(out, "<td>", _("Total"), "</td>");
	}
	buf_puts(out, "</tr></tfoot>\n</table>\n");
}

/* The two SWOT boxes and the method's source. */
static void sheet_swot_and_footer(const struct report *r, size_t i,
				  struct buf *out)
{
	char code[32];
	report_sheet_code(r, i, code, sizeof code);
	buf_puts(out, "<h2>");
	report_html_escape(out, _("Your notes for the SWOT analysis"));
	buf_puts(out, "</h2>\n<div class=\"swot\"><div><h3>");
	report_html_escape(out, _("Strengths (S) and opportunities (O)"));
	buf_puts(out, "</h3></div><div><h3>");
	report_html_escape(out, _("Weaknesses (W) and threats (T)"));
	buf_puts(out, "</h3></div></div>\n<div class=\"foot\"><span>");
	report_html_escape(out, _("Original source of the method: www.dotmocracy.org"));
	buf_puts(out, "</span><span class=\"code\">");
	report_html_escape(out, code);
	buf_puts(out, "</span></div>\n");
}

bool report_print_sheets(const struct report *r,
			 const struct report_options *o, struct buf *out)
{
	struct report_lang lang;
	(void)o;  /* blank sheets carry no names */
	report_lang_enter(&lang, r);
	sheets_head(r, out);
	for (size_t i = 0; i < (size_t)r->session.nsheets; i++) {
		buf_printf(out, "<section class=\"page\" id=\"sheet-%zu\">\n",
			   i + 1);
		sheet_top(r, i, out);
		sheet_statement(r, i, out);
		sheet_grid(out);
		sheet_swot_and_footer(r, i, out);
		buf_puts(out, "</section>\n");
	}
	buf_puts(out, "</body>\n</html>\n");
	report_lang_leave(&lang);
	return !out->failed;
}
