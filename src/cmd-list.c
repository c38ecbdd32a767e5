/* cmd-list: the sessions in the database, newest first. */
#include <stdio.h>
#include <stdlib.h>

#include "tapla/cmd.h"
#include "tapla/i18n.h"
#include "tapla/text.h"

/* Prints one session as a line: id, date, votes, mode, title. Every stored
 * string is sanitized: another writer may have put escapes in any of them. */
static void print_session(const struct session *s)
{
	char *title = text_sanitize(s->title);
	char *created = text_sanitize(s->created);
	char *tpl = text_sanitize(s->template_name);
	printf("%4lld  %.10s  %-8s %3d/%-3d %-8s %s%s\n", (long long)s->id,
	       created ? created : "", tpl ? tpl : "", s->participants, s->budget,
	       rules_mode_key(s->mode), title ? title : "",
	       s->closed[0] ? _(" (closed)") : "");
	free(title);
	free(created);
	free(tpl);
}

static int exec_list(struct cmd_ctx *ctx, void *opts, int argc, char **argv)
{
	(void)opts;
	(void)argv;
	if (argc != 0)
		return cmd_usage_error(&cmd_list_entry, _("\"list\" takes no arguments."));
	int rc = cmd_open_store(ctx, false);
	if (rc)
		return rc;
	struct session *list = NULL;
	size_t n = 0;
	enum store_status st = store_session_list(ctx->store, &list, &n);
	if (st != STORE_OK)
		return cmd_store_failed(ctx, st);
	if (n == 0)
		printf("%s\n", _("No sessions yet: create one with tapla new \"TITLE\"."));
	else
		printf("%s\n", _("  id  created     template  voted/budget mode  title"));
	for (size_t i = 0; i < n; i++) {
		print_session(&list[i]);
		rules_session_free(&list[i]);
	}
	free(list);
	return CMD_EXIT_OK;
}

const struct cmd_entry cmd_list_entry = {
	.name = "list",
	.synopsis = "",
	.summary = N_("list the sessions, newest first"),
	.help = "",
	.exec = exec_list,
};
