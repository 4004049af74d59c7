/* Unit tests: the one formatter of figures (format.c) in every edge case.
 * `focal report` and the explorer both print through it, so what these
 * assert is what both show. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "format.h"
#include "text.h"

static money_t
num(const char *s)
{
	money_t v = 0;
	unsigned dev = 0;
	assert_int_equal(money_parse(s, strlen(s), &v, &dev), 0);
	return v;
}

/* k * v by repeated exact addition (money_parse stops below 10^20) */
static money_t
times(money_t v, int k)
{
	money_t sum = 0;
	for (int i = 0; i < k; i++)
		sum = money_add(sum, v);
	return sum;
}

static const char *
value(const char *cur, enum metric m, money_t v, int has)
{
	static char buf[FORMAT_MAX];
	format_value(cur, m, v, has, buf, sizeof buf);
	return buf;
}

static const char *
share(money_t v, money_t t, int has)
{
	static char buf[FORMAT_MAX];
	format_share_of(v, t, has, buf, sizeof buf);
	return buf;
}

static void
test_money(void **state)
{
	char buf[FORMAT_MAX];
	(void)state;
	assert_string_equal(value("USD", M_EFFECTIVE, num("634550.805"), 1), "$634,550.81");
	assert_string_equal(value("USD", M_BILLED, num("-1234.5"), 1), "-$1,234.50");
	assert_string_equal(value("EUR", M_LIST, num("12"), 1), "12.00 EUR");
	assert_string_equal(value(NULL, M_LIST, num("12"), 1), "12.00");
	assert_string_equal(value("USD", M_EFFECTIVE, 0, 1), "$0.00");
	/* a tiny negative rounds to zero: no "-$0.00" */
	assert_string_equal(value("USD", M_EFFECTIVE, num("-0.001"), 1), "$0.00");
	assert_string_equal(value("USD", M_EFFECTIVE, num("0.005"), 1), "$0.01");
	/* huge, still exact */
	assert_string_equal(value("USD", M_EFFECTIVE, times(num("9999999999999999999"), 10), 1),
	    "$99,999,999,999,999,999,990.00");
	format_money("USD", MONEY_NULL, buf, sizeof buf);
	assert_string_equal(buf, "overflow");
}

static void
test_quantity(void **state)
{
	(void)state;
	assert_string_equal(value("USD", M_CONSUMED, num("30478.73"), 1), "30,478.73");
	assert_string_equal(value("USD", M_CONSUMED, num("2581"), 1), "2,581");
	assert_string_equal(value("USD", M_PRICING, num("0.0004"), 1), "0");
	assert_string_equal(value("USD", M_PRICING, num("0.0005"), 1), "0.001");
	assert_string_equal(value("USD", M_PRICING, num("-42.5"), 1), "-42.5");
	assert_string_equal(value("USD", M_CONSUMED, 0, 1), "0");
	assert_string_equal(value("USD", M_CONSUMED, times(num("9999999999999999999"), 17), 1),
	    "169,999,999,999,999,999,983");
}

/* issue 11: ConsumedQuantity 9999999999999999999 on every row. The report
 * printed "overflow", the explorer -170,141,183,460,469,231,731.687. */
static void
test_overflow(void **state)
{
	money_t big = num("9999999999999999999"), sum = times(big, 30);
	(void)state;
	assert_true(sum == MONEY_NULL);
	for (int m = 0; m < M_COUNT; m++)
		assert_string_equal(value("USD", (enum metric)m, sum, 1), "overflow");
	/* no share of or in an overflowed sum */
	assert_string_equal(share(sum, big, 1), "-");
	assert_string_equal(share(big, sum, 1), "-");
}

static void
test_null(void **state)
{
	(void)state;
	/* no value (absent column, all NULL) is a dash, whatever v holds */
	assert_string_equal(value("USD", M_EFFECTIVE, 0, 0), "-");
	assert_string_equal(value("USD", M_CONSUMED, MONEY_NULL, 0), "-");
	assert_string_equal(share(num("5"), num("10"), 0), "-");
}

