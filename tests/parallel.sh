#!/bin/sh
# Big plain files load on two threads; the answer, the rejected rows and
# their line numbers are exactly those of one thread, also when the middle
# of the file falls inside a multi-line quoted field.
. "$(dirname "$0")/lib.sh"

# gen ROWS BIGFIELD_AT: rows with a few rejects in the second half and,
# optionally, one record holding a 1 MB multi-line quoted field
gen() {
	awk -v n="$1" -v big="$2" 'BEGIN {
		# ProviderName without ServiceProviderName: a file before FOCUS 1.3,
		# whose rows take the first as the second (load_row.c bind_bridge)
		print "BilledCost,EffectiveCost,ChargePeriodStart,ServiceName,ChargeDescription,Tags,ProviderName"
		for (i = 0; i < n; i++) {
			d = "d" i
			if (i == big) { d = ""; for (k = 0; k < 300000; k++) d = d "x\n" }
			if (i % 50000 == 7) d = d "\nsecond line \"\"quoted\"\""
			c = (i % 97) "." sprintf("%05d", i % 100000)
			if (i == int(n * 0.75) || i == int(n * 0.9)) c = "oops"
			printf "%s,%s,2025-%02d-01T00:00:00Z,S%d,\"%s\",\"{\"\"area\"\":\"\"A%d\"\"}\",%s\n", c, c, i % 12 + 1, i % 7, d, i % 5, i % 3 ? "P" i % 3 : ""
		}
	}'
}

for shape in plain straddle; do
	if [ $shape = plain ]; then gen 400000 -1 >"$T/$shape.csv"; else gen 300000 150000 >"$T/$shape.csv"; fi
	size=$(wc -c <"$T/$shape.csv")
	[ "$size" -gt 16777216 ] && pass "$shape: file is big enough to split ($size bytes)" || fail "$shape: only $size bytes"
	for t in 1 2; do
		# not under valgrind (minutes per run on these sizes): the ASan leg
		# covers memory errors on this path
		FOCAL_THREADS=$t "$FOCAL" report --by ServiceProviderName,ServiceName,tag:area --format csv "$T/$shape.csv" \
		    >"$T/$shape.$t.out" 2>"$T/$shape.$t.err"
		echo $? >"$T/$shape.$t.rc"
	done
	# the .gz: inflated on a thread, parsed in 8 MiB segments on two
	gzip -n -c "$T/$shape.csv" >"$T/$shape.csv.gz"
	"$FOCAL" report --by ServiceProviderName,ServiceName,tag:area --format csv "$T/$shape.csv.gz" \
	    >"$T/$shape.z.out" 2>"$T/$shape.z.err"
	expect_eq "$shape: the .gz's report is the plain file's" "$(cat "$T/$shape.1.out")" "$(cat "$T/$shape.z.out")"
	expect_eq "$shape: same exit status on 1 and 2 threads" "$(cat "$T/$shape.1.rc")" "$(cat "$T/$shape.2.rc")"
	expect_eq "$shape: same report on 1 and 2 threads" "$(cat "$T/$shape.1.out")" "$(cat "$T/$shape.2.out")"
	expect_eq "$shape: same rejected rows and lines" "$(cat "$T/$shape.1.err")" "$(cat "$T/$shape.2.err")"
done
expect_contains "rejects in the second half are located" "plain.csv:300" "$(cat "$T/plain.2.err")"
expect_eq "ServiceProviderName from ProviderName on both threads, NULL where it is" "(null) P1 P2" \
	"$(tail -n +2 "$T/plain.2.out" | cut -d, -f1 | awk '!s[$0]++' | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//')"
expect_eq "the total is the exact sum" \
	"$(awk -F, 'NR > 1 && $1 != "oops" && $1 ~ /^[0-9]/ { print $1 }' "$T/plain.csv" | exact_sum)" \
	"$(tail -n +2 "$T/plain.2.out" | cut -d, -f4 | exact_sum)"

done_testing
