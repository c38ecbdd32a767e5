/* inbound: texts read from another file (a merge source) held to the rules
 * of typed text (issue 12.5).
 *
 * Pure functions, no I/O. A session read from another tapla database may
 * have been written by anything: its texts pass the same cleaning and
 * limits as if they were typed here, or the whole file is refused. */
#ifndef TAPLA_INBOUND_H
#define TAPLA_INBOUND_H

#include <stdbool.h>
#include <stddef.h>

#include "tapla/report.h"

/* Checks and cleans every text of session r read from another file: the
 * title and notes as text_clean would leave them (TEXT_TITLE_MAX,
 * TEXT_NOTE_MAX), names as text_clean_name (invisible characters dropped;
 * no two names of one signer), the agenda's and sheets' texts by the
 * template limits (tpl_text_ok), the groups as groups_parse makes them
 * (and each participant's group among them), the template name, language,
 * uuids and times by their formats. Cleaned texts replace the originals in r. False
 * (r then partly cleaned; report_free still frees it) with one sentence
 * in err saying which text of which session is wrong and why. */
bool inbound_check_report(struct report *r, char *err, size_t errlen);

/* Is s a time as tapla writes them ("2026-11-24T10:00:00Z"): digits,
 * '-', ':', 'T', 'Z' and '.', 1..31 characters? */
bool inbound_time_ok(const char *s);

#endif
