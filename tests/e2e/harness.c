/* harness: the real binary in a pseudo-terminal, its screen through
 * libvterm (see harness.h). */
#include "harness.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <unistr.h>
#include <vterm.h>

struct harness {
	pid_t pid;
	int master;
	bool exited;
	int status;
	int rows, cols;
	VTerm *vt;
	VTermScreen *vs;
	char *screen;   /* the last screen text */
	char row[4096];
	unsigned long long bytes;  /* read from the child so far */
	long long last_us;         /* when the last of them came */
	struct h_term term;        /* what the terminal's modes are now */
	char *raw;                 /* bytes kept since h_record, or NULL */
	size_t raw_len, raw_cap;
	char *pushed;              /* rows that scrolled off the top, '\n' after each */
	size_t pushed_len, pushed_cap;
};

int h_deadline_ms(void)
{
	const char *w = getenv("TAPLA_E2E_WRAPPER");
	return w && *w ? 100000 : 10000;
}

/* Monotonic milliseconds. */
static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

long long h_now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* Answers the terminal's replies (cursor reports...) back to the child. */
static void vt_output(const char *s, size_t len, void *user)
{
	struct harness *h = user;
	while (len > 0) {
		ssize_t n = write(h->master, s, len);
		if (n <= 0)
			return;
		s += n;
		len -= (size_t)n;
	}
}

/* Follows the modes the child sets: the alternate screen, the cursor's
 * visibility, window titles. */
static int vt_settermprop(VTermProp prop, VTermValue *val, void *user)
{
	struct harness *h = user;
	if (prop == VTERM_PROP_ALTSCREEN)
		h->term.altscreen = val->boolean;
	else if (prop == VTERM_PROP_CURSORVISIBLE)
		h->term.cursor_visible = val->boolean;
	else if (prop == VTERM_PROP_TITLE || prop == VTERM_PROP_ICONNAME)
		h->term.titles++;
	return 1;
}

/* Counts the bells the child rang. */
static int vt_bell(void *user)
{
	struct harness *h = user;
	h->term.bells++;
	return 1;
}

static size_t put_utf8(char *out, uint32_t c);

/* Keeps a row the terminal pushed into its scrollback (its history): the
 * count and the text, for tests that no row of a screen goes there. */
static int vt_sb_pushline(int cols, const VTermScreenCell *cells, void *user)
{
	struct harness *h = user;
	size_t need = h->pushed_len + (size_t)cols * 4 * VTERM_MAX_CHARS_PER_CELL + 2;
	h->term.pushed++;
	if (need > h->pushed_cap) {
		size_t cap = need * 2;
		char *p = realloc(h->pushed, cap);
		if (!p)
			return 1;
		h->pushed = p;
		h->pushed_cap = cap;
	}
	for (int c = 0; c < cols; c++) {
		if (cells[c].chars[0] == 0xFFFFFFFF)
			continue;
		if (cells[c].chars[0] == 0)
			h->pushed[h->pushed_len++] = ' ';
		for (int i = 0; i < VTERM_MAX_CHARS_PER_CELL && cells[c].chars[i]; i++)
			h->pushed_len += put_utf8(h->pushed + h->pushed_len, cells[c].chars[i]);
	}
	h->pushed[h->pushed_len++] = '\n';
	h->pushed[h->pushed_len] = '\0';
	return 1;
}

/* Counts the terminal's contents moved up (a scroll of the screen or of
 * a region, a deleted line): a terminal such as tmux keeps those rows in
 * its history even in a region. */
static int vt_moverect(VTermRect dest, VTermRect src, void *user)
{
	struct harness *h = user;
	if (dest.start_row < src.start_row)
		h->term.scrolled++;
	return 1;
}

static const VTermScreenCallbacks screen_callbacks = {
	.settermprop = vt_settermprop,
	.moverect = vt_moverect,
	.bell = vt_bell,
	.sb_pushline = vt_sb_pushline,
};

/* Appends "NAME=value:extra" style sanitizer options with a log path. */
static void set_log_option(const char *var, const char *logdir, const char *name)
{
	char val[2048];
	const char *old = getenv(var);
	snprintf(val, sizeof val, "%s%slog_path=%s/%s", old ? old : "",
		 old && *old ? ":" : "", logdir, name);
	setenv(var, val, 1);
}

