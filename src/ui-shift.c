/* ui-shift: the results screen's views of rounds and groups (issue 15),
 * drawn for the back row of a seminar room: who moved since the previous
 * round as bars per column (then and now side by side, the change at the
 * right, the score then → now and how the matched participants moved),
 * and the results per group beside the whole room's. The smallest-group
 * rule is groups_tally's: a group it hides is never drawn. Symbols and
 * shapes carry the meaning, never colour alone. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tapla/groups.h"
#include "tapla/i18n.h"
#include "tapla/rounds.h"
#include "tapla/text.h"
#include "tapla/ui.h"

/* Appends a buf's text as a row and empties the buf. */
static void add_buf(struct ui_rows *rs, int attr, struct buf *b)
{
	rs->failed |= b->failed;
	ui_rows_add(rs, attr, buf_str(b));
	buf_reset(b);
}


/* Adds text wrapped to `cols` columns, one row a line. */
static void add_wrapped(struct ui_rows *rs, int attr, const char *text, size_t cols)
{
	enum { MAXL = 16 };
	size_t st[MAXL], ln[MAXL];
	size_t n = text_wrap(text, cols, st, ln, MAXL);
	for (size_t i = 0; i < n && i < MAXL; i++) {
		char line[1024];
		snprintf(line, sizeof line, "%.*s", (int)ln[i], text + st[i]);
		ui_rows_add(rs, attr, line);
	}
}

/* Pads the buf with spaces up to `col` display columns from `start`. */
static void pad_to(struct buf *b, size_t start, size_t col)
{
	for (size_t w = text_width(buf_str(b) + start); w < col; w++)
		buf_putc(b, ' ');
}

/* s right-aligned in `cols` display columns. */
static void put_right(struct buf *b, const char *s, size_t cols)
{
	for (size_t w = text_width(s); w < cols; w++)
		buf_putc(b, ' ');
	buf_puts(b, s);
}

/* A bar of v (of at most max) in at most `cols` cells of `full`, a half
 * cell as `half`; a middle dot for nothing. */
static void put_bar(struct buf *b, double v, double max, size_t cols,
		    const char *full, const char *half)
{
	if (v <= 0 || max <= 0 || cols == 0) {
		buf_puts(b, "·");
		return;
	}
	int halves = (int)(v / max * (double)cols * 2.0 + 0.5);
	if (halves < 1)
		halves = 1;  /* a dot is never drawn as nothing */
	for (int i = 0; i < halves / 2; i++)
		buf_puts(b, full);
	if (halves % 2)
		buf_puts(b, half);
}

/* A sheet's short name by index. */
static const char *sheet_name(const struct report *r, size_t s)
{
	if (r->sheets && s < (size_t)r->session.nsheets && r->sheets[s].short_name)
		return r->sheets[s].short_name;
	return "";
}

/* A score with one decimal and its sign, or "–" without one. */
static void score_text(bool has, double score, char *s, size_t n)
{
	if (has)
		report_decimal(score, true, s, n);
	else
		snprintf(s, n, "%s", "–");
}

/* The widths of the chart of who moved at `cols` columns: the symbols,
 * each round's half (bar and count), the change. */
struct shift_layout {
	size_t sym, half, bar, change;
};

static struct shift_layout shift_layout(size_t cols)
{
	struct shift_layout l = { .sym = 5, .change = 5 };
	l.half = cols > l.sym + l.change + 20 ? (cols - l.sym - l.change) / 2 : 10;
	l.bar = l.half - 5;  /* " 99" and a gap */
	return l;
}

/* The most dots in one column in either round, over all sheets: one scale
 * for the whole chart, so sheets compare. */
static int shift_max(const struct rounds_shift *sh)
{
	int max = 1;
	for (size_t i = 0; i < sh->nsheets; i++)
		for (int w = 0; w < 2; w++)
			for (int l = 0; l < LEVEL_COUNT; l++)
				if (sh->sheets[i].dots[w][l] > max)
					max = sh->sheets[i].dots[w][l];
	return max;
}

/* One column's row: its symbol, the dots then and now as bars, the
 * change. */
