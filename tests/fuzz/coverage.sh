#!/bin/sh
# coverage.sh - which lines of focal's core the fuzz targets' corpora reach
# (tests/fuzz/COVERAGE.md). From the top of the tree:
#   tests/fuzz/coverage.sh [TARGET...]    (default: every target of Makefile.fuzz)
# Builds the core and each harness with clang's source-based coverage
# (-fprofile-instr-generate -fcoverage-mapping, no sanitizers, no libFuzzer:
# cov_main.c runs each input once), runs each target over
# tests/fuzz/corpus/TARGET and the grown corpus tests/fuzz/build/corpus/TARGET
# when there is one (COV_GROWN=0 leaves it out), merges the profiles and
# prints `llvm-cov report` for the core files; the uncovered line ranges of
# COV_GAPS go to $B/uncovered.txt.
# csv_shard runs with the core's own load.c (the fuzz build's copy with a
# 256-byte split is not built here), so its inputs load on one thread.
# Variables: B (tests/fuzz/build/cov), CC (clang), LLVM_COV, LLVM_PROFDATA, JOBS (2).
set -eu
top=$(pwd)
F=$top/tests/fuzz
B=${B:-$top/tests/fuzz/build/cov}
CC=${CC:-clang}
LLVM_COV=${LLVM_COV:-llvm-cov}
LLVM_PROFDATA=${LLVM_PROFDATA:-llvm-profdata}
JOBS=${JOBS:-2}
REPORT_FILES=${COV_FILES:-"load.c load_row.c value.c validate.c validate_check.c store.c store_tags.c store_save.c store_open.c store_restore.c snapcache.c sql.c sql_money.c store_vt.c settings.c profile.c warehouse.c wh_report.c import.c import_read.c whatif_scenario.c query_dim.c"}
GAPS=${COV_GAPS:-"load.c load_row.c value.c validate.c store.c wh_report.c store_open.c store_restore.c snapcache.c sql.c"}

[ -f "$F/Makefile.fuzz" ] || { echo "coverage.sh: run from the top of focal's tree" >&2; exit 2; }
if [ $# -gt 0 ]; then targets=$*; else targets=$(make -s -f "$F/Makefile.fuzz" list); fi
flags="-O1 -g -std=c11 -D_GNU_SOURCE -fprofile-instr-generate -fcoverage-mapping -I$top/src \
	-DFUZZ_SRCDIR=\"$top\" $(pkg-config --cflags sqlite3 zlib libcurl 2>/dev/null || true)"
libs="-lsqlite3 -lz -lcsv -lm -lcurl -lpthread"
mkdir -p "$B/core" "$B/bin" "$B/profiles"
rm -f "$B"/profiles/*.profraw

# the core (every src/*.c but the binary's own files), two at a time
core=
for c in "$top"/src/*.c; do
	case ${c##*/} in main.c | cli.c | ui*.c | cmd_*.c) continue ;; esac
	o=$B/core/$(basename "$c" .c).o
	core="$core $o"
	[ "$o" -nt "$c" ] && continue
	echo "$CC $flags -c $c -o $o"
done | xargs -P "$JOBS" -I{} sh -c '{}'
core=$(ls "$B"/core/*.o)
$CC -O1 -g -c "$F/cov_main.c" -o "$B/cov_main.o"

for t in $targets; do
	src=$F/fuzz_$t.c def=
	[ "$t" = csv_gz ] && src=$F/fuzz_csv.c def=-DFUZZ_GZ
	# shellcheck disable=SC2086
	$CC $flags $def "$src" "$B/cov_main.o" $core $libs -o "$B/bin/fuzz_$t"
	set -- "$F/corpus/$t"
	[ "${COV_GROWN:-1}" = 1 ] && [ -d "$top/tests/fuzz/build/corpus/$t" ] && set -- "$@" "$top/tests/fuzz/build/corpus/$t"
	# fuzz_settings reads its own corpus directory once, as a path
	LLVM_PROFILE_FILE="$B/profiles/$t-%p.profraw" "$B/bin/fuzz_$t" "$@" >"$B/run-$t.log" 2>&1 ||
		{ echo "coverage.sh: fuzz_$t failed on its corpus (see $B/run-$t.log)" >&2; tail -5 "$B/run-$t.log" >&2; exit 1; }
	echo "fuzz_$t: $(find "$@" -type f | wc -l) inputs"
done

"$LLVM_PROFDATA" merge -sparse "$B"/profiles/*.profraw -o "$B/all.profdata"
objs=
first=
for t in $targets; do
	if [ -z "$first" ]; then first=$B/bin/fuzz_$t; else objs="$objs -object $B/bin/fuzz_$t"; fi
done
srcs=
for f in $REPORT_FILES; do srcs="$srcs $top/src/$f"; done
# shellcheck disable=SC2086
"$LLVM_COV" report "$first" $objs -instr-profile="$B/all.profdata" $srcs | sed "s|$top/||" | tee "$B/report.txt"

# uncovered lines, as ranges: FILE:FIRST-LAST  first line of the block
: >"$B/uncovered.txt"
for f in $GAPS; do
	# shellcheck disable=SC2086
	"$LLVM_COV" show "$first" $objs -instr-profile="$B/all.profdata" -format=text -show-line-counts \
		"$top/src/$f" | awk -v file="src/$f" -F'|' '
		function flush() { if (start) printf "%s:%d-%d\t%s\n", file, start, last, text; start = 0 }
		/^ *[0-9]+\|/ {
			n = $1 + 0; c = $2; gsub(/ /, "", c)
			if (c == "0") { if (!start || n != last + 1) { flush(); start = n; text = $3 } last = n }
			else if (c != "") flush()
		}
		END { flush() }' >>"$B/uncovered.txt"
done
echo "coverage.sh: uncovered blocks of $GAPS in $B/uncovered.txt ($(wc -l <"$B/uncovered.txt") blocks)"
