/* ui-turn-screen: a participant's turn on the screen: signing, the ballot
 * grid (the paper sheet made live), SWOT notes, review, hand-over. The keys
 * are ui-turn.c's; this file draws and talks to the store. */
#include <curses.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "tapla/groups.h"
#include "tapla/i18n.h"
#include "tapla/order.h"
#include "tapla/text.h"
#include "tapla/ui.h"

/* In a shuffled session, this participant's own order of the sheets
 * (seeded by the session and their number, so it can be recorded). */
static void apply_order(struct ui_app *app)
{
	int order[RULES_MAX_SHEETS];
	struct ui_turn *t = &app->turn.t;
	if (!app->s.shuffle)
		return;
	order_for_participant(app->s.uuid, app->votes + 1, t->nsheets, order);
	ui_turn_set_order(t, order);
}

/* A fresh turn for the session, in the participant's order; the
 * facilitator functions lock. False on no memory. */
static bool turn_open(struct ui_app *app)
{
	struct ui_turn_screen *ts = &app->turn;
	if (!ui_turn_init(&ts->t, (int)app->nsheets, app->s.budget, app->s.mode,
			  app->s.anonymous)) {
		ui_app_say(app, true, "%s", _("Out of memory: close other programs and start tapla again."));
		return false;
	}
	ts->ready = true;
	if (!ui_turn_set_groups(&ts->t, app->s.groups)) {
		ui_turn_free(&ts->t);
		ts->ready = false;
		ui_app_say(app, true, "%s", _("Out of memory: close other programs and start tapla again."));
		return false;
	}
	ts->name_scroll = 0;
	memset(ts->note_scroll, 0, sizeof ts->note_scroll);
	ui_turn_begin(&ts->t);
	ts->t.facilitator = ts->replacing;  /* this turn only */
	ts->replacing = false;
	apply_order(app);
	app->unlocked = false;
	app->msg[0] = '\0';
	return true;
}

/* Frees the turn: nothing of it stays for the next one. */
static void turn_close(struct ui_app *app)
{
	if (app->turn.ready)
		ui_turn_free(&app->turn.t);
	app->turn.ready = false;
	ui_term_clear_history();
}

/* The top bar: whose turn and the dots left, always in view. */
static void draw_bar(const struct ui_app *app)
{
	const struct ui_turn *t = &app->turn.t;
	char left[400], right[100];
	int n = ui_turn_left(t);
	/* The plural follows the budget: "1 of 10 dots left". */
	snprintf(right, sizeof right, P_("%d of %d dot left", "%d of %d dots left",
					 t->budget), n, t->budget);
	if (t->step == TURN_SIGN || t->step == TURN_REPLACE ||
	    t->step == TURN_GROUP || t->step == TURN_HANDOVER)
		right[0] = '\0';  /* no counts before the ballot or after it */
	/* The name joins the bar once signed, not at every typed letter. */
	if (t->anonymous || t->step == TURN_SIGN || !t->name.text ||
	    !t->name.text[0])
		snprintf(left, sizeof left, " %s", _("Your turn"));
	else
		snprintf(left, sizeof left, _(" Your turn, %s"), t->name.text);
	ui_draw_bar(left, right, true);
}

/* Column headings: the symbol, then the name on up to two rows. */
static void draw_headings(const struct ui_turn_grid *grid, int y)
{
	for (int l = 0; l < LEVEL_COUNT; l++) {
		size_t st[4], ln[4];
		const char *name = rules_level_name((enum level)l);
		const char *sym = rules_level_symbol((enum level)l);
		size_t sl = strlen(sym);
		int w = grid->w[l] - 1;
		/* "? Don't know": the symbol row shows the "?" already. */
		if (strncmp(name, sym, sl) == 0 && name[sl] == ' ')
			name += sl + 1;
		attron(A_BOLD);
		ui_draw_center(y, grid->x[l], w, rules_level_symbol((enum level)l));
		attroff(A_BOLD);
		size_t n = text_wrap(name, (size_t)w, st, ln, 4);
		for (size_t i = 0; i < n && (int)i < grid->head_rows; i++) {
			char part[128];
			snprintf(part, sizeof part, "%.*s", (int)ln[i], name + st[i]);
			ui_draw_center(y + 1 + (int)i, grid->x[l], w, part);
		}
	}
}

