/* ui-input: keys read from the terminal for the app's loop. UTF-8 is
 * decoded here rather than by get_wch, which swallows the bytes after an
 * invalid one; escape sequences the terminal's keys do not have are read
 * whole and dropped. */
#include <curses.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "tapla/ui.h"

/* Bytes known to wait in the terminal's input queue. While there are some,
 * a read cannot block, so curses is asked to read without first polling:
 * one system call per byte instead of two (a 1 MiB paste halves). Counted
 * down only for text bytes, which curses reads alone; anything else (Esc,
 * a control, a function key, a character cut short) asks the kernel
 * again, since curses may have read ahead. */
static int queued;

/* Reads one byte or key: without a poll when bytes are known to be
 * queued, else with the caller's timeout (restored after). */
static int next_byte(int wait_ms)
{
	if (queued <= 0) {
		int n = 0;
		queued = ioctl(STDIN_FILENO, FIONREAD, &n) == 0 ? n : 0;
	}
	if (queued <= 0) {
		timeout(wait_ms);
		return getch();
	}
	timeout(-1);
	int c = getch();
	timeout(wait_ms);
	if (c >= 0x20 && c < 0x100 && c != 0x7f)
		queued--;  /* a text byte: curses read it alone */
	else
		queued = 0;
	return c;
}

/* Puts bytes back for the next reads, the first one to be read first. */
static void unread_bytes(const unsigned char *b, int n)
{
	while (n > 0)
		ungetch(b[--n]);
}

/* The continuation bytes of a UTF-8 character begun with lead (need of
 * them); the code point, or -1 (the bytes that broke it are put back). */
static long continue_utf8(unsigned lead, int need)
{
	static const long min[4] = { 0, 0x80, 0x800, 0x10000 };
	long cp = (long)(lead & (0x3fu >> need));
	for (int i = 0; i < need; i++) {
		/* The rest of a character comes in the same write. */
		int c = next_byte(40);
		if (c == ERR)
			return -1;
		if (c < 0x80 || c > 0xbf) {
			ungetch(c);
			queued = 0;
			return -1;
		}
		cp = cp << 6 | (c & 0x3f);
	}
	if (cp < min[need] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return -1;
	return cp;
}

int ui_input_read(int wait_ms, wint_t *wc)
{
	int c = next_byte(wait_ms);
	*wc = 0;
	if (c == ERR)
		return ERR;
	if (c >= KEY_MIN) {
		*wc = (wint_t)c;
		return KEY_CODE_YES;
	}
	unsigned b = (unsigned)c & 0xff;
	int need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 :
		   b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
	long cp = need == 0 ? (long)b : need > 0 ? continue_utf8(b, need) : -1;
	timeout(wait_ms);
	if (cp < 0)
		return KEY_CODE_YES;  /* *wc 0: no key, the byte dropped */
	*wc = (wint_t)cp;
	return OK;
}

/* Puts one key read too far back. */
static void unread(int rc, wint_t wc)
{
	unsigned char b[4];
	queued = 0;
	if (rc == KEY_CODE_YES) {
		if (wc != 0)
			ungetch((int)wc);
		return;
	}
	int n = wc < 0x80 ? 1 : wc < 0x800 ? 2 : wc < 0x10000 ? 3 : 4;
	static const unsigned char lead[5] = { 0, 0, 0xc0, 0xe0, 0xf0 };
	for (int i = n - 1; i > 0; i--) {
		b[i] = (unsigned char)(0x80 | (wc & 0x3f));
		wc >>= 6;
	}
	b[0] = (unsigned char)(lead[n] | wc);
	unread_bytes(b, n);
}

bool ui_input_drop_sequence(void)
{
	wint_t wc = 0;
	int rc = ui_input_read(0, &wc);
	if (rc == ERR)
		return false;
	if (rc != OK || (wc != '[' && wc != ']' && wc != 'P' && wc != '_' &&
			 wc != '^')) {
		unread(rc, wc);
		return false;
	}
	bool csi = wc == '[';
	/* A bounded read: a sequence longer than this is garbage anyway. */
	for (int n = 0; n < 4096 && (rc = ui_input_read(0, &wc)) != ERR; n++) {
		if (rc != OK)
			continue;
		if (csi ? wc >= 0x40 && wc <= 0x7e : wc == 0x07 || wc == 0x9c)
			break;
		if (!csi && wc == 27) {  /* ST: Esc and a backslash */
			(void)ui_input_read(0, &wc);
			break;
		}
	}
	return true;
}

bool ui_input_gone(void)
{
	struct pollfd p = { .fd = STDIN_FILENO, .events = POLLIN };
	return poll(&p, 1, 0) > 0 && (p.revents & (POLLHUP | POLLERR | POLLNVAL));
}
