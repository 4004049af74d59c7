/* status.c - the messages of the core's statuses (status.h). */
#include "status.h"

const char *
status_message(enum status s)
{
	static const char *const msg[] = {
#define X(id, m) m,
		STATUS_CODES(X)
#undef X
	};
	return (unsigned)s < STATUS_COUNT ? msg[s] : "unknown status";
}
