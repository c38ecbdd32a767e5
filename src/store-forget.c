/* store-forget: erasing a participant or a whole session so that no copy of
 * the erased bytes stays behind (data-protection requests). See store.h. */
#include "store-int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tapla/i18n.h"
#include "tapla/text.h"

/* Seq numbers are moved out of the way and back in two steps, because the
 * UNIQUE (session_id, seq) constraint is checked row by row. */
#define SEQ_PARK 1000000

/* Runs one fixed statement (a PRAGMA or VACUUM) to its end. */
static enum store_status run(struct store *st, enum store_stmt_id id,
			     const char *sql)
{
	return store_run(st, id, sql, NULL, 0);
}

/* Is secure_delete on now? (Restored after the erasure.) */
static enum store_status secure_delete_is_on(struct store *st, bool *on)
{
	*on = false;
	return store_one(st, store_stmt(st, STMT_SECURE_DELETE_GET,
					"PRAGMA secure_delete"),
			 store_bool_row, on, NULL);
}

/* Empties the WAL into the file and truncates it to nothing. *blocked
 * tells that another connection still reads an older snapshot, so the WAL
 * could not be emptied. */
static enum store_status checkpoint(struct store *st, bool *blocked)
{
	return store_one(st, store_stmt(st, STMT_CHECKPOINT_TRUNCATE,
					"PRAGMA wal_checkpoint(TRUNCATE)"),
			 store_bool_row, blocked, NULL);
}

/* Records, inside the deleting transaction, that an erase is owed until
 * the WAL has been emptied (cleared by settle). */
static enum store_status mark_owed(struct store *st)
{
	char now[32];
	store_now_iso(now);
	return store_run(st, STMT_ERASE_MARK,
		"INSERT OR REPLACE INTO erase_pending (id, since) VALUES (1, ?1)",
		STORE_VALS(STORE_TEXT(now)));
}

/* Is an erase recorded as owed? */
static enum store_status is_owed(struct store *st, bool *owed)
{
	*owed = false;
	return store_one(st, store_stmt(st, STMT_ERASE_OWED,
					"SELECT count(*) FROM erase_pending"),
			 store_bool_row, owed, NULL);
}

/* Once the WAL was emptied: the erased bytes are gone (secure delete
 * zeroed them in the pages the checkpoint wrote), so the record goes, and
 * a last checkpoint empties the WAL of that too (if it cannot now, what
 * stays there holds no erased bytes). */
static enum store_status settle(struct store *st)
{
	enum store_status r = run(st, STMT_ERASE_CLEAR,
				  "DELETE FROM erase_pending");
	bool blocked = false;
	if (r == STORE_OK)
		r = checkpoint(st, &blocked);
	st->erase_pending = false;
	return r;
}

/* After the deleting transaction: no copy in the WAL, free pages or
 * leftover space of the file. Secure delete has already zeroed the erased
 * bytes in the pages themselves. When another connection reads an older
 * snapshot the WAL cannot be emptied: the erase stays owed (recorded in
 * the file) and the next open finishes it. */
static enum store_status scrub(struct store *st)
{
	bool blocked = false;
	enum store_status r = checkpoint(st, &blocked);
	if (r == STORE_OK && blocked) {
		st->erase_pending = true;
		return STORE_OK;
	}
	/* The erased bytes are gone now; VACUUM compacts the file, and
	 * settle's checkpoint empties the WAL of its pages (live data only). */
	if (r == STORE_OK)
		r = run(st, STMT_VACUUM, "VACUUM");
	return r == STORE_OK ? settle(st) : r;
}

void store_finish_erase(struct store *st)
{
	bool owed = false, blocked = false;
	if (is_owed(st, &owed) != STORE_OK || !owed)
		return;
	st->erase_pending = true;
	if (checkpoint(st, &blocked) == STORE_OK && !blocked)
		(void)settle(st);  /* a failure leaves it owed: retried next time */
}

bool store_erase_pending(const struct store *st)
{
	return st && st->erase_pending;
}

/* Runs `erase` in a write transaction with secure_delete on, then scrubs. */
static enum store_status erase_with(struct store *st, int64_t id,
				    const char *key,
				    enum store_status (*erase)(struct store *,
							       int64_t,
							       const char *))
{
	bool was_on = false;
	enum store_status r = secure_delete_is_on(st, &was_on);
	if (r == STORE_OK)
		r = run(st, STMT_SECURE_DELETE_ON, "PRAGMA secure_delete = ON");
	if (r != STORE_OK)
		return r;
	r = store_begin_write(st);
	if (r == STORE_OK) {
		enum store_status e = erase(st, id, key);
		if (e == STORE_OK)
			e = mark_owed(st);
		r = store_end(st, e);
	}
	if (r == STORE_OK)
		r = scrub(st);
	if (!was_on) {
		char keep[sizeof st->err];
		memcpy(keep, st->err, sizeof keep);
		enum store_status off = run(st, STMT_SECURE_DELETE_OFF,
					    "PRAGMA secure_delete = OFF");
		memcpy(st->err, keep, sizeof keep);
		if (r == STORE_OK)
			r = off;
	}
	return r;
}

enum store_status store_delete_session_rows(struct store *st, int64_t id)
{
	static const struct { enum store_stmt_id id; const char *sql; } steps[] = {
		{ STMT_DELETE_NOTES, "DELETE FROM note WHERE session_id = ?1" },
		{ STMT_DELETE_DOTS, "DELETE FROM dot WHERE session_id = ?1" },
		{ STMT_DELETE_PARTICIPANTS,
		  "DELETE FROM participant WHERE session_id = ?1" },
		{ STMT_DELETE_SESSION, "DELETE FROM session WHERE id = ?1" },
	};
	enum store_status r = STORE_OK;
	for (size_t i = 0; r == STORE_OK && i < sizeof steps / sizeof steps[0];
	     i++)
		r = store_run(st, steps[i].id, steps[i].sql,
			      STORE_VALS(STORE_INT(id)));
	/* The last step removed the session row itself, if there was one. */
	if (r == STORE_OK && sqlite3_changes(st->db) == 0)
		return store_no_session(st, id);
	return r;
}

