/* fuzz-identity: who a name is, on arbitrary bytes. The first byte picks
 * an invisible character (a default-ignorable or a bidi control) and the
 * place it is put in at; the rest is the name. text_clean_name and
 * text_name_key must keep the promises of text.h:
 *  - a cleaned name is valid UTF-8 without control or invisible characters,
 *    at most TEXT_NAME_MAX characters, trimmed, not empty;
 *  - a key exists for every valid name, is valid, trimmed, without double
 *    spaces, controls or invisible characters;
 *  - the cleaned name is the same signer as the name typed;
 *  - an invisible character put anywhere does not change the signer;
 *  - for ASCII names, case does not change the signer. */
#include <stddef.h>
#include <stdint.h>

#include <unictype.h>

#include "fuzz-check.h"
#include "tapla/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const invisibles[] = {
	"\xe2\x80\x8b", "\xe2\x80\x8d", "\xe2\x81\xa0", "\xc2\xad",
	"\xef\xbb\xbf", "\xef\xb8\x8f", "\xf3\xa0\x81\x81", "\xe3\x85\xa4",
	"\xe2\x80\xae", "\xe2\x81\xa7", "\xe2\x80\x8f", "\xcd\x8f",
	"\xe1\xa0\x8b", "\xd8\x9c", "\xe2\xa0\x80", "\xef\xbe\xa0",
};
#define NINVISIBLES (sizeof invisibles / sizeof invisibles[0])

/* True if valid s[0..n) holds a default-ignorable or bidi control. */
static bool has_invisible(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		ucs4_t c;
		int l = u8_mbtouc(&c, (const uint8_t *)s + i, n - i);
		if (uc_is_property_default_ignorable_code_point(c) ||
		    uc_is_property_bidi_control(c))
			return true;
		i += l > 0 ? (size_t)l : 1;
	}
	return false;
}

/* The key of a valid name: exists, valid, trimmed, single spaces, no
 * control or invisible character. The caller frees it. */
static char *check_key(const char *in)
{
	char *key = text_name_key(in);
	if (!text_valid_utf8(in, strlen(in))) {
		FUZZ_CHECK(key == NULL);
		return NULL;
	}
	FUZZ_CHECK(key != NULL);
	size_t n = strlen(key);
	FUZZ_CHECK(text_valid_utf8(key, n));
	FUZZ_CHECK(!fuzz_has_control(key, n));
	FUZZ_CHECK(!has_invisible(key, n));
	FUZZ_CHECK(n == 0 || (key[0] != ' ' && key[n - 1] != ' '));
	FUZZ_CHECK(strstr(key, "  ") == NULL);
	return key;
}

/* A cleaned name keeps the rules and is the signer of what was typed. */
static void check_clean_name(const char *in, const char *key)
{
	char *out = (char *)"unset";
	enum text_status st = text_clean_name(in, &out);
	if (st != TEXT_OK) {
		FUZZ_CHECK(out == NULL);
		FUZZ_CHECK(text_status_message(st)[0] != '\0');
		return;
	}
	size_t n = strlen(out);
	FUZZ_CHECK(n > 0);
	FUZZ_CHECK(text_valid_utf8(out, n));
	FUZZ_CHECK(!fuzz_has_control(out, n));
	FUZZ_CHECK(!has_invisible(out, n));
	FUZZ_CHECK(text_chars(out, n) <= TEXT_NAME_MAX);
	char *again = text_name_key(out);
	FUZZ_CHECK(again != NULL && key != NULL && strcmp(again, key) == 0);
	free(again);
	free(out);
}

/* in with the invisible x put in at code point boundary `at` (or the
 * end): the same signer. */
static void check_invisible_inserted(const char *in, const char *key,
				     const char *x, size_t at)
{
	size_t n = strlen(in);
	if (at > n)
		at = n;
	while (at > 0 && at < n && ((unsigned char)in[at] & 0xc0) == 0x80)
		at--;
	size_t xl = strlen(x);
	char *s = malloc(n + xl + 1);
	FUZZ_CHECK(s != NULL);
	memcpy(s, in, at);
	memcpy(s + at, x, xl);
	memcpy(s + at + xl, in + at, n - at + 1);
	char *k = text_name_key(s);
	FUZZ_CHECK(k != NULL && strcmp(k, key) == 0);
	free(k);
	free(s);
}

/* An ASCII name in lower case is the same signer. */
static void check_ascii_case(const char *in, const char *key)
{
	size_t n = strlen(in);
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)in[i] >= 0x80)
			return;
	char *low = fuzz_cstr((const uint8_t *)in, n);
	for (size_t i = 0; i < n; i++)
		if (low[i] >= 'A' && low[i] <= 'Z')
			low[i] = (char)(low[i] - 'A' + 'a');
	char *k = text_name_key(low);
	FUZZ_CHECK(k != NULL && strcmp(k, key) == 0);
	free(k);
	free(low);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 4096)
		return 0;  /* names are short; long inputs only slow the search */
	unsigned pick = size > 0 ? data[0] : 0;
	char *in = fuzz_cstr(size > 0 ? data + 1 : data, size > 0 ? size - 1 : 0);
	char *key = check_key(in);
	if (key) {
		check_clean_name(in, key);
		check_invisible_inserted(in, key, invisibles[pick % NINVISIBLES],
					 pick / NINVISIBLES);
		check_ascii_case(in, key);
	}
	free(key);
	free(in);
	return 0;
}
