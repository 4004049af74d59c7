/* wh_engine.c - a warehouse table as the store's engine (wh_engine.h). */
#include "wh_engine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "focus.h"
#include "period.h"
#include "profile.h"
#include "upfront.h"
#include "query.h"
#include "value.h"
#include "wh_report.h"
#include "xmalloc.h"

#define CACHE_N 64			/* answers kept */
#define CACHE_BYTES (64u << 20)		/* and at most this much text */
#define TAGSETS_MAX 100000		/* distinct Tags objects read at open */
#define IN_MAX 10000			/* values of one filter written as IN (...) */

struct answer {
	char *sql, *text;
	size_t bytes;
	unsigned long used;
};

struct eng {
	struct wh w;
	struct wh_table t;
	struct store *s;		/* the store, writable (its labels grow) */
	char err[1024];
	int has_err;
	struct answer cache[CACHE_N];
	size_t cache_bytes;
	unsigned long clock, asked, cached;
	struct coverage cov;
	int cov_known;
	char *meter;			/* focal's meter as SQL (the profiles' rules) */
	uint32_t *nvalues;		/* per column, once asked (UINT32_MAX: not known) */
};

static void
fail(struct eng *e, const char *msg)
{
	if (!e->has_err)	/* the first reason of a step is the one to say */
		snprintf(e->err, sizeof e->err, "%s", msg);
	e->has_err = 1;
}

/* ---- asking, through the cache ---- */

static void
answer_drop(struct eng *e, struct answer *a)
{
	e->cache_bytes -= a->bytes;
	free(a->sql);
	free(a->text);
	memset(a, 0, sizeof *a);
}

/* The answer to sql (a copy, to be freed, cut up by the reader), or NULL
 * after fail(). */
static char *
ask(struct eng *e, const char *sql)
{
	struct answer *slot = &e->cache[0];
	char err[1024], *text;
	size_t len;

	e->asked++;
	for (int i = 0; i < CACHE_N; i++) {
		struct answer *a = &e->cache[i];
		if (a->sql && strcmp(a->sql, sql) == 0) {
			a->used = ++e->clock;
			e->cached++;
			return xstrdup(a->text);
		}
		if (a->used < slot->used)
			slot = a;
	}
	if (warehouse_exec(&e->w, sql, NULL, 0, &text, err, sizeof err) != 0) {
		/* the screen's header names the table: the status line says why */
		size_t n = strlen(e->w.url);
		fail(e, strncmp(err, e->w.url, n) == 0 && err[n] == ':' && err[n + 1] == ' ' ? err + n + 2 : err);
		return NULL;
	}
	len = strlen(text) + 1;
	if (len <= CACHE_BYTES / 4) {
		answer_drop(e, slot);
		while (e->cache_bytes + len > CACHE_BYTES) {
			struct answer *old = NULL;
			for (int i = 0; i < CACHE_N; i++)
				if (e->cache[i].sql && (old == NULL || e->cache[i].used < old->used))
					old = &e->cache[i];
			if (old == NULL)
				break;	/* nothing left to drop */
			answer_drop(e, old);
		}
		slot->sql = xstrdup(sql);
		slot->text = xstrdup(text);
		slot->bytes = len;
		slot->used = ++e->clock;
		e->cache_bytes += len;
	}
	return text;
}

/* ---- the request as SQL ---- */

/* The table's dimension for d; -1 after fail() when the table has none. */
static int
wh_dim_of(struct eng *e, const struct dim *d, struct wh_dim *out)
{
	const struct store *s = e->s;
	char msg[300];
	memset(out, 0, sizeof *out);
	out->type = d->type;
	out->grain = d->grain;
	switch (d->type) {
	case DIM_COLUMN: {
		const char *name = store_column_name(s, d->idx);
		if (strcmp(name, "meter") == 0 && e->meter && wh_table_has(&e->t, name) < 0) {
			out->col = xstrdup(name);
			out->expr = xstrdup(e->meter);
			return 0;
		}
		if (wh_table_has(&e->t, name) < 0) {
			snprintf(msg, sizeof msg, "%s: not a column of the warehouse table (focal push keeps the FOCUS "
			    "columns, not focal's own)", name);
			fail(e, msg);
			return -1;
		}
		out->col = xstrdup(name);
		out->is_date = store_column_kind(s, d->idx) == COL_DATE;
		return 0;
	}
	case DIM_TAG:
		out->col = xstrdup(store_tagkey(s, d->idx));
		return 0;
	case DIM_PERIOD:
	case DIM_BILLING_PERIOD:
		out->col = xstrdup(d->type == DIM_PERIOD ? "ChargePeriodStart" : "BillingPeriodStart");
		return 0;
	case DIM_FILE:
		break;
	}
	fail(e, "file: the warehouse table does not keep the source file (focal push leaves it out)");
	return -1;
}