/* In the child: the environment and exec. */
static void exec_child(const char *const *argv, const char *logdir,
		       const char *const *env)
{
	const char *bin = getenv("TAPLA_BINARY");
	char *args[64];
	int n = 0;
	if (!bin)
		_exit(127);
	/* A test may crash the child on purpose: no core files about. */
	struct rlimit no_core = { 0, 0 };
	setrlimit(RLIMIT_CORE, &no_core);
	setenv("LC_ALL", "C.UTF-8", 1);
	setenv("TERM", "xterm-256color", 1);
	unsetenv("NO_COLOR");
	unsetenv("TAPLA_DB");
	if (logdir) {
		set_log_option("ASAN_OPTIONS", logdir, "asan");
		set_log_option("UBSAN_OPTIONS", logdir, "ubsan");
	}
	for (size_t i = 0; env && env[i]; i++)
		putenv((char *)env[i]);
	/* A wrapper's words first (in the child: its copy is never freed). */
	const char *wrapper = getenv("TAPLA_E2E_WRAPPER");
	char *words = wrapper && *wrapper ? strdup(wrapper) : NULL;
	for (char *save = NULL, *w = words ? strtok_r(words, " ", &save) : NULL;
	     w && n < 32; w = strtok_r(NULL, " ", &save))
		args[n++] = w;
	args[n++] = (char *)bin;
	for (int i = 1; argv[i] && n < 63; i++)
		args[n++] = (char *)argv[i];
	args[n] = NULL;
	if (n > 0 && args[0] != bin)
		execvp(args[0], args);
	else
		execv(bin, args);
	_exit(127);
}

struct harness *h_start(const char *const *argv, int rows, int cols,
			const char *logdir)
{
	return h_start_env(argv, rows, cols, logdir, NULL);
}

struct harness *h_start_env(const char *const *argv, int rows, int cols,
			    const char *logdir, const char *const *env)
{
	return h_start_alt(argv, rows, cols, logdir, env, true);
}

struct harness *h_start_alt(const char *const *argv, int rows, int cols,
			    const char *logdir, const char *const *env,
			    bool altscreen)
{
	struct harness *h = calloc(1, sizeof *h);
	struct winsize ws = { .ws_row = (unsigned short)rows,
			      .ws_col = (unsigned short)cols };
	if (!h)
		return NULL;
	h->rows = rows;
	h->cols = cols;
	h->pid = forkpty(&h->master, NULL, NULL, &ws);
	if (h->pid < 0) {
		free(h);
		return NULL;
	}
	if (h->pid == 0)
		exec_child(argv, logdir, env);
	fcntl(h->master, F_SETFL, fcntl(h->master, F_GETFL) | O_NONBLOCK);
	h->vt = vterm_new(rows, cols);
	vterm_set_utf8(h->vt, 1);
	vterm_output_set_callback(h->vt, vt_output, h);
	h->vs = vterm_obtain_screen(h->vt);
	vterm_screen_enable_altscreen(h->vs, altscreen ? 1 : 0);
	h->term.cursor_visible = true;
	vterm_screen_set_callbacks(h->vs, &screen_callbacks, h);
	vterm_screen_reset(h->vs, 1);
	return h;
}

pid_t h_pid(const struct harness *h)
{
	return h->pid;
}

void h_free(struct harness *h)
{
	if (!h)
		return;
	if (!h->exited && h->pid > 0) {
		kill(h->pid, SIGKILL);
		waitpid(h->pid, &h->status, 0);
	}
	if (h->master >= 0)
		close(h->master);
	vterm_free(h->vt);
	free(h->screen);
	free(h->raw);
	free(h->pushed);
	free(h);
}

/* Is a colour dark (luminance below half)? */
static bool dark_rgb(const VTermScreen *vs, VTermColor c)
{
	vterm_screen_convert_color_to_rgb(vs, &c);
	int lum = (299 * c.rgb.red + 587 * c.rgb.green + 114 * c.rgb.blue) / 1000;
	return lum < 128;
}

