/* Database faults (issue 5, promise 2): the real binary on a database that
 * is locked by another process, read-only, in a read-only folder, on a full
 * disk, on a disk that fails, damaged, another program's, or from a newer
 * tapla. Each gives one clear line on stderr and exit 1 or 2, never a
 * signal, and the file is left byte for byte as it was.
 *
 * Permissions: CI runs as root, whom permission bits do not stop, so the
 * runs that meet them drop to the user "nobody" (65534) in the child before
 * exec; where that is impossible the test is skipped and says why. Disk
 * full is a file size limit (RLIMIT_FSIZE, SIGXFSZ ignored) and, where a
 * private mount namespace is allowed, a full 512 KiB tmpfs; I/O errors an
 * LD_PRELOAD shim (eio-shim.c) that fails fsync, writes or reads. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli-fixture.h"
#include "proc.h"
#include "tapla/store.h"

#define NOBODY 65534

/* Runs tapla --db f->db ARGS... with the options o; it must start. */
#define RUN(f, o, r, ...) assert_true(proc_tapla((f)->db, \
	(const char *const[]){ __VA_ARGS__, NULL }, (o), (r)))

/* A database with one session and participant A's ballot. */
static void make_db(const struct fixture *f)
{
	struct proc_result r;
	RUN(f, NULL, &r, "new", "Faults");
	if (r.status != 0)
		fail_msg("new: %s", r.err);
	proc_result_free(&r);
	RUN(f, NULL, &r, "vote", "1", "--name", "A", "1:agree=3", "2:neutral=2");
	if (r.status != 0)
		fail_msg("vote: %s", r.err);
	proc_result_free(&r);
}

/* The promise for a refused run: status, one line "tapla: ..." holding
 * `want`, and no signal. */
static void assert_one_line(const char *what, struct proc_result *r,
			    int status, const char *want)
{
	if (r->signal)
		fail_msg("%s: killed by signal %d", what, r->signal);
	if (r->status != status || !strstr(r->err, want))
		fail_msg("%s: status %d, stderr \"%s\"; want %d and \"%s\"",
			 what, r->status, r->err, status, want);
	assert_int_equal(strncmp(r->err, "tapla: ", 7), 0);
	assert_ptr_equal(strchr(r->err, '\n'), r->err + r->err_len - 1);
	print_message("%s: %s", what, r->err);
}

/* After a fault: the database is whole, A's ballot is there, and B's is
 * all there or not at all. */
static void assert_intact(const struct fixture *f)
{
	assert_sql(f->db, "PRAGMA integrity_check", "ok");
	assert_sql(f->db, "SELECT sum(dots) FROM dot JOIN participant p"
			  " ON p.id = participant_id WHERE p.name = 'A'", "5");
	assert_sql(f->db, "SELECT count(*) IN (0, 2) FROM dot JOIN participant p"
			  " ON p.id = participant_id WHERE p.name = 'B'", "1");
	assert_sql(f->db, "SELECT count(*) FROM participant p WHERE NOT EXISTS"
			  " (SELECT 1 FROM dot WHERE participant_id = p.id)", "0");
}

/* Another process holds the write lock beyond the (shortened) timeout. */
static void busy_beyond_the_timeout(void **state)
{
	struct fixture *f = *state;
	make_db(f);
	sqlite3 *other;
	assert_int_equal(sqlite3_open(f->db, &other), SQLITE_OK);
	assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL),
			 SQLITE_OK);
	struct cli_snapshot s = cli_snap(f->db, false);
	const char *env[] = { "TAPLA_BUSY_TIMEOUT_MS=50", NULL };
	struct proc_opts o = { env, NULL, NULL };
	struct proc_result r;
	RUN(f, &o, &r, "vote", "1", "--name", "B", "1:agree=1", "3:unsure=1");
	assert_one_line("busy vote", &r, 1, "busy");
	proc_result_free(&r);
	cli_assert_unchanged(&s, f->db);
	assert_int_equal(sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_close(other), SQLITE_OK);
	RUN(f, &o, &r, "vote", "1", "--name", "B", "1:agree=1", "3:unsure=1");
	assert_int_equal(r.status, 0);
	proc_result_free(&r);
	assert_intact(f);
}

/* In the child: become "nobody" if root, so permission bits apply. */
static void drop_privileges(void *arg)
{
	(void)arg;
	if (geteuid() != 0)
		return;
	if (setgroups(0, NULL) != 0 || setgid(NOBODY) != 0 || setuid(NOBODY) != 0)
		_exit(125);
}

