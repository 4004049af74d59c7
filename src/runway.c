/* runway.c - prepaid runway of virtual currencies (see runway.h). */
#include "runway.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "calendar.h"
#include "cellnum.h"
#include "format.h"
#include "store.h"
#include "xmalloc.h"

#define DAY 86400
#define MAX_DAYS 3652500LL	/* ten thousand years: beyond, "not at this rate" */

struct rcols {
	int pc, bc, cat, unit, qty, billed, amt, cps, cpe, meter, svc, sku, xexp;
	uint32_t purchase, usage;
	struct cellnum num;
	int *cur;		/* per PricingCurrency code: currency index + 1, 0 none */
};

struct use {
	int64_t t, end;
	money_t amount;
	money_t billed;		/* BilledCost, MONEY_NULL when the row has none */
	uint32_t meter, sku;
	int meter_col;
};

struct runway_acc {
	struct use *use;
	size_t nuse, cap;
	int64_t last;
};

/* A projection to six decimals, as the burn rate is written: the rate is a
 * quotient, and the last of the store's 18 digits of burn x days are noise
 * ("112.000000000000000108" where 112 is meant). */
static money_t
projected(money_t v)
{
	const money_t unit = MONEY_ONE / 1000000;
	money_t r;
	if (v == MONEY_NULL)
		return v;
	r = v % unit;
	v -= r;
	if (r * 2 >= unit)
		v += unit;
	else if (r * 2 <= -unit)
		v -= unit;
	return v;
}

/* a - b, MONEY_NULL when either is or the difference leaves the range */
static money_t
msub(money_t a, money_t b)
{
	money_t d;
	if (a == MONEY_NULL || b == MONEY_NULL || __builtin_sub_overflow(a, b, &d))
		return MONEY_NULL;
	return d;
}

int
runway_is_virtual(const char *pricing, const char *billing)
{
	size_t n;
	if (pricing == NULL || *pricing == '\0')
		return 0;
	if (billing && strcmp(pricing, billing) == 0)
		return 0;
	n = strlen(pricing);
	if (n == 3 && pricing[0] >= 'A' && pricing[0] <= 'Z' && pricing[1] >= 'A' && pricing[1] <= 'Z' &&
	    pricing[2] >= 'A' && pricing[2] <= 'Z')
		return 0;	/* a national currency (ISO 4217), not a virtual one */
	return 1;
}

static money_t
num(const struct store *s, struct rcols *c, int col, size_t row)
{
	return cellnum_money(&c->num, s, col, row);
}

static int64_t
when(const struct store *s, int col, size_t row)
{
	uint32_t code;
	const char *t;
	int64_t v;
	unsigned dev = 0;
	if (col < 0 || (code = store_code(s, col, row)) == CODE_NULL)
		return DATE_NULL;
	if (store_column_kind(s, col) == COL_DATE)
		return store_code_epoch(s, col, code);
	t = store_label(s, col, code);
	return t && date_parse(t, strlen(t), &v, &dev) == 0 ? v : DATE_NULL;
}

static const char *
label(const struct store *s, int col, size_t row)
{
	return col < 0 ? NULL : store_label(s, col, store_code(s, col, row));
}

/* "Tokens" names "Flex Tokens", "Credit" names "Cloud Credits": the unit is
 * the currency, or its last word, in any case, singular or plural. */
static int
same_word(const char *a, size_t na, const char *b, size_t nb)
{
	if (na && (a[na - 1] == 's' || a[na - 1] == 'S'))
		na--;
	if (nb && (b[nb - 1] == 's' || b[nb - 1] == 'S'))
		nb--;
	return na == nb && na > 0 && strncasecmp(a, b, na) == 0;
}

static int
unit_names(const char *unit, const char *currency)
{
	const char *last;
	if (unit == NULL || currency == NULL)
		return 0;
	if (same_word(unit, strlen(unit), currency, strlen(currency)))
		return 1;
	last = strrchr(currency, ' ');
	return last && same_word(unit, strlen(unit), last + 1, strlen(last + 1));
}

