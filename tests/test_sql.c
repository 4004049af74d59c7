/* Unit tests: the focus virtual table, focal's exact aggregates, pushdown
 * and the authorizer, through sql.h without the binary. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "load.h"
#include "profile.h"
#include "sql.h"
#include "sqlmix.h"
#include "sqltab.h"
#include "store.h"

static char tmpdir[] = "/tmp/focal-sqltest-XXXXXX";

static const char data[] =
    "ChargePeriodStart,ServiceName,BilledCost,EffectiveCost,ListUnitPrice,Tags\n"
    "2025-01-01T00:00:00Z,A,0.123456789012345678,1.000000000000000001,2.5,\"{\"\"area\"\":\"\"x\"\",\"\"n\"\":1}\"\n"
    "2025-01-02T00:00:00Z,B,0.1,2.5,,\"{\"\"area\"\":\"\"y\"\"}\"\n"
    "2025-01-03 00:00:00,A,123456789.987654321987654321,-0.000000000000000001,0.333333333333333333,\n"
    "2025-02-01T00:00:00Z,C,,7,1,\"{\"\"n\"\":2}\"\n";

struct fixture {
	struct store *s;
	struct sql *q;
};

static int
setup(void **state)
{
	static struct fixture fx;
	char path[300], err[512];
	struct load_opts o = {0};
	struct profile *p = profile_generic();
	FILE *f;
	if (!mkdtemp(tmpdir))
		return -1;
	snprintf(path, sizeof path, "%s/d.csv", tmpdir);
	f = fopen(path, "wb");
	if (!f)
		return -1;
	fputs(data, f);
	fclose(f);
	fx.s = store_new();
	if (load_file(fx.s, path, &o, err, sizeof err) != LOAD_OK)
		return -1;
	store_finish(fx.s, (const struct profile *const *)&p, 1);
	profile_free(p);
	fx.q = sql_open(fx.s, err, sizeof err);
	*state = &fx;
	return fx.q ? 0 : -1;
}

static int
teardown(void **state)
{
	struct fixture *fx = *state;
	char cmd[300];
	sql_close(fx->q);
	store_free(fx->s);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

/* The rows of a query, as focal prints them: "a|b\nc|d\n". */
static const char *
rows(struct sql *q, const char *query)
{
	static char out[4096];
	char err[1024], buf[128];
	const char *p = query;
	sqlite3_stmt *st;
	size_t n = 0;
	out[0] = '\0';
	if (sql_prepare(q, NULL, &p, &st, err, sizeof err) != 0) {
		snprintf(out, sizeof out, "error: %s", err);
		return out;
	}
	while (sqlite3_step(st) == SQLITE_ROW)
		for (int i = 0; i < sqlite3_column_count(st); i++) {
			int isnum, isnull;
			const char *t = sql_value_text(sqlite3_column_value(st, i), buf, sizeof buf, &isnum, &isnull);
			n += (size_t)snprintf(out + n, sizeof out - n, "%s%c", isnull ? "NULL" : t,
			    i + 1 < sqlite3_column_count(st) ? '|' : '\n');
		}
	sqlite3_finalize(st);
	return out;
}

static void
test_columns(void **state)
{
	struct fixture *fx = *state;
	assert_string_equal(rows(fx->q, "SELECT ServiceName, ChargePeriodStart, typeof(BilledCost), typeof(EffectiveCost),"
	    " ListUnitPrice, line FROM focus"),
	    "A|2025-01-01T00:00:00Z|text|text|2.5|2\n"
	    "B|2025-01-02T00:00:00Z|real|real|NULL|3\n"
	    "A|2025-01-03T00:00:00Z|text|real|0.333333333333333333|4\n"
	    "C|2025-02-01T00:00:00Z|null|integer|1|5\n");
	assert_string_equal(rows(fx->q, "SELECT BilledCost, EffectiveCost FROM focus WHERE rowid IN (1, 3)"),
	    "0.123456789012345678|1.000000000000000001\n123456789.987654321987654321|-0.000000000000000001\n");
	assert_string_equal(rows(fx->q, "SELECT json_extract(Tags, '$.area'), json_extract(Tags, '$.n') FROM focus"),
	    "x|1\ny|NULL\nNULL|NULL\nNULL|2\n");
	assert_string_equal(rows(fx->q, "SELECT row, key, value FROM focus_tags ORDER BY row, key"),
	    "1|area|x\n1|n|1\n2|area|y\n4|n|2\n");
	assert_string_equal(rows(fx->q, "SELECT row FROM focus_tags WHERE key = 'n' AND value = '2'"), "4\n");
}

