/* bench-tui: the workshop screen (tapla run) through the e2e pty harness
 * (tests/e2e/harness.c) at 80x24 on a 10,000-participant session:
 * keystroke to frame, bytes written to the terminal, start to first frame
 * and peak memory; then start and memory as the session grows tenfold
 * twice. Baselines in the same run: the pty's own echo (cat) for keys, and
 * the sqlite3 shell (start to its prompt; memory after the tally query). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "harness.h"
#include "tapla/store.h"

#define ROWS 24
#define COLS 80
#define KEYS 240          /* keystrokes timed on the voting screen */
#define STARTS 11         /* starts timed per size */
#define QUIET_MS 40       /* no output for this long: the frame is done */
#define DEADLINE_MS 10000

/* The database of one size. */
struct db {
	char path[512];
	int participants;
};

/* Starts `bin` (argv[0] ignored) in the harness's pty: the harness runs
 * $TAPLA_BINARY, so it is pointed at bin for the call. */
static struct harness *start_program(const char *bin, const char *const *argv)
{
	char *keep = strdup(bench_tapla());
	setenv("TAPLA_BINARY", bin, 1);
	struct harness *h = h_start(argv, ROWS, COLS, NULL);
	setenv("TAPLA_BINARY", keep, 1);
	free(keep);
	if (!h)
		fprintf(stderr, "bench: cannot start %s in a pty\n", bin);
	return h;
}

/* `tapla --db FILE --lang en run 1`. */
static struct harness *start_tapla(const struct db *d)
{
	const char *argv[] = { "tapla", "--db", d->path, "--lang", "en", "run",
			       "1", NULL };
	return start_program(bench_tapla(), argv);
}

/* The sqlite3 shell on the same file, interactive. */
static struct harness *start_shell(const struct db *d)
{
	const char *argv[] = { "sqlite3", "-init", "/dev/null", d->path, NULL };
	return start_program(bench_sqlite3(), argv);
}

/* Waits for text on the screen, then for the output to settle. */
static bool wait_settled(struct harness *h, const char *text)
{
	if (!h_wait_text(h, text, DEADLINE_MS))
		return false;
	h_settle(h, QUIET_MS, DEADLINE_MS);
	return true;
}

/* Peak resident memory of a live process (VmHWM), in MiB; <0 if unknown. */
static double peak_rss_mib(pid_t pid)
{
	char path[64], line[256];
	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	FILE *f = fopen(path, "r");
	double kib = -1;
	while (f && fgets(line, sizeof line, f))
		if (strncmp(line, "VmHWM:", 6) == 0)
			kib = atof(line + 6);
	if (f)
		fclose(f);
	return kib < 0 ? -1 : kib / 1024.0;
}

/* A live process's time on a CPU and time waiting for one (ms), from
 * /proc/PID/schedstat; false if unknown. */
static bool cpu_ms(pid_t pid, double *on_cpu, double *waiting)
{
	char path[64];
	unsigned long long run = 0, wait = 0;
	snprintf(path, sizeof path, "/proc/%d/schedstat", (int)pid);
	FILE *f = fopen(path, "r");
	bool ok = f && fscanf(f, "%llu %llu", &run, &wait) == 2;
	if (f)
		fclose(f);
	*on_cpu = (double)run / 1e6;
	*waiting = (double)wait / 1e6;
	return ok;
}

/* What one start measured. */
struct start {
	double ms;       /* wall time to the first settled frame */
	double cpu_ms;   /* of it, time on a CPU */
	double wait_ms;  /* of it, time waiting for a CPU */
	double mib;      /* peak resident memory */
};

/* One start: time to the first settled frame and peak memory once it is
 * up. tapla is up at its console; the shell at its prompt, then after
 * running the tally's GROUP BY. */
