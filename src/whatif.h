/* whatif.h - seat what-if: the seat products in the data, a scenario of new
 * seat counts, and the exact arithmetic of what it saves and from when.
 *
 * The explorer's what-if panel and `focal whatif` call the same functions, so
 * a saving on screen and a saving on the command line come from one place.
 * Nothing here knows about curses. All money is exact (money_t). */
#ifndef FOCAL_WHATIF_H
#define FOCAL_WHATIF_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "calendar.h"
#include "value.h"

struct profile;
struct store;

/* Subscription terms: X(id, name, months) */
#define WHATIF_TERMS(X) \
	X(TERM_MONTHLY, "monthly", 1) \
	X(TERM_ANNUAL, "annual", 12) \
	X(TERM_3YEAR, "3-year", 36)

enum whatif_term {
#define X(id, name, months) id,
	WHATIF_TERMS(X)
#undef X
	TERM_COUNT
};
const char *whatif_term_name(enum whatif_term);
int whatif_term_months(enum whatif_term);
/* "Monthly", "annual", "1 year", "12 months", "3-Year", "36 months"...;
 * -1 if not one of the three terms. */
int whatif_term_parse(const char *s);

/* Where a product's unit price came from: X(id, short, column) */
#define WHATIF_PRICE_SOURCES(X) \
	X(PRICE_CONTRACTED, "contracted", "ContractedUnitPrice") \
	X(PRICE_LIST, "list", "ListUnitPrice") \
	X(PRICE_COST, "cost/qty", "EffectiveCost / PricingQuantity") \
	X(PRICE_BILLED, "billed/qty", "BilledCost / PricingQuantity") \
	X(PRICE_PROFILE, "profile", "the profile's list price")

enum whatif_price_source {
#define X(id, s, col) id,
	WHATIF_PRICE_SOURCES(X)
#undef X
	PRICE_COUNT
};
const char *whatif_price_source_name(enum whatif_price_source);	/* "contracted" */
const char *whatif_price_source_column(enum whatif_price_source);	/* "ContractedUnitPrice" */

/* One subscription (x_SubscriptionId, else ResourceId, else SkuId) of a product. */
struct whatif_lot {
	char *id;
	long long seats;
	money_t price;		/* per seat and price_months months */
	int price_months;
	enum whatif_price_source source;
	int64_t renewal;	/* when a cut takes effect; DATE_NULL: unknown */
};

/* Seat activity as of the as-of date: -1 where the data does not say. */
struct whatif_activity {
	long long active;	/* x_ActiveSeats */
	long long assigned;	/* x_AssignedSeats */
	long long idle;		/* x_IdleSeats (threshold x_IdleThresholdDays) */
	int idle_threshold;	/* x_IdleThresholdDays, 0 unknown */
	long long occasional;	/* x_OccasionalSeats */
	money_t occasional_days;	/* x_OccasionalDays: their use-days a month, in all */
	/* x_ActiveSeats per month, newest first, for the peak rule */
	int nmonths;
	int64_t month[36];
	long long month_active[36];
};

struct whatif_product {
	char *name;		/* ServiceName */
	char *label;		/* name, or "name (term)" when the name has several terms */
	char *sku;		/* SkuId of a current row, or NULL */
	enum whatif_term term;
	const char *term_from;	/* "x_Term", "ChargePeriod", "ChargeFrequency", "assumed" */
	long long seats;
	money_t unit_price;	/* per seat and price_months (as the data gives it) */
	int price_months;
	enum whatif_price_source price_source;
	int mixed_prices;	/* the lots' prices differ; unit_price is the first lot's */
	int64_t renewal;	/* the next renewal (first lot to renew); DATE_NULL unknown */
	money_t monthly;	/* baseline: seats x price, per month */
	money_t flex_tokens_per_day;	/* from the profile; MONEY_NULL: no Flex rate */
	struct whatif_lot *lot;	/* sorted by renewal */
	int nlots;
	struct whatif_activity act;
};

struct whatif_model {
	int64_t as_of;		/* the date the baseline describes */
	int64_t next_month;	/* first day of the month after as_of */
	char currency[16];	/* the seats' BillingCurrency, "" when unknown */
	int ncurrencies;	/* how many the seat rows have: the model is of one */
	char currencies[64];	/* their names, "EUR, USD" */
	money_t token_price;	/* per Flex token; MONEY_NULL: unknown */
	int idle_days;		/* suggestion thresholds (profile, else 90 and 8) */
	int occasional_days;
	struct whatif_product *p;
	size_t n;
	char **note;		/* things the user should know (terms assumed, ...) */
	int nnotes;
};

