/* seatact.h - seat activity per product and month: seats paid for, seats
 * assigned and seats active, so the reason for a suggested cut can be seen
 * (the explorer draws it as a small chart; `focal renewals --activity`
 * prints it). Nothing here knows about curses. */
#ifndef FOCAL_SEATACT_H
#define FOCAL_SEATACT_H

#include <stddef.h>
#include <stdint.h>

struct store;

struct seat_month {
	int64_t month;		/* first day of the calendar month */
	long long seats;	/* PricingQuantity of the month's Recurring seat rows */
	long long assigned;	/* x_AssignedSeats; -1 where the data does not say */
	long long active;	/* x_ActiveSeats; -1 where the data does not say */
};

/* The last `months` calendar months up to and including as_of's, oldest
 * first, of the seat rows (meter product_seats, ChargeCategory Purchase,
 * ChargeFrequency Recurring: monthly charges and the monthly shares of
 * upfront terms) whose ServiceName is `product`. Months without such rows
 * are left out. Returns the count; *out is allocated (free it). */
size_t seat_activity(const struct store *, const char *product, int64_t as_of, int months, struct seat_month **out);

/* A bar of `width` cells for value v of max: UTF-8 eighth blocks, or '#'
 * with ascii. Writes at most n - 1 bytes; returns buf. */
const char *seat_bar(long long v, long long max, int width, int ascii, char *buf, size_t n);

#endif
