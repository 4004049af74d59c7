/* cmd_report.c - `focal report`: totals grouped by dimensions, as a table,
 * CSV or JSON (report.c prints them). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "period.h"
#include "pivot.h"
#include "query.h"
#include "report.h"
#include "sqlgen.h"
#include "store.h"
#include "text.h"
#include "upfront.h"
#include "xmalloc.h"

/* Values kept as written are worth a line in a report, not an exit status. */
static void
note_kept_values(void *ctx, const char *file, enum value_dev d, uint64_t count, unsigned long line, int field)
{
	char clean[600];
	if (d != DEV_BAD_DATE && d != DEV_BAD_NUMBER && d != DEV_NOT_UTF8)
		return;
	text_sanitize(file, clean, sizeof clean, 0);
	fprintf(ctx, "focal: note: %s: %llu %s, first at line %lu column %d; see focal validate\n", clean,
	    (unsigned long long)count, d == DEV_BAD_DATE ? "invalid date-times kept as written (not used for totals)" :
	    d == DEV_NOT_UTF8 ? "values that are not UTF-8 (shown with \\xNN for each such byte)" :
	    "invalid numbers kept as written (not used for totals)", line, field);
}

static void
note_no_match(void *ctx, const char *where)
{
	char clean[600];
	(void)ctx;
	text_sanitize(where, clean, sizeof clean, 0);
	fprintf(stderr, "focal: note: --where %s matches no row\n", clean);
}

static int
list_dims(struct cli *c, struct store *s)
{
	struct dim *d;
	size_t n = dim_list(s, c->grain, &d);
	for (size_t i = 0; i < n; i++) {
		char name[300], clean[600];
		dim_name(s, &d[i], name, sizeof name);
		text_sanitize(name, clean, sizeof clean, 0);
		printf("%s\t%u\n", clean, dim_ncodes(s, &d[i]) - 1);
	}
	free(d);
	/* the values counted leave the rejected rows out: say so, as the
	 * report does */
	return cli_report_rejects(s, stderr, 20) ? EXIT_ROWS : EXIT_OK;
}

/* The group-by dimensions, and the --where filters, into by and f. */
static int
parse_query(struct cli *c, struct store *s, struct dim *by, struct filter *f, int *nf)
{
	char err[512];
	if (c->nby == 0) {
		c->by = xcalloc(1, sizeof *c->by);
		cli_default_by(s, c->grain, &c->by[c->nby++]);
	}
	if (c->nby > QUERY_MAX_BY)
		return cli_usage(NULL, "--by takes at most %d dimensions", QUERY_MAX_BY);
	for (int i = 0; i < c->nby; i++)
		if (dim_parse(s, c->by[i], c->grain, &by[i], err, sizeof err) != 0) {
			fprintf(stderr, "focal: --by %s: %s\n", c->by[i], err);
			return EXIT_USAGE;
		}
	if (cli_parse_where(s, c, f, nf, note_no_match, NULL, err, sizeof err) != 0)
		return cli_usage(NULL, "%s", err);
	return EXIT_OK;
}

/* report --sql: the SELECT over the focus table that computes the report,
 * split by unit or currency as the CSV report is */
static int
print_sql(struct cli *c, struct store *s, const struct dim *by, const struct filter *f, int nf)
{
	const char *values[CLI_MAX_WHERE + 1], *names2[QUERY_MAX_BY + 1];
	struct filter f2[CLI_MAX_WHERE + 1];
	const char *col = c->metric == M_CONSUMED ? "ConsumedUnit" : c->metric == M_PRICING ? "PricingUnit" :
	    c->currency ? NULL : "BillingCurrency";
	struct dim by2[QUERY_MAX_BY + 1], sd;
	int nby2 = c->nby, in_by = 0;
	char err[256], *sql;

	for (int i = 0; i < nf; i++) {
		values[i] = strchr(c->where[i], '=') + 1;
		f2[i] = f[i];
	}
	/* --currency: one more filter, as the report has */
	if (c->currency && dim_parse(s, "BillingCurrency", c->grain, &sd, err, sizeof err) == 0) {
		uint32_t code;
		if (dim_lookup(s, &sd, c->currency, &code) != 0)
			code = UINT32_MAX;
		f2[nf].dim = sd;
		f2[nf].lo = f2[nf].hi = code;
		values[nf++] = c->currency;
	}
	for (int i = 0; i < c->nby; i++) {
		by2[i + 1] = by[i];
		names2[i + 1] = c->by[i];
	}
	if (col && dim_parse(s, col, c->grain, &sd, err, sizeof err) == 0 && dim_ncodes(s, &sd) > 2 &&
	    c->nby < QUERY_MAX_BY) {
		for (int i = 0; i < c->nby; i++)
			in_by |= dim_equal(&by[i], &sd);
		if (!in_by) {
			by2[0] = sd;
			names2[0] = col;
			nby2++;
		}
	}
	sql = nby2 > c->nby ? sqlgen_report(s, by2, nby2, names2, f2, nf, values, c->metric, c->top) :
	    sqlgen_report(s, by, c->nby, (const char *const *)c->by, f2, nf, values, c->metric, c->top);
	fputs(sql, stdout);
	free(sql);
	return fflush(stdout) != 0 && errno != EPIPE ? EXIT_WRITE : EXIT_OK;
}

