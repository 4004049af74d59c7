#!/bin/sh
# Totals reconcile with the file to the last digit: focal's report is
# compared with sums computed another way (SQLite's CSV importer reads the
# raw text, bc adds it exactly).
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || skip "sqlite3 shell not installed"
command -v bc >/dev/null || skip "bc not installed"

S=$SRCDIR/data/autodesk-sample.csv
for dim in ServiceSubcategory ChargeCategory SubAccountName SkuId; do
	reconcile "$S" "$dim"
done

# the exact totals of the sample, as data/README.md states them
expect_eq "sample BilledCost total" "700808.648" \
	"$(focal report --by ChargeCategory --format csv "$S" | tail -n +2 | cut -d, -f2 | exact_sum)"
expect_eq "sample EffectiveCost total" "634550.699" \
	"$(focal report --by ChargeCategory --format csv "$S" | tail -n +2 | cut -d, -f3 | exact_sum)"

# many rows of 11-decimal costs do not drift
{
	echo "BilledCost,EffectiveCost,ChargePeriodStart,ServiceName"
	awk 'BEGIN { for (i = 0; i < 200000; i++) printf "%d.%011d,0.%011d,2025-01-01T00:00:00Z,S%d\n", i % 7, (i * 7919) % 100000000000, (i * 104729) % 100000000000, i % 3 }'
} >"$T/many.csv"
reconcile "$T/many.csv" ServiceName

done_testing
