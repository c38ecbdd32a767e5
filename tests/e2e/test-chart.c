/* The results chart through the real binary (issue 13.1): a seminar of 25
 * at 80×24 shows all four sheets' bars on one screen in Finnish and in
 * English, the table is one key away, the projector view draws the same
 * chart, colour is blue and orange and goes with NO_COLOR. With
 * TAPLA_E2E_CAPTURE_DIR set, the chart is written there as text (fi at
 * 80×24 and 128×40) for the record. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "fixture.h"

/* 25 participants, ten dots each, in a pattern with every column used:
 * participant p gives sheet s (p + s) % 4 + 1 dots, in a column that
 * turns with p, and the rest to sheet 1's strongest agreement. */
static void seed_seminar(struct fixture *f)
{
	struct store *st = fx_open(f);
	for (int p = 0; p < 25; p++) {
		struct ballot b = { .nsheets = 4 };
		int left = 10;
		for (int s = 1; s < 4; s++) {
			int d = (p + s) % 3 + 1;
			b.dots[s][(p + s) % LEVEL_COUNT] += d;
			left -= d;
		}
		b.dots[0][p % 5 == 0 ? LEVEL_DISAGREE : LEVEL_AGREE] += left;
		char name[32];
		snprintf(name, sizeof name, "Osallistuja %d", p + 1);
		int seq = 0;
		assert_int_equal(store_ballot_save(st, f->sid, name, &b, NULL, 0,
						   false, &seq), STORE_OK);
	}
	assert_int_equal(store_session_set_revealed(st, f->sid, true), STORE_OK);
	store_close(st);
}

/* A session in Finnish, the seminar's 25 ballots in it, revealed. */
static int setup(void **state)
{
	if (fx_setup(state, "tapla-chart", "fi") != 0)
		return -1;
	seed_seminar(*state);
	return 0;
}

/* The label of the chart's disagreeing side in lang (fi or en). */
static const char *disagree(const char *lang)
{
	return !strcmp(lang, "fi") ? "◀ eri mieltä" : "◀ disagree";
}

/* The results screen of the facilitator at rows×cols in lang: waits for
 * the chart. */
static void open_results(struct fixture *f, const char *lang, int rows,
			 int cols, const char *const *env)
{
	fx_start_run(f, lang, rows, cols, env);
	fx_keys(f, "f", "r", NULL);
	fx_expect(f, disagree(lang));
}

/* Every sheet's title and its counts' row are on the screen. */
static void assert_four_sheets(struct fixture *f)
{
	for (int rank = 1; rank <= 4; rank++) {
		char title[8];
		snprintf(title, sizeof title, " %d. ", rank);
		fx_expect(f, title);
	}
	h_settle(f->h, 100, H_DEADLINE_MS);  /* the whole frame */
	const char *scr = h_screen(f->h);
	assert_null(strstr(scr, "↑↓ more"));
	assert_null(strstr(scr, "↑↓ lisää"));
	/* The last sheet's counts, in its own row above the message rows. */
	int last = -1;
	for (int r = 0; r < 21; r++)
		if (strstr(h_row(f->h, r), " 4. "))
			last = r;
	assert_true(last > 0);
	assert_non_null(strstr(h_row(f->h, last + 2), "+"));
}

static void test_chart_fi_80x24(void **state)
{
	struct fixture *f = *state;
	open_results(f, "fi", 24, 80, NULL);
	fx_expect(f, "samaa mieltä ▶");
	fx_expect(f, "█ ++ −− täysin");
	assert_four_sheets(f);
	fx_expect(f, "25 henkilöä");
	/* A sheet's name stays whole: its people count gives way first. */
	fx_expect(f, "3. oppimis- ja kehittämisverkosto ");
	fx_expect(f, "50 täplää · kannatusluku −0,3");
	fx_capture_to(f, "room-chart-fi-80x24.txt");
	/* The table one key away, and back. */
	fx_press(f, "t", "Sija ja arkki");
	assert_null(strstr(h_screen(f->h), "◀ eri mieltä"));
	fx_capture_to(f, "room-table-fi-80x24.txt");
	fx_press(f, "t", "◀ eri mieltä");
}

static void test_chart_en_80x24(void **state)
{
	struct fixture *f = *state;
	open_results(f, "en", 24, 80, NULL);
	assert_four_sheets(f);
	fx_expect(f, "t chart/table");
}

/* At 128×40 the bars are five rows high with the rank and the total in
 * big digits. */
static void test_chart_fi_128x40(void **state)
{
	struct fixture *f = *state;
	open_results(f, "fi", 40, 128, NULL);
	fx_expect(f, " 4. ");
	h_settle(f->h, 100, H_DEADLINE_MS);
	const char *scr = h_screen(f->h);
	/* A bar five rows high: the same row of blocks five times. */
	int row, col;
	assert_true(h_find_char(f->h, 0x2588, 5, &row, &col));
	int tall = 0;
	for (int r = row; r < row + 6; r++) {
		unsigned char rgb[3];
		(void)rgb;
		if (strstr(h_row(f->h, r), "█"))
			tall++;
	}
	assert_true(tall >= 5);
	assert_non_null(strstr(scr, " 4. "));
	fx_capture_to(f, "room-chart-fi-128x40.txt");
}

/* Is the colour bluish (agreement) or orange (disagreement)? */
static bool bluish(const unsigned char c[3])
{
	return c[2] > c[0] + 40;
}

static bool orange(const unsigned char c[3])
{
	return c[0] > c[2] + 80 && c[1] > 40;
}

/* Colour on: agreement blue, disagreement orange, never red/green alone;
 * NO_COLOR: none. */
static void test_chart_colours(void **state)
{
	struct fixture *f = *state;
	open_results(f, "en", 24, 80, NULL);
	fx_expect(f, " 4. ");
	h_settle(f->h, 150, H_DEADLINE_MS);  /* the whole frame */
	bool blue = false, orng = false;
	for (int r = 4; r < 21; r++)
		for (int c = 0; c < 80; c++) {
			unsigned char rgb[3];
			if (!h_cell_fg(f->h, r, c, rgb))
				continue;
			blue = blue || bluish(rgb);
			orng = orng || orange(rgb);
		}
	assert_true(blue);
	assert_true(orng);
	const char *env[] = { "NO_COLOR=1", NULL };
	open_results(f, "en", 24, 80, env);
	fx_expect(f, " 4. ");
	h_settle(f->h, 150, H_DEADLINE_MS);
	assert_false(h_has_color(f->h));
}

/* The projector view shows the chart once revealed; t gives the table. */
static void test_view_chart(void **state)
{
	struct fixture *f = *state;
	f->h = fx_start_view(f, f->id, "fi", NULL);
	fx_expect(f, disagree("fi"));
	assert_four_sheets(f);
	fx_press(f, "t", "Sija ja arkki");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FX_TEST(test_chart_fi_80x24),
		FX_TEST(test_chart_en_80x24),
		FX_TEST(test_chart_fi_128x40),
		FX_TEST(test_chart_colours),
		FX_TEST(test_view_chart),
	};
	return FX_RUN(tests);
}
