/* validate.c - FOCUS 1.3 conformance rules over raw CSV rows (see validate.h).
 *
 * Every rule is one line of VALIDATE_RULES; the report is generated from it.
 * Per-column rules are generic (kind + column); the cross-column ones are in
 * check_cross. A rule whose columns are absent from a file is skipped there. */
#include "validate.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "focus.h"
#include "text.h"
#include "value.h"

enum level { MUST, SHOULD };

enum kind {
	K_HEADER,	/* decided once per file from the header */
	K_RECORD,	/* the record as a whole */
	K_NOTNULL,
	K_NUMERIC,
	K_NONNEG,
	K_DATETIME,
	K_KEYVALUE,
	K_JSON,
	K_ENUM,
	K_NULLIFF,	/* col NULL iff dep1 NULL */
	K_NULLWHEN,	/* col NULL when dep1 NULL */
	K_TAXNULL,	/* col NULL when ChargeCategory = Tax */
	K_CROSS,	/* its own code in check_cross */
};

#define N FC_CUSTOM	/* no column */

/* Rule families, so that each rule stays one line in the table. */
#define NOTNULL(X, c) X(c##_notnull, "CAU-" #c "-notnull", MUST, K_NOTNULL, FC_##c, N, N, #c " is not NULL")
#define NUMERIC(X, c) X(c##_numeric, "CAU-" #c "-numeric", MUST, K_NUMERIC, FC_##c, N, N, \
	#c " is NumericFormat: no separators, symbols, spaces or '+'")
#define NONNEG(X, c) X(c##_nonneg, "CAU-" #c "-nonnegative", MUST, K_NONNEG, FC_##c, N, N, #c " is >= 0")
#define DATETIME(X, c) X(c##_datetime, "CAU-" #c "-datetime", MUST, K_DATETIME, FC_##c, N, N, \
	#c " is a real date-time written YYYY-MM-DDTHH:MM:SSZ")
#define KEYVALUE(X, c) X(c##_json, "CAU-" #c "-keyvalue", MUST, K_KEYVALUE, FC_##c, N, N, \
	#c " is a flat JSON object with unique keys (KeyValueFormat)")
#define JSONOBJ(X, c) X(c##_json, "CAU-" #c "-json", MUST, K_JSON, FC_##c, N, N, \
	#c " is a JSON object with unique keys (JsonObjectFormat)")
#define ENUM(X, c) X(c##_enum, "CAU-" #c "-enum", MUST, K_ENUM, FC_##c, N, N, \
	#c " is one of its allowed values (case-sensitive)")
#define NULLIFF(X, a, b) X(a##_iff, "CAU-" #a "-null-iff", MUST, K_NULLIFF, FC_##a, FC_##b, N, \
	#a " is NULL if and only if " #b " is NULL")
#define NULLWHEN(X, a, b) X(a##_when, "CAU-" #a "-null-when", MUST, K_NULLWHEN, FC_##a, FC_##b, N, \
	#a " is NULL when " #b " is NULL")
#define TAXNULL(X, c) X(c##_tax, "CAU-" #c "-tax-null", MUST, K_TAXNULL, FC_##c, FC_ChargeCategory, N, \
	#c " is NULL when ChargeCategory is Tax")

/* X(name, id, level, kind, column, dependency, dependency, description)
 * The columns are the ones the rule reads: if one is absent the rule is skipped. */
