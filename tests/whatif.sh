#!/bin/sh
# focal whatif: scenarios, hand-computed totals, errors, scenario files, suggestions.
. "$(dirname "$0")/lib.sh"
S=$SRCDIR/data/autodesk-sample.csv
F=$SRCDIR/tests/autodesk/seats.csv

# csv_field CSV PRODUCT COLUMN: one value of focal whatif's csv
csv_field() {
	printf '%s\n' "$1" | python3 -c '
import csv, sys
rows = list(csv.DictReader(sys.stdin))
for r in rows:
    if r.get("product") == sys.argv[1]:
        print(r[sys.argv[2]])
' "$2" "$3"
}
json_total() {
	printf '%s' "$1" | python3 -c 'import json, sys; print(json.load(sys.stdin)["total"][sys.argv[1]])' "$2"
}
command -v python3 >/dev/null 2>&1 || skip "python3 is needed to read csv and json"

run focal whatif --help
expect_eq "--help exits 0" 0 "$rc"
expect_contains "--help shows usage" "Usage: focal whatif" "$out"
expect_contains "--help documents percentages" "-10%" "$out"

run focal whatif
expect_eq "no file exits 64" 64 "$rc"
expect_contains "no file points to help" "Try 'focal whatif --help'" "$err"
run focal whatif --format xml "$F"
expect_eq "unknown format exits 64" 64 "$rc"
run focal whatif --bogus "$F"
expect_eq "unknown option exits 64" 64 "$rc"

# The small fixture, as of 2026-01-01 (see tests/test_whatif.c for the arithmetic):
# Revit 10 x $3,000/yr renewing 2026-07-01, AutoCAD LT 15 x $70/mo, AEC 62 x $3,600/yr
# renewing 2026-04-01, baseline $24,530 a month.
run focal whatif --format csv --seats "Revit=-2,AutoCAD LT=10,AEC Collection=-10%" "$F"
expect_eq "small fixture: exit 0" 0 "$rc"
expect_eq "csv header" "product,term,subscriptions,seats_before,seats_after,unit_price,unit_price_months,price_source,renewal,monthly_before,monthly_after,monthly_saving,annualised_before,annualised_after,annualised_saving,next12_saving,flex_days,flex_monthly,saving_starts,saving_full_from,simulated" \
	"$(printf '%s\n' "$out" | head -1)"
expect_eq "Revit: 10 -> 8 seats" "8" "$(csv_field "$out" Revit seats_after)"
expect_eq "Revit: saves 2 x 3000 / 12 a month" "500.00" "$(csv_field "$out" Revit monthly_saving)"
expect_eq "Revit: 6000 a year" "6000.00" "$(csv_field "$out" Revit annualised_saving)"
expect_eq "Revit: 7 of the next 12 months (from the renewal)" "3500.00" "$(csv_field "$out" Revit next12_saving)"
expect_eq "Revit: saving starts at the renewal" "2026-07-01" "$(csv_field "$out" Revit saving_starts)"
expect_eq "Revit: simulated" "true" "$(csv_field "$out" Revit simulated)"
expect_eq "AutoCAD LT: monthly, saves from next month" "2026-02-01" "$(csv_field "$out" "AutoCAD LT" saving_starts)"
expect_eq "AutoCAD LT: 5 x 70 x 12" "4200.00" "$(csv_field "$out" "AutoCAD LT" next12_saving)"
expect_eq "AEC -10% of 62: 6 seats (toward zero)" "56" \
	"$(csv_field "$out" "Architecture Engineering & Construction Collection" seats_after)"
expect_eq "Maya unchanged: not simulated" "false" "$(csv_field "$out" Maya simulated)"
expect_eq "Maya unchanged: no start" "" "$(csv_field "$out" Maya saving_starts)"
expect_eq "unit price source is named" "ContractedUnitPrice" "$(csv_field "$out" Revit price_source)"

