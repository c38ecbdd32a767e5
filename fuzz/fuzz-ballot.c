/* fuzz-ballot: the command line's ballot parser. The input is a session
 * (three bytes: sheets, budget, mode) and then arguments, one a line. Each
 * argument goes through args_parse_id, args_parse_note and args_parse_dot;
 * parsed dots are added to a ballot as "tapla vote" adds them, and to a
 * second ballot only when rules_can_set / rules_can_add allow it. A line
 * starting with '!' asks rules_can_add about a raw (maybe invalid) cell. */
#include <stddef.h>
#include <stdint.h>

#include "fuzz-check.h"
#include "tapla/args.h"
#include "tapla/rules.h"
#include "tapla/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The session the arguments are given for. */
struct setup {
	int nsheets;
	int budget;
	enum mode mode;
};

/* Both ballots being built. */
struct state {
	struct setup s;
	struct ballot loose;   /* every parsed dot, as cmd-vote adds them */
	struct ballot strict;  /* only what the rules allowed */
};

/* Reads the session from the first bytes (defaults when they are missing);
 * returns the bytes used. */
static size_t read_setup(const uint8_t *data, size_t size, struct setup *s)
{
	s->nsheets = size > 0 ? 1 + data[0] % RULES_MAX_SHEETS : 4;
	s->budget = size > 1 ? 1 + data[1] % RULES_BUDGET_MAX : RULES_BUDGET_DEFAULT;
	s->mode = size > 2 && data[2] % 2 ? MODE_CLASSIC : MODE_WEIGHTED;
	return size < 3 ? size : 3;
}

/* A verdict's sentence: empty exactly when the verdict is OK. */
static void check_sentence(enum rules_verdict v, const char *err)
{
	FUZZ_CHECK((v == RULES_OK) == (err[0] == '\0'));
}

/* What a ballot that passes rules_check_ballot must be. */
static void check_valid_ballot(const struct ballot *b, const struct setup *s)
{
	int total = rules_ballot_total(b);
	FUZZ_CHECK(total >= 1 && total <= s->budget);
	for (int sh = 0; sh < b->nsheets; sh++) {
		int on_sheet = rules_ballot_sheet_total(b, sh);
		FUZZ_CHECK(s->mode != MODE_CLASSIC || on_sheet <= 1);
		for (int l = 0; l < LEVEL_COUNT; l++)
			FUZZ_CHECK(b->dots[sh][l] >= 0 && b->dots[sh][l] <= s->budget);
	}
}

/* rules_check_ballot's verdict, and the invariants that go with it. */
static enum rules_verdict check_ballot(const struct ballot *b, const struct setup *s)
{
	char err[256];
	enum rules_verdict v = rules_check_ballot(b, s->budget, s->mode, err, sizeof err);
	check_sentence(v, err);
	if (v == RULES_OK)
		check_valid_ballot(b, s);
	if (v == RULES_EMPTY)
		FUZZ_CHECK(rules_ballot_total(b) == 0);
	return v;
}

/* The strict ballot takes a cell's new count only if the rules allow it,
 * and one more dot the same way; it must stay valid (or empty). */
static void apply_strict(struct state *st, int sheet, enum level l, int dots)
{
	char err[256];
	struct ballot *b = &st->strict;
	enum rules_verdict v = rules_can_set(b, st->s.budget, st->s.mode, sheet, l,
					     dots, err, sizeof err);
	check_sentence(v, err);
	if (v == RULES_OK) {
		b->dots[sheet][l] = dots;
		enum rules_verdict after = check_ballot(b, &st->s);
		FUZZ_CHECK(after == RULES_OK || after == RULES_EMPTY);
	}
	v = rules_can_add(b, st->s.budget, st->s.mode, sheet, l, err, sizeof err);
	check_sentence(v, err);
	if (v == RULES_OK) {
		b->dots[sheet][l]++;
		FUZZ_CHECK(check_ballot(b, &st->s) == RULES_OK);
	}
}

