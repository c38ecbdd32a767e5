/* lineedit: the model of a one-line text field (see lineedit.h). */
#include "tapla/lineedit.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "tapla/text.h"

#define LINEEDIT_FIRST_CAP 64
/* The longest UTF-8 encoding of one code point. */
#define UTF8_MAX 4

bool lineedit_init(struct lineedit *e, size_t max_chars)
{
	memset(e, 0, sizeof *e);
	e->text = malloc(LINEEDIT_FIRST_CAP);
	if (!e->text)
		return false;
	e->text[0] = '\0';
	e->cap = LINEEDIT_FIRST_CAP;
	e->max_chars = max_chars;
	return true;
}

void lineedit_free(struct lineedit *e)
{
	free(e->text);
	e->text = NULL;
	e->len = e->cap = e->cursor = 0;
}

void lineedit_clear(struct lineedit *e)
{
	e->len = e->cursor = 0;
	if (e->text)
		e->text[0] = '\0';
	e->cut = e->dropped = false;
}

bool lineedit_set(struct lineedit *e, const char *s)
{
	lineedit_clear(e);
	return s ? lineedit_insert(e, s, strlen(s)) : true;
}

/* Makes room for `need` bytes of text plus the NUL; false on no memory. */
static bool reserve(struct lineedit *e, size_t need)
{
	if (need + 1 <= e->cap && e->text)
		return true;
	size_t cap = e->cap ? e->cap : LINEEDIT_FIRST_CAP;
	while (cap < need + 1)
		cap *= 2;
	char *t = realloc(e->text, cap);
	if (!t)
		return false;
	e->text = t;
	e->cap = cap;
	return true;
}

/* Copies the acceptable code points of in[0..n) to out (at most `room` of
 * them): drops invalid bytes, escape sequences and control characters,
 * and stops at the limit. Returns the bytes written. */
static size_t filter_input(struct lineedit *e, const char *in, size_t n,
			   size_t room, char *out)
{
	size_t o = 0;
	for (size_t i = 0; i < n;) {
		size_t esc = text_escape_len(in + i, n - i);
		ucs4_t c;
		int len = esc ? 0 : u8_mbtoucr(&c, (const uint8_t *)in + i, n - i);
		if (esc || len < 0 || c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
			e->dropped = true;
			i += esc ? esc : len < 0 ? 1 : (size_t)len;
			continue;
		}
		if (room == 0) {
			e->cut = true;
			break;
		}
		memcpy(out + o, in + i, (size_t)len);
		o += (size_t)len;
		i += (size_t)len;
		room--;
	}
	return o;
}

/* The character boundary at or before byte `at` (text may have changed
 * since `at` was one). */
static size_t boundary_at_or_before(const struct lineedit *e, size_t at)
{
	size_t b = 0;
	while (b < e->len) {
		size_t next = text_next_char(e->text, e->len, b);
		if (next > at)
			break;
		b = next;
	}
	return b;
}

/* An edit can join what it left around the cursor into one character (a
 * base typed before a combining mark, two Hangul jamo meeting): moves the
 * cursor out of it, to the end of that character. */
static void settle_cursor(struct lineedit *e)
{
	size_t b = boundary_at_or_before(e, e->cursor);
	if (b != e->cursor)
		e->cursor = text_next_char(e->text, e->len, b);
}

/* Places in[0..n) at the cursor and moves the cursor after it. */
static void splice_in(struct lineedit *e, const char *in, size_t n)
{
	memmove(e->text + e->cursor + n, e->text + e->cursor, e->len - e->cursor + 1);
	memcpy(e->text + e->cursor, in, n);
	e->len += n;
	e->cursor += n;
	settle_cursor(e);
}

bool lineedit_insert(struct lineedit *e, const char *bytes, size_t n)
{
	e->cut = e->dropped = false;
	if (!e->text || !bytes || n == 0)
		return e->text != NULL;
	size_t have = lineedit_chars(e);
	size_t room = have < e->max_chars ? e->max_chars - have : 0;
	/* Never more than `room` code points nor more than n bytes. */
	size_t bound = room < n / UTF8_MAX ? room * UTF8_MAX : n;
	char *tmp = malloc(bound + 1);
	if (!tmp)
		return false;
	size_t got = filter_input(e, bytes, n, room, tmp);
	bool ok = reserve(e, e->len + got);
	if (ok && got > 0)  /* nothing kept (a full field): nothing to redo */
		splice_in(e, tmp, got);
	free(tmp);
	return ok;
}

