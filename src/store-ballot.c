/* store-ballot: ballots, notes, the tally and the report of a session.
 * See include/tapla/store.h. */
#include "store-int.h"

#include <stdlib.h>
#include <string.h>

#include "tapla/groups.h"
#include "tapla/i18n.h"
#include "tapla/order.h"
#include "tapla/text.h"

/* What a ballot is checked against. */
struct ballot_session {
	int budget;
	enum mode mode;
	bool anonymous;
	bool closed;
	int nsheets;
};

/* Someone who has signed: row id and signing number. */
struct signer {
	int64_t id;
	int seq;
};

/* A ballot_session from its row (load_ballot_session's columns). */
static bool ballot_session_row(sqlite3_stmt *s, void *arg)
{
	struct ballot_session *out = arg;
	out->budget = sqlite3_column_int(s, 0);
	const unsigned char *m = sqlite3_column_text(s, 1);
	if (!rules_mode_parse((const char *)m, &out->mode))
		out->mode = MODE_WEIGHTED;
	out->anonymous = sqlite3_column_int(s, 2) != 0;
	out->closed = sqlite3_column_int(s, 3) != 0;
	out->nsheets = sqlite3_column_int(s, 4);
	return true;
}

/* Loads the rules of session `id` for a ballot. */
static enum store_status load_ballot_session(struct store *st, int64_t id,
					     struct ballot_session *out)
{
	return store_session_row(st, store_query(st, STMT_BALLOT_SESSION,
		"SELECT budget, mode, anonymous, closed IS NOT NULL,"
		" (SELECT count(*) FROM sheet WHERE session_id = ?1)"
		" FROM session WHERE id = ?1", STORE_VALS(STORE_INT(id))),
		id, ballot_session_row, out);
}

/* The ballot's shape and the session's rules: sheets, budget, mode. */
static enum store_status check_ballot(struct store *st, int64_t id,
				      const struct ballot_session *bs,
				      const struct ballot *b)
{
	if (bs->closed)
		return store_say(st, STORE_REFUSED,
				 _("Voting in session %lld is closed: reopen it to add ballots."),
				 (long long)id);
	if (b->nsheets < 0 || b->nsheets > RULES_MAX_SHEETS)
		return store_say(st, STORE_REFUSED,
				 _("The ballot is for %d sheets; session %lld has %d."),
				 b->nsheets, (long long)id, bs->nsheets);
	for (int sh = bs->nsheets; sh < b->nsheets; sh++)
		if (rules_ballot_sheet_total(b, sh) != 0)
			return store_say(st, STORE_REFUSED,
					 _("Session %lld has no sheet %d: its sheets are 1 to %d."),
					 (long long)id, sh + 1, bs->nsheets);
	if (rules_check_ballot(b, bs->budget, bs->mode, st->err,
			       sizeof st->err) != RULES_OK)
		return STORE_REFUSED;
	return STORE_OK;
}

/* Each note points at a sheet and quadrant of the session, with text. */
static enum store_status check_notes(struct store *st, int64_t id,
				     int nsheets,
				     const struct ballot_note *notes, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct ballot_note *no = &notes[i];
		if (no->sheet < 0 || no->sheet >= nsheets)
			return store_say(st, STORE_REFUSED,
					 _("A note is for sheet %d, but session %lld has sheets 1 to %d."),
					 no->sheet + 1, (long long)id, nsheets);
		if ((unsigned)no->quadrant >= QUAD_COUNT)
			return store_say(st, STORE_REFUSED,
					 _("A note has no SWOT quadrant: give S, W, O or T."));
		if (!no->text || !*no->text)
			return store_say(st, STORE_REFUSED,
					 _("A note is empty: write its text or leave it out."));
	}
	return STORE_OK;
}

/* Names are required in named sessions and refused in anonymous ones. */
static enum store_status check_name(struct store *st, int64_t id,
				    const struct ballot_session *bs,
				    const char *name)
{
	if (bs->anonymous && name)
		return store_say(st, STORE_REFUSED,
				 _("Session %lld is anonymous: leave the name out."),
				 (long long)id);
	if (!bs->anonymous && (!name || !*name))
		return store_say(st, STORE_REFUSED,
				 _("Session %lld takes names: give the participant's name with --name."),
				 (long long)id);
	return STORE_OK;
}

/* A signer from its row: id, seq. */
static bool signer_row(sqlite3_stmt *s, void *arg)
{
	struct signer *out = arg;
	out->id = sqlite3_column_int64(s, 0);
	out->seq = sqlite3_column_int(s, 1);
	return true;
}

/* Finds the signer with this name key; found false if none. */
static enum store_status find_signer(struct store *st, int64_t id,
				     const char *key, struct signer *out,
				     bool *found)
{
	return store_one(st, store_query(st, STMT_PARTICIPANT_FIND,
		"SELECT id, seq FROM participant"
		" WHERE session_id = ?1 AND name_key = ?2",
		STORE_VALS(STORE_INT(id), STORE_TEXT(key))), signer_row, out,
		found);
}

/* Where a new signer's ballot came from and its sheet order ("": none);
 * written with the row, so a new signer costs one statement. */
struct signer_mark {
	enum ballot_source source;
	const char *order_text;
	const char *group;  /* "" for none */
	const char *device; /* the phone's identity, or NULL */
};

