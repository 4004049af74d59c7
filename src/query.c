/* query.c - the drill-down engine: one pass over dictionary codes per query,
 * exact 128-bit sums, no SQL on the hot path (SQLite's GROUP BY over a
 * million rows costs 150 ms or more; this loop costs a few ms). */
#include "query_int.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xmalloc.h"

struct metrics {
	struct mcol col[M_COUNT];	/* .w and .n NULL: not summed */
	struct acc unit[2];
	int has_unit[2];
};

#define ALL_METRICS ((1u << M_COUNT) - 1)

/* The metric columns to sum (mask: bit per enum metric), and the unit
 * columns of the quantities among them. */
static void
metrics_init(const struct store *s, struct metrics *M, unsigned mask)
{
	static const char *const units[2] = {"ConsumedUnit", "PricingUnit"};
	static const enum metric unit_of[2] = {M_CONSUMED, M_PRICING};
	for (int m = 0; m < M_COUNT; m++) {
		int c = (mask >> m) & 1 ? store_metric_column(s, (enum metric)m) : -1;
		M->col[m] = c >= 0 ? store_money_col(s, c) : (struct mcol){NULL, NULL, 0};
	}
	for (int u = 0; u < 2; u++) {
		int c = (mask >> unit_of[u]) & 1 ? store_find_column(s, units[u]) : -1;
		M->has_unit[u] = c >= 0;
		if (c >= 0)
			M->unit[u] = (struct acc){store_codes(s, c), NULL, NULL};
	}
}

static inline int
has_col(const struct mcol *c)
{
	return c->w || c->n;
}

/* The metric column of a pass that sums one metric: 1, else 0 (the general
 * loop then). A pass that can track one unit passes unit: the metric's
 * unit accessor goes there (NULL when it has none) and its index to *ui;
 * without unit, a metric with a unit is the general loop's. */
static int
one_metric(const struct metrics *M, int *m, struct mcol *col, const struct acc **unit, int *ui)
{
	int found = 0;
	if (M->has_unit[0] && M->has_unit[1])
		return 0;
	if (M->has_unit[0] || M->has_unit[1]) {
		if (unit == NULL)
			return 0;
		*ui = M->has_unit[1];
		*unit = &M->unit[*ui];
	} else if (unit)
		*unit = NULL;
	for (int i = 0; i < M_COUNT; i++)
		if (has_col(&M->col[i])) {
			if (found)
				return 0;
			found = 1;
			*col = M->col[i];
			*m = i;
		}
	return found;
}

static void
group_init(struct qgroup *g)
{
	memset(g, 0, sizeof *g);
}

static inline void
group_add(struct qgroup *g, const struct metrics *M, size_t r)
{
	for (int m = 0; m < M_COUNT; m++) {
		if (has_col(&M->col[m])) {
			money_t v = mcol_get(&M->col[m], r);
			if (v != MONEY_NULL) {
				g->sum[m] = money_add(g->sum[m], v);	/* MONEY_NULL: overflowed */
				g->nn[m]++;
			}
		}
	}
	for (int u = 0; u < 2; u++) {
		if (M->has_unit[u]) {
			uint32_t c = acc_get(&M->unit[u], r);
			if (c != CODE_NULL && g->unit[u] != c)
				g->unit[u] = g->unit[u] == CODE_NULL ? c : UINT32_MAX;
		}
	}
	g->rows++;
}

static void
group_merge(struct qgroup *into, const struct qgroup *g)
{
	for (int m = 0; m < M_COUNT; m++) {
		into->sum[m] = money_add(into->sum[m], g->sum[m]);
		into->nn[m] += g->nn[m];
	}
	for (int u = 0; u < 2; u++)
		if (g->unit[u] != CODE_NULL && into->unit[u] != g->unit[u])
			into->unit[u] = into->unit[u] == CODE_NULL ? g->unit[u] : UINT32_MAX;
	into->rows += g->rows;
}

/* One pass of the dense aggregation over rows [from, to). */
struct scan {
	const struct filters *F;
	const struct metrics *M;
	const struct acc *A;
	const uint64_t *radix;
	int nby;
	struct qgroup *slot;
	size_t from, to;
};

