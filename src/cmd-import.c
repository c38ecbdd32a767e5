/* cmd-import: ballots typed into a spreadsheet, in the layout of
 * tapla export --format csv, checked row by row and stored all at once. A
 * bad row refuses the whole file with its line number; nothing is stored. */
#include <errno.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tapla/args.h"
#include "tapla/cmd.h"
#include "tapla/csv.h"
#include "tapla/i18n.h"
#include "tapla/text.h"

#define IMPORT_MAX_BYTES (16 * 1024 * 1024)
#define PARTICIPANT_MAX 1000000
#define LEVEL_CACHE 16

/* What the options ask for. */
struct import_opts {
	bool replace;
};

static const struct cmd_option import_options[] = {
	CMD_FLAG("replace", 'r', struct import_opts, replace),
	CMD_OPTIONS_END,
};

/* The columns the export writes, in its order. */
enum column { COL_PARTICIPANT, COL_NAME, COL_SHEET, COL_LEVEL, COL_DOTS, NCOLS };
static const char *const column_names[NCOLS] = {
	"participant", "name", "sheet", "level", "dots",
};

/* One cell of a gathered ballot: dots at (sheet, level); at most twice
 * the largest budget before the row that makes it is checked. */
struct cell {
	uint8_t sheet, level, dots;
};

/* One participant's ballot as gathered from the rows. */
struct gathered {
	int line;        /* the first row's line */
	long number;     /* the participant column, 0 if empty */
	char *name;      /* clean, NULL in anonymous sessions */
	char *key;       /* text_name_key of name, or NULL */
	char *group;     /* the optional group column, NULL if empty */
	/* The ballot's nonzero cells: a few bytes each where a struct ballot
	 * takes 772, so a million one-row ballots need tens of MB, not a GB.
	 * A struct ballot is made from them when one is checked or saved. */
	struct cell *cells;
	uint16_t ncells, cap;
};

/* An index into the gathered ballots by participant number or by name
 * key (open addressing, at most half full): each row finds its ballot in
 * constant time, so a file of n rows takes time in proportion to n. */
struct lookup {
	size_t *slot;    /* index + 1 into im->g, 0 for empty */
	size_t cap;      /* a power of two, or 0 */
	size_t n;
};

/* The file being imported. */
struct import {
	const char *path;
	const struct session *s;
	int col[NCOLS];  /* field index of each column */
	int group_col;   /* the optional "group" column's index, -1 if none */
	struct gathered *g;
	size_t n, cap;
	struct lookup by_number, by_key;
	/* The previous data row's participant and name fields as read, and
	 * whose ballot it went to: the rows of one ballot follow each other,
	 * so the next row with the same two fields skips cleaning the name
	 * and finding its ballot again. */
	struct buf last_participant, last_name;
	size_t last_owner;  /* index + 1 into g; 0: none */
	/* The first LEVEL_CACHE distinct level fields and what they meant
	 * (a file spells its levels a few ways at most). */
	struct buf level_text[LEVEL_CACHE];
	enum level level_of[LEVEL_CACHE];
	size_t nlevels;
};

/* Prints "FILE:LINE: sentence" as the command's one error line. */
static int row_error(const struct import *im, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int row_error(const struct import *im, int line, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	cmd_error("%s:%d: %s", im->path, line, msg);
	return CMD_EXIT_USAGE;
}

/* Reads the whole file; exit status 2 for a missing or huge file, 1 for a
 * failure to read. */
static int read_file(const char *path, char **data, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		int e = errno;
		cmd_error(_("Cannot open “%s”: %s. Check the file name."), path, strerror(e));
		return e == ENOENT || e == ENOTDIR ? CMD_EXIT_USAGE : CMD_EXIT_ENV;
	}
	struct buf b;
	buf_init(&b);
	char chunk[65536];
	size_t got;
	while ((got = fread(chunk, 1, sizeof chunk, fp)) > 0 && b.len <= IMPORT_MAX_BYTES)
		buf_append(&b, chunk, got);
	bool bad = ferror(fp) != 0;
	fclose(fp);
	if (bad || b.failed || b.len > IMPORT_MAX_BYTES) {
		cmd_error(b.len > IMPORT_MAX_BYTES ?
			  _("“%s” is larger than 16 MB: is it the right file?") :
			  _("Cannot read “%s”: check the disk and try again."), path);
		int rc = b.len > IMPORT_MAX_BYTES ? CMD_EXIT_USAGE : CMD_EXIT_ENV;
		buf_free(&b);
		return rc;
	}
	*len = b.len;
	*data = buf_steal(&b);
	return *data ? CMD_EXIT_OK : CMD_EXIT_ENV;
}

