#!/bin/sh
# renewals-ui.sh - the renewal calendar (c) and the prepaid runway (t) in the
# explorer, in a real terminal (issue 16): the sample's figures are the ones
# `focal renewals` and `focal runway` print for the same file, projections
# are marked *, and Enter on a renewal opens the what-if panel with the cut
# filled in, marked simulated.
. "$(dirname "$0")/lib.sh"

command -v tmux >/dev/null 2>&1 || skip "tmux is not installed"
S=$SRCDIR/data/autodesk-sample.csv
[ -r "$S" ] || skip "no sample data"
. "$(dirname "$0")/tmux.sh"
trap 'tm kill-server 2>/dev/null; sleep 0.3; rm -rf "$T" "$XDG_CONFIG_HOME"' EXIT

# money as the explorer writes it: 1050.00 -> $1,050.00
usd() {
	echo "$1" | awk '{
		s = $1; neg = s ~ /^-/; sub(/^-/, "", s)
		split(s, p, "."); i = p[1]; o = ""
		while (length(i) > 3) { o = "," substr(i, length(i) - 2) o; i = substr(i, 1, length(i) - 3) }
		printf "%s$%s%s.%s\n", neg ? "-" : "", i, o, p[2] }'
}

# --- the renewal calendar at 80x24
"$FOCAL" renewals --format csv "$S" >"$T/ren.csv"
n=$(($(wc -l <"$T/ren.csv") - 1))
expect_eq "the sample renews subscriptions in the next 90 days" 1 "$([ "$n" -gt 0 ] && echo 1)"
start 80 24 C.UTF-8 -- "$S"
key c
expect_contains "c opens the renewal calendar" "state=renewals" "$(head -1 "$T/dump")"
expect_contains "renewals: the title counts them" "Renewals: $n subscription" "$(line 1)"
expect_contains "renewals: the heads" "Renews     Product" "$(line 2)"
expect_contains "renewals: projected columns are marked" "Renewal*" "$(line 2)"
tail -n +2 "$T/ren.csv" >"$T/ren.rows"
while IFS=, read -r date product term sub seats price pm src cost peak pmo cut rules flex saving proj; do
	l=$(screen | grep -- "$date $product ")
	expect_contains "renewals: $product renews $date ($term)" "$term" "$l"
	set -- $(echo "$l" | sed "s/.*$term//")
	expect_eq "renewals: $product seats, cost*, peak, cut, saving* as focal renewals" \
		"$seats $(usd "$cost")* ${peak:--} $cut $(usd "$saving")*" "$*"
done <"$T/ren.rows"
tot_seats=$(tail -n +2 "$T/ren.csv" | awk -F, '{ s += $5 } END { print s }')
tot_cost=$(tail -n +2 "$T/ren.csv" | awk -F, '{ s += $9 } END { printf "%.2f", s }')
tot_cut=$(tail -n +2 "$T/ren.csv" | awk -F, '{ s += $12 } END { print s }')
tot_save=$(tail -n +2 "$T/ren.csv" | awk -F, '{ s += $15 } END { printf "%.2f", s }')
expect_eq "renewals: the total line (projected sums marked)" \
	"Total $tot_seats $(usd "$tot_cost")* $tot_cut $(usd "$tot_save")*" \
	"$(screen | grep '^ *Total ' | sed 's/^ *//; s/  */ /g')"
expect_contains "renewals: the legend says what is projected" "* projected: the next term at the contracted price" "$(screen)"
expect_not_contains "renewals: no data total is mixed in" "This path" "$(screen)"
# the first renewal with a cut: the detail line says it, Enter tries it
first=$(tail -n +2 "$T/ren.csv" | awk -F, '$12 > 0 { print NR; exit }')
line1=$(tail -n +2 "$T/ren.csv" | sed -n "${first}p")
product=$(echo "$line1" | cut -d, -f2)
seats=$(echo "$line1" | cut -d, -f5)
cut=$(echo "$line1" | cut -d, -f12)
i=1
while [ $i -lt "$first" ]; do
	key Down
	i=$((i + 1))
