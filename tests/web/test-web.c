/* Phone voting (issue 11) against the real server on 127.0.0.1: the form
 * contract, every refusal, one ballot per phone, blind until revealed,
 * many phones at once, idle and slow connections, oversized and hostile
 * requests, and `tapla serve` itself. Each test has its own database and
 * server; every wait has a deadline. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "client.h"
#include "store-fixture.h"
#include "tapla/web.h"

/* One test's world: the store fixture and a server on it. */
struct world {
	struct store_fixture *f;
	struct web *w;
	unsigned port;
	char base[64];       /* "/TOKEN/" */
};

/* A phone: its cookie and its form token. */
struct phone {
	char cookie[128];
	char csrf[33];
};

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Starts the server with cfg's limits on the fixture's session. */
static void start(struct world *wd, struct web_config cfg)
{
	char err[512];
	cfg.db_path = wd->f->path;
	cfg.session = wd->f->session;
	cfg.listen = "127.0.0.1:0";
	if (!cfg.language)
		cfg.language = "en";
	wd->w = web_start(&cfg, err, sizeof err);
	if (!wd->w)
		fail_msg("web_start: %s", err);
	assert_true(http_split_url(web_join_url(wd->w), &wd->port, wd->base,
				   sizeof wd->base));
	assert_int_equal(wd->port, web_port(wd->w));
}

static int setup(void **state)
{
	struct world *wd = calloc(1, sizeof *wd);
	assert_non_null(wd);
	void *f = NULL;
	fixture_setup(&f);
	wd->f = f;
	start(wd, (struct web_config){ .posts_per_minute = 100000 });
	*state = wd;
	return 0;
}

/* Stops the server and starts it again with cfg, on the same session. */
static void restart(struct world *wd, struct web_config cfg)
{
	web_stop(wd->w);
	start(wd, cfg);
}

/* Stops the server and serves a new session made with o instead. */
static void serve_new_session(struct world *wd, const struct store_new_session *o)
{
	web_stop(wd->w);
	wd->f->session = fixture_session(wd->f->st, o);
	start(wd, (struct web_config){ 0 });
}

static int teardown(void **state)
{
	struct world *wd = *state;
	web_stop(wd->w);
	void *f = wd->f;
	fixture_teardown(&f);
	free(wd);
	return 0;
}

/* GET the form as a new phone: its cookie and form token. */
static void phone_open(struct world *wd, struct phone *p)
{
	struct http_resp r;
	assert_true(http_request(wd->port, "GET", wd->base, NULL, NULL, &r));
	assert_int_equal(r.status, 200);
	assert_true(http_set_cookie(&r, "tapla_d", p->cookie, sizeof p->cookie));
	assert_true(http_csrf(&r, p->csrf));
	assert_non_null(strstr(r.head, "HttpOnly; SameSite=Strict"));
	http_resp_free(&r);
}

/* POSTs fields (after the csrf) to base + route; the response. */
static void phone_post(struct world *wd, const struct phone *p,
		       const char *route, const char *fields,
		       struct http_resp *r)
{
	char path[128], body[8192];
	snprintf(path, sizeof path, "%s%s", wd->base, route);
	snprintf(body, sizeof body, "csrf=%s&%s", p->csrf, fields);
	assert_true(http_request(wd->port, "POST", path, p->cookie, body, r));
}

/* Ballots stored in the session. */
static int ballots(struct world *wd)
{
	int n = -1;
	assert_int_equal(store_vote_count(wd->f->st, wd->f->session, &n), STORE_OK);
	return n;
}

#define SEED "name=Anna&1:agree=5&2:partly-agree=2&3:neutral=2&4:disagree=1"

/* The seed's worked example through the form lands with source phone. */
static void worked_example_lands_as_phone(void **state)
{
	struct world *wd = *state;
	struct phone p;
	phone_open(wd, &p);
	struct http_resp r;
	phone_post(wd, &p, "review", SEED "&1:S=Vertaistuki%20toimii", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "Check and confirm"));
	assert_non_null(strstr(r.body, "10 of 10 dots used."));
	http_resp_free(&r);
	assert_int_equal(ballots(wd), 0);  /* review stores nothing */
	phone_post(wd, &p, "confirm", SEED "&1:S=Vertaistuki%20toimii", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "Your ballot is saved."));
	http_resp_free(&r);
	struct report rep;
	assert_int_equal(store_report(wd->f->st, wd->f->session, &rep), STORE_OK);
	assert_int_equal(rep.nparticipants, 1);
	assert_string_equal(rep.participants[0].name, "Anna");
	assert_int_equal(rep.participants[0].source, SOURCE_PHONE);
	assert_int_equal(rep.sources[SOURCE_PHONE], 1);
	assert_int_equal(rep.tally.sheets[0].dots[LEVEL_AGREE], 5);
	assert_int_equal(rep.tally.sheets[1].dots[LEVEL_PARTLY_AGREE], 2);
	assert_int_equal(rep.tally.sheets[2].dots[LEVEL_NEUTRAL], 2);
	assert_int_equal(rep.tally.sheets[3].dots[LEVEL_DISAGREE], 1);
	assert_int_equal(rep.nnotes, 1);
	report_free(&rep);
	/* The same phone changes its own ballot; the form shows it first. */
	assert_true(http_request(wd->port, "GET", wd->base, p.cookie, NULL, &r));
	assert_non_null(strstr(r.body, "name=\"1:agree\" min=\"0\" max=\"10\" inputmode=\"numeric\" value=\"5\""));
	assert_non_null(strstr(r.body, ">Vertaistuki toimii</textarea>"));
	http_resp_free(&r);
	phone_post(wd, &p, "confirm", "name=Anna&1:agree=3", &r);
	assert_int_equal(r.status, 200);
	http_resp_free(&r);
	assert_int_equal(ballots(wd), 1);
	struct tally t;
	assert_int_equal(store_tally(wd->f->st, wd->f->session, &t), STORE_OK);
	assert_int_equal(t.total_dots, 3);
	tally_free(&t);
}

