/* wh_report.c - a report grouped in the warehouse, read back into a
 * struct qresult (wh_report.h). */
#include "wh_report.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "period.h"
#include "range.h"
#include "store.h"
#include "xmalloc.h"

/* What a FOCUS table has, whoever filled it. */
static const char *const required[] = {"ChargePeriodStart", "BillingCurrency", "BilledCost", "EffectiveCost"};

int
wh_table_has(const struct wh_table *t, const char *name)
{
	for (int i = 0; i < t->n; i++)
		if (strcmp(t->names[i], name) == 0)
			return i;
	for (int i = 0; i < t->n; i++)
		if (strcasecmp(t->names[i], name) == 0)
			return i;
	return -1;
}

int
wh_table_load(struct wh *w, struct wh_table *t, char *err, size_t errlen)
{
	memset(t, 0, sizeof *t);
	if (warehouse_columns(w, &t->names, &t->types, &t->n, err, errlen) != 0)
		return -1;
	for (size_t i = 0; i < sizeof required / sizeof *required; i++)
		if (wh_table_has(t, required[i]) < 0) {
			snprintf(err, errlen, "%s: %s.%s is not a FOCUS table: it has no column %s (focal push --create "
			    "makes one)", w->url, w->db, w->table, required[i]);
			wh_table_free(t);
			return -1;
		}
	/* money is added exactly or not at all */
	for (int m = 0; m < M_COUNT; m++) {
		int c = wh_table_has(t, metric_name((enum metric)m));
		if (c >= 0 && strstr(t->types[c], "Decimal") == NULL) {
			snprintf(err, errlen, "%s: column %s is %s: focal adds %s exactly, from a Decimal column only",
			    w->url, t->names[c], t->types[c], metric_is_money((enum metric)m) ? "money" : "quantities");
			wh_table_free(t);
			return -1;
		}
	}
	return 0;
}

void
wh_table_free(struct wh_table *t)
{
	warehouse_free_list(t->names, t->n);
	warehouse_free_list(t->types, t->n);
	memset(t, 0, sizeof *t);
}

void
wh_dim_free(struct wh_dim *d)
{
	free(d->col);
	free(d->expr);
	d->col = NULL;
	d->expr = NULL;
}

static int
column_dim(const struct wh_table *t, const char *name, struct wh_dim *out, char *err, size_t errlen)
{
	int c = wh_table_has(t, name);
	if (c < 0) {
		snprintf(err, errlen, "no column '%s' in the table", name);
		return -1;
	}
	if (metric_find(t->names[c]) >= 0) {
		snprintf(err, errlen, "'%s' is a metric, not a dimension (use --metric)", name);
		return -1;
	}
	out->type = DIM_COLUMN;
	out->col = xstrdup(t->names[c]);
	out->is_date = strstr(t->types[c], "DateTime") != NULL;
	return 0;
}

int
wh_dim_parse(const struct wh_table *t, const char *spec, enum grain dg, struct wh_dim *out, char *err,
    size_t errlen)
{
	const char *colon = strchr(spec, ':'), *pcol;
	memset(out, 0, sizeof *out);
	out->grain = dg;
	if (strncasecmp(spec, "column:", 7) == 0)
		return column_dim(t, spec + 7, out, err, errlen);
	if (strncasecmp(spec, "tag:", 4) == 0) {
		if (wh_table_has(t, "Tags") < 0 || spec[4] == '\0') {
			snprintf(err, errlen, spec[4] ? "the table has no Tags column" : "tag: wants a key (tag:area)");
			return -1;
		}
		if (strlen(spec + 4) > WH_TAG_KEY_MAX) {
			/* the key is quoted into buffers of the SQL built for it */
			snprintf(err, errlen, "a tag key longer than %d bytes (%zu)", WH_TAG_KEY_MAX, strlen(spec + 4));
			return -1;
		}
		out->type = DIM_TAG;
		out->col = xstrdup(spec + 4);
		return 0;
	}
	if (!strncasecmp(spec, "period", 6) && (spec[6] == '\0' || spec[6] == ':')) {
		out->type = DIM_PERIOD;
		pcol = "ChargePeriodStart";
	} else if (!strncasecmp(spec, "billing-period", 14) && (spec[14] == '\0' || spec[14] == ':')) {
		out->type = DIM_BILLING_PERIOD;
		pcol = "BillingPeriodStart";
	} else if (!strcasecmp(spec, "file")) {
		snprintf(err, errlen, "the warehouse table does not keep the source file (focal push leaves it out)");
		return -1;
	} else
		return column_dim(t, spec, out, err, errlen);
	if (colon) {
		int g = grain_parse(colon + 1);
		if (g < 0) {
			snprintf(err, errlen, "unknown period grain '%s' (day, month, quarter, year)", colon + 1);
			return -1;
		}
		out->grain = (enum grain)g;
	}
	if (wh_table_has(t, pcol) < 0) {
		snprintf(err, errlen, "the table has no %s column", pcol);
		return -1;
	}
	out->col = xstrdup(t->names[wh_table_has(t, pcol)]);
	return 0;
}

