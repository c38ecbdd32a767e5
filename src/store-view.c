/* store-view: the heartbeats beside the database (see store.h). A view
 * opens the database read-only and never writes ballot data, so it
 * announces itself in a small file beside the database instead:
 * "DB.view-ID" holds the time (Unix ms) of its last beat. The phone server
 * beats the same way in "DB.serve-ID", so that a killed server's stored
 * join address is known to be dead. */
#include "store-int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tapla/i18n.h"

/* The heartbeat file of session id beside database db: "DB.KIND-ID"
 * (KIND view or serve). False if too long. */
static bool kind_path(const char *db, const char *kind, int64_t id,
		      char *buf, size_t n)
{
	if (!db)
		return false;
	int len = snprintf(buf, n, "%s.%s-%lld", db, kind, (long long)id);
	return len > 0 && (size_t)len < n;
}

/* The projector view's heartbeat file: "DB.view-ID". */
static bool beat_path(const struct store *st, int64_t id, char *buf, size_t n)
{
	return kind_path(store_file(st), "view", id, buf, n);
}

/* The time in a heartbeat file, -1 when there is none or it is not one. */
static int64_t read_beat(const char *path)
{
	long long v = 0;
	FILE *fp = fopen(path, "re");
	if (!fp)
		return -1;
	int64_t beat = fscanf(fp, "%lld", &v) == 1 && v > 0 ? v : -1;
	fclose(fp);
	return beat;
}

enum store_status store_view_beat(struct store *st, int64_t id, int64_t now_ms)
{
	char path[4096], text[32];
	if (!beat_path(st, id, path, sizeof path))
		return store_say(st, STORE_ERROR, "%s", _("The database path is too long."));
	int n = snprintf(text, sizeof text, "%lld\n", (long long)now_ms);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		return store_say(st, STORE_ERROR, _("Cannot write %s: %s."), path, strerror(errno));
	bool ok = write(fd, text, (size_t)n) == n;
	int err = errno;
	if (close(fd) != 0 && ok) {
		ok = false;
		err = errno;
	}
	if (!ok)
		return store_say(st, STORE_ERROR, _("Cannot write %s: %s."), path, strerror(err));
	return STORE_OK;
}

enum store_status store_view_last_beat(struct store *st, int64_t id,
				       int64_t *beat_ms)
{
	char path[4096];
	*beat_ms = -1;
	if (!beat_path(st, id, path, sizeof path))
		return STORE_OK;  /* no view could have written it either */
	*beat_ms = read_beat(path);  /* none: no view follows */
	return STORE_OK;
}

/* Writes text to path whole: a temporary file renamed over it, so that a
 * reader never finds it empty halfway. 0 or the errno. */
static int write_whole(const char *path, const char *text)
{
	char tmp[4200];
	int len = snprintf(tmp, sizeof tmp, "%s.tmp", path);
	if (len <= 0 || (size_t)len >= sizeof tmp)
		return ENAMETOOLONG;
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		return errno;
	size_t n = strlen(text);
	int err = write(fd, text, n) == (ssize_t)n ? 0 : (errno ? errno : EIO);
	if (close(fd) != 0 && !err)
		err = errno;
	if (!err && rename(tmp, path) != 0)
		err = errno;
	if (err)
		(void)unlink(tmp);
	return err;
}

int store_serve_beat(const char *db, int64_t id, int64_t now_ms)
{
	char path[4096], text[32];
	if (!kind_path(db, "serve", id, path, sizeof path))
		return ENAMETOOLONG;
	snprintf(text, sizeof text, "%lld\n", (long long)now_ms);
	return write_whole(path, text);
}

void store_serve_beat_end(const char *db, int64_t id)
{
	char path[4096];
	if (kind_path(db, "serve", id, path, sizeof path))
		(void)unlink(path);  /* gone already: nothing to say */
}

bool store_serve_alive(int64_t beat_ms, int64_t now_ms)
{
	/* A beat from the future (the clock set back) counts while as near. */
	return beat_ms > 0 && now_ms - beat_ms <= STORE_SERVE_ALIVE_MS &&
	       beat_ms - now_ms <= STORE_SERVE_ALIVE_MS;
}

enum store_status store_phone_join_url(struct store *st, int64_t id,
				       int64_t now_ms, char **url,
				       bool *stopped)
{
	char path[4096];
	*stopped = false;
	enum store_status s = store_session_join_url(st, id, url);
	if (s != STORE_OK || !*url)
		return s;
	int64_t beat = kind_path(store_file(st), "serve", id, path, sizeof path) ?
		       read_beat(path) : -1;
	if (store_serve_alive(beat, now_ms))
		return STORE_OK;
	free(*url);  /* its server is gone: killed, or the power went */
	*url = NULL;
	*stopped = true;
	return STORE_OK;
}
