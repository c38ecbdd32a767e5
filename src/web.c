/* web: the phone voting server (see include/tapla/web.h): libmicrohttpd's
 * thread, the join token, the phone's cookies and form token, the limits
 * of a hostile room, and the store calls. The words are in web-words.c,
 * the form's rules in web-form.c, the HTML in web-page.c. */
#include "tapla/web.h"

#include <arpa/inet.h>
#include <errno.h>
#include <ifaddrs.h>
#include <microhttpd.h>
#include <net/if.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "tapla/i18n.h"
#include "tapla/store.h"
#include "tapla/text.h"
#include "web-int.h"

#define BODY_MAX (64 * 1024)
#define DRAIN_MAX (4 * 1024 * 1024)
#define TOKEN_BYTES 16          /* 128 bits */
#define DEVICES_MAX 2048        /* phones remembered with their form token */
#define RATES_MAX 512           /* addresses whose posts are counted */
#define DEVICE_COOKIE "tapla_d"
#define LANG_COOKIE "tapla_l"

/* A phone seen in this run: its device identity and its form token. */
struct device {
	char id[33];
	char csrf[33];
	time_t used;
};

/* Posts from one client address in the current minute. */
struct rate {
	unsigned char addr[16];
	time_t minute;
	unsigned posts;
};

struct web {
	struct MHD_Daemon *daemon;
	struct store *st;          /* used by the server's thread only */
	int64_t session;
	enum web_lang lang;        /* the pages' first language */
	unsigned posts_per_minute;
	char token[2 * TOKEN_BYTES + 1];
	char base[2 * TOKEN_BYTES + 3];  /* "/TOKEN/" */
	char url[160];
	unsigned port;
	/* The previous round's server, stopped in this process at the same
	 * address: its phones are sent on to this round (retired_*). */
	char old_token[2 * TOKEN_BYTES + 1];  /* "" if none */
	int64_t old_session;
	unsigned old_port;
	char *db_path;
	pthread_mutex_t lock;      /* devices and rates */
	struct device devices[DEVICES_MAX];
	struct rate rates[RATES_MAX];
	char *tls_cert, *tls_key;
	/* Group commit: confirms queue here and one thread stores them with
	 * its own connection, many ballots to one transaction (one fsync),
	 * so 25 phones at once do not wait for 25 fsyncs in a row. */
	struct store *writer;
	pthread_t committer;
	bool committer_running;
	pthread_mutex_t qlock;
	pthread_cond_t qcond;
	struct pending *queue;
	bool stopping;
	/* The heartbeat (store_serve_beat): once a second while serving, so
	 * that the projector drops a killed server's address. */
	char *beat_db;             /* the database file, as the store names it */
	pthread_t beater;
	bool beater_running;
	pthread_cond_t bcond;      /* with qlock: wakes the beater to stop */
};

/* A confirmed ballot waiting for the committer: the request's connection
 * is suspended until `done`. */
struct pending {
	struct MHD_Connection *c;
	struct store_ballot_in in;
	struct ballot_note notes[RULES_MAX_SHEETS * QUAD_COUNT];
	enum store_status status;
	char err[512];
	bool done;
	struct pending *next;
};

/* One request's body as it arrives, and a confirm in flight. */
struct req {
	struct buf body;
	bool too_big;
	size_t drained;  /* bytes dropped after the limit */
	struct web_form *form;   /* the confirmed ballot (owned) */
	struct pending *pend;    /* queued for the committer */
	char device[33];         /* the phone's, for the queued ballot */
};

/* The server this process stopped last: after the console's u the next
 * round's server takes its port, and a phone still on the previous
 * round's page is told where to vote now instead of "Not found". */
static struct {
	pthread_mutex_t lock;
	char token[2 * TOKEN_BYTES + 1];
	int64_t session;
	unsigned port;
	char db_path[4096];
} retired = { .lock = PTHREAD_MUTEX_INITIALIZER };

/* n random bytes from the system (getrandom), as hex. */
static bool random_hex(char *out, size_t nbytes, bool upper)
{
	unsigned char raw[32];
	if (nbytes > sizeof raw)
		return false;
	size_t got = 0;
	while (got < nbytes) {
		ssize_t r = getrandom(raw + got, nbytes - got, 0);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return false;
		got += (size_t)r;
	}
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	for (size_t i = 0; i < nbytes; i++) {
		out[2 * i] = digits[raw[i] >> 4];
		out[2 * i + 1] = digits[raw[i] & 15];
	}
	out[2 * nbytes] = '\0';
	return true;
}

/* Equal strings, compared without an early exit (tokens). */
static bool same_secret(const char *a, const char *b, size_t n)
{
	unsigned char diff = 0;
	for (size_t i = 0; i < n; i++)
		diff |= (unsigned char)(a[i] ^ b[i]);
	return diff == 0;
}

/* A device identity as this server makes them: 32 lower-case hex. */
static bool valid_device(const char *d)
{
	return d && strlen(d) == 32 && strspn(d, "0123456789abcdef") == 32;
}

/* The form token of a device, made on first sight (oldest forgotten when
 * the table is full). False if no random bytes could be had. */
static bool device_csrf(struct web *w, const char *id, char csrf[33])
{
	pthread_mutex_lock(&w->lock);
	struct device *slot = &w->devices[0];
	bool ok = true;
	for (size_t i = 0; i < DEVICES_MAX; i++) {
		struct device *d = &w->devices[i];
		if (d->id[0] && strcmp(d->id, id) == 0) {
			slot = d;
			goto found;
		}
		if (d->used < slot->used)
			slot = d;
	}
	strcpy(slot->id, id);
	ok = random_hex(slot->csrf, 16, false);
found:
	slot->used = time(NULL);
	strcpy(csrf, slot->csrf);
	pthread_mutex_unlock(&w->lock);
	return ok;
}

