/* source: where a ballot came from, so reports can say how many ballots
 * were typed on the workshop screen, on the command line, transcribed from a
 * paper sheet, imported from a spreadsheet or sent from a phone. Pure, no I/O. */
#ifndef TAPLA_SOURCE_H
#define TAPLA_SOURCE_H

#include <stdbool.h>

enum ballot_source {
	SOURCE_SCREEN = 0,  /* placed on the workshop screen */
	SOURCE_CLI,         /* tapla vote (also every ballot of schema 1) */
	SOURCE_PAPER,       /* transcribed from a paper sheet */
	SOURCE_IMPORT,      /* tapla import from a CSV file */
	SOURCE_PHONE,       /* sent from a phone's browser (tapla serve) */
	SOURCE_COUNT
};

/* The stored and exported key: "screen", "cli", "paper", "import",
 * "phone". */
const char *source_key(enum ballot_source s);
/* A key back to its source; false if it is none of them. */
bool source_parse(const char *key, enum ballot_source *out);

#endif
