#!/bin/sh
# The command line: help, version, usage errors, formats.
. "$(dirname "$0")/lib.sh"
S=$SRCDIR/data/autodesk-sample.csv

run focal --help
expect_eq "--help exits 0" 0 "$rc"
expect_contains "--help shows usage" "Usage: focal [OPTION]... FILE..." "$out"
expect_contains "--help lists report" "focal report" "$out"

run focal --version
expect_eq "--version exits 0" 0 "$rc"
expect_contains "--version names focal" "focal 0." "$out"

run focal --no-such-option x.csv
expect_eq "unknown option exits 64" 64 "$rc"
expect_contains "unknown option points to --help" "Try 'focal --help'" "$err"
expect_eq "unknown option prints nothing on stdout" "" "$out"

run focal report
expect_eq "no file exits 64" 64 "$rc"
expect_contains "no file says so" "no input file" "$err"

run focal report --metric Bogus "$S"
expect_eq "unknown metric exits 64" 64 "$rc"
run focal report --format xml "$S"
expect_eq "unknown format exits 64" 64 "$rc"
run focal report --top 0 "$S"
expect_eq "--top 0 exits 64" 64 "$rc"
run focal report --by NoSuchColumn "$S"
expect_eq "unknown --by exits 64" 64 "$rc"
expect_contains "unknown --by names it" "no column 'NoSuchColumn'" "$err"
run focal report --where ServiceName "$S"
expect_eq "--where without = exits 64" 64 "$rc"

# formats
run focal report --by ChargeCategory --format csv "$S"
expect_eq "csv exits 0" 0 "$rc"
expect_eq "csv header" "ChargeCategory,BilledCost,EffectiveCost,ListCost,ContractedCost,Rows" \
	"$(printf '%s\n' "$out" | head -1)"
expect_eq "csv has 5 charge categories" 6 "$(printf '%s\n' "$out" | wc -l | tr -d ' ')"
expect_eq "no escape sequences when not a tty" "" "$(printf '%s' "$out" | tr -d '\n' | tr -cd '\033')"

run focal report --by ChargeCategory --format json "$S"
expect_eq "json exits 0" 0 "$rc"
if command -v python3 >/dev/null 2>&1; then
	printf '%s' "$out" | python3 -c 'import json,sys; d=json.load(sys.stdin); assert len(d["groups"])==5' \
		&& pass "json parses with 5 groups" || fail "json parses with 5 groups"
fi
expect_contains "json names the metric" '"metric":"EffectiveCost"' "$out"

run focal report --by ChargeCategory --format table "$S"
expect_eq "table exits 0" 0 "$rc"
expect_contains "table has a total line" "Total" "$out"
expect_contains "table shows dollars with separators" '$' "$out"

# csv and table show the same numbers: the table's total equals the csv sum, rounded
csvsum=$(focal report --by ChargeCategory --format csv "$S" | tail -n +2 | cut -d, -f3 | exact_sum)
tabtotal=$(focal report --by ChargeCategory --format table "$S" | awk '/^Total/ {print $2}' | tr -d '$,')
expect_eq "table total = csv sum (to the cent)" "$(printf '%.2f' "$csvsum")" "$tabtotal"

# top N folds the rest into Other
run focal report --by SkuId --top 3 --format csv "$S"
expect_eq "--top 3 gives 4 rows + header" 5 "$(printf '%s\n' "$out" | wc -l | tr -d ' ')"
expect_contains "--top folds into Other" "Other (" "$out"

# --where narrows, and the numbers add up
all=$(focal report --by meter --format csv "$S" | grep '^product_seats,' | cut -d, -f3)
seats=$(focal report --by meter --where meter=product_seats --format csv "$S" | tail -n +2 | cut -d, -f3)
expect_eq "--where keeps one group with the same total" "$all" "$seats"

run focal report --list-dims "$S"
expect_contains "--list-dims lists meter" "meter" "$out"
expect_contains "--list-dims lists tag:area" "tag:area" "$out"
expect_contains "--list-dims lists period" "period:month" "$out"

# stdin, and gzip
gzip -c "$S" >"$T/s.csv.gz"
a=$(focal report --by meter --format csv "$S")
b=$(focal report --by meter --format csv - <"$S")
c=$(focal report --by meter --format csv "$T/s.csv.gz")
expect_eq "stdin gives the same report" "$a" "$b"
expect_eq "gzip gives the same report" "$a" "$c"

# not a tty: the bare command prints the report
run focal "$S"
expect_eq "focal FILE without a tty exits 0" 0 "$rc"
expect_contains "focal FILE without a tty prints csv" "BilledCost,EffectiveCost" "$out"

# libcurl is loaded on the first warehouse URL, not linked into every start:
# without it files still load, and a warehouse URL says what is missing
expect_eq "focal does not link libcurl" "" "$(ldd "$FOCAL" 2>/dev/null | grep libcurl)"
U=clickhouse://127.0.0.1:1/focal.costs
FOCAL_LIBCURL=$T/no-libcurl.so
export FOCAL_LIBCURL
nolib() {
	name=$1
	shift
	run focal "$@"
	expect_eq "no libcurl: $name on a warehouse URL exits 2" 2 "$rc"
	expect_contains "... and says libcurl could not be loaded" \
		"$U: libcurl could not be loaded ($T/no-libcurl.so: cannot open shared object file" "$err"
}
nolib "focal report" report --by ServiceName "$U"
nolib "focal sql" sql "SELECT 1" "$U"
nolib "focal push" push "$S" "$U"
nolib "the explorer" "$U"
expect_contains "... and says what to do" "install libcurl4, or unset FOCAL_LIBCURL" "$err"
run focal report --by ServiceName --format csv "$S"
expect_eq "no libcurl: a file's report still runs" 0 "$rc"
nolib_out=$out
FOCAL_LIBCURL=libz.so.1
run focal report "$U"
expect_eq "a library that is not libcurl: exit 2" 2 "$rc"
expect_contains "... naming what it lacks" "libz.so.1 has no curl_global_init" "$err"
unset FOCAL_LIBCURL
expect_eq "... and the file's report is the same as with libcurl" \
	"$(focal report --by ServiceName --format csv "$S")" "$nolib_out"

# a closed pipe ends quietly
focal report --by SkuId --format csv "$S" 2>"$T/pipe.err" | head -1 >/dev/null
expect_eq "report | head -1 prints no error" "" "$(cat "$T/pipe.err")"

done_testing
