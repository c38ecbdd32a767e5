/* store-merge: bringing another laptop's sessions into this database.
 *
 * The other file is opened by store-source.c (strictly read-only, its
 * schema and sizes checked), read whole in one snapshot, and copied here row by row inside one write
 * transaction. Sessions are matched by uuid. See store.h. */
#include "store-int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tapla/i18n.h"
#include "tapla/inbound.h"
#include "tapla/order.h"
#include "tapla/text.h"

/* One session of the other file, as read from it. Its facilitator
 * settings (PIN, revealed, closed, the agenda's phase and timer) are not
 * used: they never travel. */
struct merge_item {
	struct report r;
	char paper_at[RULES_MAX_SHEETS][32];  /* when paper totals were entered */
};

/* Everything read from the other file. */
struct merge_source {
	struct merge_item *items;
	size_t n;
};

static void free_source(struct merge_source *src)
{
	for (size_t i = 0; i < src->n; i++)
		report_free(&src->items[i].r);
	free(src->items);
	src->items = NULL;
	src->n = 0;
}

/* Merging a file into itself would only confuse: refuse it by inode. */
static enum store_status refuse_same_file(struct store *st, const char *path)
{
	struct stat a, b;
	if (stat(st->path, &a) == 0 && stat(path, &b) == 0 &&
	    a.st_dev == b.st_dev && a.st_ino == b.st_ino)
		return store_say(st, STORE_REFUSED,
				 _("“%s” is this database itself: give the other laptop's file."),
				 path);
	return STORE_OK;
}

/* The ids read so far and their room. */
struct id_list {
	int64_t *ids;
	size_t n, cap;
};

/* Adds the current row's id to the list; false on no memory. */
static bool id_row(sqlite3_stmt *s, void *arg)
{
	struct id_list *l = arg;
	int64_t *id = store_slot((void **)&l->ids, l->n, &l->cap, sizeof *id);
	if (!id)
		return false;
	*id = sqlite3_column_int64(s, 0);
	l->n++;
	return true;
}

/* The ids of the other file's sessions, oldest first. */
static enum store_status list_ids(struct store *o, int64_t **ids, size_t *n)
{
	struct id_list l = { NULL, 0, 0 };
	enum store_status r = store_each(o, store_stmt(o, STMT_MERGE_LIST,
		"SELECT id FROM session ORDER BY created, id"), id_row, &l);
	*ids = l.ids;
	*n = l.n;
	return r;
}

/* The facilitator settings of a session here: they stay as they are when
 * merge replaces its ballots, and a session new here starts without them
 * (no PIN, results hidden, voting open, the agenda at its first phase with
 * the timer stopped). The phase travels no more than "revealed": at a
 * results phase the screens show the results. */
struct local_settings {
	char *pin_hash;  /* NULL when no PIN is set */
	bool revealed;
	char closed[32]; /* "" while open */
	int phase;
	bool timer_running;
	int64_t timer_deadline_ms;
	int64_t timer_left_ms;
};

/* Puts one row (sheet, entered_at) into the item's paper times. */
static bool paper_time_row(sqlite3_stmt *s, void *arg)
{
	struct merge_item *it = arg;
	int sheet = sqlite3_column_int(s, 0);
	const unsigned char *at = sqlite3_column_text(s, 1);
	if (sheet >= 0 && sheet < RULES_MAX_SHEETS)
		snprintf(it->paper_at[sheet], sizeof it->paper_at[sheet],
			 "%s", at ? (const char *)at : "");
	return true;
}

/* When each paper sheet's totals were entered (not part of a report). */
static enum store_status read_paper_times(struct store *o, int64_t id,
					  struct merge_item *it)
{
	return store_each(o, store_query(o, STMT_MERGE_PAPER_READ,
		"SELECT sheet_idx, entered_at FROM paper_sheet WHERE session_id = ?1",
		STORE_VALS(STORE_INT(id))), paper_time_row, it);
}