static void
add_literal(struct eng *e, struct wh_buf *b, const char *v)
{
	size_t n = strlen(v) * 2 + 8;
	char *lit = xmalloc(n);
	wh_buf_str(b, e->w.d->literal(v, lit, n));
	free(lit);
}

/* The label of code c of a dimension that is not a period. */
static const char *
code_label(const struct store *s, const struct dim *d, uint32_t c)
{
	return d->type == DIM_TAG ? store_tag_label(s, d->idx, c) : store_label(s, d->idx, c);
}

/* Whether a row's value of f's dimension has a code in [lo, hi]: never
 * NULL, so that NOT of it is the exclusion the scan makes. */
static int
in_range(struct eng *e, const struct filter *f, const struct wh_dim *wd, struct wh_buf *b)
{
	const struct wh_dialect *d = e->w.d;
	char expr[2048], col[600], x[700];
	uint32_t lo = f->lo > 0 ? f->lo : 1, hi = f->hi;
	int has_null = f->lo == CODE_NULL, any = hi >= lo;

	wh_buf_str(b, "(");
	if (wd->type == DIM_PERIOD || wd->type == DIM_BILLING_PERIOD) {
		int64_t a, z, a2, z2;
		d->ident(wd->col, col, sizeof col);
		if (has_null) {
			wh_buf_str(b, "isNull(");
			wh_buf_str(b, col);
			wh_buf_str(b, any ? ") OR " : ")");
		}
		if (any) {
			if (period_span(e->s, &f->dim, lo, &a, &z) != 0 || period_span(e->s, &f->dim, hi, &a2, &z2) != 0) {
				fail(e, "a period the table does not hold");
				return -1;
			}
			wh_buf_str(b, "ifNull(");
			wh_buf_str(b, d->date_cmp(col, ">=", a, x, sizeof x));
			wh_buf_str(b, " AND ");
			wh_buf_str(b, d->date_cmp(col, "<", z2, x, sizeof x));
			wh_buf_str(b, ", 0)");
		}
		wh_buf_str(b, ")");
		return 0;
	}
	if (wd->type == DIM_FILE) {
		wh_buf_str(b, f->lo <= 1 && f->hi >= 1 ? "1)" : "0)");
		return 0;
	}
	if (any && hi - lo >= IN_MAX) {
		fail(e, "a filter of too many values for the warehouse");
		return -1;
	}
	wh_dim_expr(d, wd, expr, sizeof expr);
	if (has_null) {
		wh_buf_str(b, "isNull(");
		wh_buf_str(b, expr);
		wh_buf_str(b, any ? ") OR " : ")");
	}
	if (any) {
		wh_buf_str(b, "ifNull(");
		wh_buf_str(b, expr);
		wh_buf_str(b, " IN (");
		for (uint32_t c = lo; c <= hi; c++) {
			const char *l = code_label(e->s, &f->dim, c);
			if (c > lo)
				wh_buf_str(b, ", ");
			add_literal(e, b, l ? l : "");
		}
		wh_buf_str(b, "), 0)");
	}
	wh_buf_str(b, ")");
	return 0;
}

