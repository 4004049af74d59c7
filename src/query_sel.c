/* query_sel.c - where every pass starts: the row accessors, the filters
 * (with the rows they select, when remembered) and the split over cores.
 *
 * The rows a set of filters selects are remembered: a drill path
 * several levels deep holds a small part of a big file, and every pass at
 * that level (the level itself, its trend, the metric switched, the rows
 * behind a group, the next level down) then touches only those rows
 * instead of testing every row of the file.
 *
 * A selection is made for a filter set that keeps at most a quarter of the
 * rows of a store of SEL_MIN_ROWS rows or more: from the smallest remembered
 * selection whose filters are a part of the set (the level above), else
 * from every row on both cores after a sample of the rows says it is
 * selective, at the second pass under the set (asked_before) or when the
 * explorer is idle after a level's first pass (query_prepare). The last SEL_SLOTS selections are kept, in all at most 4 bytes
 * per row of the store; each is keyed by the store (its serial and row
 * count) and the filters as a set. Users pin an entry while they read it. */
#include "query_int.h"

#include <stdlib.h>
#include <unistd.h>

#include "xmalloc.h"

#define SEL_MIN_ROWS 262144	/* query_sel_min_rows() changes it (tests) */
#define SEL_SLOTS 16
#define SEL_SAMPLE 4096

struct sel {
	uint64_t serial;
	size_t nrows;
	int nf;
	struct filter f[16];
	uint32_t *rows;
	size_t n;
	unsigned long used;
	int pins;
};

static size_t min_rows = SEL_MIN_ROWS;
size_t query_sel_min_rows(size_t n);
static struct sel cache[SEL_SLOTS];
static unsigned long ticks, nbuilt, nfrom_parent, nused;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;

/* ---- what every pass starts from: the accessors, the filters, the split ---- */

void
acc_init(const struct store *s, const struct dim *d, struct acc *a)
{
	memset(a, 0, sizeof *a);
	switch (d->type) {
	case DIM_COLUMN:
		a->codes = store_codes(s, d->idx);
		break;
	case DIM_TAG: {
		int tc = store_find_column(s, "Tags");
		a->codes = store_codes(s, tc);
		a->map = store_tag_values(s, d->idx);
		break;
	}
	case DIM_PERIOD:
	case DIM_BILLING_PERIOD: {
		/* a copy: the periods cache may give this entry's place to another
		 * column or grain before the pass ends (a later accessor of the
		 * same query, with entries of another store in the cache) */
		const struct periods *p = periods_get(s, d->idx, d->grain);
		a->codes = store_codes(s, d->idx);
		a->owned = xreallocarray(NULL, p->ncol ? p->ncol : 1, sizeof *a->owned);
		if (p->ncol)
			memcpy(a->owned, p->map, p->ncol * sizeof *a->owned);
		a->map = a->owned;
		break;
	}
	case DIM_FILE:
		a->codes = store_file_codes(s);
		a->owned = xcalloc((size_t)store_nfiles(s) + 1, sizeof *a->owned);
		for (int i = 0; i < store_nfiles(s); i++)
			a->owned[i] = (uint32_t)i + 1;
		a->map = a->owned;
		break;
	}
}

void
filters_init(const struct store *s, const struct filter *f, int nf, struct filters *F)
{
	filters_init_plain(s, f, nf, F);
	sel_attach(s, f, nf, F, 1);
}

void
filters_init_known(const struct store *s, const struct filter *f, int nf, struct filters *F)
{
	filters_init_plain(s, f, nf, F);
	sel_attach(s, f, nf, F, 0);
}

void
filters_init_plain(const struct store *s, const struct filter *f, int nf, struct filters *F)
{
	if (nf > 16)
		fatal("too many filters (at most 16)");
	F->n = nf;
	F->base = NULL;
	F->nbase = 0;
	F->pin = NULL;
	for (int i = 0; i < nf; i++) {
		acc_init(s, &f[i].dim, &F->acc[i]);
		F->lo[i] = f[i].lo;
		F->hi[i] = f[i].hi;
		F->exclude[i] = f[i].exclude != 0;
	}
}

void
filters_free(struct filters *F)
{
	for (int i = 0; i < F->n; i++)
		free(F->acc[i].owned);
	sel_release(F);
}

/* Below this many rows a second thread costs more than it saves. */
#define PARALLEL_ROWS 200000

static int
query_threads(void)
{
	static int n;
	if (n == 0) {
		const char *env = getenv("FOCAL_THREADS");
		long k = env && *env ? strtol(env, NULL, 10) : sysconf(_SC_NPROCESSORS_ONLN);
		n = k < 1 ? 1 : (int)k;
	}
	return n;
}

