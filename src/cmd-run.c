/* cmd-run: "tapla run [ID]" (and "tapla" alone) opens the workshop screen. */
#include <stdio.h>

#include "tapla/cmd.h"
#include "tapla/i18n.h"
#include "tapla/ui.h"

static int exec_run(struct cmd_ctx *ctx, void *opts, int argc, char **argv)
{
	int64_t id = 0;
	(void)opts;
	if (argc > 1)
		return cmd_usage_error(&cmd_run_entry, "%s",
				       _("Give at most one session id."));
	int rc = argc == 1 ? cmd_session_exists(ctx, argv[0], &id) :
			     cmd_open_store(ctx, false);
	return rc != CMD_EXIT_OK ? rc : cmd_run_screen(ctx, id, ui_run);
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
