/* cmd_report_wh.c - `focal report ... clickhouse://HOST:PORT/DB.TABLE`: the
 * report grouped by the warehouse (wh_report.h) and printed by the one
 * printer (report.h), so that the same rows give the same bytes from a file
 * and from a table. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "report.h"
#include "settings.h"
#include "store.h"
#include "text.h"
#include "warehouse.h"
#include "wh_report.h"
#include "xmalloc.h"

struct req {
	struct wh w;
	struct wh_table t;
	struct wh_dim by[QUERY_MAX_BY];
	int nby;
	struct wh_filter f[CLI_MAX_WHERE + 1];
	int nf;
	char **cur;	/* the table's billing currencies, in order */
	int ncur;
};

static void
req_free(struct req *q)
{
	for (int i = 0; i < q->nby; i++)
		wh_dim_free(&q->by[i]);
	for (int i = 0; i < q->nf; i++) {
		wh_dim_free(&q->f[i].dim);
		free(q->f[i].value);
	}
	warehouse_free_list(q->cur, q->ncur);
	wh_table_free(&q->t);
}

/* One table, alone (--compare, a range, --pivot and --list-dims go through
 * the warehouse engine: cmd_report.c). */
static int
refuse_options(const struct cli *c)
{
	if (c->nfiles != 1)
		return cli_usage("report", "one warehouse table at a time, and no file beside it");
	return EXIT_OK;
}

/* --by (default ServiceName) and --where, over the table's columns. */
static int
parse_request(struct cli *c, struct req *q)
{
	char err[700];
	if (c->nby == 0) {
		c->by = xcalloc(1, sizeof *c->by);
		c->by[c->nby++] = xstrdup("ServiceName");
	}
	if (c->nby > QUERY_MAX_BY)
		return cli_usage(NULL, "--by takes at most %d dimensions", QUERY_MAX_BY);
	for (; q->nby < c->nby; q->nby++)
		if (wh_dim_parse(&q->t, c->by[q->nby], c->grain, &q->by[q->nby], err, sizeof err) != 0) {
			cli_say("--by %s: %s", c->by[q->nby], err);
			return EXIT_USAGE;
		}
	if (c->nwhere > CLI_MAX_WHERE)
		return cli_usage(NULL, "at most %d --where filters", CLI_MAX_WHERE);
	for (; q->nf < c->nwhere; q->nf++)
		if (wh_filter_parse(&q->t, c->where[q->nf], c->grain, &q->f[q->nf], err, sizeof err) != 0)
			return cli_usage(NULL, "%s", err);
	return EXIT_OK;
}

/* Quantities in two units are never added: the report over files prints
 * one report per unit; this one asks for one until it does the same. */
static int
one_unit(struct cli *c, struct req *q)
{
	char err[1200], **units;
	int nunits;
	const char *ucol = c->metric == M_CONSUMED ? "ConsumedUnit" : "PricingUnit";

	if (wh_distinct(&q->w, &q->t, ucol, q->f, q->nf, &units, &nunits, err, sizeof err) != 0) {
		cli_say("%s", err);
		return EXIT_FILE;
	}
	warehouse_free_list(units, nunits);
	if (nunits > 1)
		return cli_usage("report", "%d values of %s in the rows asked for: a report of %s over a warehouse "
		    "table in more than one unit is not done yet (--where %s=UNIT narrows it)", nunits, ucol,
		    metric_name(c->metric), ucol);
	return EXIT_OK;
}

/* One more filter: col = value. */
static void
add_filter(struct req *q, const char *col, enum grain g, const char *value)
{
	q->f[q->nf].dim = (struct wh_dim){DIM_COLUMN, xstrdup(col), g, 0, NULL};
	strcpy(q->f[q->nf].op, "=");
	q->f[q->nf++].value = xstrdup(value);
}

/* One report: the groups of by[nby] under q's filters, printed. With head,
 * nothing is printed for no rows (-1) and head comes first. */
static int
run_report(struct cli *c, struct req *q, const struct wh_dim *by, int nby, const struct report_opts *opts,
    char *const *cur, int ncur, const char *head)
{
	struct report_opts ro = *opts;
	struct store *ls = NULL;
	struct qresult r;
	char err[1200];
	int rc = EXIT_OK;

	if (wh_report_run(&q->w, &q->t, by, nby, q->f, q->nf, cur, ncur, &ls, &r, err, sizeof err) != 0) {
		cli_warehouse_wait_clear();
		cli_say("%s", err);
		rc = EXIT_FILE;
	} else if (head && r.total.rows == 0)
		rc = -1;
	else {
		if (head)
			fputs(head, stdout);
		/* as the report on files: a series by period in time order
		 * (its labels sort so), unless --top asks for the largest */
		qresult_sort(ls, &r, c->metric,
		    c->top <= 0 && nby > 0 && (by[0].type == DIM_PERIOD || by[0].type == DIM_BILLING_PERIOD) ?
		    QSORT_FIRST : QSORT_VALUE, 0);
		if (c->top > 0)
			qresult_top(&r, (size_t)c->top);
		cli_warehouse_wait_clear();
		if (report_print(stdout, ls, &r, &ro) != 0 && errno != EPIPE) {
			cli_say("writing the report: %s", strerror(errno));
			rc = EXIT_WRITE;
		}
	}
	qresult_free(&r);
	store_free(ls);
	return rc;
}

/* CSV with two currencies or more: BillingCurrency as the first column of
 * the one report (unless --by has it), as the report over files prints it. */
