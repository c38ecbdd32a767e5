/* report: everything about one session that leaves tapla (exports), and the
 * writers that turn it into text.
 *
 * Pure: the store loads a struct report; the writers append to a buf. The
 * JSON layout "tapla-session/1" is a contract other tools read: keys may be
 * added, none removed or renamed. */
#ifndef TAPLA_REPORT_H
#define TAPLA_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "tapla/buf.h"
#include "tapla/rules.h"
#include "tapla/source.h"
#include "tapla/tally.h"
#include "tapla/template.h"

struct report_participant {
	int seq;       /* 1.. in signing order */
	char *name;    /* NULL in anonymous sessions */
	char signed_at[32];
	enum ballot_source source;    /* where the ballot came from */
	int order[RULES_MAX_SHEETS];  /* sheet indexes by position shown */
	int norder;                   /* 0: the order was not recorded */
	char *group;   /* the group signed in (groups.h), NULL for none */
};

struct report_ballot {
	int participant;  /* seq */
	int sheet;        /* index */
	enum level level;
	int dots;
};

struct report_note {
	int sheet;        /* index */
	enum quadrant quadrant;
	int participant;  /* seq, 0 if nobody */
	char *text;
};

/* The column totals of a paper sheet whose names could not be read
 * (store_paper_totals_save); the tally includes them already. */
struct report_paper {
	int sheet;               /* index */
	int dots[LEVEL_COUNT];
	int people[LEVEL_COUNT];
	int total_people;        /* filled signature lines */
	int total_dots;
};

/* Dots at one position of the shown order (position 1 = shown first). */
struct report_position {
	int dots;
	int people;  /* participants with a dot on the sheet at that place */
};

struct report {
	struct session session;
	struct tpl_sheet *sheets;  /* session.nsheets of them */
	struct tpl_phase *phases;
	size_t nphases;
	struct tally tally;
	struct report_participant *participants;  /* by seq */
	size_t nparticipants;
	struct report_ballot *ballots;  /* by participant, sheet, level */
	size_t nballots;
	struct report_note *notes;      /* by sheet, quadrant, insertion */
	size_t nnotes;
	struct report_paper *paper;     /* by sheet */
	size_t npaper;
	int sources[SOURCE_COUNT];      /* participants (ballots) by source */
	/* The previous round (session.after) when it is in the same database,
	 * loaded with its ballot cells; owned, freed by report_free; NULL in
	 * round 1 or when that round is elsewhere. */
	struct report *previous;
};

struct report_options {
	bool no_names;   /* leave every name out */
	char csv_sep;    /* ',' or ';' (0: ',') */
	bool csv_bom;    /* start CSV with a UTF-8 byte order mark */
	bool csv_tally;  /* CSV of the tally (a row per sheet), not ballots */
};

/* The participant with number seq, or NULL. */
const struct report_participant *report_participant(const struct report *r,
						     int seq);
/* The signature list of a sheet: participant numbers with a dot on it, in
 * signing order, as a new array in *out (NULL when empty) and its count in
 * *n. False on no memory. */
bool report_signers(const struct report *r, int sheet, int **out, size_t *n);
/* A number with one decimal for people to read (never for CSV or JSON):
 * "+" before it if `sign` and it is not zero, the real minus sign "−"
 * before a negative one, a decimal comma if `comma` ("−2,5"). */
const char *report_decimal_styled(double v, bool sign, bool comma, char *buf,
				  size_t n);
/* The same in the messages' language's style (fi: "−2,5", en: "−2.5"). */
const char *report_decimal(double v, bool sign, char *buf, size_t n);

/* Dots by position: fills pos[0..nsheets-1] over the ballots whose order
 * was recorded and returns how many participants that is (0: nothing to
 * show). by_sheet (may be NULL) gets the same ballots' dots by sheet, so
 * the two compare like with like: whether position mattered. */
int report_positions(const struct report *r,
		     struct report_position pos[RULES_MAX_SHEETS],
		     struct report_position by_sheet[RULES_MAX_SHEETS]);
/* The position (1 = shown first) of a ballot cell's sheet in its
 * participant's order, or 0 when the order was not recorded. */
int report_ballot_position(const struct report *r,
			   const struct report_ballot *b);
/* "Ballots: 3 on screen, 2 from paper." naming only the sources used
 * (nothing without ballots), in the language in effect, not escaped: the
 * text, Markdown and HTML reports all say it. */
void report_sources_line(const struct report *r, struct buf *out);
/* "Column totals from paper (names unreadable, counted in the tally):
 * sheet 2: 7 dots." (nothing without paper totals), likewise. */
void report_paper_line(const struct report *r, struct buf *out);
/* Dots in the paper column totals of all sheets. */
int report_paper_dots(const struct report *r);

void report_free(struct report *r);

/* The writers: false on no memory. */
bool report_json(const struct report *r, const struct report_options *o,
		 struct buf *out);
bool report_csv(const struct report *r, const struct report_options *o,
		struct buf *out);
/* One CSV field (RFC 4180), quoted when it must be. Text that starts with
 * = + - @ (a spreadsheet would take it as a formula) or with ' gets one
 * more ' in front; tapla import takes one ' off a field that starts with '
 * and then one of = + - @ ', so every name comes back exactly. */
