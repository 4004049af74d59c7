/* anomaly.c - groups whose latest complete month departs from their own
 * history, by a robust z-score (anomaly.h). */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "anomaly.h"
#include "calendar.h"
#include "period.h"
#include "xmalloc.h"

static int
cmp_money(const void *pa, const void *pb)
{
	money_t a = *(const money_t *)pa, b = *(const money_t *)pb;
	return (a > b) - (a < b);
}

static money_t
mabs(money_t v)
{
	return v < 0 ? -v : v;
}

/* The median of v[0..n) (n > 0), sorting v. */
static money_t
median(money_t *v, size_t n)
{
	qsort(v, n, sizeof *v, cmp_money);
	if (n % 2)
		return v[n / 2];
	return money_div(money_add(v[n / 2 - 1], v[n / 2]), money_from_int(2));
}

int
anomaly_score(const money_t *hist, size_t n, money_t latest, money_t floor, struct anomaly_score *out)
{
	money_t v[ANOMALY_HISTORY * 4];
	int material;

	memset(out, 0, sizeof *out);
	if (n < ANOMALY_MIN_HISTORY)
		return -1;
	if (n > sizeof v / sizeof *v)
		n = sizeof v / sizeof *v;
	for (size_t i = 0; i < n; i++)
		if (hist[i] == MONEY_NULL)
			return -1;
	if (latest == MONEY_NULL)
		return -1;
	memcpy(v, hist, n * sizeof *v);
	out->median = median(v, n);
	for (size_t i = 0; i < n; i++)
		v[i] = mabs(money_add(hist[i], -out->median));
	out->mad = median(v, n);
	out->change = money_add(latest, -out->median);
	material = out->change != MONEY_NULL && mabs(out->change) >= floor;
	if (out->mad == 0) {
		out->flat = 1;
		return out->change != 0 && material;
	}
	out->z = money_to_double(out->change) / (1.4826 * money_to_double(out->mad));
	return (out->z >= ANOMALY_Z || out->z <= -ANOMALY_Z) && material;
}

static int
has_dim(const struct dim *d, int n, const struct dim *x)
{
	for (int i = 0; i < n; i++)
		if (dim_equal(&d[i], x))
			return 1;
	return 0;
}

int
anomaly_dims(const struct store *s, const struct dim *path, int npath, struct dim *out, int max)
{
	static const char *const extra[] = {"ServiceName", "ServiceSubcategory", "meter"};
	int n = 0;
	char err[128];
	for (int i = 0; i < npath && n < max; i++)
		if (path[i].type != DIM_PERIOD && path[i].type != DIM_BILLING_PERIOD && !has_dim(out, n, &path[i]))
			out[n++] = path[i];
	for (size_t i = 0; i < sizeof extra / sizeof *extra && n < max; i++) {
		struct dim d;
		if (dim_parse(s, extra[i], GRAIN_MONTH, &d, err, sizeof err) == 0 && !has_dim(out, n, &d))
			out[n++] = d;
	}
	return n;
}

/* What one scan shares across dimensions: the months and where each
 * period code of the month dimension falls among them. */
struct scan {
	const struct store *s;
	const struct filter *f;
	int nf;
	enum metric me;
	struct dim pd;
	int64_t first, latest;	/* month indices: the first whole month of the history, the latest */
	int *col_month;		/* period code - 1 -> month - first, or -1 */
	size_t ncols;
};

static void
push(struct anomalies *out, const struct dim *d, uint32_t code, money_t value, const struct anomaly_score *sc,
    int nhist)
{
	struct anomaly *a;
	out->a = xreallocarray(out->a, out->n + 1, sizeof *out->a);
	a = &out->a[out->n++];
	a->dim = *d;
	a->code = code;
	a->value = value;
	a->sc = *sc;
	a->nhist = nhist;
}

/* Groups of (value, month) in value-code order, months in time order. */
static int
cmp_key2(const void *pa, const void *pb)
{
	const struct qgroup *a = pa, *b = pb;
	if (a->key[0] != b->key[0])
		return a->key[0] < b->key[0] ? -1 : 1;
	return (a->key[1] > b->key[1]) - (a->key[1] < b->key[1]);
}

/* Scores one group's months (vals[0..nm), the latest last). */
static void
score_group(const struct scan *sc, const struct dim *d, uint32_t code, money_t *vals, struct anomalies *out)
{
	struct anomaly_score a;
	size_t nm = (size_t)(sc->latest - sc->first + 1), h = 0;
	int flag;
	while (h + 1 < nm && vals[h] == 0)	/* the history starts with the group's spend */
		h++;
	if ((flag = anomaly_score(vals + h, nm - 1 - h, vals[nm - 1], out->floor, &a)) < 0)
		return;
	out->scored++;
	if (flag)
		push(out, d, code, vals[nm - 1], &a, (int)(nm - 1 - h));
}

