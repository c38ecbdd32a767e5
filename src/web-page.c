/* web-page: the phone pages as HTML (see web-int.h). Pure: no I/O. No
 * script and nothing from elsewhere; one small style element with the CSP
 * nonce; every text from the store or the phone escaped. */
#include <stdio.h>
#include <string.h>

#include "tapla/groups.h"
#include "tapla/report.h"
#include "tapla/text.h"
#include "web-int.h"

/* Large touch targets, one column on a 360 px screen, system colours. */
static const char style[] =
	"body{font:1.05rem/1.45 system-ui,sans-serif;margin:0 auto;"
	"max-width:40rem;padding:0 .75rem 2rem;color:#111;background:#fff}"
	"h1{font-size:1.4rem}h2{font-size:1.15rem;margin:0}"
	"fieldset{border:1px solid #666;border-radius:.4rem;margin:1rem 0;"
	"padding:.5rem .75rem}legend{font-weight:bold;padding:0 .3rem}"
	".c{display:flex;justify-content:space-between;align-items:center;"
	"gap:.5rem;padding:.2rem 0;border-bottom:1px solid #ddd}"
	".c label{flex:1}input,textarea{font:inherit;border:1px solid #555;"
	"border-radius:.3rem}input[type=number]{width:4.2rem;min-height:44px;"
	"text-align:center}input[type=text]{width:100%;box-sizing:border-box;"
	"min-height:44px}textarea{width:100%;box-sizing:border-box}"
	"button{font:inherit;font-weight:bold;min-height:48px;padding:0 1.4rem;"
	"margin:.5rem .5rem .5rem 0;border:2px solid #0b3d91;border-radius:.4rem;"
	"background:#0b3d91;color:#fff}button.s{background:#fff;color:#0b3d91}"
	".e{border:3px solid #a00;padding:.5rem;color:#700;font-weight:bold}"
	"summary{min-height:44px;padding:.6rem 0}nav{text-align:right;"
	"padding:.6rem 0}a{color:#0b3d91}table{border-collapse:collapse}"
	"td,th{border:1px solid #999;padding:.2rem .4rem;text-align:left}"
	"td.n{text-align:right}";

/* A word of the page's language, escaped. */
static void put_word(struct buf *out, const struct web_view *v,
		     enum web_word w)
{
	report_html_escape(out, web_word(w, v->lang));
}

/* The length of a round's title without the mark tapla round gave it
 * (" — round 2", " — kierros 2", rounds_title): the workshop's name. */
static size_t workshop_len(const char *title, int round)
{
	static const char *const words[] = { "round", "kierros" };
	size_t len = strlen(title);
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		char mark[32];
		size_t n = (size_t)snprintf(mark, sizeof mark, " \u2014 %s %d",
					    words[i], round);
		if (n < len && strcmp(title + len - n, mark) == 0)
			return len - n;
	}
	return len;
}

/* Which workshop, and from round 2 on (or once round 2 has started)
 * which round, in the page's language and in the room one title takes:
 * "Kierros 2 · Työpaja". */
static void put_workshop(struct buf *out, const struct web_view *v,
			 bool strong)
{
	const char *title = v->session->title;
	int round = v->session->round < 1 ? 1 : v->session->round;
	if (round < 2 && !v->next_round) {  /* maybe the only round */
		report_html_escape(out, title);
		return;
	}
	char label[64], name[TEXT_TITLE_MAX * 4 + 1];
	snprintf(label, sizeof label, web_word(W_ROUND_LABEL, v->lang), round);
	size_t n = workshop_len(title, round);
	snprintf(name, sizeof name, "%.*s", (int)n, title);
	buf_puts(out, strong ? "<strong>" : "");
	report_html_escape(out, label);
	buf_puts(out, strong ? "</strong> \u00b7 " : " \u00b7 ");
	report_html_escape(out, name);
}

