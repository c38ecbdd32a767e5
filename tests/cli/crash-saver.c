/* crash-saver: saves ballots through the store in a loop and prints
 * "saved K" (and flushes) only after store_ballot_save returned STORE_OK,
 * until it is killed. It prints "ready" once the store is open. The crash test kills it at random moments.
 *
 * Usage: crash-saver DB SESSION FIRST — participants are "S<K>" from K =
 * FIRST upwards, their ballots crash_ballot(K). Exit 1 on any failure. */
#include <stdio.h>
#include <stdlib.h>

#include "crash-ballot.h"
#include "tapla/store.h"

/* The ballot of participant k. */
static void fill(long k, struct ballot *b)
{
	struct crash_cell c[2];
	crash_ballot(k, c);
	rules_ballot_init(b, 4);
	for (int i = 0; i < 2; i++)
		b->dots[c[i].sheet][c[i].level] = c[i].dots;
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: crash-saver DB SESSION FIRST\n");
		return 2;
	}
	char err[512];
	struct store *st;
	if (store_open(argv[1], &st, err, sizeof err) != STORE_OK) {
		fprintf(stderr, "crash-saver: %s\n", err);
		return 1;
	}
	/* The test draws its kill moment from here on: the saving loop. */
	printf("ready\n");
	if (fflush(stdout) != 0)
		return 1;
	long session = strtol(argv[2], NULL, 10);
	for (long k = strtol(argv[3], NULL, 10); k < 1000000; k++) {
		char name[32];
		struct ballot b;
		int seq;
		snprintf(name, sizeof name, "S%ld", k);
		fill(k, &b);
		if (store_ballot_save(st, session, name, &b, NULL, 0, false,
				      &seq) != STORE_OK) {
			fprintf(stderr, "crash-saver: %s\n", store_error(st));
			store_close(st);
			return 1;
		}
		printf("saved %ld\n", k);
		if (fflush(stdout) != 0)
			return 1;
	}
	store_close(st);
	return 0;
}
