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

# --- case 8: one subscription without a list price does not lose the others
{
	echo 'subscription_id,offering_name,seat_quantity,term,start_date,end_date'
	echo 'SUB-1,Revit,10,annual,2025-07-01,2026-07-01'
	echo 'SUB-2,Architecture Engineering & Construction Collection,6,3-year,2025-04-01,2028-04-01'
	echo 'SUB-3,AutoCAD LT,5,monthly,2025-11-15,2026-04-15'
} >"$T/subs3y.csv"
run focal import autodesk --subscriptions "$T/subs3y.csv" --as-of 2026-03-15 -o "$T/imported.csv"
expect_eq "import: an unpriced subscription gives exit 3" 3 "$rc"
expect_contains "import: it is named" \
	"SUB-2 left out: no list price for 'Architecture Engineering & Construction Collection' (3-year)" "$err"
expect_contains "import: and how to price it" \
	'"Architecture Engineering & Construction Collection,3-year,PRICE"' "$err"
expect_eq "import: the priced subscriptions are written" "SUB-1 SUB-3" \
	"$(focal report --by x_SubscriptionId --format csv "$T/imported.csv" 2>/dev/null | tail -n +2 | cut -d, -f1 | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//')"
printf 'product,term,list\nArchitecture Engineering & Construction Collection,3-year,10500\n' >"$T/prices.csv"
run focal import autodesk --subscriptions "$T/subs3y.csv" --prices "$T/prices.csv" --as-of 2026-03-15 -o "$T/imported2.csv"
expect_eq "import --prices: the price given, exit 0" 0 "$rc"
expect_eq "import --prices: all three written" "SUB-1 SUB-2 SUB-3" \
	"$(focal report --by x_SubscriptionId --format csv "$T/imported2.csv" 2>/dev/null | tail -n +2 | cut -d, -f1 | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//')"

# --- case 2: money in different currencies is never added
{
	echo "$H"
	echo '100.00,EUR,Storage,2026-01-01T00:00:00Z,2026-01-02T00:00:00Z,2026-01-01T00:00:00Z,2026-02-01T00:00:00Z,100.00'
	echo '31.36,EUR,Compute,2026-01-01T00:00:00Z,2026-01-02T00:00:00Z,2026-01-01T00:00:00Z,2026-02-01T00:00:00Z,31.36'
} >"$T/eur.csv"
{
	echo "$H"
	echo '300.00,USD,Compute,2026-01-01T00:00:00Z,2026-01-02T00:00:00Z,2026-01-01T00:00:00Z,2026-02-01T00:00:00Z,300.00'
} >"$T/usd.csv"
run focal report --by ServiceName --format table "$T/eur.csv" "$T/usd.csv"
expect_eq "two currencies: exit 0" 0 "$rc"
expect_contains "two currencies: a EUR section" "BillingCurrency EUR" "$out"
expect_contains "two currencies: a USD section" "BillingCurrency USD" "$out"
expect_not_contains "two currencies: never 431.36" "431.36" "$out"
expect_contains "two currencies: the EUR total" "131.36" "$out"
expect_contains "two currencies: the USD total" "300.00" "$out"
expect_contains "two currencies: each figure says its currency (EUR)" "131.36 EUR" "$out"
expect_contains "two currencies: each figure says its currency (USD)" '$300.00' "$out"
expect_eq "two currencies: said once, with the option that picks one" \
	"focal: note: 2 billing currencies: each is totalled apart (--currency picks one)" \
	"$(printf '%s\n' "$err" | grep -i currenc)"
run focal report --by ServiceName --format table --currency EUR "$T/eur.csv" "$T/usd.csv"
expect_eq "--currency EUR: the other currency still said" \
	"focal: note: 2 billing currencies in the data: each is totalled apart, never added" \
	"$(printf '%s\n' "$err" | grep -i currenc)"
expect_eq "two currencies: the sections in the currencies' order, not the files'" "EUR USD" \
	"$(focal report --by ServiceName --format table "$T/usd.csv" "$T/eur.csv" 2>/dev/null | sed -n 's/^BillingCurrency //p' | tr '\n' ' ' | sed 's/ $//')"
