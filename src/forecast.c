/* forecast.c - the metric projected to the end of the month, quarter and
 * year from the run rate of complete months (forecast.h). */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "forecast.h"
#include "period.h"
#include "xmalloc.h"

#define MAX_MONTHS 2400	/* two centuries of months: anything longer is a bad date */

static void
ymd(int64_t t, int *y, int *m, int *d)
{
	civil_from_days(t >= 0 ? t / CALENDAR_DAY : -((-t + CALENDAR_DAY - 1) / CALENDAR_DAY), y, m, d);
}

static void
day_text(int64_t t, char *buf, size_t n)
{
	int y, m, d;
	ymd(t, &y, &m, &d);
	snprintf(buf, n, "%04d-%02d-%02d", y, m, d);
}

/* The month, quarter or year holding t. */
static void
span_of(int64_t t, enum forecast_span k, int64_t *start, int64_t *end)
{
	int y, m, d;
	ymd(t, &y, &m, &d);
	if (k == FCAST_QUARTER)
		m = (m - 1) / 3 * 3 + 1;
	else if (k == FCAST_YEAR)
		m = 1;
	*start = days_from_civil(y, m, 1) * CALENDAR_DAY;
	*end = calendar_add_months(*start, k == FCAST_MONTH ? 1 : k == FCAST_QUARTER ? 3 : 12);
}

/* actual + days_left x sum / days, rounded once */
static money_t
project(money_t actual, long long days_left, money_t sum, long long days)
{
	money_t t = money_mul(sum, money_from_int(days_left));
	if (t == MONEY_NULL)
		return MONEY_NULL;
	return money_add(actual, money_div(t, money_from_int(days)));
}

/* The part of a month that accrues by the day. */
static money_t
daily(const struct forecast_month *p)
{
	return money_sub(money_sub(p->sum, p->recur), p->once);
}

/* The last FORECAST_MONTHS whole months ending by as_of: their indices
 * (latest first) in pick; returns how many there are. */
static int
rate_months(const struct forecast_month *m, size_t n, int64_t as_of, size_t *pick)
{
	int k = 0;
	for (size_t i = n; i-- > 0 && k < FORECAST_MONTHS;)
		if (m[i].whole && m[i].end <= as_of)
			pick[k++] = i;
	return k;
}

/* The recurring charges still to bill in [as_of, end) at r a month: what
 * the current month lacks of r (so_far it holds already), then r for each
 * month after it. */
static money_t
recur_to_come(money_t r, money_t so_far, int64_t month_end, int64_t end)
{
	money_t t;
	if (so_far == MONEY_NULL)
		return MONEY_NULL;
	t = r > so_far ? money_sub(r, so_far) : 0;
	for (int64_t a = month_end; a < end; a = calendar_add_months(a, 1))
		t = money_add(t, r);
	return t;
}

/* A projection: NULL when any part overflowed. */
static money_t
with_recur(money_t p, money_t to_come)
{
	return p == MONEY_NULL || to_come == MONEY_NULL ? MONEY_NULL : money_add(p, to_come);
}

struct rates {
	money_t total, lo_sum, hi_sum;	/* by the day: the months' sum, the lowest and highest month */
	long long days, lo_days, hi_days;
};

static void
fill_line(const struct forecast_month *m, size_t n, struct forecast *out, enum forecast_span k,
    const struct rates *rt)
{
	struct forecast_line *l = &out->line[k];
	int64_t ms, me;
	money_t so_far = 0;
	span_of(out->as_of, k, &l->start, &l->end);
	span_of(out->as_of, FCAST_MONTH, &ms, &me);
	l->actual = 0;
	for (size_t i = 0; i < n; i++) {
		if (m[i].start >= l->start && m[i].start < l->end && m[i].start < out->as_of)
			l->actual = money_add(l->actual, m[i].sum);
		if (m[i].start == ms)
			so_far = m[i].recur;
	}
	l->days_left = (long long)((l->end - out->as_of + CALENDAR_DAY - 1) / CALENDAR_DAY);
	l->proj = with_recur(project(l->actual, l->days_left, rt->total, rt->days),
	    recur_to_come(out->recur, so_far, me, l->end));
	l->lo = with_recur(project(l->actual, l->days_left, rt->lo_sum, rt->lo_days),
	    recur_to_come(out->recur_lo, so_far, me, l->end));
	l->hi = with_recur(project(l->actual, l->days_left, rt->hi_sum, rt->hi_days),
	    recur_to_come(out->recur_hi, so_far, me, l->end));
}

