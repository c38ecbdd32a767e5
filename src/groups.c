/* groups: stakeholder groups and the results per group (see groups.h). */
#include "tapla/groups.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tapla/i18n.h"
#include "tapla/text.h"

/* Writes a sentence into err (when there is room for one). */
static void say(char *err, size_t errlen, const char *msg)
{
	if (err && errlen)
		snprintf(err, errlen, "%s", msg);
}

/* Is the key already among the first n keys? */
static bool key_seen(char *const *keys, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(keys[i], key) == 0)
			return true;
	return false;
}

/* Cleans one name of the list and appends it to out; false with the
 * sentence in err. keys collects the names seen. */
static bool add_name(const char *start, size_t len, char **keys, size_t *n,
		     struct buf *out, char *err, size_t errlen)
{
	char *raw = strndup(start, len), *name = NULL;
	if (!raw) {
		say(err, errlen, _("Out of memory: close other programs and try again."));
		return false;
	}
	enum text_status ts = text_clean(raw, GROUPS_NAME_MAX, &name);
	free(raw);
	if (ts != TEXT_OK) {
		if (err && errlen)
			snprintf(err, errlen, _("A group's name is not usable: %s"),
				 text_status_message(ts));
		return false;
	}
	char *key = text_name_key(name);
	bool ok = key && *n < GROUPS_MAX && !key_seen(keys, *n, key);
	if (!key)
		say(err, errlen, _("Out of memory: close other programs and try again."));
	else if (*n >= GROUPS_MAX)
		say(err, errlen, _("Too many groups: give at most 8, separated by commas."));
	else if (!ok)
		say(err, errlen, _("A group is named twice: give each group once."));
	if (ok) {
		keys[(*n)++] = key;
		if (out->len)
			buf_putc(out, '\n');
		buf_puts(out, name);
	} else
		free(key);
	free(name);
	return ok;
}

char *groups_parse(const char *list, char *err, size_t errlen)
{
	char *keys[GROUPS_MAX];
	size_t n = 0;
	bool ok = true;
	struct buf out;
	buf_init(&out);
	for (const char *p = list ? list : ""; ok;) {
		size_t len = strcspn(p, ",");
		ok = add_name(p, len, keys, &n, &out, err, errlen);
		if (!p[len])
			break;
		p += len + 1;
	}
	for (size_t i = 0; i < n; i++)
		free(keys[i]);
	if (ok && n < 2) {
		say(err, errlen, _("Give at least two groups, separated by commas."));
		ok = false;
	}
	if (ok && out.failed) {
		say(err, errlen, _("Out of memory: close other programs and try again."));
		ok = false;
	}
	if (!ok) {
		buf_free(&out);
		return NULL;
	}
	return buf_steal(&out);
}

size_t groups_count(const char *stored)
{
	if (!stored || !*stored)
		return 0;
	size_t n = 1;
	for (const char *p = stored; *p; p++)
		n += *p == '\n';
	return n;
}

bool groups_name(const char *stored, size_t i, char *buf, size_t n)
{
	if (!stored || !*stored)
		return false;
	const char *p = stored;
	for (size_t k = 0; k < i; k++) {
		p = strchr(p, '\n');
		if (!p)
			return false;
		p++;
	}
	size_t len = strcspn(p, "\n");
	snprintf(buf, n, "%.*s", (int)len, p);
	return true;
}

int groups_find(const char *stored, const char *name)
{
	char *key = name ? text_name_key(name) : NULL;
	if (!key)
		return -1;
	int found = -1;
	size_t n = groups_count(stored);
	char one[GROUPS_NAME_MAX * 4 + 1];
	for (size_t i = 0; found < 0 && i < n; i++) {
		char *k = groups_name(stored, i, one, sizeof one) ?
			  text_name_key(one) : NULL;
		if (k && strcmp(k, key) == 0)
			found = (int)i;
		free(k);
	}
	free(key);
	return found;
}

void groups_tally_free(struct groups_tally *g)
{
	for (size_t i = 0; g->groups && i < g->ngroups; i++)
		tally_free(&g->groups[i].tally);
	free(g->groups);
	memset(g, 0, sizeof *g);
}

/* Each participant's group index (-1: none), by position in r. */
static int *participant_groups(const struct report *r)
{
	int *idx = malloc((r->nparticipants + 1) * sizeof *idx);
	for (size_t i = 0; idx && i < r->nparticipants; i++)
		idx[i] = groups_find(r->session.groups, r->participants[i].group);
	return idx;
}

/* Hides groups by the smallest-group rule (see groups.h). */
static void apply_threshold(struct groups_tally *g, int participants)
{
	int outside = participants;
	for (size_t i = 0; i < g->ngroups; i++) {
		g->groups[i].shown = g->groups[i].people >= g->group_min;
		if (g->groups[i].shown)
			outside -= g->groups[i].people;
	}
	while (outside > 0 && outside < g->group_min) {
		struct groups_result *smallest = NULL;
		for (size_t i = 0; i < g->ngroups; i++)
			if (g->groups[i].shown &&
			    (!smallest || g->groups[i].people <= smallest->people))
				smallest = &g->groups[i];
		if (!smallest)
			break;
		smallest->shown = false;
		outside += smallest->people;
	}
	for (size_t i = 0; i < g->ngroups; i++)
		g->hidden += !g->groups[i].shown;
}