/* The filters as one SQL condition (malloc'd; NULL when none), or -1. */
static int
conditions(struct eng *e, const struct filter *f, int nf, char **out)
{
	struct wh_buf b = {NULL, 0, 0};
	*out = NULL;
	for (int i = 0; i < nf; i++) {
		struct wh_dim wd;
		int rc;
		if (wh_dim_of(e, &f[i].dim, &wd) != 0) {
			free(b.p);
			return -1;
		}
		wh_buf_str(&b, i ? " AND " : "");
		wh_buf_str(&b, f[i].exclude ? "NOT " : "");
		rc = in_range(e, &f[i], &wd, &b);
		wh_dim_free(&wd);
		if (rc != 0) {
			free(b.p);
			return -1;
		}
	}
	*out = b.p;
	return 0;
}

/* ---- the answer into the store's codes ---- */

/* The code of label l of dimension d, interned when new; UINT32_MAX when a
 * period is not one of the store's (the table grew since it opened). */
static uint32_t
code_of(struct eng *e, const struct dim *d, const char *l)
{
	uint32_t code;
	int isnew;
	if (l == NULL)
		return CODE_NULL;
	switch (d->type) {
	case DIM_TAG:
		return strcmp(l, "(untagged)") == 0 ? CODE_NULL : store_tag_intern(e->s, d->idx, l);
	case DIM_PERIOD:
	case DIM_BILLING_PERIOD:
		return dim_lookup(e->s, d, l, &code) == 0 ? code : UINT32_MAX;
	default:
		code = store_intern(e->s, d->idx, l, strlen(l), &isnew);
		if (isnew && store_column_kind(e->s, d->idx) == COL_DATE) {
			int64_t t;
			unsigned dev = 0;
			if (date_parse(l, strlen(l), &t, &dev) == 0)
				store_set_code_epoch(e->s, d->idx, code, t);
		}
		return code;
	}
}

static int
cmp_keys(const void *a, const void *b)
{
	const struct qgroup *x = a, *y = b;
	for (int i = 0; i < QUERY_MAX_BY; i++)
		if (x->key[i] != y->key[i])
			return x->key[i] < y->key[i] ? -1 : 1;
	return 0;
}

/* Groups by[0..nby) under f, keys and units in the store's codes, in code
 * order (as the scan leaves them). 0, or -1 after fail(). */
static int
group(struct eng *e, const struct dim *by, int nby, const struct filter *f, int nf, const char *extra,
    struct qresult *out)
{
	struct wh_dim wd[QUERY_MAX_BY];
	struct store *labels = NULL;
	struct qresult r;
	char *cond = NULL, *sql, *text;
	int n = 0, rc = -1, ucol[2];
	static const char *const units[2] = {"ConsumedUnit", "PricingUnit"};

	memset(out, 0, sizeof *out);
	out->nby = nby;
	if (nby > 0)	/* the total alone: by may be NULL */
		memcpy(out->by, by, (size_t)nby * sizeof *by);
	for (; n < nby; n++)
		if (wh_dim_of(e, &by[n], &wd[n]) != 0)
			goto done;
	if (conditions(e, f, nf, &cond) != 0)
		goto done;
	if (extra) {
		char *both;
		xasprintf(&both, "%s%s%s", cond ? cond : "", cond ? " AND " : "", extra);
		free(cond);
		cond = both;
	}
	sql = wh_group_sql(&e->w, &e->t, wd, nby, NULL, 0, cond);
	text = ask(e, sql);
	free(sql);
	if (text == NULL)
		goto done;
	if (wh_report_read(text, wd, nby, NULL, 0, &labels, &r) != 0) {
		fail(e, "unexpected answer from the server (not the fields asked for)");
		free(text);
		qresult_free(&r);
		store_free(labels);
		goto done;
	}
	free(text);
	for (int u = 0; u < 2; u++)
		ucol[u] = store_find_column(e->s, units[u]);
	for (size_t g = 0; g < r.n; g++) {
		struct qgroup *q = &r.g[g];
		for (int i = 0; i < nby; i++) {
			const char *l = q->key[i] ? store_label(labels, r.by[i].idx, q->key[i]) : NULL;
			q->key[i] = code_of(e, &by[i], l);
			if (q->key[i] == UINT32_MAX) {
				fail(e, "the table holds a period it did not hold when focal opened it: open it again");
				qresult_free(&r);
				store_free(labels);
				goto done;
			}
		}
		for (int u = 0; u < 2; u++)
			if (q->unit[u] != CODE_NULL && q->unit[u] != UINT32_MAX) {
				const char *l = store_label(labels, store_find_column(labels, units[u]), q->unit[u]);
				int isnew;
				q->unit[u] = ucol[u] >= 0 && l ? store_intern(e->s, ucol[u], l, strlen(l), &isnew) : CODE_NULL;
			}
	}
	/* the total's units are codes of the label store too */
	for (int u = 0; u < 2; u++)
		if (r.total.unit[u] != CODE_NULL && r.total.unit[u] != UINT32_MAX) {
			const char *l = store_label(labels, store_find_column(labels, units[u]), r.total.unit[u]);
			int isnew;
			r.total.unit[u] = ucol[u] >= 0 && l ? store_intern(e->s, ucol[u], l, strlen(l), &isnew) :
			    CODE_NULL;
		}
	store_free(labels);
	if (r.n > 1)	/* no group at all: r.g is NULL */
		qsort(r.g, r.n, sizeof *r.g, cmp_keys);
	out->g = r.g;
	out->n = r.n;
	out->total = r.total;
	rc = 0;
done:
	for (int i = 0; i < n; i++)
		wh_dim_free(&wd[i]);
	free(cond);
	return rc;
}

