/* test_validate.c - the focus.c tables and the `focal validate` rules, each
 * with a handcrafted row that passes and one that fails. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "focus.h"
#include "validate.h"

/* A valid Usage row with every FOCUS 1.3 column; tests change a field or two. */
static const char *const defaults[][2] = {
	{"AvailabilityZone", "eu-west-1b"},
	{"BilledCost", "0.4"},
	{"BillingAccountId", "100000000001"},
	{"BillingAccountName", "ExampleCorp"},
	{"BillingAccountType", "Payer Account"},
	{"BillingCurrency", "USD"},
	{"BillingPeriodEnd", "2026-06-01T00:00:00Z"},
	{"BillingPeriodStart", "2026-05-01T00:00:00Z"},
	{"ChargeCategory", "Usage"},
	{"ChargeDescription", "Linux on-demand m6i.large"},
	{"ChargeFrequency", "Usage-Based"},
	{"ChargePeriodEnd", "2026-05-01T01:00:00Z"},
	{"ChargePeriodStart", "2026-05-01T00:00:00Z"},
	{"ConsumedQuantity", "4"},
	{"ConsumedUnit", "Hours"},
	{"ContractedCost", "0.4"},
	{"ContractedUnitPrice", "0.1"},
	{"EffectiveCost", "0.4"},
	{"HostProviderName", "AWS"},
	{"InvoiceId", "INV-1"},
	{"InvoiceIssuerName", "AWS"},
	{"ListCost", "0.5"},
	{"ListUnitPrice", "0.125"},
	{"PricingCategory", "Standard"},
	{"PricingCurrency", "USD"},
	{"PricingCurrencyContractedUnitPrice", "0.1"},
	{"PricingCurrencyEffectiveCost", "0.4"},
	{"PricingCurrencyListUnitPrice", "0.125"},
	{"PricingQuantity", "4"},
	{"PricingUnit", "Hours"},
	{"ProviderName", "AWS"},
	{"PublisherName", "AWS"},
	{"RegionId", "eu-west-1"},
	{"RegionName", "EU (Ireland)"},
	{"ResourceId", "i-2d1026706d7e"},
	{"ResourceName", "web-1"},
	{"ResourceType", "EC2 Instance"},
	{"ServiceCategory", "Compute"},
	{"ServiceName", "AmazonEC2"},
	{"ServiceProviderName", "AWS"},
	{"ServiceSubcategory", "Virtual Machines"},
	{"SkuId", "SKU-1"},
	{"SkuMeter", "Compute"},
	{"SkuPriceDetails", "{\"CoreCount\":2}"},
	{"SkuPriceId", "SP-1"},
	{"SubAccountId", "200000000012"},
	{"SubAccountName", "staging"},
	{"SubAccountType", "Linked Account"},
	{"Tags", "{\"env\":\"prod\"}"},
};

static const char *names[FC_COUNT + 4];
static const char *row[FC_COUNT + 4];
static int json_calls;

/* Stands in for SQLite: an object is {...}; KeyValueFormat has no nesting. */
static int
stub_json(void *ctx, const char *text, int keyvalue, char *why, size_t whylen)
{
	size_t n = strlen(text);

	(void)ctx;
	json_calls++;
	if (n < 2 || text[0] != '{' || text[n - 1] != '}') {
		snprintf(why, whylen, "not a JSON object");
		return -1;
	}
	if (keyvalue && (strchr(text + 1, '{') || strchr(text, '['))) {
		snprintf(why, whylen, "nested value in KeyValueFormat");
		return -1;
	}
	return 0;
}

static int
col(const char *name)
{
	int cf, c = focus_column_find(name, &cf);

	assert_true(c >= 0);
	assert_int_equal(cf, 0);
	return c;
}

static void
set(const char *name, const char *value)
{
	row[col(name)] = value;
}

static int
reset(void **state)
{
	(void)state;
	for (int c = 0; c < FC_COUNT; c++) {
		names[c] = focus_columns[c].name;
		row[c] = NULL;
	}
	for (size_t i = 0; i < sizeof defaults / sizeof *defaults; i++)
		set(defaults[i][0], defaults[i][1]);
	json_calls = 0;
	return 0;
}

/* One file of the current header and row. */
static struct validator *
run(void)
{
	struct validator *v = validate_new(stub_json, NULL);

	assert_non_null(v);
	validate_file(v, "t.csv", FC_COUNT, names);
	validate_row(v, 2, FC_COUNT, row);
	return v;
}

/* Failures of one rule on the current row. */
static long
fails(const char *rule)
{
	struct validator *v = run();
	long n = validate_rule_failures(v, rule);

	validate_free(v);
	return n;
}

