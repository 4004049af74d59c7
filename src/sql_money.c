/* sql_money.c - money in SQL, exactly: values in and out of SQLite, focal's
 * sum/total/avg over the built-in names, and the decimal functions. Used by
 * the SQL session (sql.c) and the virtual tables (store_vt.c). */
#include "sql_money.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- money <-> SQL values ---- */

static const double pow10d[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13,
	1e14, 1e15, 1e16, 1e17, 1e18};

/* 1 and the double when v's exact decimal has at most 15 significant
 * digits: m and 10^k are exact doubles, so one correctly rounded division
 * gives the double nearest the decimal, which reads back to it. */
static int
money_double(money_t v, double *out)
{
	/* one 128-bit division; the rest in 64 bits (this runs per row) */
	__extension__ unsigned __int128 a = v < 0 ? -(unsigned __int128)v : (unsigned __int128)v;
	__extension__ unsigned __int128 ip128 = a / (unsigned __int128)MONEY_ONE;
	uint64_t ip, fr, m;
	int fd = MONEY_DIGITS, digits = 0;
	if (ip128 >= 1000000000000000ULL)
		return 0;	/* 16 digits or more before the point */
	ip = (uint64_t)ip128;
	fr = (uint64_t)(a - ip128 * (unsigned __int128)MONEY_ONE);
	if (fr == 0)
		fd = 0;
	while (fr != 0 && fr % 10 == 0) {
		fr /= 10;
		fd--;
	}
	for (uint64_t t = ip ? ip : fr; t; t /= 10)
		digits++;
	if (ip && (digits += fd) > 15)
		return 0;
	if (!ip && digits > 15)
		return 0;
	m = ip * (uint64_t)pow10d[fd] + fr;
	*out = (double)m / pow10d[fd];
	if (v < 0)
		*out = -*out;
	return 1;
}

static int
money_int(money_t v, sqlite3_int64 *out)
{
	if (v % MONEY_ONE != 0 || v / MONEY_ONE > INT64_MAX || v / MONEY_ONE < INT64_MIN)
		return 0;
	*out = (sqlite3_int64)(v / MONEY_ONE);
	return 1;
}

/* The decimal a double stands for: the one with the fewest decimals that
 * reads back to it (every column value of <= 15 digits is found this way),
 * else its shortest round-trip text. */
static int
double_money(double x, money_t *out)
{
	char buf[40];
	unsigned dev = 0;
	if (!isfinite(x))
		return -1;
	for (int e = 0; e <= MONEY_DIGITS; e++) {
		double r = nearbyint(x * pow10d[e]);
		if (fabs(r) < 1e15 && r / pow10d[e] == x) {
			*out = (money_t)(long long)r * (money_t)(long long)pow10d[MONEY_DIGITS - e];
			return 0;
		}
	}
	for (int p = 15; p <= 17; p++) {
		snprintf(buf, sizeof buf, "%.*g", p, x);
		if (strtod(buf, NULL) == x)
			break;
	}
	return money_parse(buf, strlen(buf), out, &dev) == 0 ? 0 : -1;
}


int
sql_money_real(money_t v, double *out)
{
	char buf[64];
	money_t back;
	if (v == MONEY_NULL)
		return 0;
	if (money_double(v, out))
		return 1;
	/* more digits: a double printed by its writer (92.22422194300525,
	 * 14.789000000000001) is its own shortest round-trip text */
	money_format(v, -1, 0, 0, buf, sizeof buf);
	*out = strtod(buf, NULL);
	return double_money(*out, &back) == 0 && back == v;
}

void
sql_result_money(sqlite3_context *ctx, money_t v)
{
	sqlite3_int64 i;
	double d;
	if (money_int(v, &i))
		sqlite3_result_int64(ctx, i);
	else if (sql_money_real(v, &d))
		sqlite3_result_double(ctx, d);
	else {
		char buf[64];
		size_t n = money_format(v, -1, 0, 0, buf, sizeof buf);
		sqlite3_result_text(ctx, buf, (int)n, SQLITE_TRANSIENT);
		sqlite3_result_subtype(ctx, 'M');	/* a number, for writers */
	}
}

