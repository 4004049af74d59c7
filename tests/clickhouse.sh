#!/bin/sh
# focal push and focal report over a ClickHouse cluster (issue 17): two
# clickhouse-server processes on loopback, a MergeTree table on each and a
# Distributed table over both; the report through the cluster must print the
# same bytes as the report on the files. Then the faults: an unreachable
# port, a server that never answers, a wrong password, a table that is not
# FOCUS, a shard stopped - each a clear message, a non-zero exit, no hang.
# Skipped when clickhouse-server is not installed.
. "$(dirname "$0")/lib.sh"
command -v clickhouse-server >/dev/null 2>&1 || skip "clickhouse-server is not installed"
command -v clickhouse-client >/dev/null 2>&1 || skip "clickhouse-client is not installed"

. "$(dirname "$0")/chservers.sh"
ch_ports
trap 'ch_stop_servers; rm -rf "$T" "$XDG_CONFIG_HOME"' EXIT
trap 'exit 1' INT TERM
sql() { ch_sql "$@"; }

ch_start_server "$T/a" $HA $TA $IA
ch_start_server "$T/b" $HB $TB $IB
if ! ch_wait_up 60; then
	tail -5 "$T/a/log/stdout" "$T/a/log/err.log" "$T/b/log/err.log" 2>/dev/null
	fail "both clickhouse-server processes answer within 60 s"
	done_testing
fi
pass "two clickhouse-server processes up (HTTP $HA, $HB)"

SAMPLE=$SRCDIR/data/autodesk-sample.csv
"$FOCAL_GEN" --rows 20000 --seed 7 -o "$T/gen.csv" || fail "focal-gen"
A=clickhouse://127.0.0.1:$HA
B=clickhouse://127.0.0.1:$HB

# ---- the cluster: a local table on each shard, a Distributed one over them
run focal push --sql "$SAMPLE" "$T/gen.csv" "$A/focal.costs_local"
expect_eq "push --sql exits 0" 0 "$rc"
expect_contains "push --sql: exact decimals" "Decimal(38, 18)" "$out"
ddl=$out
for p in $TA $TB; do
	sql $p "CREATE DATABASE focal" && sql $p "$ddl" && sql $p \
		"CREATE TABLE focal.costs AS focal.costs_local ENGINE = Distributed(two, focal, costs_local, rand())" ||
		fail "tables on the shard at $p"
done

run timeout 120 "$FOCAL" push "$SAMPLE" "$T/gen.csv" "$A/focal.costs"
expect_eq "push through the Distributed table exits 0" 0 "$rc"
expect_contains "push says how many rows" "25017 rows into focal.costs" "$err"
na=$(sql $TA "SELECT count() FROM focal.costs_local")
nb=$(sql $TB "SELECT count() FROM focal.costs_local")
expect_eq "the rows are spread over both shards, none lost" "25017 yes" "$((na + nb)) $([ "$na" -gt 0 ] && [ "$nb" -gt 0 ] && echo yes)"

# same_report NAME ARGS...: the report through the cluster equals the
# report on the files, byte for byte, as a table, CSV and JSON
same_report() {
	name=$1
	shift
	for fmt in table csv json; do
		focal report -f $fmt "$@" "$SAMPLE" "$T/gen.csv" >"$T/files.out" 2>/dev/null
		timeout 60 "$FOCAL" report -f $fmt "$@" "$A/focal.costs" >"$T/cluster.out" 2>"$T/cluster.err"
		r=$?
		if [ $r = 0 ] && [ -s "$T/files.out" ] && cmp -s "$T/files.out" "$T/cluster.out"; then
			pass "$name ($fmt): the cluster prints the files' report"
		else
			fail "$name ($fmt): the cluster prints the files' report (exit $r)"
			diff "$T/files.out" "$T/cluster.out" | head -8
			head -3 "$T/cluster.err"
		fi
	done
}
for m in BilledCost EffectiveCost ListCost ContractedCost; do
	same_report "$m by ServiceSubcategory" -m $m --by ServiceSubcategory
