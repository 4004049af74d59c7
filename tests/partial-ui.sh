#!/bin/sh
# partial-ui.sh - a frame at once (issue 14): while a file loads, the
# explorer shows the totals of the rows read so far, marked PARTIAL, one list
# per currency; every figure equals the report over exactly those rows; the
# explorer then opens on the whole file; q and Ctrl-C stop the load and give
# the terminal back. The file comes through a FIFO whose writer pauses, so
# the screen is read at a known point of the load.
. "$(dirname "$0")/lib.sh"

command -v tmux >/dev/null 2>&1 || skip "tmux is not installed"
command -v mkfifo >/dev/null 2>&1 || skip "mkfifo is not available"
. "$(dirname "$0")/tmux.sh"
trap 'rm -f "$T/go"; tm kill-server 2>/dev/null; sleep 0.3; rm -rf "$T" "$XDG_CONFIG_HOME"' EXIT

"$FOCAL_GEN" --rows 30000 --seed 3 -o "$T/gen.csv" || fail "focal-gen"
# the first 3,000 rows billed in EUR: two currencies, never added
{
	head -1 "$T/gen.csv"
	sed -n '2,3001p' "$T/gen.csv" | sed 's/,USD,/,EUR,/g'
	tail -n +3002 "$T/gen.csv"
} >"$T/f.csv"

# feed: the file into the FIFO: 1,500 lines, a pause, up to line 12,000
# (about 9 MB: the loader reports its progress every 4 MiB), then the rest
# once $T/go exists
feed() {
	rm -f "$T/fifo" "$T/go"
	mkfifo "$T/fifo"
	(
		exec >"$T/fifo"
		head -n 1500 "$T/f.csv"
		sleep 0.4
		sed -n '1501,12000p' "$T/f.csv"
		w=0
		while [ ! -f "$T/go" ] && [ $w -lt 1200 ]; do sleep 0.05; w=$((w + 1)); done
		tail -n +12001 "$T/f.csv"
	) &
}
# open W H LANG [PATH]: the explorer on the FIFO (or PATH to it), in a fresh
# tmux session
open_fifo() {
	new_session "$1" "$2" "env -u NO_COLOR -u FOCAL_BENCH_KEYS TERM=xterm-256color LANG=$3 LC_ALL=$3 \
		XDG_CONFIG_HOME='$XDG_CONFIG_HOME' FOCAL_DATADIR='$FOCAL_DATADIR' FOCAL_UI_DUMP='$T/dump' $VG \
		'$FOCAL' '${4:-$T/fifo}' 2>'$T/stderr'; echo \$? >'$T/exit'; sleep 60"
}
# cents V: the amount V as the explorer shows it (cents, half away from zero)
cents() {
	python3 -c 'import decimal, sys
print("{:,}".format(decimal.Decimal(sys.argv[1]).quantize(decimal.Decimal("0.01"), decimal.ROUND_HALF_UP)))' "$1"
}
# the partial frame has summed the rows up to the pause (line 12,000 or less)
# and stays as it is (the loader waits for the writer: under valgrind it
# takes a while to get there)
paused() {
	screen_has "PARTIAL" && screen_has "rows so far" || return 1
	a=$(screen)
	sleep 1
	[ "$a" = "$(screen)" ]
}

# --- the partial frame, checked against the report over the same rows
feed
open_fifo 100 30 C.UTF-8
poll paused
expect_contains "a partial frame while the file loads" "PARTIAL: totals of the rows read so far" "$(screen)"
expect_contains "... its first line says what is loading" "loading fifo" "$(line 1)"
n=$(line 1 | sed -n 's/.* \([0-9,]*\) rows so far.*/\1/p' | tr -d ,)
if [ -n "$n" ] && [ "$n" -gt 1500 ] && [ "$n" -le 11999 ]; then pass "... $n rows so far (between the pauses)"; else
	fail "... rows so far between the pauses: '$n'"; fi
head -n $((n + 1)) "$T/f.csv" >"$T/part.csv"
expect_contains "... one list per currency: EUR" "BillingCurrency EUR" "$(screen)"
expect_contains "... and USD" "BillingCurrency USD" "$(screen)"
for cur in EUR USD; do
	focal report --format csv --currency $cur --by ServiceSubcategory -m EffectiveCost "$T/part.csv" 2>/dev/null |
		tail -n +2 >"$T/want.$cur"
	while IFS=, read -r sub billed eff rest; do
		fig=$(cents "$eff")
		[ "$cur" = USD ] && fig="\$$fig" || fig="$fig EUR"
		expect_contains "... $cur $sub: the report's figure over the same $n rows" "$fig" \
			"$(screen | sed -n "/BillingCurrency $cur/,\$p" | grep -F -- "$sub" | head -1)"
	done <"$T/want.$cur"
done
expect_not_contains "... no total across currencies" "Total" "$(screen)"

# --- the rest of the file: the explorer on the whole file, exact; a key
# typed while loading (j) acts when it opens, as type-ahead does
expect_contains "... the hint says keys typed now act later" "other keys act when the explorer opens" "$(screen)"
tm send-keys j
touch "$T/go"
settle
expect_not_contains "the load ends: the explorer, no longer marked partial" "PARTIAL" "$(screen)"
expect_contains "... on all 30,000 rows" "30,000 rows" "$(line 1)"
expect_eq "... j typed while loading: the cursor on the list's second line" 2 \
	"$(screen | sed -n '5,$p' | grep -n '^>' | cut -d: -f1)"
finish q
clean_terminal "q in the explorer after a partial frame" 0

# --- Ctrl-C while the load waits: stops, the terminal given back
feed
ln -sf "$T/fifo" "$T/autodesk-focus-export-2026-10.csv"	# a name as long as the line allows
open_fifo 80 24 C "$T/autodesk-focus-export-2026-10.csv"
poll paused
expect_eq "LANG=C at 80x24: the partial frame in ASCII" 0 "$(screen | LC_ALL=C grep -c '[^ -~]')"
expect_contains "... with the hint to stop" "q stops loading" "$(screen)"
# the rates only when the line has room for them, never cut in the middle
expect_eq "... its first line whole at 80 columns" 1 \
	"$(line 1 | sed 's/ *$//' | grep -c -E '(rows so far|k rows/s)$')"
tm send-keys C-c
ended
clean_terminal "Ctrl-C during the load" 130
touch "$T/go"
wait

# --- q while loading: stops at the next progress, quietly
feed
open_fifo 80 24 C.UTF-8
poll paused
tm send-keys q
touch "$T/go"
ended
clean_terminal "q during the load" 0
expect_eq "... and nothing said on stderr" "" "$(cat "$T/stderr")"
wait

done_testing
