#!/bin/sh
# pivot-chart-ui.sh - the pivot (P) and the time chart (T) of the explorer
# (issue 15), in a real terminal on the shipped sample: at 80x24, 60x20 and
# 120x40, in UTF-8 and under LANG=C, without colour. The figures are the
# sample's exact sums (tests/pivot.sh checks the same ones against focal
# sql's GROUP BY).
. "$(dirname "$0")/lib.sh"

command -v tmux >/dev/null 2>&1 || skip "tmux is not installed"
S=$SRCDIR/data/autodesk-sample.csv
[ -r "$S" ] || skip "no sample data"
. "$(dirname "$0")/tmux.sh"
trap 'tm kill-server 2>/dev/null; sleep 0.3; rm -rf "$T" "$XDG_CONFIG_HOME"' EXIT
utf8_bytes() { printf '%s' "$1" | LC_ALL=C grep -c '[^ -~]'; }

# --- the pivot at 80x24, UTF-8: rows ServiceSubcategory, columns the months
start 80 24 C.UTF-8 NO_COLOR=1 -- "$S"
total=$(line 2 | sed 's/.*Total \(\$[0-9,.]*\).*/\1/')
expect_eq "pivot: the list's total" '$634,550.70' "$total"
key P
expect_contains "pivot: the crumb says the columns" "by period:month: 1-3 of 22" "$(line 3)"
expect_contains "pivot: the grand total is the list's" "$total" "$(screen | grep '^  Total ')"
expect_contains "pivot: Product Subscriptions in 2025-01" '$23,792.50' "$(screen | grep 'Product Subscriptions')"
expect_contains "pivot: its row total" '$557,682.81' "$(screen | grep 'Product Subscriptions')"
expect_contains "pivot: 2025-01's column total" '$24,858.70' "$(screen | grep '^  Total ')"
expect_not_contains "pivot: October 2026 is off screen" "2026-10" "$(line 4)"
key Right Right Right Right Right Right Right Right Right Right Right Right Right Right Right Right Right Right Right
expect_contains "scroll: the last months" "2026-10" "$(line 4)"
expect_contains "scroll: the crumb follows" "20-22 of 22" "$(line 3)"
expect_not_contains "scroll: the first month is gone" "2025-01" "$(line 4)"
expect_contains "scroll: the row labels stay" "Product Subscriptions" "$(screen)"
expect_contains "scroll: the Total column stays" "$total" "$(screen | grep '^  Total ')"
expect_contains "scroll: October 2026's column total" '$30,123.31' "$(screen | grep '^  Total ')"
key Right
expect_contains "scroll: past the last column, said" "the last column is on screen" "$(screen)"
key '<'
expect_contains "scroll: < goes back" "19-21 of 22" "$(line 3)"
# export: a CSV whose cells add up to the total
key e C-u
text "$T/pivot.csv"
key Enter
expect_contains "export: said" "exported 5 rows to" "$(screen)"
expect_eq "export: the header" "ServiceSubcategory,2025-01,2025-02,2025-03,2025-04,2025-05,2025-06,2025-07,2025-08,2025-09,2025-10,2025-11,2025-12,2026-01,2026-02,2026-03,2026-04,2026-05,2026-06,2026-07,2026-08,2026-09,2026-10,Total" \
	"$(head -1 "$T/pivot.csv")"
expect_eq "export: the cells add up to the total" "634550.699" \
	"$(awk -F, 'NR > 1 && $1 != "Total" { for (i = 2; i < NF; i++) if ($i != "") print $i }' "$T/pivot.csv" | exact_sum)"
expect_eq "export: the grand total" "634550.699" "$(tail -1 "$T/pivot.csv" | awk -F, '{ print $NF }')"
expect_eq "export: a line per row and Total" 7 "$(wc -l <"$T/pivot.csv" | tr -d ' ')"
# Left at the first column closes the pivot
key g
key Left Left Left Left Left Left Left Left Left Left Left Left Left Left Left Left Left Left Left Left
expect_contains "Left: at the first column, the pivot closes" "ServiceSubcategory (5)" "$(line 4)"

# --- drilled in: tag:area x meter under Platform APIs (APS)
key Down Down Enter
path=$(line 2 | sed 's/.*This path \(\$[0-9,.]*\).*/\1/')
expect_eq "drilled: the path's total" '$16,912.24' "$path"
key P
expect_contains "drilled: the pivot's total is the path's" "$path" "$(screen | grep '^  Total ')"
expect_contains "drilled: the crumb" "Platform APIs (APS)" "$(line 3)"
key d
expect_contains "d: the chooser, for the columns" "the columns of the pivot by" "$(line 3)"
# the chooser searches as you type (tests/dims-rows-ui.sh)
text "tag:area"
key Enter
expect_contains "d: columns by tag:area" "by tag:area: " "$(line 3)"
expect_contains "d: the heads" "BIM" "$(line 4)"
expect_contains "tag x meter: BIM's model derivative translations" '$11,407.50' "$(screen | grep 'model_derivative')"
expect_contains "tag x meter: the total stays the path's" "$path" "$(screen | grep '^  Total ')"
finish q q q q

