#!/bin/sh
# save.sh - `focal save`: the SQLite file any tool reads, reopening it
# without the CSV (same reports byte for byte, same explorer), the atomic
# write, and damaged saved files refused with a clear error.
. "$(dirname "$0")/lib.sh"
S=$SRCDIR/data/autodesk-sample.csv
[ -r "$S" ] || skip "no sample data"
command -v sqlite3 >/dev/null 2>&1 || skip "no sqlite3 shell"
DB=$T/spend.sqlite

run focal save -o "$DB" "$S"
expect_eq "save exits 0" 0 "$rc"
expect_eq "save prints nothing" "" "$out$err"
expect_eq "the file starts with the SQLite header" "SQLite format 3" "$(head -c 15 "$DB")"
expect_eq "no temporary file left" "spend.sqlite" "$(ls "$T" | grep -v '^out$\|^err$' | tr '\n' ' ' | sed 's/ $//')"

# the stock sqlite3 shell: rows and the exact total
rows=$(focal report --by ChargeCategory --format csv "$S" | awk -F, 'NR > 1 { n += $NF } END { print n }')
total=$(focal report --by ChargeCategory --format csv "$S" | awk -F, 'NR > 1 { print $3 }' | exact_sum)
run sqlite3 -batch "$DB" 'SELECT count(*) FROM focus'
expect_eq "sqlite3: count(*) is the rows loaded" "$rows" "$out"
run sqlite3 -batch "$DB" "SELECT printf('%.2f', sum(EffectiveCost)) FROM focus"
expect_eq "sqlite3: sum(EffectiveCost) is the total (to the cent, in floating point)" \
	"$(printf '%.2f' "$total")" "$out"
# every stored amount is exact: their exact sum is focal's total to the last digit
got=$(sqlite3 -batch "$DB" 'SELECT EffectiveCost FROM focus WHERE EffectiveCost IS NOT NULL' | exact_sum)
expect_eq "sqlite3: the stored amounts add up to focal's exact total" "$total" "$got"
# the shell's own decimal_sum gives the exact total too (it may add zeros)
run sqlite3 -batch "$DB" "SELECT decimal_sum(EffectiveCost) FROM focus"
expect_eq "sqlite3: decimal_sum(EffectiveCost) is focal's exact total" "$total" "$(printf '%s' "$out" | sed 's/\(\.[0-9]*[1-9]\)0*$/\1/; s/\.0*$//')"
run sqlite3 -batch "$DB" "SELECT typeof(ChargePeriodStart), ChargePeriodStart FROM focus LIMIT 1"
expect_contains "date-times are ISO-8601 text" "text|20" "$out"
expect_contains "date-times end in Z" "Z" "$out"
run sqlite3 -batch "$DB" "SELECT count(*) FROM focus WHERE json_valid(Tags) AND json_extract(Tags, '\$.area') IS NOT NULL"
expect_eq "Tags are JSON text" 1 "$([ "$out" -gt 0 ] && echo 1)"
run sqlite3 -batch "$DB" "SELECT count(*) > 0 FROM tag; SELECT path FROM file; SELECT count(DISTINCT meter) > 1 FROM focus"
expect_eq "tag pairs, the file, the meter" "1
$S
1" "$out"

# unit prices and quantities are numbers to any tool: a filter and max()
# on them (by hand from the CSV, python csv and decimal: 26 rows list above
# 1,000, the highest at 6,090; 111 rows have a PricingQuantity above 100)
run sqlite3 -batch "$DB" "SELECT count(*) FROM focus WHERE ListUnitPrice > 1000; \
	SELECT max(ListUnitPrice) FROM focus; SELECT sum(PricingQuantity > 100) FROM focus"
