/* query_int.h - what the query files (query*.c) share: the row accessors,
 * filters and the two-thread split of a pass. The accessors on the hot
 * loops are static inline so each pass compiles as one loop, as it did in
 * one file. Not for use outside query*.c. */
#ifndef FOCAL_QUERY_INT_H
#define FOCAL_QUERY_INT_H

#include <pthread.h>
#include <string.h>

#include "bytes.h"
#include "query.h"

/* Periods: the distinct buckets of a date column at a grain, densely coded. */
struct periods {
	uint64_t serial;
	int col;
	enum grain grain;
	uint32_t ncol;		/* dictionary size when built */
	uint32_t *map;		/* date code -> period code */
	int32_t *bucket;	/* period code - 1 -> bucket number */
	uint32_t n;		/* period codes 1..n */
};

const struct periods *periods_get(const struct store *, int col, enum grain);

/* Row -> value code for one dimension. */
struct acc {
	struct store_codes codes;
	const uint32_t *map;
	uint32_t *owned;
};

void acc_init(const struct store *, const struct dim *, struct acc *);

static inline uint32_t
acc_get(const struct acc *a, size_t r)
{
	uint32_t c = store_codes_get(a->codes, r);
	return a->map ? a->map[c] : c;
}

struct filters {
	int n;
	struct acc acc[16];
	uint32_t lo[16], hi[16];
	uint8_t exclude[16];
	/* the rows these filters select, when remembered (query_sel.c): a
	 * pass then runs over positions 0..nbase of base, not over the rows */
	const uint32_t *base;
	size_t nbase;
	void *pin;
};

/* With the remembered selection of the filters when there is one (or one
 * worth making); filters_init_plain never looks. */
void filters_init(const struct store *, const struct filter *, int nf, struct filters *);
void filters_init_plain(const struct store *, const struct filter *, int nf, struct filters *);
/* With a remembered selection, or one made from a remembered parent; never
 * one made from every row. */
void filters_init_known(const struct store *, const struct filter *, int nf, struct filters *);
void filters_free(struct filters *);
/* from_all: 0 never makes a selection from every row, 1 at the second
 * pass under the same filters, 2 now. */
void sel_attach(const struct store *, const struct filter *, int nf, struct filters *, int from_all);
void sel_release(struct filters *);

/* The row at position i of a pass, and how many positions a pass has. */
#define F_ROW(F, i) ((F)->base ? (size_t)(F)->base[i] : (size_t)(i))
static inline size_t
filters_space(const struct filters *F, size_t nrows)
{
	return F->base ? F->nbase : nrows;
}

static inline int
filters_pass(const struct filters *F, size_t r)
{
	for (int i = 0; i < F->n; i++) {
		uint32_t v = acc_get(&F->acc[i], r);
		if ((v < F->lo[i] || v > F->hi[i]) != F->exclude[i])
			return 0;
	}
	return 1;
}

/* Rows are filtered a block at a time (see scan_one in query.c). */
#define SCAN_BLOCK 1024

/* ok[i] &= whether row AT (from + i, or rows[i] for rows gathered from a
 * selection) is (ex: is not) within [lo, lo + span]: a loop per code width,
 * without the accessor's per-row switch, so that the compiler can test
 * many rows at once. */
#define SELECT_TEST(T, AT)						\
	do {								\
		const T *p = (const T *)fa->codes.p;			\
		if (fa->map)						\
			for (size_t i = 0; i < n; i++)			\
				ok[i] &= (uint8_t)((fa->map[p[AT]] - lo <= span) ^ ex); \
		else							\
			for (size_t i = 0; i < n; i++)			\
				ok[i] &= (uint8_t)(((uint32_t)p[AT] - lo <= span) ^ ex); \
	} while (0)

static inline void
select_test(const struct acc *fa, size_t from, const uint32_t *rows, size_t n, uint32_t lo, uint32_t span,
    uint8_t ex, uint8_t *ok)
{
	switch (fa->codes.width * (rows ? -1 : 1)) {
	case 1: SELECT_TEST(uint8_t, from + i); break;
	case 2: SELECT_TEST(uint16_t, from + i); break;
	case 4: SELECT_TEST(uint32_t, from + i); break;
	case -1: SELECT_TEST(uint8_t, rows[i]); break;
	case -2: SELECT_TEST(uint16_t, rows[i]); break;
	default: SELECT_TEST(uint32_t, rows[i]); break;
	}
}

/* The rows of [from, from + n), or of rows[0..n) when rows is not NULL,
 * that pass every filter of F, into sel (in order); n <= SCAN_BLOCK. */
static inline size_t
select_some(const struct filters *F, size_t from, const uint32_t *rows, size_t n, uint32_t *sel)
{
	uint8_t ok[SCAN_BLOCK];
	size_t ns = 0;
	memset(ok, 1, n);
	for (int f = 0; f < F->n; f++) {
		if (F->lo[f] > F->hi[f]) {
			if (F->exclude[f])
				continue;	/* outside an empty range: every row */
			return 0;	/* an empty range, as filters_pass reads it */
		}
		select_test(&F->acc[f], from, rows, n, F->lo[f], F->hi[f] - F->lo[f], F->exclude[f], ok);
	}
	for (size_t i = 0; i < n; i++) {
		sel[ns] = rows ? rows[i] : (uint32_t)(from + i);
		ns += ok[i];
	}
	return ns;
}

/* The rows of [from, to) that pass every filter, into sel (in order). */
static inline size_t
select_rows(const struct filters *F, size_t from, size_t to, uint32_t *sel)
{
	if (F->base) {	/* the rows of exactly these filters */
		memcpy(sel, F->base + from, (to - from) * sizeof *sel);
		return to - from;
	}
	return select_some(F, from, NULL, to - from, sel);
}

/* Open-addressing map from a composite key to a group index. */
struct gmap {
	uint64_t *keys;
	uint32_t *idx;
	size_t cap, n;
};

/* Whether a pass over nrows rows is worth a second thread. */
int split_worth(size_t nrows);

/* Runs fn(job) over job's rows [from, to). With half (a copy of job with
 * its own output) the second half of the rows goes to half, on another
 * core: job_to and half_from point into job and half. Returns 1 when half
 * ran, and the caller merges its output into job's; 0 when job took every
 * row (no half, or the thread could not start). Always inlined: each
 * caller's own half is then a direct call to its pass, as before this helper. */
static inline __attribute__((always_inline)) int
split_run(void *(*fn)(void *), void *job, size_t *job_to, void *half, size_t *half_from)
{
	pthread_t tid;
	size_t to = *job_to;
	int threaded = 0;
	if (half) {
		*half_from += (to - *half_from) / 2;
		*job_to = *half_from;
		if (pthread_create(&tid, NULL, fn, half) == 0)
			threaded = 1;
		else
			*job_to = to;
	}
	fn(job);
	if (threaded)
		pthread_join(tid, NULL);
	return threaded;
}

#endif
