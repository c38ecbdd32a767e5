/* Hostile input on the command line (issue 5, promise 3): invalid UTF-8,
 * control characters and terminal escape sequences in names, notes and
 * titles are refused (exit 2, one line) and never stored; a 1 MiB argument
 * is refused cleanly; names equal up to case or Unicode normalization are
 * one signer; and what a foreign or damaged writer put into the database
 * reaches the terminal from `tapla list`, `tally`, `compare` and `delete`
 * (and JSON, Markdown, HTML; CSV is the data as stored) without escape sequences or other control characters; error
 * messages that quote an argument quote it sanitized. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli-check.h"
#include "cli-run.h"
#include "proc.h"

/* Every hostile text carries this marker, to look for it in the file. */
#define MARK "PWNED"
#define MIB (1024 * 1024)

struct fixture {
	char dir[64];
	char db[128];
	char *huge;  /* 1 MiB of letters */
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	assert_non_null(f);
	assert_true(cli_tmpdir_with(f->dir, "/tmp/tapla-hostile-XXXXXX", f->db,
				    sizeof f->db, "t.db"));
	f->huge = malloc(MIB + 1);
	assert_non_null(f->huge);
	for (size_t i = 0; i < MIB; i++)
		f->huge[i] = (char)('a' + i % 26);
	memcpy(f->huge, MARK, strlen(MARK));
	f->huge[MIB] = '\0';
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	files_remove_tree(f->dir);
	free(f->huge);
	free(f);
	return 0;
}

/* Runs tapla --db f->db with the arguments in args (NULL-ended); it must
 * start. */
static void run_argv(const struct fixture *f, const char *const *args,
		     struct proc_result *r)
{
	assert_true(proc_tapla(f->db, args, NULL, r));
}

#define RUN(f, r, ...) \
	run_argv((f), (const char *const[]){ __VA_ARGS__, NULL }, (r))

/* Runs and expects success. */
static void ok(const struct fixture *f, const char *const *args)
{
	struct proc_result r;
	run_argv(f, args, &r);
	if (r.status != 0)
		fail_msg("%s %s: %d %s", args[0], args[1], r.status, r.err);
	proc_result_free(&r);
}

#define OK(f, ...) ok((f), (const char *const[]){ __VA_ARGS__, NULL })

/* The hostile texts, each with the marker. */
static const char *const hostile[] = {
	MARK "\x80" "lone continuation",
	MARK "\xc0\xaf" "overlong slash",
	MARK "\xed\xa0\x80" "surrogate",
	MARK "\xf4\x90\x80\x80" "beyond U+10FFFF",
	MARK "\xe2\x82" "truncated",
	MARK "\xff\xfe" "not UTF-8 at all",
	MARK "\x1b[2J\x1b[H" "clear screen",
	MARK "\x1b]0;title\x07" "OSC window title",
	MARK "\x1b]52;c;cGF5bG9hZA==\x07" "OSC 52 clipboard",
	MARK "\x1bP1$r\x1b\\" "DCS",
	MARK "\xc2\x9b" "31m C1 CSI",
	MARK "\xc2\x9d" "0;x\xc2\x9c C1 OSC",
	MARK "\xc2\x85" "C1 NEL",
	MARK "\x07" "bell",
	MARK "\x08\x08\x08" "backspaces",
	MARK "\r" "carriage return",
	MARK "\n" "newline",
	MARK "\t" "tab",
	MARK "\x7f" "delete",
	MARK "\x01" "SOH",
};
#define NHOSTILE (sizeof hostile / sizeof hostile[0])

/* A run that must be refused: exit 2, one line, no signal. */
static void assert_refused(const char *what, size_t i, struct proc_result *r)
{
	if (r->signal || r->status != 2)
		fail_msg("%s %zu: status %d, signal %d, stderr \"%s\"", what, i,
			 r->status, r->signal, r->err);
	assert_int_equal(strncmp(r->err, "tapla: ", 7), 0);
	assert_ptr_equal(strchr(r->err, '\n'), r->err + r->err_len - 1);
	assert_true(r->err_len < 1024);  /* the input is not echoed back */
}