int
wh_filter_parse(const struct wh_table *t, const char *w, enum grain dg, struct wh_filter *out, char *err,
    size_t errlen)
{
	const char *op = w + strcspn(w, "!<>=");
	size_t oplen = (op[0] && op[0] != '=' && op[1] == '=') ? 2 : 1;
	char *spec, why[512];
	int64_t a, b;
	int rc;

	memset(out, 0, sizeof *out);
	if (*op == '\0' || op == w || (op[0] == '!' && oplen == 1)) {
		snprintf(err, errlen, "--where '%s': expected DIM=VALUE, DIM!=VALUE, or a period compared: "
		    "period>=2026-07 (<, <=, >, >=)", w);
		return -1;
	}
	spec = xstrndup(w, (size_t)(op - w));	/* all of it: a cut tag key is another key (fuzz_wh_sql) */
	snprintf(out->op, sizeof out->op, "%.*s", (int)oplen, op);
	rc = wh_dim_parse(t, spec, dg, &out->dim, why, sizeof why);
	free(spec);
	if (rc != 0) {
		snprintf(err, errlen, "--where %s: %s", w, why);
		return -1;
	}
	out->value = xstrdup(op + oplen);
	if (out->dim.type != DIM_PERIOD && out->dim.type != DIM_BILLING_PERIOD) {
		if (strcmp(out->op, "=") == 0 || strcmp(out->op, "!=") == 0)
			return 0;
		snprintf(err, errlen, "--where %s: only a period is compared with <, <=, > or >=", w);
	} else if (!strcmp(out->value, "(null)") && out->op[1] == '\0' ? 1 :
	    period_parse(out->value, NULL, &a, &b) == 0)
		return 0;
	else
		snprintf(err, errlen, "--where %s: '%s': expected a period: 2026, 2026-Q3, 2026-07 or 2026-07-15", w,
		    out->value);
	wh_dim_free(&out->dim);
	free(out->value);
	out->value = NULL;
	return -1;
}

/* ---- SQL ---- */

/* The label expression of a dimension. */
char *
wh_dim_expr(const struct wh_dialect *d, const struct wh_dim *dim, char *buf, size_t n)
{
	char q[600];
	if (dim->expr) {
		snprintf(buf, n, "%s", dim->expr);
		return buf;
	}
	switch (dim->type) {
	case DIM_TAG:
		return d->tag(d->ident("Tags", q, sizeof q), dim->col, buf, n);
	case DIM_PERIOD:
	case DIM_BILLING_PERIOD:
		return d->period(d->ident(dim->col, q, sizeof q), dim->grain, buf, n);
	default:
		d->ident(dim->col, q, sizeof q);
		return dim->is_date ? d->date_label(q, buf, n) : d->text(q, buf, n);
	}
}