/* Reads every session of the other file inside one read snapshot. */
static enum store_status read_all(struct store *o, struct merge_source *src)
{
	int64_t *ids = NULL;
	size_t n = 0;
	enum store_status r = list_ids(o, &ids, &n);
	if (r == STORE_OK && n > 0) {
		src->items = calloc(n, sizeof *src->items);
		if (!src->items)
			r = store_nomem(o);
	}
	for (size_t i = 0; r == STORE_OK && i < n; i++) {
		struct merge_item *it = &src->items[i];
		src->n++;
		r = store_load_report(o, ids[i], &it->r);
		if (r == STORE_OK)
			r = read_paper_times(o, ids[i], it);
	}
	free(ids);
	return r;
}

/* read_all in the shape store_source_read calls. */
static enum store_status read_into(struct store *o, void *src)
{
	return read_all(o, src);
}

/* Reads the other file whole, strictly read-only and checked
 * (store-source.c); its sentence is copied into st on failure. */
static enum store_status read_source(struct store *st, const char *path,
				     struct merge_source *src)
{
	char err[sizeof st->err];
	enum store_status r = store_source_read(path, read_into, src, err,
						 sizeof err);
	if (r != STORE_OK) {
		store_say(st, r, "%s", err);
		free_source(src);
	}
	return r;
}

/* Holds every text of the other file to the rules of typed text (issue
 * 12.5, inbound.h) before anything is written: cleaned, or refused whole. */
static enum store_status check_source(struct store *st,
				      struct merge_source *src)
{
	char err[sizeof st->err];
	for (size_t i = 0; i < src->n; i++) {
		if (!inbound_check_report(&src->items[i].r, err, sizeof err))
			return store_say(st, STORE_REFUSED, _("%s Nothing was merged."), err);
		for (int k = 0; k < RULES_MAX_SHEETS; k++)
			if (src->items[i].paper_at[k][0] &&
			    !inbound_time_ok(src->items[i].paper_at[k]))
				return store_say(st, STORE_REFUSED,
						 _("A paper sheet in the other file has a damaged time: it was not written by tapla. Nothing was merged."));
	}
	return STORE_OK;
}