/* Can drop_privileges work here? (Root without CAP_SETUID cannot.) */
static bool can_drop_privileges(void)
{
	if (geteuid() != 0)
		return true;
	pid_t pid = fork();
	if (pid == 0) {
		drop_privileges(NULL);
		_exit(0);
	}
	int st;
	return pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
	       WEXITSTATUS(st) == 0;
}

/* Gives a path to the unprivileged runner (as root) with these bits. */
static void hand_over(const char *path, mode_t mode)
{
	if (geteuid() == 0)
		assert_int_equal(chown(path, NOBODY, NOBODY), 0);
	assert_int_equal(chmod(path, mode), 0);
}

static const struct proc_opts unprivileged = { NULL, drop_privileges, NULL };

/* Run as "nobody" (args NULL-ended), the command is refused in one line
 * saying the database cannot be written. */
static void cannot_write(const struct fixture *f, const char *what,
			 const char *const *args)
{
	struct proc_result r;
	assert_true(proc_tapla(f->db, args, &unprivileged, &r));
	assert_one_line(what, &r, 1, "cannot be written");
	proc_result_free(&r);
}
#define assert_cannot_write(f, what, ...) \
	cannot_write((f), (what), (const char *const[]){ __VA_ARGS__, NULL })

/* The database made for a runner without root's rights; skips the test
 * where they cannot be dropped (root without CAP_SETUID: permission bits
 * never apply). */
static void make_db_for_nobody(struct fixture *f)
{
	if (!can_drop_privileges())
		skip();
	make_db(f);
}

/* The database file cannot be written; its folder can. */
static void read_only_file(void **state)
{
	struct fixture *f = *state;
	make_db_for_nobody(f);
	hand_over(f->dir, 0700);
	/* Root keeps the file; others see it read-only (0444 or 0644). */
	assert_int_equal(chmod(f->db, geteuid() == 0 ? 0644 : 0444), 0);
	struct cli_snapshot s = cli_snap(f->db, false);
	assert_cannot_write(f, "vote, read-only file", "vote", "1", "--name", "B",
			    "1:agree=1", "2:agree=1");
	assert_cannot_write(f, "new, read-only file", "new", "Another");
	cli_assert_unchanged(&s, f->db);
	assert_intact(f);
}

/* The folder cannot be written: no -wal, no -shm, no new file. */
static void read_only_folder(void **state)
{
	struct fixture *f = *state;
	make_db_for_nobody(f);
	hand_over(f->db, 0600);
	hand_over(f->dir, 0500);
	struct cli_snapshot s = cli_snap(f->db, false);
	assert_cannot_write(f, "vote, read-only folder", "vote", "1", "--name", "B",
			    "1:agree=1", "2:agree=1");
	assert_cannot_write(f, "tally, read-only folder", "tally", "1");
	cli_assert_unchanged(&s, f->db);
	struct proc_result r;
	/* A new database in that folder, and in a folder under it. */
	char db[160];
	snprintf(db, sizeof db, "%s/new.db", f->dir);
	const char *argv[] = { getenv("TAPLA_BINARY"), "--db", db, "new", "X", NULL };
	assert_true(proc_run(argv, &unprivileged, &r));
	assert_one_line("new database, read-only folder", &r, 1,
			"Cannot create the database");
	proc_result_free(&r);
	snprintf(db, sizeof db, "%s/sub/new.db", f->dir);
	assert_true(proc_run(argv, &unprivileged, &r));
	assert_one_line("new folder, read-only folder", &r, 1,
			"Cannot create the folder");
	proc_result_free(&r);
	assert_int_equal(access(db, F_OK), -1);
	chmod(f->dir, 0700);
	assert_intact(f);
}

/* In the child: files may grow to 4 KiB only, and the signal is off so
 * the write fails instead (as on a full disk). */
static void limit_file_size(void *arg)
{
	(void)arg;
	struct rlimit rl = { 4096, 4096 };
	if (signal(SIGXFSZ, SIG_IGN) == SIG_ERR || setrlimit(RLIMIT_FSIZE, &rl) != 0)
		_exit(125);
}