static void
cols_init(const struct store *s, struct rcols *c)
{
	c->pc = store_find_column(s, "PricingCurrency");
	c->bc = store_find_column(s, "BillingCurrency");
	c->cat = store_find_column(s, "ChargeCategory");
	c->unit = store_find_column(s, "PricingUnit");
	c->qty = store_metric_column(s, M_PRICING);
	c->billed = store_metric_column(s, M_BILLED);
	c->amt = store_find_column(s, "PricingCurrencyEffectiveCost");
	c->cps = store_find_column(s, "ChargePeriodStart");
	c->cpe = store_find_column(s, "ChargePeriodEnd");
	c->meter = store_find_column(s, "SkuMeter");
	c->svc = store_find_column(s, "ServiceName");
	c->sku = store_find_column(s, "SkuId");
	c->xexp = store_find_column(s, "x_ExpirationDate");
	if (c->xexp < 0)
		c->xexp = store_find_column(s, "x_ExpiryDate");
	c->purchase = c->cat >= 0 ? store_lookup(s, c->cat, "Purchase") : UINT32_MAX;
	c->usage = c->cat >= 0 ? store_lookup(s, c->cat, "Usage") : UINT32_MAX;
	cellnum_init(&c->num, s);
	c->cur = c->pc >= 0 ? xcalloc(store_ncodes(s, c->pc), sizeof *c->cur) : NULL;
}

static void
cols_free(const struct store *s, struct rcols *c)
{
	(void)s;
	cellnum_free(&c->num);
	free(c->cur);
}

/* Pass 1: the virtual currencies (Usage rows priced in one). */
static void
find_currencies(const struct store *s, struct rcols *c, struct runway *rw)
{
	size_t nrows = store_nrows(s);
	for (size_t r = 0; r < nrows; r++) {
		uint32_t pc = store_code(s, c->pc, r);
		struct runway_currency *cu;
		if (pc == CODE_NULL || c->cur[pc] || store_code(s, c->cat, r) != c->usage)
			continue;
		if (!runway_is_virtual(store_label(s, c->pc, pc), label(s, c->bc, r)))
			continue;
		rw->c = xreallocarray(rw->c, rw->n + 1, sizeof *rw->c);
		cu = &rw->c[rw->n++];
		memset(cu, 0, sizeof *cu);
		cu->name = xstrdup(store_label(s, c->pc, pc));
		cu->unit = xstrdup("");
		cu->first = cu->empty_since = cu->runs_out = DATE_NULL;
		cu->cost_bc = cu->billed_bc = UINT32_MAX;
		c->cur[pc] = (int)rw->n;
	}
}

/* The currency a Purchase row buys: priced in it, or PricingUnit names it. */
static int
purchase_currency(const struct store *s, const struct rcols *c, const struct runway *rw, size_t r)
{
	uint32_t pc = store_code(s, c->pc, r);
	const char *unit = label(s, c->unit, r);
	if (pc != CODE_NULL && c->cur[pc])
		return c->cur[pc] - 1;
	for (size_t i = 0; i < rw->n; i++)
		if (unit_names(unit, rw->c[i].name))
			return (int)i;
	return -1;
}

/* Money in two billing currencies is never added: whether row r is in the
 * BillingCurrency of the rows seen before it. */
static void
same_billing(const struct store *s, const struct rcols *c, size_t r, uint32_t *seen, int *mixed)
{
	uint32_t code = c->bc >= 0 ? store_code(s, c->bc, r) : CODE_NULL;
	if (*seen == UINT32_MAX)
		*seen = code;
	else if (*seen != code)
		*mixed = 1;
}

static void
add_pack(const struct store *s, struct rcols *c, struct runway_currency *cu, size_t r)
{
	struct runway_pack *p;
	int64_t a = when(s, c->cps, r), b = when(s, c->cpe, r), x = when(s, c->xexp, r);
	money_t q = num(s, c, c->qty, r);
	const char *unit = label(s, c->unit, r);
	if (a == DATE_NULL || q == MONEY_NULL || q <= 0)
		return;
	cu->pack = xreallocarray(cu->pack, cu->npacks + 1, sizeof *cu->pack);
	p = &cu->pack[cu->npacks++];
	memset(p, 0, sizeof *p);
	p->bought = a;
	p->amount = q;
	p->cost = num(s, c, c->billed, r);
	p->billing = label(s, c->bc, r);
	same_billing(s, c, r, &cu->cost_bc, &cu->cost_mixed);
	p->row = r;
	p->expires = DATE_NULL;
	if (x != DATE_NULL) {
		p->expires = x;
		p->expiry_from = "x_ExpirationDate";
	} else if (b != DATE_NULL && b - a > 31 * (int64_t)DAY) {
		p->expires = b;	/* the period the pack covers */
		p->expiry_from = "ChargePeriodEnd";
	}
	if (unit && !cu->unit[0]) {
		free(cu->unit);
		cu->unit = xstrdup(unit);
	}
	if (cu->first == DATE_NULL || a < cu->first)
		cu->first = a;
}

