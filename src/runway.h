/* runway.h - prepaid runway of FOCUS virtual currencies (Flex tokens, cloud
 * credits): what was bought, what was drawn per month, the burn rate over a
 * window, when the balance runs out at that rate and what expires unused.
 *
 * FOCUS columns read (focal(1), RUNWAY):
 *   PricingCurrency, BillingCurrency  a row is in a virtual currency when its
 *       PricingCurrency differs from its BillingCurrency and is not a
 *       three-letter ISO 4217 code;
 *   PricingCurrencyEffectiveCost      the amount a Usage row draws, in it;
 *   ChargeCategory Purchase + PricingUnit + PricingQuantity  a pack bought
 *       (PricingUnit naming the currency: "Tokens" for "Flex Tokens"; or
 *       a Purchase row priced in the currency itself), BilledCost its price;
 *   BilledCost                        a pack's price; on a Usage row, what
 *       the draw was billed (0: not paid as you go);
 *   ChargePeriodStart/End             when; a purchase's ChargePeriodEnd is its
 *       expiry when the period is longer than a month (the FOCUS pattern:
 *       the period the credits cover), x_ExpirationDate when given;
 *   SkuMeter (else ServiceName), SkuId  the product or API behind the burn.
 *
 * Packs are drawn earliest expiry first (Autodesk Flex: PRICING.md). The
 * run-out date and the amounts expiring unused are projections (marked by
 * front ends, never added to data totals). Nothing here knows about curses. */
#ifndef FOCAL_RUNWAY_H
#define FOCAL_RUNWAY_H

#include <stddef.h>
#include <stdint.h>

#include "value.h"

struct store;

struct runway_pack {
	int64_t bought;		/* ChargePeriodStart of the Purchase row */
	int64_t expires;	/* DATE_NULL: the data gives no expiry */
	const char *expiry_from;	/* "x_ExpirationDate", "ChargePeriodEnd" or NULL */
	money_t amount;		/* PricingQuantity, in the currency */
	money_t cost;		/* BilledCost, in the billing currency */
	const char *billing;	/* its BillingCurrency (the store's text), NULL if none */
	money_t used;		/* drawn from it before as_of */
	money_t expired;	/* expired unused before as_of */
	money_t left;		/* at as_of */
	money_t will_expire;	/* projected: unused at its expiry at the burn rate */
	size_t row;		/* the Purchase row (file:line for people) */
};

struct runway_period {
	int64_t start;		/* first day of the calendar month */
	money_t bought, used, expired, uncovered;	/* uncovered: used beyond the packs */
	money_t unbilled;	/* of uncovered: on Usage rows whose BilledCost is 0 */
	money_t corrected;	/* of used: Usage rows below 0 (<= 0; they refill no pack) */
	money_t balance;	/* at the end of the month (or at as_of) */
};

struct runway_use {
	char *meter;		/* SkuMeter, else ServiceName */
	char *sku;		/* SkuId, or "" */
	money_t used;		/* over the window */
};

struct runway_currency {
	char *name;		/* the PricingCurrency value */
	char *unit;		/* the purchases' PricingUnit, or "" */
	struct runway_pack *pack;	/* by purchase date */
	size_t npacks;
	struct runway_period *period;
	size_t nperiods;
	struct runway_use *use;	/* most used first */
	size_t nuses;
	money_t bought, used, expired, uncovered, balance;	/* up to as_of */
	money_t unbilled;	/* of uncovered: drawn on rows billed 0, so from a balance
				 * the data does not show (packs bought before it starts)
				 * or billed on other rows; never called pay-as-you-go */
	money_t corrected;	/* of used: Usage rows below 0, corrections of earlier
				 * usage (<= 0): counted in used, they refill no pack */
	money_t billed;		/* BilledCost of its Usage rows up to as_of, billing currency */
	int cost_mixed, billed_mixed;	/* packs (Usage rows) in more than one BillingCurrency:
					 * cost (billed) is MONEY_NULL, never their sum */
	uint32_t cost_bc, billed_bc;	/* internal: the BillingCurrency code seen */
	money_t cost;		/* what the packs cost, billing currency */
	const char *cost_in, *billed_in;	/* the BillingCurrency of cost and billed
						 * (the store's text); NULL when mixed or none */
	int64_t first;		/* first row in this currency */
	int64_t empty_since;	/* balance 0 at as_of: since when; else DATE_NULL */
	int window_days;	/* days the burn rate is over (the window, cut to the data) */
	money_t window_used;
	money_t burn;		/* per day over the window */
	int64_t runs_out;	/* projected first day with nothing left; DATE_NULL: not at this rate */
	int out_by_expiry;	/* it runs out because its last pack expires */
	money_t will_expire;	/* projected: left unused at expiry, all packs */
	int expiry_unknown;	/* a pack with a balance has no expiry in the data */
	size_t usage_rows, missing_amount;	/* Usage rows; of them without PricingCurrencyEffectiveCost */
};

struct runway_acc;

struct runway {
	int64_t as_of;		/* the balance is as of this instant */
	char billing[16];	/* BillingCurrency ("" mixed or unknown) */
	struct runway_currency *c;
	size_t n;
	struct runway_acc *acc;	/* internal: each currency's draws, for runway_window() */
};

/* Reads every virtual currency of the store. as_of DATE_NULL: the end of the
 * latest charge period in a virtual currency. window_days >= 1. Returns the
 * number of currencies (0: none in the data); out must be freed. */
size_t runway_build(const struct store *, int64_t as_of, int window_days, struct runway *out);
/* The same a slice at a time, for the explorer's idle loop: runway_begin,
 * then runway_step until it returns 1 (each step reads at most `rows` rows
 * of one pass; there are three), and out is runway_build's. runway_job_free
 * frees the job; one not done is abandoned and out freed with it. */
struct runway_job;
struct runway_job *runway_begin(const struct store *, int64_t as_of, int window_days, struct runway *out);
int runway_step(struct runway_job *, size_t rows);
void runway_job_free(struct runway_job *);
/* The burn rate over another window, and what it projects, without reading
 * the store's rows again (the balance up to as_of does not change). */
void runway_window(const struct store *, struct runway *, int window_days);
void runway_free(struct runway *);

/* What a currency's packs cost, for a title: " for $9,000.00", ", priced in
 * more than one currency (not added)", or "" without packs. The money is
 * written in the packs' own BillingCurrency, whatever else the store holds. */
void runway_cost_text(const struct runway_currency *, char *buf, size_t n);

/* Packs that read the same (bought and expiring on the same days, the same
 * amount, price, currency, use and balance: focal-gen buys dozens a day)
 * are one line of the tables: runway_pack_run gives how many packs from k
 * on are the same as pack k (1 at least), runway_pack_sum their sum into
 * out (its money figures added, each exactly; out->row pack k's). */
size_t runway_pack_run(const struct runway_currency *, size_t k);
void runway_pack_sum(const struct runway_currency *, size_t k, size_t n, struct runway_pack *out);

/* 1 when a PricingCurrency value is a virtual currency next to billing. */
int runway_is_virtual(const char *pricing, const char *billing);

#endif