/* Signs a new participant at the next number. */
static enum store_status add_signer(struct store *st, int64_t id,
				    const char *name, const char *key,
				    const struct signer_mark *mark,
				    struct signer *out)
{
	enum store_status r = store_one(st, store_query(st,
		STMT_PARTICIPANT_NEXT_SEQ,
		"SELECT coalesce(max(seq), 0) + 1 FROM participant"
		" WHERE session_id = ?1", STORE_VALS(STORE_INT(id))),
		store_int_row, &out->seq, NULL);
	char now[32];
	store_now_iso(now);
	const struct store_participant p = {
		id, out->seq, name, key, now, mark->source,
		mark->order_text[0] ? mark->order_text : NULL,
		mark->group[0] ? mark->group : NULL, mark->device,
	};
	return r == STORE_OK ? store_insert_participant(st, &p, &out->id) : r;
}

enum store_status store_insert_participant(struct store *st,
					   const struct store_participant *p,
					   int64_t *pid)
{
	enum store_status r = store_run(st, STMT_PARTICIPANT_INSERT,
		"INSERT INTO participant (session_id, seq, name, name_key,"
		" signed_at, source, sheet_order, grp, device)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
		STORE_VALS(STORE_INT(p->session), STORE_INT(p->seq),
			   STORE_TEXT(p->name), STORE_TEXT(p->key),
			   STORE_TEXT(p->signed_at),
			   STORE_TEXT(source_key(p->source)),
			   STORE_TEXT(p->order), STORE_TEXT(p->group),
			   STORE_TEXT(p->device)));
	*pid = sqlite3_last_insert_rowid(st->db);
	return r;
}

/* Removes a signer's dots and notes, keeping the signing place. */
static enum store_status clear_signer(struct store *st, int64_t pid)
{
	enum store_status r = store_run(st, STMT_DOTS_DELETE,
		"DELETE FROM dot WHERE participant_id = ?1",
		STORE_VALS(STORE_INT(pid)));
	if (r == STORE_OK)
		r = store_run(st, STMT_NOTES_DELETE,
			"DELETE FROM note WHERE participant_id = ?1",
			STORE_VALS(STORE_INT(pid)));
	return r;
}

/* The participant whose ballot came from a phone: who, its name key and
 * its name (to free; NULL when anonymous). */
struct device_signer {
	struct signer *who;
	char *key;
	char *name;
};

/* A device_signer from its row: id, seq, name key, name. */
static bool device_signer_row(sqlite3_stmt *s, void *arg)
{
	struct device_signer *d = arg;
	bool ok = true;
	signer_row(s, d->who);
	d->key = store_column_dup(s, 2, &ok);
	d->name = store_column_dup(s, 3, &ok);
	if (!ok) {
		free(d->key);
		free(d->name);
		d->key = d->name = NULL;
	}
	return ok;
}

/* The participant whose ballot came from `device`: found false if none. */
static enum store_status find_device(struct store *st, int64_t id,
				     const char *device,
				     struct device_signer *out, bool *found)
{
	return store_one(st, store_query(st, STMT_PARTICIPANT_BY_DEVICE,
		"SELECT id, seq, name_key, name FROM participant"
		" WHERE session_id = ?1 AND device = ?2",
		STORE_VALS(STORE_INT(id), STORE_TEXT(device))),
		device_signer_row, out, found);
}

/* The participant of a phone's ballot: the device's own (emptied), else a
 * new one (already marked: *added); a name someone else signed is theirs,
 * and a device signs one name only. */
static enum store_status take_device_signer(struct store *st, int64_t id,
					    const char *name,
					    const struct signer_mark *mark,
					    struct signer *out, bool *added)
{
	const char *device = mark->device;
	*added = false;
	struct device_signer old = { out, NULL, NULL };
	char *key = name ? text_name_key(name) : NULL;
	if (name && !key)
		return store_say(st, STORE_REFUSED,
				 _("The name is not valid UTF-8: type it again."));
	bool mine = false, taken = false;
	enum store_status r = find_device(st, id, device, &old, &mine);
	if (r == STORE_OK && mine && key && (!old.key || strcmp(key, old.key)))
		r = store_say(st, STORE_REFUSED,
			      _("This phone has voted as %s: change that ballot, or ask the facilitator."),
			      old.name ? old.name : "?");
	else if (r == STORE_OK && mine)
		r = clear_signer(st, out->id);
	else if (r == STORE_OK && key)
		r = find_signer(st, id, key, out, &taken);
	if (r == STORE_OK && !mine && taken)
		r = store_say(st, STORE_CONFLICT,
			      _("%s has voted already: ask the facilitator."),
			      name);
	else if (r == STORE_OK && !mine) {
		r = add_signer(st, id, name, key, mark, out);
		*added = true;
	}
	free(key);
	free(old.key);
	free(old.name);
	return r;
}

/* The participant a ballot belongs to: a new one, or (with replace) the
 * same name's, emptied. *added tells a new one (already marked). */
static enum store_status take_signer(struct store *st, int64_t id,
				     const char *name, bool replace,
				     const struct signer_mark *mark,
				     struct signer *out, bool *added)
{
	*added = !name;
	if (!name)
		return add_signer(st, id, NULL, NULL, mark, out);
	char *key = text_name_key(name);
	if (!key)
		return store_say(st, STORE_REFUSED,
				 _("The name is not valid UTF-8: type it again."));
	bool found = false;
	enum store_status r = find_signer(st, id, key, out, &found);
	*added = r == STORE_OK && !found;
	if (r == STORE_OK && !found)
		r = add_signer(st, id, name, key, mark, out);
	else if (r == STORE_OK && !replace)
		r = store_say(st, STORE_CONFLICT,
			      _("%s has voted already: add --replace to replace that ballot."),
			      name);
	else if (r == STORE_OK)
		r = clear_signer(st, out->id);
	free(key);
	return r;
}

