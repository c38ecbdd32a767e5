/* store-paper: the column totals of paper sheets whose names could not be
 * read. They are stored beside the ballots, not as ballots: they belong to
 * nobody, so no budget applies and nobody signs; the tally adds them in and
 * reports list them apart. See include/tapla/store.h. */
#include "store-int.h"

#include <stdlib.h>
#include <string.h>

#include "tapla/i18n.h"

/* Upper bound of a column total: 25 signature lines of 99 dots, roomy. */
#define PAPER_MAX 9999

/* What the totals of one sheet are checked against. */
struct paper_target {
	bool closed;
	int nsheets;
	bool entered;  /* this sheet has totals already */
};

/* A paper_target from its row: closed, sheets, entered. */
static bool target_row(sqlite3_stmt *s, void *arg)
{
	struct paper_target *out = arg;
	out->closed = sqlite3_column_int(s, 0) != 0;
	out->nsheets = sqlite3_column_int(s, 1);
	out->entered = sqlite3_column_int(s, 2) != 0;
	return true;
}

/* Loads the session's state and whether the sheet has totals. */
static enum store_status load_target(struct store *st, int64_t id, int sheet,
				     struct paper_target *out)
{
	return store_session_row(st, store_query(st, STMT_PAPER_FIND,
		"SELECT closed IS NOT NULL,"
		" (SELECT count(*) FROM sheet WHERE session_id = ?1),"
		" EXISTS (SELECT 1 FROM paper_sheet"
		"  WHERE session_id = ?1 AND sheet_idx = ?2)"
		" FROM session WHERE id = ?1",
		STORE_VALS(STORE_INT(id), STORE_INT(sheet))), id, target_row, out);
}

/* Each column: people only where there are dots, never more than dots. */
static enum store_status check_columns(struct store *st,
				       const int dots[LEVEL_COUNT],
				       const int people[LEVEL_COUNT],
				       int *total_dots, int *most, int *sum)
{
	*total_dots = *most = *sum = 0;
	for (int l = 0; l < LEVEL_COUNT; l++) {
		if (dots[l] < 0 || dots[l] > PAPER_MAX)
			return store_say(st, STORE_REFUSED,
					 _("A column total must be 0 to %d dots."),
					 PAPER_MAX);
		if (dots[l] > 0 ? people[l] < 1 || people[l] > dots[l]
				: people[l] != 0)
			return store_say(st, STORE_REFUSED,
					 _("In column %s the people must be 1 to the number of dots (%d)."),
					 rules_level_key((enum level)l), dots[l]);
		*total_dots += dots[l];
		*sum += people[l];
		if (people[l] > *most)
			*most = people[l];
	}
	if (*total_dots == 0)
		return store_say(st, STORE_REFUSED,
				 _("The totals hold no dots: give at least one column, e.g. agree=3."));
	return STORE_OK;
}

/* The session, the sheet and the counts all fit. */
static enum store_status check_totals(struct store *st, int64_t id,
				      int sheet, const struct paper_target *t,
				      const int dots[LEVEL_COUNT],
				      const int people[LEVEL_COUNT],
				      int sheet_people, bool replace)
{
	if (t->closed)
		return store_say(st, STORE_REFUSED,
				 _("Voting in session %lld is closed: reopen it to add ballots."),
				 (long long)id);
	if (sheet < 0 || sheet >= t->nsheets)
		return store_say(st, STORE_REFUSED,
				 _("Session %lld has no sheet %d: its sheets are 1 to %d."),
				 (long long)id, sheet + 1, t->nsheets);
	int total, most, sum;
	enum store_status r = check_columns(st, dots, people, &total, &most, &sum);
	if (r != STORE_OK)
		return r;
	if (sheet_people < most || sheet_people > sum)
		return store_say(st, STORE_REFUSED,
				 P_("%d person cannot have made these columns: give %d to %d.",
				    "%d people cannot have made these columns: give %d to %d.",
				    sheet_people),
				 sheet_people, most, sum);
	if (t->entered && !replace)
		return store_say(st, STORE_CONFLICT,
				 _("Sheet %d has paper totals already: add --replace to replace them."),
				 sheet + 1);
	return STORE_OK;
}

