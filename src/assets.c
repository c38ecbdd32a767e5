/* assets: the template and locale directories, and template files on disk
 * (see include/tapla/assets.h). */
#include "tapla/assets.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "tapla/i18n.h"

#define TEMPLATE_SUFFIX ".tapla"
#define TEMPLATE_FILE_MAX (1024 * 1024)

static void free_entry(struct assets_entry *e);

static char template_dir[PATH_MAX];
static char locale_dir[PATH_MAX];

/* Whether the running program is the one in this build tree (the program
 * itself or a test), so that the source tree's assets are the right ones. */
static bool running_from_build_tree(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n < 0 || (size_t)n >= sizeof exe - 1)
		return false;
	exe[n] = '\0';
	size_t root = strlen(TAPLA_BUILD_ROOT);
	return strncmp(exe, TAPLA_BUILD_ROOT, root) == 0 && exe[root] == '/';
}

/* Copies a directory name into a static buffer; "" if it does not fit. */
static const char *set_dir(char *dst, size_t size, const char *a, const char *b)
{
	int n = snprintf(dst, size, "%s%s", a, b);
	if (n < 0 || (size_t)n >= size)
		dst[0] = '\0';
	return dst;
}

/* Asked each time: the environment may change between calls (tests do). */
const char *assets_template_dir(void)
{
	const char *env = getenv("TAPLA_TEMPLATE_DIR");
	if (env && *env)
		return set_dir(template_dir, sizeof template_dir, env, "");
	if (running_from_build_tree())
		return set_dir(template_dir, sizeof template_dir,
			       TAPLA_SOURCE_ROOT, "/assets/templates");
	return set_dir(template_dir, sizeof template_dir, TAPLA_INSTALLED_TEMPLATES, "");
}

/* The build tree compiles its catalogs into build/po/<lang>/LC_MESSAGES. */
const char *assets_locale_dir(void)
{
	if (running_from_build_tree())
		return set_dir(locale_dir, sizeof locale_dir, TAPLA_BUILD_ROOT, "/po");
	return set_dir(locale_dir, sizeof locale_dir, TAPLA_INSTALLED_LOCALE, "");
}

/* A template is named by a path when it has a '/' or the .tapla ending. */
static bool is_path(const char *s)
{
	size_t n = strlen(s), k = strlen(TEMPLATE_SUFFIX);
	return strchr(s, '/') || (n >= k && strcmp(s + n - k, TEMPLATE_SUFFIX) == 0);
}

/* Built-in names and languages: a-z, 0-9, '-', '_' (no path tricks). */
static bool is_plain_name(const char *s, size_t n)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '-' || c == '_'))
			return false;
	}
	return true;
}

/* Reads all of an open stream, up to TEMPLATE_FILE_MAX bytes. On failure
 * errno is set (EFBIG for a too large file). */