/* The client's address as 16 bytes (IPv4 mapped). */
static void client_addr(struct MHD_Connection *c, unsigned char out[16])
{
	memset(out, 0, 16);
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (!ci || !ci->client_addr)
		return;
	const struct sockaddr *sa = ci->client_addr;
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const struct sockaddr_in *)sa;
		out[10] = out[11] = 0xff;
		memcpy(out + 12, &in->sin_addr, 4);
	} else if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)sa;
		memcpy(out, &in6->sin6_addr, 16);
	}
}

/* Counts a post from the client; false when its address is over the
 * limit for this minute. */
static bool post_allowed(struct web *w, struct MHD_Connection *c)
{
	unsigned char addr[16];
	client_addr(c, addr);
	time_t minute = time(NULL) / 60;
	pthread_mutex_lock(&w->lock);
	struct rate *slot = &w->rates[0];
	for (size_t i = 0; i < RATES_MAX; i++) {
		struct rate *r = &w->rates[i];
		if (r->minute == minute && memcmp(r->addr, addr, 16) == 0) {
			slot = r;
			break;
		}
		if (r->minute < slot->minute)
			slot = r;
	}
	if (slot->minute != minute || memcmp(slot->addr, addr, 16) != 0) {
		memcpy(slot->addr, addr, 16);
		slot->minute = minute;
		slot->posts = 0;
	}
	bool ok = ++slot->posts <= w->posts_per_minute;
	pthread_mutex_unlock(&w->lock);
	return ok;
}

/* Queues a response with the hostile room's headers. cookies may hold
 * Set-Cookie values (NULL ends). */
static enum MHD_Result respond(struct MHD_Connection *c, unsigned status,
			       const char *type, const char *body, size_t len,
			       const char *nonce, const char *const *cookies)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(len,
		(void *)body, MHD_RESPMEM_MUST_COPY);
	if (!r)
		return MHD_NO;
	char csp[200];
	snprintf(csp, sizeof csp, "default-src 'none'; style-src 'nonce-%s'; "
		 "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
		 nonce ? nonce : "none");
	bool ok = MHD_add_response_header(r, "Content-Type", type) == MHD_YES &&
		MHD_add_response_header(r, "Content-Security-Policy", csp) == MHD_YES &&
		MHD_add_response_header(r, "X-Content-Type-Options", "nosniff") == MHD_YES &&
		MHD_add_response_header(r, "Referrer-Policy", "no-referrer") == MHD_YES &&
		MHD_add_response_header(r, "Cache-Control", "no-store") == MHD_YES &&
		MHD_add_response_header(r, "X-Frame-Options", "DENY") == MHD_YES;
	for (size_t i = 0; ok && cookies && cookies[i]; i++)
		ok = MHD_add_response_header(r, "Set-Cookie", cookies[i]) == MHD_YES;
	enum MHD_Result res = ok ? MHD_queue_response(c, status, r) : MHD_NO;
	MHD_destroy_response(r);
	return res;
}

/* The plain answer for anything outside the join token: says nothing. */
static enum MHD_Result not_found(struct MHD_Connection *c)
{
	static const char text[] = "Not found.\n";
	return respond(c, MHD_HTTP_NOT_FOUND, "text/plain; charset=utf-8", text,
		       sizeof text - 1, NULL, NULL);
}

/* Everything one page request knows. */
struct page {
	struct web *w;
	struct MHD_Connection *c;
	const char *route;         /* after "/TOKEN/" */
	struct session s;
	struct tpl_sheet *sheets;
	size_t nsheets;
	struct tally tally;
	bool results;              /* shown (revealed, closed or results phase) */
	char device[33];
	bool new_device;           /* no valid cookie came: set one */
	char csrf[33];
	char nonce[33];
	enum web_lang lang;
	bool lang_chosen;          /* ?lang= given: remember it */
	struct web_view view;
};

/* Results show when the projector shows them. */
static bool results_shown(struct web *w, const struct session *s)
{
	if (s->revealed || s->closed[0])
		return true;
	struct tpl_phase *ph = NULL;
	size_t n = 0;
	if (store_session_phases(w->st, s->id, &ph, &n) != STORE_OK)
		return false;
	bool res = s->phase >= 0 && (size_t)s->phase < n &&
		   ph[s->phase].kind == PHASE_RESULTS;
	store_free_phases(ph, n);
	return res;
}

/* The language: ?lang=, else the cookie, else the session's. */
static void choose_language(struct page *p)
{
	const char *q = MHD_lookup_connection_value(p->c, MHD_GET_ARGUMENT_KIND,
						    "lang");
	const char *k = MHD_lookup_connection_value(p->c, MHD_COOKIE_KIND,
						    LANG_COOKIE);
	p->lang = p->w->lang;
	if (web_lang_parse(q, &p->lang))
		p->lang_chosen = true;
	else
		(void)web_lang_parse(k, &p->lang);
}

/* The phone's identity from its cookie, or a new one. */
static bool choose_device(struct page *p)
{
	const char *d = MHD_lookup_connection_value(p->c, MHD_COOKIE_KIND,
						    DEVICE_COOKIE);
	if (valid_device(d)) {
		strcpy(p->device, d);
	} else {
		p->new_device = true;
		if (!random_hex(p->device, 16, false))
			return false;
	}
	return device_csrf(p->w, p->device, p->csrf) &&
	       random_hex(p->nonce, 16, false);
}

/* Loads what every page needs; false on a store failure. */
static bool load_page(struct page *p)
{
	if (store_session_get(p->w->st, p->w->session, &p->s) != STORE_OK)
		return false;
	if (store_session_sheets(p->w->st, p->w->session, &p->sheets,
				 &p->nsheets) != STORE_OK)
		return false;
	int64_t next = 0;
	if (store_session_next_id(p->w->st, &p->s, &next) != STORE_OK)
		return false;
	p->results = results_shown(p->w, &p->s);
	if (p->results && store_tally(p->w->st, p->w->session, &p->tally) !=
	    STORE_OK)
		return false;
	struct web_view *v = &p->view;
	v->lang = p->lang;
	v->session = &p->s;
	v->sheets = p->sheets;
	v->nsheets = p->nsheets;
	v->base = p->w->base;
	v->csrf = p->csrf;
	v->nonce = p->nonce;
	v->tally = p->results ? &p->tally : NULL;
	v->next_round = next ? p->s.round + 1 : 0;
	return true;
}

