/* Unit tests: exact decimals and date-times. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "json.h"
#include "value.h"

static money_t
parse_ok(const char *s, unsigned *dev)
{
	money_t v = 0;
	unsigned d = 0;
	assert_int_equal(money_parse(s, strlen(s), &v, &d), 0);
	if (dev)
		*dev = d;
	return v;
}

static const char *
fmt(money_t v, int decimals, int mindec, char sep)
{
	static char buf[128];
	money_format(v, decimals, mindec, sep, buf, sizeof buf);
	return buf;
}

static void
test_parse_plain(void **state)
{
	unsigned dev;
	(void)state;
	assert_true(parse_ok("0", &dev) == 0);
	assert_int_equal(dev, 0);
	assert_true(parse_ok("1", NULL) == MONEY_ONE);
	assert_true(parse_ok("-1.5", NULL) == -MONEY_ONE * 3 / 2);
	assert_true(parse_ok(".5", NULL) == MONEY_ONE / 2);
	assert_true(parse_ok("35.2E-7", &dev) == (money_t)3520000000000LL);
	assert_int_equal(dev, 0);
	assert_string_equal(fmt(parse_ok("0.08799215300000", NULL), -1, 0, 0), "0.087992153");
	assert_string_equal(fmt(parse_ok("12345678901.12345678901", NULL), -1, 0, 0), "12345678901.12345678901");
}

static void
test_parse_lenient(void **state)
{
	unsigned dev = 0;
	(void)state;
	assert_true(parse_ok("$10,000.00 ", &dev) == MONEY_ONE * 10000);
	assert_true(dev & DEVBIT(DEV_CURRENCY));
	assert_true(dev & DEVBIT(DEV_THOUSANDS));
	assert_true(dev & DEVBIT(DEV_SPACE));
	assert_true(parse_ok("+3", &dev) == MONEY_ONE * 3);
	assert_true(dev & DEVBIT(DEV_PLUS));
	assert_true(parse_ok("1E+2", &dev) == MONEY_ONE * 100);
	assert_true(dev & DEVBIT(DEV_EXP_PLUS));
	assert_true(parse_ok("-$1,234,567.5", NULL) == -(MONEY_ONE * 1234567 + MONEY_ONE / 2));
	/* more than 18 decimals: rounded half to even, flagged */
	assert_true(parse_ok("0.0000000000000000005", &dev) == 0);
	assert_true(dev & DEVBIT(DEV_ROUNDED));
	assert_true(parse_ok("0.0000000000000000015", NULL) == 2);
	assert_true(parse_ok("0.00000000000000000151", NULL) == 2);
}

static void
test_parse_reject(void **state)
{
	static const char *const bad[] = {
	    "", "abc", "1.2.3", "--1", "1,00", ",100", "1,0000", "12a", "1e", "(12.00)", "$", ".", "1 2", "0x10", "NaN",
	    "inf",
	};
	money_t v;
	unsigned dev;
	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_int_equal(money_parse(bad[i], strlen(bad[i]), &v, &dev), -1);
	assert_int_equal(money_parse("1e400", 5, &v, &dev), -2);
	assert_int_equal(money_parse("99999999999999999999", 20, &v, &dev), -2);
}

static void
test_format(void **state)
{
	(void)state;
	assert_string_equal(fmt(MONEY_ONE * 1234567 / 100, 2, 2, ','), "12,345.67");
	assert_string_equal(fmt(-MONEY_ONE / 200, 2, 2, 0), "-0.01");	/* half away from zero */
	assert_string_equal(fmt(-MONEY_ONE / 1000, 2, 2, 0), "0.00");	/* no -0.00 */
	assert_string_equal(fmt(MONEY_ONE * 5, -1, 2, 0), "5.00");
	assert_string_equal(fmt(MONEY_ONE * 5, -1, 0, 0), "5");
	assert_string_equal(fmt(1, -1, 0, 0), "0.000000000000000001");
	assert_string_equal(fmt(MONEY_ONE * 1000000, 0, 0, ','), "1,000,000");
}

static void
test_sum_does_not_drift(void **state)
{
	/* a million 11-decimal values add up exactly */
	money_t sum = 0, v;
	(void)state;
	v = parse_ok("0.12345678901", NULL);
	for (int i = 0; i < 1000000; i++)
		sum += v;
	assert_string_equal(fmt(sum, -1, 0, 0), "123456.78901");
}

static void
test_mul_div(void **state)
{
	(void)state;
	assert_true(money_mul(parse_ok("3055", NULL), parse_ok("12", NULL)) == parse_ok("36660", NULL));
	assert_true(money_mul(parse_ok("0.1", NULL), parse_ok("37.25", NULL)) == parse_ok("3.725", NULL));
	assert_true(money_mul(parse_ok("-2.5", NULL), parse_ok("4", NULL)) == parse_ok("-10", NULL));
	assert_true(money_div(parse_ok("3055", NULL), parse_ok("12", NULL)) == parse_ok("254.583333333333333333", NULL));
	assert_true(money_div(parse_ok("1", NULL), parse_ok("3", NULL)) == parse_ok("0.333333333333333333", NULL));
	assert_true(money_div(parse_ok("2", NULL), parse_ok("3", NULL)) == parse_ok("0.666666666666666667", NULL));
	assert_true(money_div(MONEY_ONE, 0) == MONEY_NULL);
	assert_true(money_mul(parse_ok("1e18", NULL), parse_ok("1e18", NULL)) == MONEY_NULL);
}

static int64_t
date_ok(const char *s, unsigned *dev)
{
	int64_t t;
	unsigned d = 0;
	assert_int_equal(date_parse(s, strlen(s), &t, &d), 0);
	if (dev)
		*dev = d;
	return t;
}

