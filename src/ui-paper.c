/* ui-paper: the facilitator's screen for typing in paper
 * sheets, line by line or as column totals. The keys are ui-transcribe.c's;
 * this file draws and talks to the store. Nothing is stored until the
 * facilitator saves: the lines with Ctrl-S (all names in one transaction),
 * a sheet's totals with Enter. Everything is stored as transcribed from
 * paper, so reports count it apart. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tapla/i18n.h"
#include "tapla/text.h"
#include "tapla/ui.h"

/* Frees the transcription (on leaving, saved or not). */
static void paper_close(struct ui_app *app)
{
	if (app->paper.ready)
		ui_transcribe_free(&app->paper.t);
	app->paper.ready = false;
}

/* An empty transcription, unless voting is closed. */
static bool paper_open(struct ui_app *app)
{
	struct ui_paper *p = &app->paper;
	ui_app_refresh(app);
	if (app->s.closed[0]) {
		ui_app_say(app, true, "%s",
			   _("Voting is closed: reopen it (c) to transcribe paper sheets."));
		return false;
	}
	if (!ui_transcribe_init(&p->t, (int)app->nsheets, app->s.budget, app->s.mode,
				app->s.anonymous)) {
		ui_app_say(app, true, "%s", _("Out of memory: close other programs and start tapla again."));
		return false;
	}
	p->ready = true;
	p->name_scroll = 0;
	app->msg[0] = '\0';
	return true;
}

/* The top bar: what this screen is, and that it is the facilitator's. */
static void draw_bar(const struct ui_app *app)
{
	ui_draw_bar_title(_(" tapla · %s · transcribing paper"), app->s.title,
			  _("[facilitator]"), true);
}

/* The sheet being typed in and how to change it. */
static void draw_sheet(const struct ui_app *app)
{
	const struct ui_transcribe *tr = &app->paper.t;
	char head[400];
	const struct tpl_sheet *sh = (size_t)tr->sheet < app->nsheets ?
				     &app->sheets[tr->sheet] : NULL;
	snprintf(head, sizeof head, _("Paper sheet %d of %d: %s"), tr->sheet + 1,
		 tr->nsheets, sh && sh->short_name ? sh->short_name : "");
	attron(ui_attr_title());
	ui_draw_text(2, 1, COLS - 2, head);
	attroff(ui_attr_title());
	ui_draw_rule(3, 1, COLS - 2);
}

/* A label in bold at (y, x) with a ">" when its field has the cursor. */
static void draw_label(int y, const char *label, bool focus, int w)
{
	if (focus)
		attron(A_BOLD);
	mvaddstr(y, 1, focus ? ">" : " ");
	ui_draw_text(y, 3, w, label);
	attroff(A_BOLD);
}

/* A column's name without the symbol it starts with ("? Don't know"
 * shows its "?" already). */
static const char *plain_name(const char *name, const char *sym)
{
	size_t sl = strlen(sym);
	return strncmp(name, sym, sl) == 0 && name[sl] == ' ' ? name + sl + 1 : name;
}

/* The three fields of a signature line. */
static void draw_line_fields(struct ui_paper *p, int y, int lw)
{
	const struct ui_transcribe *tr = &p->t;
	char col[200], dots[16];
	int fx = 3 + lw + 1;
	draw_label(y, _("Name:"), tr->field == 0, lw);
	draw_label(y + 1, _("Column:"), tr->field == 1, lw);
	draw_label(y + 2, _("Dots:"), tr->field == 2, lw);
	const char *sym = rules_level_symbol((enum level)tr->level);
	snprintf(col, sizeof col, "\u2039 %d %s %s \u203a", tr->level + 1, sym,
		 plain_name(rules_level_name((enum level)tr->level), sym));
	if (tr->field == 1)
		attron(ui_attr_cursor());
	int cw = ui_draw_text(y + 1, fx, COLS - fx - 1, col);
	attroff(ui_attr_cursor());
	ui_draw_text(y + 1, fx + cw + 2, COLS - fx - cw - 3, _("←→ or 1-6"));
	snprintf(dots, sizeof dots, "%d", tr->dots);
	attron(A_UNDERLINE);
	mvhline(y + 2, fx, ' ', 4);
	if (tr->dots > 0)
		ui_draw_text(y + 2, fx, 3, dots);
	attroff(A_UNDERLINE);
	int fw = COLS - fx - 2 < 40 ? COLS - fx - 2 : 40;
	/* The focused field last, so the terminal cursor ends there. */
	ui_field_draw(&tr->name, y, fx, fw, tr->field == 0, false, &p->name_scroll);
	if (tr->field == 2)
		ui_draw_cursor_at(y + 2, fx + (tr->dots >= 10 ? 2 : tr->dots > 0 ? 1 : 0));
}

