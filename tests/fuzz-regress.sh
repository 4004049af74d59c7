#!/bin/sh
# fuzz-regress.sh: every input the fuzzers found (tests/fuzz/regress/TARGET/*)
# goes through the focal binary the way a user would give it, and must end
# with an exit status (0, 1 for validate, 2, 3 or 64) within the time bound:
# never a signal, a sanitizer abort (exit >= 128) or a hang. See
# tests/fuzz/README.md for what each target's input means.
. "$(dirname "$0")/lib.sh"

R=$SRCDIR/tests/fuzz/regress
S=$SRCDIR/data/autodesk-sample.csv
[ -d "$R" ] || skip "no tests/fuzz/regress"
[ -x "$FOCAL" ] || skip "no focal binary at $FOCAL"
limit=${FUZZ_REGRESS_TIMEOUT:-20}
# in a sanitizer build (configure --enable-asan), a finding aborts (exit 134),
# never exits 1 or 2 as if it were an answer
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}abort_on_error=1"
UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}halt_on_error=1:abort_on_error=1:print_stacktrace=1"
export ASAN_OPTIONS UBSAN_OPTIONS
[ "${FOCAL_VALGRIND:-0}" = 1 ] && limit=${FUZZ_REGRESS_TIMEOUT:-300}

# bounded FOCAL ARGS...: like focal() in lib.sh, under timeout; sets $rc
bounded() {
	if [ "${FOCAL_VALGRIND:-0}" = 1 ]; then
		timeout "$limit" valgrind -q --child-silent-after-fork=yes --error-exitcode=99 --leak-check=full \
			--errors-for-leak-kinds=definite "$FOCAL" "$@" >"$T/out" 2>"$T/err"
	else
		timeout "$limit" "$FOCAL" "$@" >"$T/out" 2>"$T/err"
	fi
	rc=$?
}

# expect_exit NAME ALLOWED...: the last bounded run ended with one of ALLOWED
expect_exit() {
	what=$1
	shift
	for ok in "$@"; do
		if [ "$rc" = "$ok" ]; then
			pass "$what (exit $rc)"
			return
		fi
	done
	if [ "$rc" = 124 ]; then
		fail "$what: no answer within ${limit}s"
	else
		fail "$what: exit $rc"
	fi
	tail -5 "$T/err" | sed 's/^/  /'
}

# first_nul FILE: the file up to its first NUL byte (an argument cannot hold one)
first_nul() {
	k=$(od -An -v -tu1 "$1" | tr -s ' ' '\n' | sed '/^$/d' | grep -n -m1 '^0$' | cut -d: -f1)
	if [ -n "$k" ]; then head -c $((k - 1)) "$1"; else cat "$1"; fi
}

# the three parts of an import input: subscriptions %% usage %% prices
split_import() {
	awk -v d="$T" 'BEGIN { f = d "/subs.csv"; n = 0; printf "" > (d "/usage.csv"); printf "" > (d "/prices.csv") }
		/^%%\r?$/ && n < 2 { n++; f = d (n == 1 ? "/usage.csv" : "/prices.csv"); printf "" > f; next }
		{ print > f }
		END { print n > (d "/parts") }' "$1"
}

# csv_field TEXT: TEXT as one quoted CSV field
csv_field() {
	printf '"%s"' "$(printf '%s' "$1" | sed 's/"/""/g')"
}

