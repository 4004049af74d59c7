/* Unit tests: the pivot (pivot.c) and the time chart's layout (chart.c).
 *
 * The fixture, BilledCost per service, region and month (March covered to
 * the 14th only: its rows are days):
 *            Jan        Feb      Mar
 *   Alpha    us 10      eu 5     us 4     = 19
 *   Beta     us 7                         =  7
 *   Gamma    eu 3                         =  3
 *   Delta               us 2              =  2
 *   Epsilon                      eu 1.50  =  1.50
 *   months   20         7        5.50     = 32.50; us 23, eu 9.50 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "chart.h"
#include "load.h"
#include "pivot.h"
#include "profile.h"
#include "query.h"
#include "store.h"
#include "value.h"

#define R(b, start, end, svc, reg) #b "," #b "," start "," end "," svc "," reg ",USD\n"
static const char pivot_csv_data[] =
    "BilledCost,EffectiveCost,ChargePeriodStart,ChargePeriodEnd,ServiceName,RegionName,BillingCurrency\n"
    R(10, "2025-01-01T00:00:00Z", "2025-02-01T00:00:00Z", "Alpha", "us")
    R(5, "2025-02-01T00:00:00Z", "2025-03-01T00:00:00Z", "Alpha", "eu")
    R(4, "2025-03-01T00:00:00Z", "2025-03-02T00:00:00Z", "Alpha", "us")
    R(7, "2025-01-01T00:00:00Z", "2025-02-01T00:00:00Z", "Beta", "us")
    R(3, "2025-01-01T00:00:00Z", "2025-02-01T00:00:00Z", "Gamma", "eu")
    R(2, "2025-02-01T00:00:00Z", "2025-03-01T00:00:00Z", "Delta", "us")
    R(1.50, "2025-03-14T00:00:00Z", "2025-03-15T00:00:00Z", "Epsilon", "eu");

static char tmpdir[] = "/tmp/focal-pivot-XXXXXX";
static struct store *st;
static struct profile *prof;

static int
setup(void **state)
{
	char path[300], err[512];
	struct load_opts o = {0};
	FILE *f;
	(void)state;
	if (mkdtemp(tmpdir) == NULL)
		return -1;
	snprintf(path, sizeof path, "%s/pivot.csv", tmpdir);
	f = fopen(path, "w");
	if (f == NULL)
		return -1;
	fputs(pivot_csv_data, f);
	fclose(f);
	st = store_new();
	if (load_file(st, path, &o, err, sizeof err) != LOAD_OK || store_nrejects(st) != 0)
		return -1;
	prof = profile_generic();
	store_finish(st, (const struct profile *const *)&prof, 1);
	unlink(path);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	store_free(st);
	profile_free(prof);
	rmdir(tmpdir);
	return 0;
}

static const char *
dec(money_t v)
{
	static char buf[8][96];
	static int k;
	k = (k + 1) % 8;
	money_format(v, -1, 0, 0, buf[k], sizeof buf[k]);
	return buf[k];
}

static struct dim
dim(const char *spec)
{
	struct dim d;
	char err[256];
	assert_int_equal(dim_parse(st, spec, GRAIN_MONTH, &d, err, sizeof err), 0);
	return d;
}

/* "a b c": the column labels, or the row labels */
static const char *
labels(const struct pivot *p, int cols)
{
	static char out[512];
	char buf[128];
	size_t o = 0, n = cols ? p->ncol : p->nrow;
	out[0] = '\0';
	for (size_t i = 0; i < n; i++)
		o += (size_t)snprintf(out + o, sizeof out - o, "%s%s", i ? "|" : "",
		    cols ? pivot_col_label(st, p, i, buf, sizeof buf) : pivot_row_label(st, p, i, buf, sizeof buf));
	return out;
}

static const char *
cell(const struct pivot *p, size_t r, size_t c)
{
	return p->has[r * p->ncol + c] ? dec(p->cell[r * p->ncol + c]) : "-";
}

/* rows in value order, periods as columns in time order, exact totals that
 * add up to the query's own total */
