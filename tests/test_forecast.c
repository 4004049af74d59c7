/* Unit tests: the forecast (forecast.c) on series with known answers, from
 * monthly sums and from a store's rows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "calendar.h"
#include "forecast.h"
#include "load.h"
#include "profile.h"
#include "query.h"
#include "store.h"
#include "value.h"

static char tmpdir[] = "/tmp/focal-forecast-XXXXXX";

static const char *
dec(money_t v)
{
	static char buf[8][96];
	static int k;
	k = (k + 1) % 8;
	money_format(v, -1, 0, 0, buf[k], sizeof buf[k]);
	return buf[k];
}

static int64_t
day(int y, int m, int d)
{
	return days_from_civil(y, m, d) * CALENDAR_DAY;
}

/* Months of 2025 from month `from`, `n` of them, each `rate` a day (whole). */
static size_t
flat(struct forecast_month *m, int from, int n, long long rate)
{
	memset(m, 0, (size_t)n * sizeof *m);
	for (int i = 0; i < n; i++) {
		m[i].start = day(2025, from + i, 1);
		m[i].end = calendar_add_months(m[i].start, 1);
		m[i].sum = money_from_int(rate * (m[i].end - m[i].start) / CALENDAR_DAY);
		m[i].whole = 1;
	}
	return (size_t)n;
}

static void
test_flat(void **state)
{
	struct forecast_month m[12];
	struct forecast f;
	char buf[32];
	size_t n = flat(m, 1, 6, 10);	/* January to June, $10 a day */
	(void)state;
	assert_int_equal(forecast_compute(m, n, day(2025, 7, 1), &f), 1);
	assert_int_equal(f.nrate, 3);
	assert_true(f.rate_from == day(2025, 4, 1) && f.rate_to == day(2025, 7, 1));
	assert_string_equal(dec(f.rate), "10");
	assert_string_equal(dec(f.rate_lo), "10");
	assert_string_equal(dec(f.rate_hi), "10");
	/* July: nothing yet, 31 days left */
	forecast_label(&f.line[FCAST_MONTH], FCAST_MONTH, buf, sizeof buf);
	assert_string_equal(buf, "2025-07");
	assert_string_equal(dec(f.line[FCAST_MONTH].actual), "0");
	assert_int_equal(f.line[FCAST_MONTH].days_left, 31);
	assert_string_equal(dec(f.line[FCAST_MONTH].proj), "310");
	assert_string_equal(dec(f.line[FCAST_MONTH].lo), "310");
	assert_string_equal(dec(f.line[FCAST_MONTH].hi), "310");
	/* Q3: 92 days */
	forecast_label(&f.line[FCAST_QUARTER], FCAST_QUARTER, buf, sizeof buf);
	assert_string_equal(buf, "2025-Q3");
	assert_string_equal(dec(f.line[FCAST_QUARTER].proj), "920");
	/* the year: 181 days of actuals, 184 projected: 365 days at $10 */
	forecast_label(&f.line[FCAST_YEAR], FCAST_YEAR, buf, sizeof buf);
	assert_string_equal(buf, "2025");
	assert_string_equal(dec(f.line[FCAST_YEAR].actual), "1810");
	assert_int_equal(f.line[FCAST_YEAR].days_left, 184);
	assert_string_equal(dec(f.line[FCAST_YEAR].proj), "3650");
}

/* May holds 15 days at $20 a day: in the actuals, never in the rate. */
static void
test_partial_last_month(void **state)
{
	struct forecast_month m[12];
	struct forecast f;
	size_t n = flat(m, 1, 5, 10);
	(void)state;
	m[4].sum = money_from_int(300);
	m[4].whole = 0;
	assert_int_equal(forecast_compute(m, n, day(2025, 5, 16), &f), 1);
	assert_true(f.rate_from == day(2025, 2, 1) && f.rate_to == day(2025, 5, 1));
	assert_string_equal(dec(f.rate), "10");
	assert_string_equal(dec(f.line[FCAST_MONTH].actual), "300");
	assert_int_equal(f.line[FCAST_MONTH].days_left, 16);
	assert_string_equal(dec(f.line[FCAST_MONTH].proj), "460");
	/* Q2: April 300 + May 300 + 46 days */
	assert_string_equal(dec(f.line[FCAST_QUARTER].actual), "600");
	assert_string_equal(dec(f.line[FCAST_QUARTER].proj), "1060");
	/* 2025: 1200 of January to April + 300 + 230 days */
	assert_int_equal(f.line[FCAST_YEAR].days_left, 230);
	assert_string_equal(dec(f.line[FCAST_YEAR].proj), "3800");
}