/* The report as a string (caller frees). */
static char *
report(struct validator *v, int max_locations, int *must)
{
	FILE *f = tmpfile();
	char *buf;
	long n;

	assert_non_null(f);
	*must = validate_report(v, f, max_locations);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void
test_focus_column_find(void **state)
{
	int cf = 7;

	(void)state;
	assert_int_equal(focus_column_find("SkuPriceId", &cf), FC_SkuPriceId);
	assert_int_equal(cf, 0);
	assert_int_equal(focus_column_find("SkuPriceid", &cf), FC_SkuPriceId);
	assert_int_equal(cf, 1);
	assert_int_equal(focus_column_find("billedcost", &cf), FC_BilledCost);
	assert_int_equal(cf, 1);
	assert_int_equal(focus_column_find("x_ServiceCode", &cf), FC_CUSTOM);
	assert_int_equal(cf, 0);
	assert_int_equal(focus_column_find("Id", NULL), FC_CUSTOM);
	assert_string_equal(focus_columns[FC_Tags].name, "Tags");
	assert_int_equal(focus_columns[FC_BilledCost].type, FT_DECIMAL);
	assert_int_equal(FC_COUNT, 65);
}

static int
count(const char *const *v)
{
	int n = 0;

	while (v && v[n])
		n++;
	return n;
}

static void
test_focus_enums(void **state)
{
	const char *const *cur = focus_enum_values(FE_CURRENCY);
	const char *const *sub = focus_enum_values(FE_SERVICE_SUBCATEGORY);

	(void)state;
	assert_int_equal(count(focus_enum_values(FE_CHARGE_CATEGORY)), 5);
	assert_int_equal(count(focus_enum_values(FE_CHARGE_CLASS)), 1);
	assert_int_equal(count(focus_enum_values(FE_CHARGE_FREQUENCY)), 3);
	assert_int_equal(count(focus_enum_values(FE_PRICING_CATEGORY)), 4);
	assert_int_equal(count(focus_enum_values(FE_COMMITMENT_STATUS)), 2);
	assert_int_equal(count(focus_enum_values(FE_COMMITMENT_CATEGORY)), 2);
	assert_int_equal(count(focus_enum_values(FE_CAPACITY_STATUS)), 2);
	assert_int_equal(count(focus_enum_values(FE_SERVICE_CATEGORY)), 19);
	assert_int_equal(count(sub), 82);
	assert_null(focus_enum_values(FE_NONE));
	/* case-sensitive */
	assert_true(focus_enum_has(FE_CHARGE_FREQUENCY, "Usage-Based"));
	assert_false(focus_enum_has(FE_CHARGE_FREQUENCY, "Usage-based"));
	assert_false(focus_enum_has(FE_SERVICE_CATEGORY, "Database"));
	assert_false(focus_enum_has(FE_CHARGE_CATEGORY, NULL));
	/* every subcategory has a parent that is a category; Other (X) is under X */
	for (int i = 0; sub[i]; i++) {
		const char *p = focus_subcategory_parent(sub[i]);
		assert_non_null(p);
		assert_true(focus_enum_has(FE_SERVICE_CATEGORY, p));
		if (strncmp(sub[i], "Other (", 7) == 0) {
			assert_int_equal(strlen(sub[i]), strlen(p) + 8);
			assert_memory_equal(sub[i] + 7, p, strlen(p));
		}
	}
	assert_string_equal(focus_subcategory_parent("Virtual Machines"), "Compute");
	assert_string_equal(focus_subcategory_parent("API Management"), "Integration");
	assert_null(focus_subcategory_parent("No-SQL DB"));
	assert_null(focus_subcategory_parent(NULL));
	/* the currency table is sorted (bsearch) and national only */
	for (int i = 1; cur[i]; i++)
		assert_true(strcmp(cur[i - 1], cur[i]) < 0);
	assert_true(focus_enum_has(FE_CURRENCY, "USD"));
	assert_true(focus_enum_has(FE_CURRENCY, "EUR"));
	assert_true(focus_enum_has(FE_CURRENCY, "AED"));
	assert_true(focus_enum_has(FE_CURRENCY, "ZWG"));
	assert_false(focus_enum_has(FE_CURRENCY, "usd"));
	assert_false(focus_enum_has(FE_CURRENCY, "XXX"));
	assert_false(focus_enum_has(FE_CURRENCY, "XAU"));
	assert_false(focus_enum_has(FE_CURRENCY, "USN"));
	assert_false(focus_enum_has(FE_CURRENCY, "HRK"));
}

static int
has_rule(const char *id)
{
	for (int i = 0; i < validate_rule_count(); i++)
		if (strcmp(validate_rule_id(i), id) == 0)
			return 1;
	return 0;
}

/* The rule table covers every typed, enumerated and non-nullable column. */
static void
test_rule_table(void **state)
{
	char id[96];

	(void)state;
	for (int i = 0; i < validate_rule_count(); i++) {
		assert_non_null(validate_rule_description(i));
		assert_true(!strcmp(validate_rule_level(i), "MUST") || !strcmp(validate_rule_level(i), "SHOULD"));
		for (int j = 0; j < i; j++)
			assert_string_not_equal(validate_rule_id(i), validate_rule_id(j));
	}
	assert_null(validate_rule_id(validate_rule_count()));
	for (int c = 0; c < FC_COUNT; c++) {
		const struct focus_column *fc = &focus_columns[c];
		static const char *const suffix[] = {NULL, "numeric", "datetime", "keyvalue", "json"};
		if (suffix[fc->type]) {
			snprintf(id, sizeof id, "CAU-%s-%s", fc->name, suffix[fc->type]);
			assert_true(has_rule(id));
		}
		if (fc->enumeration != FE_NONE && fc->enumeration != FE_CURRENCY) {
			snprintf(id, sizeof id, "CAU-%s-enum", fc->name);
			assert_true(has_rule(id));
		}
		if (!fc->nullable) {
			snprintf(id, sizeof id, "CAU-%s-notnull", fc->name);
			assert_true(has_rule(id));
		}
	}
	assert_true(has_rule("CAU-BillingCurrency-national"));
}

static void
test_clean_row_passes(void **state)
{
	struct validator *v = run();
	int must;
	char *out;

	(void)state;
	for (int i = 0; i < validate_rule_count(); i++)
		assert_int_equal(validate_rule_failures(v, validate_rule_id(i)), 0);
	out = report(v, 3, &must);
	assert_int_equal(must, 0);
	assert_non_null(strstr(out, "FOCUS 1.3 validation: t.csv (1 rows, 65 columns)"));
	assert_null(strstr(out, "FAIL"));
	assert_non_null(strstr(out, "failed (0 MUST, 0 SHOULD), 0 skipped"));
	free(out);
	validate_free(v);
}

static void
test_enum_case_sensitive(void **state)
{
	struct validator *v;
	int must;
	char *out;

	(void)state;
	set("ChargeFrequency", "Usage-based");
	v = run();
	assert_int_equal(validate_rule_failures(v, "CAU-ChargeFrequency-enum"), 1);
	out = report(v, 3, &must);
	assert_int_equal(must, 1);
	assert_non_null(strstr(out, "FAIL    MUST    CAU-ChargeFrequency-enum"));
	assert_non_null(strstr(out, "line 2 col 19 (ChargeFrequency): \"Usage-based\" differs in case from \"Usage-Based\""));
	free(out);
	validate_free(v);

	set("ChargeFrequency", "Monthly");
	assert_int_equal(fails("CAU-ChargeFrequency-enum"), 1);
	set("ChargeFrequency", "Recurring");
	assert_int_equal(fails("CAU-ChargeFrequency-enum"), 0);
	set("ChargeCategory", "usage");
	assert_int_equal(fails("CAU-ChargeCategory-enum"), 1);
	set("ChargeCategory", "Adjustment");
	assert_int_equal(fails("CAU-ChargeCategory-enum"), 0);
	set("ChargeClass", "Correction");
	assert_int_equal(fails("CAU-ChargeClass-enum"), 0);
	set("ChargeClass", "Corrected");
	assert_int_equal(fails("CAU-ChargeClass-enum"), 1);
	set("PricingCategory", "On-Demand");
	assert_int_equal(fails("CAU-PricingCategory-enum"), 1);
	set("CommitmentDiscountStatus", "Active");	/* the RM 1.3 defect, errata #11 */
	assert_int_equal(fails("CAU-CommitmentDiscountStatus-enum"), 1);
	set("CommitmentDiscountCategory", "Spend");
	assert_int_equal(fails("CAU-CommitmentDiscountCategory-enum"), 0);
	set("CapacityReservationStatus", "unused");
	assert_int_equal(fails("CAU-CapacityReservationStatus-enum"), 1);
	set("ServiceCategory", "Database");
	assert_int_equal(fails("CAU-ServiceCategory-enum"), 1);
	set("ServiceSubcategory", "No-SQL DB");
	assert_int_equal(fails("CAU-ServiceSubcategory-enum"), 1);
}

static void
test_datetime(void **state)
{
	static const char *const bad[] = {
		"2024-09-01 00:00:00", "2024-09-01T00:00:00", "2024-09-01T00:00:00+00:00",
		"2024-09-01T00:00:00.000Z", "2024-09-01", "4/1/25", "2023-02-29T00:00:00Z",
		"2024-13-01T00:00:00Z", "2024-09-01T24:00:00Z", "2024-09-31T00:00:00Z",
		" 2024-09-01T00:00:00Z", "2024-09-01t00:00:00z", "2024-9-01T00:00:00Z",
	};
	static const char *const good[] = {
		"2024-02-29T00:00:00Z", "2000-02-29T23:59:59Z", "2026-05-01T00:00:00Z",
	};

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		set("BillingPeriodStart", bad[i]);
		set("BillingPeriodEnd", "2030-01-01T00:00:00Z");
		assert_int_equal(fails("CAU-BillingPeriodStart-datetime"), 1);
	}
	for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
		set("ChargePeriodStart", good[i]);
		set("ChargePeriodEnd", "2030-01-01T00:00:00Z");
		assert_int_equal(fails("CAU-ChargePeriodStart-datetime"), 0);
	}
	/* the reason names the deviation */
	{
		struct validator *v;
		int must;
		char *out;
		set("ChargePeriodEnd", "2024-09-01 00:00:00");
		v = run();
		out = report(v, 3, &must);
		assert_non_null(strstr(out, "\"2024-09-01 00:00:00\" not YYYY-MM-DDTHH:MM:SSZ: date-time uses a space"));
		free(out);
		validate_free(v);
	}
}