#define VALIDATE_RULES(X) \
	X(present_mandatory, "CAU-ColumnPresent-mandatory", MUST, K_HEADER, N, N, N, \
		"every Mandatory FOCUS column is present") \
	X(present_recommended, "CAU-ColumnPresent-recommended", SHOULD, K_HEADER, N, N, N, \
		"every Recommended FOCUS column is present") \
	X(header_case, "CAU-ColumnHandling-case", MUST, K_HEADER, N, N, N, \
		"FOCUS column names have their exact case (SkuPriceId, not SkuPriceid)") \
	X(header_unique, "CAU-ColumnHandling-unique", MUST, K_HEADER, N, N, N, \
		"no column appears twice") \
	X(header_prefix, "CAU-ColumnHandling-x-prefix", SHOULD, K_HEADER, N, N, N, \
		"columns that are not FOCUS columns carry the x_ prefix") \
	X(header_order, "CAU-ColumnHandling-custom-last", SHOULD, K_HEADER, N, N, N, \
		"custom columns come after all FOCUS columns") \
	X(record_fields, "CSV-Record-field-count", MUST, K_RECORD, N, N, N, \
		"every record has as many fields as the header") \
	X(null_empty, "CAU-NullHandling-empty-string", MUST, K_RECORD, N, N, N, \
		"empty or all-space strings do not stand in for NULL") \
	X(record_utf8, "CSV-Encoding-utf8", MUST, K_RECORD, N, N, N, \
		"every value is UTF-8 text") \
	NOTNULL(X, BilledCost) \
	NOTNULL(X, BillingAccountId) \
	NOTNULL(X, BillingAccountType) \
	NOTNULL(X, BillingCurrency) \
	NOTNULL(X, BillingPeriodEnd) \
	NOTNULL(X, BillingPeriodStart) \
	NOTNULL(X, ChargeCategory) \
	NOTNULL(X, ChargeFrequency) \
	NOTNULL(X, ChargePeriodEnd) \
	NOTNULL(X, ChargePeriodStart) \
	NOTNULL(X, ContractedCost) \
	NOTNULL(X, EffectiveCost) \
	NOTNULL(X, InvoiceIssuerName) \
	NOTNULL(X, ListCost) \
	NOTNULL(X, PricingCurrency) \
	NOTNULL(X, PricingCurrencyEffectiveCost) \
	NOTNULL(X, ProviderName) \
	NOTNULL(X, PublisherName) \
	NOTNULL(X, ServiceCategory) \
	NOTNULL(X, ServiceName) \
	NOTNULL(X, ServiceProviderName) \
	NOTNULL(X, ServiceSubcategory) \
	X(ChargeDescription_notnull, "CAU-ChargeDescription-notnull", SHOULD, K_NOTNULL, \
		FC_ChargeDescription, N, N, "ChargeDescription is not NULL") \
	NUMERIC(X, BilledCost) \
	NUMERIC(X, CommitmentDiscountQuantity) \
	NUMERIC(X, ConsumedQuantity) \
	NUMERIC(X, ContractedCost) \
	NUMERIC(X, ContractedUnitPrice) \
	NUMERIC(X, EffectiveCost) \
	NUMERIC(X, ListCost) \
	NUMERIC(X, ListUnitPrice) \
	NUMERIC(X, PricingCurrencyContractedUnitPrice) \
	NUMERIC(X, PricingCurrencyEffectiveCost) \
	NUMERIC(X, PricingCurrencyListUnitPrice) \
	NUMERIC(X, PricingQuantity) \
	NONNEG(X, ListUnitPrice) \
	NONNEG(X, ContractedUnitPrice) \
	NONNEG(X, PricingCurrencyListUnitPrice) \
	NONNEG(X, PricingCurrencyContractedUnitPrice) \
	DATETIME(X, BillingPeriodStart) \
	DATETIME(X, BillingPeriodEnd) \
	DATETIME(X, ChargePeriodStart) \
	DATETIME(X, ChargePeriodEnd) \
	KEYVALUE(X, Tags) \
	KEYVALUE(X, AllocatedTags) \
	KEYVALUE(X, SkuPriceDetails) \
	JSONOBJ(X, ContractApplied) \
	JSONOBJ(X, AllocatedMethodDetails) \
	ENUM(X, ChargeCategory) \
	ENUM(X, ChargeClass) \
	ENUM(X, ChargeFrequency) \
	ENUM(X, PricingCategory) \
	ENUM(X, CommitmentDiscountStatus) \
	ENUM(X, CommitmentDiscountCategory) \
	ENUM(X, CapacityReservationStatus) \
	ENUM(X, ServiceCategory) \
	ENUM(X, ServiceSubcategory) \
	X(BillingCurrency_national, "CAU-BillingCurrency-national", MUST, K_ENUM, FC_BillingCurrency, N, N, \
		"BillingCurrency is an ISO 4217 national currency code") \
	NULLIFF(X, ConsumedUnit, ConsumedQuantity) \
	NULLIFF(X, PricingUnit, PricingQuantity) \
	NULLIFF(X, RegionName, RegionId) \
	NULLIFF(X, SubAccountName, SubAccountId) \
	NULLIFF(X, SubAccountType, SubAccountId) \
	NULLWHEN(X, ResourceName, ResourceId) \
	NULLIFF(X, ResourceType, ResourceId) \
	NULLIFF(X, AllocatedResourceName, AllocatedResourceId) \
	NULLIFF(X, CommitmentDiscountCategory, CommitmentDiscountId) \
	NULLIFF(X, CommitmentDiscountType, CommitmentDiscountId) \
	NULLWHEN(X, CommitmentDiscountName, CommitmentDiscountId) \
	NULLIFF(X, CommitmentDiscountUnit, CommitmentDiscountQuantity) \
	NULLWHEN(X, SkuMeter, SkuId) \
	X(CommitmentDiscountStatus_null, "CAU-CommitmentDiscountStatus-null", MUST, K_CROSS, \
		FC_CommitmentDiscountStatus, FC_CommitmentDiscountId, FC_ChargeCategory, \
		"CommitmentDiscountStatus is NULL without a CommitmentDiscountId and set on its Usage rows") \
	X(CommitmentDiscountQuantity_null, "CAU-CommitmentDiscountQuantity-null", MUST, K_CROSS, \
		FC_CommitmentDiscountQuantity, FC_CommitmentDiscountId, FC_ChargeCategory, \
		"CommitmentDiscountQuantity is set only on Usage/Purchase rows with a CommitmentDiscountId") \
	X(CapacityReservationStatus_null, "CAU-CapacityReservationStatus-null", MUST, K_CROSS, \
		FC_CapacityReservationStatus, FC_CapacityReservationId, FC_ChargeCategory, \
		"CapacityReservationStatus is NULL without a CapacityReservationId and set on its Usage rows") \
	X(ChargeFrequency_purchase, "CAU-ChargeFrequency-purchase", MUST, K_CROSS, \
		FC_ChargeFrequency, FC_ChargeCategory, N, \
		"ChargeFrequency is not Usage-Based when ChargeCategory is Purchase") \
	X(ConsumedQuantity_usage, "CAU-ConsumedQuantity-usage-only", MUST, K_CROSS, \
		FC_ConsumedQuantity, FC_ChargeCategory, N, \
		"ConsumedQuantity is NULL unless ChargeCategory is Usage") \
	X(ConsumedQuantity_unused, "CAU-ConsumedQuantity-unused-null", MUST, K_CROSS, \
		FC_ConsumedQuantity, FC_CommitmentDiscountStatus, N, \
		"ConsumedQuantity is NULL when CommitmentDiscountStatus is Unused") \
	TAXNULL(X, SkuId) \
	TAXNULL(X, SkuPriceId) \
	TAXNULL(X, PricingQuantity) \
	TAXNULL(X, ListUnitPrice) \
	TAXNULL(X, ContractedUnitPrice) \
	TAXNULL(X, PricingCategory) \
	X(SkuPriceId_coupling, "CAU-SkuPriceId-null-coupling", MUST, K_CROSS, FC_SkuPriceId, N, N, \
		"prices, quantities and SkuPriceDetails are NULL when SkuPriceId is; unit prices set when it is set") \
	X(ListCost_product, "CAU-ListCost-product", MUST, K_CROSS, \
		FC_ListCost, FC_ListUnitPrice, FC_PricingQuantity, \
		"ListCost = ListUnitPrice x PricingQuantity when all three are set") \
	X(ContractedCost_product, "CAU-ContractedCost-product", MUST, K_CROSS, \
		FC_ContractedCost, FC_ContractedUnitPrice, FC_PricingQuantity, \
		"ContractedCost = ContractedUnitPrice x PricingQuantity when all three are set") \
	X(ServiceSubcategory_parent, "CAU-ServiceSubcategory-parent", MUST, K_CROSS, \
		FC_ServiceSubcategory, FC_ServiceCategory, N, \
		"ServiceSubcategory belongs to the row's ServiceCategory") \
	X(ServiceName_category, "CAU-ServiceName-one-category", MUST, K_CROSS, \
		FC_ServiceCategory, FC_ServiceName, N, \
		"each ServiceName has one ServiceCategory") \
	X(ServiceName_subcategory, "CAU-ServiceName-one-subcategory", SHOULD, K_CROSS, \
		FC_ServiceSubcategory, FC_ServiceName, N, \
		"each ServiceName has one ServiceSubcategory") \
	X(BillingPeriod_order, "CAU-BillingPeriod-order", MUST, K_CROSS, \
		FC_BillingPeriodStart, FC_BillingPeriodEnd, N, \
		"BillingPeriodStart is before BillingPeriodEnd") \
	X(ChargePeriod_order, "CAU-ChargePeriod-order", MUST, K_CROSS, \
		FC_ChargePeriodStart, FC_ChargePeriodEnd, N, \
		"ChargePeriodStart is before ChargePeriodEnd")