done
expect_contains "renewals: the detail line gives the cut" "Cut $cut (" "$(screen | tail -6)"
peak1=$(echo "$line1" | cut -d, -f10)
pmo1=$(echo "$line1" | cut -d, -f11)
expect_contains "renewals: the detail says over which months the peak is (focal renewals' peak_months)" \
	"Peak $peak1 active over the last $pmo1 months." "$(screen | tail -6 | tr '\n' ' ' | tr -s ' ')"
key Enter
expect_contains "Enter: the what-if panel" "state=whatif" "$(head -1 "$T/dump")"
expect_contains "Enter: the panel on the product" "> $product" "$(screen)"
expect_contains "Enter: the cut filled in, marked simulated" "$product: $seats -> $((seats - cut)) seats*" "$(line 24)"
expect_contains "Enter: the product's new seats marked" "$((seats - cut))*" "$(screen | grep "^> $product")"
expect_contains "Enter: the scenario is marked simulated" "* simulated (what-if: 1 product changed)" "$(screen)"
# the detail under the panel whole, to its last figure (it was cut at 80x24:
# "in the next 1~"): the lines from the product's name to the key hints
next12=$("$FOCAL" whatif --seats "$product=-$cut" --format csv "$S" | awk -F, -v p="$product" '$1 == p { print $16 }')
detail() { screen | sed -n "/^ $1/,\$p" | head -n -2 | sed '/^ *$/d'; }
expect_contains "Enter: the detail ends with the next 12 months' saving" \
	"in the next 12 months $(usd "$next12")*." "$(detail "$product: " | tr '\n' ' ' | tr -s ' ')"
expect_eq "Enter: no detail line cut" "" "$(detail "$product: " | grep '[~…]$')"
key q
expect_contains "closing the panel: back on the calendar" "state=renewals" "$(head -1 "$T/dump")"
expect_contains "the calendar then shows the scenario, marked" "* simulated (what-if: 1 product changed)" "$(screen)"
key Enter
expect_contains "Enter again: one cut, against the baseline" "$product: $seats -> $((seats - cut)) seats*" "$(line 24)"
key q
key Down	# the cursor off the first renewal, for c again below
key q
expect_contains "q closes the calendar" "state=list" "$(head -1 "$T/dump")"
# c again: the list kept from the first c (the explorer builds it once), the
# cursor back on the first renewal, the scenario still shown
first_line=$(sed -n 2p "$T/ren.csv")
key c
expect_contains "c again: the calendar, every renewal" "Renewals: $n subscription" "$(line 1)"
expect_contains "c again: the cursor on the first renewal" \
	"> $(echo "$first_line" | cut -d, -f1) $(echo "$first_line" | cut -d, -f2) " "$(screen)"
expect_contains "c again: the scenario shown, marked" "* simulated (what-if: 1 product changed)" "$(screen)"
expect_eq "c again: no detail line cut" "" "$(screen | tail -6 | grep '[~…]$')"
key q

