#!/bin/sh
# keys.sh - key latencies of the explorer's screens, timed inside focal
# (FOCAL_BENCH_KEYS: key handling, queries, drawing and doupdate), one key
# script per group of screens, on the same file in one run so the machine's
# speed is the same for all:
#   sh bench/keys.sh [ROWS|FILE|URL...]   default 1000000 (files in BENCH_DIR, /tmp/fb)
# For each script: keys, p50, p99, max and the slowest key (its place in the
# script and what it is).
set -eu
# every load reads its files: no snapshot of an earlier load (snapcache.h)
FOCAL_CACHE_SIZE=0
export FOCAL_CACHE_SIZE
top=$(cd "$(dirname "$0")/.." && pwd)
focal=${FOCAL:-$top/src/focal}	# FOCAL=another build, to compare
dir=${BENCH_DIR:-/tmp/fb}
export FOCAL_DATADIR="$top/data"
[ $# -gt 0 ] || set -- 1000000
mkdir -p "$dir"

# list: the 61-key script of bench/run.sh (the chooser types letters now: d then
# Down or Up picks the next ranked dimension, as dj and dk picked the next in file order) (drills, rows, dims, metric, grain,
# window, sort, filter, what-if)
list='jjkk<Enter><Enter>j<Enter><Enter>R<PgDn><PgUp>q<BS><BS><BS><BS>d<Down><Enter>d<Up><Enter>'
list="$list"'mmmmpppp[[]]]ssrr/BIM<Enter>nN<Esc>wj++--u0<Esc>gGjk'
# time: a range typed, the comparison and its sorts, chips, the filters
# screen, marks, undo, a drill under a chip and a range, the saved views
time='o<C-u>2026-Q3<Enter>Cssssrqxjijv<Enter>Fj<Enter>qvvzzzzo<C-u>last6<Enter><Enter>Csq<BS>o<C-u>all<Enter>'
# pivot and chart: the pivot of the level, scrolled, another column
# dimension, the pivot under a drill; the chart at two grains
pivot='P<Right><Right><Right><Left>qTjkpTq<Enter>PqT<BS>'
# forecast and anomalies
fcan='fqAjkq<Enter>fq'
# seats: the renewal calendar, Enter into the what-if panel and back, the
# prepaid runway with its window moved, the what-if panel with seats changed
seats='cj<Enter>qqt++--qwj++u-q'

for rows in "$@"; do
	if [ -f "$rows" ]; then
		f=$rows	# a file of another shape (bench/reshape.py)
	elif case $rows in *://*) true ;; *) false ;; esac; then
		f=$rows	# a warehouse table (clickhouse://...): the explorer through its engine
	else
		f=$dir/autodesk-$rows.csv
		[ -f "$f" ] || "$top/bench/focal-gen" --rows "$rows" -o "$f"
	fi
	echo "## $rows rows ($f)"
	echo
	echo "| script | keys | p50 | p99 | max | slowest key |"
	echo "|---|---|---|---|---|---|"
	for name in list time pivot fcan seats; do
		eval "k=\$$name"
		FOCAL_BENCH_VERBOSE=1 FOCAL_BENCH_KEYS="$k" "$focal" "$f" </dev/null >/dev/null 2>"$dir/keys.$name" || true
		summary=$(grep 'p99' "$dir/keys.$name" | sed 's/.*; \([0-9]* keys\), p50 \([0-9.]* ms\), p99 \([0-9.]* ms\), max \([0-9.]* ms\).*/\1|\2|\3|\4/')
		slow=$(grep 'bench: key [0-9]*:' "$dir/keys.$name" | awk '{ sub(":", "", $4); print $4, $5 }' |
			sort -k2 -g -r | head -1)
		what=$(python3 -c 'import re, sys
toks = re.findall(r"<[^>]+>|.", sys.argv[1])
i = int(sys.argv[2]) - 1
print(" ".join(toks[max(0, i - 3):i]) + " [" + toks[i] + "]")' "$k" "${slow%% *}")
		echo "| $name | $(echo "$summary" | cut -d'|' -f1 | cut -d' ' -f1) | $(echo "$summary" | cut -d'|' -f2) |" \
		    "$(echo "$summary" | cut -d'|' -f3) | $(echo "$summary" | cut -d'|' -f4) | #${slow%% *}: $what |"
	done
	echo
done
