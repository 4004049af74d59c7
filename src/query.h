/* query.h - drill-down aggregation over the store: group by dimensions under
 * filters, with exact sums. The explorer and `focal report` both call this,
 * so a number on screen and a number in a report come from one function. */
#ifndef FOCAL_QUERY_H
#define FOCAL_QUERY_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"

enum dim_type {
	DIM_COLUMN,		/* a column of the data, or focal's `meter` */
	DIM_TAG,		/* tag:KEY */
	DIM_PERIOD,		/* ChargePeriodStart at a grain */
	DIM_BILLING_PERIOD,	/* BillingPeriodStart at a grain */
	DIM_FILE,		/* the source file */
};

enum grain { GRAIN_DAY, GRAIN_MONTH, GRAIN_QUARTER, GRAIN_YEAR, GRAIN_COUNT };

struct dim {
	enum dim_type type;
	int idx;		/* column or tag key */
	enum grain grain;
};

#define QUERY_MAX_BY 4

/* Rows whose value code for dim lies in [lo, hi]; with exclude, the rows
 * whose code lies outside it (a NULL value is outside any range of values,
 * so `ChargeCategory != Tax` keeps the rows without a category). */
struct filter {
	struct dim dim;
	uint32_t lo, hi;
	int exclude;
	/* a period asked for (--range, --from, --where period>=2026-07): the
	 * window of time [from, to) it stands for, DATE_NULL an open end
	 * (period.c tells a period the window cuts); timed 0: none */
	int timed;
	int64_t from, to;
};

struct qgroup {
	uint32_t key[QUERY_MAX_BY];
	money_t sum[M_COUNT];
	uint64_t nn[M_COUNT];	/* non-NULL values summed */
	uint64_t rows;
	uint32_t unit[2];	/* ConsumedUnit, PricingUnit: CODE_NULL none, UINT32_MAX mixed */
	uint32_t folded;	/* > 0: an "Other" row standing for this many groups */
};

struct qresult {
	int nby;
	struct dim by[QUERY_MAX_BY];
	struct qgroup *g;
	size_t n;
	struct qgroup total;
};

const char *grain_name(enum grain g);
int grain_parse(const char *s);	/* -1 if unknown */

/* Parses "ServiceName", "meter", "tag:area", "period", "period:quarter",
 * "billing-period", "file". Returns 0, or -1 with a message in err. */
int dim_parse(const struct store *, const char *spec, enum grain default_grain, struct dim *out,
    char *err, size_t errlen);
/* 0, then the codes 1..n of dimension d in the order of their labels
 * (malloc'd, n + 1 of them): the sections of a report by currency or unit. */
uint32_t *dim_sorted_codes(const struct store *, const struct dim *, uint32_t n);
/* The name a user types for it (as dim_parse reads it back). */
void dim_name(const struct store *, const struct dim *, char *buf, size_t n);
/* Every dimension available in the loaded data, in a sensible order. */
size_t dim_list(const struct store *, enum grain grain, struct dim **out);
int dim_equal(const struct dim *a, const struct dim *b);

/* Label of a value code; "(null)", "(untagged)" for the empty ones. */
const char *dim_label(const struct store *, const struct dim *, uint32_t code, char *buf, size_t n);
/* The same label whole: the stored text itself (a value, tag value or file
 * of any length), or buf for a period's label. What a report or SQL writes
 * (dim_label's copy cut a value of 1 KiB or more in CSV and JSON). */
const char *dim_text(const struct store *, const struct dim *, uint32_t code, char *buf, size_t n);
/* Code of a value given as text (the label); -1 if the data has no such value. */
int dim_lookup(const struct store *, const struct dim *, const char *value, uint32_t *code);
uint32_t dim_ncodes(const struct store *, const struct dim *);
/* How many values (not NULL) it takes in the data: dim_ncodes - 1, or
 * the engine's count when the rows are elsewhere. */
uint32_t dim_nvalues(const struct store *, const struct dim *);

/* Aggregates the rows passing every filter, grouped by `by` (nby may be 0). */
void query_run(const struct store *, const struct dim *by, int nby, const struct filter *f, int nf,
    struct qresult *out);
/* The same, summing one metric (and its unit) only: every other metric is
 * absent (nn 0). The explorer shows one metric at a time, and at 10M rows
 * reading all six 16-byte columns was most of a drill step. */
void query_run_metric(const struct store *, const struct dim *by, int nby, const struct filter *f, int nf,
    enum metric only, struct qresult *out);
void qresult_free(struct qresult *);