/* Frees what load_page loaded. */
static void free_page(struct page *p)
{
	rules_session_free(&p->s);
	store_free_sheets(p->sheets, p->nsheets);
	tally_free(&p->tally);
}

/* Sends a rendered page with the phone's cookies. */
static enum MHD_Result send_page(struct page *p, unsigned status,
				 struct buf *html)
{
	char dev[160], lang[120];
	const char *cookies[3] = { NULL, NULL, NULL };
	size_t n = 0;
	if (p->new_device) {
		snprintf(dev, sizeof dev, DEVICE_COOKIE "=%s; Path=%s; Max-Age=604800; "
			 "HttpOnly; SameSite=Strict", p->device, p->w->base);
		cookies[n++] = dev;
	}
	if (p->lang_chosen) {
		snprintf(lang, sizeof lang, LANG_COOKIE "=%s; Path=%s; Max-Age=604800; "
			 "HttpOnly; SameSite=Strict", web_word(W_LANG_CODE, p->lang),
			 p->w->base);
		cookies[n++] = lang;
	}
	if (html->failed)
		return MHD_NO;
	return respond(p->c, status, "text/html; charset=utf-8", buf_str(html),
		       html->len, p->nonce, cookies);
}

/* The page draw writes from the view, sent with status. */
static enum MHD_Result send_view(struct page *p, unsigned status,
				 void (*draw)(struct buf *out,
					      const struct web_view *v))
{
	struct buf html;
	buf_init(&html);
	draw(&html, &p->view);
	enum MHD_Result r = send_page(p, status, &html);
	buf_free(&html);
	return r;
}

/* A page with one sentence. */
static enum MHD_Result send_message(struct page *p, unsigned status,
				    enum web_word title, const char *sentence)
{
	struct buf html;
	buf_init(&html);
	web_page_message(&html, &p->view, title, sentence);
	enum MHD_Result r = send_page(p, status, &html);
	buf_free(&html);
	return r;
}

/* The form again with the ballot kept and the refusal's sentence. */
static enum MHD_Result send_refusal(struct page *p, const struct web_form *f,
				    const struct web_refusal *why)
{
	char sentence[512];
	web_refusal_text(why, p->lang, sentence, sizeof sentence);
	p->view.form = f;
	p->view.error = sentence;
	return send_view(p, why->http ? why->http : 400, web_page_form);
}

/* The phone's stored ballot as a form to change (takes the texts). */
static void form_from_stored(struct web_form *f, struct store_device_ballot *b)
{
	f->b = b->ballot;
	f->name = b->name;
	f->group = b->group;
	b->name = b->group = NULL;
	for (size_t i = 0; i < b->nnotes; i++) {
		struct ballot_note *n = &b->notes[i];
		if (n->sheet >= 0 && n->sheet < RULES_MAX_SHEETS &&
		    (unsigned)n->quadrant < QUAD_COUNT && !f->notes[n->sheet][n->quadrant]) {
			f->notes[n->sheet][n->quadrant] = n->text;
			n->text = NULL;
		}
	}
}

/* The round is over, a later one has started: the one sentence that
 * sends the phone to the new QR code, and nothing else (409 to a post). */
static enum MHD_Result round_over(struct page *p, unsigned status)
{
	char sentence[256];
	struct web_refusal why = { .msg = W_ERR_ROUND_OVER,
				   .a = p->s.round < 1 ? 1 : p->s.round,
				   .b = p->view.next_round };
	web_refusal_text(&why, p->lang, sentence, sizeof sentence);
	return send_message(p, status, W_CLOSED, sentence);
}

/* GET: the form, with this phone's own ballot if it has one. */
static enum MHD_Result get_form(struct page *p)
{
	if (p->view.next_round)
		return round_over(p, MHD_HTTP_OK);
	if (p->s.closed[0])
		return send_message(p, MHD_HTTP_OK, W_CLOSED,
				    web_word(W_CLOSED_TEXT, p->lang));
	struct web_form f;
	memset(&f, 0, sizeof f);
	struct store_device_ballot mine;
	bool found = false;
	enum store_status s = store_device_ballot(p->w->st, p->w->session,
						  p->device, &mine, &found);
	if (s != STORE_OK)
		return MHD_NO;
	if (found)
		form_from_stored(&f, &mine);
	store_device_ballot_free(&mine);
	p->view.form = found ? &f : NULL;
	enum MHD_Result r = send_view(p, MHD_HTTP_OK, web_page_form);
	web_form_free(&f);
	return r;
}

/* GET results: the tally once shown, else when it will be. */
static enum MHD_Result get_results(struct page *p)
{
	return send_view(p, MHD_HTTP_OK, web_page_results);
}

/* The name someone else signed, or this phone's other name: refused. */
static bool name_is_free(struct page *p, const struct web_form *f,
			 struct web_refusal *why)
{
	struct store_device_ballot stored;
	bool found = false, taken = false;
	if (store_device_ballot(p->w->st, p->w->session, p->device, &stored,
				&found) != STORE_OK)
		return true;  /* the save itself will say */
	const char *mine_name = stored.name;
	char *a = f->name ? text_name_key(f->name) : NULL;
	char *b = mine_name ? text_name_key(mine_name) : NULL;
	bool ok = true;
	why->http = 409;
	if (found && a && b && strcmp(a, b) != 0) {
		why->msg = W_ERR_OTHER_NAME;
		snprintf(why->s, sizeof why->s, "%s", mine_name);
		ok = false;
	} else if (!found && f->name &&
		   store_name_signed(p->w->st, p->w->session, f->name,
				     &taken) == STORE_OK && taken) {
		why->msg = W_ERR_VOTED;
		snprintf(why->s, sizeof why->s, "%s", f->name);
		ok = false;
	}
	free(a);
	free(b);
	store_device_ballot_free(&stored);
	return ok;
}

