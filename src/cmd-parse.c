/* cmd-parse: the one parser of the command line. A command declares its
 * options in its table entry; main parses them here, once, before the
 * command runs (see include/tapla/cmd.h). */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "tapla/cmd.h"
#include "tapla/i18n.h"

/* Why an argument was refused. */
enum fault { FAULT_NONE, FAULT_UNKNOWN, FAULT_NO_VALUE };

/* One pass over argv. */
struct parser {
	struct cmd_ctx *ctx;
	const struct cmd_option *const *tables;  /* NULL-ended */
	void *opts;
	bool stop_at_operand;  /* main: the first operand is the command */
	char **ops;            /* the operands, in order */
	int nops;
	int next;              /* where the pass stopped */
	const char *bad;       /* the refused argument */
	enum fault fault;
};

/* --db FILE: the database, for every command. */
static int set_db(struct cmd_ctx *ctx, void *opts, const char *value)
{
	(void)opts;
	ctx->db_path = value;
	return CMD_GO_ON;
}

/* --lang: taken before any message is printed (main.c). */
static int set_lang(struct cmd_ctx *ctx, void *opts, const char *value)
{
	(void)ctx;
	(void)opts;
	(void)value;
	return CMD_GO_ON;
}

/* --help: the caller prints the help of what it parses. */
static int ask_help(struct cmd_ctx *ctx, void *opts, const char *value)
{
	(void)ctx;
	(void)opts;
	(void)value;
	return CMD_HELP;
}

int cmd_set_separator(struct cmd_ctx *ctx, void *field, const char *value)
{
	if (strcmp(value, ",") != 0 && strcmp(value, ";") != 0)
		return cmd_usage_error(ctx->cmd, _("The separator must be “,” or “;”."));
	*(char *)field = value[0];
	return CMD_GO_ON;
}

const struct cmd_option cmd_common_options[] = {
	CMD_CALL("db", 0, true, set_db),
	CMD_CALL("lang", 0, true, set_lang),
	CMD_CALL("help", 'h', false, ask_help),
	CMD_OPTIONS_END,
};

/* Is arg an option (and not an operand such as a level cell "-=2/1" or
 * "--=1", or a lone "-")? Options are "--" or "-" and a letter. */
static bool looks_like_option(const char *arg)
{
	const char *p = arg[0] == '-' ? arg + 1 + (arg[1] == '-') : NULL;
	return p && ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'));
}

/* The option with this long name (n bytes), or the only one it begins. */
static const struct cmd_option *find_long(const struct parser *p,
					  const char *name, size_t n)
{
	const struct cmd_option *prefix = NULL;
	int nprefix = 0;
	for (const struct cmd_option *const *t = p->tables; *t; t++)
		for (const struct cmd_option *o = *t; o->name; o++) {
			if (strncmp(o->name, name, n) != 0)
				continue;
			if (o->name[n] == '\0')
				return o;
			prefix = o;
			nprefix++;
		}
	return nprefix == 1 ? prefix : NULL;
}

/* The option with this letter. */
static const struct cmd_option *find_short(const struct parser *p, char c)
{
	for (const struct cmd_option *const *t = p->tables; *t; t++)
		for (const struct cmd_option *o = *t; o->name; o++)
			if (o->letter == c)
				return o;
	return NULL;
}

/* A CMD_CHOICE word: its number into the int field, else the option's
 * refusal as the command's usage error. */
static int choose(const struct parser *p, const struct cmd_option *o,
		  char *field, const char *value)
{
	for (const struct cmd_choice *c = o->choices; c->name; c++)
		if (strcmp(c->name, value) == 0) {
			memcpy(field, &c->value, sizeof c->value);
			return CMD_GO_ON;
		}
	return cmd_usage_error(p->ctx->cmd, _(o->refusal), value);
}

/* Applies one option with its value (NULL for a flag). */
static int apply(struct parser *p, const struct cmd_option *o,
		 const char *value)
{
	/* No options struct before the command (cmd_parse_global). */
	char *field = p->opts ? (char *)p->opts + o->offset : NULL;
	if (o->call)
		return o->call(p->ctx, field, value);
	if (o->choices)
		return choose(p, o, field, value);
	if (o->value)
		memcpy(field, &value, sizeof value);
	else
		*(bool *)(void *)field = true;
	return CMD_GO_ON;
}