/* A refusal: its status and sentence, the ballot kept, nothing stored. */
static void refused(struct world *wd, const struct phone *p,
		    const char *fields, int status, const char *sentence)
{
	struct http_resp r;
	int before = ballots(wd);
	phone_post(wd, p, "confirm", fields, &r);
	if (r.status != status || !strstr(r.body, sentence))
		fail_msg("%s: %d, wanted %d and \"%s\"", fields, r.status,
			 status, sentence);
	assert_int_equal(ballots(wd), before);
	http_resp_free(&r);
}

/* Every rule of the laptop, in one sentence each, storing nothing. */
static void refusals_say_why(void **state)
{
	struct world *wd = *state;
	struct phone p;
	phone_open(wd, &p);
	refused(wd, &p, "name=Ville&1:agree=11", 400,
		"11 dots given, the budget is 10");
	refused(wd, &p, "name=Ville&1:agree=6&2:agree=5", 400,
		"11 dots given, the budget is 10");
	refused(wd, &p, "name=Ville&9:agree=1", 400,
		"There is no sheet 9: the sheets are 1 to 4.");
	refused(wd, &p, "name=Ville&1:bogus=1", 400, "“bogus” is not a column");
	refused(wd, &p, "name=Ville&1:agree=x", 400,
		"“x” is not a number of dots");
	refused(wd, &p, "name=Ville", 400, "The ballot has no dots");
	refused(wd, &p, "1:agree=1", 400, "Write your name first");
	refused(wd, &p, "name=%1B%5B2J&1:agree=1", 400,
		"The name has characters that cannot be stored");
	refused(wd, &p, "name=%FF%FE&1:agree=1", 400,
		"The name has characters that cannot be stored");
	refused(wd, &p, "name=Ville&1:agree=1&1:agree=2", 400, "given twice");
	refused(wd, &p, "name=Ville&1:agree=%ZZ", 400, "broken encoding");
	refused(wd, &p, "name=Ville&evil=1", 400, "“evil” that tapla does not know");
	/* The ballot stays on the form. */
	struct http_resp r;
	phone_post(wd, &p, "review", "name=Vil%3Cb%3Ele&1:agree=4&2:agree=7", &r);
	assert_non_null(strstr(r.body, "value=\"Vil&lt;b&gt;le\""));
	assert_non_null(strstr(r.body, "name=\"2:agree\" min=\"0\" max=\"10\" inputmode=\"numeric\" value=\"7\""));
	assert_null(strstr(r.body, "<b>"));
	http_resp_free(&r);
	/* A name that has voted on the laptop: ask the facilitator. */
	struct ballot b;
	fixture_seed_ballot(&b);
	int seq;
	assert_int_equal(store_ballot_save(wd->f->st, wd->f->session, "Outi", &b,
					   NULL, 0, false, &seq), STORE_OK);
	refused(wd, &p, "name=outi&1:agree=1", 409,
		"outi has voted already: ask the facilitator.");
	/* Look-alikes of that name are that signer (issue 12.3): a zero-width
	 * space, fullwidth letters; a name mixing Latin and Cyrillic is
	 * refused. */
	refused(wd, &p, "name=Ou%E2%80%8Bti&1:agree=1", 409, "has voted already");
	refused(wd, &p, "name=%EF%BC%AF%EF%BC%B5%EF%BC%B4%EF%BC%A9&1:agree=1", 409,
		"has voted already");
	refused(wd, &p, "name=P%D0%B0vel&1:agree=1", 400,
		"The name mixes letters of different scripts");
	/* Missing or wrong form token, or no device cookie: 403. */
	refused(wd, &(struct phone){ .csrf = "", .cookie = "" },
		"name=Ville&1:agree=1", 403, "open the join address again");
	struct phone wrong = p;
	memcpy(wrong.csrf, "00000000000000000000000000000000", 33);
	refused(wd, &wrong, "name=Ville&1:agree=1", 403,
		"open the join address again");
	struct phone nocookie = p;
	nocookie.cookie[0] = '\0';
	refused(wd, &nocookie, "name=Ville&1:agree=1", 403,
		"open the join address again");
	/* Closed voting. */
	assert_int_equal(store_session_set_closed(wd->f->st, wd->f->session, true),
			 STORE_OK);
	refused(wd, &p, "name=Ville&1:agree=1", 409,
		"Voting is closed: the ballot was not saved.");
	assert_int_equal(ballots(wd), 1);
}

/* Classic mode: one dot per sheet. */
static void classic_mode_refuses_two_on_a_sheet(void **state)
{
	struct world *wd = *state;
	struct store_new_session o = { .mode = MODE_CLASSIC };
	serve_new_session(wd, &o);
	struct phone p;
	phone_open(wd, &p);
	refused(wd, &p, "name=Ville&1:agree=2", 400,
		"Sheet 1 has more than one dot: in classic mode each sheet takes one dot.");
	refused(wd, &p, "name=Ville&1:agree=1&1:neutral=1", 400,
		"Sheet 1 has more than one dot");
	struct http_resp r;
	phone_post(wd, &p, "confirm", "name=Ville&1:agree=1&2:neutral=1", &r);
	assert_int_equal(r.status, 200);
	http_resp_free(&r);
	assert_int_equal(ballots(wd), 1);
}

