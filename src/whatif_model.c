/* whatif_model.c - reading the seat products of the store into a what-if
 * model: lots, terms, prices, renewals and activity. No curses here. */
#include "whatif_int.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "bytes.h"
#include "cellnum.h"
#include "profile.h"
#include "query.h"
#include "store.h"
#include "xmalloc.h"

static long long
money_whole(money_t v, int *fraction)
{
	money_t q = v / MONEY_ONE, r = v % MONEY_ONE;
	if (fraction)
		*fraction = r != 0;
	if (r * 2 >= MONEY_ONE)
		q++;
	else if (r * 2 <= -MONEY_ONE)
		q--;
	return (long long)q;
}

static void
model_note(struct whatif_model *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
model_note(struct whatif_model *m, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	for (int i = 0; i < m->nnotes; i++)
		if (!strcmp(m->note[i], buf))
			return;
	m->note = xreallocarray(m->note, (size_t)m->nnotes + 1, sizeof *m->note);
	m->note[m->nnotes++] = xstrdup(buf);
}

/* ---- reading the store ---- */

struct cols {
	int name, cat, freq, sub, res, sku, term, cps, cpe;
	int qty, eff, billed, cup, lup;
	int act, asg, idle, idlethr, occ, occdays;
	struct cellnum *num;	/* numbers of text columns, parsed once per value */
	/* codes of the values rows are told apart by (UINT32_MAX: absent) */
	uint32_t purchase, recurring, usage;
	int64_t asof_month;
	int64_t *cps_month;	/* calendar_month_index() per ChargePeriodStart code */
};

static int
col(const struct store *s, const char *name)
{
	return store_find_column(s, name);
}

static const char *
cell(const struct store *s, int c, size_t row)
{
	if (c < 0)
		return NULL;
	return store_label(s, c, store_code(s, c, row));
}

/* A number from a column: exact decimals are stored per row; any other
 * column (unit prices, x_ActiveSeats...) holds text, parsed once per
 * distinct value (cellnum.h). */
static money_t
cell_money(const struct store *s, const struct cols *c, int col, size_t row)
{
	return cellnum_money(c->num, s, col, row);
}

/* calendar_month_index() of a row's ChargePeriodStart, worked out once per value */
static int64_t
cps_month(const struct store *s, const struct cols *c, size_t r)
{
	uint32_t code = store_code(s, c->cps, r);
	if (c->cps_month[code] == INT64_MIN)
		c->cps_month[code] = calendar_month_index(store_code_epoch(s, c->cps, code));
	return c->cps_month[code];
}

static void
cols_free(struct cols *c)
{
	cellnum_free(c->num);
	free(c->num);
	free(c->cps_month);
}

static int64_t
cell_date(const struct store *s, int c, size_t row)
{
	if (c < 0 || store_column_kind(s, c) != COL_DATE)
		return DATE_NULL;
	return store_code_epoch(s, c, store_code(s, c, row));
}

/* What one subscription's rows say. */
struct lotacc {
	uint32_t name;
	int which;		/* 0 x_SubscriptionId, 1 ResourceId, 2 SkuId, 3 none */
	uint32_t code;
	/* Recurring rows whose ChargePeriod holds as_of */
	money_t rec_qty;
	int nrec, rec_billed, rec_term, rec_mixed, rec_months;
	int64_t rec_end;
	money_t rec_price;
	enum whatif_price_source rec_src;
	uint32_t rec_sku;
	/* One-Time rows whose ChargePeriod holds as_of (a term and its add-ons) */
	money_t ot_qty;
	int not, ot_term, ot_months, ot_mixed;
	int64_t ot_start, ot_end;
	money_t ot_price;
	enum whatif_price_source ot_src;
	/* activity on the current Recurring rows */
	long long act, asg, idle, occ;
	int has_act, has_asg, has_idle, has_occ, idle_thr;
	money_t occ_days;
	/* x_ActiveSeats per month back from as_of */
	long long hist[HISTORY];
	unsigned char has_hist[HISTORY];
	/* resolved */
	int current;
	enum whatif_term term;
	const char *term_from;
	long long seats;
	money_t price;
	int price_months;
	enum whatif_price_source src;
	int64_t renewal;
	int product;
};

struct lotmap {
	struct lotacc *a;
	size_t n, cap;
	size_t *slot;	/* open addressing: index + 1, 0 empty */
	size_t nslot;
};

static uint64_t
lot_key(uint32_t name, int which, uint32_t code)
{
	return ((uint64_t)name << 34) ^ ((uint64_t)which << 32) ^ code;
}

static struct lotacc *
lot_get(struct lotmap *m, uint32_t name, int which, uint32_t code)
{
	uint64_t k = lot_key(name, which, code);
	size_t i;
	if (m->n * 2 >= m->nslot) {
		size_t ns = m->nslot ? m->nslot * 2 : 64;
		size_t *slot = xcalloc(ns, sizeof *slot);
		for (size_t j = 0; j < m->n; j++) {
			struct lotacc *a = &m->a[j];
			i = key_mix(lot_key(a->name, a->which, a->code)) & (ns - 1);
			while (slot[i])
				i = (i + 1) & (ns - 1);
			slot[i] = j + 1;
		}
		free(m->slot);
		m->slot = slot;
		m->nslot = ns;
	}
	i = key_mix(k) & (m->nslot - 1);
	while (m->slot[i]) {
		struct lotacc *a = &m->a[m->slot[i] - 1];
		if (a->name == name && a->which == which && a->code == code)
			return a;
		i = (i + 1) & (m->nslot - 1);
	}
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 32;
		m->a = xreallocarray(m->a, m->cap, sizeof *m->a);
	}
	memset(&m->a[m->n], 0, sizeof m->a[m->n]);
	m->a[m->n].name = name;
	m->a[m->n].which = which;
	m->a[m->n].code = code;
	m->a[m->n].rec_term = m->a[m->n].ot_term = -1;
	m->a[m->n].ot_start = m->a[m->n].ot_end = m->a[m->n].rec_end = DATE_NULL;
	m->slot[i] = ++m->n;
	return &m->a[m->n - 1];
}

