/* chart.c - the time chart's numbers and layout (chart.h). */
#include "chart.h"

#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

void
chart_series(const struct store *s, const struct dim *period, const struct filter *f, int nf, enum metric m,
    struct chart_series *out)
{
	struct qresult r;
	uint32_t ncodes = dim_ncodes(s, period);
	memset(out, 0, sizeof *out);
	out->n = ncodes > 0 ? ncodes - 1 : 0;
	out->v = xcalloc(out->n + 1, sizeof *out->v);
	out->has = xcalloc(out->n + 1, 1);
	query_run_metric(s, period, 1, f, nf, m, &r);
	for (size_t i = 0; i < r.n; i++) {
		uint32_t k = r.g[i].key[0];
		if (k == CODE_NULL || k > out->n || r.g[i].nn[m] == 0)
			continue;	/* rows without a period have no bar */
		out->v[k - 1] = r.g[i].sum[m];
		out->has[k - 1] = 1;
		if (r.g[i].sum[m] != MONEY_NULL && r.g[i].sum[m] > out->max)
			out->max = r.g[i].sum[m];
	}
	qresult_free(&r);
}

void
chart_series_free(struct chart_series *c)
{
	free(c->v);
	free(c->has);
	memset(c, 0, sizeof *c);
}

void
chart_fit(size_t nper, size_t cur, size_t *top, int rows, int cols, int label_w, int value_w, int note_w,
    struct chart_layout *L)
{
	size_t fit = rows > 0 ? (size_t)rows : 0;
	memset(L, 0, sizeof *L);
	if (fit > nper)
		fit = nper;
	if (cur >= nper)
		cur = nper ? nper - 1 : 0;
	if (*top > cur)
		*top = cur;
	if (fit && cur >= *top + fit)
		*top = cur - fit + 1;
	if (*top + fit > nper)
		*top = nper - fit;
	L->top = *top;
	L->n = fit;
	L->label_x = 2;
	L->value_x = L->label_x + label_w + 1 + value_w;
	L->bar_x = L->value_x + 1;
	L->bar_w = cols - 1 - L->bar_x - (note_w > 0 ? note_w + 1 : 0);
	if (L->bar_w < 1)
		L->bar_w = 1;
	L->note_x = L->bar_x + L->bar_w + 1;
}

int
chart_eighths(money_t v, money_t max, int width)
{
	money_t cells = (money_t)width * 8, prod;
	if (v <= 0 || max <= 0 || v == MONEY_NULL || max == MONEY_NULL || width <= 0)
		return 0;
	if (v >= max)
		return width * 8;
	if (__builtin_mul_overflow(v, cells, &prod)) {
		double e = money_to_double(v) / money_to_double(max) * (double)cells + 0.5;
		return e < 1 ? 1 : (int)e;
	}
	{
		money_t q = prod / max, rem = prod % max;	/* v < max: q < width * 8 */
		if (rem >= max - rem)
			q++;
		return q < 1 ? 1 : (int)q;
	}
}
