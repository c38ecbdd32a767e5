/* Unit tests of the phase timer's arithmetic and the PIN (pin.c): its
 * hash, what a PIN must be, the wait after wrong guesses. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "tapla/pin.h"
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
	char *a = pin_hash("482915", why, sizeof why);
	char *b = pin_hash("482915", why, sizeof why);
	assert_non_null(a);
	assert_non_null(b);
	assert_int_equal(a[0], '$');
	assert_null(strstr(a, "482915"));
	assert_string_not_equal(a, b);           /* salted */
	assert_true(pin_check("482915", a));
	assert_true(pin_check("482915", b));
	assert_false(pin_check("482916", a));
	assert_false(pin_check("", a));
	assert_false(pin_check("482915", ""));
	assert_false(pin_check("482915", "*0"));
	free(a);
	free(b);
}

/* Not trivially short or guessable: six characters at least, not one key
 * repeated, not a run; a passphrase of any script is fine. */
static void test_pin_acceptable(void **state)
{
	(void)state;
	char why[300];
	static const char *const bad[] = {
		"", "1234", "48291", "äöå12", "000000", "111111111", "123456",
		"654321", "abcdef", "0123456789", "ÄÄÄÄÄÄ",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		why[0] = '\0';
		assert_false(pin_acceptable(bad[i], why, sizeof why));
		assert_true(why[0] != '\0');
	}
	assert_false(pin_acceptable("\xff\xfe\xfd\xfc\xfb\xfa", why, sizeof why));
	char longpin[PIN_MAX_BYTES + 2];
	memset(longpin, 'x', sizeof longpin - 1);
	longpin[sizeof longpin - 1] = '\0';
	longpin[0] = 'y';
	assert_false(pin_acceptable(longpin, why, sizeof why));
	static const char *const good[] = {
		"482915", "112358", "täplä!", "kahvi ja pulla", "πίτα42",
	};
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
		assert_true(pin_acceptable(good[i], why, sizeof why));
}

/* A few tries free, then a wait that grows with each wrong guess, to a
 * ceiling; counted from the last guess, never shortened by a clock set
 * back. */
static void test_pin_wait(void **state)
{
	(void)state;
	for (int i = 0; i <= PIN_FREE_TRIES; i++)
		assert_int_equal(pin_wait_ms(i), 0);
	assert_int_equal(pin_wait_ms(PIN_FREE_TRIES + 1), 5000);
	assert_int_equal(pin_wait_ms(PIN_FREE_TRIES + 2), 10000);
	assert_int_equal(pin_wait_ms(PIN_FREE_TRIES + 3), 20000);
	for (int i = PIN_FREE_TRIES + 1; i < 100; i++)
		assert_true(pin_wait_ms(i + 1) >= pin_wait_ms(i));
	assert_int_equal(pin_wait_ms(1000), 15 * 60 * 1000);
	assert_int_equal(pin_wait_ms(1 << 30), 15 * 60 * 1000);
	int f = PIN_FREE_TRIES + 1;
	assert_int_equal(pin_wait_left_ms(2, 1000, 1000), 0);
	assert_int_equal(pin_wait_left_ms(f, 1000, 1000), 5000);
	assert_int_equal(pin_wait_left_ms(f, 1000, 4000), 2000);
	assert_int_equal(pin_wait_left_ms(f, 1000, 6000), 0);
	assert_int_equal(pin_wait_left_ms(f, 100000, 0), 5000);  /* clock back */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_timer_pause_resume),
		cmocka_unit_test(test_timer_minutes),
		cmocka_unit_test(test_pin_hash),
		cmocka_unit_test(test_pin_acceptable),
		cmocka_unit_test(test_pin_wait),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
