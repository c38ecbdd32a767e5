/* STUB: cmd-export */
#include "tapla/cmd.h"

static int exec_export(struct cmd_ctx *ctx, int argc, char **argv)
{
	(void)ctx; (void)argc; (void)argv;
	cmd_error("not yet");
	return CMD_EXIT_ENV;
}

const struct cmd_entry cmd_export_entry = {
	.name = "export", .synopsis = "", .summary = "export", .help = "",
	.exec = exec_export,
};