/* The head, the language link and the main element's start. */
static void put_head(struct buf *out, const struct web_view *v,
		     const char *title)
{
	buf_printf(out, "<!DOCTYPE html>\n<html lang=\"%s\"><head>"
		   "<meta charset=\"utf-8\"><meta name=\"viewport\" "
		   "content=\"width=device-width,initial-scale=1\"><title>",
		   web_word(W_LANG_CODE, v->lang));
	report_html_escape(out, title);
	buf_puts(out, " – ");
	put_workshop(out, v, false);
	buf_printf(out, "</title><style nonce=\"%s\">%s</style></head><body>"
		   "<nav><a href=\"", v->nonce, style);
	report_html_escape(out, v->path ? v->path : v->base);
	buf_printf(out, "?lang=%s\" lang=\"%s\" hreflang=\"%s\">",
		   web_word(W_OTHER_LANG_CODE, v->lang),
		   web_word(W_OTHER_LANG_CODE, v->lang),
		   web_word(W_OTHER_LANG_CODE, v->lang));
	put_word(out, v, W_OTHER_LANG);
	buf_puts(out, "</a></nav><main><h1>");
	report_html_escape(out, title);
	buf_puts(out, "</h1><p>");
	put_workshop(out, v, true);
	buf_puts(out, "</p>");
	if (v->error) {
		buf_puts(out, "<p class=\"e\" role=\"alert\">");
		report_html_escape(out, v->error);
		buf_puts(out, "</p>");
	}
}

/* The end of every page. */
static void put_tail(struct buf *out)
{
	buf_puts(out, "</main></body></html>\n");
}

/* A formatted sentence of the page's language, escaped. */
static void put_fmt_ii(struct buf *out, const struct web_view *v,
		       enum web_word w, int a, int b)
{
	char line[512];
	snprintf(line, sizeof line, web_word(w, v->lang), a, b);
	report_html_escape(out, line);
}

/* A paragraph of a word with one %s, filled with s (a name of at most
 * TEXT_NAME_MAX characters, a group's of GROUPS_NAME_MAX: it fits). */
static void put_para_s(struct buf *out, const struct web_view *v,
		       enum web_word w, const char *s)
{
	char line[512];
	snprintf(line, sizeof line, web_word(w, v->lang), s);
	report_html_wrap(out, "<p>", line, "</p>");
}

/* A link to the page at `path` under the base, its text a word. */
static void put_link(struct buf *out, const struct web_view *v,
		     const char *path, enum web_word w)
{
	buf_puts(out, "<a href=\"");
	report_html_escape(out, v->base);
	buf_printf(out, "%s\">", path);
	put_word(out, v, w);
	buf_puts(out, "</a>");
}

/* The start of a form posted to `path` under the base. */
static void put_form_open(struct buf *out, const struct web_view *v,
			  const char *path)
{
	buf_puts(out, "<form method=\"post\" action=\"");
	report_html_escape(out, v->base);
	buf_printf(out, "%s\">", path);
}

/* The hidden CSRF field. */
static void put_csrf(struct buf *out, const struct web_view *v)
{
	buf_puts(out, "<input type=\"hidden\" name=\"csrf\" value=\"");
	report_html_escape(out, v->csrf);
	buf_puts(out, "\">");
}

/* "1. vertaispalveluverkosto" */
static void put_sheet_title(struct buf *out, const struct web_view *v,
			    size_t s)
{
	buf_printf(out, "%s %zu: ", web_word(W_SHEET, v->lang), s + 1);
	report_html_escape(out, v->sheets[s].short_name);
}

/* One column's row: its symbol and name, and the number of dots. */
static void put_cell(struct buf *out, const struct web_view *v, size_t s,
		     enum level l)
{
	int dots = v->form ? v->form->b.dots[s][l] : 0;
	buf_printf(out, "<div class=\"c\"><label for=\"c%zu-%d\">%s ", s + 1,
		   (int)l, rules_level_symbol(l));
	report_html_escape(out, web_level_name(l, v->lang));
	buf_printf(out, "</label><input type=\"number\" id=\"c%zu-%d\" "
		   "name=\"%zu:%s\" min=\"0\" max=\"%d\" inputmode=\"numeric\" "
		   "value=\"", s + 1, (int)l, s + 1, rules_level_key(l),
		   v->session->mode == MODE_CLASSIC ? 1 : v->session->budget);
	if (dots > 0)
		buf_printf(out, "%d", dots);
	buf_puts(out, "\"></div>");
}

