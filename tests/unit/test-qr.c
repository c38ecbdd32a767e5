/* Unit tests of qr.c: modules to half blocks (exact text), and a real
 * code drawn so, made an image and read back by zbarimg (zbar-tools). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <unistr.h>

#include "tapla/qr.h"

static const bool two_by_two[] = { true, false,
				   false, true };
static const bool one_module[] = { true };

/* Modules drawn as half blocks: the case, the modules, the ink and the
 * exact text (columns and rows of it). */
static const struct {
	const char *why;
	const bool *dark;
	int size;
	bool ink_dark;
	int cols, rows;
	const char *text;
} block_cases[] = {
	/* The quiet zone around it, two module rows a text row. */
	{ "2x2", two_by_two, 2, true, 10, 5,
	  "          \n"
	  "          \n"
	  "    \u2580\u2584    \n"
	  "          \n"
	  "          \n" },
	/* The same code, every half the other way. */
	{ "2x2 in light ink", two_by_two, 2, false, 10, 5,
	  "\u2588\u2588\u2588\u2588\u2588\u2588\u2588\u2588\u2588\u2588\n"
	  "\u2588\u2588\u2588\u2588\u2588\u2588\u2588\u2588\u2588\u2588\n"
	  "\u2588\u2588\u2588\u2588\u2584\u2580\u2588\u2588\u2588\u2588\n"
	  "\u2588\u2588\u2588\u2588\u2588\u2588\u2588\u2588\u2588\u2588\n"
	  "\u2588\u2588\u2588\u2588\u2588\u2588\u2588\u2588\u2588\u2588\n" },
	/* An odd size: the last row's lower half is the quiet zone. */
	{ "1x1", one_module, 1, true, 9, 5,
	  "         \n"
	  "         \n"
	  "    \u2580    \n"
	  "         \n"
	  "         \n" },
};

static void test_modules_to_blocks(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof block_cases / sizeof block_cases[0]; i++) {
		struct buf b = { 0 };
		int cols = 0, rows = 0;
		bool drawn = qr_text_of_modules(block_cases[i].dark, block_cases[i].size,
						block_cases[i].ink_dark, &b, &cols, &rows);
		bool same = drawn && cols == block_cases[i].cols &&
			    rows == block_cases[i].rows &&
			    strcmp(buf_str(&b), block_cases[i].text) == 0;
		if (!same) {
			print_error("%s: drawn %d, %dx%d:\n%s", block_cases[i].why,
				    drawn, cols, rows, drawn ? buf_str(&b) : "");
			buf_free(&b);
			fail_msg("%s: not as expected", block_cases[i].why);
		}
		buf_free(&b);
	}
}

/* Writes the half-block text as a PBM image, each module `scale` pixels
 * square (a character is one module wide and two tall). */
static void write_pbm(const char *path, const char *text, int cols, int rows,
		      int scale, bool ink_dark)
{
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fprintf(fp, "P1\n%d %d\n", cols * scale, rows * 2 * scale);
	const uint8_t *p = (const uint8_t *)text;
	for (int r = 0; r < rows; r++) {
		ucs4_t line[256];
		int n = 0;
		while (*p && *p != '\n' && n < 256) {
			int k = u8_mbtouc(&line[n++], p, 4);
			p += k;
		}
		assert_int_equal(n, cols);
		p++;  /* the '\n' */
		for (int half = 0; half < 2; half++) {
			for (int sy = 0; sy < scale; sy++) {
				for (int c = 0; c < cols; c++) {
					bool ink = line[c] == 0x2588 ||
						   (half == 0 && line[c] == 0x2580) ||
						   (half == 1 && line[c] == 0x2584);
					bool black = ink == ink_dark;
					for (int sx = 0; sx < scale; sx++)
						fputs(black ? "1 " : "0 ", fp);
				}
				fputc('\n', fp);
			}
		}
	}
	assert_int_equal(fclose(fp), 0);
}

/* What zbarimg reads in the image ("" if nothing), the "QR-Code:" cut. */
static char *zbar_read(const char *path)
{
	char cmd[600], line[1024];
	snprintf(cmd, sizeof cmd, "zbarimg --quiet --raw '%s' 2>/dev/null", path);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	char *got = fgets(line, sizeof line, p) ? strdup(line) : strdup("");
	pclose(p);
	assert_non_null(got);
	got[strcspn(got, "\n")] = '\0';
	return got;
}

/* A join URL drawn as text, with dark ink and with light, reads back as
 * exactly that URL; it is small enough for 80×24 (version 3). */
static void test_url_reads_back(void **state)
{
	(void)state;
	static const char url[] =
		"http://192.168.43.17:40123/3F9C0A17B2D44E5F8A6B7C8D9E0F1A2B/";
	if (system("command -v zbarimg >/dev/null 2>&1") != 0)
		skip();
	char dir[] = "/tmp/tapla-qr-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[64];
	snprintf(path, sizeof path, "%s/qr.pbm", dir);
	for (int ink = 0; ink < 2; ink++) {
		struct buf b = { 0 };
		int cols = 0, rows = 0;
		assert_true(qr_text(url, ink, &b, &cols, &rows));
		assert_int_equal(cols, 29 + 2 * QR_QUIET);
		assert_true(rows <= 19);
		write_pbm(path, buf_str(&b), cols, rows, 6, ink);
		char *got = zbar_read(path);
		assert_string_equal(got, url);
		free(got);
		buf_free(&b);
	}
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_modules_to_blocks),
		cmocka_unit_test(test_url_reads_back),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