/* Everything the laptop would refuse, before anything is stored. */
static bool ballot_acceptable(struct page *p, struct web_form *f,
			      struct web_refusal *why)
{
	if (p->s.closed[0]) {
		*why = (struct web_refusal){ .msg = W_ERR_CLOSED, .http = 409 };
		return false;
	}
	return web_form_clean(f, p->s.anonymous, p->s.groups, why) &&
	       web_form_check(f, p->s.budget, p->s.mode, why) &&
	       name_is_free(p, f, why);
}

/* The ballot's notes as the store takes them. */
static size_t collect_notes(const struct web_form *f, struct ballot_note *out)
{
	size_t n = 0;
	for (int s = 0; s < RULES_MAX_SHEETS; s++)
		for (int q = 0; q < QUAD_COUNT; q++)
			if (f->notes[s][q])
				out[n++] = (struct ballot_note){
					.sheet = s, .quadrant = (enum quadrant)q,
					.text = f->notes[s][q] };
	return n;
}

/* Saves a batch one by one, each in its own transaction (after a batch
 * that failed whole, so each gets its own verdict). */
static void save_each(struct store *st, int64_t id, struct pending *list)
{
	for (struct pending *p = list; p; p = p->next) {
		int seq = 0;
		p->status = store_ballot_save_ex(st, id, &p->in, &seq);
		snprintf(p->err, sizeof p->err, "%s",
			 p->status == STORE_OK ? "" : store_error(st));
	}
}

/* Saves a batch: all in one transaction, or, if one is refused, each
 * alone. */
static void save_batch(struct store *st, int64_t id, struct pending *list)
{
	size_t n = 0;
	for (struct pending *p = list; p; p = p->next)
		n++;
	struct store_ballot_in *all = n > 1 ? calloc(n, sizeof *all) : NULL;
	if (!all) {
		save_each(st, id, list);
		return;
	}
	size_t i = 0, failed = 0;
	for (struct pending *p = list; p; p = p->next)
		all[i++] = p->in;
	enum store_status s = store_ballots_save_all(st, id, all, n, &failed,
						     NULL);
	free(all);
	if (s != STORE_OK) {
		save_each(st, id, list);
		return;
	}
	for (struct pending *p = list; p; p = p->next) {
		p->status = STORE_OK;
		p->err[0] = '\0';
	}
}

/* Marks a batch done and lets its connections go on (they may be freed
 * as soon as they are resumed: nothing is touched after). */
static void finish_batch(struct pending *list)
{
	while (list) {
		struct pending *next = list->next;
		struct MHD_Connection *c = list->c;
		list->next = NULL;
		list->done = true;
		MHD_resume_connection(c);
		list = next;
	}
}

/* The committer: takes every queued ballot and stores them together,
 * until stopping with the queue empty. */
static void *commit_loop(void *arg)
{
	struct web *w = arg;
	pthread_mutex_lock(&w->qlock);
	for (;;) {
		while (!w->queue && !w->stopping)
			pthread_cond_wait(&w->qcond, &w->qlock);
		if (!w->queue && w->stopping)
			break;
		/* the queue is newest first: turn it into arrival order */
		struct pending *list = NULL;
		for (struct pending *p = w->queue, *next; p; p = next) {
			next = p->next;
			p->next = list;
			list = p;
		}
		w->queue = NULL;
		pthread_mutex_unlock(&w->qlock);
		save_batch(w->writer, w->session, list);
		pthread_mutex_lock(&w->qlock);
		finish_batch(list);
	}
	pthread_mutex_unlock(&w->qlock);
	return NULL;
}

/* Unix ms now, for the heartbeat file that other processes read. */
static int64_t wall_ms(void)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_REALTIME, &ts) != 0)
		return 0;
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The beater: the heartbeat file once a second until stopping. A failed
 * write is not the phones' business: the projector then shows the phase. */
static void *beat_loop(void *arg)
{
	struct web *w = arg;
	pthread_mutex_lock(&w->qlock);
	while (!w->stopping) {
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += 1;
		pthread_cond_timedwait(&w->bcond, &w->qlock, &until);
		if (w->stopping)
			break;
		pthread_mutex_unlock(&w->qlock);
		(void)store_serve_beat(w->beat_db, w->session, wall_ms());
		pthread_mutex_lock(&w->qlock);
	}
	pthread_mutex_unlock(&w->qlock);
	return NULL;
}

/* Beats once now, then once a second on a thread of its own (a busy
 * database never delays it). False if the thread could not start. */
static bool start_beat(struct web *w)
{
	w->beat_db = strdup(store_file(w->st));
	if (!w->beat_db)
		return false;
	(void)store_serve_beat(w->beat_db, w->session, wall_ms());
	w->beater_running = pthread_create(&w->beater, NULL, beat_loop, w) == 0;
	return w->beater_running;
}

/* Queues the ballot for the committer and suspends the connection; false
 * when stopping (the caller saves it itself). */
static bool enqueue(struct web *w, struct pending *p)
{
	pthread_mutex_lock(&w->qlock);
	bool ok = w->committer_running && !w->stopping;
	if (ok) {
		MHD_suspend_connection(p->c);
		p->next = w->queue;
		w->queue = p;
		pthread_cond_signal(&w->qcond);
	}
	pthread_mutex_unlock(&w->qlock);
	return ok;
}

/* The saved page, or the form with why the store refused. */
static enum MHD_Result answer_saved(struct page *p, struct web_form *f,
				    enum store_status s, const char *err)
{
	struct web_refusal why = { .http = 409 };
	if (s == STORE_OK)
		return send_view(p, MHD_HTTP_OK, web_page_saved);
	if (s == STORE_CONFLICT) {
		why.msg = W_ERR_VOTED;
		snprintf(why.s, sizeof why.s, "%s", f->name ? f->name : "");
	} else if (s == STORE_BUSY) {
		why.msg = W_ERR_BUSY;
		why.http = 503;
	} else {
		why.msg = W_ERR_STORE;
		why.http = s == STORE_REFUSED ? 409 : 500;
		snprintf(why.s, sizeof why.s, "%s", err);
	}
	return send_refusal(p, f, &why);
}

