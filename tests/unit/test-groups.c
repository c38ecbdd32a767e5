/* Unit tests of groups: the list a user types, the results per group
 * against an oracle over random sessions, and the smallest-group rule. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "report-fake.h"
#include "tapla/groups.h"

/* The seminar's three groups, trimmed and kept in order. */
static void parse_a_list(void **state)
{
	(void)state;
	char err[256];
	char *g = groups_parse(" luottamushenkilöt, viranhaltijat ,asukkaat", err,
			       sizeof err);
	assert_non_null(g);
	assert_string_equal(g, "luottamushenkilöt\nviranhaltijat\nasukkaat");
	assert_int_equal(groups_count(g), 3);
	char name[64];
	assert_true(groups_name(g, 2, name, sizeof name));
	assert_string_equal(name, "asukkaat");
	assert_false(groups_name(g, 3, name, sizeof name));
	assert_int_equal(groups_find(g, "ASUKKAAT"), 2);
	assert_int_equal(groups_find(g, "  Viranhaltijat "), 1);
	assert_int_equal(groups_find(g, "muut"), -1);
	assert_int_equal(groups_find(NULL, "muut"), -1);
	free(g);
}

/* Lists that cannot be used say why. */
static void refuse_bad_lists(void **state)
{
	(void)state;
	char err[256];
	assert_null(groups_parse("one", err, sizeof err));
	assert_non_null(strstr(err, "at least two"));
	assert_null(groups_parse("a,,b", err, sizeof err));
	assert_null(groups_parse("a,A", err, sizeof err));
	assert_non_null(strstr(err, "twice"));
	assert_null(groups_parse("a,b,c,d,e,f,g,h,i", err, sizeof err));
	assert_null(groups_parse("a,b\x1b[31m", err, sizeof err));
	assert_null(groups_parse("a,bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", err,
				 sizeof err));
}

/* Builds a session of three groups of the given sizes (and `none` people
 * without a group). */
static void three_groups(struct report *r, unsigned *seed, const int size[3],
			 int none, int group_min,
			 int (*dots)[RULES_MAX_SHEETS][LEVEL_COUNT],
			 int *who)
{
	static const char *const names[] = { "officials", "Staff", "residents" };
	struct fake_person p[64];
	size_t n = 0;
	for (int g = 0; g < 3; g++)
		for (int i = 0; i < size[g]; i++) {
			who[n] = g;
			p[n++] = (struct fake_person){ "x", names[g] };
		}
	for (int i = 0; i < none; i++) {
		who[n] = -1;
		p[n++] = (struct fake_person){ "x", NULL };
	}
	fake_report(r, seed, 4, p, n, false, "officials\nstaff\nresidents",
		    group_min, 1, dots);
}

/* A room of three groups: the cells each person gave and each person's
 * group (three_groups fills them), the report, and its tally by group. */
struct room {
	int dots[64][RULES_MAX_SHEETS][LEVEL_COUNT];
	int who[64];
	struct report r;
	struct groups_tally g;
};

/* Fills the room (three_groups) and tallies it by group. */
static void room_tally(struct room *m, unsigned *seed, const int size[3],
		       int none, int group_min)
{
	three_groups(&m->r, seed, size, none, group_min, m->dots, m->who);
	assert_true(groups_tally(&m->r, &m->g));
}

static void room_free(struct room *m)
{
	groups_tally_free(&m->g);
	report_free(&m->r);
}

/* A group of 4 is not shown; its dots still count in the whole room. */
static void small_group_is_never_shown(void **state)
{
	(void)state;
	unsigned seed = 5;
	static struct room m;
	room_tally(&m, &seed, (const int[3]){ 4, 6, 7 }, 0, 5);
	const struct groups_tally *g = &m.g;
	assert_int_equal(g->ngroups, 3);
	assert_false(g->groups[0].shown);
	assert_int_equal(g->groups[0].tally.total_dots, 0);
	/* Outside the shown groups: the 4, so the next smallest is hidden
	 * too, else the whole minus the two would give the 4 away. */
	assert_false(g->groups[1].shown);
	assert_true(g->groups[2].shown);
	assert_int_equal(g->hidden, 2);
	int whole = 0;
	for (size_t i = 0; i < 17; i++)
		for (int s = 0; s < 4; s++)
			for (int l = 0; l < LEVEL_COUNT; l++)
				whole += m.dots[i][s][l];
	assert_int_equal(m.r.tally.total_dots, whole);
	assert_true(groups_shown(g, "RESIDENTS"));
	assert_false(groups_shown(g, "officials"));
	room_free(&m);
}