/* The rates of the picked months into rt and out; 0 when a sum overflows. */
static int
rates_of(const struct forecast_month *m, const size_t *pick, int k, struct rates *rt, struct forecast *out)
{
	memset(rt, 0, sizeof *rt);
	rt->lo_days = rt->hi_days = 1;
	for (int i = 0; i < k; i++) {
		const struct forecast_month *p = &m[pick[i]];
		long long pd = (long long)((p->end - p->start) / CALENDAR_DAY);
		money_t d = daily(p);
		if (p->sum == MONEY_NULL || p->recur == MONEY_NULL || p->once == MONEY_NULL || d == MONEY_NULL ||
		    pd <= 0)
			return 0;
		rt->total = money_add(rt->total, d);
		rt->days += pd;
		/* lowest and highest daily rate: a/b < c/d as a*d < c*b */
		if (i == 0 || money_mul(d, money_from_int(rt->lo_days)) < money_mul(rt->lo_sum, money_from_int(pd))) {
			rt->lo_sum = d;
			rt->lo_days = pd;
		}
		if (i == 0 || money_mul(d, money_from_int(rt->hi_days)) > money_mul(rt->hi_sum, money_from_int(pd))) {
			rt->hi_sum = d;
			rt->hi_days = pd;
		}
		if (i == 0)	/* the latest month: the subscriptions as they stand */
			out->recur = out->recur_lo = out->recur_hi = p->recur;
		if (p->recur < out->recur_lo)
			out->recur_lo = p->recur;
		if (p->recur > out->recur_hi)
			out->recur_hi = p->recur;
		out->once = money_add(out->once, p->once);
	}
	return 1;
}

int
forecast_compute(const struct forecast_month *m, size_t n, int64_t as_of, struct forecast *out)
{
	size_t pick[FORECAST_MONTHS];
	struct rates rt;
	char d[16];
	int k;

	memset(out, 0, sizeof *out);
	out->as_of = as_of;
	if (as_of == DATE_NULL) {
		snprintf(out->why, sizeof out->why, "no forecast: the data's charge periods do not say where it ends");
		return 0;
	}
	day_text(as_of, d, sizeof d);
	k = rate_months(m, n, as_of, pick);
	if (k < FORECAST_MONTHS) {
		snprintf(out->why, sizeof out->why, "no forecast: it needs %d complete months before %s, the data has %d",
		    FORECAST_MONTHS, d, k);
		return 0;
	}
	if (!rates_of(m, pick, k, &rt, out)) {
		memset(out, 0, sizeof *out);
		out->as_of = as_of;
		snprintf(out->why, sizeof out->why, "no forecast: a month's sum overflows");
		return 0;
	}
	out->nrate = k;
	out->rate_from = m[pick[k - 1]].start;
	out->rate_to = m[pick[0]].end;
	out->rate = money_div(rt.total, money_from_int(rt.days));
	out->rate_lo = money_div(rt.lo_sum, money_from_int(rt.lo_days));
	out->rate_hi = money_div(rt.hi_sum, money_from_int(rt.hi_days));
	for (int s = 0; s < FCAST_COUNT; s++)
		fill_line(m, n, out, (enum forecast_span)s, &rt);
	out->ok = 1;
	return 1;
}

/* How a row's charge recurs: the codes of ChargeFrequency's Recurring and
 * One-Time (UINT32_MAX when the data has neither); a row with any other
 * value, or none, accrues by the day. */
struct freq_codes {
	uint32_t recurring, one_time;
};

/* The calendar months from the first one with rows (or coverage) to the
 * one holding as_of, with the metric's sums (by month, then frequency when
 * nby is 2): fills *m, returns how many. */
