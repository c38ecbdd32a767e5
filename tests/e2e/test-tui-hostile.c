/* Robustness of the workshop screen (issue 5, promises 3 and 4) through the
 * real binary in a pseudo-terminal: SIGTERM and SIGHUP at any moment leave
 * the terminal restored and the database whole; pastes of 1 MiB, invalid
 * UTF-8, control characters and escape sequences in the name and the notes;
 * names equal up to case and normalization; tiny, huge and changing window
 * sizes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fixture.h"
#include "harness.h"

/* ncurses' endwin on xterm-256color: leave the alternate screen (rmcup),
 * keypad off (rmkx); the cursor shown again is read from the terminal's
 * state (cnorm is sent only if it was hidden). */
#define RMCUP "\x1b[?1049l"
#define RMKX "\x1b[?1l"

/* A session of the built-in template in English, at its voting phase. */
static int setup(void **state)
{
	return fx_setup(state, "tapla-tuih", "en");
}

/* Starts tapla run ID at rows×cols with extra environment (or NULL). */
static void start_env(struct fixture *f, int rows, int cols,
		      const char *const *env)
{
	fx_start_run(f, "en", rows, cols, env);
}

/* Starts tapla run ID at 80×24. */
static void start(struct fixture *f)
{
	start_env(f, 24, 80, NULL);
}

/* One integer from a query on a plain SQLite connection. */
static long long query_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *s = NULL;
	long long v = -1;
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

/* Frames of a WAL file after its last commit frame (a transaction that
 * was written but never committed); 0 when there is no WAL. */
static long wal_uncommitted_frames(const char *db)
{
	char path[400];
	unsigned char hdr[32], fh[24];
	snprintf(path, sizeof path, "%s-wal", db);
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return 0;
	long pending = 0;
	if (fread(hdr, 1, sizeof hdr, fp) == sizeof hdr) {
		unsigned long page = (unsigned long)hdr[8] << 24 | (unsigned long)hdr[9] << 16 |
				     (unsigned long)hdr[10] << 8 | hdr[11];
		if (page == 1)
			page = 65536;
		while (fread(fh, 1, sizeof fh, fp) == sizeof fh) {
			/* Frames of this WAL's generation carry its salts. */
			if (memcmp(fh + 8, hdr + 16, 8) != 0)
				break;
			bool commit = fh[4] | fh[5] | fh[6] | fh[7];
			pending = commit ? 0 : pending + 1;
			if (fseek(fp, (long)page, SEEK_CUR) != 0)
				break;
		}
	}
	fclose(fp);
	return pending;
}

/* The database after tapla has gone: no uncommitted frames left in the
 * WAL, integrity ok, no participant without dots; returns the number of
 * participants. */
static long long check_db(struct fixture *f)
{
	sqlite3 *db = NULL;
	assert_int_equal(wal_uncommitted_frames(f->db), 0);
	assert_int_equal(sqlite3_open_v2(f->db, &db, SQLITE_OPEN_READWRITE, NULL),
			 SQLITE_OK);
	sqlite3_stmt *s = NULL;
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &s, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(s, 0), "ok");
	sqlite3_finalize(s);
	assert_int_equal(query_int(db, "SELECT count(*) FROM participant p WHERE"
				   " NOT EXISTS (SELECT 1 FROM dot d WHERE"
				   " d.participant_id = p.id)"), 0);
	long long n = query_int(db, "SELECT count(*) FROM participant");
	sqlite3_close(db);
	return n;
}

/* Sends sig and asserts that tapla exits within a second of it, on its
 * own (not killed), leaving the terminal as it found it: the alternate
 * screen left, the cursor shown, keypad mode off. */
static void signal_and_check_exit(struct fixture *f, int sig)
{
	assert_true(h_record(f->h));
	assert_true(h_signal(f->h, sig));
	int st = h_wait_exit(f->h, 1000);  /* the promise: within a second */
	if (st == -1)
		h_dump(f->h, "still running a second after the signal");
	assert_int_not_equal(st, -1);
	assert_true(WIFEXITED(st));
	size_t len;
	const char *raw = h_raw(f->h, &len);
	assert_non_null(strstr(raw, RMCUP));
	assert_non_null(strstr(raw, RMKX));
	assert_false(h_term(f->h)->altscreen);
	assert_true(h_term(f->h)->cursor_visible);
}

