/* template: parses the plain-text workshop format (see include/tapla/template.h
 * and assets/templates/README.md). */
#include "tapla/template.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tapla/buf.h"
#include "tapla/i18n.h"
#include "tapla/rules.h"
#include "tapla/text.h"

#define MINUTES_MAX 600
#define KEY_SHOWN_MAX 32

enum section { SEC_HEADER = 0, SEC_PHASE, SEC_SHEET };

enum key_id {
	K_NAME = 0, K_LANGUAGE, K_TITLE, K_DESCRIPTION, K_BUDGET,
	K_KIND, K_PHASE_TITLE, K_MINUTES, K_INSTRUCTIONS,
	K_SHORT, K_STATEMENT, K_HELP, K_SHEET_KEY,
	K_COUNT
};

struct key_def {
	enum section section;
	const char *key;
};

/* The keys each section accepts, indexed by enum key_id. */
static const struct key_def keys[K_COUNT] = {
	[K_NAME] = { SEC_HEADER, "name" },
	[K_LANGUAGE] = { SEC_HEADER, "language" },
	[K_TITLE] = { SEC_HEADER, "title" },
	[K_DESCRIPTION] = { SEC_HEADER, "description" },
	[K_BUDGET] = { SEC_HEADER, "budget" },
	[K_KIND] = { SEC_PHASE, "kind" },
	[K_PHASE_TITLE] = { SEC_PHASE, "title" },
	[K_MINUTES] = { SEC_PHASE, "minutes" },
	[K_INSTRUCTIONS] = { SEC_PHASE, "instructions" },
	[K_SHORT] = { SEC_SHEET, "short" },
	[K_STATEMENT] = { SEC_SHEET, "statement" },
	[K_HELP] = { SEC_SHEET, "help" },
	[K_SHEET_KEY] = { SEC_SHEET, "key" },
};

struct parser {
	const char *origin;
	char *err;
	size_t errlen;
	struct template *t;
	enum section section;
	size_t section_line;   /* line of the [section] header */
	unsigned seen;         /* bit per enum key_id seen in this section */
	int key;               /* key whose value is being read, or -1 */
	size_t key_line;
	struct buf value;      /* that value so far */
	size_t phases_cap;
	size_t sheets_cap;
};

static const char *const kind_keys[] = {
	[PHASE_TALK] = "talk",
	[PHASE_VOTE] = "vote",
	[PHASE_RESULTS] = "results",
};

/* Phase kinds are stored and shown by these stable keys. */
const char *tpl_phase_kind_key(enum tpl_phase_kind k)
{
	if ((int)k < 0 || (size_t)k >= sizeof kind_keys / sizeof kind_keys[0])
		return NULL;
	return kind_keys[k];
}

/* Frees everything a template owns and leaves it empty. */
void tpl_free(struct template *t)
{
	if (!t)
		return;
	free(t->name);
	free(t->language);
	free(t->title);
	free(t->description);
	for (size_t i = 0; i < t->nphases; i++) {
		free(t->phases[i].title);
		free(t->phases[i].instructions);
	}
	free(t->phases);
	for (size_t i = 0; i < t->nsheets; i++) {
		free(t->sheets[i].short_name);
		free(t->sheets[i].statement);
		free(t->sheets[i].help);
		free(t->sheets[i].key);
	}
	free(t->sheets);
	memset(t, 0, sizeof *t);
}

/* Every error is one line starting "origin:line: ". Returns false. */
__attribute__((format(printf, 3, 4)))
static bool fail(struct parser *p, size_t line, const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (line > 0)
		snprintf(p->err, p->errlen, "%s:%zu: %s", p->origin, line, msg);
	else
		snprintf(p->err, p->errlen, "%s: %s", p->origin, msg);
	return false;
}

/* One sentence for an allocation failure, wherever it happens. */
static bool fail_nomem(struct parser *p)
{
	return fail(p, 0, "%s", _("out of memory."));
}

