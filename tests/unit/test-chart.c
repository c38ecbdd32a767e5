/* Unit tests of the chart layout: diverging bars on one scale, in order
 * around the axis, inside the width, every counted column visible; four
 * sheets fit 80×24. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "config.h"
#include "tapla/chart.h"

/* The seminar-like tally: a lot of agreement, some of everything. */
static const int seminar[4][LEVEL_COUNT] = {
	{ 30, 12, 4, 2, 1, 3 },
	{ 10, 20, 8, 5, 2, 0 },
	{ 2, 6, 10, 14, 9, 5 },
	{ 0, 1, 0, 0, 1, 0 },
};

static void make(struct tally *t, const int (*d)[LEVEL_COUNT], size_t n)
{
	assert_true(tally_init(t, n));
	for (size_t s = 0; s < n; s++)
		memcpy(t->sheets[s].dots, d[s], sizeof t->sheets[s].dots);
}

/* Segments in the paper's order around the axis, touching, inside. */
static void assert_bar_ok(const struct chart_scale *sc, const int *d)
{
	struct chart_segment g[LEVEL_COUNT];
	chart_layout(sc, d, g);
	for (int l = 0; l < LEVEL_COUNT; l++) {
		assert_true(g[l].x >= 0 && g[l].x + g[l].w <= sc->width);
		if (d[l] > 0)
			assert_true(g[l].w >= 1);   /* nothing counted is invisible */
		else
			assert_int_equal(g[l].w, 0);
	}
	/* Left to right: --, -, 0, +, ++, then ? apart. */
	static const enum level order[] = { LEVEL_DISAGREE, LEVEL_PARTLY_DISAGREE,
		LEVEL_NEUTRAL, LEVEL_PARTLY_AGREE, LEVEL_AGREE };
	int end = -1;
	for (size_t i = 0; i < 5; i++) {
		const struct chart_segment *s = &g[order[i]];
		if (s->w == 0)
			continue;
		/* No hole, no overlap; only the axis's own cell between the
		 * sides when there is no neutral. */
		if (end >= 0)
			assert_int_equal(s->x, end + (d[LEVEL_NEUTRAL] == 0 &&
						      end == sc->axis &&
						      i >= 3 ? 1 : 0));
		end = s->x + s->w;
	}
	if (d[LEVEL_UNSURE] > 0)
		assert_true(g[LEVEL_UNSURE].x >= end + CHART_GAP);
	/* Agreement right of the axis, disagreement left of it. */
	if (d[LEVEL_PARTLY_AGREE] > 0)
		assert_true(g[LEVEL_PARTLY_AGREE].x >= sc->axis + (d[LEVEL_NEUTRAL] ? 0 : 1));
	if (d[LEVEL_AGREE] > 0)
		assert_true(g[LEVEL_AGREE].x > sc->axis);
	if (d[LEVEL_PARTLY_DISAGREE] > 0)
		assert_true(g[LEVEL_PARTLY_DISAGREE].x + g[LEVEL_PARTLY_DISAGREE].w <= sc->axis);
	if (d[LEVEL_NEUTRAL] > 0)
		assert_true(g[LEVEL_NEUTRAL].x <= sc->axis &&
			    g[LEVEL_NEUTRAL].x + g[LEVEL_NEUTRAL].w > sc->axis);
}

static void bars_in_order_and_inside(void **state)
{
	(void)state;
	struct tally t;
	make(&t, seminar, 4);
	for (int width = 16; width <= 200; width++) {
		struct chart_scale sc;
		chart_scale_of(&t, width, width / 4, &sc);
		for (int s = 0; s < 4; s++)
			assert_bar_ok(&sc, seminar[s]);
	}
	tally_free(&t);
}

/* One scale: twice the dots, about twice the cells; the widest side uses
 * most of the width (scaled to the window). */
static void one_scale_fills_the_width(void **state)
{
	(void)state;
	static const int d[2][LEVEL_COUNT] = { { 20, 0, 0, 0, 0, 0 },
					       { 10, 0, 0, 0, 0, 0 } };
	struct tally t;
	make(&t, d, 2);
	struct chart_scale sc;
	chart_scale_of(&t, 76, 0, &sc);
	struct chart_segment a[LEVEL_COUNT], b[LEVEL_COUNT];
	chart_layout(&sc, d[0], a);
	chart_layout(&sc, d[1], b);
	assert_int_equal(a[LEVEL_AGREE].x, b[LEVEL_AGREE].x);
	assert_in_range(a[LEVEL_AGREE].w, 2 * b[LEVEL_AGREE].w - 1, 2 * b[LEVEL_AGREE].w + 1);
	assert_true(a[LEVEL_AGREE].w >= 76 - 2 * CHART_SLACK - 4);
	tally_free(&t);
}

/* Agreement only: the axis stays where the label left of it fits. */
static void axis_leaves_room_for_label(void **state)
{
	(void)state;
	static const int d[1][LEVEL_COUNT] = { { 5, 2, 0, 0, 0, 0 } };
	struct tally t;
	make(&t, d, 1);
	struct chart_scale sc;
	chart_scale_of(&t, 76, 14, &sc);
	assert_int_equal(sc.axis, 14);
	assert_bar_ok(&sc, d[0]);
	tally_free(&t);
}

static void empty_tally(void **state)
{
	(void)state;
	static const int d[1][LEVEL_COUNT] = { { 0 } };
	struct tally t;
	make(&t, d, 1);
	struct chart_scale sc;
	chart_scale_of(&t, 40, 14, &sc);
	assert_int_equal(sc.axis, 20);  /* nothing counted: the middle */
	assert_bar_ok(&sc, d[0]);
	tally_free(&t);
}

/* Four sheets in the rows of 80×24 (rows 2..21 less the legend: 18), all
 * at once; 128×40 gives taller bars; forty sheets page. */
static void four_sheets_fit_80x24(void **state)
{
	(void)state;
	struct chart_fit f;
	chart_fit_rows(18, 4, &f);
	assert_int_equal(f.per_page, 4);
	assert_true(f.bar_rows >= 1);
	chart_fit_rows(34, 4, &f);
	assert_int_equal(f.per_page, 4);
	assert_int_equal(f.bar_rows, CHART_BAR_MAX);
	chart_fit_rows(18, 40, &f);
	assert_int_equal(f.per_page, 6);
	for (int rows = 3; rows < 60; rows++)
		for (int n = 1; n <= 12; n++) {
			chart_fit_rows(rows, n, &f);
			int used = (f.per_page < n ? f.per_page : n) *
				   (CHART_SHEET_ROWS + f.bar_rows + (f.gap ? 1 : 0));
			assert_true(used <= rows);
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bars_in_order_and_inside),
		cmocka_unit_test(one_scale_fills_the_width),
		cmocka_unit_test(empty_tally),
		cmocka_unit_test(axis_leaves_room_for_label),
		cmocka_unit_test(four_sheets_fit_80x24),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