static void add_shift_column(struct ui_rows *rs, const struct rounds_sheet *s,
			     int l, int max, const struct shift_layout *lay)
{
	struct buf b = { 0 };
	char num[16];
	put_right(&b, rules_level_symbol((enum level)l), lay->sym - 2);
	buf_puts(&b, "  ");
	size_t start = b.len;
	put_bar(&b, s->dots[ROUNDS_THEN][l], max, lay->bar, "░", "░");
	buf_printf(&b, " %d", s->dots[ROUNDS_THEN][l]);
	pad_to(&b, start, lay->half);
	start = b.len;
	put_bar(&b, s->dots[ROUNDS_NOW][l], max, lay->bar, "█", "▌");
	buf_printf(&b, " %d", s->dots[ROUNDS_NOW][l]);
	pad_to(&b, start, lay->half);
	int d = s->dots[ROUNDS_NOW][l] - s->dots[ROUNDS_THEN][l];
	/* A real minus, as the reports write it; no sign on no change. */
	if (d < 0)
		snprintf(num, sizeof num, "−%d", -d);
	else
		snprintf(num, sizeof num, d > 0 ? "+%d" : "%d", d);
	put_right(&b, num, lay->change);
	add_buf(rs, d != 0 ? A_BOLD : 0, &b);
	buf_free(&b);
}

/* One sheet of who moved: its name and score then → now, a row per
 * column, how the matched participants moved. */
static void add_shift_sheet(struct ui_rows *rs, const struct report *r,
			    const struct rounds_shift *sh, size_t i, int max,
			    size_t cols)
{
	const struct rounds_sheet *s = &sh->sheets[i];
	struct shift_layout lay = shift_layout(cols);
	struct buf b = { 0 };
	char a[32], z[32], score[120];
	score_text(s->has_score[ROUNDS_THEN], s->score[ROUNDS_THEN], a, sizeof a);
	score_text(s->has_score[ROUNDS_NOW], s->score[ROUNDS_NOW], z, sizeof z);
	snprintf(score, sizeof score, _("score %s → %s"), a, z);
	buf_printf(&b, "%zu %s", i + 1, sheet_name(r, i));
	size_t sw = text_width(score);
	if (text_width(buf_str(&b)) + 2 + sw > cols) {
		add_buf(rs, ui_attr_title(), &b);
		put_right(&b, score, cols);
	} else {
		pad_to(&b, 0, cols - sw);
		buf_puts(&b, score);
	}
	add_buf(rs, ui_attr_title(), &b);
	for (int l = 0; l < LEVEL_COUNT; l++)
		add_shift_column(rs, s, l, max, &lay);
	if (sh->matched) {
		buf_printf(&b, _("▲ %d towards agreement  ▼ %d towards disagreement  = %d stayed  %d not comparable"),
			   s->towards_agreement, s->towards_disagreement,
			   s->stayed, s->not_comparable);
		rs->failed |= b.failed;
		add_wrapped(rs, A_BOLD, buf_str(&b), cols);
	}
	ui_rows_add(rs, 0, "");
	buf_free(&b);
}

/* The head of who moved: since which round, who was matched, what the
 * bars are. */
static void add_shift_head(struct ui_rows *rs, const struct rounds_shift *sh,
			   size_t cols)
{
	struct buf b = { 0 };
	struct shift_layout lay = shift_layout(cols);
	buf_printf(&b, _("Who moved since round %d"), sh->round[ROUNDS_THEN]);
	add_buf(rs, ui_attr_title(), &b);
	if (sh->matched)
		buf_printf(&b, P_("%d participant signed both rounds (matched by name).",
				  "%d participants signed both rounds (matched by name).",
				  sh->both), sh->both);
	else
		buf_puts(&b, _("The rounds are anonymous: participants are not matched, so only the counts are compared."));
	rs->failed |= b.failed;
	add_wrapped(rs, 0, buf_str(&b), cols);
	buf_reset(&b);
	/* The key of the bars, over the two halves. */
	for (size_t k = 0; k < lay.sym; k++)
		buf_putc(&b, ' ');
	size_t start = b.len;
	buf_printf(&b, _("░ dots, round %d"), sh->round[ROUNDS_THEN]);
	pad_to(&b, start, lay.half);
	buf_printf(&b, _("█ dots, round %d"), sh->round[ROUNDS_NOW]);
	add_buf(rs, A_UNDERLINE, &b);
	buf_free(&b);
}

