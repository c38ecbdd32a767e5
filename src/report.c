/* report: freeing what the store loaded (the writers are report-*.c). */
#include "tapla/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tapla/i18n.h"
#include "tapla/text.h"

void report_free(struct report *r)
{
	rules_session_free(&r->session);
	for (int i = 0; r->sheets && i < r->session.nsheets; i++) {
		free(r->sheets[i].short_name);
		free(r->sheets[i].statement);
		free(r->sheets[i].help);
		free(r->sheets[i].key);
	}
	free(r->sheets);
	for (size_t i = 0; r->phases && i < r->nphases; i++) {
		free(r->phases[i].title);
		free(r->phases[i].instructions);
	}
	free(r->phases);
	tally_free(&r->tally);
	for (size_t i = 0; i < r->nparticipants; i++) {
		free(r->participants[i].name);
		free(r->participants[i].group);
	}
	if (r->previous) {
		report_free(r->previous);
		free(r->previous);
		r->previous = NULL;
	}
	free(r->participants);
	free(r->ballots);
	for (size_t i = 0; i < r->nnotes; i++)
		free(r->notes[i].text);
	free(r->notes);
	free(r->paper);
	r->paper = NULL;
	r->npaper = 0;
	r->sheets = NULL;
	r->phases = NULL;
	r->participants = NULL;
	r->ballots = NULL;
	r->notes = NULL;
	r->nphases = r->nparticipants = r->nballots = r->nnotes = 0;
}

/* Participants are stored in seq order: binary search by seq. */
const struct report_participant *report_participant(const struct report *r,
						     int seq)
{
	size_t lo = 0, hi = r->nparticipants;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int s = r->participants[mid].seq;
		if (s == seq)
			return &r->participants[mid];
		if (s < seq)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

bool report_signers(const struct report *r, int sheet, int **out, size_t *n)
{
	*n = 0;
	*out = NULL;
	int *list = NULL;
	size_t cap = 0;
	int last = 0;
	/* Ballots are ordered by participant: one pass, no duplicates. */
	for (size_t i = 0; i < r->nballots; i++) {
		const struct report_ballot *b = &r->ballots[i];
		if (b->sheet != sheet || b->dots <= 0 || b->participant == last)
			continue;
		if (*n == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			int *p = realloc(list, ncap * sizeof *p);
			if (!p) {
				free(list);
				*n = 0;
				return false;
			}
			list = p;
			cap = ncap;
		}
		list[(*n)++] = b->participant;
		last = b->participant;
	}
	*out = list;
	return true;
}

const char *report_decimal_styled(double v, bool sign, bool comma, char *buf,
				  size_t n)
{
	char num[48];
	/* Zero takes no sign: "+0.0" would read as a lean. */
	snprintf(num, sizeof num,
		 sign && (v >= 0.05 || v <= -0.05) ? "%+.1f" : "%.1f", v);
	if (strcmp(num, "-0.0") == 0)
		snprintf(num, sizeof num, "0.0");
	char *dot = strchr(num, '.');
	if (comma && dot)
		*dot = ',';
	/* The real minus sign, as the levels and "from −10 to +10" have it. */
	bool minus = num[0] == '-';
	snprintf(buf, n, "%s%s", minus ? "\xe2\x88\x92" : "", minus ? num + 1 : num);
	return buf;
}

const char *report_decimal(double v, bool sign, char *buf, size_t n)
{
	return report_decimal_styled(v, sign, strcmp(i18n_language(), "fi") == 0,
				     buf, n);
}

enum report_char report_utf8_char(const char *p, size_t *len)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t n = u[0] >= 0xf0 ? 4 : u[0] >= 0xe0 ? 3 : u[0] >= 0xc0 ? 2 : 1;
	for (size_t i = 1; i < n; i++)
		if (u[i] == '\0')
			n = 1;  /* cut short by the end of the string */
	if (n == 1 || !text_valid_utf8(p, n)) {
		*len = 1;
		return REPORT_CHAR_INVALID;
	}
	*len = n;
	return u[0] == 0xc2 && u[1] <= 0x9f ? REPORT_CHAR_C1 : REPORT_CHAR_OK;
}

/* Shared by the document escapers so they mend stored text alike. */
size_t report_put_char(struct buf *out, const char *p)
{
	size_t len;
	enum report_char k = report_utf8_char(p, &len);
	if (k == REPORT_CHAR_OK)
		buf_append(out, p, len);
	else if (k == REPORT_CHAR_INVALID)
		buf_puts(out, "\xef\xbf\xbd");
	return len;
}

/* Shared so that the HTML and Markdown documents head a sheet alike. */
void report_sheet_heading(const struct report *r, size_t i,
			  void (*put)(struct buf *out, const char *s),
			  struct buf *out)
{
	buf_printf(out, _("Idea or claim %zu"), i + 1);
	if (r->sheets[i].short_name && *r->sheets[i].short_name) {
		buf_puts(out, ": ");
		put(out, r->sheets[i].short_name);
	}
}

/* Keeps printable ASCII of a stored date and turns anything else into '?':
 * dates are ISO 8601, and a fixed-size field cannot grow. */
static void ascii_only(char *s)
{
	for (; *s; s++)
		if (*s < 0x20 || *s > 0x7e)
			*s = '?';
}

void report_drawn_free(struct report *d)
{
	free(d->session.title);
	free(d->session.template_name);
	int n = d->session.nsheets > 0 ? d->session.nsheets : 0;
	for (int i = 0; d->sheets && i < n; i++) {
		free(d->sheets[i].short_name);
		free(d->sheets[i].statement);
	}
	free(d->sheets);
	memset(d, 0, sizeof *d);
}

/* text_sanitize of a string that may be NULL. */
static char *drawn(const char *s)
{
	return text_sanitize(s ? s : "");
}

bool report_drawn(const struct report *r, struct report *out)
{
	*out = *r;
	out->sheets = NULL;
	out->session.title = drawn(r->session.title);
	out->session.template_name = drawn(r->session.template_name);
	ascii_only(out->session.created);
	ascii_only(out->session.closed);
	int n = r->session.nsheets > 0 ? r->session.nsheets : 0;
	if (n > 0 && r->sheets)
		out->sheets = calloc((size_t)n, sizeof *out->sheets);
	else
		out->session.nsheets = 0;
	bool ok = out->session.title && out->session.template_name &&
		  (out->session.nsheets == 0 || out->sheets);
	for (int i = 0; ok && i < out->session.nsheets; i++) {
		out->sheets[i].short_name = drawn(r->sheets[i].short_name);
		out->sheets[i].statement = drawn(r->sheets[i].statement);
		out->sheets[i].help = r->sheets[i].help;  /* borrowed, not drawn */
		out->sheets[i].key = r->sheets[i].key;    /* borrowed */
		ok = out->sheets[i].short_name && out->sheets[i].statement;
	}
	if (!ok)
		report_drawn_free(out);
	return ok;
}
