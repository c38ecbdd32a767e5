/* ui-keys: the one table of keys, what they do where, and their help labels;
 * the help line and the help screen are made from it. */
#include <curses.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistr.h>

#include "tapla/i18n.h"
#include "tapla/text.h"
#include "tapla/ui.h"

/* One key (or range of keys) doing one action in a set of contexts (a bit
 * per context). `keys` and `label` are for the help; an entry without a
 * label is not shown, one without keys but with a label is a note that the
 * help line shows as it is ("(view only)"). */
struct ui_keydef {
	uint32_t ctxs;
	int lo, hi;
	enum ui_action act;
	const char *keys;
	const char *label;
	unsigned when;  /* UI_WHEN_* bits: the row holds in any of them; 0 always */
	bool kept;      /* on the help line whatever else must give way */
};

#define IN(ctx) (UINT32_C(1) << (ctx))
#define K(ctx, key, act, keys, label) { IN(ctx), key, key, act, keys, label, 0, false }
#define R(ctx, lo, hi, act, keys, label) { IN(ctx), lo, hi, act, keys, label, 0, false }
/* A row for several contexts at once. */
#define M(ctxs, key, act, keys, label) { ctxs, key, key, act, keys, label, 0, false }
/* A note on the help line: no key. */
#define NOTE(ctx, label) { IN(ctx), UI_KEY_NONE, UI_KEY_NONE, UI_ACT_NONE, NULL, label, 0, false }
/* A row that holds only in some voting states (UI_WHEN_*). */
#define W(ctx, when, key, act, keys, label) { IN(ctx), key, key, act, keys, label, when, false }
/* A row the help line always shows (in its state): others give way. */
#define KEPT(ctx, when, key, act, keys, label) { IN(ctx), key, key, act, keys, label, when, true }

/* The yes/no questions: y and n (k and e in Finnish, kyllä/ei) in either
 * case, Esc as no. Each labels its own y and n; the rest is shared. */
#define YES_NO (IN(UI_CTX_REPLACE) | IN(UI_CTX_CANCEL) | IN(UI_CTX_QUIT) | \
		IN(UI_CTX_PAPER_REPLACE) | IN(UI_CTX_PAPER_LEAVE) | \
		IN(UI_CTX_ROUND))
/* A question's y and n, each with its own words (the shared rows below
 * take the other letters). */
#define ASK(ctx, yes, no) \
	K(ctx, 'y', UI_ACT_YES, N_("y"), yes), K(ctx, 'n', UI_ACT_NO, N_("n"), no)
/* The same letters where Esc cancels instead (reveal while open). */
#define YES_NO_LETTERS (YES_NO | IN(UI_CTX_REVEAL))
/* Forms of fields: ↓ the next field, ↑ and Shift-Tab the one before
 * (each labels its own Tab). */
#define FIELDS (IN(UI_CTX_NOTES) | IN(UI_CTX_FORM) | IN(UI_CTX_PAPER_LINES))
/* The projector view, before and once the results may show. */
#define VIEWS (IN(UI_CTX_VIEW) | IN(UI_CTX_VIEW_RESULTS))
/* The results' scrolling, in the app and on the projector. */
#define SCROLL (IN(UI_CTX_RESULTS) | IN(UI_CTX_VIEW_RESULTS))

_Static_assert(UI_CTX_COUNT <= 32, "a context is a bit of ui_keydef.ctxs");

