/* front: exit statuses for every front end (see include/tapla/front.h). */
#include "tapla/front.h"

enum front_exit front_exit_for_store(enum store_status st)
{
	switch (st) {
	case STORE_OK:
		return FRONT_EXIT_OK;
	case STORE_NOT_FOUND:
	case STORE_REFUSED:
	case STORE_CONFLICT:
		return FRONT_EXIT_USAGE;
	default:
		return FRONT_EXIT_ENV;
	}
}

enum front_exit front_exit_for_outfile(enum outfile_status st)
{
	switch (st) {
	case OUTFILE_OK:
		return FRONT_EXIT_OK;
	case OUTFILE_FAILED:
		return FRONT_EXIT_ENV;
	default:
		return FRONT_EXIT_USAGE;
	}
}