/* Writes the nonzero cells of a ballot. */
static enum store_status insert_dots(struct store *st, int64_t id,
				     int64_t pid, const struct ballot *b,
				     int nsheets)
{
	enum store_status r = STORE_OK;
	for (int sh = 0; sh < nsheets && sh < b->nsheets; sh++)
		for (int l = 0; r == STORE_OK && l < LEVEL_COUNT; l++)
			if (b->dots[sh][l] != 0)
				r = store_insert_dot(st, id, pid, sh, l,
						     b->dots[sh][l]);
	return r;
}

enum store_status store_insert_dot(struct store *st, int64_t id, int64_t pid,
				   int sheet, int level, int dots)
{
	return store_run(st, STMT_DOT_INSERT,
		"INSERT INTO dot (participant_id, session_id,"
		" sheet_idx, level, dots) VALUES (?1, ?2, ?3, ?4, ?5)",
		STORE_VALS(STORE_INT(pid), STORE_INT(id), STORE_INT(sheet),
			   STORE_INT(level), STORE_INT(dots)));
}

enum store_status store_insert_note(struct store *st, int64_t id, int64_t pid,
				    int sheet, enum quadrant q,
				    const char *text)
{
	char letter[2] = { rules_quadrant_letter(q), '\0' };
	return store_run(st, STMT_NOTE_INSERT,
		"INSERT INTO note (session_id, sheet_idx, quadrant,"
		" participant_id, text) VALUES (?1, ?2, ?3, ?4, ?5)",
		STORE_VALS(STORE_INT(id), STORE_INT(sheet), STORE_TEXT(letter),
			   STORE_ID(pid), STORE_TEXT(text)));
}

/* A recorded order names every sheet of the session exactly once. */
static enum store_status check_order(struct store *st,
				     const struct ballot_session *bs,
				     const struct store_ballot_in *in,
				     char text[ORDER_TEXT_MAX])
{
	text[0] = '\0';
	if ((unsigned)in->source >= SOURCE_COUNT)
		return store_say(st, STORE_REFUSED,
				 _("The ballot's source is unknown: give screen, cli, paper, import or phone."));
	if (!in->order)
		return STORE_OK;
	int check[RULES_MAX_SHEETS];
	char err[256];
	if (in->norder == bs->nsheets && in->norder <= RULES_MAX_SHEETS) {
		order_format(in->order, in->norder, text, ORDER_TEXT_MAX);
		if (order_parse(text, bs->nsheets, check, err, sizeof err))
			return STORE_OK;
	}
	return store_say(st, STORE_REFUSED,
			 _("The order of the sheets must name every sheet 1 to %d exactly once."),
			 bs->nsheets);
}

/* Records where the ballot came from, the order its sheets were shown and
 * the phone that sent it (a ballot replaced elsewhere belongs to no phone). */
static enum store_status mark_signer(struct store *st, int64_t pid,
				     const struct signer_mark *mark)
{
	return store_run(st, STMT_PARTICIPANT_MARK,
		"UPDATE participant SET source = ?2, sheet_order = ?3, grp = ?4,"
		" device = ?5 WHERE id = ?1",
		STORE_VALS(STORE_INT(pid), STORE_TEXT(source_key(mark->source)),
			   STORE_TEXT(mark->order_text[0] ? mark->order_text
							  : NULL),
			   STORE_TEXT(mark->group[0] ? mark->group : NULL),
			   STORE_TEXT(mark->device)));
}

/* A device identity is 32 hex digits (128 random bits), or none. */
static enum store_status check_device(struct store *st, const char *device)
{
	if (!device)
		return STORE_OK;
	size_t n = strspn(device, "0123456789abcdefABCDEF");
	if (n == 32 && device[32] == '\0')
		return STORE_OK;
	return store_say(st, STORE_REFUSED,
			 _("The phone's identity is not valid: reload the page."));
}

/* The session's groups in stored form (*groups NULL when it has none). */
static enum store_status session_groups(struct store *st, int64_t id,
					char **groups)
{
	return store_session_text(st, store_stmt(st, STMT_BALLOT_GROUPS,
		"SELECT groups FROM session WHERE id = ?1"), id, groups);
}

/* The refusal of a group the session does not have, naming its groups. */
static enum store_status no_such_group(struct store *st, int64_t id,
				       const char *group, const char *groups)
{
	struct buf list;
	buf_init(&list);
	for (const char *p = groups; *p; p++)
		if (*p == '\n')
			buf_puts(&list, ", ");
		else
			buf_putc(&list, *p);
	enum store_status r = list.failed ? store_nomem(st) :
		store_say(st, STORE_REFUSED,
			  _("Session %lld has no group “%s”: give one of %s."),
			  (long long)id, group, buf_str(&list));
	buf_free(&list);
	return r;
}

/* The signer's group as the session spells it into out ("" for none);
 * refuses a group the session does not have. */
static enum store_status check_group(struct store *st, int64_t id,
				     const char *group,
				     char out[GROUPS_NAME_MAX * 4 + 1])
{
	out[0] = '\0';
	if (!group)
		return STORE_OK;
	char *groups = NULL;
	enum store_status r = session_groups(st, id, &groups);
	if (r != STORE_OK)
		return r;
	int at = groups_find(groups, group);
	if (!groups)
		r = store_say(st, STORE_REFUSED,
			      _("Session %lld has no groups: leave the group out."),
			      (long long)id);
	else if (at < 0)
		r = no_such_group(st, id, group, groups);
	else
		groups_name(groups, (size_t)at, out, GROUPS_NAME_MAX * 4 + 1);
	free(groups);
	return r;
}