static const struct ui_keydef table[] = {
	/* The console as the room sees it: Enter starts a turn only while
	 * voting is open (elsewhere it says why not). */
	W(UI_CTX_LOCKED, UI_WHEN_OPEN, UI_KEY_ENTER, UI_ACT_PARTICIPANT, N_("Enter"), N_("next participant")),
	W(UI_CTX_LOCKED, UI_WHEN_NOT_STARTED, UI_KEY_ENTER, UI_ACT_PARTICIPANT, N_("Enter"), N_("next participant, once voting opens")),
	K(UI_CTX_LOCKED, UI_KEY_ENTER, UI_ACT_PARTICIPANT, NULL, NULL),
	K(UI_CTX_LOCKED, 'f', UI_ACT_FACILITATOR, N_("f"), N_("facilitator")),
	K(UI_CTX_LOCKED, 'F', UI_ACT_FACILITATOR, NULL, NULL),
	K(UI_CTX_LOCKED, UI_KEY_F2, UI_ACT_FACILITATOR, NULL, NULL),
	K(UI_CTX_LOCKED, '?', UI_ACT_HELP, N_("?"), N_("help")),
	K(UI_CTX_LOCKED, UI_KEY_F1, UI_ACT_HELP, NULL, NULL),
	/* The console unlocked: what voting and reveal keys say follows the
	 * voting state (no "reveal" once revealed, no "next participant"
	 * after closing). */
	W(UI_CTX_CONSOLE, UI_WHEN_OPEN, UI_KEY_ENTER, UI_ACT_PARTICIPANT, N_("Enter"), N_("participant")),
	K(UI_CTX_CONSOLE, UI_KEY_ENTER, UI_ACT_PARTICIPANT, NULL, NULL),
	K(UI_CTX_CONSOLE, ' ', UI_ACT_TIMER, N_("Space"), N_("start/pause")),
	K(UI_CTX_CONSOLE, '+', UI_ACT_MINUTE_MORE, N_("+/-"), N_("minute")),
	K(UI_CTX_CONSOLE, '=', UI_ACT_MINUTE_MORE, NULL, NULL),
	K(UI_CTX_CONSOLE, '-', UI_ACT_MINUTE_LESS, NULL, NULL),
	K(UI_CTX_CONSOLE, 'n', UI_ACT_NEXT_PHASE, N_("n/p"), N_("phase")),
	K(UI_CTX_CONSOLE, UI_KEY_RIGHT, UI_ACT_NEXT_PHASE, NULL, NULL),
	K(UI_CTX_CONSOLE, 'p', UI_ACT_PREV_PHASE, NULL, NULL),
	K(UI_CTX_CONSOLE, UI_KEY_LEFT, UI_ACT_PREV_PHASE, NULL, NULL),
	K(UI_CTX_CONSOLE, 'r', UI_ACT_RESULTS, N_("r"), N_("results")),
	W(UI_CTX_CONSOLE, UI_WHEN_HIDDEN, 'v', UI_ACT_REVEAL, N_("v"), N_("reveal")),
	W(UI_CTX_CONSOLE, UI_WHEN_REVEALED, 'v', UI_ACT_REVEAL, N_("v"), N_("hide results")),
	W(UI_CTX_CONSOLE, UI_WHEN_OPEN, 'c', UI_ACT_CLOSE, N_("c"), N_("close voting")),
	W(UI_CTX_CONSOLE, UI_WHEN_CLOSED, 'c', UI_ACT_CLOSE, N_("c"), N_("reopen voting")),
	K(UI_CTX_CONSOLE, 'b', UI_ACT_BELL, N_("b"), N_("bell")),
	K(UI_CTX_CONSOLE, 'w', UI_ACT_PHONE, N_("w"), N_("phone voting")),
	K(UI_CTX_CONSOLE, 'e', UI_ACT_REPLACE, N_("e"), N_("replace a ballot")),
	K(UI_CTX_CONSOLE, 'k', UI_ACT_PIN, N_("k"), N_("PIN")),
	K(UI_CTX_CONSOLE, 'l', UI_ACT_LOCK, N_("l"), N_("lock")),
	K(UI_CTX_CONSOLE, 'f', UI_ACT_LOCK, NULL, NULL),
	K(UI_CTX_CONSOLE, UI_KEY_F2, UI_ACT_LOCK, NULL, NULL),
	K(UI_CTX_CONSOLE, 's', UI_ACT_SESSIONS, N_("s"), N_("sessions")),
	K(UI_CTX_CONSOLE, 't', UI_ACT_PAPER, N_("t"), N_("transcribe paper")),
	K(UI_CTX_CONSOLE, 'u', UI_ACT_NEXT_ROUND, N_("u"), N_("next round")),
	K(UI_CTX_CONSOLE, 'q', UI_ACT_QUIT, N_("q"), N_("quit")),
	K(UI_CTX_CONSOLE, UI_CTRL('c'), UI_ACT_QUIT, NULL, NULL),
	K(UI_CTX_CONSOLE, '?', UI_ACT_HELP, N_("?"), N_("help")),
	K(UI_CTX_CONSOLE, UI_KEY_F1, UI_ACT_HELP, NULL, NULL),
	/* Phone voting: the address and QR code. */
	K(UI_CTX_PHONE, UI_KEY_ESC, UI_ACT_BACK, N_("Esc"), N_("back (phones go on)")),
	K(UI_CTX_PHONE, 's', UI_ACT_STOP, N_("s"), N_("stop phone voting")),
	/* The next round: start it? */
	ASK(UI_CTX_ROUND, N_("yes, start the next round"), N_("no, stay in this round")),
	/* Reveal while voting is open: close first? */
	ASK(UI_CTX_REVEAL, N_("close voting and reveal"), N_("reveal, voting stays open")),
	K(UI_CTX_REVEAL, UI_KEY_ESC, UI_ACT_BACK, N_("Esc"), N_("cancel")),
	/* Signing. */
	K(UI_CTX_SIGN, UI_KEY_ENTER, UI_ACT_OK, N_("Enter"), N_("sign and go on")),
	K(UI_CTX_SIGN, UI_KEY_ESC, UI_ACT_BACK, N_("Esc"), N_("back")),
	ASK(UI_CTX_REPLACE, N_("yes, replace it"), N_("no, another name")),
	/* The signer's group, when the session has groups. */
	K(UI_CTX_GROUP, UI_KEY_ENTER, UI_ACT_OK, N_("Enter"), N_("choose and go on")),
	K(UI_CTX_GROUP, UI_KEY_UP, UI_ACT_UP, N_("↑↓"), N_("move")),
	K(UI_CTX_GROUP, UI_KEY_DOWN, UI_ACT_DOWN, NULL, NULL),
	R(UI_CTX_GROUP, '1', '9', UI_ACT_SET, N_("1-9"), N_("pick by number")),
	K(UI_CTX_GROUP, UI_KEY_ESC, UI_ACT_BACK, N_("Esc"), N_("back")),
	/* The ballot grid. */
	K(UI_CTX_BALLOT, UI_KEY_UP, UI_ACT_UP, N_("←↑↓→"), N_("move")),
	K(UI_CTX_BALLOT, UI_KEY_DOWN, UI_ACT_DOWN, NULL, NULL),
	K(UI_CTX_BALLOT, UI_KEY_LEFT, UI_ACT_LEFT, NULL, NULL),
	K(UI_CTX_BALLOT, UI_KEY_RIGHT, UI_ACT_RIGHT, NULL, NULL),
	R(UI_CTX_BALLOT, '0', '9', UI_ACT_SET, N_("0-9"), N_("dots here")),
	K(UI_CTX_BALLOT, UI_KEY_ENTER, UI_ACT_OK, N_("Enter"), N_("review")),
	/* Before the notes: a participant is always told how to cancel. */
	K(UI_CTX_BALLOT, UI_KEY_ESC, UI_ACT_BACK, N_("Esc"), N_("cancel")),
	K(UI_CTX_BALLOT, UI_KEY_TAB, UI_ACT_NOTES, N_("Tab"), N_("SWOT notes")),
	K(UI_CTX_BALLOT, '+', UI_ACT_ADD, N_("+/-"), N_("one more/less")),
	K(UI_CTX_BALLOT, ' ', UI_ACT_ADD, NULL, NULL),
	K(UI_CTX_BALLOT, '-', UI_ACT_REMOVE, NULL, NULL),
	K(UI_CTX_BALLOT, UI_KEY_BACKSPACE, UI_ACT_REMOVE, NULL, NULL),
	K(UI_CTX_BALLOT, UI_KEY_DELETE, UI_ACT_REMOVE, NULL, NULL),
	K(UI_CTX_BALLOT, '?', UI_ACT_HELP, N_("?"), N_("help")),
	K(UI_CTX_BALLOT, UI_KEY_F1, UI_ACT_HELP, NULL, NULL),
	/* SWOT notes. */
	K(UI_CTX_NOTES, UI_KEY_TAB, UI_ACT_NEXT_FIELD, N_("Tab/↑↓"), N_("next box")),
	K(UI_CTX_NOTES, UI_KEY_ENTER, UI_ACT_OK, N_("Enter"), N_("keep notes")),
	K(UI_CTX_NOTES, UI_KEY_ESC, UI_ACT_BACK, N_("Esc"), N_("discard changes")),
	/* Review. */
	K(UI_CTX_REVIEW, UI_KEY_ENTER, UI_ACT_OK, N_("Enter"), N_("confirm and save")),
	K(UI_CTX_REVIEW, UI_KEY_ESC, UI_ACT_BACK, N_("Esc"), N_("back to change")),
	K(UI_CTX_REVIEW, UI_KEY_BACKSPACE, UI_ACT_BACK, NULL, NULL),
	/* Leaving a turn. */
	ASK(UI_CTX_CANCEL, N_("yes, leave without saving"), N_("no, go on voting")),
	/* Hand-over. */
	K(UI_CTX_HANDOVER, UI_KEY_ENTER, UI_ACT_OK, N_("Enter"), N_("next participant")),
	K(UI_CTX_HANDOVER, 'f', UI_ACT_FACILITATOR, N_("f"), N_("facilitator")),
	K(UI_CTX_HANDOVER, 'F', UI_ACT_FACILITATOR, NULL, NULL),
	K(UI_CTX_HANDOVER, UI_KEY_F2, UI_ACT_FACILITATOR, NULL, NULL),
	/* Results, and the projector view (tapla screen): Esc does not quit
	 * the room's view, so that a stray one cannot close it. */
	M(VIEWS, 'q', UI_ACT_QUIT, N_("q"), N_("quit")),
	M(VIEWS, 'Q', UI_ACT_QUIT, NULL, NULL),
	M(VIEWS, UI_CTRL('c'), UI_ACT_QUIT, NULL, NULL),
	NOTE(UI_CTX_VIEW, N_("(view only: voting happens at the tapla workshop screen)")),
	K(UI_CTX_VIEW_RESULTS, 'p', UI_ACT_SWITCH, N_("p"), N_("phase/results")),
	M(VIEWS, 'p', UI_ACT_SWITCH, NULL, NULL),
	M(VIEWS, 'P', UI_ACT_SWITCH, NULL, NULL),
	M(SCROLL, UI_KEY_UP, UI_ACT_UP, N_("↑↓"), N_("scroll")),
	M(SCROLL, UI_KEY_DOWN, UI_ACT_DOWN, NULL, NULL),
	M(SCROLL, UI_KEY_PGUP, UI_ACT_PAGE_UP, NULL, NULL),
	M(SCROLL, UI_KEY_PGDN, UI_ACT_PAGE_DOWN, NULL, NULL),
	M(SCROLL, ' ', UI_ACT_PAGE_DOWN, NULL, NULL),
	M(SCROLL, UI_KEY_TAB, UI_ACT_NOTES, N_("Tab"), N_("tally/notes")),
	M(SCROLL, 't', UI_ACT_TABLE, N_("t"), N_("chart/table")),
	M(SCROLL, 'T', UI_ACT_TABLE, NULL, NULL),
	W(UI_CTX_RESULTS, UI_WHEN_HIDDEN, 'v', UI_ACT_REVEAL, N_("v"), N_("reveal")),
	W(UI_CTX_RESULTS, UI_WHEN_REVEALED, 'v', UI_ACT_REVEAL, N_("v"), N_("hide")),
	/* The export must stay discoverable: kept on a narrow help line
	 * (once the results show: before that e does nothing). */
	KEPT(UI_CTX_RESULTS, UI_WHEN_REVEALED | UI_WHEN_SHOWN, 'e', UI_ACT_EXPORT, N_("e"), N_("export")),
	/* And the way back: the results have no "?" to tell it. */
	KEPT(UI_CTX_RESULTS, 0, UI_KEY_ESC, UI_ACT_BACK, N_("Esc"), N_("back")),
	/* Rounds and groups (ui-shift.c): after the keys every screen needs. */
	M(SCROLL, 'm', UI_ACT_MOVED, N_("m"), N_("who moved")),
	M(SCROLL, 'g', UI_ACT_GROUPS, N_("g"), N_("groups")),
	/* The projector's note after its keys, shown however narrow. */
	KEPT(UI_CTX_VIEW_RESULTS, 0, UI_KEY_NONE, UI_ACT_NONE, NULL, N_("(view only)")),
	K(UI_CTX_RESULTS, 'r', UI_ACT_BACK, NULL, NULL),
	K(UI_CTX_RESULTS, 'q', UI_ACT_BACK, NULL, NULL),
	/* Start screen. */
	K(UI_CTX_START, UI_KEY_UP, UI_ACT_UP, N_("↑↓"), N_("choose")),
	K(UI_CTX_START, UI_KEY_DOWN, UI_ACT_DOWN, NULL, NULL),
	K(UI_CTX_START, UI_KEY_ENTER, UI_ACT_OK, N_("Enter"), N_("open")),
	K(UI_CTX_START, 'q', UI_ACT_QUIT, N_("q"), N_("quit")),
	K(UI_CTX_START, UI_KEY_ESC, UI_ACT_BACK, NULL, NULL),
	K(UI_CTX_START, UI_CTRL('c'), UI_ACT_QUIT, NULL, NULL),
	/* New-session form. */
	K(UI_CTX_FORM, UI_KEY_TAB, UI_ACT_NEXT_FIELD, N_("Tab/↑↓"), N_("field")),
	K(UI_CTX_FORM, UI_KEY_LEFT, UI_ACT_LEFT, N_("←→"), N_("change")),
	K(UI_CTX_FORM, UI_KEY_RIGHT, UI_ACT_RIGHT, NULL, NULL),
	K(UI_CTX_FORM, UI_KEY_ENTER, UI_ACT_OK, N_("Enter"), N_("next field")),
	K(UI_CTX_FORM, UI_CTRL('s'), UI_ACT_SAVE, N_("^S"), N_("create")),
	K(UI_CTX_FORM, UI_KEY_ESC, UI_ACT_BACK, N_("Esc"), N_("back")),
	/* Prompts. */
	K(UI_CTX_PROMPT, UI_KEY_ENTER, UI_ACT_OK, N_("Enter"), N_("OK")),
	K(UI_CTX_PROMPT, UI_KEY_ESC, UI_ACT_BACK, N_("Esc"), N_("cancel")),
	ASK(UI_CTX_QUIT, N_("yes, quit"), N_("no, go on")),
	/* Transcribing paper (ui-transcribe.c): most needed keys first. */
	K(UI_CTX_PAPER_LINES, UI_KEY_ENTER, UI_ACT_OK, N_("Enter"), N_("add line")),
	K(UI_CTX_PAPER_LINES, UI_KEY_ESC, UI_ACT_BACK, N_("Esc"), N_("leave")),
	K(UI_CTX_PAPER_LINES, UI_CTRL('s'), UI_ACT_SAVE, N_("^S"), N_("save all")),
	K(UI_CTX_PAPER_LINES, UI_KEY_TAB, UI_ACT_NEXT_FIELD, N_("Tab"), N_("field")),
	K(UI_CTX_PAPER_LINES, UI_KEY_PGDN, UI_ACT_PAGE_DOWN, N_("PgUp/PgDn"), N_("sheet")),
	K(UI_CTX_PAPER_LINES, UI_KEY_PGUP, UI_ACT_PAGE_UP, NULL, NULL),
	K(UI_CTX_PAPER_LINES, UI_CTRL('t'), UI_ACT_SWITCH, N_("^T"), N_("totals")),
	K(UI_CTX_PAPER_LINES, UI_CTRL('z'), UI_ACT_UNDO, N_("^Z"), N_("undo line")),
	K(UI_CTX_PAPER_LINES, UI_KEY_LEFT, UI_ACT_LEFT, N_("←→ 1-6"), N_("column")),
	K(UI_CTX_PAPER_LINES, UI_KEY_RIGHT, UI_ACT_RIGHT, NULL, NULL),
	K(UI_CTX_PAPER_TOTALS, UI_KEY_ENTER, UI_ACT_OK, N_("Enter"), N_("save sheet")),
	K(UI_CTX_PAPER_TOTALS, UI_KEY_ESC, UI_ACT_BACK, N_("Esc"), N_("leave")),
	K(UI_CTX_PAPER_TOTALS, UI_KEY_UP, UI_ACT_UP, N_("←↑↓→"), N_("move")),
	K(UI_CTX_PAPER_TOTALS, UI_KEY_DOWN, UI_ACT_DOWN, NULL, NULL),
	K(UI_CTX_PAPER_TOTALS, UI_KEY_LEFT, UI_ACT_LEFT, NULL, NULL),
	K(UI_CTX_PAPER_TOTALS, UI_KEY_RIGHT, UI_ACT_RIGHT, NULL, NULL),
	K(UI_CTX_PAPER_TOTALS, UI_KEY_TAB, UI_ACT_NEXT_FIELD, NULL, NULL),
	R(UI_CTX_PAPER_TOTALS, '0', '9', UI_ACT_SET, N_("0-9"), N_("number")),
	K(UI_CTX_PAPER_TOTALS, UI_KEY_BACKSPACE, UI_ACT_REMOVE, NULL, NULL),
	K(UI_CTX_PAPER_TOTALS, UI_KEY_DELETE, UI_ACT_REMOVE, NULL, NULL),
	K(UI_CTX_PAPER_TOTALS, UI_KEY_PGDN, UI_ACT_PAGE_DOWN, N_("PgUp/PgDn"), N_("sheet")),
	K(UI_CTX_PAPER_TOTALS, UI_KEY_PGUP, UI_ACT_PAGE_UP, NULL, NULL),
	K(UI_CTX_PAPER_TOTALS, UI_CTRL('t'), UI_ACT_SWITCH, N_("^T"), N_("lines")),
	ASK(UI_CTX_PAPER_REPLACE, N_("yes, replace"), N_("no, keep what is stored")),
	ASK(UI_CTX_PAPER_LEAVE, N_("yes, leave without saving"), N_("no, go on")),
	M(FIELDS, UI_KEY_DOWN, UI_ACT_NEXT_FIELD, NULL, NULL),
	M(FIELDS, UI_KEY_BTAB, UI_ACT_PREV_FIELD, NULL, NULL),
	M(FIELDS, UI_KEY_UP, UI_ACT_PREV_FIELD, NULL, NULL),
	M(YES_NO_LETTERS, 'Y', UI_ACT_YES, NULL, NULL),
	M(YES_NO_LETTERS, 'k', UI_ACT_YES, NULL, NULL),
	M(YES_NO_LETTERS, 'K', UI_ACT_YES, NULL, NULL),
	M(YES_NO_LETTERS, 'N', UI_ACT_NO, NULL, NULL),
	M(YES_NO_LETTERS, 'e', UI_ACT_NO, NULL, NULL),
	M(YES_NO_LETTERS, 'E', UI_ACT_NO, NULL, NULL),
	M(YES_NO, UI_KEY_ESC, UI_ACT_NO, NULL, NULL),
};

