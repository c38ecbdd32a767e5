/* bench-web: phone voting (issue 11). A ballot confirmed by 25 phones at
 * once (p50, p99), ballots per second against a bare libmicrohttpd handler
 * doing the same store transaction in the same run, the bytes of each
 * page, the server's CPU over an idle period, and its peak memory with 200
 * open connections. Only 127.0.0.1. */
#include <microhttpd.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"
#include "client.h"
#include "tapla/store.h"
#include "tapla/web.h"

#define PHONES 25
#define POSTS 8           /* per phone per round */
#define ROUNDS 7
#define IDLE_SECONDS 10
#define P99_BUDGET_MS 25.0
#define RATIO_BUDGET 1.3

/* The server under test: the real one, or the bare handler. */
struct target {
	unsigned port;
	char base[64];         /* "/TOKEN/" or "/" */
	bool bare;
};

/* The bare handler's world: its own store connection. */
struct bare {
	struct MHD_Daemon *d;
	struct store *st;
	int64_t session;
	pthread_mutex_t lock;
};

/* One phone of a round. */
struct phone {
	const struct target *t;
	int i;
	char cookie[128], csrf[33];
	double *lat;          /* POSTS latencies in ms */
	bool ok;
	int round;            /* names are new each round: new phones */
	pthread_barrier_t *go;
};

/* The seed's worked example, the same for both servers. */
static void seed_ballot(struct ballot *b)
{
	rules_ballot_init(b, 4);
	b->dots[0][LEVEL_AGREE] = 5;
	b->dots[1][LEVEL_PARTLY_AGREE] = 2;
	b->dots[2][LEVEL_NEUTRAL] = 2;
	b->dots[3][LEVEL_DISAGREE] = 1;
}

/* The bare handler: reads the body, stores the same ballot with source
 * phone for the cookie's device (store_ballot_save_ex), answers "saved". */
static enum MHD_Result bare_request(void *cls, struct MHD_Connection *c,
				    const char *url, const char *method,
				    const char *version, const char *upload,
				    size_t *upload_size, void **state)
{
	(void)url;
	(void)method;
	(void)version;
	(void)upload;
	struct bare *b = cls;
	if (!*state) {
		*state = (void *)1;
		return MHD_YES;
	}
	if (*upload_size) {
		*upload_size = 0;
		return MHD_YES;
	}
	const char *dev = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, "tapla_d");
	char name[64];
	snprintf(name, sizeof name, "Bare %s", dev ? dev : "none");
	struct ballot ballot;
	seed_ballot(&ballot);
	struct store_ballot_in in = { .name = name, .ballot = &ballot,
				      .source = SOURCE_PHONE, .device = dev };
	int seq;
	pthread_mutex_lock(&b->lock);
	enum store_status s = store_ballot_save_ex(b->st, b->session, &in, &seq);
	pthread_mutex_unlock(&b->lock);
	static const char ok[] = "saved\n";
	struct MHD_Response *r = MHD_create_response_from_buffer(sizeof ok - 1,
		(void *)ok, MHD_RESPMEM_PERSISTENT);
	enum MHD_Result res = MHD_queue_response(c, s == STORE_OK ? 200 : 500, r);
	MHD_destroy_response(r);
	return res;
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* A phone: open the page once (or make a device), then confirm POSTS
 * times, replacing its own ballot, timing each. */