/* Stores the ballot with source phone through the committer (the
 * connection waits, suspended); the saved page or why not. */
static enum MHD_Result confirm(struct page *p, struct req *rq,
			       struct web_form *f)
{
	struct pending *pd = calloc(1, sizeof *pd);
	struct web_form *keep = malloc(sizeof *keep);
	if (!pd || !keep) {
		free(pd);
		free(keep);
		return MHD_NO;
	}
	*keep = *f;  /* the request owns the texts from here */
	memset(f, 0, sizeof *f);
	rq->form = keep;
	rq->pend = pd;
	pd->c = p->c;
	pd->in = (struct store_ballot_in){
		.name = keep->name, .ballot = &keep->b, .notes = pd->notes,
		.nnotes = collect_notes(keep, pd->notes),
		.source = SOURCE_PHONE, .device = NULL, .group = keep->group,
	};
	snprintf(rq->device, sizeof rq->device, "%s", p->device);
	pd->in.device = rq->device;
	if (enqueue(p->w, pd))
		return MHD_YES;
	int seq = 0;
	pd->status = store_ballot_save_ex(p->w->st, p->w->session, &pd->in, &seq);
	return answer_saved(p, keep, pd->status, store_error(p->w->st));
}

/* The request's Content-Type is a form's. */
static bool form_encoded(struct MHD_Connection *c)
{
	const char *t = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
						    "Content-Type");
	static const char want[] = "application/x-www-form-urlencoded";
	return t && strncasecmp(t, want, sizeof want - 1) == 0 &&
	       (t[sizeof want - 1] == '\0' || t[sizeof want - 1] == ';');
}

/* POST review, edit or confirm. */
static enum MHD_Result post_form(struct page *p, struct req *rq)
{
	if (rq->pend && rq->pend->done)  /* the committer has stored it */
		return answer_saved(p, rq->form, rq->pend->status,
				    rq->pend->err);
	if (!post_allowed(p->w, p->c)) {
		char sentence[256];
		struct web_refusal why = { .msg = W_ERR_RATE };
		web_refusal_text(&why, p->lang, sentence, sizeof sentence);
		return send_message(p, MHD_HTTP_TOO_MANY_REQUESTS, W_PROBLEM,
				    sentence);
	}
	if (p->view.next_round)  /* nothing of a form is read or stored */
		return round_over(p, MHD_HTTP_CONFLICT);
	struct web_form f;
	struct web_refusal why = { .http = 400 };
	bool parsed = form_encoded(p->c) &&
		web_form_parse(buf_str(&rq->body), rq->body.len,
			       (int)p->nsheets, p->s.budget, &f, &why);
	if (!form_encoded(p->c)) {
		memset(&f, 0, sizeof f);
		why.msg = W_ERR_ENCODING;
	}
	bool csrf_ok = !p->new_device && f.csrf[0] &&
		       strlen(f.csrf) == 32 && same_secret(f.csrf, p->csrf, 32);
	enum MHD_Result r;
	if (!csrf_ok) {
		char sentence[256];
		struct web_refusal bad = { .msg = W_ERR_CSRF };
		web_refusal_text(&bad, p->lang, sentence, sizeof sentence);
		r = send_message(p, MHD_HTTP_FORBIDDEN, W_PROBLEM, sentence);
	} else if (!parsed) {
		r = send_refusal(p, &f, &why);
	} else if (strcmp(p->route, "edit") == 0) {
		p->view.form = &f;
		r = send_view(p, MHD_HTTP_OK, web_page_form);
	} else if (!ballot_acceptable(p, &f, &why)) {
		r = send_refusal(p, &f, &why);
	} else if (strcmp(p->route, "review") == 0) {
		p->view.form = &f;
		r = send_view(p, MHD_HTTP_OK, web_page_review);
	} else {
		r = confirm(p, rq, &f);
	}
	web_form_free(&f);
	return r;
}

/* The routes under the token. */
static enum MHD_Result route(struct page *p, const char *method,
			     struct req *rq)
{
	bool get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
	bool post = strcmp(method, "POST") == 0;
	if (get && strcmp(p->route, "") == 0)
		return get_form(p);
	if (get && strcmp(p->route, "results") == 0)
		return get_results(p);
	if (post && (strcmp(p->route, "review") == 0 ||
		     strcmp(p->route, "edit") == 0 ||
		     strcmp(p->route, "confirm") == 0))
		return post_form(p, rq);
	if (!get && !post) {
		char sentence[256];
		struct web_refusal why = { .msg = W_ERR_METHOD };
		web_refusal_text(&why, p->lang, sentence, sizeof sentence);
		return send_message(p, MHD_HTTP_METHOD_NOT_ALLOWED, W_PROBLEM,
				    sentence);
	}
	return not_found(p->c);
}

/* Does url lie under "/TOKEN/" (token "" never)? */
static bool has_token(const char *url, const char *token)
{
	size_t tl = strlen(token);
	return tl && url && url[0] == '/' && strlen(url) >= tl + 2 &&
	       same_secret(url + 1, token, tl) && url[tl + 1] == '/';
}

/* A request under the previous round's token: that round is closed, this
 * one is here; one sentence and a link to this round's form (409 to a
 * post, and nothing of it read or stored). */
static enum MHD_Result round_moved(struct web *w, struct MHD_Connection *c,
				   const char *method, const char *route)
{
	struct page p;
	memset(&p, 0, sizeof p);
	p.w = w;
	p.c = c;
	p.route = route;
	choose_language(&p);
	struct session old;
	memset(&old, 0, sizeof old);
	enum MHD_Result r = MHD_NO;
	if (choose_device(&p) && load_page(&p) &&
	    store_session_get(w->st, w->old_session, &old) == STORE_OK) {
		char sentence[256];
		struct web_refusal why = { .msg = W_ERR_ROUND_HERE,
					   .a = old.round < 1 ? 1 : old.round,
					   .b = p.s.round };
		web_refusal_text(&why, p.lang, sentence, sizeof sentence);
		p.view.session = &old;
		p.view.next_round = p.s.round;
		p.view.next_here = true;
		p.view.tally = NULL;  /* this round's results are not that one's */
		bool post = strcmp(method, "POST") == 0;
		r = send_message(&p, post ? MHD_HTTP_CONFLICT : MHD_HTTP_OK,
				 W_CLOSED, sentence);
		rules_session_free(&old);
	}
	free_page(&p);
	return r;
}

