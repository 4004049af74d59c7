/* fuzz_wh_answer.c - what focal reads from a warehouse (ClickHouse's HTTP
 * interface), fed directly, without curl:
 *   mode 0: a report's answer, wh_report_read (TSV rows of labels, sums,
 *           counts and units into a struct qresult and its label table),
 *           then sorted, cut to a top and printed as `focal report URL` does;
 *   mode 1: TSV rows, warehouse_tsv_row (the reader of every answer);
 *   mode 2: an error body, warehouse_error_text.
 * Input: a byte (mode = b % 3; the number of --by dimensions = b / 3 % 5,
 * the first of them a tag when b & 0x80; the report format), then the answer.
 *
 * Beyond the sanitizers: groups printed back as TSV read back the same
 * (labels, exact sums, counts, units), and the total is the groups' sum; TSV
 * fields escaped again by wh_buf_tsv read back the same; an error is one
 * line, the body itself when that is one short line without ClickHouse's
 * markers. */
#include "fuzz_common.h"

#include "warehouse.h"
#include "wh_report.h"

#define MAXF 64

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	return 0;
}

static void
put_count(struct wh_buf *b, uint64_t n)
{
	char num[32];
	snprintf(num, sizeof num, "\t%llu", (unsigned long long)n);
	wh_buf_str(b, num);
}

/* The groups as the server would send them. */
static char *
print_groups(const struct store *ls, const struct qresult *r)
{
	struct wh_buf b = {NULL, 0, 0};
	static const char *const unit_cols[2] = {"ConsumedUnit", "PricingUnit"};
	wh_buf_str(&b, "");
	for (size_t i = 0; i < r->n; i++) {
		const struct qgroup *g = &r->g[i];
		for (int k = 0; k < r->nby; k++) {
			if (k)
				wh_buf_str(&b, "\t");
			wh_buf_tsv(&b, store_label(ls, r->by[k].idx, g->key[k]));
		}
		for (int m = 0; m < M_COUNT; m++) {
			char num[96];
			if (g->sum[m] == MONEY_NULL)
				snprintf(num, sizeof num, "1e40");	/* out of range: overflow again */
			else
				money_format(g->sum[m], -1, 0, 0, num, sizeof num);
			wh_buf_str(&b, r->nby || m ? "\t" : "");
			wh_buf_str(&b, num);
			put_count(&b, g->nn[m]);
		}
		put_count(&b, g->rows);
		for (int u = 0; u < 2; u++) {
			uint32_t c = g->unit[u];
			put_count(&b, c == CODE_NULL ? 0 : c == UINT32_MAX ? 2 : 1);
			wh_buf_str(&b, "\t");
			/* mixed: the server's count of distinct units, and one of them */
			wh_buf_tsv(&b, c == CODE_NULL ? NULL : c == UINT32_MAX ? "any" :
			    store_label(ls, store_find_column(ls, unit_cols[u]), c));
		}
		wh_buf_str(&b, "\n");
	}
	return b.p;
}

static void
check_same(const struct store *la, const struct qresult *a, const struct store *lb, const struct qresult *b)
{
	FZ_CHECK(a->n == b->n, "%zu groups read back as %zu", a->n, b->n);
	for (size_t i = 0; i < a->n; i++) {
		const struct qgroup *x = &a->g[i], *y = &b->g[i];
		for (int k = 0; k < a->nby; k++) {
			const char *l = store_label(la, a->by[k].idx, x->key[k]), *m = store_label(lb, b->by[k].idx, y->key[k]);
			FZ_CHECK((l == NULL) == (m == NULL) && (!l || !strcmp(l, m)), "group %zu key %d", i, k);
		}
		FZ_CHECK(!memcmp(x->sum, y->sum, sizeof x->sum) && !memcmp(x->nn, y->nn, sizeof x->nn) &&
		    x->rows == y->rows, "group %zu: sums or counts", i);
		for (int u = 0; u < 2; u++)
			FZ_CHECK((x->unit[u] == CODE_NULL) == (y->unit[u] == CODE_NULL) &&
			    (x->unit[u] == UINT32_MAX) == (y->unit[u] == UINT32_MAX), "group %zu unit %d", i, u);
	}
}