run focal whatif --format json --seats "Revit=-2,AutoCAD LT=10,AEC Collection=-10%" "$F"
expect_eq "json: exit 0" 0 "$rc"
expect_eq "json total: baseline a month" "24530.0" "$(json_total "$out" monthly_before)"
expect_eq "json total: saving a month" "2650.0" "$(json_total "$out" monthly_saving)"
expect_eq "json total: annualised saving" "31800.0" "$(json_total "$out" annualised_saving)"
expect_eq "json total: next 12 months" "25700.0" "$(json_total "$out" next12_saving)"
expect_eq "json total: simulated" "True" "$(json_total "$out" simulated)"
expect_contains "json has a legend" '"legend":"simulated' "$out"

run focal whatif --format table --seats "Revit=-2,AutoCAD LT=10,AEC Collection=-10%" "$F"
expect_eq "table: exit 0" 0 "$rc"
expect_contains "table marks simulated values" '$2,000.00*' "$out"
expect_contains "table has the legend" "* simulated: the scenario's numbers, not in the data" "$out"
expect_contains "table total: annualised saving" '$31,800.00*' "$out"
expect_contains "table total: next 12 months" '$25,700.00*' "$out"
expect_contains "table says when a saving starts" "2026-07-01 (renewal)" "$out"
expect_contains "table shows the baseline" '$24,530.00 ' "$out"
expect_contains "table names the price column" "ContractedUnitPrice" "$out"
expect_eq "table: no escape sequences" "" "$(printf '%s' "$out" | tr -cd '\033')"

# cut to zero; adds cost from next month
run focal whatif --format csv --seats "Maya=0,AutoCAD (annual)=+3" "$F"
expect_eq "cut to zero" "0" "$(csv_field "$out" Maya seats_after)"
expect_eq "cut to zero: all of it" "980.00" "$(csv_field "$out" Maya monthly_saving)"
expect_eq "added seats cost" "-600.00" "$(csv_field "$out" "AutoCAD (annual)" monthly_saving)"

# Errors: unknown names list the products; impossible counts; malformed specs
run focal whatif --seats "Inventor=-1" "$F"
expect_eq "unknown product exits 64" 64 "$rc"
expect_contains "unknown product is named" "unknown product 'Inventor'" "$err"
expect_contains "the known products are listed" "AutoCAD LT, Maya, Revit" "$err"
expect_eq "nothing on stdout after an error" "" "$out"
run focal whatif --seats "Revit=-11" "$F"
expect_eq "below zero exits 64" 64 "$rc"
expect_contains "below zero says so" "cannot be below zero" "$err"
run focal whatif --seats "Revit=lots" "$F"
expect_eq "malformed exits 64" 64 "$rc"
expect_contains "malformed says what is expected" "expected a seat count (12), a change (+2, -3) or a percentage (-10%)" "$err"
run focal whatif --seats "Revit 5" "$F"
expect_eq "no = exits 64" 64 "$rc"
expect_contains "no = says PRODUCT=CHANGE" "expected PRODUCT=CHANGE" "$err"
run focal whatif --seats "AutoCAD=-1" "$F"
expect_eq "ambiguous name exits 64" 64 "$rc"
expect_contains "ambiguous name lists the choices" "AutoCAD (annual), AutoCAD (3-year)" "$err"
run focal whatif --seats "Revit=10%" "$F"
expect_contains "a percentage needs a sign" "needs a sign" "$err"

# Scenario files: save, never overwrite without --force, load gives the same numbers
run focal whatif --format csv --seats "Revit=-2,AEC Collection=-10%" --save "$T/r.scenario" "$F"
expect_eq "--save exits 0" 0 "$rc"
expect_eq "scenario file starts with its magic line" "# focal scenario 1" "$(head -1 "$T/r.scenario")"
expect_contains "scenario file has absolute counts" "Revit = 8" "$(cat "$T/r.scenario")"
csv1=$out
run focal whatif --format csv --scenario "$T/r.scenario" "$F"
expect_eq "--scenario exits 0" 0 "$rc"
expect_eq "--scenario gives the numbers of --seats" "$csv1" "$out"
run focal whatif --format csv --seats "Revit=-1" --save "$T/r.scenario" "$F"
expect_eq "--save over a file exits 2" 2 "$rc"
expect_contains "--save over a file says --force" "exists; use --force" "$err"
expect_contains "the file is kept" "Revit = 8" "$(cat "$T/r.scenario")"
run focal whatif --format csv --seats "Revit=-1" --save "$T/r.scenario" --force "$F"
expect_eq "--save --force exits 0" 0 "$rc"
expect_contains "--force replaced it" "Revit = 9" "$(cat "$T/r.scenario")"
printf '# focal scenario 1\nRevit = 8\nAutoCAD LT = -3 seats\n' >"$T/bad.scenario"
run focal whatif --scenario "$T/bad.scenario" "$F"
expect_eq "a bad scenario file exits 2" 2 "$rc"
expect_contains "the error names file and line" "bad.scenario:3: AutoCAD LT" "$err"

