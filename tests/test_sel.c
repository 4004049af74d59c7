/* Unit tests: remembered selections (query_sel.c). Every pass under filters
 * (query_run with every metric and with one, two dimensions, query_series,
 * query_rows, upfront) gives exactly the same answer over the rows a path
 * selects as over every row, on drill paths one to four levels deep (each
 * made from the level above), with an exclusion and a period range among
 * the filters; and the selections were really made and used.
 *
 * The fixture: 4,320 rows, every combination of 6 services, 4 regions,
 * 3 charge categories, 12 months and 5 areas (tags), with costs that differ
 * row by row (some NULL, some negative). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "load.h"
#include "query.h"
#include "store.h"
#include "upfront.h"
#include "value.h"

static struct store *st;

static int
setup(void **state)
{
	static const char *const svc[] = {"Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta"};
	static const char *const reg[] = {"us", "eu", "ap", "sa"};
	static const char *const cat[] = {"Usage", "Purchase", "Tax"};
	static const char *const area[] = {"BIM", "CAD", "Construction", "Engineering", "3D Modeling"};
	char path[] = "/tmp/focal-test-sel-XXXXXX", err[512];
	struct load_opts lo = {0};
	int fd = mkstemp(path), n = 0;
	FILE *f = fdopen(fd, "w");
	(void)state;
	assert_non_null(f);
	fputs("BilledCost,EffectiveCost,ChargePeriodStart,ServiceName,RegionName,ChargeCategory,BillingCurrency,"
	    "PricingQuantity,PricingUnit,Tags\n", f);
	for (int s = 0; s < 6; s++)
		for (int r = 0; r < 4; r++)
			for (int c = 0; c < 3; c++)
				for (int m = 1; m <= 12; m++)
					for (int a = 0; a < 5; a++, n++) {
						if (n % 17 == 0)
							fprintf(f, ",");	/* a NULL cost */
						else
							fprintf(f, "%s%d.%02d,", n % 23 == 0 ? "-" : "", n % 997, n % 100);
						fprintf(f, "%d.%03d,2026-%02d-01T00:00:00Z,%s,%s,%s,USD,%d,%s,\"{\"\"area\"\":\"\"%s\"\"}\"\n",
						    n % 389, n % 1000, m, svc[s], reg[r], cat[c], n % 7,
						    n % 2 ? "Hours" : "Seats", area[a]);
					}
	fclose(f);
	st = store_new();
	assert_int_equal(load_file(st, path, &lo, err, sizeof err), LOAD_OK);
	store_finish(st, NULL, 0);
	unlink(path);
	assert_int_equal(store_nrows(st), 4320);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	store_free(st);
	return 0;
}

static struct dim
dim(const char *name)
{
	struct dim d;
	char err[256];
	assert_int_equal(dim_parse(st, name, GRAIN_MONTH, &d, err, sizeof err), 0);
	return d;
}

static struct filter
is(const char *name, const char *value, int exclude)
{
	struct filter f;
	memset(&f, 0, sizeof f);
	f.dim = dim(name);
	assert_int_equal(dim_lookup(st, &f.dim, value, &f.lo), 0);
	f.hi = f.lo;
	f.exclude = exclude;
	return f;
}

static void
same_group(const struct qgroup *a, const struct qgroup *b, int nby)
{
	for (int k = 0; k < nby; k++)
		assert_int_equal(a->key[k], b->key[k]);
	for (int m = 0; m < M_COUNT; m++) {
		assert_true(a->sum[m] == b->sum[m]);
		assert_int_equal(a->nn[m], b->nn[m]);
	}
	assert_int_equal(a->rows, b->rows);
	assert_int_equal(a->unit[0], b->unit[0]);
	assert_int_equal(a->unit[1], b->unit[1]);
	assert_int_equal(a->folded, b->folded);
}

static void
same_result(const struct qresult *a, const struct qresult *b)
{
	assert_int_equal(a->n, b->n);
	same_group(&a->total, &b->total, 0);
	for (size_t i = 0; i < a->n; i++)
		same_group(&a->g[i], &b->g[i], a->nby);
}

/* Every pass under f[nf], with selections made and used (on) and not (off). */
static void
check_path(const struct filter *f, int nf)
{
	struct dim by[2] = {dim("RegionName"), dim("period")}, svc = dim("ServiceName"), area = dim("tag:area");
	struct qresult on, off;
	struct qseries son, soff;
	struct upfront uon, uoff;
	size_t ron[64], roff[64], non, noff;

	for (int pass = 0; pass < 2; pass++) {
		const struct dim *d = pass ? &area : &svc;
		query_sel_min_rows(SIZE_MAX);
		query_run(st, d, 1, f, nf, &off);
		query_sel_min_rows(0);
		query_run(st, d, 1, f, nf, &on);
		same_result(&on, &off);
		qresult_free(&on);
		qresult_free(&off);
	}
	query_sel_min_rows(SIZE_MAX);
	query_run_metric(st, by, 1, f, nf, M_BILLED, &off);
	query_series(st, &off, off.n, f, nf, M_BILLED, &by[1], &soff);
	noff = query_rows(st, f, nf, 3, 64, roff);
	upfront_find(st, f, nf, M_LIST, &uoff);
	query_sel_min_rows(0);
	query_run_metric(st, by, 1, f, nf, M_BILLED, &on);
	same_result(&on, &off);
	query_series(st, &on, on.n, f, nf, M_BILLED, &by[1], &son);
	assert_int_equal(son.nperiods, soff.nperiods);
	assert_memory_equal(son.v, soff.v, son.ngroups * son.nperiods * sizeof *son.v);
	non = query_rows(st, f, nf, 3, 64, ron);
	assert_int_equal(non, noff);
	assert_true(non > 3);
	assert_memory_equal(ron, roff, (non - 3 < 64 ? non - 3 : 64) * sizeof *ron);
	upfront_find(st, f, nf, M_LIST, &uon);
	assert_int_equal(uon.rows, uoff.rows);
	assert_true(uon.sum == uoff.sum);
	assert_int_equal(uon.currency, uoff.currency);
	qseries_free(&son);
	qseries_free(&soff);
	qresult_free(&on);
	qresult_free(&off);
	query_run_metric(st, by, 2, f, nf, M_EFFECTIVE, &on);	/* two dimensions, one metric */
	query_sel_min_rows(SIZE_MAX);
	query_run_metric(st, by, 2, f, nf, M_EFFECTIVE, &off);
	same_result(&on, &off);
	qresult_free(&on);
	qresult_free(&off);
	query_sel_min_rows(0);
}

