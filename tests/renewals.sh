#!/bin/sh
# focal renewals and focal runway end to end: the fixtures of tests/test_renewals.c
# (the arithmetic is worked out there), options and errors, and the sample.
. "$(dirname "$0")/lib.sh"
C=$SRCDIR/tests/renewals/calendar.csv
K=$SRCDIR/tests/renewals/tokens.csv
S=$SRCDIR/data/autodesk-sample.csv

run focal renewals --help
expect_eq "renewals --help exits 0" 0 "$rc"
expect_contains "renewals --help shows usage" "Usage: focal renewals" "$out"
run focal runway --help
expect_eq "runway --help exits 0" 0 "$rc"
run focal renewals
expect_eq "renewals: no file exits 64" 64 "$rc"
run focal renewals --days 0 "$C"
expect_eq "renewals --days 0 exits 64" 64 "$rc"
expect_contains "--days names its range" "--days takes a whole number of days from 1 to 3650" "$err"
run focal renewals --window 5 "$C"
expect_eq "renewals --window exits 64" 64 "$rc"
run focal runway --days 5 "$K"
expect_eq "runway --days exits 64" 64 "$rc"
run focal runway --as-of yesterday "$K"
expect_eq "runway --as-of not a date exits 64" 64 "$rc"
run focal renewals --format xml "$C"
expect_eq "renewals unknown format exits 64" 64 "$rc"

# the calendar as of 2026-01-01: three renew in 90 days (the last on day 90)
run focal renewals --as-of 2026-01-01 --format csv "$C"
expect_eq "calendar: exit 0" 0 "$rc"
expect_eq "calendar: 90 days" "renewal,product,term,subscription,seats,unit_price,unit_price_months,price_source,renewal_cost,peak_active,peak_months,cut,rules,flex_days,term_saving,projected
2026-02-01,Maya,monthly,SUB-M,4,245,1,ContractedUnitPrice,980.00,3,3,1,above-peak,0,245.00,renewal_cost term_saving
2026-03-01,Revit,annual,SUB-R,10,3000,12,ContractedUnitPrice,30000.00,8,3,2,above-peak,0,6000.00,renewal_cost term_saving
2026-04-01,Civil 3D,annual,SUB-C,2,3000,12,ContractedUnitPrice,6000.00,,0,0,-,0,0.00,renewal_cost term_saving" "$out"
run focal renewals --as-of 2026-01-01 --days 91 --format csv "$C"
expect_contains "calendar: day 91 takes in the annual AutoCAD" "2026-04-02,AutoCAD (annual),annual,SUB-A1,2,2400,12,ContractedUnitPrice,4800.00" "$out"
expect_not_contains "calendar: the 3-year term is further out" "SUB-A3" "$out"
run focal renewals --as-of 2026-01-01 --days 790 --format json "$C"
expect_contains "calendar json: the 3-year renewal on day 790" '"renewal":"2028-03-01","product":"AutoCAD (3-year)","term":"3-year","subscription":"SUB-A3","seats":6' "$out"
expect_contains "calendar json: projections named" '"projected":["renewal_cost","term_saving"]' "$out"
run focal renewals --as-of 2026-01-01 --format table "$C"
expect_contains "calendar table: projections marked" '$30,000.00*' "$out"
expect_contains "calendar table: total of the projections" "Total" "$out"

# seat activity behind the cut: Revit 10 seats, active 6, 8, 7 (Nov..Jan);
# a bar of 20 cells: 6/10 = 12 cells, 8/10 = 16
run env LC_ALL=C "$FOCAL" renewals --as-of 2026-01-01 --activity --format table "$C"
expect_contains "activity: Revit's months" "Seat activity of Revit, last 12 months:" "$out"
expect_contains "activity: LANG=C draws #" "2025-11     10         -       6  ############
2025-12     10         -       8  ################" "$out"
expect_contains "activity: a product without monthly rows says so" \
	"Seat activity of Civil 3D, last 12 months: no monthly seat rows" "$out"
if locale -a 2>/dev/null | grep -qi '^c\.utf-\?8$'; then
	run env LC_ALL=C.UTF-8 "$FOCAL" renewals --as-of 2026-01-01 --activity --format table "$C"
	expect_contains "activity: UTF-8 draws blocks" "2025-12     10         -       8  ████████████████" "$out"
	run env LC_ALL=C.UTF-8 "$FOCAL" renewals --as-of 2026-01-01 --activity --ascii --format table "$C"
	expect_contains "activity: --ascii draws #" "8  ################" "$out"
fi
run focal runway --activity "$K"
expect_eq "runway --activity exits 64" 64 "$rc"

