/* renewals.h - the renewal calendar: which seat subscriptions renew in the
 * next N days, what each renewal costs at the contracted price, the seats
 * active at peak, and the cut the what-if suggestion rules would make.
 *
 * Built on the what-if model (whatif.h): the same subscriptions, terms,
 * renewal dates and suggestions the what-if panel and `focal whatif` use.
 * Every money figure here is a projection (the next term has not been
 * billed): front ends mark it as what-if figures are marked and never add
 * it to totals from the data. Nothing here knows about curses. */
#ifndef FOCAL_RENEWALS_H
#define FOCAL_RENEWALS_H

#include <stddef.h>
#include <stdint.h>

#include "value.h"
#include "whatif.h"

struct renewal {
	size_t product;		/* index into model->p */
	int lot;		/* index into model->p[product].lot */
	int64_t date;		/* the renewal: the next term starts */
	long long seats;	/* seats of this subscription */
	money_t cost;		/* projected: seats x price for one next term */
	long long peak;		/* product's active seats at peak over the idle window; -1 unknown */
	int peak_months;	/* months of x_ActiveSeats the peak is over */
	long long cut;		/* seats the suggestion rules would drop at this renewal */
	money_t flex_days;	/* Flex use-days a month bought instead (part of the cut) */
	money_t saving;		/* projected: what the cut saves over the next term (less Flex) */
	unsigned rules;		/* bit (1 << enum whatif_rule) of each rule behind the cut */
};

/* Subscriptions of the model renewing after model->as_of and at most `days`
 * days after it, in date order (then product label, then subscription).
 * Each subscription appears once, at its next renewal (a monthly term renews
 * every month: its next one). Returns the count; *out is allocated. */
size_t renewals_list(const struct whatif_model *, int days, struct renewal **out);

/* Peak of x_ActiveSeats over the idle window (model->idle_days, in whole
 * months back from as_of, as the above-peak rule counts it); -1 if the data
 * has no activity for the product. *months gets the months it is over. */
/* The above-peak rule's window: the calendar months up to as_of's, this
 * many of them. */
int renewals_window(const struct whatif_model *);

long long renewals_peak(const struct whatif_model *, const struct whatif_product *, int *months);

/* "idle+flex": the rules of a renewal's cut, or "-" for none. */
const char *renewals_rules_text(unsigned rules, char *buf, size_t n);

#endif
