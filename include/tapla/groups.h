/* groups: the stakeholder groups a session's signers pick from (elected
 * officials, staff, residents...) and the results per group, beside the
 * whole room's. The paper method's tip, a pen colour per group, as counts.
 *
 * Pure, no I/O. A session stores its groups as one text: the names one a
 * line, in the order given (struct session .groups).
 *
 * The smallest-group rule: a group with fewer people than the session's
 * group_min (never below GROUPS_MIN_SIZE) is never shown apart; its dots
 * still count in the whole room. Nor may the whole minus the shown groups
 * give a small group away: while the participants outside the shown
 * groups (hidden groups and signers without a group) number 1 to
 * group_min - 1, the smallest shown group is hidden too. */
#ifndef TAPLA_GROUPS_H
#define TAPLA_GROUPS_H

#include <stdbool.h>
#include <stddef.h>

#include "tapla/report.h"
#include "tapla/tally.h"

#define GROUPS_MAX 8         /* groups in one session */
#define GROUPS_NAME_MAX 40   /* characters in a group's name */
#define GROUPS_MIN_SIZE 5    /* the least group_min: smaller is never shown */
#define GROUPS_MIN_SIZE_MAX 999

/* The stored form of a comma-separated list a user typed ("luottamus-
 * henkilöt,viranhaltijat,asukkaat"): each name cleaned (text_clean),
 * 1 to GROUPS_NAME_MAX characters, no two the same (by text_name_key),
 * 2 to GROUPS_MAX of them. A new string the caller frees; NULL with one
 * translated sentence in err when the list is not usable. */
char *groups_parse(const char *list, char *err, size_t errlen);
/* How many names the stored list holds; 0 for NULL. */
size_t groups_count(const char *stored);
/* Copies name i of the stored list into buf (n bytes); false if there is
 * no name i. */
bool groups_name(const char *stored, size_t i, char *buf, size_t n);
/* The index of `name` in the stored list, compared as names of signers are
 * (text_name_key: case and spacing do not matter); -1 if none. */
int groups_find(const char *stored, const char *name);

/* One group's results. */
struct groups_result {
	char name[GROUPS_NAME_MAX * 4 + 1];
	int people;          /* participants who signed in the group */
	bool shown;          /* big enough to be shown apart */
	struct tally tally;  /* the group's own counts; all zero unless shown */
};

struct groups_tally {
	size_t ngroups;
	struct groups_result *groups;  /* in the session's order; owned */
	int group_min;                 /* the threshold applied */
	int ungrouped;                 /* participants who gave no group */
	int hidden;                    /* groups not shown apart */
};

/* The results per group of a full report (its ballot cells loaded), by the
 * smallest-group rule above. Paper column totals belong to no group. A
 * session without groups gives ngroups 0. False on no memory (out is then
 * empty). Free with groups_tally_free. */
bool groups_tally(const struct report *r, struct groups_tally *out);
void groups_tally_free(struct groups_tally *g);
/* Whether the group called `name` is shown apart in this report (false for
 * no name or a name not in the list). */
bool groups_shown(const struct groups_tally *g, const char *name);
/* For a report writer: r's results per group, into g. True when there is
 * a section to write (free g with groups_tally_free); false when the
 * session has no groups, or on no memory (then out->failed is set). */
bool groups_tally_to_write(const struct report *r, struct groups_tally *g,
			   struct buf *out);
/* The note above every report's group tables: the smallest group shown
 * apart and, when some are not, "Not shown apart: a, b." Each name goes
 * through put_name (the format's escaping; NULL: as it is); the rest is
 * plain text the caller escapes. Appended to out, with no line end. */
void groups_note(const struct groups_tally *g,
		 void (*put_name)(struct buf *out, const char *name),
		 struct buf *out);
/* The rows of sheet i's group table, alike in every report: the whole
 * room first ("Whole room"), then each group shown apart as "NAME (PEOPLE)"
 * with the name passed through clean first when one is given (a new string
 * the helper frees; NULL from it: an empty name). row writes one row from
 * its label and that row's tally of the sheet. */
void groups_table_rows(const struct report *r, const struct groups_tally *g,
		       size_t i, char *(*clean)(const char *name),
		       void (*row)(struct buf *out, const char *label,
				   const struct tally_sheet *t),
		       struct buf *out);

#endif
