/* lineedit: the model of a one-line text field (names, notes, titles).
 *
 * Pure: it knows nothing of the terminal. The screen asks it for the text,
 * the cursor's display column and a window of the text that fits a width.
 * The buffer always holds valid UTF-8 without control characters: input is
 * filtered on the way in. Moving and deleting are by character (a base
 * character with its combining marks), never by byte. */
#ifndef TAPLA_LINEEDIT_H
#define TAPLA_LINEEDIT_H

#include <stdbool.h>
#include <stddef.h>

struct lineedit {
	char *text;        /* NUL-terminated, valid UTF-8 */
	size_t len;        /* bytes */
	size_t cap;
	size_t cursor;     /* byte offset, always on a character boundary */
	size_t max_chars;  /* limit in characters */
	bool cut;          /* the last insert was cut at the limit */
	bool dropped;      /* the last insert had bytes that were dropped */
};

/* Returns false on no memory. */
bool lineedit_init(struct lineedit *e, size_t max_chars);
void lineedit_free(struct lineedit *e);
/* Replaces the contents (cleaned like input) and puts the cursor at the end. */
bool lineedit_set(struct lineedit *e, const char *s);
void lineedit_clear(struct lineedit *e);

/* Inserts bytes at the cursor: invalid UTF-8 and control characters are
 * dropped (sets `dropped`); what does not fit max_chars is cut (sets `cut`).
 * Works for a single key as well as a 1 MiB paste. */
bool lineedit_insert(struct lineedit *e, const char *bytes, size_t n);
void lineedit_backspace(struct lineedit *e);
void lineedit_delete(struct lineedit *e);
void lineedit_left(struct lineedit *e);
void lineedit_right(struct lineedit *e);
void lineedit_home(struct lineedit *e);
void lineedit_end(struct lineedit *e);
/* Deletes from the cursor to the start (Ctrl-U). */
void lineedit_kill_start(struct lineedit *e);

size_t lineedit_chars(const struct lineedit *e);
/* Display column of the cursor from the start of the text. */
size_t lineedit_cursor_col(const struct lineedit *e);
/* For a field `cols` wide: the byte offset where drawing starts so that the
 * cursor is visible, given the previous offset (for stable scrolling). */
size_t lineedit_scroll(const struct lineedit *e, size_t cols, size_t prev);

#endif
