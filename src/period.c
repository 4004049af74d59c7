/* period.c - whether a period of the data is whole (period.h). */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "period.h"
#include "value.h"
#include "xmalloc.h"

/* Rows whose charge period is longer than this are terms (a year's seats
 * bought at once), not the time the data covers. */

/* The latest BillingPeriodEnd: coverage when every row is a term. */
static int64_t
billing_end(const struct store *s)
{
	int col = store_find_column(s, "BillingPeriodEnd");
	int64_t best = DATE_NULL;
	uint32_t n = col < 0 ? 0 : store_ncodes(s, col);
	for (uint32_t c = 1; c < n; c++) {
		int64_t t = store_code_epoch(s, col, c);
		if (t != DATE_NULL && (best == DATE_NULL || t > best))
			best = t;
	}
	return best;
}

static void coverage_scan(const struct store *, struct coverage *);

/* The coverage of the last store asked about: it takes a pass over every
 * row, and the explorer's screens ask on every frame. */
static struct {
	uint64_t serial;
	size_t rows;
	struct coverage cov;
} cover_cache;

void
period_coverage(const struct store *s, struct coverage *out)
{
	void *ectx;
	const struct store_engine *e = store_engine(s, &ectx);
	if (e) {
		e->coverage(ectx, s, out);
		return;
	}
	if (cover_cache.serial == 0 || cover_cache.serial != store_serial(s) || cover_cache.rows != store_nrows(s)) {
		coverage_scan(s, &cover_cache.cov);
		cover_cache.serial = store_serial(s);
		cover_cache.rows = store_nrows(s);
	}
	*out = cover_cache.cov;
}

static int
day_cmp(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
	return a < b ? -1 : a > b;
}

int64_t
period_fine_slack(int64_t *days, size_t n)
{
	int64_t gap = 0;
	size_t distinct = n ? 1 : 0;
	qsort(days, n, sizeof *days, day_cmp);
	for (size_t i = 1; i < n; i++) {
		distinct += days[i] != days[i - 1];
		if (days[i] - days[i - 1] - 1 > gap)	/* a repeated day: -1 */
			gap = days[i] - days[i - 1] - 1;
	}
	if (distinct < PERIOD_DENSITY_DAYS)
		return PERIOD_SLACK;
	return gap * CALENDAR_DAY < PERIOD_SLACK ? gap * CALENDAR_DAY : PERIOD_SLACK;
}

void
period_cover_fine(struct coverage *c, int64_t fine_start, int64_t fine_end, int64_t slack)
{
	if (c->start == DATE_NULL || c->end == DATE_NULL || fine_start == DATE_NULL || fine_end == DATE_NULL)
		return;
	/* inside the last (first) month only: older months in monthly rows
	 * and the recent ones daily is a history, not a cut; a part of a day
	 * (an hourly export a few hours behind) is not a day cut off */
	if (c->end - fine_end >= slack + CALENDAR_DAY && fine_end > calendar_add_months(c->end, -1))
		c->end = fine_end;
	if (fine_start - c->start >= slack + CALENDAR_DAY && fine_start < calendar_add_months(c->start, 1))
		c->start = fine_start;
}

/* [*lo, *hi) widened to hold [a, b) (DATE_NULL: empty so far) */
static void
span_add(int64_t *lo, int64_t *hi, int64_t a, int64_t b)
{
	if (*lo == DATE_NULL || a < *lo)
		*lo = a;
	if (*hi == DATE_NULL || b > *hi)
		*hi = b;
}

static void
coverage_scan(const struct store *s, struct coverage *out)
{
	struct dim by[2] = {{DIM_COLUMN, store_find_column(s, "ChargePeriodStart"), GRAIN_MONTH},
	    {DIM_COLUMN, store_find_column(s, "ChargePeriodEnd"), GRAIN_MONTH}};
	struct qresult r;
	int64_t lo = DATE_NULL, hi = DATE_NULL, flo = DATE_NULL, fhi = DATE_NULL, any = DATE_NULL, *days;
	size_t ndays = 0;

	out->start = out->end = DATE_NULL;
	if (by[0].idx < 0 || by[1].idx < 0)
		return;
	/* the distinct (start, end) pairs of the rows: one pass, few groups */
	query_run_metric(s, by, 2, NULL, 0, M_BILLED, &r);
	days = xcalloc(r.n ? r.n : 1, sizeof *days);	/* the days fine rows start on */
	for (size_t i = 0; i < r.n; i++) {
		int64_t a = store_code_epoch(s, by[0].idx, r.g[i].key[0]);
		int64_t b = store_code_epoch(s, by[1].idx, r.g[i].key[1]);
		if (a == DATE_NULL || b == DATE_NULL || b <= a)
			continue;
		if (any == DATE_NULL || a < any)
			any = a;
		if (b - a <= PERIOD_COVER_MAX)
			span_add(&lo, &hi, a, b);
		if (b - a <= PERIOD_FINE_MAX) {
			span_add(&flo, &fhi, a, b);
			days[ndays++] = a / CALENDAR_DAY;	/* as ClickHouse's intDiv */
		}
	}
	qresult_free(&r);
	if (hi == DATE_NULL) {	/* terms only: the billing periods say */
		lo = any;
		hi = billing_end(s);
	}
	if (lo != DATE_NULL && hi != DATE_NULL && hi > lo) {
		out->start = lo;
		out->end = hi;
		period_cover_fine(out, flo, fhi, period_fine_slack(days, ndays));
	}
	free(days);
}

