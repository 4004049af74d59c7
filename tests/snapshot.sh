#!/bin/sh
# Instant reopen (issue 14): a load is kept as a snapshot in the cache
# folder and a later load of the same, unchanged files starts from it; the
# answers are the same bytes; a touched or edited file, a truncated or
# forged snapshot, standard input, --no-cache and validate never use one;
# the folder stays within its bound and private.
. "$(dirname "$0")/lib.sh"

SAMPLE=$SRCDIR/data/autodesk-sample.csv
C=$T/cache
FOCAL_CACHE_DIR=$C
FOCAL_CACHE_SIZE=64
FOCAL_CACHE_MIN=0
export FOCAL_CACHE_DIR FOCAL_CACHE_SIZE FOCAL_CACHE_MIN

snaps() { find "$C" -name '*.snap' 2>/dev/null | wc -l | tr -d ' '; }
# wait_snaps N: the background writer has left N snapshots (at most 60 s)
wait_snaps() {
	w=0
	while [ "$(snaps)" -lt "$1" ] && [ $w -lt 600 ]; do sleep 0.1; w=$((w + 1)); done
	[ "$(snaps)" -ge "$1" ]
}
REOPENED="reopened from the snapshot"

# a file with notes (two currencies) and lenient values, and its copy to edit
cp "$SAMPLE" "$T/a.csv"
head -1 "$SAMPLE" >"$T/eur.csv"
sed -n '2,30p' "$SAMPLE" | sed 's/,USD,/,EUR,/g' >>"$T/eur.csv"

# reports ARGS...: every answer compared below, into $T/$1.*
reports() {
	p=$1
	shift
	focal report --by ServiceSubcategory "$@" >"$T/$p.1" 2>"$T/$p.err"
	focal report -f json -m ListCost --by period,meter "$@" >"$T/$p.2" 2>/dev/null
	focal report -f table --by tag:area --compare --range last2 "$@" >"$T/$p.3" 2>/dev/null
	focal sql 'SELECT ChargeCategory, count(*), sum(BilledCost) FROM focus GROUP BY 1 ORDER BY 1' "$@" \
		>"$T/$p.4" 2>/dev/null
	focal whatif --suggest --currency USD "$@" >"$T/$p.5" 2>/dev/null	# seats in EUR and USD: one
}

reports cold "$T/a.csv" "$T/eur.csv"
expect_not_contains "the first load reads the files" "$REOPENED" "$(cat "$T/cold.err")"
wait_snaps 1
expect_eq "... and leaves one snapshot in the cache folder" 1 "$(snaps)"
expect_eq "... readable by its user alone" "-rw-------" "$(ls -l "$C"/*.snap | cut -c1-10)"
expect_eq "... in a private folder" "drwx------" "$(ls -ld "$C" | cut -c1-10)"
reports warm "$T/a.csv" "$T/eur.csv"
expect_contains "the same files again: reopened from the snapshot, and said so" "$REOPENED" "$(cat "$T/warm.err")"
for k in 1 2 3 4 5; do
	if [ -s "$T/cold.$k" ] && cmp -s "$T/cold.$k" "$T/warm.$k"; then
		pass "answer $k from the snapshot: the same bytes as from the files"
	else
		fail "answer $k from the snapshot: the same bytes as from the files"
		diff "$T/cold.$k" "$T/warm.$k" | head -5
	fi
done
expect_eq "... and the same notes" "$(cat "$T/cold.err")" "$(grep -v "$REOPENED" "$T/warm.err")"
expect_eq "no second snapshot for the same load" 1 "$(snaps)"
run focal report -q --by ServiceName "$T/a.csv" "$T/eur.csv"
expect_not_contains "-q: the note is not said" "$REOPENED" "$err"

# a touched file: not reopened, a new snapshot
sleep 1.1
touch "$T/a.csv"
focal report --by ServiceSubcategory "$T/a.csv" "$T/eur.csv" >"$T/t.1" 2>"$T/t.err"
expect_not_contains "a touched file is read again" "$REOPENED" "$(cat "$T/t.err")"
expect_eq "... with the same answer" "$(cat "$T/cold.1")" "$(cat "$T/t.1")"
wait_snaps 2
expect_eq "... and a snapshot of its own" 2 "$(snaps)"

# an edit of the same size, the modification time set back: still read again
before=$(focal report -f csv --by ServiceName "$T/a.csv" "$T/eur.csv" 2>/dev/null)
stamp=$(stat -c %Y "$T/a.csv")
line=$(grep -n ',USD,' "$T/a.csv" | sed -n '5p' | cut -d: -f1)
sed -i "${line}s/,USD,/,EUR,/g" "$T/a.csv"
touch -d "@$stamp" "$T/a.csv"
focal report -f csv --by ServiceName "$T/a.csv" "$T/eur.csv" >"$T/e.1" 2>"$T/e.err"
expect_not_contains "an edited file, its modification time set back, is read again" "$REOPENED" "$(cat "$T/e.err")"
if [ "$(cat "$T/e.1")" != "$before" ]; then pass "... and the edit shows in the answer"; else
	fail "... and the edit shows in the answer"; fi
