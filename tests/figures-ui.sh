#!/bin/sh
# figures-ui.sh - every figure on the explorer's screen means what it says
# (issue 12), seen in a real terminal: a partial period is marked and never
# read as a drop, and money in two currencies is never added.
. "$(dirname "$0")/lib.sh"

command -v tmux >/dev/null 2>&1 || skip "tmux is not installed"
S=$SRCDIR/data/autodesk-sample.csv
[ -r "$S" ] || skip "no sample data"
. "$(dirname "$0")/tmux.sh"
trap 'tm kill-server 2>/dev/null; sleep 0.3; rm -rf "$T" "$XDG_CONFIG_HOME"' EXIT

# usecase NAME: opens the use-case list (u) and runs NAME (Enter)
usecase() {
	key u
	n=0
	while [ $n -lt 40 ] && ! screen | grep -q "^> $1 "; do
		key Down
		n=$((n + 1))
	done
	key Enter
}

# --- case 1: the sample's 2026-Q4 holds October only
start 80 24 C -- -p quarter "$S"
expect_contains "quarter: the change compares the last whole quarters" \
	"change: 2026-Q3 vs 2026-Q2 (2026-Q4 is partial: 1 of 3 months, ':' in trend)" "$(screen)"
expect_not_contains "quarter: no false drop of Product Subscriptions" "-67%" "$(line 5)"
# the trend: Q4's one month is no bar (it read as a drop to "_"), the whole
# quarters keep theirs
expect_contains "quarter: the trend marks Q4, no bar" '*######:' "$(line 5)"
expect_contains "quarter: Product Subscriptions, Q3 against Q2" "0%" "$(line 5)"
start 80 24 C -- -b period -p quarter "$S"
expect_contains "periods: the partial quarter is marked" "2026-Q4 (1 of 3 months)" "$(screen)"
expect_contains "periods: ... and has no change" "(part)" "$(screen | grep '2026-Q4')"
expect_contains "periods: a whole quarter has its change" "-15%" "$(screen | grep '2026-Q3')"

# a month-to-date export: daily rows from October 1 to December 15
{
	echo 'BilledCost,EffectiveCost,BillingCurrency,ServiceName,ChargePeriodStart,ChargePeriodEnd'
	d=0
	while [ $d -lt 76 ]; do
		a=$(date -u -d "2026-10-01 + $d days" +%Y-%m-%dT00:00:00Z)
		b=$(date -u -d "2026-10-01 + $((d + 1)) days" +%Y-%m-%dT00:00:00Z)
		echo "10,10,USD,Compute,$a,$b"
		d=$((d + 1))
	done
} >"$T/mtd.csv"
start 80 24 C -- "$T/mtd.csv"
expect_contains "month to date: December is partial" \
	"change: 2026-11 vs 2026-10 (2026-12 is partial: 15 of 31 days, ':' in trend)" "$(screen)"
expect_contains "month to date: the trend marks December" '  ##:  ' "$(line 5)"
expect_contains "month to date: November (300) against October (310)" "-3%" "$(line 5)"
start 80 24 C.UTF-8 -- "$T/mtd.csv"
expect_contains "month to date, UTF-8: the trend marks December" '██░' "$(line 5)"
expect_contains "month to date, UTF-8: ... and says what the mark is" "15 of 31 days, '░' in trend)" "$(screen)"
start 80 24 C -- -p quarter --to 2026-09-30 "$S"
expect_not_contains "a range of whole quarters: no mark" ':' "$(screen | sed -n '5,9p' | cut -c 50-)"
start 80 24 C -- -b period "$T/mtd.csv"
expect_contains "month to date: the month is marked" "2026-12 (15 of 31 days)" "$(screen)"
# ... and one whose monthly subscription charge spans the whole of October
. "$(dirname "$0")/mtd-fixture.sh"
mtd_monthly "$T/mtdm.csv" 14
start 80 24 C -- "$T/mtdm.csv"
expect_contains "month to date with a monthly charge: October is partial" \
	"no change shown: 2026-10 is partial (14 of 31 days, ':' in trend)" "$(screen)"
expect_not_contains "... and API is not read as a drop against September" "-53%" "$(screen)"
# a use case by month, run from the explorer (u, Enter): the status line says
# that October is partial
usecase service-costs-mom
expect_contains "use case by month: October is said partial beside the result" \
	"partial, not a drop: 2026-10 (14 of 31 days)" "$(screen)"

# --- case 2: two currencies are never added
printf '%s\n' 'BilledCost,EffectiveCost,BillingCurrency,ServiceName,ChargePeriodStart,ChargePeriodEnd' \
	'1.50,1.50,EUR,A,2026-01-01T00:00:00Z,2026-02-01T00:00:00Z' \
	'3,3,EUR,B,2026-01-01T00:00:00Z,2026-02-01T00:00:00Z' \
	'2.25,2.25,USD,B,2026-01-01T00:00:00Z,2026-02-01T00:00:00Z' >"$T/two.csv"
