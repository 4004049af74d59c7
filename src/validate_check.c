/* validate_check.c - the checks behind the rules: value formats, allowed
 * values, JSON, and the cross-column rules (check_cross); and the table of
 * rules and the recording of each failure found (validate_want,
 * validate_record). A rule whose columns are absent from a file is skipped
 * before it gets here. */
#include "validate_int.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

/* ---- the rules, and what they find ---- */

const char validate_novalue[] = "";

const struct rule validate_rule_table[R_COUNT] = {
#define X(name, id, level, kind, col, d1, d2, desc) {id, level, kind, col, d1, d2, desc},
	VALIDATE_RULES(X)
#undef X
};

/* Quoted, truncated, with control and non-ASCII bytes as \xNN: data never
 * reaches the terminal raw, and the report stays ASCII. */
char *
validate_sanitize_n(const char *s, size_t max, char *buf, size_t n, int quote)
{
	static const char hex[] = "0123456789abcdef";
	size_t o = 0, i;

	if (quote)
		buf[o++] = '"';
	for (i = 0; i < max && s[i] && o + 8 < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c >= 0x7f) {
			buf[o++] = '\\';
			buf[o++] = 'x';
			buf[o++] = hex[c >> 4];
			buf[o++] = hex[c & 15];
		} else
			buf[o++] = (char)c;
	}
	if (quote)
		buf[o++] = '"';
	if (s[i]) {
		memcpy(buf + o, "...", 3);
		o += 3;
	}
	buf[o] = '\0';
	return buf;
}

char *
validate_sanitize(const char *s, char *buf, size_t n, int quote)
{
	return validate_sanitize_n(s, VAL_SHOW, buf, n, quote);
}

/* Counts a failure; says whether there is room to record where. */
int
validate_want(struct validator *v, int r)
{
	struct rstat *st = &v->cur->st[r];

	st->count++;
	if (st->nloc >= v->keep)
		return 0;
	if (!st->loc && !(st->loc = malloc((size_t)v->keep * LOC_LEN)))
		return 0;
	return 1;
}

void
validate_record(struct validator *v, int r, unsigned long line, int fi, const char *value, const char *fmt, ...)
{
	struct rstat *st = &v->cur->st[r];
	char *b = st->loc + (size_t)st->nloc++ * LOC_LEN, tmp[VAL_SHOW * 4 + 8];
	size_t o;
	int k;
	va_list ap;

	k = line ? snprintf(b, LOC_LEN, "line %lu", line) : snprintf(b, LOC_LEN, "header");
	o = (size_t)k;
	if (fi >= 0 && o < LOC_LEN)
		o += (size_t)snprintf(b + o, LOC_LEN - o, " col %d (%s)", fi + 1,
		    v->cur->names[fi] ? v->cur->names[fi] : "?");
	if (o < LOC_LEN)
		o += (size_t)snprintf(b + o, LOC_LEN - o, ": ");
	if (value != validate_novalue && o < LOC_LEN)
		o += (size_t)snprintf(b + o, LOC_LEN - o, "%s ",
		    value ? validate_sanitize(value, tmp, sizeof tmp, 1) : "NULL");
	if (o < LOC_LEN) {
		va_start(ap, fmt);
		vsnprintf(b + o, LOC_LEN - o, fmt, ap);
		va_end(ap);
	}
}

/* ---- the checks ---- */

/* Columns that follow SkuPriceId: NULL when it is NULL (FOCUS 1.3). */
static const int sku_price_followers[] = {
	FC_ListUnitPrice, FC_ContractedUnitPrice, FC_PricingCurrencyListUnitPrice,
	FC_PricingCurrencyContractedUnitPrice, FC_PricingQuantity, FC_PricingCategory,
	FC_ConsumedQuantity, FC_CommitmentDiscountQuantity, FC_SkuPriceDetails,
};
/* ... and these must be set when it is set */
static const int sku_price_required[] = {FC_ListUnitPrice, FC_ContractedUnitPrice};

int
validate_is_blank(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return !*s;
}

static int
is(const char *s, const char *lit)
{
	return s && strcmp(s, lit) == 0;
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* NumericFormat: -?([0-9]*\.)?[0-9]+([eE]-?[0-9]+)? - the validator's regex
 * without the '+' it wrongly accepts. */
static int
numeric_ok(const char *s)
{
	const char *p = s;
	int n = 0;

	if (*p == '-')
		p++;
	while (is_digit(*p))
		p++, n++;
	if (*p == '.') {
		p++;
		n = 0;
		while (is_digit(*p))
			p++, n++;
	}
	if (!n)
		return 0;
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '-')
			p++;
		if (!is_digit(*p))
			return 0;
		while (is_digit(*p))
			p++;
	}
	return !*p;
}