# --- the seat activity chart under the calendar: the months of the selected
# line's product as `focal renewals --activity` prints them
LC_ALL=C "$FOCAL" renewals --activity --ascii --format table "$S" >"$T/act.txt"
# cli_months PRODUCT: "month seats assigned active" a line, oldest first
cli_months() {
	awk -v p="$1" '$0 == "Seat activity of " p ", last 12 months:" { on = 1; getline; next }
		on && NF == 0 { on = 0 } on { print $1, $2, $3, $4 }' "$T/act.txt"
}
# ui_months: the same from the chart on the screen
ui_months() { screen | awk '/ seat activity: / { on = 1; getline; next } /^ \* projected/ { on = 0 } on { print $1, $2, $3, $4 }'; }
# chart_checks WHAT PRODUCT MIN: the chart is PRODUCT's, its last months as the CLI's, MIN of them at least
chart_checks() {
	cli_months "$2" >"$T/cli.m"
	ui_months >"$T/ui.m"
	k=$(wc -l <"$T/ui.m")
	expect_eq "$1: the CLI prints 12 months of $2" 12 "$(wc -l <"$T/cli.m")"
	expect_eq "$1: at least $3 months of $2 shown" 1 "$([ "$k" -ge "$3" ] && echo 1)"
	expect_eq "$1: $2's months, seats, assigned, active as focal renewals --activity" \
		"$(tail -n "$k" "$T/cli.m")" "$(cat "$T/ui.m")"
	IFS=, read -r date product term sub seats price pm src cost peak pmo cut rules flex saving proj <<EOT
$(awk -F, -v p="$2" '$2 == p' "$T/ren.csv" | head -1)
EOT
	if [ "$cut" -gt 0 ]; then why="cut $cut ($rules)"; else why="no cut"; fi
	expect_contains "$1: the title gives $2's peak and cut" "$2 seat activity: peak $peak active, $why" "$(screen)"
	expect_eq "$1: the peak month is marked, at the peak" "$peak" \
		"$(screen | awk '/ seat activity: / { on = 1; getline; next } /^ \* projected/ { on = 0 } on && / peak$/ { print $4 }' | sort -u)"
	expect_not_contains "$1: data, not marked as a projection" "*" \
		"$(screen | awk '/ seat activity: / { on = 1 } /^ \* projected/ { on = 0 } on')"
}
p1=$(sed -n 2p "$T/ren.csv" | cut -d, -f2)
p2=$(sed -n 3p "$T/ren.csv" | cut -d, -f2)
expect_eq "the sample's first two renewals are of two products" 1 "$([ -n "$p2" ] && [ "$p1" != "$p2" ] && echo 1)"
for lang in C.UTF-8 C; do
	start 80 24 $lang -- "$S"
	key c
	chart_checks "$lang 80x24" "$p1" 10
	expect_eq "$lang 80x24: the chart's heads" "Month Seats Assigned Active Active of seats" \
		"$(screen | grep '^  Month ' | sed 's/^ *//; s/  */ /g')"
	if [ $lang = C ]; then
		expect_eq "C: ASCII only on the screen" 0 "$(body | LC_ALL=C grep -c '[^ -~]')"
		expect_contains "C: ASCII bars" "#" "$(screen | grep '^  20[0-9][0-9]-[01][0-9] ')"
	else
		expect_contains "UTF-8: block bars" "█" "$(screen | grep '^  20[0-9][0-9]-[01][0-9] ')"
	fi
	key Down
	chart_checks "$lang 80x24, one line down" "$p2" 10
	expect_not_contains "$lang: the first product's chart is gone" "$p1 seat activity" "$(screen)"
	key Up
	chart_checks "$lang 80x24, back up" "$p1" 10