/* The whole ballot inside the caller's write transaction, against the
 * session's rules as loaded (load_ballot_session). */
static enum store_status save_in(struct store *st, int64_t id,
				 const struct ballot_session *bs_,
				 const struct store_ballot_in *in, int *seq)
{
	struct ballot_session bs = *bs_;
	struct signer who = { 0, 0 };
	char order_text[ORDER_TEXT_MAX] = "";
	char group[GROUPS_NAME_MAX * 4 + 1] = "";
	const struct signer_mark mark = { in->source, order_text, group,
					  in->device };
	bool added = false;
	enum store_status r = check_ballot(st, id, &bs, in->ballot);
	if (r == STORE_OK)
		r = check_notes(st, id, bs.nsheets, in->notes, in->nnotes);
	if (r == STORE_OK)
		r = check_name(st, id, &bs, in->name);
	if (r == STORE_OK)
		r = check_order(st, &bs, in, order_text);
	if (r == STORE_OK)
		r = check_group(st, id, in->group, group);
	if (r == STORE_OK)
		r = check_device(st, in->device);
	if (r == STORE_OK && in->device)
		r = take_device_signer(st, id, in->name, &mark, &who, &added);
	else if (r == STORE_OK)
		r = take_signer(st, id, in->name, in->replace, &mark, &who,
				&added);
	if (r == STORE_OK && !added)  /* a replaced ballot takes the new ones */
		r = mark_signer(st, who.id, &mark);
	if (r == STORE_OK)
		r = insert_dots(st, id, who.id, in->ballot, bs.nsheets);
	for (size_t i = 0; r == STORE_OK && i < in->nnotes; i++)
		r = store_insert_note(st, id, who.id, in->notes[i].sheet,
				      in->notes[i].quadrant, in->notes[i].text);
	*seq = who.seq;
	return r;
}

/* The whole ballot inside the caller's write transaction. */
static enum store_status save_ballot(struct store *st, int64_t id,
				     const struct store_ballot_in *in,
				     int *seq)
{
	struct ballot_session bs;
	enum store_status r = load_ballot_session(st, id, &bs);
	return r == STORE_OK ? save_in(st, id, &bs, in, seq) : r;
}

enum store_status store_ballot_save_ex(struct store *st, int64_t id,
				       const struct store_ballot_in *in,
				       int *seq)
{
	int n = 0;
	enum store_status r = store_begin_write(st);
	if (r != STORE_OK)
		return r;
	r = store_end(st, save_ballot(st, id, in, &n));
	/* Only a committed ballot has a number. */
	if (r == STORE_OK)
		*seq = n;
	return r;
}

enum store_status store_ballot_save(struct store *st, int64_t id,
				    const char *name, const struct ballot *b,
				    const struct ballot_note *notes,
				    size_t nnotes, bool replace, int *seq)
{
	struct store_ballot_in in = {
		.name = name, .ballot = b, .notes = notes, .nnotes = nnotes,
		.replace = replace, .source = SOURCE_CLI, .order = NULL,
		.norder = 0,
	};
	return store_ballot_save_ex(st, id, &in, seq);
}

/* Where a batch's ballots come from. */
struct batch {
	size_t n;
	bool (*get)(void *arg, size_t i, struct store_ballot_in *in,
		    struct ballot *scratch);
	void *arg;
};

/* Every ballot of a batch inside one write transaction; stops at the
 * first refusal, naming it in *failed. */
static enum store_status save_batch(struct store *st, int64_t id,
				    const struct batch *b, size_t *failed,
				    int *first_seq)
{
	struct ballot_session bs;
	struct ballot scratch;
	enum store_status r = load_ballot_session(st, id, &bs);
	for (size_t i = 0; r == STORE_OK && i < b->n; i++) {
		int seq = 0;
		struct store_ballot_in in;
		memset(&in, 0, sizeof in);
		if (!b->get(b->arg, i, &in, &scratch)) {
			r = store_nomem(st);
			break;
		}
		r = save_in(st, id, &bs, &in, &seq);
		if (r != STORE_OK)
			*failed = i;
		else if (i == 0)
			*first_seq = seq;
	}
	return r;
}

enum store_status store_ballots_save_each(struct store *st, int64_t id,
					  size_t n,
					  bool (*get)(void *arg, size_t i,
						      struct store_ballot_in *in,
						      struct ballot *scratch),
					  void *arg, size_t *failed,
					  int *first_seq)
{
	int first = 0;
	*failed = n;
	const struct batch b = { n, get, arg };
	enum store_status r = store_begin_write(st);
	if (r != STORE_OK)
		return r;
	r = store_end(st, save_batch(st, id, &b, failed, &first));
	if (r == STORE_OK && first_seq)
		*first_seq = first;
	if (r == STORE_OK)
		*failed = n;
	return r;
}

/* store_ballots_save_all's ballots, one by one from its array. */
static bool from_array(void *arg, size_t i, struct store_ballot_in *in,
		       struct ballot *scratch)
{
	(void)scratch;
	*in = ((const struct store_ballot_in *)arg)[i];
	return true;
}

enum store_status store_ballots_save_all(struct store *st, int64_t id,
					 const struct store_ballot_in *in,
					 size_t n, size_t *failed,
					 int *first_seq)
{
	return store_ballots_save_each(st, id, n, from_array, (void *)in,
				       failed, first_seq);
}

