/* bench-gen: writes a large tapla database to try by hand, e.g.
 *   bench-gen big.db 1000 125   (1,000 sessions of 125 ballots, 1M dots) */
#include <stdio.h>
#include <stdlib.h>

#include "bench.h"

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: bench-gen FILE SESSIONS PARTICIPANTS\n");
		return 2;
	}
	int sessions = atoi(argv[2]), participants = atoi(argv[3]);
	if (sessions < 1 || participants < 0) {
		fprintf(stderr, "bench-gen: give at least one session\n");
		return 2;
	}
	return bench_generate(argv[1], sessions, participants) ? 0 : 1;
}
