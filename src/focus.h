/* focus.h - the FOCUS 1.3 Cost and Usage columns, as one table.
 *
 * The loader binds headers against it (by name, any order), the store decides
 * how to keep each column from its type, and `focal validate` checks values
 * against its types, levels and enumerations. */
#ifndef FOCAL_FOCUS_H
#define FOCAL_FOCUS_H

enum focus_type {
	FT_STRING,	/* free text */
	FT_DECIMAL,	/* NumericFormat */
	FT_DATETIME,	/* DateTimeFormat */
	FT_KEYVALUE,	/* KeyValueFormat JSON (Tags, SkuPriceDetails, ...) */
	FT_JSON,	/* JsonObjectFormat */
};

enum focus_level { FL_MANDATORY, FL_CONDITIONAL, FL_RECOMMENDED };

enum focus_enum {
	FE_NONE,
	FE_CHARGE_CATEGORY,
	FE_CHARGE_CLASS,
	FE_CHARGE_FREQUENCY,
	FE_PRICING_CATEGORY,
	FE_COMMITMENT_STATUS,
	FE_COMMITMENT_CATEGORY,
	FE_CAPACITY_STATUS,
	FE_SERVICE_CATEGORY,
	FE_SERVICE_SUBCATEGORY,
	FE_CURRENCY,
};