/* Removes the bytes [from, to) and puts the cursor at `from`. */
static void remove_range(struct lineedit *e, size_t from, size_t to)
{
	memmove(e->text + from, e->text + to, e->len - to + 1);
	e->len -= to - from;
	e->cursor = from;
	settle_cursor(e);
}

void lineedit_backspace(struct lineedit *e)
{
	if (e->cursor > 0)
		remove_range(e, text_prev_char(e->text, e->cursor), e->cursor);
}

void lineedit_delete(struct lineedit *e)
{
	if (e->cursor < e->len)
		remove_range(e, e->cursor, text_next_char(e->text, e->len, e->cursor));
}

void lineedit_left(struct lineedit *e)
{
	e->cursor = text_prev_char(e->text, e->cursor);
}

void lineedit_right(struct lineedit *e)
{
	e->cursor = text_next_char(e->text, e->len, e->cursor);
}

void lineedit_home(struct lineedit *e)
{
	e->cursor = 0;
}

void lineedit_end(struct lineedit *e)
{
	e->cursor = e->len;
}

void lineedit_kill_start(struct lineedit *e)
{
	remove_range(e, 0, e->cursor);
}

size_t lineedit_chars(const struct lineedit *e)
{
	return text_chars(e->text, e->len);
}

size_t lineedit_cursor_col(const struct lineedit *e)
{
	return text_width_n(e->text, e->cursor);
}

/* Columns the cursor's cell takes: the character under it, or one blank
 * cell at the end. */
static size_t cursor_cell(const struct lineedit *e)
{
	if (e->cursor >= e->len)
		return 1;
	size_t next = text_next_char(e->text, e->len, e->cursor);
	size_t w = text_width_n(e->text + e->cursor, next - e->cursor);
	return w ? w : 1;
}

/* Backs up from the cursor while the text from there to the cursor takes
 * at most `cols` columns: keeps context left of the cursor visible. */
static size_t back_from_cursor(const struct lineedit *e, size_t cols)
{
	size_t off = e->cursor, w = 0;
	while (off > 0) {
		size_t prev = text_prev_char(e->text, off);
		w += text_width_n(e->text + prev, off - prev);
		if (w > cols)
			break;
		off = prev;
	}
	return off;
}

/* Moves `off` right until the text from it to the cursor plus the cursor's
 * cell fits `cols` columns. */
static size_t forward_to_fit(const struct lineedit *e, size_t off, size_t cols)
{
	size_t cell = cursor_cell(e);
	size_t w = text_width_n(e->text + off, e->cursor - off);
	while (off < e->cursor && w + cell > cols) {
		size_t next = text_next_char(e->text, e->len, off);
		w -= text_width_n(e->text + off, next - off);
		off = next;
	}
	return off;
}

/* Moves `off` left while everything from there to the end (and a cell
 * after it) still fits: deleting at the end brings hidden text back. */
static size_t back_to_fill(const struct lineedit *e, size_t off, size_t cols)
{
	size_t after = text_next_char(e->text, e->len, e->cursor);
	size_t w = text_width_n(e->text + off, e->cursor - off) + cursor_cell(e) +
		   text_width_n(e->text + after, e->len - after);
	/* Keep the blank cell after the end reserved, so moving left from
	 * the end does not shift the view. */
	w += e->cursor < e->len ? 1 : 0;
	while (off > 0) {
		size_t p = text_prev_char(e->text, off);
		size_t cw = text_width_n(e->text + p, off - p);
		if (w + cw > cols)
			break;
		w += cw;
		off = p;
	}
	return off;
}

size_t lineedit_scroll(const struct lineedit *e, size_t cols, size_t prev)
{
	if (!e->text || cols == 0)
		return e->cursor;
	size_t off = boundary_at_or_before(e, prev);
	if (off > e->cursor)
		off = back_from_cursor(e, cols / 2);
	off = forward_to_fit(e, off, cols);
	return back_to_fill(e, off, cols);
}
