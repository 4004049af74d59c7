/* Unit tests: time ranges and what they are compared with (range.c), and
 * the change figures (format_change, compare_pct). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "calendar.h"
#include "compare.h"
#include "format.h"
#include "period.h"
#include "range.h"
#include "value.h"

static int64_t
day(int y, int m, int d)
{
	return days_from_civil(y, m, d) * CALENDAR_DAY;
}

static const char *
label(const struct range *r)
{
	static char buf[64];
	range_label(r, buf, sizeof buf);
	return buf;
}

static struct range
parse(const char *text, enum grain g, int fy, const struct coverage *cov)
{
	struct range r;
	char err[256];
	assert_int_equal(range_parse(text, g, fy, cov, &r, err, sizeof err), 0);
	return r;
}

static void
test_parse(void **state)
{
	struct coverage cov = {day(2025, 3, 1), day(2026, 11, 15)};	/* data ends on 14 November */
	struct range r;
	char err[256];
	(void)state;
	assert_string_equal(label(&(struct range){DATE_NULL, DATE_NULL, 0}), "all");
	assert_string_equal(label((r = parse("2026-01..2026-03", GRAIN_MONTH, 1, &cov), &r)), "2026-01-01..2026-03-31");
	assert_int_equal(r.months, 3);
	assert_string_equal(label((r = parse("2026-Q3", GRAIN_MONTH, 1, &cov), &r)), "2026-07-01..2026-09-30");
	assert_string_equal(label((r = parse("2026-02-27..2026-03-02", GRAIN_DAY, 1, &cov), &r)),
	    "2026-02-27..2026-03-02");
	assert_int_equal(r.months, 0);
	assert_string_equal(label((r = parse("2026..", GRAIN_MONTH, 1, &cov), &r)), "2026-01-01..");
	assert_string_equal(label((r = parse("mtd", GRAIN_MONTH, 1, &cov), &r)), "2026-11-01..2026-11-30");
	assert_string_equal(label((r = parse("qtd", GRAIN_MONTH, 1, &cov), &r)), "2026-10-01..2026-12-31");
	assert_string_equal(label((r = parse("ytd", GRAIN_MONTH, 1, &cov), &r)), "2026-01-01..2026-12-31");
	assert_string_equal(label((r = parse("fytd", GRAIN_MONTH, 4, &cov), &r)), "2026-04-01..2027-03-31");
	assert_string_equal(label((r = parse("fy", GRAIN_MONTH, 4, &cov), &r)), "2025-04-01..2026-03-31");
	assert_string_equal(label((r = parse("last3", GRAIN_MONTH, 1, &cov), &r)), "2026-09-01..2026-11-30");
	assert_string_equal(label((r = parse("last2", GRAIN_QUARTER, 1, &cov), &r)), "2026-07-01..2026-12-31");
	assert_string_equal(label((r = parse("last7", GRAIN_DAY, 1, &cov), &r)), "2026-11-08..2026-11-14");
	/* a fiscal year the data covers to its end is the last one */
	cov.end = day(2026, 4, 1);
	assert_string_equal(label((r = parse("fy", GRAIN_MONTH, 4, &cov), &r)), "2025-04-01..2026-03-31");
	assert_int_equal(range_parse("2026-02-30", GRAIN_MONTH, 1, &cov, &r, err, sizeof err), -1);
	assert_int_equal(range_parse("2026-13", GRAIN_MONTH, 1, &cov, &r, err, sizeof err), -1);
	assert_int_equal(range_parse("last0", GRAIN_MONTH, 1, &cov, &r, err, sizeof err), -1);
	assert_int_equal(range_parse("last-2", GRAIN_MONTH, 1, &cov, &r, err, sizeof err), -1);
	assert_int_equal(range_parse("2026-03..2026-01", GRAIN_MONTH, 1, &cov, &r, err, sizeof err), -1);
	cov.start = cov.end = DATE_NULL;
	assert_int_equal(range_parse("ytd", GRAIN_MONTH, 1, &cov, &r, err, sizeof err), -1);
}