/* A request whose body has arrived whole. */
static enum MHD_Result serve(struct web *w, struct MHD_Connection *c,
			     const char *url, const char *method,
			     struct req *rq)
{
	size_t tl = strlen(w->token);
	if (has_token(url, w->old_token))
		return round_moved(w, c, method, url + tl + 2);
	if (!has_token(url, w->token))
		return not_found(c);
	struct page p;
	memset(&p, 0, sizeof p);
	p.w = w;
	p.c = c;
	p.route = url + tl + 2;
	char path[sizeof w->base + 8];
	snprintf(path, sizeof path, "%sresults", w->base);
	p.view.path = strcmp(p.route, "results") == 0 ? path : NULL;
	choose_language(&p);
	enum MHD_Result r = MHD_NO;
	if (choose_device(&p) && load_page(&p))
		r = route(&p, method, rq);
	free_page(&p);
	return r;
}

/* Answers 413 before reading more of a body that is too large. */
static enum MHD_Result too_large(struct MHD_Connection *c)
{
	static const char text[] = "The form is too large (over 64 KiB).\n";
	return respond(c, MHD_HTTP_CONTENT_TOO_LARGE, "text/plain; charset=utf-8",
		       text, sizeof text - 1, NULL, NULL);
}

/* libmicrohttpd's access handler: collects the body (at most 64 KiB),
 * then serves. */
static enum MHD_Result on_request(void *cls, struct MHD_Connection *c,
				  const char *url, const char *method,
				  const char *version, const char *upload,
				  size_t *upload_size, void **state)
{
	(void)version;
	struct web *w = cls;
	struct req *rq = *state;
	if (!rq) {
		rq = calloc(1, sizeof *rq);
		if (!rq)
			return MHD_NO;
		buf_init(&rq->body);
		*state = rq;
		const char *len = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
							      "Content-Length");
		if (len && strtoull(len, NULL, 10) > BODY_MAX) {
			rq->too_big = true;
			return too_large(c);
		}
		return MHD_YES;
	}
	if (*upload_size > 0) {
		/* Too large: the rest is read and dropped (this libmicrohttpd
		 * cannot answer mid-upload), up to DRAIN_MAX; then the
		 * connection is cut. */
		if (rq->too_big || rq->body.len + *upload_size > BODY_MAX) {
			rq->too_big = true;
			buf_free(&rq->body);
			rq->drained += *upload_size;
			*upload_size = 0;
			return rq->drained > DRAIN_MAX ? MHD_NO : MHD_YES;
		}
		if (!buf_append(&rq->body, upload, *upload_size))
			return MHD_NO;
		*upload_size = 0;
		return MHD_YES;
	}
	if (rq->too_big)
		return too_large(c);
	return serve(w, c, url, method, rq);
}

/* Frees a request's state when its connection is done with it. */
static void on_completed(void *cls, struct MHD_Connection *c, void **state,
			 enum MHD_RequestTerminationCode why)
{
	(void)cls;
	(void)c;
	(void)why;
	struct req *rq = *state;
	if (rq) {
		buf_free(&rq->body);
		if (rq->form)
			web_form_free(rq->form);
		free(rq->form);
		free(rq->pend);
		free(rq);
		*state = NULL;
	}
}

/* Parses "ADDR:PORT" or "[V6]:PORT" into a socket address. */
static bool parse_listen(const char *s, struct sockaddr_storage *ss,
			 bool *v6, bool *any)
{
	char host[64];
	const char *port;
	if (s[0] == '[') {
		const char *end = strchr(s, ']');
		if (!end || end[1] != ':' || (size_t)(end - s - 1) >= sizeof host)
			return false;
		memcpy(host, s + 1, (size_t)(end - s - 1));
		host[end - s - 1] = '\0';
		port = end + 2;
	} else {
		const char *colon = strrchr(s, ':');
		if (!colon || (size_t)(colon - s) >= sizeof host)
			return false;
		memcpy(host, s, (size_t)(colon - s));
		host[colon - s] = '\0';
		port = colon + 1;
	}
	char *end;
	unsigned long p = strtoul(port, &end, 10);
	if (!*port || *end || p > 65535)
		return false;
	memset(ss, 0, sizeof *ss);
	struct sockaddr_in *in = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;
	if (inet_pton(AF_INET, host, &in->sin_addr) == 1) {
		in->sin_family = AF_INET;
		in->sin_port = htons((uint16_t)p);
		*v6 = false;
		*any = in->sin_addr.s_addr == htonl(INADDR_ANY);
		return true;
	}
	if (inet_pton(AF_INET6, host, &in6->sin6_addr) == 1) {
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons((uint16_t)p);
		*v6 = true;
		*any = IN6_IS_ADDR_UNSPECIFIED(&in6->sin6_addr);
		return true;
	}
	return false;
}

/* The first non-loopback IPv4 address of the machine (else IPv6 global,
 * else 127.0.0.1), as a URL host. */
static void first_address(char *out, size_t n)
{
	snprintf(out, n, "127.0.0.1");
	struct ifaddrs *all = NULL;
	if (getifaddrs(&all) != 0)
		return;
	bool have6 = false;
	for (struct ifaddrs *a = all; a; a = a->ifa_next) {
		if (!a->ifa_addr || !(a->ifa_flags & IFF_UP) ||
		    (a->ifa_flags & IFF_LOOPBACK))
			continue;
		char text[INET6_ADDRSTRLEN];
		if (a->ifa_addr->sa_family == AF_INET &&
		    inet_ntop(AF_INET, &((struct sockaddr_in *)a->ifa_addr)->sin_addr,
			      text, sizeof text)) {
			snprintf(out, n, "%s", text);
			break;
		}
		const struct in6_addr *a6 =
			&((struct sockaddr_in6 *)a->ifa_addr)->sin6_addr;
		if (!have6 && a->ifa_addr->sa_family == AF_INET6 &&
		    !IN6_IS_ADDR_LINKLOCAL(a6) &&
		    inet_ntop(AF_INET6, a6, text, sizeof text)) {
			snprintf(out, n, "[%s]", text);
			have6 = true;
		}
	}
	freeifaddrs(all);
}

