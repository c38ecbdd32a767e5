/* rules: levels, modes, quadrants and the ballot rules (see rules.h). */
#include "tapla/rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tapla/i18n.h"
#include "tapla/text.h"

/* One column of the paper sheet: its key, symbols and names. */
struct level_def {
	const char *key;
	const char *typed;  /* as typed on any keyboard: ASCII "-" and "--" */
	const char *shown;  /* as shown to people: a real minus sign U+2212 */
	const char *name;   /* English source of the translated name */
	const char *shortname;
	const char *finnish; /* the paper sheet's own words, always accepted */
};

static const struct level_def levels[LEVEL_COUNT] = {
	{ "agree", "++", "++", N_("Strongly agree"), N_("Agree"), "Täysin samaa" },
	{ "partly-agree", "+", "+", N_("Partly agree"), N_("Partly agree"), "Osittain samaa" },
	{ "neutral", "0", "0", N_("Neutral"), N_("Neutral"), "Neutraali" },
	{ "partly-disagree", "-", "\u2212", N_("Partly disagree"), N_("Partly disagree"),
	  "Osittain eri" },
	{ "disagree", "--", "\u2212\u2212", N_("Strongly disagree"), N_("Disagree"),
	  "Täysin eri" },
	{ "unsure", "?", "?", N_("? Don't know"), N_("Don't know"), "? En osaa sanoa" },
};

const char *rules_level_key(enum level l)
{
	return l < LEVEL_COUNT ? levels[l].key : "";
}

const char *rules_level_name(enum level l)
{
	return l < LEVEL_COUNT ? _(levels[l].name) : "";
}

const char *rules_level_short(enum level l)
{
	return l < LEVEL_COUNT ? _(levels[l].shortname) : "";
}

const char *rules_level_symbol(enum level l)
{
	return l < LEVEL_COUNT ? levels[l].shown : "";
}

/* Is s one of the level's symbols, as typed ("--") or as shown ("−−")? */
static bool is_symbol(const char *s, const struct level_def *d)
{
	return strcmp(s, d->typed) == 0 || strcmp(s, d->shown) == 0;
}

/* The length of the level's symbol (typed or shown) that starts s and is
 * followed by a space ("−− Täysin eri"), or 0. */
static size_t symbol_prefix(const char *s, const struct level_def *d)
{
	const char *syms[] = { d->typed, d->shown };
	for (size_t i = 0; i < 2; i++) {
		size_t n = strlen(syms[i]);
		if (strncmp(s, syms[i], n) == 0 && s[n] == ' ')
			return n;
	}
	return 0;
}

/* The spellings a script or a spreadsheet holds most (key, symbol, column
 * number, a column's name), as printed: no Unicode folding, so an import
 * of many rows stays as cheap as before. */
static bool level_parse_plain(const char *s, enum level *out)
{
	if (s[0] >= '1' && s[0] <= '6' && s[1] == '\0') {
		*out = (enum level)(s[0] - '1');
		return true;
	}
	for (int i = 0; i < LEVEL_COUNT; i++) {
		const struct level_def *d = &levels[i];
		/* The names as printed, ASCII letters in any case. */
		if (strcasecmp(s, d->key) == 0 || is_symbol(s, d) ||
		    strcasecmp(s, d->name) == 0 || strcasecmp(s, d->finnish) == 0 ||
		    strcasecmp(s, _(d->name)) == 0) {
			*out = (enum level)i;
			return true;
		}
	}
	return false;
}

/* Is the folded text `key` the folded spelling `spelling` of level d, with
 * or without the level's symbol and a space before it ("? Don't know",
 * "Don't know", "++ Strongly agree")? */
static bool level_spelling_is(const char *key, const char *spelling,
			      const struct level_def *d)
{
	char *folded = text_fold_key(spelling);
	if (!folded)
		return false;
	size_t ns = symbol_prefix(folded, d);
	const char *bare = ns ? folded + ns + 1 : folded;
	bool same = strcmp(key, folded) == 0 || strcmp(key, bare) == 0;
	free(folded);
	return same;
}