static void
add_use(const struct store *s, struct rcols *c, struct runway_currency *cu, struct runway_acc *ac, size_t r)
{
	struct use *u;
	int64_t a = when(s, c->cps, r), b = when(s, c->cpe, r);
	money_t v = num(s, c, c->amt, r);
	uint32_t mc;
	cu->usage_rows++;
	if (v == MONEY_NULL) {
		cu->missing_amount++;
		return;
	}
	if (a == DATE_NULL)
		return;
	if (ac->nuse == ac->cap) {
		ac->cap = ac->cap ? 2 * ac->cap : 1024;
		ac->use = xreallocarray(ac->use, ac->cap, sizeof *ac->use);
	}
	u = &ac->use[ac->nuse++];
	u->t = a;
	u->end = b != DATE_NULL ? b : a + DAY;
	u->amount = v;
	u->billed = num(s, c, c->billed, r);
	same_billing(s, c, r, &cu->billed_bc, &cu->billed_mixed);
	mc = c->meter >= 0 ? store_code(s, c->meter, r) : CODE_NULL;
	u->meter_col = mc != CODE_NULL ? c->meter : c->svc;
	u->meter = mc != CODE_NULL ? mc : c->svc >= 0 ? store_code(s, c->svc, r) : CODE_NULL;
	u->sku = c->sku >= 0 ? store_code(s, c->sku, r) : CODE_NULL;
	if (cu->first == DATE_NULL || a < cu->first)
		cu->first = a;
	if (ac->last == DATE_NULL || u->end > ac->last)
		ac->last = u->end;
}

/* The uses in time order, those of one instant in the order their rows
 * came (draws at one instant drain packs in that order): a stable radix
 * sort of the times, a byte at a time, then the uses moved once. */
static void
sort_uses(struct runway_acc *ac)
{
	struct key {
		uint64_t t;
		size_t i;
	} *a, *b, *tmp;
	struct use *sorted;
	int64_t lo;
	uint64_t hi = 0;
	int sorted_already = 1;
	if (ac->nuse < 2)
		return;
	lo = ac->use[0].t;
	for (size_t k = 1; k < ac->nuse; k++) {
		sorted_already &= ac->use[k].t >= ac->use[k - 1].t;
		lo = ac->use[k].t < lo ? ac->use[k].t : lo;
	}
	if (sorted_already)
		return;	/* files often are */
	a = xreallocarray(NULL, ac->nuse, sizeof *a);
	b = xreallocarray(NULL, ac->nuse, sizeof *b);
	for (size_t k = 0; k < ac->nuse; k++) {
		a[k].t = (uint64_t)ac->use[k].t - (uint64_t)lo;
		a[k].i = k;
		hi |= a[k].t;
	}
	for (int shift = 0; shift < 64 && (hi >> shift); shift += 8) {
		size_t count[257] = {0};
		for (size_t k = 0; k < ac->nuse; k++)
			count[((a[k].t >> shift) & 0xff) + 1]++;
		for (int d = 0; d < 256; d++)
			count[d + 1] += count[d];
		for (size_t k = 0; k < ac->nuse; k++)
			b[count[(a[k].t >> shift) & 0xff]++] = a[k];
		tmp = a;
		a = b;
		b = tmp;
	}
	sorted = xreallocarray(NULL, ac->cap, sizeof *sorted);
	for (size_t k = 0; k < ac->nuse; k++)
		sorted[k] = ac->use[a[k].i];
	free(ac->use);
	ac->use = sorted;
	free(a);
	free(b);
}

static int
pack_cmp(const void *x, const void *y)
{
	const struct runway_pack *a = x, *b = y;
	if (a->bought != b->bought)
		return a->bought < b->bought ? -1 : 1;
	return a->row < b->row ? -1 : a->row > b->row;
}

