/* text-identity: who a name is — cleaning a person's name and the key under
 * which two names are one signer (see text.h).
 *
 * Which characters look alike across scripts (Cyrillic "а" and Latin "a",
 * Greek "Α" and "A") and which scripts may be mixed in one name are Unicode
 * TR39's confusables data and restriction levels: thousands of pairs that
 * change with every Unicode release. ICU's spoof checker carries that data
 * and keeps it current; a table of our own would be incomplete on day one
 * and stale after. Invisible characters are libunistring's properties
 * (Default_Ignorable_Code_Point, Bidi_Control). No I/O: ICU reads its data
 * from the library itself. */
#include "tapla/text.h"
#include "text-int.h"

#include <stdint.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include <unicode/uspoof.h>

/* Longest text, in bytes, that is keyed or checked: ICU counts in int32_t. */
#define IDENTITY_MAX_BYTES (1u << 26)

#define BRAILLE_BLANK 0x2800

/* The one spoof checker, opened on first use (ICU's data is compiled in,
 * so this cannot fail but for memory); NULL if it could not be opened. */
static USpoofChecker *checker(void)
{
	static USpoofChecker *sc;
	if (sc)
		return sc;
	UErrorCode e = U_ZERO_ERROR;
	USpoofChecker *c = uspoof_open(&e);
	if (U_FAILURE(e))
		return NULL;
	uspoof_setChecks(c, USPOOF_RESTRICTION_LEVEL, &e);
	/* Highly restrictive: one script, or Latin with the Han, kana and
	 * Hangul that Chinese, Japanese and Korean names mix with it; not
	 * Latin with Cyrillic, Greek, Armenian, Cherokee... (look-alikes). */
	uspoof_setRestrictionLevel(c, USPOOF_HIGHLY_RESTRICTIVE);
	if (U_FAILURE(e)) {
		uspoof_close(c);
		return NULL;
	}
	sc = c;
	return sc;
}

/* ICU's skeleton of each printable ASCII character, asked once. A TR39
 * skeleton maps a text code point by code point, so the skeleton of an
 * ASCII text whose characters' skeletons are ASCII is those skeletons in a
 * row: the same answer without ICU's conversions for every name of an
 * import. ICU's data, not a table of ours. */
struct ascii_skeletons {
	bool ready;
	bool usable[128];    /* the entry is ASCII and fits (not "%") */
	char map[128][8];
};

/* Fills the ASCII skeletons from ICU on first use. */
static const struct ascii_skeletons *ascii_skeletons(USpoofChecker *sc)
{
	static struct ascii_skeletons t;
	if (t.ready)
		return &t;
	for (int c = 0x20; c < 0x7f; c++) {
		char in[2] = { (char)c, '\0' };
		UErrorCode e = U_ZERO_ERROR;
		int32_t n = uspoof_getSkeletonUTF8(sc, 0, in, 1, t.map[c],
						   (int32_t)sizeof t.map[c], &e);
		bool ok = U_SUCCESS(e) && n > 0 && n < (int32_t)sizeof t.map[c];
		for (int32_t i = 0; ok && i < n; i++)
			ok = (unsigned char)t.map[c][i] < 0x80;
		t.usable[c] = ok;
	}
	t.ready = true;
	return &t;
}

/* Characters that draw as nothing (or as a blank that is not white space)
 * and so let one person sign twice under what looks like one name. */
static bool is_invisible(ucs4_t c)
{
	return uc_is_property_default_ignorable_code_point(c) ||
	       uc_is_property_bidi_control(c) || c == BRAILLE_BLANK;
}

/* C0 (tab included), DEL and C1. */
static bool is_control(ucs4_t c)
{
	return c < 0x20 || (c >= 0x7f && c <= 0x9f);
}

/* valid s[0..n) without its invisible characters (and its control
 * characters too if `controls`), as a new NUL-terminated string (length in
 * *len); NULL on no memory. */
static char *strip_invisible(const char *s, size_t n, bool controls,
			     size_t *len)
{
	char *out = malloc(n + 1);
	if (!out)
		return NULL;
	size_t o = 0;
	for (size_t i = 0; i < n;) {
		ucs4_t c;
		size_t l = text_decode(s + i, n - i, &c);
		if (!is_invisible(c) && !(controls && is_control(c))) {
			memcpy(out + o, s + i, l);
			o += l;
		}
		i += l;
	}
	out[o] = '\0';
	*len = o;
	return out;
}

