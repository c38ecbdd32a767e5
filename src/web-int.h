/* web-int: what the phone server's source files share (not a public
 * header; the module's contract is include/tapla/web.h).
 *
 * web-words.c: the pages' words in English and Finnish. web-form.c: the
 * posted form read into a ballot and checked by the same rules as the
 * laptop (text_clean, rules_check_ballot). web-page.c: the HTML, every text
 * escaped. web.c: libmicrohttpd, the token, cookies, limits, the store. */
#ifndef TAPLA_WEB_INT_H
#define TAPLA_WEB_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "tapla/buf.h"
#include "tapla/rules.h"
#include "tapla/tally.h"
#include "tapla/template.h"

enum web_lang { WEB_EN = 0, WEB_FI, WEB_LANGS };

/* Every word and sentence of the pages. */
enum web_word {
	W_LANG_CODE, W_OTHER_LANG, W_OTHER_LANG_CODE, W_VOTE_TITLE,
	W_HOW_WEIGHTED, W_HOW_CLASSIC, W_ANONYMOUS, W_YOUR_NAME, W_SHEET,
	W_NOTES, W_REVIEW, W_CHECK_TITLE, W_CHECK_INTRO, W_DOTS_USED, W_CONFIRM,
	W_CHANGE, W_NO_DOTS_ON_SHEET, W_SAVED_TITLE, W_SAVED_TEXT,
	W_CHANGE_MINE, W_RESULTS, W_RESULTS_LINK, W_RESULTS_LATER, W_CLOSED,
	W_COLUMN, W_DOTS, W_PEOPLE, W_TOTAL, W_SCORE,
	W_RANK, W_NO_SCORE, W_PROBLEM, W_NAME_LINE, W_DOTS_LEFT, W_YOUR_GROUP, W_NO_GROUP, W_GROUP_LINE, W_CLOSED_TEXT,
	W_ROUND_LABEL,
	/* Refusals: one sentence each, what happened and what to do. */
	W_ERR_BUDGET, W_ERR_CLASSIC, W_ERR_EMPTY, W_ERR_SHEET, W_ERR_LEVEL,
	W_ERR_DOTS, W_ERR_TWICE, W_ERR_FIELD, W_ERR_ENCODING, W_ERR_NAME_EMPTY,
	W_ERR_NAME_LONG, W_ERR_NAME_BAD, W_ERR_NAME_ANON, W_ERR_NOTE_LONG,
	W_ERR_NOTE_BAD, W_ERR_CLOSED, W_ERR_VOTED, W_ERR_OTHER_NAME,
	W_ERR_CSRF, W_ERR_RATE, W_ERR_TOO_BIG, W_ERR_BUSY, W_ERR_STORE,
	W_ERR_METHOD, W_ERR_GROUP, W_ERR_NAME_MIXED, W_ERR_ROUND_OVER,
	W_ERR_ROUND_HERE, W_VOTE_NEXT,
	W_COUNT
};

/* The word in a language (never NULL). */
const char *web_word(enum web_word w, enum web_lang l);
/* The paper sheet's column names and the SWOT quadrants' names. */
const char *web_level_name(enum level l, enum web_lang lang);
const char *web_quadrant_name(enum quadrant q, enum web_lang lang);
/* "fi" / "en" to a language; false if neither. */
bool web_lang_parse(const char *s, enum web_lang *out);

/* Why a form was refused: a sentence (web_word W_ERR_...) with its
 * numbers or text, and the HTTP status that carries it. */
struct web_refusal {
	enum web_word msg;
	int a, b;
	char s[128];   /* a name or a field, clean or made printable */
	unsigned http;
};
/* The refusal's sentence in a language. */
void web_refusal_text(const struct web_refusal *r, enum web_lang l,
		      char *out, size_t n);

/* A posted ballot. Texts are as typed until web_form_clean. */
struct web_form {
	char csrf[33];         /* "" if none was posted */
	char *name;            /* NULL if none was posted */
	char *group;           /* NULL for none */
	struct ballot b;
	char *notes[RULES_MAX_SHEETS][QUAD_COUNT];
};
/* Reads an application/x-www-form-urlencoded body into f (zeroed first;
 * free with web_form_free even on failure). Refuses broken encoding,
 * unknown fields, unknown sheets and columns, cells given twice and dot
 * counts that are not whole numbers 0..budget. */
bool web_form_parse(const char *body, size_t n, int nsheets, int budget,
		    struct web_form *f, struct web_refusal *why);
void web_form_free(struct web_form *f);
/* The laptop's text rules for the name, the group and every note (breaks
 * and tabs become spaces, as in a paste; then text_clean); empty notes and
 * an empty group go. A named session needs a name, an anonymous one takes
 * none; a group must be one of the session's `groups` (stored form, NULL
 * for none). */
bool web_form_clean(struct web_form *f, bool anonymous, const char *groups,
		    struct web_refusal *why);
/* The ballot rules of the session (rules_check_ballot). */
bool web_form_check(const struct web_form *f, int budget, enum mode mode,
		    struct web_refusal *why);

/* What a page shows. */
struct web_view {
	enum web_lang lang;
	const struct session *session;
	const struct tpl_sheet *sheets;
	size_t nsheets;
	const char *base;         /* "/TOKEN/" */
	const char *csrf;         /* the phone's form token */
	const char *nonce;        /* the style element's CSP nonce */
	const struct web_form *form;  /* values on the form; NULL: empty */
	const char *error;        /* a refusal's sentence, or NULL */
	const struct tally *tally;    /* the results; NULL before reveal */
	const char *path;         /* this page's path, for the language link */
	int next_round;           /* the round after this one, 0 if none yet */
	bool next_here;           /* it is at base: a message links to it */
};
/* The voting form (with the ballot kept, and the error, if any). */
void web_page_form(struct buf *out, const struct web_view *v);
/* "Check and confirm": the ballot, and Confirm / Change. */
void web_page_review(struct buf *out, const struct web_view *v);
/* The ballot is stored. */
void web_page_saved(struct buf *out, const struct web_view *v);
/* The results (v->tally), or that they come after the reveal. */
void web_page_results(struct buf *out, const struct web_view *v);
/* A page with a title and one sentence (closed voting, refusals). */
void web_page_message(struct buf *out, const struct web_view *v,
		      enum web_word title, const char *sentence);

#endif