/* Columns the sheet labels would like: the longest name and its number. */
static int label_need(const struct ui_app *app)
{
	size_t need = 12;
	for (size_t s = 0; s < app->nsheets; s++) {
		size_t w = app->sheets[s].short_name ?
			   text_width(app->sheets[s].short_name) + 4 : 4;
		if (w > need)
			need = w;
	}
	return need > 40 ? 40 : (int)need;
}

/* Display width of the longest word of s. */
static int longest_word(const char *s)
{
	char word[128];
	int best = 0;
	while (*s) {
		size_t n = strcspn(s, " ");
		if (n > 0 && n < sizeof word) {
			memcpy(word, s, n);
			word[n] = '\0';
			int w = (int)text_width(word);
			best = w > best ? w : best;
		}
		s += n;
		s += strspn(s, " ");
	}
	return best;
}

/* Lays the grid out: each column one wider than its heading's longest
 * word (at least 7), the labels what is left, then any room the labels
 * do not need spread over the columns (up to 12 each). */
static void layout(const struct ui_app *app, struct ui_turn_grid *grid)
{
	int sum = 0;
	for (int l = 0; l < LEVEL_COUNT; l++) {
		int w = longest_word(rules_level_name((enum level)l)) + 1;
		grid->w[l] = w < 7 ? 7 : w > 12 ? 12 : w;
		sum += grid->w[l];
	}
	int need = label_need(app);
	/* On a narrow window the columns give way (down to 7) so that the
	 * labels keep 20 columns or what they need. */
	int keep = need < 20 ? need : 20;
	while (COLS - 1 - sum < keep) {
		int widest = 0;
		for (int l = 1; l < LEVEL_COUNT; l++)
			if (grid->w[l] > grid->w[widest])
				widest = l;
		if (grid->w[widest] <= 7)
			break;
		grid->w[widest]--;
		sum--;
	}
	int spare = COLS - 1 - sum - need;
	for (int round = 0; spare >= LEVEL_COUNT && round < 12; round++)
		for (int l = 0; l < LEVEL_COUNT; l++)
			if (grid->w[l] < 12 && spare > 0) {
				grid->w[l]++;
				sum++;
				spare--;
			}
	grid->label_w = COLS - 1 - sum;
	grid->head_rows = 1;
	grid->narrow = false;
	for (int l = 0; l < LEVEL_COUNT; l++) {
		size_t st[4], ln[4];
		const char *name = rules_level_name((enum level)l);
		const char *sym = rules_level_symbol((enum level)l);
		size_t sl = strlen(sym);
		if (strncmp(name, sym, sl) == 0 && name[sl] == ' ')
			name += sl + 1;
		int n = (int)text_wrap(name, (size_t)grid->w[l] - 1, st, ln, 4);
		if (n > grid->head_rows)
			grid->head_rows = n > 3 ? 3 : n;
		if (longest_word(name) > grid->w[l] - 1)
			grid->narrow = true;
	}
	if (grid->narrow)
		grid->head_rows = 0;  /* symbols only; a legend below says them */
	int x = 1 + grid->label_w;
	for (int l = 0; l < LEVEL_COUNT; l++) {
		grid->x[l] = x;
		x += grid->w[l];
	}
}

/* A label cropped to cols with "…" when it does not fit. */
static void draw_label(int y, int x, int cols, const char *s)
{
	if ((int)text_width(s) <= cols) {
		ui_draw_text(y, x, cols, s);
		return;
	}
	int w = ui_draw_text(y, x, cols - 1, s);
	mvaddstr(y, x + w, "\u2026");
}