run focal report --by ServiceName --format json --currency EUR "$T/eur.csv" "$T/usd.csv"
expect_contains "--currency EUR as JSON names its currency" '"currency":"EUR"' "$out"
run focal report --by ServiceName --format csv "$T/eur.csv" "$T/usd.csv"
expect_eq "two currencies csv: BillingCurrency is the first column" \
	"BillingCurrency,ServiceName,BilledCost,EffectiveCost,ListCost,ContractedCost,Rows" \
	"$(printf '%s\n' "$out" | head -1)"
expect_eq "two currencies csv: Compute is split" "EUR,Compute,31.36|USD,Compute,300.00" \
	"$(printf '%s\n' "$out" | grep Compute | cut -d, -f1-3 | LC_ALL=C sort | paste -sd'|' -)"
run focal report --by ServiceName --format json "$T/eur.csv" "$T/usd.csv"
expect_contains "two currencies json: one report per currency" '{"currencies":[' "$out"
expect_not_contains "two currencies json: never 431.36" "431.36" "$out"
if command -v python3 >/dev/null; then
	printf '%s' "$out" | python3 -m json.tool >/dev/null 2>&1 && pass "two currencies json parses" ||
		fail "two currencies json parses"
fi
run focal report --by ServiceName --format csv --currency EUR "$T/eur.csv" "$T/usd.csv"
expect_eq "--currency EUR: EUR only" "Compute,31.36|Storage,100.00" \
	"$(printf '%s\n' "$out" | tail -n +2 | cut -d, -f1-2 | LC_ALL=C sort | paste -sd'|' -)"
run focal sql --format csv "SELECT sum(EffectiveCost) FROM focus" "$T/eur.csv" "$T/usd.csv"
expect_contains "focal sql summing two currencies: said" \
	"the rows are in 2 billing currencies: a sum over rows of more than one adds them" "$err"
run focal sql --format csv "SELECT BillingCurrency, sum(EffectiveCost) FROM focus GROUP BY 1" "$T/eur.csv" "$T/usd.csv"
expect_eq "focal sql by BillingCurrency: no note" "" "$err"
# the columns the query reads decide, not its text
run focal sql --format csv "SELECT sum(EffectiveCost) /* by BillingCurrency? no */ FROM focus" "$T/eur.csv" "$T/usd.csv"
expect_contains "focal sql: a comment naming BillingCurrency does not hide the sum" \
	"the rows are in 2 billing currencies: a sum over rows of more than one adds them" "$err"
run focal sql --format csv "WITH t AS (SELECT EffectiveCost AS c FROM focus) SELECT sum(c) FROM t" "$T/eur.csv" "$T/usd.csv"
expect_contains "focal sql: a sum through a CTE is said" "the rows are in 2 billing currencies" "$err"
run focal sql --format csv "SELECT ServiceName, count(*) FROM focus GROUP BY 1" "$T/eur.csv" "$T/usd.csv"
expect_eq "focal sql: counting rows adds no money: no note" "" "$err"
# reading BillingCurrency is not enough: a sum keeps the currencies apart
# only when it groups by BillingCurrency or keeps one value of it
for q in "SELECT sum(EffectiveCost) FROM focus WHERE BillingCurrency <> 'GBP'" \
	"SELECT max(BillingCurrency), sum(EffectiveCost) FROM focus" \
	"SELECT ServiceName, sum(EffectiveCost) FROM focus WHERE BillingCurrency IN ('EUR', 'USD') GROUP BY 1" \
	"SELECT BillingCurrency, ServiceName, sum(EffectiveCost) FROM focus GROUP BY 2" \
	"SELECT sum(EffectiveCost) FROM focus WHERE BillingCurrency = 'EUR' OR ServiceName = 'Storage'" \
	"SELECT sum(EffectiveCost) FROM focus WHERE (BillingCurrency = 'EUR' OR ServiceName = 'Storage')" \
	"SELECT sum(c) FROM (SELECT BillingCurrency, sum(EffectiveCost) AS c FROM focus GROUP BY BillingCurrency)" \
	"SELECT sum(x) FROM (SELECT EffectiveCost AS x FROM focus WHERE BillingCurrency = 'EUR' UNION ALL
		SELECT EffectiveCost FROM focus WHERE BillingCurrency = 'USD')" \
	"SELECT sum(x) FROM (SELECT BillingCurrency, EffectiveCost AS x FROM focus GROUP BY BillingCurrency)" \
	"SELECT length(BillingCurrency), sum(EffectiveCost) FROM focus GROUP BY length(BillingCurrency)" \
	"SELECT BillingCurrency, sum(EffectiveCost) FROM focus GROUP BY BillingCurrency; SELECT sum(EffectiveCost) FROM focus"; do
	# (an OR beside the pin: SQLite's planner is offered BillingCurrency = 'EUR'
	# for one branch; a sum over grouped sums: the GROUP BY it sees is not the
	# summing SELECT's. Both were added with no word before.)
	run focal sql --format csv "$q" "$T/eur.csv" "$T/usd.csv"
	expect_contains "focal sql: $q: said" "the rows are in 2 billing currencies" "$err"
