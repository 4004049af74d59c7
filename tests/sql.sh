#!/bin/sh
# focal sql: the focus table, exact sums, pushdown, refusals, errors, Ctrl-C.
. "$(dirname "$0")/lib.sh"
S=$SRCDIR/data/autodesk-sample.csv

# SUM(EffectiveCost) is what focal report prints, to the last digit
for m in BilledCost EffectiveCost ListCost ContractedCost; do
	want=$(focal report --by ServiceName --metric $m --format json "$S" |
		sed -n 's/.*"total":.*"'$m'":\([^,]*\),.*/\1/p')
	run focal sql --format csv "SELECT sum($m) FROM focus" "$S"
	expect_eq "sum($m) equals the report total" "$want" "$(printf '%s\n' "$out" | sed -n 2p)"
done
# quantities have no total across units (issue 12): each unit's sum is the report's
for q in ConsumedQuantity:ConsumedUnit PricingQuantity:PricingUnit; do
	m=${q%%:*} u=${q#*:}
	want=$(focal report --by $u --metric $m --format csv "$S" 2>/dev/null | tail -n +2 |
		awk -F, '$1 != "(null)" { print $1 "," $7 }' | LC_ALL=C sort)
	run focal sql --format csv "SELECT $u, sum($m) FROM focus WHERE $u IS NOT NULL GROUP BY 1" "$S"
	expect_eq "sum($m) per $u equals the report's" "$want" "$(printf '%s\n' "$out" | tail -n +2 | LC_ALL=C sort)"
done
run focal sql --format csv "SELECT count(*) FROM focus" "$S"
expect_eq "one row per loaded row" "5017" "$(printf '%s\n' "$out" | sed -n 2p)"

# 18 decimals: exact in sum, total, avg and the values themselves
cat >"$T/d18.csv" <<'CSV'
ChargePeriodStart,ServiceName,BilledCost,EffectiveCost
2025-01-01T00:00:00Z,A,0.123456789012345678,1.000000000000000001
2025-01-02T00:00:00Z,B,0.1,2.5
2025-01-03T00:00:00Z,A,123456789.987654321987654321,-0.000000000000000001
2025-02-01 00:00:00,A,,7
CSV
run focal sql --format csv "SELECT sum(BilledCost), total(EffectiveCost), avg(BilledCost) FROM focus" "$T/d18.csv"
expect_eq "exact sum/total/avg of 18-decimal values" \
	"123456790.211111110999999999,10.5,41152263.403703703666666666" "$(printf '%s\n' "$out" | sed -n 2p)"
run focal sql --format csv "SELECT BilledCost, typeof(BilledCost), EffectiveCost, typeof(EffectiveCost) FROM focus" "$T/d18.csv"
expect_eq "18 decimals kept exact as text, short ones as real, whole as integer" \
	"0.123456789012345678,text,1.000000000000000001,text
0.1,real,2.5,real
123456789.987654321987654321,text,-0.000000000000000001,real
,null,7,integer" "$(printf '%s\n' "$out" | sed 1d)"
# the table is for people, as focal report's: numbers right-aligned with
# thousands separators and every decimal kept; CSV keeps them bare
run focal sql --format table "SELECT ServiceName, sum(BilledCost) AS billed, count(*) AS n FROM focus GROUP BY 1 ORDER BY 1" "$T/d18.csv"
expect_eq "table: separators, exact, aligned" "ServiceName                          billed  n
A            123,456,790.111111110999999999  3
B                                       0.1  1" "$out"

# decimal_add/sub/mul/cmp, decimal() and decimal_sum(): SQLite's decimal
# extension's names (the stock shell has them), over focal's exact money
run focal sql --format csv "SELECT decimal_sub(sum(BilledCost), sum(EffectiveCost)), BilledCost - EffectiveCost <> 0,
	decimal_add('0.1', '0.2'), decimal_mul('1.5', '0.1'), decimal_cmp('1', '0.999999999999999999'),
	decimal('1e2'), decimal_sum(EffectiveCost), decimal_add(NULL, 1) IS NULL FROM focus" "$T/d18.csv"
expect_eq "decimal functions are exact" \
	"123456779.711111110999999999,1,0.3,0.15,1,100,10.5,1" "$(printf '%s\n' "$out" | sed -n 2p)"
run focal sql "SELECT decimal_add('lots', 1)" "$T/d18.csv"
expect_eq "decimal of text that is no number: SQL error" 4 "$rc"
expect_contains "decimal of text that is no number: said" "decimal: not a number focal can hold exactly" "$err"
run focal sql "SELECT decimal_mul('99999999999999999', '99999999999999999')" "$T/d18.csv"
expect_contains "decimal out of range: said" "decimal: result out of focal's exact range" "$err"
run focal sql --format csv "SELECT sum(x) FROM (SELECT BilledCost x FROM focus UNION ALL SELECT 0.3)" "$T/d18.csv"
expect_eq "a REAL reads back by its shortest decimal" "123456790.511111110999999999" "$(printf '%s\n' "$out" | sed -n 2p)"
run focal sql --format csv "SELECT ChargePeriodStart FROM focus WHERE ServiceName = 'A' AND ChargePeriodStart >= '2025-02'" "$T/d18.csv"
expect_eq "date-times as ISO-8601" "2025-02-01T00:00:00Z" "$(printf '%s\n' "$out" | sed -n 2p)"
run focal sql --format json "SELECT ServiceName, sum(BilledCost) s FROM focus GROUP BY 1" "$T/d18.csv"
expect_eq "json: exact sums as numbers" '[{"columns":["ServiceName","s"],"rows":[
{"ServiceName":"A","s":123456790.111111110999999999},
{"ServiceName":"B","s":0.1}]}]' "$out"
run focal sql --format json "SELECT BilledCost FROM focus WHERE rowid = 1" "$T/d18.csv"
expect_eq "json: exact column values as numbers" '[{"columns":["BilledCost"],"rows":[
{"BilledCost":0.123456789012345678}]}]' "$out"

