/* format.h - every figure focal shows people, written once: values of money
 * and quantity metrics, shares, counts, and the line that names a problem
 * (a rejected row). `focal report`, the explorer and the what-if output call
 * these, so the same value reads the same everywhere, edge cases included. */
#ifndef FOCAL_FORMAT_H
#define FOCAL_FORMAT_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"
#include "value.h"

/* Enough for any figure below (an int128 with separators, currency, sign). */
#define FORMAT_MAX 96

/* Money for people: "$1,234.56" in USD, "1,234.56 EUR" otherwise, the bare
 * number when the currency is unknown (NULL). No "-0.00". MONEY_NULL (a
 * sum that left the exact range) is "overflow", never a number. */
void format_money(const char *currency, money_t v, char *buf, size_t n);

/* The value of metric m: "-" when there is none (has == 0), "overflow" for
 * MONEY_NULL, money as format_money, quantities with separators and at most
 * three decimals, trailing zeros dropped. */
void format_value(const char *currency, enum metric m, money_t v, int has, char *buf, size_t n);

/* v's share of t in tenths of a percent, rounded half away from zero in
 * exact arithmetic. *ok = 0 (and 0 returned) when there is no share: t is 0,
 * either is MONEY_NULL, or the ratio is beyond +-10^6. */
long long format_permille(money_t v, money_t t, int *ok);

/* "87.9%", "-0.4%", or "-" when !ok. */
void format_share(long long tenths, int ok, char *buf, size_t n);

/* v's share of t as format_share writes it; "-" when has == 0. */
void format_share_of(money_t v, money_t t, int has, char *buf, size_t n);

/* A change: format_value with a "+" before a rise ("+$200.00", "-$3.10",
 * "$0.00"). */
void format_change(const char *currency, enum metric m, money_t v, int has, char *buf, size_t n);
/* A change in percent from tenths: "+20.0%", "-100.0%"; "new" when there
 * was nothing before (is_new), else "-" when !ok. */
void format_change_pct(long long tenths, int ok, int is_new, char *buf, size_t n);

/* A count with thousands separators: "5,017". */
void format_count(uint64_t count, char *buf, size_t n);

/* The line that names a rejected row, without a newline:
 * "FILE:LINE:FIELD: COLUMN \"VALUE\": REASON", "FILE:LINE:FIELD: REASON"
 * or "FILE:LINE: REASON". The value is sanitised (no control bytes) and
 * cut to 255 bytes. Returns buf. */
char *format_problem(char *buf, size_t n, const char *file, unsigned long line, int field, const char *column,
    const char *value, const char *reason);

#endif
