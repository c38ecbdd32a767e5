/* i18n: locale, catalogs and language choice (see include/tapla/i18n.h). */
#include "tapla/i18n.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>


static char current[8] = "en";

bool i18n_known(const char *lang)
{
	return lang && (strcmp(lang, "fi") == 0 || strcmp(lang, "en") == 0);
}

/* The language part ("fi") of a locale name like "fi_FI.UTF-8", if known. */
static const char *language_of(const char *locale)
{
	if (!locale || !*locale)
		return NULL;
	if (strncmp(locale, "fi", 2) == 0 && (locale[2] == '\0' ||
	    locale[2] == '_' || locale[2] == '.' || locale[2] == '@'))
		return "fi";
	return "en";
}

/* The language the environment asks for, as glibc would read it. */
static const char *language_from_environment(void)
{
	const char *vars[] = { "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG" };
	for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		const char *v = getenv(vars[i]);
		if (v && *v) {
			/* LANGUAGE is a list: its first entry decides. */
			char first[32];
			size_t n = strcspn(v, ":");
			if (n >= sizeof first)
				n = sizeof first - 1;
			memcpy(first, v, n);
			first[n] = '\0';
			if (strcmp(first, "C") == 0 || strncmp(first, "C.", 2) == 0 ||
			    strcmp(first, "POSIX") == 0)
				continue;
			return language_of(first);
		}
	}
	return "en";
}

bool i18n_set_language(const char *lang)
{
	if (!i18n_known(lang))
		return false;
	strcpy(current, lang);
	/* glibc reads LANGUAGE on every lookup once the locale is not "C";
	 * "en" selects no catalog, so the English source strings show. */
	setenv("LANGUAGE", lang, 1);
	/* glibc caches translations per locale, not per LANGUAGE: setting the
	 * domain again flushes that cache (_nl_msg_cat_cntr), or a switch back
	 * would keep answering in the old language. */
	textdomain("tapla");
	return true;
}

bool i18n_init(const char *lang, const char *locale_dir)
{
	if (!setlocale(LC_ALL, "") && !setlocale(LC_ALL, "C.UTF-8"))
		setlocale(LC_ALL, "C");
	/* Numbers in JSON and CSV always take a decimal point. */
	setlocale(LC_NUMERIC, "C");
	/* In the plain C locale gettext ignores LANGUAGE: move to C.UTF-8. */
	const char *now = setlocale(LC_CTYPE, NULL);
	if (now && (strcmp(now, "C") == 0 || strcmp(now, "POSIX") == 0))
		setlocale(LC_ALL, "C.UTF-8");
	if (locale_dir)
		bindtextdomain("tapla", locale_dir);
	bind_textdomain_codeset("tapla", "UTF-8");
	textdomain("tapla");
	if (lang && !i18n_known(lang)) {
		i18n_set_language(language_from_environment());
		return false;
	}
	return i18n_set_language(lang ? lang : language_from_environment());
}

const char *i18n_language(void)
{
	return current;
}