/* Every name tapla prints for level d, in English, in Finnish and in the
 * language in effect: long and short. */
static bool level_named(const char *key, const struct level_def *d)
{
	const char *names[] = { d->name, d->shortname, d->finnish,
				_(d->name), _(d->shortname) };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (level_spelling_is(key, names[i], d))
			return true;
	return false;
}

bool rules_level_parse(const char *s, enum level *out)
{
	if (!s || !*s)
		return false;
	if (level_parse_plain(s, out))
		return true;
	/* Any letter case (full Unicode folding: "TÄYSIN SAMAA"), spaces
	 * around and between words as typed, a leading symbol or not. */
	char *key = text_fold_key(s);
	if (!key)
		return false;
	bool found = false;
	if (!level_parse_plain(key, out)) {
		for (int i = 0; i < LEVEL_COUNT && !found; i++) {
			const struct level_def *d = &levels[i];
			/* "++ Täysin samaa": the symbol, a space and the name. */
			size_t ns = symbol_prefix(key, d);
			const char *named = ns ? key + ns + 1 : key;
			if (level_named(named, d) || (named != key && level_named(key, d))) {
				*out = (enum level)i;
				found = true;
			}
		}
	} else {
		found = true;
	}
	free(key);
	return found;
}

const char *rules_mode_key(enum mode m)
{
	return m == MODE_CLASSIC ? "classic" : "weighted";
}

bool rules_mode_parse(const char *s, enum mode *out)
{
	if (s && strcasecmp(s, "weighted") == 0) {
		*out = MODE_WEIGHTED;
		return true;
	}
	if (s && strcasecmp(s, "classic") == 0) {
		*out = MODE_CLASSIC;
		return true;
	}
	return false;
}

static const char quadrant_letters[QUAD_COUNT] = { 'S', 'W', 'O', 'T' };

char rules_quadrant_letter(enum quadrant q)
{
	return q < QUAD_COUNT ? quadrant_letters[q] : '?';
}

bool rules_quadrant_parse(const char *s, enum quadrant *out)
{
	if (!s || !s[0] || s[1])
		return false;
	for (int i = 0; i < QUAD_COUNT; i++) {
		if (s[0] == quadrant_letters[i] || s[0] == quadrant_letters[i] + 32) {
			*out = (enum quadrant)i;
			return true;
		}
	}
	return false;
}

const enum quadrant rules_quadrant_order[QUAD_COUNT] = {
	QUAD_S, QUAD_O, QUAD_W, QUAD_T };

int rules_quadrant_place(enum quadrant q)
{
	for (int i = 0; i < QUAD_COUNT; i++)
		if (rules_quadrant_order[i] == q)
			return i;
	return 0;
}

const char *rules_quadrant_name(enum quadrant q)
{
	switch (q) {
	case QUAD_S: return _("Strengths (S)");
	case QUAD_W: return _("Weaknesses (W)");
	case QUAD_O: return _("Opportunities (O)");
	case QUAD_T: return _("Threats (T)");
	default: return "";
	}
}

void rules_ballot_init(struct ballot *b, int nsheets)
{
	memset(b, 0, sizeof *b);
	b->nsheets = nsheets < 0 ? 0 :
		     nsheets > RULES_MAX_SHEETS ? RULES_MAX_SHEETS : nsheets;
}

int rules_ballot_sheet_total(const struct ballot *b, int sheet)
{
	int sum = 0;
	if (sheet < 0 || sheet >= b->nsheets)
		return 0;
	for (int l = 0; l < LEVEL_COUNT; l++)
		sum += b->dots[sheet][l];
	return sum;
}

int rules_ballot_total(const struct ballot *b)
{
	int sum = 0;
	for (int s = 0; s < b->nsheets; s++)
		sum += rules_ballot_sheet_total(b, s);
	return sum;
}

