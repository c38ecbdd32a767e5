/* cmd-import: ballots typed into a spreadsheet, in the layout of
 * tapla export --format csv, checked row by row and stored all at once. A
 * bad row refuses the whole file with its line number; nothing is stored. */
#include <errno.h>
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

/* The columns the export writes, in its order. */
enum column { COL_PARTICIPANT, COL_NAME, COL_SHEET, COL_LEVEL, COL_DOTS, NCOLS };
static const char *const column_names[NCOLS] = {
	"participant", "name", "sheet", "level", "dots",
};

/* One participant's ballot as gathered from the rows. */
struct gathered {
	int line;        /* the first row's line */
	long number;     /* the participant column, 0 if empty */
	char *name;      /* clean, NULL in anonymous sessions */
	char *key;       /* text_name_key of name, or NULL */
	char *group;     /* the optional group column, NULL if empty */
	struct ballot ballot;
};

/* The file being imported. */
struct import {
	const char *path;
	const struct session *s;
	int col[NCOLS];  /* field index of each column */
	int group_col;   /* the optional "group" column's index, -1 if none */
	struct gathered *g;
	size_t n, cap;
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
		cmd_error(_("Cannot open \"%s\": %s. Check the file name."), path, strerror(e));
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
			  _("\"%s\" is larger than 16 MB: is it the right file?") :
			  _("Cannot read \"%s\": check the disk and try again."), path);
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
					 _("the first row must name the columns participant, name, sheet, level, dots (as tapla export --format csv writes them); \"%s\" is missing."),
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
	enum text_status ts = text_clean(raw, TEXT_NAME_MAX, name);
	if (ts != TEXT_OK)
		return row_error(im, line, _("the name is not usable: %s"),
				 text_status_message(ts));
	return CMD_EXIT_OK;
}

/* Sheet, level and dots of a row. */
static int row_cell(const struct import *im, struct csv_record *rec,
		    int *sheet, enum level *l, int *dots)
{
	long v;
	const char *s = field(im, rec, COL_SHEET);
	if (!args_parse_int(s, 1, im->s->nsheets, &v))
		return row_error(im, rec->line, _("there is no sheet \"%s\": the sheets are 1 to %d."),
				 s, im->s->nsheets);
	*sheet = (int)v - 1;
	s = field(im, rec, COL_LEVEL);
	if (!rules_level_parse(s, l))
		return row_error(im, rec->line,
				 _("unknown level \"%s\": use agree, partly-agree, neutral, partly-disagree, disagree or unsure."),
				 s);
	s = field(im, rec, COL_DOTS);
	if (!args_parse_int(s, 0, RULES_BUDGET_MAX, &v))
		return row_error(im, rec->line, _("the dots \"%s\" are not a number from 0 to %d."),
				 s, RULES_BUDGET_MAX);
	*dots = (int)v;
	return CMD_EXIT_OK;
}

/* The ballot a row belongs to: the same participant number, or without
 * numbers the same name. NULL when none yet. */
static struct gathered *find_gathered(struct import *im, long number,
				      const char *key)
{
	for (size_t i = 0; i < im->n; i++) {
		struct gathered *g = &im->g[i];
		if (number ? g->number == number
			   : !g->number && key && g->key && strcmp(g->key, key) == 0)
			return g;
	}
	return NULL;
}

/* A name belongs to one participant number only. */
static int check_name_once(struct import *im, int line, long number,
			   const char *key, const char *name)
{
	for (size_t i = 0; key && i < im->n; i++)
		if (im->g[i].key && strcmp(im->g[i].key, key) == 0 &&
		    im->g[i].number != number)
			return row_error(im, line,
					 _("%s is in the file twice, first on line %d: one ballot per person."),
					 name, im->g[i].line);
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
	struct gathered *g = &im->g[im->n++];
	g->line = line;
	g->number = number;
	g->name = name;
	g->key = key;
	g->group = NULL;
	rules_ballot_init(&g->ballot, im->s->nsheets);
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
	if (*p && !args_parse_int(p, 1, PARTICIPANT_MAX, &number))
		return row_error(im, rec->line, _("the participant \"%s\" is not a number from 1 up."), p);
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
	*out = g;
	return rc;
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
	g->ballot.dots[sheet][l] += dots;
	char err[256];
	enum rules_verdict v = rules_check_ballot(&g->ballot, im->s->budget,
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
	for (size_t i = 0; i < im->n; i++)
		if (rules_check_ballot(&im->g[i].ballot, im->s->budget, im->s->mode,
				       err, sizeof err) != RULES_OK)
			return row_error(im, im->g[i].line, "%s", err);
	return CMD_EXIT_OK;
}

/* Stores every ballot in one transaction; prints what was done. */
static int save(struct cmd_ctx *ctx, struct import *im, bool replace)
{
	struct store_ballot_in *in = calloc(im->n, sizeof *in);
	if (!in) {
		cmd_error(_("Out of memory: close other programs and try again."));
		return CMD_EXIT_ENV;
	}
	int dots = 0;
	for (size_t i = 0; i < im->n; i++) {
		in[i].name = im->g[i].name;
		in[i].ballot = &im->g[i].ballot;
		in[i].replace = replace;
		in[i].source = SOURCE_IMPORT;
		in[i].group = im->g[i].group;
		dots += rules_ballot_total(&im->g[i].ballot);
	}
	size_t failed = im->n;
	enum store_status st = store_ballots_save_all(ctx->store, im->s->id, in,
						      im->n, &failed, NULL);
	free(in);
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
	}
	free(im->g);
}

/* What the options ask for. */
struct import_opts {
	bool replace;
};

static const struct cmd_option import_options[] = {
	CMD_FLAG("replace", 'r', struct import_opts, replace),
	CMD_OPTIONS_END,
};

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
	.help = N_("The file has the layout of \"tapla export --format csv\": a header row\n"
		   "participant,name,sheet,level,dots and one row per participant, sheet\n"
		   "and column. Rows with the same participant number (or, without\n"
		   "numbers, the same name) make one ballot. The separator may be ',' or\n"
		   "';'; quotes, a byte order mark and Windows line ends are fine. Levels\n"
		   "as in \"tapla vote\": agree, ++, 1, Täysin samaa...\n"
		   "Every row is checked first (names, sheets, levels, each ballot against\n"
		   "the budget): one bad row refuses the whole file, naming its line, and\n"
		   "nothing is stored. The ballots are marked as imported. An optional\n"
		   "column \"group\" gives each signer's group (tapla new --groups).\n\n"
		   "Options:\n"
		   "  --replace   replace the ballots of names that have voted already\n"),
	.options = import_options,
	.opts_size = sizeof(struct import_opts),
	.exec = exec_import,
};
