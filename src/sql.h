/* sql.h - user SQL over the loaded data: the `focus` and `focus_tags`
 * virtual tables, exact sum/total/avg, a read-only authorizer, errors
 * located in the query, and cancellation.
 *
 * One API for `focal sql`, `focal usecase`, the explorer's SQL prompt and
 * anything else that runs SQL a user wrote: open a session on a finished
 * store, prepare (the error names the problem and points at it), step with
 * sqlite3_step, read values with sql_value_text(), close. Nothing here knows
 * about curses. */
#ifndef FOCAL_SQL_H
#define FOCAL_SQL_H

#include <stddef.h>

#include <sqlite3.h>

#include "sql_money.h"
#include "value.h"

struct store;
struct sql;

/* Opens a read-only SQL session on the store's own SQLite connection: the
 * eponymous virtual tables `focus` and `focus_tags`, focal's exact
 * sum/total/avg over the built-in names, the authorizer, load_extension
 * off, defensive mode on, no ATTACH. The store must be finished and must
 * outlive the session. NULL (message in err) on failure. */
struct sql *sql_open(struct store *, char *err, size_t errlen);
/* How many billing currencies the last query run may have added: the number
 * of them in the rows when more than one and the query read a cost or unit
 * price (a column named ...Cost or ...UnitPrice, but PricingCurrency...),
 * unless BillingCurrency keeps them apart: a query that sums them (sum,
 * total, avg) must group by BillingCurrency or keep one value of it (=);
 * one that sums nothing must read it. Else 0 (focal sql and the explorer's
 * SQL screen say it). The authorizer records the columns each statement
 * reads and the sums it calls; focus's xFilter whether every scan kept to
 * one currency (store_vt_scans: a WHERE BillingCurrency = 'EUR' as the
 * rows were read, not as written); focus's xBestIndex whether the planner
 * groups by BillingCurrency (store_vt_watch), which counts only when the
 * query's text agrees that the grouping SELECT is the summing one
 * (sqlmix.h: not a sum over a grouped subquery). Call it once the query
 * has run. */
unsigned sql_currencies_mixed(const struct sql *, const struct store *);
void sql_close(struct sql *);
sqlite3 *sql_db(struct sql *);

/* Prepares the first statement of *text and advances *text past it (NULL
 * statement and 0 when only blanks or comments remain). On an error returns
 * -1 and writes to err a message naming the problem and, when SQLite knows
 * it, the line of the query with a caret under the place: "near "FORM":
 * syntax error\n  line 1: SELECT * FORM focus\n                   ^". A refused
 * statement (ATTACH, a write, a PRAGMA that is not read-only, ...) says what
 * was refused and why. `base` is the start of the whole query (for line
 * numbers), or NULL when *text is it. */
int sql_prepare(struct sql *, const char *base, const char **text, sqlite3_stmt **out, char *err,
    size_t errlen);
/* After sqlite3_step failed: the message (interrupted, overflow, ...). */
const char *sql_errmsg(struct sql *);

/* Binds NAME=VALUE to the parameter :NAME, @NAME or $NAME (also ?NNN as
 * NNN=VALUE); a value that reads as an integer or decimal is bound as a
 * number, anything else as text, and so is one with a leading zero (an
 * account 012345678901: as a number it would match nothing). Returns 0, or -1 when the statement has no
 * such parameter. */
int sql_bind_param(sqlite3_stmt *, const char *name, const char *value);

/* Stops the running statement (SQLITE_INTERRUPT from sqlite3_step). Safe to
 * call from a signal handler or another thread. */
void sql_interrupt(struct sql *);
/* 1 when the last failure was an interruption. */
int sql_interrupted(struct sql *);

/* Registers the modules on a connection (sql_open does it; exposed for
 * the tests and for `focal save`). */
int store_vt_register(struct store *, sqlite3 *db);
/* While flags is set (not NULL), focus's xBestIndex adds to it what the
 * query planner asks of BillingCurrency: VT_CURRENCY_GROUPED, a GROUP BY or
 * DISTINCT term. sql_prepare watches each statement it prepares. (A
 * constraint the planner is offered says nothing of the rows read: it may
 * be one branch of an OR.) */
#define VT_CURRENCY_GROUPED 2u
void store_vt_watch(unsigned *flags);
/* What the scans of focus did, counted while a query runs: scans, whether
 * one read rows of more than one BillingCurrency code or none was pushed
 * to it, and the one code the others kept to. */
struct vt_scans {
	unsigned long n;
	int unpinned;
	uint32_t code;
};
/* Counts into scans from now on (NULL: no more); store_vt_unwatch(scans)
 * stops it only if it is scans that is counted into. */
void store_vt_scans(struct vt_scans *scans);
void store_vt_unwatch(struct vt_scans *scans);

#endif
