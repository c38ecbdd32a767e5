/* ui-export: the results screen's export: the loaded report written to a
 * file in the format its name ends in (.html, .md, .csv, .json), never half
 * written (a temporary file beside it, then a rename), readable by its
 * owner only (names are personal data). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "tapla/i18n.h"
#include "tapla/ui.h"

/* A writer by the file name's ending; html when it names none. */
static bool write_report(const struct report *r, const char *path,
			 struct buf *out)
{
	static const struct report_options o = { .no_names = false, .csv_sep = ',' };
	const char *dot = strrchr(path, '.');
	if (dot && strcasecmp(dot, ".md") == 0)
		return report_markdown(r, &o, out);
	if (dot && strcasecmp(dot, ".csv") == 0)
		return report_csv(r, &o, out);
	if (dot && strcasecmp(dot, ".json") == 0)
		return report_json(r, &o, out);
	return report_html(r, &o, out);
}

/* Writes all of data to fd, retrying short writes. */
static bool write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		data += n;
		len -= (size_t)n;
	}
	return true;
}

/* Puts data at path through a temporary file and a rename. */
static bool write_file(const char *path, const char *data, size_t len,
		       char *msg, size_t n)
{
	char tmp[4200];
	if (snprintf(tmp, sizeof tmp, "%s.tmp-XXXXXX", path) >= (int)sizeof tmp) {
		snprintf(msg, n, "%s", _("The file name is too long."));
		return false;
	}
	int fd = mkstemp(tmp);
	if (fd < 0) {
		snprintf(msg, n, _("Could not create \"%s\": %s. Check the folder exists and is writable."),
			 path, strerror(errno));
		return false;
	}
	bool ok = write_all(fd, data, len) && fsync(fd) == 0;
	int saved = errno;
	if (close(fd) != 0)
		ok = false;
	if (ok && rename(tmp, path) != 0) {
		saved = errno;
		ok = false;
	}
	if (!ok) {
		unlink(tmp);
		snprintf(msg, n, _("Could not write \"%s\": %s."), path, strerror(saved));
	}
	return ok;
}

bool ui_export_write(const struct report *r, const char *path, char *msg,
		     size_t n)
{
	struct buf out = { 0 };
	if (!path || !*path) {
		snprintf(msg, n, "%s", _("Give a file name, for example results.html."));
		return false;
	}
	if (!write_report(r, path, &out) || out.failed) {
		buf_free(&out);
		snprintf(msg, n, "%s", _("Out of memory: the report was not written."));
		return false;
	}
	bool ok = write_file(path, buf_str(&out), out.len, msg, n);
	buf_free(&out);
	if (ok) {
		char *abs = realpath(path, NULL);
		snprintf(msg, n, _("Saved the report as %s."), abs ? abs : path);
		free(abs);
	}
	return ok;
}

void ui_export_default_name(const struct session *s, char *buf, size_t n)
{
	snprintf(buf, n, "tapla-%lld-%.10s.html", (long long)s->id, s->created);
}
