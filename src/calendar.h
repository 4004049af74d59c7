/* calendar.h - calendar months over dates held as seconds since the epoch
 * (value.h: DATE_NULL is no date). Used by the what-if model and the importer. */
#ifndef FOCAL_CALENDAR_H
#define FOCAL_CALENDAR_H

#include <stdint.h>

#define CALENDAR_DAY 86400

/* Whole months from a to b (b >= a), rounded up; 0 if b <= a. */
int calendar_months_between(int64_t a, int64_t b);
/* t plus k calendar months (day clamped to the month's length). */
int64_t calendar_add_months(int64_t t, int k);
/* The first day of t's month, 00:00. */
int64_t calendar_month_start(int64_t t);
/* Calendar month number (year * 12 + month - 1), for counting months. */
int64_t calendar_month_index(int64_t t);
/* The first day of month number i (calendar_month_index), 00:00. */
int64_t calendar_month_time(int64_t i);

#endif