# the runway (hand-computed in tests/test_renewals.c)
run focal runway --as-of 2026-01-01 --window 60 --format csv "$K"
expect_eq "runway: exit 0" 0 "$rc"
expect_eq "runway csv" "currency,unit,as_of,packs,bought,used,expired,used_beyond_packs,beyond_packs_billed_0,usage_billed,usage_billed_currency,balance,empty_since,window_days,window_used,burn_per_day,runs_out,will_expire,expiry_unknown,projected
Flex Tokens,Tokens,2026-01-01,2,300,80,0,0,0,0,USD,220,,60,30,0.500000,2026-09-01,98.5,false,runs_out will_expire" "$out"
run focal runway --as-of 2026-01-01 --window 20 --format json "$K"
expect_contains "runway json: 1 a day runs out on 2026-08-09" '"runs_out":"2026-08-09","will_expire":0' "$out"
run focal runway --as-of 2026-01-01 --window 60 --format table "$K"
expect_contains "runway table: run-out marked" "runs out: 2026-09-01* (its last pack expires first)" "$out"
expect_contains "runway table: expiring marked" "will expire unused at this rate: 98.50*" "$out"
expect_contains "runway table: burn by API" "Design Automation Minutes      APS-DA-REVIT    20.00  66.7%" "$out"

# packs and draws billed in two currencies: never added
sed -e '3s/,USD,USD,/,EUR,EUR,/' -e '$s/,USD,Flex Tokens,/,EUR,Flex Tokens,/' "$K" >"$T/tok2.csv"
run focal runway --as-of 2026-01-01 --format table "$K"
expect_contains "runway table: one currency, the packs' price" "Flex Tokens: 2 packs bought as Tokens for \$900.00" "$out"
expect_contains "... and the Usage rows' billing" "its Usage rows billed \$0.00 in all" "$out"
run focal runway --as-of 2026-01-01 --format table "$T/tok2.csv"
expect_contains "two currencies: the packs' prices are not added" \
	"Flex Tokens: 2 packs bought as Tokens, priced in more than one currency (not added)" "$out"
expect_contains "... nor the Usage rows' billing" "its Usage rows are billed in more than one currency (not added)" "$out"
run focal runway --as-of 2026-01-01 --format csv "$T/tok2.csv"
expect_eq "... csv: usage_billed empty" "" "$(printf '%s\n' "$out" | tail -1 | cut -d, -f10)"
expect_eq "... and no currency for it" "" "$(printf '%s\n' "$out" | tail -1 | cut -d, -f11)"
run focal runway --as-of 2026-01-01 --format json "$T/tok2.csv"
expect_contains "... json: null" '"usage_billed":null,"usage_billed_currency":null' "$out"
expect_contains "... each pack's price in its own currency" '"price":300.00,"price_currency":"USD"' "$out"
expect_contains "... the other's" '"price":600.00,"price_currency":"EUR"' "$out"
expect_contains "... what will expire, a projection, to six decimals at most" '"left":200,"will_expire":112}' "$out"

# the store holds two currencies but the packs one: their price says which
sed -e '$s/,USD,Flex Tokens,/,EUR,Flex Tokens,/' "$K" >"$T/tok3.csv"
run focal runway --as-of 2026-01-01 --format table "$T/tok3.csv"
expect_contains "packs in USD beside a draw in EUR: the total is in dollars" \
	"Flex Tokens: 2 packs bought as Tokens for \$900.00" "$out"
expect_contains "... and each pack's price" "2025-03-01      1  100.00  \$300.00" "$out"
# every token row in EUR, a dollar row beside them
{ sed -e 's/,USD,USD,/,EUR,EUR,/' -e 's/,USD,Flex Tokens,/,EUR,Flex Tokens,/' "$K"
  sed -n '4s/,USD,Flex Tokens,40,/,USD,USD,40,/p' "$K"; } >"$T/tok4.csv"
run focal runway --as-of 2026-01-01 --format table "$T/tok4.csv"
expect_contains "packs in EUR in a two-currency store: in euros" \
	"Flex Tokens: 2 packs bought as Tokens for 900.00 EUR" "$out"
expect_contains "... the draws' billing too" "its Usage rows billed 0.00 EUR in all" "$out"
expect_contains "... each pack's price" "2025-03-01      1  100.00  300.00 EUR" "$out"
run focal runway --as-of 2026-01-01 --format csv "$T/tok4.csv"
expect_eq "... csv: the draws' billing currency" "0,EUR" "$(printf '%s\n' "$out" | tail -1 | cut -d, -f10-11)"

