/* order: the order a participant is shown the sheets in (see order.h). */
#include "tapla/order.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "tapla/i18n.h"

void order_identity(int order[], int n)
{
	for (int i = 0; i < n; i++)
		order[i] = i;
}

/* FNV-1a over the uuid and the participant's number: the seed. Written out
 * here (not a library's generator) so every machine gives the same order. */
static uint64_t seed_of(const char *uuid, int seq)
{
	uint64_t h = 0xcbf29ce484222325u;
	for (const unsigned char *p = (const unsigned char *)(uuid ? uuid : "");
	     *p; p++)
		h = (h ^ *p) * 0x100000001b3u;
	for (int i = 0; i < 4; i++)
		h = (h ^ ((unsigned)seq >> (8 * i) & 0xffu)) * 0x100000001b3u;
	return h;
}

/* splitmix64: a small generator that spreads a seed well. */
static uint64_t next_random(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15u);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

void order_for_participant(const char *uuid, int seq, int nsheets,
			   int order[])
{
	if (nsheets <= 0)
		return;
	if (nsheets > RULES_MAX_SHEETS)
		nsheets = RULES_MAX_SHEETS;
	order_identity(order, nsheets);
	uint64_t state = seed_of(uuid, seq);
	/* Fisher-Yates; the modulo's bias is far below 2^-58 for 32 sheets. */
	for (int i = nsheets - 1; i > 0; i--) {
		int j = (int)(next_random(&state) % (uint64_t)(i + 1));
		int t = order[i];
		order[i] = order[j];
		order[j] = t;
	}
}

/* Reads one number of the list at *p, moving past it and its spaces. */
static bool read_number(const char **p, int *out)
{
	const char *s = *p;
	while (*s == ' ')
		s++;
	if (*s < '0' || *s > '9')
		return false;
	int v = 0;
	while (*s >= '0' && *s <= '9' && v < 1000)
		v = v * 10 + (*s++ - '0');
	while (*s == ' ')
		s++;
	*out = v;
	*p = s;
	return true;
}

bool order_parse(const char *s, int nsheets, int order[], char *err,
		 size_t errlen)
{
	bool seen[RULES_MAX_SHEETS] = { false };
	const char *p = s ? s : "";
	int n = 0;
	for (;;) {
		int v;
		if (!read_number(&p, &v) || (*p != ',' && *p != '\0')) {
			snprintf(err, errlen, _("The order “%s” is not a list of sheet numbers: write it like 3,1,4,2."),
				 s ? s : "");
			return false;
		}
		if (v < 1 || v > nsheets || seen[v - 1] || n == nsheets) {
			snprintf(err, errlen, _("The order “%s” must name every sheet 1 to %d exactly once."),
				 s ? s : "", nsheets);
			return false;
		}
		seen[v - 1] = true;
		order[n++] = v - 1;
		if (*p == '\0')
			break;
		p++;
	}
	if (n != nsheets) {
		snprintf(err, errlen, _("The order “%s” must name every sheet 1 to %d exactly once."),
			 s ? s : "", nsheets);
		return false;
	}
	return true;
}

void order_format(const int order[], int n, char *buf, size_t len)
{
	size_t used = 0;
	if (len)
		buf[0] = '\0';
	for (int i = 0; i < n && used < len; i++) {
		int w = snprintf(buf + used, len - used, "%s%d", i ? "," : "",
				 order[i] + 1);
		if (w < 0)
			break;
		used += (size_t)w;
	}
}

int order_position(const int order[], int n, int sheet)
{
	for (int i = 0; i < n; i++)
		if (order[i] == sheet)
			return i;
	return -1;
}