void report_csv_field(struct buf *out, const char *s, char sep);
/* A number for CSV; with the ';' separator the decimal is a comma. */
void report_csv_number(struct buf *out, char sep, const char *fmt, double v);
/* The six columns' counts, each after a separator. */
void report_csv_levels(struct buf *out, char sep, const int v[LEVEL_COUNT]);
/* A sheet's tally after its counts: total dots, total people, share,
 * agreement score (empty without one) and rank, each after a separator;
 * the tally CSV and compare's CSV write them alike. */
void report_csv_figures(struct buf *out, char sep, const struct tally_sheet *t);
/* The tally as plain text for a terminal, `width` columns wide. */
bool report_text(const struct report *r, const struct report_options *o,
		 size_t width, struct buf *out);

/* Documents for people: each follows the session's language (r->session
 * .language), switching the message language while it writes and restoring
 * the caller's afterwards. All user text is escaped for the format. */
/* Markdown for the minutes: method, per sheet the statement, the totals
 * table as on paper, share, agreement score, flags, SWOT notes, ranking. */
bool report_markdown(const struct report *r, const struct report_options *o,
		     struct buf *out);
/* One self-contained HTML5 file (inline CSS and SVG, no script, no external
 * resources): the same as the Markdown plus a diverging bar chart per sheet;
 * reads on screen and prints on A4. */
bool report_html(const struct report *r, const struct report_options *o,
		 struct buf *out);
/* Printable paper sheets as one HTML file, one A4 page per sheet, laid out
 * like the seed's sheet: statement, instruction, six columns, 25 numbered
 * signature lines, the "Yht." row, two SWOT boxes, the method's source, and
 * the session's title, date and a sheet code ("1a2b3c-2"). */
bool report_print_sheets(const struct report *r,
			 const struct report_options *o, struct buf *out);

/* Helpers the document writers share. */
/* Appends s with & < > " ' as HTML character references and control
 * characters (except newline and tab) left out. */
void report_html_escape(struct buf *out, const char *s);
/* Appends an element: open (a start tag), s escaped, close (its end tag). */
void report_html_wrap(struct buf *out, const char *open, const char *s,
		      const char *close);
/* The code printed on a paper sheet so a transcription can be matched: the
 * first 6 characters of the session uuid, '-', the sheet number. */
void report_sheet_code(const struct report *r, size_t sheet, char *code,
		       size_t len);
/* The caller's message language, saved while a document is written in the
 * session's. */
struct report_lang {
	char saved[8];
	bool switched;
};
void report_lang_enter(struct report_lang *l, const struct report *r);
void report_lang_leave(struct report_lang *l);
/* Appends "Signed by N participants: 1. Name, 2. Name." (plain text, to be
 * escaped by the caller), the signers of the sheet in signing order; only
 * the count when the session is anonymous or names are left out. */
void report_signature_line(const struct report *r,
			   const struct report_options *o, size_t sheet,
			   struct buf *out);
/* Appends the translated names of the flags set, joined by ", " (plain
 * text, to be escaped by the caller); false if none is set. */
bool report_flag_names(unsigned flags, struct buf *out);
/* The sheets that have a tally, by rank then number: fills order[] with
 * at most max sheet indexes and returns how many. */
size_t report_rank_order(const struct report *r, size_t *order, size_t max);
/* The session's date in the language in effect ("24.11.2026" in Finnish,
 * "2026-11-24" in English), or "" when created is not a date. */
void report_session_date(const struct report *r, char *date, size_t len);
/* A sheet's agreement score with one decimal in the language in effect,
 * "+" before a positive value but none before zero; "–" without a score. */
void report_score_text(const struct tally_sheet *t, char *s, size_t len);
/* A share of all dots (0..1) as a whole percentage in the language in
 * effect: "35 %" in Finnish, "35%" in English. */
void report_share_text(double share, char *s, size_t len);

/* What a writer that escapes byte by byte meets at a non-ASCII byte p[0]
 * of stored text (which another writer may have left invalid). */
enum report_char {
	REPORT_CHAR_OK,       /* a valid character: write its *len bytes */
	REPORT_CHAR_C1,       /* a C1 control (U+0080..U+009F), *len 2 */
	REPORT_CHAR_INVALID,  /* not UTF-8: one byte, write U+FFFD instead */
};
enum report_char report_utf8_char(const char *p, size_t *len);
/* Appends the character at p (not ASCII) as the HTML and Markdown documents
 * write stored text: a valid one as it is, a C1 control dropped, an invalid
 * byte as U+FFFD. Returns how many bytes of p it took (at least 1). */
size_t report_put_char(struct buf *out, const char *p);
/* "Idea or claim N: its short name" (no colon without a short name), the
 * heading of sheet i's sections in the documents; the short name goes
 * through put (the format's escaping). */
void report_sheet_heading(const struct report *r, size_t i,
			  void (*put)(struct buf *out, const char *s),
			  struct buf *out);

/* A shallow copy of r for a terminal: the strings a report draws (the
 * session's title, template name and dates, the sheets' names and
 * statements) sanitized with text_sanitize, since another writer may have
 * stored escape sequences in the file; everything else is borrowed from r.
 * Free with report_drawn_free, never report_free. False on no memory. */
bool report_drawn(const struct report *r, struct report *out);
void report_drawn_free(struct report *d);

#endif