/* Is the row one of the context's, in the voting state `when`? */
static bool in_when(const struct ui_keydef *d, enum ui_ctx ctx, unsigned when)
{
	return (d->ctxs & IN(ctx)) != 0 && (d->when == 0 || (d->when & when) != 0);
}

/* Is the row one of the context's (in any state)? */
static bool in(const struct ui_keydef *d, enum ui_ctx ctx)
{
	return (d->ctxs & IN(ctx)) != 0;
}

unsigned ui_when_of(struct voting v)
{
	unsigned w = v.phase == VOTING_OPEN ? UI_WHEN_OPEN :
		     v.phase == VOTING_CLOSED ? UI_WHEN_CLOSED : UI_WHEN_NOT_STARTED;
	return w | (v.results == RESULTS_HIDDEN ? UI_WHEN_HIDDEN :
		    v.results == RESULTS_REVEALED ? UI_WHEN_REVEALED : UI_WHEN_SHOWN);
}

enum ui_action ui_key_action_when(enum ui_ctx ctx, unsigned when, int key)
{
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		if (in_when(&table[i], ctx, when) && table[i].act != UI_ACT_NONE &&
		    key >= table[i].lo && key <= table[i].hi)
			return table[i].act;
	return UI_ACT_NONE;
}

enum ui_action ui_key_action(enum ui_ctx ctx, int key)
{
	return ui_key_action_when(ctx, UI_WHEN_ANY, key);
}