enum store_status store_name_signed(struct store *st, int64_t id,
				    const char *name, bool *signed_)
{
	*signed_ = false;
	if (!name)
		return STORE_OK;  /* anonymous: nobody signs by name */
	char *key = text_name_key(name);
	if (!key)
		return store_say(st, STORE_REFUSED,
				 _("The name is not valid UTF-8: type it again."));
	enum store_status r = store_session_row(st, store_query(st,
		STMT_NAME_SIGNED,
		"SELECT EXISTS (SELECT 1 FROM participant"
		"  WHERE session_id = ?1 AND name_key = ?2)"
		" FROM session WHERE id = ?1",
		STORE_VALS(STORE_INT(id), STORE_TEXT(key))), id, store_bool_row,
		signed_);
	free(key);
	return r;
}

/* A note outside a ballot, inside the caller's write transaction. */
static enum store_status add_note(struct store *st, int64_t id, int sheet,
				  enum quadrant q, const char *text)
{
	int nsheets = 0;
	enum store_status r = store_session_row(st, store_query(st,
		STMT_NOTE_SESSION,
		"SELECT (SELECT count(*) FROM sheet WHERE session_id = ?1)"
		" FROM session WHERE id = ?1", STORE_VALS(STORE_INT(id))),
		id, store_int_row, &nsheets);
	struct ballot_note note = { sheet, q, (char *)text };
	if (r == STORE_OK)
		r = check_notes(st, id, nsheets, &note, 1);
	if (r == STORE_OK)
		r = store_insert_note(st, id, 0, sheet, q, text);
	return r;
}

enum store_status store_note_add(struct store *st, int64_t id, int sheet,
				 enum quadrant q, const char *text)
{
	enum store_status r = store_begin_write(st);
	if (r != STORE_OK)
		return r;
	return store_end(st, add_note(st, id, sheet, q, text));
}

/* The sheets and participants of a tally from their row. */
static bool tally_sizes_row(sqlite3_stmt *s, void *arg)
{
	int *sizes = arg;
	sizes[0] = sqlite3_column_int(s, 0);
	sizes[1] = sqlite3_column_int(s, 1);
	return true;
}

/* The number of sheets and participants of a session, for its tally. */
static enum store_status tally_sizes(struct store *st, int64_t id,
				     int sizes[2])
{
	return store_session_row(st, store_query(st, STMT_TALLY_SIZES,
		"SELECT (SELECT count(*) FROM sheet WHERE session_id = ?1),"
		" (SELECT count(*) FROM participant WHERE session_id = ?1)"
		" FROM session WHERE id = ?1", STORE_VALS(STORE_INT(id))),
		id, tally_sizes_row, sizes);
}

/* Puts one row of the tally query into its cell of tally arg; level -1 is
 * the sheet's count of distinct people. */
static bool tally_cell(sqlite3_stmt *s, void *arg)
{
	struct tally *t = arg;
	int sheet = sqlite3_column_int(s, 0);
	int level = sqlite3_column_int(s, 1);
	if (sheet < 0 || (size_t)sheet >= t->nsheets || level < -1 ||
	    level >= LEVEL_COUNT)
		return true;  /* the schema's checks make this impossible */
	struct tally_sheet *ts = &t->sheets[sheet];
	if (level < 0) {
		ts->total_people += sqlite3_column_int(s, 3);
		return true;
	}
	ts->dots[level] += sqlite3_column_int(s, 2);
	ts->people[level] += sqlite3_column_int(s, 3);
	return true;
}

/* Adds one person's sheets (a bit each) to the sheets' counts of people. */
static void add_person(struct tally *t, uint32_t sheets)
{
	for (size_t sh = 0; sheets && sh < t->nsheets; sh++, sheets >>= 1)
		t->sheets[sh].total_people += (int)(sheets & 1u);
}

/* Counting people per sheet: the person of the rows read so far and the
 * sheets (a bit each) they have dots on. */
struct people_pass {
	struct tally *t;
	int64_t who;
	uint32_t sheets;
};

/* One row (participant, sheet) of the pass: a new person counts the last. */
static bool people_row(sqlite3_stmt *s, void *arg)
{
	struct people_pass *p = arg;
	int64_t pid = sqlite3_column_int64(s, 0);
	int sheet = sqlite3_column_int(s, 1);
	if (pid != p->who) {
		add_person(p->t, p->sheets);
		p->sheets = 0;
		p->who = pid;
	}
	if (sheet >= 0 && sheet < RULES_MAX_SHEETS)
		p->sheets |= 1u << sheet;
	return true;
}

/* People per sheet in one pass over the ballot cells in signing order, a
 * bit mask per person: linear in the dots, where count(DISTINCT) per sheet
 * builds a temporary B-tree (12-13x the time for 10x the dots). */
static enum store_status tally_people(struct store *st, int64_t id,
				      struct tally *t)
{
	struct people_pass pass = { t, 0, 0 };
	enum store_status r = store_each(st, store_query(st, STMT_TALLY_PEOPLE,
		"SELECT p.id, d.sheet_idx FROM participant p"
		" JOIN dot d ON d.participant_id = p.id"
		" WHERE p.session_id = ?1 ORDER BY p.seq",
		STORE_VALS(STORE_INT(id))), people_row, &pass);
	add_person(t, pass.sheets);
	return r;
}

/* Dots and people per (sheet, level) over one index range, and the paper
 * sheets' column totals, added; then people per sheet. */
