/* ui: the full-screen workshop app (ncursesw), internal to the ui-*.c files.
 *
 * One loop (ui-app.c) reads a key, hands it to the current screen's ops
 * row and draws when a handler returned UI_REDRAW. Screens (UI_SCREENS
 * below): the start screen (pick or make a session), the facilitator
 * console (agenda and timer), a participant's turn, the results, the help,
 * transcribing paper, and the projector view (tapla screen), which runs in
 * the same loop read-only. The turn's key handling
 * (ui-turn.c) is pure: it takes a key code and the turn state, knows nothing
 * of the terminal or the store, and asks the app for what it needs through
 * `req` (check a name, save the ballot), so it can be driven headless. */
#ifndef TAPLA_UI_H
#define TAPLA_UI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

#include "tapla/assets.h"
#include "tapla/buf.h"
#include "tapla/front.h"
#include "tapla/lineedit.h"
#include "tapla/outfile.h"
#include "tapla/report.h"
#include "tapla/rules.h"
#include "tapla/store.h"
#include "tapla/voting.h"

/* What a handler asks of the loop. */
enum {
	UI_NONE = 0,
	UI_REDRAW = 1 << 0,
	UI_QUIT = 1 << 1,
};

/* Key codes: a Unicode code point for a character, or one of these. */
enum {
	UI_KEY_NONE = -1,
	UI_KEY_BASE = 0x110000,
	UI_KEY_UP,
	UI_KEY_DOWN,
	UI_KEY_LEFT,
	UI_KEY_RIGHT,
	UI_KEY_HOME,
	UI_KEY_END,
	UI_KEY_PGUP,
	UI_KEY_PGDN,
	UI_KEY_BACKSPACE,
	UI_KEY_DELETE,
	UI_KEY_ENTER,
	UI_KEY_ESC,
	UI_KEY_TAB,
	UI_KEY_BTAB,
	UI_KEY_F1,
	UI_KEY_F2,
	UI_KEY_RESIZE,
	UI_KEY_MOUSE,
	UI_KEY_PASTE,  /* a bracketed paste: its text as ui_key_paste_set set it */
	UI_KEY_LAST,
};
#define UI_CTRL(c) ((c) & 0x1f)

/* Where a key is read: each has its own row of the key table. */
enum ui_ctx {
	UI_CTX_LOCKED = 0,  /* console as the room sees it */
	UI_CTX_CONSOLE,     /* console unlocked for the facilitator */
	UI_CTX_SIGN,
	UI_CTX_REPLACE,
	UI_CTX_BALLOT,
	UI_CTX_NOTES,
	UI_CTX_REVIEW,
	UI_CTX_CANCEL,
	UI_CTX_HANDOVER,
	UI_CTX_RESULTS,
	UI_CTX_START,
	UI_CTX_FORM,
	UI_CTX_PROMPT,      /* a PIN */
	UI_CTX_QUIT,        /* quit? yes/no */
	UI_CTX_PAPER_LINES, /* transcribing paper: one signature line */
	UI_CTX_PAPER_TOTALS, /* transcribing paper: a sheet's column totals */
	UI_CTX_PAPER_REPLACE, /* transcribing: replace what is stored? */
	UI_CTX_PAPER_LEAVE, /* transcribing: leave without saving? */
	UI_CTX_VIEW,        /* the projector view (tapla screen) */
	UI_CTX_VIEW_RESULTS, /* the same once the room may see the results */
	UI_CTX_GROUP,       /* a turn: picking the signer's group */
	UI_CTX_PHONE,       /* phone voting: the join address and QR code */
	UI_CTX_REVEAL,      /* reveal while voting is open: close it first? */
	UI_CTX_ROUND,       /* start the next round? yes/no */
	UI_CTX_COUNT
};

enum ui_action {
	UI_ACT_NONE = 0,
	UI_ACT_UP,
	UI_ACT_DOWN,
	UI_ACT_LEFT,
	UI_ACT_RIGHT,
	UI_ACT_SET,          /* a digit: set the cell's count */
	UI_ACT_ADD,
	UI_ACT_REMOVE,
	UI_ACT_NOTES,
	UI_ACT_NEXT_FIELD,
	UI_ACT_PREV_FIELD,
	UI_ACT_OK,
	UI_ACT_BACK,
	UI_ACT_YES,
	UI_ACT_NO,
	UI_ACT_HELP,
	UI_ACT_FACILITATOR,
	UI_ACT_TIMER,        /* start, pause, resume */
	UI_ACT_MINUTE_MORE,
	UI_ACT_MINUTE_LESS,
	UI_ACT_NEXT_PHASE,
	UI_ACT_PREV_PHASE,
	UI_ACT_PARTICIPANT,  /* next participant */
	UI_ACT_REVEAL,
	UI_ACT_CLOSE,        /* close or reopen voting */
	UI_ACT_RESULTS,
	UI_ACT_BELL,
	UI_ACT_LOCK,
	UI_ACT_PIN,
	UI_ACT_REPLACE,      /* a facilitator's turn replacing a ballot */
	UI_ACT_PHONE,        /* phone voting: open it, show its address */
	UI_ACT_STOP,         /* phone voting: stop the server */
	UI_ACT_QUIT,
	UI_ACT_PAGE_UP,
	UI_ACT_PAGE_DOWN,
	UI_ACT_DELETE,
	UI_ACT_SESSIONS,     /* back to the list of sessions */
	UI_ACT_EXPORT,       /* the results to a file */
	UI_ACT_PAPER,        /* transcribe paper sheets */
	UI_ACT_SAVE,         /* save what was typed */
	UI_ACT_SWITCH,       /* lines / column totals; phase / results */
	UI_ACT_UNDO,         /* take back the last line */
	UI_ACT_NEXT_ROUND,   /* start the session's next round */
	UI_ACT_MOVED,        /* the results: who moved since the last round */
	UI_ACT_GROUPS,       /* the results: per group */
	UI_ACT_TABLE,        /* the results' chart / table of numbers */
};