/* The TR39 skeleton of valid s[0..n) as a new string; NULL on failure. */
static char *skeleton(const char *s, size_t n, size_t *len)
{
	USpoofChecker *sc = checker();
	if (!sc || n > IDENTITY_MAX_BYTES)
		return NULL;
	/* Room for the usual skeleton, so one call does (m is rn: it grows). */
	int32_t cap = (int32_t)(2 * n + 16);
	for (int attempt = 0; attempt < 2; attempt++) {
		char *out = malloc((size_t)cap + 1);
		if (!out)
			return NULL;
		UErrorCode e = U_ZERO_ERROR;
		int32_t need = uspoof_getSkeletonUTF8(sc, 0, s, (int32_t)n, out,
						      cap + 1, &e);
		if (U_SUCCESS(e) && need <= cap) {
			out[need] = '\0';
			*len = (size_t)need;
			return out;
		}
		free(out);
		if (U_FAILURE(e) && e != U_BUFFER_OVERFLOW_ERROR)
			return NULL;
		cap = need;  /* too small by one (no room for the NUL) or more */
	}
	return NULL;
}

/* The ASCII letter a lower-case letter of another script stands for when
 * it looks like one whose capital does not look like the Latin capital
 * (Cyrillic "һ" is "h" but "Һ" is not "H"; Greek "ν" is "v" but "Ν" is
 * "N"); 0 for none. */
static char lowercase_twin(ucs4_t c)
{
	if (c < 0x80 || !uc_is_general_category(c, UC_LOWERCASE_LETTER))
		return 0;
	uint8_t buf[6];
	int l = u8_uctomb(buf, c, sizeof buf);
	size_t len = 0;
	char *sk = l > 0 ? skeleton((const char *)buf, (size_t)l, &len) : NULL;
	char twin = sk && len == 1 && ((sk[0] >= 'a' && sk[0] <= 'z') ||
				       (sk[0] >= 'A' && sk[0] <= 'Z')) ? sk[0] : 0;
	free(sk);
	return twin;
}

/* s (NFKD) with every lower-case look-alike replaced by its ASCII twin, in
 * place (a twin is never longer than the letter); returns the new length. */
static size_t latinize_lowercase(char *s, size_t n)
{
	size_t o = 0;
	for (size_t i = 0; i < n;) {
		ucs4_t c;
		size_t l = text_decode(s + i, n - i, &c);
		char twin = lowercase_twin(c);
		if (twin) {
			s[o++] = twin;
		} else {
			memmove(s + o, s + i, l);
			o += l;
		}
		i += l;
	}
	return o;
}

/* Case-folded, white space collapsed (text_fold_key), then upper case
 * (capitals are where Latin, Cyrillic and Greek look most alike; the
 * skeleton normalizes after); a new string or NULL. */
static char *fold_upper(const char *s, size_t *len)
{
	char *folded = text_fold_key(s);
	if (!folded)
		return NULL;
	uint8_t *upper = u8_toupper(u8(folded), strlen(folded), NULL, NULL, NULL,
				    len);
	free(folded);
	return text_terminated(upper, *len);
}

/* Is s[0..n) all ASCII (no decomposition, no look-alike of another
 * script, one script)? */
static bool is_ascii(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return false;
	return true;
}

/* NFKD of valid s[0..n) as a new string, or NULL. */
static char *nfkd(const char *s, size_t n, size_t *len)
{
	uint8_t *r = u8_normalize(UNINORM_NFKD, u8(s), n, NULL, len);
	if (!r && n == 0)
		return calloc(1, 1);
	return text_terminated(r, *len);
}

/* text_name_key of visible ASCII s[0..n) (no controls): upper case,
 * spaces collapsed, each character's skeleton from the table. NULL when the
 * table cannot serve a character (then ICU does it whole) or on no
 * memory. */
static char *ascii_key(const char *s, size_t n)
{
	USpoofChecker *sc = checker();
	const struct ascii_skeletons *t = sc ? ascii_skeletons(sc) : NULL;
	if (!t)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && !t->usable[(unsigned char)s[i]])
			return NULL;
	char *out = malloc(n * (sizeof t->map[0] - 1) + 1);
	if (!out)
		return NULL;
	size_t o = 0;
	bool pending = false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ') {
			pending = o > 0;
			continue;
		}
		if (pending)
			out[o++] = ' ';
		pending = false;
		if (c >= 'a' && c <= 'z')
			c = (unsigned char)(c - 'a' + 'A');
		size_t l = strlen(t->map[c]);
		memcpy(out + o, t->map[c], l);
		o += l;
	}
	out[o] = '\0';
	return out;
}

