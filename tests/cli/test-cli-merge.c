/* Command-line tests of merge, forget, delete and compare: the real tapla
 * binary on temporary databases. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <pty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli-pair.h"

/* The other laptop: two sessions, three ballots. */
static void other_laptop(struct fixture *f)
{
	OK(f, f->b, "new", "Seminaari B");
	OK(f, f->b, "vote", "1", "--name", "Aino", "1:agree=5", "--note", "1:S:Hyvä");
	OK(f, f->b, "vote", "1", "--name", "Bertta", "2:disagree=2");
	OK(f, f->b, "new", "Nimetön", "--anonymous");
	OK(f, f->b, "vote", "2", "3:neutral=1");
}

/* Merging twice = merging once; the other file never changes. */
static void merge_twice_is_once(void **state)
{
	struct fixture *f = *state;
	other_laptop(f);
	OK(f, f->a, "new", "Oma");
	struct cli_snapshot b = cli_snap(f->b, false);
	struct cli_run *r = OK(f, f->a, "merge", f->b);
	assert_string_equal(r->out, "Added 2 sessions (3 ballots); 0 already here.\n");
	char *once = strdup(OK(f, f->a, "export", "2")->out);
	r = OK(f, f->a, "merge", f->b);
	assert_string_equal(r->out, "Added 0 sessions (0 ballots); 2 already here.\n");
	assert_string_equal(OK(f, f->a, "export", "2")->out, once);
	r = OK(f, f->a, "list");
	assert_non_null(strstr(r->out, "Seminaari B"));
	assert_null(strstr(strstr(r->out, "Seminaari B") + 1, "Seminaari B"));
	cli_assert_unchanged(&b, f->b);
	free(once);
}

/* Different ballots in one session: refused (exit 2, nothing changed)
 * unless --prefer says which wins. */
static void merge_conflict(void **state)
{
	struct fixture *f = *state;
	other_laptop(f);
	OK(f, f->a, "merge", f->b);
	OK(f, f->a, "vote", "1", "--name", "Cecilia", "4:agree=1");
	OK(f, f->b, "vote", "1", "--name", "Daniel", "3:agree=1");
	struct cli_snapshot a = cli_snap(f->a, false), b = cli_snap(f->b, false);
	struct cli_run *r = TAPLA(f, f->a, "merge", f->b);
	assert_int_equal(r->status, 2);
	assert_non_null(strstr(r->err, "--prefer mine or --prefer theirs"));
	cli_assert_unchanged(&a, f->a);
	r = TAPLA(f, f->a, "merge", f->b, "--prefer", "both");
	assert_int_equal(r->status, 2);
	r = OK(f, f->a, "merge", f->b, "--prefer", "mine");
	assert_non_null(strstr(r->out, "1 differing session kept"));
	assert_non_null(strstr(OK(f, f->a, "export", "1")->out, "Cecilia"));
	r = OK(f, f->a, "merge", f->b, "--prefer", "theirs");
	assert_non_null(strstr(r->out, "1 differing session taken"));
	r = OK(f, f->a, "export", "1");
	assert_null(strstr(r->out, "Cecilia"));
	assert_non_null(strstr(r->out, "Daniel"));
	cli_assert_unchanged(&b, f->b);
}

/* A file that is not tapla's, or is missing: refused, both untouched. */
static void merge_refuses_other_files(void **state)
{
	struct fixture *f = *state;
	OK(f, f->a, "new", "Oma");
	char notes[192];
	snprintf(notes, sizeof notes, "%s/notes.txt", f->dir);
	cli_put_file(notes, "Muistiinpanoja, ei tietokanta.\n");
	struct cli_snapshot a = cli_snap(f->a, false), n = cli_snap(notes, false);
	struct cli_run *r = TAPLA(f, f->a, "merge", notes);
	assert_int_equal(r->status, 2);
	assert_non_null(strstr(r->err, "not a tapla database"));
	r = TAPLA(f, f->a, "merge", f->b);
	assert_int_equal(r->status, 2);
	assert_non_null(strstr(r->err, "no tapla database"));
	r = TAPLA(f, f->a, "merge", f->a);
	assert_int_equal(r->status, 2);
	cli_assert_unchanged(&a, f->a);
	cli_assert_unchanged(&n, notes);
}