/* The help entry of a context ("? help"), "" if it has none. */
static void help_item(enum ui_ctx ctx, char *out, size_t n)
{
	out[0] = '\0';
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		if (in(&table[i], ctx) && table[i].act == UI_ACT_HELP && table[i].label) {
			snprintf(out, n, "  %s %s", _(table[i].keys), _(table[i].label));
			return;
		}
}

void ui_keys_help(enum ui_ctx ctx, size_t cols, struct buf *out)
{
	ui_keys_help_when(ctx, UI_WHEN_ANY, cols, out);
}

/* The help line's item of a row: "keys label", after two spaces unless
 * it is the first. */
static void line_item(const struct ui_keydef *d, bool first, char *out, size_t n)
{
	snprintf(out, n, "%s%s%s%s", first ? "" : "  ", d->keys ? _(d->keys) : "",
		 d->keys ? " " : "", _(d->label));
}

/* Is the row on the help line of a context in a state (not the help key,
 * which the line ends with)? */
static bool on_line(const struct ui_keydef *d, enum ui_ctx ctx, unsigned when)
{
	return in_when(d, ctx, when) && d->label && d->act != UI_ACT_HELP;
}

/* The columns the kept rows of a context need on its help line. */
static size_t kept_width(enum ui_ctx ctx, unsigned when)
{
	char item[200];
	size_t w = 0;
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		if (on_line(&table[i], ctx, when) && table[i].kept) {
			line_item(&table[i], false, item, sizeof item);
			w += text_width(item);
		}
	return w;
}

