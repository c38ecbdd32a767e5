/* web-form: a posted phone ballot read and checked (see web-int.h). Pure:
 * no I/O. The rules are the laptop's: text_clean for every typed text and
 * rules_check_ballot for the dots. */
#include <stdlib.h>
#include <string.h>

#include "tapla/groups.h"
#include "tapla/text.h"
#include "web-int.h"

#define MAX_FIELDS 1024

/* Sets a refusal (400 unless said otherwise). */
static bool refuse(struct web_refusal *why, enum web_word msg, int a, int b,
		   const char *s)
{
	why->msg = msg;
	why->a = a;
	why->b = b;
	why->s[0] = '\0';
	why->http = 400;
	if (s) {
		/* What the phone sent, made printable and short. */
		char *safe = text_sanitize(s);
		if (safe) {
			size_t fit = text_fit(safe, 40, NULL);
			if (fit >= sizeof why->s)
				fit = text_fit(safe, 20, NULL);
			if (fit < sizeof why->s) {
				memcpy(why->s, safe, fit);
				why->s[fit] = '\0';
			}
			free(safe);
		}
	}
	return false;
}

/* The value of one hex digit, or -1. */
static int hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes s[0..n) ('+' is a space, %XX a byte) into a new string; NULL on
 * a broken escape, a NUL byte or no memory (*nomem says which). */
static char *decode(const char *s, size_t n, bool *nomem)
{
	char *out = malloc(n + 1);
	*nomem = out == NULL;
	if (!out)
		return NULL;
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '+') {
			c = ' ';
		} else if (c == '%') {
			int hi = i + 1 < n ? hex(s[i + 1]) : -1;
			int lo = i + 2 < n ? hex(s[i + 2]) : -1;
			if (hi < 0 || lo < 0 || hi * 16 + lo == 0) {
				free(out);  /* broken, or a NUL byte */
				return NULL;
			}
			c = (char)(hi * 16 + lo);
			i += 2;
		} else if (c == '\0') {
			free(out);
			return NULL;
		}
		out[o++] = c;
	}
	out[o] = '\0';
	return out;
}

/* A whole decimal number 0..max, nothing else; -1 if not. Empty is 0. */
static int parse_dots(const char *v, int max)
{
	int n = 0;
	size_t len = strlen(v);
	if (len > 2)
		return -1;
	for (size_t i = 0; i < len; i++) {
		if (v[i] < '0' || v[i] > '9')
			return -1;
		n = n * 10 + (v[i] - '0');
	}
	return n <= max ? n : -1;
}

/* A sheet number "1".."99" before the colon of a key; 0 if not one. */
static int parse_sheet(const char *k, size_t n)
{
	if (n == 0 || n > 2)
		return 0;
	int v = 0;
	for (size_t i = 0; i < n; i++) {
		if (k[i] < '0' || k[i] > '9')
			return 0;
		v = v * 10 + (k[i] - '0');
	}
	return v;
}

/* Everything the parse needs to know. */
struct form_ctx {
	int nsheets;
	struct web_form *f;
	bool cell_given[RULES_MAX_SHEETS][LEVEL_COUNT];
	struct web_refusal *why;
};

/* One SHEET:LEVEL or SHEET:Q field. Takes v (frees it or keeps it). */
static bool take_cell(struct form_ctx *c, const char *k, char *v)
{
	const char *colon = strchr(k, ':');
	int sheet = parse_sheet(k, (size_t)(colon - k));
	if (sheet == 0) {
		free(v);
		return refuse(c->why, W_ERR_FIELD, 0, 0, k);
	}
	if (sheet > c->nsheets) {
		free(v);
		return refuse(c->why, W_ERR_SHEET, sheet, c->nsheets, NULL);
	}
	const char *what = colon + 1;
	enum quadrant q;
	if (strlen(what) == 1 && rules_quadrant_parse(what, &q)) {
		char **slot = &c->f->notes[sheet - 1][q];
		if (*slot) {
			free(v);
			return refuse(c->why, W_ERR_TWICE, 0, 0, k);
		}
		*slot = v;
		return true;
	}
	enum level l;
	if (!rules_level_parse(what, &l)) {
		free(v);
		return refuse(c->why, W_ERR_LEVEL, 0, 0, what);
	}
	if (c->cell_given[sheet - 1][l]) {
		free(v);
		return refuse(c->why, W_ERR_TWICE, 0, 0, k);
	}
	c->cell_given[sheet - 1][l] = true;
	int dots = parse_dots(v, RULES_BUDGET_MAX);
	if (dots < 0) {
		bool ok = refuse(c->why, W_ERR_DOTS, RULES_BUDGET_MAX, 0, v);
		free(v);
		return ok;
	}
	free(v);
	c->f->b.dots[sheet - 1][l] = dots;
	return true;
}

