/* text: UTF-8 validation, cleaning, sanitizing and display width (see
 * text.h); names and signer keys are in text-identity.c. The Unicode
 * tables are libunistring's. */
#include "tapla/text.h"
#include "text-int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <unictype.h>
#include <unigbrk.h>
#include <uninorm.h>
#include <unistr.h>
#include <uniwidth.h>

#include "tapla/i18n.h"

#define ESC 0x1b
#define BEL 0x07
#define CAN 0x18
#define SUB 0x1a

/* More bytes than this per allowed character cannot be a text within its
 * limit even after NFC composes it (a letter with several marks, 4 bytes
 * each, is far below): refused before a 50 MB field is normalized. */
#define BYTES_PER_CHAR_MAX 64

/* The C1 introducers of escape sequences (as code points). */
#define C1_DCS 0x90
#define C1_SOS 0x98
#define C1_CSI 0x9b
#define C1_ST 0x9c
#define C1_OSC 0x9d
#define C1_PM 0x9e
#define C1_APC 0x9f

bool text_valid_utf8(const char *s, size_t n)
{
	if (!s)
		return n == 0;
	return u8_check(u8(s), n) == NULL;
}

/* C0 (tab included), DEL and C1: never stored, never drawn as such. */
static bool is_control(ucs4_t c)
{
	return c < 0x20 || (c >= 0x7f && c <= 0x9f);
}

/* White space by Unicode's property (space, NBSP, ideographic space...). */
static bool is_space(ucs4_t c)
{
	return uc_is_property_white_space(c);
}

/* True if valid s[0..n) holds a control character. */
static bool has_control(const char *s, size_t n)
{
	ucs4_t c;
	for (size_t i = 0; i < n;) {
		i += text_decode(s + i, n - i, &c);
		if (is_control(c))
			return true;
	}
	return false;
}

/* Bytes of leading white space in valid s[0..n). */
static size_t leading_space(const char *s, size_t n)
{
	size_t i = 0;
	ucs4_t c;
	while (i < n) {
		size_t len = text_decode(s + i, n - i, &c);
		if (!is_space(c))
			break;
		i += len;
	}
	return i;
}

/* Length of valid s[0..n) without its trailing white space. */
static size_t trimmed_end(const char *s, size_t n)
{
	while (n > 0) {
		ucs4_t c;
		const uint8_t *prev = u8_prev(&c, u8(s) + n, u8(s));
		if (!prev || !is_space(c))
			break;
		n = (size_t)(prev - u8(s));
	}
	return n;
}

/* s[0..n) in NFC as a new NUL-terminated string, or NULL on no memory. */
static char *nfc_copy(const char *s, size_t n, size_t *outlen)
{
	size_t len = 0;
	uint8_t *r = u8_normalize(UNINORM_NFC, u8(s), n, NULL, &len);
	char *z = text_terminated(r, len);
	if (z)
		*outlen = len;
	return z;
}

char *text_terminated(uint8_t *r, size_t len)
{
	if (!r)
		return NULL;
	char *z = realloc(r, len + 1);
	if (!z) {
		free(r);
		return NULL;
	}
	z[len] = '\0';
	return z;
}

/* Bidi embeddings, overrides and isolates (U+202A..U+202E, U+2066..U+2069):
 * invisible, and their only effect is to reorder the text drawn after them
 * (a note or title shown backwards in an HTML report). */
