/* cmd-common: what the commands share: errors, help, the store, output. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tapla/args.h"
#include "tapla/cmd.h"
#include "tapla/i18n.h"
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

int cmd_common_option(struct cmd_ctx *ctx, const struct cmd_entry *e,
		      int opt, char **argv)
{
	const char *arg = optind > 0 ? argv[optind - 1] : "";
	switch (opt) {
	case 'D':
		ctx->db_path = optarg;
		return -2;
	case 'L':
		return -2;  /* taken before any message (main.c) */
	case 'h':
		cmd_print_help(e);
		return CMD_EXIT_OK;
	case ':':
		return cmd_usage_error(e, _("The option \"%s\" needs a value."),
				       arg ? arg : "");
	case '?':
		return cmd_usage_error(e, _("Unknown option \"%s\"."), arg ? arg : "");
	default:
		return -1;
	}
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
		return st == STORE_NOT_FOUND || st == STORE_REFUSED ?
		       CMD_EXIT_USAGE : CMD_EXIT_ENV;
	}
	return CMD_EXIT_OK;
}

int cmd_store_failed(struct cmd_ctx *ctx, enum store_status st)
{
	cmd_error("%s", store_error(ctx->store));
	switch (st) {
	case STORE_NOT_FOUND:
	case STORE_REFUSED:
	case STORE_CONFLICT:
		return CMD_EXIT_USAGE;
	default:
		return CMD_EXIT_ENV;
	}
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

/* Writes all of data to fd, retrying short writes. */
static bool write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		data += n;
		len -= (size_t)n;
	}
	return true;
}

int cmd_write_file(const char *path, const char *data, size_t len, char *msg,
		   size_t n)
{
	/* Write beside the target, then rename: never a half-written file. */
	char tmp[4096];
	if (snprintf(tmp, sizeof tmp, "%s.tmp-XXXXXX", path) >= (int)sizeof tmp) {
		snprintf(msg, n, "%s", _("The output path is too long."));
		return CMD_EXIT_USAGE;
	}
	int fd = mkstemp(tmp);
	if (fd < 0) {
		snprintf(msg, n, _("Could not create \"%s\": %s. Check the folder exists and is writable."),
			 path, strerror(errno));
		return CMD_EXIT_ENV;
	}
	bool ok = write_all(fd, data, len) && fsync(fd) == 0;
	int saved = errno;
	if (close(fd) != 0)
		ok = false;
	if (ok && rename(tmp, path) != 0) {
		saved = errno;
		ok = false;
	}
	if (!ok) {
		unlink(tmp);
		snprintf(msg, n, _("Could not write \"%s\": %s."), path, strerror(saved));
		return CMD_EXIT_ENV;
	}
	return CMD_EXIT_OK;
}

int cmd_write_output(const char *path, const char *data, size_t len)
{
	char msg[4400];
	if (!path || strcmp(path, "-") == 0) {
		if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
			cmd_error(_("Could not write the output: %s."), strerror(errno));
			return CMD_EXIT_ENV;
		}
		return CMD_EXIT_OK;
	}
	int rc = cmd_write_file(path, data, len, msg, sizeof msg);
	if (rc != CMD_EXIT_OK)
		cmd_error("%s", msg);
	return rc;
}

int cmd_parse_common_only(struct cmd_ctx *ctx, const struct cmd_entry *e,
			  int argc, char **argv)
{
	static const struct option longopts[] = { CMD_COMMON_LONGOPTS, { NULL, 0, NULL, 0 } };
	int opt;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		int rc = cmd_common_option(ctx, e, opt, argv);
		if (rc != -2)
			return rc == -1 ? CMD_EXIT_USAGE : rc;
	}
	return -2;
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

void cmd_note_unseen(const struct report *r)
{
	if (!room_has_seen(&r->session, r->phases, r->nphases))
		cmd_error(_("Note: voting in session %lld runs with the results hidden; the room has not seen these results yet."),
			  (long long)r->session.id);
}

void cmd_note_erase_pending(const struct cmd_ctx *ctx)
{
	if (store_erase_pending(ctx->store))
		cmd_error(_("Note: another program is reading this database, so an old copy of erased data stays in its journal (the -wal file) until it lets go; the next tapla command after that wipes it."));
}

int cmd_emit(const char *path, struct buf *out, bool ok)
{
	int rc;
	if (ok && !out->failed) {
		rc = cmd_write_output(path, buf_str(out), out->len);
	} else {
		cmd_error(_("There is not enough memory to write the results; close other programs and try again."));
		rc = CMD_EXIT_ENV;
	}
	buf_free(out);
	return rc;
}
