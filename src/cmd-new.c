/* cmd-new: create a session from a template; prints its id alone. */
#include <stdio.h>
#include <stdlib.h>

#include "tapla/args.h"
#include "tapla/assets.h"
#include "tapla/cmd.h"
#include "tapla/i18n.h"
#include "tapla/text.h"

/* What the options ask for. */
struct new_opts {
	const char *template_name;
	long budget;
	bool classic;
	bool anonymous;
	bool shuffle;
};

/* --budget N: dots per participant. */
static int set_budget(struct cmd_ctx *ctx, void *opts, const char *value)
{
	struct new_opts *o = opts;
	(void)ctx;
	if (!args_parse_int(value, 1, RULES_BUDGET_MAX, &o->budget))
		return cmd_usage_error(&cmd_new_entry,
			_("The budget \"%s\" is not a number from 1 to %d."),
			value, RULES_BUDGET_MAX);
	return CMD_GO_ON;
}

static const struct cmd_option new_options[] = {
	CMD_TEXT("template", 't', struct new_opts, template_name),
	CMD_CALL("budget", 'b', true, set_budget),
	CMD_FLAG("classic", 'c', struct new_opts, classic),
	CMD_FLAG("anonymous", 'a', struct new_opts, anonymous),
	CMD_FLAG("shuffle", 's', struct new_opts, shuffle),
	CMD_OPTIONS_END,
};

static int exec_new(struct cmd_ctx *ctx, void *opts, int argc, char **argv)
{
	const struct new_opts *o = opts;
	if (argc != 1)
		return cmd_usage_error(&cmd_new_entry, _("Give the session's title, in quotes if it has spaces."));
	char *title = NULL;
	enum text_status ts = text_clean(argv[0], TEXT_TITLE_MAX, &title);
	if (ts != TEXT_OK) {
		cmd_error(_("The title is not usable: %s"), text_status_message(ts));
		return CMD_EXIT_USAGE;
	}
	struct template t;
	char err[512];
	const char *lang = ctx->lang ? ctx->lang : i18n_language();
	if (!assets_load_template(o->template_name ? o->template_name : "networks", lang, &t, err, sizeof err)) {
		cmd_error("%s", err);
		free(title);
		return CMD_EXIT_USAGE;
	}
	int rc = cmd_open_store(ctx, false);
	if (rc == CMD_EXIT_OK) {
		struct store_new_session opt = {
			.title = title, .budget = (int)o->budget,
			.mode = o->classic ? MODE_CLASSIC : MODE_WEIGHTED,
			.anonymous = o->anonymous, .language = t.language,
			.shuffle = o->shuffle,
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
	return rc;
}

const struct cmd_entry cmd_new_entry = {
	.name = "new",
	.synopsis = "TITLE [--template NAME|FILE] [--budget N] [--classic] [--anonymous] [--shuffle] [--lang fi|en]",
	.summary = N_("create a session and print its id"),
	.help = N_("Options:\n"
		   "  --template NAME|FILE  a built-in template (see \"tapla templates\";\n"
		   "                        default: networks) or a template file\n"
		   "  --budget N            dots per participant (default: the template's, 10)\n"
		   "  --classic             dotmocracy.org's rules: at most one dot per sheet\n"
		   "  --anonymous           store no names; participants are numbered\n"
		   "  --shuffle             show each participant the sheets in an order of\n"
		   "                        their own, recorded so reports can show whether\n"
		   "                        position mattered\n"
		   "  --lang fi|en          the language of the template and messages\n"),
	.options = new_options,
	.opts_size = sizeof(struct new_opts),
	.exec = exec_new,
};