static void
test_numeric(void **state)
{
	static const char *const bad[] = {
		"$10,000.00 ", "10,000.00", "+5", "1E+5", "1.", " 5", "5 ", "abc", "1/2",
		"NaN", "-", "1e", "0x10", "USD 5", "5%",
	};
	static const char *const good[] = {
		"0", "-3", "0.125", ".5", "1.5E-7", "35.2E-7", "1e5", "-0.0000001", "000123",
	};

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		set("EffectiveCost", bad[i]);
		assert_int_equal(fails("CAU-EffectiveCost-numeric"), 1);
	}
	for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
		set("BilledCost", good[i]);
		assert_int_equal(fails("CAU-BilledCost-numeric"), 0);
	}
	{
		struct validator *v;
		int must;
		char *out;
		set("EffectiveCost", "$10,000.00 ");
		v = run();
		out = report(v, 3, &must);
		assert_non_null(strstr(out, "(EffectiveCost): \"$10,000.00 \" not NumericFormat:"));
		assert_non_null(strstr(out, "currency symbol"));
		assert_non_null(strstr(out, "thousands separators"));
		free(out);
		validate_free(v);
	}
	reset(NULL);
	set("ListUnitPrice", "-0.125");
	set("ListCost", "-0.5");
	assert_int_equal(fails("CAU-ListUnitPrice-nonnegative"), 1);
	set("ListUnitPrice", "0");
	set("ListCost", "0");
	assert_int_equal(fails("CAU-ListUnitPrice-nonnegative"), 0);
}