/* The explorer's usual pass: one dimension, the one metric on screen (and
 * a quantity's unit). Written out per code width, without the general
 * loop's per-row walks over dimensions and metrics; with filters, each
 * block of rows is first tested without branches (a drill step keeps rows
 * at random, and a mispredicted branch per row cost more than the rest of
 * the pass). Sums and counts are exactly group_add's. A wide column's
 * amounts go straight into the 128-bit sums (SCAN_ROW), a narrow one's
 * through 64-bit counts (NSUM_ADD). */
#define GET_WIDE(r) (col.w[r])

#define SCAN_ROW(T, r, GET)						\
	do {								\
		uint32_t k = ((const T *)a->codes.p)[r];		\
		struct qgroup *g;					\
		money_t v;						\
		if (a->map)						\
			k = a->map[k];					\
		g = &j->slot[k];					\
		g->rows++;						\
		v = GET(r);						\
		if (v != MONEY_NULL) {					\
			g->sum[m] = money_add(g->sum[m], v);		\
			g->nn[m]++;					\
		}							\
	} while (0)

#define SCAN_ONE(T, GET)						\
	if (j->F->n == 0 && !j->F->base) {				\
		for (size_t r = j->from; r < j->to; r++)		\
			SCAN_ROW(T, r, GET);				\
	} else {							\
		for (size_t b = j->from; b < j->to; b += SCAN_BLOCK) {	\
			size_t e = b + SCAN_BLOCK < j->to ? b + SCAN_BLOCK : j->to; \
			size_t ns = select_rows(j->F, b, e, sel);	\
			for (size_t i = 0; i < ns; i++)			\
				SCAN_ROW(T, sel[i], GET);		\
		}							\
	}

/* A narrow column's amounts (scan_one): each group's counts of 10^-d summed
 * in 64 bits, moved into its exact 128-bit sum when one more would not fit
 * and at the end of the pass. Few groups get four copies, row r adding to
 * copy r % 4: consecutive rows of one group then do not wait on each
 * other's sum. The sums are the same integers as adding each amount to the
 * 128-bit sum (64 x 64 bits cannot overflow 128 in the multiply), the
 * counts the same counts. */
struct nsum {
	int64_t sum;
	uint64_t rows, nulls;
	uint32_t unit;		/* as qgroup's */
};

/* A unit code seen: CODE_NULL none yet, UINT32_MAX several (group_add). */
static inline void
unit_see(uint32_t *have, uint32_t c)
{
	if (c != CODE_NULL && *have != c)
		*have = *have == CODE_NULL ? c : UINT32_MAX;
}

#define NSUM_COPIES 4
#define NSUM_MAX_GROUPS 4096	/* beyond, one copy: repeats are rare */

static void
nsum_spill(struct qgroup *g, int m, int64_t mul, struct nsum *c)
{
	g->sum[m] = money_add(g->sum[m], (money_t)c->sum * (money_t)mul);
	c->sum = 0;
}

/* What a copy sees of row r besides its amount: nothing, or the unit of
 * the quantity (scan_one_narrow's unit). */
#define SEE_NONE(c, r) ((void)0)
#define SEE_UNIT(c, r) unit_see(&(c)->unit, acc_get(unit, r))

/* Row r's amount into the copy of group k it goes to. */
#define NSUM_ADD(k, r, SEE)						\
	do {								\
		size_t key_ = (size_t)(k);				\
		struct nsum *c = &ns[key_ * nc + ((r) & (nc - 1))];	\
		int64_t v = col.n[r], t;				\
		c->rows++;						\
		SEE(c, r);						\
		if (v == INT64_MIN)					\
			c->nulls++;					\
		else if (__builtin_add_overflow(c->sum, v, &t)) {	\
			nsum_spill(&j->slot[key_], m, col.mul, c);	\
			c->sum = v;					\
		} else							\
			c->sum = t;					\
	} while (0)