/* Cuts spaces and tabs from both ends of a field, in place. */
static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	return s;
}

/* Finds the five columns in the header record, and an optional sixth,
 * "group" (the signer's group, for sessions with groups). */
static int map_header(struct import *im, struct csv_record *rec)
{
	im->group_col = -1;
	for (size_t i = 0; i < rec->n; i++)
		if (strcasecmp(trim(rec->fields[i]), "group") == 0)
			im->group_col = (int)i;
	for (int c = 0; c < NCOLS; c++) {
		im->col[c] = -1;
		for (size_t i = 0; i < rec->n; i++)
			if (strcasecmp(trim(rec->fields[i]), column_names[c]) == 0)
				im->col[c] = (int)i;
		if (im->col[c] < 0)
			return row_error(im, rec->line,
					 _("the first row must name the columns participant, name, sheet, level, dots (as tapla export --format csv writes them); “%s” is missing."),
					 column_names[c]);
	}
	return CMD_EXIT_OK;
}

/* The field of column c in a row ("" when the row is short). */
static char *field(const struct import *im, struct csv_record *rec, enum column c)
{
	size_t i = (size_t)im->col[c];
	return i < rec->n ? trim(rec->fields[i]) : (char *)"";
}

/* The name of a row: cleaned, the export's formula guard taken off (one
 * ' before = + - @ or another ', see report_csv_field); NULL when empty. */
static int row_name(const struct import *im, int line, const char *raw,
		    char **name)
{
	*name = NULL;
	if (raw[0] == '\'' && raw[1] && strchr("=+-@'", raw[1]))
		raw++;
	if (!*raw) {
		if (!im->s->anonymous)
			return row_error(im, line,
					 _("the name is empty, but session %lld takes names."),
					 (long long)im->s->id);
		return CMD_EXIT_OK;
	}
	if (im->s->anonymous)
		return row_error(im, line,
				 _("session %lld is anonymous: leave the name column empty."),
				 (long long)im->s->id);
	enum text_status ts = text_clean_name(raw, name);
	if (ts != TEXT_OK)
		return row_error(im, line, _("the name is not usable: %s"),
				 text_status_message(ts));
	return CMD_EXIT_OK;
}

/* Is field s what buffer b last remembered? */
static bool same_as(const struct buf *b, const char *s)
{
	return b->len > 0 && !b->failed && strcmp(buf_str(b), s) == 0;
}

/* Remembers s in b (with a marker byte, so "" is remembered too); false
 * on no memory, when nothing is remembered. */
static bool remember(struct buf *b, const char *s)
{
	buf_reset(b);
	return buf_puts(b, s) && buf_putc(b, '\0') && !b->failed;
}

/* A level field met before: *l is what it meant. */
static bool cached_level(const struct import *im, const char *s, enum level *l)
{
	for (size_t i = 0; i < im->nlevels; i++)
		if (same_as(&im->level_text[i], s)) {
			*l = im->level_of[i];
			return true;
		}
	return false;
}