done
same_report "by tag:area" --by tag:area
same_report "by period" --by period
same_report "by quarter and subcategory" --by period:quarter,ServiceSubcategory
same_report "by meter under a --where" --by meter --where "ServiceSubcategory=Platform APIs (APS)"
same_report "a != and a period compared" --by tag:area,meter --where "ChargeCategory!=Tax" --where "period>=2026-01"
same_report "--top folds the rest" -m ListCost --by ServiceName -n 3
same_report "--currency" --by SubAccountName --currency USD
# what only the files' report has runs through the warehouse engine (the
# explorer's): the same code on the same answers
same_report "--compare" --compare --by ServiceSubcategory
same_report "--compare of a quarter, by meter" -m ListCost --compare --range 2026-Q3 --by meter
same_report "--range ytd by tag:area" --range ytd --by tag:area
same_report "--from and --to" --from 2026-01 --to 2026-06 --by ServiceName
same_report "--pivot" --pivot period --by ServiceSubcategory
focal report --list-dims "$SAMPLE" "$T/gen.csv" 2>/dev/null | grep -v '^file	' >"$T/files.out"
run timeout 60 "$FOCAL" report --list-dims "$A/focal.costs"
expect_eq "--list-dims: the table's dimensions and distinct values, as the files' (but file)" \
	"$(cat "$T/files.out")" "$out"
run timeout 60 "$FOCAL" report --sql --compare "$A/focal.costs"
expect_eq "--sql with --compare on a table: a usage error, not SQLite's SQL" 64 "$rc"

# focal sql on a table: the server runs it, read-only; the same printer
run timeout 60 "$FOCAL" sql --format csv 'SELECT count() AS n, countIf(ChargeCategory = '"'"'Tax'"'"') AS tax FROM focal.costs;' \
	"$A/focal.costs"
expect_eq "sql on a table: the cluster's count, as CSV" "n,tax
25017,$(focal sql --format csv "SELECT count(*) FROM focus WHERE ChargeCategory = 'Tax'" "$SAMPLE" "$T/gen.csv" 2>/dev/null |
	tail -1)" "$out"
run timeout 60 "$FOCAL" sql --format table 'SELECT ServiceSubcategory, count() AS rows FROM focal.costs GROUP BY ServiceSubcategory ORDER BY rows DESC LIMIT 2' "$A/focal.costs"
n=$(focal report -f csv --by ServiceSubcategory "$SAMPLE" "$T/gen.csv" 2>/dev/null | grep '^Product Subscriptions,' |
	awk -F, '{ print $NF }')
expect_eq "... a table: the count with thousands separated" "Product Subscriptions $(python3 -c \
	'import sys; print(f"{int(sys.argv[1]):,}")' "$n")" "$(echo "$out" | grep '^Product Subscriptions' | tr -s ' ')"
expect_eq "... numbers right-aligned" 1 "$(echo "$out" | tail -n +2 | awk '{ print length($0) }' | sort -u | wc -l)"
run timeout 60 "$FOCAL" sql --format json 'SELECT BillingCurrency, NULL AS nothing FROM focal.costs LIMIT 1' "$A/focal.costs"
expect_eq "... JSON, a NULL as null" '{"columns":["BillingCurrency","nothing"],"rows":[
{"BillingCurrency":"USD","nothing":null}]}' "$out"
run timeout 60 "$FOCAL" sql --format csv 'SELECT ServiceSubcategory, sum(BilledCost) AS b FROM focal.costs GROUP BY ServiceSubcategory ORDER BY ServiceSubcategory' "$A/focal.costs"
expect_eq "... a Decimal sum written as the files' SQL writes it (no trailing zeros of its scale)" \
	"$(focal sql --format csv 'SELECT ServiceSubcategory, sum(BilledCost) AS b FROM focus GROUP BY ServiceSubcategory ORDER BY ServiceSubcategory' \
	"$SAMPLE" "$T/gen.csv" 2>/dev/null)" "$out"
run timeout 60 "$FOCAL" sql 'INSERT INTO focal.costs_local SELECT * FROM focal.costs_local LIMIT 1' "$A/focal.costs"
expect_eq "sql on a table: a write is refused by the server (exit 4)" 4 "$rc"
expect_contains "... which says why" "readonly" "$err"
run timeout 60 "$FOCAL" sql 'DROP TABLE focal.costs_local' "$A/focal.costs"
expect_eq "... and a DROP (exit 4)" 4 "$rc"
expect_contains "... also refused as a write" "readonly" "$err"
expect_eq "... the rows are all still there" 25017 "$(sql $TA "SELECT count() FROM focal.costs")"
run timeout 60 "$FOCAL" sql 'SELECT nosuchcolumn FROM focal.costs' "$A/focal.costs"
expect_eq "... a bad query: exit 4" 4 "$rc"
expect_contains "... with the server's reason" "nosuchcolumn" "$err"

