/* cmd-vote: store one participant's ballot from the command line, e.g. a
 * paper sheet transcribed after the seminar. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tapla/args.h"
#include "tapla/cmd.h"
#include "tapla/i18n.h"
#include "tapla/order.h"
#include "tapla/text.h"

#define MAX_NOTES 64

/* The ballot being built from the arguments. */
struct vote_input {
	const char *name_arg;
	bool replace;
	bool paper;
	const char *order_arg;
	const char *group;
	int order[RULES_MAX_SHEETS];
	int norder;
	const char *note_args[MAX_NOTES];
	size_t nnotes;
	struct ballot ballot;
	struct ballot_note notes[MAX_NOTES];
};

/* --note SHEET:Q:TEXT, repeatable: checked once the session is known. */
static int add_note(struct cmd_ctx *ctx, void *opts, const char *value)
{
	struct vote_input *in = opts;
	(void)ctx;
	if (in->nnotes == MAX_NOTES)
		return cmd_usage_error(&cmd_vote_entry,
			_("At most %d notes go with one ballot."), MAX_NOTES);
	in->note_args[in->nnotes++] = value;
	return CMD_GO_ON;
}

static const struct cmd_option vote_options[] = {
	CMD_TEXT("name", 'n', struct vote_input, name_arg),
	CMD_CALL("note", 'N', true, add_note),
	CMD_FLAG("replace", 'r', struct vote_input, replace),
	CMD_FLAG("paper", 'p', struct vote_input, paper),
	CMD_TEXT("order", 'o', struct vote_input, order_arg),
	CMD_TEXT("group", 'g', struct vote_input, group),
	CMD_OPTIONS_END,
};

/* Adds every SHEET:LEVEL=DOTS argument to the ballot. */
static int parse_dots(const struct session *s, int argc, char **argv,
		      struct ballot *b)
{
	char err[256];
	rules_ballot_init(b, s->nsheets);
	if (argc == 0)
		return cmd_usage_error(&cmd_vote_entry,
			_("Give the dots as SHEET:LEVEL=DOTS, e.g. 1:agree=5."));
	bool given[RULES_MAX_SHEETS][LEVEL_COUNT] = { { false } };
	for (int i = 0; i < argc; i++) {
		int sheet, dots;
		enum level l;
		if (!args_parse_dot(argv[i], s->nsheets, &sheet, &l, &dots, err, sizeof err)) {
			cmd_error("%s", err);
			return CMD_EXIT_USAGE;
		}
		/* Two counts for one cell are a typing slip, not a sum. */
		if (given[sheet][l]) {
			cmd_error(_("Sheet %d, column %s is given twice: give each cell once, e.g. %d:%s=%d."),
				  sheet + 1, rules_level_key(l), sheet + 1, rules_level_key(l),
				  b->dots[sheet][l] + dots);
			return CMD_EXIT_USAGE;
		}
		given[sheet][l] = true;
		b->dots[sheet][l] = dots;
	}
	if (rules_check_ballot(b, s->budget, s->mode, err, sizeof err) != RULES_OK) {
		cmd_error("%s", err);
		return CMD_EXIT_USAGE;
	}
	return CMD_EXIT_OK;
}

/* Checks the --note arguments and cleans their text. */
static int parse_notes(const struct session *s, struct vote_input *in)
{
	char err[256];
	for (size_t i = 0; i < in->nnotes; i++) {
		const char *text;
		struct ballot_note *n = &in->notes[i];
		if (!args_parse_note(in->note_args[i], s->nsheets, &n->sheet,
				     &n->quadrant, &text, err, sizeof err)) {
			cmd_error("%s", err);
			return CMD_EXIT_USAGE;
		}
		enum text_status ts = text_clean(text, TEXT_NOTE_MAX, &n->text);
		if (ts != TEXT_OK) {
			cmd_error(_("Note %zu is not usable: %s"), i + 1, text_status_message(ts));
			return CMD_EXIT_USAGE;
		}
	}
	return CMD_EXIT_OK;
}

/* The --order argument: the sheets in the order they were shown. */
static int parse_order(const struct session *s, struct vote_input *in)
{
	char err[256];
	if (!in->order_arg)
		return CMD_EXIT_OK;
	if (!order_parse(in->order_arg, s->nsheets, in->order, err, sizeof err)) {
		cmd_error("%s", err);
		return CMD_EXIT_USAGE;
	}
	in->norder = s->nsheets;
	return CMD_EXIT_OK;
}