static void
test_exact_sums(void **state)
{
	struct fixture *fx = *state;
	assert_string_equal(rows(fx->q, "SELECT sum(BilledCost), sum(EffectiveCost), avg(EffectiveCost) FROM focus"),
	    "123456790.211111110999999999|10.5|2.625\n");
	assert_string_equal(rows(fx->q, "SELECT total(EffectiveCost), sum(EffectiveCost), avg(EffectiveCost) FROM focus"
	    " WHERE ServiceName = 'none'"), "0|NULL|NULL\n");
	assert_string_equal(rows(fx->q, "SELECT ServiceName, sum(BilledCost), count(*) FROM focus GROUP BY 1"),
	    "A|123456790.111111110999999999|2\nB|0.1|1\nC|NULL|1\n");
	/* a REAL another query computed reads back by its shortest decimal */
	assert_string_equal(rows(fx->q, "SELECT sum(x) FROM (SELECT 0.1 x UNION ALL SELECT 0.2 UNION ALL SELECT '0.000000000000000001')"),
	    "0.300000000000000001\n");
	/* and as a window function */
	assert_string_equal(rows(fx->q, "SELECT sum(EffectiveCost) OVER (ORDER BY rowid ROWS 1 PRECEDING) FROM focus"),
	    "1.000000000000000001\n3.500000000000000001\n2.499999999999999999\n6.999999999999999999\n");
}

/* Every pushed-down filter gives what a scan gives (||'' defeats pushdown). */
static void
test_pushdown(void **state)
{
	struct fixture *fx = *state;
	static const char *const where[][2] = {
		{"ServiceName = 'A'", "ServiceName || '' = 'A'"},
		{"ServiceName IN ('A', 'C', 'none')", "ServiceName || '' IN ('A', 'C', 'none')"},
		{"ServiceName = 'none'", "ServiceName || '' = 'none'"},
		{"ServiceName = NULL", "ServiceName || '' = NULL"},
		{"ChargePeriodStart = '2025-01-03T00:00:00Z'", "ChargePeriodStart || '' = '2025-01-03T00:00:00Z'"},
		{"ChargePeriodStart IN ('2025-01-03T00:00:00Z', '2025-02-01T00:00:00Z')",
		    "ChargePeriodStart || '' IN ('2025-01-03T00:00:00Z', '2025-02-01T00:00:00Z')"},
		{"rowid = 2 AND ServiceName = 'B'", "+rowid = 2 AND ServiceName || '' = 'B'"},
		{"rowid = 2 AND ServiceName = 'A'", "+rowid = 2 AND ServiceName || '' = 'A'"},
	};
	for (size_t i = 0; i < sizeof where / sizeof where[0]; i++) {
		char a[600], b[600], pushed[4096];
		snprintf(a, sizeof a, "SELECT rowid, sum(EffectiveCost) FROM focus WHERE %s GROUP BY rowid", where[i][0]);
		snprintf(b, sizeof b, "SELECT rowid, sum(EffectiveCost) FROM focus WHERE %s GROUP BY rowid", where[i][1]);
		snprintf(pushed, sizeof pushed, "%s", rows(fx->q, a));
		assert_string_equal(pushed, rows(fx->q, b));
	}
	assert_string_equal(rows(fx->q, "SELECT count(*) FROM focus WHERE ServiceName IN ('A', 'C')"), "3\n");
}