/* The key of valid name[0..n), computed. */
static char *compute_key(const char *name, size_t n)
{
	size_t len = 0;
	char *visible = strip_invisible(name, n, true, &len);
	if (visible && is_ascii(visible, len)) {
		char *key = ascii_key(visible, len);
		if (key) {
			free(visible);
			return key;
		}
	}
	char *decomposed = visible ? nfkd(visible, len, &len) : NULL;
	free(visible);
	if (!decomposed)
		return NULL;
	decomposed[latinize_lowercase(decomposed, len)] = '\0';
	char *upper = fold_upper(decomposed, &len);
	free(decomposed);
	char *key = upper ? skeleton(upper, len, &len) : NULL;
	free(upper);
	return key;
}

/* The last name keyed and its key: an import's rows repeat one name for
 * each of its cells, and the skeleton is the dear part. */
static struct {
	char *name;
	char *key;
} last;

/* Remembers name -> key (a failed copy only forgets). */
static void remember(const char *name, size_t n, const char *key)
{
	free(last.name);
	free(last.key);
	last.name = malloc(n + 1);
	last.key = strdup(key);
	if (!last.name || !last.key) {
		free(last.name);
		free(last.key);
		last.name = last.key = NULL;
		return;
	}
	memcpy(last.name, name, n + 1);
}

/* The phone server keys names on several threads at once: the cache, the
 * lazily made ICU checker and the ASCII skeleton table are shared, so one
 * lock covers every use of them (a key takes microseconds). */
static pthread_mutex_t identity_lock = PTHREAD_MUTEX_INITIALIZER;

/* text_name_key under identity_lock. */
static char *name_key_locked(const char *name, size_t n)
{
	if (last.name && strcmp(last.name, name) == 0)
		return strdup(last.key);
	char *key = compute_key(name, n);
	if (key && n <= TEXT_NAME_MAX * 8)
		remember(name, n, key);
	return key;
}

char *text_name_key(const char *name)
{
	if (!name)
		return NULL;
	size_t n = strlen(name);
	if (n > IDENTITY_MAX_BYTES || !text_valid_utf8(name, n))
		return NULL;
	pthread_mutex_lock(&identity_lock);
	char *key = name_key_locked(name, n);
	pthread_mutex_unlock(&identity_lock);
	return key;
}

/* mixes_scripts under identity_lock. */
static bool mixes_scripts_locked(const char *s, enum text_status *st)
{
	USpoofChecker *sc = checker();
	size_t n = strlen(s);
	if (!sc || n > IDENTITY_MAX_BYTES) {
		*st = TEXT_NOMEM;
		return true;
	}
	UErrorCode e = U_ZERO_ERROR;
	int32_t r = uspoof_check2UTF8(sc, s, (int32_t)n, NULL, &e);
	if (U_FAILURE(e)) {
		*st = TEXT_NOMEM;
		return true;
	}
	*st = TEXT_MIXED_SCRIPT;
	return (r & USPOOF_RESTRICTION_LEVEL) != 0;
}

/* True if valid, NUL-terminated s mixes scripts that look alike. */
static bool mixes_scripts(const char *s, enum text_status *st)
{
	pthread_mutex_lock(&identity_lock);
	bool mixed = mixes_scripts_locked(s, st);
	pthread_mutex_unlock(&identity_lock);
	return mixed;
}

char *text_drop_invisible(const char *s)
{
	size_t n = s ? strlen(s) : 0, len = 0;
	if (!s || !text_valid_utf8(s, n))
		return NULL;
	return strip_invisible(s, n, false, &len);
}

enum text_status text_clean_name(const char *in, char **out)
{
	*out = NULL;
	if (!in)
		return TEXT_EMPTY;
	size_t n = strlen(in);
	if (!text_valid_utf8(in, n))
		return TEXT_BAD_UTF8;
	size_t len = 0;
	char *visible = strip_invisible(in, n, false, &len);
	if (!visible)
		return TEXT_NOMEM;
	char *clean = NULL;
	enum text_status st = text_clean(visible, TEXT_NAME_MAX, &clean);
	free(visible);
	if (st != TEXT_OK)
		return st;
	if (!is_ascii(clean, strlen(clean)) && mixes_scripts(clean, &st)) {
		free(clean);
		return st;
	}
	*out = clean;
	return TEXT_OK;
}