static size_t
months_of(const struct store *s, const struct dim *pd, const struct qresult *r, int nby,
    const struct freq_codes *fq, enum metric me, const struct coverage *cov, struct forecast_month **m)
{
	int64_t first = calendar_month_index(cov->start), last = calendar_month_index(cov->end), a, b;
	size_t n;
	char buf[64];
	for (size_t i = 0; i < r->n; i++)
		if (period_span(s, pd, r->g[i].key[0], &a, &b) == 0 && calendar_month_index(a) < first)
			first = calendar_month_index(a);
	if (last - first + 1 > MAX_MONTHS)
		first = last - MAX_MONTHS + 1;
	n = (size_t)(last - first + 1);
	*m = xcalloc(n, sizeof **m);
	for (size_t i = 0; i < n; i++) {
		struct forecast_month *p = &(*m)[i];
		p->start = calendar_month_time(first + (int64_t)i);
		p->end = calendar_month_time(first + (int64_t)i + 1);
		p->whole = period_span_whole(p->start, p->end, GRAIN_MONTH, cov, buf, sizeof buf) == 1;
	}
	for (size_t i = 0; i < r->n; i++) {
		struct forecast_month *p;
		money_t v = r->g[i].sum[me];
		int64_t k;
		if (period_span(s, pd, r->g[i].key[0], &a, &b) != 0)
			continue;
		k = calendar_month_index(a) - first;
		if (k < 0 || k >= (int64_t)n)
			continue;
		p = &(*m)[k];
		p->sum = money_add(p->sum, v);
		if (nby == 2 && r->g[i].key[1] == fq->recurring)
			p->recur = money_add(p->recur, v);
		else if (nby == 2 && r->g[i].key[1] == fq->one_time)
			p->once = money_add(p->once, v);
	}
	return n;
}

int
forecast_build(const struct store *s, const struct filter *f, int nf, enum metric me, struct forecast *out)
{
	struct dim by[2] = {{DIM_PERIOD, store_find_column(s, "ChargePeriodStart"), GRAIN_MONTH}};
	struct freq_codes fq = {UINT32_MAX, UINT32_MAX};
	struct coverage cov;
	struct qresult r;
	struct forecast_month *m;
	char err[128];
	int nby = 1;
	size_t n;

	memset(out, 0, sizeof *out);
	out->as_of = DATE_NULL;
	if (by[0].idx < 0 || store_metric_column(s, me) < 0) {
		snprintf(out->why, sizeof out->why, "no forecast: the data has no %s",
		    by[0].idx < 0 ? "ChargePeriodStart" : metric_name(me));
		return 0;
	}
	period_coverage(s, &cov);
	if (cov.start == DATE_NULL)
		return forecast_compute(NULL, 0, DATE_NULL, out);
	if (dim_parse(s, "column:ChargeFrequency", GRAIN_MONTH, &by[1], err, sizeof err) == 0)
		nby = 2;
	query_run_metric(s, by, nby, f, nf, me, &r);
	/* the codes after the query: a warehouse engine learns its labels from
	 * the answer */
	if (nby == 2 && dim_lookup(s, &by[1], "Recurring", &fq.recurring) != 0)
		fq.recurring = UINT32_MAX;
	if (nby == 2 && dim_lookup(s, &by[1], "One-Time", &fq.one_time) != 0)
		fq.one_time = UINT32_MAX;
	n = months_of(s, &by[0], &r, nby, &fq, me, &cov, &m);
	qresult_free(&r);
	forecast_compute(m, n, cov.end, out);
	free(m);
	return out->ok;
}

void
forecast_label(const struct forecast_line *l, enum forecast_span k, char *buf, size_t n)
{
	int y, m, d;
	ymd(l->start, &y, &m, &d);
	if (k == FCAST_MONTH)
		snprintf(buf, n, "%04d-%02d", y, m);
	else if (k == FCAST_QUARTER)
		snprintf(buf, n, "%04d-Q%d", y, (m - 1) / 3 + 1);
	else
		snprintf(buf, n, "%04d", y);
}
