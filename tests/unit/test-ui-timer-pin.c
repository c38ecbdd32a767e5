/* Unit tests of the phase timer's arithmetic and the PIN hash. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "tapla/ui.h"

static void test_timer_pause_resume(void **state)
{
	(void)state;
	struct ui_timer t;
	ui_timer_reset(&t, 10);
	assert_false(t.running);
	assert_int_equal(ui_timer_left(&t, 1000), 600000);
	ui_timer_toggle(&t, 1000);               /* start */
	assert_true(t.running);
	assert_int_equal(ui_timer_left(&t, 61000), 540000);
	ui_timer_toggle(&t, 61000);              /* pause */
	assert_false(t.running);
	assert_int_equal(ui_timer_left(&t, 999999), 540000);
	ui_timer_toggle(&t, 100000);             /* resume */
	assert_int_equal(t.deadline_ms, 640000);
	assert_int_equal(ui_timer_left(&t, 700000), 0);  /* time is up */
}

static void test_timer_minutes(void **state)
{
	(void)state;
	struct ui_timer t;
	ui_timer_reset(&t, 1);
	ui_timer_add(&t, -60000, 0);
	assert_int_equal(ui_timer_left(&t, 0), 0);
	ui_timer_add(&t, -60000, 0);             /* never below zero */
	assert_int_equal(ui_timer_left(&t, 0), 0);
	ui_timer_add(&t, 60000, 0);
	assert_int_equal(ui_timer_left(&t, 0), 60000);
	ui_timer_toggle(&t, 0);
	ui_timer_add(&t, 60000, 30000);          /* while running */
	assert_int_equal(ui_timer_left(&t, 30000), 90000);
	assert_int_equal(t.deadline_ms, 120000);
}

static void test_pin_hash(void **state)
{
	(void)state;
	char why[200];
	char *a = ui_pin_hash("4321", why, sizeof why);
	char *b = ui_pin_hash("4321", why, sizeof why);
	assert_non_null(a);
	assert_non_null(b);
	assert_int_equal(a[0], '$');
	assert_null(strstr(a, "4321"));
	assert_string_not_equal(a, b);           /* salted */
	assert_true(ui_pin_check("4321", a));
	assert_true(ui_pin_check("4321", b));
	assert_false(ui_pin_check("4322", a));
	assert_false(ui_pin_check("", a));
	assert_false(ui_pin_check("4321", ""));
	assert_false(ui_pin_check("4321", "*0"));
	free(a);
	free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_timer_pause_resume),
		cmocka_unit_test(test_timer_minutes),
		cmocka_unit_test(test_pin_hash),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
