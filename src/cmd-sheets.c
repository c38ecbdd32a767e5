/* cmd-sheets: the session's paper sheets to print, for a wall of sheets
 * beside the screen; transcribe them afterwards with tapla vote --paper or
 * tapla transcribe. */
#include <stdio.h>

#include "tapla/cmd.h"
#include "tapla/i18n.h"

/* What the options ask for. */
struct sheets_opts {
	struct cmd_output out;
};

static const struct cmd_option sheets_options[] = {
	CMD_OUTPUT_OPTIONS(struct sheets_opts),
	CMD_OPTIONS_END,
};

static int exec_sheets(struct cmd_ctx *ctx, void *opts, int argc, char **argv)
{
	const struct sheets_opts *o = opts;
	static const struct report_options ro = { 0 };
	struct report r = { 0 };
	struct buf b = { 0 };
	int rc = cmd_load_one_report(ctx, &cmd_sheets_entry, argc, argv, false, &r);
	return rc ? rc : cmd_emit_report(ctx, &o->out, &r, &b,
		report_print_sheets(&r, &ro, &b));
}

const struct cmd_entry cmd_sheets_entry = {
	.name = "sheets",
	.synopsis = "ID [-o FILE.html [--force]]",
	.summary = N_("write the session's paper sheets to print (HTML, one A4 page each)"),
	.help = N_("One A4 page per sheet in the session's language, laid out like the\n"
		   "seminar's paper sheet: the statement, the six columns, 25 signature\n"
		   "lines, the “Yht.” row, the SWOT boxes, and a sheet code to match a\n"
		   "transcription. Open the file in a browser and print it.\n"
		   "Enter the filled sheets with “tapla vote --paper” (one line per person)\n"
		   "or “tapla transcribe” (column totals when the names cannot be read).\n\n"
		   "Options:\n"
		   "  -o, --output FILE  write to FILE (default: standard output)\n"
		   "  --force          replace FILE if it exists (never the database)\n"),
	.options = sheets_options,
	.opts_size = sizeof(struct sheets_opts),
	.exec = exec_sheets,
};
