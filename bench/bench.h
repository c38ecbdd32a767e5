/* bench: what the benchmarks share: a clock, medians, the one-line report,
 * timing a child process, and a generator of large tapla databases.
 *
 * Every figure is measured side by side with its baseline in the same run,
 * interleaved (subject, baseline, baseline, subject, ...), repeated, and the
 * medians compared, so a busy machine slows both alike. A missed budget is
 * printed with "MISSED" but does not fail the run; only a real error does
 * (exit 1), and a missing tool skips (exit 77). */
#ifndef TAPLA_BENCH_H
#define TAPLA_BENCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BENCH_SKIP 77

/* Monotonic time in seconds. */
double bench_now(void);

/* The median of v[0..n) (v is sorted in place). */
double bench_median(double *v, size_t n);
/* The p-th percentile (0..100) of v[0..n), nearest rank (v sorted). */
double bench_percentile(double *v, size_t n, double p);

/* Prints "bench: NAME VALUE UNIT (budget BUDGET) baseline B UNIT ratio R ok"
 * with MISSED instead of ok when value > budget. A baseline <= 0 is left
 * out. Returns whether the budget was met. */
bool bench_report(const char *name, double value, const char *unit,
		  double budget, double baseline, const char *note);
/* Growth per tenfold step of the work: linear is 10x; the budget is
 * BENCH_GROWTH (10x and 20% for noise), or, when the baseline doing the
 * same work grows faster too (the step crosses the CPU's cache sizes, or
 * SQLite's own algorithm), at most BENCH_GROWTH_RATIO times its growth:
 * tapla adds no growth of its own. base_growth <= 0: no baseline. */
#define BENCH_GROWTH 12.0
#define BENCH_GROWTH_RATIO 1.3
bool bench_report_growth(const char *name, double growth, double base_growth,
			 const char *note);

struct bench_sample;
/* The same for a subject timed against its baseline (medians, seconds):
 * the figure is the subject's time in ms on one clock (cpu or wall), the
 * budget `max_ratio` times the baseline's; the other clock follows. */
bool bench_report_pair(const char *name, const struct bench_sample *subject,
		       const struct bench_sample *baseline, bool cpu,
		       double max_ratio, const char *note);

/* One timed run: wall-clock time, and CPU time (user + system) of the
 * process that did the work. On a shared machine CPU time is the steadier
 * figure for work that never waits on the disk; wall time is the one for
 * work that does (fsync). */
struct bench_sample {
	double wall, cpu;
};

/* Starts and stops an in-process measurement. */
void bench_start(struct bench_sample *t);
void bench_stop(struct bench_sample *t);

/* One timed run of something: false on a real error. */
typedef bool (*bench_fn)(void *arg, struct bench_sample *t);

/* Times `subject` and `baseline` interleaved (one warm-up each, then
 * `rounds` rounds alternating which goes first) and gives the medians of
 * each clock. False if either failed. */
bool bench_compare(int rounds, bench_fn subject, void *sarg,
		   bench_fn baseline, void *barg, struct bench_sample *subject_median,
		   struct bench_sample *baseline_median);

/* Runs argv[0] (a path) with stdin, stdout and stderr on /dev/null: its
 * wall time and the child's CPU time. False (with a message on stderr) if
 * it could not run or did not exit 0. */
bool bench_spawn(char *const argv[], struct bench_sample *t);
/* A bench_fn that runs the argv (char *const *) given as arg. */
bool bench_spawn_fn(void *argv, struct bench_sample *t);

/* A folder for this benchmark's databases, removed by bench_cleanup. */
const char *bench_tmpdir(void);
void bench_cleanup(void);

/* Fills a new database at path with `nsessions` named, weighted sessions of
 * six sheets, each with `participants` ballots of 10 dots in 8 cells
 * (8 dot rows each). The schema is tapla's own (store_open); the rows go in
 * through SQL in one transaction. The sessions have ids 1..nsessions. */
bool bench_generate(const char *path, int nsessions, int participants);

/* The sqlite3 shell ($BENCH_SQLITE3), or NULL if there is none. */
const char *bench_sqlite3(void);
/* The tapla binary ($TAPLA_BINARY). */
const char *bench_tapla(void);

#endif
