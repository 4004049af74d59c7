#!/bin/sh
# Every Cost and Usage file of the public FOCUS samples loads, and its totals
# reconcile exactly with an independent sum.
. "$(dirname "$0")/lib.sh"
[ -d "$SHARED/focus-samples" ] || skip "no ../shared/focus-samples"
command -v sqlite3 >/dev/null || skip "sqlite3 shell not installed"
command -v bc >/dev/null || skip "bc not installed"

n=0
for f in $(find "$SHARED/focus-samples" -name '*.csv' | grep -v -e contract_commitment -e reference-ms | LC_ALL=C sort); do
	n=$((n + 1))
	reconcile "$f" ChargeCategory
	if head -1 "$f" | grep -q ServiceName; then
		reconcile "$f" ServiceName
	fi
done
[ "$n" -ge 30 ] && pass "found $n CAU sample files" || fail "found only $n CAU sample files"

# the contract commitment datasets are recognised and refused clearly
for f in "$SHARED"/focus-samples/synthetic-1.3-focus-data-toolkit/*contract_commitment*.csv; do
	run focal report --format csv "$f"
	expect_eq "$(basename "$f"): exit 2" 2 "$rc"
	expect_contains "$(basename "$f"): says what it is" "ContractCommitment dataset" "$err"
done

# a FOCUS 1.0-style file (no ServiceSubcategory, no SkuMeter) still drills
f=$SHARED/focus-samples/official-spec-v1.2-examples/saas_examples/simple_agreements/simple_saas_agreements_a1.csv
run focal report --by meter --format csv "$f"
expect_eq "no SkuMeter: meter falls back (exit 0)" 0 "$rc"
expect_contains "no SkuMeter: focal says so" "their meter is their PricingUnit" "$err"

done_testing