static int
split_csv(struct cli *c, struct req *q, struct report_opts *ro)
{
	struct wh_dim by2[QUERY_MAX_BY + 1];
	const char *names[QUERY_MAX_BY + 1];
	int rc;

	for (int i = 0; i < q->nby; i++)
		if (q->by[i].type == DIM_COLUMN && strcmp(q->by[i].col, "BillingCurrency") == 0)
			return run_report(c, q, q->by, q->nby, ro, q->cur, q->ncur, NULL);
	if (q->nby >= QUERY_MAX_BY)
		return cli_usage("report", "%d values of BillingCurrency: give at most %d --by dimensions "
		    "(BillingCurrency is added)", q->ncur, QUERY_MAX_BY - 1);
	by2[0] = (struct wh_dim){DIM_COLUMN, xstrdup("BillingCurrency"), c->grain, 0, NULL};
	names[0] = "BillingCurrency";
	for (int i = 0; i < q->nby; i++) {
		by2[i + 1] = q->by[i];
		names[i + 1] = c->by[i];
	}
	ro->by_names = names;
	rc = run_report(c, q, by2, q->nby + 1, ro, q->cur, q->ncur, NULL);
	wh_dim_free(&by2[0]);
	return rc;
}

/* Money in two currencies is never added: --currency picks one; else, with
 * two or more in the table, CSV gets BillingCurrency as its first column,
 * a table or JSON one report per currency (in the order of their codes, as
 * the report over files prints them). */
static int
report_currencies(struct cli *c, struct req *q, struct report_opts *ro)
{
	char clean[600], head[700];
	int rc = EXIT_OK, shown = 0;

	if (c->currency) {
		int found = 0;
		for (int i = 0; i < q->ncur; i++)
			found |= strcmp(q->cur[i], c->currency) == 0;
		if (!found) {
			text_sanitize(c->currency, clean, sizeof clean, 0);
			cli_say("--currency %s: no row has this BillingCurrency", clean);
			return EXIT_USAGE;
		}
		add_filter(q, "BillingCurrency", c->grain, c->currency);
		return run_report(c, q, q->by, q->nby, ro, (char *const *)&c->currency, 1, NULL);
	}
	if (q->ncur < 2)
		return run_report(c, q, q->by, q->nby, ro, q->cur, q->ncur, NULL);
	fprintf(stderr, "focal: note: %d billing currencies: each is totalled apart (--currency picks one)\n",
	    q->ncur);
	if (ro->format == FMT_CSV)
		return split_csv(c, q, ro);
	if (ro->format == FMT_JSON)
		fputs("{\"currencies\":[", stdout);
	for (int i = 0; i < q->ncur && rc == EXIT_OK; i++) {
		int r;
		text_sanitize(q->cur[i], clean, sizeof clean, 0);
		if (ro->format == FMT_JSON)
			snprintf(head, sizeof head, "%s", shown ? "," : "");
		else
			snprintf(head, sizeof head, "%sBillingCurrency %s\n", shown ? "\n" : "", clean);
		add_filter(q, "BillingCurrency", c->grain, q->cur[i]);
		r = run_report(c, q, q->by, q->nby, ro, &q->cur[i], 1, head);
		q->nf--;
		wh_dim_free(&q->f[q->nf].dim);
		free(q->f[q->nf].value);
		if (r >= 0) {
			shown = 1;
			rc = r;
		}
	}
	if (ro->format == FMT_JSON)
		fputs("]}\n", stdout);
	return rc;
}

static int report_request(struct cli *c, struct req *q);

int
cmd_report_warehouse(struct cli *c)
{
	struct req q;
	char err[1200];
	int rc = refuse_options(c), stop;

	memset(&q, 0, sizeof q);
	if (rc != EXIT_OK)
		return rc;
	if ((rc = cli_warehouse_open(&q.w, c->files[0], c->quiet, err, sizeof err)) != 0)
		return cli_warehouse_failed("report", rc, err);
	rc = report_request(c, &q);
	stop = cli_warehouse_close(&q.w);
	req_free(&q);
	return stop ? stop : rc;
}

/* The table's columns and currencies, the request, and the report. */
static int
report_request(struct cli *c, struct req *q)
{
	char err[1200];
	int rc;
	if (wh_table_load(&q->w, &q->t, err, sizeof err) != 0 ||
	    wh_distinct(&q->w, &q->t, "BillingCurrency", NULL, 0, &q->cur, &q->ncur, err, sizeof err) != 0) {
		cli_warehouse_wait_clear();
		cli_say("%s", err);
		return EXIT_FILE;
	}
	if ((rc = parse_request(c, q)) == EXIT_OK && !metric_is_money(c->metric))
		rc = one_unit(c, q);
	if (rc == EXIT_OK && c->sql) {
		char *sql = wh_report_sql(&q->w, &q->t, q->by, q->nby, q->f, q->nf);
		printf("%s\n", sql);
		free(sql);
	} else if (rc == EXIT_OK) {
		struct report_opts ro = {0};
		ro.format = c->format;
		ro.metric = c->metric;
		ro.ascii = c->ascii;
		ro.by_names = (const char *const *)c->by;
		rc = metric_is_money(c->metric) ? report_currencies(c, q, &ro) :
		    run_report(c, q, q->by, q->nby, &ro, q->cur, q->ncur, NULL);
		/* a partial period is said, so that its total is not read as a drop */
		if (rc == EXIT_OK && wh_partial_notes(&q->w, &q->t, q->by, q->nby, q->f, q->nf, stderr, err, sizeof err) != 0) {
			cli_warehouse_wait_clear();
			cli_say("%s", err);
			rc = EXIT_FILE;
		}
	}
	return rc;
}