# a month-to-date export: its partial periods said as the report on the file says them
. "$(dirname "$0")/mtd-fixture.sh"
run timeout 60 "$FOCAL" push --create "$f" "$B/focal.mtd"
expect_eq "push of a month-to-date export" 0 "$rc"
for by in period period:quarter period:day ServiceName,period; do
	focal report --by "$by" "$f" 2>&1 >"$T/f.out" | grep "is partial" >"$T/f.notes"
	timeout 60 "$FOCAL" report --by "$by" "$B/focal.mtd" 2>&1 >"$T/c.out" | grep "is partial" >"$T/c.notes"
	expect_eq "--by $by: the same report" "$(cat "$T/f.out")" "$(cat "$T/c.out")"
	expect_eq "--by $by: the same partial periods said" "$(cat "$T/f.notes")" "$(cat "$T/c.notes")"
done
expect_contains "... November to date is one of them" "2026-11 is partial: the rows cover 14 of 30 days" \
	"$(timeout 60 "$FOCAL" report --by period "$B/focal.mtd" 2>&1 >/dev/null)"
# a period a --where window cuts is partial too; one not shown is not said
for args in "period|period>2026-09-15" "period:quarter|period=2026-10" "period|ServiceName=B"; do
	by=${args%%|*} w=${args#*|}
	focal report --by "$by" --where "$w" "$f" 2>&1 >"$T/f.out" | grep "is partial" >"$T/f.notes"
	timeout 60 "$FOCAL" report --by "$by" --where "$w" "$B/focal.mtd" 2>&1 >"$T/c.out" | grep "is partial" >"$T/c.notes"
	expect_eq "--by $by --where $w: the same report" "$(cat "$T/f.out")" "$(cat "$T/c.out")"
	expect_eq "--by $by --where $w: the same partial periods said" "$(cat "$T/f.notes")" "$(cat "$T/c.notes")"
	case $w in
	period\>*) expect_eq "... September cut at the 15th, November to date" \
		"focal: note: 2026-09 is partial: the rows cover 15 of 30 days of it
focal: note: 2026-11 is partial: the rows cover 14 of 30 days of it" "$(cat "$T/c.notes")" ;;
	period=*) expect_eq "... the quarter holds October alone" \
		"focal: note: 2026-Q4 is partial: the rows cover 1 of 3 months of it" "$(cat "$T/c.notes")" ;;
	esac
done
# ... and ones whose month's recurring charge spans the whole month: the
# daily rows say where they end (and start), in the table as in the file
mtd_monthly "$T/mtd14.csv" 14
awk -F, 'NR == 1 || $4 == "Purchase" || $5 >= "2026-09-20"' "$T/mtd14.csv" >"$T/last.csv"
# usage every day to the 30th: a cut; on weekdays to Friday the 30th: whole
# (the slack is the data's own longest run of days without rows)
mtd_monthly "$T/mtd30.csv" 30
weekdays "$T/mtd30.csv" >"$T/wd30.csv"
for x in mtd30 wd30 mtd14 last; do
	run timeout 60 "$FOCAL" push --create "$T/$x.csv" "$B/focal.$x"
	expect_eq "push of $x.csv (a monthly charge)" 0 "$rc"
	focal report --by period "$T/$x.csv" 2>&1 >"$T/f.out" | grep "is partial" >"$T/f.notes"
	timeout 60 "$FOCAL" report --by period "$B/focal.$x" 2>&1 >"$T/c.out" | grep "is partial" >"$T/c.notes"
	expect_eq "$x: the same report, in time order" "$(cat "$T/f.out")" "$(cat "$T/c.out")"
	expect_eq "$x: the same partial periods said" "$(cat "$T/f.notes")" "$(cat "$T/c.notes")"
	case $x in
	mtd30) expect_eq "... October to the 30th, of rows every day" \
		"focal: note: 2026-10 is partial: the rows cover 30 of 31 days of it" "$(cat "$T/c.notes")" ;;
	wd30) expect_eq "... none, of rows on weekdays" "" "$(cat "$T/c.notes")" ;;
	esac
done
expect_eq "... September from the 20th and October to the 14th" \
	"focal: note: 2026-09 is partial: the rows cover 11 of 30 days of it
focal: note: 2026-10 is partial: the rows cover 14 of 31 days of it" "$(cat "$T/c.notes")"

# the sample alone, pushed with --create to one server
run timeout 60 "$FOCAL" push --create "$SAMPLE" "$B/focal.sample"
expect_eq "push --create exits 0" 0 "$rc"
focal report -f csv --by ServiceSubcategory "$SAMPLE" >"$T/s1" 2>/dev/null
timeout 60 "$FOCAL" report -f csv --by ServiceSubcategory "$B/focal.sample" >"$T/s2" 2>&1
expect_eq "the sample's report from the table it was pushed to" "$(cat "$T/s1")" "$(cat "$T/s2")"
run timeout 60 "$FOCAL" push --create "$SAMPLE" "$B/focal.sample"
expect_eq "push --create on an existing table: exit 2" 2 "$rc"
expect_contains "... with the server's reason" "already exists" "$err"