/* Sheet, level and dots of a row. */
static int row_cell(struct import *im, struct csv_record *rec,
		    int *sheet, enum level *l, int *dots)
{
	long v;
	const char *s = field(im, rec, COL_SHEET);
	if (!args_parse_int(s, 1, im->s->nsheets, &v))
		return row_error(im, rec->line, _("there is no sheet “%s”: the sheets are 1 to %d."),
				 s, im->s->nsheets);
	*sheet = (int)v - 1;
	s = field(im, rec, COL_LEVEL);
	if (!cached_level(im, s, l)) {
		if (!rules_level_parse(s, l))
			return row_error(im, rec->line,
					 _("unknown level “%s”: use agree, partly-agree, neutral, partly-disagree, disagree or unsure."),
					 s);
		if (im->nlevels < LEVEL_CACHE &&
		    remember(&im->level_text[im->nlevels], s))
			im->level_of[im->nlevels++] = *l;
	}
	s = field(im, rec, COL_DOTS);
	if (!args_parse_int(s, 0, RULES_BUDGET_MAX, &v))
		return row_error(im, rec->line, _("the dots “%s” are not a number from 0 to %d."),
				 s, RULES_BUDGET_MAX);
	*dots = (int)v;
	return CMD_EXIT_OK;
}

/* FNV-1a of a name key, or a mix of a participant number. */
static size_t hash_key(const char *key, long number)
{
	uint64_t h = 1469598103934665603ULL;
	if (!key) {
		h ^= (uint64_t)number;
		h *= 0x9e3779b97f4a7c15ULL;
		return (size_t)(h ^ (h >> 29));
	}
	for (const unsigned char *p = (const unsigned char *)key; *p; p++) {
		h ^= *p;
		h *= 1099511628211ULL;
	}
	return (size_t)h;
}

/* Does gathered ballot g match (by key when key is given, else by number)? */
static bool same_owner(const struct gathered *g, const char *key, long number)
{
	return key ? g->key && strcmp(g->key, key) == 0 : g->number == number;
}

/* The ballot with this key (or number when key is NULL), or NULL. */
static struct gathered *lookup_find(const struct import *im,
				    const struct lookup *t, const char *key,
				    long number)
{
	if (!t->cap)
		return NULL;
	for (size_t i = hash_key(key, number) & (t->cap - 1); t->slot[i];
	     i = (i + 1) & (t->cap - 1))
		if (same_owner(&im->g[t->slot[i] - 1], key, number))
			return &im->g[t->slot[i] - 1];
	return NULL;
}

/* Puts index `at` of im->g in its free slot (no rehash here). */
static void lookup_put(const struct import *im, struct lookup *t, size_t at,
		       bool by_key)
{
	const struct gathered *g = &im->g[at];
	size_t i = hash_key(by_key ? g->key : NULL, g->number) & (t->cap - 1);
	while (t->slot[i])
		i = (i + 1) & (t->cap - 1);
	t->slot[i] = at + 1;
	t->n++;
}

/* Adds gathered ballot `at`, growing the table to stay half empty;
 * false on no memory. */
static bool lookup_add(const struct import *im, struct lookup *t, size_t at,
		       bool by_key)
{
	if (2 * (t->n + 1) > t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 64;
		size_t *slot = calloc(cap, sizeof *slot);
		if (!slot)
			return false;
		struct lookup grown = { slot, cap, 0 };
		for (size_t i = 0; i < t->cap; i++)
			if (t->slot[i])
				lookup_put(im, &grown, t->slot[i] - 1, by_key);
		free(t->slot);
		*t = grown;
	}
	lookup_put(im, t, at, by_key);
	return true;
}

/* The ballot a row belongs to: the same participant number, or without
 * numbers the same name. NULL when none yet. */
static struct gathered *find_gathered(struct import *im, long number,
				      const char *key)
{
	if (number)
		return lookup_find(im, &im->by_number, NULL, number);
	struct gathered *g = key ? lookup_find(im, &im->by_key, key, 0) : NULL;
	return g && !g->number ? g : NULL;
}