static enum store_status tally_counts(struct store *st, int64_t id,
				      struct tally *t)
{
	enum store_status r = store_each(st, store_query(st, STMT_TALLY_ROWS,
		/* The key (participant, sheet, level) makes each row of a
		 * (sheet, level) group one person: count(*), no DISTINCT. */
		"SELECT sheet_idx, level, sum(dots), count(*)"
		" FROM dot WHERE session_id = ?1 GROUP BY sheet_idx, level"
		" UNION ALL"
		" SELECT sheet_idx, level, dots, people FROM paper_total"
		" WHERE session_id = ?1"
		" UNION ALL"
		" SELECT sheet_idx, -1, 0, people FROM paper_sheet"
		" WHERE session_id = ?1", STORE_VALS(STORE_INT(id))),
		tally_cell, t);
	return r == STORE_OK ? tally_people(st, id, t) : r;
}

enum store_status store_load_tally(struct store *st, int64_t id,
				   struct tally *out)
{
	int sizes[2] = { 0, 0 };  /* sheets, participants */
	memset(out, 0, sizeof *out);
	enum store_status r = tally_sizes(st, id, sizes);
	if (r != STORE_OK)
		return r;
	if (!tally_init(out, (size_t)sizes[0]))
		return store_nomem(st);
	out->participants = sizes[1];
	r = tally_counts(st, id, out);
	if (r != STORE_OK) {
		tally_free(out);
		memset(out, 0, sizeof *out);
		return r;
	}
	tally_finish(out);
	return STORE_OK;
}

enum store_status store_tally(struct store *st, int64_t id, struct tally *out)
{
	memset(out, 0, sizeof *out);
	enum store_status r = store_begin_read(st);
	if (r != STORE_OK)
		return r;
	r = store_end(st, store_load_tally(st, id, out));
	if (r != STORE_OK) {
		tally_free(out);
		memset(out, 0, sizeof *out);
	}
	return r;
}

void *store_slot(void **arr, size_t n, size_t *cap, size_t size)
{
	if (n >= *cap) {
		size_t c = *cap ? *cap * 2 : 16;
		void *a = realloc(*arr, c * size);
		if (!a)
			return NULL;
		*arr = a;
		*cap = c;
	}
	char *item = (char *)*arr + n * size;
	memset(item, 0, size);
	return item;
}

/* What store_report_rows hands store_each. */
struct report_rows {
	struct report *r;
	size_t cap;
	bool (*row)(sqlite3_stmt *s, struct report *r, size_t *cap);
};

/* One row of store_report_rows. */
static bool report_row(sqlite3_stmt *s, void *arg)
{
	struct report_rows *rr = arg;
	return rr->row(s, rr->r, &rr->cap);
}

enum store_status store_report_rows(struct store *st, sqlite3_stmt *s,
				    struct report *r,
				    bool (*row)(sqlite3_stmt *s,
						struct report *r, size_t *cap))
{
	struct report_rows rr = { r, 0, row };
	return store_each(st, s, report_row, &rr);
}

/* A participant's source and recorded order (columns 3 and 4), counted
 * into the report's sources. An order that does not fit the session's
 * sheets is left out rather than trusted. */
static void read_provenance(sqlite3_stmt *s, struct report *r,
			    struct report_participant *p)
{
	const unsigned char *src = sqlite3_column_text(s, 3);
	const unsigned char *ord = sqlite3_column_text(s, 4);
	char err[256];
	if (!source_parse((const char *)src, &p->source))
		p->source = SOURCE_CLI;
	r->sources[p->source]++;
	p->norder = 0;
	if (ord && order_parse((const char *)ord, r->session.nsheets, p->order,
			       err, sizeof err))
		p->norder = r->session.nsheets;
}

/* Adds one participant row to the report; false on no memory. */
static bool participant_row(sqlite3_stmt *s, struct report *r, size_t *cap)
{
	struct report_participant *p = store_slot((void **)&r->participants,
						  r->nparticipants, cap,
						  sizeof *p);
	if (!p)
		return false;
	bool ok = true;
	p->seq = sqlite3_column_int(s, 0);
	p->name = store_column_dup(s, 1, &ok);
	const unsigned char *at = sqlite3_column_text(s, 2);
	strncpy(p->signed_at, at ? (const char *)at : "",
		sizeof p->signed_at - 1);
	read_provenance(s, r, p);
	p->group = store_column_dup(s, 5, &ok);
	r->nparticipants++;
	return ok;
}

/* The participants in signing order (names NULL when anonymous). */
static enum store_status load_participants(struct store *st, int64_t id,
					   struct report *r)
{
	return store_report_rows(st, store_query(st, STMT_REPORT_PARTICIPANTS,
		"SELECT seq, name, signed_at, source, sheet_order, grp FROM participant"
		" WHERE session_id = ?1 ORDER BY seq", STORE_VALS(STORE_INT(id))),
		r, participant_row);
}

/* Adds one ballot cell row to the report; false on no memory. */
static bool ballot_row(sqlite3_stmt *s, struct report *r, size_t *cap)
{
	struct report_ballot *b = store_slot((void **)&r->ballots, r->nballots,
					     cap, sizeof *b);
	if (!b)
		return false;
	b->participant = sqlite3_column_int(s, 0);
	b->sheet = sqlite3_column_int(s, 1);
	b->level = (enum level)sqlite3_column_int(s, 2);
	b->dots = sqlite3_column_int(s, 3);
	r->nballots++;
	return true;
}