static void *phone_run(void *arg)
{
	struct phone *p = arg;
	const struct target *t = p->t;
	struct http_resp r;
	p->ok = false;
	if (t->bare) {
		snprintf(p->cookie, sizeof p->cookie, "tapla_d=%032x", p->i + 1);
	} else {
		if (!http_request(t->port, "GET", t->base, NULL, NULL, &r))
			return NULL;
		bool got = http_set_cookie(&r, "tapla_d", p->cookie, sizeof p->cookie) &&
			   http_csrf(&r, p->csrf);
		http_resp_free(&r);
		if (!got)
			return NULL;
	}
	char path[96], body[256];
	snprintf(path, sizeof path, "%sconfirm", t->base);
	snprintf(body, sizeof body, "csrf=%s&name=Phone%%20%d-%d&1:agree=5&2:partly-agree=2&3:neutral=2&4:disagree=1",
		 p->csrf, p->round, p->i);
	pthread_barrier_wait(p->go);
	for (int k = 0; k < POSTS; k++) {
		double t0 = now_ms();
		if (!http_request(t->port, "POST", path, p->cookie, body, &r)) {
			fprintf(stderr, "bench: no answer from %s\n",
				t->bare ? "the bare handler" : "tapla");
			return NULL;
		}
		p->lat[k] = now_ms() - t0;
		bool fine = r.status == 200;
		if (!fine)
			fprintf(stderr, "bench: %s answered %d: %.200s\n",
				t->bare ? "the bare handler" : "tapla", r.status,
				r.body);
		http_resp_free(&r);
		if (!fine)
			return NULL;
	}
	p->ok = true;
	return NULL;
}

