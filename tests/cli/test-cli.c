/* Command-line tests: the real tapla binary on a temporary database, through
 * the seed's worked example and every refusal the foundation promises. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli-fixture.h"

/* The seed's participant A, voted from the command line: sheet 1 agree 5,
 * sheet 2 two dots, sheet 3 two dots, sheet 4 disagree 1; 10 in all. */
static void seed_example_through_the_binary(void **state)
{
	struct fixture *f = *state;
	struct cli_run *r = run_tapla(f, "new", "Demokratiapäivä 2015", "--lang", "fi", NULL);
	assert_int_equal(r->status, 0);
	assert_string_equal(r->out, "1\n");
	r = run_tapla(f, "vote", "1", "--name", "Participant A", "1:agree=5",
		      "2:partly-agree=2", "3:neutral=2", "4:disagree=1", NULL);
	if (r->status != 0)
		fail_msg("vote: %s", r->err);
	r = run_tapla(f, "export", "1", "--format", "json", NULL);
	assert_int_equal(r->status, 0);
	const char *j = r->out;
	assert_json(j, "$.format", "tapla-session/1");
	assert_json(j, "$.session.budget", "10");
	assert_json(j, "$.session.mode", "weighted");
	assert_json(j, "$.session.language", "fi");
	assert_json(j, "$.participants", "1");
	assert_json(j, "$.sheets[0].dots.agree", "5");
	assert_json(j, "$.sheets[0].total_dots", "5");
	assert_json(j, "$.sheets[0].share", "0.5");
	assert_json(j, "$.sheets[0].agreement_score", "10.0");
	assert_json(j, "$.sheets[1].total_dots", "2");
	assert_json(j, "$.sheets[1].dots.\"partly-agree\"", "2");
	assert_json(j, "$.sheets[2].total_dots", "2");
	assert_json(j, "$.sheets[3].dots.disagree", "1");
	assert_json(j, "$.sheets[3].agreement_score", "-10.0");
	assert_json(j, "$.sheets[0].signatures[0]", "Participant A");
	assert_json(j, "$.ballots[0].dots", "5");
	assert_json(j, "$.levels[5]", "unsure");
	assert_json(j, "$.sheets[0].statement",
		    "Kuntaliiton PED-verkoston tulee panostaa vertaispalveluihin eli "
		    "yhteistyömalleihin, yhteisiin sopimuspohjiin, työskentelyalustoihin ja "
		    "hyviin käytäntöihin (= vertaispalveluverkosto).");
	r = run_tapla(f, "export", "1", "--format", "html", NULL);
	assert_int_equal(r->status, 0);
	assert_int_equal(strncmp(r->out, "<!DOCTYPE html>", 15), 0);
	assert_non_null(strstr(r->out, "Participant A"));
	r = run_tapla(f, "export", "1", "--format", "md", "--no-names", NULL);
	assert_int_equal(r->status, 0);
	assert_null(strstr(r->out, "Participant A"));
	r = run_tapla(f, "tally", "1", NULL);
	assert_int_equal(r->status, 0);
	assert_non_null(strstr(r->out, "1 participant, 10 dots in all"));
	assert_non_null(strstr(r->out, "Sheet 1: vertaispalveluverkosto"));
}

/* tapla list in Finnish is Finnish: no "weighted", no abbreviations
 * (issue 13.6); the columns line up by display width. */
static void list_in_finnish(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(run_tapla(f, "new", "Seminaari", NULL)->status, 0);
	struct cli_run *r = run_tapla(f, "--lang", "fi", "list", NULL);
	assert_int_equal(r->status, 0);
	assert_null(strstr(r->out, "weighted"));
	assert_null(strstr(r->out, "äänest./täpl."));
	/* Voters and each one's dots in columns of their own (issue 13.4). */
	assert_null(strstr(r->out, "äänestäneitä/täpliä"));
	assert_non_null(strstr(r->out, "äänestäneitä  täpliä/hlö"));
	assert_non_null(strstr(r->out, "           0          10  painotettu"));
	assert_non_null(strstr(r->out, "painotettu"));
	r = run_tapla(f, "list", NULL);
	assert_non_null(strstr(r->out, "weighted"));
}