static void
report(uint8_t how, char *text)
{
	static char *cur[2] = {"USD", "EUR"};
	static const char *const names[QUERY_MAX_BY] = {"tag:area", "ServiceName", "period", "SkuId"};
	struct wh_dim by[QUERY_MAX_BY] = {{DIM_COLUMN, NULL, GRAIN_MONTH, 0}};
	int nby = how / 3 % (QUERY_MAX_BY + 1), rc;
	struct store *ls, *ls2;
	struct qresult r, r2;
	struct report_opts ro = {0};
	money_t sum[M_COUNT] = {0};
	char *again;

	for (int i = 0; i < nby; i++)
		by[i] = (struct wh_dim){i == 0 && (how & 0x80) ? DIM_TAG : DIM_COLUMN, NULL, GRAIN_MONTH, 0};
	rc = wh_report_read(text, by, nby, cur, 1 + (how >> 6 & 1), &ls, &r);
	for (size_t i = 0; i < r.n; i++)
		for (int m = 0; m < M_COUNT; m++)
			sum[m] = money_add(sum[m], r.g[i].sum[m]);
	FZ_CHECK(!memcmp(sum, r.total.sum, sizeof sum), "the total is not the groups' sum");
	if (r.n > 0) {	/* (a label table costs an SQLite connection) */
		again = print_groups(ls, &r);
		FZ_CHECK(wh_report_read(again, by, nby, cur, 1, &ls2, &r2) == 0, "printed groups do not read back:\n%s",
		    again);
		check_same(ls, &r, ls2, &r2);
		free(again);
		qresult_free(&r2);
		store_free(ls2);
	}
	(void)rc;
	qresult_sort(ls, &r, (enum metric)(how % M_COUNT), (enum qsort_key)(how % 3), how & 1);
	if (how & 0x20)
		qresult_top(&r, 3);
	ro.format = (enum report_format)(how / 5 % 3);
	ro.by_names = names;
	report_print(fz_null(), ls, &r, &ro);
	qresult_free(&r);
	store_free(ls);
}

static void
tsv(char *text)
{
	char *p = text, *f[MAXF];
	int k;
	while ((k = warehouse_tsv_row(&p, f, MAXF)) >= 0) {
		struct wh_buf b = {NULL, 0, 0};
		char *q, *g[MAXF];
		int n = k < MAXF ? k : MAXF;
		wh_buf_str(&b, "");
		for (int i = 0; i < n; i++) {
			if (i)
				wh_buf_str(&b, "\t");
			wh_buf_tsv(&b, f[i]);
		}
		wh_buf_str(&b, "\n");
		q = b.p;
		FZ_CHECK(warehouse_tsv_row(&q, g, MAXF) == n && *q == '\0', "fields escaped again: not %d: %s", n, b.p);
		for (int i = 0; i < n; i++)
			FZ_CHECK((f[i] == NULL) == (g[i] == NULL) && (!f[i] || !strcmp(f[i], g[i])), "field %d: %s", i, b.p);
		free(b.p);
	}
}

static void
error_text(const char *text)
{
	char buf[700];
	size_t len = strlen(text);
	warehouse_error_text(text, buf, sizeof buf);
	FZ_CHECK(!strchr(buf, '\n'), "the error is more than a line: %s", buf);
	if (len && len <= 600 && !strchr(text, '\n') && !strstr(text, ", e.what() = ") &&
	    !strstr(text, "e.displayText() = "))
		FZ_CHECK(!strcmp(buf, text), "'%s' said as '%s'", text, buf);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text;
	if (size == 0)
		return 0;
	text = xmalloc(size);
	memcpy(text, data + 1, size - 1);
	text[size - 1] = '\0';	/* as warehouse_exec hands it on */
	switch (data[0] % 3) {
	case 0:
		report(data[0], text);
		break;
	case 1:
		tsv(text);
		break;
	default:
		error_text(text);
		break;
	}
	free(text);
	return 0;
}
