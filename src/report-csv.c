/* report-csv: ballots or the tally as CSV (RFC 4180) for spreadsheets. */
#include <stdio.h>
#include <string.h>

#include "tapla/report.h"

/* Appends one field, quoted when it must be. A leading = + - @ would be
 * taken as a formula by spreadsheets: such text gets a leading apostrophe,
 * and so does text that starts with an apostrophe itself, so that import
 * can take exactly one off again (report.h). */
void report_csv_field(struct buf *out, const char *s, char sep)
{
	bool formula = s[0] && strchr("=+-@'", s[0]);
	bool quote = formula || strchr(s, sep) || strpbrk(s, "\"\r\n") ||
		     s[0] == ' ' || (s[0] && s[strlen(s) - 1] == ' ');
	if (!quote) {
		buf_puts(out, s);
		return;
	}
	buf_putc(out, '"');
	if (formula)
		buf_putc(out, '\'');
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			buf_putc(out, '"');
		buf_putc(out, *p);
	}
	buf_putc(out, '"');
}

/* Ends a row the way RFC 4180 says: CRLF. */
static void csv_end_row(struct buf *out)
{
	buf_puts(out, "\r\n");
}

void report_csv_levels(struct buf *out, char sep, const int v[LEVEL_COUNT])
{
	for (int l = 0; l < LEVEL_COUNT; l++)
		buf_printf(out, "%c%d", sep, v[l]);
}

void report_csv_figures(struct buf *out, char sep, const struct tally_sheet *t)
{
	buf_printf(out, "%c%d%c%d%c", sep, t->total_dots, sep, t->total_people, sep);
	report_csv_number(out, sep, "%.4f", t->share);
	buf_putc(out, sep);
	if (t->has_score)
		report_csv_number(out, sep, "%.2f", t->score);
	buf_printf(out, "%c%d", sep, t->rank);
}

void report_csv_number(struct buf *out, char sep, const char *fmt, double v)
{
	char num[32];
	snprintf(num, sizeof num, fmt, v);
	/* With ';' as separator (Finnish spreadsheets) the decimal is ','. */
	if (sep == ';') {
		char *dot = strchr(num, '.');
		if (dot)
			*dot = ',';
	}
	buf_puts(out, num);
}

/* One row per participant, sheet and column that holds dots. */
static void csv_ballots(const struct report *r, const struct report_options *o,
			char sep, struct buf *out)
{
	const char *head[] = { "participant", "name", "sheet", "level", "dots" };
	for (size_t i = 0; i < 5; i++) {
		if (i)
			buf_putc(out, sep);
		buf_puts(out, head[i]);
	}
	csv_end_row(out);
	for (size_t i = 0; i < r->nballots; i++) {
		const struct report_ballot *b = &r->ballots[i];
		const struct report_participant *p = report_participant(r, b->participant);
		bool named = p && p->name && !o->no_names && !r->session.anonymous;
		buf_printf(out, "%d%c", b->participant, sep);
		report_csv_field(out, named ? p->name : "", sep);
		buf_printf(out, "%c%d%c%s%c%d", sep, b->sheet + 1, sep,
			   rules_level_key(b->level), sep, b->dots);
		csv_end_row(out);
	}
}

/* One row per sheet: the paper's "Yht." row and what follows from it. */
static void csv_tally(const struct report *r, char sep, struct buf *out)
{
	buf_printf(out, "sheet%ctitle", sep);
	for (int l = 0; l < LEVEL_COUNT; l++)
		buf_printf(out, "%cdots_%s", sep, rules_level_key(l));
	for (int l = 0; l < LEVEL_COUNT; l++)
		buf_printf(out, "%cpeople_%s", sep, rules_level_key(l));
	buf_printf(out, "%ctotal_dots%ctotal_people%cshare%cagreement_score%crank",
		   sep, sep, sep, sep, sep);
	csv_end_row(out);
	for (size_t i = 0; i < r->tally.nsheets && (int)i < r->session.nsheets; i++) {
		const struct tally_sheet *t = &r->tally.sheets[i];
		buf_printf(out, "%zu%c", i + 1, sep);
		report_csv_field(out, r->sheets[i].short_name, sep);
		report_csv_levels(out, sep, t->dots);
		report_csv_levels(out, sep, t->people);
		report_csv_figures(out, sep, t);
		csv_end_row(out);
	}
}

bool report_csv(const struct report *r, const struct report_options *o,
		struct buf *out)
{
	static const struct report_options defaults = { 0 };
	if (!o)
		o = &defaults;
	char sep = o->csv_sep ? o->csv_sep : ',';
	if (o->csv_bom)
		buf_puts(out, "\xef\xbb\xbf");
	if (o->csv_tally)
		csv_tally(r, sep, out);
	else
		csv_ballots(r, o, sep, out);
	return !out->failed;
}
