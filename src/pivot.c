/* pivot.c - a second dimension as columns (pivot.h): one query by both
 * dimensions, its groups laid out as a grid with exact totals. */
#include "pivot.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "text.h"
#include "xmalloc.h"

int
pivot_is_period(const struct dim *d)
{
	return d->type == DIM_PERIOD || d->type == DIM_BILLING_PERIOD;
}

/* One side of the grid (rows or columns) while it is built: the sum of each
 * code, then the codes kept in order, and where each code lands. */
struct side {
	uint32_t ncodes;
	money_t *sum;
	unsigned char *seen;
	uint32_t *order;	/* the codes seen, in display order */
	uint32_t n;
	uint32_t *pos;		/* code -> line (the Other line for a folded code) */
};

static const money_t *cmp_sum;	/* qsort has no context argument */

/* larger first (an overflowed sum is the largest), then by code */
static int
cmp_value(const void *pa, const void *pb)
{
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
	money_t x = cmp_sum[a], y = cmp_sum[b];
	if (x != y)
		return x == MONEY_NULL ? -1 : y == MONEY_NULL ? 1 : x > y ? -1 : 1;
	return a < b ? -1 : a > b;
}

static void
side_init(struct side *sd, uint32_t ncodes)
{
	memset(sd, 0, sizeof *sd);
	sd->ncodes = ncodes;
	sd->sum = xcalloc(ncodes, sizeof *sd->sum);
	sd->seen = xcalloc(ncodes, 1);
	sd->pos = xcalloc(ncodes, sizeof *sd->pos);
	sd->order = xcalloc(ncodes ? ncodes : 1, sizeof *sd->order);
}

static void
side_free(struct side *sd)
{
	free(sd->sum);
	free(sd->seen);
	free(sd->pos);
	free(sd->order);
}

/* Orders the codes seen (periods in time order, the one without a period
 * last; others by value) and folds beyond max into one Other line: the
 * earliest periods (Other first), the smallest values (Other last). Fills
 * keys (n lines) and pos; returns how many codes the Other line holds. */
static uint32_t
side_layout(struct side *sd, int period, size_t max, uint32_t **keys, size_t *nlines)
{
	uint32_t n = 0, folded = 0, *k;
	size_t lines;
	for (uint32_t c = period ? 1 : 0; c < sd->ncodes; c++)
		if (sd->seen[c])
			sd->order[n++] = c;
	if (period && sd->ncodes && sd->seen[0])
		sd->order[n++] = 0;
	if (!period) {
		cmp_sum = sd->sum;
		qsort(sd->order, n, sizeof *sd->order, cmp_value);
	}
	sd->n = n;
	if (max > 0 && n > max)
		folded = n - (uint32_t)max + 1;
	lines = n - folded + (folded ? 1 : 0);
	k = xcalloc(lines ? lines : 1, sizeof *k);
	for (uint32_t i = 0; i < n; i++) {
		uint32_t line;
		if (folded && period)	/* the earliest fold, into the first line */
			line = i < folded ? 0 : i - folded + 1;
		else
			line = folded && i >= n - folded ? (uint32_t)lines - 1 : i;
		sd->pos[sd->order[i]] = line;
		k[line] = folded && ((period && line == 0) || (!period && line == lines - 1)) ? PIVOT_OTHER :
		    sd->order[i];
	}
	*keys = k;
	*nlines = lines;
	return folded;
}

static void
add_to(money_t *sum, unsigned char *has, money_t v)
{
	*sum = *has ? money_add(*sum, v) : v;
	*has = 1;
}

void
pivot_build(const struct store *s, const struct dim *row, const struct dim *col, const struct filter *f, int nf,
    enum metric m, size_t max_rows, size_t max_cols, struct pivot *p)
{
	struct dim by[2] = {*row, *col};
	struct qresult r;
	struct side rs, cs;

