/* ui-results: the paper's "Yht." row for every sheet, ranked, and the SWOT
 * notes by quadrant, made for a projector: symbols and words carry the
 * meaning, never colour alone. Hidden while voting runs unless revealed. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tapla/i18n.h"
#include "tapla/text.h"
#include "tapla/ui.h"

bool ui_results_visible(const struct ui_app *app)
{
	return voting_results_visible(ui_app_voting(app));
}

/* Frees the report (on leaving; the projector when hidden again). */
static void results_close(struct ui_app *app)
{
	if (app->results.loaded)
		report_free(&app->results.rep);
	app->results.loaded = false;
}

/* (Re)loads the report from the store. */
static bool load(struct ui_app *app)
{
	results_close(app);
	if (store_report(app->st, app->s.id, &app->results.rep) != STORE_OK) {
		ui_app_say(app, true, "%s", store_error(app->st));
		return false;
	}
	app->results.loaded = true;
	return true;
}

/* Reads the report if the room may see it (a failure is said on the
 * screen, which opens anyway). */
static bool results_open(struct ui_app *app)
{
	ui_app_refresh(app);
	app->results.scroll = 0;
	app->results.notes = false;
	app->results.view = UI_RESULTS_TALLY;
	app->results.table = false;
	if (ui_results_visible(app))
		load(app);
	return true;
}

/* A sheet's short name by index. */
static const char *sheet_name(const struct report *r, size_t s)
{
	if (r->sheets && s < (size_t)r->session.nsheets && r->sheets[s].short_name)
		return r->sheets[s].short_name;
	return "";
}

/* Pads or crops s to exactly `cols` display columns into out. */
static void pad(struct buf *out, const char *s, size_t cols)
{
	size_t w = 0;
	size_t n = text_fit(s, cols, &w);
	buf_append(out, s, n);
	for (; w < cols; w++)
		buf_putc(out, ' ');
}

/* Pads s to `cols` columns, ending in "…" where it had to be cut. */
static void pad_ellipsized(struct buf *out, const char *s, size_t cols)
{
	if (text_width(s) <= cols || cols < 2) {
		pad(out, s, cols);
		return;
	}
	size_t w = 0;
	size_t n = text_fit(s, cols - 2, &w);
	buf_append(out, s, n);
	buf_puts(out, "\u2026");
	for (w++; w < cols; w++)
		buf_putc(out, ' ');
}

/* Right-aligns s in `cols` display columns. */
static void rpad(struct buf *out, const char *s, size_t cols)
{
	size_t w = text_width(s);
	for (; w < cols; w++)
		buf_putc(out, ' ');
	pad(out, s, cols < text_width(s) ? cols : text_width(s));
}

/* Widths of the number columns: six levels, dots, share, score; each at
 * least a column wider than its translated heading, so that headings
 * and numbers never touch their neighbours. */
struct widths {
	size_t level, dots, share, score;
	size_t numbers;  /* all of them */
};

/* A column's width: its numbers' `least`, or its heading and a space. */
static size_t column_width(const char *heading, size_t least)
{
	size_t w = text_width(heading) + 1;
	return w > least ? w : least;
}

/* Columns a number takes printed. */
static size_t digits(int v)
{
	char s[16];
	return (size_t)snprintf(s, sizeof s, "%d", v);
}

/* The widest "1. name" label of the report's sheets. */
static size_t widest_label(const struct report *r)
{
	size_t most = 0;
	for (size_t s = 0; s < r->tally.nsheets; s++) {
		char label[300];
		snprintf(label, sizeof label, "%d. %s", r->tally.sheets[s].rank,
			 sheet_name(r, s));
		most = text_width(label) > most ? text_width(label) : most;
	}
	return most;
}

/* The number columns' widths for the headings in the language in use:
 * the level columns four wide, or as narrow as their symbols and numbers
 * allow when the sheets' names would not fit beside them. */