int
split_worth(size_t nrows)
{
	return nrows >= PARALLEL_ROWS && query_threads() > 1;
}

/* ---- remembered selections ---- */

static int
filter_equal(const struct filter *a, const struct filter *b)
{
	return dim_equal(&a->dim, &b->dim) && a->lo == b->lo && a->hi == b->hi && !a->exclude == !b->exclude;
}

/* Is every filter of e[ne] among f[nf]? */
static int
filters_among(const struct filter *e, int ne, const struct filter *f, int nf)
{
	for (int i = 0; i < ne; i++) {
		int found = 0;
		for (int k = 0; k < nf && !found; k++)
			found = filter_equal(&e[i], &f[k]);
		if (!found)
			return 0;
	}
	return 1;
}

static int
part_of(const struct sel *e, const struct filter *f, int nf)
{
	return filters_among(e->f, e->nf, f, nf);
}

/* Filter sets asked for once without a selection to start from. Making
 * one from every row is a pass of its own on top of the pass that asked,
 * so it is made at the second pass under the same filters (a new level's
 * trend, which waits until no key does), not at the first (the key that
 * opened the level). From a remembered parent it is made at once: that
 * touches only the parent's rows. Under mu. */
static struct {
	uint64_t serial;
	size_t nrows;
	int nf;
	struct filter f[16];
} asked[SEL_SLOTS];
static unsigned nasked;

static int
asked_before(uint64_t serial, size_t nrows, const struct filter *f, int nf)
{
	for (int i = 0; i < SEL_SLOTS; i++)
		if (asked[i].nf == nf && asked[i].serial == serial && asked[i].nrows == nrows &&
		    filters_among(asked[i].f, nf, f, nf))
			return 1;
	asked[nasked % SEL_SLOTS].serial = serial;
	asked[nasked % SEL_SLOTS].nrows = nrows;
	asked[nasked % SEL_SLOTS].nf = nf;
	memcpy(asked[nasked % SEL_SLOTS].f, f, (size_t)nf * sizeof *f);
	nasked++;
	return 0;
}

struct build {
	const struct filters *F;
	size_t from, to;
	uint32_t *rows;
	size_t n, cap;
};

static void *
build_pass(void *arg)
{
	struct build *b = arg;
	uint32_t sel[SCAN_BLOCK];
	for (size_t r = b->from; r < b->to; r += SCAN_BLOCK) {
		size_t e = r + SCAN_BLOCK < b->to ? r + SCAN_BLOCK : b->to;
		size_t ns = select_rows(b->F, r, e, sel);
		if (ns == 0)
			continue;
		if (b->n + ns > b->cap) {
			b->cap = (b->n + ns) * 2;
			b->rows = xreallocarray(b->rows, b->cap, sizeof *b->rows);
		}
		memcpy(b->rows + b->n, sel, ns * sizeof *sel);
		b->n += ns;
	}
	return b;
}

/* The rows of every filter, or NULL when they are more than a quarter of
 * nrows (or a sample says they would be). */
static uint32_t *
build(const struct store *s, const struct filter *f, int nf, const struct sel *parent, size_t nrows, size_t *n)
{
	struct filters F;
	struct build job = {&F, 0, nrows, NULL, 0, 0}, half;
	uint32_t *rows = NULL;
	*n = 0;
	if (parent) {
		/* the parent's rows pass its own filters: test only the others */
		struct filter extra[16];
		int nx = 0;
		for (int i = 0; i < nf; i++)
			if (!filters_among(&f[i], 1, parent->f, parent->nf))
				extra[nx++] = f[i];
		filters_init_plain(s, extra, nx, &F);
		rows = xreallocarray(NULL, parent->n + 1, sizeof *rows);
		for (size_t b = 0; b < parent->n; b += SCAN_BLOCK)
			*n += select_some(&F, 0, parent->rows + b,
			    parent->n - b < SCAN_BLOCK ? parent->n - b : SCAN_BLOCK, rows + *n);
	} else {
		size_t hit = 0, tried = 0, step = nrows / SEL_SAMPLE + 1;
		filters_init_plain(s, f, nf, &F);
		for (size_t r = 0; r < nrows; r += step, tried++)
			hit += (size_t)filters_pass(&F, r);
		if (hit * 4 <= tried) {
			half = job;
			if (split_run(build_pass, &job, &job.to, split_worth(nrows) ? &half : NULL, &half.from)) {
				job.rows = xreallocarray(job.rows, job.n + half.n + 1, sizeof *job.rows);
				if (half.n)
					memcpy(job.rows + job.n, half.rows, half.n * sizeof *half.rows);
				job.n += half.n;
				free(half.rows);
			}
			rows = job.rows;
			*n = job.n;
		}
	}
	filters_free(&F);
	if (rows && *n * 4 > nrows) {
		free(rows);
		rows = NULL;
	}
	return rows;
}

