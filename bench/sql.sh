#!/bin/sh
# bench/sql.sh - `focal sql` against the sqlite3 shell on the same CSV.
#
#   bench/sql.sh [ROWS]        default 1000000
#
# Writes an Autodesk-shaped file with bench/focal-gen, then, median of
# BENCH_RUNS (default 3), alternating the two programs:
#   - GROUP BY one column: focal sql (load + query) and the sqlite3 shell
#     (.import into :memory: + the same query);
#   - the same with WHERE on a dictionary column (focal pushes it down);
#   - the query alone: focal running the query in one process 10 times (the
#     GROUP BY) or 100 times (the pushed-down WHERE, a few ms each), minus
#     `focal sql 'SELECT 1'` (the load), over 10 or 100 (one run's difference
#     is within the load's noise); the shell's `.timer on` for the query after
#     its import. A difference that stays within the load's noise is printed
#     as such, never as a number.
# Run from the top of a built tree.
set -u
# every load reads its files: no snapshot of an earlier load (snapcache.h)
FOCAL_CACHE_SIZE=0
export FOCAL_CACHE_SIZE
top=$(cd "$(dirname "$0")/.." && pwd)
focal=$top/src/focal
dir=${BENCH_DIR:-/tmp/focal-bench}
runs=${BENCH_RUNS:-3}
n=${1:-1000000}
mkdir -p "$dir"
f=$dir/sql-$n.csv
[ -s "$f" ] || "$top/bench/focal-gen" --rows "$n" -o "$f" || exit 2
export FOCAL_DATADIR="$top/data"

g="SELECT ServiceName, sum(EffectiveCost), count(*) FROM focus GROUP BY ServiceName"
w="SELECT SkuId, sum(EffectiveCost), count(*) FROM focus WHERE ServiceName = 'Autodesk Flex' GROUP BY SkuId"
gs=$(printf '%s' "$g" | sed 's/FROM focus/FROM t/')
ws=$(printf '%s' "$w" | sed 's/FROM focus/FROM t/')
g10=$(for k in 1 2 3 4 5 6 7 8 9 10; do printf '%s;' "$g"; done)
w100=$(k=0; while [ $k -lt 100 ]; do printf '%s;' "$w"; k=$((k + 1)); done)

# secs CMD...: wall seconds of one run
secs() { /usr/bin/time -f %e -o "$dir/t" "$@" >/dev/null 2>&1; cat "$dir/t"; }
# shellq QUERY: the shell's own time for the query after the import
shellq() {	# (.timer prints nothing for SQL given as arguments: fed on stdin)
	printf '.import --csv %s t\n.timer on\n%s;\n' "$f" "$1" | sqlite3 :memory: 2>&1 |
		sed -n 's/^Run Time: real \([0-9.]*\).*/\1/p' | tail -1
}
median() { sort -n | awk -v n="$runs" 'NR == int((n + 1) / 2)'; }

: >"$dir/sq"
i=0
while [ $i -lt "$runs" ]; do
	printf '%s %s %s %s %s %s %s %s %s\n' \
		"$(secs "$focal" sql --format csv "$g" "$f")" \
		"$(secs sqlite3 :memory: ".import --csv $f t" "$gs")" \
		"$(secs "$focal" sql --format csv "$w" "$f")" \
		"$(secs sqlite3 :memory: ".import --csv $f t" "$ws")" \
		"$(secs "$focal" sql --format csv "SELECT 1" "$f")" \
		"$(shellq "$gs")" "$(shellq "$ws")" \
		"$(secs "$focal" sql --format csv "$g10" "$f")" \
		"$(secs "$focal" sql --format csv "$w100" "$f")" >>"$dir/sq"
	i=$((i + 1))
done
col() { awk -v c="$1" '{ print $c }' "$dir/sq" | median; }
fg=$(col 1) sg=$(col 2) fw=$(col 3) sw=$(col 4) load=$(col 5) qg=$(col 6) qw=$(col 7) g10=$(col 8) w100=$(col 9)
echo "$n rows, $(du -m "$f" | cut -f1) MB, median of $runs (seconds)"
echo
echo "| query | focal sql (load + query) | sqlite3 shell (.import + query) | focal / shell | focal query alone (N in one run, less the load, / N) | shell query alone (.timer) | ratio |"
echo "|---|---:|---:|---:|---:|---:|---:|"
awk -v fg="$fg" -v sg="$sg" -v fw="$fw" -v sw="$sw" -v l="$load" -v qg="$qg" -v qw="$qw" -v g10="$g10" -v w100="$w100" '
function alone(t, q, k) {	# t: N runs and the load, k: N
	if (t - l <= 0)
		return sprintf("within the load%s noise (%d runs < load) | %.3f | - |", "\047s", k, q)
	return sprintf("%.3f (%d runs) | %.3f | %.2f |", (t - l) / k, k, q, q > 0 ? (t - l) / k / q : 0)
}
BEGIN {
	printf "| GROUP BY ServiceName | %.2f | %.2f | %.2f | %s\n", fg, sg, fg / sg, alone(g10, qg, 10)
	printf "| WHERE ServiceName = ... GROUP BY SkuId | %.2f | %.2f | %.2f | %s\n", fw, sw, fw / sw, alone(w100, qw, 100)
	printf "\n(focal load alone: focal sql \"SELECT 1\": %.2f s)\n", l
}'