/* A session with groups: the phone picks one of them, or none; another
 * is refused. */
static void groups_are_picked_from_the_list(void **state)
{
	struct world *wd = *state;
	struct store_new_session o = { .groups = "asukkaat\nviranhaltijat" };
	serve_new_session(wd, &o);
	struct phone p;
	phone_open(wd, &p);
	struct http_resp r;
	assert_true(http_request(wd->port, "GET", wd->base, p.cookie, NULL, &r));
	assert_non_null(strstr(r.body, "<option value=\"viranhaltijat\">viranhaltijat</option>"));
	http_resp_free(&r);
	refused(wd, &p, SEED "&group=johtajat", 400,
		"There is no group “johtajat”: pick one from the list.");
	phone_post(wd, &p, "confirm", SEED "&group=Asukkaat", &r);
	assert_int_equal(r.status, 200);
	http_resp_free(&r);
	assert_int_equal(fixture_query_int(wd->f->st,
		"SELECT count(*) FROM participant WHERE grp = 'asukkaat'"
		" AND source = 'phone'"), 1);
	assert_true(http_request(wd->port, "GET", wd->base, p.cookie, NULL, &r));
	assert_non_null(strstr(r.body, "<option value=\"asukkaat\" selected>"));
	http_resp_free(&r);
}

/* Without the token, or with a wrong one: 404 that names nothing. */
static void join_token_fences_everything(void **state)
{
	struct world *wd = *state;
	char wrong[64];
	strcpy(wrong, wd->base);
	wrong[1] = wrong[1] == 'A' ? 'B' : 'A';
	const char *paths[] = { "/", "/results", "/favicon.ico", wrong,
				"/review", "/../", "/%2e%2e/" };
	for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
		struct http_resp r;
		assert_true(http_request(wd->port, "GET", paths[i], NULL, NULL, &r));
		assert_int_equal(r.status, 404);
		assert_string_equal(r.body, "Not found.\n");
		assert_null(strstr(r.head, "Set-Cookie"));
		http_resp_free(&r);
	}
	struct http_resp r;
	char path[96];
	snprintf(path, sizeof path, "%sconfirm", wrong);
	assert_true(http_request(wd->port, "POST", path, NULL, SEED, &r));
	assert_int_equal(r.status, 404);
	http_resp_free(&r);
	assert_int_equal(ballots(wd), 0);
	/* The token is 128 bits of upper-case hex. */
	assert_int_equal(strlen(wd->base), 34);
	assert_int_equal(strspn(wd->base + 1, "0123456789ABCDEF"), 32);
}

/* The hostile room's headers on every page; no script, nothing external,
 * at most 16 KiB; Finnish on request. */
