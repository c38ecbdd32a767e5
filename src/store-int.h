/* store-int: what the store's source files share (not a public header).
 *
 * struct store, the cache of prepared statements and the helpers that turn
 * SQLite's return codes into one translated sentence in st->err. */
#ifndef TAPLA_STORE_INT_H
#define TAPLA_STORE_INT_H

#include <signal.h>
#include <sqlite3.h>

#include "tapla/store.h"

/* Every statement the store prepares, cached per connection. */
enum store_stmt_id {
	STMT_BEGIN_READ,
	STMT_BEGIN_WRITE,
	STMT_COMMIT,
	STMT_ROLLBACK,
	STMT_SESSION_INSERT,
	STMT_PHASE_INSERT,
	STMT_SHEET_INSERT,
	STMT_SESSION_GET,
	STMT_SESSION_LIST,
	STMT_SESSION_SHEETS,
	STMT_SESSION_PHASES,
	STMT_SESSION_EXISTS,
	STMT_PHASE_COUNT,
	STMT_SET_PHASE,
	STMT_SET_TIMER,
	STMT_SET_REVEALED,
	STMT_SET_CLOSED,
	STMT_SET_PIN,
	STMT_GET_PIN,
	STMT_PIN_FAILURES,
	STMT_SET_JOIN_URL,
	STMT_GET_JOIN_URL,
	STMT_PIN_FAILED,
	STMT_PIN_SUCCEEDED,
	STMT_NAME_SIGNED,
	STMT_BALLOT_SESSION,
	STMT_PARTICIPANT_FIND,
	STMT_PARTICIPANT_NEXT_SEQ,
	STMT_PARTICIPANT_INSERT,
	STMT_DOTS_DELETE,
	STMT_NOTES_DELETE,
	STMT_DOT_INSERT,
	STMT_NOTE_INSERT,
	STMT_NOTE_SESSION,
	STMT_TALLY_SIZES,
	STMT_TALLY_ROWS,
	STMT_TALLY_PEOPLE,
	STMT_REPORT_PARTICIPANTS,
	STMT_REPORT_BALLOTS,
	STMT_REPORT_NOTES,
	STMT_VOTE_COUNT,
	STMT_DATA_VERSION,
	STMT_MERGE_LIST,
	STMT_MERGE_SESSION,
	STMT_FORGET_FIND,
	STMT_FORGET_FIND_SEQ,
	STMT_FORGET_DELETE,
	STMT_FORGET_SHIFT_UP,
	STMT_FORGET_SHIFT_DOWN,
	STMT_DELETE_NOTES,
	STMT_DELETE_DOTS,
	STMT_DELETE_PARTICIPANTS,
	STMT_DELETE_SESSION,
	STMT_SECURE_DELETE_ON,
	STMT_SECURE_DELETE_OFF,
	STMT_SECURE_DELETE_GET,
	STMT_CHECKPOINT_TRUNCATE,
	STMT_VACUUM,
	/* schema 2: paper, order, rehearsal (store-paper.c) */
	STMT_PARTICIPANT_MARK,
	STMT_PAPER_FIND,
	STMT_PAPER_CLEAR,
	STMT_PAPER_TOTAL_INSERT,
	STMT_PAPER_SHEET_INSERT,
	STMT_REPORT_PAPER,
	STMT_DEMO_DELETE,
	/* merging schema 2 (store-merge.c) */
	STMT_MERGE_PAPER_READ,
	/* schema 3: phones (store-ballot.c) */
	STMT_PARTICIPANT_BY_DEVICE,
	STMT_SOURCE_COUNTS,
	STMT_DEVICE_DOTS,
	STMT_DEVICE_NOTES,
	STMT_DEVICE_GROUP,
	/* schema 3: an erase that could not finish (store-forget.c) */
	STMT_ERASE_MARK,
	STMT_ERASE_CLEAR,
	STMT_ERASE_OWED,
	/* schema 3: rounds and groups */
	STMT_ROUND_NEXT,
	STMT_SESSION_BY_UUID,
	STMT_BALLOT_GROUPS,
	STMT_COUNT
};

struct store {
	sqlite3 *db;
	char *path;       /* as the user gave it, for messages */
	char err[512];    /* the last failure's sentence */
	sqlite3_stmt *stmt[STMT_COUNT];
	const volatile sig_atomic_t *stop;  /* store_stop_waits_on */
	int busy_ms;                        /* the lock wait's limit */
	long long wait_start_ms;            /* when this lock wait began */
	bool erase_pending;                 /* store_erase_pending */
};

/* The cached statement `id` (prepared from `sql` the first time), reset and
 * with its bindings cleared. NULL on failure, with the sentence set. */
sqlite3_stmt *store_stmt(struct store *st, enum store_stmt_id id,
			 const char *sql);
/* Records a failed SQLite call `rc` and returns its status: STORE_BUSY when
 * another process holds the lock, STORE_ERROR otherwise. */
