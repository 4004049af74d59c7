/* drill_rows.c - the FOCUS rows behind a group of a drill view, paged
 * through query_rows, and a level exported as CSV. Curses-free
 * (libfocal.a); ui_rows.c draws the rows. */
#include "drill.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "store.h"
#include "text.h"
#include "xmalloc.h"

#define NONE SIZE_MAX

void
drill_rows_open(struct drill_rows *r, struct drill *m, size_t line)
{
	static const char *const prefer[] = {"SkuId", "ResourceName", "ChargeDescription", "Tags"};
	struct drill_view *v = drill_view(m);
	char buf[1024];
	int c;
	drill_refresh(m);
	drill_rows_free(r);
	r->g = v->res.total;
	if (line < v->shown.n && v->shown_gi[line] != NONE) {
		const struct qgroup *g = &v->shown.g[line];
		r->f[0].dim = v->dim;	/* the narrowest first */
		r->f[0].lo = r->f[0].hi = g->key[0];
		r->f[0].exclude = 0;
		r->f[0].timed = 0;
		r->nf = 1 + drill_filters(m, v, r->f + 1);
		r->g = *g;
		drill_label(m, v, line, buf, sizeof buf);
		r->title = xstrdup(buf);
	} else {
		r->nf = drill_filters(m, v, r->f);	/* the whole view: its crumb says it */
	}
	r->cap = 1024;
	r->idx = xcalloc(r->cap, sizeof *r->idx);
	r->n = query_rows(m->s, r->f, r->nf, 0, r->cap, r->idx);
	r->base = 0;
	r->count = r->n < r->cap ? r->n : r->cap;
	r->ncols = 0;
	r->sorted = -1;
	if ((c = store_find_column(m->s, "ChargePeriodStart")) >= 0)
		r->cols[r->ncols++] = c;
	if ((c = store_metric_column(m->s, m->metric)) >= 0) {
		r->col = r->ncols;	/* `s` sorts by the money first */
		r->cols[r->ncols++] = c;
	}
	for (size_t i = 0; i < sizeof prefer / sizeof *prefer; i++)
		if ((c = store_find_column(m->s, prefer[i])) >= 0)
			r->cols[r->ncols++] = c;
}

size_t
drill_rows_get(struct drill_rows *r, const struct store *s, size_t i)
{
	if (i >= r->n)
		return NONE;
	if (i < r->base || i >= r->base + r->count) {
		r->base = i >= r->cap / 2 ? i - r->cap / 2 : 0;
		query_rows(s, r->f, r->nf, r->base, r->cap, r->idx);
		r->count = r->n - r->base < r->cap ? r->n - r->base : r->cap;
	}
	return r->idx[i - r->base];
}

void
drill_rows_free(struct drill_rows *r)
{
	free(r->idx);
	free(r->title);
	memset(r, 0, sizeof *r);
}

/* ---- what a line shows ---- */

static int
money_column(const struct store *s, int col)
{
	for (int m = 0; m < M_COUNT; m++)
		if (store_metric_column(s, (enum metric)m) == col)
			return metric_is_money((enum metric)m);
	return 0;
}

const char *
drill_rows_cell(const struct store *s, size_t row, int col, char *buf, size_t n)
{
	const char *t;
	if (store_column_kind(s, col) == COL_METRIC) {
		money_t v = store_money(s, col, row);
		if (v == MONEY_NULL)
			return "(null)";
		if (money_column(s, col))
			report_money(s, v, buf, n);
		else
			money_format(v, -1, 0, ',', buf, n);
		return buf;
	}
	t = store_label(s, col, store_code(s, col, row));
	if (t == NULL)
		return "(null)";
	if (store_column_kind(s, col) == COL_DATE) {
		snprintf(buf, n, "%.10s", t);	/* the day is enough on a line */
		return buf;
	}
	return t;
}

/* Every row's index, in file order, once: sorting, searching and
 * exporting read them all (paging through them would scan the table
 * once a page). */
static void
hold_all(struct drill_rows *r, const struct store *s)
{
	if (r->base == 0 && r->count == r->n)
		return;
	free(r->idx);
	r->cap = r->n ? r->n : 1;
	r->idx = xcalloc(r->cap, sizeof *r->idx);
	query_rows(s, r->f, r->nf, 0, r->n, r->idx);
	r->base = 0;
	r->count = r->n;
}