# The sample: the issue's example
run focal whatif --format csv --seats "Revit=-5,AutoCAD LT=10" "$S"
expect_eq "sample: exit 0" 0 "$rc"
expect_eq "sample: Revit annual at 3160, 5 seats cut from the 2027-07-01 renewal" "15800.00|5266.67|2027-07-01" \
	"$(csv_field "$out" Revit annualised_saving)|$(csv_field "$out" Revit next12_saving)|$(csv_field "$out" Revit saving_starts)"
expect_eq "sample: AutoCAD LT monthly, 5 seats from next month" "4200.00|4200.00|2026-11-01" \
	"$(csv_field "$out" "AutoCAD LT" annualised_saving)|$(csv_field "$out" "AutoCAD LT" next12_saving)|$(csv_field "$out" "AutoCAD LT" saving_starts)"
expect_eq "sample: 3-year AutoCAD is its own product" "5|2028-03-01" \
	"$(csv_field "$out" "AutoCAD (3-year)" seats_before)|$(csv_field "$out" "AutoCAD (3-year)" renewal)"
expect_eq "sample: AEC seats from the latest month" "62" \
	"$(csv_field "$out" "Architecture Engineering & Construction Collection" seats_before)"

# Suggestions on the sample: idle seats from x_ActiveSeats, with the rule and the saving
run focal whatif --suggest --format csv "$S"
expect_eq "--suggest exits 0" 0 "$rc"
expect_eq "--suggest csv header" "product,rule,cut,flex_days,monthly_saving,annualised_saving,next12_saving,saving_starts,why,simulated" \
	"$(printf '%s\n' "$out" | head -1)"
expect_contains "--suggest finds AEC seats above the active peak" \
	"Architecture Engineering & Construction Collection,above-peak,7,0,2037.00,24444.00,14259.00,2027-04-01,at most 55 of 62 seats were active" "$out"
expect_contains "--suggest names the column it read" "(x_ActiveSeats; idle window 90 days)" "$out"
run focal whatif --suggest --format table "$S"
expect_contains "--suggest applies nothing" "Nothing is applied" "$out"
expect_contains "--suggest shows how to try them" 'To try them: --seats "' "$out"
# only suggesting: no baseline table, no "No changes" that reads as an error
# (issue 12, case 9), and each rule that could not run says what it needed
expect_not_contains "--suggest alone: no baseline table" "ANNUALISED" "$out"
expect_not_contains "--suggest alone: no 'No changes' line" "No changes" "$out"
expect_contains "--suggest alone: the as-of line" "Seat what-if as of 2026-10-01: 7 seat products (USD)" "$out"
expect_contains "--suggest: the rules that did not run" "Rules that did not run, for want of data:" "$out"
expect_contains "--suggest: Flex needs the importer's usage data" \
	"flex       needs x_OccasionalSeats and x_OccasionalDays (users under 8 days a month), which only focal import autodesk --usage writes" "$out"
expect_contains "--suggest: idle needs x_IdleSeats" "idle       needs x_IdleSeats" "$out"
expect_not_contains "--suggest: above-peak ran" "above-peak needs" "$out"
run focal whatif --suggest --format csv "$S"
expect_contains "--suggest csv: the rules not run are notes on stderr" \
	"focal: note: rule flex did not run: it needs x_OccasionalSeats" "$err"
run focal whatif --suggest --format json "$S"
expect_eq "--suggest json: rules_not_run" "idle unassigned flex" \
	"$(printf '%s' "$out" | python3 -c 'import json, sys; print(" ".join(r["rule"] for r in json.load(sys.stdin)["rules_not_run"]))')"