/* ---- the engine ---- */

static void
eng_run(void *ctx, const struct store *s, const struct dim *by, int nby, const struct filter *f, int nf,
    struct qresult *out)
{
	(void)s;
	group(ctx, by, nby, f, nf, NULL, out);
}

/* The series: one request grouped by the groups' dimensions and the period,
 * each answer row placed at its group and period. */
static void
eng_series(void *ctx, const struct store *s, const struct qresult *r, size_t ngroups, const struct filter *f,
    int nf, enum metric m, const struct dim *period, struct qseries *out)
{
	struct eng *e = ctx;
	struct dim by[QUERY_MAX_BY];
	struct qresult a;
	int nby = r->nby;
	(void)s;
	if (nby + 1 > QUERY_MAX_BY) {
		fail(e, "a trend of that many dimensions is not asked of the warehouse");
		return;
	}
	memcpy(by, r->by, (size_t)nby * sizeof *by);
	by[nby] = *period;
	if (group(e, by, nby + 1, f, nf, NULL, &a) != 0)
		return;
	for (size_t i = 0; i < a.n; i++) {
		uint32_t p = a.g[i].key[nby];
		if (p == CODE_NULL || p > out->nperiods)
			continue;
		for (size_t g = 0; g < ngroups; g++) {
			int same = 1;
			for (int k = 0; k < nby && same; k++)
				same = r->g[g].key[k] == a.g[i].key[k];
			if (same) {
				out->v[g * out->nperiods + (p - out->first)] = a.g[i].sum[m];
				break;
			}
		}
	}
	qresult_free(&a);
}

/* The purchases that metric m counts twice (upfront.c's test, as SQL):
 * Purchase rows with BilledCost > 0, EffectiveCost 0, m not 0. */
static void
eng_upfront(void *ctx, const struct store *s, const struct filter *f, int nf, enum metric m, struct upfront *out)
{
	struct eng *e = ctx;
	const struct wh_dialect *d = e->w.d;
	struct dim cur;
	struct qresult r;
	char q[3][600], x[700], extra[2600], err[64];
	const char *need[3] = {metric_name(M_BILLED), metric_name(M_EFFECTIVE), metric_name(m)};
	int cat = wh_table_has(&e->t, "ChargeCategory");
	for (int i = 0; i < 3; i++)
		if (wh_table_has(&e->t, need[i]) < 0)
			return;
	if (cat < 0 || dim_parse(s, "BillingCurrency", GRAIN_MONTH, &cur, err, sizeof err) != 0)
		return;
	for (int i = 0; i < 3; i++)
		d->ident(need[i], q[i], sizeof q[i]);
	d->ident(e->t.names[cat], x, sizeof x);
	snprintf(extra, sizeof extra, "ifNull(toString(%s) = 'Purchase' AND %s > 0 AND %s = 0 AND %s != 0, 0)", x,
	    q[0], q[1], q[2]);
	if (group(e, &cur, 1, f, nf, extra, &r) != 0)
		return;
	out->rows = r.total.rows;
	out->sum = r.total.sum[m];
	out->currency = r.n == 1 ? r.g[0].key[0] : r.n > 1 ? UINT32_MAX : CODE_NULL;
	qresult_free(&r);
}

