/* STUB: replaced by the real module. */
#include "tapla/lineedit.h"
#include <stddef.h>

bool lineedit_init(struct lineedit *e, size_t max_chars)
{
	(void)e;(void)max_chars;return false;
}

void lineedit_free(struct lineedit *e)
{
	(void)e;
}

bool lineedit_set(struct lineedit *e, const char *s)
{
	(void)e;(void)s;return false;
}

void lineedit_clear(struct lineedit *e)
{
	(void)e;
}

bool lineedit_insert(struct lineedit *e, const char *bytes, size_t n)
{
	(void)e;(void)bytes;(void)n;return false;
}

void lineedit_backspace(struct lineedit *e)
{
	(void)e;
}

void lineedit_delete(struct lineedit *e)
{
	(void)e;
}

void lineedit_left(struct lineedit *e)
{
	(void)e;
}

void lineedit_right(struct lineedit *e)
{
	(void)e;
}

void lineedit_home(struct lineedit *e)
{
	(void)e;
}

void lineedit_end(struct lineedit *e)
{
	(void)e;
}

void lineedit_kill_start(struct lineedit *e)
{
	(void)e;
}

size_t lineedit_chars(const struct lineedit *e)
{
	(void)e;return 0;
}

size_t lineedit_cursor_col(const struct lineedit *e)
{
	(void)e;return 0;
}

size_t lineedit_scroll(const struct lineedit *e, size_t cols, size_t prev)
{
	(void)e;(void)cols;(void)prev;return 0;
}
