/* cmd-tally: the paper sheet's "Yht." row for every sheet, and the ranking. */
#include <stdio.h>
#include <stdlib.h>

#include "tapla/cmd.h"
#include "tapla/i18n.h"

static int exec_tally(struct cmd_ctx *ctx, void *opts, int argc, char **argv)
{
	(void)opts;
	struct report r = { 0 };
	struct buf b = { 0 };
	int rc = cmd_load_one_report(ctx, &cmd_tally_entry, argc, argv, true, &r);
	return rc ? rc : cmd_emit_results(ctx, NULL, &r, &b,
		report_text(&r, NULL, cmd_output_width(120), &b));
}

const struct cmd_entry cmd_tally_entry = {
	.name = "tally",
	.synopsis = "ID",
	.summary = N_("show the totals of every sheet and the ranking"),
	.help = N_("For every sheet, the paper sheet's “Yht.” row: dots and people per\n"
		   "column, total dots, share of all dots, and the agreement score\n"
		   "(dotmocracy.org's idea rating): (10·agree + 5·partly-agree\n"
		   "− 5·partly-disagree − 10·disagree) / (all dots but unsure), from −10\n"
		   "to +10, none when only “unsure” dots. Sheets are ranked by dots,\n"
		   "then by agreement score.\n"),
	.exec = exec_tally,
};
