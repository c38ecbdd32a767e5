/* STUB: cmd-new */
#include "tapla/cmd.h"

static int exec_new(struct cmd_ctx *ctx, int argc, char **argv)
{
	(void)ctx; (void)argc; (void)argv;
	cmd_error("not yet");
	return CMD_EXIT_ENV;
}

const struct cmd_entry cmd_new_entry = {
	.name = "new", .synopsis = "", .summary = "new", .help = "",
	.exec = exec_new,
};