/* A whole small file (a PEM certificate or key). */
static char *read_small_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *data = calloc(1, 65537);
	size_t n = data ? fread(data, 1, 65536, f) : 0;
	bool ok = data && !ferror(f) && n > 0 && n < 65536;
	fclose(f);
	if (!ok) {
		free(data);
		return NULL;
	}
	return data;
}

/* The certificate and key for TLS, read whole; false with the sentence. */
static bool read_tls(struct web *w, const struct web_config *cfg, char *err,
		     size_t n)
{
	w->tls_cert = cfg->tls_cert ? read_small_file(cfg->tls_cert) : NULL;
	w->tls_key = cfg->tls_key ? read_small_file(cfg->tls_key) : NULL;
	if (w->tls_cert && w->tls_key)
		return true;
	snprintf(err, n, "%s", _("The certificate or key file cannot be read: give both as PEM files."));
	return false;
}

/* Starts libmicrohttpd with the hostile room's limits: on the address in
 * ss, or on every address (both IP versions where the machine has them). */
static bool run_daemon(struct web *w, const struct web_config *cfg,
		       unsigned flags, const struct sockaddr_storage *ss,
		       uint16_t port)
{
	struct MHD_OptionItem opts[12];
	size_t k = 0;
	opts[k++] = (struct MHD_OptionItem){ MHD_OPTION_CONNECTION_LIMIT,
		cfg->max_connections ? cfg->max_connections : 400, NULL };
	opts[k++] = (struct MHD_OptionItem){ MHD_OPTION_PER_IP_CONNECTION_LIMIT,
		cfg->max_per_address ? cfg->max_per_address : 32, NULL };
	opts[k++] = (struct MHD_OptionItem){ MHD_OPTION_CONNECTION_TIMEOUT,
		cfg->timeout_s ? cfg->timeout_s : 15, NULL };
	opts[k++] = (struct MHD_OptionItem){ MHD_OPTION_CONNECTION_MEMORY_LIMIT,
		32 * 1024, NULL };
	opts[k++] = (struct MHD_OptionItem){ MHD_OPTION_LISTEN_BACKLOG_SIZE, 256,
		NULL };
	opts[k++] = (struct MHD_OptionItem){ MHD_OPTION_STRICT_FOR_CLIENT, 1, NULL };
	opts[k++] = (struct MHD_OptionItem){ MHD_OPTION_NOTIFY_COMPLETED,
		(intptr_t)on_completed, NULL };
	if (cfg->listen)
		opts[k++] = (struct MHD_OptionItem){ MHD_OPTION_SOCK_ADDR, 0,
			(void *)ss };
	if (w->tls_cert) {
		opts[k++] = (struct MHD_OptionItem){ MHD_OPTION_HTTPS_MEM_CERT, 0,
			w->tls_cert };
		opts[k++] = (struct MHD_OptionItem){ MHD_OPTION_HTTPS_MEM_KEY, 0,
			w->tls_key };
	}
	opts[k] = (struct MHD_OptionItem){ MHD_OPTION_END, 0, NULL };
	if (!cfg->listen)
		w->daemon = MHD_start_daemon(flags | MHD_USE_DUAL_STACK, port,
					     NULL, NULL, on_request, w,
					     MHD_OPTION_ARRAY, opts, MHD_OPTION_END);
	if (!w->daemon)
		w->daemon = MHD_start_daemon(flags, port, NULL, NULL, on_request, w,
					     MHD_OPTION_ARRAY, opts, MHD_OPTION_END);
	return w->daemon != NULL;
}

/* The join URL: the address listened on, or the machine's first. */
static void make_url(struct web *w, const struct sockaddr_storage *ss,
		     bool v6, bool any)
{
	char host[INET6_ADDRSTRLEN + 2], text[INET6_ADDRSTRLEN] = "?";
	if (any) {
		first_address(host, sizeof host);
	} else {
		const void *a = v6 ? (const void *)&((const struct sockaddr_in6 *)ss)->sin6_addr
				   : (const void *)&((const struct sockaddr_in *)ss)->sin_addr;
		inet_ntop(v6 ? AF_INET6 : AF_INET, a, text, sizeof text);
		snprintf(host, sizeof host, v6 ? "[%s]" : "%s", text);
	}
	snprintf(w->url, sizeof w->url, "%s://%s:%u%s",
		 w->tls_cert ? "https" : "http", host, w->port, w->base);
}

/* Starts the daemon; when no port was asked for, on the previous round's
 * first if it is free (the phones' old page then reaches this round). */
static bool run_daemon_here(struct web *w, const struct web_config *cfg,
			    unsigned flags, struct sockaddr_storage *ss,
			    bool v6)
{
	uint16_t *port = !cfg->listen ? NULL : v6 ?
		&((struct sockaddr_in6 *)ss)->sin6_port :
		&((struct sockaddr_in *)ss)->sin_port;
	if (w->old_port && (!port || *port == 0)) {
		if (port)
			*port = htons((uint16_t)w->old_port);
		if (run_daemon(w, cfg, flags, ss, (uint16_t)w->old_port))
			return true;
		if (port)
			*port = 0;
	}
	return run_daemon(w, cfg, flags, ss, 0);
}

