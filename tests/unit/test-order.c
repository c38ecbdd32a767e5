/* Unit tests of the order module: the shuffle is a permutation, the same for
 * the same participant, fair over many participants; orders parse and print
 * as "3,1,4,2". */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "config.h"
#include "tapla/i18n.h"
#include "tapla/order.h"

static const char uuid[] = "5c0ffee0-2015-4a13-8d00-000000000013";

/* Every sheet exactly once. */
static void assert_permutation(const int *order, int n)
{
	bool seen[RULES_MAX_SHEETS] = { false };
	for (int i = 0; i < n; i++) {
		assert_in_range(order[i], 0, n - 1);
		assert_false(seen[order[i]]);
		seen[order[i]] = true;
	}
}

static void shuffle_is_a_permutation(void **state)
{
	(void)state;
	int order[RULES_MAX_SHEETS];
	for (int n = 1; n <= RULES_MAX_SHEETS; n++)
		for (int seq = 1; seq <= 50; seq++) {
			order_for_participant(uuid, seq, n, order);
			assert_permutation(order, n);
		}
}

/* Reproducible: the same uuid and seq give the same order, here and on any
 * machine (the expected order is written down). */
static void shuffle_is_reproducible(void **state)
{
	(void)state;
	int a[4], b[4];
	order_for_participant(uuid, 3, 4, a);
	order_for_participant(uuid, 3, 4, b);
	assert_memory_equal(a, b, sizeof a);
	char text[ORDER_TEXT_MAX];
	order_format(a, 4, text, sizeof text);
	assert_string_equal(text, "3,1,4,2");
	/* Another participant or session gets another order, sometimes. */
	int differ = 0;
	for (int seq = 1; seq <= 20; seq++) {
		order_for_participant(uuid, seq, 4, b);
		differ += memcmp(a, b, sizeof a) != 0;
	}
	assert_true(differ >= 15);
	order_for_participant("another-uuid", 3, 4, b);
	int c[4];
	order_for_participant("another-uuid", 4, 4, c);
	assert_true(memcmp(b, c, sizeof b) != 0 || memcmp(a, b, sizeof a) != 0);
}

/* Fair: over 4000 participants each sheet comes first about a quarter of
 * the time (deterministic counts, a wide margin). */
static void shuffle_is_fair(void **state)
{
	(void)state;
	int first[4] = { 0 }, last[4] = { 0 };
	int order[4];
	for (int seq = 1; seq <= 4000; seq++) {
		order_for_participant(uuid, seq, 4, order);
		first[order[0]]++;
		last[order[3]]++;
	}
	for (int i = 0; i < 4; i++) {
		assert_in_range(first[i], 900, 1100);
		assert_in_range(last[i], 900, 1100);
	}
}

static void parse_and_format(void **state)
{
	(void)state;
	int order[RULES_MAX_SHEETS];
	char err[256], text[ORDER_TEXT_MAX];
	assert_true(order_parse("3,1,4,2", 4, order, err, sizeof err));
	assert_int_equal(order[0], 2);
	assert_int_equal(order[3], 1);
	order_format(order, 4, text, sizeof text);
	assert_string_equal(text, "3,1,4,2");
	assert_int_equal(order_position(order, 4, 2), 0);
	assert_int_equal(order_position(order, 4, 1), 3);
	assert_int_equal(order_position(order, 4, 7), -1);
	assert_true(order_parse(" 2 , 1 ", 2, order, err, sizeof err));
	assert_int_equal(order[0], 1);
	const char *bad[] = { "", "3,1,4", "3,1,4,2,5", "3,1,1,2", "0,1,2,3",
			      "3;1;4;2", "3,1,4,2,", "a,b,c,d", "3,,1,4", NULL };
	for (int i = 0; bad[i]; i++) {
		err[0] = '\0';
		if (order_parse(bad[i], 4, order, err, sizeof err))
			fail_msg("accepted \"%s\"", bad[i]);
		assert_true(strlen(err) > 0);
	}
	assert_false(order_parse(NULL, 4, order, err, sizeof err));
	int big[RULES_MAX_SHEETS];
	order_identity(big, RULES_MAX_SHEETS);
	order_format(big, RULES_MAX_SHEETS, text, sizeof text);
	assert_true(strlen(text) < ORDER_TEXT_MAX);
	assert_true(order_parse(text, RULES_MAX_SHEETS, order, err, sizeof err));
	assert_memory_equal(order, big, sizeof big);
}

int main(void)
{
	i18n_init("en", TAPLA_BUILD_ROOT "/po");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(shuffle_is_a_permutation),
		cmocka_unit_test(shuffle_is_reproducible),
		cmocka_unit_test(shuffle_is_fair),
		cmocka_unit_test(parse_and_format),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
