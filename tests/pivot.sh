#!/bin/sh
# focal report --pivot DIM: the --by dimension as rows, DIM as columns, with
# row, column and grand totals. Every cell is checked against focal sql's
# GROUP BY over the same rows (SQLite's decimal_sum, not focal's query
# engine), and a few figures are written out here, by hand, from it.
. "$(dirname "$0")/lib.sh"
S=$SRCDIR/data/autodesk-sample.csv
[ -r "$S" ] || skip "no sample data"
LC_ALL=C.UTF-8
export LC_ALL

# long FILE: a pivot's CSV as "row|column|value" lines (no total), sorted;
# the labels of the sample hold no comma nor quote
long() {
	awk -F, 'NR == 1 { for (i = 2; i <= NF; i++) col[i] = $i; next }
		$1 != "Total" { for (i = 2; i < NF; i++) if ($i != "") print $1 "|" col[i] "|" $i }' "$1" |
		while IFS='|' read -r r c v; do printf '%s|%s|%s\n' "$r" "$c" "$(printf '%s\n' "$v" | norm_num)"; done |
		LC_ALL=C sort
}

# --- ServiceSubcategory x quarter, every cell against SQL
run focal report --by ServiceSubcategory --pivot period:quarter --format csv "$S"
expect_eq "by quarter: exit 0" 0 "$rc"
cp "$T/out" "$T/pq.csv"
expect_eq "by quarter: the header, periods in time order, then Total" \
	"ServiceSubcategory,2025-Q1,2025-Q2,2025-Q3,2025-Q4,2026-Q1,2026-Q2,2026-Q3,2026-Q4,Total" "$(head -1 "$T/pq.csv")"
expect_contains "by quarter: the partial quarter is said" "2026-Q4 is partial: the rows cover 1 of 3 months of it" "$err"
# (the quarter named: CSV keeps the line break of an unnamed expression)
focal sql --format csv "SELECT ServiceSubcategory, substr(ChargePeriodStart, 1, 4) || '-Q' ||
	((CAST(substr(ChargePeriodStart, 6, 2) AS INTEGER) + 2) / 3) AS quarter, decimal_sum(EffectiveCost)
	FROM focus GROUP BY 1, 2" "$S" | tail -n +2 | tr ',' '|' |
	while IFS='|' read -r r c v; do printf '%s|%s|%s\n' "$r" "$c" "$(printf '%s\n' "$v" | norm_num)"; done |
	LC_ALL=C sort >"$T/want"
long "$T/pq.csv" >"$T/got"
expect_eq "by quarter: 40 cells" 40 "$(wc -l <"$T/got")"
expect_eq "by quarter: every cell is SQL's GROUP BY" "$(cat "$T/want")" "$(cat "$T/got")"
# figures written out from SQL's answer
expect_contains "by quarter: Product Subscriptions in 2026-Q4" "Product Subscriptions,72223.33,75369.99,74294.98,75544.98,76158.87,78746.02,79008.48,26336.16,557682.81" "$(cat "$T/pq.csv")"
expect_eq "by quarter: the Total line" "Total,77505.036,95506.168,80092.108,80417.51,80933.328,102732.06,87241.183,30123.306,634550.699" \
	"$(tail -1 "$T/pq.csv")"
expect_eq "by quarter: the cells add up to the grand total" "634550.699" "$(cut -d'|' -f3 "$T/got" | exact_sum)"
expect_eq "by quarter: the grand total is SQL's" \
	"$(focal sql --format csv 'SELECT decimal_sum(EffectiveCost) FROM focus' "$S" | tail -1 | norm_num)" \
	"$(tail -1 "$T/pq.csv" | awk -F, '{ print $NF }' | norm_num)"
# each row total is the plain report's group
focal report --by ServiceSubcategory --format csv "$S" 2>/dev/null | awk -F, 'NR > 1 { print $1 "|" $3 }' | LC_ALL=C sort >"$T/want"
awk -F, 'NR > 1 && $1 != "Total" { print $1 "|" $NF }' "$T/pq.csv" | LC_ALL=C sort >"$T/got"
expect_eq "by quarter: row totals are focal report --by's" "$(cat "$T/want")" "$(cat "$T/got")"

# --- the table: the partial quarter marked, totals
run focal report --by ServiceSubcategory --pivot period:quarter --format table "$S"
expect_contains "table: the partial column is marked" "2026-Q4*" "$(head -1 "$T/out")"
expect_contains "table: ... and said under the table" "* 2026-Q4 (1 of 3 months)" "$out"
expect_contains "table: the grand total" '$634,550.70' "$(grep '^Total' "$T/out")"
expect_contains "table: a cell" '$26,336.16' "$(grep '^Product Subscriptions' "$T/out")"

