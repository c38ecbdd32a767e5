/* cmd-demo: a rehearsal session of the four-network workshop, to try every
 * screen before the seminar, and its removal. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tapla/assets.h"
#include "tapla/cmd.h"
#include "tapla/demo.h"
#include "tapla/groups.h"
#include "tapla/i18n.h"

/* What the options ask for. */
struct demo_opts {
	bool remove;
};

static const struct cmd_option demo_options[] = {
	CMD_FLAG("remove", 'r', struct demo_opts, remove),
	CMD_OPTIONS_END,
};

/* The demo's ballots and notes as the store takes them. */
struct demo_batch {
	struct ballot ballots[32];
	struct store_ballot_in in[32];
	struct ballot_note notes[32][8];
	char group[32][GROUPS_NAME_MAX * 4 + 1];
	size_t n;
};

/* Attaches each note to its writer's ballot. */
static void add_notes(struct demo_batch *b, const struct demo_content *c)
{
	for (size_t i = 0; i < c->nnotes; i++) {
		const struct demo_note *dn = &c->notes[i];
		if (dn->ballot < 0 || (size_t)dn->ballot >= b->n ||
		    b->in[dn->ballot].nnotes >= 8)
			continue;
		size_t k = b->in[dn->ballot].nnotes++;
		b->notes[dn->ballot][k] = (struct ballot_note){
			dn->sheet, dn->quadrant, (char *)dn->text };
	}
}

/* The store's form of n demo ballots (with their groups) for a session of
 * nsheets sheets. */
static void build_batch(struct demo_batch *b, const struct demo_content *c,
			const struct demo_ballot *ballots, size_t n,
			int nsheets)
{
	memset(b, 0, sizeof *b);
	b->n = n < 32 ? n : 32;
	for (size_t i = 0; i < b->n; i++) {
		demo_ballot(&ballots[i], nsheets, &b->ballots[i]);
		bool grouped = groups_name(c->groups, (size_t)ballots[i].group,
					   b->group[i], sizeof b->group[i]);
		b->in[i] = (struct store_ballot_in){
			.name = ballots[i].name, .ballot = &b->ballots[i],
			.notes = b->notes[i], .source = ballots[i].source,
			.group = grouped ? b->group[i] : NULL,
		};
	}
}

/* Saves one round's ballots into session id. */
static int save_round(struct cmd_ctx *ctx, int64_t id,
		      const struct demo_content *c,
		      const struct demo_ballot *ballots, size_t n,
		      bool notes, int nsheets)
{
	struct demo_batch *b = malloc(sizeof *b);
	if (!b) {
		cmd_error(_("Out of memory: close other programs and try again."));
		return CMD_EXIT_ENV;
	}
	build_batch(b, c, ballots, n, nsheets);
	if (notes)
		add_notes(b, c);
	size_t failed;
	enum store_status st = store_ballots_save_all(ctx->store, id, b->in, b->n,
						      &failed, NULL);
	free(b);
	return st == STORE_OK ? CMD_EXIT_OK : cmd_store_failed(ctx, st);
}

/* Creates the first round with its groups and ballots, then the second
 * round; prints the second round's id alone. */
static int create_demo(struct cmd_ctx *ctx, const struct template *t,
		       const struct demo_content *c)
{
	char title[256];
	snprintf(title, sizeof title, "%s%s", c->title_prefix, t->title);
	struct store_new_session opt = {
		.title = title, .mode = MODE_WEIGHTED, .language = t->language,
		.demo = true, .groups = c->groups,
	};
	int64_t id, id2;
	enum store_status st = store_session_create(ctx->store, t, &opt, &id);
	if (st != STORE_OK)
		return cmd_store_failed(ctx, st);
	int rc = save_round(ctx, id, c, c->ballots, c->nballots, true,
			    (int)t->nsheets);
	if (rc)
		return rc;
	st = store_session_next_round(ctx->store, id, &id2);
	if (st != STORE_OK)
		return cmd_store_failed(ctx, st);
	rc = save_round(ctx, id2, c, c->round2, c->nround2, false,
			(int)t->nsheets);
	if (rc)
		return rc;
	printf("%lld\n", (long long)id2);
	return CMD_EXIT_OK;
}

/* Removes every rehearsal session. */
static int remove_demos(struct cmd_ctx *ctx)
{
	int n = 0;
	enum store_status st = store_session_delete_demos(ctx->store, &n);
	if (st != STORE_OK)
		return cmd_store_failed(ctx, st);
	printf(P_("Removed %d rehearsal session.\n",
		  "Removed %d rehearsal sessions.\n", n), n);
	return CMD_EXIT_OK;
}

static int exec_demo(struct cmd_ctx *ctx, void *opts, int argc, char **argv)
{
	bool remove = ((const struct demo_opts *)opts)->remove;
	(void)argv;
	if (argc != 0)
		return cmd_usage_error(&cmd_demo_entry, _("The demo takes no other arguments."));
	int rc = cmd_open_store(ctx, false);
	if (rc || remove)
		return rc ? rc : remove_demos(ctx);
	struct template t;
	char err[512];
	const char *lang = ctx->lang ? ctx->lang : i18n_language();
	if (!assets_load_template(DEMO_TEMPLATE, lang, &t, err, sizeof err)) {
		cmd_error("%s", err);
		return CMD_EXIT_ENV;
	}
	rc = create_demo(ctx, &t, demo_content(t.language ? t.language : lang));
	tpl_free(&t);
	return rc;
}

const struct cmd_entry cmd_demo_entry = {
	.name = "demo",
	.synopsis = "[--lang fi|en] | --remove",
	.summary = N_("create a rehearsal session with sample ballots, or remove them"),
	.help = N_("Creates a rehearsal of the four-network workshop, titled “REHEARSAL –”\n"
		   "(“HARJOITUS –” in Finnish), with the seed's participant A (5, 2, 2 and\n"
		   "1 dots) and twelve more ballots and SWOT notes, three of them from\n"
		   "paper, the signers in three groups (elected officials, staff,\n"
		   "residents); then its second round, voted again after the discussion\n"
		   "with three more residents. Prints the second round's id; the first is\n"
		   "the one before it. Try every screen on them before the seminar.\n\n"
		   "Options:\n"
		   "  --remove      remove every rehearsal session (nothing else)\n"
		   "  --lang fi|en  the language of the rehearsal\n"),
	.options = demo_options,
	.opts_size = sizeof(struct demo_opts),
	.exec = exec_demo,
};
