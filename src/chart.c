/* chart: the layout arithmetic of the results chart (see chart.h). */
#include "tapla/chart.h"


/* Rounds a non-negative number to the nearest whole, halves up. */
static int round_up_half(double v)
{
	return v <= 0 ? 0 : (int)(v + 0.5);
}

/* The smallest whole at least v (v non-negative). */
static int ceil_of(double v)
{
	int i = (int)v;
	return v > i ? i + 1 : i;
}

/* The larger of two. */
static double max_of(double a, double b)
{
	return a > b ? a : b;
}

/* Dots left of the axis: disagreement and half the neutral. */
static double left_of(const int d[LEVEL_COUNT])
{
	return d[LEVEL_DISAGREE] + d[LEVEL_PARTLY_DISAGREE] + d[LEVEL_NEUTRAL] / 2.0;
}

/* Dots right of the axis: agreement and half the neutral. */
static double right_of(const int d[LEVEL_COUNT])
{
	return d[LEVEL_AGREE] + d[LEVEL_PARTLY_AGREE] + d[LEVEL_NEUTRAL] / 2.0;
}

void chart_scale_of(const struct tally *t, int width, int min_axis,
		    struct chart_scale *out)
{
	double ml = 0, mr = 0;
	int mu = 0;
	for (size_t s = 0; s < t->nsheets; s++) {
		const int *d = t->sheets[s].dots;
		ml = max_of(ml, left_of(d));
		mr = max_of(mr, right_of(d));
		if (d[LEVEL_UNSURE] > mu)
			mu = d[LEVEL_UNSURE];
	}
	out->width = width;
	/* The unsure part needs its gap and one cell for the widening too;
	 * three cells more for rounding up the two sides and the unsure. */
	int avail = width - 2 * CHART_SLACK - (mu > 0 ? CHART_GAP + 1 : 0) - 4;
	double units = ml + mr + mu;
	out->per_dot = units > 0 && avail > 0 ? avail / units : 0;
	if (units <= 0) {
		out->axis = width / 2;
		out->unsure_x = width;
		return;
	}
	out->axis = CHART_SLACK + ceil_of(out->per_dot * ml);
	if (out->axis < min_axis && min_axis < width / 2) {
		/* Little disagreement: the axis moves right, the agreement
		 * gets what is left. */
		out->axis = min_axis;
		int right = width - min_axis - CHART_SLACK -
			    (mu > 0 ? CHART_GAP + 1 : 0) - 4;
		double k = mr + mu > 0 && right > 0 ? right / (mr + mu) : 0;
		if (k < out->per_dot)
			out->per_dot = k;
	}
	out->unsure_x = mu > 0 ? out->axis + ceil_of(out->per_dot * mr) +
				 CHART_SLACK + CHART_GAP : width;
}

/* Cells for `dots` dots on a side already `from` dots from the axis, at
 * least one when there is a dot. */
static int cells(const struct chart_scale *sc, double from, int dots)
{
	if (dots <= 0)
		return 0;
	int w = round_up_half(sc->per_dot * (from + dots)) -
		round_up_half(sc->per_dot * from);
	return w > 0 ? w : 1;
}

/* Keeps a segment inside the bar. */
static void clamp(struct chart_segment *g, int width)
{
	if (g->x < 0) {
		g->w += g->x;
		g->x = 0;
	}
	if (g->x + g->w > width)
		g->w = width - g->x;
	if (g->w < 0)
		g->w = 0;
}

void chart_layout(const struct chart_scale *sc, const int d[LEVEL_COUNT],
		  struct chart_segment out[LEVEL_COUNT])
{
	double half = d[LEVEL_NEUTRAL] / 2.0;
	int nw = round_up_half(sc->per_dot * d[LEVEL_NEUTRAL]);
	if (d[LEVEL_NEUTRAL] > 0 && nw < 1)
		nw = 1;
	out[LEVEL_NEUTRAL] = (struct chart_segment){ sc->axis - nw / 2, nw };
	/* Outwards from the neutral, right then left; without a neutral the
	 * axis keeps its own cell between the sides. */
	int pos = nw > 0 ? sc->axis - nw / 2 + nw : sc->axis + 1;
	int w = cells(sc, half, d[LEVEL_PARTLY_AGREE]);
	out[LEVEL_PARTLY_AGREE] = (struct chart_segment){ pos, w };
	pos += w;
	w = cells(sc, half + d[LEVEL_PARTLY_AGREE], d[LEVEL_AGREE]);
	out[LEVEL_AGREE] = (struct chart_segment){ pos, w };
	pos = sc->axis - nw / 2;
	w = cells(sc, half, d[LEVEL_PARTLY_DISAGREE]);
	pos -= w;
	out[LEVEL_PARTLY_DISAGREE] = (struct chart_segment){ pos, w };
	w = cells(sc, half + d[LEVEL_PARTLY_DISAGREE], d[LEVEL_DISAGREE]);
	pos -= w;
	out[LEVEL_DISAGREE] = (struct chart_segment){ pos, w };
	out[LEVEL_UNSURE] = (struct chart_segment){ sc->unsure_x,
						    cells(sc, 0, d[LEVEL_UNSURE]) };
	for (int l = 0; l < LEVEL_COUNT; l++)
		clamp(&out[l], sc->width);
}

void chart_fit_rows(int rows, int nsheets, struct chart_fit *out)
{
	out->bar_rows = 1;
	out->gap = false;
	out->per_page = nsheets;
	if (nsheets <= 0)
		return;
	int per = rows / nsheets;
	if (per < CHART_SHEET_ROWS + 1) {
		/* Not all at once: as many as fit, the rest a page away. */
		out->per_page = rows / (CHART_SHEET_ROWS + 1);
		if (out->per_page < 1)
			out->per_page = 1;
		return;
	}
	out->gap = per >= CHART_SHEET_ROWS + 2;
	int bar = per - CHART_SHEET_ROWS - (out->gap ? 1 : 0);
	out->bar_rows = bar > CHART_BAR_MAX ? CHART_BAR_MAX : bar;
}
