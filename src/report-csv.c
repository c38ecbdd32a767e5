/* STUB: replaced by the real module. */
#include "tapla/report.h"

bool report_csv(const struct report *r, const struct report_options *o,
	 struct buf *out)
{
	(void)r; (void)o; (void)out;
	return false;
}