/* What find_named reads: is the session anonymous, and the participant. */
struct named {
	bool anonymous;
	int64_t pid;
	int seq;
};

/* A named from its row: anonymous, the participant's id and seq (NULL: 0). */
static bool named_row(sqlite3_stmt *s, void *arg)
{
	struct named *n = arg;
	n->anonymous = sqlite3_column_int(s, 0) != 0;
	n->pid = sqlite3_column_int64(s, 1);
	n->seq = sqlite3_column_int(s, 2);
	return true;
}

/* The participant with name key `key`: *pid 0 if nobody. */
static enum store_status find_named(struct store *st, int64_t id,
				    const char *key, int64_t *pid, int *seq)
{
	struct named n = { false, 0, 0 };
	enum store_status r = store_session_row(st, store_query(st,
		STMT_FORGET_FIND,
		"SELECT s.anonymous, p.id, p.seq FROM session s"
		" LEFT JOIN participant p ON p.session_id = s.id AND p.name_key = ?2"
		" WHERE s.id = ?1", STORE_VALS(STORE_INT(id), STORE_TEXT(key))),
		id, named_row, &n);
	*pid = n.pid;
	*seq = n.seq;
	if (r == STORE_OK && n.anonymous)
		return store_say(st, STORE_REFUSED,
				 _("Session %lld is anonymous: it holds no names to forget."),
				 (long long)id);
	return r;
}

/* Runs an UPDATE/DELETE taking (?1 = a, ?2 = b). */
static enum store_status exec2(struct store *st, enum store_stmt_id sid,
			       const char *sql, int64_t a, int64_t b)
{
	return store_run(st, sid, sql, STORE_VALS(STORE_INT(a), STORE_INT(b)));
}

/* Deletes participant pid, number seq (dots and notes follow by the
 * schema's cascades), and moves those who signed later up one place. */
static enum store_status forget_found(struct store *st, int64_t id,
				      int64_t pid, int seq)
{
	enum store_status r = exec2(st, STMT_FORGET_DELETE,
		  "DELETE FROM participant WHERE id = ?1 AND session_id = ?2",
		  pid, id);
	if (r == STORE_OK)
		r = exec2(st, STMT_FORGET_SHIFT_UP,
			  "UPDATE participant SET seq = seq + 1000000"
			  " WHERE session_id = ?1 AND seq > ?2", id, seq);
	if (r == STORE_OK)
		r = exec2(st, STMT_FORGET_SHIFT_DOWN,
			  "UPDATE participant SET seq = seq - 1000001"
			  " WHERE session_id = ?1 AND seq > ?2", id, SEQ_PARK);
	return r;
}

/* Forgets the participant with name key `key`. */
static enum store_status forget_in(struct store *st, int64_t id,
				   const char *key)
{
	int64_t pid = 0;
	int seq = 0;
	enum store_status r = find_named(st, id, key, &pid, &seq);
	if (r != STORE_OK)
		return r;
	if (pid == 0)
		return store_say(st, STORE_NOT_FOUND,
				 _("Session %lld has no participant by that name: check the spelling, or give the number with --participant N (tapla export %lld lists them)."),
				 (long long)id, (long long)id);
	return forget_found(st, id, pid, seq);
}

/* The row id of participant number seq of session id (0 if none). */
static enum store_status find_numbered(struct store *st, int64_t id, int seq,
				       int64_t *pid)
{
	*pid = 0;
	return store_session_row(st, store_query(st, STMT_FORGET_FIND_SEQ,
		"SELECT p.id FROM session s"
		" LEFT JOIN participant p ON p.session_id = s.id AND p.seq = ?2"
		" WHERE s.id = ?1", STORE_VALS(STORE_INT(id), STORE_INT(seq))),
		id, store_int64_row, pid);
}

/* Forgets participant number `seq_text` (the number as decimal text, in
 * the shape erase_with calls), named or not. */
static enum store_status forget_seq_in(struct store *st, int64_t id,
				       const char *seq_text)
{
	int seq = atoi(seq_text);
	int64_t pid = 0;
	enum store_status r = find_numbered(st, id, seq, &pid);
	if (r != STORE_OK)
		return r;
	if (pid == 0)
		return store_say(st, STORE_NOT_FOUND,
				 _("Session %lld has no participant number %d: tapla export %lld lists them."),
				 (long long)id, seq, (long long)id);
	return forget_found(st, id, pid, seq);
}

/* store_delete_session_rows in the shape erase_with calls. */
static enum store_status delete_in(struct store *st, int64_t id,
				   const char *unused)
{
	(void)unused;
	return store_delete_session_rows(st, id);
}

enum store_status store_forget_name(struct store *st, int64_t id,
				    const char *name)
{
	char *key = name ? text_name_key(name) : NULL;
	if (!key)
		return store_say(st, STORE_REFUSED,
				 _("The name is not valid UTF-8: type it again."));
	enum store_status r = erase_with(st, id, key, forget_in);
	free(key);
	return r;
}

enum store_status store_forget_participant(struct store *st, int64_t id,
					   int seq)
{
	char seq_text[16];
	snprintf(seq_text, sizeof seq_text, "%d", seq);
	return erase_with(st, id, seq_text, forget_seq_in);
}

enum store_status store_session_delete(struct store *st, int64_t id)
{
	return erase_with(st, id, NULL, delete_in);
}
