# lib.sh - helpers for focal's shell tests (sourced).
#
# Each test script runs checks with `check NAME COMMAND...`-style helpers,
# prints one line per check, and exits 0 (all passed), 1 (a check failed) or
# 77 (skipped). FOCAL, FOCAL_GEN, SRCDIR and SHARED come from `make check`.

set -u
: "${SRCDIR:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${FOCAL:=$SRCDIR/src/focal}"
: "${FOCAL_GEN:=$SRCDIR/bench/focal-gen}"
: "${SHARED:=$SRCDIR/../shared}"
FOCAL_DATADIR=$SRCDIR/data
export FOCAL_DATADIR
# no user configuration leaks into tests
XDG_CONFIG_HOME=$(mktemp -d "${TMPDIR:-/tmp}/focal-cfg.XXXXXX")
export XDG_CONFIG_HOME
T=$(mktemp -d "${TMPDIR:-/tmp}/focal-test.XXXXXX")
# no snapshot of a load is kept or reopened (tests/snapshot.sh turns it on):
# a test of the loader must read its files
FOCAL_CACHE_SIZE=0
FOCAL_CACHE_DIR=$T/cache
export FOCAL_CACHE_SIZE FOCAL_CACHE_DIR
trap 'rm -rf "$T" "$XDG_CONFIG_HOME"' EXIT
failures=0
checks=0

# focal ARGS... runs the binary, under valgrind when FOCAL_VALGRIND=1 (the
# process that writes a snapshot is a fork: valgrind's report of it at its
# _exit would land in the command's stderr, so forks are silent).
focal() {
	if [ "${FOCAL_VALGRIND:-0}" = 1 ]; then
		valgrind -q --child-silent-after-fork=yes --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
			"$FOCAL" "$@"
	else
		"$FOCAL" "$@"
	fi
}

pass() { checks=$((checks + 1)); echo "ok - $1"; }
fail() { checks=$((checks + 1)); failures=$((failures + 1)); echo "FAIL - $1"; }

# expect_eq NAME EXPECTED ACTUAL
expect_eq() {
	if [ "$2" = "$3" ]; then pass "$1"; else
		fail "$1"
		printf '  expected: %s\n  actual:   %s\n' "$2" "$3"
	fi
}

# expect_contains NAME NEEDLE HAYSTACK
expect_contains() {
	case "$3" in
	*"$2"*) pass "$1" ;;
	*) fail "$1"; printf '  expected to contain: %s\n  in: %s\n' "$2" "$(printf '%s' "$3" | head -c 2000)" ;;
	esac
}

expect_not_contains() {
	case "$3" in
	*"$2"*) fail "$1"; printf '  did not expect: %s\n' "$2" ;;
	*) pass "$1" ;;
	esac
}

# run CMD...: sets $out, $err and $rc
run() {
	"$@" >"$T/out" 2>"$T/err"
	rc=$?
	out=$(cat "$T/out")
	err=$(cat "$T/err")
}

skip() { echo "SKIP: $1"; exit 77; }

done_testing() {
	echo "$checks checks, $failures failed"
	[ "$failures" -eq 0 ]
	exit $?
}

# exact_sum: reads decimal numbers (one per line, empty lines ignored) and
# prints their exact sum with bc, normalised (no trailing zeros).
exact_sum() {
	awk 'BEGIN { print "scale=30"; print "s=0" } NF { gsub(/[$, ]/, ""); sub(/^\+/, ""); print "s+=" $0 } END { print "s" }' |
		BC_LINE_LENGTH=0 bc | norm_num
}

# norm_num: 12.3400 -> 12.34, 5.000 -> 5, .5 -> 0.5, -.5 -> -0.5
norm_num() {
	sed -e '/\./s/0*$//' -e 's/\.$//' -e 's/^\./0./' -e 's/^-\./-0./' -e 's/^-0$/0/' -e 's/^$/0/'
}

# column_values FILE COLUMN: the raw text of COLUMN for every record, read by
# SQLite's own CSV importer (independent of focal's loader).
column_values() {
	sqlite3 -batch :memory: ".import --csv '$1' t" ".mode list" "SELECT \"$2\" FROM t;"
}

# sum_groups SQL: reads "group|v1 v2 ..." lines, prints "group|exact sum"
sum_groups() {
	while IFS='|' read -r g vals; do
		printf '%s|%s\n' "$g" "$(printf '%s\n' $vals | exact_sum)"
	done
}

# reconcile FILE DIM: every group and every cost column
reconcile() {
	f=$1 dim=$2 name=$(basename "$1")
	focal report --by "$dim" --format csv "$f" >"$T/report.csv" 2>"$T/report.err"
	rc=$?
	expect_eq "$name by $dim: exit 0" 0 "$rc"
	rm -f "$T/db"
	sqlite3 -batch "$T/db" ".import --csv '$f' t" 2>/dev/null
	col=2
	for metric in BilledCost EffectiveCost ListCost ContractedCost; do
		if ! head -1 "$f" | tr -d '\r' | tr ',' '\n' | grep -qx "$metric"; then
			col=$((col + 1))
			continue
		fi
		# SQLite reads the raw text; bc adds it
		sqlite3 -batch "$T/db" ".mode list" ".separator '|'" \
			"SELECT coalesce(NULLIF(\"$dim\", ''), '(null)'), group_concat(\"$metric\", ' ')
			 FROM t WHERE \"$metric\" NOT IN ('', 'NULL', 'null') GROUP BY 1 ORDER BY 1;" |
			sum_groups >"$T/want"
		# focal's CSV: label (maybe quoted), then 5 numeric columns
		awk -F, -v c=$col 'NR > 1 { k = $0; sub(/,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*$/, "", k)
			if (k ~ /^".*"$/) { k = substr(k, 2, length(k) - 2); gsub(/""/, "\"", k) }
			v = $(NF - 6 + c); if (v != "") print k "|" v }' "$T/report.csv" |
			while IFS='|' read -r g v; do printf '%s|%s\n' "$g" "$(printf '%s\n' "$v" | norm_num)"; done |
			LC_ALL=C sort >"$T/got"
		LC_ALL=C sort "$T/want" -o "$T/want"
		expect_eq "$name by $dim: every group's $metric" "$(cat "$T/want")" "$(cat "$T/got")"
		want=$(cut -d'|' -f2 "$T/want" | exact_sum)
		got=$(cut -d'|' -f2 "$T/got" | exact_sum)
		expect_eq "$name by $dim: total $metric" "$want" "$got"
		col=$((col + 1))
	done
}


# eur_seats SRC DEST: SRC with its Revit rows billed in EUR (seats in two
# currencies, whose costs must never be added)
eur_seats() {
	python3 - "$1" "$2" <<'PY'
import csv, sys
r = csv.reader(open(sys.argv[1], newline=""))
w = csv.writer(open(sys.argv[2], "w", newline=""), lineterminator="\n")
h = next(r); w.writerow(h)
c, n = h.index("BillingCurrency"), h.index("ServiceName")
for row in r:
    if row[n] == "Revit":
        row[c] = "EUR"
    w.writerow(row)
PY
}
