/* main: global options, the language, and dispatch to a command. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "tapla/cmd.h"
#include "tapla/i18n.h"

const struct cmd_entry *const cmd_table[] = {
	&cmd_run_entry,
	&cmd_screen_entry,
	&cmd_serve_entry,
	&cmd_new_entry,
	&cmd_round_entry,
	&cmd_list_entry,
	&cmd_templates_entry,
	&cmd_vote_entry,
	&cmd_tally_entry,
	&cmd_export_entry,
	&cmd_compare_entry,
	&cmd_merge_entry,
	&cmd_forget_entry,
	&cmd_delete_entry,
	&cmd_import_entry,
	&cmd_transcribe_entry,
	&cmd_sheets_entry,
	&cmd_demo_entry,
	NULL,
};

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
		 "  --help         this help; \"tapla COMMAND --help\" for a command\n"
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

int main(int argc, char **argv)
{
	const char *lang = prescan_lang(argc, argv);
	if (!i18n_init(lang)) {
		cmd_error(_("Unknown language \"%s\": use fi or en."), lang);
		return CMD_EXIT_USAGE;
	}
	struct cmd_ctx ctx = { .db_path = NULL, .lang = lang, .store = NULL };
	static const struct option longopts[] = {
		CMD_COMMON_LONGOPTS,
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "+h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'D': ctx.db_path = optarg; break;
		case 'L': break;
		case 'h': print_tool_help(); return CMD_EXIT_OK;
		case 'V': printf("tapla %s\n", TAPLA_VERSION); return CMD_EXIT_OK;
		default:
			cmd_error(_("Unknown option \"%s\": see \"tapla --help\"."),
				  argv[optind - 1]);
			return CMD_EXIT_USAGE;
		}
	}
	const struct cmd_entry *cmd = &cmd_run_entry;
	if (optind < argc) {
		cmd = find_command(argv[optind]);
		if (!cmd) {
			cmd_error(_("Unknown command \"%s\": see \"tapla --help\"."),
				  argv[optind]);
			return CMD_EXIT_USAGE;
		}
	} else {
		optind--;  /* the command's argv[0]: keep "tapla" in its place */
	}
	char **cargv = argv + optind;
	int cargc = argc - optind;
	optind = 0;  /* glibc: restart getopt for the command's options */
	int rc = cmd->exec(&ctx, cargc, cargv);
	if (ctx.store)
		store_close(ctx.store);
	return rc;
}
