/* cmd-forget: erase one participant's name, ballot and notes from a session
 * (a data-protection request), by name or by participant number. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tapla/args.h"
#include "tapla/cmd.h"
#include "tapla/i18n.h"
#include "tapla/text.h"

/* Participant numbers a session can hold (seq is an int). */
#define SEQ_MAX 999999

/* What the options ask for. */
struct forget_opts {
	const char *name;    /* --name, or NULL */
	const char *number;  /* --participant, or NULL */
};

static const struct cmd_option forget_options[] = {
	CMD_TEXT("name", 'n', struct forget_opts, name),
	CMD_TEXT("participant", 'p', struct forget_opts, number),
	CMD_OPTIONS_END,
};

/* Says what was erased: the participant called name, else number seq. */
static void say_forgotten(int64_t id, const char *name, int seq)
{
	if (!name) {
		printf(_("Forgot participant %d in session %lld: the name, the ballot and the notes are erased.\n"),
		       seq, (long long)id);
		return;
	}
	char *shown = text_sanitize(name);
	printf(_("Forgot %s in session %lld: the name, the ballot and the notes are erased.\n"),
	       shown ? shown : "", (long long)id);
	free(shown);
}

/* Erases the participant called `name` (as typed: any name that was
 * stored, whatever characters it holds, matches by its signer key), or
 * participant number seq when name is NULL. */
static int forget(struct cmd_ctx *ctx, int64_t id, const char *name, int seq)
{
	int rc = cmd_open_store(ctx, false);
	if (rc)
		return rc;
	enum store_status st = name ? store_forget_name(ctx->store, id, name) :
				      store_forget_participant(ctx->store, id, seq);
	if (st == STORE_OK)
		say_forgotten(id, name, seq);
	else
		rc = cmd_store_failed(ctx, st);
	cmd_note_erase_pending(ctx);
	return rc;
}

static int exec_forget(struct cmd_ctx *ctx, void *opts, int argc, char **argv)
{
	const struct forget_opts *o = opts;
	if (argc != 1)
		return cmd_usage_error(&cmd_forget_entry, _("Give one session id."));
	if (!o->name == !o->number)
		return cmd_usage_error(&cmd_forget_entry,
			_("Give the participant's name with --name \"NAME\" or number with --participant N, one of them."));
	int64_t id;
	if (cmd_parse_id(argv[0], &id) != CMD_GO_ON)
		return CMD_EXIT_USAGE;
	long seq = 0;
	if (o->number && !args_parse_int(o->number, 1, SEQ_MAX, &seq)) {
		cmd_error(_("The participant number must be a whole number from 1 to %d, as tapla export lists them."),
			  SEQ_MAX);
		return CMD_EXIT_USAGE;
	}
	if (o->number)
		return forget(ctx, id, NULL, (int)seq);
	if (!text_valid_utf8(o->name, strlen(o->name))) {
		cmd_error(_("The name is not usable: %s"),
			  text_status_message(TEXT_BAD_UTF8));
		return CMD_EXIT_USAGE;
	}
	return forget(ctx, id, o->name, 0);
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
	.options = forget_options,
	.opts_size = sizeof(struct forget_opts),
	.exec = exec_forget,
};
