/* Unit tests of the one-line text field model. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "tapla/lineedit.h"
#include "tapla/text.h"

#define FIELD_MAX 60

/* Every test gets a fresh field of FIELD_MAX characters. */
static int field_setup(void **state)
{
	struct lineedit *e = malloc(sizeof *e);
	if (!e || !lineedit_init(e, FIELD_MAX)) {
		free(e);
		return -1;
	}
	*state = e;
	return 0;
}

static int field_teardown(void **state)
{
	struct lineedit *e = *state;
	lineedit_free(e);
	free(e);
	return 0;
}

/* Inserts a C string and checks it was taken. */
static void type(struct lineedit *e, const char *s)
{
	assert_true(lineedit_insert(e, s, strlen(s)));
}

/* Multi-byte characters go in whole; the cursor follows them. */
static void insert_multibyte(void **state)
{
	struct lineedit *e = *state;
	type(e, "Mä");
	type(e, "漢");
	type(e, "\xf0\x9f\x98\x80");
	assert_string_equal(e->text, "Mä漢\xf0\x9f\x98\x80");
	assert_int_equal(e->len, strlen(e->text));
	assert_int_equal(e->cursor, e->len);
	assert_int_equal(lineedit_chars(e), 4);
	assert_int_equal(lineedit_cursor_col(e), 1 + 1 + 2 + 2);
	assert_false(e->cut);
	assert_false(e->dropped);
}

/* Inserting in the middle puts the text at the cursor. */
static void insert_at_cursor(void **state)
{
	struct lineedit *e = *state;
	type(e, "Mkinen");
	lineedit_home(e);
	lineedit_right(e);
	type(e, "ä");
	assert_string_equal(e->text, "Mäkinen");
	assert_int_equal(e->cursor, 3);
	assert_int_equal(lineedit_cursor_col(e), 2);
}

/* Left and right step over whole characters, marks with their base. */
static void move_by_character(void **state)
{
	struct lineedit *e = *state;
	type(e, "a\xcc\x88漢b");           /* a+U+0308, 漢, b */
	lineedit_home(e);
	assert_int_equal(e->cursor, 0);
	lineedit_left(e);
	assert_int_equal(e->cursor, 0);
	lineedit_right(e);
	assert_int_equal(e->cursor, 3);
	assert_int_equal(lineedit_cursor_col(e), 1);
	lineedit_right(e);
	assert_int_equal(e->cursor, 6);
	assert_int_equal(lineedit_cursor_col(e), 3);
	lineedit_right(e);
	lineedit_right(e);
	assert_int_equal(e->cursor, 7);
	lineedit_left(e);
	lineedit_left(e);
	assert_int_equal(e->cursor, 3);
	lineedit_end(e);
	assert_int_equal(e->cursor, e->len);
	assert_int_equal(lineedit_cursor_col(e), 4);
}

/* Backspace and delete remove a base with its marks, never half of one. */
static void delete_by_character(void **state)
{
	struct lineedit *e = *state;
	type(e, "xa\xcc\x88y");
	lineedit_left(e);
	lineedit_backspace(e);
	assert_string_equal(e->text, "xy");
	assert_int_equal(e->cursor, 1);
	lineedit_backspace(e);
	assert_string_equal(e->text, "y");
	lineedit_backspace(e);
	assert_string_equal(e->text, "y");
	lineedit_clear(e);
	type(e, "漢a\xcc\x88");
	lineedit_home(e);
	lineedit_delete(e);
	assert_string_equal(e->text, "a\xcc\x88");
	lineedit_delete(e);
	assert_string_equal(e->text, "");
	lineedit_delete(e);
	assert_int_equal(e->len, 0);
}

/* An edit that joins characters (a base typed before a combining mark, a
 * deleted letter between two Hangul jamo) leaves the cursor after the
 * joined character, never inside it. Found by fuzz/fuzz-lineedit. */
static void cursor_stays_on_character_after_joining(void **state)
{
	struct lineedit *e = *state;
	type(e, "\xcc\x81M");
	lineedit_home(e);
	type(e, "x");
	assert_string_equal(e->text, "x\xcc\x81M");
	assert_int_equal(e->cursor, 3);
	lineedit_clear(e);
	type(e, "\xe1\x84\x80x\xe1\x85\xa1");
	lineedit_left(e);
	lineedit_backspace(e);
	assert_string_equal(e->text, "\xe1\x84\x80\xe1\x85\xa1");
	assert_int_equal(e->cursor, e->len);
}

