/* web: phone voting, an HTTP front end beside the terminal ones.
 *
 * web_start runs GNU libmicrohttpd's own thread with its own store
 * connection; it never touches the terminal, signals or the process's
 * language (gettext's language is process-wide: the pages carry their own
 * Finnish and English words, web-words.c; only web_start's own error
 * sentences, made in the caller's thread, are translated). Every page lives under a random
 * join token (128 bits from getrandom, new per start): any other path
 * answers 404 and says nothing, but for one: when this process stopped
 * the server of the previous round of the same session and database
 * (tapla round, the console's u), the new server takes that server's
 * port if no port was asked for and it is free, and under its token
 * answers only that the round is closed, with a link to this one.
 *
 * Rounds: from round 2 on every page says "Round N · workshop" where
 * round 1's pages said the title; once a later round exists, this
 * round's form and posts answer in one sentence that voting here is
 * closed and to scan the new QR code (409 to a post, nothing stored).
 *
 * The form is a contract (README, tapla(1)): POST
 * application/x-www-form-urlencoded to JOIN/review (check) or JOIN/confirm
 * (store) with `name`, one field per non-empty cell named SHEET:LEVEL in the
 * command line's spellings (`1:agree` = `5`), notes as SHEET:Q (`1:S`), and
 * the hidden `csrf` field of the page (bound to the phone's device cookie).
 *
 * What the console shows per channel comes from the store
 * (store_source_counts), not from here. */
#ifndef TAPLA_WEB_H
#define TAPLA_WEB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct web_config {
	const char *db_path;    /* the tapla database */
	int64_t session;        /* the session phones vote in */
	/* "ADDR:PORT" or "[V6ADDR]:PORT" (port 0: a free one); NULL: every
	 * address of the machine on a free port. */
	const char *listen;
	const char *language;   /* the pages' first language; NULL: the
				 * session's ("fi" or "en") */
	/* Limits; 0 takes the default in brackets. */
	unsigned max_connections;    /* open at once (400) */
	unsigned max_per_address;    /* open at once from one address (32) */
	unsigned posts_per_minute;   /* from one address (120) */
	unsigned timeout_s;          /* an idle or slow connection (15) */
	/* TLS when the organisation has a certificate: PEM files; both NULL
	 * for plain HTTP (the default, see README). */
	const char *tls_cert;
	const char *tls_key;
};

struct web;

/* Starts serving. NULL on failure with one sentence in err (what happened,
 * what to do), e.g. the address is taken or the session does not exist. */
struct web *web_start(const struct web_config *cfg, char *err, size_t n);
/* Is `listen` an address web_start takes ("ADDR:PORT", "[V6]:PORT")? */
bool web_listen_valid(const char *listen);
/* The address phones open, with the token:
 * "http://192.168.43.17:40123/3F9C…/". With every address listened on,
 * the host is the first non-loopback interface's (127.0.0.1 if none). The
 * token is upper-case hex, so the URL upper-cased whole stays valid (a
 * smaller QR code in alphanumeric mode). */
const char *web_join_url(const struct web *w);
/* The port listened on. */
unsigned web_port(const struct web *w);
/* Stops the thread, closes every connection and the store; NULL is fine. */
void web_stop(struct web *w);

#endif
