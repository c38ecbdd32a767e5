/* cmd-run: "tapla run [ID]" (and "tapla" alone) opens the workshop screen. */
#include <getopt.h>
#include <stdio.h>

#include "tapla/args.h"
#include "tapla/cmd.h"
#include "tapla/i18n.h"
#include "tapla/ui.h"

/* Parses the options and the optional session id. */
static int parse(struct cmd_ctx *ctx, int argc, char **argv, int64_t *id)
{
	int rc = cmd_parse_common_only(ctx, &cmd_run_entry, argc, argv);
	if (rc != -2)
		return rc;
	if (argc - optind > 1)
		return cmd_usage_error(&cmd_run_entry, "%s",
				       _("Give at most one session id."));
	*id = 0;
	if (optind < argc) {
		char err[256];
		if (!args_parse_id(argv[optind], id, err, sizeof err)) {
			cmd_error("%s", err);
			return CMD_EXIT_USAGE;
		}
	}
	return -2;
}

static int exec_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	int64_t id = 0;
	int rc = parse(ctx, argc, argv, &id);
	if (rc != -2)
		return rc;
	rc = cmd_open_store(ctx, false);
	if (rc != CMD_EXIT_OK)
		return rc;
	if (id > 0) {
		struct session s;
		rc = cmd_load_session(ctx, argv[optind], &s);
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
