/* STUB: cmd-tally */
#include "tapla/cmd.h"

static int exec_tally(struct cmd_ctx *ctx, int argc, char **argv)
{
	(void)ctx; (void)argc; (void)argv;
	cmd_error("not yet");
	return CMD_EXIT_ENV;
}

const struct cmd_entry cmd_tally_entry = {
	.name = "tally", .synopsis = "", .summary = "tally", .help = "",
	.exec = exec_tally,
};
