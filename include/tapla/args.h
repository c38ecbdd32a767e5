/* args: parsing the values given on the command line. Pure, no I/O.
 *
 * Every parser fills err with one translated sentence on failure, naming the
 * argument as given and the form expected. */
#ifndef TAPLA_ARGS_H
#define TAPLA_ARGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tapla/rules.h"

/* A whole decimal number in [min, max], nothing else around it. */
bool args_parse_int(const char *s, long min, long max, long *out);

/* A session id: a positive whole number. */
bool args_parse_id(const char *s, int64_t *id, char *err, size_t errlen);

/* "SHEET:LEVEL=DOTS" (=DOTS may be left out for one dot), e.g.
 * "1:agree=5", "4:--=1", "2:2=2". SHEET is numbered from 1 and must be in
 * 1..nsheets; *sheet receives the index. */
bool args_parse_dot(const char *s, int nsheets, int *sheet, enum level *l,
		    int *dots, char *err, size_t errlen);

/* "SHEET:Q:TEXT" with Q one of S, W, O, T. *text points into s. */
bool args_parse_note(const char *s, int nsheets, int *sheet,
		     enum quadrant *q, const char **text,
		     char *err, size_t errlen);

#endif
