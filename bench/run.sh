#!/bin/sh
# bench/run.sh - focal's performance, side by side with the references.
#
#   bench/run.sh [SIZES...]        default: 100000 1000000
#   BENCH_RUNS=5 bench/run.sh 100000 1000000 10000000
#
# For each size it writes an Autodesk-shaped FOCUS file with bench/focal-gen
# (deterministic), then measures, median of BENCH_RUNS runs (default 3):
#   - focal report (time to the first aggregate, whole process) and peak RSS;
#   - the explorer's first frame (from start, loading included, timed inside
#     focal by the FOCAL_BENCH_KEYS hook);
#   - focal with FOCAL_THREADS=1;
#   - libcsv tokenising every field on one thread, storing nothing (csvtok),
#     and on both cores (the file's two halves at once; below 2 GB);
#   - the sqlite3 shell: .import into :memory: + one GROUP BY;
#   - DuckDB's GROUP BY straight on the CSV, when `duckdb` is installed or
#     BENCH_DUCKDB names a command for it (bench/duckdb.cjs);
#   - per-key latencies inside the explorer (p50/p99), when focal has the
#     FOCAL_BENCH_KEYS hook.
# Results are printed as a markdown table (copy them to bench/RESULTS.md).
# Run from the top of a built tree (./configure && make). BENCH_DIR holds the
# generated files (default /tmp/focal-bench; 10M rows need 8 GB there).
set -u
# every load reads its files: no snapshot of an earlier load (snapcache.h)
FOCAL_CACHE_SIZE=0
export FOCAL_CACHE_SIZE
top=$(cd "$(dirname "$0")/.." && pwd)
focal=$top/src/focal
gen=$top/bench/focal-gen
dir=${BENCH_DIR:-/tmp/focal-bench}
runs=${BENCH_RUNS:-3}
[ $# -gt 0 ] || set -- 100000 1000000
[ -x "$focal" ] && [ -x "$gen" ] || { echo "bench: build first (make)" >&2; exit 2; }
command -v /usr/bin/time >/dev/null || { echo "bench: needs GNU time (apt-get install time)" >&2; exit 2; }
mkdir -p "$dir"
cc -O2 -o "$dir/csvtok" "$top/bench/csvtok.c" -lcsv || exit 2
export FOCAL_DATADIR="$top/data"
# Every kind of key the explorer has, on the default Autodesk drill path:
# moves; drill ServiceSubcategory > meter > tag:area > period > SkuId and the
# rows behind the group (a screenful, page down/up); back up; another
# dimension twice (d); metric x4, grain x4, period window; sort and reverse;
# an incremental filter with next/previous match; the what-if panel with
# seat changes, undo and clear; Home/End.
keys='jjkk<Enter><Enter>j<Enter><Enter>R<PgDn><PgUp>q<BS><BS><BS><BS>d<Down><Enter>d<Up><Enter>'
keys="$keys"'mmmmpppp[[]]]ssrr/BIM<Enter>nN<Esc>wj++--u0<Esc>gGjk'

# measure LABEL CMD...: prints "seconds kb" (medians)
measure() {
	label=$1
	shift
	i=0
	: >"$dir/m"
	while [ $i -lt "$runs" ]; do
		/usr/bin/time -f "%e %M" -o "$dir/t" "$@" >/dev/null 2>"$dir/err" || {
			echo "bench: $label failed: $(tail -1 "$dir/err")" >&2
		}
		cat "$dir/t" >>"$dir/m"
		i=$((i + 1))
	done
	sort -n "$dir/m" | awk -v n="$runs" 'NR == int((n + 1) / 2) { printf "%s %s\n", $1, $2 }'
}

row() { printf '| %s | %s | %s | %s |\n' "$1" "$2" "$3" "$4"; }

echo "focal $("$focal" --version | head -1), $(nproc) cores, $(date -u +%Y-%m-%d), median of $runs"
echo
for n in "$@"; do
	f=$dir/autodesk-$n.csv
	[ -s "$f" ] || "$gen" --rows "$n" -o "$f"
	size=$(wc -c <"$f")
	echo "### $n rows, $((size / 1000000)) MB"
	echo
	echo "| what | wall (s) | peak RSS (MB) | vs focal |"
	echo "|---|---|---|---|"
	set -- $(measure focal "$focal" report --by ServiceSubcategory --format csv "$f")
	ft=$1
	row "focal report (first aggregate)" "$1" "$(($2 / 1024))" "1.00"
	ratio() { awk -v a="$1" -v b="$ft" 'BEGIN { printf "%.2f", a / b }'; }
	# the explorer: load, first frame drawn (timed inside focal), quit
	i=0
	: >"$dir/ff"
	while [ $i -lt "$runs" ]; do
		FOCAL_BENCH_KEYS=q "$focal" "$f" </dev/null 2>&1 >/dev/null |
			sed -n 's/.*first frame \([0-9]*\) ms after start.*/\1/p' >>"$dir/ff"
		i=$((i + 1))
	done
	ff=$(sort -n "$dir/ff" | awk -v n="$runs" 'NR == int((n + 1) / 2) { printf "%.2f", $1 / 1000 }')
	[ -n "$ff" ] && row "focal explorer, first frame drawn" "$ff" "-" "$(ratio "$ff")"
	set -- $(measure focal1 env FOCAL_THREADS=1 "$focal" report --by ServiceSubcategory --format csv "$f")
	row "focal, one thread" "$1" "$(($2 / 1024))" "$(ratio "$1")"
	set -- $(measure csvtok "$dir/csvtok" "$f")
	row "libcsv tokenising only (1 thread)" "$1" "$(($2 / 1024))" "$(ratio "$1")"
	# the floor on both cores: the two halves of the file (split at a line
	# end: focal-gen writes no newline inside quotes) tokenised at once
	if [ "$size" -lt 2000000000 ] && split -n l/2 -d "$f" "$dir/half." 2>/dev/null; then
		set -- $(measure csvtok2 sh -c "'$dir/csvtok' '$dir/half.00' & '$dir/csvtok' '$dir/half.01'; wait")
		row "libcsv tokenising only, both cores (two halves at once)" "$1" "-" "$(ratio "$1")"
		rm -f "$dir/half.00" "$dir/half.01"
	fi
	if command -v sqlite3 >/dev/null; then
		set -- $(measure sqlite3 sqlite3 :memory: ".import --csv $f t" \
			"SELECT ServiceSubcategory, sum(EffectiveCost) FROM t GROUP BY 1;")
		row "sqlite3 shell .import + GROUP BY" "$1" "$(($2 / 1024))" "$(ratio "$1")"
	fi
	# BENCH_DUCKDB: a command that runs its last argument as DuckDB SQL
	# (`node bench/duckdb.cjs`, NODE_PATH at the npm package @duckdb/node-api)
	duck=${BENCH_DUCKDB:-}
	[ -z "$duck" ] && command -v duckdb >/dev/null && duck="duckdb -c"
	if [ -n "$duck" ]; then
		# shellcheck disable=SC2086
		set -- $(measure duckdb $duck \
			"SELECT ServiceSubcategory, sum(EffectiveCost) FROM read_csv_auto('$f') GROUP BY 1;")
		row "DuckDB GROUP BY on the CSV" "$1" "$(($2 / 1024))" "$(ratio "$1")"
	else
		row "DuckDB GROUP BY on the CSV" "not installed" "-" "-"
	fi
	if FOCAL_BENCH_KEYS=q "$focal" "$f" </dev/null >/dev/null 2>"$dir/keys" && grep -q p99 "$dir/keys"; then
		echo
		echo "Key latencies (inside focal, FOCAL_BENCH_KEYS):"
		echo
		FOCAL_BENCH_KEYS="${BENCH_KEYS:-$keys}" "$focal" "$f" </dev/null >/dev/null 2>"$dir/keys"
		sed 's/^/    /' "$dir/keys"
	fi
	echo
done
