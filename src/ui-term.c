/* ui-term: what the app asks of the terminal beyond drawing: never to
 * scroll rows of a ballot, and to forget the rows it saved. */
#include <curses.h>
#include <stdio.h>

#include "tapla/ui.h"

/* curses scrolls the terminal when rows it drew move up or down (a grid
 * scrolled by one): forgetting what those rows showed makes it redraw
 * them in place instead, so nothing reaches the terminal's history. */
void ui_term_forget_rows(int y, int n)
{
	if (y < 0 || n <= 0 || y >= LINES)
		return;
	if (y + n > LINES)
		n = LINES - y;
	wredrawln(stdscr, y, n);
}

/* E3 (\033[3J) where the terminal has it: its saved lines are cleared. */
void ui_term_clear_history(void)
{
	char *e3 = tigetstr("E3");
	if (!e3 || e3 == (char *)-1)
		return;
	putp(e3);
	fflush(stdout);
}
