/* ui-chart: the results as a chart that reads from the back row: per
 * sheet, in rank order, a diverging bar in block characters (agreement
 * right of the centre line, disagreement left, neutral across it, "don't
 * know" apart), its counts written under it with the column symbols so it
 * reads without colour, every sheet to one scale fitted to the window;
 * with room, the rank and the total in big digits. Colour (blue for
 * agreement, orange for disagreement: safe for colour-blind eyes) only
 * when the terminal has it and NO_COLOR is not set. The layout
 * arithmetic is the core's (chart.h). */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "tapla/chart.h"
#include "tapla/i18n.h"
#include "tapla/text.h"
#include "tapla/ui.h"

/* The fill of a column's cells: full for "strongly", shaded for
 * "partly", light for neutral, "?" for don't know. */
static const char *fill_of(enum level l)
{
	switch (l) {
	case LEVEL_AGREE: case LEVEL_DISAGREE: return "\u2588";
	case LEVEL_PARTLY_AGREE: case LEVEL_PARTLY_DISAGREE: return "\u2592";
	case LEVEL_NEUTRAL: return "\u2591";
	default: return "?";
	}
}

/* Where the bars go: the columns left for the big rank, the bar, the big
 * total; `big` when the window has room for big digits. */
struct frame {
	int x, width;      /* the bar's cells */
	bool big;
	int rank_x, total_x;
	struct chart_fit fit;
};

/* The key to the fills and the direction line above the bars. */
static void draw_legend(int y, const struct frame *fr,
			const struct chart_scale *sc)
{
	char key[300];
	snprintf(key, sizeof key, _("%s ++ −− strongly   %s + − partly   %s 0 neutral   ? don't know"),
		 fill_of(LEVEL_AGREE), fill_of(LEVEL_PARTLY_AGREE), fill_of(LEVEL_NEUTRAL));
	ui_draw_text(y, fr->x, COLS - fr->x - 1, key);
	/* "◀ disagree" ends left of the axis, "agree ▶" starts right of it. */
	const char *dis = _("◀ disagree");
	const char *agr = _("agree ▶");
	int ax = fr->x + sc->axis;
	int dw = (int)text_width(dis);
	attron(A_BOLD);
	if (ax - 1 - dw >= 0)
		ui_draw_text(y + 1, ax - 1 - dw, dw, dis);
	mvaddstr(y + 1, ax, "\u2502");
	ui_draw_text(y + 1, ax + 2, COLS - ax - 3, agr);
	attroff(A_BOLD);
}

/* The counts at the right of a sheet's title: dots, people (unless
 * `people` is false) and the agreement score. */
static void title_counts(char *out, size_t len, const struct tally_sheet *ts,
			 bool people)
{
	char dots[64], n[48], who[64] = "", score[32], sc[64] = "";
	snprintf(dots, sizeof dots, P_("%d dot", "%d dots", ts->total_dots),
		 ts->total_dots);
	snprintf(n, sizeof n, P_("%d person", "%d people", ts->total_people),
		 ts->total_people);
	if (people)
		snprintf(who, sizeof who, " · %s", n);
	if (ts->has_score)
		snprintf(sc, sizeof sc, " · %s %s", _("score"),
			 report_decimal(ts->score, true, score, sizeof score));
	snprintf(out, len, "%s%s%s", dots, who, sc);
}

/* The title row of a sheet: rank and name, then the counts at the right
 * edge. The name matters more than the people count (the table has it):
 * where both do not fit, the count goes before the name is cut. */
static void draw_title(int y, const struct report *r, size_t s)
{
	const struct tally_sheet *ts = &r->tally.sheets[s];
	char left[400], right[200];
	const char *name = r->sheets && r->sheets[s].short_name ?
			   r->sheets[s].short_name : "";
	snprintf(left, sizeof left, "%d. %s", ts->rank, name);
	title_counts(right, sizeof right, ts, true);
	if ((int)(text_width(left) + text_width(right)) > COLS - 5)
		title_counts(right, sizeof right, ts, false);
	int rw = (int)text_width(right);
	if (rw > COLS - 12)
		rw = COLS - 12;
	attron(A_BOLD);
	ui_draw_text_ellipsized(y, 1, COLS - rw - 5, left);
	attroff(A_BOLD);
	ui_draw_text(y, COLS - rw - 2, rw, right);  /* clear of the edge */
}

/* One bar, `rows` rows high (over the axis). */
static void draw_bar_rows(int y, int rows, const struct frame *fr,
			  const struct chart_segment g[LEVEL_COUNT])
{
	for (int r = 0; r < rows; r++) {
		for (int l = 0; l < LEVEL_COUNT; l++) {
			int a = ui_attr_level((enum level)l);
			attron(a);
			for (int c = 0; c < g[l].w; c++)
				mvaddstr(y + r, fr->x + g[l].x + c, fill_of((enum level)l));
			attroff(a);
		}
	}
}