void ui_keys_help_when(enum ui_ctx ctx, unsigned when, size_t cols,
		       struct buf *out)
{
	char help[100];
	help_item(ctx, help, sizeof help);
	size_t hw = text_width(help);
	size_t used = 0, kept = kept_width(ctx, when);
	cols = cols > hw ? cols - hw : 0;  /* the help entry always fits */
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
		if (!on_line(&table[i], ctx, when))
			continue;
		char item[200];
		line_item(&table[i], used == 0, item, sizeof item);
		size_t w = text_width(item);
		if (table[i].kept)
			kept -= w + (used == 0 ? 2 : 0);  /* its room is its own now */
		else if (used + w + kept > cols)
			continue;  /* what does not fit is left out whole */
		buf_puts(out, item);
		used += w;
	}
	buf_puts(out, used ? help : help + (help[0] ? 2 : 0));
}

size_t ui_keys_entries_when(enum ui_ctx ctx, unsigned when,
			    struct ui_key_entry *out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
		if (!in_when(&table[i], ctx, when) || !table[i].label)
			continue;
		if (n < max) {
			out[n].keys = table[i].keys ? _(table[i].keys) : "";
			out[n].label = _(table[i].label);
		}
		n++;
	}
	return n;
}

void ui_keys_lines(enum ui_ctx ctx, struct buf *out)
{
	ui_keys_lines_when(ctx, UI_WHEN_ANY, out);
}