/* The four SWOT note fields of a sheet, folded away. */
static void put_notes(struct buf *out, const struct web_view *v, size_t s)
{
	bool any = false;
	for (int q = 0; v->form && q < QUAD_COUNT; q++)
		any |= v->form->notes[s][q] != NULL;
	buf_printf(out, "<details%s><summary>", any ? " open" : "");
	put_word(out, v, W_NOTES);
	buf_puts(out, "</summary>");
	for (int i = 0; i < QUAD_COUNT; i++) {
		int q = (int)rules_quadrant_order[i];  /* S, O, W, T as on paper */
		char letter = rules_quadrant_letter((enum quadrant)q);
		buf_printf(out, "<label for=\"n%zu%c\">", s + 1, letter);
		report_html_escape(out, web_quadrant_name((enum quadrant)q, v->lang));
		buf_printf(out, "</label><textarea id=\"n%zu%c\" name=\"%zu:%c\" "
			   "rows=\"2\" maxlength=\"280\">", s + 1, letter, s + 1,
			   letter);
		if (v->form)
			report_html_escape(out, v->form->notes[s][q]);
		buf_puts(out, "</textarea>");
	}
	buf_puts(out, "</details>");
}

/* The name field, or the note that none is asked. */
static void put_name(struct buf *out, const struct web_view *v)
{
	if (v->session->anonymous) {
		buf_puts(out, "<p>");
		put_word(out, v, W_ANONYMOUS);
		buf_puts(out, "</p>");
		return;
	}
	buf_puts(out, "<p><label for=\"name\">");
	put_word(out, v, W_YOUR_NAME);
	buf_puts(out, "</label><br><input type=\"text\" id=\"name\" name=\"name\" "
		 "autocomplete=\"name\" maxlength=\"60\" required value=\"");
	if (v->form)
		report_html_escape(out, v->form->name);
	buf_puts(out, "\"></p>");
}

/* The group list of a session with groups: none, or one of them. */
static void put_group(struct buf *out, const struct web_view *v)
{
	const char *groups = v->session->groups;
	size_t n = groups_count(groups);
	if (n == 0)
		return;
	const char *chosen = v->form ? v->form->group : NULL;
	buf_puts(out, "<p><label for=\"group\">");
	put_word(out, v, W_YOUR_GROUP);
	buf_puts(out, "</label><br><select id=\"group\" name=\"group\"><option value=\"\">");
	put_word(out, v, W_NO_GROUP);
	buf_puts(out, "</option>");
	for (size_t i = 0; i < n; i++) {
		char name[GROUPS_NAME_MAX * 4 + 1];
		if (!groups_name(groups, i, name, sizeof name))
			continue;
		buf_puts(out, "<option value=\"");
		report_html_escape(out, name);
		buf_puts(out, chosen && groups_find(groups, chosen) == (int)i ?
			 "\" selected>" : "\">");
		report_html_escape(out, name);
		buf_puts(out, "</option>");
	}
	buf_puts(out, "</select></p>");
}

/* A link to the results, once they are shown. */
static void put_results_link(struct buf *out, const struct web_view *v)
{
	if (!v->tally)
		return;
	buf_puts(out, "<p>");
	put_link(out, v, "results", W_RESULTS_LINK);
	buf_puts(out, "</p>");
}

void web_page_form(struct buf *out, const struct web_view *v)
{
	put_head(out, v, web_word(W_VOTE_TITLE, v->lang));
	put_results_link(out, v);
	buf_puts(out, "<p>");
	char how[512];
	snprintf(how, sizeof how, web_word(v->session->mode == MODE_CLASSIC ?
					   W_HOW_CLASSIC : W_HOW_WEIGHTED,
					   v->lang), v->session->budget);
	report_html_escape(out, how);
	buf_puts(out, "</p>");
	if (v->form) {  /* the phone's own ballot, or one sent back */
		buf_puts(out, "<p>");
		put_fmt_ii(out, v, W_DOTS_LEFT,
			   v->session->budget - rules_ballot_total(&v->form->b),
			   v->session->budget);
		buf_puts(out, "</p>");
	}
	put_form_open(out, v, "review");
	put_csrf(out, v);
	put_name(out, v);
	put_group(out, v);
	for (size_t s = 0; s < v->nsheets; s++) {
		buf_puts(out, "<fieldset><legend>");
		put_sheet_title(out, v, s);
		buf_puts(out, "</legend><p>");
		report_html_escape(out, v->sheets[s].statement);
		buf_puts(out, "</p>");
		for (int l = 0; l < LEVEL_COUNT; l++)
			put_cell(out, v, s, (enum level)l);
		put_notes(out, v, s);
		buf_puts(out, "</fieldset>");
	}
	buf_puts(out, "<button type=\"submit\">");
	put_word(out, v, W_REVIEW);
	buf_puts(out, "</button></form>");
	put_tail(out);
}

