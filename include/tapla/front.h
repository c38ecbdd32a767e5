/* front: what every front end (the commands, the screens, the phone server)
 * shares about ending: the exit statuses and how a lower layer's failure
 * maps onto them. The command that started a screen prints the screen's
 * sentence and returns its status.
 *
 * Exit statuses: 0 success, 2 bad usage or input (nothing changed), 1 a
 * failure of the environment (database, file system). */
#ifndef TAPLA_FRONT_H
#define TAPLA_FRONT_H

#include "tapla/outfile.h"
#include "tapla/store.h"

enum front_exit {
	FRONT_EXIT_OK = 0,
	FRONT_EXIT_ENV = 1,
	FRONT_EXIT_USAGE = 2,
};

/* The exit status for a store failure: the input's fault (no such session,
 * refused, a conflict) is usage, the rest the environment's. */
enum front_exit front_exit_for_store(enum store_status st);
/* The exit status for an output file that was not written. */
enum front_exit front_exit_for_outfile(enum outfile_status st);

#endif
