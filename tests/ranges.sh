#!/bin/sh
# ranges.sh - time ranges and comparisons in focal report (issue 15):
# --from/--to, --range, --where on periods and != on any dimension,
# --compare with like-for-like partial periods; every figure worked out by
# hand from the fixture below.
. "$(dirname "$0")/lib.sh"

. "$(dirname "$0")/mtd-fixture.sh"

# --- ranges
run focal report --by ServiceName --format csv --from 2026-10 --to 2026-10 "$f"
expect_eq "--from/--to one month: exit 0" 0 "$rc"
expect_contains "--from 2026-10 --to 2026-10: A is October's 31 days" "A,31.00,31.00" "$out"
expect_contains "--from 2026-10 --to 2026-10: B" "B,100.00,100.00" "$out"
expect_contains "--from/--to: the range is said" "range 2026-10-01..2026-10-31, by ChargePeriodStart" "$err"
run focal report --by ServiceName --format csv --range 2026-09..2026-10 "$f"
expect_contains "--range FROM..TO is inclusive: A" "A,61.00,61.00" "$out"
expect_contains "--range FROM..TO: B" "B,110.00,110.00" "$out"
run focal report --by ServiceName --format csv --from 2026-10 "$f"
expect_contains "--from alone runs to the end: A (31 + 14 + tax 5)" "A,50.00,50.00" "$out"
run focal report --by ServiceName --format csv --range last2 "$f"
expect_contains "--range last2: October and November" "A,50.00,50.00" "$out"
expect_contains "--range last2: B" "B,130.00,130.00" "$out"
run focal report --by ServiceName --format csv --range 2026-Q4 "$f"
expect_contains "--range 2026-Q4: the quarter's A" "A,50.00,50.00" "$out"
run focal report --by ServiceName --format csv --range fytd --fy-start 10 "$f"
expect_contains "--range fytd --fy-start 10: from October 1st" "A,50.00,50.00" "$out"
expect_contains "--range fytd: says the range" "range 2026-10-01..2027-09-30" "$err"
run focal report --by ServiceName --format csv --range fy --fy-start 10 "$f"
expect_contains "--range fy: the last whole fiscal year (to September)" "A,30.00,30.00" "$out"
expect_contains "--range fy: B in September" "B,10.00,10.00" "$out"
run focal report --by ServiceName --format csv --range ytd "$f"
expect_contains "--range ytd: the whole file" "A,80.00,80.00" "$out"

# --- --where on periods, and excluding
run focal report --by ServiceName --format csv --where 'period>=2026-10' "$f"
expect_contains "period>=2026-10: A" "A,50.00,50.00" "$out"
expect_contains "period>=2026-10: B" "B,130.00,130.00" "$out"
run focal report --by ServiceName --format csv --where 'period<2026-10' "$f"
expect_contains "period<2026-10: A is September" "A,30.00,30.00" "$out"
expect_contains "period<2026-10: B" "B,10.00,10.00" "$out"
run focal report --by ServiceName --format csv --where 'period>2026-Q3' --where 'period<=2026-10-05' "$f"
expect_contains "period>2026-Q3 and <=2026-10-05: five days of A" "A,5.00,5.00" "$out"
expect_contains "period>2026-Q3 and <=2026-10-05: B's 100" "B,100.00,100.00" "$out"
run focal report --by ServiceName --format csv --where 'ChargeCategory!=Tax' --where 'period>=2026-11' "$f"
expect_contains "ChargeCategory!=Tax: A without its tax" "A,14.00,14.00" "$out"
expect_contains "ChargeCategory!=Tax: B" "B,30.00,30.00" "$out"
run focal report --by ServiceName --format csv --where 'ServiceName!=B' "$f"
expect_not_contains "ServiceName!=B: no B" "B," "$out"
run focal report --by ServiceName --format csv --where 'ServiceName!=Nothing' "$f"
expect_contains "!= a value no row has: every row of A" "A,80.00,80.00,,,76" "$out"
run focal report --by ServiceName --format csv --where 'period=2026-Q4' "$f"
expect_contains "period=2026-Q4 while grouping by month: the quarter" "A,50.00,50.00" "$out"
run focal report --sql --by ServiceName --where 'period>=2026-11' --where 'ChargeCategory!=Tax' "$f"
sql=$out
run focal sql --format csv "$sql" "$f"
expect_contains "report --sql with a range and an exclusion: the same A" "A,14,14,,,14" "$out"

# --- a period the range cuts is partial, said as one the export cuts; a
# period not shown is not said
run focal report --by period --format csv --where 'period>2026-09-15' "$f"
expect_contains "period>2026-09-15 by month: September is cut" \
	"2026-09 is partial: the rows cover 15 of 30 days of it" "$err"
expect_contains "... and its total is the 15 days kept" "2026-09,15.00,15.00" "$out"
expect_not_contains "... October is whole" "2026-10 is partial" "$err"
run focal report --by period:quarter --format csv --range 2026-09..2026-10 "$f"
expect_contains "--range 2026-09..2026-10 by quarter: Q3 holds September alone" \
	"2026-Q3 is partial: the rows cover 1 of 3 months of it" "$err"