/* Removes a sheet's earlier column totals. */
static enum store_status clear_totals(struct store *st, int64_t id, int sheet)
{
	return store_run(st, STMT_PAPER_CLEAR,
		"DELETE FROM paper_total WHERE session_id = ?1 AND sheet_idx = ?2",
		STORE_VALS(STORE_INT(id), STORE_INT(sheet)));
}

enum store_status store_insert_paper(struct store *st, int64_t id, int sheet,
				     const int dots[LEVEL_COUNT],
				     const int people[LEVEL_COUNT],
				     int sheet_people, const char *at)
{
	enum store_status r = STORE_OK;
	for (int l = 0; r == STORE_OK && l < LEVEL_COUNT; l++)
		if (dots[l] != 0)
			r = store_run(st, STMT_PAPER_TOTAL_INSERT,
				"INSERT INTO paper_total (session_id, sheet_idx,"
				" level, dots, people) VALUES (?1, ?2, ?3, ?4, ?5)",
				STORE_VALS(STORE_INT(id), STORE_INT(sheet),
					   STORE_INT(l), STORE_INT(dots[l]),
					   STORE_INT(people[l])));
	char now[32];
	store_now_iso(now);
	return r != STORE_OK ? r : store_run(st, STMT_PAPER_SHEET_INSERT,
		"INSERT OR REPLACE INTO paper_sheet (session_id, sheet_idx,"
		" people, entered_at) VALUES (?1, ?2, ?3, ?4)",
		STORE_VALS(STORE_INT(id), STORE_INT(sheet),
			   STORE_INT(sheet_people),
			   STORE_TEXT(at && *at ? at : now)));
}

/* The whole transcription inside the caller's write transaction. */
static enum store_status save_totals(struct store *st, int64_t id, int sheet,
				     const int dots[LEVEL_COUNT],
				     const int people[LEVEL_COUNT],
				     int sheet_people, bool replace)
{
	struct paper_target t = { false, 0, false };
	enum store_status r = load_target(st, id, sheet, &t);
	if (r == STORE_OK)
		r = check_totals(st, id, sheet, &t, dots, people, sheet_people,
				 replace);
	if (r == STORE_OK)
		r = clear_totals(st, id, sheet);
	if (r == STORE_OK)
		r = store_insert_paper(st, id, sheet, dots, people, sheet_people,
				       NULL);
	return r;
}

enum store_status store_paper_totals_save(struct store *st, int64_t id,
					  int sheet,
					  const int dots[LEVEL_COUNT],
					  const int people[LEVEL_COUNT],
					  int sheet_people, bool replace)
{
	enum store_status r = store_begin_write(st);
	if (r != STORE_OK)
		return r;
	return store_end(st, save_totals(st, id, sheet, dots, people,
					 sheet_people, replace));
}

/* Puts one row (sheet, people, level, dots, people) into the report: a new
 * entry when the sheet changes. False on no memory. */
static bool paper_row(sqlite3_stmt *s, struct report *r, size_t *cap)
{
	int sheet = sqlite3_column_int(s, 0);
	if (r->npaper == 0 || r->paper[r->npaper - 1].sheet != sheet) {
		struct report_paper *p = store_slot((void **)&r->paper,
						    r->npaper, cap, sizeof *p);
		if (!p)
			return false;
		r->npaper++;
		p->sheet = sheet;
		p->total_people = sqlite3_column_int(s, 1);
	}
	struct report_paper *p = &r->paper[r->npaper - 1];
	int level = sqlite3_column_int(s, 2);
	if (sqlite3_column_type(s, 2) == SQLITE_NULL || level < 0 ||
	    level >= LEVEL_COUNT)
		return true;
	p->dots[level] = sqlite3_column_int(s, 3);
	p->people[level] = sqlite3_column_int(s, 4);
	p->total_dots += p->dots[level];
	return true;
}

enum store_status store_load_paper(struct store *st, int64_t id,
				   struct report *out)
{
	return store_report_rows(st, store_query(st, STMT_REPORT_PAPER,
		"SELECT s.sheet_idx, s.people, t.level, t.dots, t.people"
		" FROM paper_sheet s LEFT JOIN paper_total t"
		"  ON t.session_id = s.session_id AND t.sheet_idx = s.sheet_idx"
		" WHERE s.session_id = ?1 ORDER BY s.sheet_idx, t.level",
		STORE_VALS(STORE_INT(id))), out, paper_row);
}