/* Unit price of a row: ContractedUnitPrice, else ListUnitPrice, else cost / quantity. */
static money_t
row_price(const struct store *s, const struct cols *c, size_t r, int upfront, enum whatif_price_source *src)
{
	money_t v = cell_money(s, c, c->cup, r), q, cost;
	if (v != MONEY_NULL && v >= 0) {
		*src = PRICE_CONTRACTED;
		return v;
	}
	v = cell_money(s, c, c->lup, r);
	if (v != MONEY_NULL && v >= 0) {
		*src = PRICE_LIST;
		return v;
	}
	q = cell_money(s, c, c->qty, r);
	if (q == MONEY_NULL || q == 0)
		return MONEY_NULL;
	cost = cell_money(s, c, c->eff, r);
	if (cost != MONEY_NULL && (cost != 0 || !upfront)) {
		*src = PRICE_COST;
		return money_div(cost, q);
	}
	cost = cell_money(s, c, c->billed, r);
	if (cost == MONEY_NULL)
		return MONEY_NULL;
	*src = PRICE_BILLED;
	return money_div(cost, q);
}

static int
row_term(const struct store *s, const struct cols *c, size_t r)
{
	const char *t = cell(s, c->term, r);
	return t ? whatif_term_parse(t) : -1;
}

/* A term from a ChargePeriod's length: about 1, 12 or 36 months. */
static int
span_term(int64_t a, int64_t b)
{
	int m = calendar_months_between(a, b);
	if (m >= 1 && m <= 2)
		return TERM_MONTHLY;
	if (m >= 11 && m <= 13)
		return TERM_ANNUAL;
	if (m >= 35 && m <= 37)
		return TERM_3YEAR;
	return -1;
}

/* A count from the data: whole, from 0 to MAX_COUNT, else unknown (so
 * sums over every row of a file stay within a long long). */
static long long
cell_count(const struct store *s, const struct cols *c, int col, size_t r, int *has)
{
	money_t v = cell_money(s, c, col, r);
	if (v == MONEY_NULL || v < 0 || v > money_from_int(MAX_COUNT))
		return 0;
	*has = 1;
	return money_whole(v, NULL);
}