expect_eq "sqlite3: unit prices and quantities compare as numbers" "26
6090
111" "$out"
# money of 16 and 17 digits as a writer of doubles prints it is REAL (it
# reads back the same), so max() and ORDER BY are numeric; only a decimal
# no double reads back to stays exact TEXT. focal reads it back exactly
# (750.481349943005251 by python decimal); the stock shell's decimal_sum
# reads a REAL to 15 digits: exact to the cent, not to the 15th decimal.
printf '%s\n' 'BilledCost,EffectiveCost,BillingCurrency,ServiceName,ChargePeriodStart,ChargePeriodEnd' \
	'92.22422194300525,92.22422194300525,USD,A,2026-01-01T00:00:00Z,2026-02-01T00:00:00Z' \
	'14.789000000000001,14.789000000000001,USD,B,2026-01-01T00:00:00Z,2026-02-01T00:00:00Z' \
	'615.231128,615.231128,USD,C,2026-01-01T00:00:00Z,2026-02-01T00:00:00Z' \
	'28.237,28.237,USD,D,2026-01-01T00:00:00Z,2026-02-01T00:00:00Z' >"$T/digits.csv"
focal save -o "$T/digits.sqlite" "$T/digits.csv"
run sqlite3 -batch "$T/digits.sqlite" "SELECT max(BilledCost), count(*) FILTER (WHERE BilledCost > 100) FROM focus; \
	SELECT group_concat(ServiceName, '') FROM (SELECT ServiceName FROM focus ORDER BY EffectiveCost DESC); \
	SELECT printf('%.2f', decimal_sum(BilledCost)) FROM focus"
expect_eq "sqlite3: 16- and 17-digit money is numeric" "615.231128|1
CADB
750.48" "$out"
run focal sql --format csv "SELECT max(BilledCost), typeof(min(BilledCost)), sum(EffectiveCost) FROM focus" "$T/digits.csv"
expect_eq "focal sql: the same" "max(BilledCost),typeof(min(BilledCost)),sum(EffectiveCost)
615.231128,real,750.481349943005251" "$out"

# a store changed in another tool is not opened as if it were not: focal
# reads its own copy of the rows, so it says so and how to load the change
cp "$DB" "$T/edit.sqlite"
sqlite3 -batch "$T/edit.sqlite" "DELETE FROM focus WHERE ChargeCategory = 'Tax'"
run focal report --by ChargeCategory --format csv "$T/edit.sqlite"
expect_eq "an edited store: exit 2" 2 "$rc"
expect_contains "an edited store: says so" "edit.sqlite: its focus table was changed after focal saved it" "$err"
expect_eq "an edited store: no totals of the rows as saved" "" "$out"
sqlite3 -csv -header "$T/edit.sqlite" 'SELECT * FROM focus' >"$T/changed.csv"
run focal report --by ChargeCategory --format csv "$T/changed.csv"
expect_not_contains "... the way it says loads the changed rows" "Tax" "$out"
cp "$DB" "$T/upd.sqlite"
sqlite3 -batch "$T/upd.sqlite" "UPDATE focus SET EffectiveCost = 0 WHERE line = 2"
run focal report --by ChargeCategory --format csv "$T/upd.sqlite"
expect_eq "an updated row: exit 2 too" 2 "$rc"

# reopened: the same reports, byte for byte
for by in ServiceSubcategory meter tag:area period ServiceSubcategory,meter; do
	focal report --by "$by" --format csv "$S" >"$T/csv.out" 2>&1
	a=$?
	focal report --by "$by" --format csv "$DB" >"$T/db.out" 2>&1
	b=$?
	expect_eq "report --by $by: same exit status" "$a" "$b"
	if cmp -s "$T/csv.out" "$T/db.out"; then pass "report --by $by: same bytes"; else
		fail "report --by $by: same bytes"; diff "$T/csv.out" "$T/db.out" | head -5
	fi
done
focal report --by meter --where ServiceCategory=Storage --format json "$S" >"$T/csv.out" 2>&1
focal report --by meter --where ServiceCategory=Storage --format json "$DB" >"$T/db.out" 2>&1
if cmp -s "$T/csv.out" "$T/db.out"; then pass "report --where, json: same bytes"; else fail "report --where, json: same bytes"; fi

