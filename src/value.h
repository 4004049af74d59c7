/* value.h - exact decimals and FOCUS date-times, parsed leniently and counted.
 *
 * Money is a scaled 128-bit integer (10^-18 units): sums over any number of
 * rows are exact, so a total always reconciles with the invoice to the cent. */
#ifndef FOCAL_VALUE_H
#define FOCAL_VALUE_H

#include <stddef.h>
#include <stdint.h>

__extension__ typedef __int128 money_t;

#define MONEY_DIGITS 18
#define MONEY_ONE ((money_t)1000000000000000000LL)
/* Sentinel for NULL; no parsed value can reach it (|v| < 10^37). */
#define MONEY_NULL ((money_t)(((unsigned __int128)1) << 127))

/* Deviations from the FOCUS formats that the lenient reader accepts.
 * X(name, message) */
#define VALUE_DEVIATIONS(X) \
	X(DEV_SPACE, "value has leading or trailing spaces") \
	X(DEV_PLUS, "number has a leading '+'") \
	X(DEV_CURRENCY, "number carries a currency symbol") \
	X(DEV_THOUSANDS, "number has thousands separators") \
	X(DEV_EXP_PLUS, "number has '+' in its exponent") \
	X(DEV_ROUNDED, "number has more than 18 decimal places (rounded)") \
	X(DEV_DATE_SPACE, "date-time uses a space instead of 'T'") \
	X(DEV_DATE_NOZONE, "date-time has no 'Z' (read as UTC)") \
	X(DEV_DATE_OFFSET, "date-time has a UTC offset instead of 'Z' (converted)") \
	X(DEV_DATE_FRAC, "date-time has fractional seconds (dropped)") \
	X(DEV_DATE_ONLY, "date without a time (read as 00:00:00Z)") \
	X(DEV_DATE_US, "US-style date M/D/YY (read as month/day/year)") \
	X(DEV_NULL_LOWER, "lowercase 'null' read as NULL") \
	X(DEV_NULL_WORD, "literal 'NULL' read as NULL") \
	X(DEV_EMPTY_STRING, "quoted empty string in place of NULL") \
	X(DEV_HEADER_CASE, "column name differs in case from FOCUS (bound anyway)") \
	X(DEV_BOM, "file starts with a UTF-8 byte order mark") \
	X(DEV_CRLF, "CRLF line endings") \
	X(DEV_BLANK_LINE, "blank lines between records") \
	X(DEV_UNKNOWN_COLUMN, "non-FOCUS column without the x_ prefix (kept)") \
	X(DEV_BAD_DATE, "invalid date-time in a column focal does not place rows by (kept as written)") \
	X(DEV_BAD_NUMBER, "invalid number in a column focal does not add up (kept as written)") \
	X(DEV_NOT_UTF8, "text is not UTF-8 (kept; its bytes are shown as \\xNN)")

enum value_dev {
#define X(n, m) n,
	VALUE_DEVIATIONS(X)
#undef X
	DEV_COUNT
};
#define DEVBIT(d) (1u << (d))

const char *value_dev_message(enum value_dev d);

/* Parse a decimal. Returns 0 and sets *out, or -1 (not a number) or
 * -2 (out of range). *dev collects DEVBIT()s of accepted deviations. */
int money_parse(const char *s, size_t n, money_t *out, unsigned *dev);

/* Format v. decimals < 0 prints full precision without trailing zeros but at
 * least mindec decimals; otherwise rounds half away from zero to `decimals`.
 * sep != 0 inserts that thousands separator. Returns the length written. */
size_t money_format(money_t v, int decimals, int mindec, char sep, char *buf, size_t n);

/* v rounded to `decimals` decimal places, as a double (for display only). */
double money_to_double(money_t v);

/* Multiply/divide exact values, rounding half away from zero. */
money_t money_mul(money_t a, money_t b);
money_t money_div(money_t a, money_t b);
/* a + b, or MONEY_NULL when either is MONEY_NULL or the sum leaves the
 * 128-bit range (|v| < 10^37 per value: about 17 values at the limit
 * overflow): sums over rows use it, and stay MONEY_NULL once overflowed. */
static inline money_t
money_add(money_t a, money_t b)
{
	money_t s;
	if (a == MONEY_NULL || b == MONEY_NULL || __builtin_add_overflow(a, b, &s))
		return MONEY_NULL;
	return s;
}
/* a - b, MONEY_NULL when either is or the difference leaves the range */
static inline money_t
money_sub(money_t a, money_t b)
{
	money_t d;
	if (a == MONEY_NULL || b == MONEY_NULL || __builtin_sub_overflow(a, b, &d))
		return MONEY_NULL;
	return d;
}
money_t money_from_int(long long i);

/* Date-times are seconds since 1970-01-01T00:00:00Z. */
#define DATE_NULL INT64_MIN

/* Parse a FOCUS date-time; returns 0 or -1 (not a date or impossible). */
int date_parse(const char *s, size_t n, int64_t *out, unsigned *dev);
/* Writes YYYY-MM-DDTHH:MM:SSZ (21 bytes with the NUL). */
void date_format(int64_t t, char buf[21]);
/* Days since the epoch <-> civil date. */
int64_t days_from_civil(int y, int m, int d);
void civil_from_days(int64_t z, int *y, int *m, int *d);

#endif