bool h_write_pbm(struct harness *h, const char *path, int scale)
{
	FILE *fp = fopen(path, "w");
	if (!fp)
		return false;
	fprintf(fp, "P1\n%d %d\n", h->cols * scale, h->rows * 2 * scale);
	for (int r = 0; r < h->rows; r++) {
		for (int half = 0; half < 2; half++) {
			for (int sy = 0; sy < scale; sy++) {
				for (int c = 0; c < h->cols; c++) {
					VTermScreenCell cell;
					VTermPos pos = { .row = r, .col = c };
					bool black = true;  /* the background of a lost cell */
					if (vterm_screen_get_cell(h->vs, pos, &cell)) {
						uint32_t ch = cell.chars[0];
						bool ink = ch == 0x2588 ||
							   (half == 0 && ch == 0x2580) ||
							   (half == 1 && ch == 0x2584);
						if (cell.attrs.reverse)
							ink = !ink;
						black = dark_rgb(h->vs, ink ? cell.fg : cell.bg);
					}
					for (int sx = 0; sx < scale; sx++)
						fputs(black ? "1 " : "0 ", fp);
				}
				fputc('\n', fp);
			}
		}
	}
	return fclose(fp) == 0;
}

const char *h_pushed(const struct harness *h)
{
	return h->pushed ? h->pushed : "";
}

bool h_send(struct harness *h, const char *bytes)
{
	return h_write(h, bytes, strlen(bytes));
}

bool h_key(struct harness *h, const char *name)
{
	/* Special keys go through libvterm's keyboard, so the bytes follow the
	 * modes the app set (application cursor keys...), as a terminal does. */
	static const struct { const char *name; VTermKey key; } keys[] = {
		{ "up", VTERM_KEY_UP }, { "down", VTERM_KEY_DOWN },
		{ "right", VTERM_KEY_RIGHT }, { "left", VTERM_KEY_LEFT },
		{ "enter", VTERM_KEY_ENTER }, { "esc", VTERM_KEY_ESCAPE },
		{ "tab", VTERM_KEY_TAB }, { "backspace", VTERM_KEY_BACKSPACE },
		{ "home", VTERM_KEY_HOME }, { "end", VTERM_KEY_END },
		{ "pgup", VTERM_KEY_PAGEUP }, { "pgdn", VTERM_KEY_PAGEDOWN },
		{ "delete", VTERM_KEY_DEL },
		{ "f1", VTERM_KEY_FUNCTION(1) }, { "f2", VTERM_KEY_FUNCTION(2) },
	};
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (strcmp(name, keys[i].name) == 0) {
			vterm_keyboard_key(h->vt, keys[i].key, VTERM_MOD_NONE);
			return true;
		}
	if (name[0] == '^' && name[1]) {
		char c[2] = { (char)(name[1] & 0x1f), 0 };
		return h_send(h, c);
	}
	return h_send(h, name);
}

bool h_click(struct harness *h, int row, int col)
{
	vterm_mouse_move(h->vt, row, col, VTERM_MOD_NONE);
	vterm_mouse_button(h->vt, 1, true, VTERM_MOD_NONE);
	vterm_mouse_button(h->vt, 1, false, VTERM_MOD_NONE);
	return true;
}

/* Keeps bytes read while recording (up to 64 MiB, then stops growing). */
static void keep_raw(struct harness *h, const char *s, size_t n)
{
	if (!h->raw)
		return;
	if (h->raw_len + n + 1 > h->raw_cap) {
		size_t cap = h->raw_cap * 2;
		while (cap < h->raw_len + n + 1)
			cap *= 2;
		char *p = cap <= (64u << 20) ? realloc(h->raw, cap) : NULL;
		if (!p)
			return;
		h->raw = p;
		h->raw_cap = cap;
	}
	memcpy(h->raw + h->raw_len, s, n);
	h->raw_len += n;
	h->raw[h->raw_len] = '\0';
}