static int
num2(const char *s)
{
	return (s[0] - '0') * 10 + (s[1] - '0');
}

/* 0: YYYY-MM-DDTHH:MM:SSZ and a real date; 1: the shape but not a real
 * date; -1: not the shape */
static int
datetime_check(const char *s)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
	static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y, m, d;

	for (int i = 0; i < 20; i++)
		if (shape[i] == 'd' ? !is_digit(s[i]) : s[i] != shape[i])
			return -1;
	if (s[20])
		return -1;
	y = num2(s) * 100 + num2(s + 2);
	m = num2(s + 5);
	d = num2(s + 8);
	if (m < 1 || m > 12 || d < 1 || num2(s + 11) > 23 || num2(s + 14) > 59 || num2(s + 17) > 59)
		return 1;
	if (d > dm[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)))
		return 1;
	return 0;
}

/* The lenient readers name what is wrong: "number carries a currency symbol". */
static const char *
explain_devs(unsigned dev, char *buf, size_t n)
{
	size_t o = 0;

	buf[0] = '\0';
	for (int d = 0; d < DEV_COUNT; d++)
		if ((dev & DEVBIT(d)) && o + 4 < n)
			o += (size_t)snprintf(buf + o, n - o, "%s%s", o ? ", " : "",
			    value_dev_message((enum value_dev)d));
	return buf;
}

static const char *
explain_numeric(const char *s, char *buf, size_t n)
{
	money_t m;
	unsigned dev = 0;
	int rc = money_parse(s, strlen(s), &m, &dev);

	if (rc == 0 && (dev & ~DEVBIT(DEV_ROUNDED))) {
		size_t o = (size_t)snprintf(buf, n, "not NumericFormat: ");
		if (o < n)
			explain_devs(dev & ~DEVBIT(DEV_ROUNDED), buf + o, n - o);
		return buf;
	}
	if (rc == -2)
		return "number out of range";
	if (rc == 0)
		return "not NumericFormat (e.g. -12.5 or 3.52E-6)";
	return "not a number";
}

static const char *
explain_datetime(const char *s, char *buf, size_t n)
{
	int64_t t;
	unsigned dev = 0;
	size_t o;

	if (datetime_check(s) == 1)
		return "not a real date and time";
	o = (size_t)snprintf(buf, n, "not YYYY-MM-DDTHH:MM:SSZ");
	if (date_parse(s, strlen(s), &t, &dev) == 0 && dev && o + 2 < n) {
		memcpy(buf + o, ": ", 3);
		explain_devs(dev, buf + o + 2, n - o - 2);
	}
	return buf;
}

static const char *
explain_enum(int col, const char *s, char *buf, size_t n)
{
	enum focus_enum e = focus_columns[col].enumeration;
	const char *const *vals = focus_enum_values(e);
	size_t o, k = 0;

	for (const char *const *p = vals; *p; p++, k++)
		if (text_casecmp(*p, s) == 0) {
			snprintf(buf, n, "differs in case from \"%s\"", *p);
			return buf;
		}
	if (e == FE_CURRENCY)
		return "not an ISO 4217 national currency code";
	if (k > 5) {
		snprintf(buf, n, "not a %s value", focus_columns[col].name);
		return buf;
	}
	o = (size_t)snprintf(buf, n, "not in {");
	for (const char *const *p = vals; *p && o < n; p++)
		o += (size_t)snprintf(buf + o, n - o, "%s%s", p == vals ? "" : ", ", *p);
	if (o + 2 <= n)
		memcpy(buf + o, "}", 2);
	return buf;
}

static uint32_t
fnv1a(const char *s)
{
	uint32_t h = 2166136261u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h ? h : 1;
}

/* One open-addressing table per enumeration: a lookup is a hash and one
 * strcmp, where a scan of ServiceSubcategory would be 82. */
void
validate_enum_index(struct validator *v)
{
	for (int e = FE_NONE + 1; e < FE_CURRENCY; e++) {
		const char *const *vals = focus_enum_values((enum focus_enum)e);
		for (int i = 0; vals && vals[i]; i++) {
			unsigned k = fnv1a(vals[i]) & (EHASH - 1);
			while (v->ehash[e][k])
				k = (k + 1) & (EHASH - 1);
			v->ehash[e][k] = (unsigned char)(i + 1);
			if (e == FE_SERVICE_SUBCATEGORY && i < EHASH)
				v->parent[i] = focus_subcategory_parent(vals[i]);
		}
	}
}