enum store_status store_fail(struct store *st, int rc);
/* Records a sentence (printf format, already translated) and returns s. */
enum store_status store_say(struct store *st, enum store_status s,
			    const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Transactions: a read snapshot, or the write lock taken up front (BEGIN
 * IMMEDIATE). store_end commits when s is STORE_OK and rolls back
 * otherwise; it returns the final status. */
enum store_status store_begin_read(struct store *st);
enum store_status store_begin_write(struct store *st);
enum store_status store_end(struct store *st, enum store_status s);

/* Steps a statement that returns no rows (or whose rows are ignored). */
enum store_status store_exec(struct store *st, sqlite3_stmt *s);

/* A value for one parameter of a statement: an integer, a text (a NULL
 * pointer binds NULL) or a row id (0 binds NULL: nobody). */
struct store_val {
	enum { STORE_VAL_INT, STORE_VAL_TEXT, STORE_VAL_ID } kind;
	int64_t i;
	const char *t;
};
#define STORE_INT(v) ((struct store_val){ STORE_VAL_INT, (int64_t)(v), NULL })
#define STORE_TEXT(v) ((struct store_val){ STORE_VAL_TEXT, 0, (v) })
#define STORE_ID(v) ((struct store_val){ STORE_VAL_ID, (int64_t)(v), NULL })
/* The values of ?1, ?2, ... in order, as the two arguments (array, count)
 * store_query and store_run take: STORE_VALS(STORE_INT(id), STORE_TEXT(k)). */
#define STORE_VALS(...) \
	(const struct store_val[]){ __VA_ARGS__ }, \
	sizeof((const struct store_val[]){ __VA_ARGS__ }) / sizeof(struct store_val)

/* The cached statement `id` (prepared from `sql` the first time) with the
 * n values bound to ?1..?n; NULL on failure, with the sentence set. */
sqlite3_stmt *store_query(struct store *st, enum store_stmt_id id,
			  const char *sql, const struct store_val *vals,
			  size_t n);
/* store_query run to its end: an INSERT, UPDATE or DELETE. */
enum store_status store_run(struct store *st, enum store_stmt_id id,
			    const char *sql, const struct store_val *vals,
			    size_t n);

/* Reads the current row of a statement into arg; false on no memory
 * (after freeing what it took for that row). */
typedef bool store_row_fn(sqlite3_stmt *s, void *arg);
/* Runs s (NULL: STORE_ERROR, its sentence set already) to its end and
 * hands the first row, if any, to row (NULL: not read); *found (may be
 * NULL) tells whether there was one. Resets s. The no-memory sentence when
 * row says false. */
enum store_status store_one(struct store *st, sqlite3_stmt *s,
			    store_row_fn *row, void *arg, bool *found);
/* store_one for a query of session id's row: no row is the no-such-session
 * refusal (STORE_NOT_FOUND). */
enum store_status store_session_row(struct store *st, sqlite3_stmt *s,
				    int64_t id, store_row_fn *row, void *arg);
/* Hands every row of s (NULL: as store_one) to row until it says false
 * (no memory: that sentence); resets s. */
enum store_status store_each(struct store *st, sqlite3_stmt *s,
			     store_row_fn *row, void *arg);
/* Row readers of column 0: into an int64_t, an int, a bool (nonzero), or
 * a copy of its text in a char * (NULL for NULL). */
bool store_int64_row(sqlite3_stmt *s, void *out);
bool store_int_row(sqlite3_stmt *s, void *out);
bool store_bool_row(sqlite3_stmt *s, void *out);
bool store_text_row(sqlite3_stmt *s, void *out);

/* A copy of a text column (NULL stays NULL); *ok false on no memory. */
char *store_column_dup(sqlite3_stmt *s, int col, bool *ok);
/* One text column of session id's row (groups, PIN hash, join address),
 * read by s ("SELECT col FROM session WHERE id = ?1", bound here): a copy
 * in *out, NULL for NULL; the no-such-session refusal when there is no
 * row. */
enum store_status store_session_text(struct store *st, sqlite3_stmt *s,
				     int64_t id, char **out);
/* The current time as ISO 8601 UTC, "2026-11-24T10:00:00Z". */
void store_now_iso(char out[32]);
/* The out-of-memory sentence. */
enum store_status store_nomem(struct store *st);

/* The sentence for a session id that does not exist (STORE_NOT_FOUND). */
enum store_status store_no_session(struct store *st, int64_t id);
/* Does the session exist? STORE_NOT_FOUND with the sentence if not. */
enum store_status store_session_exists(struct store *st, int64_t id);

/* The loaders store_report shares with the public functions; they run
 * inside the caller's transaction. */
enum store_status store_load_session(struct store *st, int64_t id,
				     struct session *out);
enum store_status store_load_sheets(struct store *st, int64_t id,
				    struct tpl_sheet **out, size_t *n);
enum store_status store_load_phases(struct store *st, int64_t id,
				    struct tpl_phase **out, size_t *n);
enum store_status store_load_tally(struct store *st, int64_t id,
				   struct tally *out);
/* The stored word of an agenda phase kind ("talk", "vote", "results"). */
const char *store_phase_key(enum tpl_phase_kind k);
/* Deletes session `id` and every row that belongs to it, inside the
 * caller's write transaction (store-forget.c). */
enum store_status store_delete_session_rows(struct store *st, int64_t id);
/* Everything of a report (store_report without its transaction); on
 * failure the caller frees what was loaded with report_free. */
enum store_status store_load_report(struct store *st, int64_t id,
				    struct report *out);
/* The paper column totals of a session, by sheet (store-paper.c). */
enum store_status store_load_paper(struct store *st, int64_t id,
				   struct report *out);
/* At open: finishes an erase recorded as owed (store-forget.c), without
 * waiting for anyone; sets st->erase_pending if it still cannot. */
void store_finish_erase(struct store *st);
/* Runs every migration step on an empty connection (store-source.c
 * compares a source's schema with what this makes); an SQLite code. */
int store_make_schema(sqlite3 *db);
/* Opens another laptop's file for store-source.c: read-only through a URI
 * ("mode=ro"), with `immutable` also without locks or a -wal/-shm of its
 * own (only for a file nobody has open). The checks of
 * store_open_readonly (magic, application_id, schema version) apply. */
enum store_status store_open_source(const char *path, bool immutable,
				    struct store **out, char *err,
				    size_t errlen);
/* Reads another laptop's file (a merge source) without writing anything
 * beside it (store-source.c says how): checks it as store_open_readonly
 * does, then that its schema objects are exactly tapla's and its rows,
 * texts and the work of reading stay within bounds, and calls `read` on
 * its connection inside one read snapshot. On failure err holds the
 * sentence. */
enum store_status store_source_read(const char *path,
				    enum store_status (*read)(struct store *,
							      void *),
				    void *arg, char *err, size_t errlen);
/* The SQL of the migration step to version `to`, or NULL (tests build
 * old databases with it). */
/* Registers tapla_name_key(name) (text_name_key) and tapla_visible_name
 * (text_drop_invisible) on a connection, for the migration step that cleans
 * stored names and recomputes their signer keys (store-names.c). */
int store_add_name_functions(sqlite3 *db);
const char *store_migration_sql(int to);
/* Copies an agenda and sheets into session `id` (idx in array order),
 * inside the caller's write transaction: a template's, or a merged file's
 * (store-session.c). */
enum store_status store_insert_phases(struct store *st, int64_t id,
				      const struct tpl_phase *phases, size_t n);
enum store_status store_insert_sheets(struct store *st, int64_t id,
				      const struct tpl_sheet *sheets, size_t n);
/* Writes a paper sheet's nonzero column totals and its people, entered at
 * `at` (NULL or "": now), inside the caller's write transaction
 * (store-paper.c). */
enum store_status store_insert_paper(struct store *st, int64_t id, int sheet,
				     const int dots[LEVEL_COUNT],
				     const int people[LEVEL_COUNT],
				     int sheet_people, const char *at);
/* Item n of an array of `size`-byte items, grown to hold it (*cap items
 * now, 0 at first) and zeroed; NULL on no memory (the array is left as it
 * was). The caller counts the item in when it keeps it. */
void *store_slot(void **arr, size_t n, size_t *cap, size_t size);
/* Hands each row of s (bound; NULL: ERROR, the sentence set) to row,
 * which adds it to the report (its array's capacity in *cap, 0 at first)
 * and says false on no memory, which stops; then resets s. */
enum store_status store_report_rows(struct store *st, sqlite3_stmt *s,
				    struct report *r,
				    bool (*row)(sqlite3_stmt *s,
						struct report *r, size_t *cap));

/* A participant row as it is written: by a ballot, or copied by a merge. */
struct store_participant {
	int64_t session;
	int seq;
	const char *name;       /* NULL when anonymous */
	const char *key;        /* the name's signer key, NULL when anonymous */
	const char *signed_at;
	enum ballot_source source;
	const char *order;      /* the sheet order as text, NULL for none */
	const char *group;      /* NULL for none */
	const char *device;     /* the phone's identity, NULL for none */
};
/* Writes p, a dot cell or a note (pid 0: nobody's) inside the caller's
 * write transaction (store-ballot.c); *pid gets the participant's row id. */
enum store_status store_insert_participant(struct store *st,
					   const struct store_participant *p,
					   int64_t *pid);
enum store_status store_insert_dot(struct store *st, int64_t id, int64_t pid,
				   int sheet, int level, int dots);
enum store_status store_insert_note(struct store *st, int64_t id, int64_t pid,
				    int sheet, enum quadrant q,
				    const char *text);
/* The id of the session with this uuid here; 0 if there is none
 * (store-session.c). */
enum store_status store_session_id_of(struct store *st, const char *uuid,
				      int64_t *id);

#endif