/* Every nonzero cell of every ballot, by participant, sheet and level. */
static enum store_status load_ballots(struct store *st, int64_t id,
				      struct report *r)
{
	return store_report_rows(st, store_query(st, STMT_REPORT_BALLOTS,
		"SELECT p.seq, d.sheet_idx, d.level, d.dots"
		" FROM dot d JOIN participant p ON p.id = d.participant_id"
		" WHERE d.session_id = ?1"
		" ORDER BY p.seq, d.sheet_idx, d.level",
		STORE_VALS(STORE_INT(id))), r, ballot_row);
}

/* A quadrant from its stored letter. */
static enum quadrant quadrant_of(const unsigned char *letter)
{
	enum quadrant q = QUAD_S;
	char one[2] = { letter ? (char)letter[0] : 'S', '\0' };
	if (!rules_quadrant_parse(one, &q))
		q = QUAD_S;
	return q;
}

/* Adds one note row to the report; false on no memory. */
static bool note_row(sqlite3_stmt *s, struct report *r, size_t *cap)
{
	struct report_note *no = store_slot((void **)&r->notes, r->nnotes, cap,
					    sizeof *no);
	if (!no)
		return false;
	bool ok = true;
	no->sheet = sqlite3_column_int(s, 0);
	no->quadrant = quadrant_of(sqlite3_column_text(s, 1));
	no->participant = sqlite3_column_int(s, 2);
	no->text = store_column_dup(s, 3, &ok);
	if (no->text)
		r->nnotes++;
	return ok;
}

/* The SWOT notes by sheet, quadrant (S, W, O, T) and insertion. */
static enum store_status load_notes(struct store *st, int64_t id,
				    struct report *r)
{
	return store_report_rows(st, store_query(st, STMT_REPORT_NOTES,
		"SELECT n.sheet_idx, n.quadrant, coalesce(p.seq, 0), n.text"
		" FROM note n LEFT JOIN participant p ON p.id = n.participant_id"
		" WHERE n.session_id = ?1"
		" ORDER BY n.sheet_idx, instr('SWOT', n.quadrant), n.id",
		STORE_VALS(STORE_INT(id))), r, note_row);
}

/* Has any participant a recorded sheet order? */
static bool any_order(const struct report *r)
{
	for (size_t i = 0; i < r->nparticipants; i++)
		if (r->participants[i].norder > 0)
			return true;
	return false;
}

/* Does the report need its ballot cells even as a summary: per group
 * results, or who moved since the round before? */
static bool needs_cells(const struct report *r)
{
	return any_order(r) || r->session.groups || r->session.round > 1 ||
	       r->session.after[0];
}

/* A report inside the caller's read transaction; a summary leaves out the
 * notes and the ballot cells but where dots by position, groups or rounds
 * need them. */
static enum store_status load_report(struct store *st, int64_t id,
				     struct report *out, bool summary)
{
	size_t nsheets = 0;
	enum store_status r = store_load_session(st, id, &out->session);
	if (r == STORE_OK)
		r = store_load_sheets(st, id, &out->sheets, &nsheets);
	/* report_free counts the sheets by session.nsheets. */
	if (r == STORE_OK)
		out->session.nsheets = (int)nsheets;
	if (r == STORE_OK)
		r = store_load_phases(st, id, &out->phases, &out->nphases);
	if (r == STORE_OK)
		r = store_load_tally(st, id, &out->tally);
	if (r == STORE_OK)
		r = load_participants(st, id, out);
	if (r == STORE_OK)
		r = store_load_paper(st, id, out);
	/* Dots by position need the cells; only ordered ballots have one. */
	if (r == STORE_OK && (!summary || needs_cells(out)))
		r = load_ballots(st, id, out);
	if (r == STORE_OK && !summary)
		r = load_notes(st, id, out);
	return r;
}

enum store_status store_load_report(struct store *st, int64_t id,
				    struct report *out)
{
	return load_report(st, id, out, false);
}

/* The previous round's report into out->previous when it is here, in the
 * caller's transaction; a summary with its ballot cells (a later round
 * always loads them). */
static enum store_status load_previous(struct store *st, struct report *out)
{
	int64_t prev = 0;
	enum store_status r = store_session_previous_id(st, &out->session, &prev);
	if (r != STORE_OK || prev == 0 || prev == out->session.id)
		return r;
	out->previous = calloc(1, sizeof *out->previous);
	if (!out->previous)
		return store_nomem(st);
	r = load_report(st, prev, out->previous, true);
	if (r == STORE_OK && !out->previous->ballots && out->previous->nparticipants)
		r = load_ballots(st, prev, out->previous);
	return r;
}

/* A report or a summary in its own read transaction; nothing on failure. */
static enum store_status read_report(struct store *st, int64_t id,
				     struct report *out, bool summary)
{
	memset(out, 0, sizeof *out);
	enum store_status r = store_begin_read(st);
	if (r != STORE_OK)
		return r;
	r = load_report(st, id, out, summary);
	if (r == STORE_OK)
		r = load_previous(st, out);
	r = store_end(st, r);
	if (r != STORE_OK) {
		report_free(out);
		memset(out, 0, sizeof *out);
	}
	return r;
}

enum store_status store_report(struct store *st, int64_t id,
			       struct report *out)
{
	return read_report(st, id, out, false);
}

enum store_status store_report_summary(struct store *st, int64_t id,
				       struct report *out)
{
	return read_report(st, id, out, true);
}

enum store_status store_vote_count(struct store *st, int64_t id, int *count)
{
	*count = 0;
	return store_session_row(st, store_query(st, STMT_VOTE_COUNT,
		"SELECT (SELECT count(*) FROM participant WHERE session_id = ?1)"
		" FROM session WHERE id = ?1", STORE_VALS(STORE_INT(id))),
		id, store_int_row, count);
}

