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

static void
fill_line(const struct forecast_month *m, size_t n, struct forecast *out, enum forecast_span k, money_t total,
    long long days, money_t lo_sum, long long lo_days, money_t hi_sum, long long hi_days)
{
	struct forecast_line *l = &out->line[k];
	span_of(out->as_of, k, &l->start, &l->end);
	l->actual = 0;
	for (size_t i = 0; i < n; i++)
		if (m[i].start >= l->start && m[i].start < l->end && m[i].start < out->as_of)
			l->actual = money_add(l->actual, m[i].sum);
	l->days_left = (long long)((l->end - out->as_of + CALENDAR_DAY - 1) / CALENDAR_DAY);
	l->proj = project(l->actual, l->days_left, total, days);
	l->lo = project(l->actual, l->days_left, lo_sum, lo_days);
	l->hi = project(l->actual, l->days_left, hi_sum, hi_days);
}

int
forecast_compute(const struct forecast_month *m, size_t n, int64_t as_of, struct forecast *out)
{
	size_t pick[FORECAST_MONTHS];
	money_t total = 0, lo_sum = 0, hi_sum = 0;
	long long days = 0, lo_days = 1, hi_days = 1;
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
	for (int i = 0; i < k; i++) {
		const struct forecast_month *p = &m[pick[i]];
		long long pd = (long long)((p->end - p->start) / CALENDAR_DAY);
		if (p->sum == MONEY_NULL || pd <= 0) {
			snprintf(out->why, sizeof out->why, "no forecast: a month's sum overflows");
			return 0;
		}
		total = money_add(total, p->sum);
		days += pd;
		/* lowest and highest daily rate: a/b < c/d as a*d < c*b */
		if (i == 0 || money_mul(p->sum, money_from_int(lo_days)) < money_mul(lo_sum, money_from_int(pd))) {
			lo_sum = p->sum;
			lo_days = pd;
		}
		if (i == 0 || money_mul(p->sum, money_from_int(hi_days)) > money_mul(hi_sum, money_from_int(pd))) {
			hi_sum = p->sum;
			hi_days = pd;
		}
	}
	out->nrate = k;
	out->rate_from = m[pick[k - 1]].start;
	out->rate_to = m[pick[0]].end;
	out->rate = money_div(total, money_from_int(days));
	out->rate_lo = money_div(lo_sum, money_from_int(lo_days));
	out->rate_hi = money_div(hi_sum, money_from_int(hi_days));
	for (int s = 0; s < FCAST_COUNT; s++)
		fill_line(m, n, out, (enum forecast_span)s, total, days, lo_sum, lo_days, hi_sum, hi_days);
	out->ok = 1;
	return 1;
}

/* The calendar months from the first one with rows (or coverage) to the
 * one holding as_of, with the metric's sums: fills *m, returns how many. */
static size_t
months_of(const struct store *s, const struct dim *pd, const struct qresult *r, enum metric me,
    const struct coverage *cov, struct forecast_month **m)
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
		int64_t k;
		if (period_span(s, pd, r->g[i].key[0], &a, &b) != 0)
			continue;
		k = calendar_month_index(a) - first;
		if (k >= 0 && k < (int64_t)n)
			(*m)[k].sum = money_add((*m)[k].sum, r->g[i].sum[me]);
	}
	return n;
}

int
forecast_build(const struct store *s, const struct filter *f, int nf, enum metric me, struct forecast *out)
{
	struct dim pd = {DIM_PERIOD, store_find_column(s, "ChargePeriodStart"), GRAIN_MONTH};
	struct coverage cov;
	struct qresult r;
	struct forecast_month *m;
	size_t n;

	memset(out, 0, sizeof *out);
	out->as_of = DATE_NULL;
	if (pd.idx < 0 || store_metric_column(s, me) < 0) {
		snprintf(out->why, sizeof out->why, "no forecast: the data has no %s",
		    pd.idx < 0 ? "ChargePeriodStart" : metric_name(me));
		return 0;
	}
	period_coverage(s, &cov);
	if (cov.start == DATE_NULL)
		return forecast_compute(NULL, 0, DATE_NULL, out);
	query_run_metric(s, &pd, 1, f, nf, me, &r);
	n = months_of(s, &pd, &r, me, &cov, &m);
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
