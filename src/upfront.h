/* upfront.h - upfront purchases that ListCost and ContractedCost count twice.
 *
 * FOCUS 1.3: a Purchase that covers future charges has EffectiveCost 0, and
 * the rows that amortise it carry its EffectiveCost month by month. ListCost
 * and ContractedCost are ListUnitPrice x PricingQuantity (ContractedUnitPrice
 * x PricingQuantity) on every row, so the purchase row and its amortisation
 * rows both carry them: a plain sum counts the same seats twice. focal sums
 * what the file says (every total reconciles with the file) and says, next
 * to such a sum, how much of it is the purchases' second count. */
#ifndef FOCAL_UPFRONT_H
#define FOCAL_UPFRONT_H

#include <stddef.h>
#include <stdint.h>

#include "query.h"
#include "store.h"
#include "value.h"

struct upfront {
	uint64_t rows;		/* Purchase rows, BilledCost > 0, EffectiveCost 0, metric non-zero */
	money_t sum;		/* their metric (MONEY_NULL: overflow) */
	uint32_t currency;	/* their BillingCurrency code; UINT32_MAX when several */
};

/* 1 when metric m double counts upfront purchases at all (ListCost,
 * ContractedCost), else 0. */
int upfront_metric(enum metric m);
/* The upfront purchases among the rows the filters select (nf <= 15). */
void upfront_find(const struct store *, const struct filter *f, int nf, enum metric m, struct upfront *out);
/* Finds the rows that can be upfront purchases now (a pass over every row,
 * done once per store), so that upfront_find tests only those: for the
 * explorer's idle time. Nothing for a warehouse's table. */
void upfront_prepare(const struct store *);
/* "ListCost counts 28 upfront purchases ($607,520.00) twice" (the purchase
 * row and the rows amortising it); "" when nothing is counted twice. */
void upfront_note(const struct store *, enum metric m, const struct upfront *, char *buf, size_t n);

#endif