static bool is_bidi_format(ucs4_t c)
{
	return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

/* Valid s[0..n) without its bidi formatting characters, as a new string
 * (length in *len); NULL on no memory. */
static char *drop_bidi_format(const char *s, size_t n, size_t *len)
{
	char *out = malloc(n + 1);
	if (!out)
		return NULL;
	size_t o = 0;
	ucs4_t c;
	for (size_t i = 0; i < n;) {
		size_t l = text_decode(s + i, n - i, &c);
		if (!is_bidi_format(c)) {
			memcpy(out + o, s + i, l);
			o += l;
		}
		i += l;
	}
	out[o] = '\0';
	*len = o;
	return out;
}

/* text_clean of valid s[0..n) without controls: trimmed, NFC, limited. */
static enum text_status clean_valid(const char *s, size_t n, size_t max_chars,
				    char **out)
{
	size_t start = leading_space(s, n);
	size_t end = start + trimmed_end(s + start, n - start);
	if (end == start)
		return TEXT_EMPTY;
	size_t len = 0;
	char *r = nfc_copy(s + start, end - start, &len);
	if (!r)
		return TEXT_NOMEM;
	if (text_chars(r, len) > max_chars) {
		free(r);
		return TEXT_TOO_LONG;
	}
	*out = r;
	return TEXT_OK;
}

enum text_status text_clean(const char *in, size_t max_chars, char **out)
{
	*out = NULL;
	if (!in)
		return TEXT_EMPTY;
	size_t n = strlen(in);
	if (n / BYTES_PER_CHAR_MAX > max_chars)
		return TEXT_TOO_LONG;
	if (!text_valid_utf8(in, n))
		return TEXT_BAD_UTF8;
	if (has_control(in, n))
		return TEXT_CONTROL;
	char *plain = drop_bidi_format(in, n, &n);
	if (!plain)
		return TEXT_NOMEM;
	enum text_status st = clean_valid(plain, n, max_chars, out);
	free(plain);
	return st;
}

const char *text_status_message(enum text_status st)
{
	switch (st) {
	case TEXT_OK:
		return "";
	case TEXT_EMPTY:
		return _("The text is empty; type at least one letter.");
	case TEXT_TOO_LONG:
		return _("The text is too long; shorten it and try again.");
	case TEXT_BAD_UTF8:
		return _("The text is not valid UTF-8; check the character encoding of the terminal or the file.");
	case TEXT_CONTROL:
		return _("The text contains control characters or escape sequences; use plain text only.");
	case TEXT_MIXED_SCRIPT:
		return _("The name mixes letters of different scripts (such as Latin with Cyrillic or Greek), which lets two names look alike; type it in one script.");
	case TEXT_NOMEM:
		return _("There is not enough memory for the text; close other programs and try again.");
	}
	return _("The text could not be used; type it again.");
}

/* Copies s[0..n) to out with white space trimmed and inner runs made one
 * space; returns the bytes written (never more than n). */
static size_t collapse_space(const char *s, size_t n, char *out)
{
	size_t o = 0;
	bool pending = false;
	ucs4_t c;
	for (size_t i = 0; i < n;) {
		size_t len = text_decode(s + i, n - i, &c);
		if (is_space(c)) {
			pending = o > 0;
		} else {
			if (pending)
				out[o++] = ' ';
			pending = false;
			memcpy(out + o, s + i, len);
			o += len;
		}
		i += len;
	}
	return o;
}

char *text_fold_key(const char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s);
	if (!text_valid_utf8(s, n))
		return NULL;
	size_t len = 0;
	uint8_t *folded = u8_casefold(u8(s), n, NULL, UNINORM_NFC, NULL, &len);
	if (!folded)
		return NULL;
	char *key = malloc(len + 1);
	if (key)
		key[collapse_space((const char *)folded, len, key)] = '\0';
	free(folded);
	return key;
}

/* Length of a CSI's body after its introducer: parameter and intermediate
 * bytes up to and including the final byte; a stray byte ends it early. */
static size_t csi_body_len(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char b = (unsigned char)s[i];
		if (b >= 0x40 && b <= 0x7e)
			return i + 1;
		if (b < 0x20 || b > 0x7e)
			return i;
	}
	return n;
}

/* Length of a control string's body (OSC, DCS, SOS, PM, APC) including its
 * terminator: BEL, ESC \, C1 ST, or CAN/SUB which abort it. */
static size_t string_body_len(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char b = (unsigned char)s[i];
		if (b == BEL || b == CAN || b == SUB)
			return i + 1;
		if (b == ESC && i + 1 < n && s[i + 1] == '\\')
			return i + 2;
		if (b == 0xc2 && i + 1 < n && (unsigned char)s[i + 1] == C1_ST)
			return i + 2;
	}
	return n;
}

/* True for the introducers of control strings after ESC: P X ] ^ _. */
static bool is_string_intro(unsigned char b)
{
	return b == 'P' || b == 'X' || b == ']' || b == '^' || b == '_';
}

/* Length of an ESC sequence at s (s[0] is ESC): CSI, a control string, or
 * intermediates and a final byte. A lone ESC is 1. */