static void
filter_period(const struct wh_dialect *d, const struct wh_filter *f, struct wh_buf *b)
{
	char col[600], x[700], y[700];
	int64_t start, end;
	const char *op = f->op;
	d->ident(f->dim.col, col, sizeof col);
	if (strcmp(f->value, "(null)") == 0) {
		snprintf(x, sizeof x, op[0] == '=' ? "isNull(%s)" : "isNotNull(%s)", col);
		wh_buf_str(b, x);
		return;
	}
	period_parse(f->value, NULL, &start, &end);
	if (!strcmp(op, "=") || !strcmp(op, "!=")) {
		wh_buf_str(b, op[0] == '!' ? "NOT ifNull(" : "(");
		wh_buf_str(b, d->date_cmp(col, ">=", start, x, sizeof x));
		wh_buf_str(b, " AND ");
		wh_buf_str(b, d->date_cmp(col, "<", end, y, sizeof y));
		wh_buf_str(b, op[0] == '!' ? ", 0)" : ")");
	} else if (!strcmp(op, ">="))
		wh_buf_str(b, d->date_cmp(col, ">=", start, x, sizeof x));
	else if (!strcmp(op, ">"))
		wh_buf_str(b, d->date_cmp(col, ">=", end, x, sizeof x));
	else if (!strcmp(op, "<"))
		wh_buf_str(b, d->date_cmp(col, "<", start, x, sizeof x));
	else
		wh_buf_str(b, d->date_cmp(col, "<", end, x, sizeof x));
}

/* One filter; a NULL value is outside any value, so != keeps it. */
static void
filter_expr(const struct wh_dialect *d, const struct wh_filter *f, struct wh_buf *b)
{
	char e[2048], *lit;
	size_t n = strlen(f->value) * 2 + 8;	/* every byte escaped, the quotes */
	int excl = f->op[0] == '!';
	if (f->dim.type == DIM_PERIOD || f->dim.type == DIM_BILLING_PERIOD) {
		filter_period(d, f, b);
		return;
	}
	wh_dim_expr(d, &f->dim, e, sizeof e);
	if (!strcmp(f->value, f->dim.type == DIM_TAG ? "(untagged)" : "(null)")) {
		wh_buf_str(b, excl ? "isNotNull(" : "isNull(");
		wh_buf_str(b, e);
		wh_buf_str(b, ")");
		return;
	}
	wh_buf_str(b, excl ? "NOT ifNull(" : "(");
	wh_buf_str(b, e);
	wh_buf_str(b, " = ");
	lit = xmalloc(n);
	wh_buf_str(b, d->literal(f->value, lit, n));
	free(lit);
	wh_buf_str(b, excl ? ", 0)" : ")");
}

/* FROM the table WHERE the filters (and cond, a condition, when not NULL) */
static void
from_where_cond(const struct wh *w, const struct wh_filter *f, int nf, const char *cond, struct wh_buf *b)
{
	char q[600];
	wh_buf_str(b, " FROM ");
	wh_buf_str(b, w->d->ident(w->db, q, sizeof q));
	wh_buf_str(b, ".");
	wh_buf_str(b, w->d->ident(w->table, q, sizeof q));
	for (int i = 0; i < nf; i++) {
		wh_buf_str(b, i ? " AND " : " WHERE ");
		filter_expr(w->d, &f[i], b);
	}
	if (cond && *cond) {
		wh_buf_str(b, nf ? " AND (" : " WHERE (");
		wh_buf_str(b, cond);
		wh_buf_str(b, ")");
	}
}

static void
from_where(const struct wh *w, const struct wh_filter *f, int nf, struct wh_buf *b)
{
	from_where_cond(w, f, nf, NULL, b);
}

static const char *const unit_cols[2] = {"ConsumedUnit", "PricingUnit"};

char *
wh_report_sql(const struct wh *w, const struct wh_table *t, const struct wh_dim *by, int nby,
    const struct wh_filter *f, int nf)
{
	return wh_group_sql(w, t, by, nby, f, nf, NULL);
}

