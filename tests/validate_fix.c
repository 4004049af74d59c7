/* validate_fix.c - the row and helpers of the validator's unit tests
 * (validate_fix.h). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "validate_fix.h"

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

const char *names[FC_COUNT + 4];
const char *row[FC_COUNT + 4];
int json_calls;

/* Stands in for SQLite: an object is {...}; KeyValueFormat has no nesting. */
int
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

int
col(const char *name)
{
	int cf, c = focus_column_find(name, &cf);

	assert_true(c >= 0);
	assert_int_equal(cf, 0);
	return c;
}

void
set(const char *name, const char *value)
{
	row[col(name)] = value;
}

int
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
struct validator *
run(void)
{
	struct validator *v = validate_new(stub_json, NULL);

	assert_non_null(v);
	validate_file(v, "t.csv", FC_COUNT, names);
	validate_row(v, 2, FC_COUNT, row);
	return v;
}

/* Failures of one rule on the current row. */
long
fails(const char *rule)
{
	struct validator *v = run();
	long n = validate_rule_failures(v, rule);

	validate_free(v);
	return n;
}

/* The report as a string (caller frees). */
char *
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