/* The grid of sheets and columns; returns the row after it. */
static int draw_grid(const struct ui_app *app, struct ui_turn_grid *grid,
		     int y, int rows)
{
	const struct ui_turn *t = &app->turn.t;
	layout(app, grid);
	draw_headings(grid, y);
	int visible = rows - 1 - grid->head_rows;
	if (visible < 1)
		visible = 1;
	int top = t->pos >= visible ? t->pos - visible + 1 : 0;
	grid->y0 = y + 1 + grid->head_rows;
	if (top != grid->top)  /* the rows move: redraw, never scroll */
		ui_term_forget_rows(grid->y0, visible);
	grid->top = top;
	grid->rows = visible;
	for (int i = 0; i < visible && top + i < t->nsheets; i++) {
		int s = t->order[top + i];
		char label[300];
		const struct tpl_sheet *sh = (size_t)s < app->nsheets ? &app->sheets[s] : NULL;
		snprintf(label, sizeof label, "%d %s", s + 1,
			 sh && sh->short_name ? sh->short_name : "");
		if (s == t->sheet)
			attron(A_BOLD);
		mvaddstr(grid->y0 + i, 0, s == t->sheet ? ">" : " ");
		draw_label(grid->y0 + i, 1, grid->label_w - 1, label);
		attroff(A_BOLD);
		for (int l = 0; l < LEVEL_COUNT; l++)
			ui_draw_cell(grid->y0 + i, grid->x[l], grid->w[l],
				     t->ballot.dots[s][l], t->ballot.dots[s][l] <= 0,
				     t->ballot.dots[s][l] > 0,
				     s == t->sheet && l == t->level);
	}
	int shown = t->nsheets - top < visible ? t->nsheets - top : visible;
	return grid->y0 + shown;
}

/* The statement of the cursor's sheet under the grid-> */
static void draw_statement(const struct ui_app *app, int y, int rows)
{
	const struct ui_turn *t = &app->turn.t;
	if ((size_t)t->sheet >= app->nsheets || rows < 2)
		return;
	const struct tpl_sheet *sh = &app->sheets[t->sheet];
	char head[120];
	ui_draw_rule(y, 0, COLS);
	snprintf(head, sizeof head, _("Idea or claim %d:"), t->sheet + 1);
	attron(ui_attr_title());
	ui_draw_text(y + 1, 1, COLS - 2, head);
	attroff(ui_attr_title());
	int used = ui_draw_wrapped(y + 2, 1, COLS - 2, rows - 3,
				   sh->statement ? sh->statement : "");
	int help_rows = rows - 3 - used - 2;
	if (sh->help && help_rows > 0) {
		/* The slide's description of the sheet, below a blank row. */
		used += 1 + ui_draw_wrapped(y + 3 + used, 3, COLS - 4, help_rows,
					    sh->help);
	}
	int notes = 0;
	for (int q = 0; q < QUAD_COUNT; q++)
		notes += t->notes[t->sheet][q] != NULL;
	char line[200];
	if (notes > 0)
		snprintf(line, sizeof line, P_("%d SWOT note on this sheet (Tab to edit).",
					       "%d SWOT notes on this sheet (Tab to edit).",
					       notes), notes);
	else
		snprintf(line, sizeof line, "%s",
			 _("SWOT notes are optional: Tab opens them for this sheet."));
	if (used + 3 <= rows)
		ui_draw_text(y + 2 + used, 1, COLS - 2, line);
}

/* The ballot step: grid, statement, message, help. */
static void draw_ballot(struct ui_app *app)
{
	struct ui_turn_grid *grid = &app->turn.grid;
	int avail = LINES - 3;
	int nrows = app->turn.t.nsheets + 4;
	int grid_rows = nrows < avail - 5 ? nrows : avail - 5;
	int y = draw_grid(app, grid, 2, grid_rows);
	if (!grid->narrow) {
		draw_statement(app, y, LINES - 2 - y);
		return;
	}
	struct buf legend = { 0 };
	for (int l = 0; l < LEVEL_COUNT; l++)
		buf_printf(&legend, "%s%s %s", l ? "  " : "",
			   rules_level_symbol((enum level)l),
			   rules_level_short((enum level)l));
	draw_statement(app, y, LINES - 4 - y);
	ui_draw_wrapped(LINES - 4, 1, COLS - 2, 2, buf_str(&legend));
	buf_free(&legend);
}

