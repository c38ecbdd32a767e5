/* order: the order in which a participant is shown the sheets.
 *
 * Sheets lower in a pile get fewer dots (dotmocracy.org). A shuffled session
 * shows each participant the sheets in an order of their own; the order is
 * recorded with the ballot so reports can compare dots by position with dots
 * by sheet. Pure, no I/O.
 *
 * An order is an array of sheet indexes by position: order[0] is the sheet
 * shown first. Written for people and stored as sheet numbers from 1 joined
 * by commas, "3,1,4,2". */
#ifndef TAPLA_ORDER_H
#define TAPLA_ORDER_H

#include <stdbool.h>
#include <stddef.h>

#include "tapla/rules.h"

/* Room for the longest order text: 32 numbers of two digits and commas. */
#define ORDER_TEXT_MAX (RULES_MAX_SHEETS * 3 + 1)

/* The sheets in their own order: 0, 1, ..., n - 1. */
void order_identity(int order[], int n);

/* The order participant `seq` (1..) of the session with this uuid is shown
 * its `nsheets` sheets in: a shuffle seeded by the uuid and seq, so the
 * same participant always gets the same order, on any machine. The TUI asks
 * for it before a participant's turn and saves it with the ballot. */
void order_for_participant(const char *uuid, int seq, int nsheets,
			   int order[]);

/* Parses "3,1,4,2": every sheet 1..nsheets exactly once (spaces around the
 * numbers allowed). On failure writes one translated sentence to err. */
bool order_parse(const char *s, int nsheets, int order[], char *err,
		 size_t errlen);

/* Writes order as "3,1,4,2" into buf (at least ORDER_TEXT_MAX bytes). */
void order_format(const int order[], int n, char *buf, size_t len);

/* The position (0..n-1) at which `sheet` was shown, or -1. */
int order_position(const int order[], int n, int sheet);

#endif