/* After forget the name's bytes are neither in the file nor its WAL, and
 * the tally counts the others. */
static void forget_leaves_no_bytes(void **state)
{
	struct fixture *f = *state;
	OK(f, f->a, "new", "Seminaari");
	OK(f, f->a, "vote", "1", "--name", "Aino", "1:agree=3");
	OK(f, f->a, "vote", "1", "--name", "Zyxwvut Quill", "2:disagree=4",
	   "--note", "2:T:Qwertyuiop huoli");
	OK(f, f->a, "vote", "1", "--name", "Cecilia", "3:neutral=2");
	assert_true(files_db_holds(f->a, "Zyxwvut Quill"));
	struct cli_run *r = TAPLA(f, f->a, "forget", "1", "--name", "Nobody");
	assert_int_equal(r->status, 2);
	assert_non_null(strstr(r->err, "no participant by that name"));
	r = OK(f, f->a, "forget", "1", "--name", "zyxwvut quill");
	assert_non_null(strstr(r->out, "Forgot"));
	const char *gone[] = { "Zyxwvut", "zyxwvut", "Qwertyuiop" };
	for (size_t i = 0; i < 3; i++) {
		assert_false(files_db_holds(f->a, gone[i]));
	}
	r = OK(f, f->a, "tally", "1");
	assert_non_null(strstr(r->out, "2 participants, 5 dots in all"));
	r = TAPLA(f, f->a, "forget", "7", "--name", "Aino");
	assert_int_equal(r->status, 2);
	assert_non_null(strstr(r->err, "no session 7"));
}

/* delete asks on a terminal; without one it needs --yes. */
static void delete_needs_yes(void **state)
{
	struct fixture *f = *state;
	OK(f, f->a, "new", "Pysyy");
	OK(f, f->a, "new", "Poistuu");
	OK(f, f->a, "vote", "2", "--name", "Zyxwvut Quill", "1:agree=3");
	struct cli_snapshot a = cli_snap(f->a, false);
	struct cli_run *r = TAPLA(f, f->a, "delete", "2");
	assert_int_equal(r->status, 2);
	assert_non_null(strstr(r->err, "--yes"));
	cli_assert_unchanged(&a, f->a);
	r = TAPLA(f, f->a, "delete", "5", "--yes");
	assert_int_equal(r->status, 2);
	OK(f, f->a, "delete", "2", "--yes");
	assert_false(files_db_holds(f->a, "Zyxwvut"));
	r = OK(f, f->a, "list");
	assert_non_null(strstr(r->out, "Pysyy"));
	assert_null(strstr(r->out, "Poistuu"));
}

/* Reads the terminal until `want` has appeared (or the child closed it);
 * true if it did. Blocking reads, no timer: the test's timeout guards. */
