/* main: global options, the language, and dispatch to a command. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "tapla/assets.h"
#include "tapla/cmd.h"
#include "tapla/i18n.h"

#define CMD_TABLE_ROW(name) &cmd_##name##_entry,
const struct cmd_entry *const cmd_table[] = { CMD_COMMANDS(CMD_TABLE_ROW) NULL };

/* Finds --lang anywhere before "--", so the language is set before any
 * message (also an error about the other options) is printed. */
static const char *prescan_lang(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
			return argv[i + 1];
		if (strncmp(argv[i], "--lang=", 7) == 0)
			return argv[i] + 7;
	}
	return NULL;
}

static void print_tool_help(void)
{
	printf(_("Usage: tapla [--db FILE] [--lang fi|en] [COMMAND [ARGS...]]\n"));
	printf(_("Run a dot-voting workshop (täpläriihi) from a terminal.\n\n"));
	printf(_("Without a command tapla opens the workshop screen.\n\nCommands:\n"));
	for (const struct cmd_entry *const *e = cmd_table; *e; e++)
		printf("  %-10s %s\n", (*e)->name, _((*e)->summary));
	printf(_("\nOptions:\n"
		 "  --db FILE      the database (default: $TAPLA_DB, else\n"
		 "                 $XDG_DATA_HOME/tapla/tapla.db)\n"
		 "  --lang fi|en   the language of messages\n"
		 "  --help         this help; “tapla COMMAND --help” for a command\n"
		 "  --version      the version\n"));
	printf(_("\nExit status: 0 done, 2 bad usage or input, 1 database or file failure.\n"));
}

static const struct cmd_entry *find_command(const char *name)
{
	for (const struct cmd_entry *const *e = cmd_table; *e; e++)
		if (strcmp((*e)->name, name) == 0)
			return *e;
	return NULL;
}

/* --version: main prints it. */
enum { ASK_VERSION = -3 };

/* --version asks main for the version. */
static int ask_version(struct cmd_ctx *ctx, void *opts, const char *value)
{
	(void)ctx;
	(void)opts;
	(void)value;
	return ASK_VERSION;
}

/* The tool's options besides the common ones. */
static const struct cmd_option tool_options[] = {
	CMD_CALL("version", 0, false, ask_version),
	CMD_OPTIONS_END,
};

/* Parses the command's options (argv[0] is its name) and runs it. */
static int run_command(struct cmd_ctx *ctx, const struct cmd_entry *cmd,
		       int argc, char **argv)
{
	char **ops = calloc((size_t)argc + 1, sizeof *ops);
	void *opts = calloc(1, cmd->opts_size ? cmd->opts_size : 1);
	int rc = CMD_EXIT_ENV;
	if (!ops || !opts) {
		cmd_error(_("There is not enough memory to start; close other programs and try again."));
	} else {
		int nops = 0;
		rc = cmd_parse(ctx, cmd, argc, argv, opts, ops, &nops);
		if (rc == CMD_GO_ON)
			rc = cmd->exec(ctx, opts, nops, ops);
	}
	free(ops);
	free(opts);
	return rc;
}

int main(int argc, char **argv)
{
	const char *lang = prescan_lang(argc, argv);
	if (!i18n_init(lang, assets_locale_dir())) {
		cmd_error(_("Unknown language “%s”: use fi or en."), lang);
		return CMD_EXIT_USAGE;
	}
	struct cmd_ctx ctx = { .db_path = NULL, .lang = lang, .store = NULL };
	int next = argc;
	int rc = cmd_parse_global(&ctx, tool_options, argc, argv, &next);
	if (rc == CMD_HELP) {
		print_tool_help();
		return CMD_EXIT_OK;
	}
	if (rc == ASK_VERSION) {
		printf("tapla %s\n", TAPLA_VERSION);
		return CMD_EXIT_OK;
	}
	if (rc != CMD_GO_ON)
		return rc;
	const struct cmd_entry *cmd = &cmd_run_entry;
	if (next < argc) {
		cmd = find_command(argv[next]);
		if (!cmd) {
			cmd_error(_("Unknown command “%s”: see “tapla --help”."),
				  argv[next]);
			return CMD_EXIT_USAGE;
		}
	} else {
		next--;  /* the command's argv[0]: keep "tapla" in its place */
	}
	rc = run_command(&ctx, cmd, argc - next, argv + next);
	if (ctx.store)
		store_close(ctx.store);
	return rc;
}