/* A period the rows cover only in part (a quarter holding one month, a
 * month to date) is said, so that its smaller total is not read as a drop. */
static void
note_partial(const struct store *s, const struct dim *by, int nby)
{
	struct coverage cov;
	char label[64], why[64];
	int any = 0;
	for (int i = 0; i < nby; i++)
		if (by[i].type == DIM_PERIOD || by[i].type == DIM_BILLING_PERIOD)
			any = 1;
	if (!any)
		return;
	period_coverage(s, &cov);
	for (int i = 0; i < nby; i++) {
		uint32_t n = by[i].type == DIM_PERIOD || by[i].type == DIM_BILLING_PERIOD ? dim_ncodes(s, &by[i]) : 0;
		for (uint32_t c = 1; c < n; c++)
			if (period_whole(s, &by[i], c, &cov, why, sizeof why) == 0)
				fprintf(stderr, "focal: note: %s is partial: the rows cover %s of it\n",
				    dim_label(s, &by[i], c, label, sizeof label), why);
	}
}

/* ListCost and ContractedCost count an upfront purchase twice (upfront.h):
 * said whenever one of them is the metric asked for. */
static void
note_upfront(const struct store *s, const struct filter *f, int nf, enum metric m)
{
	struct upfront up;
	char note[256];
	upfront_find(s, f, nf, m, &up);
	upfront_note(s, m, &up, note, sizeof note);
	if (note[0])
		fprintf(stderr, "focal: note: %s: on the purchase row and again on the rows "
		    "amortising it (FOCUS: a Purchase covering future charges has EffectiveCost 0, its "
		    "amortisation rows carry %s too; EffectiveCost counts it once)\n", note, metric_name(m));
}

/* One report: the groups of the rows that pass the filters. With head: says
 * nothing and returns -1 when no row passes; else prints head first. */
static int
report_section(struct cli *c, struct store *s, const struct dim *by, int nby, const struct filter *f, int nf,
    const struct report_opts *ro, const char *head)
{
	struct qresult r;
	int rc = EXIT_OK;

	query_run(s, by, nby, f, nf, &r);
	if (head && r.total.rows == 0) {
		qresult_free(&r);
		return -1;
	}
	if (head)
		fputs(head, stdout);
	qresult_sort(s, &r, c->metric, QSORT_VALUE, 0);
	if (c->top > 0)
		qresult_top(&r, (size_t)c->top);
	if (report_print(stdout, s, &r, ro) != 0 && errno != EPIPE) {
		fprintf(stderr, "focal: writing the report: %s\n", strerror(errno));
		rc = EXIT_WRITE;
	}
	qresult_free(&r);
	return rc;
}

/* CSV: col as the first column of the one report (unless --by has it). */
static int
split_csv(struct cli *c, struct store *s, const struct dim *by, const struct dim *sd, const struct filter *f,
    int nf, const struct report_opts *ro, const char *col, uint32_t n)
{
	struct dim by2[QUERY_MAX_BY + 1];
	const char *names[QUERY_MAX_BY + 1];
	struct report_opts one = *ro;

	one.unit_in_by = strcmp(col, "BillingCurrency") != 0;
	for (int i = 0; i < c->nby; i++)
		if (dim_equal(&by[i], sd))
			return report_section(c, s, by, c->nby, f, nf, &one, NULL);
	if (c->nby >= QUERY_MAX_BY)
		return cli_usage("report", "%u values of %s: give at most %d --by dimensions (%s is added)", n, col,
		    QUERY_MAX_BY - 1, col);
	by2[0] = *sd;
	names[0] = col;
	for (int i = 0; i < c->nby; i++) {
		by2[i + 1] = by[i];
		names[i + 1] = c->by[i];
	}
	one.by_names = names;
	return report_section(c, s, by2, c->nby + 1, f, nf, &one, NULL);
}

/* Money in different currencies is never added, nor quantities in different
 * units: col is BillingCurrency (pick: --currency) or the metric's unit
 * column. With more than one value, CSV gets col as its first column, and a
 * table or JSON one report (with its total and shares) per value. f has room
 * for one more filter. */