static char *read_stream(FILE *f, size_t *len)
{
	size_t cap = 4096, n = 0;
	char *data = malloc(cap);
	if (!data)
		return NULL;
	for (;;) {
		if (n == cap) {
			if (cap > TEMPLATE_FILE_MAX) {
				free(data);
				errno = EFBIG;
				return NULL;
			}
			char *q = realloc(data, cap * 2);
			if (!q) {
				free(data);
				return NULL;
			}
			data = q;
			cap *= 2;
		}
		size_t got = fread(data + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		free(data);
		errno = EIO;
		return NULL;
	}
	if (n > TEMPLATE_FILE_MAX) {
		free(data);
		errno = EFBIG;
		return NULL;
	}
	*len = n;
	return data;
}

/* Reads a whole file; on failure writes why to err. `missing` is set when
 * the file does not exist, so a caller can try another. */
static char *read_file(const char *path, size_t *len, bool *missing,
		       char *err, size_t errlen)
{
	*missing = false;
	FILE *f = fopen(path, "rb");
	if (!f) {
		int e = errno;
		*missing = e == ENOENT;
		if (e == ENOENT)
			snprintf(err, errlen, _("Template file “%s” not found; `tapla templates` lists the built-in templates."), path);
		else
			snprintf(err, errlen, _("Cannot open template file “%s”: %s."), path, strerror(e));
		return NULL;
	}
	char *data = read_stream(f, len);
	int e = errno;
	if (fclose(f) != 0 && data) {
		e = errno;
		free(data);
		data = NULL;
	}
	if (!data) {
		if (e == EFBIG)
			snprintf(err, errlen, _("Template file “%s” is too large (over 1 MB); is it really a template?"), path);
		else
			snprintf(err, errlen, _("Cannot read template file “%s”: %s."), path, strerror(e));
	}
	return data;
}

/* Reads and parses one file; parse errors start with the path. */
static bool load_file(const char *path, struct template *out, bool *missing,
		      char *err, size_t errlen)
{
	size_t len = 0;
	char *text = read_file(path, &len, missing, err, errlen);
	if (!text) {
		memset(out, 0, sizeof *out);
		return false;
	}
	bool ok = tpl_parse(text, len, path, out, err, errlen);
	free(text);
	return ok;
}

/* The path of built-in NAME.LANG.tapla; false if it does not fit. */
static bool builtin_path(char *dst, size_t size, const char *name, const char *lang)
{
	int n = snprintf(dst, size, "%s/%s.%s%s", assets_template_dir(), name,
			 lang, TEMPLATE_SUFFIX);
	return n >= 0 && (size_t)n < size;
}

/* A built-in by name: the language asked for, else English. */
static bool load_builtin(const char *name, const char *lang,
			 struct template *out, char *err, size_t errlen)
{
	char path[PATH_MAX];
	bool missing = true;
	memset(out, 0, sizeof *out);
	if (!is_plain_name(name, strlen(name)))
		goto unknown;
	if (lang && is_plain_name(lang, strlen(lang))) {
		if (!builtin_path(path, sizeof path, name, lang))
			goto unknown;
		bool ok = load_file(path, out, &missing, err, errlen);
		if (ok || !missing)
			return ok;
	}
	if (!lang || strcmp(lang, "en") != 0) {
		if (!builtin_path(path, sizeof path, name, "en"))
			goto unknown;
		bool ok = load_file(path, out, &missing, err, errlen);
		if (ok || !missing)
			return ok;
	}
unknown:
	snprintf(err, errlen, _("There is no built-in template “%s”; `tapla templates` lists them."), name);
	return false;
}

bool assets_load_template(const char *name_or_path, const char *lang,
			  struct template *out, char *err, size_t errlen)
{
	if (!name_or_path || !*name_or_path) {
		memset(out, 0, sizeof *out);
		snprintf(err, errlen, "%s", _("No template named; `tapla templates` lists them."));
		return false;
	}
	if (is_path(name_or_path)) {
		bool missing;
		return load_file(name_or_path, out, &missing, err, errlen);
	}
	return load_builtin(name_or_path, lang, out, err, errlen);
}

void assets_free_list(struct assets_entry *list, size_t n)
{
	if (!list)
		return;
	for (size_t i = 0; i < n; i++)
		free_entry(&list[i]);
	free(list);
}

/* Frees one entry's strings (an entry not yet counted in the list). */
static void free_entry(struct assets_entry *e)
{
	free(e->name);
	free(e->language);
	free(e->title);
	free(e->path);
	memset(e, 0, sizeof *e);
}

/* Splits "NAME.LANG.tapla" into its parts; false for other files. */
static bool split_file_name(const char *file, size_t *name_len, const char **lang,
			    size_t *lang_len)
{
	size_t n = strlen(file), k = strlen(TEMPLATE_SUFFIX);
	if (n <= k || strcmp(file + n - k, TEMPLATE_SUFFIX) != 0)
		return false;
	const char *dot = memchr(file, '.', n - k);
	if (!dot)
		return false;
	*name_len = (size_t)(dot - file);
	*lang = dot + 1;
	*lang_len = (size_t)(file + n - k - *lang);
	return is_plain_name(file, *name_len) && is_plain_name(*lang, *lang_len);
}

/* Fills one list entry from a template file in the directory. */
static bool make_entry(struct assets_entry *e, const char *dir, const char *file,
		       char *err, size_t errlen)
{
	size_t name_len, lang_len;
	const char *lang;
	memset(e, 0, sizeof *e);
	if (!split_file_name(file, &name_len, &lang, &lang_len))
		return true;
	size_t plen = strlen(dir) + 1 + strlen(file) + 1;
	e->path = malloc(plen);
	e->name = strndup(file, name_len);
	e->language = strndup(lang, lang_len);
	if (!e->path || !e->name || !e->language) {
		snprintf(err, errlen, "%s", _("Out of memory."));
		return false;
	}
	snprintf(e->path, plen, "%s/%s", dir, file);
	struct template t;
	bool missing;
	if (!load_file(e->path, &t, &missing, err, errlen))
		return false;
	e->nsheets = t.nsheets;
	e->title = t.title;
	t.title = NULL;
	tpl_free(&t);
	return true;
}

/* Sort order of the list: name, then language. */
static int compare_entries(const void *a, const void *b)
{
	const struct assets_entry *x = a, *y = b;
	int c = strcmp(x->name, y->name);
	return c ? c : strcmp(x->language, y->language);
}

/* Reads the directory's template files into a growing list. */
static bool read_entries(DIR *d, const char *dir, struct assets_entry **list,
			 size_t *n, char *err, size_t errlen)
{
	size_t cap = 0;
	for (;;) {
		errno = 0;
		struct dirent *de = readdir(d);
		if (!de) {
			if (errno == 0)
				return true;
			snprintf(err, errlen, _("Cannot read the template directory “%s”: %s."),
				 dir, strerror(errno));
			return false;
		}
		if (*n == cap) {
			size_t ncap = cap ? cap * 2 : 8;
			struct assets_entry *q = realloc(*list, ncap * sizeof *q);
			if (!q) {
				snprintf(err, errlen, "%s", _("Out of memory."));
				return false;
			}
			*list = q;
			cap = ncap;
		}
		struct assets_entry *e = &(*list)[*n];
		bool ok = make_entry(e, dir, de->d_name, err, errlen);
		if (e->name && ok)
			(*n)++;
		else
			free_entry(e);
		if (!ok)
			return false;
	}
}

bool assets_list_templates(struct assets_entry **out, size_t *n,
			   char *err, size_t errlen)
{
	const char *dir = assets_template_dir();
	*out = NULL;
	*n = 0;
	DIR *d = opendir(dir);
	if (!d) {
		snprintf(err, errlen, _("Cannot open the template directory “%s”: %s. Set TAPLA_TEMPLATE_DIR or reinstall tapla."),
			 dir, strerror(errno));
		return false;
	}
	struct assets_entry *list = NULL;
	size_t count = 0;
	bool ok = read_entries(d, dir, &list, &count, err, errlen);
	if (closedir(d) != 0 && ok) {
		snprintf(err, errlen, _("Cannot read the template directory “%s”: %s."),
			 dir, strerror(errno));
		ok = false;
	}
	if (!ok) {
		assets_free_list(list, count);
		return false;
	}
	if (count > 1)
		qsort(list, count, sizeof *list, compare_entries);
	*out = list;
	*n = count;
	return true;
}