static size_t
eng_rows(void *ctx, const struct store *s, const struct filter *f, int nf)
{
	(void)s, (void)f, (void)nf;
	fail(ctx, "the rows behind a group stay in the warehouse: focal sql URL 'SELECT ...' reads them");
	return 0;
}

static void
eng_coverage(void *ctx, const struct store *s, struct coverage *out)
{
	struct eng *e = ctx;
	char err[1024];
	(void)s;
	if (!e->cov_known) {
		if (wh_table_coverage(&e->w, &e->t, &e->cov, err, sizeof err) != 0) {
			fail(e, err);
			e->cov.start = e->cov.end = DATE_NULL;
		}
		e->cov_known = 1;
	}
	*out = e->cov;
}

/* The distinct values of every column, one request the first time the
 * dimensions are listed (d): the store knows only the labels it was sent. */
static void
column_counts(struct eng *e)
{
	const struct wh_dialect *d = e->w.d;
	struct wh_buf b = {NULL, 0, 0};
	int nc = store_ncolumns(e->s), k;
	char q[600], x[2048], *text, *p, **fl = xcalloc((size_t)nc, sizeof *fl);

	e->nvalues = xcalloc((size_t)nc, sizeof *e->nvalues);
	wh_buf_str(&b, "SELECT ");
	for (int c = 0; c < nc; c++) {
		struct dim dm = {DIM_COLUMN, c, GRAIN_MONTH};
		struct wh_dim wd;
		e->nvalues[c] = UINT32_MAX;
		if (store_column_kind(e->s, c) == COL_METRIC || wh_dim_of(e, &dm, &wd) != 0) {
			e->has_err = 0;	/* a column the table lacks counts none */
			wh_buf_str(&b, c ? ", 0" : "0");
			continue;
		}
		wh_buf_str(&b, c ? ", uniqExact(" : "uniqExact(");
		wh_buf_str(&b, wd.is_date ? d->ident(wd.col, q, sizeof q) : wh_dim_expr(d, &wd, x, sizeof x));
		wh_buf_str(&b, ")");
		wh_dim_free(&wd);
	}
	wh_buf_str(&b, " FROM ");
	wh_buf_str(&b, d->ident(e->w.db, q, sizeof q));
	wh_buf_str(&b, ".");
	wh_buf_str(&b, d->ident(e->w.table, q, sizeof q));
	wh_buf_str(&b, d->select_format);
	text = ask(e, b.p);
	free(b.p);
	p = text;
	if (text && (k = warehouse_tsv_row(&p, fl, nc)) == nc)
		for (int c = 0; c < nc; c++)
			if (fl[c] && store_column_kind(e->s, c) != COL_METRIC)
				e->nvalues[c] = (uint32_t)strtoul(fl[c], NULL, 10);
	free(text);
	free(fl);
}

static uint32_t
eng_nvalues(void *ctx, const struct store *s, const struct dim *d)
{
	struct eng *e = ctx;
	uint32_t nc;
	if (d->type == DIM_COLUMN) {
		if (e->nvalues == NULL)
			column_counts(e);
		if (d->idx < store_ncolumns(s) && e->nvalues[d->idx] != UINT32_MAX)
			return e->nvalues[d->idx];
	}
	nc = dim_ncodes(s, d);	/* periods and tags: all read at open */
	return nc ? nc - 1 : 0;
}

static const char *
eng_error(void *ctx)
{
	struct eng *e = ctx;
	if (!e->has_err)
		return NULL;
	e->has_err = 0;
	return e->err;
}

static void
eng_free(void *ctx)
{
	struct eng *e = ctx;
	for (int i = 0; i < CACHE_N; i++)
		answer_drop(e, &e->cache[i]);
	wh_table_free(&e->t);
	warehouse_close(&e->w);
	free(e->meter);
	free(e->nvalues);
	free(e);
}

const struct store_engine wh_store_engine = {
	"warehouse", eng_run, eng_series, eng_rows, eng_coverage, eng_upfront, eng_nvalues, eng_error, eng_free,
};