/* Equal strings, NULL equal only to NULL. */
static bool same_text(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* Do two copies of a session hold the same paper sheet totals? */
static bool same_paper(const struct report *a, const struct report *b)
{
	if (a->npaper != b->npaper)
		return false;
	for (size_t i = 0; i < a->npaper; i++) {
		const struct report_paper *x = &a->paper[i], *y = &b->paper[i];
		if (x->sheet != y->sheet || x->total_people != y->total_people ||
		    memcmp(x->dots, y->dots, sizeof x->dots) != 0 ||
		    memcmp(x->people, y->people, sizeof x->people) != 0)
			return false;
	}
	return true;
}

/* Do two copies of a session hold the same participants, dots, notes and
 * paper totals? */
static bool same_votes(const struct report *a, const struct report *b)
{
	if (a->nparticipants != b->nparticipants || a->nballots != b->nballots ||
	    a->nnotes != b->nnotes || !same_paper(a, b))
		return false;
	for (size_t i = 0; i < a->nparticipants; i++)
		if (a->participants[i].seq != b->participants[i].seq ||
		    !same_text(a->participants[i].name, b->participants[i].name) ||
		    !same_text(a->participants[i].group, b->participants[i].group))
			return false;
	for (size_t i = 0; i < a->nballots; i++) {
		const struct report_ballot *x = &a->ballots[i], *y = &b->ballots[i];
		if (x->participant != y->participant || x->sheet != y->sheet ||
		    x->level != y->level || x->dots != y->dots)
			return false;
	}
	for (size_t i = 0; i < a->nnotes; i++) {
		const struct report_note *x = &a->notes[i], *y = &b->notes[i];
		if (x->sheet != y->sheet || x->quadrant != y->quadrant ||
		    x->participant != y->participant || !same_text(x->text, y->text))
			return false;
	}
	return true;
}

/* The session row, under local id `id` (0: a new id); *out gets the id. */
static enum store_status copy_session(struct store *st, const struct merge_item *it,
				      const struct local_settings *keep,
				      int64_t id, int64_t *out)
{
	const struct session *se = &it->r.session;
	enum store_status r = store_run(st, STMT_MERGE_SESSION,
		"INSERT INTO session (id, uuid, title, template, language, budget,"
		" mode, anonymous, created, closed, phase, revealed, pin_hash,"
		" timer_running, timer_deadline_ms, timer_left_ms, shuffle, demo,"
		" round, after_uuid, groups, group_min)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
		" ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)",
		STORE_VALS(STORE_ID(id), STORE_TEXT(se->uuid),
			   STORE_TEXT(se->title), STORE_TEXT(se->template_name),
			   STORE_TEXT(se->language), STORE_INT(se->budget),
			   STORE_TEXT(rules_mode_key(se->mode)),
			   STORE_INT(se->anonymous), STORE_TEXT(se->created),
			   STORE_TEXT(keep->closed[0] ? keep->closed : NULL),
			   STORE_INT(keep->phase), STORE_INT(keep->revealed),
			   STORE_TEXT(keep->pin_hash),
			   STORE_INT(keep->timer_running),
			   STORE_INT(keep->timer_deadline_ms),
			   STORE_INT(keep->timer_left_ms), STORE_INT(se->shuffle),
			   STORE_INT(se->demo),
			   STORE_INT(se->round > 1 ? se->round : 1),
			   STORE_TEXT(se->after[0] ? se->after : NULL),
			   STORE_TEXT(se->groups), STORE_INT(se->group_min)));
	if (r == STORE_OK)
		*out = sqlite3_last_insert_rowid(st->db);
	return r;
}

/* One participant; *pid receives the new row id. */
static enum store_status copy_participant(struct store *st, int64_t id,
					  const struct report_participant *p,
					  int64_t *pid)
{
	char *key = NULL;
	if (p->name && !(key = text_name_key(p->name)))
		return store_say(st, STORE_REFUSED,
				 _("A name in the other file is not valid UTF-8: nothing was merged."));
	char order[ORDER_TEXT_MAX] = "";
	if (p->norder > 0 && p->norder <= RULES_MAX_SHEETS)
		order_format(p->order, p->norder, order, sizeof order);
	const struct store_participant row = {
		id, p->seq, p->name, key, p->signed_at, p->source,
		order[0] ? order : NULL, p->group, NULL,
	};
	enum store_status r = store_insert_participant(st, &row, pid);
	free(key);
	return r;
}

/* The local row id of participant `seq` (0 for nobody or unknown). */
static int64_t pid_of(const struct report *r, const int64_t *pids, int seq)
{
	const struct report_participant *p = report_participant(r, seq);
	return p ? pids[p - r->participants] : 0;
}

/* Participants, then their dots and the notes. */
static enum store_status copy_votes(struct store *st, const struct report *r,
				    int64_t id)
{
	int64_t *pids = calloc(r->nparticipants + 1, sizeof *pids);
	if (!pids)
		return store_nomem(st);
	enum store_status e = STORE_OK;
	for (size_t i = 0; e == STORE_OK && i < r->nparticipants; i++)
		e = copy_participant(st, id, &r->participants[i], &pids[i]);
	for (size_t i = 0; e == STORE_OK && i < r->nballots; i++)
		e = store_insert_dot(st, id,
				     pid_of(r, pids, r->ballots[i].participant),
				     r->ballots[i].sheet, (int)r->ballots[i].level,
				     r->ballots[i].dots);
	for (size_t i = 0; e == STORE_OK && i < r->nnotes; i++)
		e = store_insert_note(st, id,
				      pid_of(r, pids, r->notes[i].participant),
				      r->notes[i].sheet, r->notes[i].quadrant,
				      r->notes[i].text);
	free(pids);
	return e;
}

/* A whole session under local id `id` (0: a new one). */
static enum store_status copy_item(struct store *st, const struct merge_item *it,
				   const struct local_settings *keep, int64_t id)
{
	int64_t new_id = 0;
	enum store_status r = copy_session(st, it, keep, id, &new_id);
	if (r == STORE_OK)
		r = store_insert_phases(st, new_id, it->r.phases, it->r.nphases);
	if (r == STORE_OK)
		r = store_insert_sheets(st, new_id, it->r.sheets,
					(size_t)it->r.session.nsheets);
	if (r == STORE_OK)
		r = copy_votes(st, &it->r, new_id);
	for (size_t i = 0; r == STORE_OK && i < it->r.npaper; i++) {
		const struct report_paper *p = &it->r.paper[i];
		r = store_insert_paper(st, new_id, p->sheet, p->dots, p->people,
				       p->total_people,
				       p->sheet >= 0 && p->sheet < RULES_MAX_SHEETS ?
				       it->paper_at[p->sheet] : NULL);
	}
	return r;
}

/* A session that is in both files: the same, or which one wins. */
static enum store_status merge_existing(struct store *st, const char *path,
					const struct merge_item *it,
					int64_t local, enum store_prefer prefer,
					struct store_merge_result *out)
{
	struct report mine = { 0 };
	enum store_status r = store_load_report(st, local, &mine);
	bool same = r == STORE_OK && same_votes(&mine, &it->r);
	struct local_settings keep = {
		NULL, mine.session.revealed, "", mine.session.phase,
		mine.session.timer_running, mine.session.timer_deadline_ms,
		mine.session.timer_left_ms,
	};
	memcpy(keep.closed, mine.session.closed, sizeof keep.closed);
	report_free(&mine);
	if (r != STORE_OK)
		return r;
	if (same) {
		out->same++;
		return STORE_OK;
	}
	if (prefer == STORE_PREFER_MINE) {
		out->kept++;
		return STORE_OK;
	}
	if (prefer == STORE_PREFER_NONE) {
		out->conflict = local;
		return store_say(st, STORE_CONFLICT,
				 _("Session %lld (“%s”) has other ballots in “%s” than here: nothing was merged; add --prefer mine or --prefer theirs to choose."),
				 (long long)local, it->r.session.title, path);
	}
	r = store_session_pin_hash(st, local, &keep.pin_hash);
	if (r == STORE_OK)
		r = store_delete_session_rows(st, local);
	if (r == STORE_OK)
		r = copy_item(st, it, &keep, local);
	free(keep.pin_hash);
	if (r == STORE_OK)
		out->replaced++;
	return r;
}

/* Every session of the other file, inside the caller's write transaction. */
static enum store_status merge_all(struct store *st, const char *path,
				   const struct merge_source *src,
				   enum store_prefer prefer,
				   struct store_merge_result *out)
{
	enum store_status r = STORE_OK;
	for (size_t i = 0; r == STORE_OK && i < src->n; i++) {
		const struct merge_item *it = &src->items[i];
		int64_t local = 0;
		r = store_session_id_of(st, it->r.session.uuid, &local);
		if (r != STORE_OK)
			break;
		if (local) {
			r = merge_existing(st, path, it, local, prefer, out);
			continue;
		}
		static const struct local_settings fresh = { NULL, false, "", 0,
							     false, 0, 0 };
		r = copy_item(st, it, &fresh, 0);
		if (r == STORE_OK) {
			out->added++;
			out->added_ballots += (int)it->r.nparticipants;
		}
	}
	return r;
}

enum store_status store_merge(struct store *st, const char *path,
			      enum store_prefer prefer,
			      struct store_merge_result *out)
{
	memset(out, 0, sizeof *out);
	struct merge_source src = { NULL, 0 };
	enum store_status r = refuse_same_file(st, path);
	if (r == STORE_OK)
		r = read_source(st, path, &src);
	if (r == STORE_OK && (r = check_source(st, &src)) != STORE_OK)
		free_source(&src);
	if (r != STORE_OK)
		return r;
	r = store_begin_write(st);
	if (r == STORE_OK)
		r = store_end(st, merge_all(st, path, &src, prefer, out));
	free_source(&src);
	if (r != STORE_OK) {
		int64_t conflict = out->conflict;
		memset(out, 0, sizeof *out);
		out->conflict = conflict;
	}
	return r;
}