/* The range: months at $10, $20 and $30 a day. */
static void
test_range(void **state)
{
	struct forecast_month m[12];
	struct forecast f;
	size_t n = flat(m, 4, 3, 10);	/* April (30), May (31), June (30) */
	(void)state;
	m[1].sum = money_from_int(620);
	m[2].sum = money_from_int(900);
	assert_int_equal(forecast_compute(m, n, day(2025, 7, 1), &f), 1);
	assert_string_equal(dec(f.rate), "20");	/* 1,820 over 91 days */
	assert_string_equal(dec(f.rate_lo), "10");
	assert_string_equal(dec(f.rate_hi), "30");
	assert_string_equal(dec(f.line[FCAST_MONTH].proj), "620");
	assert_string_equal(dec(f.line[FCAST_MONTH].lo), "310");
	assert_string_equal(dec(f.line[FCAST_MONTH].hi), "930");
	/* the year: 1,820 + 184 days at 20 (10, 30) */
	assert_string_equal(dec(f.line[FCAST_YEAR].proj), "5500");
	assert_string_equal(dec(f.line[FCAST_YEAR].lo), "3660");
	assert_string_equal(dec(f.line[FCAST_YEAR].hi), "7340");
}

static void
test_too_little_history(void **state)
{
	struct forecast_month m[12];
	struct forecast f;
	size_t n = flat(m, 1, 3, 10);
	(void)state;
	m[2].whole = 0;		/* March to date */
	assert_int_equal(forecast_compute(m, n, day(2025, 3, 16), &f), 0);
	assert_int_equal(f.ok, 0);
	assert_string_equal(f.why, "no forecast: it needs 3 complete months before 2025-03-16, the data has 2");
	/* a partial first month does not count either */
	n = flat(m, 1, 4, 10);
	m[0].whole = 0;
	assert_int_equal(forecast_compute(m, n, day(2025, 5, 1), &f), 1);
	assert_true(f.rate_from == day(2025, 2, 1));
	m[1].whole = 0;
	assert_int_equal(forecast_compute(m, n, day(2025, 5, 1), &f), 0);
	assert_int_equal(forecast_compute(NULL, 0, DATE_NULL, &f), 0);
}

/* Recurring charges go by the month at the last complete month's amount,
 * less what the current month holds of them; one-time charges are never
 * projected. Usage $10 a day all year; recurring April 1,000, May 1,200,
 * June 1,100; a one-time 500 in April; July holds 14 days of usage. */