/* One "SHEET:LEVEL=DOTS" argument. */
static void try_dot(struct state *st, const char *arg)
{
	int sheet = -1, dots = -1;
	enum level l = LEVEL_COUNT;
	char err[256] = "";
	if (!args_parse_dot(arg, st->s.nsheets, &sheet, &l, &dots, err, sizeof err)) {
		FUZZ_CHECK(err[0] != '\0');
		return;
	}
	FUZZ_CHECK(sheet >= 0 && sheet < st->s.nsheets);
	FUZZ_CHECK((int)l >= 0 && l < LEVEL_COUNT);
	FUZZ_CHECK(dots >= 0 && dots <= RULES_BUDGET_MAX);
	st->loose.dots[sheet][l] += dots;
	apply_strict(st, sheet, l, dots);
}

/* One "SHEET:Q:TEXT" argument; its text is cleaned as cmd-vote cleans it. */
static void try_note(const struct state *st, const char *arg)
{
	int sheet = -1;
	enum quadrant q = QUAD_COUNT;
	const char *text = NULL;
	char err[256] = "";
	if (!args_parse_note(arg, st->s.nsheets, &sheet, &q, &text, err, sizeof err)) {
		FUZZ_CHECK(err[0] != '\0');
		return;
	}
	FUZZ_CHECK(sheet >= 0 && sheet < st->s.nsheets);
	FUZZ_CHECK((int)q >= 0 && q < QUAD_COUNT);
	FUZZ_CHECK(text >= arg && text <= arg + strlen(arg));
	char *clean = NULL;
	if (text_clean(text, TEXT_NOTE_MAX, &clean) == TEXT_OK) {
		FUZZ_CHECK(clean != NULL);
		FUZZ_CHECK(text_valid_utf8(clean, strlen(clean)));
	} else {
		FUZZ_CHECK(clean == NULL);
	}
	free(clean);
}

/* A session id argument. */
static void try_id(const char *arg)
{
	int64_t id = 0;
	char err[256] = "";
	if (args_parse_id(arg, &id, err, sizeof err))
		FUZZ_CHECK(id >= 1);
	else
		FUZZ_CHECK(err[0] != '\0');
}

/* "!" + two bytes: rules_can_add on a raw cell, in range or not; out of
 * range it must refuse without touching the ballot. */
static void try_raw_cell(const struct state *st, const char *arg)
{
	char err[256];
	int sheet = arg[1] ? (signed char)arg[1] : 0;
	int level = arg[1] && arg[2] ? (unsigned char)arg[2] % (LEVEL_COUNT + 2) : 0;
	enum rules_verdict v = rules_can_add(&st->strict, st->s.budget, st->s.mode,
					     sheet, (enum level)level, err, sizeof err);
	check_sentence(v, err);
	if (sheet < 0 || sheet >= st->s.nsheets)
		FUZZ_CHECK(v == RULES_BAD_SHEET);
	else if (level >= LEVEL_COUNT)
		FUZZ_CHECK(v == RULES_BAD_DOTS);
}

/* Every parser on one argument. */
static void try_argument(struct state *st, const char *arg)
{
	if (arg[0] == '!') {
		try_raw_cell(st, arg);
		return;
	}
	try_id(arg);
	try_note(st, arg);
	try_dot(st, arg);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct state st;
	size_t used = read_setup(data, size, &st.s);
	rules_ballot_init(&st.loose, st.s.nsheets);
	rules_ballot_init(&st.strict, st.s.nsheets);
	FUZZ_CHECK(st.loose.nsheets == st.s.nsheets);
	char *args = fuzz_cstr(data + used, size - used);
	for (char *line = args, *next; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		try_argument(&st, line);
	}
	free(args);
	check_ballot(&st.loose, &st.s);
	enum rules_verdict v = check_ballot(&st.strict, &st.s);
	FUZZ_CHECK(v == RULES_OK || v == RULES_EMPTY);
	return 0;
}
