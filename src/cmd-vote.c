/* STUB: cmd-vote */
#include "tapla/cmd.h"

static int exec_vote(struct cmd_ctx *ctx, int argc, char **argv)
{
	(void)ctx; (void)argc; (void)argv;
	cmd_error("not yet");
	return CMD_EXIT_ENV;
}

const struct cmd_entry cmd_vote_entry = {
	.name = "vote", .synopsis = "", .summary = "vote", .help = "",
	.exec = exec_vote,
};