static void
test_share(void **state)
{
	int ok;
	char buf[FORMAT_MAX];
	(void)state;
	assert_string_equal(share(num("557682.92"), num("634550.81"), 1), "87.9%");
	assert_string_equal(share(num("1"), num("1"), 1), "100.0%");
	assert_string_equal(share(0, num("1"), 1), "0.0%");
	assert_string_equal(share(num("1"), 0, 1), "-");	/* no total */
	assert_string_equal(share(num("-1"), num("200"), 1), "-0.5%");	/* half away from zero */
	assert_string_equal(share(num("1"), num("2000"), 1), "0.1%");
	assert_string_equal(share(num("1"), num("2001"), 1), "0.0%");
	/* sums above 1.7 * 10^17 (v * 1000 would overflow) */
	assert_string_equal(share(num("300000000000000000"), num("600000000000000000"), 1), "50.0%");
	/* a share beyond a million times the total is not a share */
	assert_string_equal(share(num("10000000"), num("1"), 1), "-");
	assert_int_equal(format_permille(num("3"), num("4"), &ok), 750);
	assert_int_equal(ok, 1);
	format_share(-1234, 1, buf, sizeof buf);
	assert_string_equal(buf, "-123.4%");
}

static void
test_count(void **state)
{
	char buf[FORMAT_MAX];
	(void)state;
	format_count(0, buf, sizeof buf);
	assert_string_equal(buf, "0");
	format_count(5017, buf, sizeof buf);
	assert_string_equal(buf, "5,017");
	format_count(1234567890123ULL, buf, sizeof buf);
	assert_string_equal(buf, "1,234,567,890,123");
}

static void
test_problem(void **state)
{
	char buf[400], big[600];
	(void)state;
	assert_string_equal(format_problem(buf, sizeof buf, "a.csv", 12, 3, "BilledCost", "1.2.3", "not a number"),
	    "a.csv:12:3: BilledCost \"1.2.3\": not a number");
	assert_string_equal(format_problem(buf, sizeof buf, "a.csv", 12, 3, "BilledCost", NULL, "missing"),
	    "a.csv:12:3: BilledCost: missing");
	/* a field without a column name keeps its column number (the explorer
	 * used to drop it) */
	assert_string_equal(format_problem(buf, sizeof buf, "a.csv", 7, 71, NULL, NULL, "extra field"),
	    "a.csv:7:71: extra field");
	assert_string_equal(format_problem(buf, sizeof buf, "a.csv", 9, 0, NULL, NULL, "unterminated quote"),
	    "a.csv:9: unterminated quote");
	/* control bytes from the data never reach a terminal */
	format_problem(buf, sizeof buf, "a.csv", 2, 1, "x", "a\033[2Jb", "bad");
	assert_null(strchr(buf, '\033'));
	/* a long value is cut, the reason still shows */
	memset(big, 'v', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	format_problem(buf, sizeof buf, "a.csv", 2, 1, "x", big, "too long");
	assert_true(strlen(buf) < sizeof buf - 1);
	assert_non_null(strstr(buf, ": too long"));
}

/* text_sanitize: printable ASCII as is (its fast path), control characters
 * and bytes that are not UTF-8 as \x escapes, never a partial escape or
 * character at the end of a short buffer. */
static void
test_sanitize(void **state)
{
	char out[64];
	(void)state;
	assert_int_equal(text_sanitize("AutoCAD LT, 5 seats ~", out, sizeof out, 0), 21);
	assert_string_equal(out, "AutoCAD LT, 5 seats ~");
	text_sanitize("a\nb\tc\x7f", out, sizeof out, 0);
	assert_string_equal(out, "a\\x0ab\\x09c\\x7f");
	text_sanitize("caf\xc3\xa9 \xe9t\xc3", out, sizeof out, 0);
	assert_string_equal(out, "caf\xc3\xa9 \\xE9t\\xC3");
	text_sanitize("caf\xc3\xa9", out, sizeof out, 1);
	assert_string_equal(out, "caf?");
	assert_int_equal(text_sanitize("abcdef", out, 4, 0), 3);
	assert_string_equal(out, "abc");
	assert_int_equal(text_sanitize("ab\n", out, 5, 0), 2);	/* no room for \x0a */
	assert_string_equal(out, "ab");
	assert_int_equal(text_sanitize("a\xc3\xa9", out, 3, 0), 1);	/* no room for the two bytes */
	assert_string_equal(out, "a");
	assert_int_equal(text_sanitize(NULL, out, sizeof out, 0), 0);
	assert_string_equal(out, "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_money),
		cmocka_unit_test(test_quantity),
		cmocka_unit_test(test_overflow),
		cmocka_unit_test(test_null),
		cmocka_unit_test(test_share),
		cmocka_unit_test(test_count),
		cmocka_unit_test(test_problem),
		cmocka_unit_test(test_sanitize),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