n=0
for dir in "$R"/*/; do
	target=$(basename "$dir")
	for f in "$dir"*; do
		[ -f "$f" ] || continue
		case $f in *.txt) continue ;; esac
		name="$target/$(basename "$f")"
		n=$((n + 1))
		case $target in
		csv | csv_fields | csv_shard | whatif_data)
			bounded report --format csv "$f"
			expect_exit "$name: report" 0 2 3
			bounded report --format table --by meter,period "$f"
			expect_exit "$name: report --format table" 0 2 3 64
			bounded validate "$f"
			expect_exit "$name: validate" 0 1 2
			bounded whatif --suggest "$f"
			expect_exit "$name: whatif --suggest" 0 2 3
			;;
		renewals)
			bounded renewals --days 3650 "$f"
			expect_exit "$name: renewals" 0 2 3
			bounded runway --format csv "$f"
			expect_exit "$name: runway" 0 2 3
			bounded runway --window 1 --format json "$f"
			expect_exit "$name: runway --window 1" 0 2 3
			;;
		csv_gz)
			if [ "$(head -c 2 "$f" | od -An -tx1 | tr -d ' \n')" = 1f8b ]; then
				cp "$f" "$T/in.csv.gz"
			else
				gzip -n -c "$f" >"$T/in.csv.gz"
			fi
			bounded report --format csv "$T/in.csv.gz"
			expect_exit "$name: report" 0 2 3
			bounded report --strict --format table "$T/in.csv.gz"
			expect_exit "$name: report --strict" 0 2 3
			;;
		profile)
			bounded report --profile "$f" --format table "$S"
			expect_exit "$name: report --profile" 0
			bounded whatif --profile "$f" --suggest "$S"
			expect_exit "$name: whatif --profile --suggest" 0
			bounded whatif --profile "$f" --seats "AutoCAD LT=+1 flex 30" "$S"
			expect_exit "$name: whatif --profile --seats ... flex" 0
			;;
		scenario_spec)
			bounded whatif --seats "$(first_nul "$f")" "$S"
			expect_exit "$name: whatif --seats" 0 64
			;;
		scenario_file)
			bounded whatif --scenario "$f" "$S"
			expect_exit "$name: whatif --scenario" 0 64
			;;
		sql)
			# the query as `focal sql` takes it, each parameter given
			# (fuzz_sql binds them all)
			set --
			for p in $(grep -o '[:@$?][0-9A-Za-z_]*' "$f" | sort -u | cut -c2-); do
				[ -n "$p" ] && set -- "$@" --param "$p=12.5"
			done
			bounded sql --format csv "$@" "$(cat "$f")" "$S"
			expect_exit "$name: sql" 0 4
			;;
		import)
			split_import "$f"
			set -- --subscriptions "$T/subs.csv" --as-of 2026-03-15
			[ "$(cat "$T/parts")" -ge 1 ] && [ -s "$T/usage.csv" ] && set -- "$@" --usage "$T/usage.csv"
			[ "$(cat "$T/parts")" -ge 2 ] && set -- "$@" --prices "$T/prices.csv"
			bounded import autodesk "$@"
			expect_exit "$name: import" 0 2 3
			# 3: a partial import (subscriptions without a list price left out)
			if [ "$rc" = 0 ] || [ "$rc" = 3 ]; then
				cp "$T/out" "$T/focus.csv"
				# what the importer writes, focal reads without rejecting a row
				bounded report --format csv "$T/focus.csv"
				expect_exit "$name: report of the import" 0
			fi
			;;
		dim)
			first_nul "$f" >"$T/args"
			by=$(sed -n 1p "$T/args")
			set -- --format csv
			[ -n "$by" ] && set -- "$@" --by "$by"
			while IFS= read -r line; do
				case $line in
				@*) set -- "$@" --period "${line#@}" ;;
				\#*) set -- "$@" --top "${line#\#}" ;;
				?*) set -- "$@" --where "$line" ;;
				esac
			done <<EOF
$(sed 1d "$T/args")
EOF
			bounded report "$@" "$S"
			expect_exit "$name: report" 0 64
			;;
		tags)
			# the input as the Tags of a row; then json_tree over the Tags read
			{
				echo "BilledCost,EffectiveCost,ChargePeriodStart,ServiceName,Tags"
				echo "1,1,2025-01-01T00:00:00Z,A,$(csv_field "$(first_nul "$f" | tr -d '\r\n')")"
				echo "2,2,2025-01-01T00:00:00Z,A,"
			} >"$T/tags.csv"
			bounded report --format csv --by ServiceName "$T/tags.csv"
			expect_exit "$name: report" 0 3
			bounded sql "SELECT key, fullkey, path FROM focus, json_tree(focus.Tags)" "$T/tags.csv"
			expect_exit "$name: json_tree over the Tags read" 0 3
			;;
		value)
			# each line as a cost and as a date of a small FOCUS file
			{
				echo "BilledCost,EffectiveCost,ChargePeriodStart,BillingPeriodStart,ServiceName"
				i=0
				while IFS= read -r v || [ -n "$v" ]; do
					i=$((i + 1))
					fv=$(csv_field "$v")
					echo "$fv,$fv,2025-01-01T00:00:00Z,2025-01-01T00:00:00Z,cost$i"
					echo "1,1,$fv,$fv,date$i"
				done <<EOF
$(first_nul "$f")
EOF
			} >"$T/value.csv"
			bounded report --format table --by ServiceName "$T/value.csv"
			expect_exit "$name: report" 0 3
			bounded report --format csv --by period:day "$T/value.csv"
			expect_exit "$name: report by day" 0 3
			;;
		snapshot)
			# the patches of the input to the snapshot of the fixture (the
			# sample's first 23 rows), which focal must refuse or reopen
			rm -rf "$T/snap"
			mkdir -p "$T/snap"
			head -24 "$S" >"$T/snap/fixture.csv"
			FOCAL_CACHE_DIR=$T/snap/cache FOCAL_CACHE_MIN=0 FOCAL_CACHE_SIZE=64 \
				focal report --format csv "$T/snap/fixture.csv" >"$T/snap/want" 2>/dev/null
			w=0
			while ! ls "$T"/snap/cache/*.snap >/dev/null 2>&1 && [ $w -lt 300 ]; do sleep 0.1; w=$((w + 1)); done
			python3 - "$f" "$T"/snap/cache/*.snap <<'PY'
import sys
data, snap = open(sys.argv[1], 'rb').read(), sys.argv[2]
buf = bytearray(open(snap, 'rb').read())
if data[:16] == b'SQLite format 3\0':
    buf = bytearray(data)
else:
    i = 0
    while i + 4 <= len(data):
        off = ((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]) % len(buf)
        n = data[i + 3]
        i += 4
        for k in range(n):
            if i >= len(data):
                break
            buf[(off + k) % len(buf)] = data[i]
            i += 1
open(snap, 'wb').write(buf)
PY
			FOCAL_CACHE_DIR=$T/snap/cache FOCAL_CACHE_MIN=0 FOCAL_CACHE_SIZE=64 \
				bounded report --format csv "$T/snap/fixture.csv"
			expect_exit "$name: report from a patched snapshot" 0
			expect_eq "$name: ... the answer of the file" "$(cat "$T/snap/want")" "$(cat "$T/out" 2>/dev/null)"
			grep -q "did not read back\|reopened from the snapshot" "$T/err" &&
				pass "$name: ... the snapshot refused or reopened, and said so" ||
				fail "$name: ... the snapshot refused or reopened, and said so"
			;;
		wh_answer | wh_sql | store_open)
			# a warehouse answer (no server here), or patches to the store
			# fuzz_store_open saves at start-up: the targets replay them
			# (Makefile.fuzz regress)
			n=$((n - 1))
			continue
			;;
		*)
			fail "$name: unknown target directory"
			;;
		esac
	done
done
[ "$n" -gt 0 ] || skip "no regression inputs"
done_testing
