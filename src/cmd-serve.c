/* cmd-serve: "tapla serve ID [--listen ADDR:PORT]", phone voting without the
 * full-screen app: the server of web.h until SIGINT or SIGTERM. The first
 * line on stdout is the join URL (scripts and tests read it); the store
 * keeps it for the projector view while the server runs (and beats). */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "tapla/cmd.h"
#include "tapla/i18n.h"
#include "tapla/web.h"

/* Set by SIGINT and SIGTERM; nothing else happens in the handler. */
static volatile sig_atomic_t stop_requested;

/* Notes the stop for the waiting main thread. */
static void on_stop(int sig)
{
	(void)sig;
	stop_requested = 1;
}

/* What the command line asked for. */
struct serve_opts {
	const char *listen, *cert, *key;
};

static const struct cmd_option serve_options[] = {
	CMD_TEXT("listen", 'l', struct serve_opts, listen),
	CMD_TEXT("cert", 0, struct serve_opts, cert),
	CMD_TEXT("key", 0, struct serve_opts, key),
	CMD_OPTIONS_END,
};

/* Checks the operands and the options that go together; CMD_GO_ON or the
 * exit status after saying why. */
static int check(const struct serve_opts *o, int argc)
{
	if (argc != 1)
		return cmd_usage_error(&cmd_serve_entry, "%s",
				       _("Give one session id."));
	if (!o->cert != !o->key)
		return cmd_usage_error(&cmd_serve_entry, "%s",
				       _("Give both --cert and --key, or neither."));
	if (o->listen && !web_listen_valid(o->listen))
		return cmd_usage_error(&cmd_serve_entry,
			_("“%s” is not an address to listen on: give ADDRESS:PORT, e.g. 0.0.0.0:8080 or [::1]:8080."),
			o->listen);
	return CMD_GO_ON;
}

/* SIGINT and SIGTERM blocked (the server's thread inherits that) and
 * caught; the old mask in *old. */
static bool catch_stops(sigset_t *old)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop;
	sigemptyset(&sa.sa_mask);
	sigset_t stops;
	sigemptyset(&stops);
	sigaddset(&stops, SIGINT);
	sigaddset(&stops, SIGTERM);
	return sigaction(SIGINT, &sa, NULL) == 0 &&
	       sigaction(SIGTERM, &sa, NULL) == 0 &&
	       sigprocmask(SIG_BLOCK, &stops, old) == 0;
}

static int exec_serve(struct cmd_ctx *ctx, void *opts, int argc, char **argv)
{
	const struct serve_opts *o = opts;
	int rc = check(o, argc);
	if (rc != CMD_GO_ON)
		return rc;
	char path[CMD_PATH_MAX], err[512];
	rc = cmd_db_path(ctx, path, sizeof path);
	if (rc)
		return rc;
	/* An unknown session is bad input (2), said before anything starts. */
	struct session s;
	rc = cmd_load_session(ctx, argv[0], &s);
	if (rc)
		return rc;
	int64_t id = s.id;
	rules_session_free(&s);
	sigset_t old;
	if (!catch_stops(&old)) {
		cmd_error(_("The stop signals could not be caught: try again."));
		return CMD_EXIT_ENV;
	}
	struct web_config cfg = {
		.db_path = path, .session = id, .listen = o->listen,
		.tls_cert = o->cert, .tls_key = o->key,
	};
	struct web *w = web_start(&cfg, err, sizeof err);
	if (!w) {
		cmd_error("%s", err);
		return CMD_EXIT_ENV;
	}
	/* For tapla screen; a stale address of a killed server is replaced. */
	if (store_session_set_join_url(ctx->store, id, web_join_url(w)) != STORE_OK)
		cmd_error("%s", store_error(ctx->store));
	printf("%s\n", web_join_url(w));
	printf(_("Phones vote in session %lld at the address above; Ctrl-C stops.\n"),
	       (long long)id);
	fflush(stdout);
	sigset_t wait_mask = old;
	sigdelset(&wait_mask, SIGINT);
	sigdelset(&wait_mask, SIGTERM);
	while (!stop_requested)
		sigsuspend(&wait_mask);
	web_stop(w);
	/* Best effort: a failure leaves an address whose beat has stopped,
	 * which the projector does not show. */
	(void)store_session_set_join_url(ctx->store, id, NULL);
	sigprocmask(SIG_SETMASK, &old, NULL);
	return CMD_EXIT_OK;
}

const struct cmd_entry cmd_serve_entry = {
	.name = "serve",
	.synopsis = "ID [--listen ADDR:PORT] [--cert FILE --key FILE]",
	.summary = N_("let phones vote in a session over the room's network"),
	.help = N_("Serves the session's voting page to phones (plain HTTP) until\n"
		   "Ctrl-C or SIGTERM. The first line printed is the join address with\n"
		   "its random token; open it on a phone (or show it as a QR code).\n"
		   "\n"
		   "  --listen ADDR:PORT  listen there ([::1]:8080 for IPv6; port 0: a\n"
		   "                      free one); without it every address of this\n"
		   "                      machine on a free port, the address shown\n"
		   "                      being the first network interface's\n"
		   "  --cert FILE --key FILE  HTTPS with the organisation's certificate\n"
		   "                      and key (PEM)\n"
		   "\n"
		   "The form is a contract: POST application/x-www-form-urlencoded to\n"
		   "JOIN/review or JOIN/confirm with name, one field per cell named\n"
		   "SHEET:LEVEL (1:agree=5), notes as SHEET:Q (1:S=...) and the page's\n"
		   "hidden csrf field.\n"),
	.options = serve_options,
	.opts_size = sizeof(struct serve_opts),
	.exec = exec_serve,
};
