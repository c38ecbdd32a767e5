/* rounds: the next round's title and who moved between rounds (see
 * rounds.h). */
#include "tapla/rounds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tapla/i18n.h"
#include "tapla/tally.h"
#include "tapla/text.h"

/* The words that mark a round in a title, by language. */
static const char *round_word(const char *language)
{
	return language && strcmp(language, "fi") == 0 ? "kierros" : "round";
}

/* The length of title without a trailing " — WORD N" of either language. */
static size_t unmarked_len(const char *title)
{
	static const char *const words[] = { " \u2014 round ", " \u2014 kierros " };
	size_t len = strlen(title);
	for (size_t w = 0; w < sizeof words / sizeof words[0]; w++) {
		const char *at = NULL;
		for (const char *p = strstr(title, words[w]); p;
		     p = strstr(p + 1, words[w]))
			at = p;
		if (!at)
			continue;
		const char *num = at + strlen(words[w]);
		size_t digits = strspn(num, "0123456789");
		if (digits > 0 && num[digits] == '\0')
			return (size_t)(at - title);
	}
	return len;
}

size_t rounds_mark_at(const char *title)
{
	return unmarked_len(title ? title : "");
}

void rounds_fit_title(const char *title, int cols, int least, char *out,
		      size_t n)
{
	if (cols < 1)
		cols = 1;
	size_t w = 0, at = rounds_mark_at(title);
	int mark_w = (int)text_width(title + at);
	if ((int)text_width(title) <= cols)
		snprintf(out, n, "%s", title);
	else if (at > 0 && mark_w > 0 && cols - mark_w - 1 >= least)
		/* "Long workshop ti… — round 2": the round stays in view. */
		snprintf(out, n, "%.*s\u2026%s",
			 (int)text_fit(title, (size_t)(cols - mark_w - 1), &w), title,
			 title + at);
	else
		snprintf(out, n, "%.*s\u2026", (int)text_fit(title, (size_t)cols - 1, &w),
			 title);
}

char *rounds_title(const char *title, const char *language, int round)
{
	char mark[48];
	snprintf(mark, sizeof mark, " \u2014 %s %d", round_word(language), round);
	size_t base = unmarked_len(title ? title : "");
	size_t room = TEXT_TITLE_MAX - text_chars(mark, strlen(mark));
	/* Cut the base at a character boundary to leave room for the mark. */
	size_t cut = 0;
	while (cut < base) {
		size_t next = text_next_char(title, base, cut);
		if (text_chars(title, next) > room)
			break;
		cut = next;
	}
	char *out = malloc(cut + strlen(mark) + 1);
	if (out) {
		memcpy(out, title, cut);
		strcpy(out + cut, mark);
	}
	return out;
}

/* A signer's key and position in a report, for matching. */
struct signer_key {
	char *key;
	size_t at;  /* index into participants */
};

static int compare_keys(const void *a, const void *b)
{
	return strcmp(((const struct signer_key *)a)->key,
		      ((const struct signer_key *)b)->key);
}

/* The named participants' keys, sorted; *n how many. NULL on no memory
 * (or none: *n 0). */
static struct signer_key *signer_keys(const struct report *r, size_t *n,
				      bool *ok)
{
	*n = 0;
	struct signer_key *k = calloc(r->nparticipants + 1, sizeof *k);
	if (!k) {
		*ok = false;
		return NULL;
	}
	for (size_t i = 0; i < r->nparticipants; i++) {
		if (!r->participants[i].name)
			continue;
		char *key = text_name_key(r->participants[i].name);
		if (!key)
			continue;  /* not valid UTF-8: cannot be matched */
		k[*n].key = key;
		k[*n].at = i;
		(*n)++;
	}
	qsort(k, *n, sizeof *k, compare_keys);
	return k;
}

static void free_keys(struct signer_key *k, size_t n)
{
	for (size_t i = 0; k && i < n; i++)
		free(k[i].key);
	free(k);
}

/* Every participant's dots per sheet and column: [i][sheet][level] as one
 * array of nparticipants * nsheets * LEVEL_COUNT. */
static int *personal_dots(const struct report *r, size_t nsheets)
{
	size_t row = nsheets * LEVEL_COUNT;
	int *d = calloc(r->nparticipants * row + 1, sizeof *d);
	for (size_t i = 0; d && i < r->nballots; i++) {
		const struct report_ballot *b = &r->ballots[i];
		const struct report_participant *p = report_participant(r, b->participant);
		if (!p || b->sheet < 0 || (size_t)b->sheet >= nsheets ||
		    (unsigned)b->level >= LEVEL_COUNT)
			continue;
		size_t at = (size_t)(p - r->participants);
		d[at * row + (size_t)b->sheet * LEVEL_COUNT + b->level] += b->dots;
	}
	return d;
}

