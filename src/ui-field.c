/* ui-field: a line editor drawn as a one-line field, scrolled so that the
 * cursor stays visible, cropped by display width. */
#include <curses.h>
#include <string.h>

#include "tapla/text.h"
#include "tapla/ui.h"

/* Draws `n` bullets for a secret field. */
static void draw_secret(int y, int x, int cols, size_t chars)
{
	for (size_t i = 0; i < chars && (int)i < cols; i++)
		mvaddstr(y, x + (int)i, "\u2022");
}

void ui_field_draw(const struct lineedit *e, int y, int x, int cols,
		   bool focus, bool secret, size_t *scroll)
{
	if (cols <= 0)
		return;
	/* The empty rest is underlined, the text plain: a typed character
	 * then reaches the terminal as that character alone. */
	attron(A_UNDERLINE);
	mvhline(y, x, ' ', cols);
	attroff(A_UNDERLINE);
	const char *text = e->text ? e->text : "";
	int cx = x;
	if (secret) {
		size_t chars = lineedit_chars(e);
		draw_secret(y, x, cols - 1, chars);
		cx = x + (int)(chars < (size_t)cols - 1 ? chars : (size_t)cols - 1);
	} else {
		size_t off = lineedit_scroll(e, (size_t)cols - 1, *scroll);
		if (off > e->len)
			off = 0;
		*scroll = off;
		ui_draw_text(y, x, cols - 1, text + off);
		size_t before = lineedit_cursor_col(e);
		size_t skipped = 0;
		if (off > 0) {
			/* the display width of the prefix scrolled away */
			struct lineedit tmp = *e;
			tmp.cursor = off;
			skipped = lineedit_cursor_col(&tmp);
		}
		cx = x + (int)(before - skipped);
	}
	if (focus)
		ui_draw_cursor_at(y, cx);
}
