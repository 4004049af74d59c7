#!/bin/sh
# The shipped Autodesk sample: made by the generator, and it has what the
# profile and the explorer promise (six meters, five charge categories,
# at least 18 monthly billing periods, the five tagged areas).
. "$(dirname "$0")/lib.sh"
S=$SRCDIR/data/autodesk-sample.csv
[ -x "$FOCAL_GEN" ] || skip "focal-gen not built"

"$FOCAL_GEN" -o "$T/regen.csv"
if cmp -s "$S" "$T/regen.csv"; then pass "focal-gen reproduces data/autodesk-sample.csv"; else
	fail "focal-gen reproduces data/autodesk-sample.csv"
fi
"$FOCAL_GEN" --rows 12345 -o "$T/n.csv"
expect_eq "focal-gen --rows writes exactly N rows" 12346 "$(wc -l <"$T/n.csv" | tr -d ' ')"
run "$FOCAL_GEN" --rows -5
expect_eq "focal-gen rejects a bad --rows" 64 "$rc"

list() { focal report --by "$1" --format csv "$S" | tail -n +2 | cut -d, -f1 | LC_ALL=C sort | tr '\n' ' '; }
expect_eq "all six meters (and Tax without one)" \
	"(null) cloud_credits_consumed design_automation_minutes model_derivative_translations product_seats reality_capture_processing storage_consumption " \
	"$(list meter)"
expect_eq "all five charge categories" "Adjustment Credit Purchase Tax Usage " "$(list ChargeCategory)"
expect_eq "the five tagged areas and untagged rows" \
	"(untagged) 3D Modeling BIM CAD Construction Engineering " "$(list tag:area)"
periods=$(focal report --by billing-period --format csv "$S" | tail -n +2 | wc -l | tr -d ' ')
[ "$periods" -ge 18 ] && pass "$periods monthly billing periods (>= 18)" || fail "only $periods billing periods"
teams=$(focal report --by SubAccountName --format csv "$S" | tail -n +2 | wc -l | tr -d ' ')
[ "$teams" -ge 3 ] && pass "$teams sub-accounts" || fail "only $teams sub-accounts"
expect_eq "the profile is picked from the data" "Platform APIs (APS)" \
	"$(focal report --by ServiceSubcategory --where meter=design_automation_minutes --format csv "$S" | tail -n +2 | cut -d, -f1)"

# upfront annual seats: billed once, amortised monthly; over a whole term the two agree
seat_billed=$(focal report --by meter --where meter=product_seats --where ChargeFrequency=One-Time --where ChargeCategory=Purchase --format csv "$S" | tail -n +2 | cut -d, -f2)
[ -n "$seat_billed" ] && pass "upfront seat purchases billed ($seat_billed)" || fail "no upfront seat purchases"
expect_eq "upfront purchases carry no EffectiveCost" "0.00" \
	"$(focal report --by meter --where meter=product_seats --where ChargeFrequency=One-Time --where ChargeCategory=Purchase --format csv "$S" | tail -n +2 | cut -d, -f3)"

done_testing
