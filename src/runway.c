/* runway.c - prepaid runway of virtual currencies (see runway.h): the past,
 * the packs bought and the draws on them up to as_of; runway_burn.c has the
 * burn rate and the future. */
#include "runway.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "calendar.h"
#include "cellnum.h"
#include "format.h"
#include "store.h"
#include "runway_int.h"
#include "xmalloc.h"

#define DAY RUNWAY_DAY

struct rcols {
	int pc, bc, cat, unit, qty, billed, amt, cps, cpe, meter, svc, sku, xexp;
	uint32_t purchase, usage;
	struct store_codes kcat, kpc, kcps, kcpe, kmeter, ksvc, ksku, kbc;
	struct mcol mamt, mbilled;	/* .w and .n NULL: not a metric column */
	struct cellnum num;
	int *cur;		/* per PricingCurrency code: currency index + 1, 0 none */
};

/* The store's instants: ChargePeriodStart's codes in time order, codes of one
 * instant together. */
struct instants {
	uint32_t *of_code;	/* code -> instant, UINT32_MAX: none */
	int64_t *t;
	size_t n;
	int64_t *end_t;		/* ChargePeriodEnd's code -> time, DATE_NULL: none */
	uint32_t nend;
};

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

/* The amount drawn and the BilledCost of a row, read at once when their
 * columns are metrics (as they are once the profile knows them). */
static money_t
amount_of(const struct store *s, struct rcols *c, size_t row)
{
	return c->mamt.w || c->mamt.n ? mcol_get(&c->mamt, row) : num(s, c, c->amt, row);
}

static money_t
billed_of(const struct store *s, struct rcols *c, size_t row)
{
	return c->mbilled.w || c->mbilled.n ? mcol_get(&c->mbilled, row) : num(s, c, c->billed, row);
}

static struct mcol
metric_of(const struct store *s, int col)
{
	return col >= 0 && store_column_kind(s, col) == COL_METRIC ? store_money_col(s, col) : (struct mcol){NULL, NULL, 1};
}

static int64_t
when_code(const struct store *s, int col, uint32_t code)
{
	const char *t;
	int64_t v;
	unsigned dev = 0;
	if (col < 0 || code == CODE_NULL)
		return DATE_NULL;
	if (store_column_kind(s, col) == COL_DATE)
		return store_code_epoch(s, col, code);
	t = store_label(s, col, code);
	return t && date_parse(t, strlen(t), &v, &dev) == 0 ? v : DATE_NULL;
}

static int64_t
when(const struct store *s, int col, size_t row)
{
	return col < 0 ? DATE_NULL : when_code(s, col, store_code(s, col, row));
}

static struct store_codes
codes_of(const struct store *s, int col)
{
	return col >= 0 ? store_codes(s, col) : (struct store_codes){NULL, 4};
}

