/* calendar.c - calendar months: adding them, counting them, where they start.
 * Dates are seconds since the epoch (value.h). No curses here. */
#include "calendar.h"

#include "value.h"

#define DAY CALENDAR_DAY

static int64_t
floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

static int
month_days(int y, int m)
{
	static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

int64_t
calendar_add_months(int64_t t, int k)
{
	int64_t days = floor_div(t, DAY), secs = t - days * DAY, total;
	int y, m, d, y2, m2;
	civil_from_days(days, &y, &m, &d);
	total = (int64_t)y * 12 + (m - 1) + k;
	y2 = (int)floor_div(total, 12);
	m2 = (int)(total - (int64_t)y2 * 12) + 1;
	if (d > month_days(y2, m2))
		d = month_days(y2, m2);
	return days_from_civil(y2, m2, d) * DAY + secs;
}

int
calendar_months_between(int64_t a, int64_t b)
{
	int ya, ma, da, yb, mb, db, f;
	if (a == DATE_NULL || b == DATE_NULL || b <= a)
		return 0;
	civil_from_days(floor_div(a, DAY), &ya, &ma, &da);
	civil_from_days(floor_div(b, DAY), &yb, &mb, &db);
	f = (yb - ya) * 12 + (mb - ma);
	while (f > 0 && calendar_add_months(a, f) > b)
		f--;
	return calendar_add_months(a, f) < b ? f + 1 : f;
}

int64_t
calendar_month_start(int64_t t)
{
	int y, m, d;
	civil_from_days(floor_div(t, DAY), &y, &m, &d);
	return days_from_civil(y, m, 1) * DAY;
}

int64_t
calendar_month_index(int64_t t)
{
	int y, m, d;
	civil_from_days(floor_div(t, DAY), &y, &m, &d);
	return (int64_t)y * 12 + (m - 1);
}

int64_t
calendar_month_time(int64_t i)
{
	return days_from_civil((int)floor_div(i, 12), (int)(i - floor_div(i, 12) * 12) + 1, 1) * DAY;
}