static void
test_by_period(void **state)
{
	struct dim row = dim("ServiceName"), col = dim("period");
	struct pivot p;
	struct qresult q;
	struct coverage cov;
	char why[64];
	(void)state;
	pivot_build(st, &row, &col, NULL, 0, M_BILLED, 0, 0, &p);
	assert_string_equal(labels(&p, 0), "Alpha|Beta|Gamma|Delta|Epsilon");
	assert_string_equal(labels(&p, 1), "2025-01|2025-02|2025-03");
	assert_string_equal(cell(&p, 0, 0), "10");
	assert_string_equal(cell(&p, 0, 1), "5");
	assert_string_equal(cell(&p, 0, 2), "4");
	assert_string_equal(cell(&p, 1, 1), "-");
	assert_string_equal(cell(&p, 4, 2), "1.5");
	assert_string_equal(dec(p.rtot[0]), "19");
	assert_string_equal(dec(p.ctot[0]), "20");
	assert_string_equal(dec(p.ctot[1]), "7");
	assert_string_equal(dec(p.ctot[2]), "5.5");
	assert_string_equal(dec(p.total), "32.5");
	query_run(st, &row, 1, NULL, 0, &q);
	assert_true(q.total.sum[M_BILLED] == p.total);
	qresult_free(&q);
	assert_int_equal(p.rows, 7);
	assert_int_equal(p.cfolded, 0);
	period_coverage(st, &cov);
	assert_null(pivot_col_partial(st, &p, 0, &cov, why, sizeof why));
	assert_non_null(pivot_col_partial(st, &p, 2, &cov, why, sizeof why));
	assert_string_equal(why, "14 of 31 days");
	pivot_free(&p);
}

/* any dimension as columns: in value order; under a filter */
static void
test_by_dim_filtered(void **state)
{
	struct dim row = dim("ServiceName"), col = dim("RegionName");
	struct filter f = {0};
	struct pivot p;
	(void)state;
	f.dim = col;
	assert_int_equal(dim_lookup(st, &col, "us", &f.lo), 0);
	f.hi = f.lo;
	pivot_build(st, &row, &col, NULL, 0, M_BILLED, 0, 0, &p);
	assert_string_equal(labels(&p, 1), "us|eu");
	assert_string_equal(dec(p.ctot[0]), "23");
	assert_string_equal(dec(p.ctot[1]), "9.5");
	pivot_free(&p);
	pivot_build(st, &row, &col, &f, 1, M_BILLED, 0, 0, &p);
	assert_string_equal(labels(&p, 0), "Alpha|Beta|Delta");
	assert_string_equal(labels(&p, 1), "us");
	assert_string_equal(dec(p.total), "23");
	pivot_free(&p);
}

/* beyond the limit: the smallest values fold into the last line, the
 * earliest periods into the first; the totals do not change */
static void
test_fold(void **state)
{
	struct dim svc = dim("ServiceName"), col = dim("period");
	struct pivot p;
	(void)state;
	pivot_build(st, &col, &svc, NULL, 0, M_BILLED, 0, 3, &p);
	assert_string_equal(labels(&p, 1), "Alpha|Beta|Other (3)");
	assert_int_equal(p.cfolded, 3);
	assert_string_equal(labels(&p, 0), "2025-01|2025-02|2025-03");
	assert_string_equal(cell(&p, 0, 2), "3");	/* Gamma in January */
	assert_string_equal(cell(&p, 1, 2), "2");
	assert_string_equal(cell(&p, 2, 2), "1.5");
	assert_string_equal(dec(p.ctot[2]), "6.5");
	assert_string_equal(dec(p.total), "32.5");
	pivot_free(&p);
	pivot_build(st, &svc, &col, NULL, 0, M_BILLED, 2, 2, &p);
	assert_string_equal(labels(&p, 1), "Other (2)|2025-03");
	assert_string_equal(labels(&p, 0), "Alpha|Other (4)");
	assert_string_equal(cell(&p, 0, 0), "15");
	assert_string_equal(cell(&p, 1, 0), "12");
	assert_string_equal(cell(&p, 1, 1), "1.5");
	assert_string_equal(dec(p.total), "32.5");
	pivot_free(&p);
	/* one more than the limit folds two: "Other (1)" would hide one for nothing */
	pivot_build(st, &svc, &col, NULL, 0, M_BILLED, 0, 3, &p);
	assert_int_equal(p.cfolded, 0);
	pivot_free(&p);
}

