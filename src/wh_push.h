/* wh_push.h - `focal push`: the rows of a loaded store into a warehouse
 * table, in batches (one INSERT each). */
#ifndef FOCAL_WH_PUSH_H
#define FOCAL_WH_PUSH_H

#include <stdint.h>

#include "store.h"
#include "warehouse.h"

/* The CREATE TABLE for the store's columns (malloc'd): metrics as exact
 * decimals, date-times in UTC, the rest text; sorted by the first drill
 * levels the data has. */
char *wh_push_create_sql(const struct wh *, const struct store *);

/* Creates the table first when create is set; otherwise checks that the
 * table has every column of the store. Then inserts every row. 0, or -1
 * with err; *sent counts the rows the server took (batches before a
 * failure stay in the table). */
int wh_push(struct wh *, const struct store *, int create, uint64_t *sent, char *err, size_t errlen);

#endif
