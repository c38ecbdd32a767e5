/* store: the only code that speaks SQL. One SQLite file holds every session.
 *
 * Opening: a missing file is created with mode 0600 (names are personal data)
 * and its folder with 0700, never in a folder another user owns or can
 * write. An existing file (and its -wal, -shm, -journal) must be a regular
 * file of this user's (or root's) that nobody else can write, not a
 * symbolic link, and carry tapla's application_id and a schema no newer
 * than ours, else it is refused untouched (STORE_REFUSED with the reason). Settings:
 * WAL, synchronous=FULL, foreign keys on, busy timeout, trusted_schema off,
 * defensive on; prepared statements only, never SQL built from data.
 *
 * Every function returns an enum store_status and, on failure, writes one
 * translated sentence to the store's error (store_error) saying what happened
 * and what to do. A failed write changes nothing (one transaction each). */
#ifndef TAPLA_STORE_H
#define TAPLA_STORE_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tapla/report.h"
#include "tapla/rules.h"
#include "tapla/source.h"
#include "tapla/tally.h"
#include "tapla/template.h"

#define STORE_APPLICATION_ID 0x54504c41  /* "TPLA" */
#define STORE_SCHEMA_VERSION 8

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
/* Makes a wait for another process's lock give up (STORE_BUSY) as soon as
 * *stop is nonzero, so that a quitting signal, whose handler only sets
 * that flag, is not held up by the busy timeout. NULL: wait it out. */
void store_stop_waits_on(struct store *st, const volatile sig_atomic_t *stop);
/* The last failure's sentence. */
const char *store_error(const struct store *st);
/* The database file's full path, for keeping output files off it. */
const char *store_file(const struct store *st);

/* The projector view's heartbeat: a view of session id (tapla screen)
 * writes the time now_ms (Unix ms) to a small file beside the database
 * ("DB.view-ID"), never to the database; the console reads it back
 * (*beat_ms -1 when no view ever wrote one) to say whether a view follows
 * the session. */
enum store_status store_view_beat(struct store *st, int64_t id, int64_t now_ms);
enum store_status store_view_last_beat(struct store *st, int64_t id,
				       int64_t *beat_ms);
/* A view counts as connected while its last beat is at most this old. */
#define STORE_VIEW_ALIVE_MS 5000

/* The phone server's heartbeat: while it runs, the server of session id
 * writes the time now_ms (Unix ms) once a second to a small file beside
 * database file db ("DB.serve-ID", written whole) and removes it when it
 * stops cleanly (store_serve_beat_end). 0 or the errno. Only the file is
 * written, never the database. */
int store_serve_beat(const char *db, int64_t id, int64_t now_ms);
void store_serve_beat_end(const char *db, int64_t id);
/* A phone server counts as running while its last beat is at most this
 * old: a killed one's join address goes off the projector within it. */
#define STORE_SERVE_ALIVE_MS 3000
/* Whether a beat at beat_ms (-1: none) shows a running server at now_ms. */
bool store_serve_alive(int64_t beat_ms, int64_t now_ms);
/* The join address to show at now_ms: *url (the caller frees it) is the
 * stored address while its server beats, else NULL; *stopped is true when
 * an address is stored but its server no longer beats (killed, crashed,
 * power cut). Reads only: the stale address stays until a server starts. */
enum store_status store_phone_join_url(struct store *st, int64_t id,
				       int64_t now_ms, char **url,
				       bool *stopped);

struct store_new_session {
	const char *title;     /* NULL: the template's title */
	int budget;            /* 0: the template's */
	enum mode mode;
	bool anonymous;
	const char *language;  /* the template's language if NULL */
	bool shuffle;          /* each participant sees the sheets in an order
				* of their own (order_for_participant) */
	bool demo;             /* a rehearsal session (tapla demo) */
	int round;             /* 0 or 1: a first round (see store_session_
				* next_round for later ones) */
	const char *after;     /* the previous round's uuid, or NULL */
	const char *groups;    /* the signers' groups in stored form
				* (groups_parse), or NULL for none */
	int group_min;         /* 0: GROUPS_MIN_SIZE; else at least that */
};

/* Creates a session from a template: its sheets and phases are copied in so
 * the session stands alone. */
enum store_status store_session_create(struct store *st,
				       const struct template *t,
				       const struct store_new_session *opt,
				       int64_t *id);
/* Makes the next round of session `id`: a new session with its sheets,
 * agenda, budget, mode, anonymity, order, language, groups and rehearsal
 * flag, round + 1, linked to it (after = its uuid), titled with the round
 * (rounds_title); *new_id receives its id. A session that has a next
 * round already is refused (STORE_REFUSED): rounds form a line. */
enum store_status store_session_next_round(struct store *st, int64_t id,
					   int64_t *new_id);
