/* rules: the domain of a dot-voting session and the rules a ballot obeys.
 *
 * Pure, no I/O. Sheets are indexed from 0 in C and numbered from 1 for
 * people (number = index + 1). Levels are the six columns of the paper sheet
 * in their left-to-right order. */
#ifndef TAPLA_RULES_H
#define TAPLA_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RULES_MAX_SHEETS 32
#define RULES_BUDGET_DEFAULT 10
#define RULES_BUDGET_MAX 99

enum level {
	LEVEL_AGREE = 0,        /* Täysin samaa */
	LEVEL_PARTLY_AGREE,     /* Osittain samaa */
	LEVEL_NEUTRAL,          /* Neutraali */
	LEVEL_PARTLY_DISAGREE,  /* Osittain eri */
	LEVEL_DISAGREE,         /* Täysin eri */
	LEVEL_UNSURE,           /* ? En osaa sanoa */
	LEVEL_COUNT
};

enum mode {
	MODE_WEIGHTED = 0,  /* spread up to `budget` dots, any number per sheet */
	MODE_CLASSIC,       /* at most one dot per sheet (dotmocracy.org) */
};

enum quadrant { QUAD_S = 0, QUAD_W, QUAD_O, QUAD_T, QUAD_COUNT };

enum rules_verdict {
	RULES_OK = 0,
	RULES_OVER_BUDGET,    /* more dots than the budget */
	RULES_CLASSIC_TWICE,  /* a second dot on one sheet in classic mode */
	RULES_BAD_SHEET,      /* no such sheet */
	RULES_BAD_DOTS,       /* a negative count or one over the budget */
	RULES_EMPTY,          /* a ballot without a single dot */
};

/* Machine key ("agree", "partly-agree", ...), as in JSON and CSV. */
const char *rules_level_key(enum level l);
/* Column name in the user's language ("Täysin samaa" / "Strongly agree"). */
const char *rules_level_name(enum level l);
/* Short column name for narrow screens ("T. samaa" / "Agree"). */
const char *rules_level_short(enum level l);
/* Symbol that carries the meaning without colour, as shown to people on
 * screens, phones and reports: ++ + 0 − −− ? with a real minus sign
 * (U+2212, one column wide, three bytes). Input takes ASCII "-" and "--"
 * as well (rules_level_parse); JSON and CSV write the key, not this. */
const char *rules_level_symbol(enum level l);
/* Accepts every spelling tapla prints for a level, in English and in
 * Finnish whatever the language in effect: the key ("partly-agree"), the
 * symbol as typed or shown (++ + 0 - -- ?, or U+2212 for minus), the
 * column number 1..6, the column name long or short ("Täysin samaa",
 * "Strongly agree", "Agree"), with or without the symbol and a space
 * before it ("? En osaa sanoa", "En osaa sanoa", "−− Täysin eri"). Names in any letter case
 * (full Unicode case folding: "TÄYSIN SAMAA"), NFC or not, spaces around
 * and runs of spaces inside ignored. */
bool rules_level_parse(const char *s, enum level *out);

const char *rules_mode_key(enum mode m);  /* "weighted" / "classic" */
bool rules_mode_parse(const char *s, enum mode *out);

/* 'S', 'W', 'O', 'T' and back; parse accepts either case. */
char rules_quadrant_letter(enum quadrant q);
bool rules_quadrant_parse(const char *s, enum quadrant *out);
/* The paper's order of the SWOT boxes, followed everywhere: S and O side
 * by side, then W and T. */
extern const enum quadrant rules_quadrant_order[QUAD_COUNT];
/* Where q stands in that order (0..3). */
int rules_quadrant_place(enum quadrant q);
/* "Vahvuudet (S)", "Strengths (S)"... */
const char *rules_quadrant_name(enum quadrant q);

/* One participant's dots: dots[sheet][level]. */
struct ballot {
	int nsheets;
	int dots[RULES_MAX_SHEETS][LEVEL_COUNT];
};

/* A SWOT note written with a ballot. */
struct ballot_note {
	int sheet;             /* index */
	enum quadrant quadrant;
	char *text;            /* clean (text_clean) */
};

void rules_ballot_init(struct ballot *b, int nsheets);
int rules_ballot_total(const struct ballot *b);
int rules_ballot_sheet_total(const struct ballot *b, int sheet);

/* Whole-ballot check before it is stored. On failure writes one translated
 * sentence to err (e.g. "12 dots given, the budget is 10."). */
enum rules_verdict rules_check_ballot(const struct ballot *b, int budget,
				      enum mode mode, char *err, size_t errlen);

/* Could one more dot go to (sheet, level)? The same sentence on refusal. */
enum rules_verdict rules_can_add(const struct ballot *b, int budget,
				 enum mode mode, int sheet, enum level l,
				 char *err, size_t errlen);

/* Could the cell (sheet, level) be set to `dots`, the rest unchanged? */
enum rules_verdict rules_can_set(const struct ballot *b, int budget,
				 enum mode mode, int sheet, enum level l,
				 int dots, char *err, size_t errlen);

/* A session as stored. Strings are owned; free with rules_session_free. */
struct session {
	int64_t id;
	char uuid[37];
	char *title;
	char *template_name;  /* e.g. "networks" */
	char *language;       /* "fi" or "en" */
	int budget;
	enum mode mode;
	bool anonymous;
	char created[32];     /* ISO 8601 UTC, "2026-11-24T10:00:00Z" */
	char closed[32];      /* "" while open */
	int phase;            /* index of the current agenda phase */
	bool revealed;        /* results shown while voting runs */
	bool has_pin;         /* a facilitator PIN is set */
	int nsheets;
	int participants;     /* number who have signed / voted */
	/* Timer of the current phase: running with a deadline (Unix ms) or
	 * paused with the time left. */
	bool timer_running;
	int64_t timer_deadline_ms;
	int64_t timer_left_ms;
	bool shuffle;         /* sheets shown in each participant's own order */
	bool demo;            /* a rehearsal session (tapla demo) */
	int round;            /* 1, 2, ...: which round of voting (tapla round) */
	char after[37];       /* the previous round's uuid; "" in round 1 */
	char *groups;         /* the signers' groups, one name a line (see
			       * groups.h); NULL when the session has none */
	int group_min;        /* a smaller group is never shown apart (>= 5) */
};

void rules_session_free(struct session *s);

#endif
