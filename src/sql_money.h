/* sql_money.h - focal's exact money in SQLite. */
#ifndef FOCAL_SQL_MONEY_H
#define FOCAL_SQL_MONEY_H

#include <stddef.h>

#include <sqlite3.h>

#include "value.h"

/* Money in SQL. A value is INTEGER when integral, REAL when the double
 * reads back to the same decimal (sql_value_money: every decimal of at
 * most 15 significant digits, and one of 16 or 17 that is the shortest
 * text of its double, as a writer of doubles prints it), else TEXT holding
 * the exact decimal. So numbers compare, sort and take max() as numbers,
 * and sums stay exact. */
void sql_result_money(sqlite3_context *, money_t v);
/* 1 and the double when v is REAL by that rule. */
int sql_money_real(money_t v, double *out);
/* Reads a value back to an exact decimal (REAL through its shortest
 * round-trip decimal). 0, or -1 when NULL or not a number. */
int sql_value_money(sqlite3_value *, money_t *out);
/* The text of a result value as focal prints it: numbers exact, without
 * exponent (focal's formatter), NULL as "" (*isnull set), *isnum set for
 * numbers (INTEGER, REAL, or TEXT made by focal's exact money). */
const char *sql_value_text(sqlite3_value *, char *buf, size_t n, int *isnum, int *isnull);

/* Binds v to parameter idx as an INTEGER or REAL by sql_result_money's
 * rule; SQLITE_MISUSE (nothing bound) when only TEXT would hold it exactly. */
int sql_bind_money(sqlite3_stmt *, int idx, money_t v);

/* Registers sum, total, avg (exact, over the built-in names; window
 * functions too) and decimal, decimal_add/sub/mul/cmp, decimal_sum on db. */
int sql_money_register(sqlite3 *db);

#endif