static struct widths widths_for(const struct report *r)
{
	struct widths w = { .level = 4 };
	w.dots = column_width(_("Dots"), 6);
	w.share = column_width(_("Share"), 6);
	w.score = column_width(_("Score"), 7);  /* "−10,0" and a space */
	size_t rest = w.dots + w.share + w.score;
	if ((size_t)COLS < 2 + widest_label(r) + 1 + LEVEL_COUNT * w.level + rest) {
		w.level = 0;
		for (size_t s = 0; s < r->tally.nsheets; s++)
			for (int l = 0; l < LEVEL_COUNT; l++) {
				w.level = column_width(rules_level_symbol((enum level)l), w.level);
				w.level = digits(r->tally.sheets[s].dots[l]) + 1 > w.level ?
					  digits(r->tally.sheets[s].dots[l]) + 1 : w.level;
			}
		w.level = w.level > 3 ? w.level : 3;
	}
	w.numbers = LEVEL_COUNT * w.level + rest;
	return w;
}

/* The heading row of the tally table. */
static void add_heading(struct ui_rows *ls, size_t label_w, const struct widths *w)
{
	struct buf b = { 0 };
	pad(&b, _("Rank and sheet"), label_w);
	for (int l = 0; l < LEVEL_COUNT; l++)
		rpad(&b, rules_level_symbol((enum level)l), w->level);
	/* The sheet's dots in all: not the paper's "Yht." row of column
	 * totals, which the reports call "Total". */
	rpad(&b, _("Dots"), w->dots);
	rpad(&b, _("Share"), w->share);
	rpad(&b, _("Score"), w->score);
	ui_rows_add(ls, A_BOLD | A_UNDERLINE, buf_str(&b));
	buf_free(&b);
}

/* The words for a sheet's flags, "" if none. */
static void flag_words(unsigned flags, struct buf *b)
{
	static const enum tally_flag all[] = {
		TALLY_FLAG_UNSURE, TALLY_FLAG_SPLIT, TALLY_FLAG_FEW };
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		if (flags & all[i])
			buf_printf(b, "%s%s", b->len ? ", " : "", tally_flag_name(all[i]));
}

/* Three rows of one sheet: dots, people, flags. */
static void add_sheet(struct ui_rows *ls, const struct report *r, size_t s,
		      size_t label_w, const struct widths *w)
{
	const struct tally_sheet *ts = &r->tally.sheets[s];
	struct buf b = { 0 }, f = { 0 };
	char label[300], num[32];
	snprintf(label, sizeof label, "%d. %s", ts->rank, sheet_name(r, s));
	pad_ellipsized(&b, label, label_w);
	for (int l = 0; l < LEVEL_COUNT; l++)
		buf_printf(&b, "%*d", (int)w->level, ts->dots[l]);
	buf_printf(&b, "%*d", (int)w->dots, ts->total_dots);
	snprintf(num, sizeof num, "%.0f%%", ts->share * 100.0);
	rpad(&b, num, w->share);
	/* As the reports write it: "+2,5" in Finnish, a real minus, no sign
	 * on zero. */
	if (ts->has_score)
		report_decimal(ts->score, true, num, sizeof num);
	else
		snprintf(num, sizeof num, "%s", "–");
	rpad(&b, num, w->score);  /* by width: "−" is one column, three bytes */
	ui_rows_add(ls, A_BOLD, buf_str(&b));
	buf_reset(&b);
	char people[120];
	snprintf(people, sizeof people, P_("    %d person", "    %d people",
					   ts->total_people), ts->total_people);
	pad(&b, people, label_w);
	for (int l = 0; l < LEVEL_COUNT; l++)
		buf_printf(&b, "%*d", (int)w->level, ts->people[l]);
	ui_rows_add(ls, 0, buf_str(&b));
	flag_words(ts->flags, &f);
	if (f.len) {
		buf_reset(&b);
		buf_printf(&b, "    ! %s", buf_str(&f));
		ui_rows_add(ls, A_BOLD, buf_str(&b));
	}
	buf_free(&b);
	buf_free(&f);
}

static void add_wrapped(struct ui_rows *ls, const char *indent, const char *text);