void ui_keys_lines_when(enum ui_ctx ctx, unsigned when, struct buf *out)
{
	struct ui_key_entry e[sizeof table / sizeof table[0]];
	size_t n = ui_keys_entries_when(ctx, when, e, sizeof e / sizeof e[0]);
	size_t kw = 0;
	for (size_t i = 0; i < n; i++)
		kw = text_width(e[i].keys) > kw ? text_width(e[i].keys) : kw;
	for (size_t i = 0; i < n; i++) {
		/* Padded by display width: "Välilyönti" is ten columns, twelve
		 * bytes; two columns always part a key from its words. */
		buf_printf(out, "  %s", e[i].keys);
		for (size_t w = text_width(e[i].keys); w < kw + 2; w++)
			buf_putc(out, ' ');
		buf_printf(out, "%s\n", e[i].label);
	}
}

/* Function keys of curses in our codes. */
static int from_function_key(unsigned wc)
{
	switch (wc) {
	case KEY_UP: return UI_KEY_UP;
	case KEY_DOWN: return UI_KEY_DOWN;
	case KEY_LEFT: return UI_KEY_LEFT;
	case KEY_RIGHT: return UI_KEY_RIGHT;
	case KEY_HOME: return UI_KEY_HOME;
	case KEY_END: return UI_KEY_END;
	case KEY_PPAGE: return UI_KEY_PGUP;
	case KEY_NPAGE: return UI_KEY_PGDN;
	case KEY_BACKSPACE: return UI_KEY_BACKSPACE;
	case KEY_DC: return UI_KEY_DELETE;
	case KEY_ENTER: return UI_KEY_ENTER;
	case KEY_BTAB: return UI_KEY_BTAB;
	case KEY_F(1): return UI_KEY_F1;
	case KEY_F(2): return UI_KEY_F2;
	case KEY_RESIZE: return UI_KEY_RESIZE;
	case KEY_MOUSE: return UI_KEY_MOUSE;
	default: return UI_KEY_NONE;
	}
}

