/* range.c - windows of time by ChargePeriodStart, and what they are
 * compared with (range.h). */
#include "range.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "query_int.h"
#include "value.h"

static int
is_month_start(int64_t t)
{
	return t != DATE_NULL && calendar_month_start(t) == t;
}

/* Sets months when both ends fall on the first of a month. */
static void
range_finish(struct range *r)
{
	r->months = 0;
	if (is_month_start(r->start) && is_month_start(r->end) && r->end > r->start)
		r->months = (int)(calendar_month_index(r->end) - calendar_month_index(r->start));
}

int
range_from_to(const char *from, const char *to, struct range *out, char *err, size_t errlen)
{
	int64_t a, b;
	out->start = out->end = DATE_NULL;
	if (from && period_parse(from, NULL, &out->start, &b) != 0) {
		snprintf(err, errlen, "'%s': expected a period: 2026, 2026-Q3, 2026-07 or 2026-07-15", from);
		return -1;
	}
	if (to && period_parse(to, NULL, &a, &out->end) != 0) {
		snprintf(err, errlen, "'%s': expected a period: 2026, 2026-Q3, 2026-07 or 2026-07-15", to);
		return -1;
	}
	if (from && to && out->end <= out->start) {
		snprintf(err, errlen, "%s ends before %s starts: an empty range", to, from);
		return -1;
	}
	range_finish(out);
	return 0;
}

/* The start of the period of grain g that holds t. */
static int64_t
grain_start(int64_t t, enum grain g)
{
	int64_t m = calendar_month_index(t);
	switch (g) {
	case GRAIN_DAY: return t - (t % CALENDAR_DAY + CALENDAR_DAY) % CALENDAR_DAY;
	case GRAIN_MONTH: return calendar_month_time(m);
	case GRAIN_QUARTER: return calendar_month_time(m - m % 3);
	default: return calendar_month_time(m - m % 12);
	}
}

static int64_t
grain_add(int64_t t, enum grain g, int k)
{
	switch (g) {
	case GRAIN_DAY: return t + (int64_t)k * CALENDAR_DAY;
	case GRAIN_MONTH: return calendar_add_months(t, k);
	case GRAIN_QUARTER: return calendar_add_months(t, 3 * k);
	default: return calendar_add_months(t, 12 * k);
	}
}

/* The ranges that read the coverage: mtd, qtd, ytd, fytd, fy, lastN. */
static int
range_relative(const char *t, enum grain grain, int fy_month, const struct coverage *cov, struct range *out,
    char *err, size_t errlen)
{
	int64_t last, fy;
	char *end;
	long n;
	if (cov->end == DATE_NULL) {
		snprintf(err, errlen, "'%s': the data has no charge periods to count from", t);
		return -1;
	}
	last = cov->end - 1;	/* the data's last instant */
	fy = calendar_month_time(calendar_month_index(last) - (calendar_month_index(last) - (fy_month - 1) + 1200) % 12);
	if (!strcmp(t, "mtd") || !strcmp(t, "qtd") || !strcmp(t, "ytd")) {
		enum grain g = t[0] == 'm' ? GRAIN_MONTH : t[0] == 'q' ? GRAIN_QUARTER : GRAIN_YEAR;
		out->start = grain_start(last, g);
		out->end = grain_add(out->start, g, 1);
	} else if (!strcmp(t, "fytd")) {
		out->start = fy;
		out->end = calendar_add_months(fy, 12);
	} else if (!strcmp(t, "fy")) {
		/* the last fiscal year the data covers to its end */
		out->end = calendar_add_months(fy, 12) == cov->end ? calendar_add_months(fy, 12) : fy;
		out->start = calendar_add_months(out->end, -12);
	} else if (!strncmp(t, "last", 4) && (n = strtol(t + 4, &end, 10)) > 0 && n <= 1000 && *end == '\0' &&
	    t[4] >= '0' && t[4] <= '9') {
		out->end = grain_add(grain_start(last, grain), grain, 1);
		out->start = grain_add(out->end, grain, -(int)n);
	} else {
		snprintf(err, errlen, "'%s': expected FROM..TO, a period (2026-Q3), all, mtd, qtd, ytd, fytd, fy "
		    "or lastN", t);
		return -1;
	}
	range_finish(out);
	return 0;
}

int
range_parse(const char *text, enum grain grain, int fy_month, const struct coverage *cov, struct range *out,
    char *err, size_t errlen)
{
	const char *dots = strstr(text, "..");
	int64_t a, b;
	out->start = out->end = DATE_NULL;
	out->months = 0;
	if (fy_month < 1 || fy_month > 12)
		fy_month = 1;
	if (!strcmp(text, "all"))
		return 0;
	if (dots) {
		char from[64];
		snprintf(from, sizeof from, "%.*s", (int)(dots - text), text);
		return range_from_to(from[0] ? from : NULL, dots[2] ? dots + 2 : NULL, out, err, errlen);
	}
	if (period_parse(text, NULL, &a, &b) == 0) {
		out->start = a;
		out->end = b;
		range_finish(out);
		return 0;
	}
	return range_relative(text, grain, fy_month, cov, out, err, errlen);
}

static void
day_text(int64_t t, char *buf, size_t n)
{
	int y, m, d;
	civil_from_days(t >= 0 ? t / CALENDAR_DAY : -((-t + CALENDAR_DAY - 1) / CALENDAR_DAY), &y, &m, &d);
	snprintf(buf, n, "%04d-%02d-%02d", y, m, d);
}

