#!/bin/sh
# figures.sh - every figure means what it says (issue 12): text that is not
# UTF-8, FOCUS versions in validate, currencies, units, partial periods.
. "$(dirname "$0")/lib.sh"

# A minimal FOCUS-ish header; rows below fill it.
H='BilledCost,BillingCurrency,ServiceName,ChargePeriodStart,ChargePeriodEnd,BillingPeriodStart,BillingPeriodEnd,EffectiveCost'

# --- case 6: Latin-1 text is located and shown without losing a byte
printf '%s\n1.00,USD,Northw\357nd D\351sign,2026-01-01T00:00:00Z,2026-01-02T00:00:00Z,2026-01-01T00:00:00Z,2026-02-01T00:00:00Z,1.00\n' \
	"$H" >"$T/latin1.csv"
run focal report --by ServiceName --format csv "$T/latin1.csv"
expect_contains "latin1: report shows the bytes" 'Northw\xEFnd D\xE9sign' "$out"
expect_not_contains "latin1: no ? in place of a byte" 'Northw?nd' "$out"
expect_contains "latin1: report says where" "latin1.csv: 1 values that are not UTF-8" "$err"
expect_contains "latin1: ... at line and column" "first at line 2 column 3" "$err"
run focal validate "$T/latin1.csv"
expect_contains "latin1: validate fails the UTF-8 rule at line 2 col 3" \
	'CSV-Encoding-utf8                                   1        line 2 col 3 (ServiceName)' "$out"

# --- case 5: validate judges a file by its own FOCUS version
if [ -d "$SHARED/focus-samples" ]; then
	for f in "$SHARED"/focus-samples/synthetic-1.2-focus-data-toolkit/*.csv; do
		b=$(basename "$f")
		run focal validate "$f"
		expect_eq "$b: a valid FOCUS 1.2 file exits 0" 0 "$rc"
		expect_contains "$b: the version judged is on the first line" "FOCUS 1.2 validation: " \
			"$(printf '%s\n' "$out" | head -1)"
		expect_not_contains "$b: no 1.3 column asked of it" "ServiceProviderName is missing" "$out"
		expect_eq "$b: a clean file's output is short" 3 "$(printf '%s\n' "$out" | wc -l | tr -d ' ')"
	done
	f=$SHARED/focus-samples/synthetic-1.2-focus-data-toolkit/aws_1_2_cost_and_usage_rows100_seed42.csv
	run focal validate --focus-version 1.3 "$f"
	expect_eq "--focus-version 1.3 on a 1.2 file: exit 1" 1 "$rc"
	expect_contains "--focus-version 1.3: said on the first line" "FOCUS 1.3 validation: " \
		"$(printf '%s\n' "$out" | head -1)"
	expect_contains "--focus-version 1.3: asks for ServiceProviderName" "ServiceProviderName is missing" "$out"
	run focal validate --format json "$f"
	expect_eq "validate --format json: exit 0" 0 "$rc"
	expect_contains "validate --format json: JSON with the version" '{"files":[{"file":' "$out"
	expect_contains "validate --format json: the version" '"focus_version":"1.2"' "$out"
	if command -v python3 >/dev/null; then
		printf '%s' "$out" | python3 -m json.tool >/dev/null 2>&1 && pass "validate json parses" ||
			fail "validate json parses"
	fi
	run focal validate --format csv --quiet "$f"
	expect_eq "validate --format csv --quiet on a clean file: the header only" \
		"file,focus_version,version_source,result,level,rule,count,detail" "$out"
	run focal validate --focus-version 1.3 --format csv --quiet "$f"
	expect_contains "validate csv: a failure is a record" \
		"1.3,asked,fail,MUST,CAU-ColumnPresent-mandatory,2,header: HostProviderName is missing" "$out"
else
	echo "# no ../shared/focus-samples: the FOCUS 1.2 checks are skipped"
fi
run focal validate --by ServiceName "$T/latin1.csv"
expect_eq "validate --by: usage error" 64 "$rc"
expect_contains "validate --by: says why" "validate does not use --by" "$err"
run focal validate --focus-version 2.0 "$T/latin1.csv"
expect_eq "validate --focus-version 2.0: usage error" 64 "$rc"
run focal report --quiet "$T/latin1.csv"
expect_eq "report --quiet: not a report option" 64 "$rc"

done_testing
