/* inbound: texts read from another file held to the rules of typed text
 * (see inbound.h). */
#include "tapla/inbound.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tapla/groups.h"
#include "tapla/i18n.h"
#include "tapla/template.h"
#include "tapla/text.h"

#define UUID_LEN 36
#define TEMPLATE_NAME_MAX 40

/* Formats the refusal into err; always false. */
static bool refuse(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static bool refuse(char *err, size_t errlen, const char *fmt, ...)
{
	if (err && errlen) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return false;
}

/* Replaces *s by its cleaning (text_clean with max_chars). */
static enum text_status clean_in_place(char **s, size_t max_chars)
{
	char *clean = NULL;
	enum text_status st = text_clean(*s, max_chars, &clean);
	if (st == TEXT_OK) {
		free(*s);
		*s = clean;
	}
	return st;
}

/* Replaces *name by its cleaning as a person's name. */
static enum text_status clean_name_in_place(char **name)
{
	char *clean = NULL;
	enum text_status st = text_clean_name(*name, &clean);
	if (st == TEXT_OK) {
		free(*name);
		*name = clean;
	}
	return st;
}

/* Lower-case letters, digits, '-' and '_', 1..max characters. */
static bool identifier_ok(const char *s, size_t max)
{
	size_t n = s ? strlen(s) : 0;
	if (n == 0 || n > max)
		return false;
	return strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-_") == n;
}

/* 8-4-4-4-12 hexadecimal digits. */
static bool uuid_ok(const char *s)
{
	if (strlen(s) != UUID_LEN)
		return false;
	for (size_t i = 0; i < UUID_LEN; i++) {
		bool dash = i == 8 || i == 13 || i == 18 || i == 23;
		if (dash ? s[i] != '-' : !strchr("0123456789abcdefABCDEF", s[i]))
			return false;
	}
	return true;
}

bool inbound_time_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	return n > 0 && n < 32 && strspn(s, "0123456789-:TZ.") == n;
}

/* The session's own fields: title, template, language, uuid, times. */
static bool check_session(struct session *se, char *err, size_t errlen)
{
	enum text_status st = clean_in_place(&se->title, TEXT_TITLE_MAX);
	if (st != TEXT_OK)
		return refuse(err, errlen,
			      _("The title of a session in the other file is not usable: %s"),
			      text_status_message(st));
	if (!identifier_ok(se->template_name, TEMPLATE_NAME_MAX) ||
	    !identifier_ok(se->language, 3) || !uuid_ok(se->uuid) ||
	    !inbound_time_ok(se->created) ||
	    (se->closed[0] && !inbound_time_ok(se->closed)) ||
	    (se->after[0] && !uuid_ok(se->after)))
		return refuse(err, errlen,
			      _("Session “%s” in the other file has a damaged template name, language, id or time: it was not written by tapla."),
			      se->title);
	return true;
}

/* Is the stored group list what groups_parse makes: 2..GROUPS_MAX names,
 * one a line, each as text_clean leaves it, at most GROUPS_NAME_MAX
 * characters, no two of one name? */
static bool groups_ok(const char *stored)
{
	size_t n = groups_count(stored);
	if (n < 2 || n > GROUPS_MAX)
		return false;
	size_t lines = 1;
	for (const char *p = stored; *p; p++)
		lines += *p == '\n';
	if (lines != n)
		return false;
	char name[GROUPS_NAME_MAX * 4 + 1];
	for (size_t i = 0; i < n; i++) {
		char *clean = NULL;
		if (!groups_name(stored, i, name, sizeof name) ||
		    text_clean(name, GROUPS_NAME_MAX, &clean) != TEXT_OK)
			return false;
		bool same = strcmp(clean, name) == 0 &&
			    groups_find(stored, name) == (int)i;
		free(clean);
		if (!same)
			return false;
	}
	return true;
}

/* The session's groups and each participant's group among them. */
static bool check_groups(const struct report *r, char *err, size_t errlen)
{
	const char *groups = r->session.groups;
	bool ok = !groups || groups_ok(groups);
	for (size_t i = 0; ok && i < r->nparticipants; i++) {
		const char *g = r->participants[i].group;
		if (!g)
			continue;
		int k = groups ? groups_find(groups, g) : -1;
		char name[GROUPS_NAME_MAX * 4 + 1];
		ok = k >= 0 && groups_name(groups, (size_t)k, name, sizeof name) &&
		     strcmp(name, g) == 0;
	}
	if (!ok)
		return refuse(err, errlen,
			      _("The groups of session “%s” in the other file are not what tapla writes (control characters, too long, or a group not in the list)."),
			      r->session.title);
	return true;
}

