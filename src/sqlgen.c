/* sqlgen.c - a report as one SELECT over the focus table. Values are
 * quoted as SQL literals here because the text is for people to read and
 * paste (a warehouse, `focal sql`); nothing here runs it. */
#include "sqlgen.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

struct buf {
	char *p;
	size_t n, cap;
};

static void
put(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
put(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int need;
	va_start(ap, fmt);
	need = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (need < 0)
		return;
	if (b->n + (size_t)need + 1 > b->cap) {
		b->cap = (b->n + (size_t)need + 1) * 2;
		b->p = xreallocarray(b->p, b->cap, 1);
	}
	va_start(ap, fmt);
	vsnprintf(b->p + b->n, b->cap - b->n, fmt, ap);
	va_end(ap);
	b->n += (size_t)need;
}

/* s between quotes q, the quote doubled inside. */
static void
quoted(struct buf *b, const char *s, char q)
{
	put(b, "%c", q);
	for (; *s; s++)
		put(b, *s == q ? "%c%c" : "%c", *s, q);
	put(b, "%c", q);
}

static void
ident(struct buf *b, const char *s)
{
	quoted(b, s, '"');
}

static void
literal(struct buf *b, const char *s)
{
	quoted(b, s, '\'');
}

/* The text of the date column at a grain, as bucket_label writes it. */
static void
period_expr(struct buf *b, const char *col, enum grain g)
{
	switch (g) {
	case GRAIN_DAY:
		put(b, "substr(");
		ident(b, col);
		put(b, ", 1, 10)");
		break;
	case GRAIN_MONTH:
		put(b, "substr(");
		ident(b, col);
		put(b, ", 1, 7)");
		break;
	case GRAIN_QUARTER:
		put(b, "substr(");
		ident(b, col);
		put(b, ", 1, 4) || '-Q' || ((CAST(substr(");
		ident(b, col);
		put(b, ", 6, 2) AS INTEGER) + 2) / 3)");
		break;
	default:
		put(b, "substr(");
		ident(b, col);
		put(b, ", 1, 4)");
		break;
	}
}

/* The value of a dimension; NULL where the report says (null)/(untagged). */
static void
dim_expr(struct buf *b, const struct store *s, const struct dim *d)
{
	switch (d->type) {
	case DIM_COLUMN:
		ident(b, store_column_name(s, d->idx));
		break;
	case DIM_TAG: {
		/* focal keeps JSON true/false as the words, null as no tag */
		struct buf path = {0};
		put(&path, "$.");
		quoted(&path, store_tagkey(s, d->idx), '"');
		put(b, "CASE json_type(\"Tags\", ");
		literal(b, path.p);
		put(b, ") WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' ELSE json_extract(\"Tags\", ");
		literal(b, path.p);
		put(b, ") END");
		free(path.p);
		break;
	}
	case DIM_PERIOD:
	case DIM_BILLING_PERIOD:
		period_expr(b, store_column_name(s, d->idx), d->grain);
		break;
	case DIM_FILE:
		put(b, "\"file\"");
		break;
	}
}

static const char *
null_label(const struct dim *d)
{
	return d->type == DIM_TAG ? "(untagged)" : "(null)";
}

static void
filter_cond(struct buf *b, const struct store *s, const struct filter *f, const char *value)
{
	char lab[1024];
	if (f->lo == UINT32_MAX) {
		/* a value the data lacks: the condition stays, and matches nothing */
		dim_expr(b, s, &f->dim);
		put(b, " = ");
		literal(b, value ? value : "");
		return;
	}
	if (f->lo == CODE_NULL && f->hi == CODE_NULL) {
		dim_expr(b, s, &f->dim);
		put(b, " IS NULL");
		return;
	}
	dim_expr(b, s, &f->dim);
	if (f->lo == f->hi) {
		put(b, " = ");
		literal(b, dim_text(s, &f->dim, f->lo, lab, sizeof lab));
	} else if (f->dim.type == DIM_PERIOD || f->dim.type == DIM_BILLING_PERIOD) {
		put(b, " BETWEEN ");
		literal(b, dim_text(s, &f->dim, f->lo ? f->lo : 1, lab, sizeof lab));
		put(b, " AND ");
		literal(b, dim_text(s, &f->dim, f->hi, lab, sizeof lab));
	} else {
		put(b, " IN (");
		for (uint32_t c = f->lo ? f->lo : 1; c <= f->hi; c++) {
			put(b, c > (f->lo ? f->lo : 1) ? ", " : "");
			literal(b, dim_text(s, &f->dim, c, lab, sizeof lab));
		}
		put(b, ")");
	}
}

/* The condition of one filter; an excluding one keeps the rows whose value
 * is NULL unless the range holds NULL (code 0), as the engine reads it. */
static void
filter_sql(struct buf *b, const struct store *s, const struct filter *f, const char *value)
{
	if (!f->exclude) {
		filter_cond(b, s, f, value);
		return;
	}
	if (f->lo == CODE_NULL && f->hi == CODE_NULL) {
		dim_expr(b, s, &f->dim);
		put(b, " IS NOT NULL");
		return;
	}
	put(b, "(");
	dim_expr(b, s, &f->dim);
	put(b, f->lo == CODE_NULL ? " IS NOT NULL AND NOT (" : " IS NULL OR NOT (");
	filter_cond(b, s, f, value);
	put(b, "))");
}

static void
metric_sum(struct buf *b, const struct store *s, enum metric m)
{
	if (store_metric_column(s, m) < 0)
		put(b, "NULL");
	else {
		put(b, "sum(");
		ident(b, metric_name(m));
		put(b, ")");
	}
}

static void
unit_expr(struct buf *b, const struct store *s, enum metric m)
{
	const char *u = m == M_CONSUMED ? "ConsumedUnit" : "PricingUnit";
	if (store_find_column(s, u) < 0) {
		put(b, "NULL");
		return;
	}
	put(b, "CASE WHEN count(DISTINCT \"%s\") > 1 THEN '(mixed units)' ELSE max(\"%s\") END", u, u);
}

char *
sqlgen_report(const struct store *s, const struct dim *by, int nby, const char *const *names,
    const struct filter *f, int nf, const char *const *values, enum metric m, int top)
{
	struct buf b = {0};
	char name[300];
	put(&b, "SELECT ");
	for (int i = 0; i < nby; i++) {
		put(&b, "coalesce(");
		dim_expr(&b, s, &by[i]);
		put(&b, ", '%s') AS ", null_label(&by[i]));
		if (names && names[i])
			ident(&b, names[i]);
		else {
			dim_name(s, &by[i], name, sizeof name);
			ident(&b, name);
		}
		put(&b, ",\n       ");
	}
	for (int i = M_BILLED; i <= M_CONTRACTED; i++) {
		metric_sum(&b, s, (enum metric)i);
		put(&b, " AS \"%s\", ", metric_name((enum metric)i));
	}
	put(&b, "count(*) AS \"Rows\"");
	if (!metric_is_money(m)) {
		const char *u = m == M_CONSUMED ? "ConsumedUnit" : "PricingUnit";
		int unit_in_by = 0;
		for (int i = 0; i < nby; i++) {
			dim_name(s, &by[i], name, sizeof name);
			unit_in_by |= strcmp(name, u) == 0;
		}
		put(&b, ",\n       ");
		metric_sum(&b, s, m);
		put(&b, " AS \"%s\"", metric_name(m));
		if (!unit_in_by) {	/* as the CSV report: the unit is named once */
			put(&b, ", ");
			unit_expr(&b, s, m);
			put(&b, " AS \"%s\"", u);
		}
	}
	put(&b, "\nFROM focus");
	for (int i = 0; i < nf; i++) {
		put(&b, i ? "\n  AND " : "\nWHERE ");
		filter_sql(&b, s, &f[i], values ? values[i] : NULL);
	}
	if (nby) {
		put(&b, "\nGROUP BY ");
		for (int i = 0; i < nby; i++)
			put(&b, i ? ", %d" : "%d", i + 1);
		/* as the report: a period first is a series, in time order;
		 * CAST: a sum of more than 15 digits is exact TEXT, which
		 * would sort after every number */
		int series = top <= 0 && (by[0].type == DIM_PERIOD || by[0].type == DIM_BILLING_PERIOD);
		put(&b, series ? "\nORDER BY 1, CAST(" : "\nORDER BY CAST(");
		metric_sum(&b, s, m);
		put(&b, " AS REAL) DESC");
		for (int i = series; i < nby; i++)
			put(&b, ", %d", i + 1);
	}
	if (top > 0 && nby)
		put(&b, "\nLIMIT %d", top);
	put(&b, ";\n");
	return b.p;
}
