/* files: see files.h. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "files.h"

char *files_slurp(const char *path, size_t *len)
{
	*len = 0;
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = NULL;
	size_t cap = 0;
	for (;;) {
		char *grown = realloc(buf, cap + 4096);
		if (!grown) {
			free(buf);
			fclose(f);
			*len = 0;
			return NULL;
		}
		buf = grown;
		size_t got = fread(buf + *len, 1, 4096, f);
		*len += got;
		cap += 4096;
		if (got < 4096)
			break;
	}
	fclose(f);
	return buf;
}

bool files_holds(const char *path, const char *suffix, const char *needle)
{
	char p[4096];
	snprintf(p, sizeof p, "%s%s", path, suffix);
	size_t n;
	char *data = files_slurp(p, &n);
	bool found = data && memmem(data, n, needle, strlen(needle)) != NULL;
	free(data);
	return found;
}

bool files_db_holds(const char *path, const char *needle)
{
	return files_holds(path, "", needle) ||
	       files_holds(path, "-wal", needle);
}

void files_remove_tree(const char *dir)
{
	chmod(dir, 0700);
	DIR *d = opendir(dir);
	if (!d) {
		rmdir(dir);
		return;
	}
	for (struct dirent *e; (e = readdir(d));) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		char p[4096];
		snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
		if (unlink(p) != 0)
			files_remove_tree(p);
	}
	closedir(d);
	rmdir(dir);
}