/* The agenda's and the sheets' texts, by the template limits. */
static bool check_template_texts(const struct report *r, char *err,
				 size_t errlen)
{
	for (size_t i = 0; i < r->nphases; i++) {
		const struct tpl_phase *ph = &r->phases[i];
		if (!tpl_text_ok(ph->title, TEXT_TITLE_MAX) ||
		    (ph->instructions && !tpl_text_ok(ph->instructions, TPL_TEXT_MAX)))
			return refuse(err, errlen,
				      _("Step %zu of session “%s” in the other file has a text that a template could not hold (control characters, or too long)."),
				      i + 1, r->session.title);
	}
	for (int i = 0; i < r->session.nsheets; i++) {
		const struct tpl_sheet *sh = &r->sheets[i];
		if (!tpl_text_ok(sh->short_name, TPL_SHORT_MAX) ||
		    !tpl_text_ok(sh->statement, TPL_TEXT_MAX) ||
		    (sh->help && !tpl_text_ok(sh->help, TPL_TEXT_MAX)))
			return refuse(err, errlen,
				      _("Sheet %d of session “%s” in the other file has a text that a template could not hold (control characters, or too long)."),
				      i + 1, r->session.title);
	}
	return true;
}

/* Orders signer keys for finding two of one signer. */
static int cmp_keys(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Two participants of session r under one signer key? */
static bool keys_unique(const struct report *r, bool *nomem)
{
	size_t n = 0;
	char **keys = calloc(r->nparticipants + 1, sizeof *keys);
	bool unique = keys != NULL;
	for (size_t i = 0; unique && i < r->nparticipants; i++) {
		if (!r->participants[i].name)
			continue;
		if (!(keys[n] = text_name_key(r->participants[i].name)))
			unique = false;
		else
			n++;
	}
	*nomem = !unique;
	if (unique && n > 1) {
		qsort(keys, n, sizeof *keys, cmp_keys);
		for (size_t i = 1; unique && i < n; i++)
			unique = strcmp(keys[i - 1], keys[i]) != 0;
	}
	for (size_t i = 0; keys && i < n; i++)
		free(keys[i]);
	free(keys);
	return unique;
}

/* Names and signing times: each a usable name, no signer twice. */
static bool check_participants(struct report *r, char *err, size_t errlen)
{
	for (size_t i = 0; i < r->nparticipants; i++) {
		struct report_participant *p = &r->participants[i];
		enum text_status st = p->name ? clean_name_in_place(&p->name) : TEXT_OK;
		if (st != TEXT_OK)
			return refuse(err, errlen,
				      _("The name of participant %d of session “%s” in the other file is not usable: %s"),
				      p->seq, r->session.title, text_status_message(st));
		if (!inbound_time_ok(p->signed_at))
			return refuse(err, errlen,
				      _("Participant %d of session “%s” in the other file has a damaged signing time: it was not written by tapla."),
				      p->seq, r->session.title);
	}
	bool nomem = false;
	if (!keys_unique(r, &nomem))
		return refuse(err, errlen, "%s", nomem ?
			      text_status_message(TEXT_NOMEM) :
			      _("Two participants of a session in the other file have names that look the same: one person signed twice there; forget one of them in that file first."));
	return true;
}

/* The SWOT notes, as typed notes. */
static bool check_notes(struct report *r, char *err, size_t errlen)
{
	for (size_t i = 0; i < r->nnotes; i++) {
		enum text_status st = clean_in_place(&r->notes[i].text, TEXT_NOTE_MAX);
		if (st != TEXT_OK)
			return refuse(err, errlen,
				      _("A note on sheet %d of session “%s” in the other file is not usable: %s"),
				      r->notes[i].sheet + 1, r->session.title,
				      text_status_message(st));
	}
	return true;
}

bool inbound_check_report(struct report *r, char *err, size_t errlen)
{
	return check_session(&r->session, err, errlen) &&
	       check_template_texts(r, err, errlen) &&
	       check_groups(r, err, errlen) &&
	       check_participants(r, err, errlen) &&
	       check_notes(r, err, errlen);
}