/* Index of s among the values of enumeration e, or -1. */
static int
enum_find(const struct validator *v, enum focus_enum e, const char *s)
{
	const char *const *vals = focus_enum_values(e);

	for (unsigned k = fnv1a(s) & (EHASH - 1); v->ehash[e][k]; k = (k + 1) & (EHASH - 1))
		if (strcmp(vals[v->ehash[e][k] - 1], s) == 0)
			return v->ehash[e][k] - 1;
	return -1;
}

static int
enum_ok(const struct validator *v, int col, const char *s)
{
	enum focus_enum e = focus_columns[col].enumeration;

	if (e == FE_CURRENCY)
		return focus_enum_has(e, s);
	return enum_find(v, e, s) >= 0;
}

/* Decimal places written in s ("1.50" 2, "1.5E-3" 4). */
static int
text_decimals(const char *s)
{
	const char *p = strchr(s, '.');
	int d = 0;

	if (p)
		for (p++; is_digit(*p); p++)
			d++;
	if ((p = strpbrk(s, "eE"))) {
		long e = strtol(p + 1, NULL, 10);	/* saturates, unlike atoi */
		d -= (int)(e > 1000 ? 1000 : e < -1000 ? -1000 : e);
	}
	return d;
}

static money_t
money_abs(money_t m)
{
	return m < 0 ? -m : m;
}

static double
dabs(double x)
{
	return x < 0 ? -x : x;
}

/* cost = price x qty within half a unit of the cost's last written decimal,
 * or 1e-9 relative: files print rounded costs of unrounded products. */
static void
check_product(struct validator *v, int r, unsigned long line, int ccost, int cprice, int cqty)
{
	const char *cs = v->val[ccost], *ps = v->val[cprice], *qs = v->val[cqty];
	money_t c, p, q, prod, diff, tol, half, rel;
	unsigned dev = 0;
	int d;
	char a[64], b[64], t1[VAL_SHOW * 4 + 8], t2[VAL_SHOW * 4 + 8];

	if (!cs || !ps || !qs || money_parse(cs, strlen(cs), &c, &dev) ||
	    money_parse(ps, strlen(ps), &p, &dev) || money_parse(qs, strlen(qs), &q, &dev))
		return;
	prod = money_mul(p, q);
	if (prod == MONEY_NULL) {
		/* the product is beyond 10^19: compare in floating point, 1e-9 relative */
		double dc = money_to_double(c), dp = money_to_double(p) * money_to_double(q);
		if (dabs(dc - dp) > 1e-9 * (dabs(dc) > dabs(dp) ? dabs(dc) : dabs(dp)))
			FAIL(r, line, v->cur->idx[ccost], cs, "!= %s x %s = %.17g",
			    focus_columns[cprice].name, focus_columns[cqty].name, dp);
		return;
	}
	diff = money_abs(c - prod);
	d = text_decimals(cs);
	if (d >= MONEY_DIGITS) {
		half = 1;
	} else {
		if (d < -MONEY_DIGITS)
			d = -MONEY_DIGITS;
		half = 5;
		for (int i = d; i < MONEY_DIGITS - 1; i++)
			half *= 10;
	}
	rel = (money_abs(c) > money_abs(prod) ? money_abs(c) : money_abs(prod)) / 1000000000;
	tol = half > rel ? half : rel;
	if (diff > tol) {
		money_format(prod, -1, 0, 0, a, sizeof a);
		money_format(c - prod, -1, 0, 0, b, sizeof b);
		FAIL(r, line, v->cur->idx[ccost], cs, "!= %s %s x %s %s = %s (off by %s)",
		    focus_columns[cprice].name, validate_sanitize(ps, t1, sizeof t1, 0),
		    focus_columns[cqty].name, validate_sanitize(qs, t2, sizeof t2, 0), a, b);
	}
}

