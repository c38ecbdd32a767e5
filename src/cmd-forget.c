/* cmd-forget: erase one participant's name, ballot and notes from a session
 * (a data-protection request). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "tapla/args.h"
#include "tapla/cmd.h"
#include "tapla/i18n.h"
#include "tapla/text.h"

static int parse_forget_options(struct cmd_ctx *ctx, int argc, char **argv,
				const char **name)
{
	static const struct option longopts[] = {
		{ "name", required_argument, NULL, 'n' },
		CMD_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	int opt;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":n:h", longopts, NULL)) != -1) {
		if (opt == 'n') {
			*name = optarg;
			continue;
		}
		int rc = cmd_common_option(ctx, &cmd_forget_entry, opt, argv);
		if (rc != -2)
			return rc;
	}
	return -2;
}

/* Erases the cleaned name from session `id`. */
static int forget(struct cmd_ctx *ctx, int64_t id, const char *name)
{
	int rc = cmd_open_store(ctx, false);
	if (rc)
		return rc;
	enum store_status st = store_forget_name(ctx->store, id, name);
	if (st != STORE_OK)
		rc = cmd_store_failed(ctx, st);
	else
		printf(_("Forgot %s in session %lld: the name, the ballot and the notes are erased.\n"),
		       name, (long long)id);
	cmd_note_erase_pending(ctx);
	return rc;
}

static int exec_forget(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *name_arg = NULL;
	int rc = parse_forget_options(ctx, argc, argv, &name_arg);
	if (rc != -2)
		return rc;
	if (optind + 1 != argc)
		return cmd_usage_error(&cmd_forget_entry, _("Give one session id."));
	if (!name_arg)
		return cmd_usage_error(&cmd_forget_entry,
			_("Give the participant's name with --name \"NAME\"."));
	char err[256];
	int64_t id;
	if (!args_parse_id(argv[optind], &id, err, sizeof err)) {
		cmd_error("%s", err);
		return CMD_EXIT_USAGE;
	}
	char *name = NULL;
	enum text_status ts = text_clean(name_arg, TEXT_NAME_MAX, &name);
	if (ts != TEXT_OK) {
		cmd_error(_("The name is not usable: %s"), text_status_message(ts));
		return CMD_EXIT_USAGE;
	}
	rc = forget(ctx, id, name);
	free(name);
	return rc;
}

const struct cmd_entry cmd_forget_entry = {
	.name = "forget",
	.synopsis = "ID --name NAME",
	.summary = N_("erase one participant's name, ballot and notes"),
	.help = N_("For a data-protection request: removes the participant's name,\n"
		   "dots and SWOT notes from the session; the tally counts the others.\n"
		   "Names match as when voting (case, spaces and accents as typed do\n"
		   "not matter). The erased bytes are overwritten and the database is\n"
		   "compacted, so no copy stays in the file or its journal.\n\n"
		   "Options:\n"
		   "  --name NAME  the participant to forget\n"),
	.exec = exec_forget,
};