/* The posted ballot again as hidden fields, for Confirm and Change. */
static void put_hidden_ballot(struct buf *out, const struct web_view *v)
{
	const struct web_form *f = v->form;
	if (f->name) {
		buf_puts(out, "<input type=\"hidden\" name=\"name\" value=\"");
		report_html_escape(out, f->name);
		buf_puts(out, "\">");
	}
	if (f->group) {
		buf_puts(out, "<input type=\"hidden\" name=\"group\" value=\"");
		report_html_escape(out, f->group);
		buf_puts(out, "\">");
	}
	for (size_t s = 0; s < v->nsheets; s++) {
		for (int l = 0; l < LEVEL_COUNT; l++)
			if (f->b.dots[s][l] > 0)
				buf_printf(out, "<input type=\"hidden\" name=\"%zu:%s\" "
					   "value=\"%d\">", s + 1,
					   rules_level_key((enum level)l),
					   f->b.dots[s][l]);
		for (int q = 0; q < QUAD_COUNT; q++) {
			if (!f->notes[s][q])
				continue;
			buf_printf(out, "<input type=\"hidden\" name=\"%zu:%c\" value=\"",
				   s + 1, rules_quadrant_letter((enum quadrant)q));
			report_html_escape(out, f->notes[s][q]);
			buf_puts(out, "\">");
		}
	}
}

/* One sheet of the review: its dots per column and its notes. */
static void put_review_sheet(struct buf *out, const struct web_view *v,
			     size_t s)
{
	const struct web_form *f = v->form;
	buf_puts(out, "<h2>");
	put_sheet_title(out, v, s);
	buf_puts(out, "</h2><ul>");
	bool any = false;
	for (int l = 0; l < LEVEL_COUNT; l++) {
		if (f->b.dots[s][l] == 0)
			continue;
		buf_printf(out, "<li>%s ", rules_level_symbol((enum level)l));
		report_html_escape(out, web_level_name((enum level)l, v->lang));
		buf_printf(out, ": %d</li>", f->b.dots[s][l]);
		any = true;
	}
	if (!any) {
		buf_puts(out, "<li>");
		put_word(out, v, W_NO_DOTS_ON_SHEET);
		buf_puts(out, "</li>");
	}
	for (int i = 0; i < QUAD_COUNT; i++) {
		int q = (int)rules_quadrant_order[i];  /* S, O, W, T as on paper */
		if (!f->notes[s][q])
			continue;
		buf_puts(out, "<li>");
		report_html_escape(out, web_quadrant_name((enum quadrant)q, v->lang));
		buf_puts(out, ": ");
		report_html_escape(out, f->notes[s][q]);
		buf_puts(out, "</li>");
	}
	buf_puts(out, "</ul>");
}

void web_page_review(struct buf *out, const struct web_view *v)
{
	put_head(out, v, web_word(W_CHECK_TITLE, v->lang));
	buf_puts(out, "<p>");
	put_word(out, v, W_CHECK_INTRO);
	buf_puts(out, "</p><p>");
	put_fmt_ii(out, v, W_DOTS_USED, rules_ballot_total(&v->form->b),
		   v->session->budget);
	buf_puts(out, "</p>");
	if (v->form->name)
		put_para_s(out, v, W_NAME_LINE, v->form->name);
	if (v->form->group)
		put_para_s(out, v, W_GROUP_LINE, v->form->group);
	for (size_t s = 0; s < v->nsheets; s++)
		put_review_sheet(out, v, s);
	put_form_open(out, v, "confirm");
	put_csrf(out, v);
	put_hidden_ballot(out, v);
	buf_puts(out, "<button type=\"submit\">");
	put_word(out, v, W_CONFIRM);
	buf_puts(out, "</button><button type=\"submit\" class=\"s\" formaction=\"");
	report_html_escape(out, v->base);
	buf_puts(out, "edit\">");
	put_word(out, v, W_CHANGE);
	buf_puts(out, "</button></form>");
	put_tail(out);
}

