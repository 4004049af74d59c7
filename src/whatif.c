/* whatif.c - the seat what-if model: products from the store, scenarios,
 * exact arithmetic, suggestions and scenario files. No curses here. */
#include "whatif.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "profile.h"
#include "query.h"
#include "store.h"
#include "xmalloc.h"

#define DAY 86400
#define MAX_SEATS 1000000LL
#define MAX_COUNT 1000000000LL	/* a seat count from the data (x_ActiveSeats...) */
#define UNDO_MAX 256
#define SCENARIO_MAX_SIZE (1u << 20)

static const struct {
	const char *name;
	int months;
} terms[] = {
#define X(id, name, months) {name, months},
	WHATIF_TERMS(X)
#undef X
};

static const char *const price_short[] = {
#define X(id, s, col) s,
	WHATIF_PRICE_SOURCES(X)
#undef X
};
static const char *const price_column[] = {
#define X(id, s, col) col,
	WHATIF_PRICE_SOURCES(X)
#undef X
};
static const char *const rule_names[] = {
#define X(id, name, desc) name,
	WHATIF_RULES(X)
#undef X
};

const char *
whatif_term_name(enum whatif_term t)
{
	return t < TERM_COUNT ? terms[t].name : "?";
}

int
whatif_term_months(enum whatif_term t)
{
	return t < TERM_COUNT ? terms[t].months : 0;
}

const char *
whatif_price_source_name(enum whatif_price_source s)
{
	return s < PRICE_COUNT ? price_short[s] : "?";
}

const char *
whatif_price_source_column(enum whatif_price_source s)
{
	return s < PRICE_COUNT ? price_column[s] : "?";
}

const char *
whatif_rule_name(enum whatif_rule r)
{
	return r < RULE_COUNT ? rule_names[r] : "?";
}

int
whatif_term_parse(const char *s)
{
	char w[64];
	size_t n = 0;
	/* keep letters and digits, lower case: "3-Year" -> "3year", "1 yr" -> "1yr" */
	for (; s && *s && n + 1 < sizeof w; s++)
		if (isalnum((unsigned char)*s))
			w[n++] = (char)tolower((unsigned char)*s);
	w[n] = '\0';
	static const char *const monthly[] = {"monthly", "month", "1month", "1mo", "mo", "m2m", "monthtomonth", NULL};
	static const char *const annual[] = {"annual", "annually", "yearly", "year", "1year", "1yr", "yr",
	    "12months", "12month", "oneyear", NULL};
	static const char *const three[] = {"3year", "3years", "3yr", "threeyear", "threeyears", "36months",
	    "36month", "triennial", "3yearupfront", NULL};
	for (int i = 0; monthly[i]; i++)
		if (!strcmp(w, monthly[i]))
			return TERM_MONTHLY;
	for (int i = 0; annual[i]; i++)
		if (!strcmp(w, annual[i]))
			return TERM_ANNUAL;
	for (int i = 0; three[i]; i++)
		if (!strcmp(w, three[i]))
			return TERM_3YEAR;
	return -1;
}

/* ---- dates ---- */

static int64_t
floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

