/* ui-help: the help screen, over the screen it was asked from, made from
 * the key table: it lists the keys of the context that screen's ops row
 * names. The keys stand in a column as wide as the widest of them, their
 * words wrapped in their own column beside it; a list too long for the
 * window goes into two columns side by side, and what still does not fit
 * scrolls with ↑↓, as its last line says. */
#include <curses.h>
#include <stdint.h>

#include "tapla/i18n.h"
#include "tapla/text.h"
#include "tapla/ui.h"

/* Most keys a context has; most rows one key's words wrap to. */
enum { HELP_KEYS = 64, HELP_WRAP = 8 };
/* Columns between the two columns of keys. */
enum { HELP_GAP = 3 };

/* The context the screen under the help wants listed (a screen that
 * opens the help has a ctx). */
static enum ui_ctx listed_ctx(const struct ui_app *app)
{
	const struct ui_screen_ops *under = ui_app_ops(app->under);
	return under->help_ctx ? under->help_ctx(app) : under->ctx(app);
}

/* Appends n spaces. */
static void spaces(struct buf *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		buf_putc(b, ' ');
}

/* Rows one key takes with its words wrapped to dw columns. */
static size_t entry_height(const struct ui_key_entry *e, size_t dw)
{
	size_t st[HELP_WRAP], ln[HELP_WRAP];
	size_t n = text_wrap(e->label, dw, st, ln, HELP_WRAP);
	n = n < HELP_WRAP ? n : HELP_WRAP;
	return n ? n : 1;
}

/* A key's rows into col: its keys padded to kw and two columns more, its
 * words wrapped to dw under their own column. */
static void add_entry(struct ui_rows *col, const struct ui_key_entry *e,
		      size_t kw, size_t dw)
{
	size_t st[HELP_WRAP], ln[HELP_WRAP];
	size_t n = text_wrap(e->label, dw, st, ln, HELP_WRAP);
	n = n < HELP_WRAP ? n : HELP_WRAP;
	for (size_t i = 0; i < (n ? n : 1); i++) {
		struct buf b = { 0 };
		buf_puts(&b, i == 0 ? e->keys : "");
		spaces(&b, kw + 2 - (i == 0 ? text_width(e->keys) : 0));
		if (n)
			buf_append(&b, e->label + st[i], ln[i]);
		ui_rows_add(col, 0, buf_str(&b));
		buf_free(&b);
	}
}

/* Where to part n keys into two columns so that the longer is shortest:
 * the first key of the right column. */
static size_t best_split(const struct ui_key_entry *e, size_t n, size_t dw)
{
	size_t total = 0, best = n, best_rows = SIZE_MAX, left = 0;
	for (size_t i = 0; i < n; i++)
		total += entry_height(&e[i], dw);
	for (size_t k = 1; k <= n; k++) {
		left += entry_height(&e[k - 1], dw);
		size_t rows = left > total - left ? left : total - left;
		if (rows < best_rows) {
			best_rows = rows;
			best = k;
		}
	}
	return best;
}

/* Keys [from, to) as one column's rows. */
static void add_column(struct ui_rows *col, const struct ui_key_entry *e,
		       size_t from, size_t to, size_t kw, size_t dw)
{
	for (size_t i = from; i < to; i++)
		add_entry(col, &e[i], kw, dw);
}

/* The keys into out, indented two columns: in one column if they fit in
 * `room` rows (or two columns would be too narrow), else in two. */
