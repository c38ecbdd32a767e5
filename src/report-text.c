/* report-text: the tally as plain text for a terminal (`tapla tally`). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tapla/groups.h"
#include "tapla/i18n.h"
#include "tapla/report.h"
#include "tapla/report-doc.h"
#include "tapla/rounds.h"
#include "tapla/text.h"

#define LABEL_COLS 14
#define CELL_COLS 6

/* Appends s padded with spaces (or cropped) to exactly `cols` columns. */
static void put_padded(struct buf *out, const char *s, size_t cols, bool right)
{
	size_t w;
	size_t bytes = text_fit(s, cols, &w);
	if (right)
		for (size_t i = w; i < cols; i++)
			buf_putc(out, ' ');
	buf_append(out, s, bytes);
	if (!right)
		for (size_t i = w; i < cols; i++)
			buf_putc(out, ' ');
}

/* Appends s word-wrapped to `width`, each line indented by `indent`. */
static void put_wrapped(struct buf *out, const char *s, size_t width, size_t indent)
{
	size_t starts[64], lens[64];
	size_t cols = width > indent + 10 ? width - indent : 10;
	size_t n = text_wrap(s, cols, starts, lens, 64);
	for (size_t i = 0; i < n && i < 64; i++) {
		for (size_t k = 0; k < indent; k++)
			buf_putc(out, ' ');
		buf_append(out, s + starts[i], lens[i]);
		buf_putc(out, '\n');
	}
}

/* Appends text word-wrapped as put_wrapped does, carries its failure over
 * to out and frees it. */
static void put_wrapped_text(struct buf *out, struct buf *text, size_t width,
			     size_t indent)
{
	if (text->failed)
		out->failed = true;
	else
		put_wrapped(out, buf_str(text), width, indent);
	buf_free(text);
}

/* One row of a table `cols` wide for its labels: a label and a number per
 * column, and the total. */
static void put_row_w(struct buf *out, const char *label, size_t cols,
		      const int v[LEVEL_COUNT], int total)
{
	char num[16];
	buf_puts(out, "  ");
	put_padded(out, label, cols, false);
	for (int l = 0; l < LEVEL_COUNT; l++) {
		snprintf(num, sizeof num, "%d", v[l]);
		put_padded(out, num, CELL_COLS, true);
	}
	snprintf(num, sizeof num, "%d", total);
	put_padded(out, num, CELL_COLS + 2, true);
	buf_putc(out, '\n');
}

/* One row of the totals table: a label and a number per column. */
static void put_row(struct buf *out, const char *label, const int v[LEVEL_COUNT],
		    int total)
{
	put_row_w(out, label, LABEL_COLS, v, total);
}

static void put_sheet(struct buf *out, const struct report *r, int i, size_t width)
{
	const struct tally_sheet *t = &r->tally.sheets[i];
	char head[512], num[32], score[32];
	snprintf(head, sizeof head, _("Sheet %d: %s"), i + 1, r->sheets[i].short_name);
	buf_puts(out, head);
	snprintf(num, sizeof num, _("rank %d"), t->rank);
	size_t used = text_width(head), w = text_width(num);
	for (size_t k = used; k + w + 1 < width; k++)
		buf_putc(out, ' ');
	buf_printf(out, " %s\n", num);
	put_wrapped(out, r->sheets[i].statement, width, 2);
	buf_puts(out, "  ");
	put_padded(out, "", LABEL_COLS, false);
	for (int l = 0; l < LEVEL_COUNT; l++)
		put_padded(out, rules_level_symbol(l), CELL_COLS, true);
	/* The row's sum: "Total" ("Yht.") is the paper's row of column totals. */
	put_padded(out, _("All"), CELL_COLS + 2, true);
	buf_putc(out, '\n');
	put_row(out, _("Dots"), t->dots, t->total_dots);
	put_row(out, _("People"), t->people, t->total_people);
	report_decimal(100.0 * t->share, false, num, sizeof num);
	if (t->has_score)
		report_decimal(t->score, true, score, sizeof score);
	else
		snprintf(score, sizeof score, "%s", _("none"));
	buf_printf(out, _("  Share of all dots %s %%, agreement score %s"), num, score);
	buf_putc(out, '\n');
	for (unsigned f = 1; f <= TALLY_FLAG_FEW; f <<= 1)
		if (t->flags & f)
			buf_printf(out, "  ! %s\n", tally_flag_name(f));
	buf_putc(out, '\n');
}

