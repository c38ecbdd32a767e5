/* template: a workshop's agenda and sheets, parsed from a plain-text file.
 *
 * Pure: parses a buffer; reading files is assets.h's job. The format is
 * documented in assets/templates/README and in tapla(1): "key: value" lines,
 * [phase] and [sheet] sections, '#' comments, indented lines continue the
 * previous value. */
#ifndef TAPLA_TEMPLATE_H
#define TAPLA_TEMPLATE_H

#include <stdbool.h>
#include <stddef.h>

enum tpl_phase_kind {
	PHASE_TALK = 0,  /* a timed discussion (pair talks) */
	PHASE_VOTE,      /* participants place their dots */
	PHASE_RESULTS,   /* the tally is shown to the room */
};

struct tpl_phase {
	enum tpl_phase_kind kind;
	char *title;
	char *instructions;
	int minutes;       /* 0: no timer */
};

struct tpl_sheet {
	char *short_name;  /* "vertaispalveluverkosto" */
	char *statement;   /* the idea or claim, quoted exactly */
	char *help;        /* optional explanation, may be NULL */
	/* Optional ("peer-services"; a-z 0-9 - _, unique in the template): the
	 * same sheet in every language version of a template has the same key,
	 * so sessions in different languages can be compared. NULL if none;
	 * not stored with a session (tapla compare reads it from the
	 * template). */
	char *key;
};

struct template {
	char *name;        /* "networks" */
	char *language;    /* "fi" / "en" */
	char *title;       /* default session title */
	char *description; /* one paragraph, may be NULL */
	int budget;        /* default dot budget */
	struct tpl_phase *phases;
	size_t nphases;
	struct tpl_sheet *sheets;
	size_t nsheets;
};

/* Limits in characters of a template's texts, the same whether they come
 * from a template file or, stored in a session, from another laptop's
 * database (merge): title and phase titles TEXT_TITLE_MAX, a sheet's short
 * name TPL_SHORT_MAX, statements, help, instructions and the description
 * TPL_TEXT_MAX. */
#define TPL_SHORT_MAX 60
#define TPL_TEXT_MAX 1000

/* Could s be a template text of at most max_chars characters: valid UTF-8,
 * not empty, no control character but tab and newline (a continued line)? */
bool tpl_text_ok(const char *s, size_t max_chars);

/* Parses text[0..len). `origin` (a file name) starts every error message:
 * "networks.fi.tapla:12: unknown key \"titel\"." On failure *out is left
 * empty (nothing to free) and err holds that one line. */
bool tpl_parse(const char *text, size_t len, const char *origin,
	       struct template *out, char *err, size_t errlen);
void tpl_free(struct template *t);
const char *tpl_phase_kind_key(enum tpl_phase_kind k);  /* talk/vote/results */

#endif
