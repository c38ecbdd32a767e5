/* report-json: the "tapla-session/1" JSON export (contract in report.h). */
#include <stdio.h>
#include <stdlib.h>

#include "tapla/report.h"
#include "tapla/text.h"

/* Appends the character starting at p (not ASCII) and returns its length
 * in bytes. JSON must be UTF-8: an invalid byte becomes U+FFFD; a C1
 * control is escaped so no terminal acts on it. */
static size_t json_non_ascii(struct buf *out, const unsigned char *p)
{
	size_t len;
	switch (report_utf8_char((const char *)p, &len)) {
	case REPORT_CHAR_INVALID: buf_puts(out, "\\ufffd"); break;
	case REPORT_CHAR_C1: buf_printf(out, "\\u%04x", p[1]); break;
	default: buf_append(out, (const char *)p, len); break;
	}
	return len;
}

/* Appends s as a JSON string literal, control characters escaped. */
static void json_string(struct buf *out, const char *s)
{
	buf_putc(out, '"');
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		switch (*p) {
		case '"': buf_puts(out, "\\\""); break;
		case '\\': buf_puts(out, "\\\\"); break;
		case '\n': buf_puts(out, "\\n"); break;
		case '\t': buf_puts(out, "\\t"); break;
		case '\r': buf_puts(out, "\\r"); break;
		default:
			if (*p >= 0x80)
				p += json_non_ascii(out, p) - 1;
			else if (*p < 0x20 || *p == 0x7f)
				buf_printf(out, "\\u%04x", *p);
			else
				buf_putc(out, (char)*p);
		}
	}
	buf_putc(out, '"');
}

/* An object of the six level keys mapped to counts. */
static void json_levels(struct buf *out, const int v[LEVEL_COUNT])
{
	buf_putc(out, '{');
	for (int l = 0; l < LEVEL_COUNT; l++) {
		buf_printf(out, "%s\"%s\": %d", l ? ", " : "", rules_level_key(l), v[l]);
	}
	buf_putc(out, '}');
}

/* A stored time as the contract promises it (ISO 8601 UTC to the second,
 * "2026-11-24T10:00:00Z"), or null when there is none or the database
 * holds something else (a file edited by hand). */
static void json_timestamp(struct buf *out, const char *s)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
	for (size_t i = 0; i < sizeof shape - 1; i++) {
		bool digit = s[i] >= '0' && s[i] <= '9';
		if (shape[i] == 'd' ? !digit : s[i] != shape[i]) {
			buf_puts(out, "null");
			return;
		}
	}
	if (s[sizeof shape - 1] != '\0') {
		buf_puts(out, "null");
		return;
	}
	json_string(out, s);
}

static void json_session(struct buf *out, const struct session *s)
{
	buf_printf(out, "  \"session\": {\"id\": %lld, \"uuid\": ", (long long)s->id);
	json_string(out, s->uuid);
	buf_puts(out, ", \"title\": ");
	json_string(out, s->title);
	buf_puts(out, ", \"template\": ");
	json_string(out, s->template_name);
	buf_puts(out, ", \"language\": ");
	json_string(out, s->language);
	buf_printf(out, ", \"budget\": %d, \"mode\": \"%s\", \"anonymous\": %s, \"created\": ",
		   s->budget, rules_mode_key(s->mode), s->anonymous ? "true" : "false");
	json_timestamp(out, s->created);
	buf_puts(out, ", \"closed\": ");
	json_timestamp(out, s->closed);
	buf_printf(out, ", \"shuffle\": %s, \"demo\": %s",
		   s->shuffle ? "true" : "false", s->demo ? "true" : "false");
	buf_puts(out, "},\n");
}

/* The signature list of one sheet: names, or nothing when anonymous. */
static void json_signatures(struct buf *out, const struct report *r,
			    const struct report_options *o, int sheet)
{
	buf_putc(out, '[');
	if (!r->session.anonymous && !o->no_names) {
		size_t n;
		int *seqs;
		if (!report_signers(r, sheet, &seqs, &n)) {
			out->failed = true;
			return;
		}
		for (size_t i = 0; i < n; i++) {
			const struct report_participant *p = report_participant(r, seqs[i]);
			if (i)
				buf_puts(out, ", ");
			json_string(out, p && p->name ? p->name : "");
		}
		free(seqs);
	}
	buf_putc(out, ']');
}

static void json_swot(struct buf *out, const struct report *r, int sheet)
{
	buf_putc(out, '{');
	for (int q = 0; q < QUAD_COUNT; q++) {
		buf_printf(out, "%s\"%c\": [", q ? ", " : "", rules_quadrant_letter(q));
		bool first = true;
		for (size_t i = 0; i < r->nnotes; i++) {
			const struct report_note *n = &r->notes[i];
			if (n->sheet != sheet || (int)n->quadrant != q)
				continue;
			if (!first)
				buf_puts(out, ", ");
			json_string(out, n->text);
			first = false;
		}
		buf_putc(out, ']');
	}
	buf_putc(out, '}');
}