# packs that read the same: one line, its count and sums (focal-gen buys 4
# packs of 1,500 tokens a year); JSON still lists each
"$FOCAL_GEN" --rows 20000 --seed 7 -o "$T/gen.csv" || fail "focal-gen"
run focal runway --format table "$T/gen.csv"
expect_contains "eight packs bought on two days" "Flex Tokens: 8 packs bought as Tokens for \$36,000.00" "$out"
expect_eq "... two lines of four, the columns adding up to the summary" \
	"BOUGHT      PACKS    AMOUNT       PRICE  EXPIRES         USED  EXPIRED  LEFT  WILL EXPIRE
2025-01-15      4  6,000.00  \$18,000.00  2026-01-15  6,000.00     0.00  0.00            -
2026-01-15      4  6,000.00  \$18,000.00  2027-01-15  6,000.00     0.00  0.00            -" \
	"$(printf '%s\n' "$out" | sed -n '/^BOUGHT/,/^$/p' | sed '/^$/d')"
run focal runway --format json "$T/gen.csv"
expect_eq "... json: each pack" 8 "$(printf '%s\n' "$out" | grep -o '"bought":"[0-9-]*"' | wc -l)"

# a file with no virtual currency
run focal runway --format table "$C"
expect_eq "no virtual currency: exit 0" 0 "$rc"
expect_contains "no virtual currency: said" "No virtual currency in the data" "$out"
run focal runway --format json "$C"
expect_contains "no virtual currency: json" '"currencies":[]' "$out"

# the shipped sample
run focal renewals --days 365 --format csv "$S"
expect_eq "sample renewals: exit 0" 0 "$rc"
expect_contains "sample: AEC renews 2027-04-01 with 62 seats" "2027-04-01,Architecture Engineering & Construction Collection,annual,SUB-110045,62," "$out"
run focal runway --format csv "$S"
expect_eq "sample runway: exit 0" 0 "$rc"
expect_contains "sample: two 1,500-token packs" "Flex Tokens,Tokens,2026-10-31,2,3000," "$out"
# 72.377 tokens drawn on 2025-01-01..14, before the first pack in the data,
# were billed 0: not pay-as-you-go; the rest beyond the packs was billed $3 a
# token, as the Usage rows' BilledCost says (the token-consumption use case)
expect_contains "sample: beyond the packs, of it billed 0, and the Usage rows' billing" \
	"Flex Tokens,Tokens,2026-10-31,2,3000,6546.413,0,3546.413,72.377,10422.108,USD,0," "$out"
payg=$(focal usecase run autodesk-token-consumption --format csv "$S" | awk -F, 'NR > 1 { s += $5 } END { printf "%.3f", s }')
expect_eq "sample: the Usage rows' billing is the use case's pay-as-you-go" 10422.108 "$payg"
run focal runway --format table "$S"
expect_contains "sample table: the part billed 0" "of it on rows billed 0: 72.38 (from packs not in the data, or billed elsewhere)" "$out"
expect_contains "sample table: the month before the first pack" "2025-01  1,500.00  169.47     0.00         72.38           72.38  1,402.91" "$out"
run focal runway --as-of 2026-02-01 --format json "$S"
expect_contains "sample: the 2026 pack expires 2027-01-15 (its ChargePeriod)" '"expires":"2027-01-15","expiry_from":"ChargePeriodEnd"' "$out"

# a Usage row below 0 (a correction) counts in the used and refills no pack:
# the months' balances are the packs' (100 - (95 + 20 - 15) = 0, not 20)
H=ChargeCategory,ChargeFrequency,ChargePeriodStart,ChargePeriodEnd,BilledCost,EffectiveCost,PricingQuantity,PricingUnit,ServiceName,SkuId,SkuMeter,BillingCurrency,PricingCurrency,PricingCurrencyEffectiveCost
u() { echo "Usage,Usage-Based,2025-04-10T00:00:00Z,2025-04-11T00:00:00Z,0,1,1,Jobs,APS,APS-MD,Model Derivative Translations,USD,Flex Tokens,$1"; }
{
	echo "$H"
	echo "Purchase,One-Time,2025-03-01T00:00:00Z,2026-03-01T00:00:00Z,300,0,100,Tokens,Autodesk Flex,FLEX,,USD,USD,0"
	u 60; u -20; u 30; u 25
} >"$T/corr.csv"
run focal runway --as-of 2025-06-01 --format table "$T/corr.csv"
expect_contains "corrections: said in the summary" \
	"used counts -20.00 of Usage rows below 0 (corrections), which refill no pack" "$out"
expect_contains "corrections: the balance" "balance 0.00, empty since 2025-04-11" "$out"
expect_contains "corrections: April's balance is the packs'" \
	"2025-04    0.00  95.00     0.00         15.00           15.00     0.00" "$out"
run focal runway --as-of 2025-06-01 --format json "$T/corr.csv"
expect_contains "corrections: json" '"beyond_packs_billed_0":15,"corrections":-20,' "$out"

done_testing
