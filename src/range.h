/* range.h - a window of time a user names, and the one it is compared
 * with. Ranges are by ChargePeriodStart, as the `period` dimension is: a
 * row belongs to the range its charge period starts in. "To date" means to
 * the end of the data (the coverage of period.h), not to today's clock: an
 * export read a month later still answers the same question.
 *
 * A comparison is like for like: when the data ends inside the current
 * range (a month to date), the previous range is cut at the same point of
 * its own calendar (December 1-14 against November 1-14), so a partial
 * period is never read as a drop. Curses-free, in the core. */
#ifndef FOCAL_RANGE_H
#define FOCAL_RANGE_H

#include <stddef.h>
#include <stdint.h>

#include "period.h"
#include "query.h"

/* [start, end) in seconds since the epoch, DATE_NULL when unset. */
struct range {
	int64_t start, end;
	int months;		/* > 0: whole calendar months (shifted by months when compared) */
};

/* Reads a range: "2026-01..2026-03" (inclusive at the grain each end is
 * written in), one period ("2026-Q3", "2026", "2026-07-15"), "mtd", "qtd",
 * "ytd", "fytd" (fiscal year to date; fy_month: its first month, 1-12),
 * "fy" (the last whole fiscal year), "lastN" (the last N periods of grain,
 * ending with the last one the data reaches), "all". Relative ranges read
 * the coverage. 0, or -1 with a message in err. */
int range_parse(const char *text, enum grain grain, int fy_month, const struct coverage *cov, struct range *out,
    char *err, size_t errlen);
/* --from A --to B: A's start to B's end (either may be NULL: open). */
int range_from_to(const char *from, const char *to, struct range *out, char *err, size_t errlen);

/* "2026-01-01..2026-03-31" (the last day inclusive); "all" when open. */
void range_label(const struct range *, char *buf, size_t n);
/* The same, shorter where a narrow screen needs it: whole calendar months as
 * "2026-10" or "2026-01..2026-03", other ranges as range_label. */
void range_label_short(const struct range *, char *buf, size_t n);

/* The filter selecting the rows whose ChargePeriodStart lies in the range
 * (a day-grain period filter; an empty range matches no row). 0, or -1
 * when the data has no ChargePeriodStart. */
int range_filter(const struct store *, const struct range *, struct filter *out);

/* What a comparison compares: the current range up to where the data ends,
 * and the previous range of the same length just before it, cut like for
 * like. cut: the current range was cut at the end of the data;
 * prev_partial: the data starts after the previous range starts. */
struct range_cmp {
	struct range cur, prev;
	int cut, prev_partial;
};
int range_compare(const struct range *, const struct coverage *, struct range_cmp *out);

/* The window [*lo, *hi) (DATE_NULL an open end) of the days a period
 * [a, b) compared by op (=, <, <=, >, >=) keeps; -1 for another op. */
int range_op_window(const char *op, int64_t a, int64_t b, int64_t *lo, int64_t *hi);
/* A period dimension compared with a value ("period>=2026-07",
 * "billing-period<2026-Q3"): op is one of "<", "<=", ">", ">=", and the
 * value any period as period_parse reads it; the filter selects rows by
 * their day. 0, or -1 with a message. */
int range_where(const struct store *, const struct dim *, const char *op, const char *value, struct filter *out,
    char *err, size_t errlen);

#endif
