/* cmd-compare: sessions of one template side by side. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "tapla/cmd.h"
#include "tapla/compare.h"
#include "tapla/i18n.h"

#define MAX_SESSIONS 64

enum compare_format { FORMAT_TEXT, FORMAT_CSV, FORMAT_HTML };

/* What the options ask for. */
struct compare_args {
	enum compare_format format;
	const char *output;
	struct report_options ro;
};

/* A --format value, or -1. */
static int parse_format(const char *s)
{
	if (strcmp(s, "text") == 0)
		return FORMAT_TEXT;
	if (strcmp(s, "csv") == 0)
		return FORMAT_CSV;
	if (strcmp(s, "html") == 0)
		return FORMAT_HTML;
	return -1;
}

/* The options of compare besides the common ones; -2 to go on. */
static int compare_option(int opt, struct compare_args *a)
{
	int f;
	switch (opt) {
	case 'f':
		if ((f = parse_format(optarg)) < 0)
			return cmd_usage_error(&cmd_compare_entry,
				_("Unknown format \"%s\": use text, csv or html."), optarg);
		a->format = (enum compare_format)f;
		return -2;
	case 'o': a->output = optarg; return -2;
	case 'B': a->ro.csv_bom = true; return -2;
	case 's':
		if (strcmp(optarg, ",") != 0 && strcmp(optarg, ";") != 0)
			return cmd_usage_error(&cmd_compare_entry,
				_("The separator must be \",\" or \";\"."));
		a->ro.csv_sep = optarg[0];
		return -2;
	default:
		return -1;
	}
}

static int parse_compare_options(struct cmd_ctx *ctx, int argc, char **argv,
				 struct compare_args *a)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "separator", required_argument, NULL, 's' },
		{ "bom", no_argument, NULL, 'B' },
		CMD_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	int opt;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":f:o:h", longopts, NULL)) != -1) {
		int rc = compare_option(opt, a);
		if (rc == -1)
			rc = cmd_common_option(ctx, &cmd_compare_entry, opt, argv);
		if (rc != -2)
			return rc;
	}
	return -2;
}

/* The terminal's width, or 80 when stdout is not a terminal. */
static size_t output_width(void)
{
	struct winsize ws;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col >= 60)
		return ws.ws_col > 160 ? 160 : ws.ws_col;
	return 80;
}

/* Loads every session named on the command line; 0 or the exit status. */
static int load_all(struct cmd_ctx *ctx, char **ids, size_t n,
		    struct report *r)
{
	int rc = cmd_open_store(ctx, true);
	for (size_t i = 0; !rc && i < n; i++) {
		rc = cmd_load_report(ctx, ids[i], false, &r[i]);
		if (!rc)
			cmd_note_unseen(&r[i]);
		for (size_t k = 0; !rc && k < i; k++)
			if (r[k].session.id == r[i].session.id)
				rc = cmd_usage_error(&cmd_compare_entry,
					_("Session %lld is given twice."),
					(long long)r[i].session.id);
	}
	return rc;
}

/* Writes the comparison in the chosen format. */
static int write_comparison(const struct compare_args *a,
			    const struct report *r, size_t n)
{
	struct buf out;
	buf_init(&out);
	bool ok;
	if (a->format == FORMAT_CSV)
		ok = compare_csv(r, n, &a->ro, &out);
	else if (a->format == FORMAT_HTML)
		ok = compare_html(r, n, &out);
	else
		ok = compare_text(r, n, a->output ? 80 : output_width(), &out);
	return cmd_emit(a->output, &out, ok);
}

static int exec_compare(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct compare_args a = { .format = FORMAT_TEXT };
	int rc = parse_compare_options(ctx, argc, argv, &a);
	if (rc != -2)
		return rc;
	size_t n = (size_t)(argc - optind);
	if (n < 2 || n > MAX_SESSIONS)
		return cmd_usage_error(&cmd_compare_entry,
			_("Give two to %d session ids."), MAX_SESSIONS);
	struct report *r = calloc(n, sizeof *r);
	if (!r) {
		cmd_error(_("There is not enough memory to write the results; close other programs and try again."));
		return CMD_EXIT_ENV;
	}
	rc = load_all(ctx, argv + optind, n, r);
	char err[512];
	if (!rc && !compare_check(r, n, err, sizeof err)) {
		cmd_error("%s", err);
		rc = CMD_EXIT_USAGE;
	}
	if (!rc)
		rc = write_comparison(&a, r, n);
	for (size_t i = 0; i < n; i++)
		report_free(&r[i]);
	free(r);
	return rc;
}

const struct cmd_entry cmd_compare_entry = {
	.name = "compare",
	.synopsis = "ID ID... [--format text|csv|html] [-o FILE]",
	.summary = N_("put sessions of one template side by side"),
	.help = N_("For every sheet, each session's dots, people, share of its dots,\n"
		   "agreement score and rank, side by side. The sessions must use the\n"
		   "same template with the same sheets.\n\n"
		   "Options:\n"
		   "  --format FORMAT    text (default), csv or html (one self-contained page)\n"
		   "  -o, --output FILE  write to FILE (default: standard output)\n"
		   "  --separator ;      CSV separator \",\" (default) or \";\" (a decimal comma)\n"
		   "  --bom              start CSV with a byte order mark for spreadsheets\n"),
	.exec = exec_compare,
};
