/* STUB: replaced by the real module. */
#include "tapla/text.h"
#include <stddef.h>

bool text_valid_utf8(const char *s, size_t n)
{
	(void)s;(void)n;return false;
}

enum text_status text_clean(const char *in, size_t max_chars, char **out)
{
	(void)in;(void)max_chars;(void)out;return 0;
}

const char * text_status_message(enum text_status st)
{
	(void)st;return NULL;
}

char * text_name_key(const char *name)
{
	(void)name;return NULL;
}

char * text_sanitize(const char *s)
{
	(void)s;return NULL;
}

size_t text_width(const char *s)
{
	(void)s;return 0;
}

size_t text_fit(const char *s, size_t cols, size_t *width)
{
	(void)s;(void)cols;(void)width;return 0;
}

size_t text_chars(const char *s, size_t n)
{
	(void)s;(void)n;return 0;
}

size_t text_wrap(const char *s, size_t cols, size_t *starts, size_t *lens,
		 size_t max)
{
	(void)s;(void)cols;(void)starts;(void)lens;(void)max;return 0;
}