# pushdown: equality and IN give what a scan gives
for w in "ServiceName = 'Maya'" "ServiceName IN ('Maya', 'Autodesk Flex', 'no such')" "meter = 'product_seats'" \
	"ChargePeriodStart = '2025-02-01T00:00:00Z'" "ServiceName = 'no such'" "rowid = 7"; do
	scan=$(printf '%s' "$w" | sed "s/^\([A-Za-z]*\) /\1||'' /; s/^rowid||''/+rowid/")
	run focal sql --format csv "SELECT count(*), sum(EffectiveCost) FROM focus WHERE $w" "$S"
	a=$out
	run focal sql --format csv "SELECT count(*), sum(EffectiveCost) FROM focus WHERE $scan" "$S"
	expect_eq "pushdown equals a scan: $w" "$out" "$a"
done
run focal sql --format csv "EXPLAIN QUERY PLAN SELECT * FROM focus WHERE ServiceName IN ('Maya')" "$S"
expect_contains "IN is pushed into the virtual table" "VIRTUAL TABLE INDEX 1:" "$out"
# 149 and 73: counted by Python's csv and json modules on the sample
run focal sql --format csv "SELECT json_extract(Tags, '\$.area') a, count(*) FROM focus GROUP BY 1 ORDER BY 1 LIMIT 2" "$S"
expect_eq "Tags is JSON text" "a,count(*)
,73
3D Modeling,149" "$out"
run focal sql --format csv "SELECT count(*) FROM focus_tags t JOIN focus f ON f.rowid = t.row WHERE t.key = 'area' AND t.value = json_extract(f.Tags, '\$.area')" "$S"
a=$out
run focal sql --format csv "SELECT count(*) FROM focus WHERE json_extract(Tags, '\$.area') IS NOT NULL" "$S"
expect_eq "focus_tags holds the tag pairs" "$out" "$a"
run focal sql --format csv "SELECT file, line FROM focus WHERE rowid = 1" "$S"
expect_eq "file and line of a row" "$S,2" "$(printf '%s\n' "$out" | sed -n 2p)"

# parameters and query files
run focal sql --format csv -P svc=Maya --param n=2 "SELECT ServiceName, count(*) > :n FROM focus WHERE ServiceName = :svc GROUP BY 1" "$S"
expect_eq "--param binds" "Maya,1" "$(printf '%s\n' "$out" | sed -n 2p)"
# a name that starts with a digit is the name (fuzz_sql): it was taken as ?3
run focal sql --format csv -P 3=Maya -P 1=x "SELECT count(*), ?1 FROM focus WHERE ServiceName = \$3" "$S"
expect_eq "--param 3= binds \$3, and 1= binds ?1" "44,x" "$(printf '%s\n' "$out" | sed -n 2p)"
# an account number with a leading zero is text, not 12345678901
printf '%s\n' 'BilledCost,EffectiveCost,BillingCurrency,SubAccountId,ChargePeriodStart,ChargePeriodEnd' \
	'5.25,5.25,USD,012345678901,2026-01-01T00:00:00Z,2026-02-01T00:00:00Z' \
	'1.00,1.00,USD,12345678901,2026-01-01T00:00:00Z,2026-02-01T00:00:00Z' >"$T/acct.csv"
