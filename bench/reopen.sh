#!/bin/sh
# reopen.sh - a saved store (focal save) reopened vs the CSV load: the
# explorer's first frame (timed inside focal, FOCAL_BENCH_KEYS) and peak RSS,
# alternated run by run so both see the same speed of the machine.
#   sh bench/reopen.sh [ROWS] (default 1000000; files in BENCH_DIR, /tmp/fb)
#   sh bench/reopen.sh ROWS snapshot: the same for the instant reopen from
#   a snapshot in the cache folder (bench/snapshot.sh)
set -eu
# every load reads its files: no snapshot of an earlier load (snapcache.h)
FOCAL_CACHE_SIZE=0
export FOCAL_CACHE_SIZE
rows=${1:-1000000}
top=$(cd "$(dirname "$0")/.." && pwd)
focal=$top/src/focal
dir=${BENCH_DIR:-/tmp/fb}
runs=${BENCH_RUNS:-3}
mkdir -p "$dir"
csv=$dir/autodesk-$rows.csv
db=$dir/autodesk-$rows.sqlite
[ -f "$csv" ] || "$top/bench/focal-gen" --rows "$rows" -o "$csv"
if [ "${2:-}" = snapshot ]; then
	. "$top/bench/snapshot.sh"
	exit 0
fi
if [ ! -f "$db" ] || [ "$csv" -nt "$db" ]; then
	/usr/bin/time -f "focal save: %e s, peak RSS %M KB" "$focal" save -q --force -o "$db" "$csv"
fi
ls -l "$csv" "$db"
i=0
while [ $i -lt "$runs" ]; do
	for f in "$csv" "$db"; do
		ff=$(FOCAL_BENCH_KEYS=q /usr/bin/time -f "%M" -o "$dir/rss" "$focal" "$f" </dev/null 2>&1 >/dev/null |
			sed -n 's/.*first frame \([0-9]*\) ms after start.*/\1/p')
		echo "$(basename "$f"): first frame $ff ms, peak RSS $(cat "$dir/rss") KB"
	done
	i=$((i + 1))
done
