/* cmd-common: what the commands share: errors, help, the store, output. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "tapla/args.h"
#include "tapla/cmd.h"
#include "tapla/i18n.h"
#include "tapla/outfile.h"
#include "tapla/text.h"

/* Prints a formatted message sanitized: it may quote an argument, a file's
 * cell or a stored name, and no escape sequence may reach the terminal. */
static void put_sanitized(const char *fmt, va_list ap)
{
	char *msg = NULL;
	char *clean = vasprintf(&msg, fmt, ap) >= 0 ? text_sanitize(msg) : NULL;
	/* Without memory, the bare (translated) format is still a hint. */
	fputs(clean ? clean : fmt, stderr);
	free(clean);
	free(msg);
}

void cmd_error(const char *fmt, ...)
{
	va_list ap;
	fputs("tapla: ", stderr);
	va_start(ap, fmt);
	put_sanitized(fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void cmd_print_help(const struct cmd_entry *e)
{
	printf(_("Usage: tapla %s %s\n"), e->name, e->synopsis);
	printf("%s\n", _(e->summary));
	if (e->help && *e->help)
		printf("\n%s", _(e->help));
	printf(_("\nCommon options:\n"
		 "  --db FILE      the database to use\n"
		 "  --lang fi|en   the language of messages\n"
		 "  --help         this help\n"));
}

int cmd_usage_error(const struct cmd_entry *e, const char *fmt, ...)
{
	va_list ap;
	fputs("tapla: ", stderr);
	va_start(ap, fmt);
	put_sanitized(fmt, ap);
	va_end(ap);
	fprintf(stderr, _(" Usage: tapla %s %s (see “tapla %s --help”).\n"),
		e->name, e->synopsis, e->name);
	return CMD_EXIT_USAGE;
}

int cmd_db_path(const struct cmd_ctx *ctx, char *path, size_t n)
{
	if (ctx->db_path) {
		if (snprintf(path, n, "%s", ctx->db_path) >= (int)n) {
			cmd_error(_("The database path is too long."));
			return CMD_EXIT_USAGE;
		}
	} else if (!store_default_path(path, n)) {
		cmd_error(_("No place for the database: set HOME or TAPLA_DB, or give --db FILE."));
		return CMD_EXIT_ENV;
	}
	return CMD_EXIT_OK;
}

int cmd_open_store(struct cmd_ctx *ctx, bool readonly)
{
	char path[CMD_PATH_MAX];
	char err[512];
	if (ctx->store)
		return CMD_EXIT_OK;
	int rc = cmd_db_path(ctx, path, sizeof path);
	if (rc)
		return rc;
	enum store_status st = readonly ?
		store_open_readonly(path, &ctx->store, err, sizeof err) :
		store_open(path, &ctx->store, err, sizeof err);
	if (st != STORE_OK) {
		cmd_error("%s", err);
		return (int)front_exit_for_store(st);
	}
	return CMD_EXIT_OK;
}

int cmd_store_failed(struct cmd_ctx *ctx, enum store_status st)
{
	cmd_error("%s", store_error(ctx->store));
	return (int)front_exit_for_store(st);
}

int cmd_parse_id(const char *arg, int64_t *id)
{
	char err[256];
	if (!args_parse_id(arg, id, err, sizeof err)) {
		cmd_error("%s", err);
		return CMD_EXIT_USAGE;
	}
	return CMD_GO_ON;
}

/* Parses a session id and opens the store (if not yet open): a bad id is
 * refused before any file is opened. 0 or the exit status. */
static int open_for_id(struct cmd_ctx *ctx, const char *id_arg, int64_t *id)
{
	int rc = cmd_parse_id(id_arg, id);
	return rc == CMD_GO_ON ? cmd_open_store(ctx, false) : rc;
}

int cmd_session_exists(struct cmd_ctx *ctx, const char *id_arg, int64_t *id)
{
	struct session s;
	int rc = cmd_load_session(ctx, id_arg, &s);
	if (rc == CMD_EXIT_OK) {
		*id = s.id;
		rules_session_free(&s);
	}
	return rc;
}

int cmd_load_session(struct cmd_ctx *ctx, const char *id_arg,
		     struct session *out)
{
	int64_t id;
	int rc = open_for_id(ctx, id_arg, &id);
	if (rc)
		return rc;
	enum store_status st = store_session_get(ctx->store, id, out);
	return st == STORE_OK ? CMD_EXIT_OK : cmd_store_failed(ctx, st);
}

/* Writes data to stdout. On a terminal every format is sanitized first
 * (escape sequences and control characters a damaged or foreign database
 * may hold never reach it); to a pipe or file the bytes stay exact. */
static int write_stdout(const char *data, size_t len)
{
	char *safe = NULL;
	if (isatty(STDOUT_FILENO)) {
		safe = text_sanitize_lines(data, len, &len);
		if (!safe) {
			cmd_error(_("There is not enough memory to write the results; close other programs and try again."));
			return CMD_EXIT_ENV;
		}
		data = safe;
	}
	bool ok = fwrite(data, 1, len, stdout) == len && fflush(stdout) == 0;
	int e = errno;
	free(safe);
	if (!ok) {
		cmd_error(_("Could not write the output: %s."), strerror(e));
		return CMD_EXIT_ENV;
	}
	return CMD_EXIT_OK;
}

int cmd_write_output(const struct cmd_ctx *ctx, const struct cmd_output *out,
		     const char *data, size_t len)
{
	char msg[4400];
	const char *path = out ? out->path : NULL;
	if (!path || strcmp(path, "-") == 0)
		return write_stdout(data, len);
	struct outfile_opts o = { .force = out->force,
				  .protect = store_file(ctx->store) };
	enum outfile_status st = outfile_write(path, data, len, &o, msg, sizeof msg);
	if (st == OUTFILE_OK)
		return CMD_EXIT_OK;
	cmd_error("%s", msg);
	return (int)front_exit_for_outfile(st);
}

int cmd_load_report(struct cmd_ctx *ctx, const char *id_arg, bool summary,
		    struct report *out)
{
	int64_t id;
	int rc = open_for_id(ctx, id_arg, &id);
	if (rc)
		return rc;
	enum store_status st = summary ? store_report_summary(ctx->store, id, out) :
				 store_report(ctx->store, id, out);
	return st == STORE_OK ? CMD_EXIT_OK : cmd_store_failed(ctx, st);
}

/* Has the room been shown this session's results (revealed, voting
 * closed, or the agenda at its results phase), as the screens decide? */
static bool room_has_seen(const struct session *s, const struct tpl_phase *ph,
			  size_t nphases)
{
	if (s->revealed || s->closed[0])
		return true;
	return s->phase >= 0 && (size_t)s->phase < nphases &&
	       ph[s->phase].kind == PHASE_RESULTS;
}

int64_t cmd_unseen_session(const struct report *r)
{
	return room_has_seen(&r->session, r->phases, r->nphases) ? 0
							       : r->session.id;
}

void cmd_note_unseen(int64_t id)
{
	if (id)
		cmd_error(_("Note: voting in session %lld runs with the results hidden; the room has not seen these results yet."),
			  (long long)id);
}

void cmd_note_erase_pending(const struct cmd_ctx *ctx)
{
	if (store_erase_pending(ctx->store))
		cmd_error(_("Note: another program is reading this database, so an old copy of erased data stays in its journal (the -wal file) until it lets go; the next tapla command after that wipes it."));
}

int cmd_emit(const struct cmd_ctx *ctx, const struct cmd_output *out,
	     struct buf *b, bool ok)
{
	int rc;
	if (ok && !b->failed) {
		rc = cmd_write_output(ctx, out, buf_str(b), b->len);
	} else {
		cmd_error(_("There is not enough memory to write the results; close other programs and try again."));
		rc = CMD_EXIT_ENV;
	}
	buf_free(b);
	return rc;
}

int cmd_load_one_report(struct cmd_ctx *ctx, const struct cmd_entry *e,
			int argc, char **argv, bool summary, struct report *out)
{
	if (argc != 1)
		return cmd_usage_error(e, _("Give one session id."));
	return cmd_load_report(ctx, argv[0], summary, out);
}

int cmd_emit_report(const struct cmd_ctx *ctx, const struct cmd_output *out,
		    struct report *r, struct buf *b, bool ok)
{
	int rc = cmd_emit(ctx, out, b, ok);
	report_free(r);
	return rc;
}

int cmd_emit_results(const struct cmd_ctx *ctx, const struct cmd_output *out,
		     struct report *r, struct buf *b, bool ok)
{
	int64_t unseen = cmd_unseen_session(r);
	int rc = cmd_emit_report(ctx, out, r, b, ok);
	if (rc == CMD_EXIT_OK)
		cmd_note_unseen(unseen);
	return rc;
}

int cmd_run_screen(struct cmd_ctx *ctx, const char *id_arg,
		   cmd_screen_fn *screen)
{
	int64_t id = 0;
	int rc = id_arg ? cmd_session_exists(ctx, id_arg, &id) :
			  cmd_open_store(ctx, false);
	if (rc != CMD_EXIT_OK)
		return rc;
	char msg[700] = "";
	rc = screen(ctx->store, id, ctx->lang != NULL, msg, sizeof msg);
	if (rc != CMD_EXIT_OK && msg[0])
		cmd_error("%s", msg);
	return rc;
}

size_t cmd_output_width(size_t widest)
{
	struct winsize ws;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col >= 60)
		return ws.ws_col > widest ? widest : ws.ws_col;
	return 80;
}