start 80 24 C.UTF-8 -- "$T/two.csv"
expect_contains "two currencies: the header shows EUR" "Total 4.50 EUR" "$(line 2)"
expect_contains "two currencies: ... and USD beside it" '$2.25' "$(line 2)"
expect_not_contains "two currencies: nothing adds them" "6.75" "$(screen)"
expect_contains "two currencies: B is its EUR only" "3.00 EUR" "$(screen | grep '^. B ')"
key '$'
expect_contains "two currencies: \$ shows USD" 'Total $2.25' "$(line 2)"
expect_contains "two currencies: ... with EUR beside it" "4.50 EUR" "$(line 2)"
expect_contains "two currencies: B is its USD only" '$2.25' "$(screen | grep '^. B ')"
expect_not_contains "two currencies: A has no USD" " A " "$(screen)"
# big totals in two currencies at 80 and 60 columns: the other currency
# counted instead of listed, parts dropped, never a figure cut ("3,0~")
awk 'NR > 3001 { gsub(/,USD,/, ",EUR,") } { print }' "$SRCDIR/data/autodesk-sample.csv" >"$T/twobig.csv"
for size in "80 24" "60 20"; do
	set -- $size
	start "$1" "$2" C.UTF-8 -- "$T/twobig.csv"
	for k in 1 2; do
		expect_not_contains "${1}x$2 two currencies ($k): the totals line cuts no figure" "~" "$(line 2)"
		expect_contains "${1}x$2 two currencies ($k): the other currency is said" "(+1 more: \$)" "$(line 2)"
		key '$'
	done
done
# a use case that adds money runs on the currency the list shows
R='2026-01-01T00:00:00Z,2026-01-02T00:00:00Z,2026-01-01T00:00:00Z'
printf '%s\n' 'BilledCost,EffectiveCost,BillingCurrency,ServiceName,ChargePeriodStart,ChargePeriodEnd,BillingPeriodStart' \
	"10.00,10.00,EUR,A,$R" "20.00,20.00,USD,A,$R" "5.00,5.00,USD,B,$R" >"$T/ucur.csv"
start 80 24 C.UTF-8 -- "$T/ucur.csv"
usecase service-costs-mom
expect_contains "two currencies: the use case says its currency" "use case service-costs-mom in USD" "$(screen)"
expect_eq "two currencies: A is its USD only, never 30" "20" "$(screen | sed 's/^>/ /' | awk '$1 == "A" { print $3 }')"
key q
key :
key C-u
text 'SELECT sum(EffectiveCost) FROM focus'
key Enter
expect_contains "two currencies: an SQL sum over both is said to add them" \
	"1 row; 2 currencies: sums add them unless by BillingCurrency" "$(screen)"
# more rows than the screen keeps: said all the same (before, the cut
# short table had no word of it)
key :
key C-u
text 'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100001) SELECT i, (SELECT sum(EffectiveCost) FROM focus) FROM n'
key Enter
expect_contains "two currencies: 100,001 rows of a sum over both: said too" \
	"first 100000 rows; 2 currencies added unless by BillingCurrency" "$(screen)"

# --- case 10: quitting with an unsaved what-if scenario asks once
start 100 30 C.UTF-8 -- "$S"
key w -
key Escape
key q
expect_contains "unsaved scenario: q asks first" "unsaved what-if scenario (1 product changed): q again quits" "$(screen)"
expect_eq "unsaved scenario: still running" "" "$(cat "$T/exit" 2>/dev/null)"
finish q
expect_eq "unsaved scenario: q again quits" 0 "$(cat "$T/exit" 2>/dev/null)"
# saved: q quits at once
start 100 30 C.UTF-8 -- "$S"
key w -
key S C-u
text "$T/scenario.txt"
key Enter
expect_contains "saved scenario: said" "scenario saved to" "$(screen)"
key Escape
finish q
expect_eq "saved scenario: q quits at once" 0 "$(cat "$T/exit" 2>/dev/null)"

# --- case 3: ListCost counts the sample's upfront seats twice, and says so
start 80 24 C -- "$S"
key m m
expect_contains "upfront: ListCost on screen" "ListCost" "$(line 4)"
expect_contains "upfront: the note says what is counted twice" \
	'ListCost counts 28 upfront purchases ($607,520.00) twice' "$(screen)"
key m
expect_contains "upfront: ContractedCost too" 'ContractedCost counts 28 upfront purchases ($594,524.00) twice' "$(screen)"
key m
expect_contains "upfront: back to EffectiveCost" "EffectiveCost" "$(line 4)"
expect_not_contains "upfront: EffectiveCost counts it once: no note" "twice" "$(screen)"

done_testing
