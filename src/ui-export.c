/* ui-export: the results screen's export: the loaded report written to a
 * file in the format its name ends in (.html, .md, .csv, .json), never half
 * written, never over the database, over another file only when the
 * facilitator says so (outfile_write), readable by its owner only (names
 * are personal data). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

enum outfile_status ui_export_write(const struct report *r,
				    const struct store *st, const char *path,
				    bool force, char *msg, size_t n)
{
	struct buf out = { 0 };
	if (!path || !*path) {
		snprintf(msg, n, "%s", _("Give a file name, for example results.html."));
		return OUTFILE_BAD_PATH;
	}
	if (!write_report(r, path, &out) || out.failed) {
		buf_free(&out);
		snprintf(msg, n, "%s", _("Out of memory: the report was not written."));
		return OUTFILE_FAILED;
	}
	struct outfile_opts o = { .force = force, .protect = store_file(st) };
	enum outfile_status ok = outfile_write(path, buf_str(&out), out.len, &o,
					       msg, n);
	buf_free(&out);
	if (ok == OUTFILE_OK) {
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