/* Ctrl-U removes what is left of the cursor. */
static void kill_start_removes_left(void **state)
{
	struct lineedit *e = *state;
	type(e, "Matti Meikäläinen");
	lineedit_home(e);
	for (int i = 0; i < 6; i++)
		lineedit_right(e);
	lineedit_kill_start(e);
	assert_string_equal(e->text, "Meikäläinen");
	assert_int_equal(e->cursor, 0);
}

/* Set replaces the contents, filtered, with the cursor at the end. */
static void set_replaces(void **state)
{
	struct lineedit *e = *state;
	type(e, "old");
	assert_true(lineedit_set(e, "uu\x1b[1msi"));
	assert_string_equal(e->text, "uusi");
	assert_true(e->dropped);
	assert_int_equal(e->cursor, 4);
	assert_true(lineedit_set(e, NULL));
	assert_string_equal(e->text, "");
}

/* Bad bytes, controls and escape sequences are dropped and flagged. */
static void insert_drops_bad_input(void **state)
{
	struct lineedit *e = *state;
	type(e, "a\xff" "b\xc0\x80" "c\x01\t\n\x7f" "d\xc2\x85" "e\xed\xa0\x80" "f");
	assert_string_equal(e->text, "abcdef");
	assert_true(e->dropped);
	type(e, "\x1b[31mg\xc2\x9b" "1mh");
	assert_string_equal(e->text, "abcdefgh");
	assert_true(e->dropped);
	type(e, "i");
	assert_false(e->dropped);
	assert_true(text_valid_utf8(e->text, e->len));
	/* A truncated sequence at the end of a chunk is dropped too. */
	type(e, "j\xc3");
	assert_string_equal(e->text, "abcdefghij");
	assert_true(e->dropped);
}

/* The limit is in characters; what does not fit is cut and flagged. */
static void insert_cuts_at_limit(void **state)
{
	struct lineedit *e = *state;
	char s[FIELD_MAX * 2 + 8] = "";
	for (int i = 0; i < FIELD_MAX + 2; i++)
		strcat(s, "ä");
	type(e, s);
	assert_true(e->cut);
	assert_int_equal(lineedit_chars(e), FIELD_MAX);
	assert_int_equal(e->len, FIELD_MAX * 2);
	type(e, "x");
	assert_true(e->cut);
	assert_int_equal(lineedit_chars(e), FIELD_MAX);
	lineedit_backspace(e);
	type(e, "x");
	assert_false(e->cut);
	assert_int_equal(lineedit_chars(e), FIELD_MAX);
}

/* A 1 MiB paste stays bounded by the limit and leaves valid text. */
static void huge_paste_is_bounded(void **state)
{
	struct lineedit *e = *state;
	size_t n = 1024 * 1024;
	char *paste = malloc(n);
	assert_non_null(paste);
	for (size_t i = 0; i < n; i++)
		paste[i] = (char)("ab\xc3\xa4\x1b\xffx "[i % 8]);
	bool ok = lineedit_insert(e, paste, n);
	free(paste);
	assert_true(ok);
	assert_true(e->cut);
	assert_true(e->dropped);
	assert_int_equal(lineedit_chars(e), FIELD_MAX);
	assert_true(e->len <= FIELD_MAX * 4);
	assert_true(e->cap <= 1024);
	assert_true(text_valid_utf8(e->text, e->len));
	assert_int_equal(strlen(e->text), e->len);
}

/* The cursor column counts display columns, not bytes. */
static void cursor_col_is_display_width(void **state)
{
	struct lineedit *e = *state;
	type(e, "漢字ab");
	lineedit_home(e);
	assert_int_equal(lineedit_cursor_col(e), 0);
	lineedit_right(e);
	assert_int_equal(lineedit_cursor_col(e), 2);
	lineedit_right(e);
	lineedit_right(e);
	assert_int_equal(lineedit_cursor_col(e), 5);
}

/* The cursor's column within a field `cols` wide drawn from `off`. */
static size_t col_in_field(const struct lineedit *e, size_t off)
{
	return text_width_n(e->text + off, e->cursor - off);
}

