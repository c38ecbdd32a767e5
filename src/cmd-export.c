/* cmd-export: a session's results as a file for other tools and people. */
#include <stdio.h>
#include <string.h>

#include "tapla/cmd.h"
#include "tapla/i18n.h"

/* One export format: its name and writer. */
struct export_format {
	const char *name;
	bool (*write)(const struct report *r, const struct report_options *o,
		      struct buf *out);
};

static const struct export_format formats[] = {
	{ "json", report_json },
	{ "csv", report_csv },
	{ "md", report_markdown },
	{ "html", report_html },
	{ NULL, NULL },
};

static const struct export_format *find_format(const char *name)
{
	for (const struct export_format *f = formats; f->name; f++)
		if (strcmp(f->name, name) == 0)
			return f;
	return NULL;
}

/* What the options ask for. */
struct export_opts {
	const struct export_format *format;  /* NULL: json */
	struct cmd_output out;
	struct report_options ro;
};

/* --format json|csv|md|html. */
static int set_format(struct cmd_ctx *ctx, void *opts, const char *value)
{
	(void)ctx;
	struct export_opts *o = opts;
	o->format = find_format(value);
	if (!o->format)
		return cmd_usage_error(&cmd_export_entry,
			_("Unknown format “%s”: use json, csv, md or html."), value);
	return CMD_GO_ON;
}

/* --separator , or ; for CSV. */
static int set_separator(struct cmd_ctx *ctx, void *opts, const char *value)
{
	(void)ctx;
	return cmd_parse_separator(&cmd_export_entry, value,
				   &((struct export_opts *)opts)->ro.csv_sep);
}

static const struct cmd_option export_options[] = {
	CMD_CALL("format", 'f', true, set_format),
	CMD_OUTPUT_OPTIONS(struct export_opts),
	CMD_FLAG("no-names", 0, struct export_opts, ro.no_names),
	CMD_CALL("separator", 0, true, set_separator),
	CMD_FLAG("bom", 0, struct export_opts, ro.csv_bom),
	CMD_FLAG("tally", 0, struct export_opts, ro.csv_tally),
	CMD_OPTIONS_END,
};

static int exec_export(struct cmd_ctx *ctx, void *opts, int argc, char **argv)
{
	const struct export_opts *o = opts;
	const struct export_format *format = o->format ? o->format : &formats[0];
	struct report r = { 0 };
	struct buf b = { 0 };
	int rc = cmd_load_one_report(ctx, &cmd_export_entry, argc, argv, false, &r);
	if (rc)
		return rc;
	int64_t hidden = cmd_unseen_session(&r);
	rc = cmd_emit_report(ctx, &o->out, &r, &b,
		format->write(&r, &o->ro, &b));
	if (!rc)
		cmd_note_unseen(hidden);
	return rc;
}

const struct cmd_entry cmd_export_entry = {
	.name = "export",
	.synopsis = "ID [--format json|csv|md|html] [-o FILE [--force]] [--no-names]",
	.summary = N_("write a session's results as JSON, CSV, Markdown or HTML"),
	.help = N_("Options:\n"
		   "  --format FORMAT  json (default; layout \"tapla-session/1\"), csv,\n"
		   "                   md (Markdown for the minutes) or html (a report\n"
		   "                   with charts that prints on A4)\n"
		   "  -o, --output FILE  write to FILE (default: standard output)\n"
		   "  --force          replace FILE if it exists (never the database)\n"
		   "  --no-names       leave every name out\n"
		   "  --separator ;    CSV separator \",\" (default) or \";\" (a decimal comma)\n"
		   "  --bom            start CSV with a byte order mark for spreadsheets\n"
		   "  --tally          CSV of the tally, a row per sheet (default: ballots)\n"),
	.options = export_options,
	.opts_size = sizeof(struct export_opts),
	.exec = exec_export,
};
