/* store-names: the SQL functions tapla_name_key(name) (text_name_key) and
 * tapla_visible_name(name) (text_drop_invisible) for the migration step
 * that cleans stored names and recomputes every signer key (store.c). */
#include "store-int.h"

#include <stdlib.h>

#include "tapla/text.h"

/* Calls fn on the text argument: NULL for NULL, or for a name that is not
 * valid UTF-8 (the migration then keeps what was stored). */
static void text_fn(sqlite3_context *ctx, sqlite3_value *arg,
		    char *(*fn)(const char *))
{
	const unsigned char *name = sqlite3_value_text(arg);
	if (!name) {
		if (sqlite3_value_type(arg) != SQLITE_NULL)
			sqlite3_result_error_nomem(ctx);
		else
			sqlite3_result_null(ctx);
		return;
	}
	char *r = fn((const char *)name);
	if (r)
		sqlite3_result_text(ctx, r, -1, free);
	else
		sqlite3_result_null(ctx);
}

/* tapla_name_key(name): the signer key of a name. */
static void name_key_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	text_fn(ctx, argv[0], text_name_key);
}

/* tapla_visible_name(name): the name without invisible characters. */
static void visible_name_fn(sqlite3_context *ctx, int argc,
			    sqlite3_value **argv)
{
	(void)argc;
	text_fn(ctx, argv[0], text_drop_invisible);
}

int store_add_name_functions(sqlite3 *db)
{
	/* Direct only: a crafted file's views or triggers cannot call them. */
	int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY;
	int rc = sqlite3_create_function_v2(db, "tapla_name_key", 1, flags, NULL,
					    name_key_fn, NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_create_function_v2(db, "tapla_visible_name", 1, flags,
						NULL, visible_name_fn, NULL, NULL,
						NULL);
	return rc;
}