/* scan_one's row: its group by the one dimension's code. */
#define NSUM_ROW(T, r, SEE)						\
	do {								\
		uint32_t k = ((const T *)a->codes.p)[r];		\
		if (a->map)						\
			k = a->map[k];					\
		NSUM_ADD(k, r, SEE);					\
	} while (0)

#define NSUM_ONE(T, SEE)						\
	if (j->F->n == 0 && !j->F->base) {				\
		for (size_t r = j->from; r < j->to; r++)		\
			NSUM_ROW(T, r, SEE);				\
	} else {							\
		for (size_t b = j->from; b < j->to; b += SCAN_BLOCK) {	\
			size_t e = b + SCAN_BLOCK < j->to ? b + SCAN_BLOCK : j->to; \
			size_t nsel = select_rows(j->F, b, e, sel);	\
			for (size_t i = 0; i < nsel; i++)		\
				NSUM_ROW(T, sel[i], SEE);		\
		}							\
	}

/* The copies' counts, rows and units (ui: the unit's index, -1 none) into
 * the slots (nc copies a slot), and ns freed. */
static void
nsum_flush(struct scan *j, struct nsum *ns, size_t n, size_t nc, int m, int64_t mul, int ui)
{
	for (size_t k = 0; k < n; k++) {
		struct qgroup *g = &j->slot[k / nc];
		if (ns[k].rows == 0)
			continue;
		g->rows += ns[k].rows;
		g->nn[m] += ns[k].rows - ns[k].nulls;
		if (ui >= 0)
			unit_see(&g->unit[ui], ns[k].unit);
		nsum_spill(g, m, mul, &ns[k]);
	}
	free(ns);
}

/* scan_one's pass over a narrow column, into the slots of ngroups keys;
 * with unit (a quantity's), the unit each group has (index ui). */
static void
scan_one_narrow(struct scan *j, const struct mcol col, int m, size_t ngroups, const struct acc *unit, int ui)
{
	const struct acc *a = &j->A[0];
	size_t nc = ngroups <= NSUM_MAX_GROUPS ? NSUM_COPIES : 1;
	struct nsum *ns = xcalloc(ngroups * nc, sizeof *ns);
	uint32_t sel[SCAN_BLOCK];
	switch (a->codes.width * (unit ? -1 : 1)) {
	case 1: NSUM_ONE(uint8_t, SEE_NONE); break;
	case 2: NSUM_ONE(uint16_t, SEE_NONE); break;
	case 4: NSUM_ONE(uint32_t, SEE_NONE); break;
	case -1: NSUM_ONE(uint8_t, SEE_UNIT); break;
	case -2: NSUM_ONE(uint16_t, SEE_UNIT); break;
	default: NSUM_ONE(uint32_t, SEE_UNIT); break;
	}
	nsum_flush(j, ns, ngroups * nc, nc, m, col.mul, unit ? ui : -1);
}

static int
scan_one(struct scan *j)
{
	const struct metrics *M = j->M;
	const struct acc *a = &j->A[0];
	struct mcol col = {NULL, NULL, 0};
	uint32_t sel[SCAN_BLOCK];
	const struct acc *unit = NULL;
	int m = -1, ui = 0;
	if (j->nby != 1 || !one_metric(M, &m, &col, &unit, &ui))
		return 0;
	if (!col.w) {
		scan_one_narrow(j, col, m, j->radix[0] ? (size_t)j->radix[0] : 1, unit, ui);
		return 1;
	}
	if (unit)
		return 0;	/* a wide quantity: the general loop tracks its unit */
	switch (a->codes.width) {
	case 1: SCAN_ONE(uint8_t, GET_WIDE); break;
	case 2: SCAN_ONE(uint16_t, GET_WIDE); break;
	default: SCAN_ONE(uint32_t, GET_WIDE); break;
	}
	return 1;
}


#define SCAN_ROW2(r, GET)						\
	do {								\
		uint64_t k = (uint64_t)acc_get(a0, r) * r1 + acc_get(a1, r); \
		struct qgroup *g = &j->slot[k];				\
		money_t v = GET(r);					\
		g->rows++;						\
		if (v != MONEY_NULL) {					\
			g->sum[m] = money_add(g->sum[m], v);		\
			g->nn[m]++;					\
		}							\
	} while (0)

