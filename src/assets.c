/* STUB: replaced by the real module. */
#include "tapla/assets.h"
#include <stddef.h>

const char * assets_template_dir(void)
{
	return NULL;
}

const char * assets_locale_dir(void)
{
	return NULL;
}

bool assets_load_template(const char *name_or_path, const char *lang,
			  struct template *out, char *err, size_t errlen)
{
	(void)name_or_path;(void)lang;(void)out;(void)err;(void)errlen;return false;
}

bool assets_list_templates(struct assets_entry **out, size_t *n,
			   char *err, size_t errlen)
{
	(void)out;(void)n;(void)err;(void)errlen;return false;
}

void assets_free_list(struct assets_entry *list, size_t n)
{
	(void)list;(void)n;
}
