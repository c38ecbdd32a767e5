/* cmd: the commands of the command line, one file each (cmd-NAME.c), each
 * described by a const table entry that main dispatches on.
 *
 * Exit statuses as in front.h. Every error is one line on stderr, "tapla: "
 * and a sentence saying what happened and what to do. */
#ifndef TAPLA_CMD_H
#define TAPLA_CMD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tapla/front.h"
#include "tapla/store.h"

enum {
	CMD_EXIT_OK = FRONT_EXIT_OK,
	CMD_EXIT_ENV = FRONT_EXIT_ENV,
	CMD_EXIT_USAGE = FRONT_EXIT_USAGE,
};

/* What every command gets: the global options and, once opened, the store. */
struct cmd_ctx {
	const char *db_path;  /* --db, or NULL for the default */
	const char *lang;     /* --lang, or NULL */
	struct store *store;
	const struct cmd_entry *cmd;  /* the command parsed, NULL before */
};

/* The parser's "go on" result (exit statuses are 0 and up), and the one
 * an option returns to ask for the help. */
enum {
	CMD_GO_ON = -1,
	CMD_HELP = -2,
};

/* One word a CMD_CHOICE option takes, and the number it stands for. */
struct cmd_choice {
	const char *name;
	int value;
};

/* One option of a command, declared in its entry. Without `call` or
 * `choices`, a flag sets the bool and an option with a value stores the
 * const char * at `offset` in the command's options struct; with
 * `choices`, the value's number goes into the int there; with `call`, the
 * call gets the field at `offset` (the whole struct for CMD_CALL), checks
 * and stores the value (NULL for a flag) and returns CMD_GO_ON or, having
 * printed why (cmd_usage_error with ctx->cmd), an exit status. */
struct cmd_option {
	const char *name;  /* the long name, without "--" */
	char letter;       /* the short name, or 0 */
	bool value;        /* takes a value */
	size_t offset;
	int (*call)(struct cmd_ctx *ctx, void *field, const char *value);
	const struct cmd_choice *choices;  /* NULL-ended, or NULL */
	const char *refusal;  /* for any other word: English source, %s for it */
};
#define CMD_FLAG(long_name, short_name, type, field) \
	{ .name = (long_name), .letter = (short_name), \
	  .offset = offsetof(type, field) }
#define CMD_TEXT(long_name, short_name, type, field) \
	{ .name = (long_name), .letter = (short_name), .value = true, \
	  .offset = offsetof(type, field) }
#define CMD_CALL(long_name, short_name, takes_value, fn) \
	{ .name = (long_name), .letter = (short_name), \
	  .value = (takes_value), .call = (fn) }
#define CMD_OPTIONS_END { .name = NULL }

/* An option that takes one word of `choices` (--format text|csv|html):
 * its number into the int `field` of `type`; any other word is a usage
 * error of the command saying `refusal_fmt`. */
#define CMD_CHOICE(long_name, short_name, type, field, words, refusal_fmt) \
	{ .name = (long_name), .letter = (short_name), .value = true, \
	  .offset = offsetof(type, field), .choices = (words), \
	  .refusal = (refusal_fmt) }

/* --separator , or ; (for CSV) into the char `field` of `type`; any other
 * value is a usage error of the command. */
#define CMD_SEPARATOR(type, field) \
	{ .name = "separator", .value = true, .offset = offsetof(type, field), \
	  .call = cmd_set_separator }
int cmd_set_separator(struct cmd_ctx *ctx, void *field, const char *value);

/* Where a command that writes a file writes: -o FILE and --force. */
struct cmd_output {
	const char *path;  /* NULL or "-": standard output */
	bool force;        /* an existing file may be replaced */
};
/* The rows of -o/--output and --force for a struct `type` with a
 * struct cmd_output `out`. */
#define CMD_OUTPUT_OPTIONS(type) \
	CMD_TEXT("output", 'o', type, out.path), \
	CMD_FLAG("force", 0, type, out.force)

/* A command: one file cmd-NAME.c defines its entry, one row in cmd_table
 * (main.c) lists it. */
struct cmd_entry {
	const char *name;
	const char *synopsis;  /* arguments after the name, untranslated form */
	const char *summary;   /* one line, English source of the translation */
	const char *help;      /* the body of --help, English source */
	const struct cmd_option *options;  /* CMD_OPTIONS_END-ended, or NULL */
	size_t opts_size;      /* the struct the options fill, zeroed first */
	/* Runs with the options parsed into opts and argv the operands only. */
	int (*exec)(struct cmd_ctx *ctx, void *opts, int argc, char **argv);
};

/* The table of commands (CMD_COMMANDS), NULL-terminated (main.c). */
extern const struct cmd_entry *const cmd_table[];
/* --db, --lang and --help, which every command takes. */
extern const struct cmd_option cmd_common_options[];

/* Parses argv[1..] for command e (the one parser): its options into opts,
 * the common ones into ctx, the operands in order into ops (room for argc)
 * and their count into *nops. Options may stand anywhere before "--"; an
 * argument is an option only if it is "-" or "--" and a letter, so level
 * cells such as "-=2/1" and "--=1" are operands. Returns CMD_GO_ON, or the
 * exit status after printing the help (0) or the usage error (2). */
int cmd_parse(struct cmd_ctx *ctx, const struct cmd_entry *e, int argc,
	      char **argv, void *opts, char **ops, int *nops);
