/* Unit tests: loader, store and query engine, without the binary. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <zlib.h>

#include "load.h"
#include "profile.h"
#include "query.h"
#include "store.h"
#include "upfront.h"

static char tmpdir[] = "/tmp/focal-test-XXXXXX";
static int nfile;

static const char *
write_file(const char *text, int gz)
{
	static char path[256];
	snprintf(path, sizeof path, "%s/f%d.csv%s", tmpdir, nfile++, gz ? ".gz" : "");
	if (gz) {
		gzFile g = gzopen(path, "wb");
		assert_non_null(g);
		gzwrite(g, text, (unsigned)strlen(text));
		gzclose(g);
	} else {
		FILE *f = fopen(path, "wb");
		assert_non_null(f);
		fputs(text, f);
		fclose(f);
	}
	return path;
}

static struct store *
load_text(const char *text, int gz, enum load_result expect)
{
	struct store *s = store_new();
	struct load_opts o = {0};
	char err[512];
	assert_int_equal(load_file(s, write_file(text, gz), &o, err, sizeof err), expect);
	return s;
}

static void
finish(struct store *s, const char *profile_text)
{
	struct profile *p[2];
	char err[256];
	int n = 0;
	if (profile_text) {
		p[n] = profile_parse(profile_text, strlen(profile_text), "test.profile", err, sizeof err);
		assert_non_null(p[n]);
		n++;
	}
	p[n++] = profile_generic();
	store_finish(s, (const struct profile *const *)p, n);
	/* profiles are only read during finish */
	for (int i = 0; i < n; i++)
		profile_free(p[i]);
}

static const char *
sum_text(money_t v)
{
	static char buf[8][96];
	static int k;
	k = (k + 1) % 8;
	money_format(v, -1, 0, 0, buf[k], sizeof buf[k]);
	return buf[k];
}

static struct qresult
group(struct store *s, const char *spec, const struct filter *f, int nf)
{
	struct dim d;
	struct qresult r;
	char err[256];
	assert_int_equal(dim_parse(s, spec, GRAIN_MONTH, &d, err, sizeof err), 0);
	query_run(s, &d, 1, f, nf, &r);
	qresult_sort(s, &r, M_EFFECTIVE, QSORT_NAME, 0);
	return r;
}

static const char *
label(struct store *s, struct qresult *r, size_t i)
{
	static char buf[256];
	return dim_label(s, &r->by[0], r->g[i].key[0], buf, sizeof buf);
}

#define HEADER "BilledCost,EffectiveCost,ChargePeriodStart,ServiceName,Tags\n"

static void
test_basic_totals(void **state)
{
	struct store *s;
	struct qresult r;
	(void)state;
	s = load_text(HEADER
	    "1.10,0.12345678901,2025-01-01T00:00:00Z,A,\n"
	    "2.20,0.00000000002,2025-01-02T00:00:00Z,B,\n"
	    "-0.30,0.5,2025-02-01T00:00:00Z,A,\n", 0, LOAD_OK);
	finish(s, NULL);
	assert_int_equal(store_nrows(s), 3);
	r = group(s, "ServiceName", NULL, 0);
	assert_int_equal(r.n, 2);
	assert_string_equal(label(s, &r, 0), "A");
	assert_string_equal(sum_text(r.g[0].sum[M_BILLED]), "0.8");
	assert_string_equal(sum_text(r.g[0].sum[M_EFFECTIVE]), "0.62345678901");
	assert_int_equal(r.g[0].rows, 2);
	assert_string_equal(sum_text(r.total.sum[M_BILLED]), "3");
	assert_string_equal(sum_text(r.total.sum[M_EFFECTIVE]), "0.62345678903");
	/* ListCost is absent: no value, not zero */
	assert_int_equal(r.total.nn[M_LIST], 0);
	qresult_free(&r);
	r = group(s, "period", NULL, 0);
	assert_int_equal(r.n, 2);
	assert_string_equal(label(s, &r, 0), "2025-01");
	assert_string_equal(sum_text(r.g[0].sum[M_BILLED]), "3.3");
	qresult_free(&r);
	store_free(s);
}

static void
test_rejects_are_located(void **state)
{
	struct store *s;
	struct qresult r;
	(void)state;
	s = load_text(HEADER
	    "1,1,2025-01-01T00:00:00Z,A,\n"
	    "abc,1,2025-01-01T00:00:00Z,A,\n"
	    "1,1,2025-02-30T00:00:00Z,A,\n"
	    "1,1,2025-01-01T00:00:00Z\n"
	    "1,1,2025-01-01T00:00:00Z,A,\"{not json\"\n"
	    "1,1,2025-01-01T00:00:00Z,\"a\"b,\n"
	    "2,2,2025-01-01T00:00:00Z,A,\n", 0, LOAD_OK);
	finish(s, NULL);
	assert_int_equal(store_nrows(s), 2);
	assert_int_equal(store_nrejects(s), 5);
	r = group(s, "ServiceName", NULL, 0);
	assert_string_equal(sum_text(r.total.sum[M_BILLED]), "3");
	qresult_free(&r);
	store_free(s);
}

static void
test_strict_stops(void **state)
{
	struct store *s = store_new();
	struct load_opts o = {0};
	char err[512];
	(void)state;
	o.strict = 1;
	assert_int_equal(load_file(s, write_file(HEADER "1,1,2025-01-01T00:00:00Z,A,\nx,1,2025-01-01,A,\n", 0),
	    &o, err, sizeof err), LOAD_REJECTED);
	assert_non_null(strstr(err, ":3:1: BilledCost \"x\": expected a decimal number"));
	store_free(s);
}

