/* ui-help: the help screen, made from the key table. */
#include <curses.h>

#include "tapla/i18n.h"
#include "tapla/ui.h"

void ui_help_draw(struct ui_app *app)
{
	struct buf b = { 0 };
	enum ui_ctx ctxs[3];
	int n = 0;
	if (app->help_back == UI_SCREEN_CONSOLE)
		ctxs[n++] = app->unlocked ? UI_CTX_CONSOLE : UI_CTX_LOCKED_VOTE;
	else
		ctxs[n++] = UI_CTX_BALLOT;
	buf_printf(&b, "%s\n\n", _("A turn takes a minute: write your name and press Enter; move with the arrow keys and type how many dots go in a box (0-9); Enter shows your ballot, Enter again saves it. SWOT notes are optional (Tab)."));
	buf_printf(&b, "%s\n\n", _("Keys"));
	for (int i = 0; i < n; i++)
		ui_keys_lines(ctxs[i], &b);
	buf_printf(&b, "\n%s", _("Any key goes back."));
	attron(ui_attr_title());
	ui_draw_text(0, 1, COLS - 2, _("tapla: help"));
	attroff(ui_attr_title());
	int y = 2;
	const char *s = buf_str(&b);
	while (*s && y < LINES - 1) {
		const char *nl = s;
		while (*nl && *nl != '\n')
			nl++;
		char line[400];
		int len = (int)(nl - s) < (int)sizeof line - 1 ? (int)(nl - s) :
			  (int)sizeof line - 1;
		for (int i = 0; i < len; i++)
			line[i] = s[i];
		line[len] = '\0';
		y += ui_draw_wrapped(y, 2, COLS - 4, LINES - 1 - y, line);
		if (!line[0])
			y++;
		s = *nl ? nl + 1 : nl;
	}
	buf_free(&b);
}
