/* buf: a growable byte buffer that always stays NUL-terminated.
 *
 * Contract: a zeroed struct buf (or buf_init) is an empty buffer. An
 * allocation failure sets `failed` and makes every later append a no-op, so a
 * caller can build a whole text and check once at the end. */
#ifndef TAPLA_BUF_H
#define TAPLA_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

struct buf {
	char *data;   /* NUL-terminated once anything was appended, else NULL */
	size_t len;   /* bytes, without the terminating NUL */
	size_t cap;
	bool failed;  /* an allocation failed; the contents are incomplete */
};

void buf_init(struct buf *b);
void buf_free(struct buf *b);
/* Empties the buffer but keeps its memory. */
void buf_reset(struct buf *b);
bool buf_append(struct buf *b, const char *s, size_t n);
bool buf_puts(struct buf *b, const char *s);
bool buf_putc(struct buf *b, char c);
bool buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
bool buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/* Returns the data (never NULL: "" for an empty buffer, or NULL when
 * `failed`) and leaves the buffer empty; the caller frees it. */
char *buf_steal(struct buf *b);
/* The contents as a C string; "" when empty. */
const char *buf_str(const struct buf *b);

#endif
