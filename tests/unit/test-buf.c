/* Unit tests of buf: appends that fit the room left and appends that make
 * it grow give the same text, always NUL-terminated. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "tapla/buf.h"

static int setup(void **state)
{
	static struct buf b;
	buf_init(&b);
	*state = &b;
	return 0;
}

static int teardown(void **state)
{
	buf_free(*state);
	return 0;
}

/* Pieces that fit and pieces that do not, formatted, come out whole. */
static void printf_fits_and_grows(void **state)
{
	struct buf *b = *state;
	char want[8192] = "";
	size_t n = 0;
	for (int i = 0; i < 500; i++) {
		assert_true(buf_printf(b, "%d:%s;", i, i % 7 ? "x" : "a longer piece"));
		n += (size_t)snprintf(want + n, sizeof want - n, "%d:%s;", i,
				      i % 7 ? "x" : "a longer piece");
	}
	assert_int_equal(b->len, n);
	assert_string_equal(buf_str(b), want);
	assert_int_equal(b->data[b->len], '\0');
}

/* A piece exactly as long as the room left (no space for the NUL) grows
 * the buffer instead of losing its last byte. */
static void printf_exactly_the_room(void **state)
{
	struct buf *b = *state;
	assert_true(buf_puts(b, "x"));
	size_t room = b->cap - b->len;
	char piece[256];
	assert_true(room < sizeof piece);
	memset(piece, 'y', room);
	piece[room] = '\0';
	assert_true(buf_printf(b, "%s", piece));
	assert_int_equal(b->len, 1 + room);
	assert_int_equal(strspn(buf_str(b) + 1, "y"), room);
	assert_int_equal(b->data[b->len], '\0');
}

/* Bytes put one at a time, across growth, stay in order. */
static void putc_across_growth(void **state)
{
	struct buf *b = *state;
	for (int i = 0; i < 1000; i++)
		assert_true(buf_putc(b, (char)('a' + i % 26)));
	assert_int_equal(b->len, 1000);
	for (int i = 0; i < 1000; i++)
		assert_int_equal(b->data[i], 'a' + i % 26);
	assert_int_equal(b->data[1000], '\0');
}

/* A failed buffer takes nothing more. */
static void failed_buffer_takes_nothing(void **state)
{
	struct buf *b = *state;
	assert_true(buf_puts(b, "kept"));
	b->failed = true;
	assert_false(buf_putc(b, 'x'));
	assert_false(buf_printf(b, "%d", 42));
	assert_int_equal(b->len, 4);
	assert_string_equal(b->data, "kept");
}

/* A test on a fresh buffer. */
#define BUF_TEST(t) cmocka_unit_test_setup_teardown(t, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		BUF_TEST(printf_fits_and_grows),
		BUF_TEST(printf_exactly_the_room),
		BUF_TEST(putc_across_growth),
		BUF_TEST(failed_buffer_takes_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
