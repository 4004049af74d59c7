/* query_series.c - a trend: sums per (group, period) cell, in one pass
 * over the rows, as query_run makes its groups. */
#include "query_int.h"

#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

/* The rows from..to of a trend: sums per (group, period) cell into v. A
 * narrow column's counts are summed in 64 bits per cell (n), moved into v
 * when one more would not fit and at the end, as scan_one does; a group is
 * found by its code in dense when there is one dimension of few enough
 * values, else through the map G. */
struct series_job {
	struct filters *F;
	struct acc *A, *P;
	const uint64_t *radix;
	int nby;
	const struct gmap *G;
	const uint32_t *dense;	/* value code -> group, NONE_GROUP: not a head group */
	struct mcol col;
	size_t from, to;
	money_t *v;
	int64_t *n;		/* narrow columns: counts per cell */
	size_t nperiods;
};

#define NONE_GROUP UINT32_MAX
#define SERIES_DENSE_MAX (1u << 22)	/* value codes: 16 MiB of map at most */

/* The group of row's key, or NONE_GROUP. */
static inline __attribute__((always_inline)) uint32_t
series_group(const struct series_job *j, size_t row)
{
	const struct gmap *G = j->G;
	uint64_t k = 0;
	size_t i;
	if (j->dense)
		return j->dense[acc_get(&j->A[0], row)];
	for (int d = 0; d < j->nby; d++)
		k = k * j->radix[d] + acc_get(&j->A[d], row);
	k++;
	for (i = key_mix(k) & (G->cap - 1); G->keys[i] && G->keys[i] != k; i = (i + 1) & (G->cap - 1))
		;
	return G->keys[i] ? G->idx[i] : NONE_GROUP;
}

static inline __attribute__((always_inline)) void
series_row(const struct series_job *j, size_t row)
{
	uint32_t g, p;
	size_t cell;
	if (j->col.w ? j->col.w[row] == MONEY_NULL : j->col.n[row] == INT64_MIN)
		return;
	if ((g = series_group(j, row)) == NONE_GROUP || (p = acc_get(j->P, row)) == CODE_NULL)
		return;
	cell = (size_t)g * j->nperiods + p - 1;
	if (j->col.w)
		j->v[cell] = money_add(j->v[cell], j->col.w[row]);
	else {
		int64_t t;
		if (__builtin_add_overflow(j->n[cell], j->col.n[row], &t)) {
			j->v[cell] = money_add(j->v[cell], (money_t)j->n[cell] * (money_t)j->col.mul);
			t = j->col.n[row];
		}
		j->n[cell] = t;
	}
}

/* The counts of a narrow column's cells, into their exact sums. */
static void
series_flush(struct series_job *j, size_t cells)
{
	if (j->n == NULL)
		return;
	for (size_t c = 0; c < cells; c++)
		if (j->n[c])
			j->v[c] = money_add(j->v[c], (money_t)j->n[c] * (money_t)j->col.mul);
	free(j->n);
	j->n = NULL;
}

/* Filters are tested a block at a time, as scan_one does. */
static void *
series_scan(void *arg)
{
	/* a copy the compiler may keep in registers: the cells written below
	 * cannot be this local's bytes */
	const struct series_job job = *(struct series_job *)arg, *j = &job;
	uint32_t sel[SCAN_BLOCK];
	if (j->F->n == 0 && !j->F->base) {
		for (size_t row = j->from; row < j->to; row++)
			series_row(j, row);
		return arg;
	}
	for (size_t b = j->from; b < j->to; b += SCAN_BLOCK) {
		size_t e = b + SCAN_BLOCK < j->to ? b + SCAN_BLOCK : j->to;
		size_t ns = select_rows(j->F, b, e, sel);
		for (size_t i = 0; i < ns; i++)
			series_row(j, sel[i]);
	}
	return arg;
}

