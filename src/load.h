/* load.h - streams FOCUS CSV (plain, gzip or stdin) through libcsv into the store. */
#ifndef FOCAL_LOAD_H
#define FOCAL_LOAD_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "status.h"

struct store;
struct validator;

struct load_opts {
	int strict;			/* the first rejected row ends the load */
	struct validator *validator;	/* when set, every raw record is fed to it */
	/* called about every 4 MiB read, and at the end */
	void (*progress)(void *ctx, const char *path, uint64_t bytes, uint64_t total, uint64_t rows);
	void *progress_ctx;
	volatile sig_atomic_t *cancel;	/* set asynchronously to stop loading */
};

/* load_file's statuses (status.h), under the names load.c uses */
enum load_result {
	LOAD_OK = STATUS_OK,
	LOAD_FILE_ERROR = STATUS_FILE,	/* err holds one line naming the file */
	LOAD_REJECTED = STATUS_ROWS,	/* strict mode: the first rejected row, in err */
	LOAD_CANCELLED = STATUS_CANCELLED,
};

/* Loads one file ("-" is standard input) into the store. */
enum load_result load_file(struct store *, const char *path, const struct load_opts *,
    char *err, size_t errlen);

/* Largest field or record focal reads (bytes). */
#define LOAD_MAX_FIELD (16u << 20)

/* Bumped when the same file loads to other rows, columns or values (2:
 * ServiceProviderName from ProviderName before FOCUS 1.3): a snapshot of an
 * earlier load (snapcache.h) is then not reused. */
#define LOAD_REVISION 2

#endif