static int
month_days(int y, int m)
{
	static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

int64_t
whatif_add_months(int64_t t, int k)
{
	int64_t days = floor_div(t, DAY), secs = t - days * DAY, total;
	int y, m, d, y2, m2;
	civil_from_days(days, &y, &m, &d);
	total = (int64_t)y * 12 + (m - 1) + k;
	y2 = (int)floor_div(total, 12);
	m2 = (int)(total - (int64_t)y2 * 12) + 1;
	if (d > month_days(y2, m2))
		d = month_days(y2, m2);
	return days_from_civil(y2, m2, d) * DAY + secs;
}

int
whatif_months_between(int64_t a, int64_t b)
{
	int ya, ma, da, yb, mb, db, f;
	if (a == DATE_NULL || b == DATE_NULL || b <= a)
		return 0;
	civil_from_days(floor_div(a, DAY), &ya, &ma, &da);
	civil_from_days(floor_div(b, DAY), &yb, &mb, &db);
	f = (yb - ya) * 12 + (mb - ma);
	while (f > 0 && whatif_add_months(a, f) > b)
		f--;
	return whatif_add_months(a, f) < b ? f + 1 : f;
}

static int64_t
month_start(int64_t t)
{
	int y, m, d;
	civil_from_days(floor_div(t, DAY), &y, &m, &d);
	return days_from_civil(y, m, 1) * DAY;
}

/* Calendar month number, for the activity window. */
static int64_t
month_index(int64_t t)
{
	int y, m, d;
	civil_from_days(floor_div(t, DAY), &y, &m, &d);
	return (int64_t)y * 12 + (m - 1);
}

/* ---- money helpers ---- */

/* seats x price x factor / months, exact to 10^-18 */
static money_t
seat_cost(long long seats, money_t price, int factor, int months)
{
	money_t v = money_mul(money_from_int(seats), price);
	if (v == MONEY_NULL)
		return MONEY_NULL;	/* beyond 10^19: shown as an overflow, never wrapped */
	if (factor != 1)
		v = money_mul(v, money_from_int(factor));
	return months > 1 ? money_div(v, money_from_int(months)) : v;
}

/* a - b, MONEY_NULL when either is (an overflow stays one) */
static money_t
money_sub(money_t a, money_t b)
{
	return b == MONEY_NULL ? MONEY_NULL : money_add(a, -b);
}

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
seterr(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void
seterr(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;
	if (!err || !errlen)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
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

struct numcache {
	uint32_t n;
	unsigned char *done;
	money_t *v;
};

struct cols {
	int name, cat, freq, sub, res, sku, term, cps, cpe;
	int qty, eff, billed, cup, lup;
	int act, asg, idle, idlethr, occ, occdays;
	struct numcache *num;	/* per store column */
	/* codes of the values rows are told apart by (UINT32_MAX: absent) */
	uint32_t purchase, recurring, usage;
	int64_t asof_month;
	int64_t *cps_month;	/* month_index() per ChargePeriodStart code */
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
 * distinct value and remembered in c->num (seat rows repeat a few values,
 * and parsing each row's text made opening the what-if panel take 30 ms on
 * 1M rows). */
static money_t
cell_money(const struct store *s, const struct cols *c, int col, size_t row)
{
	struct numcache *nc;
	uint32_t code;
	if (col < 0)
		return MONEY_NULL;
	if (store_column_kind(s, col) == COL_METRIC)
		return store_money(s, col, row);
	if ((code = store_code(s, col, row)) == CODE_NULL)
		return MONEY_NULL;
	nc = &c->num[col];
	if (nc->done == NULL) {
		nc->n = store_ncodes(s, col);
		nc->done = xcalloc(nc->n, 1);
		nc->v = xcalloc(nc->n, sizeof *nc->v);
	}
	if (!nc->done[code]) {
		const char *t = store_label(s, col, code);
		unsigned dev = 0;
		if (!t || money_parse(t, strlen(t), &nc->v[code], &dev) != 0)
			nc->v[code] = MONEY_NULL;
		nc->done[code] = 1;
	}
	return nc->v[code];
}

/* month_index() of a row's ChargePeriodStart, worked out once per value */
static int64_t
cps_month(const struct store *s, const struct cols *c, size_t r)
{
	uint32_t code = store_code(s, c->cps, r);
	if (c->cps_month[code] == INT64_MIN)
		c->cps_month[code] = month_index(store_code_epoch(s, c->cps, code));
	return c->cps_month[code];
}

static void
cols_free(const struct store *s, struct cols *c)
{
	for (int i = 0; i < store_ncolumns(s); i++) {
		free(c->num[i].done);
		free(c->num[i].v);
	}
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

#define HISTORY 36

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

static uint64_t
mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	return x;
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
			i = mix(lot_key(a->name, a->which, a->code)) & (ns - 1);
			while (slot[i])
				i = (i + 1) & (ns - 1);
			slot[i] = j + 1;
		}
		free(m->slot);
		m->slot = slot;
		m->nslot = ns;
	}
	i = mix(k) & (m->nslot - 1);
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
	int m = whatif_months_between(a, b);
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
			a->rec_months = whatif_months_between(cps, cpe);
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
		a->ot_months = whatif_months_between(cps, cpe);
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
		} else if (a->rec_months > 1 && span_term(0, whatif_add_months(0, a->rec_months)) >= 0) {
			a->term = (enum whatif_term)span_term(0, whatif_add_months(0, a->rec_months));
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

size_t
whatif_products(const struct store *s, const struct profile *prof, int64_t as_of, struct whatif_model *m)
{
	struct cols c;
	struct dim d;
	struct filter f;
	uint32_t code;
	char err[256];
	size_t nrows, *rows;
	struct lotmap lm = {0};
	const char *cur;

	memset(m, 0, sizeof *m);
	m->token_price = prof && prof->token_price > 0 ? prof->token_price : MONEY_NULL;
	m->idle_days = prof && prof->idle_days > 0 ? prof->idle_days : 90;
	m->occasional_days = prof && prof->occasional_days > 0 ? prof->occasional_days : 8;
	cur = store_currency(s);
	snprintf(m->currency, sizeof m->currency, "%s", cur ? cur : "");
	m->as_of = as_of;

	if (dim_parse(s, "meter", GRAIN_MONTH, &d, err, sizeof err) != 0 ||
	    dim_lookup(s, &d, "product_seats", &code) != 0) {
		model_note(m, "no seat products in the data (no rows with meter product_seats)");
		if (m->as_of != DATE_NULL)
			m->next_month = whatif_add_months(month_start(m->as_of), 1);
		return 0;
	}
	f.dim = d;
	f.lo = f.hi = code;
	nrows = query_rows(s, &f, 1, 0, 0, NULL);
	rows = xcalloc(nrows ? nrows : 1, sizeof *rows);
	query_rows(s, &f, 1, 0, nrows, rows);

	c.name = col(s, "ServiceName");
	c.cat = col(s, "ChargeCategory");
	c.freq = col(s, "ChargeFrequency");
	c.sub = col(s, "x_SubscriptionId");
	c.res = col(s, "ResourceId");
	c.sku = col(s, "SkuId");
	c.term = col(s, "x_Term");
	c.cps = col(s, "ChargePeriodStart");
	c.cpe = col(s, "ChargePeriodEnd");
	c.qty = store_metric_column(s, M_PRICING);
	c.eff = store_metric_column(s, M_EFFECTIVE);
	c.billed = store_metric_column(s, M_BILLED);
	c.cup = col(s, "ContractedUnitPrice");
	c.lup = col(s, "ListUnitPrice");
	c.act = col(s, "x_ActiveSeats");
	c.asg = col(s, "x_AssignedSeats");
	c.idle = col(s, "x_IdleSeats");
	c.idlethr = col(s, "x_IdleThresholdDays");
	c.occ = col(s, "x_OccasionalSeats");
	c.occdays = col(s, "x_OccasionalDays");
	c.num = xcalloc((size_t)store_ncolumns(s), sizeof *c.num);
	c.purchase = c.cat >= 0 ? store_lookup(s, c.cat, "Purchase") : UINT32_MAX;
	c.recurring = c.freq >= 0 ? store_lookup(s, c.freq, "Recurring") : UINT32_MAX;
	c.usage = c.freq >= 0 ? store_lookup(s, c.freq, "Usage-Based") : UINT32_MAX;
	c.cps_month = NULL;
	if (c.cps >= 0 && store_column_kind(s, c.cps) == COL_DATE) {
		uint32_t n = store_ncodes(s, c.cps);
		c.cps_month = xreallocarray(NULL, n, sizeof *c.cps_month);
		for (uint32_t k = 0; k < n; k++)
			c.cps_month[k] = INT64_MIN;
	}

	if (c.name < 0 || c.qty < 0) {
		model_note(m, "seat rows lack ServiceName or PricingQuantity: no seat products");
		free(rows);
		cols_free(s, &c);
		return 0;
	}
	/* the latest seat charge, unless the caller gave a date */
	if (m->as_of == DATE_NULL) {
		int64_t rec = DATE_NULL, ot = DATE_NULL;
		for (size_t i = 0; i < nrows; i++) {
			int64_t t = cell_date(s, c.cps, rows[i]);
			if (c.cat < 0 || store_code(s, c.cat, rows[i]) != c.purchase || t == DATE_NULL)
				continue;
			if (c.freq >= 0 && store_code(s, c.freq, rows[i]) == c.recurring) {
				if (rec == DATE_NULL || t > rec)
					rec = t;
			} else if (ot == DATE_NULL || t > ot)
				ot = t;
		}
		m->as_of = rec != DATE_NULL ? rec : ot;
	}
	if (m->as_of == DATE_NULL) {
		model_note(m, "no seat purchases in the data");
		free(rows);
		cols_free(s, &c);
		return 0;
	}
	m->next_month = whatif_add_months(month_start(m->as_of), 1);
	c.asof_month = month_index(m->as_of);

	for (size_t i = 0; i < nrows; i++) {
		size_t r = rows[i];
		uint32_t nm = store_code(s, c.name, r), lc = CODE_NULL;
		int which = 3;
		if (c.cat < 0 || store_code(s, c.cat, r) != c.purchase || nm == CODE_NULL)
			continue;
		if (c.sub >= 0 && (lc = store_code(s, c.sub, r)) != CODE_NULL)
			which = 0;
		else if (c.res >= 0 && (lc = store_code(s, c.res, r)) != CODE_NULL)
			which = 1;
		else if (c.sku >= 0 && (lc = store_code(s, c.sku, r)) != CODE_NULL)
			which = 2;
		else
			lc = CODE_NULL;
		scan_row(s, &c, r, m->as_of, lot_get(&lm, nm, which, lc));
	}
	free(rows);

	for (size_t i = 0; i < lm.n; i++) {
		struct lotacc *a = &lm.a[i];
		struct whatif_product *p = NULL;
		struct whatif_lot *l;
		char idbuf[256];
		resolve_lot(m, s, &c, a);
		if (!a->current || a->seats <= 0)
			continue;
		if (a->price == MONEY_NULL) {
			/* no unit price and no cost in the data: the profile's list price */
			const char *nm = store_label(s, c.name, a->name);
			const struct profile_price *pp = profile_price(prof, nm, whatif_term_name(a->term), m->as_of);
			if (pp == NULL)
				pp = profile_price(prof, nm, whatif_term_name(a->term), DATE_NULL);
			a->src = PRICE_PROFILE;
			a->price = pp ? pp->list : 0;
			a->price_months = whatif_term_months(a->term);
			if (pp == NULL)
				model_note(m, "%s: no unit price in the data or the profile (counted at 0)", nm);
		}
		for (size_t j = 0; j < m->n; j++)
			if (!strcmp(m->p[j].name, store_label(s, c.name, a->name)) && m->p[j].term == a->term)
				p = &m->p[j];
		if (p == NULL) {
			m->p = xreallocarray(m->p, m->n + 1, sizeof *m->p);
			p = &m->p[m->n++];
			memset(p, 0, sizeof *p);
			p->name = xstrdup(store_label(s, c.name, a->name));
			p->term = a->term;
			p->term_from = a->term_from;
			p->act.active = p->act.assigned = p->act.idle = p->act.occasional = -1;
			p->flex_tokens_per_day = MONEY_NULL;
		}
		if (p->seats + a->seats > MAX_SEATS) {
			/* a scenario counts at most MAX_SEATS seats of a product
			 * (--seats reads no more back); a lot beyond is left out */
			model_note(m, "%s: its subscriptions add up to more than %lld seats; one of %lld seats is "
			    "not modelled", p->name, MAX_SEATS, a->seats);
			continue;	/* (never a new product: resolve_lot bounds a lot) */
		}
		if (p->sku == NULL && a->rec_sku != CODE_NULL)
			p->sku = xstrdup(store_label(s, c.sku, a->rec_sku));
		p->lot = xreallocarray(p->lot, (size_t)p->nlots + 1, sizeof *p->lot);
		l = &p->lot[p->nlots++];
		l->id = xstrdup(lot_id(s, &c, a, idbuf, sizeof idbuf));
		l->seats = a->seats;
		l->price = a->price;
		l->price_months = a->price_months;
		l->renewal = a->renewal;
		l->source = a->src;
		p->seats += a->seats;
		if (a->rec_mixed || a->ot_mixed)
			p->mixed_prices = 1;
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
				int64_t mi = month_index(m->as_of) - k;
				int64_t t = days_from_civil((int)floor_div(mi, 12), (int)(mi - floor_div(mi, 12) * 12) + 1, 1) * DAY;
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
	free(lm.a);
	free(lm.slot);
	cols_free(s, &c);

	for (size_t i = 0; i < m->n; i++) {
		struct whatif_product *p = &m->p[i];
		qsort(p->lot, (size_t)p->nlots, sizeof *p->lot, lot_cmp);
		p->unit_price = p->lot[0].price;
		p->price_source = p->lot[0].source;
		p->price_months = p->lot[0].price_months;
		p->renewal = p->lot[0].renewal;
		for (int k = 0; k < p->nlots; k++) {
			const struct whatif_lot *l = &p->lot[k];
			p->monthly = money_add(p->monthly, seat_cost(l->seats, l->price, 1, l->price_months));
			/* same price per month? a*mb == b*ma */
			if (money_mul(l->price, money_from_int(p->price_months)) !=
			    money_mul(p->unit_price, money_from_int(l->price_months)))
				p->mixed_prices = 1;
		}
		/* newest month first */
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
	if (m->n > 1)
		qsort(m->p, m->n, sizeof *m->p, product_cmp);
	if (m->n == 0 && lm.n > 0) {
		char when[21];
		date_format(m->as_of, when);
		when[10] = '\0';
		model_note(m, "no seat subscription runs on %s (the seat charges in the data are for other dates)", when);
	}
	for (size_t i = 0; i < m->n; i++) {
		struct whatif_product *p = &m->p[i];
		int shared = (i > 0 && !strcmp(m->p[i - 1].name, p->name)) ||
		    (i + 1 < m->n && !strcmp(m->p[i + 1].name, p->name));
		if (shared)
			xasprintf(&p->label, "%s (%s)", p->name, whatif_term_name(p->term));
		else
			p->label = xstrdup(p->name);
	}
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

/* ---- finding products by name ---- */

static void
trim_span(const char **s, size_t *n)
{
	while (*n && isspace((unsigned char)**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n && isspace((unsigned char)(*s)[*n - 1]))
		(*n)--;
}

#define MAXW 16

static int
words(const char *s, size_t n, char w[MAXW][64])
{
	int k = 0;
	size_t i = 0;
	while (i < n && k < MAXW) {
		size_t j = 0;
		while (i < n && (isspace((unsigned char)s[i]) || s[i] == ','))
			i++;
		while (i < n && !isspace((unsigned char)s[i]) && s[i] != ',') {
			if (j + 1 < 64)
				w[k][j++] = s[i];
			i++;
		}
		w[k][j] = '\0';
		if (j == 0)
			break;
		/* connectors are not words: "Architecture, Engineering & Construction" */
		if (!strcmp(w[k], "&") || !strcasecmp(w[k], "and") || !strcmp(w[k], "-") || !strcmp(w[k], "+"))
			continue;
		k++;
	}
	return k;
}

/* Does each query word stand for one product word or the initials of a run of them? */
static int
initials_match(char q[MAXW][64], int nq, int qi, char p[MAXW][64], int np, int pi)
{
	size_t L;
	if (qi == nq)
		return pi == np;
	if (pi == np)
		return 0;
	if (!strcasecmp(q[qi], p[pi]) && initials_match(q, nq, qi + 1, p, np, pi + 1))
		return 1;
	L = strlen(q[qi]);
	if (L >= 2 && (int)L <= np - pi) {
		for (size_t j = 0; j < L; j++)
			if (tolower((unsigned char)q[qi][j]) != tolower((unsigned char)p[(size_t)pi + j][0]))
				return 0;
		return initials_match(q, nq, qi + 1, p, np, pi + (int)L);
	}
	return 0;
}

static void
list_products(const struct whatif_model *m, const int *which, char *buf, size_t n)
{
	size_t o = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < m->n && o + 1 < n; i++) {
		if (which && !which[i])
			continue;
		int w = snprintf(buf + o, n - o, "%s%s", o ? ", " : "", m->p[i].label);
		if (w < 0)
			break;
		o += (size_t)w;
		if (o >= n)
			o = n - 1;
	}
}

static int
pick(const struct whatif_model *m, int *hit, int nhit, const char *name, char *err, size_t errlen)
{
	char list[1024];
	if (nhit == 1) {
		for (size_t i = 0; i < m->n; i++)
			if (hit[i])
				return (int)i;
	}
	list_products(m, hit, list, sizeof list);
	seterr(err, errlen, "'%s' matches %d products: %s; name one of them", name, nhit, list);
	return -1;
}

static int
find_span(const struct whatif_model *m, const char *s, size_t n, char *err, size_t errlen)
{
	char name[256], list[1024], q[MAXW][64], w[MAXW][64];
	int *hit, nhit = 0, term = -1, nq, r = -1;
	const char *open;

	trim_span(&s, &n);
	if (n == 0) {
		seterr(err, errlen, "a product name is missing");
		return -1;
	}
	snprintf(name, sizeof name, "%.*s", (int)n, s);
	if (m->n == 0) {
		seterr(err, errlen, "unknown product '%s': the data has no seat products (meter product_seats)", name);
		return -1;
	}
	hit = xcalloc(m->n, sizeof *hit);
	/* 1. a label or a ServiceName, in any case */
	for (size_t i = 0; i < m->n; i++)
		if (!strcasecmp(m->p[i].label, name)) {
			r = (int)i;
			goto out;
		}
	for (size_t i = 0; i < m->n; i++)
		if (!strcasecmp(m->p[i].name, name))
			hit[i] = 1, nhit++;
	if (nhit) {
		r = pick(m, hit, nhit, name, err, errlen);
		goto out;
	}
	/* 2. a unique prefix */
	for (size_t i = 0; i < m->n; i++)
		if (!strncasecmp(m->p[i].label, name, strlen(name)))
			hit[i] = 1, nhit++;
	if (nhit) {
		r = pick(m, hit, nhit, name, err, errlen);
		goto out;
	}
	/* 3. initials: "AEC Collection", with an optional "(annual)" */
	if ((open = strrchr(name, '(')) && name[strlen(name) - 1] == ')') {
		char t[64];
		snprintf(t, sizeof t, "%.*s", (int)(strlen(open) - 2), open + 1);
		if ((term = whatif_term_parse(t)) >= 0)
			n = (size_t)(open - name);
	}
	nq = words(name, strlen(name) < n ? strlen(name) : n, q);
	for (size_t i = 0; i < m->n && nq > 0; i++) {
		int np = words(m->p[i].name, strlen(m->p[i].name), w);
		if ((term < 0 || (int)m->p[i].term == term) && initials_match(q, nq, 0, w, np, 0))
			hit[i] = 1, nhit++;
	}
	if (nhit) {
		r = pick(m, hit, nhit, name, err, errlen);
		goto out;
	}
	list_products(m, NULL, list, sizeof list);
	seterr(err, errlen, "unknown product '%s'; the seat products are: %s", name, list);
out:
	free(hit);
	return r;
}

int
whatif_find(const struct whatif_model *m, const char *name, char *err, size_t errlen)
{
	return find_span(m, name, strlen(name), err, errlen);
}

/* ---- scenarios ---- */

void
whatif_scenario_init(struct whatif_scenario *sc, const struct whatif_model *m)
{
	sc->n = m->n;
	sc->c = xcalloc(m->n ? m->n : 1, sizeof *sc->c);
}

void
whatif_scenario_free(struct whatif_scenario *sc)
{
	free(sc->c);
	sc->c = NULL;
	sc->n = 0;
}

void
whatif_scenario_copy(struct whatif_scenario *dst, const struct whatif_scenario *src)
{
	if (dst->n != src->n || dst->c == NULL) {
		free(dst->c);
		dst->c = xcalloc(src->n ? src->n : 1, sizeof *dst->c);
		dst->n = src->n;
	}
	if (src->n)
		memcpy(dst->c, src->c, src->n * sizeof *src->c);
}

void
whatif_scenario_clear(struct whatif_scenario *sc)
{
	if (sc->n)
		memset(sc->c, 0, sc->n * sizeof *sc->c);
}

size_t
whatif_scenario_nchanged(const struct whatif_scenario *sc)
{
	size_t k = 0;
	for (size_t i = 0; i < sc->n; i++)
		k += sc->c[i].set != 0;
	return k;
}

long long
whatif_seats(const struct whatif_model *m, const struct whatif_scenario *sc, size_t i)
{
	if (i >= m->n)
		return 0;
	return sc && i < sc->n && sc->c[i].set ? sc->c[i].seats : m->p[i].seats;
}

int
whatif_scenario_set(const struct whatif_model *m, struct whatif_scenario *sc, size_t i, long long seats,
    money_t flex_days, char *err, size_t errlen)
{
	if (i >= m->n || i >= sc->n) {
		seterr(err, errlen, "no such product");
		return -1;
	}
	if (seats < 0) {
		seterr(err, errlen, "%s: %lld seats: a seat count cannot be below zero", m->p[i].label, seats);
		return -1;
	}
	if (seats > MAX_SEATS) {
		seterr(err, errlen, "%s: %lld seats: more than %lld", m->p[i].label, seats, MAX_SEATS);
		return -1;
	}
	if (flex_days == MONEY_NULL || flex_days < 0) {
		seterr(err, errlen, "%s: Flex days cannot be below zero", m->p[i].label);
		return -1;
	}
	sc->c[i].seats = seats;
	sc->c[i].flex_days = flex_days;
	sc->c[i].set = seats != m->p[i].seats || flex_days != 0;
	return 0;
}

int
whatif_scenario_step(const struct whatif_model *m, struct whatif_scenario *sc, size_t i, long long delta,
    char *err, size_t errlen)
{
	long long cur = whatif_seats(m, sc, i);
	money_t flex = i < sc->n && sc->c[i].set ? sc->c[i].flex_days : 0;
	if (i < m->n && cur + delta < 0) {
		seterr(err, errlen, "%s: %lld seats %s %lld = %lld: a seat count cannot be below zero", m->p[i].label,
		    cur, delta < 0 ? "-" : "+", delta < 0 ? -delta : delta, cur + delta);
		return -1;
	}
	return whatif_scenario_set(m, sc, i, cur + delta, flex, err, errlen);
}

/* Parses a change against `base` seats: "12", "+2", "-3", "-10%", then
 * optionally "flex DAYS". */
static int
parse_change(const char *label, long long base, const char *s, size_t n, long long *seats, money_t *flex,
    char *err, size_t errlen)
{
	const char *p, *e, *num;
	char text[128];
	int sign = 0, pct = 0;
	money_t v;
	unsigned dev = 0;

	trim_span(&s, &n);
	snprintf(text, sizeof text, "%.*s", (int)n, s);
	*flex = 0;
	p = s;
	e = s + n;
	if (p < e && (*p == '+' || *p == '-'))
		sign = *p++ == '-' ? -1 : 1;
	num = p;
	while (p < e && (isdigit((unsigned char)*p) || *p == '.'))
		p++;
	if (p == num)
		goto malformed;
	if (p < e && *p == '%') {
		pct = 1;
		p++;
	}
	if (money_parse(num, (size_t)(p - num - pct), &v, &dev) != 0 || dev)
		goto malformed;
	if (pct && !sign) {
		seterr(err, errlen, "%s: '%s': a percentage needs a sign: +%s or -%s", label, text, text, text);
		return -1;
	}
	if (!pct && v % MONEY_ONE != 0) {
		seterr(err, errlen, "%s: '%s': seats are whole numbers", label, text);
		return -1;
	}
	if (v > money_from_int(MAX_SEATS) * (pct ? 100 : 1)) {
		seterr(err, errlen, "%s: '%s': more than %lld seats", label, text, MAX_SEATS);
		return -1;
	}
	if (pct) {
		/* toward zero: a cut never drops more seats than asked */
		money_t d = money_mul(money_from_int(base), v);
		long long delta = (long long)(d / (MONEY_ONE * 100));
		*seats = base + sign * delta;
	} else if (sign)
		*seats = base + sign * (long long)(v / MONEY_ONE);
	else
		*seats = (long long)(v / MONEY_ONE);
	/* "flex DAYS" */
	while (p < e && isspace((unsigned char)*p))
		p++;
	if (p < e) {
		if (e - p < 5 || strncasecmp(p, "flex", 4) != 0 || !isspace((unsigned char)p[4]))
			goto malformed;
		p += 4;
		while (p < e && isspace((unsigned char)*p))
			p++;
		if (p == e || money_parse(p, (size_t)(e - p), flex, &dev) != 0 || dev || *flex < 0 ||
		    *flex > money_from_int(MAX_SEATS * 31)) {
			seterr(err, errlen, "%s: '%s': 'flex' takes the use-days a month bought on Flex, e.g. flex 12",
			    label, text);
			return -1;
		}
	}
	if (*seats < 0) {
		seterr(err, errlen, "%s: '%s' gives %lld - %lld = %lld seats: a seat count cannot be below zero",
		    label, text, base, base - *seats, *seats);
		return -1;
	}
	if (*seats > MAX_SEATS) {
		seterr(err, errlen, "%s: '%s': more than %lld seats", label, text, MAX_SEATS);
		return -1;
	}
	return 0;
malformed:
	seterr(err, errlen, "%s: '%s': expected a seat count (12), a change (+2, -3) or a percentage (-10%%), "
	    "optionally followed by 'flex DAYS'", label, text);
	return -1;
}

int
whatif_scenario_apply(const struct whatif_model *m, struct whatif_scenario *sc, size_t i, const char *change,
    char *err, size_t errlen)
{
	long long seats;
	money_t flex;
	if (i >= m->n) {
		seterr(err, errlen, "no such product");
		return -1;
	}
	if (parse_change(m->p[i].label, m->p[i].seats, change, strlen(change), &seats, &flex, err, errlen) != 0)
		return -1;
	return whatif_scenario_set(m, sc, i, seats, flex, err, errlen);
}

int
whatif_scenario_parse(const struct whatif_model *m, const char *spec, struct whatif_scenario *sc, char *err,
    size_t errlen)
{
	struct whatif_scenario tmp = {0};
	unsigned char *given;
	const char *p = spec, *start = spec;
	int rc = 0;

	whatif_scenario_init(&tmp, m);
	whatif_scenario_copy(&tmp, sc);
	given = xcalloc(m->n ? m->n : 1, 1);
	/* entries are split at commas; a comma inside a product name
	 * ("Architecture, Engineering & ...") is kept when no '=' follows it */
	while (rc == 0) {
		const char *comma = strchr(p, ','), *end = comma ? comma : p + strlen(p), *eq = NULL;
		for (const char *q = start; q < end; q++)
			if (*q == '=')
				eq = q;
		if (eq == NULL && comma) {
			p = comma + 1;
			continue;	/* part of the name */
		}
		{
			const char *a = start;
			size_t n = (size_t)(end - start);
			trim_span(&a, &n);
			if (n == 0 && !comma && start != spec)
				break;	/* a trailing comma */
			if (eq == NULL || n == 0) {
				seterr(err, errlen, "'%.*s': expected PRODUCT=CHANGE, e.g. Revit=-5 or \"AEC Collection=-10%%\"",
				    (int)n, a);
				rc = -1;
				break;
			}
		}
		{
			char msg[1400];
			int i = find_span(m, start, (size_t)(eq - start), msg, sizeof msg);
			long long seats;
			money_t flex;
			if (i < 0) {
				seterr(err, errlen, "%s", msg);
				rc = -1;
				break;
			}
			if (given[i]) {
				seterr(err, errlen, "%s is given twice", m->p[i].label);
				rc = -1;
				break;
			}
			given[i] = 1;
			if (parse_change(m->p[i].label, m->p[i].seats, eq + 1, (size_t)(end - eq - 1), &seats, &flex, err,
			    errlen) != 0 || whatif_scenario_set(m, &tmp, (size_t)i, seats, flex, err, errlen) != 0) {
				rc = -1;
				break;
			}
		}
		if (!comma)
			break;
		p = start = comma + 1;
	}
	if (rc == 0)
		whatif_scenario_copy(sc, &tmp);
	whatif_scenario_free(&tmp);
	free(given);
	return rc;
}

/* ---- arithmetic ---- */

/* A part of a change: `seats` fewer seats (negative: more) at a price, from a date. */
struct part {
	long long seats;
	money_t price;
	int months;
	int64_t start;
	money_t flex_month;	/* or a Flex cost added from `start` */
};

static money_t
flex_cost(const struct whatif_model *m, const struct whatif_product *p, money_t days)
{
	if (days == 0 || p->flex_tokens_per_day == MONEY_NULL || m->token_price == MONEY_NULL)
		return 0;
	return money_mul(money_mul(days, p->flex_tokens_per_day), m->token_price);
}

/* The parts of product i's change; *out is allocated (nlots + 1 at most). */
static int
product_parts(const struct whatif_model *m, const struct whatif_scenario *sc, size_t i, struct part **outp)
{
	const struct whatif_product *p = &m->p[i];
	long long after = whatif_seats(m, sc, i), delta = after - p->seats;
	int n = 0, max = p->nlots + 2;
	int64_t first = DATE_NULL;
	struct part *out = *outp = xcalloc((size_t)max, sizeof *out);

	if (delta < 0) {
		long long cut = -delta;
		for (int k = 0; k < p->nlots && cut > 0 && n < max - 1; k++) {
			const struct whatif_lot *l = &p->lot[k];
			long long c = cut < l->seats ? cut : l->seats;
			int64_t start = l->renewal;
			if (c <= 0)
				continue;
			if (start != DATE_NULL && start <= m->as_of)
				start = m->next_month;	/* the term already ended */
			out[n++] = (struct part){c, l->price, l->price_months, start, 0};
			if (first == DATE_NULL)
				first = start;
			cut -= c;
		}
	} else if (delta > 0) {
		/* added seats are bought now, at the first subscription's price */
		out[n++] = (struct part){-delta, p->lot[0].price, p->lot[0].price_months, m->next_month, 0};
		first = m->next_month;
	}
	if (sc && i < sc->n && sc->c[i].set && sc->c[i].flex_days != 0 && n < max)
		out[n++] = (struct part){0, 0, 1, first != DATE_NULL ? first : m->next_month,
		    flex_cost(m, p, sc->c[i].flex_days)};
	return n;
}

static money_t
part_month(const struct part *pt)
{
	return pt->seats ? seat_cost(pt->seats, pt->price, 1, pt->months) : money_sub(0, pt->flex_month);
}

static money_t
part_year(const struct part *pt)
{
	return pt->seats ? seat_cost(pt->seats, pt->price, 12, pt->months) : money_sub(0, money_mul(pt->flex_month,
	    money_from_int(12)));
}

static money_t
part_window(const struct whatif_model *m, const struct part *pt)
{
	int left;
	if (pt->start == DATE_NULL)
		return 0;
	left = 12 - whatif_months_between(m->next_month, pt->start);
	if (left <= 0)
		return 0;
	return pt->seats ? seat_cost(pt->seats, pt->price, left, pt->months) :
	    money_sub(0, money_mul(pt->flex_month, money_from_int(left)));
}

static void
line_add(struct whatif_line *t, const struct whatif_line *l)
{
	t->seats_before += l->seats_before;
	t->seats_after += l->seats_after;
	t->month_before = money_add(t->month_before, l->month_before);
	t->month_after = money_add(t->month_after, l->month_after);
	t->month_saving = money_add(t->month_saving, l->month_saving);
	t->year_before = money_add(t->year_before, l->year_before);
	t->year_after = money_add(t->year_after, l->year_after);
	t->year_saving = money_add(t->year_saving, l->year_saving);
	t->next12_saving = money_add(t->next12_saving, l->next12_saving);
	t->flex_month = money_add(t->flex_month, l->flex_month);
	if (l->starts != DATE_NULL && (t->starts == DATE_NULL || l->starts < t->starts))
		t->starts = l->starts;
	if (l->full_from != DATE_NULL && (t->full_from == DATE_NULL || l->full_from > t->full_from))
		t->full_from = l->full_from;
	t->unknown_start |= l->unknown_start;
	t->simulated |= l->simulated;
}

static void
compute_line(const struct whatif_model *m, const struct whatif_scenario *sc, size_t i, struct whatif_line *l)
{
	const struct whatif_product *p = &m->p[i];
	struct part *pt;
	int n = product_parts(m, sc, i, &pt);

	memset(l, 0, sizeof *l);
	l->starts = l->full_from = DATE_NULL;
	l->seats_before = p->seats;
	l->seats_after = whatif_seats(m, sc, i);
	for (int k = 0; k < p->nlots; k++) {
		l->month_before = money_add(l->month_before, seat_cost(p->lot[k].seats, p->lot[k].price, 1,
		    p->lot[k].price_months));
		l->year_before = money_add(l->year_before, seat_cost(p->lot[k].seats, p->lot[k].price, 12,
		    p->lot[k].price_months));
	}
	for (int k = 0; k < n; k++) {
		l->month_saving = money_add(l->month_saving, part_month(&pt[k]));
		l->year_saving = money_add(l->year_saving, part_year(&pt[k]));
		l->next12_saving = money_add(l->next12_saving, part_window(m, &pt[k]));
		l->flex_month = money_add(l->flex_month, pt[k].flex_month);
		if (pt[k].start == DATE_NULL)
			l->unknown_start = 1;
		else {
			if (l->starts == DATE_NULL || pt[k].start < l->starts)
				l->starts = pt[k].start;
			if (l->full_from == DATE_NULL || pt[k].start > l->full_from)
				l->full_from = pt[k].start;
		}
	}
	free(pt);
	l->month_after = money_sub(l->month_before, l->month_saving);
	l->year_after = money_sub(l->year_before, l->year_saving);
	l->simulated = sc && i < sc->n && sc->c[i].set;
}

void
whatif_compute(const struct whatif_model *m, const struct whatif_scenario *sc, struct whatif_result *r)
{
	r->n = m->n;
	r->line = xcalloc(m->n ? m->n : 1, sizeof *r->line);
	memset(&r->total, 0, sizeof r->total);
	r->total.starts = r->total.full_from = DATE_NULL;
	for (size_t i = 0; i < m->n; i++) {
		compute_line(m, sc, i, &r->line[i]);
		line_add(&r->total, &r->line[i]);
	}
}

enum whatif_when
whatif_when(const struct whatif_model *m, const struct whatif_product *p, const struct whatif_line *l)
{
	if (!l->simulated || (l->seats_after == l->seats_before && l->flex_month == 0))
		return WHEN_UNCHANGED;
	if (l->starts == DATE_NULL)
		return WHEN_UNKNOWN;
	if (l->seats_after > l->seats_before)
		return WHEN_ADDED;
	if (l->unknown_start)
		return WHEN_REST_UNKNOWN;
	if (l->full_from != l->starts)
		return WHEN_STAGED;
	return p->term == TERM_MONTHLY || l->starts == m->next_month ? WHEN_NEXT_MONTH : WHEN_RENEWAL;
}

void
whatif_result_free(struct whatif_result *r)
{
	free(r->line);
	r->line = NULL;
	r->n = 0;
}

money_t
whatif_saving_at(const struct whatif_model *m, const struct whatif_scenario *sc, size_t i, int64_t t)
{
	money_t v = 0;
	for (size_t k = 0; k < m->n; k++) {
		struct part *pt;
		int n;
		if (i != SIZE_MAX && k != i)
			continue;
		n = product_parts(m, sc, k, &pt);
		for (int j = 0; j < n; j++)
			if (pt[j].start != DATE_NULL && pt[j].start <= t)
				v = money_add(v, part_month(&pt[j]));
		free(pt);
	}
	return v;
}

/* ---- undo ---- */

void
whatif_undo_push(struct whatif_undo *u, const struct whatif_scenario *sc)
{
	if (u->n == UNDO_MAX) {
		whatif_scenario_free(&u->s[0]);
		memmove(u->s, u->s + 1, (u->n - 1) * sizeof *u->s);
		u->n--;
	}
	if (u->n == u->cap) {
		u->cap = u->cap ? u->cap * 2 : 16;
		u->s = xreallocarray(u->s, u->cap, sizeof *u->s);
	}
	memset(&u->s[u->n], 0, sizeof u->s[u->n]);
	whatif_scenario_copy(&u->s[u->n], sc);
	u->n++;
}

int
whatif_undo_pop(struct whatif_undo *u, struct whatif_scenario *sc)
{
	if (u->n == 0)
		return 0;
	u->n--;
	whatif_scenario_copy(sc, &u->s[u->n]);
	whatif_scenario_free(&u->s[u->n]);
	return 1;
}

void
whatif_undo_free(struct whatif_undo *u)
{
	for (size_t i = 0; i < u->n; i++)
		whatif_scenario_free(&u->s[i]);
	free(u->s);
	memset(u, 0, sizeof *u);
}

/* ---- suggestions ---- */

static void
fmt_money(const struct whatif_model *m, money_t v, char *buf, size_t n)
{
	char num[64];
	if (v == MONEY_NULL) {
		snprintf(buf, n, "(overflow)");
		return;
	}
	money_format(v < 0 ? -v : v, 2, 2, ',', num, sizeof num);
	if (!strcmp(m->currency, "USD") || !m->currency[0])
		snprintf(buf, n, "%s$%s", v < 0 ? "-" : "", num);
	else
		snprintf(buf, n, "%s%s %s", v < 0 ? "-" : "", num, m->currency);
}

static void
add_suggestion(const struct whatif_model *m, struct whatif_suggestion **out, size_t *n, size_t i,
    enum whatif_rule rule, long long cut, money_t flex_days, const char *why)
{
	struct whatif_scenario sc;
	struct whatif_suggestion *s;
	whatif_scenario_init(&sc, m);
	sc.c[i].set = 1;
	sc.c[i].seats = m->p[i].seats - cut;
	sc.c[i].flex_days = flex_days;
	*out = xreallocarray(*out, *n + 1, sizeof **out);
	s = &(*out)[(*n)++];
	memset(s, 0, sizeof *s);
	s->product = i;
	s->rule = rule;
	s->cut = cut;
	s->flex_days = flex_days;
	compute_line(m, &sc, i, &s->effect);
	snprintf(s->why, sizeof s->why, "%s", why);
	whatif_scenario_free(&sc);
}

size_t
whatif_suggest(const struct whatif_model *m, struct whatif_suggestion **out)
{
	size_t n = 0;
	*out = NULL;
	for (size_t i = 0; i < m->n; i++) {
		const struct whatif_product *p = &m->p[i];
		const struct whatif_activity *a = &p->act;
		long long left = p->seats;
		char why[512];
		if (p->seats <= 0)
			continue;
		if (a->idle > 0) {
			long long c = a->idle < left ? a->idle : left;
			snprintf(why, sizeof why, "%lld of %lld seats are held by users inactive for %d days or more "
			    "(x_IdleSeats)", a->idle, p->seats, a->idle_threshold ? a->idle_threshold : m->idle_days);
			add_suggestion(m, out, &n, i, RULE_IDLE, c, 0, why);
			left -= c;
		}
		if (a->assigned >= 0 && p->seats - a->assigned > 0 && left > 0) {
			long long un = p->seats - a->assigned, c = un < left ? un : left;
			snprintf(why, sizeof why, "only %lld of %lld seats are assigned (x_AssignedSeats)", a->assigned,
			    p->seats);
			add_suggestion(m, out, &n, i, RULE_UNASSIGNED, c, 0, why);
			left -= c;
		}
		if (a->idle < 0 && a->assigned < 0 && a->nmonths > 0 && left > 0) {
			/* the busiest month of the idle window bounds the seats needed */
			int window = (m->idle_days + 29) / 30, used = 0;
			long long peak = -1;
			int64_t oldest = DATE_NULL;
			if (window > HISTORY)
				window = HISTORY;
			for (int k = 0; k < a->nmonths; k++)
				if (month_index(a->month[k]) > month_index(m->as_of) - window) {
					if (a->month_active[k] > peak)
						peak = a->month_active[k];
					oldest = a->month[k];
					used++;
				}
			if (used > 0 && peak < p->seats) {
				long long c = p->seats - peak < left ? p->seats - peak : left;
				char from[21], to[21];
				date_format(oldest, from);
				date_format(m->as_of, to);
				from[7] = to[7] = '\0';
				snprintf(why, sizeof why, "at most %lld of %lld seats were active in any month %s..%s "
				    "(x_ActiveSeats; idle window %d days%s)", peak, p->seats, from, to, m->idle_days,
				    used < window ? ", fewer months in the data" : "");
				add_suggestion(m, out, &n, i, RULE_PEAK, c, 0, why);
				left -= c;
			}
		}
		if (a->occasional > 0 && left > 0 && p->flex_tokens_per_day != MONEY_NULL &&
		    m->token_price != MONEY_NULL) {
			long long c = a->occasional < left ? a->occasional : left;
			money_t days = a->occasional_days;
			money_t flex, seat;
			if (c < a->occasional)
				days = money_div(money_mul(days, money_from_int(c)), money_from_int(a->occasional));
			flex = flex_cost(m, p, days);
			seat = seat_cost(c, p->unit_price, 1, p->price_months);
			if (seat > flex) {
				char fs[96], ss[96], ds[64], ts[64];
				fmt_money(m, flex, fs, sizeof fs);
				fmt_money(m, seat, ss, sizeof ss);
				money_format(days, 1, 0, 0, ds, sizeof ds);
				money_format(p->flex_tokens_per_day, -1, 0, 0, ts, sizeof ts);
				snprintf(why, sizeof why, "%lld users work under %d days a month (%s use-days a month in "
				    "all, x_OccasionalSeats): Flex at %s tokens a day costs %s a month, their seats %s",
				    c, m->occasional_days, ds, ts, fs, ss);
				add_suggestion(m, out, &n, i, RULE_FLEX, c, days, why);
			}
		}
	}
	return n;
}

void
whatif_suggestion_apply(const struct whatif_model *m, struct whatif_scenario *sc, const struct whatif_suggestion *s)
{
	size_t i = s->product;
	long long seats;
	if (i >= m->n || i >= sc->n)
		return;
	seats = whatif_seats(m, sc, i) - s->cut;
	if (seats < 0)
		seats = 0;
	sc->c[i].flex_days += s->flex_days;
	sc->c[i].seats = seats;
	sc->c[i].set = 1;
}

char *
whatif_scenario_spec(const struct whatif_model *m, const struct whatif_scenario *sc)
{
	char *out = xstrdup("");
	for (size_t i = 0; i < m->n && i < sc->n; i++) {
		char *next, days[64] = "";
		if (!sc->c[i].set)
			continue;
		if (sc->c[i].flex_days) {
			char d[48];
			money_format(sc->c[i].flex_days, -1, 0, 0, d, sizeof d);
			snprintf(days, sizeof days, " flex %s", d);
		}
		xasprintf(&next, "%s%s%s=%lld%s", out, *out ? "," : "", m->p[i].label, sc->c[i].seats, days);
		free(out);
		out = next;
	}
	return out;
}

/* ---- scenario files ---- */

#define SCENARIO_MAGIC "# focal scenario"

int
whatif_scenario_load(const struct whatif_model *m, const char *path, struct whatif_scenario *sc, char *err,
    size_t errlen)
{
	FILE *f = fopen(path, "rb");
	struct whatif_scenario tmp = {0};
	unsigned char *given;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	unsigned long ln = 0;
	int rc = 0, seen_magic = 0;

	if (f == NULL) {
		seterr(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	whatif_scenario_init(&tmp, m);
	given = xcalloc(m->n ? m->n : 1, 1);
	while (rc == 0 && (len = getline(&line, &cap, f)) >= 0) {
		char *s = line, *eq, *hash, msg[1400];
		size_t n;
		int i;
		long long seats;
		money_t flex;
		ln++;
		if (ln * 128 > SCENARIO_MAX_SIZE || (size_t)len > 4096) {
			seterr(err, errlen, "%s:%lu: line too long, or too many lines: not a scenario file", path, ln);
			rc = -1;
			break;
		}
		if (memchr(line, '\0', (size_t)len)) {
			seterr(err, errlen, "%s:%lu: binary data: not a scenario file", path, ln);
			rc = -1;
			break;
		}
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (!seen_magic) {
			if (strncmp(line, SCENARIO_MAGIC, strlen(SCENARIO_MAGIC)) != 0) {
				seterr(err, errlen, "%s:%lu: not a focal scenario file (the first line must be '%s')", path,
				    ln, SCENARIO_MAGIC);
				rc = -1;
				break;
			}
			seen_magic = 1;
			continue;
		}
		/* comments: whole lines, or " # ..." after a value */
		if ((hash = strstr(s, " #")) != NULL || (hash = strstr(s, "\t#")) != NULL)
			*hash = '\0';
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '#' || *s == '\0')
			continue;
		eq = strrchr(s, '=');
		if (eq == NULL) {
			seterr(err, errlen, "%s:%lu: expected PRODUCT = SEATS", path, ln);
			rc = -1;
			break;
		}
		n = (size_t)(eq - s);
		if ((i = find_span(m, s, n, msg, sizeof msg)) < 0) {
			seterr(err, errlen, "%s:%lu: %s", path, ln, msg);
			rc = -1;
			break;
		}
		if (given[i]) {
			seterr(err, errlen, "%s:%lu: %s is given twice", path, ln, m->p[i].label);
			rc = -1;
			break;
		}
		given[i] = 1;
		if (parse_change(m->p[i].label, m->p[i].seats, eq + 1, strlen(eq + 1), &seats, &flex, msg,
		    sizeof msg) != 0 || whatif_scenario_set(m, &tmp, (size_t)i, seats, flex, msg, sizeof msg) != 0) {
			seterr(err, errlen, "%s:%lu: %s", path, ln, msg);
			rc = -1;
			break;
		}
	}
	if (rc == 0 && ferror(f)) {
		seterr(err, errlen, "%s: %s", path, strerror(errno));
		rc = -1;
	}
	if (rc == 0 && !seen_magic) {
		seterr(err, errlen, "%s:1: empty file: not a focal scenario file", path);
		rc = -1;
	}
	if (rc == 0)
		whatif_scenario_copy(sc, &tmp);
	fclose(f);
	free(line);
	free(given);
	whatif_scenario_free(&tmp);
	return rc;
}

FILE *
whatif_file_create(const char *path, char **tmp, char *err, size_t errlen)
{
	int fd;
	FILE *f;
	xasprintf(tmp, "%s.tmpXXXXXX", path);
	fd = mkstemp(*tmp);
	if (fd < 0) {
		seterr(err, errlen, "%s: cannot create a temporary file next to it: %s", path, strerror(errno));
		free(*tmp);
		*tmp = NULL;
		return NULL;
	}
	fchmod(fd, 0644);
	f = fdopen(fd, "w");
	if (f == NULL) {
		seterr(err, errlen, "%s: %s", path, strerror(errno));
		close(fd);
		unlink(*tmp);
		free(*tmp);
		*tmp = NULL;
	}
	return f;
}

int
whatif_file_commit(FILE *f, char *tmp, const char *path, int force, char *err, size_t errlen)
{
	int rc = 0;
	if (fflush(f) != 0 || ferror(f) || fsync(fileno(f)) != 0) {
		seterr(err, errlen, "%s: writing: %s", path, strerror(errno));
		rc = -1;
	}
	if (fclose(f) != 0 && rc == 0) {
		seterr(err, errlen, "%s: writing: %s", path, strerror(errno));
		rc = -1;
	}
	if (rc == 0 && force) {
		if (rename(tmp, path) != 0) {
			seterr(err, errlen, "%s: %s", path, strerror(errno));
			rc = -1;
		}
	} else if (rc == 0) {
		/* link(2) never replaces: no window where an existing file is overwritten */
		if (link(tmp, path) != 0) {
			struct stat sb;
			if (errno == EEXIST) {
				seterr(err, errlen, "%s exists; use --force to replace it", path);
				rc = -1;
			} else if (stat(path, &sb) == 0) {
				seterr(err, errlen, "%s exists; use --force to replace it", path);
				rc = -1;
			} else if (rename(tmp, path) != 0) {
				seterr(err, errlen, "%s: %s", path, strerror(errno));
				rc = -1;
			}
		}
	}
	unlink(tmp);
	free(tmp);
	return rc;
}

int
whatif_scenario_save(const struct whatif_model *m, const struct whatif_scenario *sc, const char *path, int force,
    char *err, size_t errlen)
{
	char *tmp, day[21];
	FILE *f;

	for (size_t i = 0; i < m->n && i < sc->n; i++) {
		const unsigned char *c = (const unsigned char *)m->p[i].label;
		if (!sc->c[i].set)
			continue;
		for (; *c; c++)
			if (*c < 0x20 || *c == 0x7f || *c == '#') {
				seterr(err, errlen, "%s: the product name has a control character or '#' and cannot be "
				    "written to a scenario file", m->p[i].label);
				return -1;
			}
	}
	if ((f = whatif_file_create(path, &tmp, err, errlen)) == NULL)
		return -1;
	date_format(m->as_of, day);
	day[10] = '\0';
	fprintf(f, "%s 1\n", SCENARIO_MAGIC);
	fprintf(f, "# Seat counts for focal whatif --scenario and the explorer's what-if panel.\n");
	fprintf(f, "# PRODUCT = SEATS [flex DAYS]; baseline as of %s. See focal(1).\n", day);
	for (size_t i = 0; i < m->n && i < sc->n; i++) {
		if (!sc->c[i].set)
			continue;
		fprintf(f, "%s = %lld", m->p[i].label, sc->c[i].seats);
		if (sc->c[i].flex_days) {
			char d[48];
			money_format(sc->c[i].flex_days, -1, 0, 0, d, sizeof d);
			fprintf(f, " flex %s", d);
		}
		fprintf(f, "\t# was %lld\n", m->p[i].seats);
	}
	return whatif_file_commit(f, tmp, path, force, err, errlen);
}
