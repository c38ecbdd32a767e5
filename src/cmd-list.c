/* STUB: cmd-list */
#include "tapla/cmd.h"

static int exec_list(struct cmd_ctx *ctx, int argc, char **argv)
{
	(void)ctx; (void)argc; (void)argv;
	cmd_error("not yet");
	return CMD_EXIT_ENV;
}

const struct cmd_entry cmd_list_entry = {
	.name = "list", .synopsis = "", .summary = "list", .help = "",
	.exec = exec_list,
};