/* SIGTERM or SIGHUP at the console. */
static void term_in_console(struct fixture *f, int sig)
{
	start(f);
	fx_expect(f, "Next participant");
	assert_true(h_term(f->h)->altscreen);
	signal_and_check_exit(f, sig);
	assert_int_equal(check_db(f), 0);
}

static void test_sigterm_console(void **state)
{
	term_in_console(*state, SIGTERM);
}

static void test_sighup_console(void **state)
{
	term_in_console(*state, SIGHUP);
}

/* "First" has voted 4 dots; "Second" is in the middle of a turn with 7
 * dots placed. */
static void first_voted_second_mid_turn(struct fixture *f)
{
	start(f);
	fx_begin_turn(f, "First");
	fx_vote(f, "4", 6);
	fx_next_name(f, "Second");
	assert_true(fx_wait_left(f, 10));
	fx_press_left(f, "7", 3);
}

/* In the middle of a turn (dots placed, a note being written): the exit
 * stores nothing of the open turn and keeps the confirmed one. */
static void term_mid_turn(struct fixture *f, int sig)
{
	first_voted_second_mid_turn(f);
	fx_to_note(f);
	h_send(f->h, "half a note");
	fx_expect(f, "half a note");
	signal_and_check_exit(f, sig);
	assert_int_equal(check_db(f), 1);
	fx_expect_query(f, "SELECT group_concat(name) FROM participant", "First");
	fx_expect_query(f, "SELECT count(*) FROM note", "0");
}

static void test_sigterm_mid_turn(void **state)
{
	term_mid_turn(*state, SIGTERM);
}

static void test_sighup_mid_turn(void **state)
{
	term_mid_turn(*state, SIGHUP);
}

/* The terminal closed under a turn (the window shut: SIGHUP, then every
 * read and write fails): tapla exits within a second on its own, the
 * open turn is not stored, the database is whole. */
static void test_terminal_closed_mid_turn(void **state)
{
	struct fixture *f = *state;
	first_voted_second_mid_turn(f);
	h_hangup(f->h);
	int st = h_wait_exit(f->h, 1000);
	assert_int_not_equal(st, -1);
	assert_true(WIFEXITED(st));
	assert_int_equal(check_db(f), 1);
}

/* Is the process asleep in a sleep call (SQLite waiting for a lock)? */
static bool in_sleep_call(pid_t pid)
{
	char path[64], buf[128];
	snprintf(path, sizeof path, "/proc/%d/syscall", (int)pid);
	FILE *fp = fopen(path, "r");
	if (!fp)
		return false;
	bool sleeping = false;
	if (fgets(buf, sizeof buf, fp)) {
		long nr = strtol(buf, NULL, 10);
		sleeping = nr == SYS_clock_nanosleep
#ifdef SYS_nanosleep
			   || nr == SYS_nanosleep
#endif
			;
	}
	fclose(fp);
	return sleeping;
}

/* While the ballot is being confirmed: another program holds the write
 * lock, so tapla waits for it inside the save; the signal must end the
 * wait, the ballot is not saved (and "saved" never shown), the database
 * is whole. */
