/* ui-help: the help screen, over the screen it was asked from, made from
 * the key table: it lists the keys of the context that screen's ops row
 * names. */
#include <curses.h>

#include "tapla/i18n.h"
#include "tapla/ui.h"

/* The context the screen under the help wants listed (a screen that
 * opens the help has a ctx). */
static enum ui_ctx listed_ctx(const struct ui_app *app)
{
	const struct ui_screen_ops *under = ui_app_ops(app->under);
	return under->help_ctx ? under->help_ctx(app) : under->ctx(app);
}

/* The turn's how-to, the keys, then how to leave, wrapped to the window. */
static void help_draw(struct ui_app *app)
{
	struct buf b = { 0 };
	buf_printf(&b, "%s\n\n", _("A turn takes a minute: write your name and press Enter; move with the arrow keys and type how many dots go in a box (0-9); Enter shows your ballot, Enter again saves it. SWOT notes are optional (Tab)."));
	buf_printf(&b, "%s\n\n", _("Keys"));
	ui_keys_lines_when(listed_ctx(app), ui_app_when(app), &b);
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

/* Any key goes back; a paste is no key press. */
static unsigned help_key(struct ui_app *app, int key)
{
	if (key == UI_KEY_PASTE)
		return UI_NONE;
	return ui_app_goto(app, app->under);
}

const struct ui_screen_ops ui_help_screen = {
	.draw = help_draw, .key = help_key, .over = true,
};
