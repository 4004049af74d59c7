/* query_series.c - a trend: sums per (group, period) cell, in one pass
 * over the rows, as query_run makes its groups. */
#include "query_int.h"

#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

/* The rows from..to of a trend: sums per (group, period) cell into v. */
struct series_job {
	struct filters *F;
	struct acc *A, *P;
	const uint64_t *radix;
	int nby;
	const struct gmap *G;
	struct mcol col;
	size_t from, to;
	money_t *v;
	size_t nperiods;
};

static inline void
series_row(const struct series_job *j, size_t row)
{
	const struct gmap *G = j->G;
	uint64_t k = 0;
	size_t i;
	uint32_t p;
	money_t v = mcol_get(&j->col, row);
	if (v == MONEY_NULL)
		return;
	for (int d = 0; d < j->nby; d++)
		k = k * j->radix[d] + acc_get(&j->A[d], row);
	k++;
	for (i = mix(k) & (G->cap - 1); G->keys[i] && G->keys[i] != k; i = (i + 1) & (G->cap - 1))
		;
	if (!G->keys[i])
		return;
	p = acc_get(j->P, row);
	if (p == CODE_NULL)
		return;
	{
		money_t *cell = &j->v[(size_t)G->idx[i] * j->nperiods + p - 1];
		*cell = money_add(*cell, v);
	}
}

/* Filters are tested a block at a time, as scan_one does. */
static void *
series_scan(void *arg)
{
	struct series_job *j = arg;
	uint32_t sel[SCAN_BLOCK];
	if (j->F->n == 0 && !j->F->base) {
		for (size_t row = j->from; row < j->to; row++)
			series_row(j, row);
		return j;
	}
	for (size_t b = j->from; b < j->to; b += SCAN_BLOCK) {
		size_t e = b + SCAN_BLOCK < j->to ? b + SCAN_BLOCK : j->to;
		size_t ns = select_rows(j->F, b, e, sel);
		for (size_t i = 0; i < ns; i++)
			series_row(j, sel[i]);
	}
	return j;
}

void
query_series(const struct store *s, const struct qresult *r, size_t ngroups, const struct filter *f, int nf,
    enum metric m, const struct dim *period, struct qseries *out)
{
	struct filters F;
	struct acc A[QUERY_MAX_BY], P;
	uint64_t radix[QUERY_MAX_BY];
	struct gmap G = {0};
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
		for (i = mix(k) & (G.cap - 1); G.keys[i]; i = (i + 1) & (G.cap - 1))
			;
		G.keys[i] = k;
		G.idx[i] = (uint32_t)g;
	}
	{
		struct series_job job = {&F, A, &P, radix, r->nby, &G, col, 0, nrows, out->v, out->nperiods};
		size_t cells = ngroups * out->nperiods;
		struct series_job *half = NULL;
		if (split_worth(nrows)) {
			/* the second half into its own cells */
			half = xmalloc(sizeof *half);
			*half = job;
			half->v = xcalloc(cells + 1, sizeof *half->v);
		}
		if (split_run(series_scan, &job, &job.to, half, half ? &half->from : NULL))
			for (size_t c = 0; c < cells; c++)
				out->v[c] = money_add(out->v[c], half->v[c]);
		if (half) {
			free(half->v);
			free(half);
		}
	}
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
