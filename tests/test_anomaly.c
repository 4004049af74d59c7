/* Unit tests: the anomaly rule (anomaly.c) with known answers, on values
 * and on a store's rows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "anomaly.h"
#include "calendar.h"
#include "load.h"
#include "profile.h"
#include "query.h"
#include "store.h"
#include "value.h"

static char tmpdir[] = "/tmp/focal-anomaly-XXXXXX";
static struct profile *prof;

static const char *
dec(money_t v)
{
	static char buf[8][96];
	static int k;
	k = (k + 1) % 8;
	money_format(v, -1, 0, 0, buf[k], sizeof buf[k]);
	return buf[k];
}

static money_t
M(const char *s)
{
	money_t v;
	unsigned dev = 0;
	assert_int_equal(money_parse(s, strlen(s), &v, &dev), 0);
	return v;
}

static void
test_flat_history(void **state)
{
	money_t h[] = {M("100"), M("100"), M("100"), M("100")};
	struct anomaly_score a;
	(void)state;
	assert_int_equal(anomaly_score(h, 4, M("100"), M("1"), &a), 0);
	assert_true(a.flat);
	/* MAD 0: any material change is flagged, without a z */
	assert_int_equal(anomaly_score(h, 4, M("150"), M("1"), &a), 1);
	assert_true(a.flat);
	assert_string_equal(dec(a.change), "50");
	assert_true(a.z == 0);
	/* ... but not one below the floor */
	assert_int_equal(anomaly_score(h, 4, M("100.5"), M("1"), &a), 0);
}

static void
test_robust_z(void **state)
{
	money_t h[] = {M("100"), M("102"), M("98"), M("101"), M("99")};
	money_t e[] = {M("10"), M("20"), M("30"), M("40")};
	money_t o[] = {M("100"), M("102"), M("98"), M("1000"), M("101"), M("99")};
	struct anomaly_score a;
	(void)state;
	/* median 100, MAD 1: z = 10 / 1.4826 */
	assert_int_equal(anomaly_score(h, 5, M("110"), M("1"), &a), 1);
	assert_string_equal(dec(a.median), "100");
	assert_string_equal(dec(a.mad), "1");
	assert_true(a.z > 6.744 && a.z < 6.746);
	assert_int_equal(anomaly_score(h, 5, M("90"), M("1"), &a), 1);
	assert_true(a.z < -6.744 && a.z > -6.746);
	/* z = 4 / 1.4826 = 2.70: within the group's own spread */
	assert_int_equal(anomaly_score(h, 5, M("104"), M("1"), &a), 0);
	/* an even history: median 25, MAD 10, z = 55 / 14.826 = 3.71 */
	assert_int_equal(anomaly_score(e, 4, M("80"), M("1"), &a), 1);
	assert_string_equal(dec(a.median), "25");
	assert_string_equal(dec(a.mad), "10");
	assert_true(a.z > 3.70 && a.z < 3.72);
	/* not material below the floor */
	assert_int_equal(anomaly_score(e, 4, M("80"), M("60"), &a), 0);
	/* one odd month in the history does not hide the next: median 100.5, MAD 1.5 */
	assert_int_equal(anomaly_score(o, 6, M("120"), M("1"), &a), 1);
	assert_string_equal(dec(a.median), "100.5");
	assert_string_equal(dec(a.mad), "1.5");
}

static void
test_too_little_history(void **state)
{
	money_t h[] = {M("10"), M("10")};
	struct anomaly_score a;
	(void)state;
	assert_int_equal(anomaly_score(h, 2, M("1000"), M("1"), &a), -1);
	assert_int_equal(anomaly_score(h, 0, M("1000"), M("1"), &a), -1);
}

static struct store *
load(const char *name, const char *text)
{
	char path[300], err[512];
	struct load_opts o = {0};
	struct store *s = store_new();
	FILE *f;
	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	assert_int_equal(load_file(s, path, &o, err, sizeof err), LOAD_OK);
	assert_int_equal(store_nrejects(s), 0);
	if (prof == NULL)
		prof = profile_generic();
	store_finish(s, (const struct profile *const *)&prof, 1);
	return s;
}

/* Monthly rows January to July 2025: July is the latest complete month.
 *   Compute  100 a month, July 300       flat history: flagged (+200)
 *   Storage  50 52 48 51 49 50, July 58  median 50, MAD 1, z 5.4: flagged
 *   Tiny     1 from April, July 2        flat, +1 below the floor (3.80)
 *   New      June 10, July 20            one month of history: not judged */