/* Pass 2: packs and draws of each currency. */
static void
gather(const struct store *s, struct rcols *c, struct runway *rw, struct runway_acc *ac)
{
	size_t nrows = store_nrows(s);
	for (size_t r = 0; r < nrows; r++) {
		uint32_t cat = store_code(s, c->cat, r), pc = store_code(s, c->pc, r);
		int i;
		if (cat == c->purchase && cat != UINT32_MAX) {
			if ((i = purchase_currency(s, c, rw, r)) >= 0)
				add_pack(s, c, &rw->c[i], r);
		} else if (cat == c->usage && pc != CODE_NULL && c->cur[pc])
			add_use(s, c, &rw->c[c->cur[pc] - 1], &ac[c->cur[pc] - 1], r);
	}
}

/* ---- the past: packs drawn earliest expiry first ---- */

struct timeline {
	struct runway_currency *cu;
	int64_t m0;		/* calendar_month_index() of the first period */
	money_t balance;
	/* so that a draw costs in proportion to the packs only when one is
	 * bought or expires: no pack is bought before next_buy, none of the
	 * live ones expires before next_exp (at most: a pack drawn empty may
	 * leave it early); best, the pack draws take from (NULL: look) */
	int64_t next_buy, next_exp;
	struct runway_pack *best;
	int none;		/* no pack has anything left (until one is bought) */
};

static struct runway_period *
period_at(struct timeline *tl, int64_t t)
{
	int64_t k = calendar_month_index(t) - tl->m0;
	if (k < 0 || (size_t)k >= tl->cu->nperiods)
		return NULL;
	return &tl->cu->period[k];
}

static void
set_empty(struct timeline *tl, money_t before, int64_t t)
{
	if (before > 0 && tl->balance <= 0)
		tl->cu->empty_since = t;
	else if (tl->balance > 0)
		tl->cu->empty_since = DATE_NULL;
}

/* A pack the data bought that advance() has not taken in yet. */
static int
to_buy(const struct runway_pack *p)
{
	return p->left == 0 && p->used == 0 && p->expired == 0 && p->amount > 0 &&
	    !(p->expires != DATE_NULL && p->expires <= p->bought);
}

/* Packs bought by t come in; packs whose expiry is at or before t go. */
static void
advance(struct timeline *tl, int64_t t, int bought_too)
{
	struct runway_currency *cu = tl->cu;
	if ((!bought_too || t < tl->next_buy) && t < tl->next_exp)
		return;		/* nothing to buy or expire by t */
	tl->best = NULL;
	tl->none = 0;
	for (size_t k = 0; k < cu->npacks; k++) {
		struct runway_pack *p = &cu->pack[k];
		struct runway_period *pe;
		money_t before = tl->balance;
		if (bought_too && p->bought <= t && to_buy(p)) {
			p->left = p->amount;
			tl->balance = money_add(tl->balance, p->amount);
			cu->bought = money_add(cu->bought, p->amount);
			if (p->cost != MONEY_NULL)
				cu->cost = money_add(cu->cost, p->cost);
			if ((pe = period_at(tl, p->bought)) != NULL)
				pe->bought = money_add(pe->bought, p->amount);
			set_empty(tl, before, p->bought);
			before = tl->balance;
		}
		if (p->left > 0 && p->expires != DATE_NULL && p->expires <= t) {
			p->expired = p->left;
			cu->expired = money_add(cu->expired, p->left);
			tl->balance = msub(tl->balance, p->left);
			if ((pe = period_at(tl, p->expires - 1)) != NULL)
				pe->expired = money_add(pe->expired, p->left);
			p->left = 0;
			set_empty(tl, before, p->expires);
		}
	}
	tl->next_buy = tl->next_exp = INT64_MAX;
	for (size_t k = 0; k < cu->npacks; k++) {
		const struct runway_pack *p = &cu->pack[k];
		if (to_buy(p) && p->bought < tl->next_buy)
			tl->next_buy = p->bought;
		if (p->left > 0 && p->expires != DATE_NULL && p->expires < tl->next_exp)
			tl->next_exp = p->expires;
	}
}

/* The live pack to draw from: earliest expiry (none: last), then oldest. */
static struct runway_pack *
next_pack(struct runway_currency *cu)
{
	struct runway_pack *best = NULL;
	for (size_t k = 0; k < cu->npacks; k++) {
		struct runway_pack *p = &cu->pack[k];
		if (p->left <= 0)
			continue;
		if (best == NULL || (p->expires != DATE_NULL &&
		    (best->expires == DATE_NULL || p->expires < best->expires)))
			best = p;
	}
	return best;
}

