/* csv: a reader of comma-separated values as spreadsheets write them
 * (RFC 4180 and the usual variants). Pure, no I/O: it reads a buffer.
 *
 * Accepted: ',' or ';' as separator (Finnish spreadsheets use ';'), a UTF-8
 * byte order mark at the start, CRLF, LF or CR line ends, fields in double
 * quotes with "" for a quote inside and separators and line breaks kept.
 * Refused: a quote that is never closed, text after a closing quote, a NUL
 * byte. Fields are returned as written (no trimming). */
#ifndef TAPLA_CSV_H
#define TAPLA_CSV_H

#include <stdbool.h>
#include <stddef.h>

enum csv_status {
	CSV_OK = 0,            /* a record was read */
	CSV_END,               /* no more records */
	CSV_UNCLOSED_QUOTE,    /* a quoted field runs to the end of the file */
	CSV_TEXT_AFTER_QUOTE,  /* e.g. "abc"d */
	CSV_NUL,               /* a NUL byte: not a text file */
	CSV_NOMEM,
};

struct csv_reader {
	const char *p;    /* next byte */
	const char *end;
	char sep;
	int line;         /* physical line of p, from 1 */
};

/* One record: its fields (owned, NUL-terminated) and the line it starts
 * on, for messages like "rivit.csv:7: ...". */
struct csv_record {
	char **fields;
	size_t n;
	size_t cap;
	int line;
};

/* The separator of a file: ';' when its first line (outside quotes) holds
 * more semicolons than commas, else ','. */
char csv_detect_separator(const char *data, size_t len);

/* Starts reading data (len bytes), skipping a byte order mark. sep 0:
 * detect it (csv_detect_separator). */
void csv_init(struct csv_reader *r, const char *data, size_t len, char sep);

/* Reads the next record into rec, replacing what it held. On an error,
 * rec->line is the line where the bad record starts. */
enum csv_status csv_next(struct csv_reader *r, struct csv_record *rec);

/* A record whose fields are all empty (an empty line, or ";;;;"). */
bool csv_record_blank(const struct csv_record *rec);

void csv_record_free(struct csv_record *rec);

/* The translated sentence for an error status. */
const char *csv_status_message(enum csv_status s);

#endif