# two currencies: never added; a --where on the currency is one report, as on the files
head -1 "$SAMPLE" >"$T/eur.csv"
sed -n '2,40p' "$SAMPLE" | sed 's/,USD,/,EUR,/g' >>"$T/eur.csv"
run timeout 60 "$FOCAL" push --create "$SAMPLE" "$T/eur.csv" "$B/focal.two"
expect_eq "push of two currencies exits 0" 0 "$rc"
for fmt in table csv json; do
	for args in "--by ServiceSubcategory" "--by ServiceSubcategory --where BillingCurrency=EUR" \
		"--by BillingCurrency,ChargeCategory --where BillingCurrency!=USD" "--by meter --currency EUR"; do
		# shellcheck disable=SC2086
		focal report -f $fmt $args "$SAMPLE" "$T/eur.csv" >"$T/f.out" 2>"$T/f.err"
		# shellcheck disable=SC2086
		timeout 60 "$FOCAL" report -f $fmt $args "$B/focal.two" >"$T/c.out" 2>"$T/c.err"
		expect_eq "two currencies, $args ($fmt): the files' report" "$(cat "$T/f.out")" "$(cat "$T/c.out")"
	done
done
timeout 60 "$FOCAL" report -f table --by ServiceSubcategory "$B/focal.two" >"$T/c.out" 2>"$T/c.err"
expect_contains "... each currency totalled apart, and said so" "2 billing currencies: each is totalled apart" \
	"$(cat "$T/c.err")"
expect_contains "... a table has a EUR section" "BillingCurrency EUR" "$(cat "$T/c.out")"
expect_contains "... and a USD one" "BillingCurrency USD" "$(cat "$T/c.out")"
# focal sql on it: a sum that adds the two is said, as over the files (the
# warehouse plans its own SQL: focal reads the query's text, sqlmix.c)
for q in "SELECT sum(EffectiveCost) AS s FROM focus" \
	"SELECT round(sum(BilledCost), 2) AS s FROM focus WHERE BillingCurrency <> 'GBP'" \
	"SELECT BillingCurrency, sum(BilledCost) AS s FROM focus GROUP BY BillingCurrency ORDER BY BillingCurrency" \
	"SELECT sum(BilledCost) AS s FROM focus WHERE BillingCurrency = 'EUR' AND ChargeCategory = 'Usage'" \
	"SELECT sum(BilledCost) AS s FROM focus WHERE ChargeCategory = 'Usage' AND (BillingCurrency = 'EUR')" \
	"SELECT sum(BilledCost) AS s FROM focus WHERE (BillingCurrency = 'EUR' OR ChargeCategory = 'Usage')" \
	"SELECT length(BillingCurrency) AS l, sum(BilledCost) AS s FROM focus GROUP BY length(BillingCurrency)" \
	"SELECT sum(BilledCost) AS s FROM focus WHERE BillingCurrency = 'EUR';" \
	"SELECT ChargeCategory, count() AS n FROM focus GROUP BY ChargeCategory ORDER BY ChargeCategory"; do
	focal sql --format csv "$(echo "$q" | sed 's/count()/count(*)/')" "$SAMPLE" "$T/eur.csv" >"$T/f.out" 2>"$T/f.err"
	timeout 60 "$FOCAL" sql --format csv "$(echo "$q" | sed 's/FROM focus/FROM focal.two/')" "$B/focal.two" \
		>"$T/c.out" 2>"$T/c.err"
	expect_eq "sql, two currencies, $q: the files' answer" "$(cat "$T/f.out")" "$(cat "$T/c.out")"
	expect_eq "... of a header and rows" 1 "$([ "$(wc -l <"$T/c.out")" -ge 2 ] && echo 1)"
	expect_eq "... and the files' note (or none)" "$(grep 'billing currencies' "$T/f.err")" "$(cat "$T/c.err")"
done
expect_contains "... the plain sum is said" "the rows are in 2 billing currencies" \
	"$(timeout 60 "$FOCAL" sql 'SELECT sum(EffectiveCost) FROM focal.two' "$B/focal.two" 2>&1 >/dev/null)"
expect_eq "... not over one currency's table" "" \
	"$(timeout 60 "$FOCAL" sql 'SELECT sum(EffectiveCost) FROM focal.costs' "$A/focal.costs" 2>&1 >/dev/null)"