# never replaces a file unless asked
echo keep >"$T/old.sqlite"
run focal save -o "$T/old.sqlite" "$S"
expect_eq "an existing file: exit 2" 2 "$rc"
expect_contains "an existing file: says so" "old.sqlite: already exists (--force replaces it)" "$err"
expect_eq "an existing file is kept" keep "$(cat "$T/old.sqlite")"
run focal save --force -o "$T/old.sqlite" "$S"
expect_eq "--force replaces it" "0 SQLite format 3" "$rc $(head -c 15 "$T/old.sqlite")"
run focal save "$S"
expect_eq "no -o: usage error" 64 "$rc"

# a failed save leaves nothing behind
mkdir "$T/ro" && chmod 555 "$T/ro"
if [ ! -w "$T/ro" ]; then
	run focal save -o "$T/ro/x.sqlite" "$S"
	expect_eq "unwritable directory: exit 2" 2 "$rc"
	expect_contains "unwritable directory: names the file" "ro/x.sqlite: cannot save" "$err"
	expect_eq "unwritable directory: no file left" "" "$(ls -A "$T/ro")"
fi
chmod 755 "$T/ro"
run focal save -o "$T/nodir/x.sqlite" "$S"
expect_eq "missing directory: exit 2" 2 "$rc"
run focal save -o "$T/y.sqlite" "$T/no-such.csv"
expect_eq "unreadable input: exit 2, no file" "2 no" "$rc $([ -e "$T/y.sqlite" ] && echo yes || echo no)"

# damaged saved files: a clear error naming the file, exit 2
head -c 20000 "$DB" >"$T/trunc.sqlite"
run focal report "$T/trunc.sqlite"
expect_eq "truncated: exit 2" 2 "$rc"
expect_contains "truncated: names the file" "trunc.sqlite: " "$err"
expect_eq "truncated: no report" "" "$out"
cp "$DB" "$T/bad.sqlite"
sqlite3 "$T/bad.sqlite" "UPDATE focal_blob SET data = randomblob(nbytes) WHERE id = (SELECT max(id) FROM focal_blob WHERE col >= 0 AND what = 0)"
run focal report "$T/bad.sqlite"
expect_eq "corrupted: exit 2" 2 "$rc"
expect_contains "corrupted: says what" "bad.sqlite: not a usable focal store (a BLOB's checksum does not match" "$err"
# a Tags value SQLite 3.40 would take for JSON (an object as a key: json.h),
# with its checksum made right: refused all the same
cp "$DB" "$T/lenient.sqlite"
python3 - "$T/lenient.sqlite" <<'PY'
import sqlite3, sys
M = (1 << 64) - 1
def save_hash(b):	# store_save_hash (store_save.c)
    n = len(b)
    h = (0x84222325cbf29ce4 ^ n) & M
    i = 0
    while n - i >= 8:
        h = ((h ^ int.from_bytes(b[i:i + 8], 'little')) * 0x100000001b3) & M
        h ^= h >> 29
        i += 8
    for c in b[i:]:
        h = ((h ^ c) * 0x100000001b3) & M
    return h ^ (h >> 31)
db = sqlite3.connect(sys.argv[1])
col = db.execute("SELECT id FROM focal_column WHERE name = 'Tags'").fetchone()[0]
bid, data = db.execute("SELECT id, data FROM focal_blob WHERE col = ? AND what = 2", (col,)).fetchone()
data = bytearray(data)
at = data.index(b'{"')
end = data.index(b'}', at) + 1
bad = b'{{"x":"y"}:"' + b'z' * (end - at - 14) + b'"}'
assert len(bad) == end - at
data[at:end] = bad
h = save_hash(bytes(data))
db.execute("UPDATE focal_blob SET data = ?, hash = ? WHERE id = ?", (bytes(data), h - (1 << 64) if h >> 63 else h, bid))
db.commit()
PY
run focal report "$T/lenient.sqlite"
expect_eq "a Tags value that is not JSON: exit 2" 2 "$rc"
expect_contains "a Tags value that is not JSON: says so" "column Tags: a value that is not valid JSON" "$err"
cp "$DB" "$T/bad2.sqlite"
sqlite3 "$T/bad2.sqlite" "UPDATE focal_meta SET value = 3 WHERE key = 'version'"
run focal report "$T/bad2.sqlite"
expect_contains "another format version: says so" "format version newer than this focal's" "$err"
# the money columns' form (format 2): a width or a count of decimals that no
# focal writes is refused, naming the column
for bad in "width = 12" "decimals = 19" "decimals = -1" "decimals = 'x'"; do
	cp "$DB" "$T/badcol.sqlite"
	sqlite3 "$T/badcol.sqlite" "UPDATE focal_column SET $bad WHERE name = 'BilledCost'"
	run focal report "$T/badcol.sqlite"
	expect_eq "focal_column $bad: exit 2" 2 "$rc"
	expect_contains "focal_column $bad: names the column" "('BilledCost'): bad" "$err"
