/* period.h - whether a period of the data is whole: a quarter that holds
 * only October, or a month-to-date export's last month, is partial, and a
 * change against it is not a drop. Coverage is what the rows span: the
 * first ChargePeriodStart to the last ChargePeriodEnd (FOCUS: exclusive) of
 * the rows whose charge period is at most a month long; a purchase whose
 * charge period is its term (a year ahead) says nothing of what the export
 * covers. When every row is such a term, the last BillingPeriodEnd.
 * A month's recurring charge spans the whole month from its first day, so a
 * month-to-date export's end is where its daily (or hourly) rows end, when
 * they end a day or more before the monthly ones, beyond the longest run of
 * days without daily rows the data shows elsewhere (up to PERIOD_SLACK: a
 * weekend or a holiday without usage is not a cut when usage skips them);
 * and an export of the last 30 days starts where its daily rows start.
 * Curses-free; the explorer's change column and labels use it. */
#ifndef FOCAL_PERIOD_H
#define FOCAL_PERIOD_H

#include <stddef.h>
#include <stdint.h>

#include "calendar.h"
#include "query.h"

/* What the loaded rows span: [start, end), DATE_NULL each when unknown. */
struct coverage {
	int64_t start, end;
};
/* The longest charge period that says what an export covers (a month and a
 * day); longer ones are terms bought ahead. */
#define PERIOD_COVER_MAX (32 * (int64_t)CALENDAR_DAY)
void period_coverage(const struct store *, struct coverage *out);
/* Rows of a day or less: the export's own grain. */
#define PERIOD_FINE_MAX ((int64_t)CALENDAR_DAY)
#define PERIOD_SLACK (3 * (int64_t)CALENDAR_DAY)
/* Fewer days of fine rows than this say nothing of their density. */
#define PERIOD_DENSITY_DAYS 28
/* The slack of fine rows that start on these days (day numbers since the
 * epoch, in any order, repeats allowed; sorted in place): the longest run
 * of days without one between two that have one, at most PERIOD_SLACK;
 * PERIOD_SLACK when fewer than PERIOD_DENSITY_DAYS distinct days. Data with
 * a row every day has none, so a month's last day without rows is a cut;
 * data without rows on weekends has two days. */
int64_t period_fine_slack(int64_t *days, size_t n);
/* Narrows c, the span of the rows of at most PERIOD_COVER_MAX, to the span
 * of those of at most PERIOD_FINE_MAX (fine_start, fine_end; DATE_NULL for
 * none) at either end that is a day or more beyond `slack`
 * (period_fine_slack) inside it and within its last (first) month. The
 * warehouse engine reads its table by the same rule. */
void period_cover_fine(struct coverage *c, int64_t fine_start, int64_t fine_end, int64_t slack);

/* The calendar span [start, end) of period `code` of a period dimension
 * (DIM_PERIOD or DIM_BILLING_PERIOD at its grain). 0, or -1 (not a period,
 * or no such code). */
int period_span(const struct store *, const struct dim *, uint32_t code, int64_t *start, int64_t *end);

/* Reads a period as focal writes it: 2026, 2026-Q4, 2026-10, 2026-10-05;
 * its grain and calendar span [start, end). 0, or -1 if it is none. */
int period_parse(const char *label, enum grain *g, int64_t *start, int64_t *end);

/* 1 when the rows cover the whole period, 0 when only part of it (buf then
 * says how much, "1 of 3 months", "14 of 31 days"), -1 when it cannot be
 * told (no coverage, not a period). */
int period_whole(const struct store *, const struct dim *, uint32_t code, const struct coverage *, char *buf,
    size_t n);

/* The window of time the filters ask of dimension d's dates (a --range,
 * --from, or a period compared in --where over the same column and kind):
 * [*from, *to), DATE_NULL an open end. 1 when some filter asks one. */
int period_window(const struct dim *d, const struct filter *f, int nf, int64_t *from, int64_t *to);
/* Narrows c to [from, to): a period the window cuts is partial, as one the
 * export cuts (a quarter of which --from 2026-02 keeps two months). */
void period_cover_window(struct coverage *c, int64_t from, int64_t to);
/* Both for d under the filters f. */
void period_coverage_under(const struct store *, const struct dim *d, const struct filter *f, int nf,
    struct coverage *out);

/* The same for a span, for callers that have one. */
int period_span_whole(int64_t start, int64_t end, enum grain, const struct coverage *, char *buf, size_t n);

#endif