static bool one_start(const struct db *d, bool tapla, struct start *out)
{
	long long t0 = h_now_us();
	struct harness *h = tapla ? start_tapla(d) : start_shell(d);
	bool ok = h && wait_settled(h, tapla ? "Next participant" : "sqlite>");
	if (ok)
		out->ms = (double)(h_last_output_us(h) - t0) / 1e3;
	if (ok)
		ok = cpu_ms(h_pid(h), &out->cpu_ms, &out->wait_ms);
	if (ok && !tapla) {
		/* The sentinel's result differs from its echo. */
		ok = h_send(h, "SELECT sheet_idx, level, sum(dots),"
			       " count(*) FROM dot"
			       " WHERE session_id = 1 GROUP BY sheet_idx, level;"
			       " SELECT 'done-' || 42;\r") &&
		     h_wait_text(h, "done-42", DEADLINE_MS);
		h_settle(h, QUIET_MS, DEADLINE_MS);
	}
	if (ok)
		out->mib = peak_rss_mib(h_pid(h));
	if (!ok && h)
		h_dump(h, "start");
	h_free(h);
	return ok && out->mib > 0;
}

/* The medians of n starts, field by field. */
static struct start median_start(const struct start *v, int n)
{
	double f[4][STARTS];
	for (int i = 0; i < n; i++) {
		f[0][i] = v[i].ms;
		f[1][i] = v[i].cpu_ms;
		f[2][i] = v[i].wait_ms;
		f[3][i] = v[i].mib;
	}
	struct start m = { bench_median(f[0], (size_t)n),
			   bench_median(f[1], (size_t)n),
			   bench_median(f[2], (size_t)n),
			   bench_median(f[3], (size_t)n) };
	return m;
}

/* Start to first frame and peak memory, tapla against the shell,
 * interleaved; the medians. */
static bool bench_starts(const struct db *d, struct start *tapla,
			 struct start *shell)
{
	struct start t[STARTS], s[STARTS];
	for (int i = 0; i < STARTS; i++) {
		bool ok = i % 2 ? one_start(d, false, &s[i]) &&
				  one_start(d, true, &t[i])
				: one_start(d, true, &t[i]) &&
				  one_start(d, false, &s[i]);
		if (!ok)
			return false;
	}
	*tapla = median_start(t, STARTS);
	*shell = median_start(s, STARTS);
	return true;
}

/* What one keystroke cost: time to the settled frame, bytes, and the
 * program's own time on a CPU for it. */
struct stroke {
	double ms;
	unsigned long long bytes;
	double cpu_ms;
};

/* Sends a key and waits for its frame: for its first byte (up to a second,
 * so a frame slowed by a busy machine is not taken for none), then for
 * QUIET_MS of quiet. */
static struct stroke press(struct harness *h, const char *key)
{
	double cpu0 = 0, cpu1 = 0, wait;
	unsigned long long b0 = h_output_bytes(h);
	cpu_ms(h_pid(h), &cpu0, &wait);
	long long t0 = h_now_us();
	h_key(h, key);
	do
		h_settle(h, QUIET_MS, DEADLINE_MS);
	while (h_output_bytes(h) == b0 && h_now_us() - t0 < 1000000);
	cpu_ms(h_pid(h), &cpu1, &wait);
	struct stroke s = { 0, h_output_bytes(h) - b0, cpu1 - cpu0 };
	s.ms = s.bytes ? (double)(h_last_output_us(h) - t0) / 1e3 : NAN;
	return s;
}

/* The measurements of one voting turn. */
struct turn {
	double key_ms[KEYS], echo_ms[KEYS], key_cpu_ms[KEYS];
	int nkeys, necho;
	double dot_bytes[KEYS];
	int ndots;
	double char_bytes;   /* average per typed character of the name */
	unsigned long long idle_bytes, repaint_bytes;
	double rss_mib;
};

/* Types the name one character at a time: the average bytes each. */
static bool type_name(struct harness *h, struct turn *t)
{
	static const char name[] = "Benchmark Participant";
	unsigned long long total = 0;
	for (size_t i = 0; name[i]; i++) {
		char c[2] = { name[i], '\0' };
		total += press(h, c).bytes;
	}
	t->char_bytes = (double)total / (double)(sizeof name - 1);
	return h_key(h, "enter") && wait_settled(h, " 10 of 10 dots left");
}