static void
test_header_case(void **state)
{
	struct validator *v;
	int must;
	char *out;

	(void)state;
	names[FC_SkuPriceId] = "SkuPriceid";
	v = run();
	assert_int_equal(validate_rule_failures(v, "CAU-ColumnHandling-case"), 1);
	/* still bound: the column is not reported missing and its rules run */
	assert_int_equal(validate_rule_failures(v, "CAU-SkuPriceId-null-coupling"), 0);
	out = report(v, 3, &must);
	assert_non_null(strstr(out, "header col 61 (SkuPriceid): matches SkuPriceId only when case is ignored"));
	assert_int_equal(must, 1);
	free(out);
	validate_free(v);
}

static void
test_header_custom_columns(void **state)
{
	const char *h[FC_COUNT + 3], *r[FC_COUNT + 3];
	struct validator *v;

	(void)state;
	memcpy(h, names, sizeof(char *) * FC_COUNT);
	memcpy(r, row, sizeof(char *) * FC_COUNT);
	h[FC_COUNT] = "x_ServiceCode";
	r[FC_COUNT] = "AmazonEC2";
	h[FC_COUNT + 1] = "Id";
	r[FC_COUNT + 1] = "1";
	h[FC_COUNT + 2] = "x_ServiceCode";
	r[FC_COUNT + 2] = "again";
	v = validate_new(stub_json, NULL);
	validate_file(v, "c.csv", FC_COUNT + 3, h);
	validate_row(v, 2, FC_COUNT + 3, r);
	assert_int_equal(validate_rule_failures(v, "CAU-ColumnHandling-x-prefix"), 1);
	assert_int_equal(validate_rule_failures(v, "CAU-ColumnHandling-unique"), 1);
	assert_int_equal(validate_rule_failures(v, "CAU-ColumnHandling-custom-last"), 0);
	validate_free(v);

	/* a custom column among the FOCUS ones */
	h[0] = "x_First";
	h[1] = names[0];
	memcpy(h + 2, names + 1, sizeof(char *) * (FC_COUNT - 1));
	v = validate_new(stub_json, NULL);
	validate_file(v, "c.csv", FC_COUNT + 1, h);
	assert_int_equal(validate_rule_failures(v, "CAU-ColumnHandling-custom-last"), FC_COUNT);
	assert_int_equal(validate_rule_failures(v, "CAU-ColumnHandling-x-prefix"), 0);
	validate_free(v);

	/* the same FOCUS column twice */
	h[0] = "Tags";
	v = validate_new(stub_json, NULL);
	validate_file(v, "c.csv", FC_COUNT + 1, h);
	assert_int_equal(validate_rule_failures(v, "CAU-ColumnHandling-unique"), 1);
	validate_free(v);
}

/* Drops column c from the header and the row. */
static int
drop(const char *name, const char **h, const char **r)
{
	int n = 0, c = col(name);

	for (int i = 0; i < FC_COUNT; i++)
		if (i != c) {
			h[n] = names[i];
			r[n++] = row[i];
		}
	return n;
}

static void
test_missing_columns(void **state)
{
	const char *h[FC_COUNT], *r[FC_COUNT];
	struct validator *v;
	int n, must;
	char *out;

	(void)state;
	n = drop("ServiceProviderName", h, r);
	v = validate_new(stub_json, NULL);
	validate_file(v, "m.csv", n, h);
	validate_row(v, 2, n, r);
	assert_int_equal(validate_rule_failures(v, "CAU-ColumnPresent-mandatory"), 1);
	assert_int_equal(validate_rule_failures(v, "CAU-ServiceProviderName-notnull"), -1);
	out = report(v, 3, &must);
	assert_non_null(strstr(out, "header: ServiceProviderName is missing"));
	assert_non_null(strstr(out, "skip    MUST    CAU-ServiceProviderName-notnull"));
	assert_non_null(strstr(out, "(column absent: ServiceProviderName)"));
	free(out);
	validate_free(v);

	n = drop("ServiceSubcategory", h, r);
	v = validate_new(stub_json, NULL);
	validate_file(v, "m.csv", n, h);
	validate_row(v, 2, n, r);
	assert_int_equal(validate_rule_failures(v, "CAU-ColumnPresent-mandatory"), 0);
	assert_int_equal(validate_rule_failures(v, "CAU-ColumnPresent-recommended"), 1);
	assert_int_equal(validate_rule_failures(v, "CAU-ServiceSubcategory-parent"), -1);
	assert_int_equal(validate_rule_failures(v, "CAU-ServiceName-one-subcategory"), -1);
	assert_int_equal(validate_rule_failures(v, "CAU-ServiceName-one-category"), 0);
	out = report(v, 3, &must);
	assert_non_null(strstr(out, "Note: absent Recommended columns: ServiceSubcategory"));
	free(out);
	validate_free(v);

	/* a conditional column: its rules are skipped, and it is only a note */
	n = drop("CommitmentDiscountId", h, r);
	v = validate_new(stub_json, NULL);
	validate_file(v, "m.csv", n, h);
	validate_row(v, 2, n, r);
	assert_int_equal(validate_rule_failures(v, "CAU-CommitmentDiscountCategory-null-iff"), -1);
	assert_int_equal(validate_rule_failures(v, "CAU-CommitmentDiscountStatus-null"), -1);
	out = report(v, 3, &must);
	assert_int_equal(must, 0);
	assert_non_null(strstr(out, "Note: absent Conditional columns"));
	assert_non_null(strstr(out, "CommitmentDiscountId"));
	free(out);
	validate_free(v);
}