done
for q in "SELECT sum(EffectiveCost) FROM focus WHERE BillingCurrency = 'EUR'" \
	"WITH e AS (SELECT * FROM focus WHERE BillingCurrency = 'USD') SELECT sum(EffectiveCost) FROM e" \
	"SELECT ServiceName, sum(EffectiveCost) FROM focus GROUP BY ServiceName, BillingCurrency" \
	"SELECT c, s FROM (SELECT BillingCurrency AS c, sum(EffectiveCost) AS s FROM focus GROUP BY c)" \
	"SELECT BillingCurrency, EffectiveCost FROM focus" \
	"SELECT sum(EffectiveCost) FROM focus WHERE BillingCurrency = 'EUR' AND (ServiceName = 'Storage' OR ServiceName = 'x')" \
	"SELECT sum(EffectiveCost) FROM focus WHERE ServiceName = 'Storage' AND (BillingCurrency = 'EUR')" \
	"SELECT BillingCurrency AS c, sum(EffectiveCost) FROM focus GROUP BY c" \
	"SELECT sum(EffectiveCost) FROM focus WHERE BillingCurrency = 'EUR';" \
	"SELECT BillingCurrency, sum(EffectiveCost) FROM focus GROUP BY BillingCurrency;"; do
	run focal sql --format csv "$q" "$T/eur.csv" "$T/usd.csv"
	expect_eq "focal sql: $q: no note" "" "$err"
done
run focal report --currency GBP "$T/eur.csv" "$T/usd.csv"
expect_eq "--currency GBP: not in the data" 64 "$rc"

# --- case 7: the shipped sample fails only what it breaks on purpose
run focal validate --format csv --quiet "$SRCDIR/data/autodesk-sample.csv"
expect_eq "sample: validate fails only the seed's ServiceSubcategory values" "CAU-ServiceSubcategory-enum" \
	"$(printf '%s\n' "$out" | tail -n +2 | cut -d, -f6 | paste -sd' ' -)"

# --- case 4: quantities are added and shared only within one unit
S=$SRCDIR/data/autodesk-sample.csv
run focal report --by meter --metric PricingQuantity --format table "$S"
expect_eq "units: exit 0" 0 "$rc"
expect_not_contains "units: minutes, GB-months and tokens are not added" "61,141.58" "$out"
expect_contains "units: a section per unit" "PricingUnit Minutes" "$out"
expect_contains "units: ... and GB-Months" "PricingUnit GB-Months" "$out"
expect_not_contains "units: no mixed-unit total" "(mixed units)" "$out"
run focal report --by meter --metric PricingQuantity --format csv "$S"
expect_eq "units csv: PricingUnit first" "PricingUnit,meter" "$(printf '%s\n' "$out" | head -1 | cut -d, -f1-2)"
run focal report --by meter --format json "$S"
expect_contains "units json: seats in Seat-Months and Seats are not added (2581)" \
	'"meter":"product_seats","BilledCost":624157.89,"EffectiveCost":557682.81,"ListCost":1167938.81,"ContractedCost":1143206.81,"ConsumedQuantity":null,"PricingQuantity":null,' "$out"
expect_contains "units json: ... nor the total's jobs, minutes and tokens" '"ConsumedQuantity":null,"PricingQuantity":null,"ConsumedUnit":"(mixed units)"' "$(printf '%s\n' "$out" | tail -1)"
expect_contains "units json: one unit is added" '"ConsumedQuantity":23933.85,"PricingQuantity":23933.85,"ConsumedUnit":"GB-Months"' "$out"