/* Blank in the sense of this format: space or tab only. */
static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* A control character (C0 but tab, DEL, C1) at s[i], as a code point, or -1.
 * C1 characters arrive as the two bytes C2 80..C2 9F. */
static long control_at(const char *s, size_t n, size_t i)
{
	unsigned char c = (unsigned char)s[i];
	if ((c < 0x20 && c != '\t') || c == 0x7f)
		return c;
	if (c == 0xc2 && i + 1 < n) {
		unsigned char d = (unsigned char)s[i + 1];
		if (d >= 0x80 && d <= 0x9f)
			return d;
	}
	return -1;
}

/* A line must be valid UTF-8 without control characters to be read at all. */
static bool check_line_bytes(struct parser *p, size_t line, const char *s,
			     size_t n)
{
	if (!text_valid_utf8(s, n))
		return fail(p, line, "%s", _("the line is not valid UTF-8; save the file as UTF-8."));
	for (size_t i = 0; i < n; i++) {
		long c = control_at(s, n, i);
		if (c >= 0)
			return fail(p, line, _("control character U+%04lX in the line; remove it."), c);
	}
	return true;
}

/* A copy of s[0..n) as a C string, or NULL when out of memory. */
static char *dup_n(const char *s, size_t n)
{
	char *r = malloc(n + 1);
	if (!r)
		return NULL;
	memcpy(r, s, n);
	r[n] = '\0';
	return r;
}

/* Strict decimal integer in [lo, hi]: digits only, no sign, no spaces. */
static bool parse_int(const char *s, int lo, int hi, int *out)
{
	if (!*s || strlen(s) > 9)
		return false;
	for (const char *q = s; *q; q++)
		if (*q < '0' || *q > '9')
			return false;
	long v = strtol(s, NULL, 10);
	if (v < lo || v > hi)
		return false;
	*out = (int)v;
	return true;
}

/* Names and languages become file and database keys: a-z, 0-9, '-', '_'. */
static bool is_identifier(const char *s, size_t max)
{
	size_t n = strlen(s);
	if (n == 0 || n > max)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '-' || *s == '_'))
			return false;
	return true;
}

/* A language code: two or three lower-case letters ("fi", "en"). */
static bool is_language(const char *s)
{
	size_t n = strlen(s);
	if (n < 2 || n > 3)
		return false;
	for (; *s; s++)
		if (*s < 'a' || *s > 'z')
			return false;
	return true;
}

/* The string field of the current section that `key` fills, if any. */
static char **string_slot(struct parser *p, enum key_id key)
{
	struct template *t = p->t;
	struct tpl_phase *ph = t->nphases ? &t->phases[t->nphases - 1] : NULL;
	struct tpl_sheet *sh = t->nsheets ? &t->sheets[t->nsheets - 1] : NULL;
	switch (key) {
	case K_NAME: return &t->name;
	case K_LANGUAGE: return &t->language;
	case K_TITLE: return &t->title;
	case K_DESCRIPTION: return &t->description;
	case K_PHASE_TITLE: return ph ? &ph->title : NULL;
	case K_INSTRUCTIONS: return ph ? &ph->instructions : NULL;
	case K_SHORT: return sh ? &sh->short_name : NULL;
	case K_STATEMENT: return sh ? &sh->statement : NULL;
	case K_HELP: return sh ? &sh->help : NULL;
	case K_SHEET_KEY: return sh ? &sh->key : NULL;
	default: return NULL;
	}
}

