/* Unit tests: reading the use case files (usecase.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "usecase.h"

static const char good[] =
    "-- title: Analyze tag coverage\n"
    "-- focus: 1.0, 1.3\n"
    "--\n"
    "-- columns: ProviderName EffectiveCost,Tags\n"
    "-- param: key = area : the tag key\n"
    "-- param: since = 2025-01-01T00:00:00Z : first day\n"
    "-- param: sku =\n"
    "-- description: Share of EffectiveCost that is tagged.\n"
    "SELECT 1 FROM focus WHERE :key = :key;\n";

static struct usecase *
parse(const char *text, char *err, size_t errlen)
{
	err[0] = '\0';
	return usecase_parse(text, strlen(text), "demo", "x/demo.sql", err, errlen);
}

static void
test_good_header(void **state)
{
	char err[256];
	struct usecase *uc = parse(good, err, sizeof err);
	(void)state;
	assert_non_null(uc);
	assert_string_equal(uc->name, "demo");
	assert_string_equal(uc->title, "Analyze tag coverage");
	assert_string_equal(uc->versions, "1.0 1.3");
	assert_int_equal(uc->ncolumns, 3);
	assert_string_equal(uc->columns[0], "ProviderName");
	assert_string_equal(uc->columns[2], "Tags");
	assert_int_equal(uc->nparams, 3);
	assert_string_equal(usecase_param(uc, "key")->def, "area");
	assert_string_equal(usecase_param(uc, "key")->help, "the tag key");
	/* a colon inside the default is kept: only " :" starts the help */
	assert_string_equal(usecase_param(uc, "since")->def, "2025-01-01T00:00:00Z");
	assert_string_equal(usecase_param(uc, "since")->help, "first day");
	assert_string_equal(usecase_param(uc, "sku")->def, "");
	assert_null(usecase_param(uc, "nope"));
	assert_string_equal(uc->description, "Share of EffectiveCost that is tagged.");
	assert_string_equal(uc->sql, good);
	usecase_free(uc);
}

static void
expect_error(const char *text, const char *want)
{
	char err[256];
	struct usecase *uc = parse(text, err, sizeof err);
	if (uc != NULL || strcmp(err, want) != 0)
		fail_msg("for %s\n got \"%s\"\nwant \"%s\"", text, err, want);
	usecase_free(uc);
}

static void
test_malformed_headers(void **state)
{
	(void)state;
	expect_error("-- title: T\n-- colour: red\n",
	    "x/demo.sql:2: expected title, focus, columns, param or description, not \"colour\"");
	expect_error("-- title: T\n-- just words\n",
	    "x/demo.sql:2: expected \"-- key: value\" (title, focus, columns, param, description)");
	expect_error("-- title: T\n-- title: U\n", "x/demo.sql:2: expected one \"title:\" line, not a second");
	expect_error("-- title:\n", "x/demo.sql:1: expected a value after \"title:\"");
	expect_error("-- title: T\n-- focus: 1.x\n", "x/demo.sql:2: expected a FOCUS version such as 1.2, not \"1.x\"");
	expect_error("-- title: T\n-- focus: 13\n", "x/demo.sql:2: expected a FOCUS version such as 1.2, not \"13\"");
	expect_error("-- title: T\n-- focus: 1.3\n-- columns: Tags json_extract(Tags)\n",
	    "x/demo.sql:3: expected a column name (letters, digits, _), not \"json_extract(Tags)\"");
	expect_error("-- title: T\n-- param: key area\n", "x/demo.sql:2: expected param: \"NAME = DEFAULT : help\"");
	expect_error("-- title: T\n-- param: 1key = a\n",
	    "x/demo.sql:2: expected param: a parameter name (letters, digits, _) first");
	expect_error("-- title: T\n-- param: k = a\n-- param: k = b\n", "x/demo.sql:3: expected param: each parameter once");
	expect_error("-- title: T\n-- focus: 1.3\n-- columns: Tags\nSELECT 1;\n",
	    "x/demo.sql:4: expected a \"-- description:\" line in the header");
	expect_error("SELECT 1;\n", "x/demo.sql:1: expected a \"-- title:\" line in the header");
	expect_error("-- title: T\n-- focus: 1.3\n-- columns: Tags\n-- description: d\n\n  \n",
	    "x/demo.sql:5: expected a SELECT after the header");
}

static void
test_nul_byte(void **state)
{
	char err[256];
	static const char text[] = "-- title: T\n\0";
	(void)state;
	assert_null(usecase_parse(text, sizeof text - 1, "demo", "x/demo.sql", err, sizeof err));
	assert_string_equal(err, "x/demo.sql:1: expected text, not binary data (a NUL byte)");
}

static int
has_column(void *ctx, const char *name)
{
	(void)ctx;
	return strcmp(name, "EffectiveCost") == 0 || strcmp(name, "ProviderName") == 0;
}

static void
test_missing_column(void **state)
{
	char err[256];
	struct usecase *uc = parse(good, err, sizeof err);
	(void)state;
	assert_string_equal(usecase_missing(uc, has_column, NULL), "Tags");
	usecase_free(uc);
}

/* Every shipped use case reads (FOCAL_DATADIR points at the source tree). */
static void
test_shipped(void **state)
{
	struct usecase **list;
	int n = usecase_load_all(&list, NULL, NULL);
	(void)state;
	assert_true(n >= 24);
	for (int i = 0; i < n; i++) {
		assert_true(list[i]->ncolumns > 0);
		if (i)
			assert_true(strcmp(list[i - 1]->name, list[i]->name) < 0);
	}
	assert_non_null(usecase_find(list, n, "tag-coverage"));
	assert_null(usecase_find(list, n, "no-such-use-case"));
	usecase_free_all(list, n);
}

static void
test_load_errors(void **state)
{
	char err[256];
	(void)state;
	assert_null(usecase_load("/nonexistent/x.sql", err, sizeof err));
	assert_string_equal(err, "/nonexistent/x.sql: No such file or directory");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_header),
		cmocka_unit_test(test_malformed_headers),
		cmocka_unit_test(test_nul_byte),
		cmocka_unit_test(test_missing_column),
		cmocka_unit_test(test_shipped),
		cmocka_unit_test(test_load_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
