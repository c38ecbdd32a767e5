/* store-session: sessions, their sheets and agenda, and the state the live
 * workshop saves (phase, timer, reveal, closing, PIN). See store.h. */
#include "store-int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "tapla/groups.h"
#include "tapla/i18n.h"
#include "tapla/rounds.h"

/* The columns of a session row, in the order read_session expects. */
#define SESSION_COLUMNS \
	"s.id, s.uuid, s.title, s.template, s.language, s.budget, s.mode," \
	" s.anonymous, s.created, s.closed, s.phase, s.revealed," \
	" s.pin_hash IS NOT NULL, s.timer_running, s.timer_deadline_ms," \
	" s.timer_left_ms," \
	" (SELECT count(*) FROM sheet WHERE session_id = s.id)," \
	" (SELECT count(*) FROM participant WHERE session_id = s.id)," \
	" s.shuffle, s.demo, s.round, s.after_uuid, s.groups, s.group_min"

/* A version 4 UUID from the kernel's random numbers. */
static bool make_uuid(char out[37])
{
	unsigned char r[16];
	size_t got = 0;
	while (got < sizeof r) {
		ssize_t n = getrandom(r + got, sizeof r - got, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		got += (size_t)n;
	}
	r[6] = (unsigned char)((r[6] & 0x0f) | 0x40);  /* version 4 */
	r[8] = (unsigned char)((r[8] & 0x3f) | 0x80);  /* RFC 4122 variant */
	char *p = out;
	for (int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			*p++ = '-';
		p += sprintf(p, "%02x", r[i]);
	}
	return true;
}

/* Copies at most n - 1 bytes of a text column into a fixed buffer. */
static void column_copy(sqlite3_stmt *s, int col, char *buf, size_t n)
{
	const unsigned char *t = sqlite3_column_text(s, col);
	snprintf(buf, n, "%s", t ? (const char *)t : "");
}

/* Fills a struct session from the current row (SESSION_COLUMNS). */
static bool read_session(sqlite3_stmt *s, struct session *out)
{
	bool ok = true;
	memset(out, 0, sizeof *out);
	out->id = sqlite3_column_int64(s, 0);
	column_copy(s, 1, out->uuid, sizeof out->uuid);
	out->title = store_column_dup(s, 2, &ok);
	out->template_name = store_column_dup(s, 3, &ok);
	out->language = store_column_dup(s, 4, &ok);
	out->budget = sqlite3_column_int(s, 5);
	const unsigned char *mode = sqlite3_column_text(s, 6);
	if (!rules_mode_parse((const char *)mode, &out->mode))
		out->mode = MODE_WEIGHTED;
	out->anonymous = sqlite3_column_int(s, 7) != 0;
	column_copy(s, 8, out->created, sizeof out->created);
	column_copy(s, 9, out->closed, sizeof out->closed);
	out->phase = sqlite3_column_int(s, 10);
	out->revealed = sqlite3_column_int(s, 11) != 0;
	out->has_pin = sqlite3_column_int(s, 12) != 0;
	out->timer_running = sqlite3_column_int(s, 13) != 0;
	out->timer_deadline_ms = sqlite3_column_int64(s, 14);
	out->timer_left_ms = sqlite3_column_int64(s, 15);
	out->nsheets = sqlite3_column_int(s, 16);
	out->participants = sqlite3_column_int(s, 17);
	out->shuffle = sqlite3_column_int(s, 18) != 0;
	out->demo = sqlite3_column_int(s, 19) != 0;
	out->round = sqlite3_column_int(s, 20);
	column_copy(s, 21, out->after, sizeof out->after);
	out->groups = store_column_dup(s, 22, &ok);
	out->group_min = sqlite3_column_int(s, 23);
	if (!ok)
		rules_session_free(out);
	return ok;
}

/* Inserts the session row itself; *id receives its number. */
static enum store_status insert_session(struct store *st,
					const struct template *t,
					const struct store_new_session *o,
					int budget, int64_t *id)
{
	char uuid[37], now[32];
	if (!make_uuid(uuid))
		return store_say(st, STORE_ERROR,
				 _("The system gave no random numbers for the session's id: try again."));
	store_now_iso(now);
	enum store_status r = store_run(st, STMT_SESSION_INSERT,
		"INSERT INTO session (uuid, title, template, language, budget,"
		" mode, anonymous, created, shuffle, demo, round, after_uuid,"
		" groups, group_min)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
		" ?14)",
		STORE_VALS(STORE_TEXT(uuid),
			   STORE_TEXT(o->title ? o->title : t->title),
			   STORE_TEXT(t->name ? t->name : ""),
			   STORE_TEXT(o->language ? o->language :
				      t->language ? t->language : "en"),
			   STORE_INT(budget), STORE_TEXT(rules_mode_key(o->mode)),
			   STORE_INT(o->anonymous), STORE_TEXT(now),
			   STORE_INT(o->shuffle), STORE_INT(o->demo),
			   STORE_INT(o->round > 1 ? o->round : 1),
			   STORE_TEXT(o->after && *o->after ? o->after : NULL),
			   STORE_TEXT(o->groups && *o->groups ? o->groups : NULL),
			   STORE_INT(o->group_min > GROUPS_MIN_SIZE ?
				     o->group_min : GROUPS_MIN_SIZE)));
	if (r == STORE_OK)
		*id = sqlite3_last_insert_rowid(st->db);
	return r;
}

/* The stored words for the phase kinds (the schema's CHECK lists them). */
static const char *const phase_keys[] = { "talk", "vote", "results" };

const char *store_phase_key(enum tpl_phase_kind k)
{
	return (unsigned)k <= PHASE_RESULTS ? phase_keys[k] : phase_keys[0];
}

/* A phase kind from its stored word; talk if unknown. */
static enum tpl_phase_kind phase_kind(const unsigned char *key)
{
	for (int k = PHASE_TALK; k <= PHASE_RESULTS; k++)
		if (key && strcmp((const char *)key, phase_keys[k]) == 0)
			return (enum tpl_phase_kind)k;
	return PHASE_TALK;
}

enum store_status store_insert_phases(struct store *st, int64_t id,
				      const struct tpl_phase *phases, size_t n)
{
	enum store_status r = STORE_OK;
	for (size_t i = 0; r == STORE_OK && i < n; i++) {
		const struct tpl_phase *p = &phases[i];
		r = store_run(st, STMT_PHASE_INSERT,
			"INSERT INTO phase (session_id, idx, kind, title,"
			" instructions, minutes) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
			STORE_VALS(STORE_INT(id), STORE_INT(i),
				   STORE_TEXT(store_phase_key(p->kind)),
				   STORE_TEXT(p->title ? p->title : ""),
				   STORE_TEXT(p->instructions),
				   STORE_INT(p->minutes < 0 ? 0 : p->minutes)));
	}
	return r;
}

enum store_status store_insert_sheets(struct store *st, int64_t id,
				      const struct tpl_sheet *sheets, size_t n)
{
	enum store_status r = STORE_OK;
	for (size_t i = 0; r == STORE_OK && i < n; i++) {
		const struct tpl_sheet *p = &sheets[i];
		r = store_run(st, STMT_SHEET_INSERT,
			"INSERT INTO sheet (session_id, idx, short_name, statement,"
			" help) VALUES (?1, ?2, ?3, ?4, ?5)",
			STORE_VALS(STORE_INT(id), STORE_INT(i),
				   STORE_TEXT(p->short_name ? p->short_name : ""),
				   STORE_TEXT(p->statement ? p->statement : ""),
				   STORE_TEXT(p->help)));
	}
	return r;
}

/* The budget a new session gets, or 0 with the sentence set. */
static int session_budget(struct store *st, const struct template *t,
			  const struct store_new_session *o)
{
	int budget = o->budget ? o->budget :
		     t->budget ? t->budget : RULES_BUDGET_DEFAULT;
	if (budget < 1 || budget > RULES_BUDGET_MAX) {
		store_say(st, STORE_REFUSED,
			  _("A budget of %d dots is not possible: give 1 to %d."),
			  budget, RULES_BUDGET_MAX);
		return 0;
	}
	return budget;
}

enum store_status store_session_create(struct store *st,
				       const struct template *t,
				       const struct store_new_session *opt,
				       int64_t *id)
{
	static const struct store_new_session defaults = { 0 };
	const struct store_new_session *o = opt ? opt : &defaults;
	if (t->nsheets < 1 || t->nsheets > RULES_MAX_SHEETS)
		return store_say(st, STORE_REFUSED,
				 _("A session needs 1 to %d sheets; this template has %zu: fix the template."),
				 RULES_MAX_SHEETS, t->nsheets);
	if (!(o->title ? o->title : t->title))
		return store_say(st, STORE_REFUSED,
				 _("The session has no title: give one."));
	int budget = session_budget(st, t, o);
	if (budget == 0)
		return STORE_REFUSED;
	if (o->group_min != 0 && (o->group_min < GROUPS_MIN_SIZE ||
				  o->group_min > GROUPS_MIN_SIZE_MAX))
		return store_say(st, STORE_REFUSED,
				 _("A group must have at least %d people to be shown apart: give %d to %d."),
				 GROUPS_MIN_SIZE, GROUPS_MIN_SIZE, GROUPS_MIN_SIZE_MAX);
	int64_t new_id = 0;
	enum store_status r = store_begin_write(st);
	if (r != STORE_OK)
		return r;
	r = insert_session(st, t, o, budget, &new_id);
	if (r == STORE_OK)
		r = store_insert_phases(st, new_id, t->phases, t->nphases);
	if (r == STORE_OK)
		r = store_insert_sheets(st, new_id, t->sheets, t->nsheets);
	r = store_end(st, r);
	if (r == STORE_OK)
		*id = new_id;
	return r;
}

/* read_session as a store_row_fn. */
static bool session_row(sqlite3_stmt *s, void *out)
{
	return read_session(s, out);
}

enum store_status store_load_session(struct store *st, int64_t id,
				     struct session *out)
{
	return store_session_row(st, store_query(st, STMT_SESSION_GET,
		"SELECT " SESSION_COLUMNS " FROM session s WHERE s.id = ?1",
		STORE_VALS(STORE_INT(id))), id, session_row, out);
}

enum store_status store_session_get(struct store *st, int64_t id,
				    struct session *out)
{
	memset(out, 0, sizeof *out);
	enum store_status r = store_begin_read(st);
	if (r == STORE_OK)
		r = store_end(st, store_load_session(st, id, out));
	if (r != STORE_OK)
		rules_session_free(out);
	return r;
}

/* A list of sessions as it is read: the array, its count and its room. */
struct session_list {
	struct session *arr;
	size_t n, cap;
};

/* Appends the current row to the list; false on no memory. */
static bool push_session(sqlite3_stmt *s, void *arg)
{
	struct session_list *l = arg;
	struct session *se = store_slot((void **)&l->arr, l->n, &l->cap,
					sizeof *se);
	if (!se || !read_session(s, se))
		return false;
	l->n++;
	return true;
}

/* Frees a list of sessions. */
static void free_sessions(struct session *arr, size_t n)
{
	for (size_t i = 0; i < n; i++)
		rules_session_free(&arr[i]);
	free(arr);
}

enum store_status store_session_list(struct store *st, struct session **out,
				     size_t *n)
{
	struct session_list l = { NULL, 0, 0 };
	enum store_status r = store_each(st, store_stmt(st, STMT_SESSION_LIST,
		"SELECT " SESSION_COLUMNS " FROM session s"
		" ORDER BY s.created DESC, s.id DESC"), push_session, &l);
	if (r != STORE_OK) {
		free_sessions(l.arr, l.n);
		l.arr = NULL;
		l.n = 0;
	}
	*out = l.arr;
	*n = l.n;
	return r;
}

void store_free_sheets(struct tpl_sheet *s, size_t n)
{
	for (size_t i = 0; s && i < n; i++) {
		free(s[i].short_name);
		free(s[i].statement);
		free(s[i].help);
		free(s[i].key);
	}
	free(s);
}

void store_free_phases(struct tpl_phase *p, size_t n)
{
	for (size_t i = 0; p && i < n; i++) {
		free(p[i].title);
		free(p[i].instructions);
	}
	free(p);
}

enum store_status store_no_session(struct store *st, int64_t id)
{
	return store_say(st, STORE_NOT_FOUND,
			 _("There is no session %lld: see tapla list for the sessions."),
			 (long long)id);
}

enum store_status store_session_exists(struct store *st, int64_t id)
{
	return store_session_row(st, store_query(st, STMT_SESSION_EXISTS,
		"SELECT 1 FROM session WHERE id = ?1", STORE_VALS(STORE_INT(id))),
		id, NULL, NULL);
}

/* How one of a session's lists is read into an array: the size of an
 * item, how a row fills one (false: no memory) and how the items are freed.
 * Its statement is passed beside it: ?1 the session id, a row an item. */
struct row_list {
	size_t size;
	bool (*fill)(sqlite3_stmt *s, void *item);
	void (*drop)(void *items, size_t n);
};

/* A list being read by load_rows: how, the array, its count and room. */
struct rows_read {
	const struct row_list *l;
	void *arr;
	size_t n, cap;
};

/* Adds the current row to the list; false on no memory. */
static bool list_row(sqlite3_stmt *s, void *arg)
{
	struct rows_read *rr = arg;
	void *item = store_slot(&rr->arr, rr->n, &rr->cap, rr->l->size);
	if (!item)
		return false;
	/* Counted even when half filled: drop frees what it holds. */
	rr->n++;
	return rr->l->fill(s, item);
}

/* Reads the rows of statement `stmt` (sql) for session `id` into a new
 * array, inside the caller's transaction; on failure *out is NULL. */
static enum store_status load_rows(struct store *st, int64_t id,
				   enum store_stmt_id stmt, const char *sql,
				   const struct row_list *l, void **out,
				   size_t *n)
{
	struct rows_read rr = { l, NULL, 0, 0 };
	*out = NULL;
	*n = 0;
	enum store_status r = store_session_exists(st, id);
	if (r == STORE_OK)
		r = store_each(st, store_query(st, stmt, sql,
					       STORE_VALS(STORE_INT(id))),
			       list_row, &rr);
	if (r != STORE_OK) {
		l->drop(rr.arr, rr.n);
		return r;
	}
	*out = rr.arr;
	*n = rr.n;
	return STORE_OK;
}

/* load_rows in its own read transaction; nothing on failure. */
static enum store_status read_rows(struct store *st, int64_t id,
				   enum store_stmt_id stmt, const char *sql,
				   const struct row_list *l, void **out,
				   size_t *n)
{
	*out = NULL;
	*n = 0;
	enum store_status r = store_begin_read(st);
	if (r != STORE_OK)
		return r;
	r = store_end(st, load_rows(st, id, stmt, sql, l, out, n));
	if (r != STORE_OK) {
		l->drop(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return r;
}

/* A sheet from its row: short name, statement, help. */
static bool fill_sheet(sqlite3_stmt *s, void *item)
{
	struct tpl_sheet *sh = item;
	bool ok = true;
	sh->short_name = store_column_dup(s, 0, &ok);
	sh->statement = store_column_dup(s, 1, &ok);
	sh->help = store_column_dup(s, 2, &ok);
	return ok;
}

/* store_free_sheets for a row_list. */
static void drop_sheets(void *items, size_t n)
{
	store_free_sheets(items, n);
}

static const struct row_list sheet_rows = {
	sizeof(struct tpl_sheet), fill_sheet, drop_sheets,
};
/* ?1: the session id. */
#define SHEETS_SQL "SELECT short_name, statement, help FROM sheet" \
	" WHERE session_id = ?1 ORDER BY idx"

/* A phase from its row: kind, title, instructions, minutes. */
static bool fill_phase(sqlite3_stmt *s, void *item)
{
	struct tpl_phase *ph = item;
	bool ok = true;
	ph->kind = phase_kind(sqlite3_column_text(s, 0));
	ph->title = store_column_dup(s, 1, &ok);
	ph->instructions = store_column_dup(s, 2, &ok);
	ph->minutes = sqlite3_column_int(s, 3);
	return ok;
}

/* store_free_phases for a row_list. */
static void drop_phases(void *items, size_t n)
{
	store_free_phases(items, n);
}

static const struct row_list phase_rows = {
	sizeof(struct tpl_phase), fill_phase, drop_phases,
};
/* ?1: the session id. */
#define PHASES_SQL "SELECT kind, title, instructions, minutes FROM phase" \
	" WHERE session_id = ?1 ORDER BY idx"

enum store_status store_load_sheets(struct store *st, int64_t id,
				    struct tpl_sheet **out, size_t *n)
{
	return load_rows(st, id, STMT_SESSION_SHEETS, SHEETS_SQL, &sheet_rows,
			 (void **)out, n);
}

enum store_status store_session_sheets(struct store *st, int64_t id,
				       struct tpl_sheet **out, size_t *n)
{
	return read_rows(st, id, STMT_SESSION_SHEETS, SHEETS_SQL, &sheet_rows,
			 (void **)out, n);
}

enum store_status store_load_phases(struct store *st, int64_t id,
				    struct tpl_phase **out, size_t *n)
{
	return load_rows(st, id, STMT_SESSION_PHASES, PHASES_SQL, &phase_rows,
			 (void **)out, n);
}

enum store_status store_session_phases(struct store *st, int64_t id,
				       struct tpl_phase **out, size_t *n)
{
	return read_rows(st, id, STMT_SESSION_PHASES, PHASES_SQL, &phase_rows,
			 (void **)out, n);
}

/* Runs a prepared single-row UPDATE of session `id` (s NULL: its sentence
 * set); NOT_FOUND if no row changed. */
static enum store_status update_session(struct store *st, sqlite3_stmt *s,
					int64_t id)
{
	enum store_status r = s ? store_exec(st, s) : STORE_ERROR;
	if (r == STORE_OK && sqlite3_changes(st->db) == 0)
		return store_no_session(st, id);
	return r;
}

/* The number of agenda phases of a session. */
static enum store_status phase_count(struct store *st, int64_t id, int *n)
{
	return store_one(st, store_query(st, STMT_PHASE_COUNT,
		"SELECT count(*) FROM phase WHERE session_id = ?1",
		STORE_VALS(STORE_INT(id))), store_int_row, n, NULL);
}

/* Sets the phase inside the caller's transaction, checking its range. */
static enum store_status set_phase(struct store *st, int64_t id, int phase)
{
	int n = 0;
	enum store_status r = store_session_exists(st, id);
	if (r == STORE_OK)
		r = phase_count(st, id, &n);
	if (r != STORE_OK)
		return r;
	if (phase < 0 || phase >= (n > 0 ? n : 1))
		return store_say(st, STORE_REFUSED,
				 _("There is no agenda step %d; the steps are 1 to %d."),
				 phase + 1, n);
	return update_session(st, store_query(st, STMT_SET_PHASE,
		"UPDATE session SET phase = ?2 WHERE id = ?1",
		STORE_VALS(STORE_INT(id), STORE_INT(phase))), id);
}

enum store_status store_session_set_phase(struct store *st, int64_t id,
					  int phase)
{
	enum store_status r = store_begin_write(st);
	if (r != STORE_OK)
		return r;
	return store_end(st, set_phase(st, id, phase));
}

enum store_status store_session_set_timer(struct store *st, int64_t id,
					  bool running, int64_t deadline_ms,
					  int64_t left_ms)
{
	return update_session(st, store_query(st, STMT_SET_TIMER,
		"UPDATE session SET timer_running = ?2, timer_deadline_ms = ?3,"
		" timer_left_ms = ?4 WHERE id = ?1",
		STORE_VALS(STORE_INT(id), STORE_INT(running),
			   STORE_INT(deadline_ms), STORE_INT(left_ms))), id);
}

enum store_status store_session_set_revealed(struct store *st, int64_t id,
					     bool revealed)
{
	return update_session(st, store_query(st, STMT_SET_REVEALED,
		"UPDATE session SET revealed = ?2 WHERE id = ?1",
		STORE_VALS(STORE_INT(id), STORE_INT(revealed))), id);
}

enum store_status store_session_set_closed(struct store *st, int64_t id,
					   bool closed)
{
	char now[32];
	store_now_iso(now);
	return update_session(st, store_query(st, STMT_SET_CLOSED,
		"UPDATE session SET closed = ?2 WHERE id = ?1",
		STORE_VALS(STORE_INT(id), STORE_TEXT(closed ? now : NULL))), id);
}

enum store_status store_session_set_pin_hash(struct store *st, int64_t id,
					     const char *hash)
{
	return update_session(st, store_query(st, STMT_SET_PIN,
		"UPDATE session SET pin_hash = ?2, pin_failures = 0,"
		" pin_failed_ms = 0 WHERE id = ?1",
		STORE_VALS(STORE_INT(id), STORE_TEXT(hash))), id);
}

enum store_status store_session_set_join_url(struct store *st, int64_t id,
					     const char *url)
{
	return update_session(st, store_query(st, STMT_SET_JOIN_URL,
		"UPDATE session SET join_url = ?2 WHERE id = ?1",
		STORE_VALS(STORE_INT(id), STORE_TEXT(url))), id);
}

enum store_status store_session_join_url(struct store *st, int64_t id,
					 char **url)
{
	return store_session_text(st, store_stmt(st, STMT_GET_JOIN_URL,
		"SELECT join_url FROM session WHERE id = ?1"), id, url);
}

/* What store_pin_failures reads. */
struct pin_state {
	int *failures;
	int64_t *failed_ms;
};

/* A pin_state from its row: failures (capped to an int), when. */
static bool pin_state_row(sqlite3_stmt *s, void *arg)
{
	struct pin_state *p = arg;
	int64_t n = sqlite3_column_int64(s, 0);
	*p->failures = n > INT32_MAX ? INT32_MAX : (int)n;
	*p->failed_ms = sqlite3_column_int64(s, 1);
	return true;
}

enum store_status store_pin_failures(struct store *st, int64_t id,
				     int *failures, int64_t *failed_ms)
{
	struct pin_state p = { failures, failed_ms };
	*failures = 0;
	*failed_ms = 0;
	return store_session_row(st, store_query(st, STMT_PIN_FAILURES,
		"SELECT pin_failures, pin_failed_ms FROM session WHERE id = ?1",
		STORE_VALS(STORE_INT(id))), id, pin_state_row, &p);
}

enum store_status store_pin_failed(struct store *st, int64_t id,
				   int64_t now_ms, int *failures)
{
	*failures = 0;
	return store_session_row(st, store_query(st, STMT_PIN_FAILED,
		"UPDATE session SET pin_failures = min(pin_failures + 1, 1000000),"
		" pin_failed_ms = ?2 WHERE id = ?1 RETURNING pin_failures",
		STORE_VALS(STORE_INT(id), STORE_INT(now_ms))), id, store_int_row,
		failures);
}

enum store_status store_pin_succeeded(struct store *st, int64_t id)
{
	return store_run(st, STMT_PIN_SUCCEEDED,
		"UPDATE session SET pin_failures = 0, pin_failed_ms = 0"
		" WHERE id = ?1 AND pin_failures <> 0", STORE_VALS(STORE_INT(id)));
}

enum store_status store_session_pin_hash(struct store *st, int64_t id,
					 char **hash)
{
	return store_session_text(st, store_stmt(st, STMT_GET_PIN,
		"SELECT pin_hash FROM session WHERE id = ?1"), id, hash);
}

/* Deletes the rehearsal sessions inside the caller's transaction. */
static enum store_status delete_demos(struct store *st, int *removed)
{
	enum store_status r = store_run(st, STMT_DEMO_DELETE,
		"DELETE FROM session WHERE demo = 1", NULL, 0);
	if (r == STORE_OK)
		*removed = sqlite3_changes(st->db);
	return r;
}

enum store_status store_session_delete_demos(struct store *st, int *removed)
{
	int n = 0;
	*removed = 0;
	enum store_status r = store_begin_write(st);
	if (r != STORE_OK)
		return r;
	r = store_end(st, delete_demos(st, &n));
	if (r == STORE_OK)
		*removed = n;
	return r;
}

/* The id of the round after session `id` (0: none yet). */
static enum store_status next_round_of(struct store *st, const char *uuid,
				       int64_t *next)
{
	*next = 0;
	return store_one(st, store_query(st, STMT_ROUND_NEXT,
		"SELECT id FROM session WHERE after_uuid = ?1 ORDER BY id LIMIT 1",
		STORE_VALS(STORE_TEXT(uuid))), store_int64_row, next, NULL);
}

/* The template a round is made from: the session's own sheets and agenda,
 * borrowed from what was loaded. */
static void round_template(const struct session *se, struct tpl_sheet *sheets,
			   size_t nsheets, struct tpl_phase *phases,
			   size_t nphases, struct template *t)
{
	memset(t, 0, sizeof *t);
	t->name = se->template_name;
	t->title = se->title;
	t->language = se->language;
	t->budget = se->budget;
	t->sheets = sheets;
	t->nsheets = nsheets;
	t->phases = phases;
	t->nphases = nphases;
}

/* Makes the next round inside the caller's write transaction. */
static enum store_status make_round(struct store *st, int64_t id,
				    int64_t *new_id)
{
	struct session se;
	struct tpl_sheet *sheets = NULL;
	struct tpl_phase *phases = NULL;
	size_t nsheets = 0, nphases = 0;
	int64_t next = 0;
	char *title = NULL;
	enum store_status r = store_load_session(st, id, &se);
	if (r != STORE_OK)
		return r;
	r = next_round_of(st, se.uuid, &next);
	if (r == STORE_OK && next)
		r = store_say(st, STORE_REFUSED,
			      _("Session %lld has its next round already (session %lld): make the round after that one from it."),
			      (long long)id, (long long)next);
	if (r == STORE_OK && se.round >= ROUNDS_MAX)
		r = store_say(st, STORE_REFUSED,
			      _("Session %lld is round %d, the last there can be."),
			      (long long)id, se.round);
	if (r == STORE_OK)
		r = store_load_sheets(st, id, &sheets, &nsheets);
	if (r == STORE_OK)
		r = store_load_phases(st, id, &phases, &nphases);
	if (r == STORE_OK && !(title = rounds_title(se.title, se.language,
						    se.round + 1)))
		r = store_nomem(st);
	if (r == STORE_OK) {
		struct template t;
		round_template(&se, sheets, nsheets, phases, nphases, &t);
		struct store_new_session o = {
			.title = title, .budget = se.budget, .mode = se.mode,
			.anonymous = se.anonymous, .language = se.language,
			.shuffle = se.shuffle, .demo = se.demo,
			.round = se.round + 1, .after = se.uuid,
			.groups = se.groups, .group_min = se.group_min,
		};
		r = insert_session(st, &t, &o, se.budget, new_id);
		if (r == STORE_OK)
			r = store_insert_phases(st, *new_id, phases, nphases);
		if (r == STORE_OK)
			r = store_insert_sheets(st, *new_id, sheets, nsheets);
	}
	free(title);
	store_free_sheets(sheets, nsheets);
	store_free_phases(phases, nphases);
	rules_session_free(&se);
	return r;
}

enum store_status store_session_next_round(struct store *st, int64_t id,
					   int64_t *new_id)
{
	int64_t made = 0;
	enum store_status r = store_begin_write(st);
	if (r != STORE_OK)
		return r;
	r = store_end(st, make_round(st, id, &made));
	if (r == STORE_OK)
		*new_id = made;
	return r;
}

enum store_status store_session_id_of(struct store *st, const char *uuid,
				      int64_t *id)
{
	*id = 0;
	return store_one(st, store_query(st, STMT_SESSION_BY_UUID,
		"SELECT id FROM session WHERE uuid = ?1",
		STORE_VALS(STORE_TEXT(uuid))), store_int64_row, id, NULL);
}

enum store_status store_session_previous_id(struct store *st,
					    const struct session *s,
					    int64_t *id)
{
	*id = 0;
	return s->after[0] ? store_session_id_of(st, s->after, id) : STORE_OK;
}

enum store_status store_session_next_id(struct store *st,
					const struct session *s, int64_t *id)
{
	return next_round_of(st, s->uuid, id);
}