static void
test_file_errors(void **state)
{
	struct store *s = store_new();
	struct load_opts o = {0};
	char err[512];
	(void)state;
	assert_int_equal(load_file(s, write_file("", 0), &o, err, sizeof err), LOAD_FILE_ERROR);
	assert_non_null(strstr(err, "empty file"));
	assert_int_equal(load_file(s, write_file("a,b\n1,2\n", 0), &o, err, sizeof err), LOAD_FILE_ERROR);
	assert_non_null(strstr(err, "missing columns BilledCost, EffectiveCost, ChargePeriodStart"));
	assert_int_equal(load_file(s, "/nonexistent/x.csv", &o, err, sizeof err), LOAD_FILE_ERROR);
	assert_non_null(strstr(err, "No such file"));
	store_free(s);
}

static void
test_messy_formats(void **state)
{
	struct store *s;
	struct qresult r;
	(void)state;
	/* BOM, CRLF, blank lines, NULL spellings, money with $ and commas, US dates */
	s = load_text("\xef\xbb\xbf" "BilledCost,EffectiveCost,ChargePeriodStart,ServiceName\r\n"
	    "\"$10,000.00 \",null,4/1/25,X\r\n"
	    "\r\n"
	    "5,NULL,2025-04-02 00:00:00,\r\n", 0, LOAD_OK);
	finish(s, NULL);
	assert_int_equal(store_nrows(s), 2);
	assert_int_equal(store_nrejects(s), 0);
	r = group(s, "ServiceName", NULL, 0);
	assert_int_equal(r.n, 2);
	assert_string_equal(label(s, &r, 0), "(null)");
	assert_string_equal(sum_text(r.total.sum[M_BILLED]), "10005");
	assert_int_equal(r.total.nn[M_EFFECTIVE], 0);
	qresult_free(&r);
	store_free(s);
}

static void
test_gzip(void **state)
{
	struct store *s;
	(void)state;
	s = load_text(HEADER "1,1,2025-01-01T00:00:00Z,A,\n", 1, LOAD_OK);
	assert_int_equal(store_nrows(s), 1);
	store_free(s);
}

static void
test_tags_and_filters(void **state)
{
	struct store *s;
	struct qresult r;
	struct filter f = {0};
	char err[256];
	(void)state;
	s = load_text(HEADER
	    "1,1,2025-01-01T00:00:00Z,A,\"{\"\"area\"\":\"\"BIM\"\",\"\"project\"\":\"\"P1\"\"}\"\n"
	    "2,2,2025-01-01T00:00:00Z,B,\"{\"\"area\"\":\"\"CAD\"\"}\"\n"
	    "4,4,2025-01-01T00:00:00Z,B,\"{\"\"area\"\":\"\"BIM\"\"}\"\n"
	    "8,8,2025-01-01T00:00:00Z,B,\n"
	    "16,16,2025-01-01T00:00:00Z,B,{}\n", 0, LOAD_OK);
	finish(s, NULL);
	r = group(s, "tag:area", NULL, 0);
	assert_int_equal(r.n, 3);
	assert_string_equal(label(s, &r, 0), "(untagged)");
	assert_string_equal(sum_text(r.g[0].sum[M_BILLED]), "24");
	assert_string_equal(label(s, &r, 1), "BIM");
	assert_string_equal(sum_text(r.g[1].sum[M_BILLED]), "5");
	qresult_free(&r);
	/* filter on a tag, group by a column */
	assert_int_equal(dim_parse(s, "tag:area", GRAIN_MONTH, &f.dim, err, sizeof err), 0);
	assert_int_equal(dim_lookup(s, &f.dim, "BIM", &f.lo), 0);
	f.hi = f.lo;
	r = group(s, "ServiceName", &f, 1);
	assert_int_equal(r.n, 2);
	assert_string_equal(sum_text(r.g[1].sum[M_BILLED]), "4");
	qresult_free(&r);
	assert_int_equal(dim_parse(s, "tag:nope", GRAIN_MONTH, &f.dim, err, sizeof err), -1);
	store_free(s);
}

static void
test_meter_from_profile(void **state)
{
	struct store *s;
	struct qresult r;
	(void)state;
	s = load_text("BilledCost,EffectiveCost,ChargePeriodStart,ProviderName,SkuMeter\n"
	    "1,1,2025-01-01T00:00:00Z,Autodesk,Product Seats\n"
	    "2,2,2025-01-01T00:00:00Z,Autodesk,Model Derivative Translations\n"
	    "4,4,2025-01-01T00:00:00Z,Autodesk,\n"
	    "8,8,2025-01-01T00:00:00Z,AWS,Requests\n", 0, LOAD_OK);
	finish(s, "[profile]\nname = t\nprovider = ProviderName ~ Autodesk\n"
	    "[meter product_seats]\nmatch = SkuMeter ~ Product*\n"
	    "[meter model_derivative_translations]\nmatch = SkuMeter ~ Model Derivative*\n");
	r = group(s, "meter", NULL, 0);
	assert_int_equal(r.n, 4);
	assert_string_equal(label(s, &r, 0), "(null)");
	assert_string_equal(label(s, &r, 1), "Requests");	/* AWS row: generic profile uses SkuMeter */
	assert_string_equal(label(s, &r, 2), "model_derivative_translations");
	assert_string_equal(label(s, &r, 3), "product_seats");
	qresult_free(&r);
	store_free(s);
}

