/* report-doc: helpers the document writers (Markdown, HTML, paper sheets)
 * share: escaping, the session's language, dates and numbers. */
#include "tapla/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tapla/i18n.h"

void report_html_escape(struct buf *out, const char *s)
{
	for (const char *p = s ? s : ""; *p; p++) {
		unsigned char c = (unsigned char)*p;
		switch (c) {
		case '&': buf_puts(out, "&amp;"); break;
		case '<': buf_puts(out, "&lt;"); break;
		case '>': buf_puts(out, "&gt;"); break;
		case '"': buf_puts(out, "&quot;"); break;
		case '\'': buf_puts(out, "&#39;"); break;
		default:
			/* Control characters are not allowed in HTML text. */
			if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
				break;
			if (c >= 0x80) {
				/* Valid UTF-8 without C1 controls, whatever is stored. */
				p += report_put_char(out, p) - 1;
				break;
			}
			buf_putc(out, (char)c);
		}
	}
}

void report_sheet_code(const struct report *r, size_t sheet, char *code,
		       size_t len)
{
	char head[7] = "";
	size_t n = 0;
	/* Hex digits only: a uuid's dashes would make the code ambiguous. */
	for (const char *p = r->session.uuid; *p && n < 6; p++)
		if (*p != '-')
			head[n++] = *p;
	head[n] = '\0';
	snprintf(code, len, "%s-%zu", n ? head : "000000", sheet + 1);
}

void report_lang_enter(struct report_lang *l, const struct report *r)
{
	snprintf(l->saved, sizeof l->saved, "%s", i18n_language());
	l->switched = false;
	if (r->session.language && i18n_known(r->session.language) &&
	    strcmp(r->session.language, l->saved) != 0)
		l->switched = i18n_set_language(r->session.language);
}

void report_lang_leave(struct report_lang *l)
{
	if (l->switched)
		i18n_set_language(l->saved);
	l->switched = false;
}

void report_signature_line(const struct report *r,
			   const struct report_options *o, size_t sheet,
			   struct buf *out)
{
	int *seqs = NULL;
	size_t n = 0;
	if (!report_signers(r, (int)sheet, &seqs, &n)) {
		out->failed = true;
		return;
	}
	buf_printf(out, P_("Signed by %zu participant",
			   "Signed by %zu participants", n), n);
	bool names = !(o && o->no_names) && !r->session.anonymous;
	size_t shown = 0;
	for (size_t i = 0; names && i < n; i++) {
		const struct report_participant *p = report_participant(r, seqs[i]);
		if (!p || !p->name)
			continue;
		buf_printf(out, "%s%d. %s", shown++ ? ", " : ": ", p->seq, p->name);
	}
	buf_putc(out, '.');
	free(seqs);
}

void report_session_date(const struct report *r, char *date, size_t len)
{
	int y, m, d;
	if (sscanf(r->session.created, "%4d-%2d-%2d", &y, &m, &d) != 3) {
		snprintf(date, len, "%s", "");
		return;
	}
	/* Finnish readers write the day first: 24.11.2026. */
	if (strcmp(i18n_language(), "fi") == 0)
		snprintf(date, len, "%d.%d.%04d", d, m, y);
	else
		snprintf(date, len, "%04d-%02d-%02d", y, m, d);
}

void report_share_text(double share, char *s, size_t len)
{
	char number[16];
	snprintf(number, sizeof number, "%.0f", share * 100);
	snprintf(s, len, _("%s%%"), number);
}

bool report_flag_names(unsigned flags, struct buf *out)
{
	static const enum tally_flag all[] = { TALLY_FLAG_UNSURE,
		TALLY_FLAG_SPLIT, TALLY_FLAG_FEW };
	bool any = false;
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
		const char *name = tally_flag_name(all[i]);
		if (!(flags & all[i]) || !name || !*name)
			continue;
		buf_puts(out, any ? ", " : "");
		buf_puts(out, name);
		any = true;
	}
	return any;
}

size_t report_rank_order(const struct report *r, size_t *order, size_t max)
{
	size_t n = r->tally.nsheets;
	if (r->session.nsheets >= 0 && (size_t)r->session.nsheets < n)
		n = (size_t)r->session.nsheets;
	if (n > max)
		n = max;
	/* Insertion sort: a handful of sheets, and it keeps ties in order. */
	for (size_t i = 0; i < n; i++) {
		size_t j = i;
		while (j > 0 && r->tally.sheets[order[j - 1]].rank >
				r->tally.sheets[i].rank) {
			order[j] = order[j - 1];
			j--;
		}
		order[j] = i;
	}
	return n;
}

void report_score_text(const struct tally_sheet *t, char *s, size_t len)
{
	if (!t->has_score) {
		snprintf(s, len, "%s", "–");
		return;
	}
	/* A score that rounds to 0.0 is neither for nor against: no sign. */
	report_decimal(t->score, t->score >= 0.05, s, len);
}

/* The phrase for n ballots from one source ("3 on screen"). */
static void source_phrase(struct buf *out, enum ballot_source src, int n)
{
	switch (src) {
	case SOURCE_SCREEN: buf_printf(out, _("%d on screen"), n); break;
	case SOURCE_CLI: buf_printf(out, _("%d from the command line"), n); break;
	case SOURCE_PAPER: buf_printf(out, _("%d from paper"), n); break;
	case SOURCE_IMPORT: buf_printf(out, _("%d imported"), n); break;
	case SOURCE_PHONE: buf_printf(out, _("%d from phones"), n); break;
	default: buf_printf(out, "%d %s", n, source_key(src)); break;
	}
}

void report_sources_line(const struct report *r, struct buf *out)
{
	if (r->nparticipants == 0)
		return;
	buf_puts(out, _("Ballots:"));
	bool first = true;
	for (int i = 0; i < SOURCE_COUNT; i++) {
		if (r->sources[i] == 0)
			continue;
		buf_puts(out, first ? " " : ", ");
		source_phrase(out, (enum ballot_source)i, r->sources[i]);
		first = false;
	}
	buf_puts(out, ".");
}

void report_paper_line(const struct report *r, struct buf *out)
{
	if (r->npaper == 0)
		return;
	buf_puts(out, _("Column totals from paper (names unreadable, counted in the tally):"));
	for (size_t i = 0; i < r->npaper; i++) {
		const struct report_paper *p = &r->paper[i];
		buf_puts(out, i ? "; " : " ");
		buf_printf(out, P_("sheet %d: %d dot", "sheet %d: %d dots", p->total_dots),
			   p->sheet + 1, p->total_dots);
	}
	buf_puts(out, ".");
}