/* One gathered name: its dots sheet by sheet. */
static void draw_entry(const struct ui_transcribe *tr, int y,
		       const struct ui_transcribe_entry *e, int namew)
{
	struct buf b = { 0 };
	char total[64];
	for (int s = 0; s < tr->nsheets; s++)
		for (int l = 0; l < LEVEL_COUNT; l++)
			if (e->ballot.dots[s][l] > 0)
				buf_printf(&b, "%s%d:%d\u00d7%s", b.len ? "  " : "", s + 1,
					   e->ballot.dots[s][l],
					   rules_level_symbol((enum level)l));
	snprintf(total, sizeof total, "%s%d", e->replace ? _("replaces · ") : "",
		 rules_ballot_total(&e->ballot));
	int tw = (int)text_width(total);
	ui_draw_text(y, 3, namew, e->name);
	ui_draw_text(y, 4 + namew, COLS - namew - tw - 7, buf_str(&b));
	ui_draw_text(y, COLS - tw - 2, tw, total);
	buf_free(&b);
}

/* The names gathered so far, the latest at the bottom. */
static void draw_entries(const struct ui_transcribe *tr, int y, int rows)
{
	char head[200];
	char d[64];  /* each count with its own plural */
	int pending = ui_transcribe_pending_dots(tr);
	snprintf(d, sizeof d, P_("%d dot", "%d dots", pending), pending);
	snprintf(head, sizeof head,
		 P_("Not saved yet: %zu name, %s. Ctrl-S saves them all as paper ballots; Ctrl-Z takes back the last line.",
		    "Not saved yet: %zu names, %s. Ctrl-S saves them all as paper ballots; Ctrl-Z takes back the last line.",
		    tr->nentries),
		 tr->nentries, d);
	if (tr->nentries == 0)
		snprintf(head, sizeof head, "%s",
			 _("One line at a time: the name, its column and its dots; Enter adds it. The same name on several sheets makes one ballot."));
	int used = ui_draw_wrapped(y, 1, COLS - 2, 2, head);
	y += used;
	rows -= used;
	int namew = COLS / 3 > 24 ? 24 : COLS / 3;
	size_t first = tr->nentries > (size_t)(rows > 0 ? rows : 0) ?
		       tr->nentries - (size_t)rows : 0;
	for (size_t i = first; i < tr->nentries && rows > 0; i++, rows--)
		draw_entry(tr, y++, &tr->entries[i], namew);
}

/* The line-by-line step. */
static void draw_lines(struct ui_paper *p)
{
	const char *labels[] = { _("Name:"), _("Column:"), _("Dots:") };
	int lw = 0;
	for (int i = 0; i < 3; i++) {
		int w = (int)text_width(labels[i]);
		lw = w > lw ? w : lw;
	}
	draw_line_fields(p, 5, lw);
	draw_entries(&p->t, 9, LINES - 3 - 9);
}

/* One number of the totals grid; blank (-1) shows as a dot. */
static void draw_total(int y, int x, int w, int v, bool cursor)
{
	ui_draw_cell(y, x, w, v, v < 0, false, cursor);
}

