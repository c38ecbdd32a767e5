/* cmd-new: create a session from a template; prints its id alone. */
#include <stdio.h>
#include <stdlib.h>

#include "tapla/args.h"
#include "tapla/assets.h"
#include "tapla/cmd.h"
#include "tapla/groups.h"
#include "tapla/i18n.h"
#include "tapla/text.h"

/* What the options ask for. */
struct new_opts {
	const char *template_name;
	long budget;
	bool classic;
	bool anonymous;
	bool shuffle;
	const char *groups;  /* --groups "a,b,c" */
	long group_min;      /* --group-min N, 0: the default */
};

/* --budget N: dots per participant. */
static int set_budget(struct cmd_ctx *ctx, void *opts, const char *value)
{
	struct new_opts *o = opts;
	(void)ctx;
	if (!args_parse_int(value, 1, RULES_BUDGET_MAX, &o->budget))
		return cmd_usage_error(&cmd_new_entry,
			_("The budget “%s” is not a number from 1 to %d."),
			value, RULES_BUDGET_MAX);
	return CMD_GO_ON;
}

/* --group-min N: the least group size whose results are shown. */
static int set_group_min(struct cmd_ctx *ctx, void *opts, const char *value)
{
	struct new_opts *o = opts;
	(void)ctx;
	if (!args_parse_int(value, GROUPS_MIN_SIZE, GROUPS_MIN_SIZE_MAX,
			    &o->group_min))
		return cmd_usage_error(&cmd_new_entry,
			_("The least group size “%s” is not a number from %d to %d."),
			value, GROUPS_MIN_SIZE, GROUPS_MIN_SIZE_MAX);
	return CMD_GO_ON;
}

static const struct cmd_option new_options[] = {
	CMD_TEXT("template", 't', struct new_opts, template_name),
	CMD_CALL("budget", 'b', true, set_budget),
	CMD_FLAG("classic", 'c', struct new_opts, classic),
	CMD_FLAG("anonymous", 'a', struct new_opts, anonymous),
	CMD_FLAG("shuffle", 's', struct new_opts, shuffle),
	CMD_TEXT("groups", 'g', struct new_opts, groups),
	CMD_CALL("group-min", 'm', true, set_group_min),
	CMD_OPTIONS_END,
};

static int exec_new(struct cmd_ctx *ctx, void *opts, int argc, char **argv)
{
	const struct new_opts *o = opts;
	if (argc != 1)
		return cmd_usage_error(&cmd_new_entry, _("Give the session's title, in quotes if it has spaces."));
	char *groups = NULL;
	char err[512];
	if (o->groups && !(groups = groups_parse(o->groups, err, sizeof err))) {
		cmd_error("%s", err);
		return CMD_EXIT_USAGE;
	}
	char *title = NULL;
	enum text_status ts = text_clean(argv[0], TEXT_TITLE_MAX, &title);
	if (ts != TEXT_OK) {
		cmd_error(_("The title is not usable: %s"), text_status_message(ts));
		free(groups);
		return CMD_EXIT_USAGE;
	}
	struct template t;
	const char *lang = ctx->lang ? ctx->lang : i18n_language();
	if (!assets_load_template(o->template_name ? o->template_name : "networks", lang, &t, err, sizeof err)) {
		cmd_error("%s", err);
		free(title);
		free(groups);
		return CMD_EXIT_USAGE;
	}
	int rc = cmd_open_store(ctx, false);
	if (rc == CMD_EXIT_OK) {
		struct store_new_session opt = {
			.title = title, .budget = (int)o->budget,
			.mode = o->classic ? MODE_CLASSIC : MODE_WEIGHTED,
			.anonymous = o->anonymous, .language = t.language,
			.shuffle = o->shuffle, .groups = groups,
			.group_min = (int)o->group_min,
		};
		int64_t id;
		enum store_status st = store_session_create(ctx->store, &t, &opt, &id);
		if (st == STORE_OK)
			printf("%lld\n", (long long)id);
		else
			rc = cmd_store_failed(ctx, st);
	}
	tpl_free(&t);
	free(title);
	free(groups);
	return rc;
}

const struct cmd_entry cmd_new_entry = {
	.name = "new",
	.synopsis = "TITLE [--template NAME|FILE] [--budget N] [--classic] [--anonymous] [--shuffle] [--groups A,B,C] [--group-min N] [--lang fi|en]",
	.summary = N_("create a session and print its id"),
	.help = N_("Options:\n"
		   "  --template NAME|FILE  a built-in template (see “tapla templates”;\n"
		   "                        default: networks) or a template file\n"
		   "  --budget N            dots per participant (default: the template's, 10)\n"
		   "  --classic             dotmocracy.org's rules: at most one dot per sheet\n"
		   "  --anonymous           store no names; participants are numbered\n"
		   "  --shuffle             show each participant the sheets in an order of\n"
		   "                        their own, recorded so reports can show whether\n"
		   "                        position mattered\n"
		   "  --groups A,B,C        the groups signers pick from, e.g.\n"
		   "                        \"luottamushenkil\xc3\xb6t,viranhaltijat,asukkaat\";\n"
		   "                        results are shown per group beside the room\n"
		   "  --group-min N         a group of fewer than N people (at least and by\n"
		   "                        default 5) is never shown apart; its dots\n"
		   "                        still count in the whole room\n"
		   "  --lang fi|en          the language of the template and messages\n"),
	.options = new_options,
	.opts_size = sizeof(struct new_opts),
	.exec = exec_new,
};