/* scan_two's pass over a narrow column (64-bit counts, as scan_one's),
 * into the slots of ngroups composite keys. */
static void
scan_two_narrow(struct scan *j, const struct mcol col, int m, size_t ngroups)
{
	const struct acc *a0 = &j->A[0], *a1 = &j->A[1];
	uint64_t r1 = j->radix[1];
	size_t nc = ngroups <= NSUM_MAX_GROUPS ? NSUM_COPIES : 1;
	struct nsum *ns = xcalloc(ngroups * nc, sizeof *ns);
	uint32_t sel[SCAN_BLOCK];
	if (j->F->n == 0 && !j->F->base)
		for (size_t r = j->from; r < j->to; r++)
			NSUM_ADD(acc_get(a0, r) * r1 + acc_get(a1, r), r, SEE_NONE);
	else
		for (size_t b = j->from; b < j->to; b += SCAN_BLOCK) {
			size_t e = b + SCAN_BLOCK < j->to ? b + SCAN_BLOCK : j->to;
			size_t nsel = select_rows(j->F, b, e, sel);
			for (size_t i = 0; i < nsel; i++)
				NSUM_ADD(acc_get(a0, sel[i]) * r1 + acc_get(a1, sel[i]), sel[i], SEE_NONE);
		}
	nsum_flush(j, ns, ngroups * nc, nc, m, col.mul, -1);
}

/* Two dimensions (a pivot: a level by month), the one metric on screen:
 * scan_one's pass with a composite key, block-wise under filters. */
static int
scan_two(struct scan *j)
{
	const struct acc *a0 = &j->A[0], *a1 = &j->A[1];
	uint64_t r1 = j->nby == 2 ? j->radix[1] : 0;
	uint32_t sel[SCAN_BLOCK];
	int m = -1;
	struct mcol col = {NULL, NULL, 0};
	if (j->nby != 2 || !one_metric(j->M, &m, &col, NULL, NULL))
		return 0;
	if (!col.w) {
		scan_two_narrow(j, col, m, (size_t)(j->radix[0] * r1));
		return 1;
	}
	if (j->F->n == 0 && !j->F->base) {
		for (size_t r = j->from; r < j->to; r++)
			SCAN_ROW2(r, GET_WIDE);
		return 1;
	}
	for (size_t b = j->from; b < j->to; b += SCAN_BLOCK) {
		size_t e = b + SCAN_BLOCK < j->to ? b + SCAN_BLOCK : j->to;
		size_t ns = select_rows(j->F, b, e, sel);
		for (size_t i = 0; i < ns; i++)
			SCAN_ROW2(sel[i], GET_WIDE);
	}
	return 1;
}

static void *
scan_dense(void *arg)
{
	struct scan *j = arg;
	if (scan_one(j) || scan_two(j))
		return j;
	for (size_t p = j->from; p < j->to; p++) {
		size_t r = F_ROW(j->F, p);
		uint64_t k = 0;
		if (!filters_pass(j->F, r))
			continue;
		for (int i = 0; i < j->nby; i++)
			k = k * j->radix[i] + acc_get(&j->A[i], r);
		group_add(&j->slot[k], j->M, r);
	}
	return j;
}

static void query_run_mask(const struct store *, const struct dim *, int, const struct filter *, int, unsigned,
    struct qresult *);

const char *
query_engine_error(const struct store *s)
{
	void *ctx;
	const struct store_engine *e = store_engine(s, &ctx);
	return e && e->error ? e->error(ctx) : NULL;
}

void
query_run(const struct store *s, const struct dim *by, int nby, const struct filter *f, int nf,
    struct qresult *out)
{
	query_run_mask(s, by, nby, f, nf, ALL_METRICS, out);
}

void
query_run_metric(const struct store *s, const struct dim *by, int nby, const struct filter *f, int nf,
    enum metric only, struct qresult *out)
{
	query_run_mask(s, by, nby, f, nf, 1u << only, out);
}