static void term_while_confirming(struct fixture *f, int sig)
{
	const char *env[] = { "TAPLA_BUSY_TIMEOUT_MS=20000", NULL };
	start_env(f, 24, 80, env);
	fx_begin_turn(f, "First");
	fx_press_left(f, "4", 6);
	fx_press(f, "enter", "Check your ballot");

	sqlite3 *lock = NULL;
	assert_int_equal(sqlite3_open(f->db, &lock), SQLITE_OK);
	assert_int_equal(sqlite3_exec(lock, "BEGIN IMMEDIATE", NULL, NULL, NULL),
			 SQLITE_OK);
	assert_true(h_record(f->h));
	h_key(f->h, "enter");
	/* Until tapla sleeps in SQLite's busy wait (a condition, polled). */
	bool waiting = false;
	for (int i = 0; i < 1000 && !waiting; i++) {
		h_settle(f->h, 10, 10);
		waiting = in_sleep_call(h_pid(f->h));
	}
	assert_true(waiting);
	signal_and_check_exit(f, sig);
	size_t len;
	assert_null(strstr(h_raw(f->h, &len), "Thank you"));
	assert_int_equal(sqlite3_exec(lock, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_close(lock), SQLITE_OK);
	assert_int_equal(check_db(f), 0);
}

static void test_sigterm_while_confirming(void **state)
{
	term_while_confirming(*state, SIGTERM);
}

static void test_sighup_while_confirming(void **state)
{
	term_while_confirming(*state, SIGHUP);
}

#define PASTE_BYTES (1u << 20)
#define PEAK_LIMIT_KIB (64L * 1024)
#define GROWTH_LIMIT_KIB (16L * 1024)

/* 1 MiB of `unit` repeated, as one paste: no line break in it (a terminal
 * sends a pasted line break as Enter). Caller frees. */
static char *make_paste(const char *unit)
{
	size_t ul = strlen(unit);
	char *p = malloc(PASTE_BYTES + 1);
	assert_non_null(p);
	for (size_t i = 0; i < PASTE_BYTES; i += ul)
		memcpy(p + i, unit, i + ul <= PASTE_BYTES ? ul : PASTE_BYTES - i);
	p[PASTE_BYTES] = '\0';
	return p;
}

/* Pastes 1 MiB of unit, waits for the notice, then for the effect of a key
 * typed after it; checks that the child's memory stayed bounded. */
static void paste_bounded(struct fixture *f, const char *unit,
			  const char *notice, const char *sync_key,
			  const char *sync_text)
{
	long before = fx_peak_kib(h_pid(f->h));
	assert_true(before > 0);
	char *p = make_paste(unit);
	long long t0 = h_now_us();
	assert_true(h_write(f->h, p, PASTE_BYTES));
	free(p);
	assert_true(h_wait_text(f->h, notice, 3 * H_DEADLINE_MS));
	/* Everything read once a key typed after the paste shows its effect. */
	h_key(f->h, sync_key);
	assert_true(h_wait_text(f->h, sync_text, 3 * H_DEADLINE_MS));
	fprintf(stderr, "1 MiB paste: %.2f s\n", (double)(h_now_us() - t0) / 1e6);
	long after = fx_peak_kib(h_pid(f->h));
	fprintf(stderr, "VmHWM before %ld KiB, after %ld KiB\n", before, after);
	assert_true(h_alive(f->h));
	if (fx_plain_build()) {
		assert_true(after - before < GROWTH_LIMIT_KIB);
		assert_true(after < PEAK_LIMIT_KIB);
	}
}

/* A 1 MiB paste into the name field: cut at 60 characters with the
 * notice on screen, memory bounded; the cut name is what is stored. */
static void test_paste_name(void **state)
{
	struct fixture *f = *state;
	start(f);
	fx_to_name(f);
	/* The sync key: Backspace takes the 60th character, the field shows it. */
	paste_bounded(f, "Hostile paste ",
		      "The name is cut: it may be at most 60 characters.",
		      "backspace", "Hostile paste Hos\n");
	fx_vote_typed_name(f, "Hostile paste Hostile paste Hostile paste Hostile paste Hos");
}

/* Anna's turn at 80×24, sheet 1's SWOT notes open. */
static void anna_note(struct fixture *f)
{
	start(f);
	fx_begin_turn(f, "Anna");
	fx_to_note(f);
}

/* A 1 MiB paste into a SWOT note: cut at 280 characters with the notice,
 * memory bounded, the cut note stored. */
static void test_paste_note(void **state)
{
	struct fixture *f = *state;
	anna_note(f);
	/* The sync key: Home shows the note's start with the cursor on it. */
	paste_bounded(f, "Vahvuus ✓ ja € ",
		      "The note is cut: a note may be at most 280 characters.",
		      "home", "   Vahvuus ✓ ja € Vahvuus");
	fx_press(f, "enter", "1 SWOT note on this sheet");
	fx_vote(f, "1", 9);
	char *len = fx_query_text(f, "SELECT length(text) FROM note");
	assert_non_null(len);
	/* 280 characters, the last one a space that is trimmed. */
	assert_string_equal(len, "279");
	free(len);
	fx_expect_query(f, "SELECT substr(text, 1, 30) FROM note", "Vahvuus ✓ ja € Vahvuus ✓ ja € ");
}

/* Bytes that must never reach the terminal from typed text: invalid
 * UTF-8, BEL, C1 controls (as UTF-8), and the sequences typed below. */
static void assert_clean_output(struct fixture *f)
{
	size_t len;
	const char *raw = h_raw(f->h, &len);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)raw[i];
		assert_int_not_equal(c, 0x07);
		assert_int_not_equal(c, 0xff);
		assert_int_not_equal(c, 0xfe);
		if (c == 0xc2 && i + 1 < len)
			assert_false((unsigned char)raw[i + 1] >= 0x80 &&
				     (unsigned char)raw[i + 1] <= 0x9f);
	}
	assert_null(strstr(raw, "\x1b]"));      /* OSC: a window title */
	assert_null(strstr(raw, "\x1b[6n"));    /* a cursor report asked */
	assert_null(strstr(raw, "\x1b[2J"));    /* the screen cleared */
	assert_null(strstr(raw, "\x1b[201~"));  /* a paste's end */
	assert_null(strstr(raw, "pwned"));
	assert_int_equal(h_term(f->h)->titles, 0);
	assert_int_equal(h_term(f->h)->bells, 0);
}

