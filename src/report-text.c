/* STUB: replaced by the real module. */
#include "tapla/report.h"

bool report_text(const struct report *r, const struct report_options *o,
	size_t width, struct buf *out)
{
	(void)r; (void)o; (void)out; (void)width;
	return false;
}
