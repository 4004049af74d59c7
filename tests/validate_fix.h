/* validate_fix.h - what test_validate and test_validate_rules share: a valid
 * FOCUS 1.3 Usage row with every column (tests change a field or two), run
 * through a validator whose JSON check stands in for SQLite's. */
#ifndef FOCAL_VALIDATE_FIX_H
#define FOCAL_VALIDATE_FIX_H

#include <stddef.h>

#include "focus.h"
#include "validate.h"

extern const char *names[FC_COUNT + 4];	/* the header: every FOCUS 1.3 column */
extern const char *row[FC_COUNT + 4];	/* the row, by column */
extern int json_calls;			/* calls of stub_json */

/* Stands in for SQLite: an object is {...}; KeyValueFormat has no nesting. */
int stub_json(void *ctx, const char *text, int keyvalue, char *why, size_t whylen);
/* The index of a FOCUS column (asserted to exist, in its own case). */
int col(const char *name);
/* Sets a field of the row (NULL: null). */
void set(const char *name, const char *value);
/* cmocka setup: the header and the valid row again. */
int reset(void **state);
/* One file of the current header and row. */
struct validator *run(void);
/* Failures of one rule on the current row. */
long fails(const char *rule);
/* The report as a string (caller frees). */
char *report(struct validator *v, int max_locations, int *must);

#endif
