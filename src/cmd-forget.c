/* cmd-forget: erase one participant's name, ballot and notes from a session
 * (a data-protection request), by name or by participant number. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tapla/args.h"
#include "tapla/cmd.h"
#include "tapla/i18n.h"
#include "tapla/text.h"

/* Participant numbers a session can hold (seq is an int). */
#define SEQ_MAX 999999

/* Who to forget, as given on the command line. */
struct forget_args {
	const char *name;    /* --name, or NULL */
	const char *number;  /* --participant, or NULL */
};

static int parse_forget_options(struct cmd_ctx *ctx, int argc, char **argv,
				struct forget_args *a)
{
	static const struct option longopts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "participant", required_argument, NULL, 'p' },
		CMD_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	int opt;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":n:p:h", longopts, NULL)) != -1) {
		if (opt == 'n' || opt == 'p') {
			*(opt == 'n' ? &a->name : &a->number) = optarg;
			continue;
		}
		int rc = cmd_common_option(ctx, &cmd_forget_entry, opt, argv);
		if (rc != -2)
			return rc;
	}
	return -2;
}

/* Erases the participant called `name` (as typed: any name that was
 * stored, whatever characters it holds, matches by its signer key). */
static int forget_name(struct cmd_ctx *ctx, int64_t id, const char *name)
{
	int rc = cmd_open_store(ctx, false);
	if (rc)
		return rc;
	enum store_status st = store_forget_name(ctx->store, id, name);
	if (st != STORE_OK)
		return cmd_store_failed(ctx, st);
	char *shown = text_sanitize(name);
	printf(_("Forgot %s in session %lld: the name, the ballot and the notes are erased.\n"),
	       shown ? shown : "", (long long)id);
	free(shown);
	return CMD_EXIT_OK;
}

/* Erases participant number seq. */
static int forget_number(struct cmd_ctx *ctx, int64_t id, int seq)
{
	int rc = cmd_open_store(ctx, false);
	if (rc)
		return rc;
	enum store_status st = store_forget_participant(ctx->store, id, seq);
	if (st != STORE_OK)
		return cmd_store_failed(ctx, st);
	printf(_("Forgot participant %d in session %lld: the name, the ballot and the notes are erased.\n"),
	       seq, (long long)id);
	return CMD_EXIT_OK;
}

static int exec_forget(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct forget_args a = { NULL, NULL };
	int rc = parse_forget_options(ctx, argc, argv, &a);
	if (rc != -2)
		return rc;
	if (optind + 1 != argc)
		return cmd_usage_error(&cmd_forget_entry, _("Give one session id."));
	if (!a.name == !a.number)
		return cmd_usage_error(&cmd_forget_entry,
			_("Give the participant's name with --name \"NAME\" or number with --participant N, one of them."));
	char err[256];
	int64_t id;
	if (!args_parse_id(argv[optind], &id, err, sizeof err)) {
		cmd_error("%s", err);
		return CMD_EXIT_USAGE;
	}
	long seq = 0;
	if (a.number && !args_parse_int(a.number, 1, SEQ_MAX, &seq)) {
		cmd_error(_("The participant number must be a whole number from 1 to %d, as tapla export lists them."),
			  SEQ_MAX);
		return CMD_EXIT_USAGE;
	}
	if (a.number)
		return forget_number(ctx, id, (int)seq);
	if (!text_valid_utf8(a.name, strlen(a.name))) {
		cmd_error(_("The name is not usable: %s"),
			  text_status_message(TEXT_BAD_UTF8));
		return CMD_EXIT_USAGE;
	}
	return forget_name(ctx, id, a.name);
}

const struct cmd_entry cmd_forget_entry = {
	.name = "forget",
	.synopsis = "ID --name NAME | --participant N",
	.summary = N_("erase one participant's name, ballot and notes"),
	.help = N_("For a data-protection request: removes the participant's name,\n"
		   "dots and SWOT notes from the session; the tally counts the others.\n"
		   "Names match as when voting (case, spaces, accents as typed, invisible\n"
		   "characters and look-alike letters do not matter). A name that cannot\n"
		   "be typed is forgotten by its number (tapla export lists the numbers).\n"
		   "The erased bytes are overwritten and the database is compacted, so no\n"
		   "copy stays in the file or its journal.\n\n"
		   "Options:\n"
		   "  --name NAME        the participant to forget\n"
		   "  --participant N    the participant with number N (1 signed first)\n"),
	.exec = exec_forget,
};