static void pages_are_closed_and_small(void **state)
{
	struct world *wd = *state;
	struct http_resp r;
	assert_true(http_request(wd->port, "GET", wd->base, NULL, NULL, &r));
	assert_non_null(strstr(r.head, "Content-Security-Policy: default-src 'none'; style-src 'nonce-"));
	assert_non_null(strstr(r.head, "form-action 'self'; frame-ancestors 'none'"));
	assert_non_null(strstr(r.head, "X-Content-Type-Options: nosniff"));
	assert_non_null(strstr(r.head, "Referrer-Policy: no-referrer"));
	assert_non_null(strstr(r.head, "Cache-Control: no-store"));
	assert_null(strstr(r.body, "<script"));
	assert_null(strstr(r.body, "http://"));
	assert_null(strstr(r.body, "https://"));
	assert_in_range(r.body_len, 1000, 16 * 1024);
	http_resp_free(&r);
	/* Stored text is escaped: a title with markup stays text. */
	struct store_new_session o = { .title = "<script>alert(1)</script> & \"Co\"" };
	serve_new_session(wd, &o);
	assert_true(http_request(wd->port, "GET", wd->base, NULL, NULL, &r));
	assert_null(strstr(r.body, "<script"));
	assert_non_null(strstr(r.body, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;"));
	http_resp_free(&r);
	char path[96];
	snprintf(path, sizeof path, "%s?lang=fi", wd->base);
	assert_true(http_request(wd->port, "GET", path, NULL, NULL, &r));
	assert_non_null(strstr(r.body, "<html lang=\"fi\">"));
	assert_non_null(strstr(r.body, "Täysin samaa"));
	assert_non_null(strstr(r.head, "tapla_l=fi"));
	http_resp_free(&r);
}

/* Where `first` stands in body before `then` (both present). */
static void assert_before(const char *body, const char *first, const char *then)
{
	const char *a = strstr(body, first), *b = strstr(body, then);
	if (!a || !b || a > b)
		fail_msg("\"%s\" does not come before \"%s\"", first, then);
}

/* The SWOT fields and a review's notes follow the paper sheet, which pairs
 * S+O and W+T: S, O, W, T, as the screens and reports do (issue 13.6). */
static void notes_in_paper_order(void **state)
{
	struct world *wd = *state;
	struct http_resp r;
	assert_true(http_request(wd->port, "GET", wd->base, NULL, NULL, &r));
	assert_before(r.body, "id=\"n1S\"", "id=\"n1O\"");
	assert_before(r.body, "id=\"n1O\"", "id=\"n1W\"");
	assert_before(r.body, "id=\"n1W\"", "id=\"n1T\"");
	http_resp_free(&r);
	struct phone p;
	phone_open(wd, &p);
	phone_post(wd, &p, "review", SEED "&1:T=tt&1:W=ww&1:O=oo&1:S=ss", &r);
	assert_int_equal(r.status, 200);
	assert_before(r.body, ": ss</li>", ": oo</li>");
	assert_before(r.body, ": oo</li>", ": ww</li>");
	assert_before(r.body, ": ww</li>", ": tt</li>");
	http_resp_free(&r);
}

/* The vote count of session id. */
static int ballots_in(struct world *wd, int64_t id)
{
	int n = -1;
	assert_int_equal(store_vote_count(wd->f->st, id, &n), STORE_OK);
	return n;
}

/* A page of the server at base + route (GET, or POST of the seed) carries
 * `want` with status `status`. */
static void page_says(struct world *wd, const struct phone *p,
		      const char *route, int status, const char *want)
{
	struct http_resp r;
	char path[128];
	snprintf(path, sizeof path, "%s%s", wd->base, route);
	bool post = strcmp(route, "review") == 0 || strcmp(route, "edit") == 0 ||
		    strcmp(route, "confirm") == 0;
	if (post)
		phone_post(wd, p, route, SEED, &r);
	else
		assert_true(http_request(wd->port, "GET", path, p->cookie, NULL, &r));
	if (r.status != status || !strstr(r.body, want))
		fail_msg("%s: %d, wanted %d and \"%s\"", route, r.status, status,
			 want);
	http_resp_free(&r);
}

#define ROUND1_OVER_EN "Voting for round 1 is closed because round 2 has started: scan the new QR code shown in the room to vote in it."
#define ROUND1_OVER_FI "Kierroksen 1 äänestys on suljettu, koska kierros 2 on alkanut: äänestä siinä skannaamalla salissa näkyvä uusi QR-koodi."
#define ROUND2_EN "<p><strong>Round 2</strong> · Demokratiapäivä</p>"
#define ROUND2_FI "<p><strong>Kierros 2</strong> · Demokratiapäivä</p>"

/* A phone still on round 1's page after round 2 started (tapla round, the
 * console's u) is told so in one sentence and nothing lands in either
 * round; round 2's pages say which round of which workshop, in the room
 * round 1's title took, in English and Finnish. */
static void rounds_on_the_phone(void **state)
{
	struct world *wd = *state;
	struct store_new_session o = { .title = "Demokratiapäivä", .language = "fi" };
	serve_new_session(wd, &o);
	int64_t first = wd->f->session, second = 0;
	struct phone p;
	phone_open(wd, &p);
	page_says(wd, &p, "", 200, "<p>Demokratiapäivä</p>");  /* no label */
	assert_int_equal(store_session_next_round(wd->f->st, first, &second),
			 STORE_OK);
	const char *routes[] = { "", "review", "edit", "confirm" };
	for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++)
		page_says(wd, &p, routes[i], i ? 409 : 200, ROUND1_OVER_EN);
	page_says(wd, &p, "?lang=fi", 200, ROUND1_OVER_FI);
	page_says(wd, &p, "results", 200, "<p><strong>Round 1</strong> · Demokratiapäivä</p>");
	assert_int_equal(ballots_in(wd, first), 0);
	assert_int_equal(ballots_in(wd, second), 0);
	/* Round 2's own server: the label on every page. */
	web_stop(wd->w);
	wd->f->session = second;
	start(wd, (struct web_config){ .posts_per_minute = 100000 });
	phone_open(wd, &p);
	page_says(wd, &p, "", 200, ROUND2_EN);
	page_says(wd, &p, "review", 200, ROUND2_EN);
	page_says(wd, &p, "confirm", 200, ROUND2_EN);
	page_says(wd, &p, "results", 200, ROUND2_EN);
	page_says(wd, &p, "?lang=fi", 200, ROUND2_FI);
	strcat(p.cookie, "; tapla_l=fi");  /* as the browser keeps it */
	page_says(wd, &p, "review", 200, ROUND2_FI);
	page_says(wd, &p, "confirm", 200, "Äänesi on tallennettu");
	page_says(wd, &p, "results", 200, ROUND2_FI);
	page_says(wd, &p, "", 200, "<title>Täplät – Kierros 2 · Demokratiapäivä</title>");
	assert_int_equal(ballots_in(wd, first), 0);
	assert_int_equal(ballots_in(wd, second), 1);
}

/* The console's u: round 1's server stops and round 2's, started in the
 * same process, takes its port; a phone still on round 1's page (or its
 * join address) is told round 1 is closed and led to round 2, nothing
 * stored. Another session's server does not take the port or the token. */
static void round_two_takes_round_one_address(void **state)
{
	struct world *wd = *state;
	struct phone p;
	phone_open(wd, &p);
	char old_base[64], new_base[64];
	snprintf(old_base, sizeof old_base, "%s", wd->base);
	unsigned old_port = wd->port;
	int64_t first = wd->f->session, second = 0;
	web_stop(wd->w);
	assert_int_equal(store_session_next_round(wd->f->st, first, &second),
			 STORE_OK);
	wd->f->session = second;
	start(wd, (struct web_config){ .posts_per_minute = 100000 });
	assert_int_equal(wd->port, old_port);
	assert_string_not_equal(wd->base, old_base);
	snprintf(new_base, sizeof new_base, "%s", wd->base);
	char link[128];
	snprintf(link, sizeof link, "<a href=\"%s\">Vote in round 2</a>", new_base);
	snprintf(wd->base, sizeof wd->base, "%s", old_base);  /* the old page */
	const char *routes[] = { "", "review", "confirm" };
	for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
		page_says(wd, &p, routes[i], i ? 409 : 200,
			  "Voting for round 1 is closed because round 2 has started: vote in it with the link below.");
		page_says(wd, &p, routes[i], i ? 409 : 200, link);
	}
	page_says(wd, &p, "", 200, "<p><strong>Round 1</strong> · ");
	page_says(wd, &p, "?lang=fi", 200, "Kierroksen 1 äänestys on suljettu, koska kierros 2 on alkanut: äänestä siinä alla olevasta linkistä.");
	assert_int_equal(ballots_in(wd, first), 0);
	assert_int_equal(ballots_in(wd, second), 0);
	struct store_new_session o = { .title = "Muu" };
	serve_new_session(wd, &o);
	struct http_resp r;
	assert_true(http_request(wd->port, "GET", new_base, NULL, NULL, &r));
	assert_int_equal(r.status, 404);
	http_resp_free(&r);
}

