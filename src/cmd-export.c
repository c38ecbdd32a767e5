/* cmd-export: a session's results as a file for other tools and people. */
#include <stdio.h>

#include "tapla/cmd.h"
#include "tapla/i18n.h"

/* The formats, json first (the default). */
enum export_format { FORMAT_JSON, FORMAT_CSV, FORMAT_MD, FORMAT_HTML };

static const struct cmd_choice formats[] = {
	{ "json", FORMAT_JSON },
	{ "csv", FORMAT_CSV },
	{ "md", FORMAT_MD },
	{ "html", FORMAT_HTML },
	{ NULL, 0 },
};

/* Each format's writer. */
static bool (*const writers[])(const struct report *r,
			       const struct report_options *o,
			       struct buf *out) = {
	[FORMAT_JSON] = report_json,
	[FORMAT_CSV] = report_csv,
	[FORMAT_MD] = report_markdown,
	[FORMAT_HTML] = report_html,
};

/* What the options ask for. */
struct export_opts {
	int format;  /* enum export_format */
	struct cmd_output out;
	struct report_options ro;
};

static const struct cmd_option export_options[] = {
	CMD_CHOICE("format", 'f', struct export_opts, format, formats,
		   N_("Unknown format “%s”: use json, csv, md or html.")),
	CMD_OUTPUT_OPTIONS(struct export_opts),
	CMD_FLAG("no-names", 0, struct export_opts, ro.no_names),
	CMD_SEPARATOR(struct export_opts, ro.csv_sep),
	CMD_FLAG("bom", 0, struct export_opts, ro.csv_bom),
	CMD_FLAG("tally", 0, struct export_opts, ro.csv_tally),
	CMD_OPTIONS_END,
};

static int exec_export(struct cmd_ctx *ctx, void *opts, int argc, char **argv)
{
	const struct export_opts *o = opts;
	struct report r = { 0 };
	struct buf b = { 0 };
	int rc = cmd_load_one_report(ctx, &cmd_export_entry, argc, argv, false, &r);
	return rc ? rc : cmd_emit_results(ctx, &o->out, &r, &b,
		writers[o->format](&r, &o->ro, &b));
}

const struct cmd_entry cmd_export_entry = {
	.name = "export",
	.synopsis = "ID [--format json|csv|md|html] [-o FILE [--force]] [--no-names]",
	.summary = N_("write a session's results as JSON, CSV, Markdown or HTML"),
	.help = N_("Options:\n"
		   "  --format FORMAT  json (default; layout “tapla-session/1”), csv,\n"
		   "                   md (Markdown for the minutes) or html (a report\n"
		   "                   with charts that prints on A4)\n"
		   "  -o, --output FILE  write to FILE (default: standard output)\n"
		   "  --force          replace FILE if it exists (never the database)\n"
		   "  --no-names       leave every name out\n"
		   "  --separator ;    CSV separator “,” (default) or “;” (a decimal comma)\n"
		   "  --bom            start CSV with a byte order mark for spreadsheets\n"
		   "  --tally          CSV of the tally, a row per sheet (default: ballots)\n"),
	.options = export_options,
	.opts_size = sizeof(struct export_opts),
	.exec = exec_export,
};
