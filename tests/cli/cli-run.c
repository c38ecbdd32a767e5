/* cli-run: see cli-run.h. */
#include "cli-run.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* A growing byte buffer for one pipe. */
struct sink {
	char *data;
	size_t len, cap;
};

/* Reads what one pipe has; false at its end. */
static bool read_into(int fd, struct sink *s)
{
	if (s->cap - s->len < 4097) {
		size_t cap = s->cap ? s->cap * 2 : 8192;
		char *d = realloc(s->data, cap);
		if (!d)
			return false;
		s->data = d;
		s->cap = cap;
	}
	ssize_t n = read(fd, s->data + s->len, s->cap - s->len - 1);
	if (n < 0 && errno == EINTR)
		return true;
	if (n <= 0)
		return false;
	s->len += (size_t)n;
	return true;
}

/* Reads both pipes until the child closes them. */
static void drain(int out_fd, int err_fd, struct sink *out, struct sink *err)
{
	struct pollfd p[2] = { { out_fd, POLLIN, 0 }, { err_fd, POLLIN, 0 } };
	struct sink *s[2] = { out, err };
	int open_fds = 2;
	while (open_fds > 0) {
		if (poll(p, 2, -1) < 0 && errno != EINTR)
			break;
		for (int i = 0; i < 2; i++) {
			if (p[i].fd < 0 || !(p[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			if (!read_into(p[i].fd, s[i])) {
				close(p[i].fd);
				p[i].fd = -1;
				open_fds--;
			}
		}
	}
}

/* A sink's text, NUL-terminated ("" if nothing came). */
static char *finish(struct sink *s)
{
	if (!s->data)
		return strdup("");
	s->data[s->len] = '\0';
	return s->data;
}

bool cli_run(const char *db, const char *const *args, struct cli_run *r)
{
	const char *argv[64];
	int argc = 0;
	argv[argc++] = getenv("TAPLA_BINARY");
	argv[argc++] = "--db";
	argv[argc++] = db;
	for (size_t i = 0; args[i] && argc < 63; i++)
		argv[argc++] = args[i];
	argv[argc] = NULL;
	memset(r, 0, sizeof *r);
	int out[2], err[2];
	if (!argv[0] || pipe(out) != 0 || pipe(err) != 0)
		return false;
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, out[1], 1);
	posix_spawn_file_actions_adddup2(&fa, err[1], 2);
	posix_spawn_file_actions_addclose(&fa, out[0]);
	posix_spawn_file_actions_addclose(&fa, err[0]);
	pid_t pid;
	int rc = posix_spawn(&pid, argv[0], &fa, NULL, (char **)argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(out[1]);
	close(err[1]);
	if (rc != 0) {
		close(out[0]);
		close(err[0]);
		return false;
	}
	struct sink so = { 0 }, se = { 0 };
	drain(out[0], err[0], &so, &se);
	r->out = finish(&so);
	r->err = finish(&se);
	int st;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return false;
	r->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	return r->out && r->err;
}

void cli_run_free(struct cli_run *r)
{
	free(r->out);
	free(r->err);
	r->out = r->err = NULL;
}

struct cli_run *cli_run_last(const char *db, ...)
{
	static struct cli_run last;
	const char *args[61];
	size_t n = 0;
	va_list ap;
	va_start(ap, db);
	const char *a;
	while ((a = va_arg(ap, const char *)) && n < 60)
		args[n++] = a;
	va_end(ap);
	args[n] = NULL;
	cli_run_free(&last);
	return cli_run(db, args, &last) ? &last : NULL;
}

char *cli_slurp(const char *path, size_t *n)
{
	*n = 0;
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return NULL;
	char *data = NULL;
	size_t cap = 0;
	for (;;) {
		if (*n + 4096 > cap) {
			cap = cap ? cap * 2 : 65536;
			char *d = realloc(data, cap);
			if (!d) {
				free(data);
				fclose(fp);
				return NULL;
			}
			data = d;
		}
		size_t got = fread(data + *n, 1, cap - *n, fp);
		*n += got;
		if (got == 0)
			break;
	}
	fclose(fp);
	return data ? data : calloc(1, 1);
}

bool cli_file_holds(const char *path, const char *suffix, const char *needle)
{
	char p[4096];
	snprintf(p, sizeof p, "%s%s", path, suffix);
	size_t n;
	char *data = cli_slurp(p, &n);
	bool found = data && memmem(data, n, needle, strlen(needle)) != NULL;
	free(data);
	return found;
}

bool cli_tmpdir(char *dir)
{
	return mkdtemp(dir) != NULL;
}

void cli_tmpdir_remove(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char p[4096];
	while (d && (e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
		unlink(p);
	}
	if (d)
		closedir(d);
	rmdir(dir);
}