/* Before the reveal no response carries another's name or any count;
 * after it the results are the tally's. */
static void blind_until_revealed(void **state)
{
	struct world *wd = *state;
	struct phone a, b;
	phone_open(wd, &a);
	phone_open(wd, &b);
	struct http_resp r;
	phone_post(wd, &a, "confirm", "name=Zebulon&1:agree=5&2:partly-agree=2&3:neutral=2&4:disagree=1", &r);
	assert_int_equal(r.status, 200);
	http_resp_free(&r);
	const char *routes[] = { "", "results", "nothing" };
	for (size_t i = 0; i < 3; i++) {
		char path[96];
		snprintf(path, sizeof path, "%s%s", wd->base, routes[i]);
		assert_true(http_request(wd->port, "GET", path, b.cookie, NULL, &r));
		assert_null(strstr(r.body, "Zebulon"));
		assert_null(strstr(r.body, "Total"));
		assert_null(strstr(r.body, "<td"));
		http_resp_free(&r);
	}
	const char *posts[] = { "review", "confirm", "edit" };
	for (size_t i = 0; i < 3; i++) {
		phone_post(wd, &b, posts[i], "name=Other&1:agree=20", &r);
		assert_null(strstr(r.body, "Zebulon"));
		assert_null(strstr(r.body, "<td"));
		http_resp_free(&r);
	}
	phone_post(wd, &b, "confirm", "name=Other&1:neutral=3&4:unsure=1", &r);
	http_resp_free(&r);
	assert_int_equal(store_session_set_revealed(wd->f->st, wd->f->session, true),
			 STORE_OK);
	char path[96];
	snprintf(path, sizeof path, "%sresults", wd->base);
	assert_true(http_request(wd->port, "GET", path, b.cookie, NULL, &r));
	assert_int_equal(r.status, 200);
	struct tally t;
	assert_int_equal(store_tally(wd->f->st, wd->f->session, &t), STORE_OK);
	/* Every column's dots and people in order, then totals and ranks. */
	char want[4096] = "", got[4096] = "";
	for (size_t s = 0; s < t.nsheets; s++)
		for (int l = 0; l < LEVEL_COUNT; l++)
			snprintf(want + strlen(want), sizeof want - strlen(want),
				 "%d/%d ", t.sheets[s].dots[l], t.sheets[s].people[l]);
	for (const char *c = r.body; (c = strstr(c, "<td class=\"n\">")); ) {
		int d = 0, p = 0;
		sscanf(c, "<td class=\"n\">%d</td><td class=\"n\">%d", &d, &p);
		snprintf(got + strlen(got), sizeof got - strlen(got), "%d/%d ", d, p);
		c = strstr(c, "</tr>");
		assert_non_null(c);
	}
	assert_string_equal(got, want);
	for (size_t s = 0; s < t.nsheets; s++) {
		char line[128];
		snprintf(line, sizeof line, "Total: %d dots, %d people",
			 t.sheets[s].total_dots, t.sheets[s].total_people);
		assert_non_null(strstr(r.body, line));
		snprintf(line, sizeof line, "Rank %d.", t.sheets[s].rank);
		assert_non_null(strstr(r.body, line));
		snprintf(line, sizeof line, "%.1f %% of all dots.",
			 t.sheets[s].share * 100.0);
		assert_non_null(strstr(r.body, line));
		double sc = t.sheets[s].score;
		char num[16];
		snprintf(num, sizeof num, sc >= 0.05 || sc <= -0.05 ? "%+.1f" : "%.1f", sc);
		/* A page shows the real minus sign, as tapla tally does. */
		snprintf(line, sizeof line, "Agreement score %s%s (",
			 num[0] == '-' ? "\u2212" : "", num + (num[0] == '-'));
		if (t.sheets[s].has_score)
			assert_non_null(strstr(r.body, line));
	}
	assert_null(strstr(r.body, "Zebulon"));  /* results have no names */
	tally_free(&t);
	http_resp_free(&r);
}

/* The phones of the barrier test. */
struct voter {
	struct world *wd;
	pthread_barrier_t *go;
	int i;
	int status;
};

