#!/bin/sh
# Gzip files and standard input are inflated on a thread of their own while
# two threads parse (issue 14): the answer, the rejected rows with their
# lines, the deviations and the gzip errors are those of the plain file, and
# a load that stops early ends at once, also on a stalled pipe.
. "$(dirname "$0")/lib.sh"
command -v gzip >/dev/null 2>&1 || skip "no gzip"
command -v timeout >/dev/null 2>&1 || skip "no timeout"

# bad ROWS...: the generator's file with a ragged row after each of those
# lines and a blank line after the last
bad() {
	awk -v rows="$*" 'BEGIN { n = split(rows, r, " "); for (i = 1; i <= n; i++) at[r[i]] = 1 }
		{ print } NR in at { print "ragged,row" } NR == r[n] { print "" }'
}

# a file larger than the ring of inflated chunks, with rejects and a blank line
"$FOCAL_GEN" --rows 50000 -o "$T/gen.csv" || fail "focal-gen"
bad 777 30001 49000 <"$T/gen.csv" >"$T/big.csv"
gzip -n -c "$T/big.csv" >"$T/big.csv.gz"
size=$(wc -c <"$T/big.csv")
[ "$size" -gt 4194304 ] && pass "the file is larger than the ring ($size bytes)" || fail "only $size bytes"

# same ARGS: the report of the plain file, of the .gz, of the CSV and the
# gzip stream through standard input. Not under valgrind (minutes at this
# size): the small file below is.
same() {
	"$FOCAL" report "$@" "$T/big.csv" >"$T/p.out" 2>"$T/p.err"; prc=$?
	timeout 120 "$FOCAL" report "$@" "$T/big.csv.gz" >"$T/g.out" 2>"$T/g.err"; grc=$?
	gzip -dc "$T/big.csv.gz" | timeout 120 "$FOCAL" report "$@" - >"$T/s.out" 2>"$T/s.err"; src=$?
	timeout 120 "$FOCAL" report "$@" - <"$T/big.csv.gz" >"$T/z.out" 2>"$T/z.err"; zrc=$?
	expect_eq "$*: exit status, .gz and stdin as the plain file" "$prc $prc $prc" "$grc $src $zrc"
	expect_eq "$*: .gz report as the plain file's" "$(cat "$T/p.out")" "$(cat "$T/g.out")"
	expect_eq "$*: stdin report as the plain file's" "$(cat "$T/p.out")" "$(cat "$T/s.out")"
	expect_eq "$*: gzip on stdin as the plain file's" "$(cat "$T/p.out")" "$(cat "$T/z.out")"
	expect_eq "$*: .gz rejects and notes as the plain file's" "$(cat "$T/p.err")" \
		"$(sed "s|big.csv.gz|big.csv|g" "$T/g.err")"
	expect_eq "$*: stdin rejects and notes as the plain file's" "$(sed "s|$T/big.csv|(stdin)|g" "$T/p.err")" \
		"$(cat "$T/s.err")"
}
same --format table
same --format csv --by ServiceName,ChargeCategory
same --format json
expect_contains "rejects are located in the .gz" "big.csv.gz:30003:3: ServiceProviderName: ragged row" "$(cat "$T/g.err")"

# the threaded reader under valgrind too (FOCAL_VALGRIND=1): a file of a few
# rings, with a reject near its end
"$FOCAL_GEN" --rows 4000 -o "$T/gen4.csv"
bad 3990 <"$T/gen4.csv" >"$T/small.csv"
gzip -n -c "$T/small.csv" >"$T/small.csv.gz"
run focal report --format csv "$T/small.csv"
a=$out; ae=$(printf '%s' "$err" | sed "s|small.csv|X|g"); arc=$rc
run focal report --format csv "$T/small.csv.gz"
expect_eq "small .gz: same exit status" "$arc" "$rc"
expect_eq "small .gz: same report" "$a" "$out"
expect_eq "small .gz: same rejects" "$ae" "$(printf '%s' "$err" | sed "s|small.csv.gz|X|g")"

# A .gz is parsed on two threads in segments of 8 MiB that end at a newline
# (load_gz.c); with a quoted field of 40 lines in every row, nearly every
# segment ends inside quotes, where the second thread's guess that a record
# starts is wrong and the main thread reads that segment itself (the file
# above tests the right guesses). The answer, rows and rejects are the
# plain file's all the same.
awk 'NR == 1 { print $0 ",Note"; next }
	{ printf "%s,\"", $0; for (i = 1; i < 40; i++) printf "l%d\n", i; print "a \"\"quote\"\"\"" }' \
	"$T/big.csv" >"$T/ml.csv"
