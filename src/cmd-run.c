/* cmd-run: "tapla run [ID]" (and "tapla" alone) opens the workshop screen. */
#include <stdio.h>

#include "tapla/cmd.h"
#include "tapla/i18n.h"
#include "tapla/ui.h"
#include "tapla/web.h"

/* Phone voting for the console: the phone server on every address of
 * the machine, on a free port. */
static void *phone_start(const char *db_path, int64_t id, char *err, size_t n)
{
	const struct web_config cfg = { .db_path = db_path, .session = id };
	return web_start(&cfg, err, n);
}

/* The server's join address. */
static const char *phone_url(void *server)
{
	return web_join_url(server);
}

/* Stops the server. */
static void phone_stop(void *server)
{
	web_stop(server);
}

static const struct ui_phone_ops phone_ops = {
	.start = phone_start, .url = phone_url, .stop = phone_stop,
};

/* The workshop screen with phone voting (cmd_run_screen's shape). */
static int run_with_phones(struct store *st, int64_t id, bool lang_fixed,
			   char *msg, size_t n)
{
	return ui_run(st, id, lang_fixed, &phone_ops, msg, n);
}

static int exec_run(struct cmd_ctx *ctx, void *opts, int argc, char **argv)
{
	(void)opts;
	if (argc > 1)
		return cmd_usage_error(&cmd_run_entry, "%s",
				       _("Give at most one session id."));
	return cmd_run_screen(ctx, argc == 1 ? argv[0] : NULL, run_with_phones);
}

const struct cmd_entry cmd_run_entry = {
	.name = "run",
	.synopsis = "[ID]",
	.summary = N_("open the workshop screen (the default command)"),
	.help = N_("Opens the full-screen workshop: pick a recent session or make a\n"
		   "new one, run the agenda and its timer, let participants vote one\n"
		   "at a time at this computer, and show the results.\n"
		   "With ID, opens that session at once.\n"),
	.exec = exec_run,
};
