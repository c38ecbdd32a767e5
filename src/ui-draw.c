/* ui-draw: drawing helpers shared by the screens. Every string passes
 * text_sanitize and is cropped by display width, never by bytes. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tapla/i18n.h"
#include "tapla/rounds.h"
#include "tapla/text.h"
#include "tapla/ui.h"

/* Colour pairs, used only when the terminal has colour and NO_COLOR is not
 * set; every meaning is also carried by text or bold/reverse. */
enum { PAIR_TITLE = 1, PAIR_ERROR = 2, PAIR_QR, PAIR_AGREE, PAIR_AGREE_2,
       PAIR_DISAGREE, PAIR_DISAGREE_2 };

/* What the one curses terminal of the process can do and where this
 * frame wants its cursor: the terminal's, like curses' own stdscr, not any
 * screen's (screens keep theirs in struct ui_app). */
static struct {
	bool color;
	int cursor_y, cursor_x;  /* the focused field's; y < 0: nowhere */
} term = { .cursor_y = -1 };

void ui_draw_colors(void)
{
	const char *no = getenv("NO_COLOR");
	term.color = has_colors() && !(no && *no);
	if (!term.color || start_color() != OK) {
		term.color = false;
		return;
	}
	use_default_colors();
	init_pair(PAIR_TITLE, COLOR_CYAN, -1);
	init_pair(PAIR_ERROR, COLOR_RED, -1);
	init_pair(PAIR_QR, COLOR_BLACK, COLOR_WHITE);
	/* The chart: blue and orange, told apart also by those who confuse
	 * red and green; yellow stands for orange on eight colours. */
	bool rich = COLORS >= 256;
	init_pair(PAIR_AGREE, rich ? 27 : COLOR_BLUE, -1);
	init_pair(PAIR_AGREE_2, rich ? 75 : COLOR_CYAN, -1);
	init_pair(PAIR_DISAGREE, rich ? 202 : COLOR_YELLOW, -1);
	init_pair(PAIR_DISAGREE_2, rich ? 215 : COLOR_YELLOW, -1);
}

int ui_attr_qr(bool *ink_dark)
{
	/* Without colour the terminal's own light text on its dark
	 * background: the ink marks the light modules. */
	*ink_dark = term.color;
	return term.color ? (int)COLOR_PAIR(PAIR_QR) : (int)A_NORMAL;
}

int ui_attr_title(void)
{
	return (int)(A_BOLD | (term.color ? COLOR_PAIR(PAIR_TITLE) : 0));
}

int ui_attr_cursor(void)
{
	return (int)A_REVERSE;
}

int ui_attr_error(void)
{
	return (int)(A_BOLD | (term.color ? COLOR_PAIR(PAIR_ERROR) : 0));
}

int ui_draw_text(int y, int x, int cols, const char *s)
{
	size_t w = 0;
	if (cols <= 0 || !s)
		return 0;
	char *clean = text_sanitize(s);
	if (!clean)
		return 0;
	size_t n = text_fit(clean, (size_t)cols, &w);
	if (n > 0)
		mvaddnstr(y, x, clean, (int)n);
	free(clean);
	return (int)w;
}

int ui_draw_text_ellipsized(int y, int x, int cols, const char *s)
{
	if (cols <= 0 || !s)
		return 0;
	char *clean = text_sanitize(s);
	if (!clean)
		return 0;
	int used;
	if ((int)text_width(clean) <= cols) {
		used = ui_draw_text(y, x, cols, clean);
	} else {
		size_t w = 0;
		size_t n = text_fit(clean, (size_t)(cols - 1), &w);
		mvaddnstr(y, x, clean, (int)n);
		mvaddstr(y, x + (int)w, "\u2026");
		used = (int)w + 1;
	}
	free(clean);
	return used;
}