static void
test_service_category(void **state)
{
	(void)state;
	set("ServiceCategory", "Storage");
	assert_int_equal(fails("CAU-ServiceSubcategory-parent"), 1);
	set("ServiceSubcategory", "Object Storage");
	assert_int_equal(fails("CAU-ServiceSubcategory-parent"), 0);
	set("ServiceCategory", "Other");
	set("ServiceSubcategory", "Other (Other)");
	assert_int_equal(fails("CAU-ServiceSubcategory-parent"), 0);
	set("ServiceSubcategory", "Other (Compute)");
	assert_int_equal(fails("CAU-ServiceSubcategory-parent"), 1);
	/* an unknown subcategory fails its enum, not the pairing */
	set("ServiceSubcategory", "No-SQL DB");
	assert_int_equal(fails("CAU-ServiceSubcategory-parent"), 0);
	assert_int_equal(fails("CAU-ServiceSubcategory-enum"), 1);
}

static void
test_service_name_maps(void **state)
{
	struct validator *v = validate_new(stub_json, NULL);
	int must;
	char *out;

	(void)state;
	validate_file(v, "s.csv", FC_COUNT, names);
	validate_row(v, 2, FC_COUNT, row);
	validate_row(v, 3, FC_COUNT, row);
	set("ServiceName", "AmazonS3");
	set("ServiceCategory", "Storage");
	set("ServiceSubcategory", "Object Storage");
	validate_row(v, 4, FC_COUNT, row);
	assert_int_equal(validate_rule_failures(v, "CAU-ServiceName-one-category"), 0);
	assert_int_equal(validate_rule_failures(v, "CAU-ServiceName-one-subcategory"), 0);
	set("ServiceName", "AmazonEC2");
	validate_row(v, 5, FC_COUNT, row);
	set("ServiceCategory", "Compute");
	set("ServiceSubcategory", "Containers");
	validate_row(v, 6, FC_COUNT, row);
	assert_int_equal(validate_rule_failures(v, "CAU-ServiceName-one-category"), 1);
	assert_int_equal(validate_rule_failures(v, "CAU-ServiceName-one-subcategory"), 2);
	assert_int_equal(validate_rule_failures(v, "CAU-ServiceSubcategory-parent"), 0);
	out = report(v, 3, &must);
	assert_non_null(strstr(out, "line 5 col 54 (ServiceCategory): \"Storage\" but ServiceName \"AmazonEC2\" had \"Compute\" at line 2"));
	assert_non_null(strstr(out, "FAIL    SHOULD  CAU-ServiceName-one-subcategory"));
	free(out);
	validate_free(v);
}

static void
test_price_times_quantity(void **state)
{
	(void)state;
	assert_int_equal(fails("CAU-ListCost-product"), 0);
	assert_int_equal(fails("CAU-ContractedCost-product"), 0);
	set("ListCost", "0.6");
	assert_int_equal(fails("CAU-ListCost-product"), 1);
	set("ContractedCost", "0.41");
	assert_int_equal(fails("CAU-ContractedCost-product"), 1);
	/* exact decimals: 0.1 x 3 is 0.3, not 0.30000000000000004 */
	set("ContractedUnitPrice", "0.1");
	set("PricingQuantity", "3");
	set("ContractedCost", "0.3");
	assert_int_equal(fails("CAU-ContractedCost-product"), 0);
	/* rounded costs: half a unit of the last printed decimal */
	set("ListUnitPrice", "0.0977690589");
	set("PricingQuantity", "1.0000");
	static const char *const ok[] = {"0.09776905890000", "0.10", "0.1", "0.098", "0.0978", "0.09777", "9.77690589E-2"};
	static const char *const ko[] = {"0.0976", "0.09", "0.097770", "0.2"};
	for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
		set("ListCost", ok[i]);
		assert_int_equal(fails("CAU-ListCost-product"), 0);
	}
	for (size_t i = 0; i < sizeof ko / sizeof *ko; i++) {
		set("ListCost", ko[i]);
		assert_int_equal(fails("CAU-ListCost-product"), 1);
	}
	/* 1e-9 relative on big numbers with many decimals */
	set("ListUnitPrice", "1234567.123456789");
	set("PricingQuantity", "1000");
	set("ListCost", "1234567123.456789000001");
	assert_int_equal(fails("CAU-ListCost-product"), 0);
	set("ListCost", "1234567133.456789");
	assert_int_equal(fails("CAU-ListCost-product"), 1);
	/* products beyond the exact range are compared in floating point */
	set("ListUnitPrice", "10000000000");
	set("PricingQuantity", "1000000000");
	set("ListCost", "9999999999999999999");
	assert_int_equal(fails("CAU-ListCost-product"), 0);
	set("ListCost", "5E18");
	assert_int_equal(fails("CAU-ListCost-product"), 1);
	/* not checked when a factor is NULL or not a number */
	set("ListUnitPrice", NULL);
	assert_int_equal(fails("CAU-ListCost-product"), 0);
	set("ListUnitPrice", "abc");
	assert_int_equal(fails("CAU-ListCost-product"), 0);
	{
		struct validator *v;
		int must;
		char *out;
		reset(NULL);
		set("ListCost", "0.6");
		v = run();
		out = report(v, 3, &must);
		assert_non_null(strstr(out, "(ListCost): \"0.6\" != ListUnitPrice 0.125 x PricingQuantity 4 = 0.5 (off by 0.1)"));
		free(out);
		validate_free(v);
	}
}