run focal sql --format csv -P acct=012345678901 -P min=0.5 \
	"SELECT count(*), sum(BilledCost) FROM focus WHERE SubAccountId = :acct AND BilledCost > :min" "$T/acct.csv"
expect_eq "--param: a leading zero keeps the account" "1,5.25" "$(printf '%s\n' "$out" | sed -n 2p)"
run focal sql --format csv "SELECT :nope" "$S"
expect_eq "an unbound parameter exits 4" 4 "$rc"
expect_contains "an unbound parameter is named" "parameter :nope has no value" "$err"
printf -- '-- a comment\nSELECT count(*)\n  FROM focus;\n' >"$T/q.sql"
run focal sql --format csv -f "$T/q.sql" "$S"
expect_eq "-f reads the query" "count(*)
5017" "$out"

# errors name the problem and the place
run focal sql --format csv "SELECT 1;
SELECT nosuch
  FROM focus" "$S"
expect_eq "an SQL error exits 4" 4 "$rc"
expect_eq "the error points at the place" "focal: SQL error: no such column: nosuch
  line 2: SELECT nosuch
                 ^" "$err"
# the query quoted in an error never sends its control characters to the
# terminal (a query file's ESC ] 0 ; ... BEL would set the window title);
# the caret stays under the place, a character a column
run focal sql --format csv "$(printf 'SELECT a,\n  \033]0;x\007 b FROM focus')" "$S"
expect_eq "an ESC in the query: exit 4" 4 "$rc"
expect_eq "an ESC in the query: shown, not sent" 'focal: SQL error: unrecognized token: "\x1b"
  line 2:   ?]0;x? b FROM focus
            ^' "$err"
run focal sql --format csv "SELECT 'é', + , 1 FROM focus" "$S"
expect_eq "a UTF-8 character is one column for the caret" 'focal: SQL error: near ",": syntax error
  line 1: SELECT '"'"'é'"'"', + , 1 FROM focus
                        ^' "$err"
run focal sql "SELECT 1" 
expect_eq "no file exits 64" 64 "$rc"

# safe by construction
refused() {
	run focal sql --format csv "$1" "$S"
	expect_eq "refused ($1): exit 4" 4 "$rc"
	expect_contains "refused ($1): says why" "$2" "$err"
}
refused "ATTACH '$T/x.db' AS x" "ATTACH is refused"
refused "SELECT load_extension('$T/x')" "load_extension() is refused"
refused "INSERT INTO focus(ServiceName) VALUES ('x')" "INSERT on focus is refused"
refused "UPDATE focus SET ServiceName = 'x'" "read-only"
refused "DELETE FROM focus" "read-only"
refused "DELETE FROM tag" "DELETE on tag is refused"
refused "CREATE TABLE t(x)" "changing the schema"
refused "CREATE TEMP VIEW v AS SELECT 1" "changing the schema"
refused "DROP TABLE tag" "changing the schema"
refused "PRAGMA temp_store_directory = '$T'" "PRAGMA temp_store_directory is refused"
refused "PRAGMA journal_mode = WAL" "PRAGMA journal_mode is refused"
refused "PRAGMA writable_schema = 1" "is refused"
refused "VACUUM INTO '$T/x.db'" "refused"
refused "BEGIN" "transaction statement is refused"
[ ! -e "$T/x.db" ] && pass "nothing written" || fail "nothing written"
run focal sql --format csv "SELECT count(*) FROM pragma_table_info('focus') WHERE name = 'meter'" "$S"
expect_eq "read-only pragmas are allowed" "1" "$(printf '%s\n' "$out" | sed -n 2p)"

# Ctrl-C stops a runaway query: exit 130 and a message
"$FOCAL" sql --format csv "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000000000)
	SELECT count(*) FROM c" "$S" >"$T/out" 2>"$T/err" &
pid=$!
i=0
while [ $i -lt 100 ] && ! grep -q count "$T/out" 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
sleep 0.3
kill -INT $pid
wait $pid
rc=$?
expect_eq "Ctrl-C exits 130" 130 "$rc"
expect_contains "Ctrl-C says the query was interrupted" "query interrupted" "$(cat "$T/err")"

done_testing