/* The sheets from the first rank down. */
static void put_ranking(struct buf *out, const struct report *r)
{
	buf_printf(out, "%s\n", _("Ranking (by dots, then agreement score):"));
	for (int rank = 1; rank <= (int)r->tally.nsheets; rank++) {
		for (size_t i = 0; i < r->tally.nsheets; i++) {
			const struct tally_sheet *t = &r->tally.sheets[i];
			if (t->rank != rank)
				continue;
			char score[32];
			if (t->has_score)
				report_decimal(t->score, true, score, sizeof score);
			else
				snprintf(score, sizeof score, "%s", _("none"));
			buf_printf(out, P_("  %d. %s: %d dot, score %s\n",
					   "  %d. %s: %d dots, score %s\n", t->total_dots),
				   rank, r->sheets[i].short_name, t->total_dots, score);
		}
	}
}

/* The column symbols and names, packed on lines without splitting an item,
 * and the agreement score's formula; `score_column`: the group tables
 * below head their narrow score column with the short form, which the
 * legend then names. */
static void put_legend(struct buf *out, size_t width, bool score_column)
{
	size_t used = 0;
	for (int l = 0; l < LEVEL_COUNT; l++) {
		char item[128];
		const char *sym = rules_level_symbol(l), *name = rules_level_name(l);
		/* "? En osaa sanoa" carries its symbol already. */
		if (strncmp(name, sym, strlen(sym)) == 0)
			snprintf(item, sizeof item, "%s", name);
		else
			snprintf(item, sizeof item, "%s %s", sym, name);
		size_t w = text_width(item);
		if (used && used + 3 + w > width) {
			buf_putc(out, '\n');
			used = 0;
		}
		buf_printf(out, "%s%s", used ? "   " : "", item);
		used += (used ? 3 : 0) + w;
	}
	buf_putc(out, '\n');
	put_wrapped(out, score_column ?
		    _("Agreement score (“Score” in the tables below): (10·agree + 5·partly agree − 5·partly disagree − 10·disagree) / all dots but “don't know”; from −10 to +10.") :
		    _("Agreement score: (10·agree + 5·partly agree − 5·partly disagree − 10·disagree) / all dots but “don't know”; from −10 to +10."),
		    width, 0);
	buf_putc(out, '\n');
}

/* "Ballots: 3 on screen, 2 from paper." on a line of its own. */
static void put_sources(struct buf *out, const struct report *r, size_t width)
{
	struct buf line = { 0 };
	report_sources_line(r, &line);
	put_wrapped_text(out, &line, width, 0);
}

/* The paper sheets entered as column totals, whose names were unreadable. */
static void put_paper(struct buf *out, const struct report *r, size_t width)
{
	struct buf line = { 0 };
	report_paper_line(r, &line);
	put_wrapped_text(out, &line, width, 0);
}

/* One row of the order table: a label and a number per sheet or position. */
static void put_order_row(struct buf *out, const char *label, const int *v,
			  int n)
{
	char num[16];
	buf_puts(out, "  ");
	put_padded(out, label, LABEL_COLS, false);
	for (int i = 0; i < n; i++) {
		snprintf(num, sizeof num, "%d", v[i]);
		put_padded(out, num, CELL_COLS, true);
	}
	buf_putc(out, '\n');
}

/* Dots by the position a sheet was shown at, beside dots by sheet over
 * the same ballots: fewer dots at the later positions would mean the order
 * mattered. */
