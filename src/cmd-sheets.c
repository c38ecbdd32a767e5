/* cmd-sheets: the session's paper sheets to print, for a wall of sheets
 * beside the screen; transcribe them afterwards with tapla vote --paper or
 * tapla transcribe. */
#include <getopt.h>
#include <stdio.h>

#include "tapla/cmd.h"
#include "tapla/i18n.h"

static int exec_sheets(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		CMD_FORCE_LONGOPT,
		CMD_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	const char *output = NULL;
	int opt;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":o:h", longopts, NULL)) != -1) {
		if (opt == 'o') {
			output = optarg;
			continue;
		}
		int rc = cmd_common_option(ctx, &cmd_sheets_entry, opt, argv);
		if (rc != -2)
			return rc;
	}
	if (optind + 1 != argc)
		return cmd_usage_error(&cmd_sheets_entry, _("Give one session id."));
	struct report r = { 0 };
	int rc = cmd_load_report(ctx, argv[optind], false, &r);
	if (rc)
		return rc;
	struct report_options ro = { 0 };
	struct buf out;
	buf_init(&out);
	rc = cmd_emit(ctx, output, &out, report_print_sheets(&r, &ro, &out));
	report_free(&r);
	return rc;
}

const struct cmd_entry cmd_sheets_entry = {
	.name = "sheets",
	.synopsis = "ID [-o FILE.html [--force]]",
	.summary = N_("write the session's paper sheets to print (HTML, one A4 page each)"),
	.help = N_("One A4 page per sheet in the session's language, laid out like the\n"
		   "seminar's paper sheet: the statement, the six columns, 25 signature\n"
		   "lines, the \"Yht.\" row, the SWOT boxes, and a sheet code to match a\n"
		   "transcription. Open the file in a browser and print it.\n"
		   "Enter the filled sheets with \"tapla vote --paper\" (one line per person)\n"
		   "or \"tapla transcribe\" (column totals when the names cannot be read).\n\n"
		   "Options:\n"
		   "  -o, --output FILE  write to FILE (default: standard output)\n"
		   "  --force          replace FILE if it exists (never the database)\n"),
	.exec = exec_sheets,
};
