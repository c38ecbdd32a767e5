/* End-to-end tests of phone voting at the console (issue 11): the real
 * binary in a pty at 80×24, the screen made an image and its QR code read
 * by zbarimg (zbar-tools) to exactly the join address the phone server
 * gives; the projector view shows the same while phones vote; stopping
 * closes the phones' page. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		FX_TEST(test_qr_reads_join_url),
	};
	return FX_RUN(tests);
}