/* Parses the tool's options before the command (the common ones and
 * `options`, which takes calls only) up to the first operand, its index in
 * *next. Returns CMD_GO_ON, CMD_HELP or what a call returned, or 2 after
 * printing the usage error. */
int cmd_parse_global(struct cmd_ctx *ctx, const struct cmd_option *options,
		     int argc, char **argv, int *next);

/* Prints "tapla: <sentence>" on stderr. */
void cmd_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints the command's --help on stdout. */
void cmd_print_help(const struct cmd_entry *e);
/* Prints "Usage: ..." and a pointer to --help on stderr; returns 2. */
int cmd_usage_error(const struct cmd_entry *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Room for the database's path. */
#define CMD_PATH_MAX 4096
/* The database's path (--db, else the default) into path; prints why
 * not and returns the exit status, 0 on success. */
int cmd_db_path(const struct cmd_ctx *ctx, char *path, size_t n);
/* Opens the store (read-write, or read-only for commands that only read);
 * prints the error and returns the exit status on failure, 0 on success. */
int cmd_open_store(struct cmd_ctx *ctx, bool readonly);
/* The exit status for a store failure, after printing its sentence. */
int cmd_store_failed(struct cmd_ctx *ctx, enum store_status st);
/* Loads session `id_arg` (parsing it first, then opening the store if it is
 * not open); prints and returns the exit status on failure, 0 on success. */
int cmd_load_session(struct cmd_ctx *ctx, const char *id_arg,
		     struct session *out);
/* Opens the store and loads the report of session `id_arg` (with
 * `summary`, without the ballot cells and notes, which a large session has
 * by the hundred thousand); prints and returns the exit status on failure,
 * 0 on success. */
int cmd_load_report(struct cmd_ctx *ctx, const char *id_arg, bool summary,
		    struct report *out);
/* The session's id when the report holds results the room has not been
 * shown yet (voting runs with them hidden), else 0. */
int64_t cmd_unseen_session(const struct report *r);
/* Says so on stderr in one line for session id (nothing for 0), after a
 * read command has shown its results: it still shows them, since the
 * file's holder is the facilitator. */
void cmd_note_unseen(int64_t id);
/* Says on stderr (one line) that an erase is not finished yet when the
 * store says so (store_erase_pending): what is left and when it goes. */
void cmd_note_erase_pending(const struct cmd_ctx *ctx);
/* Parses a session id operand: CMD_GO_ON, or 2 after printing why not. */
int cmd_parse_id(const char *arg, int64_t *id);
/* Checks that session `id_arg` is there (cmd_load_session), its id into
 * *id; 0 or the exit status. */
int cmd_session_exists(struct cmd_ctx *ctx, const char *id_arg, int64_t *id);
/* cmd_load_report of the one operand a command takes (a usage error for
 * none or more). */
int cmd_load_one_report(struct cmd_ctx *ctx, const struct cmd_entry *e,
			int argc, char **argv, bool summary, struct report *out);
/* cmd_emit, then frees the report it was built from. */
int cmd_emit_report(const struct cmd_ctx *ctx, const struct cmd_output *out,
		    struct report *r, struct buf *b, bool ok);
/* cmd_emit_report of a session's results, then cmd_note_unseen when the
 * room has not been shown them yet; 0 or the exit status. */
int cmd_emit_results(const struct cmd_ctx *ctx, const struct cmd_output *out,
		     struct report *r, struct buf *b, bool ok);
/* A screen's entry (ui_run, ui_screen_run): it returns a status and, on
 * failure, a sentence in msg. */
typedef int cmd_screen_fn(struct store *st, int64_t id, bool lang_fixed,
			  char *msg, size_t n);
/* Runs the screen on session `id_arg` (NULL: none) once it is known to be
 * there, with the store open (read-write unless opened already); prints
 * its sentence if it failed and returns its status. */
int cmd_run_screen(struct cmd_ctx *ctx, const char *id_arg,
		   cmd_screen_fn *screen);
/* Writes what a report writer built (`ok` is its result) to out's file or
 * stdout, and frees it; 0 or the exit status. */
int cmd_emit(const struct cmd_ctx *ctx, const struct cmd_output *out,
	     struct buf *b, bool ok);
/* Writes data to out's file (or stdout) through outfile_write: never over
 * an existing file without out->force, never over the open database; 0 or
 * the exit status. */
int cmd_write_output(const struct cmd_ctx *ctx, const struct cmd_output *out,
		     const char *data, size_t len);
/* The width for text on stdout: the terminal's, from 60 up to `widest`,
 * or 80 when stdout is no terminal. */
size_t cmd_output_width(size_t widest);

/* Every command, one row each, in the order "tapla --help" lists them;
 * cmd-NAME.c defines cmd_NAME_entry. Adding a command is adding its row. */
#define CMD_COMMANDS(X) \
	X(run) \
	X(screen) \
	X(serve) \
	X(new) \
	X(round) \
	X(list) \
	X(templates) \
	X(vote) \
	X(tally) \
	X(export) \
	X(compare) \
	X(merge) \
	X(forget) \
	X(delete) \
	X(pin) \
	X(import) \
	X(transcribe) \
	X(sheets) \
	X(demo)

#define CMD_DECLARE_ENTRY(name) extern const struct cmd_entry cmd_##name##_entry;
CMD_COMMANDS(CMD_DECLARE_ENTRY)

#endif