# rejected rows: the same exit status as focal report, and not pushed
printf '%s\n' "$(head -1 "$SAMPLE")" >"$T/bad.csv"
sed -n 2,4p "$SAMPLE" >>"$T/bad.csv"
sed -n 5p "$SAMPLE" | sed 's/,USD,/,USD,/; s/2025-01-01T00:00:00Z/not-a-date/g' >>"$T/bad.csv"
focal report --by ServiceName "$T/bad.csv" >/dev/null 2>&1
want=$?
run timeout 60 "$FOCAL" push --create "$T/bad.csv" "$B/focal.bad"
expect_eq "push with a rejected row exits as report does ($want)" "$want" "$rc"
expect_eq "... and only the good rows are in the table" "$(focal report -f csv --by ServiceName "$T/bad.csv" 2>/dev/null |
	awk -F, 'NR > 1 { n += $NF } END { print n }')" "$(sql $TB "SELECT count() FROM focal.bad")"

# a --where value of 1,300 bytes reaches the server whole, and a tag key
# too long to quote is refused (fuzz_wh_sql: the value was cut at 1,196
# bytes and matched nothing, a --where tag key at 251)
long=$(printf 'x%.0s' $(seq 1 1300))
head -1 "$SAMPLE" >"$T/long.csv"
sed -n 2p "$SAMPLE" | sed "s/,Architecture,/,$long,/" >>"$T/long.csv"
sed -n 3,4p "$SAMPLE" >>"$T/long.csv"
run timeout 60 "$FOCAL" push --create "$T/long.csv" "$B/focal.long"
expect_eq "push of a 1,300-byte SubAccountName exits 0" 0 "$rc"
focal report -f csv --by SubAccountName --where "SubAccountName=$long" "$T/long.csv" >"$T/files.out" 2>/dev/null
run timeout 60 "$FOCAL" report -f csv --by SubAccountName --where "SubAccountName=$long" "$B/focal.long"
expect_eq "--where a 1,300-byte value: the table's row, as the file's" "$(cat "$T/files.out")" "$out"
expect_eq "... one group, the value whole" 1 "$(printf '%s\n' "$out" | grep -c "^$long,")"
run timeout 60 "$FOCAL" report --by "tag:$(printf 'k%.0s' $(seq 1 201))" "$B/focal.long"
expect_contains "a tag key of 201 bytes: refused, said so" "a tag key longer than 200 bytes (201)" "$err"

# ---- faults: each a clear message, a non-zero exit, no hang
run timeout 30 "$FOCAL" report --by ServiceName "clickhouse://127.0.0.1:1/focal.costs"
expect_eq "unreachable port: exit 2" 2 "$rc"
expect_contains "... says the connection was refused" "connection refused" "$err"

if command -v python3 >/dev/null 2>&1; then
	python3 -c 'import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(5)
