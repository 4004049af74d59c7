#!/bin/sh
# forecast-ui.sh - the explorer's forecast (f) and anomaly (A) screens
# (issue 15) in a real terminal, at 80x24 and 60x20, ASCII and NO_COLOR.
# The expected figures were computed apart from focal: the sample's monthly
# EffectiveCost sums (focal sql, GROUP BY month) put through the method in
# Python's decimal; e.g. 2026-08..10 sum to 86,733.7455 over 92 days, so
# November (30 days) is 28,282.74 and the range 30 x 27,554.6895 / 31 to
# 30 x 30,123.306 / 31.
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
	'2026-11          $0.00        30  $28,282.74*  $26,665.83*  $29,151.59*' "$(screen)"
expect_contains "forecast: Q4 from October's actual" \
	'2026-Q4     $30,123.31        61  $87,631.55*  $84,343.82*  $89,398.20*' "$(screen)"
expect_contains "forecast: the year from January to October" \
	'2026       $301,029.88        61 $358,538.12* $355,250.40* $360,304.77*' "$(screen)"
expect_contains "forecast: the rate and its months" 'Daily rate $942.76 over 2026-08..2026-10 (lowest month $888.86, highest' "$(screen)"
expect_contains "forecast: the method in one line" "days left x the daily rate of" "$(screen)"
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
expect_contains "60x20 forecast: projected" 'projected $87,631.55*' "$(screen)"
expect_contains "60x20 forecast: range" 'range $84,343.82* to $89,398.20*' "$(screen)"
expect_eq "60x20 forecast: no line beyond the width" "" "$(screen | awk 'length > 60')"

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