static bool read_until(int fd, char *buf, size_t cap, size_t *len,
		       const char *want)
{
	while (!strstr(buf, want)) {
		if (*len + 1 >= cap)
			return false;
		ssize_t n = read(fd, buf + *len, cap - 1 - *len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		*len += (size_t)n;
		buf[*len] = '\0';
	}
	return true;
}

/* Runs tapla --db DB [--lang LANG] delete ID on a terminal, answers, and
 * returns the exit status; the screen's text lands in buf. */
static int delete_on_terminal(const char *db, const char *lang,
			      const char *answer, char *buf, size_t cap)
{
	int master;
	pid_t pid = forkpty(&master, NULL, NULL, NULL);
	assert_true(pid >= 0);
	if (pid == 0) {
		execl(getenv("TAPLA_BINARY"), "tapla", "--db", db, "--lang", lang,
		      "delete", "2", (char *)NULL);
		_exit(127);
	}
	size_t len = 0;
	buf[0] = '\0';
	assert_true(read_until(master, buf, cap, &len, "] "));
	assert_int_equal(write(master, answer, strlen(answer)), (ssize_t)strlen(answer));
	read_until(master, buf, cap, &len, "\x01");  /* to the end */
	close(master);
	int st;
	assert_int_equal(waitpid(pid, &st, 0), pid);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

/* On a terminal delete asks first: no keeps the session, yes (in the
 * language of the messages too) deletes it. */
static void delete_asks_on_a_terminal(void **state)
{
	struct fixture *f = *state;
	OK(f, f->a, "new", "Pysyy");
	OK(f, f->a, "new", "Poistuu");
	char screen[4096];
	assert_int_equal(delete_on_terminal(f->a, "en", "n\n", screen, sizeof screen), 0);
	assert_non_null(strstr(screen, "Delete session 2 “Poistuu”"));
	assert_non_null(strstr(screen, "Nothing was deleted."));
	assert_non_null(strstr(OK(f, f->a, "list")->out, "Poistuu"));
	assert_int_equal(delete_on_terminal(f->a, "fi", "k\n", screen, sizeof screen), 0);
	assert_non_null(strstr(screen, "Poistetaanko istunto 2"));
	assert_null(strstr(OK(f, f->a, "list")->out, "Poistuu"));
}

/* compare: side by side for one template; refused for another template or
 * a wrong id. */
static void compare_sessions(void **state)
{
	struct fixture *f = *state;
	OK(f, f->a, "new", "Kunta A");
	OK(f, f->a, "new", "Kunta B");
	OK(f, f->a, "new", "Elinvoima", "--template", "vitality");
	OK(f, f->a, "vote", "1", "--name", "A", "1:agree=5");
	OK(f, f->a, "vote", "2", "--name", "A", "1:disagree=5");
	struct cli_run *r = OK(f, f->a, "compare", "1", "2");
	assert_non_null(strstr(r->out, "Session 1"));
	assert_non_null(strstr(r->out, "+10.0"));
	assert_non_null(strstr(r->out, "\u221210.0"));  /* the real minus */
	r = TAPLA(f, f->a, "compare", "1", "3");
	assert_int_equal(r->status, 2);
	assert_non_null(strstr(r->err, "“networks”"));
	assert_non_null(strstr(r->err, "“vitality”"));
	r = TAPLA(f, f->a, "compare", "1", "9");
	assert_int_equal(r->status, 2);
	assert_non_null(strstr(r->err, "no session 9"));
	r = TAPLA(f, f->a, "compare", "1");
	assert_int_equal(r->status, 2);
	r = OK(f, f->a, "compare", "1", "2", "--format", "csv");
	assert_int_equal(strncmp(r->out, "sheet,title,session,", 20), 0);
	char html[192];
	snprintf(html, sizeof html, "%s/cmp.html", f->dir);
	OK(f, f->a, "compare", "1", "2", "--format", "html", "-o", html);
	assert_true(files_holds(html, "", "<!DOCTYPE html>"));
	assert_true(files_holds(html, "", "Kunta B"));
}

/* Every new command answers --help and is listed in tapla --help. */
static void help_for_new_commands(void **state)
{
	struct fixture *f = *state;
	const char *cmds[] = { "compare", "merge", "forget", "delete" };
	char *tool = strdup(OK(f, f->a, "--help")->out);
	for (size_t i = 0; i < 4; i++) {
		char want[64];
		snprintf(want, sizeof want, "\n  %s ", cmds[i]);
		assert_non_null(strstr(tool, want));
		snprintf(want, sizeof want, "Usage: tapla %s ", cmds[i]);
		assert_non_null(strstr(OK(f, f->a, cmds[i], "--help")->out, want));
	}
	free(tool);
	struct cli_run *r = OK(f, f->a, "--lang", "fi", "merge", "--help");
	assert_non_null(strstr(r->out, "Käyttö"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		PAIR_TEST(merge_twice_is_once),
		PAIR_TEST(merge_conflict),
		PAIR_TEST(merge_refuses_other_files),
		PAIR_TEST(forget_leaves_no_bytes),
		PAIR_TEST(delete_needs_yes),
		PAIR_TEST(delete_asks_on_a_terminal),
		PAIR_TEST(compare_sessions),
		PAIR_TEST(help_for_new_commands),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
