/* validate_int.h - the rule table and the validator's state, shared by the
 * validate*.c files only. */
#ifndef FOCAL_VALIDATE_INT_H
#define FOCAL_VALIDATE_INT_H

#include "validate.h"

#include <stdint.h>

#include "focus.h"
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

struct rule {
	const char *id;
	enum level level;
	enum kind kind;
	int col, dep1, dep2;
	const char *desc;
};
extern const struct rule validate_rule_table[R_COUNT];

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

enum skip { SK_NONE, SK_COLUMN, SK_NOJSON, SK_VERSION };

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
	int version;	/* the FOCUS version judged by, x10 */
	int version_given;	/* 1: asked for; 0: detected from the columns */
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
	int version;	/* x10, or 0: detect per file */
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

extern const char validate_novalue[];	/* validate_record(): no value to show */

/* The hot path only pays for formatting while locations are being kept. */
#define FAIL(r, line, fi, value, ...) \
	do { \
		if (validate_want(v, (r))) \
			validate_record(v, (r), (line), (fi), (value), __VA_ARGS__); \
	} while (0)

/* validate_check.c: recording what the rules find */
/* Counts a failure; says whether there is room to record where. */
int validate_want(struct validator *, int r);
/* Records the location of a failure that validate_want() made room for.
 * value is the field's raw text, NULL for NULL, or validate_novalue. */
void validate_record(struct validator *, int r, unsigned long line, int fi, const char *value,
    const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Quoted, truncated, with control and non-ASCII bytes as \xNN. */
char *validate_sanitize(const char *s, char *buf, size_t n, int quote);
/* The same, truncated after max bytes instead of a value's. */
char *validate_sanitize_n(const char *s, size_t max, char *buf, size_t n, int quote);

/* validate_check.c: the checks */
int validate_is_blank(const char *s);
/* Fills v->ehash: the allowed values of each enumeration, hashed. */
void validate_enum_index(struct validator *);
/* s copied into v's arena; its offset, 0 when the arena is full. */
uint32_t validate_arena_add(struct validator *, const char *s);
/* Runs row rule r on the current record (v->val). */
void validate_check_rule(struct validator *, int r, unsigned long line);

#endif