int ui_attr_level(enum level l)
{
	static const short pair[LEVEL_COUNT] = {
		[LEVEL_AGREE] = PAIR_AGREE, [LEVEL_PARTLY_AGREE] = PAIR_AGREE_2,
		[LEVEL_PARTLY_DISAGREE] = PAIR_DISAGREE_2,
		[LEVEL_DISAGREE] = PAIR_DISAGREE,
	};
	if (!term.color || l >= LEVEL_COUNT || pair[l] == 0)
		return 0;
	return (int)COLOR_PAIR(pair[l]);
}

void ui_draw_center(int y, int x, int cols, const char *s)
{
	char *clean = text_sanitize(s ? s : "");
	if (!clean)
		return;
	int w = (int)text_width(clean);
	int off = w < cols ? (cols - w) / 2 : 0;
	ui_draw_text(y, x + off, cols - off, clean);
	free(clean);
}

void ui_draw_center_row(int y, int attr, const char *s)
{
	attron(attr);
	ui_draw_center(y, 0, COLS, s);
	attroff(attr);
}

/* The words of rest that fit in cols - 1 columns, then "…", at (y, x);
 * returns the columns used. */
static int draw_cut_row(int y, int x, int cols, const char *rest)
{
	size_t w = 0;
	size_t fit = text_fit(rest, (size_t)cols - 1, &w);
	size_t cut = fit;
	while (cut > 0 && rest[cut] != ' ')
		cut--;
	while (cut > 0 && rest[cut - 1] == ' ')
		cut--;
	if (cut == 0)
		cut = fit;  /* one word longer than the row: cut inside it */
	mvaddnstr(y, x, rest, (int)cut);
	int used = (int)text_width_n(rest, cut);
	mvaddstr(y, x + used, "\u2026");
	return used + 1;
}

/* Word-wraps s into rows y.. (at most `rows`); with `ellipsize` a text
 * that needs more rows ends in "…" on the last. *last_w (if not NULL):
 * the width of the last row drawn. Returns the rows used. */
static int draw_wrap(int y, int x, int cols, int rows, const char *s,
		     bool ellipsize, int *last_w)
{
	enum { MAXL = 64 };
	size_t starts[MAXL], lens[MAXL];
	if (last_w)
		*last_w = 0;
	if (!s || cols <= (ellipsize ? 1 : 0) || rows <= 0)
		return 0;
	char *clean = text_sanitize(s);
	if (!clean)
		return 0;
	size_t n = text_wrap(clean, (size_t)cols, starts, lens, MAXL);
	bool cut = ellipsize && n > (size_t)rows;
	n = n < MAXL ? n : MAXL;
	int used = 0;
	for (size_t i = 0; i < n && used < rows - (cut ? 1 : 0); i++, used++) {
		size_t w = 0;
		size_t fit = text_fit(clean + starts[i], (size_t)cols, &w);
		fit = fit < lens[i] ? fit : lens[i];
		if (fit > 0)
			mvaddnstr(y + used, x, clean + starts[i], (int)fit);
		if (last_w)
			*last_w = (int)text_width_n(clean + starts[i], fit);
	}
	if (cut) {
		int w = draw_cut_row(y + used++, x, cols, clean + starts[rows - 1]);
		if (last_w)
			*last_w = w;
	}
	free(clean);
	return used;
}

int ui_draw_wrapped(int y, int x, int cols, int rows, const char *s)
{
	return draw_wrap(y, x, cols, rows, s, false, NULL);
}

int ui_draw_wrapped_ellipsized(int y, int x, int cols, int rows, const char *s,
			       int *last_w)
{
	return draw_wrap(y, x, cols, rows, s, true, last_w);
}

void ui_draw_rule(int y, int x, int cols)
{
	/* A Unicode line, not ACS: some terminals in UTF-8 show ACS as "q". */
	for (int i = 0; i < cols; i++)
		mvaddstr(y, x + i, "\u2500");
}