/* Reads what is there (waiting at most ms); false at EOF. */
static bool pump(struct harness *h, int ms)
{
	char buf[8192];
	struct pollfd p = { .fd = h->master, .events = POLLIN };
	int r = poll(&p, 1, ms);
	if (r <= 0)
		return true;
	for (;;) {
		ssize_t n = read(h->master, buf, sizeof buf);
		if (n > 0) {
			h->bytes += (unsigned long long)n;
			h->last_us = h_now_us();
			keep_raw(h, buf, (size_t)n);
			vterm_input_write(h->vt, buf, (size_t)n);
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return true;
		return false;  /* EIO: the child has gone */
	}
}

/* Appends one code point as UTF-8; nothing for one that is not a
 * character. */
static size_t put_utf8(char *out, uint32_t c)
{
	int n = u8_uctomb((uint8_t *)out, (ucs4_t)c, 4);
	return n > 0 ? (size_t)n : 0;
}

/* Writes row r's text into out (at most n bytes with room for NUL). */
static size_t row_text(struct harness *h, int r, char *out, size_t n)
{
	size_t len = 0;
	for (int c = 0; c < h->cols; c++) {
		VTermScreenCell cell;
		VTermPos pos = { .row = r, .col = c };
		if (!vterm_screen_get_cell(h->vs, pos, &cell))
			continue;
		if (cell.chars[0] == 0xFFFFFFFF)
			continue;  /* the right half of a wide character */
		if (len + 4 * VTERM_MAX_CHARS_PER_CELL + 1 >= n)
			break;
		if (cell.chars[0] == 0) {
			out[len++] = ' ';
			continue;
		}
		for (int i = 0; i < VTERM_MAX_CHARS_PER_CELL && cell.chars[i]; i++)
			len += put_utf8(out + len, cell.chars[i]);
	}
	while (len > 0 && out[len - 1] == ' ')
		len--;
	out[len] = '\0';
	return len;
}

const char *h_row(struct harness *h, int row)
{
	row_text(h, row, h->row, sizeof h->row);
	return h->row;
}

const char *h_screen(struct harness *h)
{
	size_t cap = (size_t)h->rows * ((size_t)h->cols * 4 * VTERM_MAX_CHARS_PER_CELL + 2) + 1;
	char *s = realloc(h->screen, cap);
	if (!s)
		return "";
	h->screen = s;
	size_t len = 0;
	for (int r = 0; r < h->rows; r++) {
		len += row_text(h, r, s + len, cap - len);
		s[len++] = '\n';
	}
	s[len] = '\0';
	return s;
}

bool h_has_color(struct harness *h)
{
	for (int r = 0; r < h->rows; r++)
		for (int c = 0; c < h->cols; c++) {
			VTermScreenCell cell;
			VTermPos pos = { .row = r, .col = c };
			if (!vterm_screen_get_cell(h->vs, pos, &cell))
				continue;
			if (!VTERM_COLOR_IS_DEFAULT_FG(&cell.fg) ||
			    !VTERM_COLOR_IS_DEFAULT_BG(&cell.bg))
				return true;
		}
	return false;
}

bool h_cell_fg(struct harness *h, int row, int col, unsigned char rgb[3])
{
	VTermScreenCell cell;
	VTermPos pos = { .row = row, .col = col };
	if (!vterm_screen_get_cell(h->vs, pos, &cell) ||
	    VTERM_COLOR_IS_DEFAULT_FG(&cell.fg))
		return false;
	vterm_screen_convert_color_to_rgb(h->vs, &cell.fg);
	rgb[0] = cell.fg.rgb.red;
	rgb[1] = cell.fg.rgb.green;
	rgb[2] = cell.fg.rgb.blue;
	return true;
}

void h_cursor(struct harness *h, int *row, int *col)
{
	VTermPos pos;
	vterm_state_get_cursorpos(vterm_obtain_state(h->vt), &pos);
	*row = pos.row;
	*col = pos.col;
}

bool h_find_char(struct harness *h, unsigned cp, int from, int *row, int *col)
{
	for (int r = from; r < h->rows; r++)
		for (int c = 0; c < h->cols; c++) {
			VTermScreenCell cell;
			VTermPos pos = { .row = r, .col = c };
			if (vterm_screen_get_cell(h->vs, pos, &cell) &&
			    cell.chars[0] == cp) {
				*row = r;
				*col = c;
				return true;
			}
		}
	return false;
}

void h_dump(struct harness *h, const char *why)
{
	fprintf(stderr, "---- screen (%s) ----\n%s---- end ----\n", why, h_screen(h));
}

/* Reads until the screen does (want=true) or does not contain text, then
 * until the output pauses: the rest of that frame (a footer drawn after the
 * message) may still be in the pty, and a check that follows must see the
 * whole frame, not half of it. */
static bool wait_for(struct harness *h, const char *text, bool want, int ms)
{
	long long end = now_ms() + ms;
	for (;;) {
		bool has = strstr(h_screen(h), text) != NULL;
		if (has == want) {
			h_settle(h, 15, 200);
			return true;
		}
		long long left = end - now_ms();
		if (left <= 0)
			break;
		if (!pump(h, (int)(left < 100 ? left : 100)))
			return (strstr(h_screen(h), text) != NULL) == want;
	}
	h_dump(h, want ? text : "gone");
	return false;
}

bool h_wait_text(struct harness *h, const char *text, int ms)
{
	return wait_for(h, text, true, ms);
}

bool h_wait_gone(struct harness *h, const char *text, int ms)
{
	return wait_for(h, text, false, ms);
}

void h_settle(struct harness *h, int quiet_ms, int ms)
{
	long long end = now_ms() + ms;
	while (now_ms() < end) {
		struct pollfd p = { .fd = h->master, .events = POLLIN };
		if (poll(&p, 1, quiet_ms) <= 0)
			return;
		if (!pump(h, 0))
			return;
	}
}

bool h_resize(struct harness *h, int rows, int cols)
{
	struct winsize ws = { .ws_row = (unsigned short)rows,
			      .ws_col = (unsigned short)cols };
	if (ioctl(h->master, TIOCSWINSZ, &ws) != 0)
		return false;
	h->rows = rows;
	h->cols = cols;
	vterm_set_size(h->vt, rows, cols);
	return true;
}

bool h_signal(struct harness *h, int sig)
{
	return !h->exited && kill(h->pid, sig) == 0;
}

bool h_alive(struct harness *h)
{
	int st;
	if (h->exited)
		return false;
	pid_t r = waitpid(h->pid, &st, WNOHANG | WUNTRACED);
	if (r == h->pid) {
		if (WIFSTOPPED(st)) {
			kill(h->pid, SIGCONT);
			return false;
		}
		h->exited = true;
		h->status = st;
		return false;
	}
	return true;
}

/* After the child's exit: reads what it wrote last (until the pty says
 * EIO or stays silent), so the screen is its final one. */
static void drain(struct harness *h)
{
	for (int i = 0; i < 100; i++) {
		struct pollfd p = { .fd = h->master, .events = POLLIN };
		if (poll(&p, 1, 100) <= 0)
			return;
		if (!pump(h, 0))
			return;
	}
}

int h_wait_exit(struct harness *h, int ms)
{
	long long end = now_ms() + ms;
	while (!h->exited) {
		int st;
		pid_t r = waitpid(h->pid, &st, WNOHANG);
		if (r == h->pid) {
			h->exited = true;
			h->status = st;
			drain(h);
			break;
		}
		long long left = end - now_ms();
		if (left <= 0)
			return -1;
		/* Keep the pty drained so the child never blocks on output. */
		if (!pump(h, (int)(left < 50 ? left : 50))) {
			waitpid(h->pid, &h->status, 0);
			h->exited = true;
		}
	}
	/* What the child wrote just before it went (the terminal's reset)
	 * may still wait in the pty: read it. */
	h_settle(h, 20, 500);
	return h->status;
}

unsigned long long h_output_bytes(const struct harness *h)
{
	return h->bytes;
}

long long h_last_output_us(const struct harness *h)
{
	return h->last_us;
}

const struct h_term *h_term(const struct harness *h)
{
	return &h->term;
}

bool h_record(struct harness *h)
{
	free(h->raw);
	h->raw_len = 0;
	h->raw_cap = 4096;
	h->raw = malloc(h->raw_cap);
	if (h->raw)
		h->raw[0] = '\0';
	return h->raw != NULL;
}

const char *h_raw(const struct harness *h, size_t *len)
{
	*len = h->raw ? h->raw_len : 0;
	return h->raw ? h->raw : "";
}

bool h_write(struct harness *h, const void *bytes, size_t len)
{
	/* A big paste fills the terminal's input queue while the child
	 * draws: read its output while waiting, or both sides block. */
	const char *s = bytes;
	long long end = now_ms() + H_DEADLINE_MS * 3;
	while (len > 0) {
		ssize_t n = write(h->master, s, len);
		if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
			/* Until the child has read some or written some. */
			struct pollfd p = { .fd = h->master,
					    .events = POLLIN | POLLOUT };
			if (now_ms() > end || poll(&p, 1, 100) < 0)
				return false;
			if ((p.revents & (POLLIN | POLLHUP)) && !pump(h, 0))
				return false;
			continue;
		}
		if (n <= 0)
			return false;
		s += n;
		len -= (size_t)n;
	}
	return true;
}

void h_hangup(struct harness *h)
{
	if (h->master >= 0)
		close(h->master);
	h->master = -1;  /* poll ignores it: waits still keep their deadline */
}