enum rule_id {
#define X(name, id, level, kind, col, d1, d2, desc) R_##name,
	VALIDATE_RULES(X)
#undef X
	R_COUNT
};

static const struct rule {
	const char *id;
	enum level level;
	enum kind kind;
	int col, dep1, dep2;
	const char *desc;
} rules[R_COUNT] = {
#define X(name, id, level, kind, col, d1, d2, desc) {id, level, kind, col, d1, d2, desc},
	VALIDATE_RULES(X)
#undef X
};

/* Columns that follow SkuPriceId: NULL when it is NULL (FOCUS 1.3). */
static const int sku_price_followers[] = {
	FC_ListUnitPrice, FC_ContractedUnitPrice, FC_PricingCurrencyListUnitPrice,
	FC_PricingCurrencyContractedUnitPrice, FC_PricingQuantity, FC_PricingCategory,
	FC_ConsumedQuantity, FC_CommitmentDiscountQuantity, FC_SkuPriceDetails,
};
/* ... and these must be set when it is set */
static const int sku_price_required[] = {FC_ListUnitPrice, FC_ContractedUnitPrice};

#define EHASH 256	/* slots per enumeration table; the largest has 82 values */
/* Tags and SkuPriceDetails repeat from row to row, and the JSON checker
 * (SQLite) costs microseconds a call: remember texts that passed. */
