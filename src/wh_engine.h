/* wh_engine.h - a SQL warehouse table as the store's engine (query.h's
 * struct store_engine): the explorer, and anything else that asks the query
 * API, drills down a table of hundreds of millions of rows that the
 * warehouse groups, exactly as it drills the rows of a file.
 *
 * The store it makes holds the table's columns, labels and no rows: the
 * periods (the distinct ChargePeriodStart and BillingPeriodStart values),
 * the billing currencies and the tag keys (the distinct Tags objects) are
 * read when it opens; every other label arrives with the answers and is
 * interned then, so a group's code means the same label for the whole
 * session. Filters (codes) are written back as SQL conditions on the labels.
 * Answers are kept by their SQL text (a bounded cache), so going back to a
 * view, or again to one seen before, asks the server nothing.
 *
 * What stays in the warehouse: the rows behind a group (query_rows answers
 * none, and the reason is the engine's error), focal's `meter` and the
 * source file (focal push does not store them). Curses-free. */
#ifndef FOCAL_WH_ENGINE_H
#define FOCAL_WH_ENGINE_H

#include <stddef.h>

#include "store.h"
#include "warehouse.h"

/* Opens the table behind w (taken over: closed with the store) as a store
 * with an engine; the profiles (kept by the caller while the store lives)
 * give it a profile and focal's meter, as store_finish does for rows. 0, or -1 with err (w is then closed): the server down,
 * the table missing or not FOCUS. */
struct profile;
int wh_engine_store(struct wh *w, const struct profile *const *profiles, int nprofiles, struct store **out,
    char *err, size_t errlen);
/* The warehouse of such a store (NULL for a store of rows). */
struct wh *wh_engine_wh(const struct store *);
/* Requests asked since the store opened, and how many of them the cache
 * answered. */
void wh_engine_stats(const struct store *, unsigned long *asked, unsigned long *cached);
/* Empties the cache (tests; a table pushed to since). */
void wh_engine_forget(const struct store *);

/* wh_meter.c: the profiles' rules as SQL. focal's meter of a row (a SQL
 * expression, malloc'd), as store.c's build_meter gives it on loaded rows:
 * the row's profile is the first whose match rules take it (the last,
 * generic, takes the rest), its first meter whose rules match (the globs as
 * anchored regular expressions), else its fallback columns. */
struct wh_table;
struct profile_rule;
char *wh_meter_sql(const struct wh_dialect *, const struct wh_table *, const struct profile *const *profiles,
    int nprofiles);
/* The profile a row of these labels (fl[i] the value of column names[i],
 * NULL for NULL) belongs to, as pick_profile gives it: fnmatch on the same
 * labels. */
int wh_row_profile(const struct profile *const *profiles, int nprofiles, const char *const *names, char **fl,
    int n);

#endif
