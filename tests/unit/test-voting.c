/* Unit tests of the voting state: one answer to "may people vote, may the
 * room see the results" from the session and its agenda. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "config.h"
#include "tapla/i18n.h"
#include "tapla/voting.h"

/* The seminar's agenda: two talks, the vote, the results. */
static const struct tpl_phase agenda[] = {
	{ PHASE_TALK, NULL, NULL, 10 }, { PHASE_TALK, NULL, NULL, 10 },
	{ PHASE_VOTE, NULL, NULL, 10 }, { PHASE_RESULTS, NULL, NULL, 0 },
};
enum { NPH = sizeof agenda / sizeof agenda[0] };

/* The state of a session at `phase`, closed or not, revealed or not. */
static struct voting at(int phase, bool closed, bool revealed)
{
	struct session s;
	memset(&s, 0, sizeof s);
	s.phase = phase;
	s.revealed = revealed;
	if (closed)
		strcpy(s.closed, "2026-12-04T19:00:00Z");
	return voting_of(&s, agenda, NPH);
}

/* Talk phases: not started, and the top bar says so (it said "open"). */
static void talk_phases_are_not_started(void **state)
{
	(void)state;
	for (int p = 0; p < 2; p++) {
		struct voting v = at(p, false, false);
		assert_int_equal(v.phase, VOTING_NOT_STARTED);
		assert_string_equal(voting_label(v), "voting not started");
		assert_non_null(voting_turn_refusal(v));
		assert_false(voting_results_visible(v));
	}
}

static void vote_phase_is_open(void **state)
{
	(void)state;
	struct voting v = at(2, false, false);
	assert_int_equal(v.phase, VOTING_OPEN);
	assert_null(voting_turn_refusal(v));
	assert_string_equal(voting_label(v), "voting open");
	assert_int_equal(v.results, RESULTS_HIDDEN);
	v = at(2, false, true);
	assert_int_equal(v.results, RESULTS_REVEALED);
	assert_true(voting_results_visible(v));
}

/* Closed is closed in every phase, and the refusal says closed, not "has
 * not started" (as it did in the last phase). */
static void closed_is_closed_everywhere(void **state)
{
	(void)state;
	for (int p = 0; p < NPH; p++) {
		struct voting v = at(p, true, false);
		assert_int_equal(v.phase, VOTING_CLOSED);
		assert_int_equal(v.results, RESULTS_SHOWN);
		assert_non_null(strstr(voting_turn_refusal(v), "closed"));
		assert_string_equal(voting_label(v), "voting closed");
	}
}

static void results_phase_shows_results(void **state)
{
	(void)state;
	assert_int_equal(at(3, false, false).results, RESULTS_SHOWN);
	assert_true(voting_after_vote(agenda, NPH, 3));
	assert_false(voting_after_vote(agenda, NPH, 2));
	assert_false(voting_after_vote(agenda, NPH, 0));
}

/* No agenda: open until closed. */
static void no_agenda_is_open(void **state)
{
	(void)state;
	struct session s;
	memset(&s, 0, sizeof s);
	assert_int_equal(voting_of(&s, NULL, 0).phase, VOTING_OPEN);
	assert_false(voting_after_vote(NULL, 0, 0));
}

int main(void)
{
	i18n_init("en", TAPLA_BUILD_ROOT "/po");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(talk_phases_are_not_started),
		cmocka_unit_test(vote_phase_is_open),
		cmocka_unit_test(closed_is_closed_everywhere),
		cmocka_unit_test(results_phase_shows_results),
		cmocka_unit_test(no_agenda_is_open),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
