/* cmd-run: "tapla run [ID]" (and "tapla" alone) opens the workshop screen. */
#include <stdio.h>

#include "tapla/args.h"
#include "tapla/cmd.h"
#include "tapla/i18n.h"
#include "tapla/ui.h"

/* The optional session id. */
static int parse(int argc, char **argv, int64_t *id)
{
	if (argc > 1)
		return cmd_usage_error(&cmd_run_entry, "%s",
				       _("Give at most one session id."));
	*id = 0;
	if (argc == 1) {
		char err[256];
		if (!args_parse_id(argv[0], id, err, sizeof err)) {
			cmd_error("%s", err);
			return CMD_EXIT_USAGE;
		}
	}
	return CMD_GO_ON;
}

static int exec_run(struct cmd_ctx *ctx, void *opts, int argc, char **argv)
{
	int64_t id = 0;
	(void)opts;
	int rc = parse(argc, argv, &id);
	if (rc != CMD_GO_ON)
		return rc;
	rc = cmd_open_store(ctx, false);
	if (rc != CMD_EXIT_OK)
		return rc;
	if (id > 0) {
		struct session s;
		rc = cmd_load_session(ctx, argv[0], &s);
		if (rc != CMD_EXIT_OK)
			return rc;
		rules_session_free(&s);
	}
	char msg[700];
	rc = ui_run(ctx->store, id, ctx->lang != NULL, msg, sizeof msg);
	if (rc != CMD_EXIT_OK && msg[0])
		cmd_error("%s", msg);
	return rc;
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
