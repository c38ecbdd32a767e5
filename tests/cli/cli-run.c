/* cli-run: see cli-run.h. */
#include "cli-run.h"
#include "proc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pty.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* In the child: stdin from /dev/null, so tapla finds no terminal. */
static void stdin_from_null(void *arg)
{
	(void)arg;
	int fd = open("/dev/null", O_RDONLY);
	if (fd < 0 || dup2(fd, 0) < 0)
		_exit(126);
	if (fd != 0)
		close(fd);
}

/* In the child: stdin from the file named by arg. */
static void stdin_from_file(void *arg)
{
	int fd = open(arg, O_RDONLY);
	if (fd < 0 || dup2(fd, 0) < 0)
		_exit(126);
	if (fd != 0)
		close(fd);
}

bool cli_run(const char *db, const char *const *args, struct cli_run *r)
{
	return cli_run_stdin(db, args, NULL, r);
}

bool cli_run_stdin(const char *db, const char *const *args, const char *input,
		   struct cli_run *r)
{
	memset(r, 0, sizeof *r);
	const struct proc_opts o = { NULL, input ? stdin_from_file : stdin_from_null,
				     (void *)input };
	struct proc_result pr;
	if (!proc_tapla(db, args, &o, &pr))
		return false;
	r->status = pr.signal ? 128 + pr.signal : pr.status;
	r->out = pr.out;
	r->err = pr.err;
	return true;
}

void cli_run_free(struct cli_run *r)
{
	free(r->out);
	free(r->err);
	r->out = r->err = NULL;
}

/* Everything the terminal's master end gives until the child closes it,
 * NUL-terminated in a grown buffer; false on no memory. */
static bool read_terminal(int master, char **out, size_t *len)
{
	size_t cap = 1 << 16;
	*len = 0;
	*out = malloc(cap);
	for (;;) {
		if (!*out)
			return false;
		if (*len + 1 >= cap) {
			cap *= 2;
			char *more = realloc(*out, cap);
			if (!more)
				free(*out);
			*out = more;
			continue;
		}
		ssize_t got = read(master, *out + *len, cap - 1 - *len);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;  /* EIO: the child closed the terminal */
		*len += (size_t)got;
	}
	(*out)[*len] = '\0';
	return true;
}

int cli_run_on_terminal(const char *db, const char *const *args, int cols,
			char **out, size_t *len)
{
	const char *argv[16] = { getenv("TAPLA_BINARY"), "--db", db };
	size_t n = 3;
	for (size_t i = 0; args[i] && n < 15; i++)
		argv[n++] = args[i];
	argv[n] = NULL;
	struct winsize ws = { .ws_row = 24, .ws_col = (unsigned short)cols };
	int master;
	pid_t pid = forkpty(&master, NULL, NULL, cols > 0 ? &ws : NULL);
	if (pid < 0)
		return -1;
	if (pid == 0) {
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	bool read_all = read_terminal(master, out, len);
	close(master);
	int st;
	if (waitpid(pid, &st, 0) != pid || !read_all)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
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
	return proc_slurp(path, n);
}

bool cli_tmpdir(char *dir)
{
	return mkdtemp(dir) != NULL;
}

bool cli_tmpdir_with(char *dir, const char *tmpl, char *db, size_t n,
		     const char *name)
{
	snprintf(dir, 64, "%s", tmpl);
	if (!cli_tmpdir(dir))
		return false;
	snprintf(db, n, "%s/%s", dir, name);
	return true;
}

bool cli_tmp_left(const char *dir)
{
	DIR *d = opendir(dir);
	bool found = false;
	for (struct dirent *e; d && (e = readdir(d));)
		found = found || strstr(e->d_name, ".tmp-");
	if (d)
		closedir(d);
	return found;
}

bool cli_is_session_json(const char *out)
{
	static const char head[] = "{\n  \"format\": \"tapla-session/1\"";
	return out && strncmp(out, head, sizeof head - 1) == 0;
}

/* Splits "PYTHON SCRIPT SCHEMA" (paths without spaces) into argv[0..2]. */
static bool validator_argv(char *spec, const char *argv[4])
{
	char *save = NULL;
	for (int i = 0; i < 3; i++) {
		argv[i] = strtok_r(i ? NULL : spec, " ", &save);
		if (!argv[i])
			return false;
	}
	return true;
}

/* Writes n bytes to a new temporary file; its path in path. */
static bool write_temp(const char *data, char *path, size_t cap)
{
	snprintf(path, cap, "/tmp/tapla-json-XXXXXX");
	int fd = mkstemp(path);
	if (fd < 0)
		return false;
	size_t n = strlen(data), done = 0;
	while (done < n) {
		ssize_t w = write(fd, data + done, n - done);
		if (w <= 0) {
			close(fd);
			unlink(path);
			return false;
		}
		done += (size_t)w;
	}
	return close(fd) == 0;
}

bool cli_session_json_valid(const char *json, char **why)
{
	*why = NULL;
	const char *env = getenv("TAPLA_JSON_VALIDATE");
	if (!env || !*env)
		return true;
	char spec[1024], path[64];
	const char *argv[5] = { NULL };
	snprintf(spec, sizeof spec, "%s", env);
	if (!validator_argv(spec, argv) || !write_temp(json, path, sizeof path)) {
		*why = strdup("the validator could not be set up");
		return false;
	}
	argv[3] = path;
	struct proc_result pr;
	bool ran = proc_run(argv, NULL, &pr);
	unlink(path);
	if (!ran) {
		*why = strdup("python3 could not be started");
		return false;
	}
	bool ok = pr.status == 0 && !pr.signal;
	if (!ok) {
		size_t n = strlen(pr.err) + 64;
		*why = malloc(n);
		if (*why)
			snprintf(*why, n, "%s%s", pr.status == 77 ?
				 "install python3-jsonschema: " : "", pr.err);
	}
	proc_result_free(&pr);
	return ok;
}