void ui_draw_help(enum ui_ctx ctx, unsigned when)
{
	struct buf b = { 0 };
	ui_keys_help_when(ctx, when, COLS > 2 ? (size_t)COLS - 2 : 0, &b);
	move(LINES - 1, 0);
	clrtoeol();
	attron(A_REVERSE);
	mvhline(LINES - 1, 0, ' ', COLS);
	ui_draw_text(LINES - 1, 1, COLS - 2, buf_str(&b));
	attroff(A_REVERSE);
	buf_free(&b);
}

void ui_draw_cell(int y, int x, int cols, int v, bool blank, bool bold,
		  bool cursor)
{
	char s[32];
	if (!blank)
		snprintf(s, sizeof s, cursor ? "[%d]" : "%d", v);
	else
		snprintf(s, sizeof s, cursor ? "[ ]" : "\u00b7");
	if (cursor) {
		attron(ui_attr_cursor());
		mvhline(y, x, ' ', cols - 1);
	}
	if (bold && !cursor)
		attron(A_BOLD);
	ui_draw_center(y, x, cols - 1, s);
	attroff(A_BOLD);
	if (cursor)
		attroff(ui_attr_cursor());
}

/* The columns the bar's right part takes: the counts whole while the
 * title keeps a dozen columns; past that they too end in "…". */
static int bar_right_width(const char *right)
{
	int rw = (int)text_width(right);
	int most = COLS - 3 - 12 > COLS / 2 ? COLS - 3 - 12 : COLS / 2;
	return rw > most ? most : rw;
}

void ui_draw_bar(const char *left, const char *right, bool bold_right)
{
	int rw = bar_right_width(right);
	attron(A_REVERSE);
	mvhline(0, 0, ' ', COLS);
	/* The title gives way, with "…", two columns before the right part. */
	ui_draw_text_ellipsized(0, 0, COLS - rw - 3, left);
	if (bold_right)
		attron(A_BOLD);
	ui_draw_text_ellipsized(0, COLS - rw - 1, rw, right);
	attroff(A_BOLD);
	attroff(A_REVERSE);
}

void ui_fit_title(const char *title, int cols, char *out, size_t n)
{
	char *clean = text_sanitize(title ? title : "");
	snprintf(out, n, "%s", "");
	if (clean)
		rounds_fit_title(clean, cols, 4, out, n);
	free(clean);
}

void ui_draw_bar_title(const char *fmt, const char *title, const char *right,
		       bool bold_right)
{
	/* The screen's name whole: the session's title gives way first,
	 * keeping a few columns of its own. */
	char left[600], t[400];
	snprintf(left, sizeof left, fmt, "");
	int room = COLS - bar_right_width(right) - 3 - (int)text_width(left);
	ui_fit_title(title, room > 8 ? room : 8, t, sizeof t);
	snprintf(left, sizeof left, fmt, t);
	ui_draw_bar(left, right, bold_right);
}

/* A message in the row above the help line, after `mark`: too long for
 * its row, it takes the row above too, never cut. */
static void draw_status(const char *msg, bool error, const char *mark)
{
	if (!msg[0])
		return;
	int mw = (int)text_width(mark);
	int cols = COLS - 2 - mw;
	int rows = (int)text_width(msg) > cols ? 2 : 1;
	for (int r = 0; r < rows; r++) {
		move(LINES - 2 - r, 0);
		clrtoeol();
	}
	int a = error ? ui_attr_error() : (int)A_BOLD;
	attron(a);
	mvaddstr(LINES - 1 - rows, 1, mark);
	ui_draw_wrapped_ellipsized(LINES - 1 - rows, 1 + mw, cols, rows, msg, NULL);
	attroff(a);
}

void ui_draw_notice(const char *msg, bool error)
{
	draw_status(msg, error, error ? "! " : "");
}

void ui_draw_message(const struct ui_app *app)
{
	draw_status(app->msg, app->msg_is_error, "");
}

void ui_draw_cursor_forget(void)
{
	term.cursor_y = -1;
}

