/* cmd-delete: delete a whole session (a data-protection request, or a
 * practice run). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "tapla/cmd.h"
#include "tapla/i18n.h"
#include "tapla/text.h"

/* What the options ask for. */
struct delete_opts {
	bool yes;
};

static const struct cmd_option delete_options[] = {
	CMD_FLAG("yes", 'y', struct delete_opts, yes),
	CMD_OPTIONS_END,
};

/* Is the answer a yes, in English or in the language of the messages? */
static bool is_yes(const char *answer)
{
	char word[32];
	size_t n = strcspn(answer, " \t\r\n");
	if (n == 0 || n >= sizeof word)
		return false;
	memcpy(word, answer, n);
	word[n] = '\0';
	return strcasecmp(word, "y") == 0 || strcasecmp(word, "yes") == 0 ||
	       strcasecmp(word, _("y")) == 0 || strcasecmp(word, _("yes")) == 0;
}

/* Asks on the terminal; true only for a yes. */
static bool confirm(const struct session *s)
{
	char *title = text_sanitize(s->title);
	printf(P_("Delete session %lld “%s” with %d ballot? This cannot be undone. [y/N] ",
		  "Delete session %lld “%s” with %d ballots? This cannot be undone. [y/N] ",
		  s->participants),
	       (long long)s->id, title ? title : "", s->participants);
	free(title);
	fflush(stdout);
	char answer[64];
	return fgets(answer, sizeof answer, stdin) && is_yes(answer);
}

static int exec_delete(struct cmd_ctx *ctx, void *opts, int argc, char **argv)
{
	bool yes = ((const struct delete_opts *)opts)->yes;
	if (argc != 1)
		return cmd_usage_error(&cmd_delete_entry, _("Give one session id."));
	bool tty = isatty(STDIN_FILENO);
	if (!yes && !tty)
		return cmd_usage_error(&cmd_delete_entry,
			_("Deleting a session cannot be undone: add --yes to confirm."));
	struct session s;
	int rc = cmd_load_session(ctx, argv[0], &s);
	if (rc)
		return rc;
	if (!yes && !confirm(&s)) {
		printf(_("Nothing was deleted.\n"));
		rules_session_free(&s);
		return CMD_EXIT_OK;
	}
	enum store_status st = store_session_delete(ctx->store, s.id);
	if (st == STORE_OK) {
		char *title = text_sanitize(s.title);
		printf(_("Deleted session %lld “%s”.\n"), (long long)s.id,
		       title ? title : "");
		free(title);
	} else
		rc = cmd_store_failed(ctx, st);
	cmd_note_erase_pending(ctx);
	rules_session_free(&s);
	return rc;
}

const struct cmd_entry cmd_delete_entry = {
	.name = "delete",
	.synopsis = "ID [--yes]",
	.summary = N_("delete a whole session"),
	.help = N_("Deletes the session with its sheets, names, ballots and notes. The\n"
		   "erased bytes are overwritten and the database is compacted, so no\n"
		   "copy stays in the file or its journal. On a terminal tapla asks\n"
		   "first; otherwise --yes is required.\n\n"
		   "Options:\n"
		   "  --yes  delete without asking\n"),
	.options = delete_options,
	.opts_size = sizeof(struct delete_opts),
	.exec = exec_delete,
};