static void
scan_row(const struct store *s, const struct cols *c, size_t r, int64_t as_of, struct lotacc *a)
{
	uint32_t freq = c->freq >= 0 ? store_code(s, c->freq, r) : CODE_NULL;
	int64_t cps = cell_date(s, c->cps, r), cpe = cell_date(s, c->cpe, r);
	int upfront = freq != c->recurring && freq != c->usage;
	money_t qty = cell_money(s, c, c->qty, r);
	enum whatif_price_source src = PRICE_LIST;
	money_t price;

	if (cps == DATE_NULL || cpe == DATE_NULL || qty == MONEY_NULL)
		return;
	if (!upfront) {
		/* x_ActiveSeats history, by calendar month */
		int64_t k = c->asof_month - cps_month(s, c, r);
		if (cps <= as_of && k >= 0 && k < HISTORY && c->act >= 0) {
			int h = 0;
			long long v = cell_count(s, c, c->act, r, &h);
			if (h) {
				a->hist[k] += v;
				a->has_hist[k] = 1;
			}
		}
		if (!(cps <= as_of && as_of < cpe))
			return;
		price = row_price(s, c, r, 0, &src);
		if (a->nrec == 0) {
			a->rec_price = price;
			a->rec_src = src;
			/* a charge per month, or per its own period (billed yearly...) */
			a->rec_months = calendar_months_between(cps, cpe);
			a->rec_sku = c->sku >= 0 ? store_code(s, c->sku, r) : CODE_NULL;
		} else if (price != a->rec_price)
			a->rec_mixed = 1;
		a->nrec++;
		a->rec_qty = money_add(a->rec_qty, qty);
		if (a->rec_end == DATE_NULL || cpe < a->rec_end)
			a->rec_end = cpe;
		if (a->rec_term < 0)
			a->rec_term = row_term(s, c, r);
		{
			money_t v = cell_money(s, c, c->billed, r);
			if (v != MONEY_NULL && v != 0)
				a->rec_billed = 1;
		}
		a->act += cell_count(s, c, c->act, r, &a->has_act);
		a->asg += cell_count(s, c, c->asg, r, &a->has_asg);
		a->idle += cell_count(s, c, c->idle, r, &a->has_idle);
		a->occ += cell_count(s, c, c->occ, r, &a->has_occ);
		{
			money_t v = cell_money(s, c, c->occdays, r);
			int h = 0;
			if (v != MONEY_NULL)
				a->occ_days = money_add(a->occ_days, v);
			if (c->idlethr >= 0) {
				long long t = cell_count(s, c, c->idlethr, r, &h);
				if (h)
					a->idle_thr = (int)t;
			}
		}
		return;
	}
	if (!(cps <= as_of && as_of < cpe))
		return;
	price = row_price(s, c, r, 1, &src);
	/* the term bought last counts; add-ons to it share its end */
	if (a->not && cpe != a->ot_end && cps <= a->ot_start)
		return;	/* an older term, superseded */
	if (a->not == 0 || cps > a->ot_start) {
		if (a->not && a->ot_end != cpe) {
			a->ot_qty = 0;
			a->not = 0;
			a->ot_mixed = 0;
		}
		a->ot_start = cps;
		a->ot_end = cpe;
		a->ot_price = price;
		a->ot_src = src;
		a->ot_months = calendar_months_between(cps, cpe);
		a->ot_term = row_term(s, c, r);
		if (a->ot_term < 0)
			a->ot_term = span_term(cps, cpe);
	} else if (price != a->ot_price)
		a->ot_mixed = 1;
	a->ot_qty = money_add(a->ot_qty, qty);
	a->not++;
}

