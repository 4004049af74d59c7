/* runway_int.h - what runway.c (the past: packs and draws) and runway_burn.c
 * (the burn rate and the future) share, and nobody else needs. */
#ifndef FOCAL_RUNWAY_INT_H
#define FOCAL_RUNWAY_INT_H

#include <stddef.h>
#include <stdint.h>

#include "runway.h"

#define RUNWAY_DAY 86400

/* One draw, or draws in a row of one instant that drain packs as their sum
 * would (positive, one end, one kind of BilledCost): at an instant, draws
 * drain packs in the order their rows came. */
struct use {
	money_t amount;
	uint32_t end;		/* ChargePeriodEnd's code; CODE_NULL: a day after the start */
	uint8_t zero;		/* its BilledCost is 0 */
};

/* The draws of one instant (ChargePeriodStart). */
struct slot {
	int64_t t;
	size_t first, end;	/* draws [first, end) */
	size_t efirst;		/* window entries [efirst, the next slot's efirst) */
	money_t billed;		/* their BilledCost, NULLs left out */
	uint32_t head, tail;	/* while gathering: its entries, linked */
};

/* What a window needs of an instant: one meter's and SKU's draws, added. */
struct entry {
	money_t amount;
	uint32_t key;
	uint32_t slot, next;	/* while gathering */
};

struct rkey {
	uint32_t meter, sku;
	int svc;		/* meter is a ServiceName code (no SkuMeter) */
};

/* Open addressing: ids into an array that holds the keys. */
struct idmap {
	uint32_t *id;		/* cap slots, UINT32_MAX empty */
	size_t cap;
};

/* A currency's draws. Once the past is simulated only the slots and the
 * entries stay (a few per instant, not one per row), for runway_window(). */
struct runway_acc {
	struct use *use;	/* laid out by instant: room for each row's draw */
	struct slot *slot;	/* nslot + 1: the last one only ends the others */
	size_t nslot;
	struct entry *e;
	size_t ne, ecap;
	struct rkey *key;
	size_t nkeys;
	int meter_col, svc_col, sku_col;
	int64_t last;		/* the latest end of a draw */
	size_t *count;		/* while gathering: per instant, its draws, then its slot */
	struct idmap keys, pairs;	/* while gathering: keys; entries by slot and key */
	uint32_t *klast;	/* while gathering: per key, its latest entry */
	uint32_t klatest;	/* while gathering: the latest key */
};

/* A draw of v at slot, on meter and sku (codes), for the window. */
void runway_entry_add(struct runway_acc *, uint32_t slot, uint32_t meter, uint32_t sku, int svc, money_t v);
/* After the draws are gathered: each slot's entries together. */
void runway_entries_done(struct runway_acc *);
/* Forgets what depends on the window. */
void runway_window_reset(struct runway_currency *);

#endif