int
sql_bind_money(sqlite3_stmt *st, int idx, money_t v)
{
	sqlite3_int64 i;
	double d;
	if (money_int(v, &i))
		return sqlite3_bind_int64(st, idx, i);
	if (sql_money_real(v, &d))
		return sqlite3_bind_double(st, idx, d);
	return SQLITE_MISUSE;
}

int
sql_value_money(sqlite3_value *v, money_t *out)
{
	unsigned dev = 0;
	switch (sqlite3_value_type(v)) {
	case SQLITE_INTEGER:
		*out = money_from_int(sqlite3_value_int64(v));
		return 0;
	case SQLITE_FLOAT:
		return double_money(sqlite3_value_double(v), out);
	case SQLITE_TEXT: {
		const char *t = (const char *)sqlite3_value_text(v);
		if (t && money_parse(t, (size_t)sqlite3_value_bytes(v), out, &dev) == 0)
			return 0;
		if (sqlite3_value_numeric_type(v) == SQLITE_NULL || sqlite3_value_type(v) == SQLITE_TEXT)
			return -1;
		return sql_value_money(v, out);
	}
	default:
		return -1;
	}
}

const char *
sql_value_text(sqlite3_value *v, char *buf, size_t n, int *isnum, int *isnull)
{
	money_t m;
	*isnum = *isnull = 0;
	switch (sqlite3_value_type(v)) {
	case SQLITE_NULL:
		*isnull = 1;
		return "";
	case SQLITE_INTEGER:
		*isnum = 1;
		snprintf(buf, n, "%lld", (long long)sqlite3_value_int64(v));
		return buf;
	case SQLITE_FLOAT:
		*isnum = 1;
		if (double_money(sqlite3_value_double(v), &m) == 0)
			money_format(m, -1, 0, 0, buf, n);
		else
			snprintf(buf, n, "%.17g", sqlite3_value_double(v));
		return buf;
	case SQLITE_BLOB:
		snprintf(buf, n, "(blob of %d bytes)", sqlite3_value_bytes(v));
		return buf;
	default:
		/* exact money made by focal carries subtype 'M' */
		*isnum = sqlite3_value_subtype(v) == 'M';
		return (const char *)sqlite3_value_text(v);
	}
}

/* ---- exact sum, total, avg (over the built-in names) ---- */

struct acc {
	money_t sum;
	sqlite3_int64 n;
	int bad;	/* left the exact range */
};

/* sqlite3_aggregate_context's memory is only 8-byte aligned and money_t
 * wants 16, so the state is copied in and out rather than used in place. */
static void *
acc_get(sqlite3_context *ctx, int n, struct acc *a)
{
	void *p = sqlite3_aggregate_context(ctx, n);
	memset(a, 0, sizeof *a);
	if (p != NULL)
		memcpy(a, p, sizeof *a);
	return p;
}

/* One value in (sign 1) or, for a window that slides, out (sign -1). */
static void
agg_add(sqlite3_context *ctx, sqlite3_value *x, int sign)
{
	struct acc acc, *a = &acc;
	void *p = acc_get(ctx, (int)sizeof acc, a);
	money_t v;
	if (p == NULL || sqlite3_value_type(x) == SQLITE_NULL)
		return;
	/* text that is no number counts as SQLite counts it */
	if (sql_value_money(x, &v) != 0 && double_money(sqlite3_value_double(x), &v) != 0)
		v = 0;
	a->n += sign;
	if (!a->bad && (a->sum = money_add(a->sum, sign > 0 ? v : -v)) == MONEY_NULL)
		a->bad = 1;
	memcpy(p, a, sizeof *a);
}

