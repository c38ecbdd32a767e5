/* report-fake: random in-memory reports for the core's oracle tests. */
#include "report-fake.h"

#include <stdlib.h>
#include <string.h>

/* One person's random ballot: 1 to 10 dots on random cells. */
static void random_ballot(unsigned *seed, int nsheets,
			  int cells[RULES_MAX_SHEETS][LEVEL_COUNT])
{
	memset(cells, 0, sizeof(int) * RULES_MAX_SHEETS * LEVEL_COUNT);
	int k = 1 + rand_r(seed) % 10;
	for (int i = 0; i < k; i++)
		cells[rand_r(seed) % nsheets][rand_r(seed) % LEVEL_COUNT]++;
}

/* Appends the nonzero cells of person seq and adds them to the tally. */
static void add_cells(struct report *r, int seq, int nsheets,
		      int cells[RULES_MAX_SHEETS][LEVEL_COUNT])
{
	for (int sh = 0; sh < nsheets; sh++) {
		bool any = false;
		for (int l = 0; l < LEVEL_COUNT; l++) {
			if (!cells[sh][l])
				continue;
			struct report_ballot *b = &r->ballots[r->nballots++];
			b->participant = seq;
			b->sheet = sh;
			b->level = (enum level)l;
			b->dots = cells[sh][l];
			r->tally.sheets[sh].dots[l] += cells[sh][l];
			r->tally.sheets[sh].people[l]++;
			any = true;
		}
		r->tally.sheets[sh].total_people += any;
	}
}

void fake_report(struct report *r, unsigned *seed, int nsheets,
		 const struct fake_person *people, size_t n, bool anonymous,
		 const char *groups, int group_min, int round,
		 int (*dots)[RULES_MAX_SHEETS][LEVEL_COUNT])
{
	memset(r, 0, sizeof *r);
	r->session.title = strdup("Fake");
	r->session.template_name = strdup("fake");
	r->session.language = strdup("en");
	r->session.anonymous = anonymous;
	r->session.nsheets = nsheets;
	r->session.round = round;
	r->session.groups = groups ? strdup(groups) : NULL;
	r->session.group_min = group_min;
	r->sheets = calloc((size_t)nsheets, sizeof *r->sheets);
	for (int i = 0; i < nsheets; i++) {
		r->sheets[i].short_name = strdup("s");
		r->sheets[i].statement = strdup("S.");
	}
	tally_init(&r->tally, (size_t)nsheets);
	r->participants = calloc(n + 1, sizeof *r->participants);
	r->ballots = calloc(n * (size_t)nsheets * LEVEL_COUNT + 1,
			    sizeof *r->ballots);
	for (size_t i = 0; i < n; i++) {
		struct report_participant *p = &r->participants[i];
		p->seq = (int)i + 1;
		p->name = people[i].name && !anonymous ? strdup(people[i].name) : NULL;
		p->group = people[i].group ? strdup(people[i].group) : NULL;
		int cells[RULES_MAX_SHEETS][LEVEL_COUNT];
		random_ballot(seed, nsheets, cells);
		if (dots)
			memcpy(dots[i], cells, sizeof cells);
		add_cells(r, p->seq, nsheets, cells);
	}
	r->nparticipants = n;
	r->tally.participants = (int)n;
	tally_finish(&r->tally);
}