/* Does every word of the columns' short names fit `cols`? */
static bool names_fit(int cols)
{
	for (int l = 0; l < LEVEL_COUNT; l++) {
		const char *sym = rules_level_symbol((enum level)l);
		const char *p = plain_name(rules_level_short((enum level)l), sym);
		while (*p) {
			size_t n = strcspn(p, " ");
			if ((int)text_width_n(p, n) > cols)
				return false;
			p += n;
			p += strspn(p, " ");
		}
	}
	return true;
}

/* The column headings on rows y, y+1 and y+2: the symbols, then the names
 * on up to two rows, or a legend of them across when they do not fit. */
static void draw_headings(int y, int x0, int cw)
{
	bool fit = names_fit(cw - 1);
	struct buf legend = { 0 };
	for (int l = 0; l < LEVEL_COUNT; l++) {
		int x = x0 + l * cw;
		const char *sym = rules_level_symbol((enum level)l);
		const char *name = plain_name(rules_level_short((enum level)l), sym);
		attron(A_BOLD);
		ui_draw_center(y, x, cw - 1, sym);
		attroff(A_BOLD);
		buf_printf(&legend, "%s%s %s", l ? "  " : "", sym, name);
		size_t st[4], ln[4];
		size_t n = fit ? text_wrap(name, (size_t)cw - 1, st, ln, 4) : 0;
		for (size_t i = 0; i < n && i < 2; i++) {
			char part[128];
			snprintf(part, sizeof part, "%.*s", (int)ln[i], name + st[i]);
			ui_draw_center(y + 1 + (int)i, x, cw - 1, part);
		}
	}
	if (!fit)
		ui_draw_wrapped(y + 1, 1, COLS - 2, 2, buf_str(&legend));
	buf_free(&legend);
}

/* The numbers: dots and people per column, then the signature lines. */
static void draw_numbers(const struct ui_transcribe *tr, int y, int lw, int cw,
			 const char *const rows[3])
{
	for (int r = 0; r < 2; r++) {
		draw_label(y + r, rows[r], tr->row == r, lw - 2);
		for (int l = 0; l < LEVEL_COUNT; l++)
			draw_total(y + r, 1 + lw + l * cw, cw, tr->tot[tr->sheet][r][l],
				   tr->row == r && tr->col == l);
	}
	int sw = (int)text_width(rows[2]) + 3;
	draw_label(y + 3, rows[2], tr->row == 2, sw - 2);
	draw_total(y + 3, 1 + sw, 8, tr->sig[tr->sheet], tr->row == 2);
}

/* The column-totals step: dots and people per column, signature lines. */
static void draw_totals(const struct ui_transcribe *tr)
{
	const char *const rows[] = { _("Dots"), _("People"), _("Signature lines") };
	int lw = 0, y = 5;
	for (int i = 0; i < 2; i++) {
		int w = (int)text_width(rows[i]);
		lw = w > lw ? w : lw;
	}
	lw += 3;
	int cw = (COLS - 2 - lw) / LEVEL_COUNT;
	cw = cw > 14 ? 14 : cw;
	if (LINES >= 22) {
		/* Room for what the numbers mean. */
		ui_draw_wrapped(y, 1, COLS - 2, 2,
				_("The sheet's “Yht.” row when its names cannot be read: the dots in each column, and if known how many people put them there."));
		y += 3;
	}
	draw_headings(y, 1 + lw, cw);
	draw_numbers(tr, y + 3, lw, cw, rows);
	int dots[LEVEL_COUNT], people[LEVEL_COUNT], sig, total = 0;
	char line[300];
	ui_transcribe_totals(tr, dots, people, &sig);
	for (int l = 0; l < LEVEL_COUNT; l++)
		total += dots[l];
	char by[64];  /* each count with its own plural */
	snprintf(by, sizeof by, P_("%d person", "%d people", sig), sig);
	snprintf(line, sizeof line,
		 P_("This sheet: %d dot by %s. A blank people cell counts each dot as one person; blank signature lines, the people added up. Enter saves the sheet.",
		    "This sheet: %d dots by %s. A blank people cell counts each dot as one person; blank signature lines, the people added up. Enter saves the sheet.",
		    total),
		 total, by);
	ui_draw_wrapped(y + 8, 1, COLS - 2, LINES - 3 - (y + 8), line);
}