/* ui-keys.c: the key table. */
/* Voting states a row of the key table may be limited to: one of the
 * first three and one of the last three hold at a time (ui_when_of). */
enum {
	UI_WHEN_NOT_STARTED = 1 << 0,
	UI_WHEN_OPEN = 1 << 1,
	UI_WHEN_CLOSED = 1 << 2,
	UI_WHEN_HIDDEN = 1 << 3,    /* results hidden */
	UI_WHEN_REVEALED = 1 << 4,  /* revealed by the facilitator: may hide */
	UI_WHEN_SHOWN = 1 << 5,     /* shown for good (closed, results phase) */
	UI_WHEN_ANY = (1 << 6) - 1, /* every row, whatever its state */
};
/* The UI_WHEN_* bits of a voting state. */
unsigned ui_when_of(struct voting v);
/* The action of `key` in a context and voting state (UI_ACT_NONE if it
 * has none there). */
enum ui_action ui_key_action_when(enum ui_ctx ctx, unsigned when, int key);
/* ui_keys_help and ui_keys_lines in a voting state: only its rows. */
void ui_keys_help_when(enum ui_ctx ctx, unsigned when, size_t cols,
		       struct buf *out);
void ui_keys_lines_when(enum ui_ctx ctx, unsigned when, struct buf *out);
/* The action of `key` in a context (UI_ACT_NONE if it has none there). */
enum ui_action ui_key_action(enum ui_ctx ctx, int key);
/* The one-line help of a context ("←↑↓→ move  0-9 dots  ..."), at most
 * `cols` wide: entries that do not fit are left out whole, so the table
 * lists the most needed keys of a context first; a row marked kept (the
 * results' export) stays and others give way to it. */
void ui_keys_help(enum ui_ctx ctx, size_t cols, struct buf *out);
/* Every key of a context, one "keys  what" line each, the keys padded to
 * the widest of them and two columns more. */
void ui_keys_lines(enum ui_ctx ctx, struct buf *out);
/* One labelled key of a context, translated: its keys ("" for a note)
 * and what they do. */
struct ui_key_entry {
	const char *keys;
	const char *label;
};
/* The labelled keys of a context in a voting state, in the table's order,
 * into out (at most max); returns how many there are (may be > max). */
size_t ui_keys_entries_when(enum ui_ctx ctx, unsigned when,
			    struct ui_key_entry *out, size_t max);
/* A key as get_wch returned it (rc OK or KEY_CODE_YES) in our codes. */
int ui_key_from_curses(int rc, unsigned wc);
/* The UTF-8 bytes of a character key; 0 if it is not a character. */
size_t ui_key_utf8(int key, char out[4]);
/* Feeds a key to a line editor (characters, arrows, delete, Ctrl-U, a
 * paste); false if the key is not an editing key. */
bool ui_key_edit(struct lineedit *e, int key);
/* Moves the cursor *sel of a list of rows 0..last one up (UI_ACT_UP) or
 * down (UI_ACT_DOWN), staying put at either end; true if `act` is one of
 * the two (the list is redrawn), false for any other action. */
bool ui_key_move(enum ui_action act, int *sel, int last);
/* The name typed in e, cleaned (text_clean_name: invisibles dropped, mixed
 * scripts refused, at most TEXT_NAME_MAX) into
 * *clean for the caller to free: NULL if it is usable, else the sentence
 * to show (`empty` when nothing but blanks was typed; *clean stays NULL). */
const char *ui_key_clean_name(const struct lineedit *e, char **clean,
			      const char *empty);
/* The text of the UI_KEY_PASTE being handled (ui_key_edit inserts it): set
 * by whoever delivers the key (the reader, a test) before handing it on,
 * kept until the next set; `text` is UTF-8 as pasted with line breaks and
 * tabs as spaces, `cut` says more was pasted than the reader keeps.
 * A paste is one key so that it can only ever be text in a field: every
 * other place ignores it (no dots placed, no Enter, no screen left). */
void ui_key_paste_set(const char *text, size_t len, bool cut);

/* ui-input.c: reading keys for the app's loop (curses must be set up). */
/* One key, as get_wch returns it (OK with a character, KEY_CODE_YES with
 * a function key, ERR when none came within wait_ms, -1 waiting for
 * ever), but an invalid UTF-8 byte is dropped alone (KEY_CODE_YES with *wc
 * 0) instead of taking the bytes after it along. */
int ui_input_read(int wait_ms, wint_t *wc);
/* Called after an Esc: when an escape sequence follows at once ('[', ']',
 * 'P', '_' or '^': one the terminal's keys do not have, typed or pasted),
 * reads it to its end. The start of a bracketed paste (Esc [200~) reads
 * the paste to its end (Esc [201~, or the input pausing) and returns
 * UI_KEY_PASTE with its text set (ui_key_paste_set: at most
 * UI_PASTE_MAX bytes kept, the rest read and dropped); any other sequence
 * is dropped (UI_KEY_NONE). Otherwise the key read is put back and the Esc
 * stands (UI_KEY_ESC). */