/* Start < End; lexical order is time order for the strict format. */
static void
check_order(struct validator *v, int r, unsigned long line, int cstart, int cend)
{
	const char *s = v->val[cstart], *e = v->val[cend];
	int64_t ts, te;
	unsigned dev = 0;
	char t1[VAL_SHOW * 4 + 8];

	if (!s || !e)
		return;
	if (datetime_check(s) == 0 && datetime_check(e) == 0) {
		if (strcmp(s, e) < 0)
			return;
	} else if (date_parse(s, strlen(s), &ts, &dev) || date_parse(e, strlen(e), &te, &dev) || ts < te)
		return;
	FAIL(r, line, v->cur->idx[cstart], s, "is not before %s %s", focus_columns[cend].name,
	    validate_sanitize(e, t1, sizeof t1, 1));
}

/* Copies s into the arena; 0 when the arena is full. */
uint32_t
validate_arena_add(struct validator *v, const char *s)
{
	size_t n = strlen(s) + 1;

	if (v->alen + n > v->acap) {
		size_t cap = v->acap ? v->acap * 2 : 4096;
		char *a;
		while (cap < v->alen + n)
			cap *= 2;
		if (cap > ARENA_MAX || !(a = realloc(v->arena, cap)))
			return 0;
		v->arena = a;
		v->acap = cap;
	}
	memcpy(v->arena + v->alen, s, n);
	v->alen += n;
	return (uint32_t)(v->alen - n);
}

static struct svc *
svc_find(struct validator *v, const char *name)
{
	uint32_t h = fnv1a(name);
	size_t mask = v->svccap - 1, i;

	if (!v->svc)
		return NULL;
	if (v->nsvc * 2 >= v->svccap) {
		size_t cap = v->svccap * 2;
		struct svc *t;
		if (cap / 2 > SVC_MAX || !(t = calloc(cap, sizeof *t))) {
			/* full: keep checking the names we have, stop adding */
			for (i = h & mask; v->svc[i].hash; i = (i + 1) & mask)
				if (v->svc[i].hash == h && strcmp(v->arena + v->svc[i].name, name) == 0)
					return &v->svc[i];
			v->cur->svc_capped = 1;
			return NULL;
		}
		for (size_t j = 0; j < v->svccap; j++)
			if (v->svc[j].hash) {
				size_t k = v->svc[j].hash & (cap - 1);
				while (t[k].hash)
					k = (k + 1) & (cap - 1);
				t[k] = v->svc[j];
			}
		free(v->svc);
		v->svc = t;
		v->svccap = cap;
		mask = cap - 1;
	}
	for (i = h & mask; v->svc[i].hash; i = (i + 1) & mask)
		if (v->svc[i].hash == h && strcmp(v->arena + v->svc[i].name, name) == 0)
			return &v->svc[i];
	if (!(v->svc[i].name = validate_arena_add(v, name))) {
		v->cur->svc_capped = 1;
		return NULL;
	}
	v->svc[i].hash = h;
	v->svc[i].cat = v->svc[i].sub = 0;
	v->nsvc++;
	return &v->svc[i];
}

static void
check_service(struct validator *v, unsigned long line)
{
	const char *name = v->val[FC_ServiceName], *cat = v->val[FC_ServiceCategory];
	const char *sub = v->val[FC_ServiceSubcategory];
	struct svc *e;
	char t1[VAL_SHOW * 4 + 8];
	int rc = R_ServiceName_category, rs = R_ServiceName_subcategory;

	if (!name || !(e = svc_find(v, name)))
		return;
	if (cat && !v->cur->st[rc].skip) {
		if (!e->cat) {
			e->cat = validate_arena_add(v, cat);
			e->line = line;
		} else if (strcmp(v->arena + e->cat, cat) != 0)
			FAIL(rc, line, v->cur->idx[FC_ServiceCategory], cat,
			    "but ServiceName %s had \"%s\" at line %lu", validate_sanitize(name, t1, sizeof t1, 1),
			    v->arena + e->cat, e->line);
	}
	if (sub && !v->cur->st[rs].skip) {
		if (!e->sub) {
			e->sub = validate_arena_add(v, sub);
			e->subline = line;
		} else if (strcmp(v->arena + e->sub, sub) != 0)
			FAIL(rs, line, v->cur->idx[FC_ServiceSubcategory], sub,
			    "but ServiceName %s had \"%s\" at line %lu", validate_sanitize(name, t1, sizeof t1, 1),
			    v->arena + e->sub, e->subline);
	}
}

#define V(c) (v->val[FC_##c])
#define FI(c) (v->cur->idx[FC_##c])