/* The id of the round before session s here, 0 if it is round 1 or that
 * round is not in this database. */
enum store_status store_session_previous_id(struct store *st,
					    const struct session *s,
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
/* The facilitator PIN's salted hash (crypt(3) format), or NULL to clear;
 * either way the count of wrong PINs starts again at 0. */
enum store_status store_session_set_pin_hash(struct store *st, int64_t id,
					     const char *hash);
/* The phones' join address while phone voting is open (NULL: closed),
 * for the projector view: set by the console that runs the server. */
enum store_status store_session_set_join_url(struct store *st, int64_t id,
					     const char *url);
/* *url is NULL when phone voting is not open; the caller frees it. */
enum store_status store_session_join_url(struct store *st, int64_t id,
					 char **url);
/* Wrong PINs typed in a row and when the last was (Unix ms; 0: none). */
enum store_status store_pin_failures(struct store *st, int64_t id,
				     int *failures, int64_t *failed_ms);
/* One more wrong PIN at now_ms, counted in one statement (two prompts at
 * once both count); *failures receives the new count. */
enum store_status store_pin_failed(struct store *st, int64_t id,
				   int64_t now_ms, int *failures);
/* The right PIN: the count starts again at 0. */
enum store_status store_pin_succeeded(struct store *st, int64_t id);
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

/* One ballot with where it came from (schema 2). */
struct store_ballot_in {
	const char *name;                /* as for store_ballot_save */
	const struct ballot *ballot;
	const struct ballot_note *notes;
	size_t nnotes;
	bool replace;
	enum ballot_source source;
	/* The order the sheets were shown in (sheet indexes by position, see
	 * order.h), a permutation of all the session's sheets; NULL when not
	 * recorded. A replaced ballot takes the new source and order. */
	const int *order;
	int norder;
	/* The phone that sent it (32 hex digits, schema 4), or NULL. A ballot
	 * with a device belongs to that device: the device's own earlier
	 * ballot is replaced whatever `replace` says; a name that another
	 * device, or no device, signed is STORE_CONFLICT; a device that signed
	 * with another name is STORE_REFUSED. */
	const char *device;
	/* The signer's group, one of the session's (groups_find: case and
	 * spacing do not matter; stored as the session spells it); NULL for
	 * none. A group in a session without groups is refused. */
	const char *group;
};

/* store_ballot_save with a source and a sheet order. store_ballot_save is
 * this with source SOURCE_CLI and no order. */
enum store_status store_ballot_save_ex(struct store *st, int64_t id,
				       const struct store_ballot_in *in,
				       int *seq);

/* Saves n ballots in ONE transaction: all of them or none. Each is checked
 * as by store_ballot_save_ex, also against the ballots before it (a name
 * twice is STORE_CONFLICT unless replace). On failure *failed is the index
 * of the ballot refused (n when the failure was not one ballot's) and
 * nothing is stored. *first_seq receives the first new participant's
 * number (may be NULL). */
enum store_status store_ballots_save_all(struct store *st, int64_t id,
					 const struct store_ballot_in *in,
					 size_t n, size_t *failed,
					 int *first_seq);
/* store_ballots_save_all with the ballots handed over one at a time, so a
 * caller with many (an import of a million rows) need not hold a struct
 * ballot for each: `get` fills *in for ballot i, pointing in->ballot at
 * *scratch (or at a ballot of its own), which is used before the next call;
 * false from get (no memory) fails the batch with STORE_ERROR. */
enum store_status store_ballots_save_each(struct store *st, int64_t id,
					  size_t n,
					  bool (*get)(void *arg, size_t i,
						      struct store_ballot_in *in,
						      struct ballot *scratch),
					  void *arg, size_t *failed,
					  int *first_seq);

/* The column totals of one paper sheet whose names could not be read (its
 * "Yht." row), stored beside the ballots, not as ballots: they belong to no
 * one, so no budget applies and nobody signs. The tally adds them to the
 * sheet's dots and people; reports list them apart (report.paper).
 * dots[l] >= 0 per column; people[l] is how many rows have a dot in the
 * column (1..dots[l] when dots[l] > 0, else 0); sheet_people the filled
 * signature lines (at least the largest people[l], at most their sum).
 * A sheet transcribed already is STORE_CONFLICT unless replace. Refuses a
 * closed session and a sheet without a dot. */
enum store_status store_paper_totals_save(struct store *st, int64_t id,
					  int sheet,
					  const int dots[LEVEL_COUNT],
					  const int people[LEVEL_COUNT],
					  int sheet_people, bool replace);

/* Deletes every rehearsal session (session.demo) with everything in it;
 * *removed receives how many. */
enum store_status store_session_delete_demos(struct store *st, int *removed);

/* Adds a SWOT note outside a ballot (participant 0 = nobody). */
enum store_status store_note_add(struct store *st, int64_t id, int sheet,
				 enum quadrant q, const char *text);

/* The counts per sheet and column, finished (tally_finish). */
enum store_status store_tally(struct store *st, int64_t id, struct tally *out);

/* Everything for an export. Free with report_free. */
enum store_status store_report(struct store *st, int64_t id,
			       struct report *out);
/* The same without the ballot cells and notes (nballots and nnotes are 0):
 * what the tally's text needs, without reading every dot row twice. The
 * paper totals are loaded; the ballot cells only when some ballot has a
 * recorded sheet order (dots by position need them). Free with
 * report_free. */
enum store_status store_report_summary(struct store *st, int64_t id,
				       struct report *out);

/* How many ballots came from each source (counts[SOURCE_...]), never
 * what they hold: what the console and projector show per channel. */
enum store_status store_source_counts(struct store *st, int64_t id,
				      int counts[SOURCE_COUNT]);

/* What one phone sent: its own ballot, to show it again. */
struct store_device_ballot {
	struct ballot ballot;
	char *name;                /* NULL when anonymous */
	char *group;               /* NULL for none */
	struct ballot_note *notes; /* owned, texts too */
	size_t nnotes;
};

/* The ballot that `device` sent in session `id`, so that phone can change
 * it: *found false (and out empty) if it has none. Free out with
 * store_device_ballot_free either way. */
enum store_status store_device_ballot(struct store *st, int64_t id,
				      const char *device,
				      struct store_device_ballot *out,
				      bool *found);
void store_device_ballot_free(struct store_device_ballot *b);

/* Number of participants who have voted in a session (cheap). */
enum store_status store_vote_count(struct store *st, int64_t id, int *count);

/* SQLite's data_version: changes when another connection commits. */
enum store_status store_data_version(struct store *st, int64_t *version);

/* Merging another laptop's database (store-merge.c). */
enum store_prefer {
	STORE_PREFER_NONE = 0,  /* refuse a session that differs */
	STORE_PREFER_MINE,      /* keep this database's version */
	STORE_PREFER_THEIRS,    /* take the other file's version */
};

struct store_merge_result {
	int added;          /* sessions new here */
	int added_ballots;  /* ballots in them */
	int same;           /* sessions already here with the same ballots */
	int kept;           /* differing sessions kept as here (prefer mine) */
	int replaced;       /* differing sessions taken from the other file */
	int64_t conflict;   /* on STORE_CONFLICT: the local id of the session */
};

/* Copies every session of the tapla database at `path` that is not here
 * (by uuid) into this one, with its sheets, agenda, state, participants,
 * ballots and notes, all in one transaction. The other file is opened
 * read-only and never written; a file that is not tapla's is refused
 * (STORE_REFUSED). A session in both with different participants, ballots
 * or notes is STORE_CONFLICT (nothing changed) unless `prefer` says which
 * wins. Merging the database into itself is refused. */
enum store_status store_merge(struct store *st, const char *path,
			      enum store_prefer prefer,
			      struct store_merge_result *out);

/* Erasing for data-protection requests (store-forget.c). Both delete with
 * secure_delete on, then checkpoint the WAL (TRUNCATE) and VACUUM, so no
 * copy of the erased bytes stays in the file, its free pages or the WAL.
 * If another connection reads an older snapshot, the WAL cannot be emptied
 * yet: the deletion stands (STORE_OK), the database records that an erase
 * is owed, store_erase_pending says so, and every later store_open retries
 * the checkpoint (without waiting) until it succeeds. */

/* Removes the participant called `name` (text_name_key match) from session
 * `id`: the name, the dots and that person's notes. Later participants move
 * up one place so the numbers stay 1..n. STORE_NOT_FOUND for an unknown
 * name, STORE_REFUSED in an anonymous session. */
enum store_status store_forget_name(struct store *st, int64_t id,
				    const char *name);
/* Removes participant number `seq` (1.. in signing order, as exports list
 * them) from session `id`, whatever the name holds (one the command line
 * could not type, or none in an anonymous session); otherwise as
 * store_forget_name. STORE_NOT_FOUND for a number nobody has. */
enum store_status store_forget_participant(struct store *st, int64_t id,
					   int seq);
/* Deletes session `id` with everything in it. */
enum store_status store_session_delete(struct store *st, int64_t id);
/* Is an erase (of this call or an earlier one) still unfinished: an old
 * copy of erased bytes may stay in the WAL until the connection that reads
 * an older snapshot lets go and a tapla command runs after that? */
bool store_erase_pending(const struct store *st);

/* The id of the round after session s here (tapla round), 0 if it has none
 * yet: the phone server of a round that is over says so. Read only. */
enum store_status store_session_next_id(struct store *st,
					const struct session *s, int64_t *id);

#endif
