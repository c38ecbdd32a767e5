/* buf: a growable byte buffer (see include/tapla/buf.h). */
#include "tapla/buf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void buf_init(struct buf *b)
{
	memset(b, 0, sizeof *b);
}

void buf_free(struct buf *b)
{
	free(b->data);
	buf_init(b);
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	b->failed = false;
	if (b->data)
		b->data[0] = '\0';
}

/* Makes room for `more` bytes and the NUL; marks the buffer failed if not. */
static bool buf_reserve(struct buf *b, size_t more)
{
	if (b->failed)
		return false;
	if (more > SIZE_MAX / 2 - b->len - 1) {
		b->failed = true;
		return false;
	}
	size_t need = b->len + more + 1;
	if (need <= b->cap)
		return true;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	char *p = realloc(b->data, cap);
	if (!p) {
		b->failed = true;
		return false;
	}
	b->data = p;
	b->cap = cap;
	return true;
}

bool buf_append(struct buf *b, const char *s, size_t n)
{
	if (!buf_reserve(b, n))
		return false;
	if (n)
		memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
	return true;
}

bool buf_puts(struct buf *b, const char *s)
{
	return buf_append(b, s, strlen(s));
}

/* The common case, room for one more byte, without the general path: the
 * JSON and text writers put most bytes one at a time. */
bool buf_putc(struct buf *b, char c)
{
	if (!b->failed && b->len + 2 <= b->cap) {
		b->data[b->len++] = c;
		b->data[b->len] = '\0';
		return true;
	}
	return buf_append(b, &c, 1);
}

/* Formats straight into the room left when it fits (most pieces are
 * short), else measures, grows and formats again. */
bool buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	if (b->failed)
		return false;
	va_list again;
	va_copy(again, ap);
	size_t room = b->cap > b->len ? b->cap - b->len : 0;
	int n = vsnprintf(room ? b->data + b->len : NULL, room, fmt, ap);
	if (n >= 0 && (size_t)n < room) {
		va_end(again);
		b->len += (size_t)n;
		return true;
	}
	if (room)
		b->data[b->len] = '\0';  /* undo the cut-off piece */
	if (n < 0 || !buf_reserve(b, (size_t)n)) {
		va_end(again);
		b->failed = true;
		return false;
	}
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, again);
	va_end(again);
	b->len += (size_t)n;
	return true;
}

bool buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	bool ok = buf_vprintf(b, fmt, ap);
	va_end(ap);
	return ok;
}

char *buf_steal(struct buf *b)
{
	if (b->failed) {
		buf_free(b);
		return NULL;
	}
	char *p = b->data ? b->data : strdup("");
	buf_init(b);
	return p;
}

const char *buf_str(const struct buf *b)
{
	return b->data ? b->data : "";
}