/* Checks the values that are not free text: numbers, kinds, identifiers. */
static bool store_special(struct parser *p, enum key_id key, const char *v)
{
	struct tpl_phase *ph = p->t->nphases ? &p->t->phases[p->t->nphases - 1] : NULL;
	switch (key) {
	case K_BUDGET:
		if (!parse_int(v, 1, RULES_BUDGET_MAX, &p->t->budget))
			return fail(p, p->key_line, _("the budget must be a whole number from 1 to %d."),
				    RULES_BUDGET_MAX);
		return true;
	case K_MINUTES:
		if (!parse_int(v, 0, MINUTES_MAX, &ph->minutes))
			return fail(p, p->key_line, _("minutes must be a whole number from 0 to %d (0: no timer)."),
				    MINUTES_MAX);
		return true;
	case K_KIND:
		for (size_t i = 0; i < sizeof kind_keys / sizeof kind_keys[0]; i++) {
			if (strcmp(v, kind_keys[i]) == 0) {
				ph->kind = (enum tpl_phase_kind)i;
				return true;
			}
		}
		return fail(p, p->key_line, "%s", _("unknown phase kind; use talk, vote or results."));
	case K_NAME:
		if (!is_identifier(v, 40))
			return fail(p, p->key_line, "%s", _("the name may only have a-z, 0-9, '-' and '_'."));
		return true;
	case K_SHEET_KEY:
		if (!is_identifier(v, 40))
			return fail(p, p->key_line, "%s", _("a sheet's key may only have a-z, 0-9, '-' and '_'."));
		for (size_t i = 0; i + 1 < p->t->nsheets; i++)
			if (p->t->sheets[i].key && strcmp(p->t->sheets[i].key, v) == 0)
				return fail(p, p->key_line, _("the sheet key “%s” is used twice."), v);
		return true;
	case K_LANGUAGE:
		if (!is_language(v))
			return fail(p, p->key_line, "%s", _("the language must be a code like “fi” or “en”."));
		return true;
	default:
		return true;
	}
}

/* The most characters a free-text key may hold (see template.h). */
static size_t text_max(enum key_id key)
{
	switch (key) {
	case K_TITLE:
	case K_PHASE_TITLE:
		return TEXT_TITLE_MAX;
	case K_SHORT:
		return TPL_SHORT_MAX;
	default:
		return TPL_TEXT_MAX;
	}
}

bool tpl_text_ok(const char *s, size_t max_chars)
{
	if (!s || !*s)
		return false;
	size_t n = strlen(s);
	if (!text_valid_utf8(s, n) || text_chars(s, n) > max_chars)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] != '\n' && control_at(s, n, i) >= 0)
			return false;
	return true;
}

/* Stores the finished value of the pending key, trimmed, into the template. */
static bool commit_value(struct parser *p)
{
	if (p->key < 0)
		return true;
	enum key_id key = (enum key_id)p->key;
	p->key = -1;
	if (p->value.failed)
		return fail_nomem(p);
	const char *v = buf_str(&p->value);
	size_t n = strlen(v);
	while (n > 0 && (is_blank(v[n - 1]) || v[n - 1] == '\n'))
		n--;
	if (n == 0)
		return fail(p, p->key_line, _("“%s” has no value."), keys[key].key);
	p->value.data[n] = '\0';
	p->value.len = n;
	if (!store_special(p, key, v))
		return false;
	char **slot = string_slot(p, key);
	if (!slot)
		return true;
	if (text_chars(v, n) > text_max(key))
		return fail(p, p->key_line, _("“%s” is longer than %zu characters; shorten it."),
			    keys[key].key, text_max(key));
	*slot = dup_n(v, n);
	return *slot ? true : fail_nomem(p);
}

/* Whether the section just read has its required keys. */
static bool finish_section(struct parser *p)
{
	static const enum key_id header_req[] = { K_NAME, K_LANGUAGE, K_TITLE };
	static const enum key_id phase_req[] = { K_KIND, K_PHASE_TITLE };
	static const enum key_id sheet_req[] = { K_SHORT, K_STATEMENT };
	const enum key_id *req = header_req;
	size_t nreq = 3;
	if (p->section == SEC_PHASE) {
		req = phase_req;
		nreq = 2;
	} else if (p->section == SEC_SHEET) {
		req = sheet_req;
		nreq = 2;
	}
	for (size_t i = 0; i < nreq; i++) {
		if (p->seen & (1u << req[i]))
			continue;
		if (p->section == SEC_HEADER)
			return fail(p, 0, _("the key “%s” is missing before the first section."),
				    keys[req[i]].key);
		return fail(p, p->section_line, _("this [%s] has no “%s”."),
			    p->section == SEC_PHASE ? "phase" : "sheet", keys[req[i]].key);
	}
	return true;
}