static const char *
cmp_labels(const struct range_cmp *c)
{
	static char buf[160];
	char a[64];
	range_label(&c->prev, a, sizeof a);
	snprintf(buf, sizeof buf, "%s vs %s%s%s", a, label(&c->cur), c->cut ? " cut" : "",
	    c->prev_partial ? " prev-partial" : "");
	return buf;
}

static void
test_compare(void **state)
{
	struct coverage cov = {day(2025, 3, 1), day(2026, 12, 15)};
	struct range r;
	struct range_cmp c;
	(void)state;
	/* a month to date against the same days of the month before */
	r = parse("2026-12", GRAIN_MONTH, 1, &cov);
	assert_int_equal(range_compare(&r, &cov, &c), 0);
	assert_string_equal(cmp_labels(&c), "2026-11-01..2026-11-14 vs 2026-12-01..2026-12-14 cut");
	/* whole quarters against the quarter before */
	r = parse("2026-Q3", GRAIN_MONTH, 1, &cov);
	assert_int_equal(range_compare(&r, &cov, &c), 0);
	assert_string_equal(cmp_labels(&c), "2026-04-01..2026-06-30 vs 2026-07-01..2026-09-30");
	/* March to the 30th: February whole, not cut inside it */
	cov.end = day(2026, 3, 31);
	r = parse("2026-03", GRAIN_MONTH, 1, &cov);
	assert_int_equal(range_compare(&r, &cov, &c), 0);
	assert_string_equal(cmp_labels(&c), "2026-02-01..2026-02-28 vs 2026-03-01..2026-03-30 cut");
	/* a year to date whose previous year starts before the data */
	cov.end = day(2026, 7, 1);
	r = parse("ytd", GRAIN_MONTH, 1, &cov);
	assert_int_equal(range_compare(&r, &cov, &c), 0);
	assert_string_equal(cmp_labels(&c), "2025-01-01..2025-06-30 vs 2026-01-01..2026-06-30 cut prev-partial");
	/* days against the days before */
	r = parse("2026-06-10..2026-06-16", GRAIN_DAY, 1, &cov);
	assert_int_equal(range_compare(&r, &cov, &c), 0);
	assert_string_equal(cmp_labels(&c), "2026-06-03..2026-06-09 vs 2026-06-10..2026-06-16");
	/* nothing to compare without any dates */
	cov.start = cov.end = DATE_NULL;
	r.start = r.end = DATE_NULL;
	assert_int_equal(range_compare(&r, &cov, &c), -1);
}

static money_t
num(const char *s)
{
	money_t v = 0;
	unsigned dev = 0;
	assert_int_equal(money_parse(s, strlen(s), &v, &dev), 0);
	return v;
}

static void
test_change(void **state)
{
	struct cmp_group g = {{0}, 0, 0, 1, 1, 0};
	char buf[FORMAT_MAX];
	int ok;
	long long t;
	(void)state;
	g.prev = num("30000");
	g.cur = num("0");
	t = compare_pct(&g, &ok);
	format_change_pct(t, ok, 0, buf, sizeof buf);
	assert_string_equal(buf, "-100.0%");
	format_change("USD", M_EFFECTIVE, compare_change(&g), 1, buf, sizeof buf);
	assert_string_equal(buf, "-$30,000.00");
	g.prev = num("3");
	g.cur = num("9");
	t = compare_pct(&g, &ok);
	format_change_pct(t, ok, 0, buf, sizeof buf);
	assert_string_equal(buf, "+200.0%");
	/* a credit that shrank: the percent is of the size before */
	g.prev = num("-50");
	g.cur = num("-25");
	t = compare_pct(&g, &ok);
	format_change_pct(t, ok, 0, buf, sizeof buf);
	assert_string_equal(buf, "+50.0%");
	/* nothing before: new, no percent */
	g.nprev = 0;
	g.prev = 0;
	t = compare_pct(&g, &ok);
	format_change_pct(t, ok, 1, buf, sizeof buf);
	assert_string_equal(buf, "new");
	/* a rise that rounds to nothing has no sign */
	format_change("USD", M_EFFECTIVE, num("0.004"), 1, buf, sizeof buf);
	assert_string_equal(buf, "$0.00");
	format_change("EUR", M_EFFECTIVE, num("12.5"), 1, buf, sizeof buf);
	assert_string_equal(buf, "+12.50 EUR");
	format_change(NULL, M_CONSUMED, num("1500"), 1, buf, sizeof buf);
	assert_string_equal(buf, "+1,500");
}

