/* cmd-screen: "tapla screen ID", the read-only projector view of a session
 * that another tapla (the workshop screen, tapla vote) is changing. */
#include <stdio.h>
#include <sys/stat.h>

#include "tapla/cmd.h"
#include "tapla/i18n.h"
#include "tapla/ui.h"

/* Does the WAL's shared-memory file (path-shm) exist? */
static bool shm_exists(const char *path)
{
	char shm[CMD_PATH_MAX + 8];
	struct stat sb;
	snprintf(shm, sizeof shm, "%s-shm", path);
	return stat(shm, &sb) == 0;
}

/* Opens the database read-only. SQLite reads a WAL database through its
 * "-shm" file, which it makes if missing; where it cannot (a folder we may
 * not write in), the writer must have it open. */
static int open_readonly(struct cmd_ctx *ctx)
{
	char path[CMD_PATH_MAX], err[512];
	int rc = cmd_db_path(ctx, path, sizeof path);
	if (rc != CMD_EXIT_OK)
		return rc;
	enum store_status st = store_open_readonly(path, &ctx->store, err, sizeof err);
	if (st == STORE_OK)
		return CMD_EXIT_OK;
	if (st == STORE_ERROR && !shm_exists(path)) {
		cmd_error(_("The projector view could not read “%s”, and may not make its “-shm” file beside it: start the workshop on this database first (tapla run ID), then start the view again."),
			  path);
		return CMD_EXIT_ENV;
	}
	cmd_error("%s", err);
	return (int)front_exit_for_store(st);
}

static int exec_screen(struct cmd_ctx *ctx, void *opts, int argc, char **argv)
{
	int64_t id = 0;
	(void)opts;
	if (argc != 1)
		return cmd_usage_error(&cmd_screen_entry, "%s",
				       _("Give one session id."));
	/* A bad id is refused before the database is opened (read-only). */
	int rc = cmd_parse_id(argv[0], &id) == CMD_GO_ON ? open_readonly(ctx) :
							   CMD_EXIT_USAGE;
	return rc != CMD_EXIT_OK ? rc : cmd_run_screen(ctx, argv[0], ui_screen_run);
}

const struct cmd_entry cmd_screen_entry = {
	.name = "screen",
	.synopsis = "ID",
	.summary = N_("a read-only view of a session for the projector"),
	.help = N_("Shows session ID full-screen for the room, for a second terminal on\n"
		   "the projector (local or over SSH) while voting happens in another\n"
		   "terminal on the same database: the phase and its instructions, the\n"
		   "timer, how many have voted (never what), and the results once the\n"
		   "facilitator reveals them or voting is closed. It follows changes\n"
		   "within a second and never writes to the database.\n"
		   "Keys: q or Ctrl-C quits; p switches between the phase and the\n"
		   "results; arrows scroll the results; t switches between the chart\n"
		   "and the table of numbers; Tab shows the notes; m shows who moved\n"
		   "since the previous round; g shows the results by group; Esc does\n"
		   "nothing, so that a stray one cannot close the room's view.\n"),
	.exec = exec_screen,
};