/* ---- sorting ---- */

enum { K_NUM, K_TEXT, K_NULL };
struct rkey {
	money_t v;		/* K_NUM: the amount, the number or the date's epoch */
	const char *t;		/* K_TEXT */
	size_t row;
	int kind;
};
static int sort_rev;	/* qsort has no context argument */

static int
cmp_key(const void *pa, const void *pb)
{
	const struct rkey *a = pa, *b = pb;
	int c = 0;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;	/* numbers, texts, NULLs: either way */
	if (a->kind == K_NUM)
		c = (a->v < b->v) - (a->v > b->v);	/* largest first */
	else if (a->kind == K_TEXT)
		c = strcmp(a->t, b->t);
	if (sort_rev)
		c = -c;
	return c ? c : (a->row > b->row) - (a->row < b->row);
}

static void
row_key(const struct store *s, int col, size_t row, struct rkey *k)
{
	unsigned dev = 0;
	k->row = row;
	k->kind = K_NULL;
	if (col < 0)
		return;
	if (store_column_kind(s, col) == COL_METRIC) {
		k->v = store_money(s, col, row);
		k->kind = k->v == MONEY_NULL ? K_NULL : K_NUM;
		return;
	}
	uint32_t code = store_code(s, col, row);
	if (code == CODE_NULL)
		return;
	k->t = store_label(s, col, code);
	k->kind = K_TEXT;
	if (store_column_kind(s, col) == COL_DATE) {
		int64_t t = store_code_epoch(s, col, code);
		if (t != DATE_NULL) {
			k->v = t;
			k->kind = K_NUM;
		}
	} else if (money_parse(k->t, strlen(k->t), &k->v, &dev) == 0)
		k->kind = K_NUM;
}

void
drill_rows_sort(struct drill_rows *r, const struct store *s, int c, int reverse)
{
	struct rkey *k;
	int col = c >= 0 && c < r->ncols ? r->cols[c] : -1;
	hold_all(r, s);
	k = xcalloc(r->n ? r->n : 1, sizeof *k);
	for (size_t i = 0; i < r->n; i++)
		row_key(s, col, r->idx[i], &k[i]);
	if (col < 0)	/* file order: the row index, ascending */
		for (size_t i = 0; i < r->n; i++)
			k[i].kind = K_NULL;
	sort_rev = reverse;
	qsort(k, r->n, sizeof *k, cmp_key);
	for (size_t i = 0; i < r->n; i++)
		r->idx[i] = k[i].row;
	free(k);
	r->sorted = col < 0 ? -1 : c;
	r->reverse = col < 0 ? 0 : reverse;
}

/* ---- searching ---- */

void
drill_rows_set_search(struct drill_rows *r, const char *text)
{
	snprintf(r->search, sizeof r->search, "%s", text);
}

static int
row_matches(const struct drill_rows *r, const struct store *s, size_t row)
{
	char buf[256];
	for (int c = 0; c < r->ncols; c++)
		if (strcasestr(drill_rows_cell(s, row, r->cols[c], buf, sizeof buf), r->search) != NULL)
			return 1;
	return 0;
}

size_t
drill_rows_find(struct drill_rows *r, const struct store *s, size_t from, int dir)
{
	if (r->search[0] == '\0' || r->n == 0)
		return NONE;
	hold_all(r, s);
	from %= r->n;
	for (size_t k = 0; k < r->n; k++) {
		size_t i = dir > 0 ? (from + k) % r->n : (from + r->n - k) % r->n;
		if (row_matches(r, s, r->idx[i]))
			return i;
	}
	return NONE;
}

/* ---- exporting ---- */