enum store_status store_data_version(struct store *st, int64_t *version)
{
	*version = 0;
	return store_one(st, store_stmt(st, STMT_DATA_VERSION,
					"PRAGMA data_version"),
			 store_int64_row, version, NULL);
}

/* Adds one row (source, count) to the counts by source. */
static bool source_count_row(sqlite3_stmt *s, void *counts)
{
	enum ballot_source src;
	if (source_parse((const char *)sqlite3_column_text(s, 0), &src))
		((int *)counts)[src] += sqlite3_column_int(s, 1);
	return true;
}

enum store_status store_source_counts(struct store *st, int64_t id,
				      int counts[SOURCE_COUNT])
{
	for (int i = 0; i < SOURCE_COUNT; i++)
		counts[i] = 0;
	enum store_status r = store_session_exists(st, id);
	if (r != STORE_OK)
		return r;
	return store_each(st, store_query(st, STMT_SOURCE_COUNTS,
		"SELECT source, count(*) FROM participant"
		" WHERE session_id = ?1 GROUP BY source",
		STORE_VALS(STORE_INT(id))), source_count_row, counts);
}

/* Puts one row (sheet, level, dots) into the ballot. */
static bool device_dot_row(sqlite3_stmt *s, void *arg)
{
	struct ballot *b = arg;
	int sh = sqlite3_column_int(s, 0), l = sqlite3_column_int(s, 1);
	if (sh >= 0 && sh < b->nsheets && l >= 0 && l < LEVEL_COUNT)
		b->dots[sh][l] = sqlite3_column_int(s, 2);
	return true;
}

/* Reads the device's dots into b, inside the caller's read transaction. */
static enum store_status load_device_dots(struct store *st, int64_t pid,
					  struct ballot *b)
{
	return store_each(st, store_query(st, STMT_DEVICE_DOTS,
		"SELECT sheet_idx, level, dots FROM dot WHERE participant_id = ?1",
		STORE_VALS(STORE_INT(pid))), device_dot_row, b);
}

/* The notes of a device's ballot as they are read, and their room. */
struct device_notes {
	struct store_device_ballot *out;
	size_t cap;
};

/* Adds one row (sheet, quadrant, text) to the notes; false on no memory. */
static bool device_note_row(sqlite3_stmt *s, void *arg)
{
	struct device_notes *dn = arg;
	struct store_device_ballot *out = dn->out;
	enum quadrant q;
	if (!rules_quadrant_parse((const char *)sqlite3_column_text(s, 1), &q))
		return true;
	struct ballot_note *n = store_slot((void **)&out->notes, out->nnotes,
					   &dn->cap, sizeof *n);
	if (!n)
		return false;
	bool ok = true;
	n->sheet = sqlite3_column_int(s, 0);
	n->quadrant = q;
	n->text = store_column_dup(s, 2, &ok);
	if (n->text)
		out->nnotes++;
	return ok;
}

/* Reads the device's notes into out, inside the caller's read
 * transaction. */
static enum store_status load_device_notes(struct store *st, int64_t pid,
					   struct store_device_ballot *out)
{
	struct device_notes dn = { out, 0 };
	return store_each(st, store_query(st, STMT_DEVICE_NOTES,
		"SELECT sheet_idx, quadrant, text FROM note"
		" WHERE participant_id = ?1 ORDER BY id",
		STORE_VALS(STORE_INT(pid))), device_note_row, &dn);
}

/* The group a participant signed with (NULL for none). */
static enum store_status load_device_group(struct store *st, int64_t pid,
					   char **group)
{
	return store_one(st, store_query(st, STMT_DEVICE_GROUP,
		"SELECT grp FROM participant WHERE id = ?1",
		STORE_VALS(STORE_INT(pid))), store_text_row, group, NULL);
}

/* store_device_ballot inside its read transaction. */
static enum store_status read_device_ballot(struct store *st, int64_t id,
					    const char *device,
					    struct store_device_ballot *out,
					    bool *found)
{
	struct ballot_session bs;
	struct signer who;
	struct device_signer d = { &who, NULL, NULL };
	enum store_status r = load_ballot_session(st, id, &bs);
	if (r != STORE_OK)
		return r;
	rules_ballot_init(&out->ballot, bs.nsheets);
	r = find_device(st, id, device, &d, found);
	free(d.key);
	out->name = d.name;
	if (r == STORE_OK && *found)
		r = load_device_dots(st, who.id, &out->ballot);
	if (r == STORE_OK && *found)
		r = load_device_notes(st, who.id, out);
	if (r == STORE_OK && *found)
		r = load_device_group(st, who.id, &out->group);
	return r;
}

void store_device_ballot_free(struct store_device_ballot *b)
{
	free(b->name);
	free(b->group);
	for (size_t i = 0; i < b->nnotes; i++)
		free(b->notes[i].text);
	free(b->notes);
	b->name = b->group = NULL;
	b->notes = NULL;
	b->nnotes = 0;
}

enum store_status store_device_ballot(struct store *st, int64_t id,
				      const char *device,
				      struct store_device_ballot *out,
				      bool *found)
{
	memset(out, 0, sizeof *out);
	*found = false;
	enum store_status r = store_begin_read(st);
	if (r != STORE_OK)
		return r;
	r = store_end(st, read_device_ballot(st, id, device, out, found));
	if (r != STORE_OK) {
		store_device_ballot_free(out);
		*found = false;
	}
	return r;
}