/* Columns of the cell under the cursor (one blank cell at the end). */
static size_t cursor_cell(const struct lineedit *e)
{
	size_t next = text_next_char(e->text, e->len, e->cursor);
	size_t w = text_width_n(e->text + e->cursor, next - e->cursor);
	return w ? w : 1;
}

/* Walks the cursor over the whole text and checks it is always visible. */
static void assert_cursor_always_visible(struct lineedit *e, size_t cols)
{
	size_t off = 0;
	lineedit_home(e);
	for (size_t step = 0; step <= e->len + 1; step++) {
		off = lineedit_scroll(e, cols, off);
		assert_true(off <= e->cursor);
		assert_true(col_in_field(e, off) + cursor_cell(e) <= cols);
		lineedit_right(e);
	}
	for (size_t step = 0; step <= e->len + 1; step++) {
		lineedit_left(e);
		off = lineedit_scroll(e, cols, off);
		assert_true(off <= e->cursor);
		assert_true(col_in_field(e, off) + cursor_cell(e) <= cols);
	}
}

/* A narrow field scrolls so the cursor stays in view, wide chars too. */
static void scroll_keeps_cursor_visible(void **state)
{
	struct lineedit *e = *state;
	type(e, "Matti Meikäläinen");
	assert_cursor_always_visible(e, 5);
	lineedit_clear(e);
	type(e, "漢字a漢字b\xf0\x9f\x98\x80漢");
	assert_cursor_always_visible(e, 3);
	assert_cursor_always_visible(e, 4);
	assert_cursor_always_visible(e, 2);
}

/* Text that fits is not scrolled; at the end there is room for the cursor;
 * an offset into a character is snapped back to its start. */
static void scroll_is_stable(void **state)
{
	struct lineedit *e = *state;
	type(e, "abcdef");
	assert_int_equal(lineedit_scroll(e, 10, 0), 0);
	assert_int_equal(lineedit_scroll(e, 6, 0), 1);     /* cursor cell */
	assert_int_equal(lineedit_scroll(e, 4, 0), 3);
	lineedit_left(e);
	assert_int_equal(lineedit_scroll(e, 4, 3), 3);     /* no jump */
	lineedit_home(e);
	assert_int_equal(lineedit_scroll(e, 4, 3), 0);
	/* Moving left past the edge shows half a field of context. */
	lineedit_end(e);
	size_t off = lineedit_scroll(e, 4, 0);
	for (int i = 0; i < 4; i++)
		lineedit_left(e);
	assert_int_equal(e->cursor, 2);
	assert_int_equal(lineedit_scroll(e, 4, off), 0);
	lineedit_clear(e);
	type(e, "漢字");
	assert_int_equal(lineedit_scroll(e, 3, 1), 3);     /* 1 is inside 漢 */
	assert_int_equal(lineedit_scroll(e, 5, 1), 0);
}

/* Deleting at the end brings hidden text back into view. */
static void scroll_refills_after_delete(void **state)
{
	struct lineedit *e = *state;
	type(e, "abcdefgh");
	size_t off = lineedit_scroll(e, 4, 0);
	assert_int_equal(off, 5);
	lineedit_backspace(e);
	lineedit_backspace(e);
	lineedit_backspace(e);
	off = lineedit_scroll(e, 4, off);
	assert_int_equal(off, 2);
	assert_int_equal(col_in_field(e, off), 3);
}

#define FIELD_TEST(f) cmocka_unit_test_setup_teardown(f, field_setup, field_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		FIELD_TEST(insert_multibyte),
		FIELD_TEST(insert_at_cursor),
		FIELD_TEST(move_by_character),
		FIELD_TEST(delete_by_character),
		FIELD_TEST(cursor_stays_on_character_after_joining),
		FIELD_TEST(kill_start_removes_left),
		FIELD_TEST(set_replaces),
		FIELD_TEST(insert_drops_bad_input),
		FIELD_TEST(insert_cuts_at_limit),
		FIELD_TEST(huge_paste_is_bounded),
		FIELD_TEST(cursor_col_is_display_width),
		FIELD_TEST(scroll_keeps_cursor_visible),
		FIELD_TEST(scroll_is_stable),
		FIELD_TEST(scroll_refills_after_delete),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
