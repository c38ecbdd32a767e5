/* store: the only code that speaks SQL. One SQLite file holds every session.
 *
 * Opening: a missing file is created with mode 0600 (names are personal data)
 * and its folder with 0700. An existing file must carry tapla's application_id
 * and a schema no newer than ours, else it is refused untouched. Settings:
 * WAL, synchronous=FULL, foreign keys on, busy timeout, trusted_schema off,
 * defensive on; prepared statements only, never SQL built from data.
 *
 * Every function returns an enum store_status and, on failure, writes one
 * translated sentence to the store's error (store_error) saying what happened
 * and what to do. A failed write changes nothing (one transaction each). */
#ifndef TAPLA_STORE_H
#define TAPLA_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tapla/report.h"
#include "tapla/rules.h"
#include "tapla/tally.h"
#include "tapla/template.h"

#define STORE_APPLICATION_ID 0x54504c41  /* "TPLA" */
#define STORE_SCHEMA_VERSION 1

enum store_status {
	STORE_OK = 0,
	STORE_NOT_FOUND,  /* no such session (or participant) */
	STORE_REFUSED,    /* the input breaks a rule; nothing changed (exit 2) */
	STORE_CONFLICT,   /* the name has signed already; pass replace */
	STORE_BUSY,       /* another process holds the lock beyond the timeout */
	STORE_ERROR,      /* the database or file system failed (exit 1) */
};

struct store;

/* Where the database is by default: $TAPLA_DB, else
 * $XDG_DATA_HOME/tapla/tapla.db, else ~/.local/share/tapla/tapla.db.
 * Writes into buf; false if no path can be made (no HOME). */
bool store_default_path(char *buf, size_t n);

/* Opens (or creates) the database at path. On failure *out is NULL and err
 * holds the sentence. */
enum store_status store_open(const char *path, struct store **out,
			     char *err, size_t errlen);
/* Opens an existing tapla database read-only (never creates or writes). */
enum store_status store_open_readonly(const char *path, struct store **out,
				      char *err, size_t errlen);
void store_close(struct store *st);
/* The last failure's sentence. */
const char *store_error(const struct store *st);

struct store_new_session {
	const char *title;     /* NULL: the template's title */
	int budget;            /* 0: the template's */
	enum mode mode;
	bool anonymous;
	const char *language;  /* the template's language if NULL */
};

/* Creates a session from a template: its sheets and phases are copied in so
 * the session stands alone. */
enum store_status store_session_create(struct store *st,
				       const struct template *t,
				       const struct store_new_session *opt,
				       int64_t *id);
/* Loads one session (with nsheets and participants counted). */
enum store_status store_session_get(struct store *st, int64_t id,
				    struct session *out);
/* All sessions, newest first. Free each with rules_session_free and the array
 * with free. */
enum store_status store_session_list(struct store *st, struct session **out,
				     size_t *n);
enum store_status store_session_sheets(struct store *st, int64_t id,
				       struct tpl_sheet **out, size_t *n);
enum store_status store_session_phases(struct store *st, int64_t id,
				       struct tpl_phase **out, size_t *n);
/* Frees what store_session_sheets / _phases returned. */
void store_free_sheets(struct tpl_sheet *s, size_t n);
void store_free_phases(struct tpl_phase *p, size_t n);

/* Agenda and timer state, saved so they survive a restart. */
enum store_status store_session_set_phase(struct store *st, int64_t id,
					  int phase);
enum store_status store_session_set_timer(struct store *st, int64_t id,
					  bool running, int64_t deadline_ms,
					  int64_t left_ms);
enum store_status store_session_set_revealed(struct store *st, int64_t id,
					     bool revealed);
/* Closes voting (closed = now) or reopens it (closed = NULL). */
enum store_status store_session_set_closed(struct store *st, int64_t id,
					   bool closed);
/* The facilitator PIN's salted hash (crypt(3) format), or NULL to clear. */
enum store_status store_session_set_pin_hash(struct store *st, int64_t id,
					     const char *hash);
/* *hash is NULL when no PIN is set; the caller frees it. */
enum store_status store_session_pin_hash(struct store *st, int64_t id,
					 char **hash);

/* Does `name` (compared by text_name_key) already have a ballot? */
enum store_status store_name_signed(struct store *st, int64_t id,
				    const char *name, bool *signed_);

/* Stores one participant's ballot whole or not at all. `name` is NULL in
 * anonymous sessions (refused otherwise) and must be clean (text_clean).
 * The ballot is checked with rules_check_ballot against the session. If the
 * name has signed already: STORE_CONFLICT unless `replace`, which deletes the
 * old dots and that participant's notes and keeps the signing place.
 * Refuses a closed session. *seq receives the participant's number. */
enum store_status store_ballot_save(struct store *st, int64_t id,
				    const char *name, const struct ballot *b,
				    const struct ballot_note *notes,
				    size_t nnotes, bool replace, int *seq);

/* Adds a SWOT note outside a ballot (participant 0 = nobody). */
enum store_status store_note_add(struct store *st, int64_t id, int sheet,
				 enum quadrant q, const char *text);

/* The counts per sheet and column, finished (tally_finish). */
enum store_status store_tally(struct store *st, int64_t id, struct tally *out);

/* Everything for an export. Free with report_free. */
enum store_status store_report(struct store *st, int64_t id,
			       struct report *out);
/* The same without the ballot cells and notes (nballots and nnotes are 0):
 * what the tally's text needs, without reading every dot row twice. Free
 * with report_free. */
enum store_status store_report_summary(struct store *st, int64_t id,
				       struct report *out);

/* Number of participants who have voted in a session (cheap). */
enum store_status store_vote_count(struct store *st, int64_t id, int *count);

/* SQLite's data_version: changes when another connection commits. */
enum store_status store_data_version(struct store *st, int64_t *version);

#endif