static void
test_coupled_nulls(void **state)
{
	(void)state;
	set("ConsumedUnit", NULL);
	assert_int_equal(fails("CAU-ConsumedUnit-null-iff"), 1);
	set("ConsumedQuantity", NULL);
	assert_int_equal(fails("CAU-ConsumedUnit-null-iff"), 0);
	set("PricingUnit", NULL);
	assert_int_equal(fails("CAU-PricingUnit-null-iff"), 1);
	reset(NULL);
	set("RegionId", NULL);
	assert_int_equal(fails("CAU-RegionName-null-iff"), 1);
	set("RegionName", NULL);
	assert_int_equal(fails("CAU-RegionName-null-iff"), 0);
	set("SubAccountName", NULL);
	assert_int_equal(fails("CAU-SubAccountName-null-iff"), 1);
	set("SubAccountId", NULL);
	assert_int_equal(fails("CAU-SubAccountType-null-iff"), 1);
	set("ResourceId", NULL);
	assert_int_equal(fails("CAU-ResourceName-null-when"), 1);
	assert_int_equal(fails("CAU-ResourceType-null-iff"), 1);
	set("SkuId", NULL);
	assert_int_equal(fails("CAU-SkuMeter-null-when"), 1);

	/* the CommitmentDiscount* family follows CommitmentDiscountId */
	reset(NULL);
	set("CommitmentDiscountCategory", "Usage");
	assert_int_equal(fails("CAU-CommitmentDiscountCategory-null-iff"), 1);
	set("CommitmentDiscountStatus", "Used");
	assert_int_equal(fails("CAU-CommitmentDiscountStatus-null"), 1);
	set("CommitmentDiscountName", "RI");
	assert_int_equal(fails("CAU-CommitmentDiscountName-null-when"), 1);
	set("CommitmentDiscountQuantity", "1");
	assert_int_equal(fails("CAU-CommitmentDiscountQuantity-null"), 1);
	assert_int_equal(fails("CAU-CommitmentDiscountUnit-null-iff"), 1);
	set("CommitmentDiscountUnit", "Hours");
	set("CommitmentDiscountId", "ri-1");
	set("CommitmentDiscountType", "Reserved Instance");
	for (int i = 0; i < validate_rule_count(); i++)
		assert_int_equal(fails(validate_rule_id(i)), 0);
	/* Usage row with an Id but no status */
	set("CommitmentDiscountStatus", NULL);
	assert_int_equal(fails("CAU-CommitmentDiscountStatus-null"), 1);
	set("ChargeCategory", "Purchase");
	set("ChargeFrequency", "One-Time");
	set("ConsumedQuantity", NULL);
	set("ConsumedUnit", NULL);
	assert_int_equal(fails("CAU-CommitmentDiscountStatus-null"), 0);
	set("ChargeCategory", "Credit");
	assert_int_equal(fails("CAU-CommitmentDiscountQuantity-null"), 1);

	/* capacity reservations */
	reset(NULL);
	set("CapacityReservationStatus", "Unused");
	assert_int_equal(fails("CAU-CapacityReservationStatus-null"), 1);
	set("CapacityReservationId", "cr-1");
	assert_int_equal(fails("CAU-CapacityReservationStatus-null"), 0);
	set("CapacityReservationStatus", NULL);
	assert_int_equal(fails("CAU-CapacityReservationStatus-null"), 1);

	/* split allocation */
	reset(NULL);
	set("AllocatedResourceId", "pod-1");
	assert_int_equal(fails("CAU-AllocatedResourceName-null-iff"), 1);
	set("AllocatedResourceName", "pod-1");
	assert_int_equal(fails("CAU-AllocatedResourceName-null-iff"), 0);
}

static void
test_sku_price_coupling(void **state)
{
	(void)state;
	set("SkuPriceId", NULL);
	/* ListUnitPrice, ContractedUnitPrice, both PricingCurrency prices, PricingQuantity,
	 * PricingCategory, ConsumedQuantity, SkuPriceDetails */
	assert_int_equal(fails("CAU-SkuPriceId-null-coupling"), 8);
	reset(NULL);
	set("ListUnitPrice", NULL);
	assert_int_equal(fails("CAU-SkuPriceId-null-coupling"), 1);
}

static void
test_charge_category_rules(void **state)
{
	(void)state;
	set("ChargeCategory", "Purchase");
	set("ConsumedQuantity", NULL);
	set("ConsumedUnit", NULL);
	assert_int_equal(fails("CAU-ChargeFrequency-purchase"), 1);
	set("ChargeFrequency", "Recurring");
	assert_int_equal(fails("CAU-ChargeFrequency-purchase"), 0);
	set("ConsumedQuantity", "4");
	set("ConsumedUnit", "Hours");
	assert_int_equal(fails("CAU-ConsumedQuantity-usage-only"), 1);
	set("ChargeCategory", "Usage");
	assert_int_equal(fails("CAU-ConsumedQuantity-usage-only"), 0);
	set("CommitmentDiscountId", "sp-1");
	set("CommitmentDiscountCategory", "Spend");
	set("CommitmentDiscountType", "Savings Plan");
	set("CommitmentDiscountStatus", "Unused");
	assert_int_equal(fails("CAU-ConsumedQuantity-unused-null"), 1);

	/* Tax rows carry no SKU, price or quantity */
	reset(NULL);
	set("ChargeCategory", "Tax");
	set("ChargeFrequency", "Recurring");
	assert_int_equal(fails("CAU-SkuId-tax-null"), 1);
	assert_int_equal(fails("CAU-SkuPriceId-tax-null"), 1);
	assert_int_equal(fails("CAU-PricingQuantity-tax-null"), 1);
	assert_int_equal(fails("CAU-ListUnitPrice-tax-null"), 1);
	assert_int_equal(fails("CAU-ContractedUnitPrice-tax-null"), 1);
	assert_int_equal(fails("CAU-PricingCategory-tax-null"), 1);
	static const char *const clear[] = {
		"SkuId", "SkuMeter", "SkuPriceId", "SkuPriceDetails", "PricingQuantity", "PricingUnit",
		"ListUnitPrice", "ContractedUnitPrice", "PricingCurrencyListUnitPrice",
		"PricingCurrencyContractedUnitPrice", "PricingCategory", "ConsumedQuantity", "ConsumedUnit",
	};
	for (size_t i = 0; i < sizeof clear / sizeof *clear; i++)
		set(clear[i], NULL);
	for (int i = 0; i < validate_rule_count(); i++)
		assert_int_equal(fails(validate_rule_id(i)), 0);
}