/* X(name, type, level, nullable, enumeration, since) */
#define FOCUS_COLUMNS(X) \
	X(AllocatedMethodDetails, FT_JSON, FL_RECOMMENDED, 1, FE_NONE, 13) \
	X(AllocatedMethodId, FT_STRING, FL_CONDITIONAL, 1, FE_NONE, 13) \
	X(AllocatedResourceId, FT_STRING, FL_CONDITIONAL, 1, FE_NONE, 13) \
	X(AllocatedResourceName, FT_STRING, FL_CONDITIONAL, 1, FE_NONE, 13) \
	X(AllocatedTags, FT_KEYVALUE, FL_CONDITIONAL, 1, FE_NONE, 13) \
	X(AvailabilityZone, FT_STRING, FL_RECOMMENDED, 1, FE_NONE, 5) \
	X(BilledCost, FT_DECIMAL, FL_MANDATORY, 0, FE_NONE, 5) \
	X(BillingAccountId, FT_STRING, FL_MANDATORY, 0, FE_NONE, 5) \
	X(BillingAccountName, FT_STRING, FL_MANDATORY, 1, FE_NONE, 5) \
	X(BillingAccountType, FT_STRING, FL_CONDITIONAL, 0, FE_NONE, 12) \
	X(BillingCurrency, FT_STRING, FL_MANDATORY, 0, FE_CURRENCY, 5) \
	X(BillingPeriodEnd, FT_DATETIME, FL_MANDATORY, 0, FE_NONE, 5) \
	X(BillingPeriodStart, FT_DATETIME, FL_MANDATORY, 0, FE_NONE, 5) \
	X(CapacityReservationId, FT_STRING, FL_CONDITIONAL, 1, FE_NONE, 11) \
	X(CapacityReservationStatus, FT_STRING, FL_CONDITIONAL, 1, FE_CAPACITY_STATUS, 11) \
	X(ChargeCategory, FT_STRING, FL_MANDATORY, 0, FE_CHARGE_CATEGORY, 5) \
	X(ChargeClass, FT_STRING, FL_MANDATORY, 1, FE_CHARGE_CLASS, 10) \
	X(ChargeDescription, FT_STRING, FL_MANDATORY, 1, FE_NONE, 10) \
	X(ChargeFrequency, FT_STRING, FL_RECOMMENDED, 0, FE_CHARGE_FREQUENCY, 10) \
	X(ChargePeriodEnd, FT_DATETIME, FL_MANDATORY, 0, FE_NONE, 5) \
	X(ChargePeriodStart, FT_DATETIME, FL_MANDATORY, 0, FE_NONE, 5) \
	X(CommitmentDiscountCategory, FT_STRING, FL_CONDITIONAL, 1, FE_COMMITMENT_CATEGORY, 10) \
	X(CommitmentDiscountId, FT_STRING, FL_CONDITIONAL, 1, FE_NONE, 10) \
	X(CommitmentDiscountName, FT_STRING, FL_CONDITIONAL, 1, FE_NONE, 10) \
	X(CommitmentDiscountQuantity, FT_DECIMAL, FL_CONDITIONAL, 1, FE_NONE, 11) \
	X(CommitmentDiscountStatus, FT_STRING, FL_CONDITIONAL, 1, FE_COMMITMENT_STATUS, 10) \
	X(CommitmentDiscountType, FT_STRING, FL_CONDITIONAL, 1, FE_NONE, 10) \
	X(CommitmentDiscountUnit, FT_STRING, FL_CONDITIONAL, 1, FE_NONE, 11) \
	X(ConsumedQuantity, FT_DECIMAL, FL_CONDITIONAL, 1, FE_NONE, 10) \
	X(ConsumedUnit, FT_STRING, FL_CONDITIONAL, 1, FE_NONE, 10) \
	X(ContractApplied, FT_JSON, FL_CONDITIONAL, 1, FE_NONE, 13) \
	X(ContractedCost, FT_DECIMAL, FL_MANDATORY, 0, FE_NONE, 10) \
	X(ContractedUnitPrice, FT_DECIMAL, FL_CONDITIONAL, 1, FE_NONE, 10) \
	X(EffectiveCost, FT_DECIMAL, FL_MANDATORY, 0, FE_NONE, 5) \
	X(HostProviderName, FT_STRING, FL_MANDATORY, 1, FE_NONE, 13) \
	X(InvoiceId, FT_STRING, FL_RECOMMENDED, 1, FE_NONE, 12) \
	X(InvoiceIssuerName, FT_STRING, FL_MANDATORY, 0, FE_NONE, 5) \
	X(ListCost, FT_DECIMAL, FL_MANDATORY, 0, FE_NONE, 10) \
	X(ListUnitPrice, FT_DECIMAL, FL_CONDITIONAL, 1, FE_NONE, 10) \
	X(PricingCategory, FT_STRING, FL_CONDITIONAL, 1, FE_PRICING_CATEGORY, 10) \
	X(PricingCurrency, FT_STRING, FL_CONDITIONAL, 0, FE_NONE, 12) \
	X(PricingCurrencyContractedUnitPrice, FT_DECIMAL, FL_CONDITIONAL, 1, FE_NONE, 12) \
	X(PricingCurrencyEffectiveCost, FT_DECIMAL, FL_CONDITIONAL, 0, FE_NONE, 12) \
	X(PricingCurrencyListUnitPrice, FT_DECIMAL, FL_CONDITIONAL, 1, FE_NONE, 12) \
	X(PricingQuantity, FT_DECIMAL, FL_MANDATORY, 1, FE_NONE, 10) \
	X(PricingUnit, FT_STRING, FL_MANDATORY, 1, FE_NONE, 10) \
	X(ProviderName, FT_STRING, FL_MANDATORY, 0, FE_NONE, 5) \
	X(PublisherName, FT_STRING, FL_MANDATORY, 0, FE_NONE, 5) \
	X(RegionId, FT_STRING, FL_CONDITIONAL, 1, FE_NONE, 10) \
	X(RegionName, FT_STRING, FL_CONDITIONAL, 1, FE_NONE, 10) \
	X(ResourceId, FT_STRING, FL_CONDITIONAL, 1, FE_NONE, 5) \
	X(ResourceName, FT_STRING, FL_CONDITIONAL, 1, FE_NONE, 5) \
	X(ResourceType, FT_STRING, FL_CONDITIONAL, 1, FE_NONE, 10) \
	X(ServiceCategory, FT_STRING, FL_MANDATORY, 0, FE_SERVICE_CATEGORY, 5) \
	X(ServiceName, FT_STRING, FL_MANDATORY, 0, FE_NONE, 5) \
	X(ServiceProviderName, FT_STRING, FL_MANDATORY, 0, FE_NONE, 13) \
	X(ServiceSubcategory, FT_STRING, FL_RECOMMENDED, 0, FE_SERVICE_SUBCATEGORY, 11) \
	X(SkuId, FT_STRING, FL_CONDITIONAL, 1, FE_NONE, 10) \
	X(SkuMeter, FT_STRING, FL_CONDITIONAL, 1, FE_NONE, 11) \
	X(SkuPriceDetails, FT_KEYVALUE, FL_CONDITIONAL, 1, FE_NONE, 11) \
	X(SkuPriceId, FT_STRING, FL_CONDITIONAL, 1, FE_NONE, 10) \
	X(SubAccountId, FT_STRING, FL_CONDITIONAL, 1, FE_NONE, 5) \
	X(SubAccountName, FT_STRING, FL_CONDITIONAL, 1, FE_NONE, 5) \
	X(SubAccountType, FT_STRING, FL_CONDITIONAL, 1, FE_NONE, 12) \
	X(Tags, FT_KEYVALUE, FL_CONDITIONAL, 1, FE_NONE, 10)

enum focus_col {
#define X(name, type, level, nullable, en, since) FC_##name,
	FOCUS_COLUMNS(X)
#undef X
	FC_COUNT,
	FC_CUSTOM = -1,	/* an x_ or unknown column */
};

struct focus_column {
	const char *name;
	enum focus_type type;
	enum focus_level level;
	int nullable;
	enum focus_enum enumeration;
	int since;	/* FOCUS version x10: 5 = 0.5, 13 = 1.3 */
};

extern const struct focus_column focus_columns[FC_COUNT];

/* Exact match first, then a case-insensitive one (*casefold set to 1).
 * Returns FC_CUSTOM when the name is not a FOCUS column. */
enum focus_col focus_column_find(const char *name, int *casefold);

/* NULL-terminated list of the allowed values of an enumeration. */
const char *const *focus_enum_values(enum focus_enum e);
int focus_enum_has(enum focus_enum e, const char *value);
/* The parent ServiceCategory of a ServiceSubcategory, or NULL. */
const char *focus_subcategory_parent(const char *sub);

#endif