static void add_keys(struct ui_rows *out, const struct ui_key_entry *e,
		     size_t n, int room)
{
	size_t kw = 0;
	for (size_t i = 0; i < n; i++)
		kw = text_width(e[i].keys) > kw ? text_width(e[i].keys) : kw;
	size_t width = COLS > 6 ? (size_t)COLS - 6 : 1;
	size_t dw1 = width > kw + 2 + 8 ? width - kw - 2 : 8;
	size_t cw = width > HELP_GAP ? (width - HELP_GAP) / 2 : 1;
	size_t dw2 = cw > kw + 2 ? cw - kw - 2 : 0;
	struct ui_rows left = { 0 }, right = { 0 };
	add_column(&left, e, 0, n, kw, dw1);
	if ((int)left.n > room && dw2 >= 12) {
		ui_rows_free(&left);
		size_t k = best_split(e, n, dw2);
		add_column(&left, e, 0, k, kw, dw2);
		add_column(&right, e, k, n, kw, dw2);
	}
	size_t rows = left.n > right.n ? left.n : right.n;
	for (size_t i = 0; i < rows; i++) {
		struct buf b = { 0 };
		buf_puts(&b, " ");
		if (i < left.n)
			buf_puts(&b, left.v[i].text);
		if (i < right.n) {
			spaces(&b, cw + HELP_GAP - (i < left.n ? text_width(left.v[i].text) : 0));
			buf_puts(&b, right.v[i].text);
		}
		ui_rows_add(out, 0, buf_str(&b));
		buf_free(&b);
	}
	ui_rows_free(&left);
	ui_rows_free(&right);
}

/* Text wrapped to the window, one column in from the rows' margin. */
static void add_text(struct ui_rows *out, int attr, const char *s)
{
	size_t st[HELP_WRAP], ln[HELP_WRAP];
	size_t n = text_wrap(s, COLS > 6 ? (size_t)COLS - 6 : 1, st, ln, HELP_WRAP);
	for (size_t i = 0; i < n && i < HELP_WRAP; i++) {
		struct buf b = { 0 };
		buf_puts(&b, " ");
		buf_append(&b, s + st[i], ln[i]);
		ui_rows_add(out, attr, buf_str(&b));
		buf_free(&b);
	}
}

/* The turn's how-to, the keys, and at the bottom how to leave (and to
 * scroll, when the keys do not all fit). */
static void help_draw(struct ui_app *app)
{
	struct ui_rows rs = { 0 };
	struct ui_key_entry e[HELP_KEYS];
	size_t n = ui_keys_entries_when(listed_ctx(app), ui_app_when(app), e,
					HELP_KEYS);
	n = n < HELP_KEYS ? n : HELP_KEYS;
	add_text(&rs, 0, _("A turn takes a minute: write your name and press Enter; move with the arrow keys and type how many dots go in a box (0-9); Enter shows your ballot, Enter again saves it. SWOT notes are optional (Tab)."));
	ui_rows_add(&rs, 0, "");
	add_text(&rs, A_BOLD, _("Keys"));
	ui_rows_add(&rs, 0, "");
	int room = LINES - 4 - (int)rs.n;  /* ui_rows_draw's rows below those */
	add_keys(&rs, e, n, room);
	attron(ui_attr_title());
	ui_draw_text(0, 1, COLS - 2, _("tapla: help"));
	attroff(ui_attr_title());
	app->help.scrolls = (int)rs.n > LINES - 4;
	ui_rows_draw(&rs, &app->help.scroll);
	ui_rows_free(&rs);
	ui_draw_text(LINES - 2, 2, COLS - 4, app->help.scrolls ?
		     _("↑↓ scroll; any other key goes back.") :
		     _("Any key goes back."));
}

/* Opening: from the top. */
static bool help_open(struct ui_app *app)
{
	app->help.scroll = 0;
	app->help.scrolls = false;
	return true;
}

/* ↑↓ (and the page keys) scroll a help too long for the window; any
 * other key goes back; a paste is no key press. */
static unsigned help_key(struct ui_app *app, int key)
{
	if (key == UI_KEY_PASTE)
		return UI_NONE;
	if (app->help.scrolls) {
		int page = LINES - 5 > 1 ? LINES - 5 : 1;
		switch (key) {
		case UI_KEY_UP:
			app->help.scroll -= app->help.scroll > 0;
			return UI_REDRAW;
		case UI_KEY_DOWN:
			app->help.scroll++;  /* ui_rows_draw keeps it in range */
			return UI_REDRAW;
		case UI_KEY_PGUP:
			app->help.scroll = app->help.scroll > page ? app->help.scroll - page : 0;
			return UI_REDRAW;
		case UI_KEY_PGDN:
			app->help.scroll += page;
			return UI_REDRAW;
		default:
			break;
		}
	}
	return ui_app_goto(app, app->under);
}

const struct ui_screen_ops ui_help_screen = {
	.open = help_open, .draw = help_draw, .key = help_key, .over = true,
};