int ui_input_after_esc(void);
#define UI_PASTE_MAX (64 * 1024)
/* Bracketed paste on or off: what the terminal must be sent (curses up). */
#define UI_PASTE_ON "\033[?2004h"
#define UI_PASTE_OFF "\033[?2004l"
/* Has the terminal gone (hung up, closed)? Reads then fail at once, so
 * the loop must end even if no SIGHUP came. */
bool ui_input_gone(void);

/* ui-turn.c: a participant's turn, pure. */
enum ui_turn_step {
	TURN_SIGN = 0,  /* typing the name */
	TURN_REPLACE,   /* the facilitator's turn: replace that ballot? */
	TURN_GROUP,     /* the session has groups: which is the signer's? */
	TURN_BALLOT,    /* the grid */
	TURN_NOTES,     /* SWOT notes of one sheet */
	TURN_REVIEW,    /* the whole ballot, confirm */
	TURN_CANCEL,    /* leave without saving? */
	TURN_HANDOVER,  /* saved: pass the laptop on */
	TURN_DONE,      /* the turn is over, back to the console */
};

enum ui_turn_request {
	TURN_REQ_NONE = 0,
	TURN_REQ_CHECK_NAME,  /* app: ui_turn_name_checked() */
	TURN_REQ_SAVE,        /* app: ui_turn_saved() */
	TURN_REQ_FACILITATOR, /* app: the facilitator key was pressed */
};

/* The sheets a turn or a transcription holds, whatever the session says:
 * 1 to RULES_MAX_SHEETS (both state machines clamp alike). */
static inline int ui_sheet_count(int nsheets)
{
	return nsheets < 1 ? 1 :
	       nsheets > RULES_MAX_SHEETS ? RULES_MAX_SHEETS : nsheets;
}

struct ui_turn {
	int nsheets;
	int budget;
	enum mode mode;
	bool anonymous;
	enum ui_turn_step step;
	struct ballot ballot;
	int order[RULES_MAX_SHEETS];  /* the sheet shown at each row */
	int pos;                   /* cursor row */
	int sheet;                 /* the sheet at the cursor: order[pos] */
	int level;                 /* cursor column */
	struct lineedit name;
	char *notes[RULES_MAX_SHEETS][QUAD_COUNT];  /* NULL or clean text */
	struct lineedit field[QUAD_COUNT];          /* while in TURN_NOTES */
	int quad;                  /* the field with the cursor */
	bool replace;              /* replace this name's earlier ballot */
	bool facilitator;          /* the facilitator's turn: may replace a
				    * ballot (set after ui_turn_begin, which
				    * clears it for every participant) */
	enum ui_turn_request req;
	char msg[600];             /* refusal or notice, "" if none */
	bool msg_is_error;
	int seq;                   /* the participant number once saved */
	char *groups;              /* the session's groups (groups.h stored
				    * form, a copy), NULL for none */
	int ngroups;
	int group;                 /* the group picked, -1 for none */
	int group_sel;             /* the list's cursor; ngroups = "no group" */
	/* Digits typed in quick succession make one number (1 then 0 is
	 * ten): the app sets now_ms before each key (ui_now_ms; a test its
	 * own clock); the last digit's time and cell say whether the next
	 * one joins it. */
	int64_t now_ms;
	int64_t digit_ms;          /* when the last digit came; -1: none */
	int digit_sheet, digit_level;
};
/* How soon a digit must follow the one before to join it (ms). */
#define UI_TURN_DIGIT_MS 1000

/* Prepares a turn for a session. False on no memory. */
bool ui_turn_init(struct ui_turn *t, int nsheets, int budget, enum mode mode,
		  bool anonymous);
void ui_turn_free(struct ui_turn *t);
/* Starts a fresh turn: nothing of the previous one is kept. */
void ui_turn_begin(struct ui_turn *t);
/* Gives the turn the session's groups (groups.h stored form, copied; NULL
 * for none): a step after signing (the first step when anonymous) then
 * asks the signer's group, or none; the caller begins the turn after.
 * False on no memory (the turn then has no groups). */
bool ui_turn_set_groups(struct ui_turn *t, const char *stored);
/* The name of the group picked into buf (n bytes); false for none. */
bool ui_turn_group_name(const struct ui_turn *t, char *buf, size_t n);
/* Shows the sheets in this order (sheet indexes by row, a permutation of
 * 0..nsheets-1) for the rest of the turn; the cursor goes to the top.
 * ui_turn_begin resets the order to the sheets' own. False (nothing
 * changed) if order is not a permutation. */
bool ui_turn_set_order(struct ui_turn *t, const int *order);
/* Moves the cursor to a cell (row, column) and adds a dot there. */
unsigned ui_turn_click(struct ui_turn *t, int row, int level);
/* Handles one key; returns UI_REDRAW (or UI_NONE) and may set t->req. */
unsigned ui_turn_key(struct ui_turn *t, int key);
/* The app's answer to TURN_REQ_CHECK_NAME. A name that has voted is
 * refused in a participant's turn (told to ask the facilitator: nobody
 * replaces another's ballot at the laptop) and asked about in the
 * facilitator's (TURN_REPLACE). */
void ui_turn_name_checked(struct ui_turn *t, bool signed_before);
/* The answer to "replace this name's ballot?" in the facilitator's turn
 * (the y/n keys): yes goes on to the grid replacing it, no back to the
 * name. */