# --- case 9: files of FOCUS 1.2 and 1.3 name their providers in one column
# 1.3 replaces ProviderName with ServiceProviderName (and keeps both
# mandatory): a 1.2 file's rows take their ProviderName as the second.
R='2026-01-01T00:00:00Z,2026-01-02T00:00:00Z,2026-01-01T00:00:00Z,2026-02-01T00:00:00Z'
{
	echo "$H,ProviderName"
	echo "10.00,USD,EC2,$R,10.00,AWS"
	echo "2.50,USD,S3,$R,2.50,AWS"
	echo "1.25,USD,Support,$R,1.25,"
} >"$T/v12.csv"
{
	echo "$H,ProviderName,ServiceProviderName"
	echo "7.00,USD,VMs,$R,7.00,Microsoft,Microsoft"
	echo "3.00,USD,Contoso App,$R,3.00,Microsoft,Contoso"
} >"$T/v13.csv"
run focal report --by ServiceProviderName --format csv "$T/v12.csv" "$T/v13.csv"
expect_eq "versions: exit 0" 0 "$rc"
expect_eq "versions: one column names every file's provider, NULL where ProviderName is" \
	"(null),1.25|AWS,12.50|Contoso,3.00|Microsoft,7.00" \
	"$(printf '%s\n' "$out" | tail -n +2 | cut -d, -f1,3 | LC_ALL=C sort | paste -sd'|' -)"
expect_contains "versions: the 1.2 file's rows are said to take ProviderName" \
	"v12.csv has no ServiceProviderName (FOCUS before 1.3): its rows take their ProviderName" "$err"
expect_not_contains "versions: the 1.3 file is not" "v13.csv has no" "$err"
run focal sql --format csv "SELECT ProviderName, ServiceProviderName, count(*) FROM focus GROUP BY 1, 2 ORDER BY 1, 2" \
	"$T/v12.csv" "$T/v13.csv"
expect_eq "versions: the table holds it too; a 1.3 file's own value stands" \
	"AWS,AWS,2|Microsoft,Contoso,1|Microsoft,Microsoft,1" \
	"$(printf '%s\n' "$out" | tail -n +2 | grep -v '^,' | paste -sd'|' -)"
expect_contains "versions: focal sql says so too" \
	"v12.csv has no ServiceProviderName (FOCUS before 1.3): its rows take their ProviderName" "$err"
run focal usecase run service-costs-mom --format csv "$T/v12.csv" "$T/v13.csv"
expect_eq "versions: a use case runs" 0 "$rc"
expect_contains "versions: and says so" \
	"v12.csv has no ServiceProviderName (FOCUS before 1.3): its rows take their ProviderName" "$err"
expect_not_contains "versions: a use case: once" "v13.csv has no" "$err"
run focal validate "$T/v12.csv"
expect_not_contains "versions: validate judges the file as written" "ServiceProviderName" "$out$err"

# --- case 1: a partial period is said, in the report too
run focal report --by period --period quarter --format csv "$SRCDIR/data/autodesk-sample.csv"
expect_contains "report: the partial quarter is said" \
	"focal: note: 2026-Q4 is partial: the rows cover 1 of 3 months of it" "$err"
expect_not_contains "report: the whole quarters are not" "2026-Q3 is partial" "$err"
expect_contains "report: CSV labels stay plain" "
2026-Q4," "$out"
run focal report --by ServiceName --format csv "$SRCDIR/data/autodesk-sample.csv"
expect_not_contains "report: no note without a period column" "is partial" "$err"

# --- case 1b: a month to date whose month's recurring charge spans the month:
# the daily rows say where the export ends; a weekend without usage does not
. "$(dirname "$0")/mtd-fixture.sh"
mtd_monthly "$T/mtd14.csv" 14
run focal report --by period --format csv "$T/mtd14.csv"
expect_contains "month to date with a monthly charge: October is partial" \
	"focal: note: 2026-10 is partial: the rows cover 14 of 31 days of it" "$err"
expect_not_contains "... September is whole" "2026-09 is partial" "$err"
expect_eq "report by period: the periods in time order (October costs more)" \
	"2026-09,110.00 2026-10,114.00" "$(printf '%s\n' "$out" | tail -n +2 | cut -d, -f1,2 | tr '\n' ' ' | sed 's/ $//')"
