/* cmd-pin: set or clear a session's facilitator PIN from the command line,
 * the way out for a facilitator who forgot it (whoever holds the file
 * holds the data anyway: the PIN guards the keyboard in the room). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "tapla/cmd.h"
#include "tapla/i18n.h"
#include "tapla/pin.h"

/* What the options ask for. */
struct pin_opts {
	bool set;
	bool clear;
};

static const struct cmd_option pin_options[] = {
	CMD_FLAG("set", 's', struct pin_opts, set),
	CMD_FLAG("clear", 'c', struct pin_opts, clear),
	CMD_OPTIONS_END,
};

/* Reads one line of standard input into buf without its line end; on a
 * terminal asks first (on stderr) and does not echo. False at end of input
 * or for a line longer than buf. */
static bool read_pin(const char *question, char *buf, size_t n)
{
	struct termios old, quiet;
	bool tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &old) == 0;
	if (tty) {
		fprintf(stderr, "%s", question);
		fflush(stderr);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) != 0)
			tty = false;
	}
	bool ok = fgets(buf, (int)n, stdin) != NULL;
	if (tty) {
		(void)tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);  /* best effort */
		fputc('\n', stderr);
	}
	if (!ok)
		return false;
	size_t len = strcspn(buf, "\r\n");
	if (buf[len] == '\0' && len == n - 1)
		return false;  /* longer than any PIN may be */
	buf[len] = '\0';
	return true;
}

/* Reads the new PIN (twice on a terminal) and checks it; 0 or the exit
 * status after saying why. */
static int new_pin(char *pin, size_t n)
{
	char again[PIN_MAX_BYTES + 2];
	char why[300];
	if (!read_pin(_("New facilitator PIN: "), pin, n)) {
		cmd_error("%s", _("No PIN was read: type it on standard input (one line, at most 64 bytes)."));
		return CMD_EXIT_USAGE;
	}
	if (!pin_acceptable(pin, why, sizeof why)) {
		cmd_error("%s", why);
		return CMD_EXIT_USAGE;
	}
	if (isatty(STDIN_FILENO)) {
		bool same = read_pin(_("The same PIN again: "), again, sizeof again) &&
			    strcmp(pin, again) == 0;
		explicit_bzero(again, sizeof again);
		if (!same) {
			cmd_error("%s", _("The two PINs differ: nothing was changed."));
			return CMD_EXIT_USAGE;
		}
	}
	return CMD_EXIT_OK;
}

/* Stores the hash of a new PIN (or none); the wrong-PIN count restarts. */
static int store_pin(struct cmd_ctx *ctx, int64_t id, const char *pin)
{
	char why[300];
	char *hash = NULL;
	if (pin && !(hash = pin_hash(pin, why, sizeof why))) {
		cmd_error("%s", why);
		return CMD_EXIT_ENV;
	}
	enum store_status st = store_session_set_pin_hash(ctx->store, id, hash);
	free(hash);
	if (st != STORE_OK)
		return cmd_store_failed(ctx, st);
	if (pin)
		printf(_("The facilitator PIN of session %lld is set.\n"), (long long)id);
	else
		printf(_("The facilitator PIN of session %lld is cleared: the facilitator key opens without one.\n"),
		       (long long)id);
	return CMD_EXIT_OK;
}

static int exec_pin(struct cmd_ctx *ctx, void *opts, int argc, char **argv)
{
	const struct pin_opts *o = opts;
	char pin[PIN_MAX_BYTES + 2];
	int64_t id = 0;
	if (argc != 1)
		return cmd_usage_error(&cmd_pin_entry, _("Give one session id."));
	if (o->set == o->clear)
		return cmd_usage_error(&cmd_pin_entry, _("Give --set or --clear."));
	int rc = cmd_session_exists(ctx, argv[0], &id);
	if (rc)
		return rc;
	if (o->clear)
		return store_pin(ctx, id, NULL);
	rc = new_pin(pin, sizeof pin);
	if (rc == CMD_EXIT_OK)
		rc = store_pin(ctx, id, pin);
	explicit_bzero(pin, sizeof pin);
	return rc;
}

const struct cmd_entry cmd_pin_entry = {
	.name = "pin",
	.synopsis = "ID --set | --clear",
	.summary = N_("set or clear the facilitator PIN"),
	.help = N_("Sets the facilitator PIN of a session (read from standard input: on a\n"
		   "terminal it is asked twice and not shown) or clears it. A PIN has at\n"
		   "least 6 digits or characters and is not one key repeated or a run\n"
		   "like 123456; only its salted hash is stored. Either way the count of\n"
		   "wrong PINs typed at the laptop starts again. The PIN guards the\n"
		   "keyboard in the room; whoever holds the database file holds the data,\n"
		   "so this command asks for no PIN.\n\n"
		   "Options:\n"
		   "  --set    set a new PIN\n"
		   "  --clear  remove the PIN\n"),
	.options = pin_options,
	.opts_size = sizeof(struct pin_opts),
	.exec = exec_pin,
};
