/* outfile.h - the one way focal writes a file (a what-if scenario, an
 * import, an explorer export): into a temporary file beside the target,
 * flushed and fsync'ed, then renamed over it, or linked (never replacing)
 * unless replacing was asked for. A failed write leaves no partial file,
 * and the old file untouched. */
#ifndef FOCAL_OUTFILE_H
#define FOCAL_OUTFILE_H

#include <stddef.h>
#include <stdio.h>

struct outfile {
	FILE *f;	/* write here */
	char *tmp;	/* the temporary file, beside path */
	char *path;
};

/* Opens the temporary file for path. Returns of->f, or NULL with err set. */
FILE *outfile_open(struct outfile *of, const char *path, char *err, size_t errlen);

#define OUTFILE_EXISTS (-2)
/* Flushes, fsyncs, closes and puts the file at its path: replacing what is
 * there when replace != 0, else refusing with OUTFILE_EXISTS (err: "PATH
 * exists"). Returns 0, -1 (err says why) or OUTFILE_EXISTS; the temporary
 * file is gone in every case. */
int outfile_commit(struct outfile *of, int replace, char *err, size_t errlen);

/* Drops the file being written (an error before commit). */
void outfile_abort(struct outfile *of);

#endif