	memset(p, 0, sizeof *p);
	p->row = *row;
	p->col = *col;
	p->metric = m;
	period_window(row, f, nf, &p->rfrom, &p->rto);
	period_window(col, f, nf, &p->cfrom, &p->cto);
	query_run_metric(s, by, 2, f, nf, m, &r);
	side_init(&rs, dim_ncodes(s, row));
	side_init(&cs, dim_ncodes(s, col));
	for (size_t i = 0; i < r.n; i++) {
		const struct qgroup *g = &r.g[i];
		uint32_t a = g->key[0], b = g->key[1];
		if (a >= rs.ncodes || b >= cs.ncodes)
			continue;	/* not reached: codes come from the same dimensions */
		rs.seen[a] = cs.seen[b] = 1;
		if (g->nn[m]) {
			rs.sum[a] = money_add(rs.sum[a], g->sum[m]);
			cs.sum[b] = money_add(cs.sum[b], g->sum[m]);
		}
	}
	p->rfolded = side_layout(&rs, pivot_is_period(row), max_rows, &p->rkey, &p->nrow);
	p->cfolded = side_layout(&cs, pivot_is_period(col), max_cols, &p->ckey, &p->ncol);
	p->cell = xcalloc(p->nrow * p->ncol + 1, sizeof *p->cell);
	p->has = xcalloc(p->nrow * p->ncol + 1, 1);
	p->rtot = xcalloc(p->nrow + 1, sizeof *p->rtot);
	p->rhas = xcalloc(p->nrow + 1, 1);
	p->ctot = xcalloc(p->ncol + 1, sizeof *p->ctot);
	p->chas = xcalloc(p->ncol + 1, 1);
	for (size_t i = 0; i < r.n; i++) {
		const struct qgroup *g = &r.g[i];
		size_t y, x;
		if (g->key[0] >= rs.ncodes || g->key[1] >= cs.ncodes || g->nn[m] == 0)
			continue;
		y = rs.pos[g->key[0]];
		x = cs.pos[g->key[1]];
		add_to(&p->cell[y * p->ncol + x], &p->has[y * p->ncol + x], g->sum[m]);
		add_to(&p->rtot[y], &p->rhas[y], g->sum[m]);
		add_to(&p->ctot[x], &p->chas[x], g->sum[m]);
	}
	/* the grand total is the query's own: the same sum as the level's */
	p->total = r.total.sum[m];
	p->has_total = r.total.nn[m] > 0;
	p->rows = r.total.rows;
	side_free(&rs);
	side_free(&cs);
	qresult_free(&r);
}

void
pivot_free(struct pivot *p)
{
	free(p->rkey);
	free(p->ckey);
	free(p->cell);
	free(p->has);
	free(p->rtot);
	free(p->ctot);
	free(p->rhas);
	free(p->chas);
	memset(p, 0, sizeof *p);
}

static const char *
label(const struct store *s, const struct dim *d, uint32_t key, uint32_t folded, char *buf, size_t n)
{
	if (key == PIVOT_OTHER) {
		snprintf(buf, n, "Other (%u)", folded);
		return buf;
	}
	return dim_label(s, d, key, buf, n);
}

const char *
pivot_row_label(const struct store *s, const struct pivot *p, size_t r, char *buf, size_t n)
{
	return label(s, &p->row, p->rkey[r], p->rfolded, buf, n);
}

const char *
pivot_col_label(const struct store *s, const struct pivot *p, size_t c, char *buf, size_t n)
{
	return label(s, &p->col, p->ckey[c], p->cfolded, buf, n);
}

/* cov, the data's, narrowed to the filters' window [from, to) */
static const char *
partial(const struct store *s, const struct dim *d, uint32_t key, const struct coverage *cov, int64_t from,
    int64_t to, char *buf, size_t n)
{
	struct coverage cut = *cov;
	if (!pivot_is_period(d) || key == PIVOT_OTHER || key == CODE_NULL)
		return NULL;
	period_cover_window(&cut, from, to);
	return period_whole(s, d, key, &cut, buf, n) == 0 ? buf : NULL;
}

const char *
pivot_col_partial(const struct store *s, const struct pivot *p, size_t c, const struct coverage *cov, char *buf,
    size_t n)
{
	return partial(s, &p->col, p->ckey[c], cov, p->cfrom, p->cto, buf, n);
}

const char *
pivot_row_partial(const struct store *s, const struct pivot *p, size_t r, const struct coverage *cov, char *buf,
    size_t n)
{
	return partial(s, &p->row, p->rkey[r], cov, p->rfrom, p->rto, buf, n);
}

/* ---- output ---- */

static void
csv_num(FILE *f, money_t v, int has, enum metric m)
{
	char buf[96];
	if (!has)
		return;
	if (v == MONEY_NULL) {
		fputs("overflow", f);
		return;
	}
	money_format(v, -1, metric_is_money(m) ? 2 : 0, 0, buf, sizeof buf);
	fputs(buf, f);
}