char *
wh_group_sql(const struct wh *w, const struct wh_table *t, const struct wh_dim *by, int nby,
    const struct wh_filter *f, int nf, const char *cond)
{
	const struct wh_dialect *d = w->d;
	struct wh_buf b = {NULL, 0, 0};
	char e[2048], q[600], k[32];

	wh_buf_str(&b, "SELECT ");
	for (int i = 0; i < nby; i++) {
		snprintf(k, sizeof k, "k%d", i);
		wh_buf_str(&b, wh_dim_expr(d, &by[i], e, sizeof e));
		wh_buf_str(&b, " AS ");
		wh_buf_str(&b, k);
		wh_buf_str(&b, ", ");
	}
	for (int m = 0; m < M_COUNT; m++) {
		int c = wh_table_has(t, metric_name((enum metric)m));
		if (c < 0) {
			wh_buf_str(&b, "NULL, 0, ");
			continue;
		}
		d->ident(t->names[c], q, sizeof q);
		wh_buf_str(&b, d->sum(q, e, sizeof e));
		snprintf(e, sizeof e, ", count(%s), ", q);
		wh_buf_str(&b, e);
	}
	wh_buf_str(&b, "count()");
	for (int u = 0; u < 2; u++) {
		int c = wh_table_has(t, unit_cols[u]);
		char x[700];
		if (c < 0) {
			wh_buf_str(&b, ", 0, NULL");
			continue;
		}
		d->text(d->ident(t->names[c], q, sizeof q), x, sizeof x);
		snprintf(e, sizeof e, ", uniqExact(%s), any(%s)", x, x);
		wh_buf_str(&b, e);
	}
	from_where_cond(w, f, nf, cond, &b);
	for (int i = 0; i < nby; i++) {
		snprintf(k, sizeof k, "%sk%d", i ? ", " : " GROUP BY ", i);
		wh_buf_str(&b, k);
	}
	wh_buf_str(&b, d->select_format);
	return b.p;
}

/* The distinct labels of an expression, NULL left out, in order. */
static int
distinct_of(struct wh *w, const char *expr, const struct wh_filter *f, int nf, char ***values, int *n, char *err,
    size_t errlen)
{
	struct wh_buf b = {NULL, 0, 0};
	char *text, *p, *fl[1];
	int k, rc;

	*values = NULL;
	*n = 0;
	wh_buf_str(&b, "SELECT DISTINCT ");
	wh_buf_str(&b, expr);
	wh_buf_str(&b, " AS v");
	from_where(w, f, nf, &b);
	wh_buf_str(&b, " ORDER BY v");
	wh_buf_str(&b, w->d->select_format);
	rc = warehouse_exec(w, b.p, NULL, 0, &text, err, errlen);
	free(b.p);
	if (rc != 0)
		return -1;
	p = text;
	while ((k = warehouse_tsv_row(&p, fl, 1)) >= 0)
		if (k == 1 && fl[0]) {
			*values = xreallocarray(*values, (size_t)*n + 1, sizeof **values);
			(*values)[(*n)++] = xstrdup(fl[0]);
		}
	free(text);
	return 0;
}

int
wh_distinct(struct wh *w, const struct wh_table *t, const char *col, const struct wh_filter *f, int nf,
    char ***values, int *n, char *err, size_t errlen)
{
	char q[600], e[700];
	int c = wh_table_has(t, col);
	*values = NULL;
	*n = 0;
	if (c < 0)
		return 0;
	return distinct_of(w, w->d->text(w->d->ident(t->names[c], q, sizeof q), e, sizeof e), f, nf, values, n, err,
	    errlen);
}

/* The distinct labels of a dimension over the rows passing f. */
static int
distinct_expr(struct wh *w, const struct wh_dim *dim, const struct wh_filter *f, int nf, char ***values, int *n,
    char *err, size_t errlen)
{
	char e[2048];
	return distinct_of(w, wh_dim_expr(w->d, dim, e, sizeof e), f, nf, values, n, err, errlen);
}

/* ---- the answer ---- */

