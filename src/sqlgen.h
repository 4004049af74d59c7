/* sqlgen.h - the one SELECT over the `focus` table (sql.h) that computes a
 * report or an explorer view: dimensions, filters, metric, period grain.
 * `focal report --sql` prints it; the explorer can show it for the current
 * view. Running it with `focal sql` gives the report's numbers exactly. */
#ifndef FOCAL_SQLGEN_H
#define FOCAL_SQLGEN_H

#include "query.h"

/* A malloc'ed SELECT. names[i] labels by[i] (NULL: dim_name). values[i],
 * when not NULL, is the text the user gave for filter i (used when its code
 * is UINT32_MAX: a value the data does not have); otherwise the filter's
 * codes [lo, hi] are written as their labels. top > 0 adds a LIMIT (the
 * report folds the rest into "Other"; SQL leaves them out). */
char *sqlgen_report(const struct store *, const struct dim *by, int nby, const char *const *names,
    const struct filter *f, int nf, const char *const *values, enum metric m, int top);

#endif