# a use case by month says it too: its October is not a drop
run focal usecase run service-costs-mom --format csv "$T/mtd14.csv"
expect_eq "use case by month: exit 0" 0 "$rc"
expect_eq "use case by month: October's partial month is said" \
	"focal: note: 2026-10 is partial: the rows cover 14 of 31 days of it" "$err"
run focal usecase run service-costs-mom --format csv "$SRCDIR/data/autodesk-sample.csv"
expect_eq "use case by month on whole months: no note" "" "$err"
awk 'NR == 1 { print $0 ",ChargeClass"; next } { print $0 "," }' "$T/mtd14.csv" >"$T/mtd14c.csv"
run focal usecase run costs-by-charge-category --format csv "$T/mtd14c.csv"
expect_eq "use case not by month: it runs" 0 "$rc"
expect_eq "use case not by month: no note" "" "$err"
run focal report --by period:quarter --format csv "$T/mtd14.csv"
expect_contains "a quarter holding part of a month: said in days" \
	"focal: note: 2026-Q4 is partial: the rows cover 14 of 92 days of it" "$err"
expect_contains "... one of whole months: in months" \
	"focal: note: 2026-Q3 is partial: the rows cover 1 of 3 months of it" "$err"
run focal report --by period --top 1 --format csv "$T/mtd14.csv"
expect_eq "report by period --top 1: the largest" "2026-10,114.00" "$(printf '%s\n' "$out" | sed -n 2p | cut -d, -f1,2)"
focal report --sql --by period "$T/mtd14.csv" >"$T/q.sql" 2>/dev/null
run focal sql --format csv -f "$T/q.sql" "$T/mtd14.csv"
expect_eq "report --sql by period: in time order too" "2026-09 2026-10" \
	"$(printf '%s\n' "$out" | tail -n +2 | cut -d, -f1 | tr '\n' ' ' | sed 's/ $//')"
awk -F, 'BEGIN { OFS = "," } NR > 1 && NR % 3 == 0 { $2 = "EUR" } { print }' "$T/mtd14.csv" >"$T/two.csv"
run focal report --by period --format csv "$T/two.csv"
expect_eq "report by period as CSV in two currencies: each currency's periods in time order" \
	"EUR,2026-09 EUR,2026-10 USD,2026-09 USD,2026-10" \
	"$(printf '%s\n' "$out" | tail -n +2 | cut -d, -f1,2 | tr '\n' ' ' | sed 's/ $//')"
run focal report --by period,ServiceName --format csv "$T/mtd14.csv"
expect_eq "report by period and a dimension: time order, then value" \
	"2026-09,Seats 2026-09,API 2026-10,Seats 2026-10,API" \
	"$(printf '%s\n' "$out" | tail -n +2 | cut -d, -f1,2 | tr '\n' ' ' | sed 's/ $//')"
# ... and an export of the last weeks, whose first month's charge spans it all
awk -F, 'NR == 1 || $4 == "Purchase" || $5 >= "2026-09-20"' "$T/mtd14.csv" >"$T/last.csv"
run focal report --by period --format csv "$T/last.csv"
expect_contains "daily rows from September 20th: September is partial" \
	"focal: note: 2026-09 is partial: the rows cover 11 of 30 days of it" "$err"
awk -F, 'NR == 1 || $4 == "Purchase" || $5 >= "2026-09-04"' "$T/mtd14.csv" >"$T/last.csv"
run focal report --by period --format csv "$T/last.csv"
expect_contains "... from the 4th, of data with rows every day: partial" \
	"focal: note: 2026-09 is partial: the rows cover 27 of 30 days of it" "$err"
