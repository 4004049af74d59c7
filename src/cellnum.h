/* cellnum.h - numbers held in the store's text columns (unit prices, seat
 * counts of x_ columns, ...), parsed once per distinct value: seat and
 * purchase rows repeat a few values, and parsing each row's text made
 * opening the what-if panel take 30 ms on 1M rows. A metric column is read
 * as it is. Nothing here knows about curses. */
#ifndef FOCAL_CELLNUM_H
#define FOCAL_CELLNUM_H

#include <stddef.h>
#include <stdint.h>

#include "value.h"

struct store;

struct cellnum {
	int ncols;
	struct cellnum_col {
		uint32_t n;
		unsigned char *done;
		money_t *v;
	} *col;
};

void cellnum_init(struct cellnum *, const struct store *);
/* The cell's exact decimal; MONEY_NULL when NULL, not a number, or col < 0. */
money_t cellnum_money(struct cellnum *, const struct store *, int col, size_t row);
void cellnum_free(struct cellnum *);

#endif
