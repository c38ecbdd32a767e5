/* End-to-end tests of the transcription screen (issue 7): paper sheets
 * typed in by the facilitator through the real binary in a pseudo-terminal,
 * then the database checked through the store. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "harness.h"
#include "tapla/assets.h"
#include "tapla/report.h"
#include "tapla/store.h"

/* A session in Finnish at its voting phase. */
static int setup(void **state)
{
	return fx_setup(state, "tapla-tr", "fi");
}

/* Starts tapla run ID in `lang` at 80×24 and opens the transcription
 * screen from the facilitator console (no PIN set). */
static void open_screen(struct fixture *f, const char *lang, const char *title)
{
	fx_start_run(f, lang, 24, 80, NULL);
	fx_expect(f, "PED 2016");
	h_key(f->h, "f");
	fx_expect(f, lang[0] == 'f' ? "[fasilitaattori]" : "[facilitator]");
	h_key(f->h, "t");
	fx_expect(f, title);
}

/* One signature line: name, Tab, column 1-6, Tab, dots, Enter; waits
 * for what the screen says to it. */
static void line(struct fixture *f, const char *name, const char *column,
		 const char *dots, const char *said)
{
	h_send(f->h, name);
	fx_keys(f, "tab", column, "tab", NULL);
	h_send(f->h, dots);
	fx_press(f, "enter", said);
}

/* Leaves the screen with `key` (Esc, or the answer to its question) and
 * waits for the console, showing `console`. */
static void back_to_console(struct fixture *f, const char *key,
			    const char *console)
{
	fx_press_gone(f, key, "Paper sheet");
	fx_expect(f, console);
}

/* The participant called name, or NULL. */
static const struct report_participant *by_name(const struct report *r,
						const char *name)
{
	for (size_t i = 0; i < r->nparticipants; i++)
		if (r->participants[i].name && !strcmp(r->participants[i].name, name))
			return &r->participants[i];
	return NULL;
}

/* Two names on two sheets become two paper ballots; a third sheet's column
 * totals are stored apart. */
static void test_lines_and_totals(void **state)
{
	struct fixture *f = *state;
	open_screen(f, "en", "transcribing paper");
	fx_expect(f, "Paper sheet 1 of 4");
	line(f, "Anna Virtanen", "1", "5", "Added: Anna Virtanen, sheet 1, 5 dots");
	line(f, "Bertil Ek", "3", "2", "Added: Bertil Ek, sheet 1, 2 dots");
	fx_press(f, "pgdn", "Paper sheet 2 of 4");
	/* The same signer however the name is spelled on the second sheet. */
	line(f, "anna  VIRTANEN", "2", "3", "Added: Anna Virtanen, sheet 2, 3 dots");
	line(f, "Bertil Ek", "5", "1", "Added: Bertil Ek, sheet 2, 1 dot");
	fx_expect(f, "2 names, 11 dots");
	fx_capture(f, "transcription, lines 80x24");
	fx_press(f, "^S", "Saved: 2 paper ballots, 11 dots.");
	/* Sheet 3 as column totals: 7 dots by 4 people at ++, 2 at 0. */
	fx_press(f, "^T", "Yht.");
	fx_press(f, "pgdn", "Paper sheet 3 of 4");
	fx_keys(f, "7", "right", "right", "2", "down", "left", "left", NULL);
	fx_press(f, "4", "This sheet: 9 dots by 6 people.");
	fx_capture(f, "transcription, column totals 80x24");
	fx_press(f, "enter", "Saved: the paper totals of sheet 3, 9 dots by 6 people.");
	back_to_console(f, "esc", "2 have voted");

	struct report r;
	fx_load_report_of(f, &r, 2);
	assert_int_equal(r.sources[SOURCE_PAPER], 2);
	const struct report_participant *a = by_name(&r, "Anna Virtanen");
	const struct report_participant *b = by_name(&r, "Bertil Ek");
	assert_non_null(a);
	assert_non_null(b);
	assert_int_equal(a->source, SOURCE_PAPER);
	assert_int_equal(b->source, SOURCE_PAPER);
	assert_int_equal(fx_dots_of(&r, a->seq, 0, LEVEL_AGREE), 5);
	assert_int_equal(fx_dots_of(&r, a->seq, 1, LEVEL_PARTLY_AGREE), 3);
	assert_int_equal(fx_dots_of(&r, b->seq, 0, LEVEL_NEUTRAL), 2);
	assert_int_equal(fx_dots_of(&r, b->seq, 1, LEVEL_DISAGREE), 1);
	assert_int_equal(r.npaper, 1);
	assert_int_equal(r.paper[0].sheet, 2);
	assert_int_equal(r.paper[0].dots[LEVEL_AGREE], 7);
	assert_int_equal(r.paper[0].people[LEVEL_AGREE], 4);
	assert_int_equal(r.paper[0].dots[LEVEL_NEUTRAL], 2);
	assert_int_equal(r.paper[0].people[LEVEL_NEUTRAL], 2);
	assert_int_equal(r.paper[0].total_people, 6);
	report_free(&r);
}

