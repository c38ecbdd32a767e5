/* compare: sessions of one template side by side (see compare.h). */
#include "tapla/compare.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tapla/i18n.h"
#include "tapla/text.h"

#define LABEL_COLS 20  /* indent and row label */
#define CELL_COLS 14   /* one session's column */

/* Do two sessions have the same sheets: by the template's sheet keys when
 * both know them (one template run in Finnish and in English), else word
 * for word? */
static bool same_sheets(const struct report *a, const struct report *b)
{
	if (a->session.nsheets != b->session.nsheets)
		return false;
	for (int i = 0; i < a->session.nsheets; i++) {
		const struct tpl_sheet *x = &a->sheets[i], *y = &b->sheets[i];
		if (x->key && y->key) {
			if (strcmp(x->key, y->key) != 0)
				return false;
			continue;
		}
		if (strcmp(x->short_name ? x->short_name : "",
			   y->short_name ? y->short_name : "") != 0 ||
		    strcmp(x->statement ? x->statement : "",
			   y->statement ? y->statement : "") != 0)
			return false;
	}
	return true;
}

bool compare_check(const struct report *r, size_t n, char *err,
		   size_t errlen)
{
	for (size_t i = 1; i < n; i++) {
		const struct session *a = &r[0].session, *b = &r[i].session;
		const char *ta = a->template_name ? a->template_name : "";
		const char *tb = b->template_name ? b->template_name : "";
		if (strcmp(ta, tb) != 0) {
			snprintf(err, errlen,
				 _("Session %lld uses the template “%s” and session %lld the template “%s”: compare only sessions of one template."),
				 (long long)a->id, ta, (long long)b->id, tb);
			return false;
		}
		if (!same_sheets(&r[0], &r[i])) {
			snprintf(err, errlen,
				 _("Sessions %lld and %lld both use the template “%s” but with different sheets: compare only sessions with the same sheets."),
				 (long long)a->id, (long long)b->id, ta);
			return false;
		}
	}
	return true;
}

/* Appends s padded with spaces (or cropped) to exactly `cols` columns. */
static void put_padded(struct buf *out, const char *s, size_t cols, bool right)
{
	size_t w;
	size_t bytes = text_fit(s, cols, &w);
	for (size_t i = w; right && i < cols; i++)
		buf_putc(out, ' ');
	buf_append(out, s, bytes);
	for (size_t i = w; !right && i < cols; i++)
		buf_putc(out, ' ');
}

/* Appends s cropped to `cols` columns, and a newline. */
static void put_line(struct buf *out, const char *s, size_t cols)
{
	buf_append(out, s, text_fit(s, cols, NULL));
	buf_putc(out, '\n');
}

/* A sheet's agreement score as text, or "none". */
static const char *score_text(const struct tally_sheet *t, char *buf, size_t n)
{
	if (t->has_score)
		return report_decimal(t->score, true, buf, n);
	snprintf(buf, n, "%s", _("none"));
	return buf;
}

/* The rows of the text table: what one cell shows. */
enum row { ROW_DOTS, ROW_PEOPLE, ROW_SHARE, ROW_SCORE, ROW_RANK, ROW_COUNT };

static const char *row_label(enum row row)
{
	switch (row) {
	case ROW_DOTS: return _("Dots");
	case ROW_PEOPLE: return _("People");
	case ROW_SHARE: return _("Share of dots");
	case ROW_SCORE: return _("Agreement score");
	default: return _("Rank");
	}
}

/* One cell of the text table. */
static const char *cell_text(const struct tally_sheet *t, enum row row,
			     char *buf, size_t n)
{
	char num[32];
	switch (row) {
	case ROW_DOTS: snprintf(buf, n, "%d", t->total_dots); break;
	case ROW_PEOPLE: snprintf(buf, n, "%d", t->total_people); break;
	case ROW_SHARE:
		snprintf(buf, n, "%s %%",
			 report_decimal(100.0 * t->share, false, num, sizeof num));
		break;
	case ROW_SCORE: score_text(t, buf, n); break;
	default: snprintf(buf, n, "%d", t->rank); break;
	}
	return buf;
}