void ui_turn_replace_answer(struct ui_turn *t, bool yes);
/* The app's answer to TURN_REQ_SAVE: ok, or the sentence why not. */
void ui_turn_saved(struct ui_turn *t, bool ok, int seq, const char *why);
/* The ballot's notes for store_ballot_save (texts borrowed from t). */
size_t ui_turn_notes(const struct ui_turn *t, struct ballot_note *out,
		     size_t max);
/* Dots left of the budget. */
int ui_turn_left(const struct ui_turn *t);
/* The context of the turn's current step, for the key table. */
enum ui_ctx ui_turn_ctx(const struct ui_turn *t);

/* ui-export.c: the results screen's export. */
/* Writes the report to path as HTML, or Markdown, CSV or JSON by the name's
 * ending, never over st's database and over an existing file only with
 * force (outfile.h); msg receives the sentence to show (where it went, or
 * why not). OUTFILE_EXISTS: ask, then call again with force. */
enum outfile_status ui_export_write(const struct report *r,
				    const struct store *st, const char *path,
				    bool force, char *msg, size_t n);
/* A default file name: "tapla-3-2026-11-24.html". */
void ui_export_default_name(const struct session *s, char *buf, size_t n);

/* ui-timer.c: the countdown of a phase, pure. */
struct ui_timer {
	bool running;
	int64_t deadline_ms;  /* Unix ms while running */
	int64_t left_ms;      /* while paused */
};
int64_t ui_now_ms(void);
int64_t ui_timer_left(const struct ui_timer *t, int64_t now);
void ui_timer_toggle(struct ui_timer *t, int64_t now);
void ui_timer_add(struct ui_timer *t, int64_t delta_ms, int64_t now);
void ui_timer_reset(struct ui_timer *t, int minutes);

/* ui-transcribe.c: a paper sheet typed in by the facilitator, pure (like
 * ui-turn.c). Line by line: a signature line's name, column and dots; the
 * lines gather per name (text_name_key) over all sheets into one ballot
 * each, checked with rules_can_set as they come. Or a sheet's column
 * totals when its names cannot be read. The app answers the requests. */
enum ui_transcribe_step {
	TRANSCRIBE_LINES = 0,     /* typing a signature line */
	TRANSCRIBE_TOTALS,        /* typing a sheet's column totals */
	TRANSCRIBE_REPLACE,       /* the line's name has voted: replace? */
	TRANSCRIBE_REPLACE_TOTALS, /* the sheet has totals: replace them? */
	TRANSCRIBE_LEAVE,         /* leave without saving? */
	TRANSCRIBE_DONE,          /* back to the console */
};

enum ui_transcribe_request {
	TRANSCRIBE_REQ_NONE = 0,
	TRANSCRIBE_REQ_CHECK_NAME,   /* app: ui_transcribe_name_checked() */
	TRANSCRIBE_REQ_SAVE_LINES,   /* app: ui_transcribe_lines_saved() */
	TRANSCRIBE_REQ_SAVE_TOTALS,  /* app: ui_transcribe_totals_saved() */
};

/* One name's ballot gathered from its lines. */
struct ui_transcribe_entry {
	char *name;          /* clean (text_clean) */
	char *key;           /* text_name_key */
	bool replace;        /* replaces the name's stored ballot */
	struct ballot ballot;
};

/* One line as added, so that it can be taken back. */
struct ui_transcribe_line {
	size_t entry;
	int sheet, level, dots;
	bool new_entry;      /* the line made its entry */
};

#define UI_TRANSCRIBE_FIELDS 3   /* name, column, dots */
#define UI_TRANSCRIBE_DOTS_MAX 99
#define UI_TRANSCRIBE_TOTAL_MAX 9999

struct ui_transcribe {
	int nsheets, budget;
	enum mode mode;
	bool anonymous;
	enum ui_transcribe_step step;
	enum ui_transcribe_step back;  /* where a question returns */
	int sheet;
	/* Line by line. */
	int field;                     /* 0 name, 1 column, 2 dots */
	struct lineedit name;
	int level;
	int dots;                      /* 0: none typed */
	struct ui_transcribe_entry *entries;
	size_t nentries, cap;
	struct ui_transcribe_line *lines;
	size_t nlines, lines_cap;
	char *pending_name;            /* the line waiting for CHECK_NAME */
	size_t conflict;               /* the entry found signed on saving,
					* SIZE_MAX if none */
	/* Column totals per sheet: [sheet][0 dots / 1 people][column], -1
	 * blank (dots 0, people as many as dots); sig: signature lines, -1
	 * blank (the people added up). */
	int tot[RULES_MAX_SHEETS][2][LEVEL_COUNT];
	int sig[RULES_MAX_SHEETS];
	int row, col;                  /* totals cursor: row 2 = sig */
	bool replace_totals;
	enum ui_transcribe_request req;
	char msg[512];
	bool msg_is_error;
};

/* Prepares an empty transcription; false on no memory. */
bool ui_transcribe_init(struct ui_transcribe *t, int nsheets, int budget,
			enum mode mode, bool anonymous);
void ui_transcribe_free(struct ui_transcribe *t);
/* Handles one key; returns UI_REDRAW (or UI_NONE) and may set t->req. */
unsigned ui_transcribe_key(struct ui_transcribe *t, int key);
/* The app's answer to TRANSCRIBE_REQ_CHECK_NAME. */
void ui_transcribe_name_checked(struct ui_transcribe *t, bool signed_before);
/* The app's answer to TRANSCRIBE_REQ_SAVE_LINES: ok empties the lines;
 * msg is the sentence to show either way. */
void ui_transcribe_lines_saved(struct ui_transcribe *t, bool ok,
			       const char *msg);