static int
report_split(struct cli *c, struct store *s, const struct dim *by, struct filter *f, int nf,
    const struct report_opts *ro, const char *col, const char *pick)
{
	struct dim sd;
	char err[256], label[256], clean[600];
	uint32_t n, code;
	int rc = EXIT_OK, shown = 0;

	if (dim_parse(s, col, c->grain, &sd, err, sizeof err) != 0) {
		if (pick)
			fprintf(stderr, "focal: note: --currency: the data has no %s column\n", col);
		return report_section(c, s, by, c->nby, f, nf, ro, NULL);
	}
	n = dim_ncodes(s, &sd) - 1;
	if (pick) {
		if (dim_lookup(s, &sd, pick, &code) != 0) {
			text_sanitize(pick, clean, sizeof clean, 0);
			fprintf(stderr, "focal: --currency %s: no row has this %s\n", clean, col);
			return EXIT_USAGE;
		}
		f[nf].dim = sd;
		f[nf].lo = f[nf].hi = code;
		return report_section(c, s, by, c->nby, f, nf + 1, ro, NULL);
	}
	if (n < 2)
		return report_section(c, s, by, c->nby, f, nf, ro, NULL);
	if (strcmp(col, "BillingCurrency") == 0)
		fprintf(stderr, "focal: note: %u billing currencies: each is totalled apart (--currency picks one)\n", n);
	else
		fprintf(stderr, "focal: note: %u values of %s: quantities are added and shared within each\n", n, col);
	if (ro->format == FMT_CSV)
		return split_csv(c, s, by, &sd, f, nf, ro, col, n);
	if (ro->format == FMT_JSON)
		printf("{\"%s\":[", strcmp(col, "BillingCurrency") == 0 ? "currencies" : "units");
	/* code 0 holds the rows where col is NULL: shown too when there are any */
	for (code = 0; code <= n && rc == EXIT_OK; code++) {
		char head[700];
		int r;
		text_sanitize(code ? dim_label(s, &sd, code, label, sizeof label) : "(null)", clean, sizeof clean, 0);
		if (ro->format == FMT_JSON)
			snprintf(head, sizeof head, "%s", shown ? "," : "");
		else
			snprintf(head, sizeof head, "%s%s %s\n", shown ? "\n" : "", col, clean);
		f[nf].dim = sd;
		f[nf].lo = f[nf].hi = code;
		r = report_section(c, s, by, c->nby, f, nf + 1, ro, head);
		if (r >= 0) {
			shown = 1;
			rc = r;
		}
	}
	if (ro->format == FMT_JSON)
		fputs("]}\n", stdout);
	return rc;
}

/* --pivot: the quantities under the filters in more than one unit are not
 * added either. Returns the number of units (0: none). */
static uint32_t
pivot_units(struct cli *c, struct store *s, const struct filter *f, int nf, char *col, size_t n)
{
	struct dim ud;
	struct qresult r;
	char err[256];
	uint32_t k = 0;
	snprintf(col, n, "%s", c->metric == M_CONSUMED ? "ConsumedUnit" : "PricingUnit");
	if (dim_parse(s, col, c->grain, &ud, err, sizeof err) != 0)
		return 0;
	query_run(s, &ud, 1, f, nf, &r);
	for (size_t i = 0; i < r.n; i++)
		k += r.g[i].key[0] != CODE_NULL;
	qresult_free(&r);
	return k;
}

/* One pivot of the rows passing f; head printed first (table sections). */
static int
pivot_section(struct cli *c, struct store *s, const struct dim *by, const struct dim *col, const struct filter *f,
    int nf, const char *head)
{
	struct pivot p;
	size_t top = c->top > 0 ? (size_t)c->top : 0;
	int rc = EXIT_OK;
	pivot_build(s, by, col, f, nf, c->metric, top, top, &p);
	if (head)
		fputs(head, stdout);
	if (pivot_print(stdout, s, &p, c->format, c->by[0], c->pivot, c->ascii) != 0 && errno != EPIPE) {
		fprintf(stderr, "focal: writing the report: %s\n", strerror(errno));
		rc = EXIT_WRITE;
	}
	pivot_free(&p);
	return rc;
}

/* report --pivot DIM: the --by dimension as rows, DIM as columns. Money in
 * different currencies is never added: a table prints one pivot per
 * currency, CSV and JSON want --currency. f has room for one more filter. */