/* The tally view: sheets in rank order. */
static void build_tally(const struct report *r, struct ui_rows *ls)
{
	struct widths w = widths_for(r);
	size_t label_w = (size_t)COLS - 2 > w.numbers + 12 ? (size_t)COLS - 2 - w.numbers : 12;
	if (label_w > 44)
		label_w = 44;  /* on a wide screen the numbers stay near the names */
	/* The legend: each column's symbol and name whole on a row, the
	 * next row taking what does not fit. */
	struct buf legend = { 0 };
	for (int l = 0; l < LEVEL_COUNT; l++) {
		const char *sym = rules_level_symbol((enum level)l);
		const char *name = rules_level_name((enum level)l);
		/* "? Don't know" carries its symbol already. */
		bool has = strncmp(name, sym, strlen(sym)) == 0 && name[strlen(sym)] == ' ';
		char item[200];
		snprintf(item, sizeof item, "%s%s%s", has ? "" : sym, has ? "" : " ", name);
		if (legend.len && text_width(buf_str(&legend)) + 2 + text_width(item) >
				  (size_t)COLS - 2) {
			ui_rows_add(ls, 0, buf_str(&legend));
			buf_reset(&legend);
		}
		buf_printf(&legend, "%s%s", legend.len ? "  " : "", item);
	}
	ui_rows_add(ls, 0, buf_str(&legend));
	buf_free(&legend);
	add_heading(ls, label_w, &w);
	size_t n = r->tally.nsheets;
	for (int rank = 1; rank <= (int)n; rank++)
		for (size_t s = 0; s < n; s++)
			if (r->tally.sheets[s].rank == rank)
				add_sheet(ls, r, s, label_w, &w);
	ui_rows_add(ls, 0, "");
	add_wrapped(ls, "", _("Score: +10 all strongly agree, −10 all strongly disagree; “?” is left out."));
}

/* Adds text wrapped to the width, indented. */
static void add_wrapped(struct ui_rows *ls, const char *indent, const char *text)
{
	enum { MAXL = 32 };
	size_t st[MAXL], ln[MAXL];
	size_t iw = strlen(indent);
	size_t cols = (size_t)COLS > iw + 10 ? (size_t)COLS - iw - 2 : 10;
	size_t n = text_wrap(text, cols, st, ln, MAXL);
	for (size_t i = 0; i < n && i < MAXL; i++) {
		struct buf b = { 0 };
		buf_puts(&b, i == 0 ? indent : "");
		if (i > 0)
			for (size_t k = 0; k < iw; k++)
				buf_putc(&b, ' ');
		buf_append(&b, text + st[i], ln[i]);
		ui_rows_add(ls, 0, buf_str(&b));
		buf_free(&b);
	}
}

/* The notes view: each sheet's SWOT notes by quadrant. */
static void build_notes(const struct report *r, struct ui_rows *ls)
{
	for (size_t s = 0; s < r->tally.nsheets; s++) {
		char head[300];
		snprintf(head, sizeof head, _("Sheet %zu: %s"), s + 1, sheet_name(r, s));
		ui_rows_add(ls, A_BOLD, head);
		bool any = false;
		for (int i = 0; i < QUAD_COUNT; i++) {
			int q = (int)rules_quadrant_order[i];  /* S, O, W, T */
			bool first = true;
			for (size_t i = 0; i < r->nnotes; i++) {
				const struct report_note *nt = &r->notes[i];
				if (nt->sheet != (int)s || nt->quadrant != (enum quadrant)q)
					continue;
				if (first) {
					char qh[100];
					snprintf(qh, sizeof qh, "  %s", rules_quadrant_name((enum quadrant)q));
					ui_rows_add(ls, A_UNDERLINE, qh);
					first = false;
				}
				add_wrapped(ls, "    - ", nt->text ? nt->text : "");
				any = true;
			}
		}
		if (!any)
			ui_rows_add(ls, 0, _("  No notes."));
		ui_rows_add(ls, 0, "");
	}
}

/* The blind-voting notice. */
static void draw_hidden(const struct ui_app *app)
{
	char line[200];
	int y = LINES / 2 - 3;
	ui_draw_center_row(y, ui_attr_title(), _("Results are hidden while voting runs."));
	snprintf(line, sizeof line, P_("%d participant has voted.",
				       "%d participants have voted.", app->votes),
		 app->votes);
	ui_draw_center(y + 2, 0, COLS, line);
	ui_draw_center(y + 4, 0, COLS,
		       _("Blind voting: nobody is swayed by the dots so far. v reveals them."));
}