#define JCACHE 4096	/* slots; at most half are used */
#define JCACHE_ARENA ((size_t)1 << 20)
#define JCACHE_TEXT 4096	/* longer texts always go to the checker */
#define LOC_LEN 320	/* one stored location */
#define VAL_SHOW 40	/* bytes of a value shown in a location */
#define SVC_MAX (1u << 16)	/* distinct ServiceNames tracked per file */
#define ARENA_MAX ((size_t)16 << 20)

enum skip { SK_NONE, SK_COLUMN, SK_NOJSON };

struct rstat {
	unsigned long count;
	enum skip skip;
	int skip_col;
	int nloc;
	char *loc;	/* keep * LOC_LEN, allocated at the first failure */
};

struct vfile {
	char *path;
	unsigned long rows;
	int ncols;
	char **names;	/* sanitised header names, for locations */
	int idx[FC_COUNT];	/* file column of each FOCUS column, or -1 */
	int svc_capped;
	struct rstat st[R_COUNT];
	struct vfile *next;
};

/* ServiceName -> first ServiceCategory/ServiceSubcategory seen; strings are
 * offsets into one arena so the table grows without per-row allocation. */
struct svc {
	uint32_t hash, name, cat, sub;	/* 0: none */
	unsigned long line, subline;
};

/* A JSON text known to be valid (see json_ok). */
struct jslot {
	uint64_t hash;	/* of the text, xor its kind */
	uint32_t off, len;	/* in jtext; len 0: empty slot */
};

struct validator {
	validate_json_fn json;
	void *json_ctx;
	struct jslot *jslot;	/* JCACHE */
	char *jtext;	/* JCACHE_ARENA */
	size_t njson, jlen;
	int keep;
	struct vfile *files, *cur;
	int *map;	/* file column -> FOCUS column, or -1 */
	int mapcap;
	short active[R_COUNT];	/* the row rules of the current file */
	int nactive;
	const char *val[FC_COUNT];	/* this record; NULL when NULL, empty or absent */
	unsigned char ehash[FE_CURRENCY][EHASH];	/* enum value index + 1, see enum_ok */
	const char *parent[EHASH];	/* of each ServiceSubcategory, by index */
	struct svc *svc;
	size_t svccap, nsvc;
	char *arena;
	size_t alen, acap;
};

