#!/bin/sh
# forecast-ui.sh - the explorer's forecast (f) and anomaly (A) screens
# (issue 15) in a real terminal, at 80x24 and 60x20, ASCII and NO_COLOR.
# The expected figures were computed apart from focal: the sample's monthly
# EffectiveCost sums by ChargeFrequency (Python's csv and decimal over the
# file) put through the method: the usage-based charges of 2026-08..10 sum
# to 3,695.1255 over 92 days, so November (30 days) is 1,204.93 of usage
# plus October's recurring 26,336.16 = 27,541.09; the range takes the
# lowest month (August: 30 x 973.6995 / 31 + the lowest recurring,
# 26,336.16) and the highest (September: 1,374.21 + August's 26,580.99).
# One-time charges (the quarterly tax, April's purchases) are not projected.
. "$(dirname "$0")/lib.sh"

command -v tmux >/dev/null 2>&1 || skip "tmux is not installed"
S=$SRCDIR/data/autodesk-sample.csv
[ -r "$S" ] || skip "no sample data"
. "$(dirname "$0")/tmux.sh"
trap 'tm kill-server 2>/dev/null; sleep 0.3; rm -rf "$T" "$XDG_CONFIG_HOME"' EXIT

ascii_only() { ! screen | LC_ALL=C grep -q '[^ -~]'; }

# --- the forecast of the whole data, 80x24, ASCII, no colour
start 80 24 C NO_COLOR=1 -- "$S"
key f
expect_contains "forecast: the title names the metric" "Forecast of EffectiveCost (USD)" "$(line 1)"
expect_contains "forecast: projections are marked" "* projected, not in the data or its totals" "$(line 3)"
expect_contains "forecast: November from nothing" \
	'2026-11          $0.00        30  $27,541.09*  $27,278.45*  $27,955.20*' "$(screen)"
expect_contains "forecast: Q4 from October's actual" \
	'2026-Q4     $30,123.31        61  $85,245.65*  $84,711.62*  $86,079.51*' "$(screen)"
expect_contains "forecast: the year from January to October" \
	'2026       $301,029.88        61 $356,152.23* $355,618.19* $356,986.08*' "$(screen)"
expect_contains "forecast: the usage rate and its months" \
	'Usage-based charges a day $40.16 over 2026-08..2026-10 (lowest month $31.41,' "$(screen)"
expect_contains "forecast: the recurring charges by the month" \
	'Recurring charges $26,336.16 a month, as in 2026-10 (lowest month' "$(screen)"
expect_contains "forecast: one-time charges are said, not projected" \
	'One-time charges $3,785.31 in 2026-08..2026-10: in the actuals, never' "$(screen)"
expect_contains "forecast: the method" "days left x the daily rate of" "$(screen)"
ascii_only
expect_eq "forecast: ASCII only under LANG=C" 0 $?
key q
expect_contains "forecast: q goes back to the list" "ServiceSubcategory (5)" "$(line 4)"

# --- the path's forecast: Platform APIs (APS)
key j j Enter f
expect_contains "path forecast: the path is shown" "All > Platform APIs (APS)" "$(line 2)"
expect_contains "path forecast: November" '2026-11          $0.00        30  $1,117.87*    $901.64*  $1,230.21*' "$(screen)"
expect_contains "path forecast: the year" '2026        $11,469.81        61 $13,742.80* $13,303.15* $13,971.23*' "$(screen)"
expect_not_contains "path forecast: no figure of the whole data" '$28,282.74' "$(screen)"

# --- 60x20: a block per period
start 60 20 C NO_COLOR=1 -- "$S"
key f
expect_contains "60x20 forecast: a block per period" "2026-Q4 (quarter): 61 days left" "$(screen)"
expect_contains "60x20 forecast: projected" 'projected $85,245.65*' "$(screen)"
expect_contains "60x20 forecast: range" 'range $84,711.62* to $86,079.51*' "$(screen)"
expect_eq "60x20 forecast: no line beyond the width" "" "$(screen | awk 'length > 60')"

