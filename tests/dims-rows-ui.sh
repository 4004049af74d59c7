#!/bin/sh
# dims-rows-ui.sh - the dimension chooser ranks and searches, the rows behind
# a group sort, search and export (issue 15), seen in a real terminal on the
# shipped sample at 80x24 and 60x20, LANG=C, NO_COLOR=1. Every figure the
# screen shows is checked against focal sql or python3 on the same file.
. "$(dirname "$0")/lib.sh"

command -v tmux >/dev/null 2>&1 || skip "tmux is not installed"
command -v python3 >/dev/null 2>&1 || skip "python3 is not installed"
S=$SRCDIR/data/autodesk-sample.csv
P=$SRCDIR/data/autodesk.profile
[ -r "$S" ] && [ -r "$P" ] || skip "no sample data"
. "$(dirname "$0")/tmux.sh"
trap 'tm kill-server 2>/dev/null; sleep 0.3; rm -rf "$T" "$XDG_CONFIG_HOME"' EXIT

sql() { focal sql --format=csv "$1" "$S" | tail -n +2; }

# --- what the chooser must show, found without the explorer
# the profile's drill path, as the chooser names it (period at the month)
drill=$(sed -n 's/^drill *= *//p' "$P" | tr -d ' ' | tr ',' '\n' | sed 's/^period$/period:month/' | tr '\n' ' ')
# the columns with no value at all, then those with one, in file order
python3 - "$S" >"$T/useless" <<'EOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline='')))
head, body = rows[0], rows[1:]
for want in (1, 0):
    for i, c in enumerate(head):
        if len({r[i] for r in body if r[i] != ''}) == want:
            print(want, c)
EOF
nnull=$(grep -c '^0 ' "$T/useless")
none=$(grep -c '^1 ' "$T/useless")
null_names=$(sed -n 's/^0 //p' "$T/useless" | tr '\n' ' ')
one_names=$(sed -n 's/^1 //p' "$T/useless" | tr '\n' ' ')
ntags=$(sql "SELECT count(DISTINCT key) FROM focus_tags")

# the chooser's lines "NAME|NOTE" on screen (the marks after the name dropped)
dim_lines() {
	screen | awk '/^  Dimension \(/ { on = 1; next } /^ Enter choose/ { on = 0 }
		on && length($0) > 2 {
			l = substr($0, 3); name = l; sub(/ .*/, "", name)
			note = l; sub(/.*  /, "", note)
			if (name != "") print name "|" note }'
}

# every dimension of the chooser in its order, paging to the end
all_dims() {
	: >"$T/dims"
	pg=0
	while [ $pg -lt 20 ]; do
		dim_lines >>"$T/dims"
		screen | tail -1 | sed 's/ *$//' | grep -q ' \([0-9][0-9]*\)/\1$' && break
		key NPage
		pg=$((pg + 1))
	done
	awk -F'|' '!seen[$1]++' "$T/dims"
}

