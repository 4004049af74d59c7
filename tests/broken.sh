#!/bin/sh
# Broken input gets the promised exit status and a message naming file,
# line and column - never a crash, a hang or a silently wrong total.
. "$(dirname "$0")/lib.sh"
B=$SRCDIR/tests/bad

# expect_load FILE STATUS MESSAGE [TOTAL]
expect_load() {
	run focal report --by ServiceName --format csv "$B/$1"
	expect_eq "$1: exit status" "$2" "$rc"
	expect_contains "$1: message" "$3" "$err"
	if [ $# -ge 4 ]; then
		expect_eq "$1: total of the rows read" "$4" \
			"$(printf '%s\n' "$out" | tail -n +2 | cut -d, -f2 | exact_sum)"
	fi
}

expect_load empty.csv 2 "bad/empty.csv: empty file (no header line)"
expect_load binary.csv 2 "bad/binary.csv: not a CSV text file"
expect_load no-cost-columns.csv 2 "missing columns BilledCost, EffectiveCost, ChargePeriodStart"
expect_load contract-commitment.csv 2 "ContractCommitment dataset, not Cost and Usage"
expect_load truncated.csv.gz 2 "bad/truncated.csv.gz: truncated gzip file"
expect_load bad-number.csv 3 'bad/bad-number.csv:3:1: BilledCost "abc": expected a decimal number' 3
expect_load impossible-date.csv 3 'bad/impossible-date.csv:2:3: ChargePeriodStart "2025-02-30T00:00:00Z": expected a date-time' 2
expect_load ragged.csv 3 "bad/ragged.csv:2:5: Tags: ragged row: 4 fields where the header has 5" 4
expect_contains "ragged.csv: long rows too" "bad/ragged.csv:3:6: ragged row: 6 fields" "$err"
expect_load bad-tags.csv 3 'bad/bad-tags.csv:2:5: Tags "{"area":}": Tags is not a JSON object' 4
# SQLite 3.40 takes an object as a key for valid JSON, and its json_tree then
# reads freed memory (focal sql died of SIGSEGV on this file): focal rejects
# the row (json.h)
expect_load lenient-tags.csv 3 'bad/lenient-tags.csv:2:5: Tags "{{"x":"y"}:"CAD"}": Tags is not a JSON object' 2
run focal sql "SELECT key, fullkey, path FROM focus, json_tree(focus.Tags)" "$B/lenient-tags.csv"
expect_eq "lenient-tags.csv: json_tree over the rows read: exit status" 3 "$rc"
expect_eq "lenient-tags.csv: json_tree over the rows read" 'key,fullkey,path
,$,$
area,$.area,$' "$out"
# validate's last line on a file with rows it cannot read: not valid,
# whatever the rules said of the rows read
run focal validate "$B/ragged.csv"
expect_eq "validate ragged.csv: exit 1" 1 "$rc"
expect_eq "validate ragged.csv: the last line says not valid" \
	"Not valid: 2 rows cannot be read; the rules checked the 1 read." "$(printf '%s\n' "$out" | tail -1)"
run focal validate "$B/lenient-tags.csv"
expect_contains "lenient-tags.csv: validate says where" "not valid JSON (byte 2: expected a string key)" "$out$err"
expect_load bad-quoting.csv 3 "bad/bad-quoting.csv:2:4: ServiceName: malformed CSV quoting" 4
expect_contains "bad-quoting.csv: both rows" "bad/bad-quoting.csv:3:4" "$err"
expect_load unterminated.csv 3 "bad/unterminated.csv:3:4: ServiceName: unterminated quoted field" 1
# A row's fate is decided by its shape first, then by its first bad value;
# what a rejected row said about its other values is not counted.
expect_load row-fate.csv 3 "bad/row-fate.csv:3:6: Tags: ragged row: 5 fields where the header has 6" 17
expect_contains "row-fate.csv: first bad value" 'bad/row-fate.csv:4:1: BilledCost "abc": expected a decimal number' "$err"
expect_contains "row-fate.csv: shape before values" "bad/row-fate.csv:5:7: ragged row: 7 fields" "$err"
expect_not_contains "row-fate.csv: no value message for a ragged row" 'EffectiveCost "x"' "$err"
expect_contains "row-fate.csv: kept values of read rows only" \
	"row-fate.csv: 1 invalid date-times kept as written (not used for totals), first at line 2 column 4" "$err"
# focal sql and the use cases read the same rows: they say it too
run focal sql --format csv "SELECT count(*) FROM focus" "$B/row-fate.csv"
expect_contains "row-fate.csv: focal sql notes the kept values" \
	"row-fate.csv: 1 invalid date-times kept as written (not used for totals), first at line 2 column 4" "$err"
# A rejected row leaves nothing behind: not its values (B, the 2031 period of
# a bad cost), nor the tag keys of a ragged row's Tags (tag:secret), not even
# for the next new Tags value, which takes over its code.
run focal report --list-dims "$B/rejected-values.csv"
expect_eq "rejected-values.csv: only read rows' values" \
	"ChargePeriodStart=1 ServiceName=2 Tags=2 tag:area=2 period:month=1" \
	"$(printf '%s\n' "$out" | awk -F '\t' '$1 != "meter" && $1 != "x_Note" { printf "%s%s=%s", n++ ? " " : "", $1, $2 }')"
expect_eq "rejected-values.csv: --list-dims exits 3, as the report does" 3 "$rc"
expect_contains "rejected-values.csv: --list-dims lists the rejected rows" "rejected: not counted in any total" "$err"
run focal report --by tag:area --format csv "$B/rejected-values.csv"
expect_eq "rejected-values.csv: two rows read, by their own tags" "CAD,4.00,4.00,,,1 BIM,1.00,1.00,,,1" \
	"$(printf '%s\n' "$out" | tail -n +2 | tr '\n' ' ' | sed 's/ $//')"

# Report and the explorer drop spaces around unquoted values, as libcsv does;
# quoted values are kept as written; focal validate reads every byte.
run focal report --by ServiceName --format csv "$B/spaces.csv"
expect_eq "spaces.csv: read" 0 "$rc"
expect_contains "spaces.csv: ' 2 ' and ' A<TAB>' are 2 and A" "A,3.00,3.00,,,2" "$out"
expect_contains "spaces.csv: space after a closing quote" "B,4.00,4.00,,,1" "$out"
expect_contains "spaces.csv: quoted spaces kept" '" B",8.00,8.00,,,1' "$out"
run focal validate "$B/spaces.csv"
expect_contains "spaces.csv: validate sees the spaces" "value has leading or trailing spaces                            1  first at" "$out"
expect_contains "spaces.csv: validate is strict about quoting" "spaces.csv:4:4: ServiceName: malformed CSV quoting" "$out"
expect_load header-only.csv 0 "no data rows" 0
expect_load hostile-strings.csv 0 "" 3

# Excel's "CSV" in a comma-decimal locale, a tab-separated export: said so
printf 'BilledCost;EffectiveCost;ChargePeriodStart\n1,50;1,50;2026-01-01T00:00:00Z\n' >"$T/semicolon.csv"
run focal report --format csv "$T/semicolon.csv"
expect_eq "semicolon-separated: exit 2" 2 "$rc"
expect_eq "semicolon-separated: said so" "focal: $T/semicolon.csv: not a comma-separated file: line 1 is one column with ';' in it (focal reads FOCUS CSV, columns separated by ',')" "$err"
printf 'BilledCost\tEffectiveCost\tChargePeriodStart\n1\t1\t2026-01-01T00:00:00Z\n' >"$T/tabs.csv"
run focal validate "$T/tabs.csv"
expect_contains "tab-separated: validate says so" "one column with '\\t' in it" "$out$err"
printf 'x\n1\n' >"$T/one.csv"
run focal report --format csv "$T/one.csv"
expect_contains "one column: 1 column, not 1 columns" "(line 1 has 1 column)" "$err"

run focal report --format csv "$B/no-such-file.csv"
expect_eq "missing file exits 2" 2 "$rc"
expect_contains "missing file named" "no-such-file.csv: No such file or directory" "$err"
run focal report --format csv "$B"
expect_eq "directory exits 2" 2 "$rc"
expect_contains "directory named" "is a directory" "$err"

# the counted rejects are counted once and reported in full
run focal report --format csv "$B/bad-number.csv" "$B/ragged.csv"
expect_eq "rejects from two files exit 3" 3 "$rc"
expect_contains "rejects are totalled" "3 rows rejected" "$err"

# --strict: the first bad row ends the run, nothing is printed
run focal report --strict --format csv "$B/ragged.csv"
expect_eq "--strict exits 3" 3 "$rc"
expect_eq "--strict prints no report" "" "$out"
expect_contains "--strict names the first row" "bad/ragged.csv:2:5" "$err"
expect_not_contains "--strict stops at the first row" "ragged.csv:3:" "$err"

# hostile strings never reach a terminal or a report raw
run focal report --by ServiceName --format table "$B/hostile-strings.csv"
expect_eq "no ESC byte in table output" "" "$(printf '%s' "$out" | tr -cd '\033\007')"
expect_contains "escape shown visibly" '\x1b]0;pwned\x07' "$out"
run focal report --by ServiceName --format csv "$B/hostile-strings.csv"
expect_eq "no ESC byte in csv output" "" "$(printf '%s' "$out" | tr -cd '\033\007')"
run focal report --by ServiceName --format json "$B/hostile-strings.csv"
expect_eq "no ESC byte in json output" "" "$(printf '%s' "$out" | tr -cd '\033\007')"
expect_contains "json escapes control characters" '\u001b' "$out"

# a 100 MB field: rejected with a location, no crash, memory stays bounded
H='BilledCost,EffectiveCost,ChargePeriodStart,ServiceName,Tags'
{
	printf '%s\n1,1,2025-01-01T00:00:00Z,A,\n2,2,2025-01-01T00:00:00Z,"' "$H"
	head -c 100000000 /dev/zero | tr '\0' 'x'
	printf '",\n4,4,2025-01-01T00:00:00Z,B,\n'
} >"$T/huge-field.csv"
run focal report --by ServiceName --format csv "$T/huge-field.csv"
expect_eq "100 MB field exits 3" 3 "$rc"
expect_contains "100 MB field located" "huge-field.csv:3:4: ServiceName: field longer than 16 MiB" "$err"
expect_eq "rows around the huge field still count" 5 \
	"$(printf '%s\n' "$out" | tail -n +2 | cut -d, -f2 | exact_sum)"

# invalid UTF-8 and random bytes after a valid header never crash
{ printf '%s\n' "$H"; head -c 200000 /dev/urandom | tr -d '\0'; } >"$T/noise.csv"
run focal report --format csv "$T/noise.csv"
case $rc in 0 | 3) pass "random bytes after the header: exit $rc" ;; *) fail "random bytes: exit $rc" ;; esac