/* The threshold is a setting never below 5: 3 counts as 5, 8 hides 7. */
static void threshold_never_below_five(void **state)
{
	(void)state;
	unsigned seed = 6;
	static struct room m;
	room_tally(&m, &seed, (const int[3]){ 4, 5, 5 }, 0, 3);
	assert_int_equal(m.g.group_min, 5);
	assert_false(m.g.groups[0].shown);
	room_free(&m);
	room_tally(&m, &seed, (const int[3]){ 8, 7, 9 }, 0, 8);
	/* The 7 are fewer than 8; then the 7 outside would be given away by
	 * the whole minus the 8 and the 9: the smaller shown one, the 8, is
	 * hidden too. */
	assert_false(m.g.groups[1].shown);
	assert_false(m.g.groups[0].shown);
	assert_true(m.g.groups[2].shown);
	room_free(&m);
}

/* The oracle's rule: a group shows when it has group_min people and the
 * people outside the shown groups are none or at least group_min, hiding
 * the smallest shown group (the later one of equals) until they are. */
static void oracle_shown(const int size[3], int total, int min, bool shown[3])
{
	for (int g = 0; g < 3; g++)
		shown[g] = size[g] >= min;
	for (;;) {
		int outside = total;
		for (int g = 0; g < 3; g++)
			outside -= shown[g] ? size[g] : 0;
		if (outside == 0 || outside >= min)
			return;
		int pickg = -1;
		for (int g = 2; g >= 0; g--)
			if (shown[g] && (pickg < 0 || size[g] < size[pickg]))
				pickg = g;
		if (pickg < 0)
			return;
		shown[pickg] = false;
	}
}

/* Over random sessions each shown group's counts equal the oracle's sums
 * over its members' ballots; hidden groups have none. */
static void group_tallies_match_oracle(void **state)
{
	(void)state;
	unsigned seed = 15;
	static struct room m;
	int (*dots)[RULES_MAX_SHEETS][LEVEL_COUNT] = m.dots;
	const int *who = m.who;
	for (int iter = 0; iter < 400; iter++) {
		int size[3] = { rand_r(&seed) % 12, rand_r(&seed) % 12,
				rand_r(&seed) % 12 };
		int none = rand_r(&seed) % 6;
		int min = 5 + rand_r(&seed) % 3;
		room_tally(&m, &seed, size, none, min);
		int total = size[0] + size[1] + size[2] + none;
		assert_int_equal(m.g.ungrouped, none);
		bool shown[3];
		oracle_shown(size, total, min, shown);
		for (int k = 0; k < 3; k++) {
			const struct groups_result *gr = &m.g.groups[k];
			assert_int_equal(gr->people, size[k]);
			assert_int_equal(gr->shown, shown[k]);
			for (int s = 0; s < 4; s++) {
				int tp = 0;
				for (int l = 0; l < LEVEL_COUNT; l++) {
					int sum = 0, ppl = 0;
					for (int i = 0; i < total; i++)
						if (who[i] == k) {
							sum += dots[i][s][l];
							ppl += dots[i][s][l] > 0;
						}
					assert_int_equal(gr->tally.sheets[s].dots[l],
							 shown[k] ? sum : 0);
					assert_int_equal(gr->tally.sheets[s].people[l],
							 shown[k] ? ppl : 0);
				}
				for (int i = 0; i < total; i++) {
					int any = 0;
					for (int l = 0; l < LEVEL_COUNT; l++)
						any += dots[i][s][l];
					tp += who[i] == k && any > 0;
				}
				assert_int_equal(gr->tally.sheets[s].total_people,
						 shown[k] ? tp : 0);
			}
		}
		room_free(&m);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_a_list),
		cmocka_unit_test(refuse_bad_lists),
		cmocka_unit_test(small_group_is_never_shown),
		cmocka_unit_test(threshold_never_below_five),
		cmocka_unit_test(group_tallies_match_oracle),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