static void
test_refused(void **state)
{
	struct fixture *fx = *state;
	static const char *const bad[] = {"ATTACH '/tmp/focal-x.db' AS x", "SELECT load_extension('x')",
		"INSERT INTO focus(ServiceName) VALUES ('x')", "UPDATE focus SET ServiceName = 'x'",
		"DELETE FROM focus", "CREATE TABLE t(x)", "PRAGMA temp_store_directory = '/tmp'", "DROP TABLE tag",
		"PRAGMA journal_mode = WAL", "DETACH main"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_non_null(strstr(rows(fx->q, bad[i]), "error: "));
	assert_non_null(strstr(rows(fx->q, "ATTACH 'x.db' AS x"), "ATTACH is refused"));
	assert_string_equal(rows(fx->q, "SELECT nosuch FROM focus"), "error: no such column: nosuch\n"
	    "  line 1: SELECT nosuch FROM focus\n"
	    "                 ^");
	/* where SQLite cannot say, the statement's start */
	assert_string_equal(rows(fx->q, "\n  SELECT 1 FROM nosuch"), "error: no such table: nosuch\n"
	    "  line 2:   SELECT 1 FROM nosuch\n"
	    "            ^");
	assert_string_equal(rows(fx->q, "SELECT count(*) FROM focus"), "4\n");
}

/* The explorer's result table: exact texts, sorted by value (numbers as
 * numbers, a 28-digit sum included), CSV, errors located, the history. */
static void
test_sqltab(void **state)
{
	struct fixture *fx = *state;
	struct sqltab t = {0};
	char err[1024], path[300], *buf = NULL, **hist;
	char *params[] = {"svc=A"};
	size_t len = 0, n;
	FILE *f;
	assert_int_equal(sqltab_run(fx->q, "SELECT ServiceName, sum(BilledCost) AS b FROM focus GROUP BY 1", NULL, 0,
	    100, &t, err, sizeof err), 0);
	assert_int_equal(t.ncol, 2);
	assert_int_equal(t.nrow, 3);
	assert_string_equal(sqltab_cell(&t, 0, 1), "123456790.111111110999999999");
	assert_string_equal(sqltab_cell(&t, 2, 1), "");	/* NULL */
	sqltab_sort(&t, 1, 0);	/* numbers by value, smallest first; NULL after them */
	assert_string_equal(sqltab_cell(&t, 0, 0), "B");
	assert_string_equal(sqltab_cell(&t, 1, 0), "A");
	assert_string_equal(sqltab_cell(&t, 2, 0), "C");
	sqltab_sort(&t, 1, 1);
	assert_string_equal(sqltab_cell(&t, 0, 0), "A");
	f = open_memstream(&buf, &len);
	assert_int_equal(sqltab_csv(&t, f), 0);
	fclose(f);
	assert_string_equal(buf, "ServiceName,b\nA,123456790.111111110999999999\nB,0.1\nC,\n");
	free(buf);
	/* parameters, more rows than kept, and errors */
	assert_int_equal(sqltab_run(fx->q, "SELECT line FROM focus WHERE ServiceName = :svc", params, 1, 1, &t, err,
	    sizeof err), 0);
	assert_int_equal(t.nrow, 1);
	assert_true(t.truncated);
	assert_int_equal(sqltab_run(fx->q, "SELECT nosuch FROM focus", NULL, 0, 10, &t, err, sizeof err), -1);
	assert_non_null(strstr(err, "no such column: nosuch"));
	assert_int_equal(t.nrow, 1);	/* a failed query leaves the last result */
	sqltab_free(&t);
	/* the prompt's history: kept once, oldest first */
	snprintf(path, sizeof path, "%s/hist", tmpdir);
	assert_int_equal(sqltab_history_add(path, "SELECT 1", err, sizeof err), 0);
	assert_int_equal(sqltab_history_add(path, "SELECT\n2", err, sizeof err), 0);
	assert_int_equal(sqltab_history_add(path, "SELECT 2", err, sizeof err), 0);
	n = sqltab_history_load(path, &hist);
	assert_int_equal(n, 2);
	assert_string_equal(hist[0], "SELECT 1");
	assert_string_equal(hist[1], "SELECT 2");
	sqltab_history_free(hist, n);
}

/* A warehouse query's text: may a figure add billing currencies? */
static void
test_sqlmix(void **state)
{
	static const char *const adds[] = {
		"SELECT sum(EffectiveCost) FROM focal.costs",
		"SELECT sum(EffectiveCost) FROM t WHERE BillingCurrency <> 'GBP'",
		"SELECT sum(EffectiveCost) FROM t WHERE BillingCurrency IN ('EUR', 'USD')",
		"SELECT max(BillingCurrency), sum(EffectiveCost) FROM t",
		"SELECT BillingCurrency, ServiceName, sum(BilledCost) FROM t GROUP BY ServiceName",
		"SELECT BillingCurrency, sum(BilledCost) FROM t GROUP BY BillingCurrency WITH TOTALS",
		"SELECT BillingCurrency, sum(BilledCost) FROM t GROUP BY BillingCurrency WITH ROLLUP",
		"SELECT sum(EffectiveCost) FROM t WHERE BillingCurrency = 'EUR' OR ServiceName = 'x'",
		"SELECT sum(EffectiveCost) FROM t WHERE NOT BillingCurrency = 'EUR'",
		"SELECT sum(EffectiveCost) FROM t WHERE ServiceName = 'x' OR ServiceName = 'y' AND BillingCurrency = 'EUR'",
		"SELECT sum(EffectiveCost) FROM t WHERE BillingCurrency = 'EUR' = 0",
		"SELECT BillingCurrency = 'EUR' AS e, sum(EffectiveCost) FROM t",
		"SELECT sumIf(BilledCost, ChargeCategory = 'Usage') FROM t",
		"SELECT avg(ListUnitPrice) FROM t",
		"SELECT x FROM (SELECT BillingCurrency, sum(EffectiveCost) AS x FROM t GROUP BY BillingCurrency) "
		    "UNION ALL SELECT sum(EffectiveCost) FROM t",
		"SELECT sum(EffectiveCost) FROM t WHERE BillingCurrency = 'EUR' UNION ALL SELECT sum(EffectiveCost) FROM t",
		"SELECT sum(c) FROM (SELECT BillingCurrency, sum(EffectiveCost) AS c FROM t GROUP BY BillingCurrency)",
		"SELECT EffectiveCost FROM t",
		"SELECT round(sum(`EffectiveCost`), 2) FROM t -- GROUP BY BillingCurrency",
		"SELECT sum(EffectiveCost) FROM t /* WHERE BillingCurrency = 'EUR' */",
		"SELECT sum(EffectiveCost), 'GROUP BY BillingCurrency' FROM t",
		"SELECT sum(EffectiveCost) FROM t WHERE (BillingCurrency = 'EUR' OR ServiceName = 'x')",
		"SELECT sum(EffectiveCost) FROM t WHERE NOT (BillingCurrency = 'EUR')",
		"SELECT sum(EffectiveCost) FROM t WHERE (BillingCurrency = 'EUR') OR ServiceName = 'x'",
		"SELECT sum(EffectiveCost) FROM t WHERE (BillingCurrency = 'EUR') = 0",
		"SELECT sum(EffectiveCost) FROM t WHERE ((BillingCurrency = 'EUR') OR x = 1)",
		"SELECT sum(EffectiveCost) FROM t WHERE x = 1 OR (BillingCurrency = 'EUR')",
		"SELECT sum(EffectiveCost) FROM t WHERE f(BillingCurrency = 'EUR')",
		"SELECT sum(EffectiveCost) FROM t WHERE x IN (SELECT y FROM u WHERE (BillingCurrency = 'EUR'))",
		"SELECT sum(EffectiveCost) FROM t HAVING (BillingCurrency = 'EUR')",
		"SELECT sum(EffectiveCost) FROM t WHERE (x = 1 OR y = 2 AND BillingCurrency = 'EUR')",
		"SELECT BillingCurrency AS c, sum(EffectiveCost) FROM t GROUP BY d",
		"SELECT lower(BillingCurrency) AS c, sum(EffectiveCost) FROM t GROUP BY c",
		"SELECT BillingCurrency, sum(EffectiveCost) FROM t GROUP BY 2",
		"SELECT BillingCurrency, sum(EffectiveCost) FROM t GROUP BY 1 + 0",
		"SELECT total(EffectiveCost) FROM t",
		"SELECT BillingCurrency, sum(EffectiveCost) FROM t GROUP BY BillingCurrency; SELECT sum(EffectiveCost) FROM t",
		"SELECT sum(EffectiveCost) FROM t WHERE BillingCurrency = 'EUR'; SELECT sum(EffectiveCost) FROM t;",
		/* BillingCurrency inside a GROUP BY item: EUR and USD are one group */
		"SELECT length(BillingCurrency), sum(EffectiveCost) FROM t GROUP BY length(BillingCurrency)",
		"SELECT sum(EffectiveCost) FROM t GROUP BY BillingCurrency = 'EUR'",
		"SELECT sum(EffectiveCost) FROM t GROUP BY ServiceName, substr(BillingCurrency, 1, 0)",
		"SELECT sum(EffectiveCost) FROM t GROUP BY BillingCurrency IS NULL, ServiceName",
		"SELECT BillingCurrency AS c, sum(EffectiveCost) FROM t GROUP BY c WITH ROLLUP",
		"SELECT sum(EffectiveCost) FROM t WHERE x = 1 AND (SELECT 1 FROM u WHERE BillingCurrency = 'EUR')",
		"((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((("
		    "((((((((((((((((((((((((((((((((((((((((((( SELECT EffectiveCost FROM t WHERE BillingCurrency = 'EUR'",
	};
	static const char *const apart[] = {
		"SELECT count() FROM t",
		"SELECT count(*), sum(ConsumedQuantity) FROM t",
		"SELECT * FROM t LIMIT 5",
		"SELECT BillingCurrency, EffectiveCost FROM t",
		"SELECT BillingCurrency, round(sum(EffectiveCost), 2) FROM t GROUP BY BillingCurrency ORDER BY 2",
		"SELECT ServiceName, sum(EffectiveCost) FROM t GROUP BY ServiceName, t.BillingCurrency",
		"SELECT sum(EffectiveCost) FROM t WHERE BillingCurrency = 'EUR'",
		"select SUM(EffectiveCost) from t where `BillingCurrency` == 'EUR' and ServiceName = 'x'",
		"SELECT sum(EffectiveCost) FROM t PREWHERE 'EUR' = BillingCurrency AND (a = 1 OR b = 2) LIMIT 1",
		"SELECT sum(EffectiveCost) FROM t WHERE BillingCurrency = 'EUR' AND ServiceName IN "
		    "(SELECT ServiceName FROM t WHERE x = 1 OR y = 2)",
		"SELECT sum(EffectiveCost) FROM t WHERE BillingCurrency = 'E''U\\'R' FORMAT CSV",
		"SELECT s FROM (SELECT sum(EffectiveCost) AS s FROM t WHERE BillingCurrency = 'EUR')",
		"SELECT sum(EffectiveCost) FROM t WHERE BillingCurrency = 'EUR' UNION ALL "
		    "SELECT sum(EffectiveCost) FROM t WHERE BillingCurrency = 'USD'",
		"WITH 2 AS k SELECT BillingCurrency, k * sum(EffectiveCost) FROM t GROUP BY BillingCurrency",
		"SELECT 2 * 3, count() FROM t",
		"SELECT sum(ConsumedQuantity) AS q FROM t",
		"SELECT sum(EffectiveCost) FROM t WHERE ServiceName = 'a' AND (BillingCurrency = 'EUR')",
		"SELECT sum(EffectiveCost) FROM t WHERE (BillingCurrency = 'EUR')",
		"SELECT sum(EffectiveCost) FROM t WHERE ((BillingCurrency = 'EUR' AND ServiceName = 'a')) AND x = 1",
		"SELECT sum(EffectiveCost) FROM t WHERE (x = 1 OR y = 2) AND ('EUR' = BillingCurrency)",
		"SELECT sum(EffectiveCost) FROM t WHERE (ServiceName IN ('a', 'b') AND (BillingCurrency = 'EUR'))",
		"SELECT s FROM (SELECT sum(EffectiveCost) AS s FROM t WHERE (x = 1) AND (BillingCurrency = 'EUR'))",
		"SELECT BillingCurrency AS c, sum(EffectiveCost) FROM t GROUP BY c",
		"SELECT c, s FROM (SELECT BillingCurrency AS c, sum(EffectiveCost) AS s FROM t GROUP BY c)",
		"SELECT ServiceName, BillingCurrency AS \"cur\", total(EffectiveCost) FROM t GROUP BY ServiceName, "
		    "\"cur\" ORDER BY 3",
		"SELECT BillingCurrency, sum(EffectiveCost) FROM t GROUP BY BillingCurrency;",
		"SELECT sum(EffectiveCost) FROM t WHERE BillingCurrency = 'EUR';  ",
		"SELECT sum(EffectiveCost) FROM t WHERE BillingCurrency = 'EUR'; SELECT count() FROM t; -- end",
		"SELECT BillingCurrency, sum(EffectiveCost) FROM t GROUP BY BillingCurrency HAVING sum(EffectiveCost) > 0",
		"SELECT BillingCurrency, sum(EffectiveCost) FROM t GROUP BY BillingCurrency LIMIT 3",
		"SELECT BillingCurrency, sum(EffectiveCost) FROM t GROUP BY BillingCurrency SETTINGS max_threads = 1",
		"SELECT s FROM (SELECT sum(EffectiveCost) AS s FROM t GROUP BY ServiceName, BillingCurrency) ORDER BY s",
	};
	/* GROUP BY 1: the first item in SQLite, a constant in ClickHouse 18 */
	static const char *const positional[] = {
		"SELECT BillingCurrency, sum(EffectiveCost) FROM t GROUP BY 1",
		"SELECT ServiceName, BillingCurrency AS c, sum(EffectiveCost) FROM t GROUP BY 1, 2 ORDER BY 3",
		"SELECT DISTINCT ServiceName, BillingCurrency, sum(EffectiveCost) FROM t GROUP BY ServiceName, 2",
	};
	(void)state;
	for (size_t i = 0; i < sizeof adds / sizeof *adds; i++) {
		if (sqlmix_may_add(adds[i], 0) != 1 || sqlmix_may_add(adds[i], 1) != 1)
			fail_msg("said to keep currencies apart: %s", adds[i]);
	}
	for (size_t i = 0; i < sizeof positional / sizeof *positional; i++) {
		if (sqlmix_may_add(positional[i], 1) != 0)
			fail_msg("said to add currencies (positional): %s", positional[i]);
		if (sqlmix_may_add(positional[i], 0) != 1)
			fail_msg("said to keep currencies apart (ClickHouse): %s", positional[i]);
	}
	for (size_t i = 0; i < sizeof apart / sizeof *apart; i++) {
		if (sqlmix_may_add(apart[i], 0) != 0 || sqlmix_may_add(apart[i], 1) != 0)
			fail_msg("said to add currencies: %s", apart[i]);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_columns),
		cmocka_unit_test(test_exact_sums),
		cmocka_unit_test(test_pushdown),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_sqltab),
		cmocka_unit_test(test_sqlmix),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
