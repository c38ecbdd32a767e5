/* ui-timer: a phase's countdown against the wall clock, so that a deadline
 * saved in the database still holds after a restart. Pure arithmetic. */
#include <time.h>

#include "tapla/ui.h"

int64_t ui_now_ms(void)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_REALTIME, &ts) != 0)
		return 0;
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t ui_timer_left(const struct ui_timer *t, int64_t now)
{
	int64_t left = t->running ? t->deadline_ms - now : t->left_ms;
	return left < 0 ? 0 : left;
}

void ui_timer_toggle(struct ui_timer *t, int64_t now)
{
	if (t->running) {
		t->left_ms = ui_timer_left(t, now);
		t->running = false;
	} else {
		t->deadline_ms = now + t->left_ms;
		t->running = true;
	}
}

void ui_timer_add(struct ui_timer *t, int64_t delta_ms, int64_t now)
{
	int64_t left = ui_timer_left(t, now) + delta_ms;
	if (left < 0)
		left = 0;
	if (left > 24 * 3600 * 1000LL)
		left = 24 * 3600 * 1000LL;
	t->left_ms = left;
	t->deadline_ms = now + left;
}

void ui_timer_reset(struct ui_timer *t, int minutes)
{
	t->running = false;
	t->left_ms = (int64_t)(minutes < 0 ? 0 : minutes) * 60000;
	t->deadline_ms = 0;
}