/* Reads the seat products (meter product_seats, ChargeCategory Purchase) of
 * the store as of `as_of` (DATE_NULL: the latest seat charge in the data).
 * profile may be NULL (no Flex rates, default thresholds). Returns the
 * number of products; the model is always set and must be freed. */
size_t whatif_products(const struct store *, const struct profile *, int64_t as_of, struct whatif_model *out);
/* The same of the seats billed in `currency` alone; whatif_products takes
 * the seats' only currency, or, when they have several, the first by name
 * (ncurrencies says so, and a note): money in two currencies is never
 * added, so a caller picks one. */
size_t whatif_products_in(const struct store *, const struct profile *, int64_t as_of, const char *currency,
    struct whatif_model *out);
void whatif_model_free(struct whatif_model *);
/* The same a step at a time, for the explorer's idle loop (at 10M rows
 * the model took 109 ms in one piece): whatif_begin, then whatif_step
 * until it returns 1 (the seat rows, the latest charge, whatif_slice seat
 * rows into their lots a step, then whatif_slice / 32 + 1 lots into their
 * products a step), and out is whatif_products'.
 * whatif_job_free frees the job; one not done is abandoned, out freed. */
struct whatif_job;
extern size_t whatif_slice;	/* a test's to change */
struct whatif_job *whatif_begin(const struct store *, const struct profile *, int64_t as_of,
    struct whatif_model *out);
struct whatif_job *whatif_begin_in(const struct store *, const struct profile *, int64_t as_of, const char *currency,
    struct whatif_model *out);
int whatif_step(struct whatif_job *);
void whatif_job_free(struct whatif_job *);

/* Finds a product by name: a label or ServiceName (any case), a unique
 * prefix, or initials ("AEC Collection"). Returns its index, or -1 with a
 * message naming the known products in err. */
int whatif_find(const struct whatif_model *, const char *name, char *err, size_t errlen);

/* A scenario: per product, either unchanged or a new seat count (plus the
 * Flex use-days a month bought instead). Plain data: copy with
 * whatif_scenario_copy, compare by value. */
struct whatif_change {
	int set;
	long long seats;
	money_t flex_days;	/* Flex use-days a month (0: none) */
};
struct whatif_scenario {
	size_t n;
	struct whatif_change *c;	/* c[i] belongs to model->p[i] */
};

void whatif_scenario_init(struct whatif_scenario *, const struct whatif_model *);
void whatif_scenario_free(struct whatif_scenario *);
void whatif_scenario_copy(struct whatif_scenario *dst, const struct whatif_scenario *src);
void whatif_scenario_clear(struct whatif_scenario *);
size_t whatif_scenario_nchanged(const struct whatif_scenario *);
/* The seat count the scenario gives product i. */
long long whatif_seats(const struct whatif_model *, const struct whatif_scenario *, size_t i);

/* Sets product i to `seats` (flex_days 0 keeps no Flex). -1 and err if below zero. */
int whatif_scenario_set(const struct whatif_model *, struct whatif_scenario *, size_t i, long long seats,
    money_t flex_days, char *err, size_t errlen);
/* Adds delta seats to the scenario's current count (the + and - keys). */
int whatif_scenario_step(const struct whatif_model *, struct whatif_scenario *, size_t i, long long delta,
    char *err, size_t errlen);
/* Applies a typed change to product i, relative to the baseline:
 * "12" (new count), "+2" / "-3" (change), "-10%" / "+5%" (percentage,
 * rounded toward zero to whole seats), optionally followed by "flex DAYS". */
int whatif_scenario_apply(const struct whatif_model *, struct whatif_scenario *, size_t i, const char *change,
    char *err, size_t errlen);
/* Parses "Revit=-5,AutoCAD LT=10,AEC Collection=-10%" into sc (on error sc
 * is unchanged and err names the entry). */
int whatif_scenario_parse(const struct whatif_model *, const char *spec, struct whatif_scenario *sc,
    char *err, size_t errlen);

/* Scenario files (focal(1)): "# focal scenario" then "PRODUCT = CHANGE" lines.
 * Load: errors as "FILE:LINE: message". Save: written to a temporary file
 * and renamed; an existing file is kept unless force. */
int whatif_scenario_load(const struct whatif_model *, const char *path, struct whatif_scenario *sc,
    char *err, size_t errlen);
int whatif_scenario_save(const struct whatif_model *, const struct whatif_scenario *, const char *path,
    int force, char *err, size_t errlen);

