/* STUB: cmd-run */
#include "tapla/cmd.h"

static int exec_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	(void)ctx; (void)argc; (void)argv;
	cmd_error("not yet");
	return CMD_EXIT_ENV;
}

const struct cmd_entry cmd_run_entry = {
	.name = "run", .synopsis = "", .summary = "run", .help = "",
	.exec = exec_run,
};
