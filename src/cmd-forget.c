/* cmd-forget: erase one participant's name, ballot and notes from a session
 * (a data-protection request). */
#include <stdio.h>
#include <stdlib.h>

#include "tapla/cmd.h"
#include "tapla/i18n.h"
#include "tapla/text.h"

/* What the options ask for. */
struct forget_opts {
	const char *name;
};

static const struct cmd_option forget_options[] = {
	CMD_TEXT("name", 'n', struct forget_opts, name),
	CMD_OPTIONS_END,
};

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

static int exec_forget(struct cmd_ctx *ctx, void *opts, int argc, char **argv)
{
	const char *name_arg = ((const struct forget_opts *)opts)->name;
	if (argc != 1)
		return cmd_usage_error(&cmd_forget_entry, _("Give one session id."));
	if (!name_arg)
		return cmd_usage_error(&cmd_forget_entry,
			_("Give the participant's name with --name \"NAME\"."));
	int64_t id;
	if (cmd_parse_id(argv[0], &id) != CMD_GO_ON)
		return CMD_EXIT_USAGE;
	char *name = NULL;
	enum text_status ts = text_clean(name_arg, TEXT_NAME_MAX, &name);
	if (ts != TEXT_OK) {
		cmd_error(_("The name is not usable: %s"), text_status_message(ts));
		return CMD_EXIT_USAGE;
	}
	int rc = forget(ctx, id, name);
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
	.options = forget_options,
	.opts_size = sizeof(struct forget_opts),
	.exec = exec_forget,
};
