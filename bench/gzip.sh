#!/bin/sh
# bench/gzip.sh - `focal report` of a gzip file: an older binary against this
# tree's, and this tree's on the plain CSV (issue 14).
#
#   bench/gzip.sh OLD_FOCAL [ROWS]        default 1000000
#
# Writes FILE.csv with bench/focal-gen and FILE.csv.gz with gzip -k, then
# BENCH_RUNS rounds (default 3), the programs alternating within each round;
# prints each round and the median wall and CPU (user + system) seconds.
# Run from the top of a built tree. With BENCH_DUCKDB set to a command that
# runs its last argument as DuckDB SQL (`duckdb -c`, or `node bench/duckdb.cjs`
# with NODE_PATH at @duckdb/node-api), each round also times DuckDB's
# GROUP BY on the .gz and on the plain file.
set -u
# every load reads its files: no snapshot of an earlier load (snapcache.h)
FOCAL_CACHE_SIZE=0
export FOCAL_CACHE_SIZE
old=${1:?usage: bench/gzip.sh OLD_FOCAL [ROWS]}
top=$(cd "$(dirname "$0")/.." && pwd)
new=$top/src/focal
f=${BENCH_DIR:-/tmp/focal-bench}/gz-${2:-1000000}.csv
runs=${BENCH_RUNS:-3}
export FOCAL_DATADIR="$top/data"
mkdir -p "$(dirname "$f")"
[ -s "$f" ] || "$top/bench/focal-gen" --rows "${2:-1000000}" -o "$f" || exit 2
[ -s "$f.gz" ] || gzip -k "$f" || exit 2
dir=$(dirname "$f")

# t PROGRAM FILE: "wall cpu" of one report
t() {
	/usr/bin/time -f '%e %U %S' "$1" report "$2" 2>&1 >/dev/null | tail -1 |
		awk '{ printf "%s %.2f", $1, $2 + $3 }'
}
# d FILE: "wall cpu" of DuckDB's GROUP BY on FILE (empty without BENCH_DUCKDB)
d() {
	[ -n "${BENCH_DUCKDB:-}" ] || return 0
	# shellcheck disable=SC2086
	/usr/bin/time -f '%e %U %S' $BENCH_DUCKDB \
		"SELECT ServiceSubcategory, sum(BilledCost), count(*) FROM read_csv('$1') GROUP BY 1" 2>&1 >/dev/null |
		tail -1 | awk '{ printf " %s %.2f", $1, $2 + $3 }'
}
: >"$dir/gz-rounds"
i=0
while [ $i -lt "$runs" ]; do
	echo "$(t "$old" "$f.gz") $(t "$new" "$f.gz") $(t "$new" "$f")$(d "$f.gz")$(d "$f")" | tee -a "$dir/gz-rounds"
	i=$((i + 1))
done
med() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
col() { awk -v c="$1" '{ print $c }' "$dir/gz-rounds" | med; }
echo "median (wall cpu): old .gz $(col 1) $(col 2), new .gz $(col 3) $(col 4), new plain $(col 5) $(col 6)"
awk -v a="$(col 1)" -v b="$(col 3)" -v p="$(col 5)" 'BEGIN { printf "new/old wall %.2f, new .gz/plain wall %.2f\n", b / a, b / p }'
if [ -n "${BENCH_DUCKDB:-}" ]; then
	echo "median DuckDB (wall cpu): .gz $(col 7) $(col 8), plain $(col 9) $(col 10)"
	awk -v b="$(col 3)" -v p="$(col 5)" -v dg="$(col 7)" -v dp="$(col 9)" \
		'BEGIN { printf "focal/DuckDB wall: .gz %.2f, plain %.2f\n", b / dg, p / dp }'
fi
