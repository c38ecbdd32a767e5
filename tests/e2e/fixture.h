/* fixture: what the end-to-end tests share around the harness: a temporary
 * folder with a database holding one session of the built-in template at
 * its voting phase, its teardown (failing on a sanitizer log), reading
 * the database back through the store, the steps several tests take on
 * the screens (start, vote, wait, confirm) and the test lists' macros.
 *
 * Include after <cmocka.h>. */
#ifndef TAPLA_FIXTURE_H
#define TAPLA_FIXTURE_H

#include <stdbool.h>
#include <sys/types.h>
#include <stdint.h>

#include "harness.h"
#include "tapla/report.h"
#include "tapla/store.h"

struct fixture {
	char dir[256];   /* the temporary folder; sanitizer logs land here */
	char db[300];    /* dir/t.db */
	char id[32];     /* sid as text, for argv */
	int64_t sid;
	struct harness *h;  /* the running binary, or NULL */
};

/* Unix time in ms, as the stored timer's deadline is kept. */
int64_t fx_wall_ms(void);

/* Makes a session of the built-in "networks" template in db at its voting
 * phase. Returns its id, or 0 (said on stderr). */
int64_t fx_make_session(const char *db, const char *lang, bool anonymous,
			bool shuffle);
/* The same of another built-in template (its name: "vitality"). */
int64_t fx_make_session_of(const char *db, const char *tpl, const char *lang,
			   bool anonymous, bool shuffle);

/* cmocka setup: a fresh folder $TMPDIR/PREFIX-XXXXXX with a session in
 * `lang` (named, ordered as the template). */
int fx_setup(void **state, const char *prefix, const char *lang);
/* cmocka teardown: stops the binary, removes the folder and fails if a
 * sanitizer wrote a log (the folder and the log then stay). */
int fx_teardown(void **state);

/* Opens the fixture's database (the test fails if it cannot). */
struct store *fx_open(const struct fixture *f);
/* Loads the session's report from the database. */
void fx_load_report(const struct fixture *f, struct report *r);
/* The same, and the test fails unless it has `participants` of them. */
void fx_load_report_of(const struct fixture *f, struct report *r,
		       size_t participants);
/* The database holds `participants` ballots with `dots` dots in all. */
void fx_assert_stored(const struct fixture *f, size_t participants, int dots);
/* Dots of participant seq on (sheet, level) in the report. */
int fx_dots_of(const struct report *r, int seq, int sheet, enum level l);

/* A test of a file whose cmocka setup is its `static int setup(void **)`,
 * with fx_teardown: the entries of every e2e test list. */
#define FX_TEST(t) cmocka_unit_test_setup_teardown(t, setup, fx_teardown)
/* Runs a test list, filtered by TAPLA_E2E_ONLY (fx_filter_tests). */
#define FX_RUN(tests) (fx_filter_tests(), cmocka_run_group_tests(tests, NULL, NULL))

/* Waits for text on the screen; the test fails, with the screen dumped,
 * if it does not come within H_DEADLINE_MS. */
void fx_expect(const struct fixture *f, const char *text);
/* Presses a key (as h_key names it), then fx_expect(text). */
void fx_press(const struct fixture *f, const char *key, const char *text);
/* Presses a key, then waits until text is no longer on the screen (the
 * test fails, with the screen dumped, if it stays). */
void fx_press_gone(const struct fixture *f, const char *key, const char *text);
/* Presses the keys named (as h_key names them) in order; NULL ends them. */
void fx_keys(const struct fixture *f, ...) __attribute__((sentinel));
/* fx_expect for each of the texts in order; NULL ends them. */
void fx_expect_all(const struct fixture *f, ...) __attribute__((sentinel));
/* Presses a key on the grid, then waits until `left` of 10 dots are left
 * (the test fails, with the screen dumped, if not). */
void fx_press_left(const struct fixture *f, const char *key, int left);

/* Starts `tapla --lang LANG run ID` on the fixture's database at
 * rows×cols with extra environment (NULL: none), stopping the binary the
 * fixture ran before, if any. */
void fx_start_run(struct fixture *f, const char *lang, int rows, int cols,
		  const char *const *env);