static void
test_paths(void **state)
{
	struct filter f[4];
	struct dim per = dim("period");
	unsigned long built, from_parent, used;
	(void)state;
	query_sel_min_rows(0);
	f[0] = is("ServiceName", "Gamma", 0);
	check_path(f, 1);
	f[1] = is("RegionName", "eu", 0);
	check_path(f, 2);
	f[2] = is("ChargeCategory", "Tax", 1);	/* everything but tax */
	check_path(f, 3);
	memset(&f[3], 0, sizeof f[3]);
	f[3].dim = per;	/* 2026-03..2026-05, as a range compares them */
	assert_int_equal(dim_lookup(st, &per, "2026-03", &f[3].lo), 0);
	assert_int_equal(dim_lookup(st, &per, "2026-05", &f[3].hi), 0);
	check_path(f, 4);
	f[3] = is("tag:area", "CAD", 0);
	check_path(f, 4);
	query_sel_stats(&built, &from_parent, &used);
	assert_true(built >= 4);	/* one per level */
	assert_true(from_parent >= 3);	/* each from the level above */
	assert_true(used >= 20);
}

/* A filter keeping most rows is never remembered (it would save nothing). */
static void
test_not_selective(void **state)
{
	struct filter f[1];
	struct qresult on, off;
	unsigned long b0, p0, u0, b1, p1, u1;
	(void)state;
	query_sel_min_rows(0);
	f[0] = is("ServiceName", "Gamma", 1);	/* five services of six */
	query_sel_stats(&b0, &p0, &u0);
	query_run(st, &f[0].dim, 1, f, 1, &on);
	query_sel_stats(&b1, &p1, &u1);
	assert_int_equal(b1, b0);
	assert_int_equal(u1, u0);
	query_sel_min_rows(SIZE_MAX);
	query_run(st, &f[0].dim, 1, f, 1, &off);
	same_result(&on, &off);
	qresult_free(&on);
	qresult_free(&off);
}

/* A selection from every row is made at the second pass under a filter
 * set, not at the first (which pays its own pass), or when query_prepare
 * asks (the explorer, when idle); one from a remembered parent at once. */
static void
test_second_pass(void **state)
{
	struct filter f[2];
	struct qresult r;
	unsigned long b0, p0, u0, b1, p1, u1;
	(void)state;
	query_sel_min_rows(0);
	f[0] = is("ServiceName", "Delta", 0);	/* one service of six, not asked before */
	f[1] = is("RegionName", "sa", 0);
	query_sel_stats(&b0, &p0, &u0);
	query_run(st, &f[0].dim, 1, f, 1, &r);
	qresult_free(&r);
	query_sel_stats(&b1, &p1, &u1);
	assert_int_equal(b1, b0);	/* the first pass: none made */
	assert_int_equal(u1, u0);
	query_run(st, &f[1].dim, 1, f, 1, &r);
	qresult_free(&r);
	query_sel_stats(&b1, &p1, &u1);
	assert_int_equal(b1, b0 + 1);	/* the second: made from every row, used */
	assert_int_equal(p1, p0);
	assert_int_equal(u1, u0 + 1);
	query_run(st, &f[0].dim, 1, f, 2, &r);	/* a level below: from the parent at once */
	qresult_free(&r);
	query_sel_stats(&b1, &p1, &u1);
	assert_int_equal(b1, b0 + 2);
	assert_int_equal(p1, p0 + 1);
	f[0] = is("ServiceName", "Epsilon", 0);	/* not asked before either */
	query_prepare(st, f, 1);	/* the explorer when idle: made now */
	query_sel_stats(&b1, &p1, &u1);
	assert_int_equal(b1, b0 + 3);
	assert_int_equal(p1, p0 + 1);
	query_run(st, &f[0].dim, 1, f, 1, &r);	/* and used by the first pass */
	qresult_free(&r);
	query_sel_stats(&b0, &p0, &u0);
	assert_int_equal(b0, b1);
	assert_int_equal(u0, u1 + 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_paths),
		cmocka_unit_test(test_not_selective),
		cmocka_unit_test(test_second_pass),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
