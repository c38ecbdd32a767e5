/* chart: the layout arithmetic of the results chart, pure (no terminal).
 *
 * Each sheet is one diverging bar drawn in character cells, every sheet
 * to the same scale: agreement to the right of a centre line (the axis),
 * disagreement to the left, neutral across the axis, "don't know" apart
 * at the right end. A column with dots is at least one cell wide, so
 * nothing counted is invisible; the bars never leave the width given. */
#ifndef TAPLA_CHART_H
#define TAPLA_CHART_H
#include <stdbool.h>
#include "tapla/rules.h"
#include "tapla/tally.h"

/* Cells between the axis side and the "don't know" part. */
#define CHART_GAP 3
/* Cells kept free at each side of the axis for segments widened to one
 * cell (at most one per side per column and the neutral's half). */
#define CHART_SLACK 3

struct chart_scale {
	int width;        /* cells of the whole bar */
	int axis;         /* the centre line's cell: agreement starts right of
			   * it, disagreement ends left of it, a neutral
			   * covers it */
	int unsure_x;     /* first cell of "don't know"; width if none */
	double per_dot;   /* cells per dot */
};

/* One column's stretch of a bar: cells x .. x+w-1; w 0 when it has no dot. */
struct chart_segment {
	int x, w;
};

/* The one scale for every sheet of t in `width` cells (at least 16), the
 * axis at least `min_axis` cells in (room for a label left of it). */
void chart_scale_of(const struct tally *t, int width, int min_axis,
		    struct chart_scale *out);
/* The segments of a bar with these dots per column (enum level order). */
void chart_layout(const struct chart_scale *sc, const int dots[LEVEL_COUNT],
		  struct chart_segment out[LEVEL_COUNT]);

/* How the sheets are laid out in the rows a window has. */
struct chart_fit {
	int bar_rows;     /* rows of each bar (1..CHART_BAR_MAX) */
	bool gap;         /* a blank row after each sheet */
	int per_page;     /* sheets shown at once (all when they fit) */
};
#define CHART_BAR_MAX 5
/* Rows per sheet besides its bar: its title and its counts under it. */
#define CHART_SHEET_ROWS 2
/* The fit of nsheets in `rows` rows: every sheet first, then taller bars. */
void chart_fit_rows(int rows, int nsheets, struct chart_fit *out);

#endif
