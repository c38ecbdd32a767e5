/* store-view: the projector view's heartbeat (see store.h). A view opens
 * the database read-only and never writes ballot data, so it announces
 * itself in a small file beside the database instead: "DB.view-ID" holds
 * the time (Unix ms) of its last beat. */
#include "store-int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "tapla/i18n.h"

/* The heartbeat file of session id: "DB.view-ID". False if too long. */
static bool beat_path(const struct store *st, int64_t id, char *buf, size_t n)
{
	const char *db = store_file(st);
	if (!db)
		return false;
	int len = snprintf(buf, n, "%s.view-%lld", db, (long long)id);
	return len > 0 && (size_t)len < n;
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
	long long v = 0;
	*beat_ms = -1;
	if (!beat_path(st, id, path, sizeof path))
		return STORE_OK;  /* no view could have written it either */
	FILE *fp = fopen(path, "re");
	if (!fp)
		return STORE_OK;  /* none: no view follows */
	if (fscanf(fp, "%lld", &v) == 1 && v > 0)
		*beat_ms = v;
	fclose(fp);
	return STORE_OK;
}