/* The signing step. */
static void draw_sign(struct ui_app *app)
{
	int y = LINES / 2 - 4;
	ui_draw_center_row(y, ui_attr_title(), app->turn.t.facilitator ?
			   _("Replace a ballot: write the name that voted") :
			   _("Please write your name"));
	ui_draw_wrapped(y + 2, 4, COLS - 8, 2,
			_("It goes on the sheets' signature list, as on paper. Then press Enter."));
	int fw = COLS - 24 < 60 ? COLS - 24 : 60;
	const char *label = _("Name:");
	int lw = (int)text_width(label);
	int x = (COLS - fw - lw - 1) / 2;
	attron(A_BOLD);
	ui_draw_text(y + 5, x, lw, label);
	attroff(A_BOLD);
	ui_field_draw(&app->turn.t.name, y + 5, x + lw + 1, fw, true, false,
		      &app->turn.name_scroll);
}

/* The facilitator's "replace the earlier ballot?" question. */
static void draw_replace(const struct ui_app *app)
{
	char line[400];
	int y = LINES / 2 - 3;
	snprintf(line, sizeof line, _("\"%s\" has voted already."), app->turn.t.name.text);
	ui_draw_center_row(y, ui_attr_title(), line);
	ui_draw_wrapped(y + 2, 4, COLS - 8, 4,
			_("Replace that ballot with a new one? The earlier dots and notes of this name are gone once the new ballot is saved."));
}

/* The group step: the session's groups as a short numbered list, and
 * "no group" last. */
static void draw_group(const struct ui_app *app)
{
	const struct ui_turn *t = &app->turn.t;
	int n = t->ngroups + 1;
	int y = LINES / 2 - (n + 5) / 2;
	if (y < 2)
		y = 2;
	ui_draw_center_row(y, ui_attr_title(), _("Which group are you in?"));
	char why[200];
	int least = app->s.group_min > GROUPS_MIN_SIZE ? app->s.group_min
						       : GROUPS_MIN_SIZE;
	snprintf(why, sizeof why,
		 P_("The results are shown per group, and only for groups of at least %d person.",
		    "The results are shown per group, and only for groups of at least %d people.",
		    least), least);
	int used = ui_draw_wrapped(y + 2, 4, COLS - 8, 2, why);
	int x = COLS / 2 - 16 > 2 ? COLS / 2 - 16 : 2;
	for (int i = 0; i < n && y + 3 + used + i < LINES - 3; i++) {
		char name[GROUPS_NAME_MAX * 4 + 1], line[GROUPS_NAME_MAX * 4 + 16];
		if (i == t->ngroups)
			snprintf(name, sizeof name, "%s", _("no group (rather not say)"));
		else if (!groups_name(t->groups, (size_t)i, name, sizeof name))
			name[0] = '\0';
		snprintf(line, sizeof line, "%d  %s", i + 1, name);
		bool sel = i == t->group_sel;
		int row = y + 3 + used + i;
		if (sel)
			attron(ui_attr_cursor());
		mvaddstr(row, x - 2, sel ? ">" : " ");
		ui_draw_text(row, x, COLS - x - 2, line);
		if (sel)
			attroff(ui_attr_cursor());
	}
}

/* The SWOT notes of the cursor's sheet, one field per quadrant. */
static void draw_notes(struct ui_app *app)
{
	const struct ui_turn *t = &app->turn.t;
	size_t *note_scroll = app->turn.note_scroll;
	char head[300];
	const struct tpl_sheet *sh = (size_t)t->sheet < app->nsheets ?
				     &app->sheets[t->sheet] : NULL;
	snprintf(head, sizeof head, _("SWOT notes for sheet %d: %s"), t->sheet + 1,
		 sh && sh->short_name ? sh->short_name : "");
	attron(ui_attr_title());
	ui_draw_text(2, 1, COLS - 2, head);
	attroff(ui_attr_title());
	ui_draw_text(3, 1, COLS - 2, _("All optional. Enter keeps them, Esc leaves them unchanged."));
	for (int q = 0; q < QUAD_COUNT; q++) {
		int y = 5 + rules_quadrant_place((enum quadrant)q) * 3;  /* S, O, W, T */
		if (q == t->quad)
			attron(A_BOLD);
		mvaddstr(y, 1, q == t->quad ? ">" : " ");
		ui_draw_text(y, 3, COLS - 4, rules_quadrant_name((enum quadrant)q));
		attroff(A_BOLD);
		ui_field_draw(&t->field[q], y + 1, 3, COLS - 6, false, false,
			      &note_scroll[q]);
	}
	/* The focused field last, so the terminal cursor ends there. */
	ui_field_draw(&t->field[t->quad],
		      6 + rules_quadrant_place((enum quadrant)t->quad) * 3, 3, COLS - 6, true,
		      false, &note_scroll[t->quad]);
}

