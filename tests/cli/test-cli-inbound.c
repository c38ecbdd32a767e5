/* Text from files (issue 12.5) through the real binary. Output on a
 * terminal: whatever a damaged or foreign writer stored (OSC 52 clipboard
 * writes, title changes, CSI, 8-bit C1 controls, bare controls), no
 * command in any format sends an escape sequence or a control character to
 * a terminal (run on a pseudo-terminal, its raw bytes read, no terminal
 * emulator in between); to a pipe or a file the data stays exact. Forget:
 * any participant can be erased, by number too. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli-check.h"
#include "cli-run.h"

struct fixture {
	char dir[64];
	char db[128];
	struct cli_run r;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	if (!f)
		return -1;
	if (!cli_tmpdir_with(f->dir, "/tmp/tapla-terminal-XXXXXX", f->db,
			     sizeof f->db, "t.db")) {
		free(f);
		return -1;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	files_remove_tree(f->dir);
	cli_run_free(&f->r);
	free(f);
	return 0;
}

/* Runs tapla --db DB ARGS... with pipes; the result stays in f->r. */
#define RUN(f, ...) run((f), (const char *const[]){ __VA_ARGS__, NULL })
static struct cli_run *run(struct fixture *f, const char *const *args)
{
	cli_run_free(&f->r);
	assert_true(cli_run(f->db, args, &f->r));
	return &f->r;
}

/* Runs tapla --db DB ARGS... with pipes and expects exit 0. */
#define OK(f, ...) ok_run((f), (const char *const[]){ __VA_ARGS__, NULL })
static struct cli_run *ok_run(struct fixture *f, const char *const *args)
{
	cli_run_free(&f->r);
	assert_true(cli_run(f->db, args, &f->r));
	if (f->r.status != 0)
		fail_msg("tapla %s: exit %d: %s", args[0], f->r.status, f->r.err);
	return &f->r;
}

/* Two sessions with a ballot and a note, then hostile bytes written into
 * names, notes, titles and sheet texts as another program could. */
static void poisoned_database(struct fixture *f)
{
	OK(f, "new", "Clean");
	OK(f, "new", "Second");
	OK(f, "vote", "1", "--name", "Anna", "1:agree=2", "2:disagree=3",
	   "--note", "2:S:fine");
	OK(f, "vote", "2", "--name", "Anna", "1:agree=2");
	cli_sql(f->db,
		"UPDATE session SET title = 'Evil' || char(27) || ']0;owned'"
		" || char(7) || char(155) || '2J' || char(8) || 'title';"
		"UPDATE participant SET name = 'Mal' || char(27) || ']52;c;cGF5bG9hZA=='"
		" || char(7) || 'lory' || char(157) || '0;t' || char(156)"
		" || char(13) || 'x';"
		"UPDATE note SET text = 'note' || char(27) || '[2J' || char(27)"
		" || 'P1$r' || char(27) || '\\' || char(127) || char(10) || 'end';"
		"UPDATE sheet SET statement = 'stat' || char(27) || '[31m' ||"
		" char(133) || 'ement' WHERE idx = 2;");
}

/* Is s[i] a carriage return of a line end (CRs, then a newline; the
 * terminal adds one CR to each newline itself)? */
static bool line_end_cr(const char *s, size_t n, size_t i)
{
	while (i < n && s[i] == '\r')
		i++;
	return i < n && s[i] == '\n';
}

/* The first byte a terminal would take as a control, or NULL: ESC, C1
 * (as UTF-8), C0 other than newline, tab and CR of a line end, DEL. */
static const char *control_in(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\n' || c == '\t' || (c == '\r' && line_end_cr(s, n, i)))
			continue;
		if (c < 0x20 || c == 0x7f)
			return s + i;
		if (c == 0xc2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
		    (unsigned char)s[i + 1] <= 0x9f)
			return s + i;
	}
	return NULL;
}

/* Runs a command on a terminal: exit 0, no control in what it printed,
 * and `shows` in it. */
#define CLEAN(f, shows, ...) \
	assert_clean((f), (shows), (const char *const[]){ __VA_ARGS__, NULL })
static void assert_clean(struct fixture *f, const char *shows,
			 const char *const *args)
{
	char *out;
	size_t len;
	int st = cli_run_on_terminal(f->db, args, 0, &out, &len);
	assert_true(st >= 0);
	if (st != 0)
		fail_msg("tapla %s %s on a terminal: exit %d: %s", args[0], args[1],
			 st, out);
	const char *bad = control_in(out, len);
	if (bad)
		fail_msg("tapla %s %s %s %s sent byte 0x%02x to the terminal at: %.40s",
			 args[0], args[1], args[2] ? args[2] : "",
			 args[2] && args[3] ? args[3] : "", (unsigned char)*bad, bad);
	if (shows && !strstr(out, shows))
		fail_msg("tapla %s %s: \"%s\" is not shown:\n%s", args[0], args[1],
			 shows, out);
	free(out);
}

/* Every command that prints stored text, in every format, to a terminal. */
static void no_escape_reaches_the_terminal(void **state)
{
	struct fixture *f = *state;
	poisoned_database(f);
	CLEAN(f, "lory", "export", "1", "--format", "csv");
	CLEAN(f, "network", "export", "1", "--format", "csv", "--tally");
	CLEAN(f, "lory", "export", "1", "--format", "json");
	CLEAN(f, "lory", "export", "1", "--format", "md");
	CLEAN(f, "lory", "export", "1", "--format", "html");
	CLEAN(f, "Evil", "tally", "1");
	CLEAN(f, "Evil", "compare", "1", "2");
	CLEAN(f, "Evil", "list");
	CLEAN(f, "ement", "sheets", "1");
}