# --- 60x20 under LANG=C: ASCII only, the same figures
start 60 20 C NO_COLOR=1 -- "$S"
key P
expect_contains "60x20: the grand total" '$634,550.70' "$(screen | grep '^  Total ')"
expect_contains "60x20: a cell" '$23,792.50' "$(screen | grep 'Product Subscript')"
expect_eq "60x20: plain ASCII" 0 "$(utf8_bytes "$(screen)")"
key Right
expect_contains "60x20: scrolls" "2-" "$(line 3)"
# a partial period as a column is marked
key q p P
expect_contains "quarters: the partial quarter is said" "* 2026-Q4 (1 of 3 months)" "$(screen)"
key Right Right Right Right Right Right Right
expect_contains "quarters: ... and marked in its head" "2026-Q4*" "$(line 4)"
finish q q
# the chart at 60 columns: the bar's scale, the largest month, stays whole
start 60 20 C NO_COLOR=1 -- "$S"
key T
expect_contains "chart 60x20: the scale's figure whole" 'bar: of $46,940.83' "$(line 4)"
# ... and the comparison's title, whole months written as months
key q C
expect_eq "compare 60x20: the ranges whole in the title" " EffectiveCost: 2026-10 against 2026-09" "$(line 1 | sed 's/ *$//')"
finish q q

# --- 120x40: more columns
start 120 40 C.UTF-8 NO_COLOR=1 -- "$S"
key P
expect_contains "120x40: more columns" "2025-06" "$(line 4)"
expect_contains "120x40: the grand total" '$634,550.70' "$(screen | grep '^  Total ')"
key Escape

# --- the chart: 120x40 shows every month, wider bars
key T
expect_contains "chart 120x40: every month" "EffectiveCost per month: 1-22 of 22" "$(line 3)"
expect_contains "chart 120x40: January 2025 and its value" '$24,858.70' "$(screen | grep '2025-01 ')"
wide=$(screen | grep '2026-04 ' | grep -o '█' | wc -l)
expect_contains "chart 120x40: block characters" "█" "$(screen | grep '2026-04 ')"
finish q q

start 80 24 C.UTF-8 NO_COLOR=1 -- "$S"
key T
expect_contains "chart 80x24: the last 18 months" "EffectiveCost per month: 5-22 of 22" "$(line 3)"
expect_contains "chart 80x24: October 2026 and its value" '$30,123.31' "$(screen | grep '2026-10 ')"
expect_contains "chart 80x24: April 2026, the largest" '$46,940.83' "$(screen | grep '2026-04 ')"
narrow=$(screen | grep '2026-04 ' | grep -o '█' | wc -l)
expect_eq "chart: wider bars at 120 columns" 1 "$([ "$wide" -gt "$narrow" ] && echo 1)"
key g
expect_contains "chart: scrolls to the first month" "2025-01" "$(line 5)"
key p
expect_contains "chart: p, quarters" "EffectiveCost per quarter: 1-8 of 8" "$(line 3)"
expect_contains "chart: the partial quarter is marked" "(1 of 3 months)" "$(screen | grep '2026-Q4 ')"
expect_contains "chart: ... with its value" '$30,123.31' "$(screen | grep '2026-Q4 ')"
finish q q

# the chart of a path, under LANG=C: # bars
start 80 24 C NO_COLOR=1 -- "$S"
key Down Down Enter T
expect_contains "chart LANG=C: the path's months" "2026-10" "$(screen)"
expect_contains "chart LANG=C: # bars" "#####" "$(screen | grep '2026-10 ')"
expect_contains "chart LANG=C: Platform APIs in 2026-10" '$1,266.22' "$(screen | grep '2026-10 ')"
expect_eq "chart LANG=C: plain ASCII" 0 "$(utf8_bytes "$(screen)")"
finish q q q

# --- two currencies are never added: the pivot and the chart show the one on screen
printf '%s\n' 'BilledCost,EffectiveCost,BillingCurrency,ServiceName,ChargePeriodStart,ChargePeriodEnd' \
	'1.50,1.50,EUR,A,2026-01-01T00:00:00Z,2026-02-01T00:00:00Z' \
	'3,3,EUR,B,2026-01-01T00:00:00Z,2026-02-01T00:00:00Z' \
	'2.25,2.25,USD,B,2026-01-01T00:00:00Z,2026-02-01T00:00:00Z' >"$T/two.csv"
start 80 24 C.UTF-8 NO_COLOR=1 -- "$T/two.csv"
key P
expect_contains "two currencies: the pivot's total is EUR's" "4.50 EUR" "$(screen | grep '^  Total ')"
expect_not_contains "two currencies: nothing adds them" "6.75" "$(screen)"
key q '$' P
expect_contains "two currencies: \$, then the pivot in USD" '$2.25' "$(screen | grep '^  Total ')"
key q T
expect_contains "two currencies: the chart in USD" '$2.25' "$(screen | grep '2026-01 ')"
finish q q
done_testing