/* ---- opening ---- */

/* The distinct labels of a column (NULL left out), interned in col. */
static int
intern_distinct(struct eng *e, int col, const char *name, size_t limit, char *err, size_t errlen)
{
	const struct wh_dialect *d = e->w.d;
	char q[600], x[700], tail[64], *sql, *text, *p, *fl[1];
	struct wh_buf b = {NULL, 0, 0};
	int k, rc;
	int is_date = store_column_kind(e->s, col) == COL_DATE;

	d->ident(name, q, sizeof q);
	wh_buf_str(&b, "SELECT DISTINCT ");
	wh_buf_str(&b, is_date ? d->date_label(q, x, sizeof x) : d->text(q, x, sizeof x));
	wh_buf_str(&b, " AS v FROM ");
	wh_buf_str(&b, d->ident(e->w.db, q, sizeof q));
	wh_buf_str(&b, ".");
	wh_buf_str(&b, d->ident(e->w.table, q, sizeof q));
	snprintf(tail, sizeof tail, " ORDER BY v LIMIT %zu", limit);
	wh_buf_str(&b, tail);
	wh_buf_str(&b, d->select_format);
	sql = b.p;
	rc = warehouse_exec(&e->w, sql, NULL, 0, &text, err, errlen);
	free(sql);
	if (rc != 0)
		return -1;
	p = text;
	while ((k = warehouse_tsv_row(&p, fl, 1)) >= 0) {
		struct dim dm = {DIM_COLUMN, col, GRAIN_MONTH};
		uint32_t code;
		char why[160];
		if (k != 1 || fl[0] == NULL)
			continue;
		code = code_of(e, &dm, fl[0]);
		if (col == store_find_column(e->s, "Tags") &&
		    store_tags_parse(e->s, code, store_label(e->s, col, code), why, sizeof why) != 0)
			continue;	/* not an object: no tag of it (push validated it) */
	}
	free(text);
	return 0;
}

#define SETS_MAX 32	/* columns of the opening's GROUP BY */

static void
add_column(struct eng *e, const char *name, const char **names, int *cols, int *n)
{
	int c = store_find_column(e->s, name);
	for (int j = 0; j < *n; j++)
		if (cols[j] == c)
			return;
	/* past SETS_MAX columns (no profile has as many), a rule on the rest
	 * does not vote: the profile of the most rows is still the likely one */
	if (c < 0 || store_column_kind(e->s, c) == COL_METRIC || *n == SETS_MAX)
		return;
	names[*n] = store_column_name(e->s, c);
	cols[(*n)++] = c;
}

/* One GROUP BY at open over the columns whose every value the store needs
 * (the periods, currencies, providers) and those the profiles' match rules
 * read: their values interned, the rows' votes for a profile counted (most
 * rows win, as on files). *best: the profile. 0, or -1 with err. */
