/* runway_burn.c - the burn rate over a window, what it drew on, and the
 * future at that rate (see runway.h); runway.c reads the past. */
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "runway_int.h"
#include "store.h"
#include "xmalloc.h"

#define DAY RUNWAY_DAY
#define MAX_DAYS 3652500LL	/* ten thousand years: beyond, "not at this rate" */

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

/* ---- the burn rate and what it drew on ---- */

static size_t
mix(uint64_t a, uint64_t b)
{
	uint64_t h = (a * 0x9e3779b97f4a7c15ULL) ^ (b + 0x632be59bd9b4e019ULL + (a << 6) + (a >> 2));
	h ^= h >> 29;
	h *= 0xbf58476d1ce4e5b9ULL;
	return (size_t)(h ^ (h >> 32));
}

static size_t
key_hash(const struct rkey *y)
{
	return mix((uint64_t)y->meter << 1 | (uint64_t)(y->svc != 0), y->sku);
}

static size_t
pair_hash(const struct entry *e)
{
	return mix(e->slot, e->key);
}

/* Makes room for one more id (at most half full), rehashing the n held. */
static void
idmap_grow(struct idmap *m, size_t n, size_t (*hash)(const void *, uint32_t), const void *arr)
{
	size_t cap = m->cap ? 2 * m->cap : 64;
	if (2 * (n + 1) <= m->cap)
		return;
	free(m->id);
	m->id = xreallocarray(NULL, cap, sizeof *m->id);
	m->cap = cap;
	memset(m->id, 0xff, cap * sizeof *m->id);
	for (uint32_t k = 0; k < n; k++) {
		size_t i = hash(arr, k) & (cap - 1);
		while (m->id[i] != UINT32_MAX)
			i = (i + 1) & (cap - 1);
		m->id[i] = k;
	}
}

static size_t
key_at(const void *arr, uint32_t k)
{
	return key_hash(&((const struct rkey *)arr)[k]);
}

static size_t
pair_at(const void *arr, uint32_t k)
{
	return pair_hash(&((const struct entry *)arr)[k]);
}

static uint32_t
key_find(struct runway_acc *ac, const struct rkey *y)
{
	size_t i;
	if (ac->nkeys && ac->key[ac->klatest].meter == y->meter && ac->key[ac->klatest].sku == y->sku &&
	    ac->key[ac->klatest].svc == y->svc)
		return ac->klatest;	/* rows often repeat the row before */
	idmap_grow(&ac->keys, ac->nkeys, key_at, ac->key);
	for (i = key_hash(y) & (ac->keys.cap - 1); ac->keys.id[i] != UINT32_MAX; i = (i + 1) & (ac->keys.cap - 1)) {
		const struct rkey *x = &ac->key[ac->keys.id[i]];
		if (x->meter == y->meter && x->sku == y->sku && x->svc == y->svc)
			return ac->klatest = ac->keys.id[i];
	}
	ac->key = xreallocarray(ac->key, ac->nkeys + 1, sizeof *ac->key);
	ac->klast = xreallocarray(ac->klast, ac->nkeys + 1, sizeof *ac->klast);
	ac->key[ac->nkeys] = *y;
	ac->klast[ac->nkeys] = UINT32_MAX;
	ac->keys.id[i] = ac->klatest = (uint32_t)ac->nkeys;
	return (uint32_t)ac->nkeys++;
}

/* The entry of (slot, key): the key's latest one (rows of one instant often
 * come together), else looked up, else new at the end of the slot's list. */
static struct entry *
entry_of(struct runway_acc *ac, uint32_t slot, uint32_t key)
{
	struct entry want = {0, key, slot, UINT32_MAX};
	uint32_t x = ac->klast[key];
	size_t i;
	if (x != UINT32_MAX && ac->e[x].slot == slot)
		return &ac->e[x];
	idmap_grow(&ac->pairs, ac->ne, pair_at, ac->e);
	for (i = pair_hash(&want) & (ac->pairs.cap - 1); ac->pairs.id[i] != UINT32_MAX; i = (i + 1) & (ac->pairs.cap - 1)) {
		x = ac->pairs.id[i];
		if (ac->e[x].slot == slot && ac->e[x].key == key)
			return &ac->e[ac->klast[key] = x];
	}
	if (ac->ne == ac->ecap) {
		ac->ecap = ac->ecap ? 2 * ac->ecap : 256;
		ac->e = xreallocarray(ac->e, ac->ecap, sizeof *ac->e);
	}
	x = (uint32_t)ac->ne++;
	ac->e[x] = want;
	ac->pairs.id[i] = x;
	if (ac->slot[slot].head == UINT32_MAX)
		ac->slot[slot].head = x;
	else
		ac->e[ac->slot[slot].tail].next = x;
	ac->slot[slot].tail = x;
	return &ac->e[ac->klast[key] = x];
}

