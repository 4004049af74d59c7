/* test_validate_rules.c - the `focal validate` rules across columns (service
 * categories, price x quantity, coupled nulls, charge categories, currencies,
 * periods, JSON), the record field count, the report and several files, each
 * with a handcrafted row that passes and one that fails (validate_fix.c). */
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
#include "validate_fix.h"

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
