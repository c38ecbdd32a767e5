/* fuzz-check: what every harness shares: the invariant check that stops
 * the fuzzer, a NUL-terminated copy of the input, and a UTF-8 control
 * character scan. Harness code only; never linked into tapla. */
#ifndef TAPLA_FUZZ_CHECK_H
#define TAPLA_FUZZ_CHECK_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

/* A broken invariant is a crash for libFuzzer: say which, then abort. */
#define FUZZ_CHECK(cond)                                                       \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "%s:%d: invariant broken: %s\n",      \
				__FILE__, __LINE__, #cond);                    \
			abort();                                               \
		}                                                              \
	} while (0)

/* data[0..size) as a C string (a NUL inside ends it early); aborts on no
 * memory, which libFuzzer's own limits would report anyway. */
static inline char *fuzz_cstr(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	FUZZ_CHECK(s != NULL);
	if (size)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* True if valid UTF-8 s[0..n) holds a C0 control, DEL or a C1 control
 * (ESC among them) other than the C0 ones listed in `allowed`. */
static inline bool fuzz_has_control_but(const char *s, size_t n,
					const char *allowed)
{
	for (size_t i = 0; i < n;) {
		ucs4_t c;
		int len = u8_mbtouc(&c, (const uint8_t *)s + i, n - i);
		if (c < 0x20 && (c == 0 || strchr(allowed, (int)c) == NULL))
			return true;
		if (c >= 0x7f && c <= 0x9f)
			return true;
		i += len > 0 ? (size_t)len : 1;
	}
	return false;
}

/* True if valid UTF-8 s[0..n) holds any control character. */
static inline bool fuzz_has_control(const char *s, size_t n)
{
	return fuzz_has_control_but(s, n, "");
}

#endif