int
drill_rows_export(struct drill_rows *r, const struct store *s, FILE *f, size_t *count)
{
	int ncol = store_ncolumns(s), first = 1;
	char buf[128];
	hold_all(r, s);
	for (int c = 0; c < ncol; c++) {
		if (store_column_virtual(s, c))
			continue;
		if (!first)
			fputc(',', f);
		first = 0;
		text_csv(f, store_column_name(s, c));
	}
	fputc('\n', f);
	for (size_t i = 0; i < r->n; i++) {
		first = 1;
		for (int c = 0; c < ncol; c++) {
			const char *t;
			if (store_column_virtual(s, c))
				continue;
			if (!first)
				fputc(',', f);
			first = 0;
			if ((t = store_cell(s, r->idx[i], c, buf, sizeof buf)) != NULL)
				text_csv(f, t);
		}
		fputc('\n', f);
	}
	*count = r->n;
	return ferror(f) ? -1 : 0;
}

/* ---- the level as CSV (e in the explorer) ---- */

/* The fields of a CSV header line (RFC 4180 quoting), and which one is
 * the metric's. */
static int
csv_fields(const char *line, size_t len, const char *metric, int *mcol)
{
	int n = 1, q = 0;
	size_t start = 0, ml = strlen(metric);
	*mcol = -1;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && line[i] == '"')
			q = !q;
		else if (i == len || (line[i] == ',' && !q)) {
			if (i - start == ml && !memcmp(line + start, metric, ml))
				*mcol = n - 1;
			if (i < len)
				n++;
			start = i + 1;
		}
	}
	return n;
}

/* While a scenario is active the export says so: a last column
 * `simulated` (false on every group), then the what-if rows (their label
 * begins "what-if:", the value is in the metric's column, simulated true
 * on the scenario's numbers). A script keeps the groups with
 * simulated == "false" and a label not starting "what-if:". */
static int
export_simulated(struct drill *m, FILE *f, const struct qresult *r, const struct report_opts *ro)
{
	char *buf = NULL;
	size_t len = 0, off = 0;
	int rc, ncols = 0, mcol = -1;
	FILE *mf = open_memstream(&buf, &len);
	if (mf == NULL)
		return -1;
	rc = report_print(mf, m->s, r, ro);
	if (fclose(mf) != 0)
		rc = -1;
	/* the report's fields are sanitized: a line is a row */
	while (rc == 0 && off < len) {
		const char *nl = memchr(buf + off, '\n', len - off);
		size_t k = nl ? (size_t)(nl - (buf + off)) : len - off;
		if (off == 0)
			ncols = csv_fields(buf, k, metric_name(m->metric), &mcol);
		fwrite(buf + off, 1, k, f);
		fputs(off == 0 ? ",simulated\n" : ",false\n", f);
		off += k + 1;
	}
	free(buf);
	if (rc == 0)
		whatif_panel_export(&m->wi, f, ncols, mcol > 0 ? mcol : 1);
	return rc == 0 && !ferror(f) ? 0 : -1;
}

int
drill_export(struct drill *m, FILE *f)
{
	struct drill_view *v = drill_view(m);
	struct qresult r = {0}, full;
	struct report_opts ro = {0};
	struct filter fl[16];
	char name[300];
	const char *names[1] = {name};
	uint32_t ncodes = dim_ncodes(m->s, &v->dim);
	size_t *at;
	int rc;
	/* every group of the level (not just the list on screen), in screen
	 * order, with every metric (the view holds its own metric only) */
	query_run(m->s, &v->dim, 1, fl, drill_filters(m, v, fl), &full);
	at = xcalloc((size_t)ncodes + 1, sizeof *at);
	for (size_t i = 0; i < full.n; i++)
		if (full.g[i].key[0] <= ncodes)
			at[full.g[i].key[0]] = i + 1;
	r.nby = 1;
	r.by[0] = v->dim;
	r.total = full.total;
	r.g = xcalloc(v->res.n ? v->res.n : 1, sizeof *r.g);
	for (size_t i = 0; i < v->res.n; i++) {
		uint32_t k = v->res.g[v->order[i]].key[0];
		if (k <= ncodes && at[k])
			r.g[r.n++] = full.g[at[k] - 1];
	}
	free(at);
	qresult_free(&full);
	dim_name(m->s, &v->dim, name, sizeof name);
	ro.format = FMT_CSV;
	ro.metric = m->metric;
	ro.by_names = names;
	rc = m->wi.sim.active ? export_simulated(m, f, &r, &ro) : report_print(f, m->s, &r, &ro);
	qresult_free(&r);
	return rc;
}