/* A name belongs to one participant number only. */
static int check_name_once(struct import *im, int line, long number,
			   const char *key, const char *name)
{
	struct gathered *g = key ? lookup_find(im, &im->by_key, key, 0) : NULL;
	if (g && g->number != number)
		return row_error(im, line,
				 _("%s is in the file twice, first on line %d: one ballot per person."),
				 name, g->line);
	return CMD_EXIT_OK;
}

/* Starts a new ballot for a row; takes name and key. */
static struct gathered *add_gathered(struct import *im, int line, long number,
				     char *name, char *key)
{
	if (im->n == im->cap) {
		size_t c = im->cap ? im->cap * 2 : 32;
		struct gathered *g = realloc(im->g, c * sizeof *g);
		if (!g)
			return NULL;
		im->g = g;
		im->cap = c;
	}
	struct gathered *g = &im->g[im->n];
	g->line = line;
	g->number = number;
	g->name = name;
	g->key = key;
	g->group = NULL;
	g->cells = NULL;
	g->ncells = g->cap = 0;
	if ((number && !lookup_add(im, &im->by_number, im->n, false)) ||
	    (key && !lookup_add(im, &im->by_key, im->n, true)))
		return NULL;
	im->n++;
	return g;
}

/* A row's group, when the file has the column: one per participant (the
 * store checks it is one of the session's). */
static int row_group(const struct import *im, struct csv_record *rec,
		     struct gathered *g)
{
	size_t i = (size_t)im->group_col;
	const char *v = im->group_col >= 0 && i < rec->n ? trim(rec->fields[i]) : "";
	if (!*v)
		return CMD_EXIT_OK;
	if (g->group && strcmp(g->group, v) != 0)
		return row_error(im, rec->line, _("this participant has another group on line %d."),
				 g->line);
	if (!g->group && !(g->group = strdup(v))) {
		cmd_error(_("Out of memory: close other programs and try again."));
		return CMD_EXIT_ENV;
	}
	return CMD_EXIT_OK;
}

/* Which ballot a row is part of: found, or started. */
static int row_owner(struct import *im, struct csv_record *rec,
		     struct gathered **out)
{
	long number = 0;
	const char *p = field(im, rec, COL_PARTICIPANT);
	const char *raw = field(im, rec, COL_NAME);
	if (im->last_owner && same_as(&im->last_participant, p) &&
	    same_as(&im->last_name, raw)) {
		*out = &im->g[im->last_owner - 1];
		return CMD_EXIT_OK;
	}
	im->last_owner = 0;
	if (*p && !args_parse_int(p, 1, PARTICIPANT_MAX, &number))
		return row_error(im, rec->line, _("the participant “%s” is not a number from 1 up."), p);
	char *name = NULL, *key = NULL;
	int rc = row_name(im, rec->line, field(im, rec, COL_NAME), &name);
	if (rc)
		return rc;
	if (!number && !name) {
		free(name);
		return row_error(im, rec->line, _("give the participant's number or name."));
	}
	if (name && !(key = text_name_key(name)))
		rc = row_error(im, rec->line, _("the name is not valid UTF-8."));
	if (!rc)
		rc = check_name_once(im, rec->line, number, key, name);
	struct gathered *g = rc ? NULL : find_gathered(im, number, key);
	if (!rc && g && number && (g->key ? !key || strcmp(g->key, key) != 0 : key != NULL))
		rc = row_error(im, rec->line, _("participant %ld has another name on line %d."),
			       number, g->line);
	if (!rc && !g && !(g = add_gathered(im, rec->line, number, name, key))) {
		cmd_error(_("Out of memory: close other programs and try again."));
		rc = CMD_EXIT_ENV;
	}
	if (rc || g->name != name) {
		free(name);
		free(key);
	}
	if (!rc && remember(&im->last_participant, p) &&
	    remember(&im->last_name, raw))
		im->last_owner = (size_t)(g - im->g) + 1;
	*out = g;
	return rc;
}