static void
agg_step(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	agg_add(ctx, argv[0], 1);
}

static void
agg_inverse(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	agg_add(ctx, argv[0], -1);
}


static void
agg_value(sqlite3_context *ctx, int kind)
{
	struct acc acc, *a = &acc;
	acc_get(ctx, 0, a);
	if (a->bad) {
		sqlite3_result_error(ctx, "sum out of focal's exact range (about 10^19 with 18 decimals)", -1);
		return;
	}
	if (kind == 't')
		sql_result_money(ctx, a->sum);
	else if (a->n == 0)
		sqlite3_result_null(ctx);
	else if (kind == 's')
		sql_result_money(ctx, a->sum);
	else
		sql_result_money(ctx, money_div(a->sum, money_from_int(a->n)));
}

static void sum_value(sqlite3_context *c) { agg_value(c, 's'); }
static void total_value(sqlite3_context *c) { agg_value(c, 't'); }
static void avg_value(sqlite3_context *c) { agg_value(c, 'a'); }

/* ---- decimal(), decimal_add/sub/mul/cmp(), decimal_sum() ----
 * The names and meaning of SQLite's decimal extension (which the stock
 * sqlite3 shell has built in), over focal's exact money: a query that
 * subtracts one cost from another is exact in focal and in the shell. */

static int
decimal_arg(sqlite3_context *ctx, sqlite3_value *v, money_t *out)
{
	if (sqlite3_value_type(v) == SQLITE_NULL) {
		sqlite3_result_null(ctx);
		return -1;
	}
	if (sql_value_money(v, out) != 0) {
		sqlite3_result_error(ctx, "decimal: not a number focal can hold exactly "
		    "(up to about 10^19 with 18 decimals)", -1);
		return -1;
	}
	return 0;
}

static void
decimal_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *op = sqlite3_user_data(ctx);
	money_t a, b = 0, r;
	if (decimal_arg(ctx, argv[0], &a) != 0 || (argc > 1 && decimal_arg(ctx, argv[1], &b) != 0))
		return;
	switch (*op) {
	case '+': r = money_add(a, b); break;
	case '-': r = money_add(a, -b); break;
	case '*': r = money_mul(a, b); break;
	case '<':
		sqlite3_result_int(ctx, a < b ? -1 : a > b);
		return;
	default: r = a; break;
	}
	if (r == MONEY_NULL) {
		sqlite3_result_error(ctx, "decimal: result out of focal's exact range (about 10^19 with 18 decimals)", -1);
		return;
	}
	sql_result_money(ctx, r);
}

static int
decimal_register(sqlite3 *db)
{
	static const struct { const char *name; int n; const char *op; } fns[] = {
		{"decimal", 1, "="}, {"decimal_add", 2, "+"}, {"decimal_sub", 2, "-"},
		{"decimal_mul", 2, "*"}, {"decimal_cmp", 2, "<"},
	};
	int rc = SQLITE_OK;
	for (size_t i = 0; rc == SQLITE_OK && i < sizeof fns / sizeof fns[0]; i++)
		rc = sqlite3_create_function(db, fns[i].name, fns[i].n, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
		    (void *)fns[i].op, decimal_fn, NULL, NULL);
	return rc;
}

/* focal's exact sum, total and avg over the built-in names (an
 * application function beats the built-in), and the decimal functions. */
int
sql_money_register(sqlite3 *db)
{
	int rc = SQLITE_OK;
	for (int i = 0; rc == SQLITE_OK && i < 4; i++) {
		static const char *const names[] = {"sum", "total", "avg", "decimal_sum"};
		static void (*const values[])(sqlite3_context *) = {sum_value, total_value, avg_value, sum_value};
		rc = sqlite3_create_window_function(db, names[i], 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
		    agg_step, values[i], values[i], agg_inverse, NULL);
	}
	if (rc == SQLITE_OK)
		rc = decimal_register(db);
	return rc;
}