/* Writes the sentence for a verdict into err (if any room). */
static enum rules_verdict say(enum rules_verdict v, char *err, size_t errlen,
			      int a, int b)
{
	if (!err || errlen == 0)
		return v;
	switch (v) {
	case RULES_OVER_BUDGET:
		snprintf(err, errlen, P_("%d dot given, the budget is %d.",
					 "%d dots given, the budget is %d.", a),
			 a, b);  /* the budget counts the same dots: no second word */
		break;
	case RULES_CLASSIC_TWICE:
		snprintf(err, errlen,
			 _("Sheet %d has a dot already: in classic mode each sheet takes one dot."),
			 a);
		break;
	case RULES_BAD_SHEET:
		snprintf(err, errlen, _("There is no sheet %d; the sheets are 1 to %d."),
			 a, b);
		break;
	case RULES_BAD_DOTS:
		snprintf(err, errlen, _("%d is not a number of dots: give 0 to %d."),
			 a, b);
		break;
	case RULES_EMPTY:
		snprintf(err, errlen, _("The ballot has no dots: place at least one."));
		break;
	case RULES_OK:
		err[0] = '\0';
		break;
	}
	return v;
}

enum rules_verdict rules_check_ballot(const struct ballot *b, int budget,
				      enum mode mode, char *err, size_t errlen)
{
	int total = 0;
	for (int s = 0; s < b->nsheets; s++) {
		for (int l = 0; l < LEVEL_COUNT; l++) {
			int d = b->dots[s][l];
			/* A count over the budget is reported as over budget below;
			 * only nonsense (negative, absurd) is a bad count. */
			if (d < 0 || d > 1000 * RULES_BUDGET_MAX)
				return say(RULES_BAD_DOTS, err, errlen, d, budget);
			total += d;
		}
		if (mode == MODE_CLASSIC && rules_ballot_sheet_total(b, s) > 1)
			return say(RULES_CLASSIC_TWICE, err, errlen, s + 1, 0);
	}
	if (total > budget)
		return say(RULES_OVER_BUDGET, err, errlen, total, budget);
	if (total == 0)
		return say(RULES_EMPTY, err, errlen, 0, 0);
	return say(RULES_OK, err, errlen, 0, 0);
}

enum rules_verdict rules_can_set(const struct ballot *b, int budget,
				 enum mode mode, int sheet, enum level l,
				 int dots, char *err, size_t errlen)
{
	if (sheet < 0 || sheet >= b->nsheets)
		return say(RULES_BAD_SHEET, err, errlen, sheet + 1, b->nsheets);
	if (dots < 0 || dots > budget || l >= LEVEL_COUNT)
		return say(RULES_BAD_DOTS, err, errlen, dots, budget);
	int others = rules_ballot_total(b) - b->dots[sheet][l];
	if (others + dots > budget)
		return say(RULES_OVER_BUDGET, err, errlen, others + dots, budget);
	int on_sheet = rules_ballot_sheet_total(b, sheet) - b->dots[sheet][l];
	if (mode == MODE_CLASSIC && on_sheet + dots > 1)
		return say(RULES_CLASSIC_TWICE, err, errlen, sheet + 1, 0);
	return say(RULES_OK, err, errlen, 0, 0);
}

enum rules_verdict rules_can_add(const struct ballot *b, int budget,
				 enum mode mode, int sheet, enum level l,
				 char *err, size_t errlen)
{
	int now = (sheet >= 0 && sheet < b->nsheets && l < LEVEL_COUNT) ?
		  b->dots[sheet][l] : 0;
	return rules_can_set(b, budget, mode, sheet, l, now + 1, err, errlen);
}

void rules_session_free(struct session *s)
{
	free(s->title);
	free(s->template_name);
	free(s->language);
	free(s->groups);
	s->title = s->template_name = s->language = s->groups = NULL;
}
