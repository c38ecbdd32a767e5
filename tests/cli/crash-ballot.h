/* crash-ballot: the ballot that participant number k sends in the crash
 * tests, so that the checker knows, from the name alone, what a whole
 * ballot looks like. Two cells on two different sheets of the four,
 * 2 to 10 dots in all (within the default budget of 10). */
#ifndef TAPLA_TEST_CRASH_BALLOT_H
#define TAPLA_TEST_CRASH_BALLOT_H

/* One cell: sheet index (0-3), level (0-5), dots. */
struct crash_cell {
	int sheet;
	int level;
	int dots;
};

/* The two cells of participant k, the lower sheet first. */
static inline void crash_ballot(long k, struct crash_cell c[2])
{
	int a = (int)(k % 4), b = (int)((k / 4 + 1 + k) % 4);
	if (b == a)
		b = (a + 1) % 4;
	c[0] = (struct crash_cell){ a, (int)(k % 6), 1 + (int)(k % 5) };
	c[1] = (struct crash_cell){ b, (int)((k / 6) % 6), 1 + (int)((k / 5) % 5) };
	if (c[1].sheet < c[0].sheet) {
		struct crash_cell t = c[0];
		c[0] = c[1];
		c[1] = t;
	}
}

#endif