static size_t esc_len(const char *s, size_t n)
{
	if (n < 2)
		return 1;
	unsigned char b = (unsigned char)s[1];
	if (b == '[')
		return 2 + csi_body_len(s + 2, n - 2);
	if (is_string_intro(b))
		return 2 + string_body_len(s + 2, n - 2);
	size_t i = 1;
	while (i < n && (unsigned char)s[i] >= 0x20 && (unsigned char)s[i] <= 0x2f)
		i++;
	if (i < n && (unsigned char)s[i] >= 0x30 && (unsigned char)s[i] <= 0x7e)
		return i + 1;
	return i;
}

/* Length of a sequence introduced by a C1 control encoded as UTF-8 (two
 * bytes, C2 80..C2 9F). Other C1 controls are 2 bytes alone. */
static size_t c1_len(const char *s, size_t n)
{
	unsigned char b = (unsigned char)s[1];
	if (b == C1_CSI)
		return 2 + csi_body_len(s + 2, n - 2);
	if (b == C1_OSC || b == C1_DCS || b == C1_SOS || b == C1_PM || b == C1_APC)
		return 2 + string_body_len(s + 2, n - 2);
	return 0;
}

size_t text_escape_len(const char *s, size_t n)
{
	if (n == 0)
		return 0;
	if ((unsigned char)s[0] == ESC)
		return esc_len(s, n);
	if (n >= 2 && (unsigned char)s[0] == 0xc2)
		return c1_len(s, n);
	return 0;
}

/* Appends the UTF-8 of U+FFFD. */
static size_t put_replacement(char *out)
{
	memcpy(out, "\xef\xbf\xbd", 3);
	return 3;
}

/* Is the control c at s[i..n) kept by a line-keeping sanitize: a newline,
 * a tab, or a carriage return just before a newline? */
static bool kept_in_lines(ucs4_t c, const char *s, size_t i, size_t n)
{
	return c == '\n' || c == '\t' ||
	       (c == '\r' && i + 1 < n && s[i + 1] == '\n');
}

/* Where the line holding s[i] ends in s[0..n): its newline, or n. */
static size_t line_end(const char *s, size_t n, size_t i)
{
	const char *nl = memchr(s + i, '\n', n - i);
	return nl ? (size_t)(nl - s) : n;
}

/* text_sanitize of s[0..n) into out (room for 3n bytes); returns the bytes
 * written. If `lines`, line breaks and tabs are kept and an escape
 * sequence never reaches past the end of its line (an unterminated OSC in
 * one name does not swallow the rows after it). */
static size_t sanitize_into(const char *s, size_t n, bool lines, char *out)
{
	size_t o = 0, end = lines ? line_end(s, n, 0) : n;
	for (size_t i = 0; i < n;) {
		if (lines && i > end)
			end = line_end(s, n, i);
		size_t esc = text_escape_len(s + i, (i < end ? end : n) - i);
		if (esc > 0) {
			i += esc;
			continue;
		}
		ucs4_t c;
		int len = u8_mbtoucr(&c, u8(s + i), n - i);
		if (len < 0) {
			o += put_replacement(out + o);
			i++;
		} else if (is_control(c) && !(lines && kept_in_lines(c, s, i, n))) {
			out[o++] = ' ';
			i += (size_t)len;
		} else {
			memcpy(out + o, s + i, (size_t)len);
			o += (size_t)len;
			i += (size_t)len;
		}
	}
	return o;
}

/* Shrinks a sanitized copy to its length (keeping it if realloc fails). */
static char *finish(char *out, size_t o)
{
	out[o] = '\0';
	char *shrunk = realloc(out, o + 1);
	return shrunk ? shrunk : out;
}

char *text_sanitize(const char *s)
{
	if (!s)
		s = "";
	size_t n = strlen(s);
	char *out = malloc(n * 3 + 1);
	if (!out)
		return NULL;
	return finish(out, sanitize_into(s, n, false, out));
}

char *text_sanitize_lines(const char *s, size_t n, size_t *outlen)
{
	if (n > (SIZE_MAX - 1) / 3)
		return NULL;
	char *out = malloc(n * 3 + 1);
	if (!out)
		return NULL;
	*outlen = sanitize_into(s ? s : "", s ? n : 0, true, out);
	return finish(out, *outlen);
}

