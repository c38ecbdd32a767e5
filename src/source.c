/* source: where a ballot came from (see source.h). */
#include "tapla/source.h"

#include <string.h>

static const char *const keys[SOURCE_COUNT] = {
	"screen", "cli", "paper", "import", "phone",
};

const char *source_key(enum ballot_source s)
{
	return (unsigned)s < SOURCE_COUNT ? keys[s] : keys[SOURCE_CLI];
}

bool source_parse(const char *key, enum ballot_source *out)
{
	for (int i = 0; key && i < SOURCE_COUNT; i++) {
		if (strcmp(key, keys[i]) == 0) {
			*out = (enum ballot_source)i;
			return true;
		}
	}
	return false;
}