run focal whatif --suggest --seats Revit=-1 --format table "$S"
expect_contains "--suggest with a scenario: the scenario's table" "ANNUALISED" "$out"
run focal whatif --suggest --idle-days 30 --format csv "$S"
expect_contains "--idle-days changes the window" "idle window 30 days" "$out"

# Suggestions from imported activity columns: idle, unassigned, Flex
run focal whatif --suggest --format csv "$F"
expect_contains "idle rule" "Revit,idle,2,0,500.00,6000.00,3500.00,2026-07-01" "$out"
expect_contains "unassigned rule" "Revit,unassigned,1,0" "$out"
expect_contains "flex rule, with its saving" "Revit,flex,3,10.5,435.00,5220.00,3045.00,2026-07-01" "$out"
expect_not_contains "imported activity: every rule ran" "did not run" "$err"
run focal whatif --format csv --seats "Revit=-3 flex 10.5" "$F"
expect_eq "a flex scenario includes the Flex cost" "435.00|315.00" \
	"$(csv_field "$out" Revit monthly_saving)|$(csv_field "$out" Revit flex_monthly)"

# Seats without amortisation rows: a term billed yearly (Recurring), and the FOCUS
# appendix pattern of one Purchase row per upfront term (BilledCost = EffectiveCost)
cat >"$T/terms.csv" <<'EOF2'
ProviderName,BillingCurrency,ChargeCategory,ChargeFrequency,ChargePeriodStart,ChargePeriodEnd,BilledCost,EffectiveCost,PricingQuantity,ContractedUnitPrice,ServiceName,SkuMeter
Autodesk,USD,Purchase,Recurring,2026-01-01T00:00:00Z,2027-01-01T00:00:00Z,6000,6000,2,3000,Civil 3D,Product Seats
Autodesk,USD,Purchase,One-Time,2025-06-01T00:00:00Z,2026-06-01T00:00:00Z,5000,5000,2,2500,Inventor Professional,Product Seats
EOF2
run focal whatif --format csv --as-of 2026-03-01 --seats "Civil=-1,Inventor=-1" "$T/terms.csv"
expect_eq "yearly charge: annual term, renews at the period end" "annual|12|2027-01-01|250.00|750.00" \
	"$(for c in term unit_price_months renewal monthly_saving next12_saving; do csv_field "$out" "Civil 3D" $c; done | paste -sd'|' -)"
expect_eq "one row per term: term from its ChargePeriod" "annual|2026-06-01|208.33|2083.33" \
	"$(for c in term renewal monthly_saving next12_saving; do csv_field "$out" "Inventor Professional" $c; done | paste -sd'|' -)"

# Hostile product names are sanitised
printf 'ProviderName,ChargeCategory,ChargeFrequency,ChargePeriodStart,ChargePeriodEnd,BilledCost,EffectiveCost,PricingQuantity,ContractedUnitPrice,ServiceName,SkuMeter\n' >"$T/hostile.csv"
printf 'Autodesk,Purchase,Recurring,2026-01-01T00:00:00Z,2026-02-01T00:00:00Z,10,10,1,10,"Evil\033[2J\033]0;x\007",Product Seats\n' >>"$T/hostile.csv"
run focal whatif --format table --seats "Evil=0" "$T/hostile.csv"
expect_eq "hostile: exit 0" 0 "$rc"
expect_eq "hostile: no escape bytes in the table" "" "$(printf '%s' "$out" | tr -cd '\033\007')"
run focal whatif --format json "$T/hostile.csv"
expect_eq "hostile: no escape bytes in json" "" "$(printf '%s' "$out" | tr -cd '\033\007')"

# a scenario whose cost leaves the exact range says so, never a wrapped number
printf '%s\n' 'ProviderName,BillingCurrency,ChargeCategory,ChargeFrequency,ChargePeriodStart,ChargePeriodEnd,BillingPeriodStart,BillingPeriodEnd,BilledCost,EffectiveCost,PricingQuantity,ServiceName,SkuMeter,x_Term' \
	'Autodesk,USD,Purchase,Recurring,2026-01-01T00:00:00Z,2026-02-01T00:00:00Z,2026-01-01T00:00:00Z,2026-02-01T00:00:00Z,9999999999999999,9999999999999999,2,Revit,product_seats,monthly' >"$T/huge.csv"