/* Adds dots to a ballot's cell (sheet, l); false on no memory. */
static bool add_cell(struct gathered *g, int sheet, enum level l, int dots)
{
	for (uint16_t i = 0; i < g->ncells; i++)
		if (g->cells[i].sheet == sheet && g->cells[i].level == l) {
			g->cells[i].dots = (uint8_t)(g->cells[i].dots + dots);
			return true;
		}
	if (g->ncells == g->cap) {
		uint16_t cap = g->cap ? (uint16_t)(2 * g->cap) : 4;
		struct cell *c = realloc(g->cells, cap * sizeof *c);
		if (!c)
			return false;
		g->cells = c;
		g->cap = cap;
	}
	g->cells[g->ncells++] = (struct cell){ (uint8_t)sheet, (uint8_t)l,
					       (uint8_t)dots };
	return true;
}

/* The struct ballot of a gathered one, in *b. */
static void to_ballot(const struct import *im, const struct gathered *g,
		      struct ballot *b)
{
	rules_ballot_init(b, im->s->nsheets);
	for (uint16_t i = 0; i < g->ncells; i++)
		b->dots[g->cells[i].sheet][g->cells[i].level] = g->cells[i].dots;
}

/* One data row: its cell added to its participant's ballot, which must
 * still keep the session's rules. */
static int take_row(struct import *im, struct csv_record *rec)
{
	int sheet = 0, dots = 0;
	enum level l = LEVEL_AGREE;
	struct gathered *g = NULL;
	int rc = row_cell(im, rec, &sheet, &l, &dots);
	if (!rc)
		rc = row_owner(im, rec, &g);
	if (!rc)
		rc = row_group(im, rec, g);
	if (rc || dots == 0)
		return rc;
	if (!add_cell(g, sheet, l, dots)) {
		cmd_error(_("Out of memory: close other programs and try again."));
		return CMD_EXIT_ENV;
	}
	char err[256];
	struct ballot b;
	to_ballot(im, g, &b);
	enum rules_verdict v = rules_check_ballot(&b, im->s->budget,
						  im->s->mode, err, sizeof err);
	return v == RULES_OK ? CMD_EXIT_OK : row_error(im, rec->line, "%s", err);
}

/* Reads every row of the file into ballots. */
static int gather(struct import *im, const char *data, size_t len)
{
	struct csv_reader r;
	struct csv_record rec = { 0 };
	csv_init(&r, data, len, 0);
	enum csv_status cs;
	bool header = true;
	int rc = CMD_EXIT_OK;
	while (!rc && (cs = csv_next(&r, &rec)) == CSV_OK) {
		if (csv_record_blank(&rec))
			continue;
		rc = header ? map_header(im, &rec) : take_row(im, &rec);
		header = false;
	}
	if (!rc && cs != CSV_END)
		rc = row_error(im, rec.line, "%s", csv_status_message(cs));
	if (!rc && header)
		rc = row_error(im, 1, _("the file is empty: write the header participant,name,sheet,level,dots and a row per participant, sheet and column."));
	if (!rc && im->n == 0)
		rc = row_error(im, rec.line, _("the file holds no ballots, only the header."));
	csv_record_free(&rec);
	return rc;
}

/* Every ballot holds a dot (rows of 0 dots alone make an empty one). */
static int check_gathered(const struct import *im)
{
	char err[256];
	struct ballot b;
	for (size_t i = 0; i < im->n; i++) {
		to_ballot(im, &im->g[i], &b);
		if (rules_check_ballot(&b, im->s->budget, im->s->mode,
				       err, sizeof err) != RULES_OK)
			return row_error(im, im->g[i].line, "%s", err);
	}
	return CMD_EXIT_OK;
}

/* What the store asks ballots of while saving. */
struct saving {
	const struct import *im;
	bool replace;
};

/* Hands the store ballot i (store_ballots_save_each). */
static bool next_ballot(void *arg, size_t i, struct store_ballot_in *in,
			struct ballot *scratch)
{
	const struct saving *sv = arg;
	const struct gathered *g = &sv->im->g[i];
	to_ballot(sv->im, g, scratch);
	in->name = g->name;
	in->ballot = scratch;
	in->replace = sv->replace;
	in->source = SOURCE_IMPORT;
	in->group = g->group;
	return true;
}