/* Coverage narrowed to the daily rows by the data's own slack. */
static void
test_cover_fine(void **state)
{
	const int64_t D = CALENDAR_DAY;
	int64_t every[40], weekdays[40], gap[40];
	size_t nw = 0, ng = 0;
	int64_t oct1 = days_from_civil(2026, 10, 1), nov1 = days_from_civil(2026, 11, 1) * D;
	struct coverage c;
	(void)state;
	for (int i = 0; i < 40; i++) {
		int64_t d = oct1 - 9 + i;
		every[i] = d;
		if ((d + 3) % 7 < 5)	/* 1970-01-01 was a Thursday: Monday to Friday */
			weekdays[nw++] = d;
		if (i < 10 || i > 16)
			gap[ng++] = d;
	}
	assert_true(period_fine_slack(every, 40) == 0);
	assert_true(period_fine_slack(weekdays, nw) == 2 * D);
	assert_true(period_fine_slack(gap, ng) == 3 * D);	/* 7 days without: at most three */
	assert_true(period_fine_slack(every, 27) == PERIOD_SLACK);	/* too few days to tell */
	/* in any order, a day repeated (the hours of a day) */
	{
		int64_t t = weekdays[0];
		weekdays[0] = weekdays[nw - 1], weekdays[nw - 1] = t, weekdays[1] = weekdays[2];
		assert_true(period_fine_slack(weekdays, nw) == 2 * D);
	}
	/* monthly rows to November 1st, daily rows to October 30th */
	c.start = oct1 * D, c.end = nov1;
	period_cover_fine(&c, oct1 * D, nov1 - D, 0);
	assert_true(c.end == nov1 - D);
	c.end = nov1;
	period_cover_fine(&c, oct1 * D, nov1 - D, 2 * D);
	assert_true(c.end == nov1);
	period_cover_fine(&c, oct1 * D, nov1 - 3 * D, 2 * D);
	assert_true(c.end == nov1 - 3 * D);
	/* an hourly export a few hours behind is not a day cut off */
	c.end = nov1;
	period_cover_fine(&c, oct1 * D, nov1 - 5 * 3600, 0);
	assert_true(c.end == nov1);
	/* the first day: an export of the last weeks */
	period_cover_fine(&c, oct1 * D + D, nov1, 0);
	assert_true(c.start == oct1 * D + D);
}

/* The short label a narrow screen uses: whole months as months; other
 * ranges as range_label writes them. */
static void
test_label_short(void **state)
{
	const struct {
		int64_t start, end;
		const char *want;
	} c[] = {
		{day(2026, 10, 1), day(2026, 11, 1), "2026-10"},
		{day(2026, 1, 1), day(2026, 4, 1), "2026-01..2026-03"},
		{day(2025, 12, 1), day(2026, 2, 1), "2025-12..2026-01"},
		{day(2026, 10, 1), day(2026, 10, 15), "2026-10-01..2026-10-14"},
		{day(2026, 9, 15), day(2026, 11, 1), "2026-09-15..2026-10-31"},
		{DATE_NULL, DATE_NULL, "all"},
		{day(2026, 10, 1), DATE_NULL, "2026-10-01.."},
	};
	(void)state;
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
		char buf[64];
		struct range r = {c[i].start, c[i].end, 0};
		range_label_short(&r, buf, sizeof buf);
		assert_string_equal(buf, c[i].want);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_label_short),
		cmocka_unit_test(test_compare),
		cmocka_unit_test(test_change),
		cmocka_unit_test(test_cover_fine),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
