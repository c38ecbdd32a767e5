/* cmd-merge: bring another laptop's sessions into this database. */
#include <stdio.h>

#include "tapla/cmd.h"
#include "tapla/i18n.h"

/* What the options ask for. */
struct merge_opts {
	int prefer;  /* enum store_prefer */
};

static const struct cmd_choice prefer_choices[] = {
	{ "mine", STORE_PREFER_MINE },
	{ "theirs", STORE_PREFER_THEIRS },
	{ NULL, 0 },
};

static const struct cmd_option merge_options[] = {
	CMD_CHOICE("prefer", 'p', struct merge_opts, prefer, prefer_choices,
		   N_("--prefer takes mine or theirs, not “%s”.")),
	CMD_OPTIONS_END,
};

/* "Added 2 sessions (31 ballots); 1 already here." and what --prefer did. */
static void print_result(const struct store_merge_result *m)
{
	printf(P_("Added %d session", "Added %d sessions", m->added), m->added);
	printf(P_(" (%d ballot)", " (%d ballots)", m->added_ballots), m->added_ballots);
	printf(P_("; %d already here.", "; %d already here.", m->same), m->same);
	if (m->kept)
		printf(P_(" %d differing session kept as it was here.",
			  " %d differing sessions kept as they were here.", m->kept),
		       m->kept);
	if (m->replaced)
		printf(P_(" %d differing session taken from the other file.",
			  " %d differing sessions taken from the other file.",
			  m->replaced), m->replaced);
	putchar('\n');
}

static int exec_merge(struct cmd_ctx *ctx, void *opts, int argc, char **argv)
{
	enum store_prefer prefer =
		(enum store_prefer)((const struct merge_opts *)opts)->prefer;
	if (argc != 1)
		return cmd_usage_error(&cmd_merge_entry,
			_("Give one database file to merge from."));
	int rc = cmd_open_store(ctx, false);
	if (rc)
		return rc;
	struct store_merge_result m;
	enum store_status st = store_merge(ctx->store, argv[0], prefer, &m);
	if (st != STORE_OK)
		return cmd_store_failed(ctx, st);
	print_result(&m);
	return CMD_EXIT_OK;
}

const struct cmd_entry cmd_merge_entry = {
	.name = "merge",
	.synopsis = "FILE.db [--prefer mine|theirs]",
	.summary = N_("bring another laptop's sessions into this database"),
	.help = N_("Copies every session of FILE.db that is not here yet (by its uuid)\n"
		   "with its sheets, agenda, state, names, ballots and notes, in one\n"
		   "transaction. Merging twice adds nothing. FILE.db is only read.\n"
		   "A session in both files with different ballots is refused and\n"
		   "nothing is merged, unless --prefer says which one wins.\n\n"
		   "Options:\n"
		   "  --prefer mine    keep this database's version of such sessions\n"
		   "  --prefer theirs  take FILE.db's version of such sessions\n"),
	.options = merge_options,
	.opts_size = sizeof(struct merge_opts),
	.exec = exec_merge,
};