/* A question over the screen: its title and its sentence. */
static void draw_question(const char *title, const char *text)
{
	int y = LINES / 2 - 3;
	int w = COLS - 8;
	for (int r = 0; r < 6; r++)
		mvhline(y + r, 4, ' ', w);
	ui_draw_rule(y, 4, w);
	ui_draw_rule(y + 5, 4, w);
	attron(ui_attr_title());
	ui_draw_center(y + 1, 4, w, title);
	attroff(ui_attr_title());
	ui_draw_wrapped(y + 2, 6, w - 4, 3, text);
}

/* The questions of the replace and leave steps. */
static void draw_ask(const struct ui_transcribe *tr)
{
	char title[300], text[400];
	if (tr->step == TRANSCRIBE_REPLACE) {
		snprintf(title, sizeof title, _("\"%s\" has voted already."),
			 ui_transcribe_asked_name(tr));
		snprintf(text, sizeof text, "%s", tr->conflict < tr->nentries ?
			 _("They voted while the lines were typed. Is the paper ballot the same person's? y replaces the stored ballot and saves; n saves nothing.") :
			 _("Is this paper ballot the same person's? y replaces the stored ballot with the paper one when you save; n leaves this line out."));
	} else if (tr->step == TRANSCRIBE_REPLACE_TOTALS) {
		snprintf(title, sizeof title, _("Sheet %d has paper totals already."),
			 tr->sheet + 1);
		snprintf(text, sizeof text, "%s",
			 _("Replace them with these? n keeps the stored totals."));
	} else {
		snprintf(title, sizeof title, "%s", _("Leave without saving?"));
		snprintf(text, sizeof text,
			 P_("%zu name and the typed totals are not saved: nothing of them is kept.",
			    "%zu names and the typed totals are not saved: nothing of them is kept.",
			    tr->nentries), tr->nentries);
	}
	draw_question(title, text);
}

/* The sheet, the lines or the totals, any question over them. */
static void paper_draw(struct ui_app *app)
{
	struct ui_transcribe *tr = &app->paper.t;
	draw_bar(app);
	draw_sheet(app);
	enum ui_transcribe_step shown = tr->step == TRANSCRIBE_LINES ||
					tr->step == TRANSCRIBE_TOTALS ? tr->step : tr->back;
	if (shown == TRANSCRIBE_TOTALS)
		draw_totals(tr);
	else
		draw_lines(&app->paper);
	if (tr->step != shown) {
		ui_draw_cursor_forget();
		draw_ask(tr);
	}
	ui_draw_notice(tr->msg, tr->msg_is_error);
}

/* Asks the store whether the pending name has a ballot. */
static void check_name(struct ui_app *app)
{
	struct ui_transcribe *tr = &app->paper.t;
	bool signed_before = false;
	if (store_name_signed(app->st, app->s.id, tr->pending_name,
			      &signed_before) != STORE_OK) {
		tr->req = TRANSCRIBE_REQ_NONE;
		free(tr->pending_name);
		tr->pending_name = NULL;
		ui_app_say(app, true, "%s", store_error(app->st));
		return;
	}
	ui_transcribe_name_checked(tr, signed_before);
}