/* The key's value codes, one per dimension, into g->key. */
static inline void
group_key(struct qgroup *g, uint64_t k, const uint64_t *radix, int nby)
{
	for (int i = nby - 1; i >= 0; i--) {
		g->key[i] = (uint32_t)(k % radix[i]);
		k /= radix[i];
	}
}

/* A query a stretch of rows at a time (query_begin): the pass's state
 * between the stretches, then the result. */
struct query_job {
	struct filters F;
	struct metrics M;
	struct acc A[QUERY_MAX_BY];
	uint64_t radix[QUERY_MAX_BY];
	uint64_t space;
	struct scan scan;	/* scan.from: the next position to read */
	struct qgroup *slot;	/* small key spaces: a slot per key */
	struct gmap G;		/* large ones: key -> group of out */
	size_t capg;
	struct qresult out;
	/* a warehouse engine's query is one request, made at query_end */
	const struct store_engine *e;
	void *ectx;
	const struct store *s;
	struct filter f[16];
	int nf;
};

/* Rows [from, to) into the slots (both halves on two cores when worth it). */
static void
dense_range(struct query_job *q, size_t from, size_t to)
{
	struct scan job = q->scan, *half = NULL;
	job.from = from;
	job.to = to;
	job.slot = q->slot;
	if (split_worth(to - from)) {
		/* the second half into its own slots */
		half = xmalloc(sizeof *half);
		*half = job;
		half->slot = xcalloc(q->space, sizeof *half->slot);
	}
	if (split_run(scan_dense, &job, &job.to, half, half ? &half->from : NULL))
		for (uint64_t k = 0; k < q->space; k++)
			if (half->slot[k].rows)
				group_merge(&q->slot[k], &half->slot[k]);
	if (half) {
		free(half->slot);
		free(half);
	}
}

/* The slots seen, compacted into out. */
static void
dense_finish(struct query_job *q)
{
	struct qresult *out = &q->out;
	for (uint64_t k = 0; k < q->space; k++)
		if (q->slot[k].rows)
			out->n++;
	out->g = xcalloc(out->n ? out->n : 1, sizeof *out->g);
	out->n = 0;
	for (uint64_t k = 0; k < q->space; k++) {
		if (!q->slot[k].rows)
			continue;
		struct qgroup *g = &out->g[out->n++];
		*g = q->slot[k];
		group_key(g, k, q->radix, q->scan.nby);
		group_merge(&out->total, g);
	}
	free(q->slot);
	q->slot = NULL;
}

/* Doubles the map's capacity, keeping its entries. */
static void
gmap_grow(struct gmap *G)
{
	size_t nc = G->cap * 2;
	uint64_t *nk = xcalloc(nc, sizeof *nk);
	uint32_t *ni = xcalloc(nc, sizeof *ni);
	for (size_t j = 0; j < G->cap; j++) {
		size_t p;
		if (!G->keys[j])
			continue;
		for (p = key_mix(G->keys[j]) & (nc - 1); nk[p]; p = (p + 1) & (nc - 1))
			;
		nk[p] = G->keys[j];
		ni[p] = G->idx[j];
	}
	free(G->keys);
	free(G->idx);
	G->keys = nk;
	G->idx = ni;
	G->cap = nc;
}

/* Large key spaces: rows [from, to) into groups found through a hash map,
 * on one core. */