static void
test_multiple_files(void **state)
{
	struct store *s = store_new();
	struct load_opts o = {0};
	char err[512];
	struct qresult r;
	(void)state;
	assert_int_equal(load_file(s, write_file("BilledCost,EffectiveCost,ChargePeriodStart\n1,1,2025-01-01\n", 0),
	    &o, err, sizeof err), LOAD_OK);
	assert_int_equal(load_file(s, write_file("ServiceName,EffectiveCost,BilledCost,ChargePeriodStart,ListCost\n"
	    "S,2,2,2025-01-01,3\n", 0), &o, err, sizeof err), LOAD_OK);
	finish(s, NULL);
	r = group(s, "ServiceName", NULL, 0);
	assert_int_equal(r.n, 2);
	assert_string_equal(sum_text(r.total.sum[M_BILLED]), "3");
	assert_int_equal(r.total.nn[M_LIST], 1);
	qresult_free(&r);
	r = group(s, "file", NULL, 0);
	assert_int_equal(r.n, 2);
	qresult_free(&r);
	store_free(s);
}

static int
setup(void **state)
{
	(void)state;
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int
teardown(void **state)
{
	char cmd[300];
	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

/* Every row brings one value that stays and one that is discarded at once,
 * so some discards come right after the value that made the hash slots
 * grow: the table must place entries again in the order they came, or the
 * newest one may sit inside an older entry's probe run, and forgetting it
 * loses the older entry until the next growth. */
static void
test_discard_after_growth(void **state)
{
	(void)state;
	struct store *s = store_new();
	int a = store_column(s, "A", FC_CUSTOM, COL_DIM);
	enum { N = 20000 };
	char v[32];
	store_add_file(s, "t.csv");
	for (int i = 0; i < N; i++) {
		snprintf(v, sizeof v, "keep%d", i);
		store_put_code(s, a, store_intern_row(s, a, v, strlen(v)));
		store_commit_row(s, 0, (uint32_t)i + 2);
		snprintf(v, sizeof v, "drop%d", i);
		store_put_code(s, a, store_intern_row(s, a, v, strlen(v)));
		store_discard_row(s);
		/* at once: a later growth would place a lost entry again */
		for (int k = 0; i < 3000 && k <= i; k++) {
			snprintf(v, sizeof v, "keep%d", k);
			assert_int_equal(store_lookup(s, a, v), (uint32_t)k + 1);
		}
	}
	assert_int_equal(store_ncodes(s, a), N + 1);
	for (int i = 0; i < N; i++) {
		snprintf(v, sizeof v, "keep%d", i);
		assert_int_equal(store_lookup(s, a, v), (uint32_t)i + 1);
		snprintf(v, sizeof v, "drop%d", i);
		assert_int_equal(store_lookup(s, a, v), UINT32_MAX);
	}
	store_free(s);
}

/* store_discard_row forgets the values the discarded row brought into the
 * dictionaries, newest first, in two columns; every other value is still
 * found under its code (deletion inside probe runs, across slot growth), and
 * a value the row shared with kept rows stays. */
static void
test_discard_forgets_values(void **state)
{
	(void)state;
	struct store *s = store_new();
	int a = store_column(s, "A", FC_CUSTOM, COL_DIM), b = store_column(s, "B", FC_CUSTOM, COL_DIM);
	enum { N = 6000 };
	static uint32_t code[N];
	char v[32], w[32];
	uint32_t kept = 0;
	store_add_file(s, "t.csv");
	for (int i = 0; i < N; i++) {
		snprintf(v, sizeof v, "v%d", i);
		snprintf(w, sizeof w, "w%d", i % 7 == 3 ? i : 0);	/* mostly a value kept rows share */
		code[i] = store_intern_row(s, a, v, strlen(v));
		store_put_code(s, a, code[i]);
		store_put_code(s, b, store_intern_row(s, b, w, strlen(w)));
		if (i % 3 == 1)
			store_discard_row(s);
		else {
			store_commit_row(s, 0, (uint32_t)i + 2);
			kept++;
		}
	}
	assert_int_equal(store_ncodes(s, a), kept + 1);
	for (int i = 0; i < N; i++) {
		snprintf(v, sizeof v, "v%d", i);
		if (i % 3 == 1)
			assert_int_equal(store_lookup(s, a, v), UINT32_MAX);
		else {
			assert_int_equal(store_lookup(s, a, v), code[i]);
			assert_string_equal(store_label(s, a, code[i]), v);
		}
	}
	assert_int_not_equal(store_lookup(s, b, "w0"), UINT32_MAX);	/* shared with kept rows */
	for (int i = 3; i < N; i += 7) {
		snprintf(w, sizeof w, "w%d", i);
		assert_true((store_lookup(s, b, w) == UINT32_MAX) == (i % 3 == 1));
	}
	for (size_t r = 0; r < store_nrows(s); r++)
		assert_non_null(store_label(s, a, store_code(s, a, r)));
	store_free(s);
}

/* one (query_run_metric) has metric m's groups, sums, counts and rows as
 * all (query_run) has them. */
static void
assert_same_metric(const struct qresult *one, const struct qresult *all, enum metric m)
{
	assert_int_equal(one->n, all->n);
	assert_int_equal(one->total.rows, all->total.rows);
	assert_true(one->total.sum[m] == all->total.sum[m]);
	assert_int_equal(one->total.nn[m], all->total.nn[m]);
	for (size_t i = 0; i < one->n; i++) {
		assert_int_equal(one->g[i].key[0], all->g[i].key[0]);
		assert_true(one->g[i].sum[m] == all->g[i].sum[m]);
		assert_int_equal(one->g[i].nn[m], all->g[i].nn[m]);
		assert_int_equal(one->g[i].rows, all->g[i].rows);
	}
}

/* As assert_same_metric, groups of two dimensions. */
static void
assert_same_metric2(const struct qresult *one, const struct qresult *all, enum metric m)
{
	assert_same_metric(one, all, m);
	for (size_t i = 0; i < one->n; i++)
		assert_int_equal(one->g[i].key[1], all->g[i].key[1]);
}

/* query_begin's steps of slice positions (SIZE_MAX: query_end alone)
 * give query_run_metric's result exactly: the groups in the same order,
 * units included. */
static void
assert_stepwise(const struct store *s, const struct dim *by, int nby, const struct filter *f, int nf, enum metric m)
{
	static const size_t slices[] = {1000, 99991, 200003, SIZE_MAX};
	struct qresult want, got;
	query_run_metric(s, by, nby, f, nf, m, &want);
	for (size_t k = 0; k < sizeof slices / sizeof *slices; k++) {
		struct query_job *q = query_begin(s, by, nby, f, nf, m);
		size_t steps = 0;
		if (slices[k] != SIZE_MAX)
			while (!query_step(q, slices[k]))
				steps++;
		query_end(q, &got);
		assert_true(slices[k] == SIZE_MAX || steps == (store_nrows(s) - 1) / slices[k] || nf > 0);
		assert_same_metric(&got, &want, m);
		for (size_t i = 0; i < got.n; i++) {
			assert_memory_equal(got.g[i].key, want.g[i].key, sizeof got.g[i].key);
			assert_memory_equal(got.g[i].unit, want.g[i].unit, sizeof got.g[i].unit);
		}
		assert_memory_equal(got.total.unit, want.total.unit, sizeof got.total.unit);
		qresult_free(&got);
	}
	/* a job dropped after a step frees what it holds (ASan, valgrind) */
	{
		struct query_job *q = query_begin(s, by, nby, f, nf, m);
		query_step(q, 99991);
		query_job_free(q);
	}
	qresult_free(&want);
}

/* query_run_metric: the one metric's sums and rows as query_run has them,
 * every other metric absent; a quantity keeps its unit. */
static void
test_query_one_metric(void **state)
{
	(void)state;
	struct store *s = load_text("BilledCost,EffectiveCost,ChargePeriodStart,ServiceName,ConsumedQuantity,ConsumedUnit\n"
	    "1.10,1.00,2025-01-01T00:00:00Z,A,2,GB\n"
	    "2.20,,2025-01-01T00:00:00Z,B,3,GB\n"
	    "3.30,3.00,2025-02-01T00:00:00Z,A,,\n"
	    "0.01,0.02,2025-02-01T00:00:00Z,B,4,Hours\n", 0, LOAD_OK);
	struct dim d;
	struct qresult all, one;
	char err[256];
	finish(s, NULL);
	assert_int_equal(dim_parse(s, "ServiceName", GRAIN_MONTH, &d, err, sizeof err), 0);
	query_run(s, &d, 1, NULL, 0, &all);
	for (int m = 0; m < M_COUNT; m++) {
		query_run_metric(s, &d, 1, NULL, 0, (enum metric)m, &one);
		assert_same_metric(&one, &all, (enum metric)m);
		for (size_t i = 0; i < one.n; i++) {
			for (int o = 0; o < M_COUNT; o++)
				if (o != m)
					assert_int_equal(one.g[i].nn[o], 0);
			if (m == M_CONSUMED)	/* A: GB and none, B: GB and Hours */
				assert_int_equal(one.g[i].unit[0], all.g[i].unit[0]);
		}
		qresult_free(&one);
	}
	assert_string_equal(sum_text(all.total.sum[M_BILLED]), "6.61");
	assert_int_equal(all.g[0].unit[0], store_lookup(s, store_find_column(s, "ConsumedUnit"), "GB"));
	assert_int_equal(all.g[1].unit[0], UINT32_MAX);
	qresult_free(&all);
	store_free(s);
}

/* A narrow column's counts summed in 64 bits (scan_one): sums past
 * INT64_MAX counts spill into the exact 128-bit sum, NULLs are counted
 * apart; the same sums, counts and rows as query_run's. */
static void
test_query_one_metric_spill(void **state)
{
	(void)state;
	char text[16384];
	size_t len = (size_t)snprintf(text, sizeof text, "BilledCost,EffectiveCost,ChargePeriodStart,ServiceName,RegionId\n");
	struct store *s;
	struct dim d[3];
	struct qresult all, one;
	char err[256];
	/* 18 digits: the most a narrow column holds */
	for (int i = 0; i < 200; i++)
		len += (size_t)snprintf(text + len, sizeof text - len, "%s,1,2025-0%d-01T00:00:00Z,%s,R%d\n",
		    i % 5 == 3 ? "" : i % 7 == 6 ? "-900000000000000000" : "999999999999999999", 1 + i % 2,
		    i % 3 ? "A" : "B", i % 4 == 0);
	s = load_text(text, 0, LOAD_OK);
	finish(s, NULL);
	assert_true(store_money_decimals(s, store_find_column(s, "BilledCost")) >= 0);	/* narrow */
	assert_int_equal(dim_parse(s, "ServiceName", GRAIN_MONTH, &d[0], err, sizeof err), 0);
	assert_int_equal(dim_parse(s, "RegionId", GRAIN_MONTH, &d[1], err, sizeof err), 0);
	assert_int_equal(dim_parse(s, "period", GRAIN_MONTH, &d[2], err, sizeof err), 0);
	query_run(s, d, 1, NULL, 0, &all);
	query_run_metric(s, d, 1, NULL, 0, M_BILLED, &one);
	assert_same_metric(&one, &all, M_BILLED);
	/* 200 rows: 40 NULL, 22 of -9e17, 138 of 10^18 - 1 (summed in Python) */
	assert_string_equal(sum_text(one.total.sum[M_BILLED]), "118199999999999999862");
	assert_int_equal(one.total.nn[M_BILLED], 160);
	assert_int_equal(one.total.rows, 200);
	qresult_free(&one);
	qresult_free(&all);
	/* the trend's cells, by one dimension (groups by code) and by two
	 * (groups through the map), against query_run by the period too */
	for (int nby = 1; nby <= 2; nby++) {
		struct dim by[3] = {d[0], nby == 2 ? d[1] : d[2], d[2]};
		struct qresult r, cells;
		struct qseries ser;
		query_run(s, by, nby, NULL, 0, &r);
		query_series(s, &r, r.n, NULL, 0, M_BILLED, &d[2], &ser);
		query_run(s, by, nby + 1, NULL, 0, &cells);
		if (nby == 1) {	/* two dimensions, one metric: past INT64_MAX counts too */
			struct qresult two;
			query_run_metric(s, by, 2, NULL, 0, M_BILLED, &two);
			assert_same_metric2(&two, &cells, M_BILLED);
			qresult_free(&two);
		}
		assert_int_equal(ser.nperiods, 2);
		for (size_t c = 0; c < cells.n; c++) {
			size_t g = 0;
			while (g < r.n && memcmp(r.g[g].key, cells.g[c].key, (size_t)nby * sizeof *r.g[g].key) != 0)
				g++;
			assert_true(g < r.n);
			assert_string_equal(sum_text(ser.v[g * ser.nperiods + cells.g[c].key[nby] - ser.first]),
			    sum_text(cells.g[c].sum[M_BILLED]));
		}
		qseries_free(&ser);
		qresult_free(&cells);
		qresult_free(&r);
	}
	store_free(s);
}

/* upfront_find on both cores: 250,000 rows, purchases (BilledCost > 0,
 * EffectiveCost 0) in both halves in one currency, in both in two
 * (USD, then EUR), in the second alone (EUR); rows, sum and currency as
 * counted here, for ListCost and then ContractedCost (one pass finds both);
 * other filters are asked again. The candidates kept (a few rows), found
 * when idle or at the first ask; and two thirds of the rows purchases (too
 * many to keep: a pass each time, on both cores). */
static void
test_upfront_halves(void **state)
{
	(void)state;
	size_t n = 250000, cap = n * 80;
	char *text = malloc(cap);
	assert_non_null(text);
	for (int variant = 0; variant < 4; variant++) {
		size_t len = 0;
		unsigned long long want_rows = 0, want_sum = 0;
		struct store *s;
		struct upfront u;
		len += (size_t)snprintf(text + len, cap - len,
		    "BilledCost,EffectiveCost,ListCost,ContractedCost,ChargePeriodStart,ChargeCategory,BillingCurrency\n");
		for (size_t i = 0; i < n; i++) {
			int second = i >= n / 2, buy = variant == 3 ? i % 3 != 0 : i % 97 == 5 && (variant != 2 || second);
			const char *cur = variant >= 1 && second ? "EUR" : "USD";	/* 3: as 1 */
			if (buy) {
				want_rows++;
				want_sum += i % 1000 + 1;
			}
			len += (size_t)snprintf(text + len, cap - len, "%s,%s,%zu,%zu,2025-01-01T00:00:00Z,%s,%s\n",
			    buy ? "7" : "1", buy ? "0" : "1", i % 1000 + 1, 2 * (i % 1000 + 1), buy ? "Purchase" : "Usage",
			    cur);
		}
		s = load_text(text, 0, LOAD_OK);
		finish(s, NULL);
		if (variant == 0)
			upfront_prepare(s);	/* as the explorer does when idle */
		upfront_find(s, NULL, 0, M_LIST, &u);
		assert_int_equal(u.rows, want_rows);
		assert_true(u.sum == (money_t)want_sum * MONEY_ONE);
		if (variant == 1 || variant == 3)
			assert_int_equal(u.currency, UINT32_MAX);
		else
			assert_int_equal(u.currency, store_lookup(s, store_find_column(s, "BillingCurrency"),
			    variant == 2 ? "EUR" : "USD"));
		/* the other metric at the same filters (the pass found both) */
		upfront_find(s, NULL, 0, M_CONTRACTED, &u);
		assert_int_equal(u.rows, want_rows);
		assert_true(u.sum == (money_t)want_sum * 2 * MONEY_ONE);
		if (variant == 1 || variant == 3) {
			/* other filters: asked again, not the answer above */
			struct filter f = {0};
			char err[128];
			assert_int_equal(dim_parse(s, "BillingCurrency", GRAIN_MONTH, &f.dim, err, sizeof err), 0);
			assert_int_equal(dim_lookup(s, &f.dim, "EUR", &f.lo), 0);
			f.hi = f.lo;
			upfront_find(s, &f, 1, M_CONTRACTED, &u);
			assert_int_equal(u.currency, f.lo);
			assert_true(u.rows > 0 && u.rows < want_rows);
		}
		store_free(s);
	}
	free(text);
}

/* query_run_metric's own pass (one dimension, one metric) against
 * query_run's general one, on enough rows for two threads, for each width
 * of codes: a column of 300 values (2 bytes), a tag over more than 65,536
 * distinct Tags (4 bytes, mapped), the period (mapped); with and without a
 * filter, with NULL costs; a quantity's unit (one per group, or several);
 * a column of 5,000 values (groups without copies); each but that one by
 * the month too (two dimensions, one metric). */
static void
test_query_one_metric_paths(void **state)
{
	(void)state;
	size_t n = 250000, len = 0, cap = n * 112;
	char *text = malloc(cap);
	static const char *const dims[] = {"ServiceName", "tag:area", "period", "RegionId", "ResourceId"};
	static const enum metric ms[] = {M_BILLED, M_EFFECTIVE, M_CONSUMED};
	struct store *s;
	struct filter f = {0};
	char err[256];
	assert_non_null(text);
	len += (size_t)snprintf(text + len, cap - len, "BilledCost,EffectiveCost,ChargePeriodStart,ServiceName,RegionId,Tags,ConsumedQuantity,ConsumedUnit,ResourceId\n");
	for (size_t i = 0; i < n; i++) {
		char cost[32] = "";
		if (i % 13 != 4)
			snprintf(cost, sizeof cost, "%zu.%04zu", (i * 7919) % 100000, i % 9973);
		len += (size_t)snprintf(text + len, cap - len,
		    "%zu.5,%s,2025-%02zu-01T00:00:00Z,S%zu,R%zu,\"{\"\"area\"\":\"\"A%zu\"\",\"\"n\"\":\"\"%zu\"\"}\",%zu,%s,r%zu\n",
		    i % 1000, cost, 1 + (i * 5) % 12, (i * 31) % 300, i % 3, i % 7, i % 70000, i % 50,
		    i % 17 == 0 ? "" : (i * 31) % 300 < 150 ? "Hours" : i % 3 ? "GB" : "TB",	/* some services one unit */
		    i % 5000);	/* more groups than get copies (NSUM_MAX_GROUPS) */
	}
	s = load_text(text, 0, LOAD_OK);
	free(text);
	finish(s, NULL);
	assert_int_equal(store_nrows(s), n);
	for (size_t di = 0; di < sizeof dims / sizeof *dims; di++)
		for (int filtered = 0; filtered < 5; filtered++) {
			/* none; RegionId = R1 (1-byte codes); tag:area not A3 (4-byte
			 * codes, mapped); not 2025-03 (mapped); ServiceName not S7
			 * (2-byte codes): select_rows' loops against filters_pass */
			static const char *const fdim[] = {"RegionId", "RegionId", "tag:area", "period", "ServiceName"};
			static const char *const fval[] = {"R1", "R1", "A3", "2025-03", "S7"};
			struct dim d;
			struct qresult all, one;
			assert_int_equal(dim_parse(s, fdim[filtered], GRAIN_MONTH, &f.dim, err, sizeof err), 0);
			assert_int_equal(dim_lookup(s, &f.dim, fval[filtered], &f.lo), 0);
			f.hi = f.lo;
			f.exclude = filtered >= 2;
			assert_int_equal(dim_parse(s, dims[di], GRAIN_MONTH, &d, err, sizeof err), 0);
			query_run(s, &d, 1, &f, filtered > 0, &all);
			assert_true(all.n > (filtered == 1 && di == 3 ? 0u : 1u));	/* RegionId = R1: one group */
			for (size_t mi = 0; mi < 3; mi++) {
				enum metric m = ms[mi];
				query_run_metric(s, &d, 1, &f, filtered > 0, m, &one);
				assert_same_metric(&one, &all, m);
				for (size_t i = 0; i < one.n; i++)
					assert_int_equal(one.g[i].unit[0], m == M_CONSUMED ? all.g[i].unit[0] : CODE_NULL);
				qresult_free(&one);
				if (filtered < 3)
					assert_stepwise(s, &d, 1, &f, filtered > 0, m);
			}
			qresult_free(&all);
			if (di != 4) {	/* by the month too (scan_two; 5,000 x 13 keys are the sparse pass's) */
				struct dim by2[2] = {d, {0}};
				assert_int_equal(dim_parse(s, "period", GRAIN_MONTH, &by2[1], err, sizeof err), 0);
				query_run(s, by2, 2, &f, filtered > 0, &all);
				for (size_t mi = 0; mi < 2; mi++) {
					query_run_metric(s, by2, 2, &f, filtered > 0, ms[mi], &one);
					assert_same_metric2(&one, &all, ms[mi]);
					qresult_free(&one);
					if (filtered < 3)
						assert_stepwise(s, by2, 2, &f, filtered > 0, ms[mi]);
				}
				qresult_free(&all);
			}
			if (di == 4 && filtered < 3) {	/* the sparse pass a step at a time */
				struct dim by2[2] = {d, {0}};
				assert_int_equal(dim_parse(s, "period", GRAIN_MONTH, &by2[1], err, sizeof err), 0);
				assert_stepwise(s, by2, 2, &f, filtered > 0, M_EFFECTIVE);
			}
		}
	store_free(s);
}

/* query_series (the trend): every (group, period) cell equals the sum a
 * two-dimension query_run finds, on enough rows for the two-thread scan,
 * with NULL costs and a filter. */
static void
test_series_cells(void **state)
{
	(void)state;
	size_t n = 250000, len = 0, cap = n * 64;
	char *text = malloc(cap);
	struct store *s;
	struct dim d[2];
	struct filter f = {0};
	struct qresult r, cells;
	struct qseries ser;
	char err[256];
	assert_non_null(text);
	len += (size_t)snprintf(text + len, cap - len, "BilledCost,EffectiveCost,ChargePeriodStart,ServiceName,RegionId\n");
	for (size_t i = 0; i < n; i++) {
		char cost[32] = "", when[32] = "";
		if (i % 11 != 5)
			snprintf(cost, sizeof cost, "%zu.%03zu", (i * 7919) % 1000, i % 997);
		snprintf(when, sizeof when, "2025-%02zu-01T00:00:00Z", 1 + (i * 5) % 12);
		len += (size_t)snprintf(text + len, cap - len, "1,%s,%s,S%zu,R%zu\n", cost, when, (i * 31) % 7, i % 3);
	}
	s = load_text(text, 0, LOAD_OK);
	free(text);
	finish(s, NULL);
	assert_int_equal(dim_parse(s, "ServiceName", GRAIN_MONTH, &d[0], err, sizeof err), 0);
	assert_int_equal(dim_parse(s, "period", GRAIN_MONTH, &d[1], err, sizeof err), 0);
	for (int filtered = 0; filtered < 2; filtered++) {
		assert_int_equal(dim_parse(s, "RegionId", GRAIN_MONTH, &f.dim, err, sizeof err), 0);
		assert_int_equal(dim_lookup(s, &f.dim, "R1", &f.lo), 0);
		f.hi = f.lo;
		query_run(s, d, 1, &f, filtered, &r);
		query_series(s, &r, r.n, &f, filtered, M_EFFECTIVE, &d[1], &ser);
		query_run(s, d, 2, &f, filtered, &cells);
		assert_int_equal(ser.ngroups, r.n);
		assert_int_equal(ser.nperiods, 12);
		for (size_t g = 0; g < r.n; g++)
			for (size_t p = 0; p < ser.nperiods; p++) {
				money_t want = 0;
				for (size_t c = 0; c < cells.n; c++)
					if (cells.g[c].key[0] == r.g[g].key[0] && cells.g[c].key[1] == ser.first + p)
						want = cells.g[c].sum[M_EFFECTIVE];
				assert_string_equal(sum_text(ser.v[g * ser.nperiods + p]), sum_text(want));
			}
		qseries_free(&ser);
		qresult_free(&cells);
		qresult_free(&r);
	}
	store_free(s);
}

/* store_append (the merge after a two-thread load): every pair of code
 * widths, a map that changes nothing (copied), one that renumbers, NULLs,
 * money, and the line offset. Column A: the shard's values in the main
 * store's order; B: the same values in reverse order; C: a few values
 * against a main store of 70,000 (width 1 or 2 into 4). */
static void
test_store_append(void **state)
{
	(void)state;
	static const size_t counts[] = {3, 300, 70000};
	for (int mi = 0; mi < 3; mi++)
		for (int si = 0; si <= mi; si++) {
			/* slices of odd sizes, not pages: the merge crosses hundreds
			 * of them and gives back the pages behind each */
			store_merge_slice(si == 2 ? 12304 : 0);
			struct store *m = store_new(), *sh;
			int f = store_add_file(m, "x.csv"), a, b, c, d, cost;
			size_t nm = counts[mi], ns = counts[si];
			char buf[32];
			a = store_column(m, "A", FC_CUSTOM, COL_DIM);
			b = store_column(m, "B", FC_CUSTOM, COL_DIM);
			c = store_column(m, "C", FC_CUSTOM, COL_DIM);
			d = store_column(m, "D", FC_CUSTOM, COL_DIM);
			cost = store_column(m, "BilledCost", FC_BilledCost, COL_METRIC);
			for (size_t r = 0; r < nm; r++) {
				int len = snprintf(buf, sizeof buf, "v%zu", r);
				store_put_code(m, a, store_intern(m, a, buf, (size_t)len, NULL));
				store_put_code(m, b, store_intern(m, b, buf, (size_t)len, NULL));
				store_put_code(m, c, store_intern(m, c, buf, (size_t)len, NULL));
				store_put_code(m, d, store_intern(m, d, buf, (size_t)len, NULL));
				store_put_money(m, cost, (money_t)r * MONEY_ONE);
				store_commit_row(m, f, (uint32_t)r + 2);
			}
			sh = store_new_shard(m);
			for (size_t r = 0; r < ns; r++) {
				int len = snprintf(buf, sizeof buf, "v%zu", r);
				store_put_code(sh, a, store_intern(sh, a, buf, (size_t)len, NULL));
				len = snprintf(buf, sizeof buf, "v%zu", ns - 1 - r);
				if (r % 7 != 3)
					store_put_code(sh, b, store_intern(sh, b, buf, (size_t)len, NULL));
				len = snprintf(buf, sizeof buf, "w%zu", r % 5);
				store_put_code(sh, c, store_intern(sh, c, buf, (size_t)len, NULL));
				/* D: mostly values m has, a tenth new (the merge copies the
				 * new texts; C, all new, has the shard's texts taken over) */
				len = snprintf(buf, sizeof buf, r % 10 == 4 ? "x%zu" : "v%zu", r);
				store_put_code(sh, d, store_intern(sh, d, buf, (size_t)len, NULL));
				store_put_money(sh, cost, (money_t)(r + 1) * MONEY_ONE / 100);
				store_commit_row(sh, 0, (uint32_t)r + 1);
			}
			store_append(m, sh, f, (uint32_t)nm + 1);
			assert_int_equal(store_nrows(m), nm + ns);
			for (size_t r = 0; r < ns; r++) {
				size_t row = nm + r;
				snprintf(buf, sizeof buf, "v%zu", r);
				assert_string_equal(store_label(m, a, store_code(m, a, row)), buf);
				if (r % 7 != 3) {
					snprintf(buf, sizeof buf, "v%zu", ns - 1 - r);
					assert_string_equal(store_label(m, b, store_code(m, b, row)), buf);
				} else
					assert_int_equal(store_code(m, b, row), CODE_NULL);
				snprintf(buf, sizeof buf, "w%zu", r % 5);
				assert_string_equal(store_label(m, c, store_code(m, c, row)), buf);
				snprintf(buf, sizeof buf, r % 10 == 4 ? "x%zu" : "v%zu", r);
				assert_string_equal(store_label(m, d, store_code(m, d, row)), buf);
				assert_int_equal(store_lookup(m, d, buf), store_code(m, d, row));
				assert_true(store_money(m, cost, row) == (money_t)(r + 1) * MONEY_ONE / 100);
				assert_int_equal(store_row_line(m, row), nm + 1 + r + 1);
				assert_int_equal(store_row_file(m, row), f);
			}
			/* the main store's own rows are untouched */
			snprintf(buf, sizeof buf, "v%zu", nm - 1);
			assert_string_equal(store_label(m, c, store_code(m, c, nm - 1)), buf);
			/* and it takes new values after the merge (its newest arena
			 * chunk is still the one it writes to) */
			{
				uint32_t after = store_intern(m, c, "after", 5, NULL);
				assert_int_equal(after, store_ncodes(m, c) - 1);
				assert_int_equal(store_lookup(m, c, "after"), after);
				assert_string_equal(store_label(m, c, after), "after");
			}
			assert_string_equal(store_label(m, c, store_code(m, c, nm)), "w0");
			store_free(m);
		}
	store_merge_slice(0);
}

/* The periods cache (8 entries, given out in turn) freed the map of an
 * entry an accessor of the running query still read, when another store's
 * entries sat between: a dimension's entry hit, then a filter's miss took
 * its place (fuzz_dim, F22; heap-use-after-free under ASan, and under a
 * plain build the month groups read the year map that took the memory). */
#define PHEADER "BilledCost,EffectiveCost,ChargePeriodStart,BillingPeriodStart,ServiceName\n"
#define PROWS \
	"1,1,2025-01-05T00:00:00Z,2025-01-01T00:00:00Z,A\n" \
	"2,2,2025-02-05T00:00:00Z,2025-02-01T00:00:00Z,A\n" \
	"3,3,2025-03-05T00:00:00Z,2025-03-01T00:00:00Z,A\n"

static void
period_dims(struct store *s, const char *const *spec, int n, struct dim *d)
{
	char err[256];
	for (int i = 0; i < n; i++)
		assert_int_equal(dim_parse(s, spec[i], GRAIN_MONTH, &d[i], err, sizeof err), 0);
}

static void
test_periods_cache_keeps_maps_in_use(void **state)
{
	struct store *a = load_text(PHEADER PROWS, 0, LOAD_OK), *b = load_text(PHEADER PROWS, 0, LOAD_OK);
	static const char *const bby[] = {"period:day", "period:month", "period:quarter", "period:year"};
	static const char *const bf[] = {"billing-period:day", "billing-period:month", "billing-period:quarter"};
	static const char *const month[] = {"period:month"}, *const year[] = {"billing-period:year"};
	struct dim d[4];
	struct filter f[3];
	struct qresult r = group(a, "period:month", NULL, 0);	/* a's month map: one entry */
	(void)state;
	qresult_free(&r);
	period_dims(b, bby, 4, d);	/* seven entries of b: the cache goes round to a's */
	for (int i = 0; i < 3; i++) {
		period_dims(b, &bf[i], 1, &f[i].dim);
		f[i].lo = 1;
		f[i].hi = UINT32_MAX;
		f[i].exclude = 0;
	}
	query_run(b, d, 4, f, 3, &r);
	assert_int_equal(r.n, 3);
	qresult_free(&r);
	/* a by month (the entry hit) under a filter by billing year (a miss) */
	period_dims(a, month, 1, d);
	period_dims(a, year, 1, &f[0].dim);
	f[0].lo = 1;
	f[0].hi = UINT32_MAX;
	query_run(a, d, 1, f, 1, &r);
	qresult_sort(a, &r, M_EFFECTIVE, QSORT_NAME, 0);
	assert_int_equal(r.n, 3);
	for (size_t i = 0; i < 3; i++) {
		static const char *const want[] = {"2025-01", "2025-02", "2025-03"}, *const sum[] = {"1", "2", "3"};
		assert_string_equal(label(a, &r, i), want[i]);
		assert_string_equal(sum_text(r.g[i].sum[M_EFFECTIVE]), sum[i]);
	}
	qresult_free(&r);
	store_free(a);
	store_free(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_basic_totals),
		cmocka_unit_test(test_rejects_are_located),
		cmocka_unit_test(test_strict_stops),
		cmocka_unit_test(test_file_errors),
		cmocka_unit_test(test_messy_formats),
		cmocka_unit_test(test_gzip),
		cmocka_unit_test(test_tags_and_filters),
		cmocka_unit_test(test_meter_from_profile),
		cmocka_unit_test(test_multiple_files),
		cmocka_unit_test(test_store_append),
		cmocka_unit_test(test_discard_forgets_values),
		cmocka_unit_test(test_discard_after_growth),
		cmocka_unit_test(test_query_one_metric),
		cmocka_unit_test(test_query_one_metric_paths),
		cmocka_unit_test(test_query_one_metric_spill),
		cmocka_unit_test(test_upfront_halves),
		cmocka_unit_test(test_series_cells),
		cmocka_unit_test(test_periods_cache_keeps_maps_in_use),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