static void json_sheet(struct buf *out, const struct report *r,
		       const struct report_options *o, int i)
{
	const struct tpl_sheet *sh = &r->sheets[i];
	const struct tally_sheet *t = &r->tally.sheets[i];
	buf_printf(out, "    {\"number\": %d, \"title\": ", i + 1);
	json_string(out, sh->short_name);
	buf_puts(out, ", \"statement\": ");
	json_string(out, sh->statement);
	buf_puts(out, ",\n     \"dots\": ");
	json_levels(out, t->dots);
	buf_puts(out, ",\n     \"people\": ");
	json_levels(out, t->people);
	buf_printf(out, ",\n     \"total_dots\": %d, \"total_people\": %d, \"share\": %.4f, "
		   "\"agreement_score\": ", t->total_dots, t->total_people, t->share);
	if (t->has_score)
		buf_printf(out, "%.2f", t->score);
	else
		buf_puts(out, "null");
	buf_printf(out, ", \"rank\": %d, \"flags\": [", t->rank);
	bool first = true;
	for (unsigned f = 1; f <= TALLY_FLAG_FEW; f <<= 1) {
		if (!(t->flags & f))
			continue;
		buf_puts(out, first ? "\"" : ", \"");
		buf_puts(out, f == TALLY_FLAG_UNSURE ? "unsure" :
			      f == TALLY_FLAG_SPLIT ? "split" : "few");
		buf_putc(out, '"');
		first = false;
	}
	buf_puts(out, "],\n     \"signatures\": ");
	json_signatures(out, r, o, i);
	buf_puts(out, ",\n     \"swot\": ");
	json_swot(out, r, i);
	buf_putc(out, '}');
}

/* A ballot cell's source and the position its sheet was shown at. */
static void json_provenance(struct buf *out, const struct report *r,
			    const struct report_ballot *b)
{
	const struct report_participant *p = report_participant(r, b->participant);
	int at = report_ballot_position(r, b);
	buf_printf(out, ", \"source\": \"%s\", \"position\": ",
		   source_key(p ? p->source : SOURCE_CLI));
	if (at > 0)
		buf_printf(out, "%d", at);
	else
		buf_puts(out, "null");
}

/* Ballots by source: {"screen": n, "cli": n, "paper": n, "import": n}. */
static void json_sources(struct buf *out, const struct report *r)
{
	buf_puts(out, "  \"sources\": {");
	for (int i = 0; i < SOURCE_COUNT; i++)
		buf_printf(out, "%s\"%s\": %d", i ? ", " : "",
			   source_key((enum ballot_source)i), r->sources[i]);
	buf_puts(out, "},\n");
}

/* Dots by the position a sheet was shown at (empty when no order was
 * recorded), to set beside the dots by sheet. */
static void json_positions(struct buf *out, const struct report *r)
{
	struct report_position pos[RULES_MAX_SHEETS];
	buf_puts(out, "  \"positions\": [");
	if (report_positions(r, pos, NULL) > 0)
		for (int i = 0; i < r->session.nsheets && i < RULES_MAX_SHEETS; i++)
			buf_printf(out, "%s{\"position\": %d, \"dots\": %d, \"people\": %d}",
				   i ? ", " : "", i + 1, pos[i].dots, pos[i].people);
	buf_puts(out, "],\n");
}

/* The column totals of paper sheets whose names could not be read. */
static void json_paper(struct buf *out, const struct report *r)
{
	buf_puts(out, "  \"paper_totals\": [");
	for (size_t i = 0; i < r->npaper; i++) {
		const struct report_paper *p = &r->paper[i];
		buf_printf(out, "%s\n    {\"sheet\": %d, \"total_dots\": %d, \"total_people\": %d, \"dots\": ",
			   i ? "," : "", p->sheet + 1, p->total_dots, p->total_people);
		json_levels(out, p->dots);
		buf_puts(out, ", \"people\": ");
		json_levels(out, p->people);
		buf_putc(out, '}');
	}
	buf_puts(out, r->npaper ? "\n  ],\n" : "],\n");
}

static void json_ballots(struct buf *out, const struct report *r,
			 const struct report_options *o)
{
	buf_puts(out, "  \"ballots\": [");
	for (size_t i = 0; i < r->nballots; i++) {
		const struct report_ballot *b = &r->ballots[i];
		buf_printf(out, "%s\n    {\"participant\": %d, ", i ? "," : "", b->participant);
		const struct report_participant *p = report_participant(r, b->participant);
		if (p && p->name && !o->no_names && !r->session.anonymous) {
			buf_puts(out, "\"name\": ");
			json_string(out, p->name);
			buf_puts(out, ", ");
		}
		buf_printf(out, "\"sheet\": %d, \"level\": \"%s\", \"dots\": %d",
			   b->sheet + 1, rules_level_key(b->level), b->dots);
		json_provenance(out, r, b);
		buf_putc(out, '}');
	}
	buf_puts(out, r->nballots ? "\n  ]\n" : "]\n");
}

bool report_json(const struct report *r, const struct report_options *o,
		 struct buf *out)
{
	static const struct report_options defaults = { 0 };
	if (!o)
		o = &defaults;
	buf_puts(out, "{\n  \"format\": \"tapla-session/1\",\n");
	json_session(out, &r->session);
	buf_puts(out, "  \"levels\": [");
	for (int l = 0; l < LEVEL_COUNT; l++)
		buf_printf(out, "%s\"%s\"", l ? ", " : "", rules_level_key(l));
	buf_printf(out, "],\n  \"participants\": %zu,\n  \"total_dots\": %d,\n  \"sheets\": [\n",
		   r->nparticipants, r->tally.total_dots);
	for (int i = 0; i < r->session.nsheets && (size_t)i < r->tally.nsheets; i++) {
		json_sheet(out, r, o, i);
		buf_puts(out, i + 1 < r->session.nsheets ? ",\n" : "\n");
	}
	buf_puts(out, "  ],\n");
	json_sources(out, r);
	json_positions(out, r);
	json_paper(out, r);
	json_ballots(out, r, o);
	buf_puts(out, "}\n");
	return !out->failed;
}
