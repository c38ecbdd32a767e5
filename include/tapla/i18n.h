/* i18n: message catalogs and the choice of language.
 *
 * Every string a user reads goes through _(). The language follows the
 * locale; an explicit choice (--lang) overrides it. A Finnish locale that is
 * not generated on the machine still gives Finnish: we fall back to C.UTF-8
 * and take the language from LANG / LC_MESSAGES ourselves. */
#ifndef TAPLA_I18N_H
#define TAPLA_I18N_H

#include <libintl.h>
#include <stdbool.h>

#define _(s) gettext(s)
#define N_(s) (s)
#define P_(one, many, n) ngettext((one), (many), (n))

/* Sets the locale and binds the catalog in locale_dir (the caller finds it,
 * assets_locale_dir(): the core reads no files; NULL: the system's). `lang`
 * is "fi", "en" or NULL (follow the environment). Returns false only if
 * `lang` is not a known language. */
bool i18n_init(const char *lang, const char *locale_dir);
/* Switches the language of messages after start ("fi" or "en"). */
bool i18n_set_language(const char *lang);
/* The language in effect for messages: "fi" or "en". */
const char *i18n_language(void);
/* True for the languages tapla has catalogs and templates for. */
bool i18n_known(const char *lang);

#endif
