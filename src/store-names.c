/* store-names: the SQL function tapla_name_key(name), text_name_key for the
 * migration step that recomputes every stored signer key (see store.c). */
#include "store-int.h"

#include <stdlib.h>

#include "tapla/text.h"

/* tapla_name_key(name): the signer key of a name; NULL for NULL or a name
 * that is not valid UTF-8 (the migration then keeps the old key). */
static void name_key_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const unsigned char *name = sqlite3_value_text(argv[0]);
	if (!name) {
		if (sqlite3_value_type(argv[0]) != SQLITE_NULL)
			sqlite3_result_error_nomem(ctx);
		else
			sqlite3_result_null(ctx);
		return;
	}
	char *key = text_name_key((const char *)name);
	if (key)
		sqlite3_result_text(ctx, key, -1, free);
	else
		sqlite3_result_null(ctx);
}

int store_add_name_functions(sqlite3 *db)
{
	/* Direct only: a crafted file's views or triggers cannot call it. */
	return sqlite3_create_function_v2(db, "tapla_name_key", 1,
					  SQLITE_UTF8 | SQLITE_DETERMINISTIC |
					  SQLITE_DIRECTONLY,
					  NULL, name_key_fn, NULL, NULL, NULL);
}
