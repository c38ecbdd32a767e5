/* compare: sessions of one template side by side, sheet by sheet: dots,
 * share of the session's dots, agreement score and rank per session.
 *
 * Pure: works on reports the store loaded (an array of n >= 1 of them, in
 * the order given) and appends to a buf. The writers expect reports that
 * passed compare_check. */
#ifndef TAPLA_COMPARE_H
#define TAPLA_COMPARE_H

#include <stdbool.h>
#include <stddef.h>

#include "tapla/buf.h"
#include "tapla/report.h"

/* Can these sessions be compared: the same template name and the same
 * sheets: the same count, and sheet by sheet the same key (tpl_sheet.key,
 * filled by the caller from the template, so that a Finnish and an English
 * session of one template compare) or, where a session has no keys, the
 * same short name and statement? If not, writes one
 * translated sentence naming the two sessions that differ and their
 * templates, and returns false. */
bool compare_check(const struct report *r, size_t n, char *err,
		   size_t errlen);

/* Plain text `width` columns wide (at least 60): the sessions as columns,
 * as many as fit beside the row labels; the rest go below. */
bool compare_text(const struct report *r, size_t n, size_t width,
		  struct buf *out);
/* CSV (RFC 4180), a row per sheet and session; o's csv_sep and csv_bom
 * apply (o may be NULL). */
bool compare_csv(const struct report *r, size_t n,
		 const struct report_options *o, struct buf *out);
/* One self-contained HTML page in the first session's language (as its
 * own report): a table per sheet, inline CSS, no script; every text
 * escaped. */
bool compare_html(const struct report *r, size_t n, struct buf *out);

#endif