# --- a month-to-date export: the sample to 2026-10-14. October's seats and
# quarterly tax are billed on the 1st; only its usage accrues by the day.
# By the method above over 2026-07..09 (usage 3,571.0230 over 92 days, 17
# days left): 29,368.96 + 659.82 = 30,028.82 (the whole October is
# 30,123.31); read as if everything accrued by the day it was 45,489.61.
command -v python3 >/dev/null 2>&1 || skip "python3 is not installed"
python3 -c 'import csv, sys
r = csv.reader(open(sys.argv[1], newline="")); w = csv.writer(sys.stdout, lineterminator="\n")
h = next(r); w.writerow(h); i = h.index("ChargePeriodStart")
w.writerows(row for row in r if row[i] < "2026-10-15")' "$S" >"$T/mtd.csv"
start 80 24 C NO_COLOR=1 -- "$T/mtd.csv"
key f
expect_contains "month to date: October from its 14 days" \
	'2026-10     $29,368.96        17  $30,028.82*  $29,902.92*  $30,392.51*' "$(screen)"
expect_contains "month to date: Q4" \
	'2026-Q4     $29,368.96        78  $85,068.89*  $84,491.23*  $86,348.72*' "$(screen)"
expect_contains "month to date: the year" \
	'2026       $300,275.53        78 $355,975.46* $355,397.80* $357,255.29*' "$(screen)"
expect_not_contains "month to date: the seats are not counted twice" '45,489.61' "$(screen)"

# --- anomalies across the data, 80x24: Sales Tax in October 2026 against
# its previous 12 months (median 279.755, MAD 102.88: z = 2,160.175 / 152.53)
start 80 24 C NO_COLOR=1 -- "$S"
key A
expect_contains "anomalies: the month and the count" "Anomalies in 2026-10: 6 of 54 groups (EffectiveCost)" "$(line 1)"
expect_contains "anomalies: the rule's floor, 1% of October" '|change| >= $301.23 (1% of 2026-10)' "$(screen)"
expect_contains "anomalies: Sales Tax" 'ServiceName        Sales Tax               $2,439.93 $279.76 +$2,160.18 +14.2' "$(screen)"
expect_contains "anomalies: the largest first, with the cursor" '> ServiceSubcategory Other (Other)' "$(line 5)"
expect_contains "anomalies: untagged rows with no ResourceName" \
	'ResourceName       (null)                  $2,439.93 $443.56 +$1,996.37  +5.6' "$(screen)"
ascii_only
expect_eq "anomalies: ASCII only under LANG=C" 0 $?
key Enter
expect_contains "anomalies: Enter shows the group's dimension" "ServiceSubcategory (5)" "$(line 4)"
expect_contains "anomalies: ... with the cursor on it" "> Other (Other)" "$(screen)"

# --- 60x20: no median column, nothing beyond the width
start 60 20 C NO_COLOR=1 -- "$S"
key A
expect_contains "60x20 anomalies: Sales Tax" 'ServiceNa~ Sales Tax           $2,439.93 +$2,160.18 +14.2' "$(screen)"
expect_eq "60x20 anomalies: no line beyond the width" "" "$(screen | awk 'length > 60')"
# the ? screen lists both keys (from the one key table)
key '?'
seen=$(screen)
n=0
while [ $n -lt 20 ]; do
	key NPage
	seen="$seen$(screen)"
	n=$((n + 1))
done
expect_contains "help lists f" "forecast of the metric" "$seen"
expect_contains "help lists A" "anomalies across the data:" "$seen"

# --- too little history: two whole months, then no figure
printf '%s\n' 'BilledCost,EffectiveCost,BillingCurrency,ServiceName,ChargePeriodStart,ChargePeriodEnd' \
	'31,31,USD,A,2026-01-01T00:00:00Z,2026-02-01T00:00:00Z' \
	'28,28,USD,A,2026-02-01T00:00:00Z,2026-03-01T00:00:00Z' >"$T/short.csv"
start 80 24 C NO_COLOR=1 -- "$T/short.csv"
key f
expect_contains "short history: says so" "no forecast: it needs 3 complete months before 2026-03-01, the data has 2" "$(screen)"
expect_not_contains "short history: no figure" '*' "$(screen | sed -n '4,$p')"
key q A
expect_contains "short history: no anomaly judged" "Anomalies in 2026-02: 0 of 0 groups" "$(line 1)"

done_testing