int
pivot_csv(FILE *f, const struct store *s, const struct pivot *p, const char *row_name)
{
	char buf[1024];
	text_csv(f, row_name);
	for (size_t c = 0; c < p->ncol; c++) {
		fputc(',', f);
		text_csv(f, pivot_col_label(s, p, c, buf, sizeof buf));
	}
	fputs(",Total\n", f);
	for (size_t r = 0; r <= p->nrow; r++) {
		const money_t *cells = r < p->nrow ? &p->cell[r * p->ncol] : p->ctot;
		const unsigned char *has = r < p->nrow ? &p->has[r * p->ncol] : p->chas;
		text_csv(f, r < p->nrow ? pivot_row_label(s, p, r, buf, sizeof buf) : "Total");
		for (size_t c = 0; c < p->ncol; c++) {
			fputc(',', f);
			csv_num(f, cells[c], has[c], p->metric);
		}
		fputc(',', f);
		if (r < p->nrow)
			csv_num(f, p->rtot[r], p->rhas[r], p->metric);
		else
			csv_num(f, p->total, p->has_total, p->metric);
		fputc('\n', f);
	}
	return fflush(f) != 0 || ferror(f) ? -1 : 0;
}

static void
json_num(FILE *f, money_t v, int has)
{
	char buf[96];
	if (!has || v == MONEY_NULL) {
		fputs("null", f);
		return;
	}
	money_format(v, -1, 0, 0, buf, sizeof buf);
	fputs(buf, f);
}

static void
json_line(FILE *f, const money_t *cells, const unsigned char *has, size_t n, money_t tot, int tot_has)
{
	fputs("\"cells\":[", f);
	for (size_t c = 0; c < n; c++) {
		if (c)
			fputc(',', f);
		json_num(f, cells[c], has[c]);
	}
	fputs("],\"total\":", f);
	json_num(f, tot, tot_has);
	fputc('}', f);
}

static void
print_json(FILE *f, const struct store *s, const struct pivot *p, const char *row_name, const char *col_name)
{
	struct coverage cov;
	char buf[1024], why[64];
	period_coverage(s, &cov);
	fputs("{\"rows_by\":", f);
	text_json(f, row_name);
	fputs(",\"columns_by\":", f);
	text_json(f, col_name);
	fputs(",\"metric\":", f);
	text_json(f, metric_name(p->metric));
	fputs(",\"currency\":", f);
	if (store_currency(s))
		text_json(f, store_currency(s));
	else
		fputs("null", f);
	fputs(",\"columns\":[", f);
	for (size_t c = 0; c < p->ncol; c++) {
		fputs(c ? ",{\"label\":" : "{\"label\":", f);
		text_json(f, pivot_col_label(s, p, c, buf, sizeof buf));
		if (p->ckey[c] == PIVOT_OTHER)
			fprintf(f, ",\"other\":%u", p->cfolded);
		if (pivot_col_partial(s, p, c, &cov, why, sizeof why)) {
			fputs(",\"partial\":", f);
			text_json(f, why);
		}
		fputc('}', f);
	}
	fputs("],\"rows\":[", f);
	for (size_t r = 0; r < p->nrow; r++) {
		fputs(r ? ",\n{\"label\":" : "\n{\"label\":", f);
		text_json(f, pivot_row_label(s, p, r, buf, sizeof buf));
		if (p->rkey[r] == PIVOT_OTHER)
			fprintf(f, ",\"other\":%u", p->rfolded);
		fputc(',', f);
		json_line(f, &p->cell[r * p->ncol], &p->has[r * p->ncol], p->ncol, p->rtot[r], p->rhas[r]);
	}
	fputs("],\n\"total\":{", f);
	json_line(f, p->ctot, p->chas, p->ncol, p->total, p->has_total);
	fprintf(f, ",\"Rows\":%llu}\n", (unsigned long long)p->rows);
}

static void
pad(FILE *f, int n)
{
	while (n-- > 0)
		fputc(' ', f);
}

#define PIVOT_LABEL_MAX 40

static void
mark(char *buf, size_t n)
{
	size_t l = strlen(buf);
	if (l + 1 < n) {
		buf[l] = '*';
		buf[l + 1] = '\0';
	}
}

static int
value_width(const struct store *s, const struct pivot *p, money_t v, int has)
{
	char buf[FORMAT_MAX];
	format_value(store_currency(s), p->metric, v, has, buf, sizeof buf);
	return text_width(buf);
}