/* The app's answer to TRANSCRIBE_REQ_SAVE_LINES when entry i's name
 * signed in the meantime (nothing was saved): asks whether to replace. */
void ui_transcribe_lines_conflict(struct ui_transcribe *t, size_t i);
/* The name a replace question is about ("" if none). */
const char *ui_transcribe_asked_name(const struct ui_transcribe *t);
/* The app's answer to TRANSCRIBE_REQ_SAVE_TOTALS: ok empties the sheet's
 * totals; conflict asks whether to replace the stored ones. */
void ui_transcribe_totals_saved(struct ui_transcribe *t, bool ok,
				bool conflict, const char *msg);
/* The current sheet's totals as store_paper_totals_save takes them. */
void ui_transcribe_totals(const struct ui_transcribe *t,
			  int dots[LEVEL_COUNT], int people[LEVEL_COUNT],
			  int *sheet_people);
/* Dots in the lines not saved yet. */
int ui_transcribe_pending_dots(const struct ui_transcribe *t);
/* The context of the current step, for the key table. */
enum ui_ctx ui_transcribe_ctx(const struct ui_transcribe *t);

/* The app: screens and the loop (ui-app.c).
 *
 * Each screen is one file with one ops row: what the loop calls to open,
 * close, draw it and hand it a key, and the key context of its help line.
 * Its state is its own struct below, a member of struct ui_app. Screens
 * move with ui_app_goto only. To add a screen: a row in UI_SCREENS, the
 * file defining its ops, its state struct, its key rows (ui-keys.c). */

/* Every screen: X(ID, its ops). The enum and the loop's table are made
 * from this one list. */
#define UI_SCREENS(X)                                                 \
	X(START, ui_start_screen)     /* pick or make a session */     \
	X(CONSOLE, ui_console_screen) /* the facilitator console */    \
	X(TURN, ui_turn_screen)       /* a participant's turn */       \
	X(RESULTS, ui_results_screen) /* the results */                \
	X(HELP, ui_help_screen)       /* the keys, over another */     \
	X(PAPER, ui_paper_screen)     /* transcribing paper sheets */  \
	X(VIEW, ui_view_screen)       /* the projector (tapla screen) */ \
	X(PHONE, ui_phone_screen)     /* phone voting: address, QR code */

enum ui_screen {
#define UI_SCREEN_ID(id, ops) UI_SCREEN_##id,
	UI_SCREENS(UI_SCREEN_ID)
#undef UI_SCREEN_ID
	UI_SCREEN_COUNT
};

struct ui_app;

/* What the loop learnt from the store when no key came. */
enum ui_tick {
	UI_TICK_SAME = 0,  /* nothing committed since the last look */
	UI_TICK_CHANGED,   /* another connection committed: re-read */
	UI_TICK_FAILED,    /* the store could not say (its error is set) */
};

/* One screen. Every handler returns UI_* flags. */
struct ui_screen_ops {
	/* Entering it; false (with the reason said) leaves the app where it
	 * was. NULL: nothing to make. */
	bool (*open)(struct ui_app *app);
	/* Leaving it: frees what open made. NULL: nothing to free. */
	void (*close)(struct ui_app *app);
	/* The frame below the top row and above the message and help line
	 * (the loop draws those for ctx); never writes to the store. */
	void (*draw)(struct ui_app *app);
	unsigned (*key)(struct ui_app *app, int key);
	/* No key came for a while (4 times a second). NULL: nothing to do. */
	unsigned (*tick)(struct ui_app *app, enum ui_tick news);
	/* The key context now, for the help line. NULL: the screen draws
	 * the whole window itself (no message, no help line). */
	enum ui_ctx (*ctx)(const struct ui_app *app);
	/* The context the help screen lists for it. NULL: ctx (a screen
	 * that opens the help has one of the two). */
	enum ui_ctx (*help_ctx)(const struct ui_app *app);
	/* It opens over the current screen, which stays open under it and is
	 * not opened again when it leaves back to it (the help). */
	bool over;
};

#define UI_SCREEN_OPS(id, ops) extern const struct ui_screen_ops ops;
UI_SCREENS(UI_SCREEN_OPS)
#undef UI_SCREEN_OPS

/* The start screen's state (ui-start.c). */
struct ui_start {
	struct session *list;
	size_t n;
	int sel;                 /* n = "new session" */
	bool form;               /* making a new session */
	int field;
	struct lineedit title;
	struct lineedit pin;
	struct lineedit groups;  /* "a, b, c": the signers' groups, optional */
	size_t title_scroll, pin_scroll, groups_scroll;
	struct assets_entry *tpls;
	size_t ntpls;
	int tpl;
	int budget;
	enum mode mode;
	bool anonymous;
	bool shuffle;            /* each participant's own order of sheets */
	int lang;                /* 0 fi, 1 en */
	char msg[600];
};

/* The results' views besides the notes (ui-shift.c draws the last two). */
enum ui_results_view {
	UI_RESULTS_TALLY = 0,
	UI_RESULTS_MOVED,        /* who moved since the previous round */
	UI_RESULTS_GROUPS,       /* per group beside the whole room */
};

/* The results screen's state (ui-results.c). */
struct ui_results {
	bool loaded;
	struct report rep;
	int scroll;
	bool notes;              /* the notes view instead of the tally */
	enum ui_results_view view;  /* when not the notes */
	bool table;              /* the table of numbers instead of the chart */
};

/* Where the turn's grid was drawn: label width, each column's place and
 * width (a column is as wide as its heading's longest word needs), for
 * drawing and for mouse clicks. */
