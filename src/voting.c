/* voting: the one voting state of a session (see voting.h). */
#include "tapla/voting.h"

#include "tapla/i18n.h"

/* Index of the agenda's first voting phase; n if it has none. */
static size_t first_vote(const struct tpl_phase *phases, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (phases[i].kind == PHASE_VOTE)
			return i;
	return n;
}

bool voting_after_vote(const struct tpl_phase *phases, size_t n, int phase)
{
	size_t last = n;
	for (size_t i = 0; i < n; i++)
		if (phases[i].kind == PHASE_VOTE)
			last = i;
	return last < n && phase >= 0 && (size_t)phase > last;
}

/* Is the current phase the results phase? */
static bool in_results_phase(const struct session *s,
			     const struct tpl_phase *phases, size_t n)
{
	return s->phase >= 0 && (size_t)s->phase < n &&
	       phases[s->phase].kind == PHASE_RESULTS;
}

struct voting voting_of(const struct session *s, const struct tpl_phase *phases,
			size_t n)
{
	struct voting v = { VOTING_OPEN, RESULTS_HIDDEN };
	size_t first = first_vote(phases, n);
	if (s->closed[0])
		v.phase = VOTING_CLOSED;
	else if (first < n && s->phase >= 0 && (size_t)s->phase < first)
		v.phase = VOTING_NOT_STARTED;
	if (v.phase == VOTING_CLOSED || in_results_phase(s, phases, n))
		v.results = RESULTS_SHOWN;
	else if (s->revealed)
		v.results = RESULTS_REVEALED;
	return v;
}

const char *voting_label(struct voting v)
{
	switch (v.phase) {
	case VOTING_NOT_STARTED: return _("voting not started");
	case VOTING_CLOSED: return _("voting closed");
	default: return _("voting open");
	}
}

const char *voting_turn_refusal(struct voting v)
{
	switch (v.phase) {
	case VOTING_NOT_STARTED:
		return _("Voting has not started yet: the facilitator opens it by moving to the voting phase.");
	case VOTING_CLOSED:
		return _("Voting is closed: no more ballots. The facilitator can reopen it (c).");
	default:
		return NULL;
	}
}

bool voting_results_visible(struct voting v)
{
	return v.results != RESULTS_HIDDEN;
}