static void
sparse_range(struct query_job *q, size_t from, size_t to)
{
	const struct scan *j = &q->scan;
	struct gmap *G = &q->G;
	struct qresult *out = &q->out;
	for (size_t p = from; p < to; p++) {
		size_t r = F_ROW(j->F, p);
		uint64_t k = 0, h;
		size_t i;
		if (!filters_pass(j->F, r))
			continue;
		for (int d = 0; d < j->nby; d++)
			k = k * j->radix[d] + acc_get(&j->A[d], r);
		k++;	/* 0 marks an empty slot */
		h = key_mix(k);
		for (i = h & (G->cap - 1); G->keys[i] && G->keys[i] != k; i = (i + 1) & (G->cap - 1))
			;
		if (!G->keys[i]) {
			if (out->n == q->capg) {
				q->capg *= 2;
				out->g = xreallocarray(out->g, q->capg, sizeof *out->g);
			}
			group_init(&out->g[out->n]);
			group_key(&out->g[out->n], k - 1, j->radix, j->nby);
			G->keys[i] = k;
			G->idx[i] = (uint32_t)out->n++;
			if (out->n * 2 > G->cap) {
				gmap_grow(G);
				for (i = key_mix(k) & (G->cap - 1); G->keys[i] != k; i = (i + 1) & (G->cap - 1))
					;
			}
		}
		group_add(&out->g[G->idx[i]], j->M, r);
	}
}

static struct query_job *
job_begin(const struct store *s, const struct dim *by, int nby, const struct filter *f, int nf, unsigned mask,
    int known)
{
	struct query_job *q = xcalloc(1, sizeof *q);
	struct qresult *out = &q->out;
	size_t nrows = store_nrows(s);

	if (nby > QUERY_MAX_BY)
		fatal("at most %d group-by dimensions", QUERY_MAX_BY);
	if (nf > 16)
		fatal("too many filters (at most 16)");
	if ((q->e = store_engine(s, &q->ectx)) != NULL) {
		q->s = s;
		q->scan.nby = nby;
		if (nby > 0)
			memcpy(out->by, by, (size_t)nby * sizeof *by);
		if (nf > 0)
			memcpy(q->f, f, (size_t)nf * sizeof *f);
		q->nf = nf;
		return q;
	}
	out->nby = nby;
	q->space = 1;
	for (int i = 0; i < nby; i++) {
		out->by[i] = by[i];
		acc_init(s, &by[i], &q->A[i]);
		q->radix[i] = dim_ncodes(s, &by[i]);
		if (q->space > UINT64_MAX / (q->radix[i] ? q->radix[i] : 1))
			fatal("too many combinations of group-by values");
		q->space *= q->radix[i] ? q->radix[i] : 1;
	}
	if (known)
		filters_init_known(s, f, nf, &q->F);
	else
		filters_init(s, f, nf, &q->F);
	nrows = filters_space(&q->F, nrows);
	metrics_init(s, &q->M, mask);
	group_init(&out->total);
	q->scan = (struct scan){&q->F, &q->M, q->A, q->radix, nby, NULL, 0, nrows};
	/* dense slots are cheap only while they stay in cache */
	if (q->space <= (1u << 14))
		q->slot = xcalloc(q->space, sizeof *q->slot);
	else {
		q->G.cap = 4096;
		q->G.keys = xcalloc(q->G.cap, sizeof *q->G.keys);
		q->G.idx = xcalloc(q->G.cap, sizeof *q->G.idx);
		q->capg = 1024;
		out->g = xcalloc(q->capg, sizeof *out->g);
	}
	return q;
}

struct query_job *
query_begin(const struct store *s, const struct dim *by, int nby, const struct filter *f, int nf,
    enum metric only)
{
	return job_begin(s, by, nby, f, nf, 1u << only, 1);
}

int
query_step(struct query_job *q, size_t npos)
{
	size_t from = q->scan.from, end = q->scan.to, to;
	if (q->e)
		return 1;
	to = npos >= end - from ? end : from + npos;
	if (q->slot)
		dense_range(q, from, to);
	else
		sparse_range(q, from, to);
	q->scan.from = to;
	return to == end;
}

/* What the pass holds besides its result. */
static void
job_release(struct query_job *q)
{
	free(q->slot);
	free(q->G.keys);
	free(q->G.idx);
	for (int i = 0; i < q->scan.nby; i++)
		free(q->A[i].owned);
	filters_free(&q->F);
}

