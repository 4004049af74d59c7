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
#include "range.h"
#include "report.h"
#include "sqlgen.h"
#include "store.h"
#include "text.h"
#include "upfront.h"
#include "warehouse.h"
#include "xmalloc.h"

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
		printf("%s\t%u\n", clean, dim_nvalues(s, &d[i]));
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
	const char *values[CLI_MAX_WHERE + 2], *names2[QUERY_MAX_BY + 1];
	struct filter f2[CLI_MAX_WHERE + 2];
	const char *col = c->metric == M_CONSUMED ? "ConsumedUnit" : c->metric == M_PRICING ? "PricingUnit" :
	    c->currency ? NULL : "BillingCurrency";
	struct dim by2[QUERY_MAX_BY + 1], sd;
	int nby2 = c->nby, in_by = 0;
	char err[256], *sql;

	for (int i = 0; i < nf; i++) {
		values[i] = i < c->nwhere ? cli_where_value(c->where[i]) : NULL;
		f2[i] = f[i];
	}
	/* --currency: one more filter, as the report has */
	if (c->currency && dim_parse(s, "BillingCurrency", c->grain, &sd, err, sizeof err) == 0) {
		uint32_t code;
		if (dim_lookup(s, &sd, c->currency, &code) != 0)
			code = UINT32_MAX;
		f2[nf].dim = sd;
		f2[nf].lo = f2[nf].hi = code;
		f2[nf].exclude = 0;
		f2[nf].timed = 0;
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

/* report_section for --compare: the groups over the two ranges. */
static int
compare_section(struct cli *c, struct store *s, const struct dim *by, int nby, const struct filter *f, int nf,
    const struct report_opts *ro, const char *head)
{
	struct cmp_result r;
	int rc = EXIT_OK;

	compare_run(s, by, nby, f, nf, ro->cmp_prev, ro->cmp_cur, c->metric, &r);
	if (head && r.n == 0) {
		compare_free(&r);
		return -1;
	}
	if (head)
		fputs(head, stdout);
	compare_sort(s, &r, ro->cmp_sort, ro->cmp_reverse);
	if (c->top > 0)
		compare_top(&r, (size_t)c->top);
	if (report_compare_print(stdout, s, &r, ro) != 0 && errno != EPIPE) {
		fprintf(stderr, "focal: writing the report: %s\n", strerror(errno));
		rc = EXIT_WRITE;
	}
	compare_free(&r);
	return rc;
}

/* One report: the groups of the rows that pass the filters. With head: says
 * nothing and returns -1 when no row passes; else prints head first. */
static int
report_section(struct cli *c, struct store *s, const struct dim *by, int nby, const struct filter *f, int nf,
    const struct report_opts *ro, const char *head)
{
	struct qresult r;
	int rc = EXIT_OK, k;

	if (ro->cmp_prev)
		return compare_section(c, s, by, nby, f, nf, ro, head);
	query_run(s, by, nby, f, nf, &r);
	if (head && r.total.rows == 0) {
		qresult_free(&r);
		return -1;
	}
	if (head)
		fputs(head, stdout);
	/* a series by period in time order (within each currency a CSV adds
	 * first), unless --top asks for the largest */
	k = ro->split_first;
	qresult_sort(s, &r, c->metric,
	    c->top <= 0 && nby > k && pivot_is_period(&by[k]) ? QSORT_FIRST : QSORT_VALUE, 0);
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
	one.split_first = 1;
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
	int rc = EXIT_OK, shown = 0, is_cur = strcmp(col, "BillingCurrency") == 0;
	struct report_opts one = *ro;	/* each part says its currency */

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
		f[nf].exclude = 0;
		f[nf].timed = 0;
		one.currency = is_cur ? pick : NULL;
		return report_section(c, s, by, c->nby, f, nf + 1, &one, NULL);
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
	/* code 0 holds the rows where col is NULL: shown too when there are any;
	 * then the values in their order (not the order the files had them) */
	uint32_t *order = dim_sorted_codes(s, &sd, n);
	for (uint32_t i = 0; i <= n && rc == EXIT_OK; i++) {
		char head[700];
		int r;
		code = order[i];
		text_sanitize(code ? dim_label(s, &sd, code, label, sizeof label) : "(null)", clean, sizeof clean, 0);
		if (ro->format == FMT_JSON)
			snprintf(head, sizeof head, "%s", shown ? "," : "");
		else
			snprintf(head, sizeof head, "%s%s %s\n", shown ? "\n" : "", col, clean);
		f[nf].dim = sd;
		f[nf].lo = f[nf].hi = code;
		f[nf].exclude = 0;
		f[nf].timed = 0;
		one.currency = is_cur && code ? label : NULL;
		r = report_section(c, s, by, c->nby, f, nf + 1, &one, head);
		if (r >= 0) {
			shown = 1;
			rc = r;
		}
	}
	free(order);
	if (ro->format == FMT_JSON)
		fputs("]}\n", stdout);
	return rc;
}

/* --from, --to, --range and --compare: the window as one more filter, or the
 * two windows of a comparison (in x, pointed to by ro). */
struct window {
	struct filter prev, cur;
	char labels[2][64], days[4][16];
};

static void
window_days(const struct range *r, char *from, char *to)
{
	char l[64], *dots;
	range_label(r, l, sizeof l);
	dots = strstr(l, "..");
	snprintf(from, 16, "%.*s", dots ? (int)(dots - l) : 0, l);
	snprintf(to, 16, "%s", dots ? dots + 2 : "");
}

static int
parse_window(struct cli *c, struct store *s, struct filter *f, int *nf, struct report_opts *ro, struct window *w)
{
	struct coverage cov;
	struct range r;
	struct range_cmp rc;
	char err[300], a[64], b[16], unused[16];
	int fy = c->fy_month ? c->fy_month : 1;

	if (c->range && (c->from || c->to))
		return cli_usage("report", "give either --range or --from/--to");
	if (c->sort_set && !c->compare)
		return cli_usage("report", "--sort orders a --compare report (a report is sorted by value)");
	if (!c->range && !c->from && !c->to && !c->compare)
		return EXIT_OK;
	if (c->sql && c->compare)
		return cli_usage("report", "--sql prints one SELECT: it does not take --compare");
	if (c->pivot && c->compare)
		return cli_usage("report", "--pivot and --compare: give one (the pivot's columns are the periods)");
	period_coverage(s, &cov);
	if ((c->range ? range_parse(c->range, c->grain, fy, &cov, &r, err, sizeof err) :
	    c->from || c->to ? range_from_to(c->from, c->to, &r, err, sizeof err) :
	    range_parse("last1", c->grain, fy, &cov, &r, err, sizeof err)) != 0)
		return cli_usage("report", "%s %s", c->range ? "--range" : c->from || c->to ? "--from/--to" : "--compare",
		    err);
	if (!c->compare) {
		if (r.start == DATE_NULL && r.end == DATE_NULL)
			return EXIT_OK;	/* all */
		if (range_filter(s, &r, &f[*nf]) != 0)
			return cli_usage("report", "the data has no ChargePeriodStart to take a range of");
		range_label(&r, a, sizeof a);
		fprintf(stderr, "focal: note: range %s, by ChargePeriodStart\n", a);
		(*nf)++;
		return EXIT_OK;
	}
	if (range_compare(&r, &cov, &rc) != 0 || range_filter(s, &rc.cur, &w->cur) != 0)
		return cli_usage("report", "--compare: the data has no charge periods to compare");
	range_filter(s, &rc.prev, &w->prev);
	range_label(&rc.prev, w->labels[0], sizeof w->labels[0]);
	range_label(&rc.cur, w->labels[1], sizeof w->labels[1]);
	window_days(&rc.prev, w->days[0], w->days[1]);
	window_days(&rc.cur, w->days[2], w->days[3]);
	if (rc.cut)
		fprintf(stderr, "focal: note: the data ends on %s, inside the range: the previous range is cut at the "
		    "same point (%s), like for like\n", w->days[3], w->labels[0]);
	if (rc.prev_partial) {
		window_days(&(struct range){cov.start, cov.start + 1, 0}, b, unused);
		fprintf(stderr, "focal: note: the data starts on %s, inside the previous range %s: its figures are "
		    "partial\n", b, w->labels[0]);
	}
	ro->cmp_prev = &w->prev;
	ro->cmp_cur = &w->cur;
	ro->cmp_labels[0] = w->labels[0];
	ro->cmp_labels[1] = w->labels[1];
	for (int i = 0; i < 4; i++)
		ro->cmp_days[i] = w->days[i];
	ro->cmp_sort = c->sort_set ? (enum cmp_sort)c->cmp_sort : CMP_CHANGE;
	return EXIT_OK;
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
	/* N groups and the Other line, as --top in a plain report (pivot_build
	 * counts the Other line among its lines) */
	size_t top = c->top > 0 ? (size_t)c->top + 1 : 0;
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
	cli_note_partial(s, &col, 1, f, nf);
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
		f[nf].exclude = 0;
		f[nf].timed = 0;
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
		f[nf].exclude = 0;
		f[nf].timed = 0;
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
	struct filter f[CLI_MAX_WHERE + 2];	/* and the range, and the currency or unit */
	struct report_opts ro = {0};
	struct window w;
	int nf = 0, rc;

	int table = c->nfiles == 1 && warehouse_is_url(c->files[0]);

	/* a table: one SELECT for a plain report; what only the files' report
	 * has (--compare, a range, a pivot, --list-dims) through the engine */
	if (table && !(c->compare || c->range || c->from || c->to || c->list_dims || c->pivot))
		return cmd_report_warehouse(c);
	if (table && c->sql)
		return cli_usage("report", "--sql prints the SELECT of a plain report on a table (without --compare, "
		    "--range, --from, --to, --pivot)");
	if (c->nfiles > 1 && warehouse_is_url(c->files[0]))
		return cmd_report_warehouse(c);	/* says one table alone */
	rc = table ? cli_load_table(c, &s) : cli_load(c, &s, NULL);
	if (rc != EXIT_OK)
		cli_report_rejects(s, stderr, 20);
	else if (c->list_dims)
		rc = list_dims(c, s);
	else if ((rc = parse_query(c, s, by, f, &nf)) == EXIT_OK &&
	    (rc = parse_window(c, s, f, &nf, &ro, &w)) == EXIT_OK && c->sql && !c->pivot)
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
		cli_note_partial(s, by, c->nby, f, nf);
		note_upfront(s, f, nf, c->metric);
		/* money in several currencies: report_split and report_pivot said
		 * it, with the option that picks one */
		cli_print_notes(s, !(c->currency || c->metric == M_CONSUMED || c->metric == M_PRICING));
		if (cli_report_rejects(s, stderr, 20) && rc == EXIT_OK)
			rc = EXIT_ROWS;
	}
	if (table) {
		int t = cli_table_status(s);	/* a request that failed: said, and the exit */
		if (t != EXIT_OK)
			rc = t;
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