/* True if the marker occurs anywhere in the file's bytes. */
static bool file_has_marker(const char *path)
{
	size_t n;
	char *data = proc_slurp(path, &n);
	assert_non_null(data);
	bool found = memmem(data, n, MARK, strlen(MARK)) != NULL;
	free(data);
	return found;
}

/* Checks every byte of text: valid UTF-8 with no C0 control (but those
 * in `allowed`), no DEL and no C1 control. NULL if clean, else why. */
static const char *dirty(const unsigned char *s, size_t n, const char *allowed)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = s[i];
		if ((c < 0x20 && !(c && strchr(allowed, c))) || c == 0x7f)
			return "a C0 control or DEL";
		if (c == 0xc2 && i + 1 < n && s[i + 1] >= 0x80 && s[i + 1] <= 0x9f)
			return "a C1 control";
	}
	/* A strict decoder: no overlongs, surrogates or > U+10FFFF. */
	bool valid;
	valid = true;
	for (size_t i = 0; i < n;) {
		unsigned char c = s[i];
		size_t len = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 :
			     (c & 0xf0) == 0xe0 ? 3 : (c & 0xf8) == 0xf0 ? 4 : 0;
		if (len == 0 || i + len > n || (len == 2 && c < 0xc2) ||
		    (len == 4 && c > 0xf4)) {
			valid = false;
			break;
		}
		for (size_t k = 1; k < len; k++)
			if ((s[i + k] & 0xc0) != 0x80)
				valid = false;
		if (len == 3 && ((c == 0xe0 && s[i + 1] < 0xa0) ||
				 (c == 0xed && s[i + 1] >= 0xa0)))
			valid = false;
		if (len == 4 && ((c == 0xf0 && s[i + 1] < 0x90) ||
				 (c == 0xf4 && s[i + 1] >= 0x90)))
			valid = false;
		if (!valid)
			break;
		i += len;
	}
	return valid ? NULL : "invalid UTF-8";
}

/* Every text value in every table of the database is clean. */
static void assert_db_text_clean(const char *path)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	const char *q[] = {
		"SELECT title FROM session", "SELECT template FROM session",
		"SELECT name FROM participant WHERE name IS NOT NULL",
		"SELECT name_key FROM participant WHERE name_key IS NOT NULL",
		"SELECT text FROM note", "SELECT short_name FROM sheet",
		"SELECT statement FROM sheet",
	};
	for (size_t i = 0; i < sizeof q / sizeof q[0]; i++) {
		sqlite3_stmt *s;
		assert_int_equal(sqlite3_prepare_v2(db, q[i], -1, &s, NULL), SQLITE_OK);
		while (sqlite3_step(s) == SQLITE_ROW) {
			const unsigned char *t = sqlite3_column_blob(s, 0);
			size_t n = (size_t)sqlite3_column_bytes(s, 0);
			const char *why = t ? dirty(t, n, "") : NULL;
			if (why)
				fail_msg("%s: a stored value holds %s", q[i], why);
		}
		sqlite3_finalize(s);
	}
	sqlite3_close(db);
}

/* A refusal's message carries no control character or escape. */
static void assert_quoted_clean(const char *what, size_t i, struct proc_result *r)
{
	const char *why = dirty((const unsigned char *)r->err, r->err_len, "\n");
	if (why)
		fail_msg("%s %zu: the message holds %s", what, i, why);
}