static void
test_recurring(void **state)
{
	struct forecast_month m[12];
	struct forecast f;
	size_t n = flat(m, 1, 7, 10);
	(void)state;
	m[3].recur = money_from_int(1000);
	m[3].once = money_from_int(500);
	m[4].recur = money_from_int(1200);
	m[5].recur = money_from_int(1100);
	for (int i = 3; i < 6; i++)
		m[i].sum = money_add(money_add(m[i].sum, m[i].recur), m[i].once);
	m[6].whole = 0;
	m[6].recur = money_from_int(1100);	/* billed on the 1st */
	m[6].sum = money_from_int(140 + 1100);
	assert_int_equal(forecast_compute(m, n, day(2025, 7, 15), &f), 1);
	assert_string_equal(dec(f.rate), "10");
	assert_string_equal(dec(f.rate_lo), "10");
	assert_string_equal(dec(f.rate_hi), "10");
	assert_string_equal(dec(f.recur), "1100");
	assert_string_equal(dec(f.recur_lo), "1000");
	assert_string_equal(dec(f.recur_hi), "1200");
	assert_string_equal(dec(f.once), "500");
	/* July: its seats are billed; 17 days of usage to come (the highest
	 * month would bill 100 more) */
	assert_string_equal(dec(f.line[FCAST_MONTH].actual), "1240");
	assert_int_equal(f.line[FCAST_MONTH].days_left, 17);
	assert_string_equal(dec(f.line[FCAST_MONTH].proj), "1410");
	assert_string_equal(dec(f.line[FCAST_MONTH].lo), "1410");
	assert_string_equal(dec(f.line[FCAST_MONTH].hi), "1510");
	/* Q3: 78 days of usage and August and September's 1,100 */
	assert_int_equal(f.line[FCAST_QUARTER].days_left, 78);
	assert_string_equal(dec(f.line[FCAST_QUARTER].proj), "4220");
	assert_string_equal(dec(f.line[FCAST_QUARTER].lo), "4020");
	assert_string_equal(dec(f.line[FCAST_QUARTER].hi), "4520");
	/* 2025: 6,850 to date, 170 days, August to December */
	assert_string_equal(dec(f.line[FCAST_YEAR].actual), "6850");
	assert_int_equal(f.line[FCAST_YEAR].days_left, 170);
	assert_string_equal(dec(f.line[FCAST_YEAR].proj), "14050");
	assert_string_equal(dec(f.line[FCAST_YEAR].lo), "13550");
	assert_string_equal(dec(f.line[FCAST_YEAR].hi), "14650");
	/* July's seats not billed yet: the month still comes to 1,410 */
	m[6].recur = 0;
	m[6].sum = money_from_int(140);
	assert_int_equal(forecast_compute(m, n, day(2025, 7, 15), &f), 1);
	assert_string_equal(dec(f.line[FCAST_MONTH].actual), "140");
	assert_string_equal(dec(f.line[FCAST_MONTH].proj), "1410");
	assert_string_equal(dec(f.line[FCAST_MONTH].lo), "1310");
	assert_string_equal(dec(f.line[FCAST_MONTH].hi), "1510");
}

static struct profile *prof;

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

/* Compute at $10 a day in monthly rows from January to April 2025, then
 * daily rows at $20 from May 1 to 15; Storage $1 a day in monthly rows. */
static void
test_store(void **state)
{
	char *csv = NULL, err[128];
	size_t len = 0;
	FILE *f = open_memstream(&csv, &len);
	struct store *s;
	struct forecast fc;
	struct filter flt = {0};
	(void)state;
	fputs("BilledCost,EffectiveCost,BillingCurrency,ServiceName,ChargePeriodStart,ChargePeriodEnd\n", f);
	for (int m = 1; m <= 4; m++) {
		int64_t a = day(2025, m, 1), b = calendar_add_months(a, 1);
		long long d = (b - a) / CALENDAR_DAY;
		fprintf(f, "%lld,%lld,USD,Compute,2025-%02d-01T00:00:00Z,2025-%02d-01T00:00:00Z\n", 10 * d, 10 * d, m,
		    m + 1);
		fprintf(f, "%lld,%lld,USD,Storage,2025-%02d-01T00:00:00Z,2025-%02d-01T00:00:00Z\n", d, d, m, m + 1);
	}
	for (int d = 1; d <= 15; d++)
		fprintf(f, "20,20,USD,Compute,2025-05-%02dT00:00:00Z,2025-05-%02dT00:00:00Z\n", d, d + 1);
	fclose(f);
	s = load("store.csv", csv);
	free(csv);
	assert_int_equal(forecast_build(s, NULL, 0, M_EFFECTIVE, &fc), 1);
	assert_true(fc.as_of == day(2025, 5, 16));
	assert_string_equal(dec(fc.rate), "11");
	assert_string_equal(dec(fc.line[FCAST_MONTH].actual), "300");
	assert_string_equal(dec(fc.line[FCAST_MONTH].proj), "476");	/* 300 + 16 x 11 */
	/* Storage alone */
	assert_int_equal(dim_parse(s, "ServiceName", GRAIN_MONTH, &flt.dim, err, sizeof err), 0);
	assert_int_equal(dim_lookup(s, &flt.dim, "Storage", &flt.lo), 0);
	flt.hi = flt.lo;
	assert_int_equal(forecast_build(s, &flt, 1, M_EFFECTIVE, &fc), 1);
	assert_string_equal(dec(fc.rate), "1");
	assert_string_equal(dec(fc.line[FCAST_MONTH].actual), "0");
	assert_string_equal(dec(fc.line[FCAST_MONTH].proj), "16");
	assert_string_equal(dec(fc.line[FCAST_YEAR].actual), "120");
	assert_string_equal(dec(fc.line[FCAST_YEAR].proj), "350");	/* 120 + 230 */
	/* a metric the data lacks */
	assert_int_equal(forecast_build(s, NULL, 0, M_LIST, &fc), 0);
	assert_string_equal(fc.why, "no forecast: the data has no ListCost");
	store_free(s);
}