/* One phone: open, wait for the others, confirm at once. */
static void *vote_now(void *arg)
{
	struct voter *v = arg;
	struct phone p;
	struct http_resp r;
	v->status = -1;
	if (!http_request(v->wd->port, "GET", v->wd->base, NULL, NULL, &r))
		return NULL;
	bool ok = http_set_cookie(&r, "tapla_d", p.cookie, sizeof p.cookie) &&
		  http_csrf(&r, p.csrf);
	http_resp_free(&r);
	pthread_barrier_wait(v->go);
	if (!ok)
		return NULL;
	char path[96], body[256];
	snprintf(path, sizeof path, "%sconfirm", v->wd->base);
	snprintf(body, sizeof body, "csrf=%s&name=Phone%%20%d&1:agree=5&2:partly-agree=2&3:neutral=2&4:disagree=1",
		 p.csrf, v->i);
	if (http_request(v->wd->port, "POST", path, p.cookie, body, &r))
		v->status = r.status;
	http_resp_free(&r);
	return NULL;
}

/* PRAGMA integrity_check of the database file. */
static void integrity_ok(const char *path)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(s, 0), "ok");
	sqlite3_finalize(s);
	sqlite3_close(db);
}

/* 25 phones confirm at the same moment: 25 ballots, the file whole. */
static void twenty_five_at_once(void **state)
{
	struct world *wd = *state;
	enum { N = 25 };
	pthread_barrier_t go;
	pthread_barrier_init(&go, NULL, N);
	pthread_t th[N];
	struct voter v[N];
	for (int i = 0; i < N; i++) {
		v[i] = (struct voter){ wd, &go, i, 0 };
		assert_int_equal(pthread_create(&th[i], NULL, vote_now, &v[i]), 0);
	}
	for (int i = 0; i < N; i++) {
		pthread_join(th[i], NULL);
		assert_int_equal(v[i].status, 200);
	}
	pthread_barrier_destroy(&go);
	assert_int_equal(ballots(wd), N);
	int counts[SOURCE_COUNT];
	assert_int_equal(store_source_counts(wd->f->st, wd->f->session, counts), STORE_OK);
	assert_int_equal(counts[SOURCE_PHONE], N);
	integrity_ok(wd->f->path);
}

/* 200 idle and slow connections open; a ballot still goes through within
 * a second. */
static void idle_connections_starve_nobody(void **state)
{
	struct world *wd = *state;
	restart(wd, (struct web_config){ .max_per_address = 300 });
	enum { N = 200 };
	int fds[N];
	for (int i = 0; i < N; i++) {
		fds[i] = http_connect(wd->port);
		assert_true(fds[i] >= 0);
		if (i % 2)  /* slow: half a request line, then nothing */
			assert_true(http_send_all(fds[i], "GET / HTTP/1.1\r\nHo", 19));
	}
	double t0 = now_s();
	struct phone p;
	phone_open(wd, &p);
	struct http_resp r;
	phone_post(wd, &p, "confirm", SEED, &r);
	double took = now_s() - t0;
	assert_int_equal(r.status, 200);
	http_resp_free(&r);
	assert_true(took < 1.0);
	assert_int_equal(ballots(wd), 1);
	for (int i = 0; i < N; i++)
		close(fds[i]);
}

/* A body over 64 KiB gets 413 (with a length, or chunked) and the server
 * goes on serving. */
static void one_mebibyte_gets_413(void **state)
{
	struct world *wd = *state;
	struct phone p;
	phone_open(wd, &p);
	size_t big = 1024 * 1024;
	char *body = malloc(big);
	assert_non_null(body);
	memset(body, 'a', big);
	memcpy(body, "csrf=", 5);
	for (int chunked = 0; chunked < 2; chunked++) {
		int fd = http_connect(wd->port);
		assert_true(fd >= 0);
		char head[512];
		int n = snprintf(head, sizeof head, "POST %sconfirm HTTP/1.1\r\nHost: x\r\n"
				 "Cookie: %s\r\nContent-Type: application/x-www-form-urlencoded\r\n",
				 wd->base, p.cookie);
		if (chunked)
			n += snprintf(head + n, sizeof head - n,
				      "Transfer-Encoding: chunked\r\n\r\n%zx\r\n", big);
		else
			n += snprintf(head + n, sizeof head - n,
				      "Content-Length: %zu\r\n\r\n", big);
		assert_true(http_send_all(fd, head, (size_t)n));
		(void)http_send_all(fd, body, big);  /* may be cut off: fine */
		(void)http_send_all(fd, "\r\n0\r\n\r\n", chunked ? 7 : 0);
		struct http_resp r;
		assert_true(http_read(fd, 10000, &r));
		assert_int_equal(r.status, 413);
		http_resp_free(&r);
	}
	free(body);
	struct http_resp r;
	phone_post(wd, &p, "confirm", SEED, &r);
	assert_int_equal(r.status, 200);
	http_resp_free(&r);
	assert_int_equal(ballots(wd), 1);
}

/* An idle connection is closed after the timeout; headers are bounded
 * (a 100 KiB header is turned away); the server goes on serving. */