/* Decides a subscription's seats, term, price and renewal. */
static void
resolve_lot(struct whatif_model *m, const struct store *s, const struct cols *c, struct lotacc *a)
{
	const char *name = store_label(s, c->name, a->name);
	int frac = 0;
	a->current = 0;
	if (a->nrec > 0 || a->not) {
		money_t q = a->nrec > 0 ? a->rec_qty : a->ot_qty;
		/* (negative counts are skipped below, as before; huge ones wrapped) */
		if (q == MONEY_NULL || q < money_from_int(-MAX_SEATS) || q > money_from_int(MAX_SEATS)) {
			model_note(m, "%s: a subscription's PricingQuantity adds up to more than %lld seats; "
			    "not modelled", name ? name : "?", MAX_SEATS);
			return;
		}
	}
	if (a->nrec > 0) {
		a->seats = money_whole(a->rec_qty, &frac);
		if (a->rec_term >= 0) {
			a->term = (enum whatif_term)a->rec_term;
			a->term_from = "x_Term";
		} else if (a->not && a->ot_term >= 0) {
			a->term = (enum whatif_term)a->ot_term;
			a->term_from = "ChargePeriod";
		} else if (a->rec_months > 1 && span_term(0, calendar_add_months(0, a->rec_months)) >= 0) {
			a->term = (enum whatif_term)span_term(0, calendar_add_months(0, a->rec_months));
			a->term_from = "ChargePeriod";
		} else if (a->rec_billed) {
			a->term = TERM_MONTHLY;
			a->term_from = "ChargeFrequency";
		} else {
			a->term = TERM_ANNUAL;
			a->term_from = "assumed";
			model_note(m, "%s: term assumed annual (no x_Term and no purchase row of the current term)",
			    name ? name : "?");
		}
		if (a->term != TERM_MONTHLY && a->not && a->ot_price != MONEY_NULL && a->ot_months > 0) {
			a->price = a->ot_price;
			a->price_months = a->ot_months;
			a->src = a->ot_src;
		} else {
			a->price = a->rec_price;
			a->price_months = a->rec_months > 0 ? a->rec_months : 1;
			a->src = a->rec_src;
		}
		if (a->term == TERM_MONTHLY)
			a->renewal = a->rec_end;
		else if (a->not)
			a->renewal = a->ot_end;
		else	/* a term charged per period (yearly...) renews when its period ends */
			a->renewal = a->rec_months > 1 ? a->rec_end : DATE_NULL;
		a->current = 1;
	} else if (a->not) {
		a->seats = money_whole(a->ot_qty, &frac);
		if (a->ot_term >= 0) {
			a->term = (enum whatif_term)a->ot_term;
			a->term_from = "ChargePeriod";
		} else {
			a->term = TERM_ANNUAL;
			a->term_from = "assumed";
			model_note(m, "%s: term assumed annual (no x_Term; the purchase covers %d months)",
			    name ? name : "?", a->ot_months);
		}
		a->price = a->ot_price;
		a->price_months = a->ot_months > 0 ? a->ot_months : 1;
		a->src = a->ot_src;
		a->renewal = a->ot_end;
		a->current = 1;
	}
	if (!a->current)
		return;
	if (frac)
		model_note(m, "%s: PricingQuantity is not a whole number of seats (rounded to %lld)",
		    name ? name : "?", a->seats);
	if (a->term != TERM_MONTHLY && a->renewal == DATE_NULL)
		model_note(m, "%s: renewal date unknown (no purchase row of the current term in the data); "
		    "cuts show no start date", name ? name : "?");
}

static int
lot_cmp(const void *x, const void *y)
{
	const struct whatif_lot *a = x, *b = y;
	if (a->renewal != b->renewal) {
		if (a->renewal == DATE_NULL)
			return 1;
		if (b->renewal == DATE_NULL)
			return -1;
		return a->renewal < b->renewal ? -1 : 1;
	}
	return strcmp(a->id, b->id);
}

static int
product_cmp(const void *x, const void *y)
{
	const struct whatif_product *a = x, *b = y;
	int c = strcasecmp(a->name, b->name);
	if (c == 0)
		c = strcmp(a->name, b->name);
	return c ? c : (int)a->term - (int)b->term;
}

static const char *
lot_id(const struct store *s, const struct cols *c, const struct lotacc *a, char *buf, size_t n)
{
	int cc = a->which == 0 ? c->sub : a->which == 1 ? c->res : a->which == 2 ? c->sku : -1;
	const char *l = cc >= 0 ? store_label(s, cc, a->code) : NULL;
	snprintf(buf, n, "%s", l ? l : "");
	return buf;
}