struct ui_turn_grid {
	int y0, label_w, top, rows;
	int head_rows;  /* rows of the column names under the symbols */
	bool narrow;    /* the names do not fit: a legend instead */
	int x[LEVEL_COUNT], w[LEVEL_COUNT];
};

/* The turn screen's state (ui-turn-screen.c): the pure turn and how it
 * was drawn. */
struct ui_turn_screen {
	struct ui_turn t;
	bool ready;              /* t is initialised */
	struct ui_turn_grid grid;
	size_t name_scroll, note_scroll[QUAD_COUNT];
	bool replacing;          /* the next open is the facilitator's turn
				  * to replace a ballot (the console sets it) */
};

/* The help screen's state (ui-help.c). */
struct ui_help {
	int scroll;              /* the first row shown */
	bool scrolls;            /* as last drawn, the keys did not all fit */
};

/* The transcribing screen's state (ui-paper.c). */
struct ui_paper {
	struct ui_transcribe t;
	bool ready;              /* t is initialised */
	size_t name_scroll;
};

/* The projector view's state (ui-view.c). */
struct ui_view {
	char *join_url;          /* phone voting's address while it is open */
	bool phase_view;         /* the phase even though results could show
				  * (or phone voting is open) */
	long long shown;         /* the clock state last drawn */
	int64_t beat_ms;         /* the heartbeat last written (store_view_beat) */
	bool phone_stopped;      /* an address is stored but its server is gone */
	int64_t serve_checked_ms; /* when the phone server's beat was last read */
};

/* A small box over any screen asking one thing (ui-prompt.c). */
enum ui_prompt_kind {
	UI_PROMPT_NONE = 0,
	UI_PROMPT_PIN,       /* unlock: type the PIN */
	UI_PROMPT_NEW_PIN,   /* set a new PIN (empty clears it) */
	UI_PROMPT_QUIT,      /* quit? y/n */
	UI_PROMPT_EXPORT,    /* the results to a file: its name */
	UI_PROMPT_REPLACE_FILE, /* the export's file exists: replace? y/n */
	UI_PROMPT_REVEAL_OPEN, /* reveal while voting is open: close first? */
	UI_PROMPT_NEXT_ROUND, /* start the session's next round? y/n */
};

struct ui_prompt {
	enum ui_prompt_kind kind;  /* UI_PROMPT_NONE: no box */
	struct lineedit field;
	size_t scroll;
	/* The PIN prompt: wrong PINs in a row and when the last was (as the
	 * store keeps them, read when the box opens), for its wait. */
	int pin_failures;
	int64_t pin_failed_ms;
	int64_t pin_wait_shown;    /* the seconds of wait last drawn */
};

/* Phone voting, as the command that starts the app provides it (the
 * screens do not link the phone server: cmd-run.c gives web.h's calls). */
struct ui_phone_ops {
	/* Serves session id of the database at db_path on the machine's
	 * addresses; NULL with one sentence in err on failure. */
	void *(*start)(const char *db_path, int64_t id, char *err, size_t n);
	/* The join address phones open (with its token). */
	const char *(*url)(void *server);
	/* Stops it (closing every connection). */
	void (*stop)(void *server);
};

/* Phases whose time left is kept when the agenda moves on. */
#define UI_PHASES_KEPT 32
struct ui_app {
	struct store *st;
	const struct ui_phone_ops *phone_ops; /* NULL: no phone voting here */
	void *phone;             /* the running server, NULL if none */
	bool lang_fixed;         /* --lang given: keep it */
	bool have_session;
	struct session s;
	struct tpl_sheet *sheets;
	size_t nsheets;
	struct tpl_phase *phases;
	size_t nphases;
	enum ui_screen screen;   /* move with ui_app_goto only */
	enum ui_screen under;    /* under an `over` screen: where it returns */
	bool unlocked;           /* facilitator functions open */
	bool bell;
	bool small;              /* below the smallest size */
	int votes;
	struct ui_timer timer;
	bool time_up_seen;       /* the bell rang for this phase */
	/* What was left of each phase's timer when it was last left, so that
	 * going back (p) does not give it its full time again. */
	int64_t phase_left_ms[UI_PHASES_KEPT];
	bool phase_kept[UI_PHASES_KEPT];
	/* Does a projector view (tapla screen) follow this session? Read from
	 * its heartbeat once a second; without one, opening voting warns once
	 * that a projected console shows every ballot. */
	bool projector;
	int64_t projector_checked_ms;
	bool privacy_warned;
	/* Each screen's own state. */
	struct ui_start start;
	struct ui_turn_screen turn;
	struct ui_results results;
	struct ui_paper paper;
	struct ui_help help;
	struct ui_view view;
	struct ui_prompt prompt;
	char msg[600];
	bool msg_is_error;
	int64_t data_version;
};

/* Smallest usable window. */
#define UI_MIN_COLS 56
#define UI_MIN_ROWS 16

/* ui-app.c */
/* Runs the app on an open store; id 0 starts at the start screen; `phone`
 * (NULL: none) lets the facilitator open phone voting. Returns an exit
 * status (front.h); on failure msg (n bytes) holds the sentence for the
 * command that started it to print. */
int ui_run(struct store *st, int64_t id, bool lang_fixed,
	   const struct ui_phone_ops *phone, char *msg, size_t n);
/* The read-only projector view of session `id` (tapla screen ID) in the
 * same loop: `st` is opened read-only and nothing is written. Returns an
 * exit status and, on failure, the sentence in msg (n bytes), as ui_run. */
