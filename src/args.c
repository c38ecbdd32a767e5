/* args: command-line value parsers (see include/tapla/args.h). */
#include "tapla/args.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tapla/i18n.h"

bool args_parse_int(const char *s, long min, long max, long *out)
{
	if (!s || !*s || strspn(s, "0123456789-+") != strlen(s))
		return false;
	char *end = NULL;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < min || v > max)
		return false;
	*out = v;
	return true;
}

bool args_parse_id(const char *s, int64_t *id, char *err, size_t errlen)
{
	long v;
	if (!args_parse_int(s, 1, 2147483647L, &v)) {
		snprintf(err, errlen,
			 _("“%s” is not a session id: give the number that “tapla list” shows."),
			 s ? s : "");
		return false;
	}
	*id = v;
	return true;
}

/* Parses the sheet number before the first ':'; *rest points after it. */
static bool parse_sheet(const char *s, int nsheets, int *sheet,
			const char **rest, char *err, size_t errlen)
{
	const char *colon = strchr(s, ':');
	char num[16];
	long v;
	size_t n = colon ? (size_t)(colon - s) : 0;
	if (!colon || n == 0 || n >= sizeof num) {
		snprintf(err, errlen, _("“%s” does not start with a sheet number and a colon."), s);
		return false;
	}
	memcpy(num, s, n);
	num[n] = '\0';
	if (!args_parse_int(num, 1, 1000000, &v) || v > nsheets) {
		snprintf(err, errlen, _("There is no sheet %s; the sheets are 1 to %d."),
			 num, nsheets);
		return false;
	}
	*sheet = (int)v - 1;
	*rest = colon + 1;
	return true;
}

bool args_parse_dot(const char *s, int nsheets, int *sheet, enum level *l,
		    int *dots, char *err, size_t errlen)
{
	const char *rest;
	if (!parse_sheet(s, nsheets, sheet, &rest, err, errlen))
		return false;
	char lv[64];
	const char *eq = strrchr(rest, '=');
	size_t n = eq ? (size_t)(eq - rest) : strlen(rest);
	if (n == 0 || n >= sizeof lv) {
		snprintf(err, errlen, _("“%s” names no level: write SHEET:LEVEL=DOTS, e.g. 1:agree=5."), s);
		return false;
	}
	memcpy(lv, rest, n);
	lv[n] = '\0';
	if (!rules_level_parse(lv, l)) {
		snprintf(err, errlen,
			 _("Unknown level “%s”: use agree, partly-agree, neutral, partly-disagree, disagree or unsure."),
			 lv);
		return false;
	}
	long d = 1;
	if (eq && !args_parse_int(eq + 1, 0, RULES_BUDGET_MAX, &d)) {
		snprintf(err, errlen, _("“%s” is not a number of dots in “%s”."), eq + 1, s);
		return false;
	}
	*dots = (int)d;
	return true;
}

bool args_parse_note(const char *s, int nsheets, int *sheet,
		     enum quadrant *q, const char **text,
		     char *err, size_t errlen)
{
	const char *rest;
	if (!parse_sheet(s, nsheets, sheet, &rest, err, errlen))
		return false;
	char letter[2] = { rest[0], '\0' };
	if (!rest[0] || rest[1] != ':' || !rules_quadrant_parse(letter, q)) {
		snprintf(err, errlen, _("“%s”: write SHEET:Q:TEXT with Q one of S, W, O, T."), s);
		return false;
	}
	*text = rest + 2;
	return true;
}