/* One column's dots in the review: "3 × ++ Strongly agree" ("? Don't
 * know" carries its symbol already). */
static void level_dots(int d, enum level l, char *out, size_t n)
{
	const char *sym = rules_level_symbol(l), *name = rules_level_name(l);
	size_t k = strlen(sym);
	bool has = strncmp(name, sym, k) == 0 && name[k] == ' ';
	snprintf(out, n, "%d × %s%s%s", d, has ? "" : sym, has ? "" : " ", name);
}

/* A sheet's dots in rows y.. of `cols` columns from x (at most `rows`):
 * each column's dots whole on a row while they fit, "," between, else
 * on the next row; one too long for a row wraps at its words. Returns
 * the rows used. */
static int draw_ballot_dots(const struct ui_turn *t, int s, int y, int x,
			    int cols, int rows)
{
	struct buf row = { 0 };
	int used = 0;
	size_t last = 0;
	for (int l = 0; l < LEVEL_COUNT; l++)
		if (t->ballot.dots[s][l] > 0)
			last = (size_t)l;
	for (int l = 0; l < LEVEL_COUNT && used < rows; l++) {
		int d = t->ballot.dots[s][l];
		if (d <= 0)
			continue;
		char item[300];
		level_dots(d, (enum level)l, item, sizeof item - 1);
		if ((size_t)l != last)
			strcat(item, ",");
		size_t w = text_width(item), rw = text_width(buf_str(&row));
		if (row.len && rw + 1 + w > (size_t)cols) {
			ui_draw_text(y + used++, x, cols, buf_str(&row));
			buf_reset(&row);
		}
		if (used >= rows)
			break;
		if (w > (size_t)cols) {  /* alone too long: its words wrap */
			used += ui_draw_wrapped(y + used, x, cols, rows - used, item);
			continue;
		}
		buf_printf(&row, "%s%s", row.len ? " " : "", item);
	}
	if (row.len && used < rows)
		ui_draw_text(y + used++, x, cols, buf_str(&row));
	else if (!used && rows > 0)
		ui_draw_text(y + used++, x, cols, _("no dots"));
	buf_free(&row);
	return used;
}