expect_contains "... Q4 holds October alone" "2026-Q4 is partial: the rows cover 1 of 3 months of it" "$err"
run focal report --by period --format csv --range 2026-09..2026-10 "$f"
expect_not_contains "--range 2026-09..2026-10 by month: November (cut by the export) is not shown, not said" \
	"2026-11" "$err"
expect_not_contains "... and no month in the range is partial" "is partial" "$err"
run focal report --by period:quarter --format csv --where 'period=2026-10' "$f"
expect_contains "period=2026-10 by quarter: Q4 is October alone" \
	"2026-Q4 is partial: the rows cover 1 of 3 months of it" "$err"
run focal report --by ServiceName --pivot period:quarter --format table --from 2026-09-16 "$f"
expect_contains "--from 2026-09-16 --pivot period:quarter: the cut Q3 is marked" "2026-Q3*" "$out"
expect_contains "... and said" "2026-Q3 is partial: the rows cover 15 of 92 days of it" "$err"

# --- comparisons
run focal report --by ServiceName --format csv --compare "$f"
expect_eq "--compare: exit 0" 0 "$rc"
expect_eq "--compare: November to date against October 1-14, largest change first" \
"ServiceName,PreviousFrom,PreviousTo,CurrentFrom,CurrentTo,Previous,Current,Change,ChangePct
B,2026-10-01,2026-10-14,2026-11-01,2026-11-14,100.00,30.00,-70.00,-70.0
A,2026-10-01,2026-10-14,2026-11-01,2026-11-14,14.00,19.00,5.00,35.7" "$out"
expect_contains "--compare: like for like is said" \
	"the data ends on 2026-11-14, inside the range: the previous range is cut at the same point (2026-10-01..2026-10-14)" "$err"
run focal report --by ServiceName --format table --compare --range 2026-10 "$f"
expect_eq "--compare --range 2026-10: a table against September" \
"EffectiveCost: 2026-09-01..2026-09-30 (previous) against 2026-10-01..2026-10-31 (current)
ServiceName  Previous  Current   Change  Change%
B              \$10.00  \$100.00  +\$90.00  +900.0%
A              \$30.00   \$31.00   +\$1.00    +3.3%
------------------------------------------------
Total          \$40.00  \$131.00  +\$91.00  +227.5%" "$out"
run focal report --by ServiceName --format csv --compare --range 2026-10 --sort name "$f"
expect_eq "--sort name" "A,B" "$(printf '%s\n' "$out" | sed 1d | cut -d, -f1 | paste -sd, -)"
run focal report --by ServiceName --format csv --compare --range 2026-10 --sort previous "$f"
expect_eq "--sort previous: A had more in September" "A,B" "$(printf '%s\n' "$out" | sed 1d | cut -d, -f1 | paste -sd, -)"
run focal report --by ServiceName,ChargeCategory --format csv --compare --sort current -n 1 "$f"
expect_contains "--top 1: the rest folded into Other" "Other (2),,2026-10-01,2026-10-14,2026-11-01,2026-11-14,14.00,19.00,5.00,35.7" "$out"
run focal report --by ChargeCategory --format csv --compare "$f"
expect_contains "--compare: a line with nothing before has no percent" "Tax,2026-10-01,2026-10-14,2026-11-01,2026-11-14,,5.00,5.00," "$out"
run focal report --by ChargeCategory --format table --compare "$f"
expect_contains "--compare table: new" "new" "$out"
run focal report --format json --compare --range ytd "$f"
expect_contains "--compare json: ranges" '"previous":{"from":"2025-01-01","to":"2025-11-14"},"current":{"from":"2026-01-01","to":"2026-11-14"}' "$out"
expect_contains "--compare ytd: the previous range is partial" "the data starts on 2026-09-01, inside the previous range" "$err"
if command -v python3 >/dev/null; then
	printf '%s' "$out" | python3 -m json.tool >/dev/null 2>&1 && pass "compare json parses" || fail "compare json parses"
fi

# --- what is refused, and said
run focal report --from 2026-13 "$f"
expect_eq "--from 2026-13: usage error" 64 "$rc"
expect_contains "--from 2026-13: says what a period is" "expected a period: 2026, 2026-Q3, 2026-07 or 2026-07-15" "$err"
run focal report --range 2026-03..2026-01 "$f"
expect_eq "--range backwards: usage error" 64 "$rc"
run focal report --range 'fortnight' "$f"
expect_contains "--range unknown: lists the forms" "expected FROM..TO" "$err"
run focal report --where 'ServiceName>=A' "$f"
expect_eq "ServiceName>=A: usage error" 64 "$rc"
expect_contains "ServiceName>=A: periods only" "compares periods only" "$err"
run focal report --range ytd --from 2026-01 "$f"
expect_eq "--range with --from: usage error" 64 "$rc"
run focal report --sort change "$f"
expect_contains "--sort without --compare: said" "--sort orders a --compare report" "$err"
run focal validate --from 2026-01 "$f"
expect_eq "validate --from: refused" 64 "$rc"

done_testing