void
runway_entry_add(struct runway_acc *ac, uint32_t slot, uint32_t meter, uint32_t sku, int svc, money_t v)
{
	struct rkey y = {meter, sku, svc};
	struct entry *e = entry_of(ac, slot, key_find(ac, &y));
	e->amount = money_add(e->amount, v);
}

void
runway_entries_done(struct runway_acc *ac)
{
	struct entry *e = xreallocarray(NULL, ac->ne ? ac->ne : 1, sizeof *e);
	size_t n = 0;
	for (size_t k = 0; k < ac->nslot; k++) {
		ac->slot[k].efirst = n;
		for (uint32_t x = ac->slot[k].head; x != UINT32_MAX; x = ac->e[x].next)
			e[n++] = ac->e[x];
	}
	ac->slot[ac->nslot].efirst = n;
	free(ac->e);
	ac->e = e;
	ac->ecap = ac->ne;
	free(ac->keys.id);
	free(ac->pairs.id);
	free(ac->klast);
	ac->keys.id = ac->pairs.id = ac->klast = NULL;
	ac->keys.cap = ac->pairs.cap = 0;
}

/* The first instant at or after t. */
static size_t
first_slot(const struct runway_acc *ac, int64_t t)
{
	size_t lo = 0, hi = ac->nslot;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ac->slot[mid].t < t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The line of cu->use a key adds to: a line is a meter's and a SKU's name
 * (two codes of one name, as SkuMeter and ServiceName may be, share it). */
static size_t
line_of(const struct store *s, struct runway_currency *cu, const struct runway_acc *ac, uint32_t key)
{
	const struct rkey *y = &ac->key[key];
	const char *meter = y->meter != CODE_NULL ? store_label(s, y->svc ? ac->svc_col : ac->meter_col, y->meter) : NULL;
	const char *sku = y->sku != CODE_NULL ? store_label(s, ac->sku_col, y->sku) : NULL;
	size_t j;
	for (j = 0; j < cu->nuses; j++)
		if (!strcmp(cu->use[j].meter, meter ? meter : "") && !strcmp(cu->use[j].sku, sku ? sku : ""))
			return j;
	cu->use = xreallocarray(cu->use, cu->nuses + 1, sizeof *cu->use);
	cu->use[j].meter = xstrdup(meter ? meter : "");
	cu->use[j].sku = xstrdup(sku ? sku : "");
	cu->use[j].used = 0;
	cu->nuses++;
	return j;
}

static void
burn_window(const struct store *s, struct runway_currency *cu, const struct runway_acc *ac, int64_t as_of, int days)
{
	int64_t from = as_of - (int64_t)days * DAY;
	size_t *line = xreallocarray(NULL, ac->nkeys ? ac->nkeys : 1, sizeof *line);
	for (size_t k = 0; k < ac->nkeys; k++)
		line[k] = SIZE_MAX;
	if (cu->first > from) {
		/* the window reaches before the data: the days the data covers */
		from = cu->first;
		days = (int)((as_of - from + DAY - 1) / DAY);
	}
	cu->window_days = days > 0 ? days : 0;
	for (size_t k = first_slot(ac, from); k < ac->nslot && ac->slot[k].t < as_of; k++)
		for (size_t j = ac->slot[k].efirst; j < ac->slot[k + 1].efirst; j++) {
			const struct entry *e = &ac->e[j];
			if (line[e->key] == SIZE_MAX)
				line[e->key] = line_of(s, cu, ac, e->key);
			cu->window_used = money_add(cu->window_used, e->amount);
			cu->use[line[e->key]].used = money_add(cu->use[line[e->key]].used, e->amount);
		}
	free(line);
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
			money_t avail = at > t ? money_sub(at, t) : 0;
			money_t cap = cu->burn > 0 ? money_mul(cu->burn, avail) : 0;
			if (cu->burn > 0 && p->left <= cap) {
				t = money_add(t, money_div(p->left, cu->burn));
				end_expiry = DATE_NULL;
			} else {
				p->will_expire = cap == MONEY_NULL ? MONEY_NULL : projected(money_sub(p->left, cap));
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

/* What depends on the window: the burn, what it drew on, the projection. */
void
runway_window_reset(struct runway_currency *cu)
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
		runway_window_reset(cu);
		if (rw->acc && rw->as_of != DATE_NULL && cu->first != DATE_NULL) {
			burn_window(s, cu, &rw->acc[i], rw->as_of, window_days);
			project(cu, rw->as_of);
		}
	}
}