static const char novalue[] = "";	/* record(): no value to show */

static int
ascii_casecmp(const char *a, const char *b)
{
	for (;; a++, b++) {
		int ca = (unsigned char)*a, cb = (unsigned char)*b;
		if (ca >= 'A' && ca <= 'Z')
			ca += 'a' - 'A';
		if (cb >= 'A' && cb <= 'Z')
			cb += 'a' - 'A';
		if (ca != cb || !ca)
			return ca - cb;
	}
}

/* Quoted, truncated, with control and non-ASCII bytes as \xNN: data never
 * reaches the terminal raw, and the report stays ASCII. */
static char *
sanitize_max(const char *s, size_t max, char *buf, size_t n, int quote)
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

static char *
sanitize(const char *s, char *buf, size_t n, int quote)
{
	return sanitize_max(s, VAL_SHOW, buf, n, quote);
}

/* Counts a failure; says whether there is room to record where. */
static int
want(struct validator *v, int r)
{
	struct rstat *st = &v->cur->st[r];

	st->count++;
	if (st->nloc >= v->keep)
		return 0;
	if (!st->loc && !(st->loc = malloc((size_t)v->keep * LOC_LEN)))
		return 0;
	return 1;
}

/* Records the location of a failure that want() made room for. value is
 * the field's raw text, NULL for NULL, or novalue. */
static void record(struct validator *v, int r, unsigned long line, int fi, const char *value, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

static void
record(struct validator *v, int r, unsigned long line, int fi, const char *value, const char *fmt, ...)
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
	if (value != novalue && o < LOC_LEN)
		o += (size_t)snprintf(b + o, LOC_LEN - o, "%s ",
		    value ? sanitize(value, tmp, sizeof tmp, 1) : "NULL");
	if (o < LOC_LEN) {
		va_start(ap, fmt);
		vsnprintf(b + o, LOC_LEN - o, fmt, ap);
		va_end(ap);
	}
}

/* The hot path only pays for formatting while locations are being kept. */
#define FAIL(r, line, fi, value, ...) \
	do { \
		if (want(v, (r))) \
			record(v, (r), (line), (fi), (value), __VA_ARGS__); \
	} while (0)

/* strdup is POSIX, not C11 */
static char *
str_dup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = malloc(n);

	return d ? memcpy(d, s, n) : NULL;
}

static int
is_blank(const char *s)
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
		if (ascii_casecmp(*p, s) == 0) {
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
static void
enum_index(struct validator *v)
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
		    focus_columns[cprice].name, sanitize(ps, t1, sizeof t1, 0),
		    focus_columns[cqty].name, sanitize(qs, t2, sizeof t2, 0), a, b);
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
	    sanitize(e, t1, sizeof t1, 1));
}

/* Copies s into the arena; 0 when the arena is full. */
static uint32_t
arena_add(struct validator *v, const char *s)
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
	if (!(v->svc[i].name = arena_add(v, name))) {
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
			e->cat = arena_add(v, cat);
			e->line = line;
		} else if (strcmp(v->arena + e->cat, cat) != 0)
			FAIL(rc, line, v->cur->idx[FC_ServiceCategory], cat,
			    "but ServiceName %s had \"%s\" at line %lu", sanitize(name, t1, sizeof t1, 1),
			    v->arena + e->cat, e->line);
	}
	if (sub && !v->cur->st[rs].skip) {
		if (!e->sub) {
			e->sub = arena_add(v, sub);
			e->subline = line;
		} else if (strcmp(v->arena + e->sub, sub) != 0)
			FAIL(rs, line, v->cur->idx[FC_ServiceSubcategory], sub,
			    "but ServiceName %s had \"%s\" at line %lu", sanitize(name, t1, sizeof t1, 1),
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
		int cs = rules[r].col, ci = rules[r].dep1;
		const char *st = v->val[cs], *id = v->val[ci];
		if (st && !id)
			FAIL(r, line, v->cur->idx[cs], st, "while %s is NULL", focus_columns[ci].name);
		else if (!st && id && is(V(ChargeCategory), "Usage"))
			FAIL(r, line, v->cur->idx[cs], NULL, "on a Usage row with %s %s",
			    focus_columns[ci].name, sanitize(id, t1, sizeof t1, 1));
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
			    sanitize(cat, t1, sizeof t1, 0));
		break;
	}
	case R_ChargeFrequency_purchase:
		if (is(V(ChargeFrequency), "Usage-Based") && is(V(ChargeCategory), "Purchase"))
			FAIL(r, line, FI(ChargeFrequency), V(ChargeFrequency), "on a Purchase row");
		break;
	case R_ConsumedQuantity_usage:
		if (V(ConsumedQuantity) && V(ChargeCategory) && !is(V(ChargeCategory), "Usage"))
			FAIL(r, line, FI(ConsumedQuantity), V(ConsumedQuantity), "on a %s row",
			    sanitize(V(ChargeCategory), t1, sizeof t1, 0));
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
					    sanitize(V(SkuPriceId), t1, sizeof t1, 1));
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
			    parent, sanitize(cat, t1, sizeof t1, 1));
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
static void
check_rule(struct validator *v, int r, unsigned long line)
{
	const struct rule *ru = &rules[r];
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
			    o ? sanitize(o, why, sizeof why, 1) : "NULL");
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