/* Undo history of scenarios (the u key). Bounded; the oldest entries go. */
struct whatif_undo {
	struct whatif_scenario *s;
	size_t n, cap;
};
void whatif_undo_push(struct whatif_undo *, const struct whatif_scenario *);
int whatif_undo_pop(struct whatif_undo *, struct whatif_scenario *);	/* 0: nothing to undo */
void whatif_undo_free(struct whatif_undo *);

/* The arithmetic. Monthly amounts are run rates once the change is in
 * effect; annualised = 12 months of them. next12_saving is what the change
 * saves in the 12 months from model->next_month, honest about renewals:
 * a cut on an upfront term saves only from its renewal, a cut on a monthly
 * term from the next month; seats added cost from the next month. */
struct whatif_line {
	long long seats_before, seats_after;
	money_t month_before, month_after, month_saving;
	money_t year_before, year_after, year_saving;
	money_t next12_saving;
	money_t flex_month;	/* Flex cost included in month_after */
	int64_t starts;		/* when the change takes effect; DATE_NULL: no change or unknown */
	int64_t full_from;	/* when all of it is in effect (cuts spanning renewals) */
	int unknown_start;	/* part of a cut waits for a renewal the data does not give */
	int simulated;		/* the scenario changes this line */
};
struct whatif_result {
	size_t n;
	struct whatif_line *line;
	struct whatif_line total;
};
void whatif_compute(const struct whatif_model *, const struct whatif_scenario *, struct whatif_result *);

/* When a line's change takes effect, as the front ends word it (the dates
 * are the line's starts and full_from). */
enum whatif_when {
	WHEN_UNCHANGED,		/* not simulated, or nothing changes */
	WHEN_UNKNOWN,		/* at a renewal the data does not give */
	WHEN_ADDED,		/* seats added: they cost from the next month */
	WHEN_REST_UNKNOWN,	/* from starts, the rest at unknown renewals */
	WHEN_STAGED,		/* from starts, all of it from full_from (renewals) */
	WHEN_NEXT_MONTH,	/* from starts, the next month */
	WHEN_RENEWAL		/* from starts, a renewal */
};
enum whatif_when whatif_when(const struct whatif_model *, const struct whatif_product *, const struct whatif_line *);
void whatif_result_free(struct whatif_result *);
/* The monthly saving in effect at time t (product i, or all when i == SIZE_MAX):
 * for drawing a scenario over months. */
money_t whatif_saving_at(const struct whatif_model *, const struct whatif_scenario *, size_t i, int64_t t);

/* Suggestions: X(id, name, description) */
#define WHATIF_RULES(X) \
	X(RULE_IDLE, "idle", "assigned users inactive for at least the idle threshold") \
	X(RULE_UNASSIGNED, "unassigned", "seats not assigned to anyone") \
	X(RULE_PEAK, "above-peak", "seats above the peak of active seats over the idle window") \
	X(RULE_FLEX, "flex", "occasional users cheaper on Flex at the profile's daily token rate")

enum whatif_rule {
#define X(id, name, desc) id,
	WHATIF_RULES(X)
#undef X
	RULE_COUNT
};
const char *whatif_rule_name(enum whatif_rule);

struct whatif_suggestion {
	size_t product;
	enum whatif_rule rule;
	long long cut;		/* seats to drop */
	money_t flex_days;	/* Flex use-days a month bought instead (RULE_FLEX) */
	struct whatif_line effect;	/* of this suggestion alone */
	char why[512];
};
/* Proposes reductions from the activity in the data, never applies them.
 * Uses model->idle_days and model->occasional_days. */
size_t whatif_suggest(const struct whatif_model *, struct whatif_suggestion **out);
/* 1 and, in buf, the data rule r needs and did not find ("x_IdleSeats (...),
 * which focal import autodesk --usage writes; the data has none") (no product has
 * the columns it reads, or the profile lacks a Flex rate or token price),
 * so that "no suggestion" is never read as "nothing to save"; else 0. */
int whatif_rule_unmet(const struct whatif_model *, enum whatif_rule r, char *buf, size_t n);
/* Adds a suggestion to a scenario (on top of what it already changes). */
void whatif_suggestion_apply(const struct whatif_model *, struct whatif_scenario *,
    const struct whatif_suggestion *);

/* The scenario as a --seats spec of absolute counts ("Revit=5,AutoCAD LT=10"). */
char *whatif_scenario_spec(const struct whatif_model *, const struct whatif_scenario *);

#endif
