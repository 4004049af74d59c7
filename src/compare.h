/* compare.h - per group, a metric over a previous range and a current one
 * (range.h says which), the change in money and in percent. `focal report
 * --compare` prints it; curses-free, unit-tested (tests/test_compare.c). */
#ifndef FOCAL_COMPARE_H
#define FOCAL_COMPARE_H

#include <stddef.h>
#include <stdint.h>

#include "query.h"

struct cmp_group {
	uint32_t key[QUERY_MAX_BY];
	money_t prev, cur;	/* MONEY_NULL: the sum overflowed */
	uint64_t nprev, ncur;	/* non-NULL values summed in each range */
	uint32_t folded;	/* > 0: "Other (k)" */
};

struct cmp_result {
	int nby;
	struct dim by[QUERY_MAX_BY];
	enum metric metric;
	struct cmp_group *g;
	size_t n;
	struct cmp_group total;
};

/* Groups of the rows passing f (nf filters) by `by`, summing metric m over
 * the rows that pass prev and over those that pass cur. */
void compare_run(const struct store *, const struct dim *by, int nby, const struct filter *f, int nf,
    const struct filter *prev, const struct filter *cur, enum metric m, struct cmp_result *out);
void compare_free(struct cmp_result *);

/* cur - prev (MONEY_NULL when either overflowed). */
money_t compare_change(const struct cmp_group *);
/* The change in tenths of a percent of |prev|; 0 with *ok = 0 when there
 * is none (prev 0: a new line). */
long long compare_pct(const struct cmp_group *, int *ok);

/* CMP_CHANGE and CMP_PCT rank by size, largest movers first, whichever the
 * direction: a $30,000 drop before a $3 line that tripled. */
enum cmp_sort { CMP_CURRENT, CMP_PREVIOUS, CMP_CHANGE, CMP_PCT, CMP_NAME, CMP_SORT_COUNT };
int compare_sort_parse(const char *);	/* -1 if unknown */
void compare_sort(const struct store *, struct cmp_result *, enum cmp_sort, int reverse);
/* Keeps the first n groups and folds the rest into one "Other (k)". */
void compare_top(struct cmp_result *, size_t n);

#endif