int ui_screen_run(struct store *st, int64_t id, bool lang_fixed, char *msg,
		  size_t n);
/* Moves to screen `to`: opens it (staying here if it cannot, its reason
 * said), then closes the one it leaves. An `over` screen keeps the one
 * under it open and leaving back to that one does not open it again; to
 * the screen already shown, nothing happens. Returns UI_REDRAW. */
unsigned ui_app_goto(struct ui_app *app, enum ui_screen to);
/* The ops row of a screen (the help asks the one under it). */
const struct ui_screen_ops *ui_app_ops(enum ui_screen id);
/* Loads session id with its sheets and phases into the app (the caller
 * goes to the console or the view). */
bool ui_app_load_session(struct ui_app *app, int64_t id);
/* Sets the status message. */
void ui_app_say(struct ui_app *app, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The session's voting state (voting.h) as the app holds it now. */
struct voting ui_app_voting(const struct ui_app *app);
/* Its UI_WHEN_* bits, for the key table; UI_WHEN_ANY without a session. */
unsigned ui_app_when(const struct ui_app *app);
/* Refreshes the vote count and session flags from the store. */
void ui_app_refresh(struct ui_app *app);
/* Asks for the facilitator PIN (or unlocks at once when none is set). */
unsigned ui_app_facilitator(struct ui_app *app);

/* ui-draw.c: drawing helpers; every string is sanitized and cropped by
 * display width. */
/* Draws s at (y, x), at most `cols` columns; returns the columns used. */
int ui_draw_text(int y, int x, int cols, const char *s);
/* Draws s at (y, x) in at most `cols` columns, ending in "…" when it had
 * to be cut; returns the columns used. */
int ui_draw_text_ellipsized(int y, int x, int cols, const char *s);
/* The colour of a level in the chart (blue agreement, orange
 * disagreement); 0 without colour or NO_COLOR, and for neutral and ?. */
int ui_attr_level(enum level l);
/* Draws s centred in a row of `cols` columns starting at x. */
void ui_draw_center(int y, int x, int cols, const char *s);
/* Draws s centred across row y of the window in attribute attr (a
 * heading: ui_attr_title(); a line that must stand out: A_BOLD). */
void ui_draw_center_row(int y, int attr, const char *s);
/* Word-wraps s into rows y.. (at most `rows`); returns rows used. */
int ui_draw_wrapped(int y, int x, int cols, int rows, const char *s);
/* The same, but a text that needs more rows ends on the last in "…"
 * after the last word that fits (inside a word only if it is alone);
 * *last_w (if not NULL) receives the width of the last row drawn. */
int ui_draw_wrapped_ellipsized(int y, int x, int cols, int rows, const char *s,
			       int *last_w);
/* A horizontal rule. */
void ui_draw_rule(int y, int x, int cols);
/* One number of a grid centred in `cols - 1` columns at (y, x): a
 * middle dot when `blank`, bold when `bold`; the cursor's cell with
 * brackets in the cursor colour. */
void ui_draw_cell(int y, int x, int cols, int v, bool blank, bool bold,
		  bool cursor);
/* The top bar in reverse video: `left` from the left edge, `right` (in
 * bold if `bold_right`) against the right edge, whole while `left` keeps
 * a dozen columns, else ending in "…"; a `left` too long for the rest
 * ends in "…". */
void ui_draw_bar(const char *left, const char *right, bool bold_right);
/* The bar whose left part is fmt (one %s) made of a session's title:
 * the title is shortened with "…" first, so the rest of fmt (the
 * screen's own name) stays whole. */
void ui_draw_bar_title(const char *fmt, const char *title, const char *right,
		       bool bold_right);
/* title, sanitized, into out: whole if it fits in cols columns (at least
 * 1), else its start and "…" in cols. */
void ui_fit_title(const char *title, int cols, char *out, size_t n);
/* A screen's own notice on the row above the help line; an error in the
 * error colour with a "!" so that it shows without colour. One too long
 * for its row wraps into the row above, as ui_draw_message. Nothing if
 * msg is "". */
void ui_draw_notice(const char *msg, bool error);
/* The help line of a context at the bottom row. */
void ui_draw_help(enum ui_ctx ctx, unsigned when);
/* The status message above the help line; one too long for its row
 * wraps into the row above (and ends in "…" past that). */
void ui_draw_message(const struct ui_app *app);
/* A list of text rows with their attributes, scrolled under the top bar
 * (the results' tally and notes, who moved, by group). */
struct ui_row {
	char *text;
	int attr;
};
struct ui_rows {
	struct ui_row *v;
	size_t n, cap;
	bool failed;  /* a row was lost to memory */
};
/* Appends a row (a copy of text); on no memory sets failed. */
void ui_rows_add(struct ui_rows *rs, int attr, const char *text);
/* Frees the rows and their texts. */
void ui_rows_free(struct ui_rows *rs);
/* Draws rows 2..LINES-3 from *scroll (kept in range) and, when they do
 * not all fit, "(a–b of n, ↑↓ scroll)" at the top right. */
void ui_rows_draw(const struct ui_rows *rs, int *scroll);
/* The "make the window larger" notice. */
void ui_draw_too_small(void);
/* The terminal cursor of a frame: forgotten at its start, asked for by the
 * focused field, placed (or hidden) once at its end, so a frame neither
 * toggles its visibility nor leaves it away from the field (a typed
 * character then costs the terminal a byte or two, not a screen jump). */
void ui_draw_cursor_forget(void);
void ui_draw_cursor_at(int y, int x);
void ui_draw_cursor_place(void);
/* Digits and ':' in big block letters, 5 rows; returns its width. */
int ui_draw_big(int y, int x, const char *digits, bool draw);
/* Sets up colour once after newterm: none with NO_COLOR or a monochrome
 * terminal. */
void ui_draw_colors(void);
/* Attributes that keep meaning without colour. */
int ui_attr_title(void);
int ui_attr_cursor(void);
int ui_attr_error(void);
/* A QR code's: black on white where there is colour (*ink_dark true),
 * else plain, the ink marking the light modules (*ink_dark false). */
int ui_attr_qr(bool *ink_dark);

/* ui-term.c: the terminal itself (curses set up). */
/* Rows y..y+n-1 are redrawn in place at the next refresh, never scrolled
 * there: on a terminal without an alternate screen (TERM=linux, tmux with
 * alternate-screen off) a scrolled row stays in its history. Call when
 * the rows' contents move (a grid scrolled). */
void ui_term_forget_rows(int y, int n);
/* Asks the terminal to clear its saved lines (E3), where it can; at the
 * end of each turn. */
void ui_term_clear_history(void);

/* ui-field.c: a line editor drawn in a field. */
/* Draws e at (y, x) `cols` wide, masked with '•' if `secret`; places the
 * terminal cursor if `focus`. *scroll keeps the horizontal offset. */
void ui_field_draw(const struct lineedit *e, int y, int x, int cols,
		   bool focus, bool secret, size_t *scroll);

/* ui-console.c: besides its screen, what the projector view draws alike. */
/* The timer's time-up check each tick, on any screen: the bell rings once
 * if on. */
void ui_console_ring(struct ui_app *app);
/* The current phase, or NULL if the session has no agenda. */
const struct tpl_phase *ui_console_phase(const struct ui_app *app);
/* Is the running timer at zero? */
bool ui_console_time_up(const struct ui_app *app);
/* The seconds the big clock shows (at most 99:59). */
int64_t ui_console_seconds_left(const struct ui_app *app);
/* A line under the phase's instructions: the console's next step, the
 * projector's vote count. */
typedef void ui_console_status_fn(const struct ui_app *app, int y);
/* The phase heading from row 2, its instructions (as large as text can
 * be), `status` under them, and the countdown in block digits, fitted
 * above the message row; a window too low for block digits gets the
 * countdown on one line and `low_rows` rows below the instructions.
 * Unless `status_always`, the status is left out when the instructions
 * reach the countdown. */
void ui_console_draw_agenda(const struct ui_app *app, ui_console_status_fn *status,
			    int low_rows, bool status_always);

/* The facilitator's v: reveals the results (asking first whether to
 * close voting while it is open) or hides them again. */
unsigned ui_console_toggle_reveal(struct ui_app *app);
/* Reveals the results, closing voting first if `close` (the answer to
 * UI_PROMPT_REVEAL_OPEN). */
unsigned ui_console_reveal(struct ui_app *app, bool close);
/* Makes the session's next round and opens it (the yes to
 * UI_PROMPT_NEXT_ROUND). */
unsigned ui_console_next_round(struct ui_app *app);

/* ui-chart.c: the results chart (rows y0 .. y0+rows-1), the sheets from
 * rank *first on (kept in range: the caller's scroll). */
void ui_chart_draw(const struct report *r, int y0, int rows, int *first);

/* ui-results.c: may the room see the counts now? */
bool ui_results_visible(const struct ui_app *app);

/* ui-phone.c: phone voting at the console. */
/* Stops the server if one runs and clears the stored join address; on
 * leaving a session and at exit. */
void ui_phone_stop(struct ui_app *app);
/* The room's view of phone voting below the top row: the QR code of url
 * on the left, the address in bold and the votes per channel (never
 * what) beside it; the console's phone screen and the projector view. */
void ui_phone_draw_panel(struct ui_app *app, const char *url);
/* Draws the join address's QR code with its top-left corner at (y, x) if
 * it fits in rows×cols; returns the columns used (0: not drawn). */
int ui_phone_draw_qr(const char *url, int y, int x, int rows, int cols);

/* ui-shift.c: the results' views of rounds and groups. */
/* Has report r anything for view v (who moved: a previous round in this
 * database; by group: the session has groups)? If not, why (n bytes) holds
 * the sentence to show. */
bool ui_shift_available(const struct report *r, enum ui_results_view v,
			char *why, size_t n);
/* The key of view v on the results: shows it (or says why it cannot), or
 * back to the tally if it is shown. Returns UI_* flags. */
unsigned ui_shift_toggle(struct ui_app *app, enum ui_results_view v);
/* Draws the results' current view of rounds or groups below the bar,
 * scrolled by app->results.scroll (kept within the rows). */
void ui_shift_draw(struct ui_app *app);
/* The keys of the views that have something, on the notice row above the
 * help line ("m who moved since round 1   g results by group"): the help
 * line may not have room for them. A message drawn after it replaces it. */
void ui_shift_hint(const struct ui_app *app);

/* ui-prompt.c: the box over the screen; while open it has the keys. */
/* Opens the box (a fresh field); returns UI_REDRAW. */
unsigned ui_prompt_open(struct ui_app *app, enum ui_prompt_kind kind);
/* Each tick: UI_REDRAW when the PIN prompt's wait shown has changed. */
unsigned ui_prompt_tick(struct ui_app *app);
void ui_prompt_draw(struct ui_app *app);
unsigned ui_prompt_key(struct ui_app *app, int key);
#endif