/* The columns the model reads, and the codes rows are told apart by. */
static void
cols_open(const struct store *s, struct cols *c)
{
	c->name = col(s, "ServiceName");
	c->cat = col(s, "ChargeCategory");
	c->freq = col(s, "ChargeFrequency");
	c->sub = col(s, "x_SubscriptionId");
	c->res = col(s, "ResourceId");
	c->sku = col(s, "SkuId");
	c->term = col(s, "x_Term");
	c->cps = col(s, "ChargePeriodStart");
	c->cpe = col(s, "ChargePeriodEnd");
	c->qty = store_metric_column(s, M_PRICING);
	c->eff = store_metric_column(s, M_EFFECTIVE);
	c->billed = store_metric_column(s, M_BILLED);
	c->cup = col(s, "ContractedUnitPrice");
	c->lup = col(s, "ListUnitPrice");
	c->act = col(s, "x_ActiveSeats");
	c->asg = col(s, "x_AssignedSeats");
	c->idle = col(s, "x_IdleSeats");
	c->idlethr = col(s, "x_IdleThresholdDays");
	c->occ = col(s, "x_OccasionalSeats");
	c->occdays = col(s, "x_OccasionalDays");
	c->num = xcalloc(1, sizeof *c->num);
	cellnum_init(c->num, s);
	c->purchase = c->cat >= 0 ? store_lookup(s, c->cat, "Purchase") : UINT32_MAX;
	c->recurring = c->freq >= 0 ? store_lookup(s, c->freq, "Recurring") : UINT32_MAX;
	c->usage = c->freq >= 0 ? store_lookup(s, c->freq, "Usage-Based") : UINT32_MAX;
	c->cps_month = NULL;
	if (c->cps >= 0 && store_column_kind(s, c->cps) == COL_DATE) {
		uint32_t n = store_ncodes(s, c->cps);
		c->cps_month = xreallocarray(NULL, n, sizeof *c->cps_month);
		for (uint32_t k = 0; k < n; k++)
			c->cps_month[k] = INT64_MIN;
	}
}

/* The date of the latest seat charge: a recurring one if any, else an upfront one. */
static int64_t
latest_charge(const struct store *s, const struct cols *c, const size_t *rows, size_t nrows)
{
	int64_t rec = DATE_NULL, ot = DATE_NULL;
	for (size_t i = 0; i < nrows; i++) {
		int64_t t = cell_date(s, c->cps, rows[i]);
		if (c->cat < 0 || store_code(s, c->cat, rows[i]) != c->purchase || t == DATE_NULL)
			continue;
		if (c->freq >= 0 && store_code(s, c->freq, rows[i]) == c->recurring) {
			if (rec == DATE_NULL || t > rec)
				rec = t;
		} else if (ot == DATE_NULL || t > ot)
			ot = t;
	}
	return rec != DATE_NULL ? rec : ot;
}

/* Every seat purchase row into its lot (subscription, else resource, else SKU). */
static void
scan_lots(const struct store *s, struct cols *c, const size_t *rows, size_t nrows, int64_t as_of,
    struct lotmap *lm)
{
	for (size_t i = 0; i < nrows; i++) {
		size_t r = rows[i];
		uint32_t nm = store_code(s, c->name, r), lc = CODE_NULL;
		int which = 3;
		if (c->cat < 0 || store_code(s, c->cat, r) != c->purchase || nm == CODE_NULL)
			continue;
		if (c->sub >= 0 && (lc = store_code(s, c->sub, r)) != CODE_NULL)
			which = 0;
		else if (c->res >= 0 && (lc = store_code(s, c->res, r)) != CODE_NULL)
			which = 1;
		else if (c->sku >= 0 && (lc = store_code(s, c->sku, r)) != CODE_NULL)
			which = 2;
		else
			lc = CODE_NULL;
		scan_row(s, c, r, as_of, lot_get(lm, nm, which, lc));
	}
}

/* A lot without a unit price or cost in the data: the profile's list price. */
static void
profile_priced(struct whatif_model *m, const struct store *s, const struct cols *c, const struct profile *prof,
    struct lotacc *a)
{
	const char *nm = store_label(s, c->name, a->name);
	const struct profile_price *pp = profile_price(prof, nm, whatif_term_name(a->term), m->as_of);
	if (pp == NULL)
		pp = profile_price(prof, nm, whatif_term_name(a->term), DATE_NULL);
	a->src = PRICE_PROFILE;
	a->price = pp ? pp->list : 0;
	a->price_months = whatif_term_months(a->term);
	if (pp == NULL)
		model_note(m, "%s: no unit price in the data or the profile (counted at 0)", nm);
}