/* The sessions compared, one line each, cropped to the width. */
static void put_sessions(struct buf *out, const struct report *r, size_t n,
			 size_t width)
{
	buf_printf(out, P_("%zu session of the template “%s”:\n",
			   "%zu sessions of the template “%s”:\n", n),
		   n, r[0].session.template_name ? r[0].session.template_name : "");
	for (size_t i = 0; i < n; i++) {
		const struct session *s = &r[i].session;
		char line[512], date[11];
		snprintf(date, sizeof date, "%s", s->created);
		char d[64];  /* each count with its own plural */
		snprintf(d, sizeof d, P_("%d dot", "%d dots", r[i].tally.total_dots),
			 r[i].tally.total_dots);
		snprintf(line, sizeof line,
			 P_("  Session %lld: %s (%s, %d participant, %s)",
			    "  Session %lld: %s (%s, %d participants, %s)",
			    (int)r[i].nparticipants),
			 (long long)s->id, s->title, date, (int)r[i].nparticipants, d);
		put_line(out, line, width);
	}
	buf_putc(out, '\n');
}

/* Sessions [from, to) of one sheet: a heading row and a row per figure. */
static void put_group(struct buf *out, const struct report *r, size_t from,
		      size_t to, int sheet)
{
	char cell[64];
	put_padded(out, "", LABEL_COLS, false);
	for (size_t i = from; i < to; i++) {
		snprintf(cell, sizeof cell, _("Session %lld"),
			 (long long)r[i].session.id);
		put_padded(out, cell, CELL_COLS, true);
	}
	buf_putc(out, '\n');
	for (int row = 0; row < ROW_COUNT; row++) {
		buf_puts(out, "  ");
		put_padded(out, row_label(row), LABEL_COLS - 2, false);
		for (size_t i = from; i < to; i++)
			put_padded(out, cell_text(&r[i].tally.sheets[sheet], row,
						  cell, sizeof cell),
				   CELL_COLS, true);
		buf_putc(out, '\n');
	}
}

/* The text comparison of reports whose drawn strings are clean. */
static bool put_comparison(const struct report *r, size_t n, size_t width,
			   struct buf *out)
{
	size_t per = (width - LABEL_COLS) / CELL_COLS;
	put_sessions(out, r, n, width);
	for (int sh = 0; sh < r[0].session.nsheets; sh++) {
		char head[512];
		snprintf(head, sizeof head, _("Sheet %d: %s"), sh + 1,
			 r[0].sheets[sh].short_name);
		put_line(out, head, width);
		for (size_t from = 0; from < n; from += per)
			put_group(out, r, from, from + per < n ? from + per : n, sh);
		buf_putc(out, '\n');
	}
	return !out->failed;
}

bool compare_text(const struct report *r, size_t n, size_t width,
		  struct buf *out)
{
	if (width < 60)
		width = 60;
	if (n == 0)
		return put_comparison(r, n, width, out);
	/* Another writer may have stored escapes: draw sanitized copies. */
	struct report *safe = calloc(n, sizeof *safe);
	size_t made = 0;
	while (safe && made < n && report_drawn(&r[made], &safe[made]))
		made++;
	bool ok = safe && made == n && put_comparison(safe, n, width, out);
	for (size_t i = 0; i < made; i++)
		report_drawn_free(&safe[i]);
	free(safe);
	return ok;
}

/* One CSV row: a sheet in one session. */
static void csv_row(struct buf *out, const struct report *r, int sh, char sep)
{
	const struct tally_sheet *t = &r->tally.sheets[sh];
	buf_printf(out, "%d%c", sh + 1, sep);
	report_csv_field(out, r->sheets[sh].short_name ? r->sheets[sh].short_name : "", sep);
	buf_printf(out, "%c%lld%c%s%c", sep, (long long)r->session.id, sep,
		   r->session.uuid, sep);
	report_csv_field(out, r->session.title ? r->session.title : "", sep);
	report_csv_levels(out, sep, t->dots);
	report_csv_figures(out, sep, t);
	buf_puts(out, "\r\n");
}

bool compare_csv(const struct report *r, size_t n,
		 const struct report_options *o, struct buf *out)
{
	char sep = o && o->csv_sep ? o->csv_sep : ',';
	if (o && o->csv_bom)
		buf_puts(out, "\xef\xbb\xbf");
	buf_printf(out, "sheet%ctitle%csession%cuuid%csession_title", sep, sep,
		   sep, sep);
	for (int l = 0; l < LEVEL_COUNT; l++)
		buf_printf(out, "%cdots_%s", sep, rules_level_key(l));
	buf_printf(out, "%ctotal_dots%ctotal_people%cshare%cagreement_score%crank\r\n",
		   sep, sep, sep, sep, sep);
	for (int sh = 0; n > 0 && sh < r[0].session.nsheets; sh++)
		for (size_t i = 0; i < n; i++)
			csv_row(out, &r[i], sh, sep);
	return !out->failed;
}

