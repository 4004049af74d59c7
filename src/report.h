/* report.h - printing query results as a table, CSV or JSON. */
#ifndef FOCAL_REPORT_H
#define FOCAL_REPORT_H

#include <stdio.h>

#include "compare.h"
#include "query.h"

enum report_format { FMT_TABLE, FMT_CSV, FMT_JSON };

struct report_opts {
	enum report_format format;
	enum metric metric;
	int ascii;
	const char *const *by_names;	/* dimension names as the user gave them */
	int unit_in_by;	/* CSV: the unit is a --by column; no trailing unit column */
	int split_first;	/* CSV: by[0] is the currency (unit) added to --by, 1 */
	const char *currency;	/* the one currency of the rows shown, when the store has more */
	/* --compare: the ranges' filters and how they read */
	const struct filter *cmp_prev, *cmp_cur;
	const char *cmp_labels[2];	/* "2026-04-01..2026-06-30" previous, current */
	const char *cmp_days[4];	/* their first and last days */
	enum cmp_sort cmp_sort;
	int cmp_reverse;
};

/* Returns 0, or -1 if writing failed (errno set). */
int report_print(FILE *out, const struct store *, const struct qresult *, const struct report_opts *);
/* The start of a JSON report: {"by":[...],"metric":...,"currency":... */
void report_json_head(FILE *out, const char *currency, const char *const *names, int nby, enum metric m);
/* The currency of the figures: o's, else the store's one, else NULL. */
const char *report_currency(const struct store *, const struct report_opts *o);
/* The same for a comparison (compare.h). */
int report_compare_print(FILE *out, const struct store *, const struct cmp_result *, const struct report_opts *);
int report_format_parse(const char *s);	/* -1 if unknown */

/* Money for people: currency, thousands separators, cents. */
void report_money(const struct store *, money_t v, char *buf, size_t n);
/* Label of group g's i-th key (handles "Other (n)"). */
const char *report_label(const struct store *, const struct qresult *, const struct qgroup *g, int i,
    char *buf, size_t n);

#endif