/* The review: every cell with dots, and the notes counted. */
static void draw_review(const struct ui_app *app)
{
	const struct ui_turn *t = &app->turn.t;
	int y = 2;
	attron(ui_attr_title());
	ui_draw_text(y++, 1, COLS - 2, _("Check your ballot, then press Enter to save it."));
	attroff(ui_attr_title());
	y++;
	for (int p = 0; p < t->nsheets && y < LINES - 4; p++) {
		int s = t->order[p];
		const struct tpl_sheet *sh = (size_t)s < app->nsheets ? &app->sheets[s] : NULL;
		char line[400];
		snprintf(line, sizeof line, "%d %s", s + 1,
			 sh && sh->short_name ? sh->short_name : "");
		/* The sheet's name and its dots each wrap in their own column. */
		attron(A_BOLD);
		int name_rows = ui_draw_wrapped(y, 2, COLS / 2 - 3, LINES - 4 - y, line);
		attroff(A_BOLD);
		int dots_rows = draw_ballot_dots(t, s, y, COLS / 2, COLS / 2 - 1,
						 LINES - 4 - y);
		y += name_rows > dots_rows ? name_rows : dots_rows;
		for (int i = 0; i < QUAD_COUNT && y < LINES - 4; i++) {
			int q = (int)rules_quadrant_order[i];  /* the paper's order */
			if (!t->notes[s][q])
				continue;
			char note[400];
			snprintf(note, sizeof note, "%c: %s",
				 rules_quadrant_letter((enum quadrant)q), t->notes[s][q]);
			ui_draw_text_ellipsized(y++, 6, COLS - 8, note);
		}
	}
	struct ballot_note notes[RULES_MAX_SHEETS * QUAD_COUNT];
	size_t nn = ui_turn_notes(t, notes, sizeof notes / sizeof notes[0]);
	char total[220], placed[100], nnotes[100];
	/* "of 10 dots": the word follows the budget; the notes their own. */
	snprintf(placed, sizeof placed, P_("%d of %d dot placed", "%d of %d dots placed",
					   t->budget),
		 rules_ballot_total(&t->ballot), t->budget);
	snprintf(nnotes, sizeof nnotes, P_("%zu SWOT note", "%zu SWOT notes", nn), nn);
	snprintf(total, sizeof total, "%s, %s.", placed, nnotes);
	ui_draw_text(y + 1, 2, COLS - 4, total);
	int row = y + 2;
	char group[GROUPS_NAME_MAX * 4 + 1], line[GROUPS_NAME_MAX * 4 + 64];
	if (t->ngroups > 0 && row < LINES - 3) {
		if (!ui_turn_group_name(t, group, sizeof group))
			snprintf(group, sizeof group, "%s", _("no group"));
		snprintf(line, sizeof line, _("Group: %s"), group);
		ui_draw_text(row++, 2, COLS - 4, line);
	}
	int left = ui_turn_left(t);
	if (left > 0 && row < LINES - 2) {
		/* The voter may still confirm: said, not refused. */
		char unused[300];
		snprintf(unused, sizeof unused,
			 P_("%d dot is unused. Enter saves the ballot as it is; Esc goes back to place it.",
			    "%d dots are unused. Enter saves the ballot as it is; Esc goes back to place them.",
			    left), left);
		attron(A_BOLD);
		ui_draw_wrapped(row, 2, COLS - 4, LINES - 2 - row, unused);
		attroff(A_BOLD);
	}
}

/* The hand-over screen: nothing of any ballot. */
static void draw_handover(void)
{
	int y = LINES / 2 - 3;
	ui_draw_center_row(y, ui_attr_title(), _("Thank you! Your ballot is saved."));
	ui_draw_center_row(y + 2, A_BOLD, _("Please pass the laptop on to the next participant."));
}

/* The "leave without saving?" question over the grid-> */
static void draw_cancel(void)
{
	int y = LINES / 2 - 2;
	ui_draw_center_row(y, ui_attr_title(), _("Leave this turn?"));
	ui_draw_center(y + 2, 0, COLS, _("Your dots and notes will not be saved."));
}

/* The bar, the step, its notice. */
static void turn_draw(struct ui_app *app)
{
	const struct ui_turn *t = &app->turn.t;
	draw_bar(app);
	switch (t->step) {
	case TURN_SIGN: draw_sign(app); break;
	case TURN_REPLACE: draw_replace(app); break;
	case TURN_GROUP: draw_group(app); break;
	case TURN_BALLOT: draw_ballot(app); break;
	case TURN_NOTES: draw_notes(app); break;
	case TURN_REVIEW: draw_review(app); break;
	case TURN_CANCEL: draw_cancel(); break;
	default: draw_handover(); break;
	}
	ui_draw_notice(t->msg, t->msg_is_error);
}

/* A click on a cell moves there and adds a dot. */
static unsigned click(struct ui_app *app)
{
	const struct ui_turn_grid *grid = &app->turn.grid;
	MEVENT ev;
	struct ui_turn *t = &app->turn.t;
	if (getmouse(&ev) != OK || t->step != TURN_BALLOT ||
	    !(ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)))
		return UI_NONE;
	int row = ev.y - grid->y0, l = 0;
	if (row < 0 || row >= grid->rows)
		return UI_NONE;
	while (l < LEVEL_COUNT && ev.x >= grid->x[l] + grid->w[l])
		l++;
	if (l >= LEVEL_COUNT || ev.x < grid->x[0])
		return UI_NONE;
	return ui_turn_click(t, grid->top + row, l);
}