static void idle_closed_and_headers_bounded(void **state)
{
	struct world *wd = *state;
	restart(wd, (struct web_config){ .timeout_s = 1 });
	int fd = http_connect(wd->port);
	assert_true(fd >= 0);
	double t0 = now_s();
	struct pollfd pf = { .fd = fd, .events = POLLIN };
	assert_int_equal(poll(&pf, 1, 5000), 1);  /* the close, within 5 s */
	char c;
	assert_true(recv(fd, &c, 1, 0) <= 0);
	assert_true(now_s() - t0 < 4.0);
	close(fd);
	fd = http_connect(wd->port);
	assert_true(fd >= 0);
	size_t big = 100 * 1024;
	char *head = malloc(big + 256);
	assert_non_null(head);
	int n = sprintf(head, "GET %s HTTP/1.1\r\nHost: x\r\nX-Big: ", wd->base);
	memset(head + n, 'a', big);
	memcpy(head + n + big, "\r\n\r\n", 4);
	(void)http_send_all(fd, head, (size_t)n + big + 4);
	free(head);
	struct http_resp r;
	if (http_read(fd, 5000, &r)) {
		assert_true(r.status == 431 || r.status == 413 || r.status == 400 ||
			    r.status == 0);
		http_resp_free(&r);
	}
	assert_true(http_request(wd->port, "GET", wd->base, NULL, NULL, &r));
	assert_int_equal(r.status, 200);
	http_resp_free(&r);
}

/* The per-address limit on posts answers 429 and stores nothing. */
static void posts_per_address_are_limited(void **state)
{
	struct world *wd = *state;
	restart(wd, (struct web_config){ .posts_per_minute = 3 });
	struct phone p;
	phone_open(wd, &p);
	struct http_resp r;
	for (int i = 0; i < 3; i++) {
		phone_post(wd, &p, "review", SEED, &r);
		assert_int_equal(r.status, 200);
		http_resp_free(&r);
	}
	refused(wd, &p, SEED, 429, "Too many sends from this address");
}

/* A small reproducible generator (xorshift). */
static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;
static uint64_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* Appends one of the pieces (each '@' replaced by `at`), or random
 * bytes; the length appended. */
static size_t pick(char *out, size_t room, const char *const *pieces,
		   size_t n, const char *at)
{
	size_t k = rnd() % (n + 1), len = 0;
	if (k == n) {
		size_t want = rnd() % 40;
		for (; len < want && len < room; len++)
			out[len] = (char)(rnd() & 0xff);
		return len;
	}
	for (const char *c = pieces[k]; *c && len < room; c++) {
		if (*c != '@') {
			out[len++] = *c;
			continue;
		}
		for (const char *a = at; *a && len < room; a++)
			out[len++] = *a;
	}
	return len;
}

/* A bounded loop of hostile requests: random methods, paths, headers and
 * bodies, broken percent-encoding, invalid UTF-8. No crash (ASan in the
 * sanitizer build), nothing stored, and the server still serves. */
