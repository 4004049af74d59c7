# snapshot.sh - instant reopen (issue 14), sourced by bench/reopen.sh (which
# sets rows, focal, dir, runs, csv): the explorer's first frame (timed inside
# focal, FOCAL_BENCH_KEYS=q) on a cold load that keeps no snapshot
# (--no-cache), a cold load that writes one (an empty cache folder: the fork
# of the background writer is paid here), and a reopen from the snapshot,
# alternated run by run so all three see the same speed of the machine.
#   sh bench/reopen.sh [ROWS] snapshot
FOCAL_CACHE_DIR=$dir/snapcache.$$
FOCAL_CACHE_SIZE=8192
export FOCAL_CACHE_DIR FOCAL_CACHE_SIZE
trap 'rm -rf "$FOCAL_CACHE_DIR"' EXIT

# frame ARGS...: "MS RSS_KB" of one explorer start
frame() {
	ms=$(FOCAL_BENCH_KEYS=q /usr/bin/time -f "%M" -o "$dir/rss" "$focal" "$@" "$csv" </dev/null 2>&1 >/dev/null |
		sed -n 's/.*first frame \([0-9]*\) ms after start.*/\1/p')
	echo "$ms $(cat "$dir/rss")"
}
# settle: the background writer has renamed its snapshot into place
settle() {
	i=0
	while ! ls "$FOCAL_CACHE_DIR"/*.snap >/dev/null 2>&1 && [ $i -lt 3000 ]; do sleep 0.1; i=$((i + 1)); done
	while pgrep -f "focal.*$csv" >/dev/null 2>&1 && [ $i -lt 3000 ]; do sleep 0.1; i=$((i + 1)); done
}

ls -l "$csv"
echo "| run | cold, --no-cache | cold, writing the snapshot | reopened | reopened / cold | snapshot size |"
echo "|---|---|---|---|---|---|"
r=1
while [ $r -le "$runs" ]; do
	set -- $(frame --no-cache)
	cold=$1 cold_rss=$2
	rm -rf "$FOCAL_CACHE_DIR"
	set -- $(frame)
	write=$1
	settle
	set -- $(frame)
	warm=$1 warm_rss=$2
	size=$(du -m "$FOCAL_CACHE_DIR"/*.snap | cut -f1)
	echo "| $r | $cold ms ($((cold_rss / 1024)) MB) | $write ms | $warm ms ($((warm_rss / 1024)) MB) |" \
		"$(echo "scale=2; $warm / $cold" | bc) | $size MB |"
	r=$((r + 1))
done
