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
	static const struct option longopts[] = { CMD_COMMON_LONGOPTS, { NULL, 0, NULL, 0 } };
	int opt;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		int rc = cmd_common_option(ctx, &cmd_tally_entry, opt, argv);
		if (rc != -2)
			return rc;
	}
	if (optind + 1 != argc)
		return cmd_usage_error(&cmd_tally_entry, _("Give one session id."));
	int64_t id;
	char err[256];
	if (!args_parse_id(argv[optind], &id, err, sizeof err)) {
		cmd_error("%s", err);
		return CMD_EXIT_USAGE;
	}
	int rc = cmd_open_store(ctx, false);
	if (rc)
		return rc;
	struct report r = { 0 };
	enum store_status st = store_report(ctx->store, id, &r);
	if (st != STORE_OK)
		return cmd_store_failed(ctx, st);
	struct buf out;
	buf_init(&out);
	if (report_text(&r, NULL, output_width(), &out))
		rc = cmd_write_output(NULL, out.data, out.len);
	else {
		cmd_error(_("Out of memory while writing the tally."));
		rc = CMD_EXIT_ENV;
	}
	buf_free(&out);
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