static void
check_cross(struct validator *v, int r, unsigned long line)
{
	char t1[VAL_SHOW * 4 + 8];

	switch (r) {
	case R_CommitmentDiscountStatus_null:
	case R_CapacityReservationStatus_null: {
		int cs = validate_rule_table[r].col, ci = validate_rule_table[r].dep1;
		const char *st = v->val[cs], *id = v->val[ci];
		if (st && !id)
			FAIL(r, line, v->cur->idx[cs], st, "while %s is NULL", focus_columns[ci].name);
		else if (!st && id && is(V(ChargeCategory), "Usage"))
			FAIL(r, line, v->cur->idx[cs], NULL, "on a Usage row with %s %s",
			    focus_columns[ci].name, validate_sanitize(id, t1, sizeof t1, 1));
		break;
	}
	case R_CommitmentDiscountQuantity_null: {
		const char *q = V(CommitmentDiscountQuantity), *cat = V(ChargeCategory);
		if (!q)
			break;
		if (!V(CommitmentDiscountId))
			FAIL(r, line, FI(CommitmentDiscountQuantity), q, "while CommitmentDiscountId is NULL");
		else if (cat && !is(cat, "Usage") && !is(cat, "Purchase"))
			FAIL(r, line, FI(CommitmentDiscountQuantity), q, "on a %s row",
			    validate_sanitize(cat, t1, sizeof t1, 0));
		break;
	}
	case R_ChargeFrequency_purchase:
		if (is(V(ChargeFrequency), "Usage-Based") && is(V(ChargeCategory), "Purchase"))
			FAIL(r, line, FI(ChargeFrequency), V(ChargeFrequency), "on a Purchase row");
		break;
	case R_ConsumedQuantity_usage:
		if (V(ConsumedQuantity) && V(ChargeCategory) && !is(V(ChargeCategory), "Usage"))
			FAIL(r, line, FI(ConsumedQuantity), V(ConsumedQuantity), "on a %s row",
			    validate_sanitize(V(ChargeCategory), t1, sizeof t1, 0));
		break;
	case R_ConsumedQuantity_unused:
		if (V(ConsumedQuantity) && is(V(CommitmentDiscountStatus), "Unused"))
			FAIL(r, line, FI(ConsumedQuantity), V(ConsumedQuantity),
			    "while CommitmentDiscountStatus is Unused");
		break;
	case R_SkuPriceId_coupling:
		if (!V(SkuPriceId)) {
			for (size_t i = 0; i < sizeof sku_price_followers / sizeof *sku_price_followers; i++) {
				int c = sku_price_followers[i];
				if (v->val[c])
					FAIL(r, line, v->cur->idx[c], v->val[c], "while SkuPriceId is NULL");
			}
		} else {
			for (size_t i = 0; i < sizeof sku_price_required / sizeof *sku_price_required; i++) {
				int c = sku_price_required[i];
				if (v->cur->idx[c] >= 0 && !v->val[c])
					FAIL(r, line, v->cur->idx[c], NULL, "while SkuPriceId is %s",
					    validate_sanitize(V(SkuPriceId), t1, sizeof t1, 1));
			}
		}
		break;
	case R_ListCost_product:
		check_product(v, r, line, FC_ListCost, FC_ListUnitPrice, FC_PricingQuantity);
		break;
	case R_ContractedCost_product:
		check_product(v, r, line, FC_ContractedCost, FC_ContractedUnitPrice, FC_PricingQuantity);
		break;
	case R_ServiceSubcategory_parent: {
		const char *sub = V(ServiceSubcategory), *cat = V(ServiceCategory), *parent;
		int i = sub ? enum_find(v, FE_SERVICE_SUBCATEGORY, sub) : -1;
		/* an unknown subcategory is the enum rule's business */
		if (i < 0 || !cat)
			break;
		parent = v->parent[i];
		if (parent && strcmp(parent, cat) != 0)
			FAIL(r, line, FI(ServiceSubcategory), sub, "belongs to \"%s\", not ServiceCategory %s",
			    parent, validate_sanitize(cat, t1, sizeof t1, 1));
		break;
	}
	case R_ServiceName_category:
		check_service(v, line);
		break;
	case R_ServiceName_subcategory:
		/* done by check_service unless the category rule is skipped */
		if (v->cur->st[R_ServiceName_category].skip)
			check_service(v, line);
		break;
	case R_BillingPeriod_order:
		check_order(v, r, line, FC_BillingPeriodStart, FC_BillingPeriodEnd);
		break;
	case R_ChargePeriod_order:
		check_order(v, r, line, FC_ChargePeriodStart, FC_ChargePeriodEnd);
		break;
	}
}

