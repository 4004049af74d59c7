#!/bin/sh
# clickhouse.sh - focal over a two-shard ClickHouse cluster (issue 17), next
# to focal on the same file in memory, in one run so the machine is the same:
#   sh bench/clickhouse.sh [ROWS...]   default 1000000 (files in BENCH_DIR, /tmp/fb)
#   BENCH_RUNS=5 (runs per query, median), BENCH_FILE_RUNS (runs of the
#   whole-process report on the file, default BENCH_RUNS: 1 at 10M rows saves
#   many minutes), BENCH_SINGLE=0 (skip the push into one local table),
#   BENCH_TIMEOUT=900 (s, per command)
# Two clickhouse-server processes on loopback (tests/chservers.sh, the config
# of tests/clickhouse.sh), a MergeTree table on each (focal push --sql) and a
# Distributed table over both, then for each size:
#   - push: `focal push` of the file into the Distributed table and into a
#     single local table on one server: wall seconds, rows/s; the load alone
#     (focal report on the file) is timed too, so push minus load is the send;
#   - the explorer's drill steps as `focal report` through the cluster (whole
#     process: connection, the columns query, the grouped SELECT, printing),
#     the same report on the CSV (whole process, load included), the grouped
#     SELECT alone on the server (clickhouse-client --time), and the
#     explorer's own key time in memory for the same step (FOCAL_BENCH_KEYS:
#     query and drawing, the file already loaded);
#   - every drill step's CSV through the cluster must be byte for byte the
#     one on the file, and the totals are printed from both: a mismatch
#     fails the run (exit 1).
# Every server is stopped by PID on exit; every command is bounded by timeout.
set -u
# every load reads its files: no snapshot of an earlier load (snapcache.h)
FOCAL_CACHE_SIZE=0
export FOCAL_CACHE_SIZE
top=$(cd "$(dirname "$0")/.." && pwd)
focal=$top/src/focal
gen=$top/bench/focal-gen
dir=${BENCH_DIR:-/tmp/fb}
runs=${BENCH_RUNS:-5}
fruns=${BENCH_FILE_RUNS:-$runs}
single=${BENCH_SINGLE:-1}
tmo=${BENCH_TIMEOUT:-900}
export FOCAL_DATADIR="$top/data"
export FOCAL_WAREHOUSE_TIMEOUT=$tmo
[ $# -gt 0 ] || set -- 1000000
[ -x "$focal" ] && [ -x "$gen" ] || { echo "bench: build first (make)" >&2; exit 2; }
for c in clickhouse-server clickhouse-client python3; do
	command -v $c >/dev/null 2>&1 || { echo "bench: needs $c" >&2; exit 2; }
done
mkdir -p "$dir"
W=$(mktemp -d "$dir/ch.XXXXXX")
XDG_CONFIG_HOME=$W/cfg	# no user settings (a clickhouse-user there) leak in
export XDG_CONFIG_HOME
. "$top/tests/chservers.sh"
ch_ports
trap 'ch_stop_servers; rm -rf "$W"' EXIT
trap 'exit 1' INT TERM HUP
CH_SQL_TIMEOUT=$tmo

die() { echo "bench: $*" >&2; exit 1; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR) printf "%.3f", v[int((NR + 1) / 2)] }'; }
ms() { awk '{ printf "%.1f", $1 * 1000 }'; }

ch_start_server "$W/a" $HA $TA $IA
ch_start_server "$W/b" $HB $TB $IB
ch_wait_up 90 || { tail -5 "$W/a/log/err.log" "$W/b/log/err.log" 2>/dev/null; die "the servers did not come up"; }
A=clickhouse://127.0.0.1:$HA
chver=$(ch_sql $TA "SELECT version()")

echo "focal $("$focal" --version | head -1), ClickHouse $chver, 2 shards on loopback, $(nproc) cores,"
echo "$(free -g | awk '/^Mem/ { print $2 }') GB, $(date -u +%Y-%m-%d), median of $runs"

