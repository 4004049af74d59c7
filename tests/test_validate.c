/* test_validate.c - the focus.c tables, the rule table and the `focal
 * validate` rules on one column's values and on the header, each with a
 * handcrafted row that passes and one that fails (validate_fix.c has the row;
 * test_validate_rules.c the rules across columns, the report, several files). */
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
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