static void hostile_requests_store_nothing(void **state)
{
	struct world *wd = *state;
	struct phone p;
	phone_open(wd, &p);
	static const char *const methods[] = { "GET", "POST", "HEAD", "PUT",
		"DELETE", "OPTIONS", "TRACE", "CONNECT", "G\xc3\x28T", "POST " };
	static const char *const paths[] = { "/", "@", "@confirm", "@review",
		"@edit", "@results", "@?lang=%ff", "@%", "@%zz", "@\xff\xfe",
		"@../../etc/passwd", "/@", "@confirm?x=%00" };
	static const char *const headers[] = { "Cookie: @\r\n",
		"Content-Type: application/x-www-form-urlencoded\r\n",
		"Content-Type: multipart/form-data; boundary=x\r\n",
		"Content-Length: 5\r\n", "Content-Length: -1\r\n",
		"Content-Length: 99999999999999999999\r\n",
		"Transfer-Encoding: chunked\r\n", "X-\xff\xfe: \xc0\xaf\r\n",
		"Cookie: tapla_d=\xff\xff; tapla_l=xx\r\n", "Expect: 100-continue\r\n",
		"Host: \x1b[2J\r\n" };
	static const char *const bodies[] = { "csrf=@&name=%ff%fe&1:agree=1",
		"csrf=@&name=A&1:agree=%", "csrf=@&name=A&1:agree=%4",
		"csrf=@&name=A&99:agree=1", "csrf=@&name=A&1:%00=1",
		"csrf=@&name=\x1b]0;x\x07&1:agree=1", "csrf=@&&&&=&=&",
		"csrf=@&name=B&1:agree=11", "csrf=@&name=%C3%28&1:S=%ed%a0%80&1:agree=1",
		"csrf=@&name=C&1:agree=1&1:agree=1", "0\r\n\r\n", "csrf=&csrf=@",
		"csrf=@&name=D&0:agree=1", "csrf=@&name=E&1:unsure=1&x=y" };
#define N_OF(a) (sizeof a / sizeof a[0])
	for (int it = 0; it < 300; it++) {
		char req[4096], body[1024];
		size_t n = 0;
		n += pick(req + n, 64, methods, N_OF(methods), "");
		req[n++] = ' ';
		n += pick(req + n, 256, paths, N_OF(paths), wd->base);
		n += (size_t)snprintf(req + n, 64, " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
		int nh = (int)(rnd() % 5);
		for (int h = 0; h < nh; h++)
			n += pick(req + n, 256, headers, N_OF(headers), p.cookie);
		/* the phone's real form token in the bodies: the checks behind
		 * it run too */
		size_t blen = pick(body, sizeof body, bodies, N_OF(bodies), p.csrf);
		n += (size_t)snprintf(req + n, 128, "Content-Length: %zu\r\n\r\n", blen);
		memcpy(req + n, body, blen);
		n += blen;
		int fd = http_connect(wd->port);
		assert_true(fd >= 0);
		(void)http_send_all(fd, req, n);
		shutdown(fd, SHUT_WR);
		struct http_resp r;
		if (http_read(fd, 250, &r))
			http_resp_free(&r);
	}
	assert_int_equal(ballots(wd), 0);
	struct http_resp r;
	assert_true(http_request(wd->port, "GET", wd->base, NULL, NULL, &r));
	assert_int_equal(r.status, 200);
	http_resp_free(&r);
	integrity_ok(wd->f->path);
}

/* Reads a line from fd within the deadline. */
static bool read_line(int fd, char *out, size_t n, int deadline_ms)
{
	size_t len = 0;
	double end = now_s() + deadline_ms / 1000.0;
	while (len + 1 < n) {
		struct pollfd pf = { .fd = fd, .events = POLLIN };
		int left = (int)((end - now_s()) * 1000);
		if (left <= 0 || poll(&pf, 1, left) <= 0)
			return false;
		ssize_t r = read(fd, out + len, 1);
		if (r <= 0)
			return false;
		if (out[len] == '\n')
			break;
		len++;
	}
	out[len] = '\0';
	return true;
}

/* Waits for the child within the deadline; its exit status or -1. */
static int wait_exit(pid_t pid, int deadline_ms)
{
	double end = now_s() + deadline_ms / 1000.0;
	while (now_s() < end) {
		int st;
		pid_t r = waitpid(pid, &st, WNOHANG);
		if (r == pid)
			return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
		struct timespec ts = { 0, 10 * 1000 * 1000 };
		nanosleep(&ts, NULL);  /* polling the child's exit, not a wait for text */
	}
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	return -1;
}

/* tapla serve: the first line is the join URL; it serves; SIGINT and
 * SIGTERM stop it cleanly. */
static void serve_command_prints_url_and_stops(void **state)
{
	struct world *wd = *state;
	const char *bin = getenv("TAPLA_BINARY");
	assert_non_null(bin);
	char id[32];
	snprintf(id, sizeof id, "%lld", (long long)wd->f->session);
	int sigs[] = { SIGTERM, SIGINT };
	for (int k = 0; k < 2; k++) {
		int out[2];
		assert_int_equal(pipe(out), 0);
		pid_t pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			dup2(out[1], 1);
			close(out[0]);
			execl(bin, bin, "--db", wd->f->path, "serve", id, "--listen",
			      "127.0.0.1:0", (char *)NULL);
			_exit(127);
		}
		close(out[1]);
		char line[256];
		assert_true(read_line(out[0], line, sizeof line, 10000));
		assert_true(strncmp(line, "http://127.0.0.1:", 17) == 0);
		unsigned port;
		char path[128];
		assert_true(http_split_url(line, &port, path, sizeof path));
		struct http_resp r;
		assert_true(http_request(port, "GET", path, NULL, NULL, &r));
		assert_int_equal(r.status, 200);
		http_resp_free(&r);
		assert_true(http_request(port, "GET", "/", NULL, NULL, &r));
		assert_int_equal(r.status, 404);
		http_resp_free(&r);
		kill(pid, sigs[k]);
		assert_int_equal(wait_exit(pid, 10000), 0);
		close(out[0]);
	}
}

/* Runs tapla serve with args (no server expected); its exit status. */
static int serve_fails(const char *db, const char *id, const char *listen)
{
	const char *bin = getenv("TAPLA_BINARY");
	pid_t pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		dup2(null, 1);
		dup2(null, 2);
		execl(bin, bin, "--db", db, "serve", id, "--listen", listen,
		      (char *)NULL);
		_exit(127);
	}
	return wait_exit(pid, 10000);
}

/* An unknown session or address is bad input (2); a taken port fails (1). */
static void serve_command_refuses_bad_input(void **state)
{
	struct world *wd = *state;
	char id[32], taken[32];
	snprintf(id, sizeof id, "%lld", (long long)wd->f->session);
	snprintf(taken, sizeof taken, "127.0.0.1:%u", wd->port);
	assert_int_equal(serve_fails(wd->f->path, "999", "127.0.0.1:0"), 2);
	assert_int_equal(serve_fails(wd->f->path, id, "nonsense"), 2);
	assert_int_equal(serve_fails(wd->f->path, id, "127.0.0.1:99999"), 2);
	assert_int_equal(serve_fails(wd->f->path, id, taken), 1);
}

#define WEB_TEST(t) cmocka_unit_test_setup_teardown(t, setup, teardown)

int main(void)
{
	signal(SIGPIPE, SIG_IGN);
	const struct CMUnitTest tests[] = {
		WEB_TEST(worked_example_lands_as_phone),
		WEB_TEST(notes_in_paper_order),
		WEB_TEST(rounds_on_the_phone),
		WEB_TEST(round_two_takes_round_one_address),
		WEB_TEST(refusals_say_why),
		WEB_TEST(classic_mode_refuses_two_on_a_sheet),
		WEB_TEST(groups_are_picked_from_the_list),
		WEB_TEST(join_token_fences_everything),
		WEB_TEST(pages_are_closed_and_small),
		WEB_TEST(blind_until_revealed),
		WEB_TEST(twenty_five_at_once),
		WEB_TEST(idle_connections_starve_nobody),
		WEB_TEST(one_mebibyte_gets_413),
		WEB_TEST(posts_per_address_are_limited),
		WEB_TEST(idle_closed_and_headers_bounded),
		WEB_TEST(hostile_requests_store_nothing),
		WEB_TEST(serve_command_prints_url_and_stops),
		WEB_TEST(serve_command_refuses_bad_input),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