/* The page's head: title and the inline style sheet. */
static void html_head(struct buf *out, const struct report *r)
{
	static const char style[] =
		"body{font-family:system-ui,sans-serif;max-width:60em;margin:2em auto;"
		"padding:0 1em;color:#111}"
		"table{border-collapse:collapse;margin:0.5em 0 1.5em;"
		"table-layout:fixed}"
		"th,td{border:1px solid #999;padding:0.25em 0.6em;width:9em}"
		"th:first-child{width:10em}thead small{font-weight:normal}"
		"td{text-align:right}thead th{background:#eee}"
		"tbody th{text-align:left;font-weight:normal}"
		".bar{display:inline-block;height:0.7em;background:#2a6f97;"
		"margin-right:0.4em}"
		"@media print{body{margin:0}h2{break-after:avoid}}";
	buf_printf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
		   "<meta charset=\"utf-8\">\n<title>", i18n_language());
	report_html_escape(out, _("Sessions compared"));
	buf_puts(out, ": ");
	report_html_escape(out, r[0].session.template_name);
	buf_printf(out, "</title>\n<style>%s</style>\n</head>\n<body>\n", style);
}

/* The list of sessions compared. */
static void html_sessions(struct buf *out, const struct report *r, size_t n)
{
	buf_puts(out, "<h1>");
	report_html_escape(out, _("Sessions compared"));
	buf_puts(out, ": ");
	report_html_escape(out, r[0].session.template_name);
	buf_puts(out, "</h1>\n<ul>\n");
	for (size_t i = 0; i < n; i++) {
		char date[11];
		snprintf(date, sizeof date, "%s", r[i].session.created);
		buf_printf(out, "<li>");
		buf_printf(out, _("Session %lld"), (long long)r[i].session.id);
		buf_puts(out, ": ");
		report_html_escape(out, r[i].session.title);
		buf_printf(out, " (%s, ", date);
		buf_printf(out, P_("%d participant", "%d participants",
				   (int)r[i].nparticipants),
			   (int)r[i].nparticipants);
		buf_puts(out, ")</li>\n");
	}
	buf_puts(out, "</ul>\n");
}

/* One sheet's table: a column per session, a row per figure. */
static void html_sheet(struct buf *out, const struct report *r, size_t n,
		       int sh)
{
	char head[512], cell[64];
	snprintf(head, sizeof head, _("Sheet %d: %s"), sh + 1,
		 r[0].sheets[sh].short_name);
	buf_puts(out, "<h2>");
	report_html_escape(out, head);
	buf_puts(out, "</h2>\n<p>");
	report_html_escape(out, r[0].sheets[sh].statement);
	buf_puts(out, "</p>\n<table>\n<thead><tr><th></th>");
	for (size_t i = 0; i < n; i++) {
		buf_puts(out, "<th>");
		snprintf(cell, sizeof cell, _("Session %lld"),
			 (long long)r[i].session.id);
		report_html_escape(out, cell);
		buf_puts(out, "<br><small>");
		report_html_escape(out, r[i].session.title);
		/* The sheet's own name in a session of another language. */
		if (strcmp(r[i].sheets[sh].short_name ? r[i].sheets[sh].short_name : "",
			   r[0].sheets[sh].short_name ? r[0].sheets[sh].short_name : "") != 0) {
			buf_puts(out, "<br>");
			report_html_escape(out, r[i].sheets[sh].short_name);
		}
		buf_puts(out, "</small></th>");
	}
	buf_puts(out, "</tr></thead>\n<tbody>\n");
	for (int row = 0; row < ROW_COUNT; row++) {
		buf_puts(out, "<tr><th>");
		report_html_escape(out, row_label(row));
		buf_puts(out, "</th>");
		for (size_t i = 0; i < n; i++) {
			const struct tally_sheet *t = &r[i].tally.sheets[sh];
			buf_puts(out, "<td>");
			if (row == ROW_SHARE)
				buf_printf(out, "<span class=\"bar\" style=\"width:%.1fem\"></span>",
					   6.0 * t->share);
			report_html_escape(out, cell_text(t, row, cell, sizeof cell));
			buf_puts(out, "</td>");
		}
		buf_puts(out, "</tr>\n");
	}
	buf_puts(out, "</tbody>\n</table>\n");
}

bool compare_html(const struct report *r, size_t n, struct buf *out)
{
	if (n == 0)
		return true;
	/* A document speaks its sessions' language, as their own reports do
	 * (the first session's when they differ). */
	struct report_lang lang;
	report_lang_enter(&lang, &r[0]);
	html_head(out, r);
	html_sessions(out, r, n);
	for (int sh = 0; sh < r[0].session.nsheets; sh++)
		html_sheet(out, r, n, sh);
	buf_puts(out, "</body>\n</html>\n");
	report_lang_leave(&lang);
	return !out->failed;
}
