#!/bin/sh
# focal import autodesk: header-driven reading of the Autodesk Account exports,
# errors naming files and columns, and the import -> validate -> report -> whatif round trip.
. "$(dirname "$0")/lib.sh"
A=$SRCDIR/tests/autodesk
ASOF=2026-03-15

# field FILE ROW-MATCH COLUMN: a column of the first row whose ChargeDescription contains ROW-MATCH
field() {
	python3 -c '
import csv, sys
for r in csv.DictReader(open(sys.argv[1], newline="")):
    if sys.argv[2] in r["ChargeDescription"]:
        print(r[sys.argv[3]])
        break
' "$1" "$2" "$3"
}
command -v python3 >/dev/null 2>&1 || skip "python3 is needed to read csv"

run focal import --help
expect_eq "--help exits 0" 0 "$rc"
expect_contains "--help shows usage" "Usage: focal import autodesk --subscriptions=FILE" "$out"
expect_contains "--help documents the prices file" "product,term,list[,currency,effective]" "$out"
run focal import autodesk
expect_eq "no --subscriptions exits 64" 64 "$rc"
expect_contains "no --subscriptions says so" "--subscriptions FILE is required" "$err"
expect_contains "usage errors point to help" "Try 'focal import --help'" "$err"
run focal import azure --subscriptions "$A/subscriptions.csv"
expect_eq "unknown source exits 64" 64 "$rc"
run focal import autodesk --subscriptions "$A/subscriptions.csv" --as-of someday
expect_eq "bad --as-of exits 64" 64 "$rc"

# The documented headers
run focal import autodesk --subscriptions "$A/subscriptions.csv" --usage "$A/usage.csv" --as-of $ASOF
expect_eq "import: exit 0" 0 "$rc"
printf '%s\n' "$out" >"$T/focus.csv"
hdr=$(head -1 "$T/focus.csv")
expect_eq "65 FOCUS columns and 17 x_ columns" 82 "$(printf '%s\n' "$hdr" | tr ',' '\n' | wc -l | tr -d ' ')"
expect_contains "x_ columns last" "Tags,x_SubscriptionId,x_Term,x_ContractNumber,x_SubscriptionStatus,x_AutoRenewDate,x_ResellerName,x_PriceSource,x_PriceConfidence,x_AssignedSeats,x_ActiveSeats,x_IdleSeats,x_IdleThresholdDays,x_OccasionalSeats,x_OccasionalDays,x_OccasionalThresholdDays,x_DaysUsedAvg,x_TokensUsed" "$hdr"
expect_eq "38 rows: purchases, amortised months, the current monthly charge" 39 "$(wc -l <"$T/focus.csv" | tr -d ' ')"
expect_contains "a future subscription is noted" "SUB-1005: Civil 3D starts after the as-of date" "$err"
expect_contains "a price from a later date is noted" "SUB-1001: Revit (annual) has no list price effective on 2025-07-01" "$err"

# upfront annual: one Purchase/One-Time row for the term, BilledCost = seats x list, EffectiveCost 0
expect_eq "Revit term: billed upfront" "30550.00|0.00|One-Time|2025-07-01T00:00:00Z|2026-07-01T00:00:00Z|Seats" \
	"$(for c in BilledCost EffectiveCost ChargeFrequency ChargePeriodStart ChargePeriodEnd PricingUnit; do
		field "$T/focus.csv" "Revit, annual term 2025" $c; done | paste -sd'|' -)"
# amortised: 3055 / 12 = 254.58 a seat-month, the last month takes the remainder (254.62)
expect_eq "Revit month 9: 10 x 254.58" "0.00|2545.80|254.58|10|Recurring|Seat-Months" \
	"$(for c in BilledCost EffectiveCost ListUnitPrice PricingQuantity ChargeFrequency PricingUnit; do
		field "$T/focus.csv" "amortised 2026-03 (month 9 of 12)" $c; done | paste -sd'|' -)"
expect_eq "AEC last month takes the remainder" "291.63|5832.60" \
	"$(for c in ListUnitPrice EffectiveCost; do
		field "$T/focus.csv" "amortised 2026-03 (month 12 of 12), 20 seats" $c; done | paste -sd'|' -)"
# inclusive end dates: 2026-06-30 is the last day of a term that renews 2026-07-01
expect_eq "monthly: the charge holding the as-of day" "2026-03-15T00:00:00Z|2026-04-15T00:00:00Z|350.00|350.00" \
	"$(for c in ChargePeriodStart ChargePeriodEnd BilledCost EffectiveCost; do
		field "$T/focus.csv" "AutoCAD LT monthly" $c; done | paste -sd'|' -)"
expect_eq "the profile's meter is recognised" "product_seats" \
	"$(focal report --by meter --format csv "$T/focus.csv" | tail -n +2 | cut -d, -f1 | sort -u)"

