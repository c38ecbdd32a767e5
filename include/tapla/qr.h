/* qr: a QR code as lines of text for a terminal (libqrencode), square
 * modules with the 4-module quiet zone, two module rows per text row in
 * half blocks (▀ ▄ █ and space), so that a phone's camera reads it off a
 * projected terminal at 80×24.
 *
 * "Ink" is the character's foreground: the caller draws the lines dark on
 * light (black on white when the terminal has colour). With `ink_dark`
 * false the ink marks the light modules instead, for a terminal that can
 * only show light text on a dark background. */
#ifndef TAPLA_QR_H
#define TAPLA_QR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tapla/buf.h"

/* The quiet zone around the code, in modules. */
#define QR_QUIET 4

/* Pure: `size`×`size` modules (row by row, true = dark) with the quiet
 * zone added, as text rows of half blocks appended to out, each ended by
 * '\n'. *cols and *rows receive the text's size: size + 2·QR_QUIET
 * columns, half as many rows rounded up. False on no memory. */
bool qr_text_of_modules(const bool *dark, int size, bool ink_dark,
			struct buf *out, int *cols, int *rows);
/* Encodes text (UTF-8, as it is: upper and lower case kept) at the
 * smallest version with error correction level L, then qr_text_of_modules.
 * False if it cannot be encoded (too long, no memory). */
bool qr_text(const char *text, bool ink_dark, struct buf *out, int *cols,
	     int *rows);

#endif
