/* compare.c - a metric per group over two ranges (compare.h). */
#include "compare.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "format.h"
#include "xmalloc.h"

static int cmp_nby;

static int
by_key(const void *a, const void *b)
{
	const uint32_t *x = a, *y = b;
	for (int i = 0; i < cmp_nby; i++)
		if (x[i] != y[i])
			return x[i] < y[i] ? -1 : 1;
	return 0;
}

static void
add(money_t *sum, uint64_t *nn, const struct qgroup *g, enum metric m)
{
	*sum = *sum == MONEY_NULL || g->sum[m] == MONEY_NULL ? MONEY_NULL : money_add(*sum, g->sum[m]);
	*nn += g->nn[m];
}

/* One range's groups into out, merged on their keys (both sorted). */
static void
merge(struct cmp_result *out, const struct qresult *r, int which, enum metric m)
{
	struct cmp_group *g = xcalloc(out->n + r->n + 1, sizeof *g);
	size_t i = 0, j = 0, n = 0;
	while (i < out->n || j < r->n) {
		int c = i == out->n ? 1 : j == r->n ? -1 : by_key(out->g[i].key, r->g[j].key);
		if (c <= 0)
			g[n] = out->g[i++];
		else {
			memset(&g[n], 0, sizeof g[n]);
			memcpy(g[n].key, r->g[j].key, sizeof g[n].key);
		}
		if (c >= 0) {
			if (which)
				add(&g[n].cur, &g[n].ncur, &r->g[j], m);
			else
				add(&g[n].prev, &g[n].nprev, &r->g[j], m);
			j++;
		}
		n++;
	}
	free(out->g);
	out->g = g;
	out->n = n;
	if (which)
		add(&out->total.cur, &out->total.ncur, &r->total, m);
	else
		add(&out->total.prev, &out->total.nprev, &r->total, m);
}

void
compare_run(const struct store *s, const struct dim *by, int nby, const struct filter *f, int nf,
    const struct filter *prev, const struct filter *cur, enum metric m, struct cmp_result *out)
{
	struct filter all[17];
	memset(out, 0, sizeof *out);
	out->nby = nby;
	out->metric = m;
	memcpy(out->by, by, (size_t)nby * sizeof *by);
	memcpy(all, f, (size_t)nf * sizeof *f);
	for (int w = 0; w < 2; w++) {
		struct qresult r;
		all[nf] = w ? *cur : *prev;
		query_run_metric(s, by, nby, all, nf + 1, m, &r);
		cmp_nby = nby;
		qsort(r.g, r.n, sizeof *r.g, by_key);	/* key is the first member */
		merge(out, &r, w, m);
		qresult_free(&r);
	}
}

void
compare_free(struct cmp_result *r)
{
	free(r->g);
	memset(r, 0, sizeof *r);
}

money_t
compare_change(const struct cmp_group *g)
{
	if (g->prev == MONEY_NULL || g->cur == MONEY_NULL)
		return MONEY_NULL;
	return money_add(g->cur, -g->prev);
}

long long
compare_pct(const struct cmp_group *g, int *ok)
{
	money_t ch = compare_change(g), base = g->prev < 0 ? -g->prev : g->prev;
	if (g->nprev == 0 || ch == MONEY_NULL) {
		*ok = 0;
		return 0;
	}
	return format_permille(ch, base, ok);
}

static const char *const sort_names[CMP_SORT_COUNT] = {"current", "previous", "change", "pct", "name"};

int
compare_sort_parse(const char *s)
{
	for (int i = 0; i < CMP_SORT_COUNT; i++)
		if (strcasecmp(s, sort_names[i]) == 0)
			return i;
	return -1;
}

static const struct store *sort_store;
static enum cmp_sort sort_key;
static int sort_rev;
static const struct dim *sort_by;

static int
money_cmp(money_t a, money_t b)
{
	return (a > b) - (a < b);
}

static money_t
mag(money_t v)
{
	return v == MONEY_NULL ? MONEY_NULL : v < 0 ? -v : v;
}

static int
by_sort(const void *pa, const void *pb)
{
	const struct cmp_group *a = pa, *b = pb;
	int c = 0, oka, okb;
	long long x, y;
	char la[256], lb[256];
	switch (sort_key) {
	case CMP_CURRENT: c = money_cmp(b->cur, a->cur); break;
	case CMP_PREVIOUS: c = money_cmp(b->prev, a->prev); break;
	case CMP_CHANGE: c = money_cmp(mag(compare_change(b)), mag(compare_change(a))); break;
	case CMP_PCT:
		x = compare_pct(a, &oka);
		y = compare_pct(b, &okb);
		c = oka != okb ? okb - oka : (y < 0 ? -y : y) > (x < 0 ? -x : x) ? 1 :
		    (y < 0 ? -y : y) < (x < 0 ? -x : x) ? -1 : 0;
		break;
	default: break;
	}
	for (int i = 0; i < cmp_nby && (c == 0 || sort_key == CMP_NAME); i++) {
		c = strcasecmp(dim_label(sort_store, &sort_by[i], a->key[i], la, sizeof la),
		    dim_label(sort_store, &sort_by[i], b->key[i], lb, sizeof lb));
		if (c != 0)
			break;
	}
	if (c == 0)
		c = by_key(a->key, b->key);
	return sort_rev ? -c : c;
}

void
compare_sort(const struct store *s, struct cmp_result *r, enum cmp_sort k, int reverse)
{
	sort_store = s;
	sort_key = k;
	sort_rev = reverse;
	sort_by = r->by;
	cmp_nby = r->nby;
	qsort(r->g, r->n, sizeof *r->g, by_sort);
}

void
compare_top(struct cmp_result *r, size_t n)
{
	struct cmp_group other = {0};
	if (r->n <= n + 1)
		return;
	for (size_t i = n; i < r->n; i++) {
		const struct cmp_group *g = &r->g[i];
		other.prev = other.prev == MONEY_NULL || g->prev == MONEY_NULL ? MONEY_NULL : money_add(other.prev, g->prev);
		other.cur = other.cur == MONEY_NULL || g->cur == MONEY_NULL ? MONEY_NULL : money_add(other.cur, g->cur);
		other.nprev += g->nprev;
		other.ncur += g->ncur;
	}
	other.folded = (uint32_t)(r->n - n);
	r->g[n] = other;
	r->n = n + 1;
}