static void bad_input_changes_nothing(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(run_tapla(f, "new", "Seminaari", NULL)->status, 0);
	assert_int_equal(run_tapla(f, "new", "Klassinen", "--classic", NULL)->status, 0);
	assert_int_equal(run_tapla(f, "new", "Nimetön", "--anonymous", NULL)->status, 0);
	assert_int_equal(run_tapla(f, "vote", "1", "--name", "Matti", "1:agree=3", NULL)->status, 0);
	char longname[200];
	memset(longname, 'x', 100);
	longname[100] = '\0';
	char longnote[700] = "1:S:";
	memset(longnote + 4, 'y', 600);
	longnote[604] = '\0';
	const char *cases[][16] = {
		{ "12 dots given, the budget is 10", "vote", "1", "--name", "A", "1:agree=7", "2:unsure=5" },
		{ "classic mode", "vote", "2", "--name", "A", "1:agree=1", "1:neutral=1" },
		{ "no sheet 5", "vote", "1", "--name", "A", "5:agree=1" },
		{ "Unknown level", "vote", "1", "--name", "A", "1:perhaps=1" },
		{ "voted already", "vote", "1", "--name", "MATTI", "1:agree=1" },
		{ "voted already", "vote", "1", "--name", "  matti ", "1:agree=1" },
		{ "name", "vote", "1", "--name", "   ", "1:agree=1" },
		{ "name", "vote", "1", "--name", longname, "1:agree=1" },
		{ "name", "vote", "1", "--name", "Ma\xff\xfeti", "1:agree=1" },
		{ "name", "vote", "1", "--name", "Ma\x1b[31mtti", "1:agree=1" },
		{ "Note 1", "vote", "1", "--name", "B", "1:agree=1", "--note", longnote },
		{ "Note 1", "vote", "1", "--name", "B", "1:agree=1", "--note", "1:S:" },
		{ "anonymous", "vote", "3", "--name", "B", "1:agree=1" },
		{ "--name", "vote", "1", "1:agree=1" },
		{ "not a session id", "vote", "x1", "--name", "B", "1:agree=1" },
		{ "Unknown option", "vote", "1", "--bogus" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		cli_refused(f, cases[i][0], &cases[i][1]);
}

/* A file that is not tapla's is refused and left byte-for-byte as it was. */
static void foreign_file_is_refused_untouched(void **state)
{
	struct fixture *f = *state;
	const char text[] = "This is somebody's notes file, not a database.\n";
	FILE *fp = fopen(f->db, "wb");
	assert_non_null(fp);
	for (int i = 0; i < 200; i++)
		fputs(text, fp);
	fclose(fp);
	struct cli_snapshot before = cli_snap(f->db, false);
	struct cli_run *r = run_tapla(f, "list", NULL);
	assert_int_not_equal(r->status, 0);
	assert_non_null(strstr(r->err, "not a tapla database"));
	r = run_tapla(f, "vote", "1", "--name", "A", "1:agree=1", NULL);
	assert_int_not_equal(r->status, 0);
	cli_assert_unchanged(&before, f->db);
	/* Another program's SQLite database: also refused untouched. */
	unlink(f->db);
	cli_sql(f->db, "CREATE TABLE t(x); INSERT INTO t VALUES (1);");
	before = cli_snap(f->db, false);
	r = run_tapla(f, "new", "X", NULL);
	assert_int_equal(r->status, 2);
	assert_non_null(strstr(r->err, "not a tapla database"));
	cli_assert_unchanged(&before, f->db);
}

/* --lang fi prints Finnish under LC_ALL=C.UTF-8 (the test environment). */
static void finnish_tally(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(run_tapla(f, "new", "Seminaari", "--lang", "fi", NULL)->status, 0);
	assert_int_equal(run_tapla(f, "vote", "1", "--name", "A", "1:agree=5",
				   "4:--=1", NULL)->status, 0);
	struct cli_run *r = run_tapla(f, "--lang", "fi", "tally", "1", NULL);
	assert_int_equal(r->status, 0);
	assert_non_null(strstr(r->out, "Arkki 1: vertaispalveluverkosto"));
	assert_non_null(strstr(r->out, "Täysin samaa"));
	assert_non_null(strstr(r->out, "Täpliä"));
	r = run_tapla(f, "--lang", "fi", "vote", "1", "--name", "A", "1:agree=1", NULL);
	assert_int_equal(r->status, 2);
	assert_non_null(strstr(r->err, "--replace"));
	assert_null(strstr(r->err, "has voted already"));
	r = run_tapla(f, "--lang", "en", "tally", "1", NULL);
	assert_non_null(strstr(r->out, "Sheet 1"));
}

/* --help for the tool and for every command; --version. */
static void help_everywhere(void **state)
{
	struct fixture *f = *state;
	const char *cmds[] = { "new", "list", "templates", "vote", "tally", "export", "run" };
	struct cli_run *r = run_tapla(f, "--help", NULL);
	assert_int_equal(r->status, 0);
	char *tool_help = strdup(r->out);
	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
		assert_non_null(strstr(tool_help, cmds[i]));
		r = run_tapla(f, cmds[i], "--help", NULL);
		if (r->status != 0 || !strstr(r->out, "Usage: tapla"))
			fail_msg("%s --help: %d %s", cmds[i], r->status, r->err);
	}
	free(tool_help);
	r = run_tapla(f, "--version", NULL);
	assert_int_equal(r->status, 0);
	assert_non_null(strstr(r->out, "tapla "));
	r = run_tapla(f, "frobnicate", NULL);
	assert_int_equal(r->status, 2);
}

/* The database is created private: names are personal data. */
static void database_is_private(void **state)
{
	struct fixture *f = *state;
	mode_t old = umask(0);
	struct cli_run *r = run_tapla(f, "new", "X", NULL);
	umask(old);
	assert_int_equal(r->status, 0);
	struct stat sb;
	assert_int_equal(stat(f->db, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
}

/* Sessions to write out: "X" with one ballot, and "Y" to compare with. */
static void one_ballot(const struct fixture *f)
{
	assert_int_equal(run_tapla(f, "new", "X", NULL)->status, 0);
	assert_int_equal(run_tapla(f, "new", "Y", NULL)->status, 0);
	assert_int_equal(run_tapla(f, "vote", "1", "--name", "A", "1:agree=1", NULL)->status, 0);
}

/* Is there a file at dir/name? */
static bool exists_in(const char *dir, const char *name)
{
	char path[256];
	struct stat sb;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	return lstat(path, &sb) == 0;
}

/* -o never writes over the database in use or its side files, with or
 * without --force, by name, through a hard link or a symbolic link
 * (issue 12.1). */
static void output_never_over_the_database(void **state)
{
	struct fixture *f = *state;
	one_ballot(f);
	char wal[160], hard[160], soft[160];
	snprintf(wal, sizeof wal, "%s-wal", f->db);
	snprintf(hard, sizeof hard, "%s/hard.md", f->dir);
	snprintf(soft, sizeof soft, "%s/soft.md", f->dir);
	assert_int_equal(link(f->db, hard), 0);
	assert_int_equal(symlink(f->db, soft), 0);
	assert_refused(f, "database in use", "export", "1", "--format", "md", "-o", f->db);
	assert_refused(f, "database in use", "export", "1", "-o", f->db, "--force");
	assert_refused(f, "database in use", "export", "1", "-o", wal, "--force");
	assert_false(exists_in(f->dir, "t.db-wal"));
	assert_refused(f, "database in use", "export", "1", "-o", hard, "--force");
	assert_refused(f, "database in use", "sheets", "1", "-o", soft, "--force");
	assert_refused(f, "database in use", "compare", "1", "2", "-o", f->db, "--force");
	assert_refused(f, "not a regular file", "export", "1", "-o", f->dir, "--force");
	assert_false(cli_tmp_left(f->dir));
	struct cli_run *r = run_tapla(f, "tally", "1", NULL);
	assert_int_equal(r->status, 0);
	assert_non_null(strstr(r->out, "1 participant"));
}

/* An existing file is replaced only with --force; a failed write leaves
 * no temporary file (issue 12.1). */
static void output_replaces_only_with_force(void **state)
{
	struct fixture *f = *state;
	one_ballot(f);
	char nodir[160];
	char *out = cli_write_file(f, "keep.txt", "somebody's notes\n");
	const char *const cmds[][8] = {
		{ "export", "1", "-o", out, NULL, NULL },
		{ "sheets", "1", "-o", out, NULL, NULL },
		{ "compare", "1", "2", "-o", out, NULL },
	};
	for (size_t i = 0; i < 3; i++) {
		struct cli_run *r = cli_started(cli_run_last(f->db, cmds[i][0],
			cmds[i][1], cmds[i][2], cmds[i][3], cmds[i][4], NULL));
		if (r->status != 2 || !strstr(r->err, "exists already"))
			fail_msg("%s: status %d, %s", cmds[i][0], r->status, r->err);
		assert_true(files_holds(out, "", "somebody's notes"));
	}
	struct cli_run *r = run_tapla(f, "export", "1", "-o", out, "--force", NULL);
	assert_int_equal(r->status, 0);
	assert_true(files_holds(out, "", "tapla-session/1"));
	r = run_tapla(f, "sheets", "1", "-o", out, "--force", NULL);
	assert_int_equal(r->status, 0);
	assert_true(files_holds(out, "", "<!DOCTYPE html>"));
	snprintf(nodir, sizeof nodir, "%s/ro", f->dir);
	assert_int_equal(mkdir(nodir, 0500), 0);
	snprintf(nodir, sizeof nodir, "%s/ro/x.json", f->dir);
	r = run_tapla(f, "export", "1", "-o", nodir, NULL);
	if (getuid() != 0)
		assert_int_equal(r->status, 1);
	assert_false(cli_tmp_left(f->dir));
	free(out);
}

/* One parser for every command (issue 10.3): options before, between and
 * after operands, "--name=VALUE", short options, and level cells that
 * begin with "-" taken as operands, not options (issue 14.3). */
static void options_and_level_cells(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(run_tapla(f, "new", "X", NULL)->status, 0);
	struct cli_run *r = run_tapla(f, "transcribe", "1", "1", "-=2/1", "--=1", NULL);
	if (r->status != 0)
		fail_msg("transcribe -=2/1 --=1: %s", r->err);
	assert_non_null(strstr(r->out, "3 dots by 2 people"));
	r = run_tapla(f, "vote", "1", "--name", "X", "1:--=2", NULL);
	if (r->status != 0)
		fail_msg("vote 1:--=2: %s", r->err);
	r = run_tapla(f, "vote", "1", "2:-=1", "--name=Y", "-r", "3:?=1", NULL);
	if (r->status != 0)
		fail_msg("vote --name=Y -r: %s", r->err);
	r = run_tapla(f, "export", "1", "-fcsv", NULL);
	assert_int_equal(r->status, 0);
	assert_non_null(strstr(r->out, "1,X,1,disagree,2"));
	assert_non_null(strstr(r->out, "2,Y,2,partly-disagree,1"));
	assert_non_null(strstr(r->out, "2,Y,3,unsure,1"));
	r = run_tapla(f, "vote", "1", "--name", "Z", "1:agree=1", "--frob", NULL);
	assert_int_equal(r->status, 2);
	assert_non_null(strstr(r->err, "Unknown option “--frob”"));
	r = run_tapla(f, "vote", "1", "1:agree=1", "--name", NULL);
	assert_int_equal(r->status, 2);
	assert_non_null(strstr(r->err, "“--name” needs a value"));
	r = run_tapla(f, "list", "--", "-x", NULL);
	assert_int_equal(r->status, 2);
	assert_non_null(strstr(r->err, "takes no arguments"));
}

/* Runs tapla pin with `input` on standard input; the run is *r. */
static void run_pin(const struct fixture *f, const char *input, const char *opt,
		    struct cli_run *r)
{
	char *path = cli_write_file(f, "pin.txt", input);
	const char *args[] = { "pin", "1", opt, NULL };
	assert_true(cli_run_stdin(f->db, args, path, r));
	unlink(path);
	free(path);
}

/* tapla pin: --set reads a PIN that is not trivially short (a refused one
 * changes nothing), stores only its salted hash and restarts the count of
 * wrong PINs; --clear removes it, for a facilitator who forgot it. */
static void pin_set_and_clear(void **state)
{
	struct fixture *f = *state;
	struct cli_run r;
	sqlite3 *db;
	struct cli_run *n = run_tapla(f, "new", "X", NULL);
	assert_int_equal(n->status, 0);
	static const char *const weak[] = { "1234\n", "000000\n", "123456\n", "" };
	for (size_t i = 0; i < sizeof weak / sizeof weak[0]; i++) {
		run_pin(f, weak[i], "--set", &r);
		assert_int_equal(r.status, 2);
		assert_non_null(strstr(r.err, "tapla: "));
		cli_run_free(&r);
	}
	assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
	assert_query(db, "SELECT pin_hash IS NULL FROM session", "1");
	assert_int_equal(sqlite3_exec(db, "UPDATE session SET pin_failures = 9, pin_failed_ms = 1",
				      NULL, NULL, NULL), SQLITE_OK);
	run_pin(f, "kahvi ja pulla\n", "--set", &r);
	if (r.status != 0)
		fail_msg("pin --set: %s", r.err);
	assert_non_null(strstr(r.out, "is set"));
	cli_run_free(&r);
	assert_query(db, "SELECT substr(pin_hash, 1, 1) || instr(pin_hash, 'kahvi') FROM session", "$0");
	assert_query(db, "SELECT pin_failures || '/' || pin_failed_ms FROM session", "0/0");
	r.status = -1;
	run_pin(f, "", "--clear", &r);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "is cleared"));
	cli_run_free(&r);
	assert_query(db, "SELECT pin_hash IS NULL FROM session", "1");
	sqlite3_close(db);
	n = run_tapla(f, "pin", "1", NULL);
	assert_int_equal(n->status, 2);
	n = run_tapla(f, "pin", "1", "--set", "--clear", NULL);
	assert_int_equal(n->status, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		CLI_TEST(seed_example_through_the_binary),
		CLI_TEST(bad_input_changes_nothing),
		CLI_TEST(list_in_finnish),
		CLI_TEST(foreign_file_is_refused_untouched),
		CLI_TEST(finnish_tally),
		CLI_TEST(help_everywhere),
		CLI_TEST(database_is_private),
		CLI_TEST(output_never_over_the_database),
		CLI_TEST(output_replaces_only_with_force),
		CLI_TEST(options_and_level_cells),
		CLI_TEST(pin_set_and_clear),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
