/* cmd-run: the workshop screen (placeholder until the screens land). */
#include "tapla/cmd.h"
#include "tapla/i18n.h"

static int exec_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	int rc = cmd_parse_common_only(ctx, &cmd_run_entry, argc, argv);
	if (rc != -2)
		return rc;
	cmd_error("The workshop screen is not in this build yet; use the commands (tapla --help).");
	return CMD_EXIT_ENV;
}

const struct cmd_entry cmd_run_entry = {
	.name = "run", .synopsis = "[ID]",
	.summary = N_("open the workshop screen"), .help = "",
	.exec = exec_run,
};