/* Reads a period label as query.c writes it: 2026, 2026-Q4, 2026-10,
 * 2026-10-05. */
static int
label_span(const char *l, enum grain g, int64_t *start, int64_t *end)
{
	int y, m = 1, d = 1, q;
	char tail;
	switch (g) {
	case GRAIN_YEAR:
		if (sscanf(l, "%4d%c", &y, &tail) != 1)
			return -1;
		*start = days_from_civil(y, 1, 1) * CALENDAR_DAY;
		*end = days_from_civil(y + 1, 1, 1) * CALENDAR_DAY;
		return 0;
	case GRAIN_QUARTER:
		if (sscanf(l, "%4d-Q%1d%c", &y, &q, &tail) != 2 || q < 1 || q > 4)
			return -1;
		*start = days_from_civil(y, (q - 1) * 3 + 1, 1) * CALENDAR_DAY;
		*end = calendar_add_months(*start, 3);
		return 0;
	case GRAIN_MONTH:
		if (sscanf(l, "%4d-%2d%c", &y, &m, &tail) != 2 || m < 1 || m > 12)
			return -1;
		*start = days_from_civil(y, m, 1) * CALENDAR_DAY;
		*end = calendar_add_months(*start, 1);
		return 0;
	default:
		if (sscanf(l, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
			return -1;
		*start = days_from_civil(y, m, d) * CALENDAR_DAY;
		*end = *start + CALENDAR_DAY;
		return 0;
	}
}

int
period_parse(const char *l, enum grain *g, int64_t *start, int64_t *end)
{
	static const enum grain order[] = {GRAIN_DAY, GRAIN_MONTH, GRAIN_QUARTER, GRAIN_YEAR};
	for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
		int y, m, d;
		if (label_span(l, order[i], start, end) != 0)
			continue;
		/* the day must exist: 2026-02-30 is no date */
		civil_from_days(*start / CALENDAR_DAY, &y, &m, &d);
		if (order[i] == GRAIN_DAY) {
			char back[16];
			snprintf(back, sizeof back, "%04d-%02d-%02d", y, m, d);
			if (strcmp(back, l) != 0)
				return -1;
		}
		if (g)
			*g = order[i];
		return 0;
	}
	return -1;
}

int
period_span(const struct store *s, const struct dim *d, uint32_t code, int64_t *start, int64_t *end)
{
	char buf[64];
	if ((d->type != DIM_PERIOD && d->type != DIM_BILLING_PERIOD) || code == 0 || code >= dim_ncodes(s, d))
		return -1;
	return label_span(dim_label(s, d, code, buf, sizeof buf), d->grain, start, end);
}

int
period_window(const struct dim *d, const struct filter *f, int nf, int64_t *from, int64_t *to)
{
	int any = 0;
	*from = *to = DATE_NULL;
	for (int i = 0; i < nf; i++) {
		const struct filter *x = &f[i];
		if (!x->timed || x->exclude || x->dim.type != d->type || x->dim.idx != d->idx)
			continue;
		if (x->from != DATE_NULL && (*from == DATE_NULL || x->from > *from))
			*from = x->from;
		if (x->to != DATE_NULL && (*to == DATE_NULL || x->to < *to))
			*to = x->to;
		any = 1;
	}
	return any;
}

void
period_cover_window(struct coverage *c, int64_t from, int64_t to)
{
	if (c->start == DATE_NULL)
		return;
	if (from != DATE_NULL && from > c->start)
		c->start = from;
	if (to != DATE_NULL && to < c->end)
		c->end = to;
	if (c->end < c->start)
		c->end = c->start;	/* nothing left: every period "no days covered" */
}

void
period_coverage_under(const struct store *s, const struct dim *d, const struct filter *f, int nf,
    struct coverage *out)
{
	int64_t a, b;
	period_coverage(s, out);
	if (period_window(d, f, nf, &a, &b))
		period_cover_window(out, a, b);
}

int
period_span_whole(int64_t start, int64_t end, enum grain g, const struct coverage *cov, char *buf, size_t n)
{
	int64_t a, b;
	if (cov->start == DATE_NULL || end <= start)
		return -1;
	if (cov->start <= start && cov->end >= end)
		return 1;
	a = cov->start > start ? cov->start : start;
	b = cov->end < end ? cov->end : end;
	if (b <= a)
		snprintf(buf, n, "no days covered");
	else if ((g == GRAIN_QUARTER || g == GRAIN_YEAR) &&
	    calendar_add_months(a, calendar_months_between(a, b)) == b)	/* whole months */
		snprintf(buf, n, "%d of %d months", calendar_months_between(a, b), calendar_months_between(start, end));
	else if (g == GRAIN_QUARTER || g == GRAIN_YEAR || g == GRAIN_MONTH)
		snprintf(buf, n, "%lld of %lld days", (long long)((b - a + CALENDAR_DAY - 1) / CALENDAR_DAY),
		    (long long)((end - start) / CALENDAR_DAY));
	else
		snprintf(buf, n, "partial day");
	return 0;
}

int
period_whole(const struct store *s, const struct dim *d, uint32_t code, const struct coverage *cov, char *buf,
    size_t n)
{
	int64_t a, b;
	if (period_span(s, d, code, &a, &b) != 0)
		return -1;
	return period_span_whole(a, b, d->grain, cov, buf, n);
}