void
validate_row(struct validator *v, unsigned long line, int nfields, const char *const *fields)
{
	struct vfile *f = v->cur;

	if (!f)
		return;
	f->rows++;
	if (nfields != f->ncols)
		FAIL(R_record_fields, line, -1, novalue, "%d fields, the header has %d", nfields, f->ncols);
	for (int i = 0; i < f->ncols; i++) {
		const char *s = i < nfields ? fields[i] : NULL;
		long bad;
		if (s && (bad = text_utf8_error(s)) >= 0)
			FAIL(R_record_utf8, line, i, s, "byte %ld (0x%02X) is not UTF-8", bad + 1,
			    (unsigned)(unsigned char)s[bad]);
		if (s && is_blank(s)) {
			FAIL(R_null_empty, line, i, s, "stands in for NULL");
			s = NULL;
		}
		if (v->map[i] >= 0)
			v->val[v->map[i]] = s;
	}
	for (int i = 0; i < v->nactive; i++)
		check_rule(v, v->active[i], line);
}

static void
file_done(struct validator *v)
{
	/* the ServiceName map is per file: it only has to catch conflicts within one */
	free(v->svc);
	v->svc = NULL;
	v->svccap = v->nsvc = 0;
	v->alen = 0;
}

void
validate_file(struct validator *v, const char *path, int ncols, const char *const *names)
{
	struct vfile *f;
	int seen_custom = 0;
	char buf[VAL_SHOW * 4 + 8];

	file_done(v);
	if (!(f = calloc(1, sizeof *f)))
		return;
	if (ncols < 0)
		ncols = 0;
	f->path = str_dup(path ? path : "(stdin)");
	f->names = calloc((size_t)ncols + 1, sizeof *f->names);
	if (ncols > v->mapcap) {
		int *m = realloc(v->map, (size_t)ncols * sizeof *m);
		if (m) {
			v->map = m;
			v->mapcap = ncols;
		}
	}
	if (!f->path || !f->names || ncols > v->mapcap) {
		free(f->path);
		free(f->names);
		free(f);
		v->cur = NULL;
		return;
	}
	f->ncols = ncols;
	for (int c = 0; c < FC_COUNT; c++)
		f->idx[c] = -1;
	if (v->cur)
		v->cur->next = f;
	else
		v->files = f;
	v->cur = f;
	v->svccap = 64;
	v->svc = calloc(v->svccap, sizeof *v->svc);
	if (!v->svc)
		v->svccap = 0;
	arena_add(v, "");	/* offset 0 means "none" */

	for (int i = 0; i < ncols; i++) {
		const char *name = names[i] ? names[i] : "";
		int casefold, dup = 0;
		int c = focus_column_find(name, &casefold);

		f->names[i] = str_dup(sanitize(name, buf, sizeof buf, 0));
		v->map[i] = -1;
		for (int j = 0; j < i && !dup; j++)
			dup = names[j] && strcmp(names[j], name) == 0;
		if (dup) {
			FAIL(R_header_unique, 0, i, novalue, "appears earlier in the header");
			continue;
		}
		if (c == FC_CUSTOM) {
			seen_custom = 1;
			if (strncmp(name, "x_", 2) != 0)
				FAIL(R_header_prefix, 0, i, novalue, "is not a FOCUS column and lacks the x_ prefix");
			continue;
		}
		if (seen_custom)
			FAIL(R_header_order, 0, i, novalue, "is a FOCUS column after a custom column");
		if (casefold)
			FAIL(R_header_case, 0, i, novalue, "matches %s only when case is ignored",
			    focus_columns[c].name);
		if (f->idx[c] >= 0) {
			FAIL(R_header_unique, 0, i, novalue, "is %s again", focus_columns[c].name);
			continue;
		}
		f->idx[c] = i;
		v->map[i] = c;
	}
	for (int c = 0; c < FC_COUNT; c++) {
		v->val[c] = NULL;
		if (f->idx[c] >= 0)
			continue;
		if (focus_columns[c].level == FL_MANDATORY)
			FAIL(R_present_mandatory, 0, -1, novalue, "%s is missing", focus_columns[c].name);
		else if (focus_columns[c].level == FL_RECOMMENDED)
			FAIL(R_present_recommended, 0, -1, novalue, "%s is missing", focus_columns[c].name);
	}

	v->nactive = 0;
	for (int r = 0; r < R_COUNT; r++) {
		const struct rule *ru = &rules[r];
		int deps[3] = {ru->col, ru->dep1, ru->dep2};
		for (int k = 0; k < 3; k++)
			if (deps[k] != N && f->idx[deps[k]] < 0) {
				f->st[r].skip = SK_COLUMN;
				f->st[r].skip_col = deps[k];
				break;
			}
		if (!f->st[r].skip && (ru->kind == K_KEYVALUE || ru->kind == K_JSON) && !v->json)
			f->st[r].skip = SK_NOJSON;
		if (!f->st[r].skip && ru->kind != K_HEADER && ru->kind != K_RECORD)
			v->active[v->nactive++] = (short)r;
	}
}