/* Over the budget is refused on screen with the rules' sentence; leaving
 * without saving leaves nothing behind. */
static void test_budget_refusal(void **state)
{
	struct fixture *f = *state;
	open_screen(f, "en", "transcribing paper");
	line(f, "Anna", "1", "9", "Added: Anna, sheet 1, 9 dots");
	h_key(f->h, "pgdn");
	line(f, "anna", "2", "3", "12 dots given, the budget is 10.");
	fx_capture(f, "transcription, refusal 80x24");
	fx_press(f, "esc", "Leave without saving?");
	back_to_console(f, "y", "[facilitator]");
	struct report r;
	fx_load_report_of(f, &r, 0);
	assert_int_equal(r.npaper, 0);
	report_free(&r);
}

/* A name that voted already: asked, and with y its ballot is replaced by
 * the paper one. */
static void test_replace_signed(void **state)
{
	struct fixture *f = *state;
	struct store *st = NULL;
	struct ballot b;
	int seq;
	st = fx_open(f);
	rules_ballot_init(&b, 4);
	b.dots[3][LEVEL_UNSURE] = 4;
	assert_int_equal(store_ballot_save(st, f->sid, "Anna", &b, NULL, 0, false, &seq),
			 STORE_OK);
	store_close(st);
	open_screen(f, "en", "transcribing paper");
	line(f, "ANNA", "1", "2", "\"ANNA\" has voted already.");
	fx_press(f, "y", "Added: ANNA, sheet 1, 2 dots");
	fx_press(f, "^S", "Saved: 1 paper ballot, 2 dots.");
	struct report r;
	fx_load_report_of(f, &r, 1);
	assert_int_equal(r.participants[0].source, SOURCE_PAPER);
	assert_int_equal(fx_dots_of(&r, r.participants[0].seq, 0, LEVEL_AGREE), 2);
	assert_int_equal(fx_dots_of(&r, r.participants[0].seq, 3, LEVEL_UNSURE), 0);
	report_free(&r);
}

/* The screen speaks Finnish, refusals included. */
static void test_finnish(void **state)
{
	struct fixture *f = *state;
	open_screen(f, "fi", "paperiarkkien syöttö");
	fx_expect(f, "Paperiarkki 1/4");
	fx_expect(f, "Enter lisää rivi");
	line(f, "Anna", "1", "9", "Lisätty: Anna, arkki 1, 9 täplää");
	line(f, "Anna", "2", "3", "12 täplää annettu, mutta täpliä on käytössä 10.");
	fx_capture(f, "transcription in Finnish 80x24");
	fx_press(f, "^T", "Allekirjoitusrivit");
}

/* At the smallest window the fields, the list and the help still show,
 * and a line can be added. */
static void test_small_window(void **state)
{
	struct fixture *f = *state;
	open_screen(f, "en", "transcribing paper");
	h_resize(f->h, 16, 56);
	fx_expect(f, "Enter add line");
	line(f, "Anna Virtanen", "6", "2", "Added: Anna Virtanen, sheet 1, 2 dots");
	fx_expect(f, "1:2×?");
	fx_capture(f, "transcription 56x16");
	fx_press(f, "^T", "Enter save sheet");
	fx_capture(f, "column totals 56x16");
}

/* A closed session takes no paper: refused with a sentence, the console
 * stays. */
static void test_closed(void **state)
{
	struct fixture *f = *state;
	struct store *st = NULL;
	st = fx_open(f);
	assert_int_equal(store_session_set_closed(st, f->sid, true), STORE_OK);
	store_close(st);
	fx_start_run(f, "en", 24, 80, NULL);
	fx_expect(f, "PED 2016");
	fx_press(f, "f", "[facilitator]");
	fx_press(f, "t", "Voting is closed: reopen it (c) to transcribe paper sheets.");
	assert_null(strstr(h_screen(f->h), "Paper sheet"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FX_TEST(test_lines_and_totals),
		FX_TEST(test_budget_refusal),
		FX_TEST(test_replace_signed),
		FX_TEST(test_finnish),
		FX_TEST(test_small_window),
		FX_TEST(test_closed),
	};
	return FX_RUN(tests);
}