done
# a trigger or view on focal's tables: not what focal save writes (the check
# took sqlite3_exec's SQLITE_OK as "none"; found writing fuzz seeds)
for extra in "CREATE TRIGGER tr AFTER INSERT ON focal_meta BEGIN SELECT 1; END" "CREATE TRIGGER tn BEFORE DELETE ON note BEGIN SELECT 1; END"; do
	cp "$DB" "$T/trig.sqlite"
	sqlite3 "$T/trig.sqlite" "$extra"
	run focal report "$T/trig.sqlite"
	expect_eq "${extra%% AFTER*}: exit 2" 2 "$rc"
	expect_contains "${extra%% AFTER*}: says so" "a trigger or view on its tables" "$err"
done
sqlite3 "$T/other.sqlite" "CREATE TABLE t(a)"
run focal report "$T/other.sqlite"
expect_eq "any other SQLite file: exit 2" 2 "$rc"
expect_contains "any other SQLite file: not saved by focal" "no focal_meta table: not saved by focal save" "$err"
run focal validate "$DB"
expect_eq "validate on a saved store: exit 2" 2 "$rc"
expect_contains "validate on a saved store: says why" "a saved store cannot be validated" "$err"
run focal sql 'SELECT count(*), sum(EffectiveCost) FROM focus' "$DB"
expect_eq "focal sql on the saved store: rows and exact total" "count(*),sum(EffectiveCost)
$rows,$total" "$out"
# known by its header, not its name
cp "$DB" "$T/spend.dat"
run focal report --by meter --format csv "$T/spend.dat"
expect_eq "a saved store under another name opens" 0 "$rc"

# the explorer on the saved store draws what it draws on the CSV
if command -v tmux >/dev/null 2>&1; then
	SOCK=$T/tmux.save
	for f in "$S" "$DB"; do
		rm -f "$T/dump"
		tmux -S "$SOCK" -f /dev/null kill-server 2>/dev/null
		tmux -S "$SOCK" -f /dev/null new-session -d -x 100 -y 30 "env TERM=xterm-256color LANG=C.UTF-8 \
			LC_ALL=C.UTF-8 XDG_CONFIG_HOME='$XDG_CONFIG_HOME' FOCAL_DATADIR='$FOCAL_DATADIR' \
			FOCAL_UI_DUMP='$T/dump' '$FOCAL' '$f'; sleep 60"
		i=0
		while [ $i -lt 200 ] && ! { [ -f "$T/dump" ] && head -1 "$T/dump" | grep -q "busy=0 "; }; do
			sleep 0.05
			i=$((i + 1))
		done
		tail -n +2 "$T/dump" >"$T/screen.$(basename "$f")" 2>/dev/null
		tmux -S "$SOCK" -f /dev/null kill-server 2>/dev/null
	done
	expect_contains "explorer on the saved store: the sample's total" "$(printf '%s' "$total" | sed 's/\..*//' | sed -e :a -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/;ta')" \
		"$(cat "$T/screen.spend.sqlite")"
	if cmp -s "$T/screen.spend.sqlite" "$T/screen.$(basename "$S")"; then pass "explorer: the same first screen"; else
		fail "explorer: the same first screen"; diff "$T/screen.$(basename "$S")" "$T/screen.spend.sqlite" | head -10
	fi
fi
done_testing