/* The disk fills up (a file size limit) while a ballot is confirmed. */
static void disk_full(void **state)
{
	struct fixture *f = *state;
	make_db(f);
	struct cli_snapshot s = cli_snap(f->db, false);
	struct proc_opts o = { NULL, limit_file_size, NULL };
	struct proc_result r;
	RUN(f, &o, &r, "vote", "1", "--name", "B", "1:agree=1", "2:agree=1");
	assert_one_line("vote, disk full", &r, 1, "is full");
	proc_result_free(&r);
	RUN(f, &o, &r, "new", "Another");
	assert_one_line("new, disk full", &r, 1, "is full");
	proc_result_free(&r);
	cli_assert_unchanged(&s, f->db);
	assert_intact(f);
	assert_sql(f->db, "SELECT count(*) FROM participant", "1");
}

/* Fails the tmpfs child with a message (no cmocka in a forked child). */
#define CHILD_CHECK(cond, ...) do { if (!(cond)) { \
	fprintf(stderr, "disk_full_tmpfs: " __VA_ARGS__); \
	fputc('\n', stderr); _exit(1); } } while (0)

/* Fills the file system under dir until it says ENOSPC. */
static bool fill_up(const char *dir)
{
	char path[200], block[4096];
	snprintf(path, sizeof path, "%s/filler", dir);
	memset(block, 'x', sizeof block);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		return false;
	ssize_t n;
	while ((n = write(fd, block, sizeof block)) > 0)
		;
	int e = errno;
	/* The last partial block: room for less than a page may remain. */
	while (write(fd, block, 1) == 1)
		;
	close(fd);
	return n < 0 && e == ENOSPC;
}

/* In a private mount namespace: the database on a full tmpfs, tapla votes,
 * must say the disk is full, and the file is as it was. Exits 0 on success,
 * 77 if namespaces or mounts are not allowed here, 1 on a failure. */
static void tmpfs_child(const struct fixture *f)
{
	char mnt[160], db[200];
	snprintf(mnt, sizeof mnt, "%s/full", f->dir);
	snprintf(db, sizeof db, "%s/t.db", mnt);
	if (unshare(CLONE_NEWNS) != 0 ||
	    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
	    mount("tmpfs", mnt, "tmpfs", MS_NOSUID | MS_NODEV, "size=512k,mode=0700") != 0)
		_exit(77);
	size_t len;
	char *bytes = proc_slurp(f->db, &len);
	CHILD_CHECK(bytes, "cannot read %s", f->db);
	int fd = open(db, O_WRONLY | O_CREAT | O_EXCL, 0600);
	CHILD_CHECK(fd >= 0 && write(fd, bytes, len) == (ssize_t)len && close(fd) == 0,
		    "cannot copy the database");
	CHILD_CHECK(fill_up(mnt), "the tmpfs did not fill up");
	const char *argv[] = { getenv("TAPLA_BINARY"), "--db", db, "vote", "1",
			       "--name", "B", "1:agree=1", "2:agree=1", NULL };
	struct proc_result r;
	CHILD_CHECK(proc_run(argv, NULL, &r), "cannot run tapla");
	fprintf(stderr, "vote, tmpfs full: %s", r.err);
	CHILD_CHECK(r.signal == 0 && r.status == 1, "status %d signal %d", r.status,
		    r.signal);
	CHILD_CHECK(strncmp(r.err, "tapla: ", 7) == 0 && strstr(r.err, "is full") &&
		    strchr(r.err, '\n') == r.err + r.err_len - 1, "message \"%s\"", r.err);
	size_t now_len;
	char *now = proc_slurp(db, &now_len);
	CHILD_CHECK(now && now_len == len && memcmp(now, bytes, len) == 0,
		    "the database changed on a full disk");
	/* With room again, the next vote goes in and the file is whole. */
	char filler[200];
	snprintf(filler, sizeof filler, "%s/filler", mnt);
	CHILD_CHECK(unlink(filler) == 0, "cannot remove the filler");
	proc_result_free(&r);
	CHILD_CHECK(proc_run(argv, NULL, &r) && r.status == 0, "vote after: %s", r.err);
	const char *check[] = { getenv("TAPLA_BINARY"), "--db", db, "tally", "1", NULL };
	proc_result_free(&r);
	CHILD_CHECK(proc_run(check, NULL, &r) && r.status == 0 &&
		    strstr(r.out, "2 participants"), "tally after: %s", r.err);
	_exit(0);
}

/* A real full disk (ENOSPC, SQLITE_FULL): a tiny tmpfs in a private mount
 * namespace; skipped where namespaces or mounts are not allowed. */