expect_eq "... the answer of the edited file" "$(focal report -f csv --by ServiceName --no-cache "$T/a.csv" \
	"$T/eur.csv" 2>/dev/null)" "$(cat "$T/e.1")"

# a snapshot that does not read back: removed, the files read, the same answer
rm -rf "$C"
cp "$SAMPLE" "$T/b.csv"
focal report --by ServiceSubcategory "$T/b.csv" >"$T/b.1" 2>/dev/null
wait_snaps 1
s=$(ls "$C"/*.snap)
size=$(wc -c <"$s")
for how in truncated zeroed header-only forged; do
	cp "$s" "$T/good.snap"
	case $how in
	truncated) head -c $((size / 2)) "$T/good.snap" >"$s" ;;
	zeroed) dd if=/dev/zero of="$s" bs=1 seek=$((size / 3)) count=4096 conv=notrunc 2>/dev/null ;;
	header-only) head -c 100 "$T/good.snap" >"$s" ;;
	forged) printf 'SQLite format 3\000%s' "not a database at all" >"$s" ;;
	esac
	run focal report --by ServiceSubcategory "$T/b.csv"
	expect_eq "a $how snapshot: exit 0" 0 "$rc"
	expect_eq "... the answer read from the file" "$(cat "$T/b.1")" "$out"
	expect_contains "... and a note that says so" "did not read back" "$err"
	wait_snaps 1
	if cmp -s "$s" "$T/good.snap" || focal report --by ServiceSubcategory "$T/b.csv" 2>&1 >/dev/null |
		grep -q "$REOPENED"; then
		pass "... the bad snapshot replaced by a good one"
	else
		fail "... the bad snapshot replaced by a good one"
	fi
	cp "$T/good.snap" "$s"
done

# never a snapshot for: standard input, --no-cache, validate, a cache of size 0
rm -rf "$C"
focal report --by ServiceName - <"$T/b.csv" >/dev/null 2>&1
focal report --no-cache --by ServiceName "$T/b.csv" >/dev/null 2>&1
focal validate "$T/b.csv" >/dev/null 2>&1
FOCAL_CACHE_SIZE=0 focal report --by ServiceName "$T/b.csv" >/dev/null 2>&1
sleep 2
expect_eq "standard input, --no-cache, validate and FOCAL_CACHE_SIZE=0 leave no snapshot" 0 "$(snaps)"
FOCAL_CACHE_MIN=100000000 focal report --by ServiceName "$T/b.csv" >/dev/null 2>&1
sleep 1
expect_eq "a load under FOCAL_CACHE_MIN leaves none" 0 "$(snaps)"

# gzip: kept and reopened like a plain file
gzip -c "$SAMPLE" >"$T/s.csv.gz"
focal report --by meter "$T/s.csv.gz" >"$T/gz.1" 2>/dev/null
wait_snaps 1
run focal report --by meter "$T/s.csv.gz"
expect_contains "a .csv.gz reopened from its snapshot" "$REOPENED" "$err"
expect_eq "... with the same answer" "$(cat "$T/gz.1")" "$out"

# the bound: the least recently used snapshots go first
rm -rf "$C"
one=0
for i in 1 2 3 4 5 6; do
	cp "$SAMPLE" "$T/c$i.csv"
	focal report --by ServiceName "$T/c$i.csv" >/dev/null 2>&1
	wait_snaps $i || fail "snapshot $i written"
	[ $i = 1 ] && one=$(du -k "$C"/*.snap | cut -f1)
	sleep 1.1
done
expect_eq "six loads, six snapshots" 6 "$(snaps)"
limit=$(((one * 5 / 2 + 1023) / 1024))	# MiB: room for two snapshots and a half
[ "$limit" -ge 1 ] || limit=1
FOCAL_CACHE_SIZE=$limit focal report --by ServiceName "$T/c1.csv" >/dev/null 2>&1
sleep 2
total=$(du -ck "$C"/*.snap | tail -1 | cut -f1)
if [ "$total" -le $((limit * 1024)) ]; then pass "the folder trimmed to its bound ($total KiB <= $limit MiB)"; else
	fail "the folder trimmed to its bound ($total KiB > $limit MiB)"; fi
run focal report --by ServiceName "$T/c1.csv"
expect_contains "... the snapshot just used is kept" "$REOPENED" "$err"
run focal report --by ServiceName "$T/c2.csv"
expect_not_contains "... the least recently used one is gone" "$REOPENED" "$err"

done_testing