print(s.getsockname()[1], flush=True); time.sleep(60)' >"$T/silent.port" &
	spid=$!
	pids="$pids $spid"
	i=0
	while [ ! -s "$T/silent.port" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	run timeout 30 env FOCAL_WAREHOUSE_TIMEOUT=2 "$FOCAL" report "clickhouse://127.0.0.1:$(cat "$T/silent.port")/focal.costs"
	expect_eq "a server that never answers: exit 2 (not the timeout's 124)" 2 "$rc"
	expect_contains "... says it did not answer in time" "no answer within" "$err"
	kill $spid 2>/dev/null
fi

run timeout 30 env FOCAL_CLICKHOUSE_USER=focal FOCAL_CLICKHOUSE_PASSWORD=wrong "$FOCAL" report "$A/focal.costs"
expect_eq "wrong password: exit 2" 2 "$rc"
expect_contains "... with the server's words" "Wrong password for user focal" "$err"
expect_contains "... and where the password comes from" "FOCAL_CLICKHOUSE_PASSWORD" "$err"
run timeout 30 env FOCAL_CLICKHOUSE_USER=focal "FOCAL_CLICKHOUSE_PASSWORD=s3cret pass" "$FOCAL" report -f csv \
	--by ServiceSubcategory "$A/focal.costs"
expect_eq "the right password: exit 0" 0 "$rc"
mkdir -p "$XDG_CONFIG_HOME/focal"
printf 'clickhouse-user = focal\nclickhouse-password = wrong\n' >"$XDG_CONFIG_HOME/focal/config"
run timeout 30 "$FOCAL" report -f csv --by ServiceSubcategory "$A/focal.costs"
expect_eq "the settings file's user and password are used (a wrong one: exit 2)" 2 "$rc"
run timeout 30 env "FOCAL_CLICKHOUSE_PASSWORD=s3cret pass" "$FOCAL" report -f csv --by ServiceSubcategory "$A/focal.costs"
expect_eq "... the environment's password beats the file's" 0 "$rc"
printf 'clickhouse-user = focal\nclickhouse-password = s3cret pass\n' >"$XDG_CONFIG_HOME/focal/config"
run timeout 30 "$FOCAL" report -f csv --by ServiceSubcategory "$A/focal.costs"
expect_eq "the user and password from the settings file: exit 0" 0 "$rc"
rm -f "$XDG_CONFIG_HOME/focal/config"
run timeout 30 "$FOCAL" report "clickhouse://focal:s3cret@127.0.0.1:$HA/focal.costs"
expect_eq "a password in the URL is refused: exit 64" 64 "$rc"
expect_not_contains "... and not printed back" "s3cret" "$err"

sql $TA "CREATE TABLE focal.notfocus (id UInt32, name String) ENGINE = Memory"
run timeout 30 "$FOCAL" report "$A/focal.notfocus"
expect_eq "a table that is not FOCUS: exit 2" 2 "$rc"
expect_contains "... says so" "is not a FOCUS table: it has no column ChargePeriodStart" "$err"
sql $TA "CREATE TABLE focal.floats (ChargePeriodStart DateTime, BillingCurrency String, BilledCost Float64, EffectiveCost Float64) ENGINE = Memory"
run timeout 30 "$FOCAL" report "$A/focal.floats"
expect_eq "money in a Float column: exit 2" 2 "$rc"
expect_contains "... money is added exactly" "from a Decimal column only" "$err"
run timeout 30 "$FOCAL" report "$A/focal.nosuch"
expect_eq "a missing table: exit 2" 2 "$rc"
expect_contains "... says so" "no table focal.nosuch" "$err"
run timeout 30 "$FOCAL" report --by NoSuchColumn "$A/focal.costs"
expect_eq "an unknown --by: exit 64" 64 "$rc"
run timeout 30 "$FOCAL" report --where "period>=July" "$A/focal.costs"
expect_eq "a bad period in --where: exit 64" 64 "$rc"
expect_contains "... names what was expected" "expected a period" "$err"
run timeout 30 "$FOCAL" push "$SAMPLE" "$A/focal.notfocus"
expect_eq "push into a table without the columns: exit 2" 2 "$rc"
expect_contains "... names the missing column" "has no column ProviderName" "$err"

# Ctrl-C while the server works: the query stops there too, not only here
# (a view over system.numbers keeps a GROUP BY busy for minutes)
sql $TA "CREATE VIEW focal.slow AS SELECT toDateTime('2026-01-01 00:00:00', 'UTC') AS ChargePeriodStart, \
	'USD' AS BillingCurrency, toDecimal128(number % 7, 18) AS BilledCost, toDecimal128(1, 18) AS EffectiveCost, \
	toString(number % 5) AS ServiceName FROM system.numbers LIMIT 100000000000" || fail "the slow view"
running() { [ "$(sql $TA "SELECT count() FROM system.processes WHERE query_id LIKE 'focal-%'")" != 0 ]; }
"$FOCAL" report --by ServiceName "$A/focal.slow" >"$T/slow.out" 2>"$T/slow.err" &
fpid=$!
pids="$pids $fpid"
w=0
until running || [ $w -ge 100 ]; do sleep 0.1; w=$((w + 1)); done
running && pass "a slow query runs on the server" || fail "a slow query runs on the server"
t0=$(date +%s)
kill -INT $fpid
w=0
while kill -0 $fpid 2>/dev/null && [ $w -ge 0 ] && [ $w -lt 200 ]; do sleep 0.1; w=$((w + 1)); done
kill -KILL $fpid 2>/dev/null
wait $fpid
rc=$?
expect_eq "Ctrl-C: exit 130, within 20 s" "130 yes" "$rc $([ $(($(date +%s) - t0)) -le 20 ] && echo yes)"
expect_contains "... says the query was stopped on the server too" "stopped on the server too" "$(cat "$T/slow.err")"
w=0
while running && [ $w -lt 100 ]; do sleep 0.1; w=$((w + 1)); done
running && fail "... and the server runs it no more" || pass "... and the server runs it no more"

# on a terminal: how long focal has waited, then Ctrl-C typed
if command -v tmux >/dev/null 2>&1; then
	tmx() { tmux -S "$T/tmux" -f /dev/null "$@"; }
	tmx new-session -d -x 120 -y 10 "'$FOCAL' report --by ServiceName '$A/focal.slow'; echo exit=\$?; sleep 60"
	shows() { tmx capture-pane -p | grep -q -- "$1"; }
	w=0
	until shows "waiting for" || [ $w -ge 100 ]; do sleep 0.1; w=$((w + 1)); done
	expect_contains "a terminal sees how long the query has run" "s (Ctrl-C stops the query, also on the server)" \
		"$(tmx capture-pane -p)"
	tmx send-keys C-c
	w=0
	until shows "exit=" || [ $w -ge 200 ]; do sleep 0.1; w=$((w + 1)); done
	expect_contains "... Ctrl-C typed stops it there too" "stopped on the server too" "$(tmx capture-pane -p)"
	expect_contains "... exit 130" "exit=130" "$(tmx capture-pane -p)"
	tmx kill-server 2>/dev/null
fi

# ---- the explorer on the cluster (one query interface, two engines): the
# same keys on the files and on the Distributed table show the same screens
# (all but the first line, which names the files or the table)
if command -v tmux >/dev/null 2>&1; then
	tmx() { tmux -S "$T/tmux-ex" -f /dev/null "$@"; }	# not the socket of the server just killed
	# screens NAME CMD KEYS...: the screen after the start and after each key
	screens() {
		name=$1 cmd=$2
		shift 2
		tmx new-session -d -s "$name" -x 100 -y 30 "$cmd; echo exit=\$?; sleep 60"
		settle "$name"
		n=0
		tmx capture-pane -p -t "$name" >"$T/$name.0"
		for k in "$@"; do
			n=$((n + 1))
			tmx send-keys -t "$name" "$k"
			settle "$name"
			tmx capture-pane -p -t "$name" >"$T/$name.$n"
		done
	}
	# settle NAME: until the screen has not changed for 0.6 s (at most 20 s)
	settle() {
		prev= w=0
		while [ $w -lt 100 ]; do
			sleep 0.3
			cur=$(tmx capture-pane -p -t "$1") || break	# no such session: nothing to wait for
			[ -n "$cur" ] && [ "$cur" = "$prev" ] && case $cur in *waiting\ for*) ;; *) break ;; esac
			prev=$cur w=$((w + 1))
		done
	}
	# key NAME KEY: typed, then the screen settles; pane NAME: the screen
	key() { tmx send-keys -t "$1" "$2"; settle "$1"; }
	pane() { tmx capture-pane -p -t "$1"; }
	# drills, metric, grain, a chooser; then a chip left out (x) and one kept
	# (i), a drill under them, the period window moved ([ ]), the sort
	keys="Enter Enter Enter Enter h h m m p Down Enter h h h d Escape x Down i Enter h z z [ [ ] s s f q"
	screens files "FOCAL_CACHE_SIZE=0 '$FOCAL' '$SAMPLE' '$T/gen.csv'" $keys
	screens cluster "'$FOCAL' '$A/focal.costs'" $keys
	same=0 diffs=
	nkeys=$(($(echo $keys | wc -w) + 1))
	for i in $(seq 0 $((nkeys - 1))); do
		# the dimension list counts the files' "file" dimension (not in a table)
		tail -n +2 "$T/files.$i" | grep -v -e 'available, type to search' -e '^ *[0-9]*/7[12]$' >"$T/f"
		tail -n +2 "$T/cluster.$i" | grep -v -e 'available, type to search' -e '^ *[0-9]*/7[12]$' >"$T/c"
		if cmp -s "$T/f" "$T/c"; then same=$((same + 1)); else diffs="$diffs $i"; diff "$T/f" "$T/c" | head -6; fi
	done
	expect_eq "the explorer on the cluster shows the files' screens, $nkeys of $nkeys (differ at:$diffs)" $nkeys "$same"
	expect_contains "... drilled four levels, through meter and tag:area, to the periods" \
		"All › Product Subscriptions › product_seats › BIM › 2025-01" "$(cat "$T/cluster.4")"
	expect_contains "... the header names the table and the profile it found" "focal.costs · Autodesk" \
		"$(head -1 "$T/cluster.0")"
	expect_contains "... ListCost's upfront purchases said as on the files" "upfront purchases" "$(cat "$T/cluster.8")"
	expect_contains "... the dimensions listed with their distinct values" "tag:area" "$(cat "$T/cluster.15")"
	expect_contains "... the forecast of a path (f), the same on both" "Projected*" "$(cat "$T/cluster.29")"
	# the forecast of everything: its recurring charges by the month, read
	# from the warehouse as from the files
	screens files2 "FOCAL_CACHE_SIZE=0 '$FOCAL' '$SAMPLE' '$T/gen.csv'" f
	screens cluster2 "'$FOCAL' '$A/focal.costs'" f
	tail -n +2 "$T/files2.1" >"$T/f"
	tail -n +2 "$T/cluster2.1" >"$T/c"
	cmp -s "$T/f" "$T/c" && pass "... the whole data's forecast, the same on both" ||
		{ fail "... the whole data's forecast, the same on both"; diff "$T/f" "$T/c"; }
	expect_contains "... with its recurring charges by the month" "Recurring charges" "$(cat "$T/cluster2.1")"
	tmx kill-session -t files2
	tmx kill-session -t cluster2
	key cluster R
	expect_contains "... R says the rows stay in the warehouse, not an empty list" "which stay in the warehouse" \
		"$(pane cluster)"
	key cluster w
	expect_contains "... and so does the what-if (not 'no seat products')" "the what-if reads the rows" \
		"$(pane cluster)"
	key cluster q
	expect_contains "... q leaves it: exit 0" "exit=0" "$(pane cluster)"

	# Ctrl-C while the warehouse works (d counts every column's values,
	# and this view's Slow column sleeps 3 s a block): the query stops,
	# here and on the server, and the explorer stays
	sql $TA "CREATE VIEW focal.slowcol AS SELECT toDateTime('2026-01-01 00:00:00', 'UTC') AS ChargePeriodStart, \
		'USD' AS BillingCurrency, toDecimal128(number % 7, 18) AS BilledCost, toDecimal128(1, 18) AS EffectiveCost, \
		toString(number % 5) AS ServiceName, if(sleep(3) = 0, toString(number % 3), '') AS Slow \
		FROM system.numbers LIMIT 4000000" || fail "the slow-column view"
	tmx new-session -d -s slow -x 100 -y 20 "'$FOCAL' '$A/focal.slowcol'; echo exit=\$?; sleep 60"
	settle slow
	expect_contains "the explorer on a view opens" "ServiceName (5)" "$(pane slow)"
	tmx send-keys -t slow d
	w=0
	until tmx capture-pane -p -t slow | grep -q "waiting for ClickHouse" || [ $w -ge 100 ]; do sleep 0.1; w=$((w + 1)); done
	expect_contains "... a slow request shows how long it has waited" "s (Ctrl-C stops the query)" \
		"$(pane slow)"
	running && pass "... while the server runs it" || fail "... while the server runs it"
	tmx send-keys -t slow C-c
	w=0
	until tmx capture-pane -p -t slow | grep -q "error:" || [ $w -ge 100 ]; do sleep 0.1; w=$((w + 1)); done
	expect_contains "... Ctrl-C stops it and says so" "cancelled" "$(pane slow)"
	w=0
	while running && [ $w -lt 100 ]; do sleep 0.1; w=$((w + 1)); done
	running && fail "... and the server runs it no more" || pass "... and the server runs it no more"
	key slow Escape
	expect_contains "... and the explorer is still there" "ServiceName (5)" "$(pane slow)"
	key slow q
	expect_contains "... q leaves it: exit 0" "exit=0" "$(pane slow)"

	# the server goes away under the explorer: views seen before come from
	# the cache, a new one says why it is empty, and the explorer stays
	tmx new-session -d -s gone -x 100 -y 30 "'$FOCAL' '$B/focal.costs_local'; echo exit=\$?; sleep 60"
	settle gone
	key gone Enter
	tmx capture-pane -p -t gone >"$T/gone.1"
	key gone h
	kill "$(cat "$T/b/pid")"
	i=0
	while kill -0 "$(cat "$T/b/pid")" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.2; i=$((i + 1)); done
	key gone Enter
	tmx capture-pane -p -t gone >"$T/gone.2"
	if cmp -s "$T/gone.1" "$T/gone.2"; then
		pass "the server stopped: a view seen before comes back from the cache, unchanged"
	else
		fail "the server stopped: a view seen before comes back from the cache, unchanged"
		diff "$T/gone.1" "$T/gone.2" | head
	fi
	key gone Enter
	expect_contains "... a view not seen before says the server is gone" "connection refused" \
		"$(pane gone)"
	key gone h
	key gone q
	expect_contains "... and the explorer stays up until q: exit 0" "exit=0" "$(pane gone)"
	tmx kill-server 2>/dev/null
fi

# one shard stopped: the Distributed table cannot answer for its rows
kill "$(cat "$T/b/pid")" 2>/dev/null
i=0
while kill -0 "$(cat "$T/b/pid")" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.2; i=$((i + 1)); done
run timeout 60 "$FOCAL" report --by ServiceSubcategory "$A/focal.costs"
expect_eq "a shard stopped: exit 2" 2 "$rc"
expect_contains "... with the server's reason" "the server answered 500" "$err"
echo "  (said: $err)"
expect_eq "... and no partial report on stdout" "" "$out"
run timeout 60 "$FOCAL" push "$SAMPLE" "$A/focal.costs"
expect_eq "push with a shard stopped: exit 2" 2 "$rc"

done_testing