/* One decoded field. Takes v. */
static bool take_field(struct form_ctx *c, const char *k, char *v)
{
	if (strcmp(k, "csrf") == 0) {
		bool ok = c->f->csrf[0] == '\0' && strlen(v) < sizeof c->f->csrf;
		if (ok)
			strcpy(c->f->csrf, v);
		else
			c->f->csrf[0] = '\0';  /* twice or too long: none */
		free(v);
		return ok ? true : refuse(c->why, W_ERR_CSRF, 0, 0, NULL);
	}
	if (strcmp(k, "name") == 0 || strcmp(k, "group") == 0) {
		char **slot = k[0] == 'n' ? &c->f->name : &c->f->group;
		if (*slot) {
			free(v);
			return refuse(c->why, W_ERR_TWICE, 0, 0, k);
		}
		*slot = v;
		return true;
	}
	if (strchr(k, ':'))
		return take_cell(c, k, v);
	free(v);
	return refuse(c->why, W_ERR_FIELD, 0, 0, k);
}

/* One "key=value" pair of the body. */
static bool take_pair(struct form_ctx *c, const char *p, size_t n)
{
	const char *eq = memchr(p, '=', n);
	size_t klen = eq ? (size_t)(eq - p) : n;
	bool nomem = false;
	char *k = decode(p, klen, &nomem);
	char *v = k ? decode(eq ? eq + 1 : p + n, eq ? n - klen - 1 : 0,
			     &nomem) : NULL;
	if (!k || !v) {
		free(k);
		free(v);
		return refuse(c->why, W_ERR_ENCODING, 0, 0, NULL);
	}
	bool ok = take_field(c, k, v);
	free(k);
	return ok;
}

bool web_form_parse(const char *body, size_t n, int nsheets, int budget,
		    struct web_form *f, struct web_refusal *why)
{
	memset(f, 0, sizeof *f);
	rules_ballot_init(&f->b, nsheets);
	(void)budget;  /* the budget is rules_check_ballot's (web_form_check) */
	struct form_ctx c = { .nsheets = nsheets, .f = f, .why = why };
	size_t fields = 0;
	for (size_t at = 0; at < n;) {
		const char *amp = memchr(body + at, '&', n - at);
		size_t len = amp ? (size_t)(amp - (body + at)) : n - at;
		if (len > 0 && ++fields > MAX_FIELDS)
			return refuse(why, W_ERR_TOO_BIG, 0, 0, NULL);
		if (len > 0 && !take_pair(&c, body + at, len))
			return false;
		at += len + 1;
	}
	return true;
}

void web_form_free(struct web_form *f)
{
	free(f->name);
	free(f->group);
	f->name = f->group = NULL;
	for (int s = 0; s < RULES_MAX_SHEETS; s++)
		for (int q = 0; q < QUAD_COUNT; q++) {
			free(f->notes[s][q]);
			f->notes[s][q] = NULL;
		}
}

/* Line breaks and tabs from a text area become spaces, as in a paste. */
static void flatten(char *s)
{
	for (; *s; s++)
		if (*s == '\r' || *s == '\n' || *s == '\t')
			*s = ' ';
}

/* text_clean on one field in place; the status. Empty stays NULL. */
static enum text_status clean_in_place(char **field, size_t max)
{
	if (!*field)
		return TEXT_EMPTY;
	flatten(*field);
	char *clean = NULL;
	enum text_status st = text_clean(*field, max, &clean);
	free(*field);
	*field = st == TEXT_OK ? clean : NULL;
	return st;
}