static int
open_sets(struct eng *e, const struct profile *const *pf, int np, int *best, char *err, size_t errlen)
{
	static const char *const first[] = {"ChargePeriodStart", "BillingPeriodStart", "BillingCurrency",
	    "ProviderName"};
	const char *names[SETS_MAX];
	int cols[SETS_MAX] = {0}, n = 0, k, rc;
	struct wh_buf b = {NULL, 0, 0};
	char x[2048], q[600], *text, *p, *fl[SETS_MAX + 1];
	uint64_t *votes;

	for (size_t i = 0; i < sizeof first / sizeof *first; i++)
		add_column(e, first[i], names, cols, &n);
	for (int i = 0; i < np - 1; i++)
		for (int r = 0; r < pf[i]->nmatch; r++)
			add_column(e, pf[i]->match[r].column, names, cols, &n);
	*best = np - 1;
	if (n == 0)
		return 0;
	wh_buf_str(&b, "SELECT ");
	for (int i = 0; i < n; i++) {
		struct dim dm = {DIM_COLUMN, cols[i], GRAIN_MONTH};
		struct wh_dim wd;
		wh_dim_of(e, &dm, &wd);	/* a column of the table: cannot fail */
		snprintf(q, sizeof q, " AS k%d, ", i);
		wh_buf_str(&b, wh_dim_expr(e->w.d, &wd, x, sizeof x));
		wh_buf_str(&b, q);
		wh_dim_free(&wd);
	}
	wh_buf_str(&b, "count() FROM ");
	wh_buf_str(&b, e->w.d->ident(e->w.db, q, sizeof q));
	wh_buf_str(&b, ".");
	wh_buf_str(&b, e->w.d->ident(e->w.table, q, sizeof q));
	for (int i = 0; i < n; i++) {
		snprintf(q, sizeof q, "%sk%d", i ? ", " : " GROUP BY ", i);
		wh_buf_str(&b, q);
	}
	wh_buf_str(&b, e->w.d->select_format);
	rc = warehouse_exec(&e->w, b.p, NULL, 0, &text, err, errlen);
	free(b.p);
	if (rc != 0)
		return -1;
	votes = xcalloc((size_t)np + 1, sizeof *votes);
	p = text;
	while ((k = warehouse_tsv_row(&p, fl, n + 1)) >= 0) {
		if (k != n + 1 || fl[n] == NULL)
			continue;
		for (int i = 0; i < n; i++) {
			struct dim dm = {DIM_COLUMN, cols[i], GRAIN_MONTH};
			code_of(e, &dm, fl[i]);
		}
		if (np > 0)
			votes[wh_row_profile(pf, np, names, fl, n)] += strtoull(fl[n], NULL, 10);
	}
	free(text);
	for (int i = 0; i < np; i++)
		if (votes[i] > votes[*best])
			*best = i;
	free(votes);
	return 0;
}

static enum col_kind
kind_of(const struct wh_table *t, int i)
{
	if (metric_find(t->names[i]) >= 0)
		return COL_METRIC;
	return strstr(t->types[i], "DateTime") ? COL_DATE : COL_DIM;
}

int
wh_engine_store(struct wh *w, const struct profile *const *profiles, int np, struct store **out, char *err,
    size_t errlen)
{
	struct eng *e = xcalloc(1, sizeof *e);
	struct store *s;
	int tags, best;

	*out = NULL;
	e->w = *w;
	e->w.readonly = 1;	/* the explorer only reads */
	memset(w, 0, sizeof *w);
	if (wh_table_load(&e->w, &e->t, err, errlen) != 0) {
		warehouse_close(&e->w);
		free(e);
		return -1;
	}
	e->s = s = store_new();
	store_add_file(s, e->w.url);
	for (int i = 0; i < e->t.n; i++) {
		int cf;
		enum focus_col fc = focus_column_find(e->t.names[i], &cf);
		store_column(s, e->t.names[i], fc, kind_of(&e->t, i));
	}
	store_set_engine(s, &wh_store_engine, e);
	if (open_sets(e, profiles, np, &best, err, errlen) != 0)
		goto fail;
	if ((tags = store_find_column(s, "Tags")) >= 0 &&
	    intern_distinct(e, tags, store_column_name(s, tags), TAGSETS_MAX, err, errlen) != 0)
		goto fail;
	store_finish(s, NULL, 0);
	if (np > 0) {
		store_set_profile(s, profiles[best]);
		e->meter = wh_meter_sql(e->w.d, &e->t, profiles, np);
	}
	*out = s;
	return 0;
fail:
	store_free(s);	/* and the engine, and the warehouse */
	return -1;
}

static struct eng *
eng_of(const struct store *s)
{
	void *ctx;
	const struct store_engine *e = store_engine(s, &ctx);
	return e == &wh_store_engine ? ctx : NULL;
}

struct wh *
wh_engine_wh(const struct store *s)
{
	struct eng *e = eng_of(s);
	return e ? &e->w : NULL;
}

void
wh_engine_stats(const struct store *s, unsigned long *asked, unsigned long *cached)
{
	struct eng *e = eng_of(s);
	*asked = e ? e->asked : 0;
	*cached = e ? e->cached : 0;
}

void
wh_engine_forget(const struct store *s)
{
	struct eng *e = eng_of(s);
	if (e)
		for (int i = 0; i < CACHE_N; i++)
			answer_drop(e, &e->cache[i]);
}