void web_page_saved(struct buf *out, const struct web_view *v)
{
	put_head(out, v, web_word(W_SAVED_TITLE, v->lang));
	buf_puts(out, "<p role=\"status\">");
	put_word(out, v, W_SAVED_TEXT);
	buf_puts(out, "</p><p>");
	put_link(out, v, "", W_CHANGE_MINE);
	buf_puts(out, "</p>");
	put_results_link(out, v);
	put_tail(out);
}

/* One decimal as tapla tally writes it (report_decimal, but in the
 * page's language rather than the process's). */
static void decimal(double v, bool sign, enum web_lang lang, char *out,
		    size_t n)
{
	report_decimal_styled(v, sign, lang == WEB_FI, out, n);
}

/* One sheet's "Yht." row: dots and people per column, total, share,
 * agreement score and rank, as tapla tally shows them. */
static void put_result_sheet(struct buf *out, const struct web_view *v,
			     size_t s)
{
	static const enum web_word heads[] = { W_COLUMN, W_DOTS, W_PEOPLE };
	const struct tally_sheet *t = &v->tally->sheets[s];
	buf_puts(out, "<h2>");
	put_sheet_title(out, v, s);
	buf_puts(out, "</h2><table><thead><tr>");
	for (size_t k = 0; k < sizeof heads / sizeof heads[0]; k++) {
		buf_puts(out, "<th scope=\"col\">");
		put_word(out, v, heads[k]);
		buf_puts(out, "</th>");
	}
	buf_puts(out, "</tr></thead><tbody>");
	for (int l = 0; l < LEVEL_COUNT; l++) {
		buf_printf(out, "<tr><th scope=\"row\">%s ",
			   rules_level_symbol((enum level)l));
		report_html_escape(out, web_level_name((enum level)l, v->lang));
		buf_printf(out, "</th><td class=\"n\">%d</td><td class=\"n\">%d</td></tr>",
			   t->dots[l], t->people[l]);
	}
	buf_puts(out, "</tbody></table><p>");
	char line[512], num[32];
	decimal(t->share * 100.0, false, v->lang, num, sizeof num);
	snprintf(line, sizeof line, web_word(W_TOTAL, v->lang), t->total_dots,
		 t->total_people, num);
	report_html_escape(out, line);
	buf_puts(out, " ");
	decimal(t->score, true, v->lang, num, sizeof num);
	if (t->has_score)
		snprintf(line, sizeof line, web_word(W_SCORE, v->lang), num);
	else
		snprintf(line, sizeof line, "%s", web_word(W_NO_SCORE, v->lang));
	report_html_escape(out, line);
	buf_puts(out, " ");
	snprintf(line, sizeof line, web_word(W_RANK, v->lang), t->rank);
	report_html_escape(out, line);
	buf_puts(out, "</p>");
}

void web_page_results(struct buf *out, const struct web_view *v)
{
	put_head(out, v, web_word(W_RESULTS, v->lang));
	if (!v->tally) {
		buf_puts(out, "<p>");
		put_word(out, v, W_RESULTS_LATER);
		buf_puts(out, "</p>");
	}
	for (size_t s = 0; v->tally && s < v->nsheets &&
			   s < v->tally->nsheets; s++)
		put_result_sheet(out, v, s);
	put_tail(out);
}

void web_page_message(struct buf *out, const struct web_view *v,
		      enum web_word title, const char *sentence)
{
	put_head(out, v, web_word(title, v->lang));
	buf_puts(out, "<p>");
	report_html_escape(out, sentence);
	buf_puts(out, "</p>");
	if (v->next_here) {  /* the next round's form, on this server */
		char text[128];
		snprintf(text, sizeof text, web_word(W_VOTE_NEXT, v->lang),
			 v->next_round);
		buf_puts(out, "<p><a href=\"");
		report_html_escape(out, v->base);
		buf_puts(out, "\">");
		report_html_escape(out, text);
		buf_puts(out, "</a></p>");
	}
	put_results_link(out, v);
	put_tail(out);
}
