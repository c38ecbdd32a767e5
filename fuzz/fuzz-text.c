/* fuzz-text: the text module on arbitrary bytes. The first byte gives a
 * width in columns (0..63) and a limit in characters; the rest is the
 * text. text_clean, text_sanitize, text_name_key, text_fit and text_wrap
 * must keep the promises of text.h for any of it. */
#include <stddef.h>
#include <stdint.h>

#include "fuzz-check.h"
#include "tapla/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define WRAP_LINES_MAX 64

/* A cleaned field: valid, without control characters, within the limit,
 * not empty and without white space around it. */
static void check_clean(const char *in, size_t max_chars)
{
	char *out = (char *)"unset";
	enum text_status st = text_clean(in, max_chars, &out);
	if (st != TEXT_OK) {
		FUZZ_CHECK(out == NULL);
		FUZZ_CHECK(text_status_message(st)[0] != '\0');
		return;
	}
	size_t n = strlen(out);
	FUZZ_CHECK(n > 0);
	FUZZ_CHECK(text_valid_utf8(out, n));
	FUZZ_CHECK(!fuzz_has_control(out, n));
	FUZZ_CHECK(text_chars(out, n) <= max_chars);
	FUZZ_CHECK(out[0] != ' ' && out[n - 1] != ' ');
	free(out);
}

/* Safe to draw: valid UTF-8, no ESC, no C0 or C1 control, no DEL. */
static char *check_sanitize(const char *in)
{
	char *out = text_sanitize(in);
	FUZZ_CHECK(out != NULL);
	size_t n = strlen(out);
	FUZZ_CHECK(text_valid_utf8(out, n));
	FUZZ_CHECK(!fuzz_has_control(out, n));
	return out;
}

/* A name key exists for every valid name and is valid itself. */
static void check_name_key(const char *in)
{
	char *key = text_name_key(in);
	if (!text_valid_utf8(in, strlen(in))) {
		FUZZ_CHECK(key == NULL);
		return;
	}
	FUZZ_CHECK(key != NULL);
	size_t n = strlen(key);
	FUZZ_CHECK(text_valid_utf8(key, n));
	FUZZ_CHECK(n == 0 || (key[0] != ' ' && key[n - 1] != ' '));
	free(key);
}

/* The prefix fits and is measured right; in valid UTF-8 (text.h's
 * domain) it never splits a code point. */
static void check_fit(const char *s, size_t cols)
{
	size_t width = (size_t)-1;
	size_t at = text_fit(s, cols, &width);
	FUZZ_CHECK(at <= strlen(s));
	FUZZ_CHECK(width <= cols);
	FUZZ_CHECK(text_width_n(s, at) == width);
	if (text_valid_utf8(s, strlen(s)))
		FUZZ_CHECK(s[at] == '\0' || ((unsigned char)s[at] & 0xc0) != 0x80);
}

/* Every line lies inside s and fits `cols`, unless it is one character
 * too wide for any line; the count does not depend on the room given. */
static void check_wrap(const char *s, size_t cols)
{
	size_t starts[WRAP_LINES_MAX], lens[WRAP_LINES_MAX];
	size_t n = strlen(s);
	size_t lines = text_wrap(s, cols, starts, lens, WRAP_LINES_MAX);
	FUZZ_CHECK(lines == text_wrap(s, cols, NULL, NULL, 0));
	FUZZ_CHECK((lines == 0) == (n == 0));
	for (size_t i = 0; i < lines && i < WRAP_LINES_MAX; i++) {
		FUZZ_CHECK(starts[i] <= n && lens[i] <= n - starts[i]);
		FUZZ_CHECK(i == 0 || starts[i] >= starts[i - 1] + lens[i - 1]);
		FUZZ_CHECK(memchr(s + starts[i], '\n', lens[i]) == NULL);
		size_t w = text_width_n(s + starts[i], lens[i]);
		if (w > cols)
			FUZZ_CHECK(text_next_char(s, starts[i] + lens[i], starts[i]) ==
				   starts[i] + lens[i]);
	}
}

/* The sanitized text with the input's newlines kept, for text_wrap. */
static char *paragraphs(const char *in)
{
	size_t n = strlen(in);
	char *out = malloc(n * 3 + 1);
	FUZZ_CHECK(out != NULL);
	size_t o = 0;
	char *copy = fuzz_cstr((const uint8_t *)in, n);
	for (char *p = copy, *next; p; p = next) {
		next = strchr(p, '\n');
		if (next)
			*next++ = '\0';
		char *clean = check_sanitize(p);
		size_t len = strlen(clean);
		FUZZ_CHECK(len <= strlen(p) * 3);
		memcpy(out + o, clean, len);
		o += len;
		if (next)
			out[o++] = '\n';
		free(clean);
	}
	out[o] = '\0';
	free(copy);
	return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t cols = size > 0 ? data[0] % 64 : 10;
	size_t max_chars = size > 0 ? data[0] / 4 : 60;
	char *in = fuzz_cstr(size > 0 ? data + 1 : data, size > 0 ? size - 1 : 0);
	check_clean(in, max_chars);
	check_name_key(in);
	check_fit(in, cols);
	char *safe = check_sanitize(in);
	check_fit(safe, cols);
	check_wrap(safe, cols);
	free(safe);
	char *text = paragraphs(in);
	check_wrap(text, cols);
	free(text);
	free(in);
	return 0;
}