/* Scores each group of one dimension from r, its pass grouping by the
 * dimension and the month over the months of the history (sc->f has
 * them), sorted by cmp_key2. */
static void
score_dim(const struct scan *sc, const struct dim *d, const struct qresult *r, struct anomalies *out)
{
	money_t vals[ANOMALY_HISTORY + 1];
	for (size_t i = 0; i < r->n;) {
		uint32_t code = r->g[i].key[0];
		memset(vals, 0, sizeof vals);
		for (; i < r->n && r->g[i].key[0] == code; i++) {
			uint32_t c = r->g[i].key[1];
			if (c >= 1 && c <= sc->ncols && sc->col_month[c - 1] >= 0)
				vals[sc->col_month[c - 1]] = money_add(vals[sc->col_month[c - 1]], r->g[i].sum[sc->me]);
		}
		score_group(sc, d, code, vals, out);
	}
}

static int
cmp_anomaly(const void *pa, const void *pb)
{
	money_t a = mabs(((const struct anomaly *)pa)->sc.change), b = mabs(((const struct anomaly *)pb)->sc.change);
	return (a < b) - (a > b);
}

/* The latest whole month and the history's first; the month's total and
 * the floor. 0, or -1 with why. */
static int
scan_months(struct scan *sc, const struct coverage *cov, struct anomalies *out)
{
	struct qresult r;
	int64_t a, b;
	char buf[64];
	sc->latest = calendar_month_index(cov->end) - 1;
	a = calendar_month_time(sc->latest);
	if (period_span_whole(a, calendar_month_time(sc->latest + 1), GRAIN_MONTH, cov, buf, sizeof buf) != 1) {
		snprintf(out->why, sizeof out->why, "no anomalies: the data holds no complete month");
		return -1;
	}
	out->month = a;
	sc->first = sc->latest;
	while (sc->first > sc->latest - ANOMALY_HISTORY &&
	    period_span_whole(calendar_month_time(sc->first - 1), calendar_month_time(sc->first), GRAIN_MONTH, cov, buf,
	    sizeof buf) == 1)
		sc->first--;
	sc->ncols = dim_ncodes(sc->s, &sc->pd) - 1;
	sc->col_month = xcalloc(sc->ncols + 1, sizeof *sc->col_month);
	for (size_t c = 0; c < sc->ncols; c++) {
		int64_t k = period_span(sc->s, &sc->pd, (uint32_t)c + 1, &a, &b) == 0 ? calendar_month_index(a) : -1;
		sc->col_month[c] = k >= sc->first && k <= sc->latest ? (int)(k - sc->first) : -1;
	}
	query_run_metric(sc->s, &sc->pd, 1, sc->f, sc->nf, sc->me, &r);
	for (size_t i = 0; i < r.n; i++)
		if (period_span(sc->s, &sc->pd, r.g[i].key[0], &a, &b) == 0 && calendar_month_index(a) == sc->latest)
			out->total = money_add(out->total, r.g[i].sum[sc->me]);
	qresult_free(&r);
	out->floor = money_div(money_mul(mabs(out->total), money_from_int(ANOMALY_PERMILLE)), money_from_int(1000));
	if (out->floor == MONEY_NULL || out->floor < money_from_int(ANOMALY_FLOOR))
		out->floor = money_from_int(ANOMALY_FLOOR);
	return 0;
}

/* The filters and one more: the months of the history (their period codes
 * are contiguous, in time order), so a pass reads no older row. */
static int
history_filter(const struct scan *sc, const struct filter *f, int nf, struct filter *all)
{
	uint32_t lo = 0, hi = 0;
	if (nf > 15)
		return -1;
	for (size_t c = 0; c < sc->ncols; c++)
		if (sc->col_month[c] >= 0) {
			if (!lo)
				lo = (uint32_t)c + 1;
			hi = (uint32_t)c + 1;
		}
	if (!lo)
		return -1;
	if (nf)
		memcpy(all, f, (size_t)nf * sizeof *f);
	memset(&all[nf], 0, sizeof all[nf]);
	all[nf].dim = sc->pd;
	all[nf].lo = lo;
	all[nf].hi = hi;
	return 0;
}

/* A scan a step at a time: the months, then each dimension's pass a
 * stretch of rows a step (at 10M rows one pass of ResourceName was 210 ms
 * held from any key pressed meanwhile), its sort, its scores. */
