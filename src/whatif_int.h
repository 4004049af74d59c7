/* whatif_int.h - what the whatif*.c files share and nobody else needs. */
#ifndef FOCAL_WHATIF_INT_H
#define FOCAL_WHATIF_INT_H

#include <stddef.h>

#include "calendar.h"
#include "whatif.h"

#define DAY CALENDAR_DAY
#define MAX_SEATS 1000000LL
#define MAX_COUNT 1000000000LL	/* a seat count from the data (x_ActiveSeats...) */
#define UNDO_MAX 256
#define SCENARIO_MAX_SIZE (1u << 20)
#define HISTORY 36	/* months of x_ActiveSeats kept (whatif_activity.month) */

/* The rows of meter product_seats (NULL, *n 0: no such meter) billed in
 * one currency, named in m->currency: `want` when given (none when no seat
 * row has it), else the seats' only one, else the first by name; sets
 * m->ncurrencies and m->currencies. whatif_cur.c. */
size_t *whatif_seat_rows(const struct store *, const char *want, struct whatif_model *m, size_t *n);
/* seats x price x factor / months, exact to 10^-18 */
money_t whatif_seat_cost(long long seats, money_t price, int factor, int months);
/* The Flex cost a month of `days` use-days of product p. */
money_t whatif_flex_cost(const struct whatif_model *, const struct whatif_product *, money_t days);
/* Product i's line of the scenario. */
void whatif_compute_line(const struct whatif_model *, const struct whatif_scenario *, size_t i,
    struct whatif_line *);
/* Trims blanks around the span s[0..n). */
void whatif_trim_span(const char **s, size_t *n);
/* whatif_find on a span that need not be NUL-terminated. */
int whatif_find_span(const struct whatif_model *, const char *s, size_t n, char *err, size_t errlen);

#endif
