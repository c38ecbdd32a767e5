/* STUB: replaced by the real module. */
#include "tapla/template.h"
#include <stddef.h>

bool tpl_parse(const char *text, size_t len, const char *origin,
	       struct template *out, char *err, size_t errlen)
{
	(void)text;(void)len;(void)origin;(void)out;(void)err;(void)errlen;return false;
}

void tpl_free(struct template *t)
{
	(void)t;
}

const char * tpl_phase_kind_key(enum tpl_phase_kind k)
{
	(void)k;return NULL;
}