/* Refuses the argument; the caller says why. */
static int refuse(struct parser *p, const char *arg, enum fault f)
{
	p->bad = arg;
	p->fault = f;
	return CMD_EXIT_USAGE;
}

/* "--name", "--name=VALUE" or "--name VALUE" (the value from argv[*i+1]). */
static int take_long(struct parser *p, int argc, char **argv, int *i)
{
	const char *arg = argv[*i] + 2;
	const char *eq = strchr(arg, '=');
	const struct cmd_option *o = find_long(p, arg, eq ? (size_t)(eq - arg) : strlen(arg));
	if (!o || (eq && !o->value))
		return refuse(p, argv[*i], FAULT_UNKNOWN);
	if (!o->value)
		return apply(p, o, NULL);
	if (eq)
		return apply(p, o, eq + 1);
	if (*i + 1 >= argc)
		return refuse(p, argv[*i], FAULT_NO_VALUE);
	return apply(p, o, argv[++*i]);
}

/* "-abc" flags, or "-oFILE" / "-o FILE". */
static int take_short(struct parser *p, int argc, char **argv, int *i)
{
	const char *arg = argv[*i];
	for (const char *c = arg + 1; *c; c++) {
		const struct cmd_option *o = find_short(p, *c);
		if (!o)
			return refuse(p, arg, FAULT_UNKNOWN);
		if (!o->value) {
			int rc = apply(p, o, NULL);
			if (rc != CMD_GO_ON)
				return rc;
			continue;
		}
		if (c[1])
			return apply(p, o, c + 1);
		if (*i + 1 >= argc)
			return refuse(p, arg, FAULT_NO_VALUE);
		return apply(p, o, argv[++*i]);
	}
	return CMD_GO_ON;
}

/* Goes over argv[1..]: options anywhere (until "--"), operands kept in
 * order. CMD_GO_ON, CMD_HELP, or an exit status (p->bad says why when the
 * parser itself refused). */
static int parse_args(struct parser *p, int argc, char **argv)
{
	bool options = true;
	for (int i = 1; i < argc; i++) {
		int rc = CMD_GO_ON;
		if (options && strcmp(argv[i], "--") == 0)
			options = false;
		else if (options && looks_like_option(argv[i]))
			rc = argv[i][1] == '-' ? take_long(p, argc, argv, &i) :
						 take_short(p, argc, argv, &i);
		else if (p->stop_at_operand) {
			p->next = i;
			return CMD_GO_ON;
		} else
			p->ops[p->nops++] = argv[i];
		if (rc != CMD_GO_ON)
			return rc;
	}
	p->next = argc;
	return CMD_GO_ON;
}

int cmd_parse(struct cmd_ctx *ctx, const struct cmd_entry *e, int argc,
	      char **argv, void *opts, char **ops, int *nops)
{
	const struct cmd_option *tables[] = { e->options ? e->options :
					      cmd_common_options,
					      e->options ? cmd_common_options : NULL,
					      NULL };
	struct parser p = { .ctx = ctx, .tables = tables, .opts = opts,
			    .ops = ops };
	ctx->cmd = e;
	int rc = parse_args(&p, argc, argv);
	*nops = p.nops;
	if (rc == CMD_HELP) {
		cmd_print_help(e);
		return CMD_EXIT_OK;
	}
	if (p.fault == FAULT_NO_VALUE)
		return cmd_usage_error(e, _("The option “%s” needs a value."), p.bad);
	if (p.fault == FAULT_UNKNOWN)
		return cmd_usage_error(e, _("Unknown option “%s”."), p.bad);
	return rc;
}

int cmd_parse_global(struct cmd_ctx *ctx, const struct cmd_option *options,
		     int argc, char **argv, int *next)
{
	const struct cmd_option *tables[] = { options, cmd_common_options, NULL };
	struct parser p = { .ctx = ctx, .tables = tables, .opts = NULL,
			    .stop_at_operand = true };
	int rc = parse_args(&p, argc, argv);
	*next = p.next;
	if (p.fault == FAULT_NO_VALUE) {
		cmd_error(_("The option “%s” needs a value: see “tapla --help”."), p.bad);
		return CMD_EXIT_USAGE;
	}
	if (p.fault == FAULT_UNKNOWN) {
		cmd_error(_("Unknown option “%s”: see “tapla --help”."), p.bad);
		return CMD_EXIT_USAGE;
	}
	return rc;
}
