/* cmd-list: the sessions in the database, newest first. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "tapla/cmd.h"
#include "tapla/i18n.h"
#include "tapla/rounds.h"
#include "tapla/text.h"

/* The columns' headings, translated; each column is as wide as the
 * widest of its heading and what it holds, by display width. */
struct columns {
	const char *id, *created, *tpl, *voted, *budget, *mode, *title;
	int w_id, w_tpl, w_voted, w_budget, w_mode;
	int width;  /* a row's columns on a terminal; 0: titles whole */
	bool own_line;  /* titles on a line of their own under each row */
};

/* Prints s padded with spaces to `w` display columns. */
static void put_padded(const char *s, int w)
{
	fputs(s, stdout);
	for (int k = (int)text_width(s); k < w; k++)
		putchar(' ');
}

/* Prints s after spaces, right-aligned in `w` display columns. */
static void put_right(const char *s, int w)
{
	for (int k = (int)text_width(s); k < w; k++)
		putchar(' ');
	fputs(s, stdout);
}

/* The wider of a heading and `least` display columns. */
static int width_of(const char *heading, int least)
{
	int w = (int)text_width(heading);
	return w > least ? w : least;
}

/* The mode as a word of the user's language ("weighted", "painotettu"). */
static const char *mode_word(enum mode m)
{
	return m == MODE_CLASSIC ? _("classic") : _("weighted");
}

/* The fewest columns a title gets beside the row on a terminal. */
enum { TITLE_LEAST = 24 };

/* The columns a row takes before its title. */
static int title_column(const struct columns *c)
{
	return c->w_id + 2 + 10 + 2 + c->w_tpl + 2 + c->w_voted + 2 + c->w_budget +
	       2 + c->w_mode + 2;
}

/* The headings and the widths they need. */
static void columns_init(struct columns *c)
{
	c->id = _("id");
	c->created = _("created");
	c->tpl = _("template");
	/* Two columns, each saying what its number is (issue 13.4). */
	c->voted = _("voted");
	c->budget = _("dots each");
	c->mode = _("mode");
	c->title = _("title");
	c->w_id = width_of(c->id, 4);
	c->w_tpl = width_of(c->tpl, 8);
	c->w_voted = width_of(c->voted, 5);
	c->w_budget = width_of(c->budget, 2);
	int wm = (int)text_width(mode_word(MODE_WEIGHTED));
	int wc = (int)text_width(mode_word(MODE_CLASSIC));
	c->w_mode = wm > wc ? wm : wc;
	if ((int)text_width(c->mode) > c->w_mode)
		c->w_mode = (int)text_width(c->mode);
	/* A terminal sees each session on one row (issue 13.4); a pipe or a
	 * file gets the titles whole, for scripts. */
	c->width = isatty(STDOUT_FILENO) ? (int)cmd_output_width(1000) : 0;
	/* Too little room beside the columns (Finnish headings are long):
	 * every title takes a line of its own, readable, not "R… (suljettu)". */
	c->own_line = c->width > 0 &&
		      c->width - title_column(c) - (int)text_width(_(" (closed)")) <
		      TITLE_LEAST;
}

/* Prints the title `gap` spaces after the mode, with its closed flag; on a
 * terminal the title gives way with "…" to end the row at the width,
 * keeping its round mark and the flag whole. */
static void put_title(int gap, const struct columns *c, const char *title,
		      const char *flag)
{
	if (c->width <= 0) {
		printf("%*s%s%s\n", gap, "", title, flag);
		return;
	}
	int room = c->width - title_column(c) - (int)text_width(flag);
	if (c->own_line) {
		printf("\n%*s", c->w_id + 2, "");
		room = c->width - (c->w_id + 2) - (int)text_width(flag);
	} else {
		printf("%*s", gap, "");
	}
	/* The round tells rows apart better than the words: "… — kierros 2". */
	char fit[1200];
	rounds_fit_title(title, room, 0, fit, sizeof fit);
	printf("%s%s\n", fit, flag);
}

/* The heading line. */
static void print_heading(const struct columns *c)
{
	put_right(c->id, c->w_id);
	printf("  ");
	put_padded(c->created, 10);
	printf("  ");
	put_padded(c->tpl, c->w_tpl);
	printf("  ");
	put_right(c->voted, c->w_voted);
	printf("  ");
	put_right(c->budget, c->w_budget);
	printf("  ");
	if (c->own_line)
		printf("%s\n%*s%s\n", c->mode, c->w_id + 2, "", c->title);
	else {
		put_padded(c->mode, c->w_mode);
		printf("  %s\n", c->title);
	}
}

/* Prints one session as a line: id, date, template, voters, dots each,
 * mode, title. Every stored
 * string is sanitized: another writer may have put escapes in any of them. */
static void print_session(const struct columns *c, const struct session *s)
{
	char *title = text_sanitize(s->title);
	char *created = text_sanitize(s->created);
	char *tpl = text_sanitize(s->template_name);
	char voted[16], budget[16];
	snprintf(voted, sizeof voted, "%d", s->participants);
	snprintf(budget, sizeof budget, "%d", s->budget);
	printf("%*lld  %-10.10s  ", c->w_id, (long long)s->id, created ? created : "");
	put_padded(tpl ? tpl : "", c->w_tpl);
	printf("  ");
	put_right(voted, c->w_voted);
	printf("  ");
	put_right(budget, c->w_budget);
	printf("  ");
	const char *mode = mode_word(s->mode);
	fputs(mode, stdout);
	put_title(c->w_mode - (int)text_width(mode) + 2, c, title ? title : "", s->closed[0] ? _(" (closed)") : "");
	free(title);
	free(created);
	free(tpl);
}

static int exec_list(struct cmd_ctx *ctx, void *opts, int argc, char **argv)
{
	(void)opts;
	(void)argv;
	if (argc != 0)
		return cmd_usage_error(&cmd_list_entry, _("“list” takes no arguments."));
	int rc = cmd_open_store(ctx, false);
	if (rc)
		return rc;
	struct session *list = NULL;
	size_t n = 0;
	enum store_status st = store_session_list(ctx->store, &list, &n);
	if (st != STORE_OK)
		return cmd_store_failed(ctx, st);
	if (n == 0)
		printf("%s\n", _("No sessions yet: create one with tapla new \"TITLE\"."));
	struct columns c;
	columns_init(&c);
	if (n > 0)
		print_heading(&c);
	for (size_t i = 0; i < n; i++) {
		print_session(&c, &list[i]);
		rules_session_free(&list[i]);
	}
	free(list);
	return CMD_EXIT_OK;
}

const struct cmd_entry cmd_list_entry = {
	.name = "list",
	.synopsis = "",
	.summary = N_("list the sessions, newest first"),
	.help = "",
	.exec = exec_list,
};