/* The product of a lot's name and term, made when new. */
static struct whatif_product *
product_of(struct whatif_model *m, const char *name, const struct lotacc *a)
{
	struct whatif_product *p;
	for (size_t j = 0; j < m->n; j++)
		if (!strcmp(m->p[j].name, name) && m->p[j].term == a->term)
			return &m->p[j];
	m->p = xreallocarray(m->p, m->n + 1, sizeof *m->p);
	p = &m->p[m->n++];
	memset(p, 0, sizeof *p);
	p->name = xstrdup(name);
	p->term = a->term;
	p->term_from = a->term_from;
	p->act.active = p->act.assigned = p->act.idle = p->act.occasional = -1;
	p->flex_tokens_per_day = MONEY_NULL;
	return p;
}

/* A lot's seat activity added to its product's. */
static void
add_activity(const struct whatif_model *m, struct whatif_product *p, const struct lotacc *a)
{
	if (a->has_act)
		p->act.active = (p->act.active < 0 ? 0 : p->act.active) + a->act;
	if (a->has_asg)
		p->act.assigned = (p->act.assigned < 0 ? 0 : p->act.assigned) + a->asg;
	if (a->has_idle)
		p->act.idle = (p->act.idle < 0 ? 0 : p->act.idle) + a->idle;
	if (a->has_occ) {
		p->act.occasional = (p->act.occasional < 0 ? 0 : p->act.occasional) + a->occ;
		p->act.occasional_days = money_add(p->act.occasional_days, a->occ_days);
	}
	if (a->idle_thr)
		p->act.idle_threshold = a->idle_thr;
	for (int k = 0; k < HISTORY; k++)
		if (a->has_hist[k]) {
			int j;
			int64_t t = calendar_month_time(calendar_month_index(m->as_of) - k);
			for (j = 0; j < p->act.nmonths && p->act.month[j] != t; j++)
				;
			if (j == p->act.nmonths) {
				p->act.month[j] = t;
				p->act.month_active[j] = 0;
				p->act.nmonths++;
			}
			p->act.month_active[j] += a->hist[k];
		}
}

/* A lot running at as_of into its product. */
static void
add_lot(struct whatif_model *m, const struct store *s, struct cols *c, const struct profile *prof,
    struct lotacc *a)
{
	struct whatif_product *p;
	struct whatif_lot *l;
	char idbuf[256];
	resolve_lot(m, s, c, a);
	if (!a->current || a->seats <= 0)
		return;
	if (a->price == MONEY_NULL)
		profile_priced(m, s, c, prof, a);
	p = product_of(m, store_label(s, c->name, a->name), a);
	if (p->seats + a->seats > MAX_SEATS) {
		/* a scenario counts at most MAX_SEATS seats of a product
		 * (--seats reads no more back); a lot beyond is left out */
		model_note(m, "%s: its subscriptions add up to more than %lld seats; one of %lld seats is "
		    "not modelled", p->name, MAX_SEATS, a->seats);
		return;	/* (never a new product: resolve_lot bounds a lot) */
	}
	if (p->sku == NULL && a->rec_sku != CODE_NULL)
		p->sku = xstrdup(store_label(s, c->sku, a->rec_sku));
	p->lot = xreallocarray(p->lot, (size_t)p->nlots + 1, sizeof *p->lot);
	l = &p->lot[p->nlots++];
	l->id = xstrdup(lot_id(s, c, a, idbuf, sizeof idbuf));
	l->seats = a->seats;
	l->price = a->price;
	l->price_months = a->price_months;
	l->renewal = a->renewal;
	l->source = a->src;
	p->seats += a->seats;
	if (a->rec_mixed || a->ot_mixed)
		p->mixed_prices = 1;
	add_activity(m, p, a);
}

/* A product's figures from its lots (first to renew first), its months
 * newest first, its Flex rate. */