/* Grows an array of `size`-byte items to hold one more; false when out of
 * memory (the old array stays valid). */
static bool grow(void **arr, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return true;
	size_t ncap = *cap ? *cap * 2 : 4;
	void *q = realloc(*arr, ncap * size);
	if (!q)
		return false;
	*arr = q;
	*cap = ncap;
	return true;
}

/* Starts a new [phase] or [sheet] (a zeroed entry at the end). */
static bool begin_section(struct parser *p, enum section s, size_t line)
{
	struct template *t = p->t;
	if (s == SEC_SHEET) {
		if (t->nsheets >= RULES_MAX_SHEETS)
			return fail(p, line, _("too many sheets; at most %d are allowed."),
				    RULES_MAX_SHEETS);
		if (!grow((void **)&t->sheets, &p->sheets_cap, t->nsheets, sizeof *t->sheets))
			return fail_nomem(p);
		memset(&t->sheets[t->nsheets++], 0, sizeof *t->sheets);
	} else {
		if (!grow((void **)&t->phases, &p->phases_cap, t->nphases, sizeof *t->phases))
			return fail_nomem(p);
		memset(&t->phases[t->nphases++], 0, sizeof *t->phases);
	}
	p->section = s;
	p->section_line = line;
	p->seen = 0;
	return true;
}

/* A "[name]" line: closes what came before and opens the new section. */
static bool read_section(struct parser *p, size_t line, const char *s, size_t n)
{
	while (n > 0 && is_blank(s[n - 1]))
		n--;
	enum section sec;
	if (n == 7 && memcmp(s, "[phase]", 7) == 0)
		sec = SEC_PHASE;
	else if (n == 7 && memcmp(s, "[sheet]", 7) == 0)
		sec = SEC_SHEET;
	else if (n <= KEY_SHOWN_MAX)
		return fail(p, line, _("unknown section “%.*s”; use [phase] or [sheet]."), (int)n, s);
	else
		return fail(p, line, "%s", _("unknown section; use [phase] or [sheet]."));
	if (!commit_value(p) || !finish_section(p))
		return false;
	return begin_section(p, sec, line);
}

/* The key_id of `key` in the current section, or -1. */
static int find_key(const struct parser *p, const char *key, size_t n)
{
	for (int i = 0; i < K_COUNT; i++)
		if (keys[i].section == p->section && strlen(keys[i].key) == n &&
		    memcmp(keys[i].key, key, n) == 0)
			return i;
	return -1;
}

/* Whether some section accepts `key` (for a more helpful message). */
static bool known_elsewhere(const char *key, size_t n)
{
	for (int i = 0; i < K_COUNT; i++)
		if (strlen(keys[i].key) == n && memcmp(keys[i].key, key, n) == 0)
			return true;
	return false;
}

/* A key of another section: says where this one is, in a whole sentence. */
static bool fail_misplaced(struct parser *p, size_t line, const char *key, size_t n)
{
	switch (p->section) {
	case SEC_PHASE:
		return fail(p, line, _("the key “%.*s” does not belong in a [phase]."), (int)n, key);
	case SEC_SHEET:
		return fail(p, line, _("the key “%.*s” does not belong in a [sheet]."), (int)n, key);
	default:
		return fail(p, line, _("the key “%.*s” belongs in a [phase] or [sheet], not before the first one."),
			    (int)n, key);
	}
}

/* Whether s[0..n) looks like a key someone meant to write (for messages). */
static bool looks_like_key(const char *s, size_t n)
{
	if (n == 0 || n > KEY_SHOWN_MAX)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '-' || c == '_'))
			return false;
	}
	return true;
}

