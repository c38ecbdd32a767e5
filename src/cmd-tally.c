/* cmd-tally: the paper sheet's "Yht." row for every sheet, and the ranking. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "tapla/args.h"
#include "tapla/cmd.h"
#include "tapla/i18n.h"

/* The terminal's width, or 80 when stdout is not a terminal. */
static size_t output_width(void)
{
	struct winsize ws;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col >= 60)
		return ws.ws_col > 120 ? 120 : ws.ws_col;
	return 80;
}

static int exec_tally(struct cmd_ctx *ctx, int argc, char **argv)
{
	int rc = cmd_parse_common_only(ctx, &cmd_tally_entry, argc, argv);
	if (rc != -2)
		return rc;
	if (optind + 1 != argc)
		return cmd_usage_error(&cmd_tally_entry, _("Give one session id."));
	struct report r = { 0 };
	rc = cmd_load_report(ctx, argv[optind], true, &r);
	if (rc)
		return rc;
	cmd_note_unseen(&r);
	struct buf out;
	buf_init(&out);
	rc = cmd_emit(NULL, &out, report_text(&r, NULL, output_width(), &out));
	report_free(&r);
	return rc;
}

const struct cmd_entry cmd_tally_entry = {
	.name = "tally",
	.synopsis = "ID",
	.summary = N_("show the totals of every sheet and the ranking"),
	.help = N_("For every sheet, the paper sheet's \"Yht.\" row: dots and people per\n"
		   "column, total dots, share of all dots, and the agreement score\n"
		   "(dotmocracy.org's idea rating): (10*agree + 5*partly-agree\n"
		   "- 5*partly-disagree - 10*disagree) / (all dots but unsure), from -10\n"
		   "to +10, none when only \"unsure\" dots. Sheets are ranked by dots,\n"
		   "then by agreement score.\n"),
	.exec = exec_tally,
};