/* Names, notes and titles with hostile text are refused, not stored. */
static void hostile_fields_refused(void **state)
{
	struct fixture *f = *state;
	OK(f, "new", "Clean");
	OK(f, "vote", "1", "--name", "Anna", "1:agree=2");
	for (size_t i = 0; i < NHOSTILE; i++) {
		char note[256];
		snprintf(note, sizeof note, "2:W:%s", hostile[i]);
		struct proc_result r;
		RUN(f, &r, "vote", "1", "--name", hostile[i], "1:agree=1");
		assert_refused("name", i, &r);
		proc_result_free(&r);
		RUN(f, &r, "vote", "1", "--name", "Bertta", "1:agree=1", "--note", note);
		assert_refused("note", i, &r);
		proc_result_free(&r);
		RUN(f, &r, "new", hostile[i]);
		assert_refused("title", i, &r);
		proc_result_free(&r);
		/* Messages that quote the argument quote it sanitized. */
		char dot[256];
		snprintf(dot, sizeof dot, "1:%s=1", hostile[i]);
		RUN(f, &r, "vote", "1", "--name", "Bertta", dot);
		assert_refused("level", i, &r);
		assert_quoted_clean("level", i, &r);
		proc_result_free(&r);
		RUN(f, &r, "tally", hostile[i]);
		assert_refused("session id", i, &r);
		assert_quoted_clean("session id", i, &r);
		proc_result_free(&r);
	}
	assert_false(file_has_marker(f->db));
	assert_db_text_clean(f->db);
}

/* Linux passes at most 128 KiB in one argument (MAX_ARG_STRLEN): the
 * largest name and title possible, and 1 MiB as 16 notes of 64 KiB, are
 * refused with one short line. */
static void one_mebibyte_refused(void **state)
{
	struct fixture *f = *state;
	OK(f, "new", "Clean");
	char *big = strndup(f->huge, 128 * 1024 - 1);
	assert_non_null(big);
	struct proc_result r;
	RUN(f, &r, "vote", "1", "--name", big, "1:agree=1");
	assert_refused("128 KiB name", 0, &r);
	assert_non_null(strstr(r.err, "name"));
	proc_result_free(&r);
	RUN(f, &r, "new", big);
	assert_refused("128 KiB title", 0, &r);
	proc_result_free(&r);
	free(big);
	char *notes[16];
	const char *argv[48] = { "vote", "1", "--name", "Anna", "1:agree=1" };
	int n = 5;
	for (int i = 0; i < 16; i++) {
		notes[i] = malloc(MIB / 16 + 8);
		assert_non_null(notes[i]);
		snprintf(notes[i], MIB / 16 + 8, "1:S:%.*s", MIB / 16, f->huge);
		argv[n++] = "--note";
		argv[n++] = notes[i];
	}
	argv[n] = NULL;
	run_argv(f, argv, &r);
	assert_refused("16 notes of 64 KiB", 0, &r);
	proc_result_free(&r);
	for (int i = 0; i < 16; i++)
		free(notes[i]);
	assert_false(file_has_marker(f->db));
	OK(f, "vote", "1", "--name", "Anna", "1:agree=1");
}

/* Names equal up to case, NFC/NFD, compatibility signs and surrounding
 * space are the same signer. */
static void equal_names_are_one_signer(void **state)
{
	struct fixture *f = *state;
	OK(f, "new", "Names");
	const char *first[] = { "Äijä", "Åsa", "Straße", "Zoë" };
	const char *same[][4] = {
		{ "A\xcc\x88ija\xcc\x88", "ÄIJÄ", " äijä ", "a\xcc\x88IJA\xcc\x88" },
		{ "\xe2\x84\xab" "sa", "A\xcc\x8asa", "åSA", "ÅSA" },
		{ "STRASSE", "strasse", "Strasse", "STRAẞE" },
		{ "Zoe\xcc\x88", "ZOË", "zoë", "ZOE\xcc\x88" },
	};
	for (size_t i = 0; i < 4; i++) {
		OK(f, "vote", "1", "--name", first[i], "1:agree=1");
		for (size_t k = 0; k < 4; k++) {
			struct proc_result r;
			RUN(f, &r, "vote", "1", "--name", same[i][k], "2:agree=1");
			assert_refused(first[i], k, &r);
			if (!strstr(r.err, "--replace"))
				fail_msg("%s vs %s: %s", first[i], same[i][k], r.err);
			proc_result_free(&r);
		}
	}
	struct proc_result r;
	RUN(f, &r, "tally", "1");
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "4 participants"));
	proc_result_free(&r);
}