/* Stores every ballot in one transaction; prints what was done. */
static int save(struct cmd_ctx *ctx, struct import *im, bool replace)
{
	int dots = 0;
	for (size_t i = 0; i < im->n; i++)
		for (uint16_t c = 0; c < im->g[i].ncells; c++)
			dots += im->g[i].cells[c].dots;
	struct saving sv = { im, replace };
	size_t failed = im->n;
	enum store_status st = store_ballots_save_each(ctx->store, im->s->id,
						       im->n, next_ballot, &sv,
						       &failed, NULL);
	if (st == STORE_OK) {
		char d[64];  /* each count with its own plural */
		snprintf(d, sizeof d, P_("%d dot", "%d dots", dots), dots);
		printf(P_("Imported %zu ballot (%s) into session %lld.\n",
			  "Imported %zu ballots (%s) into session %lld.\n", im->n),
		       im->n, d, (long long)im->s->id);
		return CMD_EXIT_OK;
	}
	if (failed < im->n && st != STORE_ERROR && st != STORE_BUSY)
		return row_error(im, im->g[failed].line, "%s", store_error(ctx->store));
	return cmd_store_failed(ctx, st);
}

static void free_import(struct import *im)
{
	for (size_t i = 0; i < im->n; i++) {
		free(im->g[i].group);
		free(im->g[i].name);
		free(im->g[i].key);
		free(im->g[i].cells);
	}
	free(im->g);
	free(im->by_number.slot);
	free(im->by_key.slot);
	buf_free(&im->last_participant);
	buf_free(&im->last_name);
	for (size_t i = 0; i < LEVEL_CACHE; i++)
		buf_free(&im->level_text[i]);
}

static int exec_import(struct cmd_ctx *ctx, void *opts, int argc, char **argv)
{
	bool replace = ((const struct import_opts *)opts)->replace;
	if (argc != 2)
		return cmd_usage_error(&cmd_import_entry, _("Give the session id and the CSV file."));
	char *data = NULL;
	size_t len = 0;
	struct session s;
	int rc = cmd_load_session(ctx, argv[0], &s);
	if (rc)
		return rc;
	struct import im = { .path = argv[1], .s = &s };
	buf_init(&im.last_participant);
	buf_init(&im.last_name);
	for (size_t i = 0; i < LEVEL_CACHE; i++)
		buf_init(&im.level_text[i]);
	rc = read_file(im.path, &data, &len);
	if (!rc)
		rc = gather(&im, data, len);
	if (!rc)
		rc = check_gathered(&im);
	if (!rc)
		rc = save(ctx, &im, replace);
	free_import(&im);
	free(data);
	rules_session_free(&s);
	return rc;
}

const struct cmd_entry cmd_import_entry = {
	.name = "import",
	.synopsis = "ID FILE.csv [--replace]",
	.summary = N_("store ballots typed into a spreadsheet (CSV)"),
	.help = N_("The file has the layout of “tapla export --format csv”: a header row\n"
		   "participant,name,sheet,level,dots and one row per participant, sheet\n"
		   "and column. Rows with the same participant number (or, without\n"
		   "numbers, the same name) make one ballot. The separator may be ',' or\n"
		   "';'; quotes, a byte order mark and Windows line ends are fine. Levels\n"
		   "as in “tapla vote”: agree, ++, 1, Täysin samaa...\n"
		   "Every row is checked first (names, sheets, levels, each ballot against\n"
		   "the budget): one bad row refuses the whole file, naming its line, and\n"
		   "nothing is stored. The ballots are marked as imported. An optional\n"
		   "column “group” gives each signer's group (tapla new --groups).\n\n"
		   "Options:\n"
		   "  --replace   replace the ballots of names that have voted already\n"),
	.options = import_options,
	.opts_size = sizeof(struct import_opts),
	.exec = exec_import,
};
