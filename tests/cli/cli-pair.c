/* cli-pair: two laptops' databases for the cli tests (see cli-pair.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli-pair.h"

int cli_pair_setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	if (!f)
		return -1;
	if (!cli_tmpdir_with(f->dir, "/tmp/tapla-clipair-XXXXXX", f->a, sizeof f->a,
			     "a.db")) {
		free(f);
		return -1;
	}
	snprintf(f->b, sizeof f->b, "%s/b.db", f->dir);
	*state = f;
	return 0;
}

int cli_pair_teardown(void **state)
{
	struct fixture *f = *state;
	files_remove_tree(f->dir);
	cli_run_free(&f->r);
	free(f);
	return 0;
}

struct cli_run *cli_pair_run(struct fixture *f, const char *db,
			     const char *const *args)
{
	cli_run_free(&f->r);
	assert_true(cli_run(db, args, &f->r));
	return &f->r;
}

struct cli_run *cli_pair_ok(struct fixture *f, const char *db,
			    const char *const *args)
{
	struct cli_run *r = cli_pair_run(f, db, args);
	if (r->status != 0)
		fail_msg("tapla %s %s: exit %d: %s", args[0], args[1] ? args[1] : "",
			 r->status, r->err);
	return r;
}
