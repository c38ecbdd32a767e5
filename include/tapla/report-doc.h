/* report-doc: the walk the documents for people (Markdown, HTML) share, so
 * that each says the same sections in the same order and a format writes
 * only its markup; and the sentences and table rows the writers (the
 * terminal's text too) say alike. Older helpers are in report.h.
 *
 * Pure, like every writer: appends to a buf. */
#ifndef TAPLA_REPORT_DOC_H
#define TAPLA_REPORT_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "tapla/buf.h"
#include "tapla/groups.h"
#include "tapla/report.h"
#include "tapla/rounds.h"

/* What one format writes at each step of the walk. Each is called with the
 * session's language in effect; NULL: the format writes nothing there. */
struct report_doc_ops {
	/* The title block (HTML: the document's head, and <main> opened). */
	void (*head)(const struct report *r, struct buf *out);
	/* The method and the agreement score's formula. */
	void (*method)(const struct report *r, struct buf *out);
	/* Sheet i: statement, totals, figures, signatures and notes. */
	void (*sheet)(const struct report *r, const struct report_options *o,
		      size_t i, struct buf *out);
	/* "Who moved since round N" and its intro; then a part per sheet
	 * (only when the report has its previous round). */
	void (*shift_head)(const struct rounds_shift *sh, struct buf *out);
	void (*shift_sheet)(const struct report *r,
			    const struct rounds_shift *sh, size_t i,
			    struct buf *out);
	/* "Results by group" and its note; then a table per sheet (only when
	 * the session has groups, and while any is shown apart). */
	void (*groups_head)(const struct groups_tally *g, struct buf *out);
	void (*groups_sheet)(const struct report *r,
			     const struct groups_tally *g, size_t i,
			     struct buf *out);
	/* Closes the who-moved and the by-group sections. */
	const char *section_end;
	/* The sheets by rank. */
	void (*ranking)(const struct report *r, struct buf *out);
	/* After everything (HTML: the footer and the document's end). */
	void (*foot)(struct buf *out);
};

/* Walks the report in the session's language (report_lang_enter) through
 * ops: head, method, every sheet, who moved, by group, ranking, foot.
 * o NULL: no options. False on no memory. */
bool report_doc_write(const struct report *r, const struct report_options *o,
		      const struct report_doc_ops *ops, struct buf *out);

/* Text the formats say alike (plain, appended to out; the caller escapes): */
/* The method in a few sentences and the agreement score's formula. */
void report_method_text(const struct report *r, struct buf *out);
/* "13 participants · 4 sheets". */
void report_counts_text(const struct report *r, struct buf *out);
/* Sheet i's share and score then → now and, when matched, its movers. */
void report_shift_figures_text(const struct rounds_shift *sh, size_t i,
			       struct buf *out);
/* A score with one decimal as report_score_text writes it, "–" for none. */
void report_score_of(bool has, double score, char *s, size_t n);

/* How a format marks what report_level_row and report_sheet_figures
 * write: text goes through put (its escaping); a table row is the label's
 * cell around the label, a number's and a text's cell (printf formats for
 * one int, one string) and the row's end; the figures line marks the
 * agreement score and the flags' names. */
struct report_markup {
	void (*put)(struct buf *out, const char *s);
	const char *label_open;
	const char *label_close;
	const char *number;
	const char *text;
	const char *row_end;
	const char *score_open;
	const char *score_close;
	const char *flags_open;
	const char *flags_close;
};
/* A row: the label, a number per column, the total and, unless NULL, a
 * last cell of text. */
void report_level_row(const struct report_markup *m, struct buf *out,
		      const char *label, const int v[LEVEL_COUNT], int total,
		      const char *last);
/* A row of a group table: dots per column, total and agreement score. */
void report_group_row(const struct report_markup *m, struct buf *out,
		      const char *label, const struct tally_sheet *t);
/* The rows of sheet i's then-and-now table (dots then, dots now, people
 * then, people now), each written by row from its label and counts. */
void report_shift_rows(const struct rounds_shift *sh, size_t i,
		       void (*row)(struct buf *out, const char *label,
				   const int v[LEVEL_COUNT], int total),
		       struct buf *out);

/* "Share of all dots: 35% · Agreement score: +7.2 · Flags: split", the
 * text through m->put, no line end. */
void report_sheet_figures(const struct report_markup *m,
			  const struct tally_sheet *t, struct buf *out);
/* report_signature_line through put, between before and after. */
void report_put_signatures(const struct report *r,
			   const struct report_options *o, size_t sheet,
			   void (*put)(struct buf *out, const char *s),
			   const char *before, const char *after,
			   struct buf *out);

/* Appends text through put (the format's escaping), carries its failure
 * over to out and frees it. */
void report_put_text(struct buf *out,
		     void (*put)(struct buf *out, const char *s),
		     struct buf *text);
/* Appends what say writes about r (report_sources_line, report_paper_line)
 * through put, between before and after; nothing when it says nothing. */
void report_put_said(const struct report *r,
		     void (*say)(const struct report *r, struct buf *out),
		     void (*put)(struct buf *out, const char *s),
		     const char *before, const char *after, struct buf *out);

#endif
