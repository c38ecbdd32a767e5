/* cmd-compare: sessions of one template side by side. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tapla/assets.h"
#include "tapla/cmd.h"
#include "tapla/compare.h"
#include "tapla/i18n.h"

#define MAX_SESSIONS 64

enum compare_format { FORMAT_TEXT, FORMAT_CSV, FORMAT_HTML };

/* What the options ask for. */
struct compare_opts {
	int format;  /* enum compare_format */
	struct cmd_output out;
	struct report_options ro;
};

static const struct cmd_choice formats[] = {
	{ "text", FORMAT_TEXT },
	{ "csv", FORMAT_CSV },
	{ "html", FORMAT_HTML },
	{ NULL, 0 },
};

static const struct cmd_option compare_options[] = {
	CMD_CHOICE("format", 'f', struct compare_opts, format, formats,
		   N_("Unknown format “%s”: use text, csv or html.")),
	CMD_OUTPUT_OPTIONS(struct compare_opts),
	CMD_SEPARATOR(struct compare_opts, ro.csv_sep),
	CMD_FLAG("bom", 0, struct compare_opts, ro.csv_bom),
	CMD_OPTIONS_END,
};

/* Loads every session named on the command line; 0 or the exit status. */
static int load_all(struct cmd_ctx *ctx, char **ids, size_t n,
		    struct report *r)
{
	int rc = cmd_open_store(ctx, true);
	for (size_t i = 0; !rc && i < n; i++) {
		rc = cmd_load_report(ctx, ids[i], false, &r[i]);
		for (size_t k = 0; !rc && k < i; k++)
			if (r[k].session.id == r[i].session.id)
				rc = cmd_usage_error(&cmd_compare_entry,
					_("Session %lld is given twice."),
					(long long)r[i].session.id);
	}
	return rc;
}

/* The template's sheet keys for a session whose sheets are, word for
 * word, its template's in its language: then a session of the same
 * template in another language matches it sheet by sheet. A template that
 * cannot be read, or that has changed since, gives no keys (the sessions
 * then compare by their texts). */
static void add_sheet_keys(struct report *r)
{
	struct template t;
	char err[256];
	const char *name = r->session.template_name;
	const char *lang = r->session.language;
	if (!name || !lang || !assets_load_template(name, lang, &t, err, sizeof err))
		return;
	bool same = t.language && strcmp(t.language, lang) == 0 &&
		    t.nsheets == (size_t)r->session.nsheets;
	for (size_t i = 0; same && i < t.nsheets; i++) {
		const struct tpl_sheet *a = &t.sheets[i], *b = &r->sheets[i];
		same = a->key && b->short_name && b->statement &&
		       strcmp(a->short_name, b->short_name) == 0 &&
		       strcmp(a->statement, b->statement) == 0;
	}
	for (size_t i = 0; same && i < t.nsheets; i++) {
		free(r->sheets[i].key);
		r->sheets[i].key = t.sheets[i].key;
		t.sheets[i].key = NULL;
	}
	tpl_free(&t);
}

/* Writes the comparison in the chosen format. */
static int write_comparison(const struct cmd_ctx *ctx,
			    const struct compare_opts *a,
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
		ok = compare_text(r, n, a->out.path ? 80 : cmd_output_width(160), &out);
	return cmd_emit(ctx, &a->out, &out, ok);
}

static int exec_compare(struct cmd_ctx *ctx, void *opts, int argc, char **argv)
{
	const struct compare_opts *a = opts;
	size_t n = (size_t)argc;
	if (n < 2 || n > MAX_SESSIONS)
		return cmd_usage_error(&cmd_compare_entry,
			_("Give two to %d session ids."), MAX_SESSIONS);
	struct report *r = calloc(n, sizeof *r);
	if (!r) {
		cmd_error(_("There is not enough memory to write the results; close other programs and try again."));
		return CMD_EXIT_ENV;
	}
	int rc = load_all(ctx, argv, n, r);
	for (size_t i = 0; !rc && i < n; i++)
		add_sheet_keys(&r[i]);
	char err[512];
	if (!rc && !compare_check(r, n, err, sizeof err)) {
		cmd_error("%s", err);
		rc = CMD_EXIT_USAGE;
	}
	if (!rc)
		rc = write_comparison(ctx, a, r, n);
	for (size_t i = 0; !rc && i < n; i++)
		cmd_note_unseen(cmd_unseen_session(&r[i]));
	for (size_t i = 0; i < n; i++)
		report_free(&r[i]);
	free(r);
	return rc;
}

const struct cmd_entry cmd_compare_entry = {
	.name = "compare",
	.synopsis = "ID ID... [--format text|csv|html] [-o FILE [--force]]",
	.summary = N_("put sessions of one template side by side"),
	.help = N_("For every sheet, each session's dots, people, share of its dots,\n"
		   "agreement score and rank, side by side. The sessions must use the\n"
		   "same template with the same sheets; one template run in Finnish and\n"
		   "in English compares sheet by sheet (by the template's sheet keys).\n\n"
		   "Options:\n"
		   "  --format FORMAT    text (default), csv or html (one self-contained page)\n"
		   "  -o, --output FILE  write to FILE (default: standard output)\n"
		   "  --force            replace FILE if it exists (never the database)\n"
		   "  --separator ;      CSV separator “,” (default) or “;” (a decimal comma)\n"
		   "  --bom              start CSV with a byte order mark for spreadsheets\n"),
	.options = compare_options,
	.opts_size = sizeof(struct compare_opts),
	.exec = exec_compare,
};
