/* harness: runs the real tapla binary in a pseudo-terminal and reads its
 * screen back through libvterm, for end-to-end tests.
 *
 * Waiting is always for a condition with a deadline (a poll loop), never a
 * fixed sleep. The child gets LC_ALL=C.UTF-8, TERM=xterm-256color and
 * sanitizer logs written to files in the test's folder. With
 * TAPLA_E2E_WRAPPER set (words split at spaces, e.g. "valgrind -q
 * --error-exitcode=99") the binary runs under that command. */
#ifndef TAPLA_HARNESS_H
#define TAPLA_HARNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct harness;

/* How long a wait may take before the test fails (ms): 10 s, or ten
 * times that when the binary runs under a wrapper (valgrind). */
#define H_DEADLINE_MS h_deadline_ms()
int h_deadline_ms(void);

/* Starts TAPLA_BINARY with argv (argv[0] is ignored, NULL-terminated) in a
 * rows×cols terminal. `logdir` receives sanitizer logs. NULL on failure. */
struct harness *h_start(const char *const *argv, int rows, int cols,
			const char *logdir);
/* The same with extra "NAME=value" settings (NULL-terminated) for the
 * child, applied after the defaults. */
struct harness *h_start_env(const char *const *argv, int rows, int cols,
			    const char *logdir, const char *const *env);
/* The same with the terminal's alternate screen on or off (off: as
 * TERM=linux or tmux with alternate-screen off, every row that scrolls off
 * the top goes to the history, see h_pushed). */
struct harness *h_start_alt(const char *const *argv, int rows, int cols,
			    const char *logdir, const char *const *env,
			    bool altscreen);
/* Kills the child if still running (SIGKILL) and frees everything. */
void h_free(struct harness *h);

/* Sends bytes as typed. */
bool h_send(struct harness *h, const char *bytes);
/* Named keys: "up", "down", "left", "right", "enter", "esc", "tab",
 * "backspace", or a single character; ctrl-X as "^X". */
bool h_key(struct harness *h, const char *name);

/* A left click at (row, col), counted from 0, as the terminal reports it
 * (when the app asked for mouse reports). */
bool h_click(struct harness *h, int row, int col);

/* Reads output until the screen contains text or the deadline passes. */
bool h_wait_text(struct harness *h, const char *text, int ms);
/* Reads output until the screen does not contain text. */
bool h_wait_gone(struct harness *h, const char *text, int ms);
/* Reads output until nothing arrives for a short while or the deadline
 * passes; for checking that something is NOT shown. */
void h_settle(struct harness *h, int quiet_ms, int ms);
/* The whole screen, rows joined by '\n'; valid until the next read. */
const char *h_screen(struct harness *h);
/* One row of the screen, trailing spaces removed. */
const char *h_row(struct harness *h, int row);
/* Does any cell on the screen have a colour other than the default? */
bool h_has_color(struct harness *h);
/* The foreground colour of a cell as RGB; false when it is the default. */
bool h_cell_fg(struct harness *h, int row, int col, unsigned char rgb[3]);
/* Where the terminal's cursor is. */
void h_cursor(struct harness *h, int *row, int *col);
/* The first cell (row, col) at or below row `from` showing code point cp;
 * false if none. */
bool h_find_char(struct harness *h, unsigned cp, int from, int *row, int *col);
/* Writes the screen as a PBM image for a QR reader: each cell `scale`
 * pixels wide and 2·scale tall, its upper and lower halves drawn as the
 * half blocks ▀ ▄ █ show them (else as the background), each pixel black
 * where its colour (foreground or background, reverse video applied) is
 * dark. False if the file cannot be written. */
bool h_write_pbm(struct harness *h, const char *path, int scale);
/* Prints the screen to stderr (for failures). */
void h_dump(struct harness *h, const char *why);

/* Resizes the terminal (the child gets SIGWINCH). */
bool h_resize(struct harness *h, int rows, int cols);

/* Sends a signal to the child. */
bool h_signal(struct harness *h, int sig);
/* Is the child alive and not stopped? Reaps it if it exited. */
bool h_alive(struct harness *h);
/* Waits for the child to exit; returns its wait status or -1. */
int h_wait_exit(struct harness *h, int ms);
pid_t h_pid(const struct harness *h);

/* For the benchmarks: monotonic microseconds; the bytes read from the
 * child so far; when the last of them arrived (h_now_us's clock). */
long long h_now_us(void);
unsigned long long h_output_bytes(const struct harness *h);
long long h_last_output_us(const struct harness *h);

/* The terminal's modes as the child left them: the alternate screen (on
 * between smcup and rmcup), the cursor's visibility, and how many window
 * titles were set and bells rung so far. */
struct h_term {
	bool altscreen;
	bool cursor_visible;
	int titles;
	int bells;
	int pushed;  /* rows pushed into the scrollback (history) so far */
	int scrolled; /* times the contents moved up (scrolled) so far */
};
const struct h_term *h_term(const struct harness *h);
/* The text of the rows pushed into the scrollback so far, each followed
 * by '\n' ("" if none). */
const char *h_pushed(const struct harness *h);
/* Keeps a copy of every byte read from the child from now on (dropping
 * what was kept before), for sequences the screen does not show. */
bool h_record(struct harness *h);
/* The bytes kept since h_record ("" if not recording), NUL-terminated. */
const char *h_raw(const struct harness *h, size_t *len);
/* Closes the terminal under the child, as when its window is closed:
 * the kernel sends it SIGHUP and its reads and writes fail from then on.
 * The child is still reaped by h_wait_exit or h_free. */
void h_hangup(struct harness *h);
/* Sends len bytes as typed, NULs and all. */
bool h_write(struct harness *h, const void *bytes, size_t len);

#endif
