/* voting: the one voting state of a session, as every front end shows it.
 *
 * Whether ballots may be cast (not started / open / closed) and whether the
 * room may see the results (hidden / revealed) follow from the stored
 * session and its agenda in one place, so that the top bar, the console,
 * its messages, the projector view and the phones say the same. Pure. */
#ifndef TAPLA_VOTING_H
#define TAPLA_VOTING_H
#include <stdbool.h>
#include <stddef.h>
#include "tapla/rules.h"
#include "tapla/template.h"

enum voting_phase {
	VOTING_NOT_STARTED = 0, /* the agenda is before its voting phase */
	VOTING_OPEN,            /* ballots are taken */
	VOTING_CLOSED,          /* the facilitator closed it: no ballot, no turn */
};

enum voting_results {
	RESULTS_HIDDEN = 0,     /* only the count of voters shows */
	RESULTS_REVEALED,       /* the facilitator revealed them: may hide again */
	RESULTS_SHOWN,          /* voting closed or the results phase: they stay */
};

struct voting {
	enum voting_phase phase;
	enum voting_results results;
};

/* The state of session s with its agenda (phases, n of them; none: voting
 * is open until closed). Closed when s->closed is set; not started while
 * the current phase comes before the agenda's first voting phase; open
 * otherwise. Results shown when closed or in a results phase, revealed
 * when s->revealed, hidden otherwise. */
struct voting voting_of(const struct session *s, const struct tpl_phase *phases,
			size_t n);
/* Is the phase at index `phase` past the agenda's last voting phase (moving
 * there closes voting)? False without a voting phase. */
bool voting_after_vote(const struct tpl_phase *phases, size_t n, int phase);
/* The state for a top bar: "voting not started", "voting open", "voting
 * closed", translated. */
const char *voting_label(struct voting v);
/* Why a participant's turn cannot start now (one sentence, translated), or
 * NULL when it can. */
const char *voting_turn_refusal(struct voting v);
/* May the room see the results? */
bool voting_results_visible(struct voting v);

#endif