/* Asks the store whether the name has signed. */
static void check_name(struct ui_app *app)
{
	bool signed_before = false;
	if (store_name_signed(app->st, app->s.id, app->turn.t.name.text,
			      &signed_before) != STORE_OK) {
		app->turn.t.req = TURN_REQ_NONE;
		ui_app_say(app, true, "%s", store_error(app->st));
		return;
	}
	ui_turn_name_checked(&app->turn.t, signed_before);
}

/* Stores the ballot in one transaction; "saved" only after COMMIT. */
static void save(struct ui_app *app)
{
	struct ui_turn *t = &app->turn.t;
	struct ballot_note notes[RULES_MAX_SHEETS * QUAD_COUNT];
	size_t nn = ui_turn_notes(t, notes, sizeof notes / sizeof notes[0]);
	int seq = 0;
	char group[GROUPS_NAME_MAX * 4 + 1];
	bool has_group = ui_turn_group_name(t, group, sizeof group);
	struct store_ballot_in in = {
		.name = t->anonymous ? NULL : t->name.text,
		.ballot = &t->ballot, .notes = notes, .nnotes = nn,
		.replace = t->replace, .source = SOURCE_SCREEN,
		/* The order shown is recorded only when it was the
		 * participant's own. */
		.order = app->s.shuffle ? t->order : NULL,
		.norder = app->s.shuffle ? t->nsheets : 0,
		.group = has_group ? group : NULL,
	};
	enum store_status st = store_ballot_save_ex(app->st, app->s.id, &in, &seq);
	if (st != STORE_OK) {
		ui_turn_saved(t, false, 0, store_error(app->st));
		return;
	}
	ui_turn_saved(t, true, seq, NULL);
	ui_term_clear_history();  /* the end of this participant's turn */
	ui_app_refresh(app);
}

/* The turn's keys (ui-turn.c), then what they ask of the store. */
static unsigned turn_key(struct ui_app *app, int key)
{
	struct ui_turn *t = &app->turn.t;
	unsigned flags;
	app->msg[0] = '\0';
	if (t->step == TURN_BALLOT &&
	    ui_key_action(UI_CTX_BALLOT, key) == UI_ACT_HELP)
		return ui_app_goto(app, UI_SCREEN_HELP);
	enum ui_turn_step before = t->step;
	t->now_ms = ui_now_ms();  /* digits in quick succession make one number */
	if (key == UI_KEY_MOUSE)
		flags = click(app);
	else
		flags = ui_turn_key(t, key);
	if (before == TURN_HANDOVER && t->step == TURN_SIGN) {
		/* No turn starts once voting is closed (here or elsewhere). */
		ui_app_refresh(app);
		const char *why = voting_turn_refusal(ui_app_voting(app));
		if (why) {
			unsigned back = ui_app_goto(app, UI_SCREEN_CONSOLE);
			ui_app_say(app, false, "%s", why);
			return back;
		}
		apply_order(app);  /* the next participant's own order */
	}
	switch (t->req) {
	case TURN_REQ_CHECK_NAME: check_name(app); break;
	case TURN_REQ_SAVE: save(app); break;
	case TURN_REQ_FACILITATOR:
		ui_app_goto(app, UI_SCREEN_CONSOLE);
		return ui_app_facilitator(app) | UI_REDRAW;
	default: break;
	}
	if (t->step == TURN_DONE)
		return ui_app_goto(app, UI_SCREEN_CONSOLE);
	return flags | UI_REDRAW;
}

/* The context of the turn's step. */
static enum ui_ctx turn_ctx(const struct ui_app *app)
{
	return ui_turn_ctx(&app->turn.t);
}

const struct ui_screen_ops ui_turn_screen = {
	.open = turn_open, .close = turn_close, .draw = turn_draw,
	.key = turn_key, .ctx = turn_ctx,
};
