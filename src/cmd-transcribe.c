/* cmd-transcribe: a paper sheet whose names cannot be read, entered as its
 * column totals (the "Yht." row). Stored apart from the ballots (see
 * store_paper_totals_save) and added into the tally. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tapla/args.h"
#include "tapla/cmd.h"
#include "tapla/i18n.h"

#define PAPER_COLUMN_MAX 9999

/* What the arguments ask for. */
struct transcribe_input {
	bool replace;
	long people;  /* --people, 0 if not given */
	int sheet;
	int dots[LEVEL_COUNT];
	int column_people[LEVEL_COUNT];
	bool given[LEVEL_COUNT];  /* a column named already */
};

/* --people N: the filled signature lines. */
static int set_people(struct cmd_ctx *ctx, void *opts, const char *value)
{
	(void)ctx;
	if (!args_parse_int(value, 1, PAPER_COLUMN_MAX,
			    &((struct transcribe_input *)opts)->people))
		return cmd_usage_error(&cmd_transcribe_entry,
			_("The people “%s” are not a number from 1 to %d."),
			value, PAPER_COLUMN_MAX);
	return CMD_GO_ON;
}

static const struct cmd_option transcribe_options[] = {
	CMD_CALL("people", 'p', true, set_people),
	CMD_FLAG("replace", 'r', struct transcribe_input, replace),
	CMD_OPTIONS_END,
};

/* One LEVEL=DOTS[/PEOPLE] argument added to the totals. */
static int parse_column(const char *arg, struct transcribe_input *in)
{
	char copy[128];
	if (snprintf(copy, sizeof copy, "%s", arg) >= (int)sizeof copy ||
	    !strchr(copy, '='))
		goto bad;
	char *eq = strchr(copy, '=');
	*eq = '\0';
	char *slash = strchr(eq + 1, '/');
	if (slash)
		*slash = '\0';
	enum level l;
	long dots, people;
	if (!rules_level_parse(copy, &l)) {
		cmd_error(_("Unknown level “%s”: use agree, partly-agree, neutral, partly-disagree, disagree or unsure."),
			  copy);
		return CMD_EXIT_USAGE;
	}
	/* A zero is the paper's "Yht." row as written: neutral=0 or 0/0. */
	if (!args_parse_int(eq + 1, 0, PAPER_COLUMN_MAX, &dots) ||
	    (slash && !args_parse_int(slash + 1, dots ? 1 : 0, dots, &people)))
		goto bad;
	if (in->given[l]) {
		cmd_error(_("The column %s is given twice: give each column once."),
			  rules_level_key(l));
		return CMD_EXIT_USAGE;
	}
	in->given[l] = true;
	in->dots[l] = (int)dots;
	in->column_people[l] = slash ? (int)people : (int)dots;
	return CMD_EXIT_OK;
bad:
	cmd_error(_("“%s” is not a column total: write LEVEL=DOTS or LEVEL=DOTS/PEOPLE, 0 to %d dots and people at most the dots, e.g. agree=7/4 or neutral=0."),
		  arg, PAPER_COLUMN_MAX);
	return CMD_EXIT_USAGE;
}

/* The sheet number and the columns after the session id. */
static int parse_totals(const struct session *s, int argc, char **argv,
			struct transcribe_input *in)
{
	long sheet;
	if (argc < 2)
		return cmd_usage_error(&cmd_transcribe_entry,
			_("Give the sheet number and its column totals, e.g. 2 agree=7 neutral=2."));
	if (!args_parse_int(argv[0], 1, s->nsheets, &sheet)) {
		cmd_error(_("Session %lld has no sheet “%s”: its sheets are 1 to %d."),
			  (long long)s->id, argv[0], s->nsheets);
		return CMD_EXIT_USAGE;
	}
	in->sheet = (int)sheet - 1;
	for (int i = 1; i < argc; i++) {
		int rc = parse_column(argv[i], in);
		if (rc)
			return rc;
	}
	return CMD_EXIT_OK;
}

/* Without --people: every person of a column counted once. */
static int default_people(const struct transcribe_input *in)
{
	int sum = 0;
	for (int l = 0; l < LEVEL_COUNT; l++)
		sum += in->column_people[l];
	return sum;
}

static int exec_transcribe(struct cmd_ctx *ctx, void *opts, int argc,
			   char **argv)
{
	struct transcribe_input *in = opts;  /* the options, then the totals */
	if (argc < 1)
		return cmd_usage_error(&cmd_transcribe_entry, _("Give the session id first."));
	struct session s;
	int rc = cmd_load_session(ctx, argv[0], &s);
	if (rc)
		return rc;
	rc = parse_totals(&s, argc - 1, argv + 1, in);
	if (!rc) {
		int people = in->people ? (int)in->people : default_people(in);
		enum store_status st = store_paper_totals_save(ctx->store, s.id, in->sheet,
							       in->dots, in->column_people,
							       people, in->replace);
		int dots = 0;
		for (int l = 0; l < LEVEL_COUNT; l++)
			dots += in->dots[l];
		char d[64];  /* each count with its own plural */
		snprintf(d, sizeof d, P_("%d dot", "%d dots", dots), dots);
		if (st == STORE_OK)
			printf(P_("Saved: the paper totals of sheet %d, %s by %d person.\n",
				  "Saved: the paper totals of sheet %d, %s by %d people.\n",
				  people),
			       in->sheet + 1, d, people);
		else
			rc = cmd_store_failed(ctx, st);
	}
	rules_session_free(&s);
	return rc;
}

const struct cmd_entry cmd_transcribe_entry = {
	.name = "transcribe",
	.synopsis = "ID SHEET LEVEL=DOTS[/PEOPLE]... [--people N] [--replace]",
	.summary = N_("enter a paper sheet's column totals when its names cannot be read"),
	.help = N_("For a paper sheet whose signatures cannot be read: its “Yht.” row, the\n"
		   "dots in each column. /PEOPLE is how many rows have dots in that column;\n"
		   "without it every dot counts as one person. A column takes 0 to 9999 dots\n"
		   "(a zero as the paper writes it: neutral=0 or neutral=0/0), each column\n"
		   "once, and at least one dot in all. The totals are added into the\n"
		   "tally and listed apart in reports; they are nobody's ballot, so no\n"
		   "budget applies and no name signs. When the names can be read, enter\n"
		   "each person with “tapla vote --paper” instead.\n"
		   "Example: sheet 2 with 7 dots by 4 people in “Täysin samaa” and 2 in\n"
		   "“Neutraali”, 6 signatures:\n"
		   "  tapla transcribe 1 2 agree=7/4 neutral=2 --people 6\n\n"
		   "Options:\n"
		   "  --people N   the filled signature lines (default: the column people added up)\n"
		   "  --replace    replace this sheet's earlier totals\n"),
	.options = transcribe_options,
	.opts_size = sizeof(struct transcribe_input),
	.exec = exec_transcribe,
};