void
query_series(const struct store *s, const struct qresult *r, size_t ngroups, const struct filter *f, int nf,
    enum metric m, const struct dim *period, struct qseries *out)
{
	struct filters F;
	struct acc A[QUERY_MAX_BY], P;
	uint64_t radix[QUERY_MAX_BY];
	struct gmap G = {0};
	uint32_t *dense = NULL;
	struct mcol col;
	int mc = store_metric_column(s, m);
	size_t nrows = store_nrows(s);

	memset(out, 0, sizeof *out);
	if (ngroups > r->n)
		ngroups = r->n;
	out->ngroups = ngroups;
	out->nperiods = dim_ncodes(s, period) - 1;
	out->first = 1;
	out->v = xcalloc(ngroups * out->nperiods + 1, sizeof *out->v);
	if (mc < 0 || ngroups == 0 || out->nperiods == 0)
		return;
	{
		void *ectx;
		const struct store_engine *e = store_engine(s, &ectx);
		if (e) {
			e->series(ectx, s, r, ngroups, f, nf, m, period, out);	/* fills out->v */
			return;
		}
	}
	col = store_money_col(s, mc);
	for (int i = 0; i < r->nby; i++) {
		acc_init(s, &r->by[i], &A[i]);
		radix[i] = dim_ncodes(s, &r->by[i]);
	}
	acc_init(s, period, &P);
	filters_init(s, f, nf, &F);
	nrows = filters_space(&F, nrows);
	G.cap = 16;
	while (G.cap < ngroups * 2)
		G.cap *= 2;
	G.keys = xcalloc(G.cap, sizeof *G.keys);
	G.idx = xcalloc(G.cap, sizeof *G.idx);
	for (size_t g = 0; g < ngroups; g++) {
		uint64_t k = 0;
		size_t i;
		if (r->g[g].folded)
			continue;
		for (int d = 0; d < r->nby; d++)
			k = k * radix[d] + r->g[g].key[d];
		k++;
		for (i = key_mix(k) & (G.cap - 1); G.keys[i]; i = (i + 1) & (G.cap - 1))
			;
		G.keys[i] = k;
		G.idx[i] = (uint32_t)g;
	}
	if (r->nby == 1 && radix[0] <= SERIES_DENSE_MAX) {
		dense = xreallocarray(NULL, radix[0] + 1, sizeof *dense);
		memset(dense, 0xff, (radix[0] + 1) * sizeof *dense);	/* NONE_GROUP */
		for (size_t g = 0; g < ngroups; g++)
			if (!r->g[g].folded && r->g[g].key[0] <= radix[0])
				dense[r->g[g].key[0]] = (uint32_t)g;
	}
	{
		struct series_job job = {&F, A, &P, radix, r->nby, &G, dense, col, 0, nrows, out->v, NULL, out->nperiods};
		size_t cells = ngroups * out->nperiods;
		struct series_job *half = NULL;
		if (!col.w)
			job.n = xcalloc(cells + 1, sizeof *job.n);
		if (split_worth(nrows)) {
			/* the second half into its own cells */
			half = xmalloc(sizeof *half);
			*half = job;
			half->v = xcalloc(cells + 1, sizeof *half->v);
			if (!col.w)
				half->n = xcalloc(cells + 1, sizeof *half->n);
		}
		if (split_run(series_scan, &job, &job.to, half, half ? &half->from : NULL)) {
			series_flush(half, cells);
			for (size_t c = 0; c < cells; c++)
				out->v[c] = money_add(out->v[c], half->v[c]);
		}
		series_flush(&job, cells);
		if (half) {
			free(half->n);
			free(half->v);
			free(half);
		}
	}
	free(dense);
	free(G.keys);
	free(G.idx);
	for (int i = 0; i < r->nby; i++)
		free(A[i].owned);
	free(P.owned);
	filters_free(&F);
}

void
qseries_free(struct qseries *q)
{
	free(q->v);
	q->v = NULL;
}
