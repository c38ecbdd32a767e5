/* file-bytes: see file-bytes.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "file-bytes.h"

char *bytes_slurp(const char *path, size_t *len)
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

bool bytes_file_holds(const char *path, const char *suffix, const char *needle)
{
	char p[4096];
	snprintf(p, sizeof p, "%s%s", path, suffix);
	size_t n;
	char *data = bytes_slurp(p, &n);
	bool found = data && memmem(data, n, needle, strlen(needle)) != NULL;
	free(data);
	return found;
}

bool bytes_db_holds(const char *path, const char *needle)
{
	return bytes_file_holds(path, "", needle) ||
	       bytes_file_holds(path, "-wal", needle);
}