struct validator *
validate_new(validate_json_fn json, void *json_ctx)
{
	struct validator *v = calloc(1, sizeof *v);

	if (!v)
		return NULL;
	v->json = json;
	v->json_ctx = json_ctx;
	v->keep = 10;
	enum_index(v);
	return v;
}

void
validate_keep_locations(struct validator *v, int n)
{
	v->keep = n < 0 ? 0 : n > 1000 ? 1000 : n;
}

void
validate_free(struct validator *v)
{
	struct vfile *f, *next;

	if (!v)
		return;
	for (f = v->files; f; f = next) {
		next = f->next;
		for (int r = 0; r < R_COUNT; r++)
			free(f->st[r].loc);
		for (int i = 0; i < f->ncols; i++)
			free(f->names[i]);
		free(f->names);
		free(f->path);
		free(f);
	}
	free(v->svc);
	free(v->arena);
	free(v->map);
	free(v->jslot);
	free(v->jtext);
	free(v);
}

/* Writes "label: a, b, c" wrapped at 78 columns. */
static void
print_wrapped(FILE *out, const char *label, const char *const *items, int n)
{
	int col;

	if (!n)
		return;
	col = fprintf(out, "  %s:", label);
	for (int i = 0; i < n; i++) {
		int len = (int)strlen(items[i]) + (i + 1 < n ? 1 : 0);
		if (col + 1 + len > 78) {
			fprintf(out, "\n   ");
			col = 3;
		}
		col += fprintf(out, " %s%s", items[i], i + 1 < n ? "," : "");
	}
	fputc('\n', out);
}