/* The least recently used slot that no one reads, emptied; or NULL. */
static struct sel *
free_slot(void)
{
	struct sel *v = NULL;
	for (int i = 0; i < SEL_SLOTS; i++)
		if (!cache[i].pins && (v == NULL || cache[i].used < v->used))
			v = &cache[i];
	if (v) {
		free(v->rows);
		memset(v, 0, sizeof *v);
	}
	return v;
}

/* Room for n more rows within 4 bytes a row of the store: the least
 * recently used selections go. */
static void
make_room(size_t n, size_t nrows)
{
	for (;;) {
		size_t held = 0;
		struct sel *v = NULL;
		for (int i = 0; i < SEL_SLOTS; i++) {
			held += cache[i].n;
			if (cache[i].rows && !cache[i].pins && (v == NULL || cache[i].used < v->used))
				v = &cache[i];
		}
		if (held + n <= nrows || v == NULL)
			return;
		free(v->rows);
		memset(v, 0, sizeof *v);
	}
}

void
sel_attach(const struct store *s, const struct filter *f, int nf, struct filters *F, int from_all)
{
	uint64_t serial = store_serial(s);
	size_t nrows = store_nrows(s), n;
	struct sel *hit = NULL, *parent = NULL;
	uint32_t *rows;

	static int env_read;
	if (!env_read) {	/* FOCAL_SELECTIONS=0: none (to measure what they save) */
		const char *e = getenv("FOCAL_SELECTIONS");
		env_read = 1;
		if (e && strcmp(e, "0") == 0)
			query_sel_min_rows(SIZE_MAX);
	}
	if (nf < 1 || nf > 16 || nrows < min_rows)
		return;
	pthread_mutex_lock(&mu);
	for (int i = 0; i < SEL_SLOTS && !hit; i++) {
		struct sel *e = &cache[i];
		if (e->rows == NULL || e->serial != serial || e->nrows != nrows || !part_of(e, f, nf))
			continue;
		if (e->nf == nf)
			hit = e;
		else if (parent == NULL || e->n < parent->n)
			parent = e;
	}
	if (hit == NULL && (parent || from_all == 2 || (from_all && asked_before(serial, nrows, f, nf))) &&
	    (rows = build(s, f, nf, parent, nrows, &n)) != NULL) {
		nbuilt++;
		nfrom_parent += parent != NULL;
		make_room(n, nrows);
		if ((hit = free_slot()) != NULL) {
			hit->serial = serial;
			hit->nrows = nrows;
			hit->nf = nf;
			memcpy(hit->f, f, (size_t)nf * sizeof *f);
			hit->rows = rows;
			hit->n = n;
		} else
			free(rows);
	}
	if (hit) {
		nused++;
		hit->used = ++ticks;
		hit->pins++;
		F->base = hit->rows;
		F->nbase = hit->n;
		F->pin = hit;
	}
	pthread_mutex_unlock(&mu);
}

void
sel_release(struct filters *F)
{
	if (F->pin == NULL)
		return;
	pthread_mutex_lock(&mu);
	((struct sel *)F->pin)->pins--;
	pthread_mutex_unlock(&mu);
	F->pin = NULL;
	F->base = NULL;
}

void
query_prepare(const struct store *s, const struct filter *f, int nf)
{
	struct filters F;
	void *ectx;
	if (store_engine(s, &ectx) || nf < 1 || nf > 16)
		return;
	filters_init_plain(s, f, nf, &F);
	sel_attach(s, f, nf, &F, 2);	/* 2: now, not at the second pass */
	filters_free(&F);
}

size_t
query_sel_min_rows(size_t n)
{
	size_t was = min_rows;
	pthread_mutex_lock(&mu);
	min_rows = n;
	pthread_mutex_unlock(&mu);
	return was;
}

void
query_sel_stats(unsigned long *built, unsigned long *from_parent, unsigned long *used)
{
	pthread_mutex_lock(&mu);
	*built = nbuilt;
	*from_parent = nfrom_parent;
	*used = nused;
	pthread_mutex_unlock(&mu);
}