struct anomaly_job {
	struct scan sc;
	struct coverage cov;
	struct filter f[16], all[16];	/* the caller's filters, then with the history's */
	struct dim *dims;
	int ndims, next;
	int state;		/* J_MONTHS, J_PASS, J_SORT, J_SCORE or J_DONE */
	struct query_job *q;	/* J_PASS: dims[next]'s pass */
	struct qresult r;	/* J_SORT, J_SCORE: its result */
	struct anomalies *out;
};

enum { J_MONTHS, J_PASS, J_SORT, J_SCORE, J_DONE };

/* Positions of a dimension's pass per step: at 10M rows about 9 ms for a
 * dimension of many values (its groups are found through a hash map), 1-2
 * ms for one of few. */
size_t anomaly_slice = 1u << 19;

struct anomaly_job *
anomaly_begin(const struct store *s, const struct dim *dims, int ndims, const struct filter *f, int nf,
    enum metric me, struct anomalies *out)
{
	struct anomaly_job *j = xcalloc(1, sizeof *j);
	j->sc = (struct scan){s, j->f, nf, me, {DIM_PERIOD, store_find_column(s, "ChargePeriodStart"), GRAIN_MONTH},
	    0, 0, NULL, 0};
	j->out = out;
	memset(out, 0, sizeof *out);
	out->month = DATE_NULL;
	if (nf > 16)	/* history_filter refuses them too */
		nf = 16;
	if (nf > 0)
		memcpy(j->f, f, (size_t)nf * sizeof *f);
	j->sc.nf = nf;
	j->dims = xreallocarray(NULL, ndims > 0 ? (size_t)ndims : 1, sizeof *j->dims);
	if (ndims > 0)
		memcpy(j->dims, dims, (size_t)ndims * sizeof *dims);
	j->ndims = ndims;
	if (j->sc.pd.idx < 0 || store_metric_column(s, me) < 0) {
		snprintf(out->why, sizeof out->why, "no anomalies: the data has no %s",
		    j->sc.pd.idx < 0 ? "ChargePeriodStart" : metric_name(me));
		j->state = J_DONE;
		return j;
	}
	period_coverage(s, &j->cov);
	if (j->cov.start == DATE_NULL) {
		snprintf(out->why, sizeof out->why, "no anomalies: the data's charge periods do not say what it covers");
		j->state = J_DONE;
	}
	return j;
}

/* The next dimension's pass, or the end: every anomaly found, the largest
 * change first. */
static void
next_dim(struct anomaly_job *j)
{
	if (j->next < j->ndims) {
		struct dim by[2] = {j->dims[j->next], j->sc.pd};
		j->q = query_begin(j->sc.s, by, 2, j->sc.f, j->sc.nf, j->sc.me);
		j->state = J_PASS;
		return;
	}
	if (j->out->n)
		qsort(j->out->a, j->out->n, sizeof *j->out->a, cmp_anomaly);
	j->state = J_DONE;
}

int
anomaly_step(struct anomaly_job *j)
{
	switch (j->state) {
	case J_MONTHS:
		if (scan_months(&j->sc, &j->cov, j->out) == 0 && history_filter(&j->sc, j->f, j->sc.nf, j->all) == 0) {
			j->sc.f = j->all;
			j->sc.nf++;
			next_dim(j);
		} else
			j->state = J_DONE;
		break;
	case J_PASS:
		if (query_step(j->q, anomaly_slice)) {
			query_end(j->q, &j->r);
			j->q = NULL;
			j->state = J_SORT;
		}
		break;
	case J_SORT:
		qsort(j->r.g, j->r.n, sizeof *j->r.g, cmp_key2);
		j->state = J_SCORE;
		break;
	case J_SCORE:
		score_dim(&j->sc, &j->dims[j->next++], &j->r, j->out);
		qresult_free(&j->r);
		next_dim(j);
		break;
	}
	return j->state == J_DONE;
}

void
anomaly_job_free(struct anomaly_job *j)
{
	if (j == NULL)
		return;
	if (j->state != J_DONE)
		anomalies_free(j->out);	/* abandoned: what it found so far goes */
	query_job_free(j->q);
	qresult_free(&j->r);
	free(j->sc.col_month);
	free(j->dims);
	free(j);
}

void
anomaly_scan(const struct store *s, const struct dim *dims, int ndims, const struct filter *f, int nf,
    enum metric me, struct anomalies *out)
{
	struct anomaly_job *j = anomaly_begin(s, dims, ndims, f, nf, me, out);
	while (!anomaly_step(j))
		;
	anomaly_job_free(j);
}

void
anomalies_free(struct anomalies *a)
{
	free(a->a);
	memset(a, 0, sizeof *a);
	a->month = DATE_NULL;
}