/* query_run_metric a stretch of rows at a time, for work done between keys:
 * query_begin sets the pass up (it never makes a remembered selection from
 * every row, a pass of its own); each query_step reads up to npos more
 * positions of it and returns 1 once every row is read; query_end
 * finishes what is left and gives the result, equal to query_run_metric's;
 * query_job_free drops a job unfinished. With a warehouse engine the steps
 * do nothing and query_end makes the one request. */
struct query_job;
struct query_job *query_begin(const struct store *, const struct dim *by, int nby, const struct filter *f, int nf,
    enum metric only);
int query_step(struct query_job *, size_t npos);
void query_end(struct query_job *, struct qresult *out);
void query_job_free(struct query_job *);

/* QSORT_FIRST: the dimensions up to the first period (the first one if
 * none) in name order, a period in time order: a report by month reads as
 * a series; then by value within. */
enum qsort_key { QSORT_VALUE, QSORT_NAME, QSORT_ROWS, QSORT_FIRST };
void qresult_sort(const struct store *, struct qresult *, enum metric m, enum qsort_key key, int reverse);
/* Keeps the first n groups and folds the rest into one "Other (k)" group. */
void qresult_top(struct qresult *, size_t n);

/* Sums of metric m per group (of r, which must come from the same filters)
 * and per period of `grain`, for the groups [0, ngroups). series[g*nperiods+p]. */
struct qseries {
	size_t ngroups, nperiods;
	uint32_t first;		/* period code of column 0 */
	money_t *v;
};
void query_series(const struct store *, const struct qresult *r, size_t ngroups, const struct filter *f,
    int nf, enum metric m, const struct dim *period, struct qseries *out);
void qseries_free(struct qseries *);

/* Rows behind a set of filters: fills up to `limit` row indices from `offset`;
 * returns how many rows match in all. */
size_t query_rows(const struct store *, const struct filter *f, int nf, size_t offset, size_t limit,
    size_t *rows);

/* The text of one cell of a row (NULL cell: returns NULL). */
const char *store_cell(const struct store *, size_t row, int col, char *buf, size_t n);

/* Another engine answering the store's queries (a SQL warehouse: wh_engine.h).
 * A store with an engine holds the labels (dictionaries, tag keys, periods)
 * and no rows; query_run, query_run_metric, query_series, query_rows and
 * period_coverage ask the engine instead of scanning, so that the explorer
 * and every caller above this interface work unchanged. An engine that
 * fails answers with nothing (an empty result) and keeps the reason, which
 * query_engine_error hands over once. */
struct coverage;
struct upfront;
struct store_engine {
	const char *name;	/* "ClickHouse" */
	void (*run)(void *ctx, const struct store *, const struct dim *by, int nby, const struct filter *f,
	    int nf, struct qresult *out);
	void (*series)(void *ctx, const struct store *, const struct qresult *r, size_t ngroups,
	    const struct filter *f, int nf, enum metric m, const struct dim *period, struct qseries *out);
	size_t (*rows)(void *ctx, const struct store *, const struct filter *f, int nf);
	void (*coverage)(void *ctx, const struct store *, struct coverage *out);
	/* upfront.h's upfront_find */
	void (*upfront)(void *ctx, const struct store *, const struct filter *f, int nf, enum metric m,
	    struct upfront *out);
	/* how many values (not NULL) a dimension takes in all */
	uint32_t (*nvalues)(void *ctx, const struct store *, const struct dim *);
	const char *(*error)(void *ctx);	/* the last failure (cleared), or NULL */
	void (*free)(void *ctx);
};
/* The store owns ctx from here (engine->free at store_free). */
void store_set_engine(struct store *, const struct store_engine *, void *ctx);
const struct store_engine *store_engine(const struct store *, void **ctx);
/* Why the engine's last answer was empty (once), or NULL. */
const char *query_engine_error(const struct store *);

/* Passes under filters remember the rows they select in stores of n rows
 * or more (query_sel.c; default 262144); those remembered stay. Returns
 * the previous n. For tests: n = 0 makes every store use them, SIZE_MAX none. */
size_t query_sel_min_rows(size_t n);
/* How many selections were made (from_parent: from the level above's), and
 * how many passes used one, since the start. */
void query_sel_stats(unsigned long *built, unsigned long *from_parent, unsigned long *used);
/* Makes the selection of f[nf] now if it is worth one (selective, a big
 * store, not a warehouse's), rather than at the second pass under them:
 * for the explorer's idle time after a level's first pass. */
void query_prepare(const struct store *, const struct filter *f, int nf);

#endif