static void disk_full_tmpfs(void **state)
{
	struct fixture *f = *state;
	make_db(f);
	char mnt[160];
	snprintf(mnt, sizeof mnt, "%s/full", f->dir);
	assert_int_equal(mkdir(mnt, 0700), 0);
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		tmpfs_child(f);
	int st;
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st));
	if (WEXITSTATUS(st) == 77)
		skip();  /* no mount namespace here (not root, or a locked container) */
	assert_int_equal(WEXITSTATUS(st), 0);
	assert_int_equal(rmdir(mnt), 0);  /* the tmpfs went with the namespace */
}

/* A run with eio-shim loaded: its environment and the options to pass. */
struct eio {
	char preload[512];
	char mode[64];
	char asan[1024];
	const char *env[4];
	struct proc_opts o;
};

/* The environment that loads eio-shim with one kind of failure; an ASan
 * build is told the shim may come before its runtime. */
static void eio_setup(struct eio *e, const char *kind)
{
	const char *old = getenv("ASAN_OPTIONS");
	snprintf(e->preload, sizeof e->preload, "LD_PRELOAD=%s",
		 getenv("TAPLA_EIO_SHIM"));
	snprintf(e->mode, sizeof e->mode, "TAPLA_EIO=%s", kind);
	snprintf(e->asan, sizeof e->asan, "ASAN_OPTIONS=%s%sverify_asan_link_order=0",
		 old ? old : "", old && *old ? ":" : "");
	e->env[0] = e->preload;
	e->env[1] = e->mode;
	e->env[2] = e->asan;
	e->env[3] = NULL;
	e->o = (struct proc_opts){ e->env, NULL, NULL };
}

/* The disk fails: on fsync at COMMIT, on every write, on every read. */
static void io_errors(void **state)
{
	struct fixture *f = *state;
	make_db(f);
	const char *kinds[] = { "sync", "write", "read" };
	for (size_t i = 0; i < 3; i++) {
		char what[64];
		struct eio e;
		eio_setup(&e, kinds[i]);
		struct cli_snapshot s = cli_snap(f->db, false);
		struct proc_result r;
		RUN(f, &e.o, &r, "vote", "1", "--name", "B", "1:agree=1", "2:agree=1");
		snprintf(what, sizeof what, "vote, I/O error on %s", kinds[i]);
		assert_one_line(what, &r, 1, "check the disk");
		proc_result_free(&r);
		RUN(f, &e.o, &r, "tally", "1");
		snprintf(what, sizeof what, "tally, I/O error on %s", kinds[i]);
		if (i == 2)
			assert_one_line(what, &r, 1, "check the disk");
		else if (r.signal || (r.status != 0 && r.status != 1))
			fail_msg("%s: status %d signal %d", what, r.status, r.signal);
		proc_result_free(&r);
		/* A failed fsync may leave a committed frame in the WAL: the
		 * file itself is only checked to be whole. */
		if (i != 0)
			cli_assert_unchanged(&s, f->db);
		else
			free(s.data);
		assert_intact(f);
	}
}

/* Writes bytes into a file at an offset. */
static void poke(const char *path, long off, const void *bytes, size_t n)
{
	int fd = open(path, O_WRONLY);
	assert_true(fd >= 0);
	assert_int_equal(pwrite(fd, bytes, n, off), (ssize_t)n);
	assert_int_equal(close(fd), 0);
}

/* Every command refuses the file with one line and leaves it as it was. */
static void refused_untouched(const struct fixture *f, const char *what,
			      int status, const char *want)
{
	const char *cmds[][8] = {
		{ "list" },
		{ "tally", "1" },
		{ "export", "1", "--format", "csv" },
		{ "vote", "1", "--name", "B", "1:agree=1", "2:agree=1" },
		{ "new", "Another" },
	};
	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
		struct cli_snapshot s = cli_snap(f->db, false);
		struct proc_result r;
		assert_true(proc_tapla(f->db, cmds[i], NULL, &r));
		char label[128];
		snprintf(label, sizeof label, "%s, %s", cmds[i][0], what);
		assert_one_line(label, &r, status, want);
		proc_result_free(&r);
		cli_assert_unchanged(&s, f->db);
		/* SQLite may open an empty -wal beside a WAL file: nothing in it. */
		char side[160];
		struct stat sb;
		snprintf(side, sizeof side, "%s-wal", f->db);
		if (stat(side, &sb) == 0 && sb.st_size != 0)
			fail_msg("%s: %s holds %lld bytes", label, side,
				 (long long)sb.st_size);
	}
}