/* The name as stored: cleaned, or NULL for anonymous sessions. */
static int check_name(const struct session *s, const char *arg, char **name)
{
	*name = NULL;
	if (s->anonymous) {
		if (arg) {
			cmd_error(_("Session %lld is anonymous: leave out --name."), (long long)s->id);
			return CMD_EXIT_USAGE;
		}
		return CMD_EXIT_OK;
	}
	if (!arg) {
		cmd_error(_("Give the participant's name with --name \"NAME\"."));
		return CMD_EXIT_USAGE;
	}
	enum text_status ts = text_clean_name(arg, name);
	if (ts != TEXT_OK) {
		cmd_error(_("The name is not usable: %s"), text_status_message(ts));
		return CMD_EXIT_USAGE;
	}
	return CMD_EXIT_OK;
}

static int exec_vote(struct cmd_ctx *ctx, void *opts, int argc, char **argv)
{
	struct vote_input *in = opts;  /* the options, then the ballot */
	if (argc < 1)
		return cmd_usage_error(&cmd_vote_entry, _("Give the session id first."));
	struct session s;
	int rc = cmd_load_session(ctx, argv[0], &s);
	if (rc)
		return rc;
	char *name = NULL;
	rc = parse_dots(&s, argc - 1, argv + 1, &in->ballot);
	if (!rc)
		rc = check_name(&s, in->name_arg, &name);
	if (!rc)
		rc = parse_notes(&s, in);
	if (!rc)
		rc = parse_order(&s, in);
	if (!rc) {
		int seq;
		struct store_ballot_in bi = {
			.name = name, .ballot = &in->ballot, .notes = in->notes,
			.nnotes = in->nnotes, .replace = in->replace,
			.source = in->paper ? SOURCE_PAPER : SOURCE_CLI,
			.order = in->norder ? in->order : NULL, .norder = in->norder,
			.group = in->group,
		};
		enum store_status st = store_ballot_save_ex(ctx->store, s.id, &bi, &seq);
		if (st == STORE_OK) {
			/* Only now, after COMMIT, and at once: "Saved" is a promise. */
			printf(P_("Saved: participant %d, %d dot.\n",
				  "Saved: participant %d, %d dots.\n",
				  rules_ballot_total(&in->ballot)),
			       seq, rules_ballot_total(&in->ballot));
			fflush(stdout);
		} else
			rc = cmd_store_failed(ctx, st);
	}
	for (size_t i = 0; i < in->nnotes; i++)
		free(in->notes[i].text);
	free(name);
	rules_session_free(&s);
	return rc;
}

const struct cmd_entry cmd_vote_entry = {
	.name = "vote",
	.synopsis = "ID [--name NAME] SHEET:LEVEL=DOTS... [--note SHEET:Q:TEXT]... [--replace] [--paper] [--order 3,1,4,2] [--group GROUP]",
	.summary = N_("store one participant's ballot"),
	.help = N_("Levels, in the paper sheet's column order:\n"
		   "  agree (++), partly-agree (+), neutral (0), partly-disagree (-),\n"
		   "  disagree (--), unsure (?); or the column number 1 to 6.\n"
		   "Example, the seed's participant A:\n"
		   "  tapla vote 1 --name \"Participant A\" 1:agree=5 2:partly-agree=2 \\\n"
		   "      3:neutral=2 4:disagree=1\n\n"
		   "Options:\n"
		   "  --name NAME         the participant (refused in anonymous sessions)\n"
		   "  --note SHEET:Q:TEXT a SWOT note, Q one of S, W, O, T (repeatable)\n"
		   "  --replace           replace this name's earlier ballot\n"
		   "  --paper             the ballot was transcribed from a paper sheet\n"
		   "  --order 3,1,4,2     the order the sheets were shown in (first shown\n"
		   "                      first), every sheet once; reports compare dots\n"
		   "                      by position with dots by sheet\n"
		   "  --group GROUP       the participant's group, one of the session's\n"
		   "                      (tapla new --groups); case does not matter\n"),
	.options = vote_options,
	.opts_size = sizeof(struct vote_input),
	.exec = exec_vote,
};
