/* ui-pin: the facilitator PIN, kept only as a salted crypt(3) hash. */
#include <crypt.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tapla/i18n.h"
#include "tapla/ui.h"

char *ui_pin_hash(const char *pin, char *why, size_t whylen)
{
	char salt[CRYPT_GENSALT_OUTPUT_SIZE];
	struct crypt_data *cd = calloc(1, sizeof *cd);
	char *out = NULL;
	if (!cd) {
		snprintf(why, whylen, "%s", _("Out of memory: the PIN was not set."));
		return NULL;
	}
	/* NULL prefix: the system's preferred method (yescrypt on Debian). */
	if (!crypt_gensalt_rn(NULL, 0, NULL, 0, salt, (int)sizeof salt)) {
		snprintf(why, whylen, _("Could not make a salt for the PIN: %s."),
			 strerror(errno));
		free(cd);
		return NULL;
	}
	const char *h = crypt_rn(pin, salt, cd, (int)sizeof *cd);
	if (!h || h[0] == '*') {
		snprintf(why, whylen, "%s", _("Could not hash the PIN: it was not set."));
	} else if (!(out = strdup(h))) {
		snprintf(why, whylen, "%s", _("Out of memory: the PIN was not set."));
	}
	explicit_bzero(cd, sizeof *cd);
	free(cd);
	return out;
}

bool ui_pin_check(const char *pin, const char *hash)
{
	struct crypt_data *cd;
	bool ok = false;
	if (!pin || !hash || !*hash)
		return false;
	cd = calloc(1, sizeof *cd);
	if (!cd)
		return false;
	const char *h = crypt_rn(pin, hash, cd, (int)sizeof *cd);
	if (h && h[0] != '*' && strlen(h) == strlen(hash))
		ok = strcmp(h, hash) == 0;
	explicit_bzero(cd, sizeof *cd);
	free(cd);
	return ok;
}