# activity from the usage report, on the as-of rows only
expect_eq "Revit activity" "10|8|2|90|3|10.5|8" \
	"$(for c in x_AssignedSeats x_ActiveSeats x_IdleSeats x_IdleThresholdDays x_OccasionalSeats x_OccasionalDays x_OccasionalThresholdDays; do
		field "$T/focus.csv" "amortised 2026-03 (month 9 of 12)" $c; done | paste -sd'|' -)"
expect_eq "no activity on past months" "" "$(field "$T/focus.csv" "amortised 2026-02 (month 8 of 12)" x_ActiveSeats)"
expect_eq "Flex users' tokens go to x_TokensUsed, not seats" "63|3" \
	"$(for c in x_TokensUsed x_AssignedSeats; do field "$T/focus.csv" "AutoCAD, 3-year term from 2025-03-01, amortised 2026-03" $c; done | paste -sd'|' -)"

# masked PII ("*****") is read as missing; no personal data is written
expect_not_contains "no masked values written" "*****" "$out"
expect_not_contains "no reseller e-mail written" "partner@example.com" "$out"
expect_not_contains "no hashed user ids written" "0a1b2c3d4e5f" "$out"
expect_contains "the reseller name is kept" "Example Reseller Ltd" "$out"

# reordered columns, display-style names, extra columns, CRLF and a BOM: the same file
run focal import autodesk --subscriptions "$A/subscriptions-reordered.csv" --usage "$A/usage-reordered.csv" --as-of $ASOF
expect_eq "reordered: exit 0" 0 "$rc"
expect_eq "reordered columns and extra columns: identical output" "$(cat "$T/focus.csv")" "$out"

# missing and renamed columns: exit 2, naming them
run focal import autodesk --subscriptions "$A/subscriptions-missing.csv" --as-of $ASOF
expect_eq "missing column exits 2" 2 "$rc"
expect_contains "missing column is named" "subscriptions-missing.csv: not an Autodesk Account subscriptions export: missing column seat_quantity" "$err"
expect_eq "missing column: nothing on stdout" "" "$out"
run focal import autodesk --subscriptions "$A/subscriptions-renamed.csv" --as-of $ASOF
expect_eq "renamed column exits 2" 2 "$rc"
expect_contains "renamed column: the missing name and the odd one" "missing column offering_name (renamed? the file has unrecognised columns: product_name)" "$err"
run focal import autodesk --subscriptions "$A/subscriptions.csv" --usage "$A/usage-missing.csv" --as-of $ASOF
expect_eq "usage: missing column exits 2" 2 "$rc"
expect_contains "usage: missing column is named" "usage-missing.csv: not an Autodesk Account usage report export: missing column days_inactive" "$err"
printf 'subscription_id,offering_name,seat_quantity,term,start_date,end_date\nSUB-9,Revit,ten,annual,2025-07-01,2026-07-01\n' >"$T/badseats.csv"
run focal import autodesk --subscriptions "$T/badseats.csv" --as-of $ASOF
expect_eq "bad value exits 2" 2 "$rc"
expect_contains "bad value: file, line, column" "badseats.csv:2:3: seat_quantity \"ten\": not a whole number" "$err"
# two exports concatenated: a subscription on two lines would count twice
{ cat "$A/subscriptions.csv"; tail -n +2 "$A/subscriptions.csv"; } >"$T/twice.csv"
run focal import autodesk --subscriptions "$T/twice.csv" --as-of $ASOF -o "$T/twice.out"
expect_eq "a subscription twice exits 2" 2 "$rc"
expect_contains "... naming the repeat and the first line" \
	"twice.csv:7:9: subscription_id \"SUB-1001\": the subscription again (first at line 2)" "$err"
expect_eq "... and writes nothing" 0 "$([ -e "$T/twice.out" ] && echo 1 || echo 0)"
printf 'subscription_id,offering_name,seat_quantity,term,start_date,end_date\nSUB-9,Revit,1,biennial,2025-07-01,2027-07-01\n' >"$T/badterm.csv"
run focal import autodesk --subscriptions "$T/badterm.csv" --as-of $ASOF
expect_contains "unknown term is named" "badterm.csv:2:4: term \"biennial\": expected monthly, annual or 3-year" "$err"
run focal import autodesk --subscriptions "$T/nonexistent.csv" --as-of $ASOF
expect_eq "unreadable file exits 2" 2 "$rc"

# an offering without a price: left out and named (exit 3), the others kept;
# a prices file fixes it
run focal import autodesk --subscriptions "$A/subscriptions-unknown.csv" --as-of $ASOF
expect_eq "unknown offering exits 3" 3 "$rc"
expect_contains "unknown offering is named, with the fix" "SUB-1006 left out: no list price for 'Widget Pro' (annual)" "$err"
expect_contains "the fix names --prices" "--prices" "$err"
expect_contains "the other subscriptions are written" "Revit, annual term 2025" "$out"
expect_not_contains "the unpriced one is not" "Widget Pro" "$out"
run focal import autodesk --subscriptions "$A/subscriptions-unknown.csv" --prices "$A/prices.csv" --as-of $ASOF
expect_eq "with --prices: exit 0" 0 "$rc"
printf '%s\n' "$out" >"$T/priced.csv"
expect_eq "the prices file sets Widget Pro" "4800.00|prices file" \
	"$(for c in BilledCost x_PriceSource; do field "$T/priced.csv" "Widget Pro, annual term 2026" $c; done | paste -sd'|' -)"
