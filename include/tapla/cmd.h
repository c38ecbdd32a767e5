/* cmd: the commands of the command line, one file each (cmd-NAME.c), each
 * described by a const table entry that main dispatches on.
 *
 * Exit statuses: 0 success, 2 bad usage or input (nothing changed), 1 a
 * failure of the environment (database, file system). Every error is one line
 * on stderr, "tapla: " and a sentence saying what happened and what to do. */
#ifndef TAPLA_CMD_H
#define TAPLA_CMD_H

#include <stdbool.h>
#include <stdint.h>

#include "tapla/store.h"

enum {
	CMD_EXIT_OK = 0,
	CMD_EXIT_ENV = 1,
	CMD_EXIT_USAGE = 2,
};

/* What every command gets: the global options and, once opened, the store. */
struct cmd_ctx {
	const char *db_path;  /* --db, or NULL for the default */
	const char *lang;     /* --lang, or NULL */
	struct store *store;
};

struct cmd_entry {
	const char *name;
	const char *synopsis;  /* arguments after the name, untranslated form */
	const char *summary;   /* one line, English source of the translation */
	const char *help;      /* the body of --help, English source */
	int (*exec)(struct cmd_ctx *ctx, int argc, char **argv);
};

/* The table of commands, NULL-terminated (main.c). */
extern const struct cmd_entry *const cmd_table[];

/* Prints "tapla: <sentence>" on stderr. */
void cmd_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints the command's --help on stdout. */
void cmd_print_help(const struct cmd_entry *e);
/* Prints "Usage: ..." and a pointer to --help on stderr; returns 2. */
int cmd_usage_error(const struct cmd_entry *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Handles what getopt_long returned for the options every command takes
 * (--db, --lang, --help) and its errors ('?', ':'; optstring must start with
 * ':'). Returns -1 if `opt` was none of them, else an exit status to return
 * at once (help printed: 0), or -2 to go on. */
int cmd_common_option(struct cmd_ctx *ctx, const struct cmd_entry *e,
		      int opt, char **argv);
/* The long options every command accepts, to append to its own. */
#define CMD_COMMON_LONGOPTS \
	{ "db", required_argument, NULL, 'D' }, \
	{ "lang", required_argument, NULL, 'L' }, \
	{ "help", no_argument, NULL, 'h' }

/* Opens the store (read-write, or read-only for commands that only read);
 * prints the error and returns the exit status on failure, 0 on success. */
int cmd_open_store(struct cmd_ctx *ctx, bool readonly);
/* The exit status for a store failure, after printing its sentence. */
int cmd_store_failed(struct cmd_ctx *ctx, enum store_status st);
/* Loads session `id_arg` (parsing it); prints and returns the exit status on
 * failure, 0 on success. */
int cmd_load_session(struct cmd_ctx *ctx, const char *id_arg,
		     struct session *out);
/* Parses argv for a command that takes only the common options; returns -2
 * to go on (optind at the first operand) or an exit status. */
int cmd_parse_common_only(struct cmd_ctx *ctx, const struct cmd_entry *e,
			  int argc, char **argv);
/* Opens the store and loads the report of session `id_arg` (with
 * `summary`, without the ballot cells and notes, which a large session has
 * by the hundred thousand); prints and returns the exit status on failure,
 * 0 on success. */
int cmd_load_report(struct cmd_ctx *ctx, const char *id_arg, bool summary,
		    struct report *out);
/* Says on stderr (one line) when the report holds results the room has
 * not been shown yet: voting runs with them hidden. Read commands still
 * show them; the file's holder is the facilitator. */
void cmd_note_unseen(const struct report *r);
/* Says on stderr (one line) that an erase is not finished yet when the
 * store says so (store_erase_pending): what is left and when it goes. */
void cmd_note_erase_pending(const struct cmd_ctx *ctx);
/* Writes what a report writer built (`ok` is its result) to path or stdout,
 * and frees it; 0 or the exit status. */
int cmd_emit(const char *path, struct buf *out, bool ok);
/* Writes data to path (or stdout if NULL / "-"); 0 or exit status. */
int cmd_write_output(const char *path, const char *data, size_t len);
/* Writes data to the file path through a temporary file beside it (mode
 * 0600) and a rename, so that path is never half written. Returns 0, or
 * the exit status with one translated sentence in msg (n bytes). The CLI's
 * output and the results screen's export both write through it. */
int cmd_write_file(const char *path, const char *data, size_t len, char *msg,
		   size_t n);

extern const struct cmd_entry cmd_new_entry;
extern const struct cmd_entry cmd_list_entry;
extern const struct cmd_entry cmd_templates_entry;
extern const struct cmd_entry cmd_vote_entry;
extern const struct cmd_entry cmd_tally_entry;
extern const struct cmd_entry cmd_export_entry;
extern const struct cmd_entry cmd_run_entry;
extern const struct cmd_entry cmd_compare_entry;
extern const struct cmd_entry cmd_merge_entry;
extern const struct cmd_entry cmd_forget_entry;
extern const struct cmd_entry cmd_delete_entry;
extern const struct cmd_entry cmd_import_entry;
extern const struct cmd_entry cmd_transcribe_entry;
extern const struct cmd_entry cmd_demo_entry;
extern const struct cmd_entry cmd_sheets_entry;
extern const struct cmd_entry cmd_screen_entry;

#endif