/* Columns of one code point; what cannot be printed is drawn as one cell. */
static size_t cp_width(ucs4_t c)
{
	int w = uc_width(c, "UTF-8");
	return w < 0 ? 1 : (size_t)w;
}

size_t text_width_n(const char *s, size_t n)
{
	size_t w = 0;
	ucs4_t c;
	for (size_t i = 0; i < n;) {
		i += text_decode(s + i, n - i, &c);
		w += cp_width(c);
	}
	return w;
}

size_t text_width(const char *s)
{
	return s ? text_width_n(s, strlen(s)) : 0;
}

size_t text_next_char(const char *s, size_t n, size_t at)
{
	if (at >= n)
		return n;
	const uint8_t *next = u8_grapheme_next(u8(s) + at, u8(s) + n);
	return next ? (size_t)(next - u8(s)) : n;
}

size_t text_prev_char(const char *s, size_t at)
{
	if (at == 0)
		return 0;
	const uint8_t *prev = u8_grapheme_prev(u8(s) + at, u8(s));
	return prev ? (size_t)(prev - u8(s)) : 0;
}

size_t text_fit(const char *s, size_t cols, size_t *width)
{
	size_t n = s ? strlen(s) : 0;
	size_t at = 0, w = 0;
	while (at < n) {
		size_t next = text_next_char(s, n, at);
		size_t cw = text_width_n(s + at, next - at);
		if (w + cw > cols)
			break;
		w += cw;
		at = next;
	}
	if (width)
		*width = w;
	return at;
}

size_t text_chars(const char *s, size_t n)
{
	return s ? u8_mbsnlen(u8(s), n) : 0;
}

/* Where text_wrap writes its lines and counts them. */
struct wrap_out {
	size_t *starts;
	size_t *lens;
	size_t max;
	size_t count;
};

/* Records one line [start, end) with its trailing spaces left off. */
static void wrap_emit(struct wrap_out *w, const char *s, size_t start, size_t end)
{
	while (end > start && s[end - 1] == ' ')
		end--;
	if (w->count < w->max) {
		w->starts[w->count] = start;
		w->lens[w->count] = end - start;
	}
	w->count++;
}

/* Offset of the first byte after the spaces at s[at..end). */
static size_t skip_spaces(const char *s, size_t at, size_t end)
{
	while (at < end && s[at] == ' ')
		at++;
	return at;
}

/* Fills one line from s[at..end) and returns where the next line starts:
 * after the last space that fits, or (for a long word) after the last
 * character that fits; always at least one character. */
static size_t wrap_line(struct wrap_out *w, const char *s, size_t at,
			size_t end, size_t cols)
{
	size_t start = at, width = 0, brk = 0;
	bool word_seen = false;
	while (at < end) {
		size_t next = text_next_char(s, end, at);
		size_t cw = text_width_n(s + at, next - at);
		bool space = s[at] == ' ';
		if (space && word_seen)
			brk = at;
		if (width + cw > cols) {
			if (space) {
				wrap_emit(w, s, start, at);
				return skip_spaces(s, at, end);
			}
			if (brk > start) {
				wrap_emit(w, s, start, brk);
				return skip_spaces(s, brk, end);
			}
			if (at == start)
				at = next;
			wrap_emit(w, s, start, at);
			return at;
		}
		word_seen = word_seen || !space;
		width += cw;
		at = next;
	}
	wrap_emit(w, s, start, end);
	return end;
}

/* Wraps one paragraph s[at..end) (no newlines): at least one line. */
static void wrap_paragraph(struct wrap_out *w, const char *s, size_t at,
			   size_t end, size_t cols)
{
	at = wrap_line(w, s, at, end, cols);
	while (at < end)
		at = wrap_line(w, s, at, end, cols);
}

size_t text_wrap(const char *s, size_t cols, size_t *starts, size_t *lens,
		 size_t max)
{
	struct wrap_out w = { starts, lens, starts && lens ? max : 0, 0 };
	size_t n = s ? strlen(s) : 0;
	if (n == 0)
		return 0;
	size_t at = 0;
	for (;;) {
		const char *nl = memchr(s + at, '\n', n - at);
		size_t end = nl ? (size_t)(nl - s) : n;
		wrap_paragraph(&w, s, at, end, cols);
		if (!nl)
			break;
		at = end + 1;
	}
	return w.count;
}