# 20,000 lines with a stray quote: each rejected, named and counted, and the
# parser starts afresh in place; a new parser per bad line allocated its 1 MiB
# field buffer again each time (a page fault a line: 20,452 faults against 453
# now; 10 s under ASan for 8,000 lines, a fuzz_csv_shard timeout). Page faults,
# not time, against the same file of 100 lines (the build's own, ASan's are
# thousands): the machine's speed does not change them.
quotes() {
	echo "BilledCost,EffectiveCost,ChargePeriodStart"
	i=0
	while [ $i -lt "$1" ]; do echo 'a"b'; i=$((i + 1)); done
}
faults() {	# FILE: the minor page faults of focal report FILE
	/usr/bin/time -f "faults %R" -o "$T/faults" "$FOCAL" report --format csv "$1" >/dev/null 2>"$T/err"
	sed -n 's/^faults //p' "$T/faults"
}
quotes 100 >"$T/quotes100.csv"
quotes 20000 >"$T/quotes.csv"
if [ -x /usr/bin/time ] && [ "${FOCAL_VALGRIND:-0}" != 1 ]; then
	f0=$(faults "$T/quotes100.csv")
	f=$(faults "$T/quotes.csv")
	expect_contains "20,000 stray quotes: all rejected" "20000 rows rejected" "$(cat "$T/err")"
	expect_contains "20,000 stray quotes: the first named" "quotes.csv:2:1: BilledCost: malformed CSV quoting" \
		"$(cat "$T/err")"
	expect_eq "20,000 stray quotes: no field buffer allocated per bad line (page faults $f, $f0 for 100 lines)" \
		yes "$([ "${f:-99999}" -lt $((${f0:-0} + 10000)) ] && echo yes || echo no)"
fi

# the same file given twice would count its rows twice: refused; a copy
# under another name is counted, and said to be alike
S=$SRCDIR/data/autodesk-sample.csv
run focal report --format csv "$S" "$S"
expect_eq "the same file twice: exit 64" 64 "$rc"
expect_contains "... says so" "is given twice: its rows would be counted twice" "$err"
expect_eq "... and prints no total" "" "$out"
cp "$S" "$T/same.csv"
(cd "$T" && "$FOCAL" report --format csv same.csv ./same.csv >out 2>err; echo $? >rc)
expect_eq "the same file by two paths: exit 64" 64 "$(cat "$T/rc")"
expect_contains "... names both" "same.csv is given twice (as ./same.csv)" "$(cat "$T/err")"
cp "$S" "$T/copy.csv"
run focal report --format csv --by ServiceSubcategory "$S" "$T/copy.csv"
expect_eq "a copy under another name: read" 0 "$rc"
expect_contains "... and said alike" "copy.csv are alike (the same size, the same first and last 64 KiB): the same export twice?" "$err"
expect_contains "... its rows counted (twice the 442 seat rows)" "Product Subscriptions,1248315.78,1115365.62," "$out"

done_testing