/* What is typed below: every kind of hostile input between letters. */
static const char hostile[] =
	"Bo"
	"\xff\xfe\xc0\xaf"              /* invalid UTF-8 */
	"\x02\x06\x07\x0b\x0c\x0e\x0f"  /* C0 controls, BEL among them */
	"b"
	"\xc2\x85\xc2\x9b" "6n"          /* C1: NEL, CSI (as UTF-8) */
	"\x1b[2J"                      /* clear the screen */
	"C"
	"\x1b]0;pwned\x07"             /* set the window title */
	"\x1b[6n"                      /* ask for the cursor position */
	"D"
	"\x1b[201~"                    /* a bracketed paste's end marker */
	"e";

/* Types the hostile input into the field at hand, recording what tapla
 * writes from then on; waits until the field shows `shown` and the
 * output has settled. */
static void type_hostile(struct fixture *f, const char *shown)
{
	h_settle(f->h, 100, H_DEADLINE_MS);
	assert_true(h_record(f->h));
	assert_true(h_write(f->h, hostile, sizeof hostile - 1));
	fx_expect(f, shown);
	h_settle(f->h, 100, H_DEADLINE_MS);
}

/* The name field: the screen shows the letters only, nothing else gets
 * to the terminal, the stored name is the letters. */
static void test_hostile_name(void **state)
{
	struct fixture *f = *state;
	start(f);
	fx_to_name(f);
	/* The field shows the letters; the top bar takes the name once signed. */
	type_hostile(f, "Name: Bob6nCDe\n");
	fx_expect(f, "Please write your name");
	assert_clean_output(f);
	fx_press_left(f, "enter", 10);
	fx_expect(f, "Your turn, Bob6nCDe ");
	h_key(f->h, "1");
	fx_confirm(f);
	fx_expect_query(f, "SELECT name FROM participant", "Bob6nCDe");
	assert_true(h_alive(f->h));
}

/* The same in a SWOT note; the ballot's grid is not touched by it. */
static void test_hostile_note(void **state)
{
	struct fixture *f = *state;
	anna_note(f);
	type_hostile(f, "   Bob6nCDe\n");
	assert_clean_output(f);
	fx_press(f, "enter", "1 SWOT note on this sheet");
	assert_true(fx_wait_left(f, 10));  /* no digit of it went to the grid */
	fx_vote(f, "2", 8);
	fx_expect_query(f, "SELECT text FROM note", "Bob6nCDe");
	fx_expect_query(f, "SELECT sum(dots) FROM dot", "2");
}

/* Names equal up to case, spaces or Unicode normalization (composed or
 * decomposed Ä) are the same signer: the replace question appears, and
 * a different name goes straight on. */
static void test_same_signer(void **state)
{
	struct fixture *f = *state;
	start(f);
	fx_begin_turn(f, "Äijä Öhman");  /* composed: U+00C4 ... */
	fx_vote(f, "1", 9);
	static const char *const same[] = {
		"A\xcc\x88ija\xcc\x88 O\xcc\x88hman",  /* decomposed */
		"äijä öhman",
		"ÄIJÄ  ÖHMAN",
	};
	for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
		fx_next_name(f, same[i]);
		fx_expect(f, "has voted already");
		fx_press(f, "n", "Please write your name");
		fx_press(f, "esc", "Next participant");
	}
	fx_next_name(f, "Aijä Öhman");  /* another name: no question */
	assert_true(fx_wait_left(f, 10));
	assert_null(strstr(h_screen(f->h), "has voted already"));
}

/* Empty fields: a name of spaces and controls only is refused with a
 * sentence and nothing is stored; the lock-down keys typed into the name
 * leave no trace in it; an empty note is no note. */
