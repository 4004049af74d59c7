/* wh_report.h - a report grouped in the warehouse: the request (dimensions,
 * filters, metric) compiled to one SELECT, its TSV answer read back into a
 * struct qresult, so that report.h prints it exactly as it prints a report
 * on the files.
 *
 * The printer labels a group's keys through a store: the answer comes with
 * a small store of its own (the label table), holding no rows, one
 * dictionary column per --by dimension ("by:0"...) with the labels the
 * server sent, the units, and the table's billing currencies (so that
 * store_currency() says the one currency as it does for the files). */
#ifndef FOCAL_WH_REPORT_H
#define FOCAL_WH_REPORT_H

#include <stdio.h>

#include "query.h"
#include "warehouse.h"

/* The table's columns (warehouse_columns). */
struct wh_table {
	char **names, **types;
	int n;
};

/* The longest tag key a warehouse report takes (quoted into its SQL). */
#define WH_TAG_KEY_MAX 200

/* A dimension of the warehouse table: type as in query.h; col the column
 * (DIM_COLUMN, the period's date-time column) or the tag key (DIM_TAG). */
struct wh_dim {
	enum dim_type type;
	char *col;
	enum grain grain;
	int is_date;	/* a date-time column grouped as a column */
	char *expr;	/* a computed dimension (focal's meter): its SQL, or NULL */
};

/* A --where: rows whose dim is (or, exclude, is not) value; for a period,
 * also compared (<, <=, >, >=) as the files' report compares it. */
struct wh_filter {
	struct wh_dim dim;
	char op[3];
	char *value;
};

/* Reads the table's columns; -1 with err when the table is missing or is
 * not FOCUS (has no ChargePeriodStart, BillingCurrency, or cost column). */
int wh_table_load(struct wh *, struct wh_table *, char *err, size_t errlen);
void wh_table_free(struct wh_table *);
int wh_table_has(const struct wh_table *, const char *name);	/* index, or -1 */

/* As dim_parse, over the table's columns. 0, or -1 with err. */
int wh_dim_parse(const struct wh_table *, const char *spec, enum grain dg, struct wh_dim *out, char *err,
    size_t errlen);
/* "DIM=VALUE" and the others, as cli_parse_where reads them. */
int wh_filter_parse(const struct wh_table *, const char *where, enum grain dg, struct wh_filter *out, char *err,
    size_t errlen);
void wh_dim_free(struct wh_dim *);

/* The distinct values of a text column (BillingCurrency, a unit), NULL
 * left out. -1 with err. */
int wh_distinct(struct wh *, const struct wh_table *, const char *col, const struct wh_filter *f, int nf,
    char ***values, int *n, char *err, size_t errlen);

/* The SELECT computing the groups (malloc'd). */
char *wh_report_sql(const struct wh *, const struct wh_table *, const struct wh_dim *by, int nby,
    const struct wh_filter *f, int nf);
/* The same, the rows also meeting cond (a SQL condition of the dialect;
 * NULL: none). */
char *wh_group_sql(const struct wh *, const struct wh_table *, const struct wh_dim *by, int nby,
    const struct wh_filter *f, int nf, const char *cond);
/* The label expression of a dimension (as the groups' keys are written). */
char *wh_dim_expr(const struct wh_dialect *, const struct wh_dim *, char *buf, size_t n);
/* What the table's rows span, as period_coverage reads loaded rows. 0, or
 * -1 with err. */
struct coverage;
int wh_table_coverage(struct wh *, const struct wh_table *, struct coverage *, char *err, size_t errlen);

/* Runs it: *labels (a new store, to be freed, knowing the table's
 * currencies[ncur]) and out as query_run fills them (groups unsorted; the
 * total added up exactly from the groups). 0, or -1 with err. */
int wh_report_run(struct wh *, const struct wh_table *, const struct wh_dim *by, int nby,
    const struct wh_filter *f, int nf, char *const *currencies, int ncur, struct store **labels,
    struct qresult *out, char *err, size_t errlen);

/* Reads wh_report_run's answer (TSV, cut up in place): *labels and out as
 * wh_report_run fills them. 0, or -1 at the first row that is not the
 * fields wh_report_sql selects (the rows before it stay). */
int wh_report_read(char *text, const struct wh_dim *by, int nby, char *const *currencies, int ncur,
    struct store **labels, struct qresult *out);

/* A period of a --by dimension shown (one the rows passing f have) that
 * the table's rows or f's window cover only in part (a month to date, a
 * quarter holding one month, one --where period>2026-08-15 cuts), said on
 * out as the report on files says it. 0, or -1 with err. */
int wh_partial_notes(struct wh *, const struct wh_table *, const struct wh_dim *by, int nby,
    const struct wh_filter *f, int nf, FILE *out, char *err, size_t errlen);

#endif