/* Adds the ballot cells of shown groups to their tallies and counts each
 * person once per sheet they put a dot on. */
static void add_cells(const struct report *r, const int *idx,
		      struct groups_tally *g)
{
	int last_seq = -1, last_sheet = -1;
	for (size_t i = 0; i < r->nballots; i++) {
		const struct report_ballot *b = &r->ballots[i];
		const struct report_participant *p = report_participant(r, b->participant);
		if (!p)
			continue;
		int k = idx[p - r->participants];
		if (k < 0 || !g->groups[k].shown || b->sheet < 0 ||
		    (size_t)b->sheet >= g->groups[k].tally.nsheets ||
		    (unsigned)b->level >= LEVEL_COUNT)
			continue;
		struct tally_sheet *ts = &g->groups[k].tally.sheets[b->sheet];
		ts->dots[b->level] += b->dots;
		ts->people[b->level]++;
		if (b->participant != last_seq || b->sheet != last_sheet)
			ts->total_people++;
		last_seq = b->participant;
		last_sheet = b->sheet;
	}
}

bool groups_tally(const struct report *r, struct groups_tally *out)
{
	memset(out, 0, sizeof *out);
	size_t n = groups_count(r->session.groups);
	out->group_min = r->session.group_min < GROUPS_MIN_SIZE ?
			 GROUPS_MIN_SIZE : r->session.group_min;
	if (n == 0)
		return true;
	int *idx = participant_groups(r);
	out->groups = calloc(n, sizeof *out->groups);
	bool ok = idx && out->groups;
	if (ok)
		out->ngroups = n;
	for (size_t i = 0; ok && i < n; i++) {
		groups_name(r->session.groups, i, out->groups[i].name,
			    sizeof out->groups[i].name);
		ok = tally_init(&out->groups[i].tally, (size_t)r->session.nsheets);
	}
	for (size_t i = 0; ok && i < r->nparticipants; i++) {
		if (idx[i] < 0)
			out->ungrouped++;
		else
			out->groups[idx[i]].people++;
	}
	if (ok) {
		apply_threshold(out, (int)r->nparticipants);
		add_cells(r, idx, out);
	}
	for (size_t i = 0; ok && i < n; i++) {
		struct groups_result *gr = &out->groups[i];
		gr->tally.participants = gr->shown ? gr->people : 0;
		tally_finish(&gr->tally);
	}
	free(idx);
	if (!ok)
		groups_tally_free(out);
	return ok;
}

bool groups_shown(const struct groups_tally *g, const char *name)
{
	if (!name)
		return false;
	char *key = text_name_key(name);
	bool shown = false;
	for (size_t i = 0; key && i < g->ngroups; i++) {
		char *k = text_name_key(g->groups[i].name);
		if (k && strcmp(k, key) == 0)
			shown = g->groups[i].shown;
		free(k);
	}
	free(key);
	return shown;
}

/* Shared so that every report says which groups it hides alike. */
void groups_note(const struct groups_tally *g,
		 void (*put_name)(struct buf *out, const char *name),
		 struct buf *out)
{
	buf_printf(out, _("Groups of fewer than %d people are not shown apart, nor one that the rest would give away; their dots count in the whole room."),
		   g->group_min);
	bool first = true;
	for (size_t k = 0; k < g->ngroups; k++) {
		if (g->groups[k].shown)
			continue;
		if (first)
			buf_printf(out, " %s ", _("Not shown apart:"));
		else
			buf_puts(out, ", ");
		if (put_name)
			put_name(out, g->groups[k].name);
		else
			buf_puts(out, g->groups[k].name);
		first = false;
	}
	if (g->hidden)
		buf_putc(out, '.');
}

/* Shared so that every report lists a sheet's groups in the same rows. */
void groups_table_rows(const struct report *r, const struct groups_tally *g,
		       size_t i, char *(*clean)(const char *name),
		       void (*row)(struct buf *out, const char *label,
				   const struct tally_sheet *t),
		       struct buf *out)
{
	row(out, _("Whole room"), &r->tally.sheets[i]);
	for (size_t k = 0; k < g->ngroups; k++) {
		if (!g->groups[k].shown)
			continue;
		char *name = clean ? clean(g->groups[k].name) : NULL;
		char label[256];
		snprintf(label, sizeof label, "%s (%d)",
			 clean ? (name ? name : "") : g->groups[k].name,
			 g->groups[k].people);
		free(name);
		row(out, label, &g->groups[k].tally.sheets[i]);
	}
}

/* Shared so that every writer skips or fails the section alike. */
bool groups_tally_to_write(const struct report *r, struct groups_tally *g,
			   struct buf *out)
{
	if (!groups_tally(r, g)) {
		out->failed = true;
		return false;
	}
	return g->ngroups > 0;
}