void ui_draw_cursor_at(int y, int x)
{
	term.cursor_y = y;
	term.cursor_x = x;
}

void ui_draw_cursor_place(void)
{
	/* curs_set writes to the terminal at once, but only on a change. */
	if (term.cursor_y < 0) {
		curs_set(0);
		return;
	}
	move(term.cursor_y, term.cursor_x);
	curs_set(1);
}

void ui_draw_too_small(void)
{
	erase();
	ui_draw_wrapped(0, 0, COLS, LINES,
			_("Make the window larger: tapla needs at least 56×16."));
}

/* Block digits, 5 rows by 5 columns each; '#' marks a filled cell. */
static const char *const font[11][5] = {
	{ "#####", "#   #", "#   #", "#   #", "#####" },
	{ "   # ", "  ## ", "   # ", "   # ", "  ###" },
	{ "#####", "    #", "#####", "#    ", "#####" },
	{ "#####", "    #", " ####", "    #", "#####" },
	{ "#   #", "#   #", "#####", "    #", "    #" },
	{ "#####", "#    ", "#####", "    #", "#####" },
	{ "#####", "#    ", "#####", "#   #", "#####" },
	{ "#####", "    #", "   # ", "  #  ", "  #  " },
	{ "#####", "#   #", "#####", "#   #", "#####" },
	{ "#####", "#   #", "#####", "    #", "#####" },
	{ "     ", "  #  ", "     ", "  #  ", "     " },
};

/* Draws one glyph of the font at (y, x). */
static void draw_glyph(int y, int x, int g)
{
	for (int r = 0; r < 5; r++)
		for (int c = 0; c < 5; c++)
			if (font[g][r][c] == '#')
				mvaddstr(y + r, x + c, "\u2588");
}

int ui_draw_big(int y, int x, const char *digits, bool draw)
{
	int w = 0;
	for (const char *p = digits; *p; p++) {
		int g = *p == ':' ? 10 : (*p >= '0' && *p <= '9') ? *p - '0' : -1;
		if (g < 0)
			continue;
		if (draw)
			draw_glyph(y, x + w, g);
		w += 6;
	}
	return w > 0 ? w - 1 : 0;
}

void ui_rows_add(struct ui_rows *rs, int attr, const char *text)
{
	if (rs->n == rs->cap) {
		size_t cap = rs->cap ? rs->cap * 2 : 64;
		struct ui_row *v = realloc(rs->v, cap * sizeof *v);
		if (!v) {
			rs->failed = true;
			return;
		}
		rs->v = v;
		rs->cap = cap;
	}
	char *copy = strdup(text);
	if (!copy) {
		rs->failed = true;
		return;
	}
	rs->v[rs->n].text = copy;
	rs->v[rs->n].attr = attr;
	rs->n++;
}

void ui_rows_free(struct ui_rows *rs)
{
	for (size_t i = 0; i < rs->n; i++)
		free(rs->v[i].text);
	free(rs->v);
	memset(rs, 0, sizeof *rs);
}

void ui_rows_draw(const struct ui_rows *rs, int *scroll)
{
	int rows = LINES - 4;
	int max_scroll = (int)rs->n > rows ? (int)rs->n - rows : 0;
	if (*scroll > max_scroll)
		*scroll = max_scroll;
	for (int i = 0; i < rows && *scroll + i < (int)rs->n; i++) {
		const struct ui_row *l = &rs->v[*scroll + i];
		attron(l->attr);
		ui_draw_text(2 + i, 1, COLS - 2, l->text);
		attroff(l->attr);
	}
	if (max_scroll > 0) {
		char more[60];
		snprintf(more, sizeof more, _("(%d–%d of %zu, ↑↓ scroll)"),
			 *scroll + 1, *scroll + rows, rs->n);
		ui_draw_text(1, COLS - (int)text_width(more) - 1, COLS / 2, more);
	}
}