static void put_positions(struct buf *out, const struct report *r,
			  size_t width)
{
	struct report_position pos[RULES_MAX_SHEETS], sheet[RULES_MAX_SHEETS];
	int ordered = report_positions(r, pos, sheet);
	if (ordered == 0)
		return;
	int n = r->session.nsheets < RULES_MAX_SHEETS ? r->session.nsheets
						       : RULES_MAX_SHEETS;
	int head[RULES_MAX_SHEETS], by_pos[RULES_MAX_SHEETS], by_sheet[RULES_MAX_SHEETS];
	for (int i = 0; i < n; i++) {
		head[i] = i + 1;
		by_pos[i] = pos[i].dots;
		by_sheet[i] = sheet[i].dots;
	}
	buf_printf(out, P_("Order effects: %d participant saw the sheets in a recorded order.\n",
			   "Order effects: %d participants saw the sheets in a recorded order.\n",
			   ordered), ordered);
	put_order_row(out, "", head, n);
	put_order_row(out, _("By position"), by_pos, n);
	put_order_row(out, _("By sheet"), by_sheet, n);
	put_wrapped(out, _("Dots at position 1 were on the sheet each person was shown first; both rows count the same ballots."),
		    width, 2);
	buf_putc(out, '\n');
}

/* Label widths of the rounds' and the groups' tables: "People, round 2",
 * "luottamushenkilöt (12)". */
#define SHIFT_LABEL_COLS 18
#define GROUP_LABEL_COLS 22

/* The header row of a table of the six columns, a total and maybe a
 * score, `cols` wide for its labels. */
static void put_level_head(struct buf *out, size_t cols, bool score)
{
	buf_puts(out, "  ");
	put_padded(out, "", cols, false);
	for (int l = 0; l < LEVEL_COUNT; l++)
		put_padded(out, rules_level_symbol(l), CELL_COLS, true);
	/* The row's sum: "Total" ("Yht.") is the paper's row of column totals. */
	put_padded(out, _("All"), CELL_COLS + 2, true);
	if (score)
		put_padded(out, _("Score"), CELL_COLS + 4, true);
	buf_putc(out, '\n');
}

/* A score with one decimal and its sign, or "none". */
static void score_text(bool has, double score, char *s, size_t n)
{
	if (has)
		report_decimal(score, true, s, n);
	else
		snprintf(s, n, "%s", _("none"));
}

/* One row of the then-and-now table. */
static void put_shift_row(struct buf *out, const char *label,
			  const int v[LEVEL_COUNT], int total)
{
	put_row_w(out, label, SHIFT_LABEL_COLS, v, total);
}

/* One sheet's change since the previous round. */
static void put_shift_sheet(struct buf *out, const struct report *r,
			    const struct rounds_shift *sh, size_t i,
			    size_t width)
{
	const struct rounds_sheet *s = &sh->sheets[i];
	char then_share[32], now_share[32], a[32], b[32];
	buf_printf(out, _("Sheet %d: %s"), (int)i + 1, r->sheets[i].short_name);
	buf_putc(out, '\n');
	put_level_head(out, SHIFT_LABEL_COLS, false);
	report_shift_rows(sh, i, put_shift_row, out);
	report_decimal(100.0 * s->share[ROUNDS_THEN], false, then_share, sizeof then_share);
	report_decimal(100.0 * s->share[ROUNDS_NOW], false, now_share, sizeof now_share);
	score_text(s->has_score[ROUNDS_THEN], s->score[ROUNDS_THEN], a, sizeof a);
	score_text(s->has_score[ROUNDS_NOW], s->score[ROUNDS_NOW], b, sizeof b);
	buf_printf(out, _("  Share %s %% -> %s %%, agreement score %s -> %s"),
		   then_share, now_share, a, b);
	buf_putc(out, '\n');
	if (sh->matched) {
		struct buf line = { 0 };
		rounds_shift_movers(sh, i, &line);
		put_wrapped_text(out, &line, width, 2);
	}
	buf_putc(out, '\n');
}

/* Who moved since the previous round, when it is in this database. */
static void put_shift(struct buf *out, const struct report *r, size_t width)
{
	struct rounds_shift sh;
	if (!rounds_shift_to_write(r, &sh, out))
		return;
	buf_printf(out, _("Who moved since round %d"), sh.round[ROUNDS_THEN]);
	buf_putc(out, '\n');
	struct buf line = { 0 };
	rounds_shift_intro(&sh, &line);
	put_wrapped_text(out, &line, width, 0);
	buf_putc(out, '\n');
	for (size_t i = 0; i < sh.nsheets && i < (size_t)r->session.nsheets; i++)
		put_shift_sheet(out, r, &sh, i, width);
}