static void test_empty_fields(void **state)
{
	struct fixture *f = *state;
	start(f);
	fx_to_name(f);
	h_send(f->h, "   \x01\x02\xc2\x85  ");
	h_key(f->h, "enter");
	assert_true(h_wait_text(f->h, "Write your name first, then press Enter.",
				H_DEADLINE_MS));
	fx_expect(f, "Please write your name");
	h_key(f->h, "^U");
	h_send(f->h, "A\x03\x1a\x1c\x13\x11" "B");  /* Ctrl-C, -Z, -\\, -S, -Q */
	fx_expect(f, "Name: AB\n");
	assert_true(h_alive(f->h));
	fx_press_left(f, "enter", 10);
	fx_expect(f, "Your turn, AB ");
	fx_to_note(f);
	h_send(f->h, "   ");
	fx_press(f, "enter", "SWOT notes are optional");
	fx_vote(f, "1", 9);
	fx_expect_query(f, "SELECT name FROM participant", "AB");
	fx_expect_query(f, "SELECT count(*) FROM note", "0");
}

/* Starting in a 1×1, 10×3 and 500×200 terminal: no crash, the notice
 * where it is too small, keys ignored there, and the console as it was
 * once the window grows to 80×24. */
static void test_start_sizes(void **state)
{
	struct fixture *f = *state;
	static const int sizes[][2] = { { 1, 1 }, { 3, 10 }, { 200, 500 } };
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		int rows = sizes[i][0], cols = sizes[i][1];
		start_env(f, rows, cols, NULL);
		if (rows == 3)
			fx_expect(f, "Make the");
		else if (rows == 200)
			fx_expect(f, "Next participant");
		h_settle(f->h, 100, H_DEADLINE_MS);
		if (rows < 200)
			h_key(f->h, "enter");  /* too small: ignored */
		h_settle(f->h, 100, H_DEADLINE_MS);
		assert_true(h_alive(f->h));
		h_resize(f->h, 24, 80);
		fx_expect(f, "Next participant");
		assert_null(strstr(h_screen(f->h), "Please write your name"));
		assert_null(strstr(h_screen(f->h), "Make the"));
	}
}

/* A burst of sizes, among them the extremes, then back to 80×24. */
static void resize_burst(struct fixture *f)
{
	h_resize(f->h, 10, 30);
	fx_expect(f, "Make the window");
	h_resize(f->h, 1, 1);
	h_resize(f->h, 3, 10);
	h_resize(f->h, 200, 500);
	for (int i = 0; i < 30; i++)
		h_resize(f->h, 5 + i * 3, 20 + i * 7);
	h_resize(f->h, 24, 80);
	h_settle(f->h, 200, H_DEADLINE_MS);
	assert_true(h_alive(f->h));
	assert_null(strstr(h_screen(f->h), "Make the window"));
}

/* Bursts of resizes in a turn, at the confirmation and on the results
 * keep each screen's state. */
static void test_resize_bursts(void **state)
{
	struct fixture *f = *state;
	start(f);
	fx_begin_turn(f, "Anna");
	fx_keys(f, "5", "down", NULL);
	fx_press_left(f, "2", 3);
	resize_burst(f);
	assert_true(fx_wait_left(f, 3));
	/* A key between ends the number (two quick digits make one). */
	fx_press_left(f, "+", 2);
	h_key(f->h, "1");  /* the cursor stayed on sheet 2 */
	assert_true(fx_wait_left(f, 4));
	fx_press(f, "enter", "Check your ballot");
	resize_burst(f);
	fx_expect(f, "Check your ballot");
	fx_expect(f, "6 of 10 dots placed");
	fx_press(f, "enter", "Thank you! Your ballot is saved.");
	fx_reveal_results(f);
	resize_burst(f);
	fx_expect(f, "◀ disagree");
	fx_expect(f, "1. peer-service network");
	assert_int_equal(check_db(f), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FX_TEST(test_sigterm_console),
		FX_TEST(test_sighup_console),
		FX_TEST(test_sigterm_mid_turn),
		FX_TEST(test_sighup_mid_turn),
		FX_TEST(test_terminal_closed_mid_turn),
		FX_TEST(test_sigterm_while_confirming),
		FX_TEST(test_sighup_while_confirming),
		FX_TEST(test_paste_name),
		FX_TEST(test_paste_note),
		FX_TEST(test_hostile_name),
		FX_TEST(test_hostile_note),
		FX_TEST(test_same_signer),
		FX_TEST(test_empty_fields),
		FX_TEST(test_start_sizes),
		FX_TEST(test_resize_bursts),
	};
	return FX_RUN(tests);
}
