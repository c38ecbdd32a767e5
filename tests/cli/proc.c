/* proc: see proc.h. */
#include "proc.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* The environment with the extra entries put first (getenv finds those). */
static char **merged_env(const char *const *extra)
{
	size_t n = 0, m = 0;
	while (environ[n])
		n++;
	while (extra && extra[m])
		m++;
	char **env = calloc(n + m + 1, sizeof *env);
	if (!env)
		return NULL;
	for (size_t i = 0; i < m; i++)
		env[i] = (char *)extra[i];
	for (size_t i = 0; i < n; i++)
		env[m + i] = environ[i];
	return env;
}

/* In the child: wires the pipes, runs the hook and execs; never returns. */
static void child(const char *const *argv, const struct proc_opts *o,
		  char **env, int out[2], int err[2])
{
	signal(SIGPIPE, SIG_DFL);
	if (dup2(out[1], 1) < 0 || dup2(err[1], 2) < 0)
		_exit(126);
	close(out[0]);
	close(err[0]);
	close(out[1]);
	close(err[1]);
	if (o && o->before_exec)
		o->before_exec(o->arg);
	execve(argv[0], (char *const *)argv, env);
	_exit(127);
}

bool proc_start(struct proc *p, const char *const *argv,
		const struct proc_opts *o)
{
	int out[2], err[2];
	char **env = merged_env(o ? o->env : NULL);
	if (!env)
		return false;
	if (pipe2(out, O_CLOEXEC) != 0) {
		free(env);
		return false;
	}
	if (pipe2(err, O_CLOEXEC) != 0) {
		close(out[0]);
		close(out[1]);
		free(env);
		return false;
	}
	fflush(NULL);
	p->pid = fork();
	if (p->pid == 0)
		child(argv, o, env, out, err);
	free(env);
	close(out[1]);
	close(err[1]);
	p->out_fd = out[0];
	p->err_fd = err[0];
	if (p->pid < 0) {
		close(out[0]);
		close(err[0]);
		return false;
	}
	return true;
}

/* Appends what is ready on fd to *buf; false at the end of the pipe. */
static bool take(int fd, char **buf, size_t *len, size_t *cap)
{
	if (*len + 4097 > *cap) {
		size_t ncap = *cap ? *cap * 2 : 8192;
		char *nb = realloc(*buf, ncap);
		if (!nb)
			return false;
		*buf = nb;
		*cap = ncap;
	}
	ssize_t n = read(fd, *buf + *len, 4096);
	if (n < 0 && errno == EINTR)
		return true;
	if (n <= 0)
		return false;
	*len += (size_t)n;
	return true;
}

/* Reads both pipes until the child closes them. */
static void drain(struct proc *p, struct proc_result *r)
{
	size_t cap[2] = { 0, 0 };
	struct pollfd pf[2] = { { p->out_fd, POLLIN, 0 }, { p->err_fd, POLLIN, 0 } };
	char **buf[2] = { &r->out, &r->err };
	size_t *len[2] = { &r->out_len, &r->err_len };
	int open_fds = 2;
	while (open_fds > 0) {
		if (poll(pf, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (int i = 0; i < 2; i++) {
			if (pf[i].fd < 0 || !(pf[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			if (!take(pf[i].fd, buf[i], len[i], &cap[i])) {
				close(pf[i].fd);
				pf[i].fd = -1;
				open_fds--;
			}
		}
	}
	for (int i = 0; i < 2; i++)
		if (pf[i].fd >= 0)
			close(pf[i].fd);
}

bool proc_finish(struct proc *p, struct proc_result *r)
{
	memset(r, 0, sizeof *r);
	drain(p, r);
	for (int i = 0; i < 2; i++) {
		char **b = i == 0 ? &r->out : &r->err;
		size_t l = i == 0 ? r->out_len : r->err_len;
		char *nb = realloc(*b, l + 1);
		if (!nb)
			return false;
		nb[l] = '\0';
		*b = nb;
	}
	int st;
	pid_t w;
	while ((w = waitpid(p->pid, &st, 0)) < 0 && errno == EINTR)
		;
	if (w != p->pid)
		return false;
	r->status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	r->signal = WIFSIGNALED(st) ? WTERMSIG(st) : 0;
	return true;
}

bool proc_run(const char *const *argv, const struct proc_opts *o,
	      struct proc_result *r)
{
	struct proc p;
	if (!proc_start(&p, argv, o))
		return false;
	return proc_finish(&p, r);
}

bool proc_tapla(const char *db, const char *const *args,
		const struct proc_opts *o, struct proc_result *r)
{
	const char *argv[64] = { getenv("TAPLA_BINARY"), "--db", db };
	int n = 3;
	for (size_t i = 0; args[i] && n < 63; i++)
		argv[n++] = args[i];
	argv[n] = NULL;
	return argv[0] && proc_run(argv, o, r);
}

void proc_result_free(struct proc_result *r)
{
	free(r->out);
	free(r->err);
	memset(r, 0, sizeof *r);
}

char *proc_slurp(const char *path, size_t *len)
{
	*len = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	char *buf = NULL;
	size_t cap = 0;
	while (take(fd, &buf, len, &cap))
		;
	close(fd);
	if (!buf)
		buf = malloc(1);
	return buf;
}
