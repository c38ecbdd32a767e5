/* Bracketed paste through the real binary in a pseudo-terminal: the
 * terminal is asked for it at the start and told to stop at every exit; a
 * paste is text in a field (line breaks and tabs as spaces) and nothing
 * anywhere else: it never places dots, presses Enter or leaves a screen;
 * a 1 MiB paste stays bounded in memory and is cut at the field's limit;
 * the projector view reads keys the same way. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "fixture.h"
#include "harness.h"

#define PASTE_START "\x1b[200~"
#define PASTE_END "\x1b[201~"
#define PASTE_ON "\x1b[?2004h"
#define PASTE_OFF "\x1b[?2004l"

/* A session of the built-in template in English, at its voting phase. */
static int setup(void **state)
{
	return fx_setup(state, "tapla-paste", "en");
}

/* Starts tapla run ID at 80×24. */
static void start(struct fixture *f)
{
	fx_start_run(f, "en", 24, 80, NULL);
}

/* A name pasted with a line break and a tab: one line "Anna Virtanen" in
 * the field, and the line break did not sign (still the name step). */
static void test_paste_name_one_line(void **state)
{
	struct fixture *f = *state;
	start(f);
	fx_to_name(f);
	h_send(f->h, PASTE_START "Anna\nVirtanen\t" PASTE_END);
	fx_expect(f, "Name: Anna Virtanen\n");
	/* A key typed after the paste: the paste is all read once it shows. */
	fx_press(f, "!", "Name: Anna Virtanen!\n");
	assert_non_null(strstr(h_screen(f->h), "Please write your name"));
	fx_press(f, "backspace", "Name: Anna Virtanen\n");
	fx_vote_typed_name(f, "Anna Virtanen");
}

/* "5", Enter, Enter pasted on the grid: no dots, no review. */
static void test_paste_on_grid_ignored(void **state)
{
	struct fixture *f = *state;
	start(f);
	fx_begin_turn(f, "Anna");
	h_send(f->h, PASTE_START "5\r\r" PASTE_END);
	/* The key after it places one dot: 9 left, not 4 (or the review). */
	fx_press_left(f, "1", 9);
	assert_null(strstr(h_screen(f->h), "Check your ballot"));
	h_settle(f->h, 100, H_DEADLINE_MS);
	assert_true(fx_wait_left(f, 9));
	assert_null(strstr(h_screen(f->h), "Check your ballot"));
}

/* A pasted note of three lines becomes one line. */
static void test_paste_note_one_line(void **state)
{
	struct fixture *f = *state;
	start(f);
	fx_begin_turn(f, "Anna");
	fx_to_note(f);
	h_send(f->h, PASTE_START "Strong team\nGood tools\r\n\r\nFast" PASTE_END);
	fx_expect(f, "Strong team Good tools Fast");
	fx_press(f, "enter", "1 SWOT note on this sheet");
	fx_vote(f, "1", 9);
	fx_expect_query(f, "SELECT text FROM note", "Strong team Good tools Fast");
}

/* Exits by sig (0: quits from the console, y) and checks that the
 * terminal was asked for bracketed paste at the start and told to stop
 * at the exit, after the last of it was asked. */
static void modes_at_exit(struct fixture *f, int sig)
{
	start(f);
	assert_true(h_record(f->h));  /* before any output is read */
	fx_expect(f, "Next participant");
	size_t len;
	const char *raw = h_raw(f->h, &len);
	assert_non_null(strstr(raw, PASTE_ON));
	assert_true(h_record(f->h));
	if (sig) {
		assert_true(h_signal(f->h, sig));
	} else {
		fx_press(f, "f", "[facilitator]");
		fx_keys(f, "q", "y", NULL);
	}
	int st = h_wait_exit(f->h, H_DEADLINE_MS);
	assert_int_not_equal(st, -1);
	assert_true(WIFEXITED(st));
	raw = h_raw(f->h, &len);
	const char *off = strstr(raw, PASTE_OFF);
	assert_non_null(off);
	assert_null(strstr(off, PASTE_ON));
}

static void test_modes_quit(void **state)
{
	modes_at_exit(*state, 0);
}

static void test_modes_sigterm(void **state)
{
	modes_at_exit(*state, SIGTERM);
}

#define PASTE_BYTES (1u << 20)
#define GROWTH_LIMIT_KIB (16L * 1024)

/* A 1 MiB bracketed paste of lines into the name: memory bounded, the
 * name cut at its limit of 60 characters with the notice, still the name
 * step. */
static void test_paste_huge_bounded(void **state)
{
	struct fixture *f = *state;
	static const char unit[] = "Hostile\npaste ";
	size_t ul = sizeof unit - 1, ns = sizeof PASTE_START - 1;
	size_t ne = sizeof PASTE_END - 1;
	char *p = malloc(ns + PASTE_BYTES + ne);
	assert_non_null(p);
	memcpy(p, PASTE_START, ns);
	for (size_t i = 0; i < PASTE_BYTES; i += ul)
		memcpy(p + ns + i, unit, i + ul <= PASTE_BYTES ? ul : PASTE_BYTES - i);
	memcpy(p + ns + PASTE_BYTES, PASTE_END, ne);
	start(f);
	fx_to_name(f);
	long before = fx_peak_kib(h_pid(f->h));
	assert_true(before > 0);
	assert_true(h_write(f->h, p, ns + PASTE_BYTES + ne));
	free(p);
	assert_true(h_wait_text(f->h, "The name is cut: it may be at most 60 characters.",
				3 * H_DEADLINE_MS));
	/* Backspace takes the 60th character: the paste is all read. */
	h_key(f->h, "backspace");
	assert_true(h_wait_text(f->h, "Hostile paste Hos\n", 3 * H_DEADLINE_MS));
	assert_non_null(strstr(h_screen(f->h), "Please write your name"));
	long after = fx_peak_kib(h_pid(f->h));
	fprintf(stderr, "VmHWM before %ld KiB, after %ld KiB\n", before, after);
	assert_true(h_alive(f->h));
	if (fx_plain_build())
		assert_true(after - before < GROWTH_LIMIT_KIB);
	fx_vote_typed_name(f, "Hostile paste Hostile paste Hostile paste Hostile paste Hos");
}

/* The projector view reads keys as the app does: a pasted "q" after the
 * paste's Esc neither quits it (the Esc of a sequence is no Esc) nor
 * counts as q; a typed q then quits. */
static void test_projector_ignores_paste(void **state)
{
	struct fixture *f = *state;
	f->h = fx_start_view(f, f->id, "en", NULL);
	fx_expect(f, "0 have voted");
	h_send(f->h, PASTE_START "q\r" PASTE_END);
	h_settle(f->h, 300, H_DEADLINE_MS);
	assert_true(h_alive(f->h));
	fx_expect(f, "0 have voted");
	fx_press_exit(f, "q", 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FX_TEST(test_paste_name_one_line),
		FX_TEST(test_paste_on_grid_ignored),
		FX_TEST(test_paste_note_one_line),
		FX_TEST(test_modes_quit),
		FX_TEST(test_modes_sigterm),
		FX_TEST(test_paste_huge_bounded),
		FX_TEST(test_projector_ignores_paste),
	};
	return FX_RUN(tests);
}
