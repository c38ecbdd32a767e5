/* STUB: replaced by the real module. */
#include "tapla/store.h"
#include <stddef.h>

bool store_default_path(char *buf, size_t n)
{
	(void)buf;(void)n;return false;
}

enum store_status store_open(const char *path, struct store **out,
			     char *err, size_t errlen)
{
	(void)path;(void)out;(void)err;(void)errlen;return STORE_ERROR;
}

enum store_status store_open_readonly(const char *path, struct store **out,
				      char *err, size_t errlen)
{
	(void)path;(void)out;(void)err;(void)errlen;return STORE_ERROR;
}

void store_close(struct store *st)
{
	(void)st;
}

const char * store_error(const struct store *st)
{
	(void)st;return NULL;
}

enum store_status store_session_create(struct store *st,
				       const struct template *t,
				       const struct store_new_session *opt,
				       int64_t *id)
{
	(void)st;(void)t;(void)opt;(void)id;return STORE_ERROR;
}

enum store_status store_session_get(struct store *st, int64_t id,
				    struct session *out)
{
	(void)st;(void)id;(void)out;return STORE_ERROR;
}

enum store_status store_session_list(struct store *st, struct session **out,
				     size_t *n)
{
	(void)st;(void)out;(void)n;return STORE_ERROR;
}

enum store_status store_session_sheets(struct store *st, int64_t id,
				       struct tpl_sheet **out, size_t *n)
{
	(void)st;(void)id;(void)out;(void)n;return STORE_ERROR;
}

enum store_status store_session_phases(struct store *st, int64_t id,
				       struct tpl_phase **out, size_t *n)
{
	(void)st;(void)id;(void)out;(void)n;return STORE_ERROR;
}

void store_free_sheets(struct tpl_sheet *s, size_t n)
{
	(void)s;(void)n;
}

void store_free_phases(struct tpl_phase *p, size_t n)
{
	(void)p;(void)n;
}

enum store_status store_session_set_phase(struct store *st, int64_t id,
					  int phase)
{
	(void)st;(void)id;(void)phase;return STORE_ERROR;
}

enum store_status store_session_set_timer(struct store *st, int64_t id,
					  bool running, int64_t deadline_ms,
					  int64_t left_ms)
{
	(void)st;(void)id;(void)running;(void)deadline_ms;(void)left_ms;return STORE_ERROR;
}

enum store_status store_session_set_revealed(struct store *st, int64_t id,
					     bool revealed)
{
	(void)st;(void)id;(void)revealed;return STORE_ERROR;
}

enum store_status store_session_set_closed(struct store *st, int64_t id,
					   bool closed)
{
	(void)st;(void)id;(void)closed;return STORE_ERROR;
}

enum store_status store_session_set_pin_hash(struct store *st, int64_t id,
					     const char *hash)
{
	(void)st;(void)id;(void)hash;return STORE_ERROR;
}

enum store_status store_session_pin_hash(struct store *st, int64_t id,
					 char **hash)
{
	(void)st;(void)id;(void)hash;return STORE_ERROR;
}

enum store_status store_name_signed(struct store *st, int64_t id,
				    const char *name, bool *signed_)
{
	(void)st;(void)id;(void)name;(void)signed_;return STORE_ERROR;
}

enum store_status store_ballot_save(struct store *st, int64_t id,
				    const char *name, const struct ballot *b,
				    const struct ballot_note *notes,
				    size_t nnotes, bool replace, int *seq)
{
	(void)st;(void)id;(void)name;(void)b;(void)notes;(void)nnotes;(void)replace;(void)seq;return STORE_ERROR;
}

enum store_status store_note_add(struct store *st, int64_t id, int sheet,
				 enum quadrant q, const char *text)
{
	(void)st;(void)id;(void)sheet;(void)q;(void)text;return STORE_ERROR;
}

enum store_status store_tally(struct store *st, int64_t id, struct tally *out)
{
	(void)st;(void)id;(void)out;return STORE_ERROR;
}

enum store_status store_report(struct store *st, int64_t id,
			       struct report *out)
{
	(void)st;(void)id;(void)out;return STORE_ERROR;
}

enum store_status store_vote_count(struct store *st, int64_t id, int *count)
{
	(void)st;(void)id;(void)count;return STORE_ERROR;
}

enum store_status store_data_version(struct store *st, int64_t *version)
{
	(void)st;(void)version;return STORE_ERROR;
}