run_case() {
	w=$1 h=$2
	start "$w" "$h" C NO_COLOR=1 -- "$S"

	# ---- d: useful first, useless last, searched as typed
	key d
	expect_contains "$w x $h d: the chooser" "Dimension (" "$(screen)"
	all_dims >"$T/ranked"
	n=$(wc -l <"$T/ranked")
	expect_eq "$w x $h d: every dimension listed (none hidden)" "$n" \
		"$(screen | sed -n 's/.*Dimension (\([0-9]*\) available.*/\1/p')"
	expect_eq "$w x $h d: the drill path first, in its order" "$drill" \
		"$(cut -d'|' -f1 "$T/ranked" | head -n 6 | tr '\n' ' ')"
	expect_eq "$w x $h d: then every other tag key" "$((ntags - 1))" \
		"$(cut -d'|' -f1 "$T/ranked" | sed -n "7,$((6 + ntags - 1))p" | grep -c '^tag:')"
	expect_eq "$w x $h d: the all-NULL columns last" "$null_names" \
		"$(cut -d'|' -f1 "$T/ranked" | tail -n "$nnull" | tr '\n' ' ')"
	expect_eq "$w x $h d: ... each marked all null" "$nnull" "$(tail -n "$nnull" "$T/ranked" | grep -c '|all null$')"
	expect_eq "$w x $h d: the one-value columns just before them" "$one_names" \
		"$(cut -d'|' -f1 "$T/ranked" | tail -n "$((nnull + none))" | head -n "$none" | tr '\n' ' ')"
	expect_eq "$w x $h d: ... each marked 1 value" "$none" "$(grep -c '|1 value$' "$T/ranked")"
	expect_eq "$w x $h d: ServiceName's count of values" \
		"ServiceName|$(sql "SELECT count(DISTINCT ServiceName) FROM focus") values" \
		"$(grep '^ServiceName|' "$T/ranked")"
	# typing filters: "tag" keeps the tag keys (the drill's first) and Tags
	text tag
	expect_contains "$w x $h d: typing filters" "/tag" "$(screen)"
	expect_eq "$w x $h d: the drill path's tag key first" "tag:area" "$(dim_lines | head -1 | cut -d'|' -f1)"
	expect_eq "$w x $h d: only names with tag in them" "" "$(dim_lines | cut -d'|' -f1 | grep -vi tag)"
	expect_eq "$w x $h d: an all-NULL match last" "AllocatedTags|all null" "$(dim_lines | tail -1)"
	text qj
	expect_contains "$w x $h d: q and j type (nothing matches)" "no dimension matches" "$(screen)"
	key BSpace BSpace
	expect_contains "$w x $h d: Backspace edits" "/tag " "$(screen)"
	key Escape
	expect_contains "$w x $h d: Esc clears the search" "available" "$(screen)"
	key Escape
	expect_not_contains "$w x $h d: a second Esc leaves" "Dimension (" "$(screen)"
	key d
	text COST-CENTER
	key Enter
	expect_contains "$w x $h d: Enter picks the match" "grouped by tag:cost-center" "$(screen)"
	finish q
	expect_eq "$w x $h: quits" 0 "$(cat "$T/exit" 2>/dev/null)"

	# ---- R: the rows behind the first group (Product Subscriptions)
	start "$w" "$h" C NO_COLOR=1 -- "$S"
	grp=$(line 5 | sed 's/^> //; s/  .*//')
	where="ServiceSubcategory = '$grp'"
	key R
	set -- $(sql "SELECT count(*), sum(EffectiveCost) FROM focus WHERE $where" | tr ',' ' ')
	rows=$1 sum=$2
	expect_contains "$w x $h R: the group's rows" "$rows rows" "$(line 3)"
	# / finds a row: the first Maya seat in file order, then the next
	set -- $(sql "SELECT line FROM focus WHERE $where AND SkuId LIKE '%maya%' ORDER BY line LIMIT 2")
	key /
	text maya
	key Enter
	expect_contains "$w x $h /: the cursor on the first match" "> $(printf '%7s' "$1") " "$(screen | grep '^> ')"
	expect_contains "$w x $h /: said" "matches \"maya\"" "$(screen)"
	key n
	expect_contains "$w x $h n: the next match" "> $(printf '%7s' "$2") " "$(screen | grep '^> ')"
	# sort by EffectiveCost: < to the date, > back, s
	key '<'
	expect_contains "$w x $h <: the date column" "column ChargePeriodStart" "$(screen)"
	key '>' s
	expect_contains "$w x $h s: sorted" "sorted by EffectiveCost, largest first" "$(screen)"
	top=$(sql "SELECT printf('%d|%.2f', line, EffectiveCost) FROM focus WHERE $where ORDER BY EffectiveCost DESC, line LIMIT 1")
	money=$(python3 -c "import sys; print('\${:,.2f}'.format(float(sys.argv[1])))" "${top#*|}")
	expect_contains "$w x $h s: the largest row first (line)" "> $(printf '%7s' "${top%|*}") " "$(line 5)"
	expect_contains "$w x $h s: ... and its amount" "$money" "$(line 5)"
	key s
	low=$(sql "SELECT printf('%d|%.2f', line, EffectiveCost) FROM focus WHERE $where ORDER BY EffectiveCost, line LIMIT 1")
	money=$(python3 -c "import sys; v = float(sys.argv[1]); print(('-' if v < 0 else '') + '\${:,.2f}'.format(abs(v)))" "${low#*|}")
	expect_contains "$w x $h s again: reversed, the smallest first" "> $(printf '%7s' "${low%|*}") " "$(line 5)"
	expect_contains "$w x $h s again: ... and its amount" "$money" "$(line 5)"
	# e: every row behind the group, every column
	rm -f "$T/rows.csv"
	key e C-u
	text "$T/rows.csv"
	key Enter
	expect_contains "$w x $h e: said" "exported $rows rows" "$(screen)"
	got=$(python3 - "$T/rows.csv" "$S" "$sum" <<'EOF'
import csv, sys
from decimal import Decimal
rows = list(csv.DictReader(open(sys.argv[1], newline='')))
head = next(csv.reader(open(sys.argv[2], newline='')))
cols = list(rows[0].keys()) if rows else []
total = sum(Decimal(r['EffectiveCost'] or 0) for r in rows)
print(len(rows), total == Decimal(sys.argv[3]), cols == head)
EOF
)
	expect_eq "$w x $h e: the group's row count, its sum, every column" "$rows True True" "$got"
	finish q q
	expect_eq "$w x $h: quits" 0 "$(cat "$T/exit" 2>/dev/null)"
}

run_case 80 24
run_case 60 20

done_testing
