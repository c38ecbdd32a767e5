/* report-doc: what the document writers (Markdown, HTML, paper sheets)
 * share: the walk through the sections, the sentences they say alike,
 * escaping, the session's language, dates and numbers. */
#include "tapla/report-doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tapla/groups.h"
#include "tapla/i18n.h"
#include "tapla/report.h"
#include "tapla/rounds.h"

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

void report_html_wrap(struct buf *out, const char *open, const char *s,
		      const char *close)
{
	buf_puts(out, open);
	report_html_escape(out, s);
	buf_puts(out, close);
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

void report_put_text(struct buf *out,
		     void (*put)(struct buf *out, const char *s),
		     struct buf *text)
{
	put(out, buf_str(text));
	out->failed |= text->failed;
	buf_free(text);
}

void report_put_said(const struct report *r,
		     void (*say)(const struct report *r, struct buf *out),
		     void (*put)(struct buf *out, const char *s),
		     const char *before, const char *after, struct buf *out)
{
	struct buf line = { 0 };
	say(r, &line);
	bool any = line.len > 0;
	if (any)
		buf_puts(out, before);
	report_put_text(out, put, &line);
	if (any)
		buf_puts(out, after);
}

void report_sheet_figures(const struct report_markup *m,
			  const struct tally_sheet *t, struct buf *out)
{
	char share[16], score[16];
	struct buf text = { 0 };
	report_share_text(t->share, share, sizeof share);
	buf_printf(&text, _("Share of all dots: %s"), share);
	report_put_text(out, m->put, &text);
	buf_puts(out, " · ");
	if (t->has_score) {
		report_score_text(t, score, sizeof score);
		buf_printf(&text, _("Agreement score: %s"), score);
		buf_puts(out, m->score_open);
		report_put_text(out, m->put, &text);
		buf_puts(out, m->score_close);
	} else {
		m->put(out, _("Agreement score: none"));
	}
	bool flags = report_flag_names(t->flags, &text);
	if (flags) {
		buf_puts(out, " · ");
		m->put(out, _("Flags:"));
		buf_puts(out, m->flags_open);
	}
	report_put_text(out, m->put, &text);
	if (flags)
		buf_puts(out, m->flags_close);
}

void report_put_signatures(const struct report *r,
			   const struct report_options *o, size_t sheet,
			   void (*put)(struct buf *out, const char *s),
			   const char *before, const char *after,
			   struct buf *out)
{
	struct buf line = { 0 };
	report_signature_line(r, o, sheet, &line);
	buf_puts(out, before);
	report_put_text(out, put, &line);
	buf_puts(out, after);
}

void report_method_text(const struct report *r, struct buf *out)
{
	if (r->session.mode == MODE_CLASSIC)
		buf_puts(out, _("Dot voting on idea rating sheets (dotmocracy.org): each participant placed at most one dot on each sheet, in one of six columns from strongly agree to strongly disagree, or don't know."));
	else
		buf_printf(out, P_("Dot voting on idea rating sheets (dotmocracy.org): each participant spread %d dot over the sheets, in one of six columns from strongly agree to strongly disagree, or don't know.",
			      "Dot voting on idea rating sheets (dotmocracy.org): each participant spread %d dots over the sheets, as many on one sheet as they wished, each dot in one of six columns from strongly agree to strongly disagree, or don't know.",
			      r->session.budget),
			   r->session.budget);
	buf_putc(out, ' ');
	buf_puts(out, _("Agreement score = (10 × strongly agree + 5 × partly agree − 5 × partly disagree − 10 × strongly disagree) ÷ dots in the first five columns, from −10 to +10; don't know is left out."));
}

void report_counts_text(const struct report *r, struct buf *out)
{
	buf_printf(out, P_("%zu participant", "%zu participants",
			   r->nparticipants), r->nparticipants);
	buf_puts(out, " · ");
	buf_printf(out, P_("%d sheet", "%d sheets", r->session.nsheets),
		   r->session.nsheets);
}

void report_score_of(bool has, double score, char *s, size_t n)
{
	struct tally_sheet t = { .has_score = has, .score = score };
	report_score_text(&t, s, n);
}

void report_shift_figures_text(const struct rounds_shift *sh, size_t i,
			       struct buf *out)
{
	const struct rounds_sheet *s = &sh->sheets[i];
	char a[16], b[16], sa[16], sb[16];
	report_share_text(s->share[ROUNDS_THEN], sa, sizeof sa);
	report_share_text(s->share[ROUNDS_NOW], sb, sizeof sb);
	report_score_of(s->has_score[ROUNDS_THEN], s->score[ROUNDS_THEN], a,
			sizeof a);
	report_score_of(s->has_score[ROUNDS_NOW], s->score[ROUNDS_NOW], b,
			sizeof b);
	buf_printf(out, _("Share of all dots: %s → %s"), sa, sb);
	buf_puts(out, " · ");
	buf_printf(out, _("Agreement score: %s → %s"), a, b);
	if (sh->matched) {
		buf_puts(out, " · ");
		rounds_shift_movers(sh, i, out);
	}
}

void report_level_row(const struct report_markup *m, struct buf *out,
		      const char *label, const int v[LEVEL_COUNT], int total,
		      const char *last)
{
	buf_puts(out, m->label_open);
	m->put(out, label);
	buf_puts(out, m->label_close);
	for (int l = 0; l < LEVEL_COUNT; l++)
		buf_printf(out, m->number, v[l]);
	buf_printf(out, m->number, total);
	if (last)
		buf_printf(out, m->text, last);
	buf_puts(out, m->row_end);
}

void report_group_row(const struct report_markup *m, struct buf *out,
		      const char *label, const struct tally_sheet *t)
{
	char score[16];
	report_score_of(t->has_score, t->score, score, sizeof score);
	report_level_row(m, out, label, t->dots, t->total_dots, score);
}

void report_shift_rows(const struct rounds_shift *sh, size_t i,
		       void (*row)(struct buf *out, const char *label,
				   const int v[LEVEL_COUNT], int total),
		       struct buf *out)
{
	const struct rounds_sheet *s = &sh->sheets[i];
	char label[64];
	for (int k = 0; k < 2; k++)
		for (int w = ROUNDS_THEN; w <= ROUNDS_NOW; w++) {
			rounds_row_label(sh, k, w, label, sizeof label);
			row(out, label, k ? s->people[w] : s->dots[w],
			    k ? s->total_people[w] : s->total_dots[w]);
		}
}

/* Who moved since the previous round, when it is in this database. */
static void doc_shift(const struct report *r, const struct report_doc_ops *ops,
		      struct buf *out)
{
	struct rounds_shift sh;
	if (!ops->shift_head || !rounds_shift_to_write(r, &sh, out))
		return;
	ops->shift_head(&sh, out);
	for (size_t i = 0; i < sh.nsheets && i < (size_t)r->session.nsheets; i++)
		ops->shift_sheet(r, &sh, i, out);
	buf_puts(out, ops->section_end ? ops->section_end : "");
}

/* Results per group beside the whole room's, sheet by sheet. */
static void doc_groups(const struct report *r, const struct report_doc_ops *ops,
		       struct buf *out)
{
	struct groups_tally g;
	if (!ops->groups_head || !groups_tally_to_write(r, &g, out))
		return;
	ops->groups_head(&g, out);
	for (size_t i = 0; (size_t)g.hidden < g.ngroups && i < r->tally.nsheets &&
			   i < (size_t)r->session.nsheets; i++)
		ops->groups_sheet(r, &g, i, out);
	buf_puts(out, ops->section_end ? ops->section_end : "");
	groups_tally_free(&g);
}

bool report_doc_write(const struct report *r, const struct report_options *o,
		      const struct report_doc_ops *ops, struct buf *out)
{
	struct report_options none = { 0 };
	struct report_lang lang;
	if (!o)
		o = &none;
	report_lang_enter(&lang, r);
	ops->head(r, out);
	ops->method(r, out);
	for (size_t i = 0; i < (size_t)r->session.nsheets; i++)
		ops->sheet(r, o, i, out);
	doc_shift(r, ops, out);
	doc_groups(r, ops, out);
	ops->ranking(r, out);
	if (ops->foot)
		ops->foot(out);
	report_lang_leave(&lang);
	return !out->failed;
}
