/* pin: the facilitator PIN, kept only as a salted crypt(3) hash, what it
 * must be, and the wait after wrong guesses. See pin.h. */
#include <crypt.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "tapla/i18n.h"
#include "tapla/pin.h"

/* Is the whole PIN one character repeated, or a run of consecutive
 * characters up or down (digits or letters), the first guesses anyone
 * makes? */
static bool trivial(const ucs4_t *c, size_t n)
{
	bool same = true, up = true, down = true;
	for (size_t i = 1; i < n; i++) {
		same = same && c[i] == c[0];
		up = up && c[i] == c[i - 1] + 1;
		down = down && c[i] + 1 == c[i - 1];
	}
	return same || up || down;
}

bool pin_acceptable(const char *pin, char *why, size_t whylen)
{
	ucs4_t c[PIN_MAX_BYTES];
	size_t len = pin ? strlen(pin) : 0, n = 0;
	if (len > PIN_MAX_BYTES) {
		snprintf(why, whylen, _("The PIN is too long: at most %d bytes."), PIN_MAX_BYTES);
		return false;
	}
	if (u8_check((const uint8_t *)pin, len)) {
		snprintf(why, whylen, "%s", _("The PIN is not valid text: type it again."));
		return false;
	}
	for (const uint8_t *p = (const uint8_t *)pin; p && *p && n < PIN_MAX_BYTES; n++)
		p += u8_mbtouc(&c[n], p, len - (size_t)(p - (const uint8_t *)pin));
	if (n < PIN_MIN_CHARS) {
		snprintf(why, whylen, _("The PIN is too short: at least %d digits or characters, so that it cannot be guessed at the laptop."),
			 PIN_MIN_CHARS);
		return false;
	}
	if (trivial(c, n)) {
		snprintf(why, whylen, "%s", _("The PIN is too easy to guess (one key repeated, or a run like 123456): choose another."));
		return false;
	}
	return true;
}

int64_t pin_wait_ms(int failures)
{
	const int64_t max = 15 * 60 * 1000;
	if (failures <= PIN_FREE_TRIES)
		return 0;
	int64_t w = 5000;
	for (int i = PIN_FREE_TRIES + 1; i < failures && w < max; i++)
		w *= 2;
	return w < max ? w : max;
}

int64_t pin_wait_left_ms(int failures, int64_t failed_ms, int64_t now_ms)
{
	int64_t wait = pin_wait_ms(failures);
	if (wait == 0)
		return 0;
	if (now_ms < failed_ms)
		now_ms = failed_ms;  /* the clock went back: wait in full */
	int64_t left = failed_ms + wait - now_ms;
	return left > 0 ? left : 0;
}

char *pin_hash(const char *pin, char *why, size_t whylen)
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

bool pin_check(const char *pin, const char *hash)
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