/* Timed keys on the grid, each followed by a key to cat's echo. The
 * cycle adds a dot to two cells, takes both back and moves between them,
 * across and down: every key changes the screen, the ballot never passes
 * the budget. */
static void time_keys(struct harness *h, struct harness *echo, struct turn *t)
{
	static const char *const cycle[16] = {
		"+", "right", "+", "left", "-", "right", "-", "left",
		"+", "down", "+", "up", "-", "down", "-", "up",
	};
	for (int i = 0; i < KEYS; i++) {
		const char *k = cycle[i % 16];
		struct stroke s = press(h, k);
		if (!isnan(s.ms)) {
			t->key_cpu_ms[t->nkeys] = s.cpu_ms;
			t->key_ms[t->nkeys++] = s.ms;
		}
		if (strcmp(k, "+") == 0)
			t->dot_bytes[t->ndots++] = (double)s.bytes;
		struct stroke e = press(echo, "x");
		if (!isnan(e.ms))
			t->echo_ms[t->necho++] = e.ms;
	}
}

/* An idle second, then a full repaint: from the "too small" notice (a
 * nearly blank screen) back to the voting screen at 80x24. */
static void idle_and_repaint(struct harness *h, struct turn *t)
{
	unsigned long long b0 = h_output_bytes(h);
	h_settle(h, 1000, 1000);
	t->idle_bytes = h_output_bytes(h) - b0;
	h_resize(h, ROWS / 2, COLS / 2);
	h_settle(h, QUIET_MS * 5, DEADLINE_MS);
	b0 = h_output_bytes(h);
	h_resize(h, ROWS, COLS);
	h_settle(h, QUIET_MS * 5, DEADLINE_MS);
	t->repaint_bytes = h_output_bytes(h) - b0;
}

/* One participant's turn on the voting screen, measured. */
static bool bench_turn(const struct db *d, struct turn *t)
{
	const char *cat_argv[] = { "cat", NULL };
	struct harness *h = start_tapla(d);
	struct harness *echo = start_program("/bin/cat", cat_argv);
	bool ok = h && echo && wait_settled(h, "Next participant") &&
		  h_key(h, "enter") && wait_settled(h, "Please write your name") &&
		  type_name(h, t);
	if (ok) {
		time_keys(h, echo, t);
		idle_and_repaint(h, t);
		t->rss_mib = peak_rss_mib(h_pid(h));
	} else if (h) {
		h_dump(h, "turn");
	}
	h_free(echo);
	h_free(h);
	return ok;
}

/* Prints the voting screen's figures. */
static void report_turn(struct turn *t)
{
	double p50 = bench_percentile(t->key_ms, (size_t)t->nkeys, 50);
	double p99 = bench_percentile(t->key_ms, (size_t)t->nkeys, 99);
	double e50 = bench_percentile(t->echo_ms, (size_t)t->necho, 50);
	double e99 = bench_percentile(t->echo_ms, (size_t)t->necho, 99);
	char note[160];
	snprintf(note, sizeof note,
		 "key written to output settled, %d keys at 80x24; baseline: the pty's echo (cat)",
		 t->nkeys);
	bench_report("tui-key-p50", p50, "ms", 16, e50, note);
	bench_report("tui-key-p99", p99, "ms", 16, e99, note);
	bench_report("tui-key-cpu-p99",
		     bench_percentile(t->key_cpu_ms, (size_t)t->nkeys, 99), "ms",
		     16, 0, "tapla's own time on a CPU per key (schedstat), p99");
	bench_report("tui-bytes-dot", bench_median(t->dot_bytes, (size_t)t->ndots),
		     "B", 64, 0, "one dot added (+), median");
	bench_report("tui-bytes-char", t->char_bytes, "B", 8, 0,
		     "one character typed in the name field, average");
	bench_report("tui-bytes-idle", (double)t->idle_bytes, "B", 0, 0,
		     "an idle second on the voting screen");
	bench_report("tui-bytes-repaint", (double)t->repaint_bytes, "B", 2048, 0,
		     "a full 80x24 repaint (from a too-small window back to 80x24)");
}