static void
test_empty_string_is_not_null(void **state)
{
	struct validator *v;

	(void)state;
	set("Tags", "");
	v = run();
	assert_int_equal(validate_rule_failures(v, "CAU-NullHandling-empty-string"), 1);
	/* read as the NULL it stands for: no JSON complaint on top */
	assert_int_equal(validate_rule_failures(v, "CAU-Tags-keyvalue"), 0);
	validate_free(v);
	set("Tags", NULL);
	assert_int_equal(fails("CAU-NullHandling-empty-string"), 0);
	set("BilledCost", "   ");
	assert_int_equal(fails("CAU-NullHandling-empty-string"), 1);
	assert_int_equal(fails("CAU-BilledCost-notnull"), 1);
	assert_int_equal(fails("CAU-BilledCost-numeric"), 0);
	set("BilledCost", NULL);
	assert_int_equal(fails("CAU-NullHandling-empty-string"), 0);
	assert_int_equal(fails("CAU-BilledCost-notnull"), 1);
	set("ChargeDescription", NULL);
	assert_int_equal(fails("CAU-ChargeDescription-notnull"), 1);
	/* nullable columns may be NULL */
	set("InvoiceId", NULL);
	set("ChargeClass", NULL);
	set("HostProviderName", NULL);
	assert_int_equal(fails("CAU-InvoiceId-notnull"), -1);
}

static void
test_currency(void **state)
{
	(void)state;
	set("BillingCurrency", "usd");
	assert_int_equal(fails("CAU-BillingCurrency-national"), 1);
	set("BillingCurrency", "XXX");
	assert_int_equal(fails("CAU-BillingCurrency-national"), 1);
	set("BillingCurrency", "Cloud Credits");
	assert_int_equal(fails("CAU-BillingCurrency-national"), 1);
	set("BillingCurrency", "EUR");
	assert_int_equal(fails("CAU-BillingCurrency-national"), 0);
	/* PricingCurrency may be virtual */
	set("PricingCurrency", "Cloud Credits");
	assert_int_equal(fails("CAU-PricingCurrency-notnull"), 0);
	set("PricingCurrency", "");
	assert_int_equal(fails("CAU-PricingCurrency-notnull"), 1);
}

static void
test_period_order(void **state)
{
	(void)state;
	set("BillingPeriodEnd", "2026-05-01T00:00:00Z");
	assert_int_equal(fails("CAU-BillingPeriod-order"), 1);
	set("BillingPeriodEnd", "2026-04-01T00:00:00Z");
	assert_int_equal(fails("CAU-BillingPeriod-order"), 1);
	set("ChargePeriodEnd", "2026-04-30T23:00:00Z");
	assert_int_equal(fails("CAU-ChargePeriod-order"), 1);
	/* lenient dates are still ordered (their format is another rule) */
	set("ChargePeriodStart", "2026-05-01 00:00:00");
	set("ChargePeriodEnd", "2026-05-01 01:00:00");
	assert_int_equal(fails("CAU-ChargePeriod-order"), 0);
	set("ChargePeriodEnd", "2026-05-01T00:00:00+01:00");
	assert_int_equal(fails("CAU-ChargePeriod-order"), 1);
}

static void
test_json_columns(void **state)
{
	struct validator *v;

	(void)state;
	set("Tags", "[\"a\"]");
	assert_int_equal(fails("CAU-Tags-keyvalue"), 1);
	set("Tags", "{\"a\":{\"b\":1}}");
	assert_int_equal(fails("CAU-Tags-keyvalue"), 1);
	set("AllocatedTags", "{\"team\":\"a\"}");
	assert_int_equal(fails("CAU-AllocatedTags-keyvalue"), 0);
	set("SkuPriceDetails", "CoreCount=2");
	assert_int_equal(fails("CAU-SkuPriceDetails-keyvalue"), 1);
	set("ContractApplied", "{\"Elements\":[{\"ContractId\":\"C1\",\"ContractCommitmentId\":\"CC1\"}]}");
	assert_int_equal(fails("CAU-ContractApplied-json"), 0);
	set("AllocatedMethodDetails", "{\"Elements\":[{\"AllocatedRatio\":0.05}]");
	assert_int_equal(fails("CAU-AllocatedMethodDetails-json"), 1);

	/* without a checker the JSON rules are skipped, not passed */
	v = validate_new(NULL, NULL);
	validate_file(v, "j.csv", FC_COUNT, names);
	validate_row(v, 2, FC_COUNT, row);
	assert_int_equal(validate_rule_failures(v, "CAU-Tags-keyvalue"), -1);
	validate_free(v);

	/* valid texts are remembered; invalid ones are always rechecked */
	reset(NULL);
	v = validate_new(stub_json, NULL);
	validate_file(v, "j.csv", FC_COUNT, names);
	for (int i = 0; i < 100; i++)
		validate_row(v, (unsigned long)i + 2, FC_COUNT, row);
	assert_int_equal(json_calls, 2);	/* Tags, SkuPriceDetails */
	set("Tags", "{bad");
	for (int i = 0; i < 10; i++)
		validate_row(v, (unsigned long)i + 200, FC_COUNT, row);
	assert_int_equal(json_calls, 12);
	assert_int_equal(validate_rule_failures(v, "CAU-Tags-keyvalue"), 10);
	validate_free(v);
}