/* A month-to-date file: seats $3,000 billed on the 1st of each month
 * (Recurring), usage $10 a day in daily rows (Usage-Based), a $200 tax in
 * April (One-Time), data to May 15. May's seats are not projected again. */
static void
test_store_month_to_date(void **state)
{
	char *csv = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&csv, &len);
	struct store *s;
	struct forecast fc;
	(void)state;
	fputs("BilledCost,EffectiveCost,BillingCurrency,ServiceName,ChargeFrequency,ChargePeriodStart,"
	    "ChargePeriodEnd\n", f);
	for (int m = 1; m <= 5; m++) {
		int64_t a = day(2025, m, 1), b = calendar_add_months(a, 1);
		int days = m == 5 ? 15 : (int)((b - a) / CALENDAR_DAY), y, mo, d;
		fprintf(f, "3000,3000,USD,Seats,Recurring,2025-%02d-01T00:00:00Z,2025-%02d-01T00:00:00Z\n", m, m + 1);
		for (int i = 0; i < days; i++) {
			civil_from_days(a / CALENDAR_DAY + i, &y, &mo, &d);
			fprintf(f, "10,10,USD,API,Usage-Based,%04d-%02d-%02dT00:00:00Z,", y, mo, d);
			civil_from_days(a / CALENDAR_DAY + i + 1, &y, &mo, &d);
			fprintf(f, "%04d-%02d-%02dT00:00:00Z\n", y, mo, d);
		}
	}
	fputs("200,200,USD,Tax,One-Time,2025-04-01T00:00:00Z,2025-05-01T00:00:00Z\n", f);
	fclose(f);
	s = load("mtd.csv", csv);
	free(csv);
	assert_int_equal(forecast_build(s, NULL, 0, M_EFFECTIVE, &fc), 1);
	assert_true(fc.as_of == day(2025, 5, 16));
	assert_string_equal(dec(fc.rate), "10");
	assert_string_equal(dec(fc.recur), "3000");
	assert_string_equal(dec(fc.once), "200");
	assert_string_equal(dec(fc.line[FCAST_MONTH].actual), "3150");
	assert_string_equal(dec(fc.line[FCAST_MONTH].proj), "3310");	/* 3,150 + 16 x 10 */
	assert_string_equal(dec(fc.line[FCAST_MONTH].hi), "3310");
	/* 2025: 16,550 to date + 230 days x 10 + June to December's seats */
	assert_string_equal(dec(fc.line[FCAST_YEAR].actual), "16550");
	assert_string_equal(dec(fc.line[FCAST_YEAR].proj), "39850");
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
		cmocka_unit_test(test_flat),
		cmocka_unit_test(test_partial_last_month),
		cmocka_unit_test(test_range),
		cmocka_unit_test(test_too_little_history),
		cmocka_unit_test(test_recurring),
		cmocka_unit_test(test_store),
		cmocka_unit_test(test_store_month_to_date),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