/* text_clean_name on the name in place (invisibles dropped, mixed
 * scripts refused); the status. Empty stays NULL. */
static enum text_status clean_name_in_place(char **name)
{
	if (!*name)
		return TEXT_EMPTY;
	flatten(*name);
	char *clean = NULL;
	enum text_status st = text_clean_name(*name, &clean);
	free(*name);
	*name = st == TEXT_OK ? clean : NULL;
	return st;
}

/* The notes cleaned; an empty note is no note. */
static bool clean_notes(struct web_form *f, struct web_refusal *why)
{
	for (int s = 0; s < RULES_MAX_SHEETS; s++)
		for (int q = 0; q < QUAD_COUNT; q++) {
			if (!f->notes[s][q])
				continue;
			enum text_status st = clean_in_place(&f->notes[s][q],
							     TEXT_NOTE_MAX);
			if (st == TEXT_TOO_LONG)
				return refuse(why, W_ERR_NOTE_LONG, s + 1,
					      TEXT_NOTE_MAX, NULL);
			if (st != TEXT_OK && st != TEXT_EMPTY)
				return refuse(why, W_ERR_NOTE_BAD, s + 1, 0,
					      NULL);
		}
	return true;
}

/* The group cleaned and one of the session's; none if empty. */
static bool clean_group(struct web_form *f, const char *groups,
			struct web_refusal *why)
{
	if (!f->group)
		return true;
	char *typed = strdup(f->group);
	enum text_status st = clean_in_place(&f->group, GROUPS_NAME_MAX);
	bool ok = st == TEXT_EMPTY ||
		  (st == TEXT_OK && groups && groups_find(groups, f->group) >= 0);
	if (!ok)
		refuse(why, W_ERR_GROUP, 0, 0, typed ? typed : "");
	free(typed);
	return ok;
}

bool web_form_clean(struct web_form *f, bool anonymous, const char *groups,
		    struct web_refusal *why)
{
	if (!clean_group(f, groups, why))
		return false;
	if (anonymous && f->name && f->name[strspn(f->name, " \t\r\n")])
		return refuse(why, W_ERR_NAME_ANON, 0, 0, NULL);
	if (anonymous) {
		free(f->name);
		f->name = NULL;
		return clean_notes(f, why);
	}
	enum text_status st = clean_name_in_place(&f->name);
	if (st == TEXT_MIXED_SCRIPT)
		return refuse(why, W_ERR_NAME_MIXED, 0, 0, NULL);
	if (st == TEXT_EMPTY)
		return refuse(why, W_ERR_NAME_EMPTY, 0, 0, NULL);
	if (st == TEXT_TOO_LONG)
		return refuse(why, W_ERR_NAME_LONG, TEXT_NAME_MAX, 0, NULL);
	if (st != TEXT_OK)
		return refuse(why, W_ERR_NAME_BAD, 0, 0, NULL);
	return clean_notes(f, why);
}

bool web_form_check(const struct web_form *f, int budget, enum mode mode,
		    struct web_refusal *why)
{
	char err[256];
	switch (rules_check_ballot(&f->b, budget, mode, err, sizeof err)) {
	case RULES_OK:
		return true;
	case RULES_OVER_BUDGET:
	case RULES_BAD_DOTS:
		return refuse(why, W_ERR_BUDGET, rules_ballot_total(&f->b),
			      budget, NULL);
	case RULES_CLASSIC_TWICE:
		for (int s = 0; s < f->b.nsheets; s++)
			if (rules_ballot_sheet_total(&f->b, s) > 1)
				return refuse(why, W_ERR_CLASSIC, s + 1, 0, NULL);
		return refuse(why, W_ERR_CLASSIC, 1, 0, NULL);
	case RULES_BAD_SHEET:
		return refuse(why, W_ERR_SHEET, f->b.nsheets + 1, f->b.nsheets,
			      NULL);
	case RULES_EMPTY:
	default:
		return refuse(why, W_ERR_EMPTY, 0, 0, NULL);
	}
}