# --- any dimension as columns, under a filter: tag:area x meter
run focal report --by tag:area --pivot meter --where "ServiceSubcategory=Platform APIs (APS)" --format csv "$S"
expect_eq "tag x meter: exit 0" 0 "$rc"
cp "$T/out" "$T/tm.csv"
focal sql --format csv "SELECT coalesce(json_extract(Tags, '\$.area'), '(untagged)'), meter, decimal_sum(EffectiveCost)
	FROM focus WHERE ServiceSubcategory = 'Platform APIs (APS)' GROUP BY 1, 2" "$S" | tail -n +2 | tr ',' '|' |
	while IFS='|' read -r r c v; do printf '%s|%s|%s\n' "$r" "$c" "$(printf '%s\n' "$v" | norm_num)"; done |
	LC_ALL=C sort >"$T/want"
long "$T/tm.csv" >"$T/got"
expect_eq "tag x meter: every cell is SQL's GROUP BY" "$(cat "$T/want")" "$(cat "$T/got")"
expect_eq "tag x meter: the header, meters by value" \
	"tag:area,model_derivative_translations,design_automation_minutes,reality_capture_processing,Total" \
	"$(head -1 "$T/tm.csv")"
expect_contains "tag x meter: BIM's translations" "BIM,11407.50,2050.383,,13457.883" "$(cat "$T/tm.csv")"
expect_eq "tag x meter: the Total line" "Total,13032.30,3030.939,849.00,16912.239" "$(tail -1 "$T/tm.csv")"

# --- --top folds rows and columns into Other; the totals stay
run focal report --by meter --pivot period:quarter --top 3 --format csv "$S"
expect_eq "top 3: three quarters, the earliest folded first" "meter,Other (5),2026-Q2,2026-Q3,2026-Q4,Total" "$(head -1 "$T/out")"
expect_contains "top 3: three meters, the smallest folded last (as --top without --pivot)" "Other (4)," "$(tail -2 "$T/out" | head -1)"
expect_eq "... three meter lines above it" 3 "$(($(wc -l <"$T/out") - 3))"
expect_eq "top 3: the grand total is unchanged" "634550.699" "$(tail -1 "$T/out" | awk -F, '{ print $NF }')"
long "$T/out" | cut -d'|' -f3 | exact_sum >"$T/sum"
expect_eq "top 3: the cells still add up to it" "634550.699" "$(cat "$T/sum")"

# --- JSON
if command -v python3 >/dev/null 2>&1; then
	focal report --by ServiceSubcategory --pivot period:quarter --format json "$S" 2>/dev/null >"$T/p.json"
	expect_eq "json: columns, the partial one said, the grand total" "8 1 of 3 months 634550.699 557682.81" \
		"$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["columns"]), d["columns"][7]["partial"], d["total"]["total"], d["rows"][0]["total"])' "$T/p.json")"
fi

# --- two currencies are never added
printf '%s\n' 'BilledCost,EffectiveCost,BillingCurrency,ServiceName,RegionName,ChargePeriodStart' \
	'1.50,1.50,EUR,A,eu,2026-01-01T00:00:00Z' '3,3,EUR,B,eu,2026-01-01T00:00:00Z' \
	'2.25,2.25,USD,B,us,2026-01-01T00:00:00Z' >"$T/two.csv"
run focal report --by ServiceName --pivot RegionName --format table "$T/two.csv"
expect_eq "two currencies: a table per currency" "0" "$rc"
expect_contains "two currencies: EUR" "BillingCurrency EUR" "$out"
expect_contains "two currencies: USD" "BillingCurrency USD" "$out"
expect_not_contains "two currencies: nothing adds them" "6.75" "$out"
run focal report --by ServiceName --pivot RegionName --format csv "$T/two.csv"
expect_eq "two currencies: CSV wants --currency" 64 "$rc"
run focal report --by ServiceName --pivot RegionName --currency USD --format csv "$T/two.csv"
expect_eq "two currencies: --currency USD" "ServiceName,us,Total|B,2.25,2.25|Total,2.25,2.25" "$(tr '\n' '|' <"$T/out" | sed 's/|$//')"

# --- usage
run focal report --by ServiceName,RegionName --pivot period "$S"
expect_eq "two --by dimensions: usage" 64 "$rc"
run focal report --by meter --pivot meter "$S"
expect_eq "--pivot the --by dimension: usage" 64 "$rc"
run focal report --by meter --pivot nosuchcolumn "$S"
expect_eq "--pivot an unknown dimension: usage" 64 "$rc"
run focal validate --pivot meter "$S"
expect_eq "validate refuses --pivot" 64 "$rc"

done_testing