/* One round: PHONES phones at once; the wall time in ms (or -1). */
static double round_of(const struct target *t, double *lat)
{
	static int rounds;
	rounds++;
	pthread_barrier_t go;
	pthread_barrier_init(&go, NULL, PHONES + 1);
	pthread_t th[PHONES];
	struct phone ph[PHONES];
	for (int i = 0; i < PHONES; i++) {
		ph[i] = (struct phone){ .t = t, .i = i, .lat = lat + i * POSTS,
					.round = rounds, .go = &go };
		pthread_create(&th[i], NULL, phone_run, &ph[i]);
	}
	pthread_barrier_wait(&go);
	double t0 = now_ms();
	bool ok = true;
	for (int i = 0; i < PHONES; i++) {
		pthread_join(th[i], NULL);
		ok &= ph[i].ok;
	}
	double took = now_ms() - t0;
	pthread_barrier_destroy(&go);
	return ok ? took : -1;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* A new database with one session of the seed's template (tapla new). */
static bool make_db(const char *path)
{
	char *argv[] = { (char *)bench_tapla(), (char *)"--db", (char *)path,
			 (char *)"new", (char *)"Bench", (char *)"--lang",
			 (char *)"en", NULL };
	struct bench_sample t;
	return bench_spawn(argv, &t);
}

/* p50/p99 of the real server and its throughput against the bare one. */
static bool bench_posts(const char *path, struct web *w)
{
	struct target real = { .port = web_port(w) };
	if (!http_split_url(web_join_url(w), &real.port, real.base, sizeof real.base))
		return false;
	struct bare b = { .session = 1 };
	pthread_mutex_init(&b.lock, NULL);
	char err[512];
	if (store_open(path, &b.st, err, sizeof err) != STORE_OK) {
		fprintf(stderr, "bench: %s\n", err);
		return false;
	}
	b.d = MHD_start_daemon(MHD_USE_POLL_INTERNAL_THREAD, 0, NULL, NULL,
			       bare_request, &b, MHD_OPTION_CONNECTION_LIMIT,
			       (unsigned)400, MHD_OPTION_END);
	const union MHD_DaemonInfo *info = b.d ?
		MHD_get_daemon_info(b.d, MHD_DAEMON_INFO_BIND_PORT) : NULL;
	struct target bare = { .port = info ? info->port : 0, .base = "/",
			       .bare = true };
	size_t n = (size_t)ROUNDS * PHONES * POSTS;
	double *lat = calloc(n, sizeof *lat), real_ms[ROUNDS], bare_ms[ROUNDS];
	double *blat = calloc(n, sizeof *blat);
	bool ok = b.d && lat && blat;
	for (int r = 0; ok && r < ROUNDS; r++) {
		/* interleaved, alternating which goes first */
		double *mine = lat + (size_t)r * PHONES * POSTS;
		double *theirs = blat + (size_t)r * PHONES * POSTS;
		bool real_first = r % 2 == 0;
		double a = round_of(real_first ? &real : &bare,
				    real_first ? mine : theirs);
		double c = round_of(real_first ? &bare : &real,
				    real_first ? theirs : mine);
		real_ms[r] = real_first ? a : c;
		bare_ms[r] = real_first ? c : a;
		ok = a > 0 && c > 0;
	}
	if (ok) {
		qsort(lat, n, sizeof *lat, cmp_double);
		qsort(blat, n, sizeof *blat, cmp_double);
		bench_report("web-post-p50", bench_percentile(lat, n, 50), "ms",
			     P99_BUDGET_MS, bench_percentile(blat, n, 50),
			     "a ballot confirmed, 25 phones posting at once; baseline: the bare handler");
		bench_report("web-post-p99", bench_percentile(lat, n, 99), "ms",
			     P99_BUDGET_MS, bench_percentile(blat, n, 99),
			     "a ballot confirmed, 25 phones posting at once; baseline: the bare handler");
		double per = bench_median(real_ms, ROUNDS) / (PHONES * POSTS);
		double base = bench_median(bare_ms, ROUNDS) / (PHONES * POSTS);
		char note[160];
		snprintf(note, sizeof note, "time per ballot: %.0f ballots/s vs %.0f for a bare libmicrohttpd handler with the same transaction",
			 1000.0 / per, 1000.0 / base);
		bench_report("web-ballot-time", per, "ms", RATIO_BUDGET * base, base, note);
	} else {
		fprintf(stderr, "bench: a round of posts failed\n");
	}
	free(lat);
	free(blat);
	if (b.d)
		MHD_stop_daemon(b.d);
	store_close(b.st);
	return ok;
}

/* The bytes of the form, the review and the results page. */
static bool bench_pages(struct web *w, struct store *st)
{
	struct target t;
	if (!http_split_url(web_join_url(w), &t.port, t.base, sizeof t.base))
		return false;
	struct http_resp r;
	char cookie[128] = "", csrf[33] = "", path[96];
	size_t form = 0, review = 0, results = 0;
	if (http_request(t.port, "GET", t.base, NULL, NULL, &r)) {
		form = r.body_len;
		http_set_cookie(&r, "tapla_d", cookie, sizeof cookie);
		http_csrf(&r, csrf);
		http_resp_free(&r);
	}
	char body[512];
	snprintf(body, sizeof body, "csrf=%s&name=Page&1:agree=5&2:partly-agree=2&3:neutral=2&4:disagree=1&1:S=Strong&2:W=Weak", csrf);
	snprintf(path, sizeof path, "%sreview", t.base);
	if (http_request(t.port, "POST", path, cookie, body, &r)) {
		review = r.status == 200 ? r.body_len : 0;
		http_resp_free(&r);
	}
	if (store_session_set_revealed(st, 1, true) != STORE_OK)
		return false;
	snprintf(path, sizeof path, "%sresults", t.base);
	if (http_request(t.port, "GET", path, cookie, NULL, &r)) {
		results = r.body_len;
		http_resp_free(&r);
	}
	if (store_session_set_revealed(st, 1, false) != STORE_OK || !form ||
	    !review || !results)
		return false;
	char note[128];
	snprintf(note, sizeof note, "largest of form %zu, review %zu, results %zu bytes",
		 form, review, results);
	size_t most = form > review ? form : review;
	most = most > results ? most : results;
	bench_report("web-page-bytes", (double)most, "bytes", 16384, 0, note);
	return true;
}

/* utime + stime of a process in ms, from /proc. */
static double proc_cpu_ms(pid_t pid)
{
	char p[64], buf[1024];
	snprintf(p, sizeof p, "/proc/%d/stat", (int)pid);
	FILE *f = fopen(p, "r");
	if (!f)
		return -1;
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	char *s = strrchr(buf, ')');
	unsigned long ut = 0, st = 0;
	if (!s || sscanf(s + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu",
			 &ut, &st) != 2)
		return -1;
	return (double)(ut + st) * 1000.0 / (double)sysconf(_SC_CLK_TCK);
}

/* VmHWM of a process in MiB. */
static double proc_hwm_mib(pid_t pid)
{
	char p[64], line[256];
	snprintf(p, sizeof p, "/proc/%d/status", (int)pid);
	FILE *f = fopen(p, "r");
	double kib = -1;
	while (f && fgets(line, sizeof line, f))
		if (sscanf(line, "VmHWM: %lf", &kib) == 1)
			break;
	if (f)
		fclose(f);
	return kib / 1024.0;
}

/* tapla serve as its own process: CPU over an idle period and peak RSS
 * with 200 open connections. */
static bool bench_process(const char *path)
{
	int out[2];
	if (pipe(out) != 0)
		return false;
	pid_t pid = fork();
	if (pid == 0) {
		dup2(out[1], 1);
		close(out[0]);
		execl(bench_tapla(), bench_tapla(), "--db", path, "serve", "1",
		      "--listen", "127.0.0.1:0", (char *)NULL);
		_exit(127);
	}
	close(out[1]);
	FILE *f = fdopen(out[0], "r");
	char url[256] = "";
	bool ok = f && fgets(url, sizeof url, f);
	struct target t;
	ok = ok && http_split_url(url, &t.port, t.base, sizeof t.base);
	if (ok) {
		double c0 = proc_cpu_ms(pid);
		sleep(IDLE_SECONDS);  /* the measured idle period itself */
		double c1 = proc_cpu_ms(pid);
		char idle[96];
		snprintf(idle, sizeof idle, "server CPU over %d idle seconds (no busy loop)",
			 IDLE_SECONDS);
		bench_report("web-idle-cpu", c1 - c0, "ms", 100, 0, idle);
		double before = proc_hwm_mib(pid);
		int fds[200];
		int open = 0;
		for (int i = 0; i < 200; i++) {
			/* 25 a source address, under the limit per address */
			fds[i] = http_connect_from(t.port, 2 + (unsigned)i / 25);
			open += fds[i] >= 0;
			if (fds[i] >= 0)
				http_send_all(fds[i], "GET / HTTP/1.1\r\nHo", 19);
		}
		struct http_resp r;
		ok = http_request(t.port, "GET", t.base, NULL, NULL, &r);
		if (ok)
			http_resp_free(&r);
		char note[128];
		snprintf(note, sizeof note, "tapla serve's peak RSS with %d open connections; baseline: before them",
			 open);
		bench_report("web-rss-200-conns", proc_hwm_mib(pid), "MiB", 64,
			     before, note);
		for (int i = 0; i < 200; i++)
			if (fds[i] >= 0)
				close(fds[i]);
	}
	kill(pid, SIGTERM);
	int st;
	waitpid(pid, &st, 0);
	if (f)
		fclose(f);
	return ok && WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

int main(void)
{
	signal(SIGPIPE, SIG_IGN);
	char path[512];
	snprintf(path, sizeof path, "%s/web.db", bench_tmpdir());
	if (!make_db(path))
		return BENCH_SKIP;
	char err[512];
	struct web_config cfg = { .db_path = path, .session = 1,
				  .listen = "127.0.0.1:0", .language = "en",
				  .posts_per_minute = 1000000 };
	struct web *w = web_start(&cfg, err, sizeof err);
	struct store *st = NULL;
	bool ok = w && store_open(path, &st, err, sizeof err) == STORE_OK;
	if (!ok)
		fprintf(stderr, "bench: %s\n", err);
	ok = ok && bench_posts(path, w) && bench_pages(w, st);
	web_stop(w);
	store_close(st);
	ok = ok && bench_process(path);
	bench_cleanup();
	return ok ? 0 : 1;
}