static void
test_record_field_count(void **state)
{
	struct validator *v = validate_new(stub_json, NULL);

	(void)state;
	validate_file(v, "r.csv", FC_COUNT, names);
	validate_row(v, 2, FC_COUNT - 1, row);	/* Tags missing: read as NULL */
	validate_row(v, 3, FC_COUNT, row);
	assert_int_equal(validate_rule_failures(v, "CSV-Record-field-count"), 1);
	assert_int_equal(validate_rule_failures(v, "CAU-Tags-keyvalue"), 0);
	validate_free(v);
}

static void
test_report_bounded_and_sanitised(void **state)
{
	struct validator *v = validate_new(stub_json, NULL);
	int must;
	char *out, *p;

	(void)state;
	validate_keep_locations(v, 5);
	validate_file(v, "dir/b\x1b[2Jad.csv", FC_COUNT, names);
	set("ChargeClass", "Correction\x1b[31m\x7f\xc3\xa9");
	for (int i = 0; i < 1000; i++)
		validate_row(v, (unsigned long)i + 2, FC_COUNT, row);
	assert_int_equal(validate_rule_failures(v, "CAU-ChargeClass-enum"), 1000);
	out = report(v, 2, &must);
	assert_int_equal(must, 1);
	assert_non_null(strstr(out, "FOCUS 1.3 validation: dir/b\\x1b[2Jad.csv (1000 rows, 65 columns)"));
	assert_non_null(strstr(out, "CAU-ChargeClass-enum"));
	assert_non_null(strstr(out, "1000"));
	assert_non_null(strstr(out, "line 2 col 17 (ChargeClass): \"Correction\\x1b[31m\\x7f\\xc3\\xa9\""));
	assert_non_null(strstr(out, "line 3 col 17"));
	assert_null(strstr(out, "line 4 col 17"));
	assert_non_null(strstr(out, "; ..."));
	for (p = out; *p; p++)
		assert_true(*p == '\n' || (*p >= 0x20 && *p < 0x7f));
	assert_non_null(strstr(out, "Summary: "));
	assert_non_null(strstr(out, "failed (1 MUST, 0 SHOULD)"));
	free(out);

	validate_free(v);

	/* long values are cut */
	reset(NULL);
	set("ChargeClass", "0123456789012345678901234567890123456789012345678901234567890123456789");
	v = run();
	out = report(v, 10, &must);
	assert_non_null(strstr(out, "\"0123456789012345678901234567890123456789\"..."));
	free(out);
	validate_free(v);
}

static void
test_several_files(void **state)
{
	struct validator *v = validate_new(stub_json, NULL);
	int must;
	char *out;

	(void)state;
	validate_file(v, "a.csv", FC_COUNT, names);
	set("ChargeFrequency", "Usage-based");
	validate_row(v, 2, FC_COUNT, row);
	reset(NULL);
	validate_file(v, "b.csv", FC_COUNT, names);
	set("BillingCurrency", "usd");
	validate_row(v, 2, FC_COUNT, row);
	set("ServiceCategory", "Storage");	/* the ServiceName map is per file */
	set("ServiceSubcategory", "Object Storage");
	validate_row(v, 3, FC_COUNT, row);
	assert_int_equal(validate_rule_failures(v, "CAU-ChargeFrequency-enum"), 0);
	assert_int_equal(validate_rule_failures(v, "CAU-BillingCurrency-national"), 2);
	out = report(v, 3, &must);
	assert_int_equal(must, 3);
	assert_non_null(strstr(out, "validation: a.csv (1 rows"));
	assert_non_null(strstr(out, "validation: b.csv (2 rows"));
	assert_non_null(strstr(out, "FAIL    MUST    CAU-ServiceName-one-category"));
	free(out);
	validate_free(v);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_focus_column_find, reset),
		cmocka_unit_test_setup(test_focus_enums, reset),
		cmocka_unit_test_setup(test_rule_table, reset),
		cmocka_unit_test_setup(test_clean_row_passes, reset),
		cmocka_unit_test_setup(test_enum_case_sensitive, reset),
		cmocka_unit_test_setup(test_datetime, reset),
		cmocka_unit_test_setup(test_numeric, reset),
		cmocka_unit_test_setup(test_header_case, reset),
		cmocka_unit_test_setup(test_header_custom_columns, reset),
		cmocka_unit_test_setup(test_missing_columns, reset),
		cmocka_unit_test_setup(test_service_category, reset),
		cmocka_unit_test_setup(test_service_name_maps, reset),
		cmocka_unit_test_setup(test_price_times_quantity, reset),
		cmocka_unit_test_setup(test_coupled_nulls, reset),
		cmocka_unit_test_setup(test_sku_price_coupling, reset),
		cmocka_unit_test_setup(test_charge_category_rules, reset),
		cmocka_unit_test_setup(test_empty_string_is_not_null, reset),
		cmocka_unit_test_setup(test_currency, reset),
		cmocka_unit_test_setup(test_period_order, reset),
		cmocka_unit_test_setup(test_json_columns, reset),
		cmocka_unit_test_setup(test_record_field_count, reset),
		cmocka_unit_test_setup(test_report_bounded_and_sanitised, reset),
		cmocka_unit_test_setup(test_several_files, reset),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
