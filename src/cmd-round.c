/* cmd-round: the next round of a session, voted again after the room has
 * discussed the first; prints the new session's id alone. */
#include <stdio.h>

#include "tapla/cmd.h"
#include "tapla/i18n.h"

static int exec_round(struct cmd_ctx *ctx, void *opts, int argc, char **argv)
{
	(void)opts;
	if (argc != 1)
		return cmd_usage_error(&cmd_round_entry, _("Give one session id."));
	int64_t first = 0, id = 0;
	int rc = cmd_session_exists(ctx, argv[0], &first);
	if (rc)
		return rc;
	enum store_status st = store_session_next_round(ctx->store, first, &id);
	if (st != STORE_OK)
		return cmd_store_failed(ctx, st);
	printf("%lld\n", (long long)id);
	return CMD_EXIT_OK;
}

const struct cmd_entry cmd_round_entry = {
	.name = "round",
	.synopsis = "ID",
	.summary = N_("make the next round of a session and print its id"),
	.help = N_("After the room has discussed the results, vote again: the next round\n"
		   "is a new session with the same sheets, agenda, budget, rules, groups\n"
		   "and language, titled with its round (“... — round 2”) and linked to\n"
		   "the session it follows. Its tally and reports show per sheet what\n"
		   "changed since then: dots and people per column, share and agreement\n"
		   "score then -> now, and how many who signed both rounds (matched by\n"
		   "name; not in anonymous sessions) moved towards agreement (their own\n"
		   "agreement score on the sheet rose), towards disagreement (it fell) or\n"
		   "stayed. A session has at most one next round.\n"),
	.exec = exec_round,
};
