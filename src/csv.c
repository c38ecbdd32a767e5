/* csv: reading comma-separated values (see csv.h). */
#include "tapla/csv.h"

#include <stdlib.h>
#include <string.h>

#include "tapla/buf.h"
#include "tapla/i18n.h"

#define BOM "\xef\xbb\xbf"

char csv_detect_separator(const char *data, size_t len)
{
	size_t commas = 0, semis = 0;
	bool quoted = false;
	size_t i = len >= 3 && memcmp(data, BOM, 3) == 0 ? 3 : 0;
	for (; i < len; i++) {
		char c = data[i];
		if (c == '"')
			quoted = !quoted;
		else if (!quoted && (c == '\n' || c == '\r'))
			break;
		else if (!quoted && c == ',')
			commas++;
		else if (!quoted && c == ';')
			semis++;
	}
	return semis > commas ? ';' : ',';
}

void csv_init(struct csv_reader *r, const char *data, size_t len, char sep)
{
	r->p = data;
	r->end = data + len;
	r->line = 1;
	r->sep = sep ? sep : csv_detect_separator(data, len);
	if (len >= 3 && memcmp(data, BOM, 3) == 0)
		r->p += 3;
}

void csv_record_free(struct csv_record *rec)
{
	for (size_t i = 0; i < rec->n; i++)
		free(rec->fields[i]);
	free(rec->fields);
	rec->fields = NULL;
	rec->n = rec->cap = 0;
}

/* Empties a record but keeps its array. */
static void record_clear(struct csv_record *rec)
{
	for (size_t i = 0; i < rec->n; i++)
		free(rec->fields[i]);
	rec->n = 0;
}

/* Moves the field text into the record; false on no memory. */
static bool record_push(struct csv_record *rec, struct buf *field)
{
	if (rec->n == rec->cap) {
		size_t c = rec->cap ? rec->cap * 2 : 8;
		char **f = realloc(rec->fields, c * sizeof *f);
		if (!f)
			return false;
		rec->fields = f;
		rec->cap = c;
	}
	char *text = buf_steal(field);
	if (!text)
		return false;
	rec->fields[rec->n++] = text;
	return true;
}

/* At a line end (CRLF, LF or CR)? Moves past it and counts the line. */
static bool take_line_end(struct csv_reader *r)
{
	if (r->p < r->end && *r->p == '\r') {
		r->p++;
		if (r->p < r->end && *r->p == '\n')
			r->p++;
		r->line++;
		return true;
	}
	if (r->p < r->end && *r->p == '\n') {
		r->p++;
		r->line++;
		return true;
	}
	return false;
}

/* A quoted field after its opening quote, up to the closing one; "" is a
 * quote and line breaks are kept (and counted). */
static enum csv_status read_quoted(struct csv_reader *r, struct buf *field)
{
	for (;;) {
		if (r->p >= r->end)
			return CSV_UNCLOSED_QUOTE;
		char c = *r->p++;
		if (c == '\0')
			return CSV_NUL;
		if (c == '"') {
			if (r->p < r->end && *r->p == '"') {
				r->p++;
				buf_putc(field, '"');
				continue;
			}
			break;
		}
		if (c == '\n' || (c == '\r' && (r->p >= r->end || *r->p != '\n')))
			r->line++;
		buf_putc(field, c);
	}
	if (r->p < r->end && *r->p != r->sep && *r->p != '\r' && *r->p != '\n')
		return CSV_TEXT_AFTER_QUOTE;
	return CSV_OK;
}

/* An unquoted field up to the separator or the line end. */
static enum csv_status read_plain(struct csv_reader *r, struct buf *field)
{
	while (r->p < r->end && *r->p != r->sep && *r->p != '\r' && *r->p != '\n') {
		if (*r->p == '\0')
			return CSV_NUL;
		buf_putc(field, *r->p++);
	}
	return CSV_OK;
}

/* One field, then past its separator; *last when the record ended. */
static enum csv_status read_field(struct csv_reader *r, struct buf *field,
				  bool *last)
{
	enum csv_status s = r->p < r->end && *r->p == '"' ?
		(r->p++, read_quoted(r, field)) : read_plain(r, field);
	if (s != CSV_OK)
		return s;
	if (field->failed)
		return CSV_NOMEM;
	if (r->p < r->end && *r->p == r->sep) {
		r->p++;
		*last = false;
	} else {
		take_line_end(r);
		*last = true;
	}
	return CSV_OK;
}

enum csv_status csv_next(struct csv_reader *r, struct csv_record *rec)
{
	record_clear(rec);
	rec->line = r->line;
	if (r->p >= r->end)
		return CSV_END;
	struct buf field;
	buf_init(&field);
	bool last = false;
	enum csv_status s = CSV_OK;
	while (s == CSV_OK && !last) {
		s = read_field(r, &field, &last);
		if (s == CSV_OK && !record_push(rec, &field))
			s = CSV_NOMEM;
	}
	buf_free(&field);
	return s;
}

bool csv_record_blank(const struct csv_record *rec)
{
	for (size_t i = 0; i < rec->n; i++)
		if (rec->fields[i][0] != '\0')
			return false;
	return true;
}

const char *csv_status_message(enum csv_status s)
{
	switch (s) {
	case CSV_UNCLOSED_QUOTE:
		return _("a quoted field is never closed: add the closing \" mark.");
	case CSV_TEXT_AFTER_QUOTE:
		return _("there is text after a closing \" mark: put the whole field in quotes and write a quote inside as \"\".");
	case CSV_NUL:
		return _("the file holds a NUL byte: save it as CSV text (UTF-8).");
	case CSV_NOMEM:
		return _("out of memory: close other programs and try again.");
	default:
		return "";
	}
}