/* The axis through the rows of a sheet that have no cell on it. */
static void draw_axis(int y, int rows, const struct frame *fr,
		      const struct chart_scale *sc)
{
	for (int r = 0; r < rows; r++)
		mvaddstr(y + r, fr->x + sc->axis, "\u2502");
}

/* The counts under the bar, "−− 2  − 1  0 3  + 4  ++ 9   ? 1", each
 * centred under its cells where it has room, else after the one before. */
static void draw_counts(int y, const struct frame *fr,
			const struct chart_segment g[LEVEL_COUNT],
			const int dots[LEVEL_COUNT])
{
	static const enum level order[] = { LEVEL_DISAGREE, LEVEL_PARTLY_DISAGREE,
		LEVEL_NEUTRAL, LEVEL_PARTLY_AGREE, LEVEL_AGREE, LEVEL_UNSURE };
	int free_x = fr->x;
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
		enum level l = order[i];
		if (dots[l] == 0)
			continue;
		char label[32];
		snprintf(label, sizeof label, "%s %d", rules_level_symbol(l), dots[l]);
		int w = (int)text_width(label);
		int x = fr->x + g[l].x + (g[l].w - w) / 2;
		if (x < free_x)
			x = free_x;
		if (x + w > COLS - 1)
			break;  /* the title row has the totals anyway */
		ui_draw_text(y, x, w, label);
		free_x = x + w + 2;
	}
}

/* Big rank and total beside the bar, when there is room. */
static void draw_big(int y, const struct frame *fr, const struct tally_sheet *ts)
{
	char rank[16], total[16];
	snprintf(rank, sizeof rank, "%d", ts->rank);
	snprintf(total, sizeof total, "%d", ts->total_dots);
	attron(A_BOLD);
	ui_draw_big(y, fr->rank_x, rank, true);
	ui_draw_big(y, fr->total_x, total, true);
	attroff(A_BOLD);
}

/* Fits the chart into the window: big digits at 100 columns and bars of
 * five rows; the bar in what is left. */
static void frame_of(const struct report *r, int rows, struct frame *fr)
{
	int n = (int)r->tally.nsheets;
	chart_fit_rows(rows, n, &fr->fit);
	fr->big = fr->fit.bar_rows == CHART_BAR_MAX && COLS >= 100;
	int max_total = 0;
	for (int s = 0; s < n; s++)
		if (r->tally.sheets[s].total_dots > max_total)
			max_total = r->tally.sheets[s].total_dots;
	char digits[16];
	snprintf(digits, sizeof digits, "%d", max_total);
	int tw = ui_draw_big(0, 0, digits, false);
	snprintf(digits, sizeof digits, "%d", n);
	int rw = ui_draw_big(0, 0, digits, false);
	fr->rank_x = 2;
	fr->x = fr->big ? fr->rank_x + rw + 3 : 2;
	fr->width = COLS - fr->x - 2 - (fr->big ? tw + 3 : 0);
	fr->total_x = fr->x + fr->width + 3;
	if (fr->width < 16) {
		fr->big = false;
		fr->x = 2;
		fr->width = COLS - 4;
	}
}

void ui_chart_draw(const struct report *r, int y0, int rows, int *first)
{
	struct frame fr;
	int n = (int)r->tally.nsheets;
	frame_of(r, rows - 2, &fr);
	struct chart_scale sc;
	/* Room left of the axis for "◀ disagree" in the direction row. */
	int min_axis = (int)text_width(_("◀ disagree")) + 2 - fr.x;
	chart_scale_of(&r->tally, fr.width, min_axis > 0 ? min_axis : 0, &sc);
	draw_legend(y0, &fr, &sc);
	int per = fr.fit.per_page;
	if (*first > n - per)
		*first = n - per > 0 ? n - per : 0;
	if (*first < 0)
		*first = 0;
	int y = y0 + 2;
	int shown = 0;
	for (int rank = 1, k = 0; rank <= n; rank++)
		for (int s = 0; s < n; s++) {
			const struct tally_sheet *ts = &r->tally.sheets[s];
			if (ts->rank != rank)
				continue;
			if (k++ < *first || shown >= per)
				continue;
			struct chart_segment g[LEVEL_COUNT];
			chart_layout(&sc, ts->dots, g);
			draw_title(y, r, (size_t)s);
			draw_axis(y + 1, fr.fit.bar_rows, &fr, &sc);
			if (fr.fit.gap)
				draw_axis(y + 2 + fr.fit.bar_rows, 1, &fr, &sc);
			draw_bar_rows(y + 1, fr.fit.bar_rows, &fr, g);
			if (fr.big)
				draw_big(y + 1, &fr, ts);
			draw_counts(y + 1 + fr.fit.bar_rows, &fr, g, ts->dots);
			y += CHART_SHEET_ROWS + fr.fit.bar_rows + (fr.fit.gap ? 1 : 0);
			shown++;
		}
	if (per < n) {
		char more[80];
		snprintf(more, sizeof more, _("(sheets %d–%d of %d, ↑↓ more)"),
			 *first + 1, *first + shown, n);
		ui_draw_text(1, COLS - (int)text_width(more) - 1, COLS / 2, more);
	}
}
