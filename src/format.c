/* format.c - every figure focal shows people (format.h). */
#include "format.h"

#include <stdio.h>
#include <string.h>

#include "text.h"

void
format_money(const char *currency, money_t v, char *buf, size_t n)
{
	char num[FORMAT_MAX];
	const char *minus;
	if (v == MONEY_NULL) {
		snprintf(buf, n, "overflow");	/* a sum beyond the exact range */
		return;
	}
	money_format(v < 0 ? -v : v, 2, 2, ',', num, sizeof num);
	minus = v < 0 && strcmp(num, "0.00") ? "-" : "";	/* rounds to zero: no sign */
	if (currency && strcmp(currency, "USD") == 0)
		snprintf(buf, n, "%s$%s", minus, num);
	else {
		char cur[64] = "";	/* a currency is data: no control character reaches a screen */
		if (currency)
			text_sanitize(currency, cur, sizeof cur, 0);
		snprintf(buf, n, "%s%s%s%s", minus, num, currency ? " " : "", cur);
	}
}

void
format_value(const char *currency, enum metric m, money_t v, int has, char *buf, size_t n)
{
	size_t l;
	if (!has)
		snprintf(buf, n, "-");
	else if (v == MONEY_NULL)
		snprintf(buf, n, "overflow");
	else if (metric_is_money(m))
		format_money(currency, v, buf, n);
	else {
		/* whole quantities drop their zero decimals */
		l = money_format(v, 3, 0, ',', buf, n);
		while (l && buf[l - 1] == '0')
			buf[--l] = '\0';
		if (l && buf[l - 1] == '.')
			buf[--l] = '\0';
	}
}

long long
format_permille(money_t v, money_t t, int *ok)
{
	money_t ratio, unit = MONEY_ONE / 1000;
	*ok = t != 0 && t != MONEY_NULL && v != MONEY_NULL;
	if (!*ok)
		return 0;
	/* per mille of the ratio, not of v * 1000, which overflowed for v
	 * above 1.7 * 10^17 */
	ratio = money_div(v, t);
	if (ratio == MONEY_NULL || ratio > 1000000 * MONEY_ONE || ratio < -1000000 * MONEY_ONE) {
		*ok = 0;
		return 0;
	}
	return (long long)((ratio + (ratio >= 0 ? unit / 2 : -unit / 2)) / unit);
}

void
format_share(long long tenths, int ok, char *buf, size_t n)
{
	long long a = tenths < 0 ? -tenths : tenths;
	if (!ok)
		snprintf(buf, n, "-");
	else
		snprintf(buf, n, "%s%lld.%lld%%", tenths < 0 ? "-" : "", a / 10, a % 10);
}

void
format_share_of(money_t v, money_t t, int has, char *buf, size_t n)
{
	int ok;
	long long tenths = format_permille(v, t, &ok);
	format_share(tenths, ok && has, buf, n);
}

void
format_count(uint64_t count, char *buf, size_t n)
{
	/* via money_format for its separators; a count above 1.7 * 10^20
	 * cannot be reached by rows in memory */
	money_format(money_from_int((long long)count), 0, 0, ',', buf, n);
}

char *
format_problem(char *buf, size_t n, const char *file, unsigned long line, int field, const char *column,
    const char *value, const char *reason)
{
	char v[256];
	text_sanitize(value ? value : "", v, sizeof v, 0);
	if (field > 0 && column)
		snprintf(buf, n, "%s:%lu:%d: %s%s%s%s: %s", file, line, field, column, value ? " \"" : "",
		    value ? v : "", value ? "\"" : "", reason);
	else if (field > 0)
		snprintf(buf, n, "%s:%lu:%d: %s", file, line, field, reason);
	else
		snprintf(buf, n, "%s:%lu: %s", file, line, reason);
	return buf;
}

void
format_change(const char *currency, enum metric m, money_t v, int has, char *buf, size_t n)
{
	char num[FORMAT_MAX];
	/* a rise that rounds to nothing at the shown decimals has no sign */
	money_t tiny = metric_is_money(m) ? MONEY_ONE / 200 : MONEY_ONE / 2000;
	format_value(currency, m, v, has, num, sizeof num);
	snprintf(buf, n, "%s%s", has && v != MONEY_NULL && v >= tiny ? "+" : "", num);
}

void
format_change_pct(long long tenths, int ok, int is_new, char *buf, size_t n)
{
	char num[32];
	if (!ok) {
		snprintf(buf, n, "%s", is_new ? "new" : "-");
		return;
	}
	format_share(tenths, 1, num, sizeof num);
	snprintf(buf, n, "%s%s", tenths > 0 ? "+" : "", num);
}