static int
report_pivot(struct cli *c, struct store *s, const struct dim *by, struct filter *f, int nf)
{
	struct dim col, cd;
	char err[512], label[256], clean[600], unit[32];
	uint32_t n = 0, code;
	int rc = EXIT_OK, shown = 0;

	if (c->nby != 1)
		return cli_usage("report", "--pivot takes one --by dimension (the rows), not %d", c->nby);
	if (c->sql)
		return cli_usage("report", "--sql prints no pivot: leave out --pivot");
	if (dim_parse(s, c->pivot, c->grain, &col, err, sizeof err) != 0) {
		fprintf(stderr, "focal: --pivot %s: %s\n", c->pivot, err);
		return EXIT_USAGE;
	}
	if (dim_equal(&col, &by[0]))
		return cli_usage("report", "--pivot %s is the --by dimension: pick another", c->pivot);
	if (!metric_is_money(c->metric) && pivot_units(c, s, f, nf, unit, sizeof unit) > 1)
		return cli_usage("report", "the rows have %s in more than one %s: quantities in different units are "
		    "not added (add --where %s=UNIT)", metric_name(c->metric), unit, unit);
	note_partial(s, &col, 1);
	if (!metric_is_money(c->metric) || dim_parse(s, "BillingCurrency", c->grain, &cd, err, sizeof err) != 0)
		return pivot_section(c, s, by, &col, f, nf, NULL);
	n = dim_ncodes(s, &cd) - 1;
	if (c->currency) {
		if (dim_lookup(s, &cd, c->currency, &code) != 0) {
			text_sanitize(c->currency, clean, sizeof clean, 0);
			fprintf(stderr, "focal: --currency %s: no row has this BillingCurrency\n", clean);
			return EXIT_USAGE;
		}
		f[nf].dim = cd;
		f[nf].lo = f[nf].hi = code;
		return pivot_section(c, s, by, &col, f, nf + 1, NULL);
	}
	if (n < 2)
		return pivot_section(c, s, by, &col, f, nf, NULL);
	if (c->format != FMT_TABLE)
		return cli_usage("report", "%u billing currencies: a pivot as CSV or JSON takes --currency CODE "
		    "(money in different currencies is never added)", n);
	fprintf(stderr, "focal: note: %u billing currencies: each is totalled apart (--currency picks one)\n", n);
	for (code = 0; code <= n && rc == EXIT_OK; code++) {
		struct qresult r;
		char head[700];
		f[nf].dim = cd;
		f[nf].lo = f[nf].hi = code;
		query_run(s, NULL, 0, f, nf + 1, &r);
		if (r.total.rows) {
			text_sanitize(code ? dim_label(s, &cd, code, label, sizeof label) : "(null)", clean, sizeof clean, 0);
			snprintf(head, sizeof head, "%sBillingCurrency %s\n", shown ? "\n" : "", clean);
			rc = pivot_section(c, s, by, &col, f, nf + 1, head);
			shown = 1;
		}
		qresult_free(&r);
	}
	return rc;
}

/* The report of c (c parsed): also what the explorer prints when it cannot
 * run. */
int
cmd_report(struct cli *c)
{
	struct store *s;
	struct dim by[QUERY_MAX_BY];
	struct filter f[CLI_MAX_WHERE + 1];	/* and the currency or unit */
	struct report_opts ro = {0};
	int nf = 0, rc = cli_load(c, &s, NULL);

	if (rc != EXIT_OK)
		cli_report_rejects(s, stderr, 20);
	else if (c->list_dims)
		rc = list_dims(c, s);
	else if ((rc = parse_query(c, s, by, f, &nf)) == EXIT_OK && c->sql && !c->pivot)
		rc = print_sql(c, s, by, f, nf);
	else if (rc == EXIT_OK) {
		ro.format = c->format;
		ro.metric = c->metric;
		ro.ascii = c->ascii;
		ro.by_names = (const char *const *)c->by;
		if (c->pivot)
			rc = report_pivot(c, s, by, f, nf);
		else if (c->metric == M_CONSUMED || c->metric == M_PRICING)
			rc = report_split(c, s, by, f, nf, &ro, c->metric == M_CONSUMED ? "ConsumedUnit" : "PricingUnit",
			    NULL);
		else
			rc = report_split(c, s, by, f, nf, &ro, "BillingCurrency", c->currency);
		note_partial(s, by, c->nby);
		note_upfront(s, f, nf, c->metric);
		store_each_note(s, cli_print_note, stderr);
		store_each_deviation(s, note_kept_values, stderr);
		if (cli_report_rejects(s, stderr, 20) && rc == EXIT_OK)
			rc = EXIT_ROWS;
	}
	store_free(s);
	return rc;
}

static int
run(int argc, char **argv)
{
	return cli_run(argc, argv, cmd_report);
}

const struct cmd_entry cmd_report_entry = {
	"report", "[OPTION]... FILE...", "print totals grouped by dimensions", run,
};