expect_eq "the prices file overrides the profile" "31600.00" "$(field "$T/priced.csv" "Revit, annual term 2025" BilledCost)"
expect_eq "profile prices carry their confidence" "C" "$(field "$T/priced.csv" "AutoCAD LT monthly" x_PriceConfidence)"

# -o writes through a temporary file and never replaces without --force
run focal import autodesk --subscriptions "$A/subscriptions.csv" --as-of $ASOF -o "$T/out.csv"
expect_eq "-o: exit 0" 0 "$rc"
expect_eq "-o: nothing on stdout" "" "$out"
run focal import autodesk --subscriptions "$A/subscriptions.csv" --as-of $ASOF -o "$T/out.csv"
expect_eq "-o over a file exits 2" 2 "$rc"
expect_contains "-o over a file says --force" "exists; use --force" "$err"
run focal import autodesk --subscriptions "$A/subscriptions.csv" --as-of $ASOF -o "$T/out.csv" --force
expect_eq "-o --force: exit 0" 0 "$rc"
expect_eq "no temporary files left" "out.csv" "$(cd "$T" && ls out.csv* | paste -sd' ' -)"

# A big export is read whole (the reader's buffer and its table grow as they
# go): 300 copies of the subscriptions under new ids write 300 times the rows
# and 300 times the cost of one copy.
run focal import autodesk --subscriptions "$A/subscriptions.csv" --as-of $ASOF -o "$T/one.csv"
expect_eq "one copy: exit 0" 0 "$rc"
{ head -1 "$A/subscriptions.csv"; i=0; while [ $i -lt 300 ]; do
	tail -n +2 "$A/subscriptions.csv" | sed "s/,SUB-\([0-9]*\),/,SUB-\1-$i,/"; i=$((i + 1)); done; } >"$T/subs300.csv"
expect_eq "300 copies: over 16 KiB and 1,500 rows" "1501" "$(wc -l <"$T/subs300.csv" | tr -d ' ')"
run focal import autodesk --subscriptions "$T/subs300.csv" --as-of $ASOF -o "$T/many.csv"
expect_eq "300 copies: exit 0" 0 "$rc"
expect_eq "300 copies: 300 times the rows" "$(( ($(wc -l <"$T/one.csv") - 1) * 300 ))" "$(( $(wc -l <"$T/many.csv") - 1 ))"
one=$(focal report --format csv "$T/one.csv" | awk -F, 'NR == 2 {print $2}')
many=$(focal report --format csv "$T/many.csv" | awk -F, 'NR == 2 {print $2}')
expect_eq "300 copies: 300 times the cost" "$(echo "$one * 300" | bc)" "$many"

# Round trip: the output validates ...
run focal validate "$T/focus.csv"
expect_eq "validate: exit 0" 0 "$rc"
expect_eq "validate: no rule fails" "" "$(printf '%s\n' "$out" | awk '$1 == "FAIL" {print $3}')"
expect_contains "validate: 99 rules, none failed" "0 failed" "$out"
# ... reports (every group reconciles with SQLite's reading of the file) ...
reconcile "$T/focus.csv" ServiceName
run focal report --by ServiceName --format csv "$T/focus.csv"
expect_contains "report: Revit, 9 amortised months" "Revit,30550.00,22912.20,53462.20,53462.20,10" "$out"
expect_contains "report: AEC, the whole term" "Architecture Engineering & Construction Collection,70000.00,70000.00,140000.00,140000.00,13" "$out"
# ... and feeds the what-if
run focal whatif --format csv --seats "Revit=-2" "$T/focus.csv"
expect_eq "whatif on the import: exit 0" 0 "$rc"
expect_contains "whatif: Revit at 3055 a year, from the 2026-07-01 renewal" "Revit,annual,1,10,8,3055.00,12,ContractedUnitPrice,2026-07-01,2545.83,2036.67,509.17,30550.00,24440.00,6110.00,4582.50" "$out"
run focal whatif --suggest --format csv "$T/focus.csv"
expect_contains "suggest: idle Revit users" "Revit,idle,2,0,509.17,6110.00,4582.50,2026-07-01" "$out"
expect_contains "suggest: unassigned LT seats" "AutoCAD LT,unassigned,2," "$out"
expect_contains "suggest: AEC unassigned seats" "Architecture Engineering & Construction Collection,unassigned,3," "$out"
expect_contains "suggest: occasional Revit users to Flex" "Revit,flex,3,10.5," "$out"

done_testing