/* Makes the database of a size. */
static bool make_db(struct db *d, int participants)
{
	d->participants = participants;
	snprintf(d->path, sizeof d->path, "%s/tui-p%d.db", bench_tmpdir(),
		 participants);
	if (!bench_generate(d->path, 1, participants))
		return false;
	/* The agenda's second phase: voting. */
	struct store *st = NULL;
	char err[512];
	bool ok = store_open(d->path, &st, err, sizeof err) == STORE_OK &&
		  store_session_set_phase(st, 1, 1) == STORE_OK;
	if (!ok)
		fprintf(stderr, "bench: %s\n", st ? store_error(st) : err);
	store_close(st);
	return ok;
}

/* Prints the start figures of one size. */
static void report_start(int participants, const struct start *t,
			 const struct start *s)
{
	char name[96], note[200];
	snprintf(name, sizeof name, "tui-first-frame-%dp", participants);
	snprintf(note, sizeof note,
		 "start to the first settled frame, wall; of it %.3g ms waiting for a CPU; baseline: sqlite3 shell to its prompt",
		 t->wait_ms);
	bench_report(name, t->ms, "ms", 30, s->ms, note);
	snprintf(name, sizeof name, "tui-first-frame-cpu-%dp", participants);
	bench_report(name, t->cpu_ms, "ms", 30, s->cpu_ms,
		     "the same start's time on a CPU (schedstat); baseline: the shell's");
	snprintf(name, sizeof name, "tui-peak-rss-%dp", participants);
	bench_report(name, t->mib, "MiB", 12, s->mib,
		     "VmHWM at the first frame; baseline: sqlite3 shell after the tally GROUP BY");
}

/* Start and memory at 100, 1,000 and 10,000 participants; the voting
 * screen's figures at 10,000. */
static bool bench_sizes(void)
{
	static const int sizes[3] = { 100, 1000, 10000 };
	struct start start[3], shell[3];
	char name[96];
	for (int i = 0; i < 3; i++) {
		struct db d;
		if (!make_db(&d, sizes[i]) ||
		    !bench_starts(&d, &start[i], &shell[i]))
			return false;
		report_start(sizes[i], &start[i], &shell[i]);
		if (sizes[i] == 10000) {
			struct turn *t = calloc(1, sizeof *t);
			bool ok = t && bench_turn(&d, t);
			if (ok) {
				report_turn(t);
				bench_report("tui-peak-rss-turn-10000p", t->rss_mib,
					     "MiB", 12, shell[i].mib,
					     "VmHWM after a whole turn of keys");
			}
			free(t);
			if (!ok)
				return false;
		}
	}
	for (int i = 0; i < 2; i++) {
		snprintf(name, sizeof name, "scale-tui-first-frame-cpu-%dp-to-%dp",
			 sizes[i], sizes[i + 1]);
		bench_report_growth(name, start[i + 1].cpu_ms / start[i].cpu_ms,
				    shell[i + 1].cpu_ms / shell[i].cpu_ms,
				    "growth for 10x the participants; 10x is linear; baseline: the shell's");
		snprintf(name, sizeof name, "scale-tui-peak-rss-%dp-to-%dp",
			 sizes[i], sizes[i + 1]);
		bench_report_growth(name, start[i + 1].mib / start[i].mib,
				    shell[i + 1].mib / shell[i].mib,
				    "growth for 10x the participants; baseline: the shell's");
	}
	return true;
}

int main(void)
{
	if (!bench_sqlite3()) {
		printf("bench: tui SKIPPED: no sqlite3 shell (install the sqlite3 package)\n");
		return BENCH_SKIP;
	}
	bench_tapla();
	bool ok = bench_sizes();
	bench_cleanup();
	return ok ? 0 : 1;
}