#define ROW_FIELDS(nby) ((nby) + 2 * M_COUNT + 1 + 4)

static void
merge_unit(uint32_t *into, uint32_t u)
{
	if (u != CODE_NULL && *into != u)
		*into = *into == CODE_NULL ? u : UINT32_MAX;
}

static int
parse_count(const char *s, uint64_t *out)
{
	char *end;
	if (s == NULL || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	*out = strtoull(s, &end, 10);
	return *end || errno == ERANGE ? -1 : 0;	/* a count past 2^64 is refused, not capped */
}

/* One TSV row of wh_report_sql's answer into g. 0, or -1 (malformed). */
static int
read_group(struct store *ls, const int *kcol, const int *ucol, const struct wh_dim *by, int nby, char **fl,
    struct qgroup *g)
{
	memset(g, 0, sizeof *g);
	for (int i = 0; i < nby; i++) {
		const char *l = fl[i] ? fl[i] : by[i].type == DIM_TAG ? "(untagged)" : NULL;
		int isnew;
		g->key[i] = l ? store_intern(ls, kcol[i], l, strlen(l), &isnew) : CODE_NULL;
	}
	fl += nby;
	for (int m = 0; m < M_COUNT; m++, fl += 2) {
		unsigned dev = 0;
		int rc = fl[0] ? money_parse(fl[0], strlen(fl[0]), &g->sum[m], &dev) : 0;
		if (!fl[0])
			g->sum[m] = 0;
		if (rc == -2)
			g->sum[m] = MONEY_NULL;	/* out of the exact range: said as overflow */
		else if (rc != 0 || parse_count(fl[1], &g->nn[m]) != 0)
			return -1;
	}
	if (parse_count(fl[0], &g->rows) != 0)
		return -1;
	fl++;
	for (int u = 0; u < 2; u++, fl += 2) {
		uint64_t n;
		int isnew;
		/* uniqExact over NULLs only is NULL in ClickHouse */
		if (fl[0] == NULL)
			n = 0;
		else if (parse_count(fl[0], &n) != 0)
			return -1;
		g->unit[u] = n == 0 || !fl[1] ? CODE_NULL : n > 1 ? UINT32_MAX :
		    store_intern(ls, ucol[u], fl[1], strlen(fl[1]), &isnew);
	}
	return 0;
}

static void
add_total(struct qgroup *t, const struct qgroup *g)
{
	for (int m = 0; m < M_COUNT; m++) {
		t->sum[m] = money_add(t->sum[m], g->sum[m]);
		t->nn[m] += g->nn[m];
	}
	t->rows += g->rows;
	merge_unit(&t->unit[0], g->unit[0]);
	merge_unit(&t->unit[1], g->unit[1]);
}

/* The label table: a column per dimension, the units, the currencies. */
static struct store *
label_store(int nby, char *const *currencies, int ncur, int *kcol, int *ucol)
{
	struct store *ls = store_new();
	int cur, isnew;
	for (int i = 0; i < nby; i++) {
		char name[16];
		snprintf(name, sizeof name, "by:%d", i);
		kcol[i] = store_column(ls, name, FC_CUSTOM, COL_DIM);
	}
	for (int u = 0; u < 2; u++)
		ucol[u] = store_column(ls, unit_cols[u], FC_CUSTOM, COL_DIM);
	cur = store_column(ls, "BillingCurrency", FC_CUSTOM, COL_DIM);
	for (int i = 0; i < ncur; i++)
		store_intern(ls, cur, currencies[i], strlen(currencies[i]), &isnew);
	return ls;
}

int
wh_report_read(char *text, const struct wh_dim *by, int nby, char *const *currencies, int ncur,
    struct store **labels, struct qresult *out)
{
	char *p = text, *fl[ROW_FIELDS(QUERY_MAX_BY)];
	int kcol[QUERY_MAX_BY], ucol[2], k, rc = 0;
	size_t cap = 0;

	memset(out, 0, sizeof *out);
	*labels = label_store(nby, currencies, ncur, kcol, ucol);
	out->nby = nby;
	for (int i = 0; i < nby; i++)
		out->by[i] = (struct dim){DIM_COLUMN, kcol[i], by[i].grain};
	while (rc == 0 && (k = warehouse_tsv_row(&p, fl, ROW_FIELDS(nby))) >= 0) {
		if (k != ROW_FIELDS(nby)) {
			rc = -1;
			break;
		}
		if (out->n == cap) {
			cap = cap ? cap * 2 : 64;
			out->g = xreallocarray(out->g, cap, sizeof *out->g);
		}
		rc = read_group(*labels, kcol, ucol, by, nby, fl, &out->g[out->n]);
		if (rc == 0)
			add_total(&out->total, &out->g[out->n++]);
	}
	store_finish(*labels, NULL, 0);
	return rc;
}

int
wh_report_run(struct wh *w, const struct wh_table *t, const struct wh_dim *by, int nby, const struct wh_filter *f,
    int nf, char *const *currencies, int ncur, struct store **labels, struct qresult *out, char *err,
    size_t errlen)
{
	char *sql = wh_report_sql(w, t, by, nby, f, nf), *text;
	int rc;

	memset(out, 0, sizeof *out);
	*labels = NULL;
	rc = warehouse_exec(w, sql, NULL, 0, &text, err, errlen);
	free(sql);
	if (rc != 0)
		return -1;
	if ((rc = wh_report_read(text, by, nby, currencies, ncur, labels, out)) != 0)
		snprintf(err, errlen, "%s: unexpected answer from the server (expected %d tab-separated fields a row)",
		    w->url, ROW_FIELDS(nby));
	free(text);
	return rc;
}

/* ---- partial periods ---- */

/* A field of epoch seconds, or DATE_NULL (\N, or not a number). */
static int64_t
tsv_epoch(const char *f)
{
	char *end;
	long long v;
	if (f == NULL)
		return DATE_NULL;
	v = strtoll(f, &end, 10);
	return *f && *end == '\0' ? (int64_t)v : DATE_NULL;
}

/* The slack of the table's fine rows (period_fine_slack): the days their
 * ChargePeriodStart falls on, a few thousand at most. */
static int
table_slack(struct wh *w, const char *s, const char *e, int64_t *slack, char *err, size_t errlen)
{
	char q[6144], **v;
	int64_t *days;
	int n;
	snprintf(q, sizeof q, "CASE WHEN %s > %s AND %s - %s <= %lld THEN intDiv(%s, 86400) END", e, s, e, s,
	    (long long)PERIOD_FINE_MAX, s);
	if (distinct_of(w, q, NULL, 0, &v, &n, err, errlen) != 0)
		return -1;
	days = xcalloc(n > 0 ? (size_t)n : 1, sizeof *days);
	for (int i = 0; i < n; i++) {
		days[i] = strtoll(v[i], NULL, 10);
		free(v[i]);
	}
	*slack = period_fine_slack(days, (size_t)n);
	free(days);
	free(v);
	return 0;
}

/* What the table's rows span, as period_coverage reads loaded rows: the
 * first ChargePeriodStart to the last ChargePeriodEnd of the rows whose
 * charge period is at most a month and a day, narrowed to the daily rows'
 * (period_cover_fine) by their own slack (table_slack). */
int
wh_table_coverage(struct wh *w, const struct wh_table *t, struct coverage *cov, char *err, size_t errlen)
{
	const struct wh_dialect *d = w->d;
	struct wh_buf b = {NULL, 0, 0};
	char qs[600], qe[600], s[700], e[700], tail[6144], *text = NULL, *p, *fl[4];
	int rc;
	cov->start = cov->end = DATE_NULL;
	if (wh_table_has(t, "ChargePeriodStart") < 0 || wh_table_has(t, "ChargePeriodEnd") < 0)
		return 0;
	d->epoch(d->ident("ChargePeriodStart", qs, sizeof qs), s, sizeof s);
	d->epoch(d->ident("ChargePeriodEnd", qe, sizeof qe), e, sizeof e);
	snprintf(tail, sizeof tail, "SELECT min(%s), max(%s), min(CASE WHEN %s - %s <= %lld THEN %s END), "
	    "max(CASE WHEN %s - %s <= %lld THEN %s END)", s, e, e, s, (long long)PERIOD_FINE_MAX, s, e, s,
	    (long long)PERIOD_FINE_MAX, e);
	wh_buf_str(&b, tail);
	from_where(w, NULL, 0, &b);
	snprintf(tail, sizeof tail, " WHERE %s > %s AND %s - %s <= %lld", e, s, e, s, (long long)PERIOD_COVER_MAX);
	wh_buf_str(&b, tail);
	wh_buf_str(&b, d->select_format);
	rc = warehouse_exec(w, b.p, NULL, 0, &text, err, errlen);
	free(b.p);
	if (rc != 0)
		return -1;
	p = text;
	if (warehouse_tsv_row(&p, fl, 4) == 4 && fl[0] && fl[1]) {
		char *end0, *end1;
		long long a = strtoll(fl[0], &end0, 10), z = strtoll(fl[1], &end1, 10);
		int64_t slack;
		if (*end0 == '\0' && *end1 == '\0' && z > a && a > 0) {
			if (table_slack(w, s, e, &slack, err, errlen) != 0) {
				free(text);
				return -1;
			}
			cov->start = (int64_t)a;
			cov->end = (int64_t)z;
			period_cover_fine(cov, tsv_epoch(fl[2]), tsv_epoch(fl[3]), slack);
		}
	}
	free(text);
	return 0;
}

/* The window of time the --where filters over dim's column ask for, as
 * period_window does for the files: [*from, *to), DATE_NULL open. */
static void
filter_window(const struct wh_dim *dim, const struct wh_filter *f, int nf, int64_t *from, int64_t *to)
{
	*from = *to = DATE_NULL;
	for (int i = 0; i < nf; i++) {
		int64_t a, b, lo, hi;
		if (f[i].dim.type != dim->type || strcmp(f[i].dim.col, dim->col) != 0 ||
		    period_parse(f[i].value, NULL, &a, &b) != 0 || range_op_window(f[i].op, a, b, &lo, &hi) != 0)
			continue;	/* != keeps periods on both sides: no window */
		if (lo != DATE_NULL && (*from == DATE_NULL || lo > *from))
			*from = lo;
		if (hi != DATE_NULL && (*to == DATE_NULL || hi < *to))
			*to = hi;
	}
}

int
wh_partial_notes(struct wh *w, const struct wh_table *t, const struct wh_dim *by, int nby, const struct wh_filter *f,
    int nf, FILE *out, char *err, size_t errlen)
{
	struct coverage table;
	int any = 0;
	for (int i = 0; i < nby; i++)
		any |= by[i].type == DIM_PERIOD || by[i].type == DIM_BILLING_PERIOD;
	if (!any)
		return 0;
	if (wh_table_coverage(w, t, &table, err, errlen) != 0)
		return -1;
	if (table.start == DATE_NULL)
		return 0;
	for (int i = 0; i < nby; i++) {
		struct coverage cov = table;
		int64_t from, to;
		char **labels;
		int n;
		if (by[i].type != DIM_PERIOD && by[i].type != DIM_BILLING_PERIOD)
			continue;
		filter_window(&by[i], f, nf, &from, &to);
		period_cover_window(&cov, from, to);
		if (distinct_expr(w, &by[i], f, nf, &labels, &n, err, errlen) != 0)
			return -1;
		for (int k = 0; k < n; k++) {
			enum grain g;
			int64_t s, e;
			char why[64];
			if (period_parse(labels[k], &g, &s, &e) == 0 && period_span_whole(s, e, g, &cov, why, sizeof why) == 0)
				fprintf(out, "focal: note: %s is partial: the rows cover %s of it\n", labels[k], why);
		}
		warehouse_free_list(labels, n);
	}
	return 0;
}
