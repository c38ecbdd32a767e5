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

/* The ids of the other file's sessions, oldest first. */
static enum store_status list_ids(struct store *o, int64_t **ids, size_t *n)
{
	*ids = NULL;
	*n = 0;
	sqlite3_stmt *s = store_stmt(o, STMT_MERGE_LIST,
		"SELECT id FROM session ORDER BY created, id");
	if (!s)
		return STORE_ERROR;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t *a = realloc(*ids, (*n + 1) * sizeof *a);
		if (!a) {
			(void)sqlite3_reset(s);  /* out of memory is reported */
			return store_nomem(o);
		}
		*ids = a;
		(*ids)[(*n)++] = sqlite3_column_int64(s, 0);
	}
	(void)sqlite3_reset(s);  /* rc is handled below */
	return rc == SQLITE_DONE ? STORE_OK : store_fail(o, rc);
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

/* The PIN hash of a session here (NULL when none). */
static enum store_status read_pin(struct store *o, int64_t id, char **pin)
{
	*pin = NULL;
	return store_session_text(o, store_stmt(o, STMT_MERGE_PIN,
		"SELECT pin_hash FROM session WHERE id = ?1"), id, pin);
}

/* When each paper sheet's totals were entered (not part of a report). */
static enum store_status read_paper_times(struct store *o, int64_t id,
					  struct merge_item *it)
{
	sqlite3_stmt *s = store_stmt(o, STMT_MERGE_PAPER_READ,
		"SELECT sheet_idx, entered_at FROM paper_sheet WHERE session_id = ?1");
	if (!s || !store_bind_int(o, s, 1, id))
		return STORE_ERROR;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int sheet = sqlite3_column_int(s, 0);
		const unsigned char *at = sqlite3_column_text(s, 1);
		if (sheet >= 0 && sheet < RULES_MAX_SHEETS)
			snprintf(it->paper_at[sheet], sizeof it->paper_at[sheet],
				 "%s", at ? (const char *)at : "");
	}
	(void)sqlite3_reset(s);  /* rc is handled below */
	return rc == SQLITE_DONE ? STORE_OK : store_fail(o, rc);
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

