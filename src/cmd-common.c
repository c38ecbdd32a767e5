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
	fprintf(stderr, _(" Usage: tapla %s %s (see \"tapla %s --help\").\n"),
		e->name, e->synopsis, e->name);
	return CMD_EXIT_USAGE;
}

int cmd_open_store(struct cmd_ctx *ctx, bool readonly)
{
	char path[4096];
	char err[512];
	if (ctx->store)
		return CMD_EXIT_OK;
	if (ctx->db_path) {
		if (snprintf(path, sizeof path, "%s", ctx->db_path) >= (int)sizeof path) {
			cmd_error(_("The database path is too long."));
			return CMD_EXIT_USAGE;
		}
	} else if (!store_default_path(path, sizeof path)) {
		cmd_error(_("No place for the database: set HOME or TAPLA_DB, or give --db FILE."));
		return CMD_EXIT_ENV;
	}
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

int cmd_load_session(struct cmd_ctx *ctx, const char *id_arg,
		     struct session *out)
{
	char err[256];
	int64_t id;
	if (!args_parse_id(id_arg, &id, err, sizeof err)) {
		cmd_error("%s", err);
		return CMD_EXIT_USAGE;
	}
	enum store_status st = store_session_get(ctx->store, id, out);
	return st == STORE_OK ? CMD_EXIT_OK : cmd_store_failed(ctx, st);
}

int cmd_write_output(const struct cmd_ctx *ctx, const struct cmd_output *out,
		     const char *data, size_t len)
{
	char msg[4400];
	const char *path = out ? out->path : NULL;
	if (!path || strcmp(path, "-") == 0) {
		if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
			cmd_error(_("Could not write the output: %s."), strerror(errno));
			return CMD_EXIT_ENV;
		}
		return CMD_EXIT_OK;
	}
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
	char err[256];
	if (!args_parse_id(id_arg, &id, err, sizeof err)) {
		cmd_error("%s", err);
		return CMD_EXIT_USAGE;
	}
	int rc = cmd_open_store(ctx, false);
	if (rc)
		return rc;
	enum store_status st = summary ? store_report_summary(ctx->store, id, out) :
				 store_report(ctx->store, id, out);
	return st == STORE_OK ? CMD_EXIT_OK : cmd_store_failed(ctx, st);
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

size_t cmd_output_width(size_t widest)
{
	struct winsize ws;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col >= 60)
		return ws.ws_col > widest ? widest : ws.ws_col;
	return 80;
}
