#!/bin/sh
# The command table: --help lists every command, a mistyped command is
# named with the nearest one, a file is told from a command, --where has
# one limit.
. "$(dirname "$0")/lib.sh"
S=$SRCDIR/data/autodesk-sample.csv

run focal --help
for c in explore report validate whatif import; do
	line=$(printf '%s\n' "$out" | grep "^  $c  ")
	expect_contains "--help lists $c with a summary" "$c " "$line"
	expect_eq "--help: $c's summary is one non-empty line" 1 "$(printf '%s\n' "$line" | awk 'NF > 1' | wc -l | tr -d ' ')"
	expect_contains "--help has a usage line for $c" "focal $c " "$out"
done

run focal repot "$S"
expect_eq "repot exits 64" 64 "$rc"
expect_contains "repot: did you mean report" "unknown command 'repot' (did you mean 'report'?)" "$err"
expect_eq "repot prints nothing on stdout" "" "$out"
run focal valdate "$S"
expect_contains "valdate: did you mean validate" "(did you mean 'validate'?)" "$err"
run focal frobnicate "$S"
expect_eq "a word far from every command exits 64" 64 "$rc"
expect_contains "and is named" "unknown command 'frobnicate'" "$err"
expect_not_contains "with no guess" "did you mean" "$err"

# a file, not a command: an existing path (even a bare word), a name with
# a '.' or '/', or -
cp "$S" "$T/report"
(cd "$T" && focal report --format csv report) >"$T/out1" 2>"$T/err1"
expect_eq "'report report': the second is the file" 0 "$?"
expect_eq "  read once: the report of the sample" "$(focal report --format csv "$S")" "$(cat "$T/out1")"
(cd "$T" && focal report --format csv "$S") >"$T/out3" 2>"$T/err3"
expect_eq "'report FILE' where a file is named report: the command, on FILE alone" \
	"$(focal report --format csv "$S")" "$(cat "$T/out3")"
cp "$S" "$T/sample"
(cd "$T" && focal sample </dev/null) >"$T/out2" 2>"$T/err2"
expect_eq "an existing bare word is a file (the report, not on a terminal)" 0 "$?"
expect_eq "  and prints the same report" "$(focal report "$S")" "$(cat "$T/out2")"
run focal no-such-file.csv
expect_eq "a missing name with a '.' is a file that cannot be read (2)" 2 "$rc"
run focal ./nosuch
expect_eq "a missing path with a '/' is a file (2)" 2 "$rc"
run sh -c "\"$FOCAL\" - <\"$S\""
expect_eq "- is standard input" 0 "$rc"

# --where: at most 8 filters (the explorer needs the rest of the query's 16)
W="--where ChargeCategory=Purchase"
run focal report $W $W $W $W $W $W $W $W --format csv "$S"
expect_eq "8 --where filters are fine" 0 "$rc"
run focal report $W $W $W $W $W $W $W $W $W --format csv "$S"
expect_eq "a 9th --where exits 64" 64 "$rc"
expect_contains "and says the limit" "at most 8 --where filters" "$err"

done_testing
