/* text-int: what the text module's two files share (not a public header;
 * the module's contract is include/tapla/text.h). text.c: validity,
 * cleaning, widths and wrapping; text-identity.c: the keys and checks that
 * tell names apart. */
#ifndef TAPLA_TEXT_INT_H
#define TAPLA_TEXT_INT_H

#include <stddef.h>
#include <stdint.h>

#include <unistr.h>

/* libunistring speaks uint8_t, the rest of tapla char. */
static inline const uint8_t *u8(const char *s)
{
	return (const uint8_t *)s;
}

/* The code point at s[0..n) and its length; invalid bytes give U+FFFD
 * (length 1). */
static inline size_t text_decode(const char *s, size_t n, ucs4_t *c)
{
	int len = u8_mbtouc(c, u8(s), n);
	return len > 0 ? (size_t)len : 1;
}

/* A libunistring result r of len bytes (not terminated) as a NUL-terminated
 * string the caller frees; NULL when r is NULL or on no memory (r freed). */
char *text_terminated(uint8_t *r, size_t len);

#endif