/* The local id of the session with this uuid; 0 if there is none. */
static enum store_status find_uuid(struct store *st, const char *uuid,
				   int64_t *id)
{
	*id = 0;
	sqlite3_stmt *s = store_stmt(st, STMT_MERGE_FIND,
		"SELECT id FROM session WHERE uuid = ?1");
	if (!s || !store_bind_text(st, s, 1, uuid))
		return STORE_ERROR;
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(s, 0);
	(void)sqlite3_reset(s);  /* rc is handled below */
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK
						      : store_fail(st, rc);
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
	sqlite3_stmt *s = store_stmt(st, STMT_MERGE_SESSION,
		"INSERT INTO session (id, uuid, title, template, language, budget,"
		" mode, anonymous, created, closed, phase, revealed, pin_hash,"
		" timer_running, timer_deadline_ms, timer_left_ms, shuffle, demo,"
		" round, after_uuid, groups, group_min)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
		" ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)");
	if (!s)
		return STORE_ERROR;
	int rc = id ? sqlite3_bind_int64(s, 1, id) : sqlite3_bind_null(s, 1);
	if (rc != SQLITE_OK)
		return store_fail(st, rc);
	if (!store_bind_text(st, s, 2, se->uuid) ||
	    !store_bind_text(st, s, 3, se->title) ||
	    !store_bind_text(st, s, 4, se->template_name) ||
	    !store_bind_text(st, s, 5, se->language) ||
	    !store_bind_int(st, s, 6, se->budget) ||
	    !store_bind_text(st, s, 7, rules_mode_key(se->mode)) ||
	    !store_bind_int(st, s, 8, se->anonymous) ||
	    !store_bind_text(st, s, 9, se->created) ||
	    !store_bind_text(st, s, 10, keep->closed[0] ? keep->closed : NULL) ||
	    !store_bind_int(st, s, 11, keep->phase) ||
	    !store_bind_int(st, s, 12, keep->revealed) ||
	    !store_bind_text(st, s, 13, keep->pin_hash) ||
	    !store_bind_int(st, s, 14, keep->timer_running) ||
	    !store_bind_int(st, s, 15, keep->timer_deadline_ms) ||
	    !store_bind_int(st, s, 16, keep->timer_left_ms) ||
	    !store_bind_int(st, s, 17, se->shuffle) ||
	    !store_bind_int(st, s, 18, se->demo) ||
	    !store_bind_int(st, s, 19, se->round > 1 ? se->round : 1) ||
	    !store_bind_text(st, s, 20, se->after[0] ? se->after : NULL) ||
	    !store_bind_text(st, s, 21, se->groups) ||
	    !store_bind_int(st, s, 22, se->group_min))
		return STORE_ERROR;
	enum store_status r = store_exec(st, s);
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
	sqlite3_stmt *s = store_stmt(st, STMT_MERGE_PARTICIPANT,
		"INSERT INTO participant (session_id, seq, name, name_key,"
		" signed_at, source, sheet_order, grp)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
	enum store_status r = STORE_ERROR;
	if (s && store_bind_int(st, s, 1, id) && store_bind_int(st, s, 2, p->seq) &&
	    store_bind_text(st, s, 3, p->name) && store_bind_text(st, s, 4, key) &&
	    store_bind_text(st, s, 5, p->signed_at) &&
	    store_bind_text(st, s, 6, source_key(p->source)) &&
	    store_bind_text(st, s, 7, order[0] ? order : NULL) &&
	    store_bind_text(st, s, 8, p->group))
		r = store_exec(st, s);
	if (r == STORE_OK)
		*pid = sqlite3_last_insert_rowid(st->db);
	free(key);
	return r;
}

/* The local row id of participant `seq` (0 for nobody or unknown). */
static int64_t pid_of(const struct report *r, const int64_t *pids, int seq)
{
	const struct report_participant *p = report_participant(r, seq);
	return p ? pids[p - r->participants] : 0;
}

/* One cell of a ballot. */
static enum store_status copy_dot(struct store *st, int64_t id, int64_t pid,
				  const struct report_ballot *b)
{
	sqlite3_stmt *s = store_stmt(st, STMT_MERGE_DOT,
		"INSERT INTO dot (participant_id, session_id, sheet_idx, level,"
		" dots) VALUES (?1, ?2, ?3, ?4, ?5)");
	if (!s || !store_bind_int(st, s, 1, pid) || !store_bind_int(st, s, 2, id) ||
	    !store_bind_int(st, s, 3, b->sheet) ||
	    !store_bind_int(st, s, 4, (int)b->level) ||
	    !store_bind_int(st, s, 5, b->dots))
		return STORE_ERROR;
	return store_exec(st, s);
}

/* One SWOT note, in the order they were read (sheet, quadrant, age). */
static enum store_status copy_note(struct store *st, int64_t id, int64_t pid,
				   const struct report_note *n)
{
	char letter[2] = { rules_quadrant_letter(n->quadrant), '\0' };
	sqlite3_stmt *s = store_stmt(st, STMT_MERGE_NOTE,
		"INSERT INTO note (session_id, sheet_idx, quadrant, participant_id,"
		" text) VALUES (?1, ?2, ?3, ?4, ?5)");
	if (!s || !store_bind_int(st, s, 1, id) ||
	    !store_bind_int(st, s, 2, n->sheet) ||
	    !store_bind_text(st, s, 3, letter))
		return STORE_ERROR;
	int rc = pid ? sqlite3_bind_int64(s, 4, pid) : sqlite3_bind_null(s, 4);
	if (rc != SQLITE_OK)
		return store_fail(st, rc);
	if (!store_bind_text(st, s, 5, n->text))
		return STORE_ERROR;
	return store_exec(st, s);
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
		e = copy_dot(st, id, pid_of(r, pids, r->ballots[i].participant),
			     &r->ballots[i]);
	for (size_t i = 0; e == STORE_OK && i < r->nnotes; i++)
		e = copy_note(st, id, pid_of(r, pids, r->notes[i].participant),
			      &r->notes[i]);
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
	r = read_pin(st, local, &keep.pin_hash);
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
		r = find_uuid(st, it->r.session.uuid, &local);
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