gzip -n -c "$T/ml.csv" >"$T/ml.csv.gz"
"$FOCAL" report --format csv --by ServiceName,ChargeCategory "$T/ml.csv" >"$T/mp.out" 2>"$T/mp.err"; mrc=$?
timeout 120 "$FOCAL" report --format csv --by ServiceName,ChargeCategory "$T/ml.csv.gz" >"$T/mg.out" 2>"$T/mg.err"
expect_eq "multi-line fields: .gz exit status as the plain file's" "$mrc" "$?"
expect_eq "multi-line fields: .gz report as the plain file's" "$(cat "$T/mp.out")" "$(cat "$T/mg.out")"
expect_eq "multi-line fields: .gz rejects as the plain file's" "$(cat "$T/mp.err")" \
	"$(sed "s|ml.csv.gz|ml.csv|g" "$T/mg.err")"
cat "$T/ml.csv" | timeout 120 "$FOCAL" report --format csv --by ServiceName,ChargeCategory - >"$T/ms.out" 2>"$T/ms.err"
expect_eq "multi-line fields through a pipe: the plain file's report" "$(cat "$T/mp.out")" "$(cat "$T/ms.out")"
expect_eq "multi-line fields through a pipe: the plain file's rejects" "$(sed "s|$T/ml.csv|(stdin)|g" "$T/mp.err")" \
	"$(cat "$T/ms.err")"
expect_eq "multi-line fields: the generator's 50,000 rows are in (the 4 others ragged)" "50000 4" \
	"$("$FOCAL" report --format csv --by ChargeCategory "$T/ml.csv.gz" 2>"$T/mg.err" |
		awk -F, 'NR > 1 { n += $NF } END { printf "%d", n }') $(grep -c "ragged row" "$T/mg.err")"

# truncated and corrupt in the middle: the message and status of before
len=$(wc -c <"$T/big.csv.gz")
head -c $((len / 2)) "$T/big.csv.gz" >"$T/trunc.csv.gz"
cp "$T/big.csv.gz" "$T/corrupt.csv.gz"
printf '\377\377\377\377\377\377\377\377' | dd of="$T/corrupt.csv.gz" bs=1 seek=$((len / 2)) conv=notrunc 2>/dev/null
run timeout 120 "$FOCAL" report "$T/trunc.csv.gz"
expect_eq "truncated .gz: exit status" 2 "$rc"
expect_eq "truncated .gz: message" "focal: $T/trunc.csv.gz: truncated gzip file (unexpected end of compressed data)" "$(printf '%s\n' "$err" | head -1)"
run sh -c "timeout 120 '$FOCAL' report - <'$T/trunc.csv.gz'"
expect_eq "truncated gzip on stdin: exit status" 2 "$rc"
expect_eq "truncated gzip on stdin: message" "focal: (stdin): truncated gzip file (unexpected end of compressed data)" "$(printf '%s\n' "$err" | head -1)"
run timeout 120 "$FOCAL" report "$T/corrupt.csv.gz"
expect_eq "corrupt .gz: exit status" 2 "$rc"
expect_eq "corrupt .gz: message" "focal: $T/corrupt.csv.gz: corrupt gzip data" "$(printf '%s\n' "$err" | head -1)"
run sh -c "cat '$T/corrupt.csv.gz' | timeout 120 '$FOCAL' report -"
expect_eq "corrupt gzip through a pipe: exit status" 2 "$rc"
expect_eq "corrupt gzip through a pipe: message" "focal: (stdin): corrupt gzip data" "$(printf '%s\n' "$err" | head -1)"

# stalled ERR FILE STATUS NAME: the first 600 kB of gzip FILE through a FIFO
# whose writer then stays open without writing. Its rows after the first
# few are noise that hardly compresses, so one thread's first read has what
# makes focal stop early (--strict, a bad header) while the inflating
# thread waits in a read that never returns: focal must end with STATUS
# and ERR without waiting for the writer.
stalled() {
	rm -f "$T/fifo"
	mkfifo "$T/fifo"
	(head -c 600000 "$2"; exec sleep 60) >"$T/fifo" &
	writer=$!
	run timeout 30 "$FOCAL" report --strict "$T/fifo"
	expect_eq "$4: exit status (124: hung)" "$3" "$rc"
	expect_contains "$4: message" "$1" "$err"
	expect_eq "$4: the writer was still there" "yes" "$(kill -0 "$writer" 2>/dev/null && echo yes)"
	kill "$writer" 2>/dev/null
	wait "$writer" 2>/dev/null
}
head -c 1500000 /dev/urandom | base64 -w 100 >"$T/noise"
{ head -5 "$T/gen.csv"; echo ragged,row; cat "$T/noise"; } | gzip -n -c >"$T/strict.csv.gz"
stalled "fifo:6:3: ServiceProviderName: ragged row" "$T/strict.csv.gz" 3 "--strict error on a stalled pipe"
{ echo "a,b,c"; cat "$T/noise"; } | gzip -n -c >"$T/header.csv.gz"
stalled "missing columns" "$T/header.csv.gz" 2 "bad header on a stalled pipe"

done_testing