/* The title bar of the results. */
static void draw_bar(const struct ui_app *app)
{
	char left[300], right[200];
	const struct report *r = &app->results.rep;
	snprintf(left, sizeof left, _(" Results · %s"), app->s.title ? app->s.title : "");
	if (app->results.loaded) {
		char people[64], dots[64];  /* each count with its own plural */
		snprintf(people, sizeof people, P_("%d person", "%d people",
						   r->tally.participants),
			 r->tally.participants);
		snprintf(dots, sizeof dots, P_("%d dot", "%d dots", r->tally.total_dots),
			 r->tally.total_dots);
		snprintf(right, sizeof right, "%s · %s", people, dots);
	}
	else
		right[0] = '\0';
	ui_draw_bar(left, right, false);
}

/* The tally or the notes, scrolled; or why they are hidden. */
static void results_draw(struct ui_app *app)
{
	draw_bar(app);
	if (!ui_results_visible(app) || !app->results.loaded) {
		if (!ui_results_visible(app))
			draw_hidden(app);
		return;
	}
	ui_shift_hint(app);  /* the keys of rounds and groups, if any */
	if (!app->results.notes && app->results.view != UI_RESULTS_TALLY) {
		ui_shift_draw(app);  /* who moved, or by group */
		return;
	}
	if (!app->results.notes && !app->results.table) {
		ui_chart_draw(&app->results.rep, 2, LINES - 4, &app->results.scroll);
		return;
	}
	struct ui_rows ls = { 0 };
	if (app->results.notes)
		build_notes(&app->results.rep, &ls);
	else
		build_tally(&app->results.rep, &ls);
	ui_rows_draw(&ls, &app->results.scroll);
	ui_rows_free(&ls);
}

/* Scrolling, the notes, reveal, export, back. */
static unsigned results_key(struct ui_app *app, int key)
{
	int page = LINES - 5 > 1 ? LINES - 5 : 1;
	app->msg[0] = '\0';
	switch (ui_key_action_when(UI_CTX_RESULTS, ui_app_when(app), key)) {
	case UI_ACT_UP:
		if (app->results.scroll > 0)
			app->results.scroll--;
		return UI_REDRAW;
	case UI_ACT_DOWN:
		app->results.scroll++;
		return UI_REDRAW;
	case UI_ACT_PAGE_UP:
		app->results.scroll = app->results.scroll > page ?
				      app->results.scroll - page : 0;
		return UI_REDRAW;
	case UI_ACT_PAGE_DOWN:
		app->results.scroll += page;
		return UI_REDRAW;
	case UI_ACT_NOTES:
		app->results.notes = !app->results.notes;
		app->results.scroll = 0;
		return UI_REDRAW;
	case UI_ACT_MOVED:
		return ui_shift_toggle(app, UI_RESULTS_MOVED);
	case UI_ACT_GROUPS:
		return ui_shift_toggle(app, UI_RESULTS_GROUPS);
	case UI_ACT_TABLE:
		app->results.table = !app->results.table;
		app->results.notes = false;
		app->results.view = UI_RESULTS_TALLY;
		app->results.scroll = 0;
		return UI_REDRAW;
	case UI_ACT_REVEAL:
		return ui_console_toggle_reveal(app);
	case UI_ACT_EXPORT:
		if (!app->results.loaded || !ui_results_visible(app))
			return UI_NONE;
		return ui_prompt_open(app, UI_PROMPT_EXPORT);
	case UI_ACT_BACK:
		return ui_app_goto(app, UI_SCREEN_CONSOLE);
	default:
		return UI_NONE;
	}
}

/* The context of the results' keys. */
static enum ui_ctx results_ctx(const struct ui_app *app)
{
	(void)app;
	return UI_CTX_RESULTS;
}

const struct ui_screen_ops ui_results_screen = {
	.open = results_open, .close = results_close, .draw = results_draw,
	.key = results_key, .ctx = results_ctx,
};