static void
test_dates(void **state)
{
	unsigned dev;
	char buf[21];
	(void)state;
	assert_true(date_ok("1970-01-01T00:00:00Z", &dev) == 0);
	assert_int_equal(dev, 0);
	assert_true(date_ok("2024-01-01T00:00:00Z", NULL) == 1704067200);
	assert_true(date_ok("2024-09-01 00:00:00", &dev) == date_ok("2024-09-01T00:00:00Z", NULL));
	assert_true(dev & DEVBIT(DEV_DATE_SPACE));
	assert_true(dev & DEVBIT(DEV_DATE_NOZONE));
	assert_true(date_ok("2024-09-01", &dev) == date_ok("2024-09-01T00:00:00Z", NULL));
	assert_true(dev & DEVBIT(DEV_DATE_ONLY));
	assert_true(date_ok("2024-09-01T02:00:00+02:00", &dev) == date_ok("2024-09-01T00:00:00Z", NULL));
	assert_true(dev & DEVBIT(DEV_DATE_OFFSET));
	assert_true(date_ok("2024-09-01T00:00:00.123Z", &dev) == date_ok("2024-09-01T00:00:00Z", NULL));
	assert_true(dev & DEVBIT(DEV_DATE_FRAC));
	assert_true(date_ok("4/1/25", &dev) == date_ok("2025-04-01T00:00:00Z", NULL));
	assert_true(dev & DEVBIT(DEV_DATE_US));
	assert_true(date_ok("2024-02-29T23:59:59Z", NULL) == date_ok("2024-03-01T00:00:00Z", NULL) - 1);
	date_format(date_ok("2026-10-31T13:05:09Z", NULL), buf);
	assert_string_equal(buf, "2026-10-31T13:05:09Z");
}

static void
test_dates_reject(void **state)
{
	static const char *const bad[] = {
	    "2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z", "2024-04-31", "2024-01-01T24:00:00Z",
	    "2024-01-01T00:60:00Z", "2024-01-01X00:00:00Z", "2024-1-01", "yesterday", "", "13/45/25",
	    "2024-01-01T00:00:00Q", "2024-01-01T00:00:00+25:00",
	};
	int64_t t;
	unsigned dev;
	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_int_equal(date_parse(bad[i], strlen(bad[i]), &t, &dev), -1);
}

/* JSON syntax: RFC 8259, and what SQLite 3.40 takes that it should not */
static void
test_json(void **state)
{
	static const char *const good[] = {
		"{}", " { } ", "{\"a\":\"b\"}", "{\"a\":1,\"b\":-0.5e+3,\"c\":[true,false,null,{}]}",
		"[]", "\"x\"", "0", "-0", "1E9", "{\"\\u00e9\\n\\\"\":\"\\/\"}", "\t{\"k\" :\r\n\"v\"}\n",
	};
	static const struct { const char *text; size_t at; const char *expected; } bad[] = {
		{"{\"a\":\"b\",{\"x\":\"y\"}:\"z\"}", 9, "a string key"},	/* SQLite 3.40: valid */
		{"{{\"x\":\"y\"}:\"4D\"}", 1, "a string key"},
		{"{\"a\":\"b\",[\"q\"]:\"c\"}", 9, "a string key"},
		{"{\"a\":}", 5, "a value"},
		{"{\"a\" \"b\"}", 5, "':'"},
		{"{\"a\":1 \"b\":2}", 7, "',' or '}'"},
		{"[1,2", 4, "',' or ']'"},
		{"{\"a\":01}", 6, "',' or '}'"},
		{"{\"a\":1.}", 7, "a digit"},
		{"{\"a\":\"\\x\"}", 7, "an escape: \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX"},
		{"{\"a\":\"\\u12g4\"}", 10, "four hexadecimal digits after \\u"},
		{"{\"a\":\"\x01\"}", 6, "no control character in a string"},
		{"{\"a\":\"b", 7, "'\"' to end the string"},
		{"{\"a\":tru}", 8, "a value"},
		{"{} {}", 3, "the end of the text"},
		{"", 0, "a value"},
		{"\f{}", 0, "a value"},
	};
	char deep[2 * JSON_MAX_DEPTH + 3];
	size_t at;
	const char *expected;
	(void)state;
	for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
		assert_int_equal(json_check(good[i], &at, &expected), 0);
		assert_null(expected);
	}
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		assert_int_equal(json_check(bad[i].text, &at, &expected), -1);
		assert_int_equal(at, bad[i].at);
		assert_string_equal(expected, bad[i].expected);
	}
	/* nesting: JSON_MAX_DEPTH levels read, one more refused */
	memset(deep, '[', JSON_MAX_DEPTH);
	memset(deep + JSON_MAX_DEPTH, ']', JSON_MAX_DEPTH);
	deep[2 * JSON_MAX_DEPTH] = '\0';
	assert_int_equal(json_check(deep, NULL, NULL), 0);
	memset(deep, '[', JSON_MAX_DEPTH + 1);
	memset(deep + JSON_MAX_DEPTH + 1, ']', JSON_MAX_DEPTH + 1);
	deep[2 * JSON_MAX_DEPTH + 2] = '\0';
	assert_int_equal(json_check(deep, &at, &expected), -1);
	assert_int_equal(at, JSON_MAX_DEPTH);
	assert_string_equal(expected, "less nesting");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_plain),
		cmocka_unit_test(test_parse_lenient),
		cmocka_unit_test(test_parse_reject),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_sum_does_not_drift),
		cmocka_unit_test(test_mul_div),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_dates_reject),
		cmocka_unit_test(test_json),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