int ui_key_from_curses(int rc, unsigned wc)
{
	if (rc == KEY_CODE_YES)
		return from_function_key(wc);
	if (rc != OK)
		return UI_KEY_NONE;
	switch (wc) {
	case '\r': case '\n': return UI_KEY_ENTER;
	case 27: return UI_KEY_ESC;
	case '\t': return UI_KEY_TAB;
	case 127: case 8: return UI_KEY_BACKSPACE;
	default: break;
	}
	if (wc >= UI_KEY_BASE)
		return UI_KEY_NONE;
	return (int)wc;
}

size_t ui_key_utf8(int key, char out[4])
{
	if (key < 0x20 || key == 0x7f || (key >= 0x80 && key < 0xa0) ||
	    key >= UI_KEY_BASE || (key >= 0xd800 && key <= 0xdfff))
		return 0;
	int n = u8_uctomb((uint8_t *)out, (ucs4_t)key, 4);
	return n > 0 ? (size_t)n : 0;
}

/* The paste being handled: one at a time, as keys are. */
static struct {
	const char *text;
	size_t len;
	bool cut;
} paste;

void ui_key_paste_set(const char *text, size_t len, bool cut)
{
	paste.text = text;
	paste.len = text ? len : 0;
	paste.cut = cut;
}

/* Inserts the paste being handled; the field's "cut" notice shows when
 * the reader kept only part of it. */