/* Writes hostile text where a foreign or damaged writer could. */
static void poison(const char *path)
{
	cli_sql(path,
		"UPDATE session SET title = 'Evil' || char(27) || '[2J' || char(27)"
		" || ']0;owned' || char(7) || char(155) || '31m' || char(133)"
		" || CAST(x'ff41' AS TEXT) || char(8) || 'title',"
		" template = 'tp' || char(27) || '[5m',"
		" created = '2026' || char(27) || '[31m-11-24';"
		"UPDATE sheet SET short_name = 'sh' || char(27) || ']52;c;eA=='"
		" || char(7) || 'eet' || char(127),"
		" statement = 'stat' || char(27) || 'P1$r' || char(27) || '\\'"
		" || char(13) || char(10) || 'ement' || char(157) || 'x' || char(156)"
		" WHERE idx = 2;"  /* no dots on it: the trigger allows this */
		"UPDATE participant SET name = 'Mal' || char(27) || '[8mlory' || char(1);");
}

/* Output for a terminal never carries stored escapes or controls. */
static void assert_output_clean(const char *what, struct proc_result *r)
{
	if (r->status != 0 || r->signal)
		fail_msg("%s: status %d signal %d: %s", what, r->status, r->signal,
			 r->err);
	const char *why = dirty((const unsigned char *)r->out, r->out_len, "\n");
	if (why)
		fail_msg("%s prints %s:\n%s", what, why, r->out);
	why = dirty((const unsigned char *)r->err, r->err_len, "\n");
	if (why)
		fail_msg("%s prints %s on stderr", what, why);
}

/* Is text valid JSON? (SQLite's JSON functions judge.) */
static bool json_valid(const char *text)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT json_valid(?1)", -1, &s, NULL),
			 SQLITE_OK);
	sqlite3_bind_text(s, 1, text, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	bool ok = sqlite3_column_int(s, 0) == 1;
	sqlite3_finalize(s);
	sqlite3_close(db);
	return ok;
}

/* What another writer stored is sanitized on the way to the terminal. */
static void stored_hostile_text_is_sanitized(void **state)
{
	struct fixture *f = *state;
	OK(f, "new", "Clean");
	OK(f, "new", "Second");
	OK(f, "vote", "1", "--name", "Anna", "1:agree=2", "2:disagree=3",
	   "--note", "2:S:fine");
	poison(f->db);
	struct proc_result r;
	RUN(f, &r, "list");
	assert_output_clean("list", &r);
	assert_non_null(strstr(r.out, "Evil"));
	proc_result_free(&r);
	RUN(f, &r, "tally", "1");
	assert_output_clean("tally", &r);
	assert_non_null(strstr(r.out, "Evil"));
	assert_non_null(strstr(r.out, "ement"));
	proc_result_free(&r);
	RUN(f, &r, "compare", "1", "2");
	assert_output_clean("compare", &r);
	assert_non_null(strstr(r.out, "Evil"));
	proc_result_free(&r);
	RUN(f, &r, "delete", "2", "--yes");
	assert_output_clean("delete", &r);
	assert_non_null(strstr(r.out, "Evil"));
	proc_result_free(&r);
	RUN(f, &r, "export", "1", "--format", "json");
	assert_output_clean("export --format json", &r);
	assert_true(json_valid(r.out));
	char *why;
	if (!cli_session_json_valid(r.out, &why))
		fail_msg("export --format json: %s", why ? why : "no memory");
	free(why);
	proc_result_free(&r);
	RUN(f, &r, "export", "1", "--format", "md");
	assert_output_clean("export --format md", &r);
	proc_result_free(&r);
	RUN(f, &r, "export", "1", "--format", "html");
	assert_output_clean("export --format html", &r);
	proc_result_free(&r);
}

#define HOSTILE_TEST(t) cmocka_unit_test_setup_teardown(t, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		HOSTILE_TEST(hostile_fields_refused),
		HOSTILE_TEST(one_mebibyte_refused),
		HOSTILE_TEST(equal_names_are_one_signer),
		cmocka_unit_test_setup_teardown(stored_hostile_text_is_sanitized, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
