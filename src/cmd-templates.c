/* cmd-templates: the built-in workshop templates. */
#include <stdio.h>

#include "tapla/assets.h"
#include "tapla/cmd.h"
#include "tapla/i18n.h"

static int exec_templates(struct cmd_ctx *ctx, void *opts, int argc,
			  char **argv)
{
	(void)ctx;
	(void)opts;
	(void)argv;
	if (argc != 0)
		return cmd_usage_error(&cmd_templates_entry, _("“templates” takes no arguments."));
	struct assets_entry *list = NULL;
	size_t n = 0;
	char err[512];
	if (!assets_list_templates(&list, &n, err, sizeof err)) {
		cmd_error("%s", err);
		return CMD_EXIT_ENV;
	}
	for (size_t i = 0; i < n; i++)
		printf("%-12s %-3s %2zu  %s\n", list[i].name, list[i].language,
		       list[i].nsheets, list[i].title);
	printf(_("\nUse one with: tapla new \"TITLE\" --template NAME --lang fi|en\n"
		 "Templates are in %s; copy one, edit it and pass --template FILE.\n"),
	       assets_template_dir());
	assets_free_list(list, n);
	return CMD_EXIT_OK;
}

const struct cmd_entry cmd_templates_entry = {
	.name = "templates",
	.synopsis = "",
	.summary = N_("list the built-in workshop templates"),
	.help = "",
	.exec = exec_templates,
};
