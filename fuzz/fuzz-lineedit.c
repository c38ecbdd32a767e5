/* fuzz-lineedit: drives a one-line field with an operation stream decoded
 * from the input. The first byte sets the limit in characters; then each
 * byte is an operation (its low 3 bits) and an argument (its high 5 bits):
 * for an insert, how many of the following bytes go in; for the others,
 * the width of the field the view is scrolled for. After every operation
 * the field must hold what lineedit.h promises. */
#include <stddef.h>
#include <stdint.h>

#include "fuzz-check.h"
#include "tapla/lineedit.h"
#include "tapla/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_CHARS_SPAN 80

enum op {
	OP_INSERT = 0, OP_BACKSPACE, OP_DELETE, OP_LEFT, OP_RIGHT, OP_HOME,
	OP_END, OP_KILL_START,
};

/* Whether `at` is where a character (a grapheme cluster) starts, counting
 * from the start of the text as the screen does. */
static bool on_char_boundary(const struct lineedit *e, size_t at)
{
	size_t b = 0;
	while (b < at)
		b = text_next_char(e->text, e->len, b);
	return b == at;
}

/* The promises of lineedit.h about the text and the cursor. */
static void check_field(const struct lineedit *e)
{
	FUZZ_CHECK(e->text != NULL);
	FUZZ_CHECK(e->len < e->cap);
	FUZZ_CHECK(strlen(e->text) == e->len);
	FUZZ_CHECK(text_valid_utf8(e->text, e->len));
	FUZZ_CHECK(!fuzz_has_control(e->text, e->len));
	FUZZ_CHECK(lineedit_chars(e) <= e->max_chars);
	FUZZ_CHECK(e->cursor <= e->len);
	FUZZ_CHECK(on_char_boundary(e, e->cursor));
	FUZZ_CHECK(lineedit_cursor_col(e) <= text_width(e->text));
}

/* The view of a field `cols` wide starts on a code point at or before the
 * cursor, and what lies between them fits. Returns the new offset. */
static size_t check_scroll(const struct lineedit *e, size_t cols, size_t prev)
{
	size_t off = lineedit_scroll(e, cols, prev);
	FUZZ_CHECK(off <= e->cursor);
	FUZZ_CHECK(off == e->len || ((unsigned char)e->text[off] & 0xc0) != 0x80);
	if (cols > 0)
		FUZZ_CHECK(text_width_n(e->text + off, e->cursor - off) <= cols);
	return off;
}

/* Runs one operation; returns the input bytes it consumed after its own. */
static size_t run_op(struct lineedit *e, uint8_t op, const uint8_t *rest,
		     size_t left)
{
	size_t arg = op >> 3;
	switch ((enum op)(op & 7)) {
	case OP_INSERT: {
		size_t n = arg < left ? arg : left;
		size_t before = lineedit_chars(e);
		FUZZ_CHECK(lineedit_insert(e, (const char *)rest, n));
		FUZZ_CHECK(lineedit_chars(e) >= before);
		return n;
	}
	case OP_BACKSPACE: lineedit_backspace(e); break;
	case OP_DELETE: lineedit_delete(e); break;
	case OP_LEFT: lineedit_left(e); break;
	case OP_RIGHT: lineedit_right(e); break;
	case OP_HOME: lineedit_home(e); break;
	case OP_END: lineedit_end(e); break;
	case OP_KILL_START: lineedit_kill_start(e); break;
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	struct lineedit e;
	FUZZ_CHECK(lineedit_init(&e, data[0] % MAX_CHARS_SPAN));
	check_field(&e);
	size_t view = 0;
	for (size_t i = 1; i < size;) {
		uint8_t op = data[i++];
		i += run_op(&e, op, data + i, size - i);
		check_field(&e);
		view = check_scroll(&e, op >> 3, view);
	}
	lineedit_free(&e);
	return 0;
}
