/* End-to-end tests of phone voting at the console (issue 11): the real
 * binary in a pty at 80×24, the screen made an image and its QR code read
 * by zbarimg (zbar-tools) to exactly the join address the phone server
 * gives; the projector view shows the same while phones vote; stopping
 * closes the phones' page; a killed server's address leaves the projector
 * within seconds (its heartbeat stops). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fixture.h"
#include "harness.h"

static int setup(void **state)
{
	return fx_setup(state, "tapla-phone", "en");
}

/* What zbarimg reads in the screen's image ("" if nothing). */
static char *read_qr(const struct fixture *f)
{
	char path[400], cmd[600], line[1024];
	snprintf(path, sizeof path, "%s/screen.pbm", f->dir);
	assert_true(h_write_pbm(f->h, path, 4));
	snprintf(cmd, sizeof cmd, "zbarimg --quiet --raw '%s' 2>/dev/null", path);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	char *got = strdup(fgets(line, sizeof line, p) ? line : "");
	pclose(p);
	assert_non_null(got);
	got[strcspn(got, "\n")] = '\0';
	return got;
}

/* The join address the console's server stored for the view, or "". */
static char *join_url(const struct fixture *f)
{
	char *url = fx_query_text(f, "SELECT ifnull(join_url, '') FROM session");
	assert_non_null(url);
	return url;
}

/* The facilitator's w opens phone voting: at 80×24 the console shows the
 * QR code of exactly the join address (read back from the screen's image),
 * the address itself and the votes per channel; the projector view, in
 * colour and without, shows the same code; s stops the server, the address
 * is gone from the store and from the view. */
static void test_qr_reads_join_url(void **state)
{
	struct fixture *f = *state;
	if (system("command -v zbarimg >/dev/null 2>&1") != 0)
		skip();
	fx_start_run(f, "en", 24, 80, NULL);
	fx_expect(f, "Next participant");
	fx_press(f, "f", "[facilitator]");
	fx_press(f, "w", "Vote on your phone");
	fx_expect(f, "stop phone voting");  /* the help line: drawn last */
	h_settle(f->h, 200, H_DEADLINE_MS);
	char *url = join_url(f);
	assert_true(strncmp(url, "http://", 7) == 0);
	char head[24];
	snprintf(head, sizeof head, "%.20s", url);
	fx_expect(f, head);  /* the address in words too */
	fx_expect(f, "Phones");
	fx_expect(f, "Laptop");
	fx_expect(f, "Paper");
	fx_capture(f, "phone voting 80x24");
	char *got = read_qr(f);
	assert_string_equal(got, url);
	free(got);

	/* The projector view: the same code, with colour and without. */
	struct harness *console = f->h;
	static const char *const no_color[] = { "NO_COLOR=1", NULL };
	for (int plain = 0; plain < 2; plain++) {
		f->h = fx_start_view(f, f->id, "en", plain ? no_color : NULL);
		fx_expect(f, "Vote on your phone");
		fx_expect(f, "view only");  /* the help line: drawn last */
		h_settle(f->h, 200, H_DEADLINE_MS);
		got = read_qr(f);
		assert_string_equal(got, url);
		free(got);
		h_free(f->h);
	}
	f->h = console;

	/* Stopped: the address is gone from the store and the screen. */
	fx_press(f, "s", "Phone voting is stopped");
	char *after = join_url(f);
	assert_string_equal(after, "");
	free(after);
	free(url);
}

/* "tapla serve" of the session on loopback, a free port; its join address
 * printed (the first line). */
static struct harness *start_serve(const struct fixture *f)
{
	const char *argv[] = { "tapla", "--db", f->db, "--lang", "en", "serve",
			       f->id, "--listen", "127.0.0.1:0", NULL };
	struct harness *h = h_start_env(argv, 24, 80, f->dir, NULL);
	assert_non_null(h);
	assert_true(h_wait_text(h, "Ctrl-C stops", H_DEADLINE_MS));
	return h;
}

/* Whether the phone server's heartbeat file exists. */
static bool serve_beat_exists(const struct fixture *f)
{
	char path[400];
	struct stat st;
	snprintf(path, sizeof path, "%s.serve-%s", f->db, f->id);
	return stat(path, &st) == 0;
}

/* tapla serve keeps its address for the projector, which shows it; killed
 * (SIGKILL: no clean stop, the address stays stored) its heartbeat stops
 * and the projector goes back to the phase within seconds and says phone
 * voting stopped; a new server takes over the address; a clean stop
 * (SIGTERM) clears the address and removes the heartbeat file. */
static void test_killed_server_leaves_projector(void **state)
{
	struct fixture *f = *state;
	struct harness *serve = start_serve(f);
	char *url = join_url(f);
	assert_true(strncmp(url, "http://127.0.0.1:", 17) == 0);
	assert_true(serve_beat_exists(f));
	f->h = fx_start_view(f, f->id, "en", NULL);
	fx_expect(f, "Vote on your phone");
	fx_expect(f, "127.0.0.1");

	assert_true(h_signal(serve, SIGKILL));
	int st = h_wait_exit(serve, H_DEADLINE_MS);
	assert_true(WIFSIGNALED(st));
	h_free(serve);
	char *stale = join_url(f);
	assert_string_equal(stale, url);  /* nobody cleared it */
	free(stale);
	/* The beat is old after STORE_SERVE_ALIVE_MS (3 s) and read once a
	 * second: well within three deadlines. */
	assert_true(h_wait_gone(f->h, "Vote on your phone", 3 * H_DEADLINE_MS));
	fx_expect(f, "Phone voting has stopped.");
	fx_expect(f, "projector view");
	assert_null(strstr(h_screen(f->h), "127.0.0.1"));

	/* A new server takes over: its address on the projector. */
	serve = start_serve(f);
	char *fresh = join_url(f);
	assert_string_not_equal(fresh, url);
	fx_expect(f, "Vote on your phone");
	char head[40];
	snprintf(head, sizeof head, "%.30s", fresh);
	fx_expect(f, head);
	assert_null(strstr(h_screen(f->h), "Phone voting has stopped."));

	/* A clean stop: no address, no heartbeat file. */
	assert_true(h_signal(serve, SIGTERM));
	st = h_wait_exit(serve, H_DEADLINE_MS);
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	h_free(serve);
	char *after = join_url(f);
	assert_string_equal(after, "");
	assert_false(serve_beat_exists(f));
	assert_true(h_wait_gone(f->h, "Vote on your phone", H_DEADLINE_MS));
	free(after);
	free(fresh);
	free(url);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FX_TEST(test_qr_reads_join_url),
		FX_TEST(test_killed_server_leaves_projector),
	};
	return FX_RUN(tests);
}
