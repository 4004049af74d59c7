/* pivot.h - a second dimension as columns: rows are one dimension (the
 * explorer's level, or report --by), columns another (a period at a grain,
 * in time order, or any dimension in value order), each cell the exact sum
 * of one metric over the rows of that pair under the filters, with row and
 * column totals and a grand total that is the sum query_run gives for the
 * same filters. Columns (and rows, when asked) beyond a limit fold into one
 * "Other (k)" line: the latest periods stay, the largest values stay.
 * Curses-free; `focal report --pivot` and the explorer's P screen print
 * and draw what pivot_build holds, and write its CSV through pivot_csv.
 * The caller keeps one currency under the filters: money in different
 * BillingCurrency values is never added (see cmd_report.c, drill.h). */
#ifndef FOCAL_PIVOT_H
#define FOCAL_PIVOT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "period.h"
#include "query.h"
#include "report.h"
#include "store.h"

#define PIVOT_OTHER UINT32_MAX	/* the key of a folded line */

struct pivot {
	struct dim row, col;
	enum metric metric;
	size_t nrow, ncol;
	uint32_t *rkey, *ckey;		/* dimension codes; PIVOT_OTHER: the folded line */
	uint32_t rfolded, cfolded;	/* how many the Other line stands for (0: none) */
	money_t *cell;			/* [r * ncol + c] */
	unsigned char *has;		/* [r * ncol + c]: some row with a value sums into it */
	money_t *rtot, *ctot;		/* per row, per column */
	unsigned char *rhas, *chas;
	money_t total;			/* MONEY_NULL: the sum left the exact range */
	int has_total;
	uint64_t rows;			/* FOCUS rows under the filters */
	int64_t rfrom, rto, cfrom, cto;	/* the filters' window of time on row, col
					 * (period_window): a period it cuts is partial */
};

/* Groups the rows passing f by row and col, summing metric m. At most
 * max_rows rows and max_cols columns, the rest folded (0: no limit). */
void pivot_build(const struct store *, const struct dim *row, const struct dim *col, const struct filter *f, int nf,
    enum metric m, size_t max_rows, size_t max_cols, struct pivot *out);
void pivot_free(struct pivot *);

/* Labels of row r and column c ("Other (k)" for a folded line). */
const char *pivot_row_label(const struct store *, const struct pivot *, size_t r, char *buf, size_t n);
const char *pivot_col_label(const struct store *, const struct pivot *, size_t c, char *buf, size_t n);
/* "1 of 3 months" when column c (row r) is a period the rows cover in part, else NULL. */
const char *pivot_col_partial(const struct store *, const struct pivot *, size_t c, const struct coverage *,
    char *buf, size_t n);
const char *pivot_row_partial(const struct store *, const struct pivot *, size_t r, const struct coverage *,
    char *buf, size_t n);
int pivot_is_period(const struct dim *);

/* The pivot as CSV, quoted as `focal report --format csv`: the row
 * dimension's name, each column's label, Total; then a line per row and a
 * Total line. A cell without rows is empty. 0, or -1 (errno). */
int pivot_csv(FILE *, const struct store *, const struct pivot *, const char *row_name);
/* As a table for people (values as format_value writes them; a partial
 * period marked * with a note below) or JSON. 0, or -1 (errno). */
int pivot_print(FILE *, const struct store *, const struct pivot *, enum report_format, const char *row_name,
    const char *col_name, int ascii);

#endif