/* A "key: value" line: the value may go on in indented lines after it. */
static bool read_key(struct parser *p, size_t line, const char *s, size_t n)
{
	const char *colon = memchr(s, ':', n);
	size_t klen = colon ? (size_t)(colon - s) : 0;
	while (klen > 0 && is_blank(s[klen - 1]))
		klen--;
	if (!colon || !looks_like_key(s, klen))
		return fail(p, line, "%s", _("expected “key: value”, a [section], a # comment or an indented continuation."));
	int key = find_key(p, s, klen);
	if (key < 0 && known_elsewhere(s, klen))
		return fail_misplaced(p, line, s, klen);
	if (key < 0)
		return fail(p, line, _("unknown key “%.*s”."), (int)klen, s);
	if (p->seen & (1u << key))
		return fail(p, line, _("the key “%s” appears twice in the same section."), keys[key].key);
	if (!commit_value(p))
		return false;
	p->seen |= 1u << key;
	p->key = key;
	p->key_line = line;
	buf_reset(&p->value);
	const char *v = colon + 1;
	const char *end = s + n;
	while (v < end && is_blank(*v))
		v++;
	buf_append(&p->value, v, (size_t)(end - v));
	return true;
}

/* An indented line: more of the pending value, or "." for a new line. */
static bool read_continuation(struct parser *p, size_t line, const char *s, size_t n)
{
	if (p->key < 0)
		return fail(p, line, "%s", _("an indented line continues a value, but no “key:” line comes before it."));
	while (n > 0 && is_blank(*s)) {
		s++;
		n--;
	}
	while (n > 0 && is_blank(s[n - 1]))
		n--;
	size_t len = p->value.len;
	while (len > 0 && is_blank(p->value.data[len - 1]))
		len--;
	p->value.len = len;
	if (p->value.data)
		p->value.data[len] = '\0';
	if (n == 1 && s[0] == '.') {
		buf_putc(&p->value, '\n');
		return true;
	}
	if (len > 0 && p->value.data[len - 1] != '\n')
		buf_putc(&p->value, ' ');
	buf_append(&p->value, s, n);
	return true;
}

/* Dispatches one line (without its line ending) by its first character. */
static bool read_line(struct parser *p, size_t line, const char *s, size_t n)
{
	if (!check_line_bytes(p, line, s, n))
		return false;
	size_t i = 0;
	while (i < n && is_blank(s[i]))
		i++;
	if (i == n || s[i] == '#')
		return true;
	if (i > 0)
		return read_continuation(p, line, s, n);
	if (s[0] == '[')
		return read_section(p, line, s, n);
	return read_key(p, line, s, n);
}

/* The whole text, line by line, then the checks that need all of it. */
static bool parse_all(struct parser *p, const char *text, size_t len)
{
	size_t pos = 0;
	size_t line = 0;
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		pos = 3;  /* a byte-order mark some editors write */
	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - text) : len;
		size_t n = end - pos;
		if (n > 0 && text[pos + n - 1] == '\r')
			n--;
		if (!read_line(p, ++line, text + pos, n))
			return false;
		pos = end + 1;
	}
	if (!commit_value(p) || !finish_section(p))
		return false;
	if (p->t->nsheets == 0)
		return fail(p, 0, "%s", _("the template has no [sheet]; add at least one."));
	return true;
}

bool tpl_parse(const char *text, size_t len, const char *origin,
	       struct template *out, char *err, size_t errlen)
{
	struct parser p = {
		.origin = origin ? origin : "template",
		.err = err,
		.errlen = errlen,
		.t = out,
		.section = SEC_HEADER,
		.key = -1,
	};
	char dummy[1];
	if (!p.err || p.errlen == 0) {
		p.err = dummy;
		p.errlen = sizeof dummy;
	}
	memset(out, 0, sizeof *out);
	out->budget = RULES_BUDGET_DEFAULT;
	buf_init(&p.value);
	bool ok = parse_all(&p, text ? text : "", text ? len : 0);
	buf_free(&p.value);
	if (!ok)
		tpl_free(out);
	return ok;
}