/* Starts the daemon on the configured address. */
static bool start_daemon(struct web *w, const struct web_config *cfg,
			 char *err, size_t n)
{
	/* poll(): libmicrohttpd 0.9.75's epoll mode leaves connections whose
	 * client hung up mid-body in CLOSE-WAIT until their timeout. */
	unsigned flags = MHD_USE_POLL_INTERNAL_THREAD | MHD_ALLOW_SUSPEND_RESUME;
	struct sockaddr_storage ss;
	bool v6 = false, any = true;
	if (cfg->listen && !parse_listen(cfg->listen, &ss, &v6, &any)) {
		snprintf(err, n, _("“%s” is not an address to listen on: give ADDRESS:PORT, e.g. 0.0.0.0:8080 or [::1]:8080."),
			 cfg->listen);
		return false;
	}
	if ((cfg->tls_cert || cfg->tls_key) && !read_tls(w, cfg, err, n))
		return false;
	flags |= (w->tls_cert ? MHD_USE_TLS : 0) | (v6 ? MHD_USE_IPv6 : 0);
	errno = 0;
	if (!run_daemon_here(w, cfg, flags, &ss, v6)) {
		snprintf(err, n, _("Phone voting could not listen on %s (%s): give another address or port with --listen."),
			 cfg->listen ? cfg->listen : _("every address"),
			 errno ? strerror(errno) : _("refused"));
		return false;
	}
	const union MHD_DaemonInfo *info =
		MHD_get_daemon_info(w->daemon, MHD_DAEMON_INFO_BIND_PORT);
	w->port = info ? info->port : 0;
	make_url(w, &ss, v6, any);
	return true;
}

/* Remembers a stopped server for the next round's (see `retired`). */
static void retire(const struct web *w)
{
	pthread_mutex_lock(&retired.lock);
	if (w->db_path && strlen(w->db_path) < sizeof retired.db_path) {
		strcpy(retired.token, w->token);
		strcpy(retired.db_path, w->db_path);
		retired.session = w->session;
		retired.port = w->port;
	}
	pthread_mutex_unlock(&retired.lock);
}

/* Takes over the stopped server of the round before s in the same
 * database: its token and (if free, and no port was asked for) its port. */
static void follow_retired(struct web *w, const struct session *s)
{
	int64_t prev = 0;
	if (store_session_previous_id(w->st, s, &prev) != STORE_OK || !prev)
		return;
	pthread_mutex_lock(&retired.lock);
	if (retired.session == prev && w->db_path &&
	    strcmp(retired.db_path, w->db_path) == 0) {
		strcpy(w->old_token, retired.token);
		w->old_session = prev;
		w->old_port = retired.port;
	}
	pthread_mutex_unlock(&retired.lock);
}

struct web *web_start(const struct web_config *cfg, char *err, size_t n)
{
	struct web *w = calloc(1, sizeof *w);
	if (!w) {
		snprintf(err, n, "%s", _("Out of memory: close other programs and try again."));
		return NULL;
	}
	pthread_mutex_init(&w->lock, NULL);
	pthread_mutex_init(&w->qlock, NULL);
	pthread_cond_init(&w->qcond, NULL);
	pthread_cond_init(&w->bcond, NULL);
	w->session = cfg->session;
	w->posts_per_minute = cfg->posts_per_minute ? cfg->posts_per_minute : 120;
	if (!random_hex(w->token, TOKEN_BYTES, true)) {
		snprintf(err, n, "%s", _("The system gave no random bytes for the join token: try again."));
		web_stop(w);
		return NULL;
	}
	snprintf(w->base, sizeof w->base, "/%s/", w->token);
	if (store_open(cfg->db_path, &w->st, err, n) != STORE_OK) {
		web_stop(w);
		return NULL;
	}
	struct session s;
	if (store_session_get(w->st, cfg->session, &s) != STORE_OK) {
		snprintf(err, n, "%s", store_error(w->st));
		web_stop(w);
		return NULL;
	}
	const char *lang = cfg->language ? cfg->language : s.language;
	if (!web_lang_parse(lang, &w->lang))
		w->lang = WEB_EN;
	w->db_path = strdup(cfg->db_path);
	follow_retired(w, &s);
	rules_session_free(&s);
	if (store_open(cfg->db_path, &w->writer, err, n) != STORE_OK) {
		web_stop(w);
		return NULL;
	}
	if (pthread_create(&w->committer, NULL, commit_loop, w) != 0) {
		snprintf(err, n, "%s", _("Phone voting could not start a thread: close other programs and try again."));
		web_stop(w);
		return NULL;
	}
	w->committer_running = true;
	if (!start_daemon(w, cfg, err, n) || !start_beat(w)) {
		if (w->daemon && !w->beater_running)
			snprintf(err, n, "%s", _("Phone voting could not start a thread: close other programs and try again."));
		web_stop(w);
		return NULL;
	}
	return w;
}

bool web_listen_valid(const char *listen)
{
	struct sockaddr_storage ss;
	bool v6, any;
	return parse_listen(listen, &ss, &v6, &any);
}

const char *web_join_url(const struct web *w)
{
	return w->url;
}

unsigned web_port(const struct web *w)
{
	return w->port;
}

void web_stop(struct web *w)
{
	if (!w)
		return;
	/* The committer stores what is queued and resumes those connections;
	 * a confirm after this is saved by the server's thread itself, so
	 * none stays suspended when the daemon stops. */
	pthread_mutex_lock(&w->qlock);
	w->stopping = true;
	pthread_cond_signal(&w->qcond);
	pthread_cond_signal(&w->bcond);
	pthread_mutex_unlock(&w->qlock);
	if (w->committer_running)
		pthread_join(w->committer, NULL);
	if (w->beater_running)
		pthread_join(w->beater, NULL);
	if (w->beat_db)
		store_serve_beat_end(w->beat_db, w->session);  /* a clean stop */
	if (w->daemon) {
		MHD_stop_daemon(w->daemon);
		retire(w);
	}
	store_close(w->st);
	store_close(w->writer);
	pthread_cond_destroy(&w->qcond);
	pthread_cond_destroy(&w->bcond);
	pthread_mutex_destroy(&w->qlock);
	pthread_mutex_destroy(&w->lock);
	free(w->tls_cert);
	free(w->tls_key);
	free(w->db_path);
	free(w->beat_db);
	free(w);
}