/* Files one matched participant's change on every sheet. */
static void count_mover(struct rounds_shift *out, const int *then,
			const int *now)
{
	for (size_t sh = 0; sh < out->nsheets; sh++) {
		struct rounds_sheet *s = &out->sheets[sh];
		double a, b;
		if (!tally_score(then + sh * LEVEL_COUNT, &a) ||
		    !tally_score(now + sh * LEVEL_COUNT, &b))
			s->not_comparable++;
		else if (b > a)
			s->towards_agreement++;
		else if (b < a)
			s->towards_disagreement++;
		else
			s->stayed++;
	}
}

/* Walks the two sorted key lists and files every signer in both. */
static bool match_signers(const struct report *then, const struct report *now,
			  struct rounds_shift *out)
{
	bool ok = true;
	size_t nt = 0, nn = 0, row = out->nsheets * LEVEL_COUNT;
	struct signer_key *kt = signer_keys(then, &nt, &ok);
	struct signer_key *kn = signer_keys(now, &nn, &ok);
	int *dt = ok ? personal_dots(then, out->nsheets) : NULL;
	int *dn = ok ? personal_dots(now, out->nsheets) : NULL;
	ok = ok && dt && dn;
	for (size_t i = 0, j = 0; ok && i < nt && j < nn;) {
		int c = strcmp(kt[i].key, kn[j].key);
		if (c < 0) {
			i++;
		} else if (c > 0) {
			j++;
		} else {
			out->both++;
			count_mover(out, dt + kt[i].at * row, dn + kn[j].at * row);
			i++;
			j++;
		}
	}
	free(dt);
	free(dn);
	free_keys(kt, nt);
	free_keys(kn, nn);
	return ok;
}

/* Copies one round's counts of every sheet into slot w. */
static void copy_counts(const struct report *r, int w, struct rounds_shift *out)
{
	for (size_t sh = 0; sh < out->nsheets; sh++) {
		const struct tally_sheet *t = &r->tally.sheets[sh];
		struct rounds_sheet *s = &out->sheets[sh];
		memcpy(s->dots[w], t->dots, sizeof t->dots);
		memcpy(s->people[w], t->people, sizeof t->people);
		s->total_dots[w] = t->total_dots;
		s->total_people[w] = t->total_people;
		s->share[w] = t->share;
		s->has_score[w] = t->has_score;
		s->score[w] = t->score;
	}
}

bool rounds_shift(const struct report *then, const struct report *now,
		  struct rounds_shift *out)
{
	memset(out, 0, sizeof *out);
	size_t n = then->tally.nsheets < now->tally.nsheets ?
		   then->tally.nsheets : now->tally.nsheets;
	out->nsheets = n < RULES_MAX_SHEETS ? n : RULES_MAX_SHEETS;
	out->round[ROUNDS_THEN] = then->session.round;
	out->round[ROUNDS_NOW] = now->session.round;
	copy_counts(then, ROUNDS_THEN, out);
	copy_counts(now, ROUNDS_NOW, out);
	out->matched = !then->session.anonymous && !now->session.anonymous;
	if (!out->matched)
		return true;
	return match_signers(then, now, out);
}

/* Shared so that every report explains the movers in the same words. */
void rounds_shift_intro(const struct rounds_shift *sh, struct buf *out)
{
	if (sh->matched)
		buf_printf(out, P_("%d participant signed both rounds (matched by name). Towards agreement: their own agreement score on the sheet rose; towards disagreement: it fell; not comparable: no dot of theirs in the first five columns in one of the rounds.",
				   "%d participants signed both rounds (matched by name). Towards agreement: their own agreement score on the sheet rose; towards disagreement: it fell; not comparable: no dot of theirs in the first five columns in one of the rounds.",
				   sh->both), sh->both);
	else
		buf_puts(out, _("The rounds are anonymous: participants are not matched, so only the counts are compared."));
}

/* Shared so that every report counts the movers in the same words. */
void rounds_shift_movers(const struct rounds_shift *sh, size_t i,
			 struct buf *out)
{
	const struct rounds_sheet *s = &sh->sheets[i];
	buf_printf(out, _("Of the %d in both rounds: %d towards agreement, %d towards disagreement, %d stayed, %d not comparable."),
		   sh->both, s->towards_agreement, s->towards_disagreement,
		   s->stayed, s->not_comparable);
}

/* Shared so that every report labels its table rows alike. */
void rounds_row_label(const struct rounds_shift *sh, bool people, int w,
		      char *label, size_t n)
{
	if (people)
		snprintf(label, n, _("People, round %d"), sh->round[w]);
	else
		snprintf(label, n, _("Dots, round %d"), sh->round[w]);
}

/* Shared so that every writer skips or fails the section alike. */
bool rounds_shift_to_write(const struct report *r, struct rounds_shift *sh,
			   struct buf *out)
{
	if (!r->previous)
		return false;
	if (!rounds_shift(r->previous, r, sh)) {
		out->failed = true;
		return false;
	}
	return true;
}
