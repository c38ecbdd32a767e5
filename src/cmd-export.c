/* cmd-export: a session's results as a file for other tools and people. */
#include <getopt.h>
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
struct export_args {
	const struct export_format *format;
	const char *output;
	struct report_options ro;
};

static int parse_export_options(struct cmd_ctx *ctx, int argc, char **argv,
				struct export_args *a)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "no-names", no_argument, NULL, 'n' },
		{ "separator", required_argument, NULL, 's' },
		{ "bom", no_argument, NULL, 'B' },
		{ "tally", no_argument, NULL, 'T' },
		CMD_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	int opt;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":f:o:h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'f':
			a->format = find_format(optarg);
			if (!a->format)
				return cmd_usage_error(&cmd_export_entry,
					_("Unknown format \"%s\": use json, csv, md or html."), optarg);
			break;
		case 'o': a->output = optarg; break;
		case 'n': a->ro.no_names = true; break;
		case 'B': a->ro.csv_bom = true; break;
		case 'T': a->ro.csv_tally = true; break;
		case 's':
			if (strcmp(optarg, ",") != 0 && strcmp(optarg, ";") != 0)
				return cmd_usage_error(&cmd_export_entry,
					_("The separator must be \",\" or \";\"."));
			a->ro.csv_sep = optarg[0];
			break;
		default: {
			int rc = cmd_common_option(ctx, &cmd_export_entry, opt, argv);
			if (rc != -2)
				return rc;
		}
		}
	}
	return -2;
}

static int exec_export(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct export_args a = { .format = &formats[0] };
	int rc = parse_export_options(ctx, argc, argv, &a);
	if (rc != -2)
		return rc;
	if (optind + 1 != argc)
		return cmd_usage_error(&cmd_export_entry, _("Give one session id."));
	struct report r = { 0 };
	rc = cmd_load_report(ctx, argv[optind], false, &r);
	if (rc)
		return rc;
	cmd_note_unseen(&r);
	struct buf out;
	buf_init(&out);
	rc = cmd_emit(a.output, &out, a.format->write(&r, &a.ro, &out));
	report_free(&r);
	return rc;
}

const struct cmd_entry cmd_export_entry = {
	.name = "export",
	.synopsis = "ID [--format json|csv|md|html] [-o FILE] [--no-names]",
	.summary = N_("write a session's results as JSON, CSV, Markdown or HTML"),
	.help = N_("Options:\n"
		   "  --format FORMAT  json (default; layout \"tapla-session/1\"), csv,\n"
		   "                   md (Markdown for the minutes) or html (a report\n"
		   "                   with charts that prints on A4)\n"
		   "  -o, --output FILE  write to FILE (default: standard output)\n"
		   "  --no-names       leave every name out\n"
		   "  --separator ;    CSV separator \",\" (default) or \";\" (a decimal comma)\n"
		   "  --bom            start CSV with a byte order mark for spreadsheets\n"
		   "  --tally          CSV of the tally, a row per sheet (default: ballots)\n"),
	.exec = exec_export,
};