static void
finish_product(struct whatif_product *p, const struct profile *prof)
{
	qsort(p->lot, (size_t)p->nlots, sizeof *p->lot, lot_cmp);
	p->unit_price = p->lot[0].price;
	p->price_source = p->lot[0].source;
	p->price_months = p->lot[0].price_months;
	p->renewal = p->lot[0].renewal;
	for (int k = 0; k < p->nlots; k++) {
		const struct whatif_lot *l = &p->lot[k];
		p->monthly = money_add(p->monthly, whatif_seat_cost(l->seats, l->price, 1, l->price_months));
		/* same price per month? a*mb == b*ma */
		if (money_mul(l->price, money_from_int(p->price_months)) !=
		    money_mul(p->unit_price, money_from_int(l->price_months)))
			p->mixed_prices = 1;
	}
	for (int a = 1; a < p->act.nmonths; a++)
		for (int b = a; b > 0 && p->act.month[b] > p->act.month[b - 1]; b--) {
			int64_t t = p->act.month[b];
			long long v = p->act.month_active[b];
			p->act.month[b] = p->act.month[b - 1];
			p->act.month_active[b] = p->act.month_active[b - 1];
			p->act.month[b - 1] = t;
			p->act.month_active[b - 1] = v;
		}
	for (int k = 0; prof && k < prof->nflex; k++)
		if (!strcasecmp(prof->flex[k].product, p->name))
			p->flex_tokens_per_day = prof->flex[k].tokens_per_day;
}

/* Products in order, each labelled by its name, and its term when the
 * name has several. */
static void
label_products(struct whatif_model *m)
{
	if (m->n > 1)
		qsort(m->p, m->n, sizeof *m->p, product_cmp);
	for (size_t i = 0; i < m->n; i++) {
		struct whatif_product *p = &m->p[i];
		int shared = (i > 0 && !strcmp(m->p[i - 1].name, p->name)) ||
		    (i + 1 < m->n && !strcmp(m->p[i + 1].name, p->name));
		if (shared)
			xasprintf(&p->label, "%s (%s)", p->name, whatif_term_name(p->term));
		else
			p->label = xstrdup(p->name);
	}
}

/* whatif_products a step at a time (whatif_begin): the seat rows, the
 * latest charge, the rows into lots whatif_slice at a time, the products. */
struct whatif_job {
	const struct store *s;
	const struct profile *prof;
	char *want;		/* the currency asked for, or NULL */
	struct whatif_model *m;
	struct cols c;
	int has_cols;
	size_t *rows, nrows, pos;	/* pos: the next seat row, then the next lot */
	struct lotmap lm;
	int state;		/* W_ROWS, W_LATEST, W_LOTS, W_ADD or W_DONE */
};

enum { W_ROWS, W_LATEST, W_LOTS, W_ADD, W_DONE };

size_t whatif_slice = 131072;

struct whatif_job *
whatif_begin_in(const struct store *s, const struct profile *prof, int64_t as_of, const char *currency,
    struct whatif_model *m)
{
	struct whatif_job *j = xcalloc(1, sizeof *j);
	const char *cur = currency ? currency : store_currency(s);
	j->s = s;
	j->prof = prof;
	j->m = m;
	j->want = currency ? xstrdup(currency) : NULL;
	memset(m, 0, sizeof *m);
	m->token_price = prof && prof->token_price > 0 ? prof->token_price : MONEY_NULL;
	m->idle_days = prof && prof->idle_days > 0 ? prof->idle_days : 90;
	m->occasional_days = prof && prof->occasional_days > 0 ? prof->occasional_days : 8;
	snprintf(m->currency, sizeof m->currency, "%s", cur ? cur : "");
	m->as_of = as_of;
	return j;
}

/* The seat rows and the columns, or the end with a note. */
static void
step_rows(struct whatif_job *j)
{
	struct whatif_model *m = j->m;
	j->rows = whatif_seat_rows(j->s, j->want, m, &j->nrows);
	if (j->rows == NULL || j->nrows == 0) {
		if (j->rows == NULL || !j->want)
			model_note(m, "no seat products in the data (no rows with meter product_seats)");
		else
			model_note(m, "no seat rows billed in %s", j->want);
		if (m->as_of != DATE_NULL)
			m->next_month = calendar_add_months(calendar_month_start(m->as_of), 1);
		j->state = W_DONE;
		return;
	}
	if (!j->want && m->ncurrencies > 1)
		model_note(m, "seat rows are billed in %d currencies: each is modelled apart, this is %s", m->ncurrencies,
		    m->currency[0] ? m->currency : "(null)");
	cols_open(j->s, &j->c);
	j->has_cols = 1;
	if (j->c.name < 0 || j->c.qty < 0) {
		model_note(m, "seat rows lack ServiceName or PricingQuantity: no seat products");
		j->state = W_DONE;
		return;
	}
	j->state = W_LATEST;
}