/* The width of each value column (the row totals' last), and the labels'. */
static void
table_widths(const struct store *s, const struct pivot *p, const char *row_name, int *cw, int *lw,
    const struct coverage *cov, int ascii)
{
	char buf[1024], fit[1024], why[64];
	*lw = text_width(row_name) > 5 ? text_width(row_name) : 5;
	for (size_t r = 0; r < p->nrow; r++) {
		int w = text_fit(pivot_row_label(s, p, r, buf, sizeof buf), PIVOT_LABEL_MAX, fit, sizeof fit, ascii);
		w += pivot_row_partial(s, p, r, cov, why, sizeof why) ? 1 : 0;
		if (w > *lw)
			*lw = w;
	}
	for (size_t c = 0; c <= p->ncol; c++) {
		int w = c < p->ncol ? text_fit(pivot_col_label(s, p, c, buf, sizeof buf), PIVOT_LABEL_MAX, fit,
		    sizeof fit, ascii) + (pivot_col_partial(s, p, c, cov, why, sizeof why) ? 1 : 0) : 5;
		int k = c < p->ncol ? value_width(s, p, p->ctot[c], p->chas[c]) : value_width(s, p, p->total, p->has_total);
		if (k > w)
			w = k;
		for (size_t r = 0; r < p->nrow; r++) {
			k = c < p->ncol ? value_width(s, p, p->cell[r * p->ncol + c], p->has[r * p->ncol + c]) :
			    value_width(s, p, p->rtot[r], p->rhas[r]);
			if (k > w)
				w = k;
		}
		cw[c] = w;
	}
}

static void
table_line(FILE *f, const struct store *s, const struct pivot *p, const char *lbl, int lw, const int *cw,
    const money_t *cells, const unsigned char *has, money_t tot, int tot_has)
{
	char buf[FORMAT_MAX];
	fputs(lbl, f);
	pad(f, lw - text_width(lbl));
	for (size_t c = 0; c <= p->ncol; c++) {
		if (c < p->ncol)
			format_value(store_currency(s), p->metric, cells[c], has[c], buf, sizeof buf);
		else
			format_value(store_currency(s), p->metric, tot, tot_has, buf, sizeof buf);
		pad(f, 2 + cw[c] - text_width(buf));
		fputs(buf, f);
	}
	fputc('\n', f);
}

static void
print_table(FILE *f, const struct store *s, const struct pivot *p, const char *row_name, int ascii)
{
	struct coverage cov;
	char buf[1024], fit[1100], why[64];
	int lw, all, *cw = xcalloc(p->ncol + 1, sizeof *cw);
	period_coverage(s, &cov);
	table_widths(s, p, row_name, cw, &lw, &cov, ascii);
	text_fit(row_name, PIVOT_LABEL_MAX, fit, sizeof fit, ascii);
	fputs(fit, f);
	pad(f, lw - text_width(fit));
	all = lw;
	for (size_t c = 0; c <= p->ncol; c++) {
		if (c < p->ncol) {
			text_fit(pivot_col_label(s, p, c, buf, sizeof buf), PIVOT_LABEL_MAX, fit, sizeof fit, ascii);
			if (pivot_col_partial(s, p, c, &cov, why, sizeof why))
				mark(fit, sizeof fit);
		} else
			snprintf(fit, sizeof fit, "Total");
		pad(f, 2 + cw[c] - text_width(fit));
		fputs(fit, f);
		all += 2 + cw[c];
	}
	fputc('\n', f);
	for (size_t r = 0; r < p->nrow; r++) {
		text_fit(pivot_row_label(s, p, r, buf, sizeof buf), PIVOT_LABEL_MAX, fit, sizeof fit, ascii);
		if (pivot_row_partial(s, p, r, &cov, why, sizeof why))
			mark(fit, sizeof fit);
		table_line(f, s, p, fit, lw, cw, &p->cell[r * p->ncol], &p->has[r * p->ncol], p->rtot[r], p->rhas[r]);
	}
	for (int i = 0; i < all; i++)
		fputc('-', f);
	fputc('\n', f);
	table_line(f, s, p, "Total", lw, cw, p->ctot, p->chas, p->total, p->has_total);
	/* what a * means, once per partial period */
	for (size_t c = 0; c < p->ncol; c++)
		if (pivot_col_partial(s, p, c, &cov, why, sizeof why))
			fprintf(f, "* %s (%s)\n", pivot_col_label(s, p, c, buf, sizeof buf), why);
	for (size_t r = 0; r < p->nrow; r++)
		if (pivot_row_partial(s, p, r, &cov, why, sizeof why))
			fprintf(f, "* %s (%s)\n", pivot_row_label(s, p, r, buf, sizeof buf), why);
	free(cw);
}

int
pivot_print(FILE *f, const struct store *s, const struct pivot *p, enum report_format fmt, const char *row_name,
    const char *col_name, int ascii)
{
	if (fmt == FMT_CSV)
		return pivot_csv(f, s, p, row_name);
	if (fmt == FMT_JSON)
		print_json(f, s, p, row_name, col_name);
	else
		print_table(f, s, p, row_name, ascii);
	return fflush(f) != 0 || ferror(f) ? -1 : 0;
}