/* The whole view of who moved (the previous round is there). */
static void build_moved(const struct report *r, struct ui_rows *rs, size_t cols)
{
	struct rounds_shift sh;
	if (!rounds_shift(r->previous, r, &sh)) {
		rs->failed = true;
		return;
	}
	add_shift_head(rs, &sh, cols);
	int max = shift_max(&sh);
	for (size_t i = 0; i < sh.nsheets && i < (size_t)r->session.nsheets; i++)
		add_shift_sheet(rs, r, &sh, i, max, cols);
}

/* Widths of a group table: label, a column, total, score. */
enum { G_CELL = 4, G_TOTAL = 7, G_SCORE = 7 };  /* " Kaikki" */

/* One row of a group table: dots per column, total, score and, when it
 * fits, the score as a bar (up to 10 cells, one a point). */
static void add_group_row(struct ui_rows *rs, int attr, const char *label,
			  const struct tally_sheet *t, size_t label_w,
			  size_t cols)
{
	struct buf b = { 0 };
	char num[32];
	buf_puts(&b, "  ");
	size_t n = text_fit(label, label_w, NULL);
	buf_append(&b, label, n);
	pad_to(&b, 0, 2 + label_w);
	for (int l = 0; l < LEVEL_COUNT; l++)
		buf_printf(&b, "%*d", G_CELL, t->dots[l]);
	buf_printf(&b, "%*d", G_TOTAL, t->total_dots);
	score_text(t->has_score, t->score, num, sizeof num);
	put_right(&b, num, G_SCORE);
	size_t used = 2 + label_w + LEVEL_COUNT * G_CELL + G_TOTAL + G_SCORE;
	if (t->has_score && cols >= used + 12) {
		buf_puts(&b, "  ");
		double v = t->score < 0 ? -t->score : t->score;
		/* Against, the bar is the light one: a shape, not a colour. */
		put_bar(&b, v, 10.0, 10, t->score < 0 ? "░" : "█",
			t->score < 0 ? "░" : "▌");
	}
	add_buf(rs, attr, &b);
	buf_free(&b);
}

/* The groups not shown apart, in one sentence with the rule. */
static void add_hidden(struct ui_rows *rs, const struct groups_tally *g,
		       size_t cols)
{
	struct buf b = { 0 };
	buf_printf(&b, _("Groups of fewer than %d people are not shown apart, nor one that the rest would give away; their dots count in the whole room."),
		   g->group_min);
	if (g->hidden) {
		buf_printf(&b, " %s", _("Not shown apart:"));
		bool first = true;
		for (size_t i = 0; i < g->ngroups; i++) {
			if (g->groups[i].shown)
				continue;
			buf_printf(&b, "%s %s", first ? "" : ",", g->groups[i].name);
			first = false;
		}
		buf_putc(&b, '.');
	}
	rs->failed |= b.failed;
	add_wrapped(rs, 0, buf_str(&b), cols);
	ui_rows_add(rs, 0, "");
	buf_free(&b);
}

/* One sheet of the groups: the whole room, then each group shown. */
static void add_group_sheet(struct ui_rows *rs, const struct report *r,
			    const struct groups_tally *g, size_t i,
			    size_t label_w, size_t cols)
{
	struct buf b = { 0 };
	char head[300];
	snprintf(head, sizeof head, "%zu %s", i + 1, sheet_name(r, i));
	ui_rows_add(rs, ui_attr_title(), head);
	buf_puts(&b, "  ");
	pad_to(&b, 0, 2 + label_w);
	for (int l = 0; l < LEVEL_COUNT; l++)
		put_right(&b, rules_level_symbol((enum level)l), G_CELL);
	put_right(&b, _("All"), G_TOTAL);  /* the row's sum, not the "Yht." row */
	put_right(&b, _("Score"), G_SCORE + 2);
	add_buf(rs, A_UNDERLINE, &b);
	add_group_row(rs, A_BOLD, _("Whole room"), &r->tally.sheets[i], label_w, cols);
	for (size_t k = 0; k < g->ngroups; k++) {
		char label[GROUPS_NAME_MAX * 4 + 16];
		if (!g->groups[k].shown)
			continue;  /* the smallest-group rule: never drawn */
		snprintf(label, sizeof label, "%s (%d)", g->groups[k].name,
			 g->groups[k].people);
		add_group_row(rs, 0, label, &g->groups[k].tally.sheets[i], label_w, cols);
	}
	ui_rows_add(rs, 0, "");
	buf_free(&b);
}