done
# 60x20: fewer months, nothing wider than the terminal, the list still moves
start 60 20 C.UTF-8 -- "$S"
key c
expect_contains "60x20: the calendar" "state=renewals" "$(head -1 "$T/dump")"
expect_eq "60x20: no line wider than the terminal" 1 "$([ "$(screen | LC_ALL=C.UTF-8 wc -L)" -le 60 ] && echo 1)"
expect_contains "60x20: the renewals listed" "> $(sed -n 2p "$T/ren.csv" | cut -d, -f1) " "$(screen)"
ui_months >"$T/ui.m"
expect_eq "60x20: the chart's months as the CLI's" "$(cli_months "$p1" | tail -n "$(wc -l <"$T/ui.m")")" "$(cat "$T/ui.m")"
expect_eq "60x20: some months shown" 1 "$([ "$(wc -l <"$T/ui.m")" -ge 3 ] && echo 1)"
key Down
expect_contains "60x20: Down moves the cursor" "2/$n" "$(line 20)"
expect_contains "60x20: ... and the chart follows" "seat activity: peak" "$(screen | grep "^ $(echo "$p2" | cut -c1-4)")"
ui_months >"$T/ui.m"
expect_eq "60x20: the second product's months" "$(cli_months "$p2" | tail -n "$(wc -l <"$T/ui.m")")" "$(cat "$T/ui.m")"
key Enter
expect_contains "60x20: Enter still opens the what-if panel" "state=whatif" "$(head -1 "$T/dump")"
# 60x20: the calendar's title keeps its window's end and the currency, the
# legend and the detail are whole; the what-if panel's detail too, and a
# suggestion in the scenario says so in the room it has
start 60 20 C.UTF-8 -- "$S"
key c
expect_contains "60x20: the title keeps the window's end and the currency" \
	"to $(date -u -d "$("$FOCAL" whatif --format json "$S" | sed 's/.*"as_of":"\([0-9-]*\)".*/\1/') + 90 days" +%Y-%m-%d) (USD)" "$(line 1)"