static void
draw(struct timeline *tl, const struct use *u)
{
	struct runway_currency *cu = tl->cu;
	struct runway_period *pe = period_at(tl, u->t);
	money_t need = u->amount, before = tl->balance;
	struct runway_pack *p;
	cu->used = money_add(cu->used, u->amount);
	if (u->billed != MONEY_NULL)
		cu->billed = money_add(cu->billed, u->billed);
	if (pe)
		pe->used = money_add(pe->used, u->amount);
	while (need > 0 && !tl->none && (p = tl->best && tl->best->left > 0 ? tl->best : next_pack(cu)) != NULL) {
		money_t take = need < p->left ? need : p->left;
		tl->best = p;
		p->left -= take;
		p->used += take;
		tl->balance = msub(tl->balance, take);
		need -= take;
	}
	if (need > 0) {
		tl->none = 1;
		cu->uncovered = money_add(cu->uncovered, need);
		if (pe)
			pe->uncovered = money_add(pe->uncovered, need);
		if (u->billed == 0) {	/* no pack in the data, yet not paid as you go */
			cu->unbilled = money_add(cu->unbilled, need);
			if (pe)
				pe->unbilled = money_add(pe->unbilled, need);
		}
	}
	set_empty(tl, before, u->end);
}

static void
simulate(struct runway_currency *cu, const struct runway_acc *ac, int64_t as_of)
{
	struct timeline tl = {cu, calendar_month_index(cu->first), 0, INT64_MIN, INT64_MIN, NULL, 0};
	int64_t m1 = calendar_month_index(as_of - 1);
	money_t run = 0;
	cu->nperiods = m1 >= tl.m0 ? (size_t)(m1 - tl.m0 + 1) : 0;
	cu->period = xcalloc(cu->nperiods ? cu->nperiods : 1, sizeof *cu->period);
	for (size_t k = 0; k < cu->nperiods; k++)
		cu->period[k].start = calendar_month_time(tl.m0 + (int64_t)k);
	for (size_t k = 0; k < ac->nuse && ac->use[k].t < as_of; k++) {
		advance(&tl, ac->use[k].t, 1);
		draw(&tl, &ac->use[k]);
	}
	advance(&tl, as_of - 1, 1);	/* bought before as_of */
	advance(&tl, as_of, 0);		/* expired by as_of */
	cu->balance = tl.balance;
	for (size_t k = 0; k < cu->nperiods; k++) {
		struct runway_period *pe = &cu->period[k];
		run = money_add(run, pe->bought);
		run = msub(run, msub(pe->used, pe->uncovered));
		run = msub(run, pe->expired);
		pe->balance = run;
	}
	if (cu->balance > 0)
		cu->empty_since = DATE_NULL;
}

/* ---- the burn rate and what it drew on ---- */

