/* report-fake: reports built in memory as the store would load them, with
 * random ballots from a seed, for the oracle-style tests of the core. */
#ifndef TAPLA_TEST_REPORT_FAKE_H
#define TAPLA_TEST_REPORT_FAKE_H

#include "tapla/report.h"

/* One signer: name NULL in an anonymous session, group NULL for none. */
struct fake_person {
	const char *name;
	const char *group;
};

/* Fills r with a session of nsheets sheets (groups in stored form or NULL,
 * round number), the people in signing order, each with 1 to 10 dots at
 * random (rand_r on *seed), the ballot cells in the store's order and the
 * tally summed from them. The dots are also written to
 * dots[person][sheet][level] when dots is not NULL. Free with report_free. */
void fake_report(struct report *r, unsigned *seed, int nsheets,
		 const struct fake_person *people, size_t n, bool anonymous,
		 const char *groups, int group_min, int round,
		 int (*dots)[RULES_MAX_SHEETS][LEVEL_COUNT]);

#endif