/* Stores every gathered ballot in one transaction: all or none. */
static void save_lines(struct ui_app *app)
{
	struct ui_transcribe *tr = &app->paper.t;
	struct store_ballot_in *in = calloc(tr->nentries, sizeof *in);
	char msg[600];
	if (!in) {
		ui_transcribe_lines_saved(tr, false, _("Out of memory: close other programs and start tapla again."));
		return;
	}
	for (size_t i = 0; i < tr->nentries; i++)
		in[i] = (struct store_ballot_in){
			.name = tr->entries[i].name, .ballot = &tr->entries[i].ballot,
			.replace = tr->entries[i].replace, .source = SOURCE_PAPER,
		};
	size_t failed = tr->nentries, n = tr->nentries;
	int dots = ui_transcribe_pending_dots(tr);
	enum store_status st = store_ballots_save_all(app->st, app->s.id, in, n,
						      &failed, NULL);
	free(in);
	if (st == STORE_OK) {
		char d[64];  /* each count with its own plural */
		snprintf(d, sizeof d, P_("%d dot", "%d dots", dots), dots);
		snprintf(msg, sizeof msg, P_("Saved: %zu paper ballot, %s.",
					     "Saved: %zu paper ballots, %s.", n), n, d);
		ui_transcribe_lines_saved(tr, true, msg);
		ui_app_refresh(app);
		return;
	}
	if (st == STORE_CONFLICT && failed < n) {
		/* The name signed elsewhere while its lines were typed. */
		ui_transcribe_lines_conflict(tr, failed);
		return;
	}
	if (failed < n)
		snprintf(msg, sizeof msg, _("Nothing was saved: %s's ballot was refused: %s"),
			 tr->entries[failed].name, store_error(app->st));
	else
		snprintf(msg, sizeof msg, _("Nothing was saved: %s"), store_error(app->st));
	ui_transcribe_lines_saved(tr, false, msg);
}

/* Stores the current sheet's column totals. */
static void save_totals(struct ui_app *app)
{
	struct ui_transcribe *tr = &app->paper.t;
	int dots[LEVEL_COUNT], people[LEVEL_COUNT], sig, total = 0;
	char msg[600];
	ui_transcribe_totals(tr, dots, people, &sig);
	for (int l = 0; l < LEVEL_COUNT; l++)
		total += dots[l];
	int sheet = tr->sheet;
	enum store_status st = store_paper_totals_save(app->st, app->s.id, sheet,
						       dots, people, sig,
						       tr->replace_totals);
	char d[64];  /* each count with its own plural */
	snprintf(d, sizeof d, P_("%d dot", "%d dots", total), total);
	if (st == STORE_OK)
		snprintf(msg, sizeof msg,
			 P_("Saved: the paper totals of sheet %d, %s by %d person.",
			    "Saved: the paper totals of sheet %d, %s by %d people.",
			    sig), sheet + 1, d, sig);
	else
		snprintf(msg, sizeof msg, "%s", store_error(app->st));
	ui_transcribe_totals_saved(tr, st == STORE_OK, st == STORE_CONFLICT, msg);
	if (st == STORE_OK)
		ui_app_refresh(app);
}

/* The transcription's keys (ui-transcribe.c), then what they ask of the
 * store. */
static unsigned paper_key(struct ui_app *app, int key)
{
	struct ui_transcribe *tr = &app->paper.t;
	app->msg[0] = '\0';
	unsigned flags = ui_transcribe_key(tr, key);
	switch (tr->req) {
	case TRANSCRIBE_REQ_CHECK_NAME: check_name(app); break;
	case TRANSCRIBE_REQ_SAVE_LINES: save_lines(app); break;
	case TRANSCRIBE_REQ_SAVE_TOTALS: save_totals(app); break;
	default: break;
	}
	if (tr->step == TRANSCRIBE_DONE)
		return ui_app_goto(app, UI_SCREEN_CONSOLE);
	return flags | UI_REDRAW;
}

/* The context of the transcription's step. */
static enum ui_ctx paper_ctx(const struct ui_app *app)
{
	return ui_transcribe_ctx(&app->paper.t);
}

const struct ui_screen_ops ui_paper_screen = {
	.open = paper_open, .close = paper_close, .draw = paper_draw,
	.key = paper_key, .ctx = paper_ctx,
};