void
range_label(const struct range *r, char *buf, size_t n)
{
	char a[32] = "", b[32] = "";
	if (r->start == DATE_NULL && r->end == DATE_NULL) {
		snprintf(buf, n, "all");
		return;
	}
	if (r->start != DATE_NULL)
		day_text(r->start, a, sizeof a);
	if (r->end != DATE_NULL)
		day_text(r->end - 1, b, sizeof b);
	snprintf(buf, n, "%s..%s", a, b);
}

void
range_label_short(const struct range *r, char *buf, size_t n)
{
	char a[32], b[32];
	if (r->start == DATE_NULL || r->end == DATE_NULL || calendar_month_start(r->start) != r->start ||
	    calendar_month_start(r->end) != r->end || r->end <= r->start) {
		range_label(r, buf, n);
		return;
	}
	day_text(r->start, a, sizeof a);
	day_text(calendar_month_start(r->end - 1), b, sizeof b);
	a[7] = b[7] = '\0';
	if (strcmp(a, b) == 0)
		snprintf(buf, n, "%s", a);
	else
		snprintf(buf, n, "%s..%s", a, b);
}

/* Rows of a date column's period dimension whose day lies in [start, end). */
static void
day_filter(const struct store *s, enum dim_type t, int col, int64_t start, int64_t end, struct filter *out)
{
	const struct periods *p = periods_get(s, col, GRAIN_DAY);
	uint32_t lo = 1, hi = p->n;
	memset(out, 0, sizeof *out);
	out->dim = (struct dim){t, col, GRAIN_DAY};
	out->timed = 1;
	out->from = start;
	out->to = end;
	while (lo <= p->n && start != DATE_NULL && (int64_t)p->bucket[lo - 1] * CALENDAR_DAY < start)
		lo++;
	while (hi >= 1 && end != DATE_NULL && (int64_t)p->bucket[hi - 1] * CALENDAR_DAY >= end)
		hi--;
	if (lo > hi) {
		lo = 1;	/* empty: lo > hi matches no row */
		hi = 0;
	}
	out->lo = lo;
	out->hi = hi;
}

int
range_filter(const struct store *s, const struct range *r, struct filter *out)
{
	int col = store_find_column(s, "ChargePeriodStart");
	if (col < 0)
		return -1;
	day_filter(s, DIM_PERIOD, col, r->start, r->end, out);
	return 0;
}

int
range_where(const struct store *s, const struct dim *d, const char *op, const char *value, struct filter *out,
    char *err, size_t errlen)
{
	int64_t a, b, lo, hi;
	if (d->type != DIM_PERIOD && d->type != DIM_BILLING_PERIOD) {
		snprintf(err, errlen, "%s compares periods only (period, billing-period)", op);
		return -1;
	}
	if (period_parse(value, NULL, &a, &b) != 0) {
		snprintf(err, errlen, "'%s': expected a period: 2026, 2026-Q3, 2026-07 or 2026-07-15", value);
		return -1;
	}
	if (range_op_window(op, a, b, &lo, &hi) != 0) {
		snprintf(err, errlen, "'%s': expected =, <, <=, > or >=", op);
		return -1;
	}
	day_filter(s, d->type, d->idx, lo, hi, out);
	return 0;
}

int
range_op_window(const char *op, int64_t a, int64_t b, int64_t *lo, int64_t *hi)
{
	*lo = *hi = DATE_NULL;
	if (!strcmp(op, ">="))
		*lo = a;
	else if (!strcmp(op, ">"))
		*lo = b;
	else if (!strcmp(op, "<="))
		*hi = b;
	else if (!strcmp(op, "<"))
		*hi = a;
	else if (!strcmp(op, "=")) {
		*lo = a;
		*hi = b;
	} else
		return -1;
	return 0;
}

/* t shifted back k months, like for like: a cut on the 31st of a month
 * lands on the end of a shorter one, not inside it. */
static int64_t
shift_months(int64_t t, int k)
{
	int64_t m0 = calendar_month_start(t), into = t - m0, target = calendar_add_months(m0, -k);
	int64_t next = calendar_add_months(target, 1);
	return target + into < next ? target + into : next;
}

int
range_compare(const struct range *r, const struct coverage *cov, struct range_cmp *out)
{
	struct range cur = *r;
	int64_t cut;
	memset(out, 0, sizeof *out);
	if (cur.start == DATE_NULL)
		cur.start = cov->start;
	if (cur.end == DATE_NULL)
		cur.end = cov->end;
	if (cur.start == DATE_NULL || cur.end == DATE_NULL || cur.end <= cur.start)
		return -1;
	range_finish(&cur);
	cut = cur.end;
	if (cov->end != DATE_NULL && cov->end < cur.end && cov->end > cur.start) {
		cut = cov->end;
		out->cut = 1;
	}
	if (cur.months > 0) {
		out->prev.start = calendar_add_months(cur.start, -cur.months);
		out->prev.end = out->cut ? shift_months(cut, cur.months) : cur.start;
	} else {
		out->prev.start = cur.start - (cur.end - cur.start);
		out->prev.end = out->prev.start + (cut - cur.start);
	}
	out->prev.months = out->cut ? 0 : cur.months;
	out->cur = cur;
	out->cur.end = cut;
	if (out->cut)
		out->cur.months = 0;
	out->prev_partial = cov->start != DATE_NULL && cov->start > out->prev.start;
	return 0;
}
