/* assets: where the built-in templates and message catalogs are, and loading
 * template files.
 *
 * From the build tree (the binary runs from the meson build directory) the
 * source tree's assets/ is used; after `meson install` the installed data
 * directory. $TAPLA_TEMPLATE_DIR overrides both. */
#ifndef TAPLA_ASSETS_H
#define TAPLA_ASSETS_H

#include <stdbool.h>
#include <stddef.h>

#include "tapla/template.h"

/* The directory of the built-in templates. */
const char *assets_template_dir(void);
/* The directory holding <lang>/LC_MESSAGES/tapla.mo. */
const char *assets_locale_dir(void);

/* Loads a template by built-in name ("networks") and language, or from a
 * file path (anything containing '/' or ending in ".tapla"). A built-in
 * name falls back to English if `lang` has no version. Errors: one line in
 * err naming the file, line and problem, or the unknown name. */
bool assets_load_template(const char *name_or_path, const char *lang,
			  struct template *out, char *err, size_t errlen);

struct assets_entry {
	char *name;      /* "networks" */
	char *language;  /* "fi" */
	char *title;     /* the template's title */
	size_t nsheets;
	char *path;
};
/* Lists the built-in templates, sorted by name then language. */
bool assets_list_templates(struct assets_entry **out, size_t *n,
			   char *err, size_t errlen);
void assets_free_list(struct assets_entry *list, size_t n);

#endif