static void
step_latest(struct whatif_job *j)
{
	struct whatif_model *m = j->m;
	if (m->as_of == DATE_NULL)	/* the latest seat charge, unless the caller gave a date */
		m->as_of = latest_charge(j->s, &j->c, j->rows, j->nrows);
	if (m->as_of == DATE_NULL) {
		model_note(m, "no seat purchases in the data");
		j->state = W_DONE;
		return;
	}
	m->next_month = calendar_add_months(calendar_month_start(m->as_of), 1);
	j->c.asof_month = calendar_month_index(m->as_of);
	j->state = W_LOTS;
}

/* The lots into products, a slice of them a step (at 10M rows 13,713
 * lots took 15 ms), then the products finished. */
static void
step_products(struct whatif_job *j)
{
	struct whatif_model *m = j->m;
	size_t end = j->lm.n - j->pos < whatif_slice / 32 + 1 ? j->lm.n : j->pos + whatif_slice / 32 + 1;
	for (; j->pos < end; j->pos++)
		add_lot(m, j->s, &j->c, j->prof, &j->lm.a[j->pos]);
	if (j->pos < j->lm.n)
		return;
	for (size_t i = 0; i < m->n; i++)
		finish_product(&m->p[i], j->prof);
	if (m->n == 0 && j->lm.n > 0) {
		char when[21];
		date_format(m->as_of, when);
		when[10] = '\0';
		model_note(m, "no seat subscription runs on %s (the seat charges in the data are for other dates)", when);
	}
	label_products(m);
	j->state = W_DONE;
}

/* What the job holds besides the model. */
static void
job_release(struct whatif_job *j)
{
	free(j->rows);
	free(j->lm.a);
	free(j->lm.slot);
	if (j->has_cols)
		cols_free(&j->c);
	j->rows = NULL;
	memset(&j->lm, 0, sizeof j->lm);
	j->has_cols = 0;
}

int
whatif_step(struct whatif_job *j)
{
	size_t n;
	switch (j->state) {
	case W_ROWS:
		step_rows(j);
		break;
	case W_LATEST:
		step_latest(j);
		break;
	case W_LOTS:
		n = j->nrows - j->pos < whatif_slice ? j->nrows - j->pos : whatif_slice;
		scan_lots(j->s, &j->c, j->rows + j->pos, n, j->m->as_of, &j->lm);
		if ((j->pos += n) == j->nrows) {
			j->state = W_ADD;
			j->pos = 0;	/* now the lots' */
		}
		break;
	case W_ADD:
		step_products(j);
		break;
	}
	if (j->state == W_DONE)
		job_release(j);
	return j->state == W_DONE;
}

void
whatif_job_free(struct whatif_job *j)
{
	if (j == NULL)
		return;
	if (j->state != W_DONE) {	/* abandoned: the model so far goes too */
		job_release(j);
		whatif_model_free(j->m);
	}
	free(j->want);
	free(j);
}

struct whatif_job *
whatif_begin(const struct store *s, const struct profile *prof, int64_t as_of, struct whatif_model *m)
{
	return whatif_begin_in(s, prof, as_of, NULL, m);
}

size_t
whatif_products(const struct store *s, const struct profile *prof, int64_t as_of, struct whatif_model *m)
{
	return whatif_products_in(s, prof, as_of, NULL, m);
}

size_t
whatif_products_in(const struct store *s, const struct profile *prof, int64_t as_of, const char *currency,
    struct whatif_model *m)
{
	struct whatif_job *j = whatif_begin_in(s, prof, as_of, currency, m);
	while (!whatif_step(j))
		;
	whatif_job_free(j);
	return m->n;
}

void
whatif_model_free(struct whatif_model *m)
{
	for (size_t i = 0; i < m->n; i++) {
		struct whatif_product *p = &m->p[i];
		free(p->name);
		free(p->label);
		free(p->sku);
		for (int k = 0; k < p->nlots; k++)
			free(p->lot[k].id);
		free(p->lot);
	}
	free(m->p);
	for (int i = 0; i < m->nnotes; i++)
		free(m->note[i]);
	free(m->note);
	memset(m, 0, sizeof *m);
}
