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

done_testing