static uint64_t
hash_bytes(const char *s, size_t n)
{
	uint64_t h = 0x9e3779b97f4a7c15u ^ n, w;

	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdu;
		h ^= h >> 32;
	}
	w = 0;
	memcpy(&w, s, n);
	h = (h ^ w) * 0xc4ceb9fe1a85ec53u;
	return h ^ (h >> 29);
}

/* An open-addressing set of texts known to be valid; when it fills up it is
 * emptied, so memory stays bounded and a file of distinct texts only pays a hash. */
static int
json_ok(struct validator *v, const char *s, int keyvalue, char *why, size_t n)
{
	size_t len = strlen(s), i;
	uint64_t h;

	if (len == 0 || len > JCACHE_TEXT || (!v->jslot && !(v->jslot = calloc(JCACHE, sizeof *v->jslot))) ||
	    (!v->jtext && !(v->jtext = malloc(JCACHE_ARENA))))
		return v->json(v->json_ctx, s, keyvalue, why, n) == 0;
	h = hash_bytes(s, len) ^ (uint64_t)keyvalue;
	for (i = h & (JCACHE - 1); v->jslot[i].len; i = (i + 1) & (JCACHE - 1))
		if (v->jslot[i].hash == h && v->jslot[i].len == len && memcmp(v->jtext + v->jslot[i].off, s, len) == 0)
			return 1;
	if (v->json(v->json_ctx, s, keyvalue, why, n) != 0)
		return 0;
	if (v->njson >= JCACHE / 2 || v->jlen + len > JCACHE_ARENA) {
		memset(v->jslot, 0, JCACHE * sizeof *v->jslot);
		v->njson = v->jlen = 0;
		for (i = h & (JCACHE - 1); v->jslot[i].len; i = (i + 1) & (JCACHE - 1))
			;
	}
	v->jslot[i].hash = h;
	v->jslot[i].len = (uint32_t)len;
	v->jslot[i].off = (uint32_t)v->jlen;
	memcpy(v->jtext + v->jlen, s, len);
	v->jlen += len;
	v->njson++;
	return 1;
}

/* The per-column and coupling rules: one switch on the kind. */
void
validate_check_rule(struct validator *v, int r, unsigned long line)
{
	const struct rule *ru = &validate_rule_table[r];
	const char *s = v->val[ru->col];
	int fi = v->cur->idx[ru->col];
	char why[160];

	switch (ru->kind) {
	case K_NOTNULL:
		if (!s)
			FAIL(r, line, fi, NULL, "in a column that is not nullable");
		break;
	case K_NUMERIC:
		if (s && !numeric_ok(s))
			FAIL(r, line, fi, s, "%s", explain_numeric(s, why, sizeof why));
		break;
	case K_NONNEG: {
		money_t m;
		if (s && strchr(s, '-') && money_parse(s, strlen(s), &m, NULL) == 0 && m < 0)
			FAIL(r, line, fi, s, "is negative");
		break;
	}
	case K_DATETIME:
		if (s && datetime_check(s) != 0)
			FAIL(r, line, fi, s, "%s", explain_datetime(s, why, sizeof why));
		break;
	case K_KEYVALUE:
	case K_JSON:
		why[0] = '\0';
		if (s && !json_ok(v, s, ru->kind == K_KEYVALUE, why, sizeof why))
			FAIL(r, line, fi, s, "%s", why[0] ? why : "is not a valid JSON object");
		break;
	case K_ENUM:
		if (s && !enum_ok(v, ru->col, s))
			FAIL(r, line, fi, s, "%s", explain_enum(ru->col, s, why, sizeof why));
		break;
	case K_NULLIFF:
		if (!s != !v->val[ru->dep1]) {
			const char *o = v->val[ru->dep1];
			FAIL(r, line, fi, s, "while %s is %s", focus_columns[ru->dep1].name,
			    o ? validate_sanitize(o, why, sizeof why, 1) : "NULL");
		}
		break;
	case K_NULLWHEN:
		if (s && !v->val[ru->dep1])
			FAIL(r, line, fi, s, "while %s is NULL", focus_columns[ru->dep1].name);
		break;
	case K_TAXNULL:
		if (s && is(V(ChargeCategory), "Tax"))
			FAIL(r, line, fi, s, "on a Tax row");
		break;
	case K_CROSS:
		check_cross(v, r, line);
		break;
	case K_HEADER:
	case K_RECORD:
		break;
	}
}