void
query_end(struct query_job *q, struct qresult *out)
{
	if (q->e) {
		q->e->run(q->ectx, q->s, q->out.by, q->scan.nby, q->f, q->nf, out);	/* every metric: the engine's one request */
		free(q);
		return;
	}
	while (!query_step(q, SIZE_MAX))
		;
	if (q->slot)
		dense_finish(q);
	else
		for (size_t i = 0; i < q->out.n; i++)
			group_merge(&q->out.total, &q->out.g[i]);
	job_release(q);
	*out = q->out;
	free(q);
}

void
query_job_free(struct query_job *q)
{
	if (q == NULL)
		return;
	if (!q->e) {
		job_release(q);
		qresult_free(&q->out);
	}
	free(q);
}

static void
query_run_mask(const struct store *s, const struct dim *by, int nby, const struct filter *f, int nf,
    unsigned mask, struct qresult *out)
{
	query_end(job_begin(s, by, nby, f, nf, mask, 0), out);
}

void
qresult_free(struct qresult *r)
{
	free(r->g);
	r->g = NULL;
	r->n = 0;
}

/* qsort has no context argument */
static const struct store *sort_store;
static const struct qresult *sort_res;
static enum metric sort_metric;
static enum qsort_key sort_key;
static int sort_reverse;
static int sort_lead;	/* QSORT_FIRST: the dimensions in name order */

static int
cmp_label(const struct qgroup *a, const struct qgroup *b, int nby)
{
	for (int i = 0; i < nby; i++) {
		char x[512], y[512];
		const struct dim *d = &sort_res->by[i];
		int c;
		if (a->key[i] == b->key[i])
			continue;
		if (d->type == DIM_PERIOD || d->type == DIM_BILLING_PERIOD || d->type == DIM_FILE)
			return a->key[i] < b->key[i] ? -1 : 1;
		c = strcmp(dim_label(sort_store, d, a->key[i], x, sizeof x),
		    dim_label(sort_store, d, b->key[i], y, sizeof y));
		if (c)
			return c;
	}
	return 0;
}

static int
cmp_group(const void *pa, const void *pb)
{
	const struct qgroup *a = pa, *b = pb;
	int c = 0;
	if (a->folded != b->folded)
		return a->folded ? 1 : -1;	/* "Other" stays last */
	switch (sort_key) {
	case QSORT_FIRST:
		if ((c = cmp_label(a, b, sort_lead)) != 0)
			break;
		/* FALLTHROUGH */
	case QSORT_VALUE:
		c = a->sum[sort_metric] < b->sum[sort_metric] ? 1 : a->sum[sort_metric] > b->sum[sort_metric] ? -1 : 0;
		break;
	case QSORT_ROWS:
		c = a->rows < b->rows ? 1 : a->rows > b->rows ? -1 : 0;
		break;
	case QSORT_NAME:
		c = cmp_label(a, b, sort_res->nby);
		break;
	}
	if (sort_reverse)
		c = -c;
	return c ? c : cmp_label(a, b, sort_res->nby);
}

void
qresult_sort(const struct store *s, struct qresult *r, enum metric m, enum qsort_key key, int reverse)
{
	sort_store = s;
	sort_res = r;
	sort_metric = m;
	sort_key = key;
	sort_reverse = reverse;
	sort_lead = r->nby > 0;
	for (int i = 0; i < r->nby; i++)
		if (r->by[i].type == DIM_PERIOD || r->by[i].type == DIM_BILLING_PERIOD) {
			sort_lead = i + 1;
			break;
		}
	if (r->n > 1)	/* an empty answer from a warehouse has no array (qsort(NULL) is UB) */
		qsort(r->g, r->n, sizeof *r->g, cmp_group);
}

void
qresult_top(struct qresult *r, size_t n)
{
	struct qgroup other;
	if (r->n <= n + 1)
		return;	/* folding one group into "Other (1)" hides it for nothing */
	group_init(&other);
	for (size_t i = n; i < r->n; i++)
		group_merge(&other, &r->g[i]);
	other.folded = (uint32_t)(r->n - n);
	for (int i = 0; i < QUERY_MAX_BY; i++)
		other.key[i] = UINT32_MAX;
	r->g[n] = other;
	r->n = n + 1;
}