static int
report_file(const struct vfile *f, FILE *out, int max_locations, int idw)
{
	static const char *const levels[] = {"MUST", "SHOULD"};
	const char *absent[FC_COUNT];
	int nfail[2] = {0, 0}, npass = 0, nskip = 0, nabsent;
	char path[1024];

	fprintf(out, "FOCUS 1.3 validation: %s (%lu rows, %d columns)\n",
	    sanitize_max(f->path, sizeof path, path, sizeof path, 0), f->rows, f->ncols);
	fprintf(out, "  %-6s  %-6s  %-*s  %-7s  %s\n", "RESULT", "LEVEL", idw, "RULE", "COUNT",
	    "FIRST LOCATIONS");
	/* failures first (MUST, then SHOULD), then passes, then skips */
	for (int pass = 0; pass < 4; pass++)
		for (int r = 0; r < R_COUNT; r++) {
			const struct rstat *st = &f->st[r];
			const char *res;
			int group = st->skip ? 3 : !st->count ? 2 : rules[r].level == MUST ? 0 : 1;

			if (group != pass)
				continue;
			res = group == 3 ? "skip" : group == 2 ? "pass" : "FAIL";
			fprintf(out, "  %-6s  %-6s  %-*s  ", res, levels[rules[r].level], idw, rules[r].id);
			if (st->skip == SK_COLUMN) {
				fprintf(out, "%-7s  (column absent: %s)\n", "-", focus_columns[st->skip_col].name);
				nskip++;
				continue;
			}
			if (st->skip == SK_NOJSON) {
				fprintf(out, "%-7s  (no JSON checker)\n", "-");
				nskip++;
				continue;
			}
			if (st->count) {
				nfail[rules[r].level]++;
				fprintf(out, "%-7lu  ", st->count);
				for (int i = 0; i < st->nloc && i < max_locations; i++)
					fprintf(out, "%s%s", i ? "; " : "", st->loc + (size_t)i * LOC_LEN);
				if (st->count > (unsigned long)(max_locations < st->nloc ? max_locations : st->nloc))
					fprintf(out, "%s...", max_locations > 0 && st->nloc ? "; " : "");
			} else {
				fprintf(out, "0");
				npass++;
			}
			fputc('\n', out);
		}
	nabsent = 0;
	for (int c = 0; c < FC_COUNT; c++)
		if (f->idx[c] < 0 && focus_columns[c].level == FL_RECOMMENDED)
			absent[nabsent++] = focus_columns[c].name;
	print_wrapped(out, "Note: absent Recommended columns", absent, nabsent);
	nabsent = 0;
	for (int c = 0; c < FC_COUNT; c++)
		if (f->idx[c] < 0 && focus_columns[c].level == FL_CONDITIONAL)
			absent[nabsent++] = focus_columns[c].name;
	print_wrapped(out, "Note: absent Conditional columns (fine if the feature is not offered)",
	    absent, nabsent);
	if (f->svc_capped)
		fprintf(out, "  Note: too many distinct ServiceNames; later ones were not tracked\n");
	fprintf(out, "Summary: %d rules checked, %d failed (%d MUST, %d SHOULD), %d skipped\n",
	    npass + nfail[MUST] + nfail[SHOULD], nfail[MUST] + nfail[SHOULD], nfail[MUST], nfail[SHOULD],
	    nskip);
	return nfail[MUST];
}

int
validate_report(struct validator *v, FILE *out, int max_locations)
{
	int idw = 4, must = 0;

	for (int r = 0; r < R_COUNT; r++)
		if ((int)strlen(rules[r].id) > idw)
			idw = (int)strlen(rules[r].id);
	for (const struct vfile *f = v->files; f; f = f->next) {
		if (f != v->files)
			fputc('\n', out);
		must += report_file(f, out, max_locations, idw);
	}
	return must;
}

int
validate_rule_count(void)
{
	return R_COUNT;
}

const char *
validate_rule_id(int i)
{
	return i >= 0 && i < R_COUNT ? rules[i].id : NULL;
}

const char *
validate_rule_level(int i)
{
	return i >= 0 && i < R_COUNT ? (rules[i].level == MUST ? "MUST" : "SHOULD") : NULL;
}

const char *
validate_rule_description(int i)
{
	return i >= 0 && i < R_COUNT ? rules[i].desc : NULL;
}

void
validate_rules_print(FILE *out)
{
	for (int r = 0; r < R_COUNT; r++)
		fprintf(out, "%-6s  %-38s  %s\n", validate_rule_level(r), rules[r].id, rules[r].desc);
}

long
validate_rule_failures(const struct validator *v, const char *id)
{
	const struct vfile *f = v->cur;

	if (!f)
		return -1;
	for (int r = 0; r < R_COUNT; r++)
		if (strcmp(rules[r].id, id) == 0)
			return f->st[r].skip ? -1 : (long)f->st[r].count;
	return -1;
}