awk -F, 'NR == 1 || $4 == "Purchase" || $5 >= "2026-09-01"' "$T/mtd14.csv" >"$T/last.csv"
run focal report --by period --format csv "$T/last.csv"
expect_not_contains "... from the 1st: whole" "2026-09 is partial" "$err"
# ... but a history whose older (and newer) months are monthly rows and one
# month daily is whole: the rule looks inside the first and last month only
{
	echo "$mtd_h"
	for m in 06 07 09 10; do
		echo "30.00,USD,API,Usage,2026-$m-01T00:00:00Z,$(date -u -d "2026-$m-01 + 1 month" +%Y-%m-%d)T00:00:00Z,,,30.00"
	done
	each_day 08 1 31 | while read -r day next; do
		echo "1.00,USD,API,Usage,${day}T00:00:00Z,${next}T00:00:00Z,,,1.00"
	done
} >"$T/hist.csv"
run focal report --by period --format csv "$T/hist.csv"
expect_eq "monthly rows, then a month of daily rows, then monthly: 5 months" 6 "$(printf '%s\n' "$out" | wc -l | tr -d ' ')"
expect_not_contains "... none of them partial" "is partial" "$err"
# partial_of FILE: the partial periods focal report says of it
partial_of() { focal report --by period --format csv "$1" 2>&1 >/dev/null | grep "is partial" | sed 's/^focal: note: //'; }
oct() { echo "2026-10 is partial: the rows cover $1 of 31 days of it"; }
for d in 27 28 30 31; do mtd_monthly "$T/mtd$d.csv" "$d"; done
expect_eq "daily rows ending four days before the month's end: partial" "$(oct 27)" "$(partial_of "$T/mtd27.csv")"
# Usage every day: a month's last day without rows is a cut. Usage on
# weekdays only: a tail as long as a weekend is not (the data's own longest
# run of days without rows, up to three, is its slack).
expect_eq "usage every day, ending three days before the month's end: partial" "$(oct 28)" "$(partial_of "$T/mtd28.csv")"
expect_eq "... ending one day before: partial too" "$(oct 30)" "$(partial_of "$T/mtd30.csv")"
expect_eq "... up to the last day: whole" "" "$(partial_of "$T/mtd31.csv")"
# weekdays only (2026-10-31 is a Saturday)
weekdays "$T/mtd30.csv" >"$T/wd30.csv"
weekdays "$T/mtd28.csv" >"$T/wd28.csv"
expect_eq "weekdays only, ending on Friday the 30th: whole" "" "$(partial_of "$T/wd30.csv")"
expect_eq "... on Wednesday the 28th: three days, longer than a weekend: partial" "$(oct 28)" "$(partial_of "$T/wd28.csv")"
# a week without rows in the middle: the slack is three days still
awk -F, '$5 !~ /^2026-10-0[5-9]/' "$T/wd28.csv" >"$T/wdgap28.csv"
awk -F, '$5 !~ /^2026-10-28/' "$T/wdgap28.csv" >"$T/wdgap27.csv"
expect_eq "a week without rows, ending on the 28th: whole" "" "$(partial_of "$T/wdgap28.csv")"
expect_eq "... on the 27th (four days): partial" "$(oct 27)" "$(partial_of "$T/wdgap27.csv")"

# --- case 3: ListCost and ContractedCost count an upfront purchase twice
# a 3-month term bought upfront (EffectiveCost 0) and amortised month by month,
# plus an on-demand line: the note names the purchase, EffectiveCost has none
{
	echo 'ChargeCategory,BilledCost,EffectiveCost,ListCost,ContractedCost,BillingCurrency,ServiceName,ChargePeriodStart,ChargePeriodEnd'
	echo 'Purchase,300,0,360,300,USD,Seats,2026-01-01T00:00:00Z,2026-04-01T00:00:00Z'
	for m in 01 02 03; do
		echo "Purchase,0,100,120,100,USD,Seats,2026-$m-01T00:00:00Z,2026-$m-28T00:00:00Z"
	done
	echo 'Usage,5,5,5,5,USD,API,2026-01-01T00:00:00Z,2026-01-02T00:00:00Z'
} >"$T/upfront.csv"
run focal report --by ServiceName --metric ListCost --format csv "$T/upfront.csv"
expect_eq "upfront: exit 0" 0 "$rc"
expect_contains "upfront: the ListCost sum is the file's" "Seats,300.00,300.00,720.00,600.00,4" "$out"
expect_contains "upfront: ... and says what it counts twice" \
	'focal: note: ListCost counts 1 upfront purchase ($360.00) twice' "$err"