/* To a pipe and to a file the export keeps the stored bytes as they are:
 * the data is exact, only a terminal is protected. */
static void pipes_and_files_get_exact_data(void **state)
{
	struct fixture *f = *state;
	poisoned_database(f);
	struct cli_run *r = OK(f, "export", "1", "--format", "csv");
	assert_non_null(strstr(r->out, "\x1b]52;c;cGF5bG9hZA==\x07"));
	char path[160];
	snprintf(path, sizeof path, "%s/out.csv", f->dir);
	OK(f, "export", "1", "--format", "csv", "-o", path);
	assert_true(files_holds(path, "", "\x1b]52;c;cGF5bG9hZA==\x07"));
}

/* A name no command line could type (escape sequences, controls) is
 * forgotten by its number: its bytes leave the file; later signers move
 * up. Wrong numbers and both ways at once are refused with a sentence. */
static void forget_by_number(void **state)
{
	struct fixture *f = *state;
	poisoned_database(f);
	OK(f, "vote", "1", "--name", "Bertta", "1:agree=1");
	assert_true(files_holds(f->db, "", "cGF5bG9hZA=="));
	struct cli_run *r = OK(f, "forget", "1", "--participant", "1");
	assert_non_null(strstr(r->out, "Forgot participant 1 in session 1"));
	r = OK(f, "export", "1", "--format", "csv");
	assert_null(strstr(r->out, "lory"));
	assert_non_null(strstr(r->out, "1,Bertta,"));
	r = OK(f, "forget", "2", "--participant", "1");
	assert_false(files_db_holds(f->db, "cGF5bG9hZA=="));
	r = RUN(f, "forget", "1", "--participant", "5");
	assert_int_not_equal(r->status, 0);
	assert_non_null(strstr(r->err, "no participant number 5"));
	static const char *const bad[] = { "0", "-1", "x", "1x", "" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		r = RUN(f, "forget", "1", "--participant", bad[i]);
		assert_int_equal(r->status, 2);
		assert_non_null(strstr(r->err, "participant number"));
	}
	r = RUN(f, "forget", "1", "--participant", "1", "--name", "Bertta");
	assert_int_equal(r->status, 2);
	r = RUN(f, "forget", "1");
	assert_int_equal(r->status, 2);
}

/* By number in an anonymous session; by a look-alike of the name (Greek
 * capitals for "ANNA", a zero-width space) as when voting. */
static void forget_anonymous_and_lookalike(void **state)
{
	struct fixture *f = *state;
	OK(f, "new", "Nimetön", "--anonymous");
	OK(f, "vote", "1", "1:agree=1");
	OK(f, "vote", "1", "2:agree=1");
	OK(f, "forget", "1", "--participant", "2");
	struct cli_run *r = OK(f, "export", "1", "--format", "csv");
	assert_null(strstr(r->out, "\n2,"));
	OK(f, "new", "Nimet");
	OK(f, "vote", "2", "--name", "Anna", "1:agree=1");
	r = OK(f, "forget", "2", "--name", "\xce\x91\xce\x9d\xe2\x80\x8b\xce\x9d\xce\x91");
	assert_non_null(strstr(r->out, "Forgot"));
	r = OK(f, "export", "2", "--format", "csv");
	assert_null(strstr(r->out, "Anna"));
}

/* Writes text to DIR/name and returns the path (static buffer). */
static const char *write_file(struct fixture *f, const char *name,
			      const char *text)
{
	static char path[160];
	snprintf(path, sizeof path, "%s/%s", f->dir, name);
	cli_put_file(path, text);
	return path;
}

/* An imported CSV's names pass the rules of typed names: escape sequences
 * and mixed scripts refuse the file with its line (nothing stored);
 * invisible characters are dropped. */
static void import_is_held_to_the_rules(void **state)
{
	struct fixture *f = *state;
	OK(f, "new", "Tuonti");
	static const char head[] = "participant,name,sheet,level,dots\n";
	char csv[256];
	snprintf(csv, sizeof csv, "%s1,Aino,1,agree,1\n2,Mal\x1b]52;c;eA==\x07,1,agree,1\n", head);
	struct cli_run *r = RUN(f, "import", "1", write_file(f, "a.csv", csv));
	assert_int_equal(r->status, 2);
	assert_non_null(strstr(r->err, "a.csv:3: the name is not usable"));
	assert_null(strchr(r->err, '\x1b'));
	snprintf(csv, sizeof csv, "%s1,P\xd0\xb0vel,1,agree,1\n", head);
	r = RUN(f, "import", "1", write_file(f, "b.csv", csv));
	assert_int_equal(r->status, 2);
	assert_non_null(strstr(r->err, "b.csv:2: the name is not usable: The name mixes"));
	r = OK(f, "export", "1", "--format", "csv");
	assert_null(strstr(r->out, "Aino"));
	snprintf(csv, sizeof csv, "%s1,Ve\xe2\x80\x8bikko\xe2\x80\xae,1,agree,2\n", head);
	OK(f, "import", "1", write_file(f, "c.csv", csv));
	r = OK(f, "export", "1", "--format", "csv");
	assert_non_null(strstr(r->out, "1,Veikko,1,"));
}

/* A test on the fixture: a folder with t.db and the last run. */
#define INBOUND_TEST(t) cmocka_unit_test_setup_teardown(t, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		INBOUND_TEST(no_escape_reaches_the_terminal),
		INBOUND_TEST(pipes_and_files_get_exact_data),
		INBOUND_TEST(forget_by_number),
		INBOUND_TEST(import_is_held_to_the_rules),
		INBOUND_TEST(forget_anonymous_and_lookalike),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
