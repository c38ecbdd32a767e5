/* text: UTF-8 validation, cleaning, comparison keys and display width.
 *
 * Pure functions, no I/O. Everything that comes from a user (command line,
 * keyboard, template file, CSV) passes text_clean() before it is stored, and
 * everything that is drawn passes text_sanitize() or is known clean. Widths
 * are terminal columns (ä = 1, 漢 = 2, combining marks = 0), never bytes. */
#ifndef TAPLA_TEXT_H
#define TAPLA_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* Limits in characters (code points) for fields users type. */
#define TEXT_NAME_MAX 60
#define TEXT_NOTE_MAX 280
#define TEXT_TITLE_MAX 120

enum text_status {
	TEXT_OK = 0,
	TEXT_EMPTY,     /* nothing but white space */
	TEXT_TOO_LONG,  /* more than max_chars characters */
	TEXT_BAD_UTF8,  /* not valid UTF-8 (overlong, surrogate, truncated...) */
	TEXT_CONTROL,   /* a control character or escape sequence */
	TEXT_NOMEM,
	TEXT_MIXED_SCRIPT,  /* a name mixing scripts (text_clean_name) */
};

/* True if s[0..n) is valid UTF-8 (no overlongs, surrogates or > U+10FFFF). */
bool text_valid_utf8(const char *s, size_t n);

/* Cleans one field a user typed: must be valid UTF-8 without control
 * characters (C0, DEL, C1; a tab counts as one); bidi embeddings,
 * overrides and isolates (U+202A..U+202E, U+2066..U+2069) are dropped;
 * surrounding white space is trimmed, inner runs of white space are kept;
 * the result is NFC and at most max_chars characters. On TEXT_OK *out is a new string the caller frees;
 * otherwise *out is NULL and nothing was allocated. */
enum text_status text_clean(const char *in, size_t max_chars, char **out);

/* One sentence (translated) saying what is wrong and what to do, for the
 * status above; "" for TEXT_OK. */
const char *text_status_message(enum text_status st);

/* s in NFC, case-folded, white space trimmed and inner runs collapsed to
 * one space: for matching words typed in any case (level names). Not for
 * people: two names are one signer by text_name_key. NULL on bad UTF-8 or
 * no memory; the caller frees it. */
char *text_fold_key(const char *s);

/* Cleans a person's name (typed or read from a file): default-ignorable
 * characters (zero-width spaces and joiners, soft hyphen, BOM, variation
 * selectors, tag characters, Hangul fillers...) and bidi controls (LRO,
 * RLO, isolates...) are removed, then text_clean with TEXT_NAME_MAX applies.
 * A name mixing scripts (Latin with Cyrillic, Greek, Armenian...: more
 * than the highly restrictive level of Unicode TR39 allows, which keeps
 * one script, or Latin with Han, kana or Hangul) is TEXT_MIXED_SCRIPT. Same
 * ownership rules as text_clean. (text-identity.c, ICU's spoof checker.) */
enum text_status text_clean_name(const char *in, char **out);

/* A copy of valid UTF-8 s without the invisible characters and bidi
 * controls text_clean_name drops (nothing else changes); NULL on bad UTF-8
 * or no memory. For names stored before they were dropped. */
char *text_drop_invisible(const char *s);

/* Key under which two names are the same signer, so that names that look
 * alike share it: invisible characters and bidi controls dropped,
 * compatibility forms (fullwidth...) unified, case folded, white space
 * trimmed and inner runs one space, then the confusable skeleton of Unicode
 * TR39 (Cyrillic "а" and Greek "Α" as Latin "a"). Letters with diacritics
 * stay apart from those without (ä is not a). NULL on bad UTF-8 or no
 * memory. The caller frees it. Never holds a control or default-ignorable
 * character. The last name's key is remembered (an import repeats a name
 * row after row). (text-identity.c.) */
char *text_name_key(const char *name);

/* A copy safe to draw: invalid bytes become U+FFFD, escape sequences
 * (ESC ... final byte, CSI, OSC...) are removed whole, other control
 * characters become a space. Never NULL unless out of memory. */
char *text_sanitize(const char *s);

/* text_sanitize for a whole output of n bytes (NULs included) bound for a
 * terminal: the same, but newlines, tabs and a carriage return before a
 * newline are kept. *outlen gets the length; NULL on no memory. */
char *text_sanitize_lines(const char *s, size_t n, size_t *outlen);

/* Display width of a valid UTF-8 string in terminal columns; a
 * non-printable character counts as 1 (it is drawn as a replacement). */
size_t text_width(const char *s);
/* The same for the n bytes s[0..n) (need not be NUL-terminated). */
size_t text_width_n(const char *s, size_t n);

/* Bytes of the escape sequence that starts at s[0..n): ESC and what
 * follows (CSI up to its final byte, OSC/DCS/APC... up to BEL or ST,
 * ESC + intermediates + final), or a C1 introducer (U+009B CSI, U+009D
 * OSC...) encoded as UTF-8. 0 if s does not start one. */
size_t text_escape_len(const char *s, size_t n);

/* A "character" for moving, deleting and fitting is a grapheme cluster: a
 * base with its combining marks. Offset of the next character boundary
 * after `at` in s[0..n) (n if at >= n), and of the previous one before
 * `at` (0 at the start). */
size_t text_next_char(const char *s, size_t n, size_t at);
size_t text_prev_char(const char *s, size_t at);

/* Bytes of the longest prefix of s that fits in `cols` columns without
 * splitting a character (combining marks stay with their base). If
 * `width` is not NULL, it receives the prefix's display width. */
size_t text_fit(const char *s, size_t cols, size_t *width);

/* Number of characters (code points) in valid UTF-8 s[0..n). */
size_t text_chars(const char *s, size_t n);

/* Word-wraps s to lines of at most `cols` columns. Returns the number of
 * lines (0 for ""); fills starts[i]/lens[i] (byte offsets into s) for the
 * first `max` lines. Breaks at ASCII spaces (left off the ends of wrapped
 * lines) and never at a no-break space (U+00A0, one column wide: it holds
 * a number to its unit); a word longer than a line is split by character.
 * Each newline in s starts a new line. A character wider than `cols` gets
 * a line of its own. */
size_t text_wrap(const char *s, size_t cols, size_t *starts, size_t *lens,
		 size_t max);

#endif