/* The whole view by group (the session has groups). */
static void build_groups(const struct report *r, struct ui_rows *rs, size_t cols)
{
	struct groups_tally g;
	if (!groups_tally(r, &g)) {
		rs->failed = true;
		return;
	}
	ui_rows_add(rs, ui_attr_title(), _("Results by group"));
	add_hidden(rs, &g, cols);
	/* The labels as wide as the longest shown, within what is left. */
	size_t label_w = text_width(_("Whole room"));
	for (size_t k = 0; k < g.ngroups; k++)
		if (g.groups[k].shown) {
			size_t w = text_width(g.groups[k].name) + 5;
			label_w = w > label_w ? w : label_w;
		}
	size_t fixed = 2 + LEVEL_COUNT * G_CELL + G_TOTAL + G_SCORE;
	if (label_w + fixed > cols)
		label_w = cols > fixed + 8 ? cols - fixed : 8;
	if ((size_t)g.hidden < g.ngroups)
		for (size_t i = 0; i < r->tally.nsheets &&
				   i < (size_t)r->session.nsheets; i++)
			add_group_sheet(rs, r, &g, i, label_w, cols);
	else
		add_wrapped(rs, 0, _("No group is big enough to be shown apart yet."), cols);
	groups_tally_free(&g);
}

bool ui_shift_available(const struct report *r, enum ui_results_view v,
			char *why, size_t n)
{
	if (v == UI_RESULTS_MOVED) {
		if (r->previous)
			return true;
		if (r->session.round <= 1)
			snprintf(why, n, "%s", _("This is round 1: who moved shows in the next round (u at the facilitator console starts it)."));
		else
			snprintf(why, n, "%s", _("The previous round is not in this database, so who moved cannot be shown."));
		return false;
	}
	if (v == UI_RESULTS_GROUPS && groups_count(r->session.groups) == 0) {
		snprintf(why, n, "%s", _("This session has no groups: they are given when a session is made."));
		return false;
	}
	return true;
}

unsigned ui_shift_toggle(struct ui_app *app, enum ui_results_view v)
{
	struct ui_results *res = &app->results;
	char why[300];
	if (!res->loaded)
		return UI_NONE;
	if (res->view == v && !res->notes) {
		res->view = UI_RESULTS_TALLY;
	} else if (!ui_shift_available(&res->rep, v, why, sizeof why)) {
		ui_app_say(app, false, "%s", why);
		return UI_REDRAW;
	} else {
		res->view = v;
	}
	res->notes = false;
	res->scroll = 0;
	return UI_REDRAW;
}

void ui_shift_hint(const struct ui_app *app)
{
	const struct ui_results *res = &app->results;
	char why[300], part[200];
	struct buf b = { 0 };
	if (!res->loaded || res->notes || !ui_results_visible(app))
		return;
	if (ui_shift_available(&res->rep, UI_RESULTS_MOVED, why, sizeof why)) {
		if (res->view == UI_RESULTS_MOVED)
			snprintf(part, sizeof part, "%s", _("m back to the tally"));
		else
			snprintf(part, sizeof part, _("m who moved since round %d"),
				 res->rep.previous->session.round);
		buf_puts(&b, part);
	}
	if (ui_shift_available(&res->rep, UI_RESULTS_GROUPS, why, sizeof why))
		buf_printf(&b, "%s%s", b.len ? "   " : "",
			   res->view == UI_RESULTS_GROUPS ? _("g back to the tally") :
			   _("g results by group"));
	ui_draw_notice(buf_str(&b), false);
	buf_free(&b);
}

void ui_shift_draw(struct ui_app *app)
{
	struct ui_rows rs = { 0 };
	char why[300];
	size_t cols = COLS > 12 ? (size_t)COLS - 2 : 10;
	/* A view that cannot be shown says why instead. */
	if (!ui_shift_available(&app->results.rep, app->results.view, why, sizeof why))
		add_wrapped(&rs, 0, why, cols);
	else if (app->results.view == UI_RESULTS_MOVED)
		build_moved(&app->results.rep, &rs, cols);
	else
		build_groups(&app->results.rep, &rs, cols);
	if (rs.failed)
		ui_app_say(app, true, "%s", _("Out of memory: close other programs and start tapla again."));
	ui_rows_draw(&rs, &app->results.scroll);
	ui_rows_free(&rs);
}
