/* report-json: the "tapla-session/1" JSON export (contract in report.h). */
#include <stdio.h>
#include <stdlib.h>

#include "tapla/groups.h"
#include "tapla/report.h"
#include "tapla/rounds.h"
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

/* Appends a member of an object: `key` (its separator, name and colon as
 * JSON text) and s as a string. */
static void json_member(struct buf *out, const char *key, const char *s)
{
	buf_puts(out, key);
	json_string(out, s);
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

/* The session's round, the previous round's uuid and its groups. */
static void json_session_rounds(struct buf *out, const struct session *s)
{
	buf_printf(out, ", \"round\": %d, \"after\": ", s->round > 1 ? s->round : 1);
	if (s->after[0])
		json_string(out, s->after);
	else
		buf_puts(out, "null");
	buf_puts(out, ", \"groups\": [");
	char name[GROUPS_NAME_MAX * 4 + 1];
	for (size_t i = 0; groups_name(s->groups, i, name, sizeof name); i++) {
		if (i)
			buf_puts(out, ", ");
		json_string(out, name);
	}
	buf_printf(out, "], \"group_min\": %d",
		   s->group_min > GROUPS_MIN_SIZE ? s->group_min : GROUPS_MIN_SIZE);
}

static void json_session(struct buf *out, const struct session *s)
{
	buf_printf(out, "  \"session\": {\"id\": %lld", (long long)s->id);
	json_member(out, ", \"uuid\": ", s->uuid);
	json_member(out, ", \"title\": ", s->title);
	json_member(out, ", \"template\": ", s->template_name);
	json_member(out, ", \"language\": ", s->language);
	buf_printf(out, ", \"budget\": %d, \"mode\": \"%s\", \"anonymous\": %s, \"created\": ",
		   s->budget, rules_mode_key(s->mode), s->anonymous ? "true" : "false");
	json_timestamp(out, s->created);
	buf_puts(out, ", \"closed\": ");
	json_timestamp(out, s->closed);
	buf_printf(out, ", \"shuffle\": %s, \"demo\": %s",
		   s->shuffle ? "true" : "false", s->demo ? "true" : "false");
	json_session_rounds(out, s);
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
	/* In the paper's order S, O, W, T, as everywhere else in tapla. */
	for (int k = 0; k < QUAD_COUNT; k++) {
		enum quadrant q = rules_quadrant_order[k];
		buf_printf(out, "%s\"%c\": [", k ? ", " : "", rules_quadrant_letter(q));
		bool first = true;
		for (size_t i = 0; i < r->nnotes; i++) {
			const struct report_note *n = &r->notes[i];
			if (n->sheet != sheet || n->quadrant != q)
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
	buf_printf(out, "    {\"number\": %d", i + 1);
	json_member(out, ", \"title\": ", sh->short_name);
	json_member(out, ", \"statement\": ", sh->statement);
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

/* Ballots by source: {"screen": n, "cli": n, "paper": n, "import": n,
 * "phone": n}. */
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

/* A ballot cell's group: null without one, and null too for a group
 * not shown apart when the export has no names (anonymous or --no-names),
 * so that a small group cannot be read person by person. */
static void json_ballot_group(struct buf *out, const struct report *r,
			      const struct report_options *o,
			      const struct groups_tally *g,
			      const struct report_participant *p)
{
	buf_puts(out, ", \"group\": ");
	bool hide = (o->no_names || r->session.anonymous) &&
		    !groups_shown(g, p ? p->group : NULL);
	if (p && p->group && !hide)
		json_string(out, p->group);
	else
		buf_puts(out, "null");
}

/* One round's or group's counts of a sheet: dots, people, totals, share
 * and agreement score, as the sheets list has them. */
static void json_counts(struct buf *out, const int dots[LEVEL_COUNT],
			const int people[LEVEL_COUNT], int total_dots,
			int total_people, double share, bool has_score,
			double score)
{
	buf_puts(out, "{\"dots\": ");
	json_levels(out, dots);
	buf_puts(out, ", \"people\": ");
	json_levels(out, people);
	buf_printf(out, ", \"total_dots\": %d, \"total_people\": %d, \"share\": %.4f, \"agreement_score\": ",
		   total_dots, total_people, share);
	if (has_score)
		buf_printf(out, "%.2f", score);
	else
		buf_puts(out, "null");
	buf_putc(out, '}');
}

/* Who moved since the previous round (null in round 1 or when that round
 * is not in this database). */
static void json_shift(struct buf *out, const struct report *r)
{
	struct rounds_shift sh;
	buf_puts(out, "  \"shift\": ");
	if (!r->previous) {
		buf_puts(out, "null,\n");
		return;
	}
	if (!rounds_shift(r->previous, r, &sh)) {
		out->failed = true;
		return;
	}
	buf_printf(out, "{\"from_round\": %d, \"matched\": %s, \"in_both_rounds\": ",
		   sh.round[ROUNDS_THEN], sh.matched ? "true" : "false");
	if (sh.matched)
		buf_printf(out, "%d", sh.both);
	else
		buf_puts(out, "null");
	buf_puts(out, ", \"sheets\": [");
	for (size_t i = 0; i < sh.nsheets; i++) {
		const struct rounds_sheet *s = &sh.sheets[i];
		buf_printf(out, "%s\n    {\"number\": %zu", i ? "," : "", i + 1);
		for (int w = ROUNDS_THEN; w <= ROUNDS_NOW; w++) {
			buf_puts(out, w == ROUNDS_THEN ? ",\n     \"then\": " : ",\n     \"now\": ");
			json_counts(out, s->dots[w], s->people[w], s->total_dots[w],
				    s->total_people[w], s->share[w], s->has_score[w],
				    s->score[w]);
		}
		if (sh.matched)
			buf_printf(out, ",\n     \"towards_agreement\": %d, \"towards_disagreement\": %d, \"stayed\": %d, \"not_comparable\": %d}",
				   s->towards_agreement, s->towards_disagreement,
				   s->stayed, s->not_comparable);
		else
			buf_putc(out, '}');
	}
	buf_puts(out, sh.nsheets ? "\n  ]},\n" : "]},\n");
}

/* One group's results: its counts per sheet when it is shown apart. */
static void json_group(struct buf *out, const struct groups_result *g,
		       size_t nsheets)
{
	json_member(out, "\n    {\"group\": ", g->name);
	buf_printf(out, ", \"shown\": %s", g->shown ? "true" : "false");
	if (!g->shown) {
		buf_putc(out, '}');
		return;
	}
	buf_printf(out, ", \"participants\": %d, \"total_dots\": %d, \"sheets\": [",
		   g->people, g->tally.total_dots);
	for (size_t i = 0; i < nsheets && i < g->tally.nsheets; i++) {
		const struct tally_sheet *t = &g->tally.sheets[i];
		buf_printf(out, "%s\n      {\"number\": %zu, \"counts\": ", i ? "," : "", i + 1);
		json_counts(out, t->dots, t->people, t->total_dots, t->total_people,
			    t->share, t->has_score, t->score);
		buf_putc(out, '}');
	}
	buf_puts(out, "]}");
}

/* Results per group beside the whole room (empty without groups). A
 * group not shown apart carries its name only. */
static void json_groups(struct buf *out, const struct report *r,
			const struct groups_tally *g)
{
	buf_printf(out, "  \"group_results\": {\"group_min\": %d, \"without_group\": %d, \"groups\": [",
		   g->group_min, g->ungrouped);
	for (size_t i = 0; i < g->ngroups; i++) {
		if (i)
			buf_putc(out, ',');
		json_group(out, &g->groups[i], (size_t)r->session.nsheets);
	}
	buf_puts(out, g->ngroups ? "\n  ]},\n" : "]},\n");
}

static void json_ballots(struct buf *out, const struct report *r,
			 const struct report_options *o,
			 const struct groups_tally *g)
{
	buf_puts(out, "  \"ballots\": [");
	for (size_t i = 0; i < r->nballots; i++) {
		const struct report_ballot *b = &r->ballots[i];
		buf_printf(out, "%s\n    {\"participant\": %d, ", i ? "," : "", b->participant);
		const struct report_participant *p = report_participant(r, b->participant);
		if (p && p->name && !o->no_names && !r->session.anonymous) {
			json_member(out, "\"name\": ", p->name);
			buf_puts(out, ", ");
		}
		buf_printf(out, "\"sheet\": %d, \"level\": \"%s\", \"dots\": %d",
			   b->sheet + 1, rules_level_key(b->level), b->dots);
		json_provenance(out, r, b);
		json_ballot_group(out, r, o, g, p);
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
	struct groups_tally g;
	if (!groups_tally(r, &g))
		return false;
	json_shift(out, r);
	json_groups(out, r, &g);
	json_ballots(out, r, o, &g);
	groups_tally_free(&g);
	buf_puts(out, "}\n");
	return !out->failed;
}
