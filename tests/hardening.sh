#!/bin/sh
# Hostile data, full disks, no memory, closed pipes: clear messages, old
# files intact, nothing raw on a terminal, no data in SQL.
. "$(dirname "$0")/lib.sh"
S=$SRCDIR/data/autodesk-sample.csv
A=$SRCDIR/tests/autodesk

# --- hostile strings in every string column and in tag keys
esc=$(printf '\033')
bel=$(printf '\007')
strcols="ProviderName ServiceName ServiceCategory ServiceSubcategory ChargeCategory ChargeDescription SubAccountName RegionName ResourceName SkuId SkuMeter PricingUnit BillingCurrency x_Custom"
awk -v esc="$esc" -v bel="$bel" -v cols="$strcols" 'BEGIN {
	n = split(cols, c, " ")
	printf "BilledCost,EffectiveCost,ChargePeriodStart,BillingPeriodStart"
	for (i = 1; i <= n; i++) printf ",%s", c[i]
	print ",Tags"
	for (r = 0; r < 30; r++) {
		# quotes, a semicolon, SQL, %n, an OSC title, CSI colour, overlong UTF-8
		h = "x\"\"; DROP TABLE tag; --%n%s" esc "]0;pwned" bel esc "[31m\300\257" (r % 3)
		printf "%d.25,%d.25,2025-%02d-01T00:00:00Z,2025-%02d-01T00:00:00Z", r, r, r % 12 + 1, r % 12 + 1
		for (i = 1; i <= n; i++) printf ",\"%s\"", h
		# JSON escapes decode to the same bytes in keys and values
		printf ",\"{\"\"evil\\u001b]0;pwned\\u0007 %%n; DROP TABLE tag; --\\\"\"%d\"\":\"\"v\\u001b[31m\\\"\"\"\",\"\"area\"\":\"\"A\\u001b]0;t\\u0007%d\"\"}\"\n", r % 2, r % 3
	}
}' >"$T/hostile.csv"
for dim in ServiceName SubAccountName ChargeCategory ServiceSubcategory x_Custom meter tag:area file; do
	for fmt in table csv json; do
		focal report --by "$dim" --format "$fmt" "$T/hostile.csv" >"$T/o" 2>"$T/e"
		rc=$?
		[ $rc = 0 ] || fail "hostile: --by $dim --format $fmt exit $rc"
		if tr -d '\n\t' <"$T/o" | LC_ALL=C grep -q '[[:cntrl:]]'; then
			fail "hostile: --by $dim --format $fmt: a control character reached the output"
		else
			pass "hostile: --by $dim --format $fmt: output is clean"
		fi
		LC_ALL=C grep -q '[[:cntrl:]]' "$T/e" && fail "hostile: $dim $fmt: control character on stderr"
	done
done
focal report --list-dims "$T/hostile.csv" >"$T/o" 2>/dev/null
if LC_ALL=C tr -d '\n\t' <"$T/o" | LC_ALL=C grep -q '[[:cntrl:]]'; then fail "hostile tag keys in --list-dims"; else
	pass "hostile tag keys listed harmlessly"; fi
# a --where value with quotes and a semicolon is data, not SQL
run focal report --by ChargeCategory --where "ChargeCategory=x\"; DROP TABLE tag; --" --format csv "$T/hostile.csv"
expect_eq "--where with SQL in it is a value (no match, exit 0)" 0 "$rc"
run focal validate "$T/hostile.csv"
case $rc in 0 | 1) pass "validate survives hostile values" ;; *) fail "validate exit $rc" ;; esac
if printf '%s' "$out" | tr -d '\n\t' | LC_ALL=C grep -q '[[:cntrl:]]'; then fail "validate printed a control character"; else
	pass "validate output is clean"; fi

# --- full disk: stdout
run sh -c "\"$FOCAL\" report --format csv \"$S\" >/dev/full"
expect_eq "report to a full disk exits 2" 2 "$rc"
expect_contains "report to a full disk says so" "No space left on device" "$err"

# --- files too large: the old file stays, no temporary file is left
echo "old contents" >"$T/out.csv"
run sh -c "trap '' XFSZ; ulimit -f 8; exec \"$FOCAL\" import autodesk --subscriptions \"$A/subscriptions.csv\" \
	--usage \"$A/usage.csv\" --as-of 2026-10-15 -o \"$T/out.csv\" --force"
expect_eq "import onto a full disk exits 2" 2 "$rc"
expect_contains "import onto a full disk says so" "File too large" "$err"
expect_eq "the old file is intact" "old contents" "$(cat "$T/out.csv")"
expect_eq "no temporary file left" "" "$(ls -a "$T" | grep 'out\.csv.')"
run focal import autodesk --subscriptions "$A/subscriptions.csv" --as-of 2026-10-15 -o "$T/out.csv"
expect_eq "import does not overwrite without --force" 2 "$rc"
expect_eq "the old file is still intact" "old contents" "$(cat "$T/out.csv")"
echo "old scenario" >"$T/sc.txt"
run sh -c "trap '' XFSZ; ulimit -f 0; exec \"$FOCAL\" whatif --seats 'Revit=-1' --save \"$T/sc.txt\" --force --format csv \"$S\""
case $rc in 0) fail "scenario save onto a full disk reported success" ;; *) pass "scenario save onto a full disk fails (exit $rc)" ;; esac
expect_eq "the old scenario is intact" "old scenario" "$(cat "$T/sc.txt")"

# --- out of memory: a message, not a crash
"$FOCAL_GEN" --rows 100000 -o "$T/big.csv"
if [ "${FOCAL_ASAN:-no}" = yes ]; then
	# ASan maps its shadow memory up front, so `ulimit -v` kills it before
	# main(); its allocator's own limit makes malloc fail the same way instead
	run env ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}allocator_may_return_null=1:max_allocation_size_mb=1" \
		"$FOCAL" report --format csv "$T/big.csv"
else
	run sh -c "ulimit -v 50000; exec \"$FOCAL\" report --format csv \"$T/big.csv\""
fi
expect_eq "out of memory exits 2" 2 "$rc"
expect_contains "out of memory says so" "out of memory" "$err"

# --- a closed pipe: quiet
"$FOCAL" report --by SkuId --format csv "$S" 2>"$T/pipe.err" | head -1 >/dev/null
expect_eq "EPIPE: nothing on stderr" "" "$(cat "$T/pipe.err")"
"$FOCAL" validate "$S" 2>"$T/pipe.err" | head -1 >/dev/null
expect_eq "EPIPE in validate: nothing on stderr" "" "$(cat "$T/pipe.err")"

# --- no predictable temporary files in world-writable places
strace_ok=0
command -v strace >/dev/null 2>&1 && strace_ok=1
if [ $strace_ok = 1 ]; then
	strace -f -e trace=openat,open -o "$T/trace" "$FOCAL" report --format csv "$S" >/dev/null 2>&1
	if grep -E '"/(tmp|var/tmp)/' "$T/trace" | grep -q O_CREAT; then fail "report creates files in /tmp"; else
		pass "report creates no file in /tmp"; fi
fi

done_testing