/* fx_start_run in English at rows×cols, then f opens the facilitator's
 * console (no PIN set). */
void fx_start_facilitator(struct fixture *f, int rows, int cols);
/* Waits until the turn's bar says `left` of 10 dots are left. */
bool fx_wait_left(const struct fixture *f, int left);
/* From the console to the name field: the console, then Enter. */
void fx_to_name(const struct fixture *f);
/* From the console to the grid: Enter, the name, Enter, 10 dots left. */
void fx_begin_turn(const struct fixture *f, const char *name);
/* Review and confirm; waits for the hand-over screen. */
void fx_confirm(const struct fixture *f);
/* On the grid: fx_press_left(key, left), then review and confirm. */
void fx_vote(const struct fixture *f, const char *key, int left);
/* From the hand-over screen to the next participant: Enter, the name
 * field, the name typed, Enter (what comes next is the caller's). */
void fx_next_name(const struct fixture *f, const char *name);
/* From the grid: Tab opens sheet 1's SWOT notes. */
void fx_to_note(const struct fixture *f);
/* From the console with no PIN set: the facilitator's console, the
 * results (hidden while voting runs), voting closed and the results
 * revealed: the chart. */
void fx_reveal_results(const struct fixture *f);
/* Starts `tapla --db DB --lang en` (no command: the list of sessions, or
 * the first form on a new database) at 80×24, stopping the binary the
 * fixture ran before, if any. */
void fx_start_list(struct fixture *f, const char *db);
/* From the list of sessions (the fixture's "PED 2016" in it): down to
 * "new session", Enter, the form, its title typed. */
void fx_new_session_form(const struct fixture *f, const char *title);
/* Starts the projector view `tapla --lang LANG screen ID` on the
 * fixture's database at 80×24 with extra environment (NULL: none); the
 * test fails if it cannot start. */
struct harness *fx_start_view(const struct fixture *f, const char *id,
			      const char *lang, const char *const *env);
/* A crash (SIGSEGV) gives the terminal back: the process dies of its
 * signal and `gone` is no longer on the screen. Skips the test under
 * AddressSanitizer, whose own handler reports the crash instead. */
void fx_expect_crash_restores(const struct fixture *f, const char *gone);
/* Runs TAPLA_BINARY with args (NULL-terminated) outside any terminal, its
 * output thrown away; its exit status, -1 if it did not exit. */
int fx_run_tapla(const char *const *args);
/* Writes the screen to $TAPLA_E2E_CAPTURE_DIR/name when that is set (for
 * the record; the test fails if the file cannot be written). */
void fx_capture_to(const struct fixture *f, const char *name);
/* With a name typed in the name field: signs, puts one dot, confirms,
 * and asserts that the stored name is `want`. */
void fx_vote_typed_name(const struct fixture *f, const char *want);
/* One text from the database (the first row of sql) on a plain read-only
 * SQLite connection, or NULL; the caller frees it. */
char *fx_query_text(const struct fixture *f, const char *sql);
/* The first row of sql is the text `want` (the test fails if not). */
void fx_expect_query(const struct fixture *f, const char *sql, const char *want);
/* The binary exits by itself within H_DEADLINE_MS with `status`. */
void fx_expect_exit(const struct fixture *f, int status);
/* Presses a key (as h_key names it), then fx_expect_exit(status). */
void fx_press_exit(const struct fixture *f, const char *key, int status);
/* Applies TAPLA_E2E_ONLY=PATTERN (cmocka's filter, '*' wildcards) to the
 * run that follows: tests/valgrind.sh runs single tests so. */
void fx_filter_tests(void);

/* Writes the screen to stderr when TAPLA_E2E_CAPTURE is set. */
void fx_capture(const struct fixture *f, const char *what);

/* The child's peak resident memory (VmHWM) in KiB, -1 if unknown. */
long fx_peak_kib(pid_t pid);
/* Is the child's memory its own? Not under a wrapper (valgrind) nor under
 * AddressSanitizer, which keeps freed memory in quarantine: memory bounds
 * are checked in the plain build only. */
bool fx_plain_build(void);

#endif
