/* Unit tests of the one command-line parser (cmd_parse, issue 10.3) on a
 * made-up command: options anywhere, long, abbreviated, "=VALUE", short
 * clusters, "--", and operands that begin with "-" but are no options
 * (level cells, issue 14.3). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "tapla/cmd.h"

/* What the made-up command's options fill. */
struct probe_opts {
	bool replace;
	bool paper;
	const char *name;
	int notes;
	struct cmd_output out;
	char sep;
	int mode;
};

/* --note: counted, to see a call run once per option. */
static int count_note(struct cmd_ctx *ctx, void *opts, const char *value)
{
	(void)ctx;
	(void)value;
	((struct probe_opts *)opts)->notes++;
	return CMD_GO_ON;
}

static const struct cmd_choice modes[] = {
	{ "fast", 1 },
	{ "slow", 2 },
	{ NULL, 0 },
};

static const struct cmd_option probe_options[] = {
	CMD_FLAG("replace", 'r', struct probe_opts, replace),
	CMD_FLAG("paper", 'p', struct probe_opts, paper),
	CMD_TEXT("name", 'n', struct probe_opts, name),
	CMD_CALL("note", 'N', true, count_note),
	CMD_OUTPUT_OPTIONS(struct probe_opts),
	CMD_SEPARATOR(struct probe_opts, sep),
	CMD_CHOICE("mode", 'm', struct probe_opts, mode, modes,
		   "Unknown mode \"%s\"."),
	CMD_OPTIONS_END,
};

static const struct cmd_entry probe_entry = {
	.name = "probe", .synopsis = "ID CELL...", .summary = "a probe",
	.help = "", .options = probe_options,
	.opts_size = sizeof(struct probe_opts),
};

/* One parse of a NULL-ended argv: its result, options and operands. */
struct parsed {
	int rc;
	struct cmd_ctx ctx;
	struct probe_opts o;
	char *ops[16];
	int nops;
};

static void parse(struct parsed *p, const char *const *args)
{
	char *argv[16];
	int argc = 0;
	argv[argc++] = (char *)"probe";
	for (; *args; args++)
		argv[argc++] = (char *)*args;
	memset(p, 0, sizeof *p);
	p->rc = cmd_parse(&p->ctx, &probe_entry, argc, argv, &p->o, p->ops, &p->nops);
}
#define PARSE(p, ...) parse((p), (const char *const[]){ __VA_ARGS__, NULL })

static void options_anywhere(void **state)
{
	(void)state;
	struct parsed p;
	PARSE(&p, "1", "--name", "A", "1:agree=5", "-rp", "--note=x", "-N", "y",
	      "--db", "t.db", "-ofile", "--force");
	assert_int_equal(p.rc, CMD_GO_ON);
	assert_string_equal(p.o.name, "A");
	assert_true(p.o.replace && p.o.paper && p.o.out.force);
	assert_int_equal(p.o.notes, 2);
	assert_string_equal(p.o.out.path, "file");
	assert_string_equal(p.ctx.db_path, "t.db");
	assert_int_equal(p.nops, 2);
	assert_string_equal(p.ops[0], "1");
	assert_string_equal(p.ops[1], "1:agree=5");
}

static void level_cells_are_operands(void **state)
{
	(void)state;
	struct parsed p;
	PARSE(&p, "1", "1", "-=2/1", "--=1", "-", "?=1", "1:--=2", "-5");
	assert_int_equal(p.rc, CMD_GO_ON);
	assert_int_equal(p.nops, 8);
	assert_string_equal(p.ops[2], "-=2/1");
	assert_string_equal(p.ops[3], "--=1");
	assert_string_equal(p.ops[4], "-");
	assert_string_equal(p.ops[7], "-5");
}

static void double_dash_ends_options(void **state)
{
	(void)state;
	struct parsed p;
	PARSE(&p, "--", "--name", "-r");
	assert_int_equal(p.rc, CMD_GO_ON);
	assert_null(p.o.name);
	assert_false(p.o.replace);
	assert_int_equal(p.nops, 2);
}

static void abbreviations_when_unique(void **state)
{
	(void)state;
	struct parsed p;
	PARSE(&p, "--na", "B", "--rep");
	assert_int_equal(p.rc, CMD_GO_ON);
	assert_string_equal(p.o.name, "B");
	assert_true(p.o.replace);
	PARSE(&p, "--n", "B");  /* --name or --note */
	assert_int_equal(p.rc, CMD_EXIT_USAGE);
}

/* An argv the parser ends with an exit code instead of going on: a
 * usage error, or --help anywhere (exit 0). */
static const struct {
	const char *args[4];  /* NULL-ended */
	int rc;
} refused[] = {
	{ { "--frob" }, CMD_EXIT_USAGE },
	{ { "-x" }, CMD_EXIT_USAGE },
	{ { "1", "--name" }, CMD_EXIT_USAGE },  /* its value missing */
	{ { "--replace=yes" }, CMD_EXIT_USAGE },
	{ { "-rn" }, CMD_EXIT_USAGE },  /* --name's value missing */
	{ { "1", "--help" }, CMD_EXIT_OK },
};

static void refusals(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		struct parsed p;
		parse(&p, refused[i].args);
		if (p.rc != refused[i].rc)
			fail_msg("%s %s: rc %d, want %d", refused[i].args[0],
				 refused[i].args[1] ? refused[i].args[1] : "", p.rc,
				 refused[i].rc);
	}
}

/* The option kinds that need no code of the command's own: CMD_SEPARATOR
 * (export, compare) and CMD_CHOICE (their --format, merge's --prefer)
 * store into their own fields and refuse any other value as the
 * command's usage error. */
static void separator_and_choice(void **state)
{
	static const struct {
		const char *args[4];  /* NULL-ended */
		int rc;
		char sep;
		int mode;
	} rows[] = {
		{ { "1", "--separator", ";" }, CMD_GO_ON, ';', 0 },
		{ { "--separator=,", "-mslow" }, CMD_GO_ON, ',', 2 },
		{ { "--separator", "\t" }, CMD_EXIT_USAGE, 0, 0 },
		{ { "--mode", "fast", "-r" }, CMD_GO_ON, 0, 1 },
		{ { "--mode=medium" }, CMD_EXIT_USAGE, 0, 0 },
		{ { "--mode", "Fast" }, CMD_EXIT_USAGE, 0, 0 },
	};
	(void)state;
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		struct parsed p;
		parse(&p, rows[i].args);
		assert_int_equal(p.rc, rows[i].rc);
		assert_int_equal(p.o.sep, rows[i].sep);
		assert_int_equal(p.o.mode, rows[i].mode);
		assert_int_equal(p.o.notes, 0);
		assert_ptr_equal(p.ctx.cmd, &probe_entry);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(options_anywhere),
		cmocka_unit_test(level_cells_are_operands),
		cmocka_unit_test(double_dash_ends_options),
		cmocka_unit_test(abbreviations_when_unique),
		cmocka_unit_test(refusals),
		cmocka_unit_test(separator_and_choice),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