/* The first use at or after t (the uses are in time order). */
static size_t
first_use(const struct runway_acc *ac, int64_t t)
{
	size_t lo = 0, hi = ac->nuse;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ac->use[mid].t < t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The codes of meters and SKUs seen, and the line of cu->use each one adds
 * to: a line is a meter's and a SKU's name, the codes only find it faster. */
struct seen {
	struct {
		int col;
		uint32_t meter, sku;
		size_t line;
	} *key;
	size_t n;
	int sku_col;
};

static size_t
use_index(const struct store *s, struct runway_currency *cu, const struct use *u, struct seen *sn)
{
	const char *meter, *sku;
	size_t j;
	for (size_t k = 0; k < sn->n; k++)
		if (sn->key[k].meter == u->meter && sn->key[k].sku == u->sku && sn->key[k].col == u->meter_col)
			return sn->key[k].line;
	meter = u->meter != CODE_NULL ? store_label(s, u->meter_col, u->meter) : NULL;
	sku = u->sku != CODE_NULL ? store_label(s, sn->sku_col, u->sku) : NULL;
	for (j = 0; j < cu->nuses; j++)
		if (!strcmp(cu->use[j].meter, meter ? meter : "") && !strcmp(cu->use[j].sku, sku ? sku : ""))
			break;
	if (j == cu->nuses) {
		cu->use = xreallocarray(cu->use, cu->nuses + 1, sizeof *cu->use);
		cu->use[j].meter = xstrdup(meter ? meter : "");
		cu->use[j].sku = xstrdup(sku ? sku : "");
		cu->use[j].used = 0;
		cu->nuses++;
	}
	sn->key = xreallocarray(sn->key, sn->n + 1, sizeof *sn->key);
	sn->key[sn->n].col = u->meter_col;
	sn->key[sn->n].meter = u->meter;
	sn->key[sn->n].sku = u->sku;
	sn->key[sn->n++].line = j;
	return j;
}

static void
burn_window(const struct store *s, struct runway_currency *cu, const struct runway_acc *ac, int64_t as_of, int days)
{
	int64_t from = as_of - (int64_t)days * DAY;
	struct seen seen = {NULL, 0, store_find_column(s, "SkuId")};
	if (cu->first > from) {
		/* the window reaches before the data: the days the data covers */
		from = cu->first;
		days = (int)((as_of - from + DAY - 1) / DAY);
	}
	cu->window_days = days > 0 ? days : 0;
	for (size_t k = first_use(ac, from); k < ac->nuse && ac->use[k].t < as_of; k++) {
		const struct use *u = &ac->use[k];
		size_t j = use_index(s, cu, u, &seen);
		cu->window_used = money_add(cu->window_used, u->amount);
		cu->use[j].used = money_add(cu->use[j].used, u->amount);
	}
	free(seen.key);
	/* most used first */
	for (size_t a = 1; a < cu->nuses; a++)
		for (size_t b = a; b > 0 && cu->use[b].used > cu->use[b - 1].used; b--) {
			struct runway_use t = cu->use[b];
			cu->use[b] = cu->use[b - 1];
			cu->use[b - 1] = t;
		}
	cu->burn = cu->window_days > 0 ? money_div(cu->window_used, money_from_int(cu->window_days)) : 0;
}

/* ---- the future at the burn rate ---- */

static int64_t
ceil_days(money_t d)
{
	int64_t whole = (int64_t)(d / MONEY_ONE);
	return d % MONEY_ONE ? whole + 1 : whole;
}

static void
project(struct runway_currency *cu, int64_t as_of)
{
	struct runway_pack **order = xcalloc(cu->npacks ? cu->npacks : 1, sizeof *order);
	size_t n = 0;
	money_t t = 0;	/* days after as_of, exact */
	int64_t end_expiry = DATE_NULL;
	for (size_t k = 0; k < cu->npacks; k++)
		if (cu->pack[k].left > 0)
			order[n++] = &cu->pack[k];
	/* earliest expiry first, packs without one last */
	for (size_t a = 1; a < n; a++)
		for (size_t b = a; b > 0; b--) {
			struct runway_pack *x = order[b - 1], *y = order[b];
			if (!(y->expires != DATE_NULL && (x->expires == DATE_NULL || y->expires < x->expires)))
				break;
			order[b - 1] = y;
			order[b] = x;
		}
	for (size_t k = 0; k < n; k++) {
		struct runway_pack *p = order[k];
		if (p->expires == DATE_NULL) {
			cu->expiry_unknown = 1;
			if (cu->burn > 0)
				t = money_add(t, money_div(p->left, cu->burn));
			end_expiry = DATE_NULL;
			continue;
		}
		{
			money_t at = money_div(money_from_int(p->expires - as_of), money_from_int(DAY));
			money_t avail = at > t ? msub(at, t) : 0;
			money_t cap = cu->burn > 0 ? money_mul(cu->burn, avail) : 0;
			if (cu->burn > 0 && p->left <= cap) {
				t = money_add(t, money_div(p->left, cu->burn));
				end_expiry = DATE_NULL;
			} else {
				p->will_expire = cap == MONEY_NULL ? MONEY_NULL : projected(msub(p->left, cap));
				cu->will_expire = money_add(cu->will_expire, p->will_expire);
				if (at > t)
					t = at;
				end_expiry = p->expires;
			}
		}
	}
	if (n == 0 || (cu->burn <= 0 && cu->expiry_unknown) || t == MONEY_NULL || cu->burn == MONEY_NULL ||
	    t > money_from_int(MAX_DAYS))
		cu->runs_out = DATE_NULL;	/* empty already, or not at this rate within MAX_DAYS */
	else if (end_expiry != DATE_NULL) {
		cu->runs_out = end_expiry;
		cu->out_by_expiry = 1;
	}
	else
		cu->runs_out = as_of + ceil_days(t) * DAY;
	free(order);
}


size_t
runway_build(const struct store *s, int64_t as_of, int window_days, struct runway *rw)
{
	struct rcols c;
	struct runway_acc *ac;
	const char *cur = store_currency(s);
	int64_t last = DATE_NULL;

	memset(rw, 0, sizeof *rw);
	snprintf(rw->billing, sizeof rw->billing, "%s", cur ? cur : "");
	rw->as_of = as_of;
	cols_init(s, &c);
	if (c.pc < 0 || c.cat < 0 || c.amt < 0) {
		cols_free(s, &c);
		return 0;
	}
	find_currencies(s, &c, rw);
	ac = xcalloc(rw->n ? rw->n : 1, sizeof *ac);
	for (size_t i = 0; i < rw->n; i++)
		ac[i].last = DATE_NULL;
	if (rw->n)
		gather(s, &c, rw, ac);
	for (size_t i = 0; i < rw->n; i++)
		if (ac[i].last != DATE_NULL && (last == DATE_NULL || ac[i].last > last))
			last = ac[i].last;
	if (rw->as_of == DATE_NULL)
		rw->as_of = last;
	for (size_t i = 0; i < rw->n; i++) {
		struct runway_currency *cu = &rw->c[i];
		sort_uses(&ac[i]);
		if (cu->npacks > 1)
			qsort(cu->pack, cu->npacks, sizeof *cu->pack, pack_cmp);
		if (rw->as_of != DATE_NULL && cu->first != DATE_NULL)
			simulate(cu, &ac[i], rw->as_of);
		if (cu->cost_mixed)
			cu->cost = MONEY_NULL;
		else if (cu->cost_bc != UINT32_MAX && cu->cost_bc != CODE_NULL)
			cu->cost_in = store_label(s, c.bc, cu->cost_bc);
		if (cu->billed_mixed)
			cu->billed = MONEY_NULL;
		else if (cu->billed_bc != UINT32_MAX && cu->billed_bc != CODE_NULL)
			cu->billed_in = store_label(s, c.bc, cu->billed_bc);
	}
	rw->acc = ac;
	cols_free(s, &c);
	runway_window(s, rw, window_days);
	return rw->n;
}

/* What depends on the window: the burn, what it drew on, the projection. */
static void
window_reset(struct runway_currency *cu)
{
	for (size_t k = 0; k < cu->nuses; k++) {
		free(cu->use[k].meter);
		free(cu->use[k].sku);
	}
	free(cu->use);
	cu->use = NULL;
	cu->nuses = 0;
	cu->window_days = cu->out_by_expiry = cu->expiry_unknown = 0;
	cu->window_used = cu->burn = cu->will_expire = 0;
	cu->runs_out = DATE_NULL;
	for (size_t k = 0; k < cu->npacks; k++)
		cu->pack[k].will_expire = 0;
}

void
runway_window(const struct store *s, struct runway *rw, int window_days)
{
	for (size_t i = 0; i < rw->n; i++) {
		struct runway_currency *cu = &rw->c[i];
		window_reset(cu);
		if (rw->acc && rw->as_of != DATE_NULL && cu->first != DATE_NULL) {
			burn_window(s, cu, &rw->acc[i], rw->as_of, window_days);
			project(cu, rw->as_of);
		}
	}
}

void
runway_cost_text(const struct runway_currency *cu, char *buf, size_t n)
{
	char m[96];
	if (cu->npacks == 0)
		snprintf(buf, n, "%s", "");
	else if (cu->cost_mixed)
		snprintf(buf, n, ", priced in more than one currency (not added)");
	else {
		format_money(cu->cost_in, cu->cost, m, sizeof m);
		snprintf(buf, n, " for %s", m);
	}
}

void
runway_free(struct runway *rw)
{
	for (size_t i = 0; i < rw->n; i++) {
		struct runway_currency *cu = &rw->c[i];
		if (rw->acc)
			free(rw->acc[i].use);
		window_reset(cu);	/* frees what the window drew on */
		free(cu->name);
		free(cu->unit);
		free(cu->pack);
		free(cu->period);
	}
	free(rw->c);
	free(rw->acc);
	memset(rw, 0, sizeof *rw);
}
