/* sqlmix.h - whether a query may add billing currencies, as far as its
 * text tells.
 *
 * A warehouse plans its own SQL, so for `focal sql URL` focal reads the
 * query's text: its tokens (strings, quoted names and comments skipped),
 * its parentheses, and in each SELECT the calls that sum, the select list,
 * the GROUP BY list and the WHERE clause. Over the loaded rows (sql.h) the
 * text is read too, beside what the scans of focus did: a GROUP BY that
 * SQLite's planner sees can belong to a subquery that an outer SELECT sums.
 * The answer leans to a note: a query it cannot follow is said to mix.
 *
 * Known false positives (a note where none is needed): a sum over a
 * subquery that keeps one currency (the outer SELECT sums, its own clauses
 * do not pin the currency), a WHERE that pins the currency beside an OR at
 * the same level, a pin written through a function (lower(...)) or as
 * IN ('EUR'). A pin inside parentheses that are a whole conjunct counts.
 * Nothing here talks to a server or knows curses. */
#ifndef FOCAL_SQLMIX_H
#define FOCAL_SQLMIX_H

/* 1 when a figure of the query may add amounts of different billing
 * currencies, given rows in more than one: it reads a cost or a unit price
 * (a name ending in Cost or UnitPrice, or *) and either some SELECT sums
 * (sum..., avg..., total) without grouping by BillingCurrency or pinning it
 * to one value in its WHERE (BillingCurrency = 'EUR'), or nothing sums and
 * the query never names BillingCurrency. 0 otherwise. positional: GROUP BY
 * 2 means the select list's second item (SQLite; ClickHouse 18 reads it as
 * a constant). */
int sqlmix_may_add(const char *sql, int positional);

#endif
