/* proc: running a program under test from a test: its output, exit status
 * or signal, with extra environment and an optional hook that runs in the
 * child before exec (to drop privileges, set a resource limit...). Shared
 * by the robustness tests (test-crash, test-faults, test-hostile). */
#ifndef TAPLA_TEST_PROC_H
#define TAPLA_TEST_PROC_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* What one run printed and how it ended. */
struct proc_result {
	int status;   /* exit status, or -1 if a signal ended it */
	int signal;   /* the signal that ended it, or 0 */
	char *out;    /* all of stdout, NUL-terminated (malloc'd) */
	size_t out_len;
	char *err;    /* all of stderr, NUL-terminated (malloc'd) */
	size_t err_len;
};

/* How to start a run. All fields may be zero. */
struct proc_opts {
	const char *const *env;      /* extra "NAME=VALUE" entries, NULL-ended */
	void (*before_exec)(void *); /* runs in the child, after fork */
	void *arg;
};

/* A started child with its stdout and stderr pipes. */
struct proc {
	pid_t pid;
	int out_fd;
	int err_fd;
};

/* Starts argv[0] (a path) with argv; false if fork or pipe failed. */
bool proc_start(struct proc *p, const char *const *argv,
		const struct proc_opts *o);
/* Reads both pipes to the end, reaps the child and fills r. */
bool proc_finish(struct proc *p, struct proc_result *r);
/* proc_start then proc_finish. */
bool proc_run(const char *const *argv, const struct proc_opts *o,
	      struct proc_result *r);
/* proc_run of $TAPLA_BINARY --db DB ARGS... (args NULL-ended); false also
 * when TAPLA_BINARY is not set. */
bool proc_tapla(const char *db, const char *const *args,
		const struct proc_opts *o, struct proc_result *r);
void proc_result_free(struct proc_result *r);

/* Reads a whole file (NULL if it cannot be read). */
char *proc_slurp(const char *path, size_t *len);

#endif
