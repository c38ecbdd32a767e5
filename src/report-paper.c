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

int report_positions(const struct report *r,
		     struct report_position pos[RULES_MAX_SHEETS])
{
	memset(pos, 0, RULES_MAX_SHEETS * sizeof *pos);
	int ordered = 0;
	for (size_t i = 0; i < r->nparticipants; i++)
		ordered += r->participants[i].norder > 0;
	/* Ballots come by participant and sheet: count a person once per
	 * sheet, the first cell of it. */
	int last_who = 0, last_sheet = -1;
	for (size_t i = 0; i < r->nballots; i++) {
		const struct report_ballot *b = &r->ballots[i];
		int at = report_ballot_position(r, b);
		if (at < 1 || at > RULES_MAX_SHEETS)
			continue;
		pos[at - 1].dots += b->dots;
		if (b->participant != last_who || b->sheet != last_sheet)
			pos[at - 1].people++;
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