run focal report --by ServiceName --metric ContractedCost --where ServiceName=API --format csv "$T/upfront.csv"
expect_not_contains "upfront: no note where the path holds no purchase" "twice" "$err"
run focal report --by ServiceName --metric ContractedCost --format csv "$T/upfront.csv"
expect_contains "upfront: ContractedCost too" 'ContractedCost counts 1 upfront purchase ($300.00) twice' "$err"
run focal report --by ServiceName --format csv "$T/upfront.csv"
expect_not_contains "upfront: EffectiveCost counts it once: no note" "twice" "$err"
run focal report --by ServiceSubcategory --metric ListCost --format csv "$SRCDIR/data/autodesk-sample.csv"
expect_contains "upfront: the sample's upfront seats" \
	'focal: note: ListCost counts 28 upfront purchases ($607,520.00) twice' "$err"

# a label of 1,300 bytes printed whole in CSV, JSON and --sql (a copy of
# 1 KiB cut it at 1,023 bytes: a value a script could not match)
long=$(printf 'x%.0s' $(seq 1 1300))
printf '%s\n1.00,USD,%s,2026-01-01T00:00:00Z,2026-01-02T00:00:00Z,2026-01-01T00:00:00Z,2026-02-01T00:00:00Z,1.00\n' \
	"$H" "$long" >"$T/long.csv"
run focal report --by ServiceName --format csv "$T/long.csv"
expect_eq "a 1,300-byte label: whole in CSV" "$long,1.00,1.00,,,1" "$(printf '%s\n' "$out" | sed -n 2p)"
run focal report --by ServiceName --format json "$T/long.csv"
expect_contains "... and in JSON" "\"ServiceName\":\"$long\"" "$out"
run focal report --by ServiceName --where "ServiceName=$long" --sql "$T/long.csv"
expect_contains "... and as the literal of --sql" "'$long'" "$out"

# --- a cost FOCUS requires left empty is said, not read as zero in silence
printf '%s\n' 'BilledCost,EffectiveCost,BillingCurrency,ServiceName,ChargePeriodStart,ChargePeriodEnd' \
	'1000,1000,USD,A,2026-01-01T00:00:00Z,2026-02-01T00:00:00Z' \
	',5,USD,A,2026-01-01T00:00:00Z,2026-02-01T00:00:00Z' \
	'NULL,7,USD,B,2026-01-01T00:00:00Z,2026-02-01T00:00:00Z' \
	'241.99,1,USD,B,2026-01-01T00:00:00Z,2026-02-01T00:00:00Z' >"$T/nullcost.csv"
run focal report --metric BilledCost --by ServiceName --format csv "$T/nullcost.csv"
expect_contains "empty BilledCost: the total is of the values there" "B,241.99,8.00" "$out"
expect_contains "empty BilledCost: said, with how many rows" \
	"note: BilledCost is empty on 2 of 4 rows, where FOCUS requires a value: they add nothing to its totals" "$err"
expect_not_contains "... EffectiveCost is whole: no note of it" "EffectiveCost is empty" "$err"
focal save -o "$T/nullcost.sqlite" "$T/nullcost.csv"
run focal report --by ServiceName --format csv "$T/nullcost.sqlite"
expect_eq "... said once from the saved store" 1 "$(printf '%s\n' "$err" | grep -c 'BilledCost is empty')"
# --- CSV is the data: a line break in a quoted field stays one (it was
# written \x0a), and a value longer than 4 KiB is whole
long=$(printf '%5000s' '' | tr ' ' 'a')
printf '%s\n' 'BilledCost,EffectiveCost,BillingCurrency,ServiceName,ChargeDescription,ChargePeriodStart,ChargePeriodEnd' \
	'1,1,USD,A,"line one' 'line two",2026-01-01T00:00:00Z,2026-02-01T00:00:00Z' \
	"2,2,USD,$long,x,2026-01-01T00:00:00Z,2026-02-01T00:00:00Z" >"$T/nl.csv"
run focal report --by ChargeDescription --format csv "$T/nl.csv"
expect_contains "csv: a line break in a field is kept, quoted" '"line one
line two",1.00' "$out"
run focal sql --format csv "SELECT ServiceName FROM focus WHERE BilledCost = 2" "$T/nl.csv"
expect_eq "csv: a 5,000-byte value is whole" 5000 "$(printf '%s\n' "$out" | tail -1 | tr -d '\n' | wc -c)"
done_testing