static uint32_t
code_at(struct store_codes k, size_t r)
{
	return k.p ? store_codes_get(k, r) : CODE_NULL;
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
	c->kcat = codes_of(s, c->cat);
	c->kpc = codes_of(s, c->pc);
	c->kcps = codes_of(s, c->cps);
	c->kcpe = codes_of(s, c->cpe);
	c->kmeter = codes_of(s, c->meter);
	c->ksvc = codes_of(s, c->svc);
	c->ksku = codes_of(s, c->sku);
	c->kbc = codes_of(s, c->bc);
	c->mamt = metric_of(s, c->amt);
	c->mbilled = metric_of(s, c->billed);
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
find_currencies(const struct store *s, struct rcols *c, struct runway *rw, size_t from, size_t to)
{
	for (size_t r = from; r < to; r++) {
		uint32_t pc = code_at(c->kpc, r);
		struct runway_currency *cu;
		if (pc == CODE_NULL || c->cur[pc] || code_at(c->kcat, r) != c->usage)
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
	uint32_t code = code_at(c->kbc, r);
	(void)s;
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

/* A date column's codes as times, each text parsed once. */
static int64_t *
code_times(const struct store *s, int col, uint32_t *n)
{
	int64_t *t;
	*n = col >= 0 ? store_ncodes(s, col) : 0;
	t = xreallocarray(NULL, *n ? *n : 1, sizeof *t);
	t[0] = DATE_NULL;
	for (uint32_t k = 1; k < *n; k++)
		t[k] = when_code(s, col, k);
	return t;
}

static int
pair_cmp(const void *x, const void *y)
{
	const int64_t *a = x, *b = y;
	if (a[0] != b[0])
		return a[0] < b[0] ? -1 : 1;
	return (a[1] > b[1]) - (a[1] < b[1]);
}

static void
instants_init(const struct store *s, const struct rcols *c, struct instants *in)
{
	uint32_t n;
	int64_t *t = code_times(s, c->cps, &n);
	int64_t (*pair)[2] = xreallocarray(NULL, n ? n : 1, sizeof *pair);
	size_t m = 0;
	in->of_code = xreallocarray(NULL, n ? n : 1, sizeof *in->of_code);
	in->of_code[0] = UINT32_MAX;
	for (uint32_t k = 0; k < n; k++) {
		in->of_code[k] = UINT32_MAX;
		if (t[k] != DATE_NULL) {
			pair[m][0] = t[k];
			pair[m++][1] = k;
		}
	}
	qsort(pair, m, sizeof *pair, pair_cmp);
	in->t = t;	/* the distinct times now: n >= m */
	in->n = 0;
	for (size_t k = 0; k < m; k++) {
		if (in->n == 0 || in->t[in->n - 1] != pair[k][0])
			in->t[in->n++] = pair[k][0];
		in->of_code[pair[k][1]] = (uint32_t)(in->n - 1);
	}
	free(pair);
	in->end_t = code_times(s, c->cpe, &in->nend);
}

static void
instants_free(struct instants *in)
{
	free(in->of_code);
	free(in->t);
	free(in->end_t);
}

/* Pass 2: how many draws each currency has at each instant (a draw: a
 * Usage row in the currency with an amount and a start). */
static void
count_draws(const struct store *s, struct rcols *c, struct runway_acc *ac, const struct instants *in, size_t from,
    size_t to)
{
	for (size_t r = from; r < to; r++) {
		uint32_t pc = code_at(c->kpc, r), k;
		if (pc == CODE_NULL || !c->cur[pc] || code_at(c->kcat, r) != c->usage)
			continue;
		k = in->of_code[code_at(c->kcps, r)];
		if (k != UINT32_MAX && amount_of(s, c, r) != MONEY_NULL)
			ac[c->cur[pc] - 1].count[k]++;
	}
}

/* The draws laid out by instant, so that pass 3 puts each in its place: in
 * time order, those of one instant in the order their rows came. The room
 * is for a draw per row; pages never written are never touched. */
static void
lay_out(struct runway_acc *ac, const struct instants *in)
{
	size_t n = 0, pos = 0;
	for (size_t k = 0; k < in->n; k++)
		n += ac->count[k] > 0;
	ac->slot = xcalloc(n + 1, sizeof *ac->slot);
	for (size_t k = 0; k < in->n; k++) {
		size_t m = ac->count[k];
		if (m == 0) {
			ac->count[k] = SIZE_MAX;
			continue;
		}
		ac->slot[ac->nslot].t = in->t[k];
		ac->slot[ac->nslot].first = ac->slot[ac->nslot].end = pos;
		ac->slot[ac->nslot].head = ac->slot[ac->nslot].tail = UINT32_MAX;
		ac->count[k] = ac->nslot++;
		pos += m;
	}
	ac->slot[ac->nslot].first = ac->slot[ac->nslot].end = pos;
	ac->use = xreallocarray(NULL, pos ? pos : 1, sizeof *ac->use);
}

/* A draw in its slot: added to the one before it when they drain packs as
 * one (both positive, one end, one kind of BilledCost). */
static void
put_draw(struct runway_acc *ac, struct slot *sl, money_t v, uint32_t end, int zero)
{
	struct use *prev = sl->end > sl->first ? &ac->use[sl->end - 1] : NULL;
	money_t sum;
	if (prev && prev->end == end && prev->zero == zero && prev->amount > 0 && v > 0 &&
	    !__builtin_add_overflow(prev->amount, v, &sum))
		prev->amount = sum;
	else
		ac->use[sl->end++] = (struct use){v, end, (uint8_t)zero};
}

static void
add_use(const struct store *s, struct rcols *c, struct runway_currency *cu, struct runway_acc *ac,
    const struct instants *in, size_t r)
{
	struct slot *sl;
	uint32_t k = in->of_code[code_at(c->kcps, r)], e, mc;
	money_t v = amount_of(s, c, r), billed;
	int64_t a, b;
	cu->usage_rows++;
	if (v == MONEY_NULL) {
		cu->missing_amount++;
		return;
	}
	if (k == UINT32_MAX)
		return;
	a = in->t[k];
	e = code_at(c->kcpe, r);
	b = in->end_t[e];
	sl = &ac->slot[ac->count[k]];
	billed = billed_of(s, c, r);
	if (billed != MONEY_NULL)
		sl->billed = money_add(sl->billed, billed);
	put_draw(ac, sl, v, b != DATE_NULL ? e : CODE_NULL, billed == 0);
	same_billing(s, c, r, &cu->billed_bc, &cu->billed_mixed);
	mc = code_at(c->kmeter, r);
	runway_entry_add(ac, (uint32_t)ac->count[k], mc != CODE_NULL ? mc : code_at(c->ksvc, r), code_at(c->ksku, r),
	    mc == CODE_NULL, v);
	if (cu->first == DATE_NULL || a < cu->first)
		cu->first = a;
	b = b != DATE_NULL ? b : a + DAY;
	if (ac->last == DATE_NULL || b > ac->last)
		ac->last = b;
}

static int
pack_cmp(const void *x, const void *y)
{
	const struct runway_pack *a = x, *b = y;
	if (a->bought != b->bought)
		return a->bought < b->bought ? -1 : 1;
	return a->row < b->row ? -1 : a->row > b->row;
}

/* Pass 3: packs and draws of each currency. */
static void
gather(const struct store *s, struct rcols *c, struct runway *rw, struct runway_acc *ac, const struct instants *in,
    size_t from, size_t to)
{
	for (size_t r = from; r < to; r++) {
		uint32_t cat = code_at(c->kcat, r), pc = code_at(c->kpc, r);
		int i;
		if (cat == c->purchase && cat != UINT32_MAX) {
			if ((i = purchase_currency(s, c, rw, r)) >= 0)
				add_pack(s, c, &rw->c[i], r);
		} else if (cat == c->usage && pc != CODE_NULL && c->cur[pc])
			add_use(s, c, &rw->c[c->cur[pc] - 1], &ac[c->cur[pc] - 1], in, r);
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
			tl->balance = money_sub(tl->balance, p->left);
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
draw(struct timeline *tl, struct runway_period *pe, const struct use *u, int64_t end)
{
	struct runway_currency *cu = tl->cu;
	money_t need = u->amount, before = tl->balance;
	struct runway_pack *p;
	cu->used = money_add(cu->used, u->amount);
	if (pe)
		pe->used = money_add(pe->used, u->amount);
	if (u->amount < 0) {
		cu->corrected = money_add(cu->corrected, u->amount);
		if (pe)
			pe->corrected = money_add(pe->corrected, u->amount);
	}
	while (need > 0 && !tl->none && (p = tl->best && tl->best->left > 0 ? tl->best : next_pack(cu)) != NULL) {
		money_t take = need < p->left ? need : p->left;
		tl->best = p;
		p->left -= take;
		p->used += take;
		tl->balance = money_sub(tl->balance, take);
		need -= take;
	}
	if (need > 0) {
		tl->none = 1;
		cu->uncovered = money_add(cu->uncovered, need);
		if (pe)
			pe->uncovered = money_add(pe->uncovered, need);
		if (u->zero) {	/* no pack in the data, yet not paid as you go */
			cu->unbilled = money_add(cu->unbilled, need);
			if (pe)
				pe->unbilled = money_add(pe->unbilled, need);
		}
	}
	set_empty(tl, before, end);
}

static void
simulate(struct runway_currency *cu, const struct runway_acc *ac, const struct instants *in, int64_t as_of)
{
	struct timeline tl = {cu, calendar_month_index(cu->first), 0, INT64_MIN, INT64_MIN, NULL, 0};
	int64_t m1 = calendar_month_index(as_of - 1);
	money_t run = 0;
	cu->nperiods = m1 >= tl.m0 ? (size_t)(m1 - tl.m0 + 1) : 0;
	cu->period = xcalloc(cu->nperiods ? cu->nperiods : 1, sizeof *cu->period);
	for (size_t k = 0; k < cu->nperiods; k++)
		cu->period[k].start = calendar_month_time(tl.m0 + (int64_t)k);
	for (size_t k = 0; k < ac->nslot && ac->slot[k].t < as_of; k++) {
		const struct slot *sl = &ac->slot[k];
		struct runway_period *pe = period_at(&tl, sl->t);
		advance(&tl, sl->t, 1);	/* once: again at the same instant does nothing */
		cu->billed = money_add(cu->billed, sl->billed);
		for (size_t j = sl->first; j < sl->end; j++) {
			const struct use *u = &ac->use[j];
			draw(&tl, pe, u, u->end != CODE_NULL ? in->end_t[u->end] : sl->t + DAY);
		}
	}
	advance(&tl, as_of - 1, 1);	/* bought before as_of */
	advance(&tl, as_of, 0);		/* expired by as_of */
	cu->balance = tl.balance;
	for (size_t k = 0; k < cu->nperiods; k++) {
		struct runway_period *pe = &cu->period[k];
		run = money_add(run, pe->bought);
		/* what the packs gave: used, less corrections and beyond */
		run = money_sub(run, money_sub(money_sub(pe->used, pe->corrected), pe->uncovered));
		run = money_sub(run, pe->expired);
		pe->balance = run;
	}
	if (cu->balance > 0)
		cu->empty_since = DATE_NULL;
}


/* ---- the passes, a slice at a time ---- */

enum phase { J_FIND, J_COUNT, J_GATHER, J_DONE };

struct runway_job {
	const struct store *s;
	struct runway *rw;
	struct rcols c;
	struct runway_acc *ac;
	struct instants in;
	int window_days;
	enum phase phase;
	size_t row;		/* the next row of the pass */
};

struct runway_job *
runway_begin(const struct store *s, int64_t as_of, int window_days, struct runway *rw)
{
	struct runway_job *j = xcalloc(1, sizeof *j);
	const char *cur = store_currency(s);
	memset(rw, 0, sizeof *rw);
	snprintf(rw->billing, sizeof rw->billing, "%s", cur ? cur : "");
	rw->as_of = as_of;
	j->s = s;
	j->rw = rw;
	j->window_days = window_days;
	cols_init(s, &j->c);
	if (j->c.pc < 0 || j->c.cat < 0 || j->c.amt < 0) {
		cols_free(s, &j->c);
		j->phase = J_DONE;
	}
	return j;
}

/* Pass 1 done: the currencies known, each one's counts per instant. */
static void
found(struct runway_job *j)
{
	struct runway *rw = j->rw;
	j->ac = rw->acc = xcalloc(rw->n ? rw->n : 1, sizeof *j->ac);
	for (size_t i = 0; i < rw->n; i++) {
		j->ac[i].last = DATE_NULL;
		j->ac[i].meter_col = j->c.meter;
		j->ac[i].svc_col = j->c.svc;
		j->ac[i].sku_col = j->c.sku;
	}
	instants_init(j->s, &j->c, &j->in);
	for (size_t i = 0; i < rw->n; i++)
		j->ac[i].count = xcalloc(j->in.n ? j->in.n : 1, sizeof *j->ac[i].count);
}

/* Pass 3 done: the past simulated up to as_of, the window's burn. */
static void
finish(struct runway_job *j)
{
	struct runway *rw = j->rw;
	struct runway_acc *ac = j->ac;
	int64_t last = DATE_NULL;
	for (size_t i = 0; i < rw->n; i++) {
		free(ac[i].count);
		ac[i].count = NULL;
		runway_entries_done(&ac[i]);
		if (ac[i].last != DATE_NULL && (last == DATE_NULL || ac[i].last > last))
			last = ac[i].last;
	}
	if (rw->as_of == DATE_NULL)
		rw->as_of = last;
	for (size_t i = 0; i < rw->n; i++) {
		struct runway_currency *cu = &rw->c[i];
		if (cu->npacks > 1)
			qsort(cu->pack, cu->npacks, sizeof *cu->pack, pack_cmp);
		if (rw->as_of != DATE_NULL && cu->first != DATE_NULL)
			simulate(cu, &ac[i], &j->in, rw->as_of);
		free(ac[i].use);	/* the slots and entries stay, for the window */
		ac[i].use = NULL;
		if (cu->cost_mixed)
			cu->cost = MONEY_NULL;
		else if (cu->cost_bc != UINT32_MAX && cu->cost_bc != CODE_NULL)
			cu->cost_in = store_label(j->s, j->c.bc, cu->cost_bc);
		if (cu->billed_mixed)
			cu->billed = MONEY_NULL;
		else if (cu->billed_bc != UINT32_MAX && cu->billed_bc != CODE_NULL)
			cu->billed_in = store_label(j->s, j->c.bc, cu->billed_bc);
	}
	instants_free(&j->in);
	cols_free(j->s, &j->c);
	runway_window(j->s, rw, j->window_days);
	j->phase = J_DONE;
}

int
runway_step(struct runway_job *j, size_t rows)
{
	size_t nrows = store_nrows(j->s), to = rows < nrows - j->row ? j->row + rows : nrows;
	switch (j->phase) {
	case J_FIND:
		find_currencies(j->s, &j->c, j->rw, j->row, to);
		break;
	case J_COUNT:
		count_draws(j->s, &j->c, j->ac, &j->in, j->row, to);
		break;
	case J_GATHER:
		gather(j->s, &j->c, j->rw, j->ac, &j->in, j->row, to);
		break;
	case J_DONE:
		return 1;
	}
	if ((j->row = to) < nrows)
		return 0;
	j->row = 0;
	if (j->phase == J_FIND) {
		found(j);
		if (j->rw->n)
			j->phase = J_COUNT;
		else
			finish(j);	/* no currency: nothing to gather */
	} else if (j->phase == J_COUNT) {
		for (size_t i = 0; i < j->rw->n; i++)
			lay_out(&j->ac[i], &j->in);
		j->phase = J_GATHER;
	} else
		finish(j);
	return j->phase == J_DONE;
}

void
runway_job_free(struct runway_job *j)
{
	if (j == NULL)
		return;
	if (j->phase != J_DONE) {	/* abandoned: what the passes held, then the runway */
		for (size_t i = 0; j->ac && i < j->rw->n; i++) {
			free(j->ac[i].count);
			free(j->ac[i].keys.id);
			free(j->ac[i].pairs.id);
			free(j->ac[i].klast);
		}
		if (j->ac)
			instants_free(&j->in);
		cols_free(j->s, &j->c);
		runway_free(j->rw);
	}
	free(j);
}

size_t
runway_build(const struct store *s, int64_t as_of, int window_days, struct runway *rw)
{
	struct runway_job *j = runway_begin(s, as_of, window_days, rw);
	while (!runway_step(j, SIZE_MAX))
		;
	runway_job_free(j);
	return rw->n;
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

static int
same_pack(const struct runway_pack *a, const struct runway_pack *b)
{
	return a->bought == b->bought && a->expires == b->expires && a->amount == b->amount && a->cost == b->cost &&
	    (a->billing == b->billing || (a->billing && b->billing && strcmp(a->billing, b->billing) == 0)) &&
	    a->used == b->used && a->expired == b->expired && a->left == b->left && a->will_expire == b->will_expire;
}

size_t
runway_pack_run(const struct runway_currency *cu, size_t k)
{
	size_t n = 1;
	while (k + n < cu->npacks && same_pack(&cu->pack[k], &cu->pack[k + n]))
		n++;
	return n;
}

void
runway_pack_sum(const struct runway_currency *cu, size_t k, size_t n, struct runway_pack *out)
{
	*out = cu->pack[k];
	for (size_t i = k + 1; i < k + n; i++) {
		const struct runway_pack *p = &cu->pack[i];
		out->amount += p->amount;
		if (out->cost != MONEY_NULL)
			out->cost += p->cost;
		out->used += p->used;
		out->expired += p->expired;
		out->left += p->left;
		out->will_expire += p->will_expire;
	}
}

void
runway_free(struct runway *rw)
{
	for (size_t i = 0; i < rw->n; i++) {
		struct runway_currency *cu = &rw->c[i];
		if (rw->acc) {
			free(rw->acc[i].use);
			free(rw->acc[i].slot);
			free(rw->acc[i].e);
			free(rw->acc[i].key);
		}
		runway_window_reset(cu);	/* frees what the window drew on */
		free(cu->name);
		free(cu->unit);
		free(cu->pack);
		free(cu->period);
	}
	free(rw->c);
	free(rw->acc);
	memset(rw, 0, sizeof *rw);
}