static void
test_csv(void **state)
{
	struct dim row = dim("RegionName"), col = dim("period");
	struct pivot p;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	(void)state;
	pivot_build(st, &row, &col, NULL, 0, M_BILLED, 0, 0, &p);
	assert_int_equal(pivot_csv(f, st, &p, "Region, name"), 0);
	fclose(f);
	assert_string_equal(buf, "\"Region, name\",2025-01,2025-02,2025-03,Total\n"
	    "us,17.00,2.00,4.00,23.00\n"
	    "eu,3.00,5.00,1.50,9.50\n"
	    "Total,20.00,7.00,5.50,32.50\n");
	free(buf);
	pivot_free(&p);
}

static void
test_chart_series(void **state)
{
	struct dim per = dim("period");
	struct chart_series c;
	(void)state;
	chart_series(st, &per, NULL, 0, M_BILLED, &c);
	assert_int_equal(c.n, 3);
	assert_string_equal(dec(c.v[0]), "20");
	assert_string_equal(dec(c.v[1]), "7");
	assert_string_equal(dec(c.v[2]), "5.5");
	assert_string_equal(dec(c.max), "20");
	chart_series_free(&c);
}

static void
test_chart_layout(void **state)
{
	struct chart_layout L;
	size_t top = 0;
	(void)state;
	/* the bars: exact eighths of the largest */
	assert_int_equal(chart_eighths(money_from_int(20), money_from_int(20), 10), 80);
	assert_int_equal(chart_eighths(money_from_int(7), money_from_int(20), 10), 28);
	assert_int_equal(chart_eighths(money_from_int(11), money_from_int(20), 10), 44);
	assert_int_equal(chart_eighths(money_from_int(1), money_from_int(1000), 10), 1);	/* a sliver */
	assert_int_equal(chart_eighths(0, money_from_int(20), 10), 0);
	assert_int_equal(chart_eighths(money_from_int(-5), money_from_int(20), 10), 0);
	assert_int_equal(chart_eighths(MONEY_NULL, money_from_int(20), 10), 0);
	assert_int_equal(chart_eighths(money_from_int(5), 0, 10), 0);
	/* 22 periods in 18 rows at 80 columns: the last 18, the bar what is left */
	top = 0;
	chart_fit(22, 21, &top, 18, 80, 7, 11, 0, &L);
	assert_int_equal(L.top, 4);
	assert_int_equal(L.n, 18);
	assert_int_equal(L.value_x, 2 + 7 + 1 + 11);
	assert_int_equal(L.bar_x, 22);
	assert_int_equal(L.bar_w, 80 - 1 - 22);
	/* wider and taller: all of them, longer bars */
	top = 0;
	chart_fit(22, 21, &top, 34, 120, 7, 11, 0, &L);
	assert_int_equal(L.top, 0);
	assert_int_equal(L.n, 22);
	assert_int_equal(L.bar_w, 120 - 1 - 22);
	/* a note after the bar takes its room */
	top = 0;
	chart_fit(22, 21, &top, 34, 120, 7, 11, 16, &L);
	assert_int_equal(L.bar_w, 120 - 1 - 22 - 17);
	assert_int_equal(L.note_x, 22 + L.bar_w + 1);
	/* moving up keeps the top until the cursor leaves the screen */
	top = 4;
	chart_fit(22, 10, &top, 18, 80, 7, 11, 0, &L);
	assert_int_equal(L.top, 4);
	chart_fit(22, 2, &top, 18, 80, 7, 11, 0, &L);
	assert_int_equal(L.top, 2);
	assert_int_equal(top, 2);
	/* nothing to show */
	top = 0;
	chart_fit(0, 0, &top, 18, 80, 7, 11, 0, &L);
	assert_int_equal(L.n, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_by_period),
		cmocka_unit_test(test_by_dim_filtered),
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_chart_series),
		cmocka_unit_test(test_chart_layout),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