static void edit_paste(struct lineedit *e)
{
	if (paste.text && paste.len > 0)
		lineedit_insert(e, paste.text, paste.len);
	else
		e->cut = e->dropped = false;
	if (paste.cut)
		e->cut = true;
}

bool ui_key_edit(struct lineedit *e, int key)
{
	char u[4];
	size_t n;
	switch (key) {
	case UI_KEY_PASTE: edit_paste(e); return true;
	case UI_KEY_LEFT: lineedit_left(e); return true;
	case UI_KEY_RIGHT: lineedit_right(e); return true;
	case UI_KEY_HOME: case UI_CTRL('a'): lineedit_home(e); return true;
	case UI_KEY_END: case UI_CTRL('e'): lineedit_end(e); return true;
	case UI_KEY_BACKSPACE: lineedit_backspace(e); return true;
	case UI_KEY_DELETE: case UI_CTRL('d'): lineedit_delete(e); return true;
	case UI_CTRL('u'): lineedit_kill_start(e); return true;
	default: break;
	}
	n = ui_key_utf8(key, u);
	if (n == 0)
		return false;
	lineedit_insert(e, u, n);
	return true;
}

bool ui_key_move(enum ui_action act, int *sel, int last)
{
	if (act == UI_ACT_UP && *sel > 0)
		(*sel)--;
	else if (act == UI_ACT_DOWN && *sel < last)
		(*sel)++;
	return act == UI_ACT_UP || act == UI_ACT_DOWN;
}

const char *ui_key_clean_name(const struct lineedit *e, char **clean,
			      const char *empty)
{
	*clean = NULL;
	enum text_status st = text_clean_name(e->text ? e->text : "", clean);
	if (st == TEXT_OK)
		return NULL;
	return st == TEXT_EMPTY ? empty : text_status_message(st);
}
