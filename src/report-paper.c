/* report-paper: what reports say about paper and order effects: dots by
 * the position a sheet was shown at, and the paper column totals. */
#include <string.h>

#include "tapla/order.h"
#include "tapla/report.h"

int report_ballot_position(const struct report *r,
			   const struct report_ballot *b)
{
	const struct report_participant *p = report_participant(r, b->participant);
	if (!p || p->norder <= 0)
		return 0;
	return order_position(p->order, p->norder, b->sheet) + 1;
}

/* Adds one ballot cell to a count, a person once per sheet (ballots come
 * by participant and sheet, so a new person-sheet is a change from the
 * previous cell). */
static void count_cell(struct report_position *p, int dots, bool new_person)
{
	p->dots += dots;
	p->people += new_person;
}

int report_positions(const struct report *r,
		     struct report_position pos[RULES_MAX_SHEETS],
		     struct report_position by_sheet[RULES_MAX_SHEETS])
{
	memset(pos, 0, RULES_MAX_SHEETS * sizeof *pos);
	if (by_sheet)
		memset(by_sheet, 0, RULES_MAX_SHEETS * sizeof *by_sheet);
	int ordered = 0;
	for (size_t i = 0; i < r->nparticipants; i++)
		ordered += r->participants[i].norder > 0;
	int last_who = 0, last_sheet = -1;
	for (size_t i = 0; i < r->nballots; i++) {
		const struct report_ballot *b = &r->ballots[i];
		int at = report_ballot_position(r, b);
		if (at < 1 || at > RULES_MAX_SHEETS || b->sheet < 0 ||
		    b->sheet >= RULES_MAX_SHEETS)
			continue;
		bool new_person = b->participant != last_who || b->sheet != last_sheet;
		count_cell(&pos[at - 1], b->dots, new_person);
		if (by_sheet)
			count_cell(&by_sheet[b->sheet], b->dots, new_person);
		last_who = b->participant;
		last_sheet = b->sheet;
	}
	return ordered;
}

int report_paper_dots(const struct report *r)
{
	int n = 0;
	for (size_t i = 0; i < r->npaper; i++)
		n += r->paper[i].total_dots;
	return n;
}
