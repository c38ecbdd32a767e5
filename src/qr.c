/* qr: a QR code as half-block text. See qr.h. */
#include <qrencode.h>
#include <stdlib.h>

#include "tapla/qr.h"

/* Is module (x, y) of the code with its quiet zone dark? Outside the
 * code (the quiet zone, the row under an odd last row) it is light. */
static bool dark_at(const bool *dark, int size, int x, int y)
{
	x -= QR_QUIET;
	y -= QR_QUIET;
	if (x < 0 || y < 0 || x >= size || y >= size)
		return false;
	return dark[(size_t)y * (size_t)size + (size_t)x];
}

/* The half block for an upper and a lower module: inked halves are the
 * dark ones (or the light ones when the ink is light). */
static const char *half_block(bool top_ink, bool bottom_ink)
{
	if (top_ink && bottom_ink)
		return "\u2588";
	if (top_ink)
		return "\u2580";
	if (bottom_ink)
		return "\u2584";
	return " ";
}

bool qr_text_of_modules(const bool *dark, int size, bool ink_dark,
			struct buf *out, int *cols, int *rows)
{
	int n = size + 2 * QR_QUIET;
	*cols = n;
	*rows = (n + 1) / 2;
	for (int y = 0; y < n; y += 2) {
		for (int x = 0; x < n; x++) {
			bool top = dark_at(dark, size, x, y) == ink_dark;
			bool bottom = y + 1 < n ? dark_at(dark, size, x, y + 1) == ink_dark :
				      !ink_dark;  /* below the code: light */
			if (!buf_puts(out, half_block(top, bottom)))
				return false;
		}
		if (!buf_putc(out, '\n'))
			return false;
	}
	return true;
}

bool qr_text(const char *text, bool ink_dark, struct buf *out, int *cols,
	     int *rows)
{
	QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_L, QR_MODE_8, 1);
	if (!q)
		return false;
	size_t nm = (size_t)q->width * (size_t)q->width;
	bool *dark = malloc(nm * sizeof *dark);
	bool ok = dark != NULL;
	for (size_t i = 0; ok && i < nm; i++)
		dark[i] = q->data[i] & 1;  /* bit 0: a dark module */
	ok = ok && qr_text_of_modules(dark, q->width, ink_dark, out, cols, rows);
	free(dark);
	QRcode_free(q);
	return ok;
}
