/* status.h - what the core reports back: one enum, each with its message,
 * from one list (tig's STATUS_CODE_INFO). The core never picks an exit
 * code; the command line maps statuses to exit codes once (cli.h
 * EXIT_STATUSES). */
#ifndef FOCAL_STATUS_H
#define FOCAL_STATUS_H

#define STATUS_CODES(X) \
	X(OK, "success") \
	X(INVALID, "the data does not follow FOCUS") \
	X(FILE, "a file could not be read") \
	X(ROWS, "rows were rejected") \
	X(CANCELLED, "cancelled") \
	X(WRITE, "a file could not be written") \
	X(NOMEM, "out of memory") \
	X(INTERNAL, "internal error") \
	X(USAGE, "usage error")

enum status {
#define X(id, msg) STATUS_##id,
	STATUS_CODES(X)
#undef X
	STATUS_COUNT
};

/* The status's message ("out of memory"). */
const char *status_message(enum status);

#endif