/* The header says SQLite but its fields are broken; page 1 is garbage. */
static void damaged_header(void **state)
{
	struct fixture *f = *state;
	make_db(f);
	struct cli_snapshot good = cli_snap(f->db, false);
	poke(f->db, 16, "\x00\x07", 2);  /* page size 7: impossible */
	refused_untouched(f, "bad page size", 1, "damaged");
	char junk[3000];
	memset(junk, 0xa5, sizeof junk);
	int fd = open(f->db, O_WRONLY | O_TRUNC);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, good.data, good.n), (ssize_t)good.n);
	assert_int_equal(close(fd), 0);
	poke(f->db, 100, junk, sizeof junk);  /* the schema's page */
	refused_untouched(f, "garbage schema page", 1, "damaged");
	free(good.data);
}

/* Files that are not tapla's: text, binary, another program's SQLite. */
static void not_a_tapla_file(void **state)
{
	struct fixture *f = *state;
	FILE *fp = fopen(f->db, "wb");
	assert_non_null(fp);
	for (int i = 0; i < 100; i++)
		fputs("Somebody's notes, not a database.\n", fp);
	assert_int_equal(fclose(fp), 0);
	refused_untouched(f, "a text file", 2, "not a tapla database");
	fp = fopen(f->db, "wb");
	assert_non_null(fp);
	for (int i = 0; i < 8192; i++)
		fputc((i * 7919) & 0xff, fp);
	assert_int_equal(fclose(fp), 0);
	refused_untouched(f, "binary data", 2, "not a tapla database");
	assert_int_equal(unlink(f->db), 0);
	cli_sql(f->db, "CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('mine');");
	refused_untouched(f, "another program's SQLite", 2, "not a tapla database");
}

/* A database from a newer tapla (a higher schema version). */
static void newer_schema(void **state)
{
	struct fixture *f = *state;
	make_db(f);
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", STORE_SCHEMA_VERSION + 1);
	cli_sql(f->db, sql);
	refused_untouched(f, "newer schema", 2, "newer tapla");
}

/* The database made, the shim set to fail as `how` says, and the path of
 * an export with the names in the folder (in out). */
static void output_setup(struct fixture *f, struct eio *e, const char *how,
			 char *out, size_t n)
{
	make_db(f);
	eio_setup(e, how);
	snprintf(out, n, "%s/names.csv", f->dir);
}

/* An output file that cannot be synced: one line, exit 1, neither the file
 * nor its temporary file left (issue 12.1). */
static void output_fails_cleanly(void **state)
{
	struct fixture *f = *state;
	char out[160];
	struct eio e;
	output_setup(f, &e, "sync", out, sizeof out);
	struct proc_result r;
	RUN(f, &e.o, &r, "export", "1", "--format", "csv", "-o", out);
	assert_one_line("export, I/O error on sync", &r, 1, "Could not write");
	proc_result_free(&r);
	assert_int_equal(access(out, F_OK), -1);
	assert_false(cli_tmp_left(f->dir));
}

/* SIGTERM while an output file is being written: the run ends by the
 * signal, and no temporary file with the names is left (issue 12.1). */
static void output_killed_midway(void **state)
{
	struct fixture *f = *state;
	char out[160];
	struct eio e;
	output_setup(f, &e, "stall", out, sizeof out);
	const char *argv[] = { getenv("TAPLA_BINARY"), "--db", f->db, "export",
			       "1", "--format", "csv", "-o", out, NULL };
	struct proc p;
	assert_true(proc_start(&p, argv, &e.o));
	struct timespec tick = { 0, 10000000 };
	for (int i = 0; i < 1000 && !cli_tmp_left(f->dir); i++)
		nanosleep(&tick, NULL);  /* up to 10 s for the write to begin */
	assert_true(cli_tmp_left(f->dir));
	assert_int_equal(kill(p.pid, SIGTERM), 0);
	struct proc_result r;
	assert_true(proc_finish(&p, &r));
	assert_int_equal(r.signal, SIGTERM);
	proc_result_free(&r);
	assert_false(cli_tmp_left(f->dir));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		CLI_TEST(busy_beyond_the_timeout),
		CLI_TEST(read_only_file),
		CLI_TEST(read_only_folder),
		CLI_TEST(disk_full),
		CLI_TEST(disk_full_tmpfs),
		CLI_TEST(io_errors),
		CLI_TEST(output_fails_cleanly),
		CLI_TEST(output_killed_midway),
		CLI_TEST(damaged_header),
		CLI_TEST(not_a_tapla_file),
		CLI_TEST(newer_schema),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
