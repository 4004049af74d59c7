/* forecast.h - where the metric is heading: the spend of the current drill
 * path projected to the end of the current month, quarter and year, with a
 * range, as Cost Explorer's forecast answers it.
 *
 * The method: actual to date + days left x the mean daily rate of the
 * charges that accrue by the day (ChargeFrequency Usage-Based, or none
 * given) over the last FORECAST_MONTHS complete months + the recurring
 * charges (ChargeFrequency Recurring) at the last complete month's amount
 * for each month still to bill, less what the current month already holds
 * of them. One-time charges (purchases, quarterly taxes, credits) are in the
 * actuals and never projected: a month-to-date file, its seats billed on the
 * 1st, is not read as if they accrued by the day. The range takes the
 * lowest and the highest of those months' daily rates and recurring
 * amounts instead. "Now" is where the
 * data ends (its coverage, period.h), so the current month is the one the
 * data ends in (the month after, when the data ends on a month's last day).
 * A month the rows cover only in part never enters the rate. A projection
 * is never an actual: the screens mark it `*` and add it to no total.
 * Curses-free; tests/test_forecast.c. */
#ifndef FOCAL_FORECAST_H
#define FOCAL_FORECAST_H

#include <stddef.h>
#include <stdint.h>

#include "query.h"
#include "store.h"
#include "value.h"

#define FORECAST_MONTHS 3	/* complete months the daily rate is the mean of */

/* The sum of the metric over one calendar month [start, end), and the parts
 * of it that are recurring and one-time charges (the rest accrues by the
 * day); whole: the rows cover all of it. */
struct forecast_month {
	int64_t start, end;
	money_t sum, recur, once;
	int whole;
};

enum forecast_span { FCAST_MONTH, FCAST_QUARTER, FCAST_YEAR, FCAST_COUNT };

struct forecast_line {
	int64_t start, end;	/* the calendar month, quarter, year holding as_of */
	money_t actual;		/* the rows of its months that start before as_of */
	long long days_left;	/* as_of to end */
	money_t proj, lo, hi;	/* actual + days_left x rate + recurring to come (mean, lowest, highest) */
};

struct forecast {
	int ok;			/* 0: no figure; why says why */
	char why[160];
	int64_t as_of;		/* where the data ends: the first day it does not cover */
	int nrate;		/* complete months in the rate */
	int64_t rate_from, rate_to;	/* [first month's start, last month's end) */
	money_t rate, rate_lo, rate_hi;	/* by the day, per day: mean, lowest, highest month */
	money_t recur, recur_lo, recur_hi;	/* recurring a month: last, lowest, highest month */
	money_t once;		/* one-time charges in the rate's months (never projected) */
	struct forecast_line line[FCAST_COUNT];
};

/* The forecast from monthly sums (ascending, calendar months) as of as_of.
 * Returns out->ok. */
int forecast_compute(const struct forecast_month *m, size_t n, int64_t as_of, struct forecast *out);

/* The same over the store's rows passing f (the drill path and currency),
 * summing metric me by month of ChargePeriodStart, as of the data's end. */
int forecast_build(const struct store *, const struct filter *f, int nf, enum metric me, struct forecast *out);

/* "2026-11", "2026-Q4", "2026": the period of a forecast line. */
void forecast_label(const struct forecast_line *, enum forecast_span, char *buf, size_t n);

#endif