for rows in "$@"; do
	f=$dir/autodesk-$rows.csv
	[ -s "$f" ] || timeout "$tmo" "$gen" --rows "$rows" -o "$f" || die "focal-gen $rows"
	ps=""
	mb=$(($(wc -c <"$f") / 1000000))

	# ---- tables: a MergeTree table on each shard, a Distributed one over them
	ddl=$(timeout "$tmo" "$focal" push --sql "$f" "$A/focal.costs_local" 2>/dev/null) || die "push --sql"
	for p in $TA $TB; do
		ch_sql $p "DROP DATABASE IF EXISTS focal" && ch_sql $p "CREATE DATABASE focal" && ch_sql $p "$ddl" &&
			ch_sql $p "CREATE TABLE focal.costs AS focal.costs_local ENGINE = Distributed(two, focal, costs_local, rand())" ||
			die "tables on the shard at $p"
	done
	ch_sql $TA "CREATE TABLE focal.single AS focal.costs_local" || die "the single table"

	# ---- the load alone: focal report on the file, whole process
	: >"$W/load"
	for i in $(seq 1 "$fruns"); do
		t0=$(now)
		timeout "$tmo" "$focal" report -f csv --by ServiceSubcategory "$f" >"$W/root.mem" 2>/dev/null || die "report on the file"
		secs "$t0" "$(now)" >>"$W/load"
		echo >>"$W/load"
	done
	load=$(median <"$W/load")

	# ---- push: into the Distributed table, then into one local table
	push() {
		t0=$(now)
		timeout "$tmo" "$focal" push "$f" "$A/focal.$1" 2>"$W/push.err" || die "push into $1: $(tail -1 "$W/push.err")"
		secs "$t0" "$(now)" >"$W/push.$1"
	}
	push costs
	pd=$(cat "$W/push.costs")
	na=$(ch_sql $TA "SELECT count() FROM focal.costs_local")
	nb=$(ch_sql $TB "SELECT count() FROM focal.costs_local")
	[ "$((na + nb))" = "$rows" ] || die "rows in the tables: $na + $nb; expected $rows"
	bytes=$(ch_sql $TA "SELECT sum(bytes) FROM system.parts WHERE active AND database = 'focal' AND table = 'costs_local'")
	bytes=$((bytes + $(ch_sql $TB "SELECT sum(bytes) FROM system.parts WHERE active AND database = 'focal' AND table = 'costs_local'")))
	if [ "$single" = 1 ]; then
		push single
		ps=$(cat "$W/push.single")
		n1=$(ch_sql $TA "SELECT count() FROM focal.single")
		[ "$n1" = "$rows" ] || die "rows in the single table: $n1; expected $rows"
	fi

	# ---- the drill path: the explorer's first rows at each step
	first() { python3 -c 'import csv, sys
r = list(csv.reader(open(sys.argv[1])))
print(r[1][0] if len(r) > 1 else "")' "$1"; }
	# (the first through the cluster: the same bytes, checked below)
	s1=$(first "$W/root.mem")
	timeout "$tmo" "$focal" report -f csv --by meter --where "ServiceSubcategory=$s1" "$A/focal.costs" >"$W/x" 2>/dev/null
	s2=$(first "$W/x")
	timeout "$tmo" "$focal" report -f csv --by tag:area --where "ServiceSubcategory=$s1" --where "meter=$s2" "$A/focal.costs" >"$W/x" 2>/dev/null
	s3=$(first "$W/x")
	# rep STEP SOURCE OUT [OPTION]: the report of one drill step on the file
	# or the table (csv, or OPTION, e.g. --sql), into OUT
	rep() {
		src=$2 out=$3 opt=${4:--fcsv}
		case $1 in
		root) set -- --by ServiceSubcategory ;;
		meter) set -- --by meter --where "ServiceSubcategory=$s1" ;;
		area) set -- --by tag:area --where "ServiceSubcategory=$s1" --where "meter=$s2" ;;
		period) set -- --by period --where "ServiceSubcategory=$s1" --where "meter=$s2" --where "tag:area=$s3" ;;
		billed) set -- -m BilledCost --by ServiceSubcategory ;;
		total) set -- --by ProviderName ;;
		esac
		timeout "$tmo" "$focal" report "$opt" "$@" "$src" >"$out" 2>"$W/rep.err" ||
			die "report $* on $src: $(tail -1 "$W/rep.err")"
	}
	label() {
		case $1 in
		root) echo '--by ServiceSubcategory' ;;
		meter) echo "--by meter --where ServiceSubcategory=$s1" ;;
		area) echo "--by tag:area --where ServiceSubcategory=$s1 --where meter=$s2" ;;
		period) echo "--by period, 3 x --where (... tag:area=$s3)" ;;
		billed) echo '-m BilledCost --by ServiceSubcategory' ;;
		esac
	}

	# the explorer on the file: the same steps as keys, FOCAL_BENCH_REPEAT
	# times: Enter x3 (meter, tag:area, period under the top rows), back up
	# x3, m (BilledCost at the root), m x3 (back to EffectiveCost)
	FOCAL_BENCH_VERBOSE=1 FOCAL_BENCH_REPEAT=$runs FOCAL_BENCH_KEYS='<Enter><Enter><Enter><BS><BS><BS>mmmm' \
		timeout "$tmo" "$focal" "$f" </dev/null >/dev/null 2>"$W/keys" || true
	key() { sed -n "s/.*bench: key $1: \([0-9.]*\) ms.*/\1/p" "$W/keys" | median | awk '{ printf "%.1f", $1 }'; }
	cp "$W/keys" "$dir/clickhouse-keys.$rows"
	ff=$(sed -n 's/.*first frame \([0-9]*\) ms after start.*/\1/p' "$W/keys")

	echo
	echo "### $rows rows, $mb MB CSV, $((bytes / 1000000)) MB in MergeTree (both shards)"
	echo
	echo "| push | wall (s) | rows/s | less the load (s) | rows/s sent |"
	echo "|---|---|---|---|---|"
	for x in "Distributed (2 shards)|$pd" ${ps:+"one local table|$ps"}; do
		t=${x#*|}
		echo "| ${x%%|*} | $t | $(awk -v n="$rows" -v t="$t" 'BEGIN { printf "%.0f", n / t }') |" \
			"$(secs "$load" "$t") | $(awk -v n="$rows" -v t="$t" -v l="$load" 'BEGIN { printf "%.0f", n / (t - l) }') |"
	done
	echo "| (the load alone: focal report on the file) | $load | | | |"
	echo
	echo "| drill step | cluster: focal report (ms) | cluster: the SELECT alone (ms) | file: focal report, load included (ms) | in memory: the explorer's key (ms) | groups |"
	echo "|---|---|---|---|---|---|"
	ok=1
	for s in root meter area period billed; do
		: >"$W/tc"
		: >"$W/tm"
		: >"$W/ts"
		for i in $(seq 1 "$runs"); do
			t0=$(now)
			rep $s "$A/focal.costs" "$W/$s.ch"
			secs "$t0" "$(now)" >>"$W/tc"
			echo >>"$W/tc"
		done
		for i in $(seq 1 "$fruns"); do
			t0=$(now)
			rep $s "$f" "$W/$s.mem"
			secs "$t0" "$(now)" >>"$W/tm"
			echo >>"$W/tm"
		done
		# the grouped SELECT alone, as focal sends it, timed by the client
		rep $s "$A/focal.costs" "$W/sql" --sql
		for i in $(seq 1 "$runs"); do
			timeout "$tmo" clickhouse-client --host 127.0.0.1 --port $TA --time --query "$(cat "$W/sql")" \
				>/dev/null 2>>"$W/ts" || die "the SELECT of $s on the server"
		done
		case $s in
		root) k="$(key 6) (back up: kept)" ;;
		meter) k=$(key 1) ;;
		area) k=$(key 2) ;;
		period) k=$(key 3) ;;
		billed) k=$(key 7) ;;
		esac
		if ! cmp -s "$W/$s.mem" "$W/$s.ch"; then
			ok=0
			echo "bench: $s: the cluster's report differs from the file's:" >&2
			diff "$W/$s.mem" "$W/$s.ch" | head -6 >&2
		fi
		echo "| $(label $s) | $(median <"$W/tc" | ms) | $(median <"$W/ts" | ms) | $(median <"$W/tm" | ms) | $k | $(($(wc -l <"$W/$s.ch") - 1)) |"
	done
	echo
	echo "Explorer on the file: first frame $ff ms after start (loading included)."
	echo
	# the totals, from both: one group per provider
	rep total "$f" "$W/tot.mem"
	rep total "$A/focal.costs" "$W/tot.ch"
	if [ "$single" = 1 ]; then rep total "$A/focal.single" "$W/tot.single"; else cp "$W/tot.ch" "$W/tot.single"; fi
	echo "Totals (by ProviderName), in memory / through the cluster$([ "$single" = 1 ] && echo ' / the single table'):"
	echo
	echo '```'
	cat "$W/tot.mem"
	tail -n +2 "$W/tot.ch"
	[ "$single" = 1 ] && tail -n +2 "$W/tot.single"
	echo '```'
	if ! cmp -s "$W/tot.mem" "$W/tot.ch" || ! cmp -s "$W/tot.mem" "$W/tot.single" || [ ! -s "$W/tot.mem" ]; then
		ok=0
		echo "bench: the totals differ" >&2
	fi
	[ $ok = 1 ] || { echo "bench: FAILED: the cluster's reports are not the in-memory ones ($rows rows)" >&2; exit 1; }
	echo "Every drill step's CSV through the cluster is byte for byte the one on the file."
	ch_sql $TA "DROP DATABASE focal"
	ch_sql $TB "DROP DATABASE focal"
done