static void
test_store(void **state)
{
	static const int storage[] = {50, 52, 48, 51, 49, 50, 58};
	char *csv = NULL, lbl[64];
	size_t len = 0;
	FILE *f = open_memstream(&csv, &len);
	struct store *s;
	struct anomalies an;
	struct dim d[8];
	int nd;
	(void)state;
	fputs("BilledCost,EffectiveCost,BillingCurrency,ServiceName,ChargePeriodStart,ChargePeriodEnd\n", f);
	for (int m = 1; m <= 7; m++) {
#define ROW(svc, v) fprintf(f, "%d,%d,USD," svc ",2025-%02d-01T00:00:00Z,2025-%02d-01T00:00:00Z\n", v, v, m, m + 1)
		ROW("Compute", m == 7 ? 300 : 100);
		ROW("Storage", storage[m - 1]);
		if (m >= 4)
			ROW("Tiny", m == 7 ? 2 : 1);
		if (m >= 6)
			ROW("New", m * 10 - 50);
#undef ROW
	}
	fclose(f);
	s = load("store.csv", csv);
	free(csv);
	nd = anomaly_dims(s, NULL, 0, d, 8);
	assert_true(nd >= 1);
	dim_name(s, &d[0], lbl, sizeof lbl);
	assert_string_equal(lbl, "ServiceName");
	anomaly_scan(s, d, 1, NULL, 0, M_EFFECTIVE, &an);
	assert_true(an.month == days_from_civil(2025, 7, 1) * CALENDAR_DAY);
	assert_string_equal(dec(an.total), "380");
	assert_string_equal(dec(an.floor), "3.8");
	assert_int_equal(an.scored, 3);
	assert_int_equal(an.n, 2);
	assert_string_equal(dim_label(s, &an.a[0].dim, an.a[0].code, lbl, sizeof lbl), "Compute");
	assert_string_equal(dec(an.a[0].value), "300");
	assert_string_equal(dec(an.a[0].sc.median), "100");
	assert_string_equal(dec(an.a[0].sc.change), "200");
	assert_true(an.a[0].sc.flat);
	assert_int_equal(an.a[0].nhist, 6);
	assert_string_equal(dim_label(s, &an.a[1].dim, an.a[1].code, lbl, sizeof lbl), "Storage");
	assert_string_equal(dec(an.a[1].sc.change), "8");
	assert_true(an.a[1].sc.z > 5.39 && an.a[1].sc.z < 5.40);
	/* a step at a time (the explorer's idle loop): the months, then for
	 * each dimension its pass (one step when the rows are fewer than a
	 * slice; one step a row with a slice of 1), its sort, its scores: the
	 * same scan; a job left at any step, in the middle of a pass too,
	 * frees what it holds and found (ASan and valgrind run this) */
	for (int slice = 0; slice < 2; slice++) {
		struct dim two[2] = {d[0], d[0]};
		struct anomalies st, ab;
		size_t keep = anomaly_slice;
		struct anomaly_job *j;
		int steps = 1, want = 1 + 2 * ((slice ? (int)store_nrows(s) : 1) + 2);
		if (slice)
			anomaly_slice = 1;
		j = anomaly_begin(s, two, 2, NULL, 0, M_EFFECTIVE, &st);
		while (!anomaly_step(j))
			steps++;
		anomaly_job_free(j);
		assert_int_equal(steps, want);
		assert_int_equal(st.n, 2 * an.n);
		assert_true(st.total == an.total && st.floor == an.floor && st.month == an.month);
		assert_true(st.a[0].sc.change == an.a[0].sc.change && st.a[2].sc.change == an.a[1].sc.change);
		anomalies_free(&st);
		for (int stop = 0; stop < steps; stop++) {
			j = anomaly_begin(s, two, 2, NULL, 0, M_EFFECTIVE, &ab);
			for (int k = 0; k < stop; k++)
				anomaly_step(j);
			anomaly_job_free(j);
			assert_int_equal(ab.n, 0);
		}
		anomaly_slice = keep;
	}
	anomalies_free(&an);
	/* the path's dimensions first, periods left out, each once */
	{
		struct dim path[3];
		char err[64];
		assert_int_equal(dim_parse(s, "period", GRAIN_MONTH, &path[0], err, sizeof err), 0);
		assert_int_equal(dim_parse(s, "ServiceName", GRAIN_MONTH, &path[1], err, sizeof err), 0);
		assert_int_equal(dim_parse(s, "BillingCurrency", GRAIN_MONTH, &path[2], err, sizeof err), 0);
		nd = anomaly_dims(s, path, 3, d, 8);
		dim_name(s, &d[0], lbl, sizeof lbl);
		assert_string_equal(lbl, "ServiceName");
		dim_name(s, &d[1], lbl, sizeof lbl);
		assert_string_equal(lbl, "BillingCurrency");
		for (int i = 2; i < nd; i++)
			assert_false(dim_equal(&d[i], &path[1]));
	}
	/* a store without a complete month before its end */
	anomaly_scan(s, d, 1, NULL, 0, M_LIST, &an);
	assert_int_equal(an.n, 0);
	assert_string_equal(an.why, "no anomalies: the data has no ListCost");
	anomalies_free(&an);
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
	if (prof)
		profile_free(prof);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_flat_history),
		cmocka_unit_test(test_robust_z),
		cmocka_unit_test(test_too_little_history),
		cmocka_unit_test(test_store),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