expect_contains "60x20: the legend whole" "* projected at the contracted price, not in the totals" "$(screen)"
p1=$(sed -n 2p "$T/ren.csv" | cut -d, -f2)
expect_contains "60x20: the renewal's detail whole" "Enter tries it." "$(detail "$p1 (" | tr '\n' ' ' | tr -s ' ')"
expect_eq "60x20: no detail line cut" "" "$(detail "$p1 (" | grep '[~…]$')"
key Enter G
"$FOCAL" whatif --suggest --format csv "$S" 2>/dev/null | tail -1 >"$T/sg.last"
sgp=$(cut -d, -f1 <"$T/sg.last")
sg12=$(cut -d, -f7 <"$T/sg.last")
expect_contains "60x20: the last suggestion under the cursor" "> above-peak $sgp" "$(screen)"
expect_contains "60x20: its detail ends with the next 12 months' saving" \
	"in the next 12 months $(usd "$sg12")*." "$(detail "Rule " | tr '\n' ' ' | tr -s ' ')"
expect_eq "60x20: no detail line cut" "" "$(detail "Rule " | grep '[~…]$')"
expect_contains "60x20: the suggestion in the scenario marked (in)" "/yr (in)" "$(screen | grep "above-peak $(echo "$product" | cut -c1-6)")"
expect_eq "60x20: no line wider than the terminal" 1 "$([ "$(screen | LC_ALL=C.UTF-8 wc -L)" -le 60 ] && echo 1)"
# no x_ActiveSeats in the data: said, not drawn as zeros
sed '1s/x_ActiveSeats/x_NoActiveSeats/' "$S" >"$T/noact.csv"
start 80 24 C.UTF-8 -- "$T/noact.csv"
key c
expect_contains "no x_ActiveSeats: said so" "no seat activity in the data" "$(screen)"
expect_eq "no x_ActiveSeats: no months drawn" "" "$(screen | grep '^  Month \|^  20[0-9][0-9]-[01][0-9] ')"

# --- the prepaid runway, in UTF-8 and in LANG=C
num() { usd "$(LC_ALL=C printf %.2f "$1")" | sed 's/\$//'; }
"$FOCAL" runway --format csv "$S" >"$T/rw.csv"
"$FOCAL" runway --window 120 --format csv "$S" >"$T/rw120.csv"
IFS=, read -r cur unit asof packs bought used expired beyond unbilled billed billedcur balance empty wdays wused burn runs will unknown proj <<EOT
$(sed -n 2p "$T/rw.csv")
EOT
burn120=$(sed -n 2p "$T/rw120.csv" | cut -d, -f16)
for lang in C.UTF-8 C; do
	start 80 24 $lang -- "$S"
	key t
	expect_contains "$lang: t opens the runway" "state=runway" "$(head -1 "$T/dump")"
	expect_contains "$lang: runway title" "Runway: 1 virtual currency as of $asof, burn rate over the last $wdays days" "$(line 1)"
	expect_contains "$lang: projections are marked" "* projected at the burn rate" "$(line 2)"
	expect_contains "$lang: the currency and its packs" "$cur: $packs packs bought as $unit" "$(screen)"
	expect_contains "$lang: bought, used, balance as focal runway" \
		"Bought $(num "$bought")   Used $(num "$used")   Balance $(num "$balance")${empty:+, empty since $empty}" "$(screen)"
	expect_contains "$lang: expired and beyond the packs" \
		"Expired unused $(num "$expired")   Used beyond the packs $(num "$beyond")" "$(screen)"
	expect_contains "$lang: of it billed 0" \
		"Of it billed 0: $(num "$unbilled") (from packs not in the data, or billed elsewhere)" "$(screen)"
	expect_contains "$lang: the Usage rows' billing, as focal runway" \
		"Its Usage rows billed $(usd "$(LC_ALL=C printf %.2f "$billed")") in all" "$(screen)"
	expect_contains "$lang: the burn rate" \
		"Burn rate $(num "$burn") a day over the last $wdays days ($(num "$wused") in all)" "$(screen)"
	if [ -z "$runs" ]; then
		expect_contains "$lang: runs out (nothing left)" "Runs out: nothing left to run out" "$(screen)"
	else
		expect_contains "$lang: runs out, marked" "Runs out: $runs*" "$(screen)"
	fi
	key G
	expect_contains "$lang: the burn by product, at the end" "Burn by (window)" "$(screen)"
	if [ $lang = C ]; then
		expect_eq "C: ASCII only on the screen" 0 "$(body | LC_ALL=C grep -c '[^ -~]')"
		expect_contains "C: ASCII bars" "#" "$(screen | grep '%  ')"
	else
		expect_contains "UTF-8: block bars" "█" "$(screen | grep '%  ')"
	fi
	key +
	expect_contains "$lang: + lengthens the window" "over the last $((wdays + 30)) days" "$(line 1)"
	key g
	expect_contains "$lang: ... and the burn rate is focal runway --window's" \
		"Burn rate $(num "$burn120") a day over the last $((wdays + 30)) days" "$(screen)"
	key q
	expect_contains "$lang: q closes the runway" "state=list" "$(head -1 "$T/dump")"
	# the runway is kept when closed: t again opens it at its own window,
	# the burn as focal runway's, not the window left by +
	key t
	expect_contains "$lang: t again: the window is $wdays days again" "burn rate over the last $wdays days" "$(line 1)"
	expect_contains "$lang: ... and the burn rate is focal runway's again" \
		"Burn rate $(num "$burn") a day over the last $wdays days ($(num "$wused") in all)" "$(screen)"
	expect_contains "$lang: ... and the balance is unchanged" \
		"Bought $(num "$bought")   Used $(num "$used")   Balance $(num "$balance")" "$(screen)"
	key q
done

# the runway's tables fit the terminal: each column as wide as its figures,
# the optional ones (a pack's price, the part billed 0) only where they fit;
# every figure whole and as focal runway's table says it
"$FOCAL" runway --format table "$S" >"$T/rw.txt"
cli_month=$(grep '^2025-01 ' "$T/rw.txt" | tr -s ' ')
cli_pack=$(grep '^2025-01-15 ' "$T/rw.txt" | tr -s ' ')
ui_row() { screen | grep "^   $1 " | sed 's/^ *//' | tr -s ' '; }
start 80 24 C -- "$S"
key t
expect_eq "80x24: the month row, with the part billed 0, as focal runway" "$cli_month" "$(ui_row 2025-01)"
expect_eq "80x24: the pack row, with its price, as focal runway (no EXPIRED)" \
	"$(echo "$cli_pack" | cut -d' ' -f1-6,8-)" "$(ui_row 2025-01-15)"
expect_contains "80x24: the headings" "Month     Bought   Used Expired Beyond packs Of it billed 0  Balance" "$(screen)"
start 60 20 C -- "$S"
key t
expect_contains "60x20: the title keeps the window" "Runway as of $asof, burn rate over $wdays days" "$(line 1)"
expect_contains "60x20: a long line wraps, its date whole" "$(printf '   Balance %s, empty\n     since %s' "$(num "$balance")" "$empty")" "$(screen)"
expect_eq "60x20: no line of the runway cut at the edge" "" "$(screen | sed -n '1,18p' | grep '~ *$')"
expect_eq "60x20: the pack row without its price" "$(echo "$cli_pack" | cut -d' ' -f1-3,5-6,8-)" "$(ui_row 2025-01-15)"
expect_contains "60x20: a short heading for what will expire" "Left Expiring*" "$(screen)"
key NPage
expect_eq "60x20: the month row without the part billed 0" "$(echo "$cli_month" | cut -d' ' -f1-5,7)" "$(ui_row 2025-01)"
expect_contains "60x20: the headings whole" "Month     Bought   Used Expired Beyond packs  Balance" "$(screen)"
key G
expect_contains "60x20: the burn by product without bars, its figures whole" \
	"APS-MD-COMPLEX 832.50    68%" "$(screen)"
expect_eq "60x20: no table line cut at the edge" "" "$(screen | grep -E '^   (20[0-9][0-9]-|Month|Bought|Burn by|Model|Design)' | grep '~ *$')"
resize 80 24
key g
expect_eq "resized to 80x24: the tables are written again for it" "$cli_month" "$(ui_row 2025-01)"

# a BillingCurrency that is no ISO code but a long run of non-ASCII text: the
# table measures its cells as they are drawn (LANG=C draws each as '?'), so
# the price column is left out rather than the row cut at the edge
E=$(printf '\342\202\254%.0s' 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16)
sed "2,3s/,USD,USD,/,$E,USD,/" "$SRCDIR/tests/renewals/tokens.csv" >"$T/tokeuro.csv"
for lang in C.UTF-8 C; do
	start 80 24 $lang -- "$T/tokeuro.csv"
	key t
	expect_contains "$lang: a long currency name: the pack rows whole" "2025-09-01 1 200.00 2026-09-01" "$(ui_row 2025-09-01)"
	expect_eq "$lang: ... no table line cut at the edge" "" "$(screen | grep -E '^   (20[0-9][0-9]-|Bought|Month)' | grep '[~…] *$')"
done

# --- seats billed in two currencies: the panel and the calendar are of the
# seats in the currency the list shows ($ switches), never a mixed total
eur_seats "$S" "$T/eur.csv"
usd_total=$("$FOCAL" whatif --format json --currency USD "$T/eur.csv" | python3 -c 'import json, sys; print("%.2f" % json.load(sys.stdin)["total"]["monthly_before"])')
start 100 30 C.UTF-8 -- "$T/eur.csv"
first=$(line 2)
key w
case $first in	# " Total $578,542.38 (+ 56,008.32 EUR ..." or " Total 56,008.32 EUR (+ $..."
*"Total \$"*) cur=USD other=EUR ;;
*) cur=EUR other=USD ;;
esac
expect_contains "two currencies: the what-if is of the list's currency ($cur)" "($cur)" "$(line 1)"
[ $cur = USD ] && expect_contains "... the USD seats' baseline alone" "baseline  $(usd "$usd_total" | tr -d '$')" "$(line 2)"
key w '$' w
expect_contains "\$ then w: the what-if of the seats in $other" "($other)" "$(line 1)"
[ $other = EUR ] && expect_contains "... Revit alone, 2,633.33 a month" "2,633.33" "$(line 2)"
key w c
expect_contains "c: the renewal calendar of the $other seats" "($other)" "$(line 1)"
finish q q

done_testing
