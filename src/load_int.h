/* load_int.h - what the loader's files share: the state of one load
 * (struct loader) and the record side (load_row.c) that load.c's reading
 * side feeds. Not for use outside load*.c. */
#ifndef FOCAL_LOAD_INT_H
#define FOCAL_LOAD_INT_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include <csv.h>
#include <zlib.h>

#include "focus.h"
#include "load.h"
#include "store.h"
#include "value.h"

/* a column's recent values: 16 slots (32 measured slower) */
#define RECENT_BITS 4
#define RECENT_SLOTS (1 << RECENT_BITS)
struct binding {
	int col;		/* store column, -1 = ignored duplicate */
	enum focus_col fc;
	enum focus_type type;
	enum col_kind kind;
	char *name;
	int placement;		/* rows are placed in time by this column */
	/* the value this column had in the last row (its text is the store's,
	 * which never moves): exports repeat values row after row, and a
	 * comparison is cheaper than a dictionary lookup */
	const char *last;
	size_t last_len;
	uint32_t last_code, last_info;
	/* values met lately, by a slot of their length and ends: most that
	 * differ from the last row's are one of a few (a resource's tags, a
	 * SKU's description), found without hashing the whole text */
	struct recent {
		const char *s;
		uint32_t len, code, info;
	} recent[RECENT_SLOTS];
};

struct loader {
	struct store *st;
	const struct load_opts *opts;
	const char *path;
	int file;
	/* current record */
	char *buf;
	size_t buflen, bufcap;
	size_t *off, *len;
	uint8_t *isnull;
	int nf, capf;
	int too_big;
	/* header */
	int header_done;
	struct binding *b;
	int ncols;
	/* positions */
	unsigned long line;	/* physical line being fed (1-based) */
	unsigned long rec_line;	/* line the current record starts on */
	uint64_t rows, rejected;
	/* deviations: count and first location per kind */
	uint64_t dev_count[DEV_COUNT];
	unsigned long dev_line[DEV_COUNT];
	int dev_field[DEV_COUNT];
	/* strict mode / fatal problems */
	int stop;
	char *err;
	size_t errlen;
	enum load_result result;
	int shard_rows_scale;	/* progress: another thread loads as much again */
	/* scratch for validate */
	const char **vfields;
	/* Fields go straight from libcsv's buffer into the store as they come
	 * (no copy of the record), unless the validator needs whole rows. The
	 * row's fate is known at its end: until then its deviations wait here,
	 * and the first value that rejects it is kept for the message. */
	int direct;
	size_t reclen;
	int defer;
	struct pending_dev { uint8_t dev; int field; } *pend;
	int npend, cappend;
	int bad_field;		/* 1-based, 0 = none */
	const char *bad_why;
	char *bad_val;
	size_t bad_len, bad_cap;
	/* A file before FOCUS 1.3 names its provider in ProviderName only: its
	 * rows take that value as ServiceProviderName too, the column 1.3
	 * replaces it with (from, to: store columns; -1 when not bridged). The
	 * last ProviderName code and its ServiceProviderName code. */
	int spn_from, spn_to;
	uint32_t spn_src, spn_code;
};

/* A deviation from FOCUS found at field (1-based, 0 = the line). */
void load_deviate(struct loader *, enum value_dev, int field);
/* The current record is rejected (strict mode: the load stops). */
void load_reject(struct loader *, int field, const char *value, size_t vlen, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* The file cannot be read on: the load stops with err naming the file. */
void load_file_error(struct loader *, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* libcsv's callbacks: a field, the end of a record (the first is the header). */
void load_on_field(void *data, size_t n, void *ctx);
void load_on_record(int c, void *ctx);
void load_parser_init(struct csv_parser *, int exact);
void load_parser_recover(struct loader *, struct csv_parser *);
void load_flush_deviations(struct loader *);
/* A fresh loader for path, its problems written to err. */
void loader_init(struct loader *, struct store *, const char *path, const struct load_opts *, char *err,
    size_t errlen);
void loader_free(struct loader *);
/* libcsv's growth step for a field (1 MiB: linear growth, so large steps;
 * fuzz_csv_fields makes it small, where each input is a new parser) */
extern unsigned load_csv_block;

/* The parse of one stretch of input (load.c), a physical line at a time. */
struct load_lines {
	struct csv_parser p;
	int at_line_start, skip_to_eol;
	/* the last chunk ended in '\r': a CRLF split between two chunks is
	 * seen as one (the '\r' was a line's first byte: maybe a blank line) */
	int ended_cr, blank_cr;
};
void load_lines_init(struct load_lines *, int exact);
void load_lines_feed(struct loader *, struct load_lines *, const char *chunk, size_t n);
/* The end of the input: the last record, which may lack its newline. */
void load_lines_finish(struct loader *, struct load_lines *);
/* Whether the parse so far ended between records (and L did not stop):
 * where a second thread's guess that a record starts is right. */
int load_lines_between_records(const struct loader *, const struct load_lines *);

/* The first bytes of the input that must have no NUL (binary data, or
 * UTF-16) before any is parsed. */
#define LOAD_SNIFF 4096u

/* Whether the load was cancelled (Ctrl-C) or *abort set by another thread;
 * then L stops as cancelled. */
int load_cancelled(struct loader *, volatile int *abort);
/* A read of the input (gz, or the plain file when NULL) failed: errno or
 * zlib's reason, as the file's error. */
void load_read_failed(struct loader *, gzFile gz);

/* pthread_create with every signal blocked in the thread but SIGTTIN. */
int load_thread_start(pthread_t *, void *(*fn)(void *), void *arg);

/* A second loader that parses a later stretch of M's file into a store of
 * its own (opts is its copy of M's options, without progress or validator),
 * to be merged with load_shard_merge once M has read up to where it starts;
 * load_shard_free frees it (not its store, which the merge takes). */
void load_shard_init(struct loader *S, struct load_opts *opts, const struct loader *M);
void load_shard_merge(struct loader *L, struct loader *S);
void load_shard_free(struct loader *S);

/* A gzip file (or standard input from a file) parsed on two cores
 * (load_gz.c), not a pipe: reads gz to its end
 * into L (the header included) and returns the bytes read, or returns
 * UINT64_MAX having read nothing when no thread could be started. */
uint64_t load_gz_parallel(struct loader *L, struct load_lines *, gzFile gz, uint64_t total);
/* Its segments' size in bytes (8 MiB; fuzz_csv_shard makes it small so
 * that small inputs are parsed on two threads; never below LOAD_SNIFF) */
extern size_t load_gz_segment;
/* Called by the inflating thread before it fills segment n (NULL but in
 * test_loadgz, whose hook makes inflating slower than parsing) */
extern void (*load_gz_before_fill)(unsigned n);

#endif