/* One row of a group table: dots per column, total and score. */
static void put_group_row(struct buf *out, const char *label,
			  const struct tally_sheet *t)
{
	char num[32];
	put_row_w(out, label, GROUP_LABEL_COLS, t->dots, t->total_dots);
	out->len--;  /* the row's newline: the score follows on the line */
	/* The cell is too narrow for "none" in every language: a dash. */
	if (t->has_score)
		report_decimal(t->score, true, num, sizeof num);
	else
		snprintf(num, sizeof num, "%s", "–");
	put_padded(out, num, CELL_COLS + 4, true);
	buf_putc(out, '\n');
}

/* A group's name with no control character that could reach a terminal. */
static void put_clean_name(struct buf *out, const char *name)
{
	char *clean = text_sanitize(name);
	buf_puts(out, clean ? clean : "");
	free(clean);
}

/* The groups not shown apart, named in one sentence. */
static void put_hidden_groups(struct buf *out, const struct groups_tally *g,
			      size_t width)
{
	struct buf line = { 0 };
	groups_note(g, put_clean_name, &line);
	put_wrapped_text(out, &line, width, 0);
	buf_putc(out, '\n');
}

/* Whether any group is shown apart: then each sheet gets a group table. */
static bool group_tables(const struct groups_tally *g)
{
	return (size_t)g->hidden < g->ngroups;
}

/* Results per group beside the whole room's, sheet by sheet. */
static void put_groups(struct buf *out, const struct report *r,
		       const struct groups_tally *g, size_t width)
{
	buf_printf(out, "%s\n", _("Results by group"));
	put_hidden_groups(out, g, width);
	for (size_t i = 0; group_tables(g) && i < r->tally.nsheets &&
			   i < (size_t)r->session.nsheets; i++) {
		buf_printf(out, _("Sheet %d: %s"), (int)i + 1, r->sheets[i].short_name);
		buf_putc(out, '\n');
		put_level_head(out, GROUP_LABEL_COLS, true);
		groups_table_rows(r, g, i, text_sanitize, put_group_row, out);
		buf_putc(out, '\n');
	}
}

/* The title and the line of mode, budget and totals, wrapped to the
 * width like every other paragraph (the Finnish line runs past 80). */
static void put_head(struct buf *out, const struct report *r, size_t width)
{
	put_wrapped(out, r->session.title, width, 0);
	char budget[64], dots[64];  /* each count with its own plural */
	snprintf(budget, sizeof budget, P_("%d dot", "%d dots", r->session.budget),
		 r->session.budget);
	snprintf(dots, sizeof dots, P_("%d dot", "%d dots", r->tally.total_dots),
		 r->tally.total_dots);
	struct buf line = { 0 };
	buf_printf(&line, _("Session %lld, %s, budget %s each."), (long long)r->session.id,
		   r->session.mode == MODE_CLASSIC ? _("classic mode") : _("weighted mode"),
		   budget);
	buf_putc(&line, ' ');
	buf_printf(&line, P_("%d participant, %s in all.\n",
			     "%d participants, %s in all.\n", (int)r->nparticipants),
		   (int)r->nparticipants, dots);
	if (line.len && line.data[line.len - 1] == '\n')
		line.data[--line.len] = '\0';  /* the message's own line end */
	put_wrapped_text(out, &line, width, 0);
}

/* The whole text of a report whose drawn strings are clean. */
static bool put_report(const struct report *r, size_t width, struct buf *out)
{
	struct groups_tally g;
	bool groups = groups_tally_to_write(r, &g, out);
	put_head(out, r, width);
	put_sources(out, r, width);
	put_paper(out, r, width);
	buf_putc(out, '\n');
	put_legend(out, width, groups && group_tables(&g));
	for (int i = 0; i < r->session.nsheets && (size_t)i < r->tally.nsheets; i++)
		put_sheet(out, r, i, width);
	put_positions(out, r, width);
	put_shift(out, r, width);
	if (groups) {
		put_groups(out, r, &g, width);
		groups_tally_free(&g);
	}
	put_ranking(out, r);
	return !out->failed;
}

bool report_text(const struct report *r, const struct report_options *o,
		 size_t width, struct buf *out)
{
	(void)o;
	if (width < 60)
		width = 60;
	struct report safe;
	if (!report_drawn(r, &safe))
		return false;
	bool ok = put_report(&safe, width, out);
	report_drawn_free(&safe);
	return ok;
}