run focal whatif --format csv --seats "Revit=1000000" "$T/huge.csv"
expect_eq "overflow: exit 0" 0 "$rc"
expect_eq "overflow: csv says overflow" "9999999999999999.00 overflow overflow" \
	"$(csv_field "$out" Revit monthly_before) $(csv_field "$out" Revit monthly_after) $(csv_field "$out" Revit annualised_saving)"
run focal whatif --format json --seats "Revit=1000000" "$T/huge.csv"
expect_eq "overflow: json null" "None" "$(json_total "$out" monthly_after)"
run focal whatif --format table --seats "Revit=1000000" "$T/huge.csv"
expect_contains "overflow: table says overflow" "overflow*" "$out"

# a product counts at most 1,000,000 seats, the most --seats reads back: two
# lots of 600,000 model one of them and say so, and a change reads (it used
# to say "'-2': more than 1000000 seats" of a product shown with 1,200,000)
run focal whatif --format csv --seats "Revit=-2" "$SRCDIR/tests/autodesk/seats-too-many.csv"
expect_eq "too many seats: exit 0" 0 "$rc"
expect_eq "too many seats: one lot modelled, the change applied" "600000 599998" \
	"$(csv_field "$out" Revit seats_before) $(csv_field "$out" Revit seats_after)"
expect_contains "too many seats: the lot left out is noted" \
	"Revit: its subscriptions add up to more than 1000000 seats; one of 600000 seats is not modelled" "$err"

# the total is the sum of the lines as shown, to the cent: the sample's
# October seats are 26,336.16 in the data (AutoCAD 3-year 845.83, Revit
# 2,633.33 ...); the exact sum of the unrounded lines said 26,336.17
run focal whatif --format json "$S"
expect_eq "the sample's baseline a month foots with its lines and the data" "26336.16" \
	"$(json_total "$out" monthly_before)"
run focal report --format csv --by meter --where meter=product_seats --where period=2026-10 "$S"
expect_contains "... the data's October seat cost (EffectiveCost)" "product_seats,26145.00,26336.16," "$out"

# seats billed in two currencies are never added: the Revit rows in EUR
eur_seats "$S" "$T/eur.csv"
run focal whatif --format table "$T/eur.csv"
expect_eq "seats in EUR and USD without --currency: exit 64" 64 "$rc"
expect_contains "... says why and which" "the seat rows are billed in 2 currencies (EUR, USD): seat costs in different currencies are never added; give --currency EUR" "$err"
expect_eq "... and prints no mixed total" "" "$out"
run focal whatif --format json --currency EUR "$T/eur.csv"
expect_eq "--currency EUR: Revit alone (10 seats x 3,160 / 12)" "2633.33" "$(json_total "$out" monthly_before)"
expect_contains "... in EUR" '"currency":"EUR"' "$out"
run focal whatif --format json --currency USD "$T/eur.csv"
expect_eq "--currency USD: the rest (26,336.16 - 2,633.33)" "23702.83" "$(json_total "$out" monthly_before)"
run focal whatif --format csv --currency GBP "$T/eur.csv"
expect_eq "--currency no seat row has: exit 64" 64 "$rc"
expect_contains "... names the ones there are" "--currency GBP: no seat row is billed in it (the seats are billed in EUR, USD)" "$err"
run focal renewals --format csv --days 365 "$T/eur.csv"
expect_eq "renewals over seats in two currencies: exit 64" 64 "$rc"
run focal renewals --format csv --days 365 --currency EUR "$T/eur.csv"
expect_eq "renewals --currency EUR: Revit's renewal alone" \
	"2027-07-01,Revit,annual,SUB-110061,10,3160,12,ContractedUnitPrice,31600.00" \
	"$(printf '%s\n' "$out" | sed -n 2p | cut -d, -f1-9)"
run focal runway --currency EUR "$T/eur.csv"
expect_eq "runway --currency: a usage error" 64 "$rc"

done_testing
