/* STUB: cmd-templates */
#include "tapla/cmd.h"

static int exec_templates(struct cmd_ctx *ctx, int argc, char **argv)
{
	(void)ctx; (void)argc; (void)argv;
	cmd_error("not yet");
	return CMD_EXIT_ENV;
}

const struct cmd_entry cmd_templates_entry = {
	.name = "templates", .synopsis = "", .summary = "templates", .help = "",
	.exec = exec_templates,
};
