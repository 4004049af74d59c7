# mtd-fixture.sh - the month-to-date FOCUS files of tests/ranges.sh,
# tests/explore-time.sh, tests/figures.sh and tests/clickhouse.sh (sourced
# after lib.sh).

# each_day MM FIRST LAST: "DAY NEXT" for the days FIRST to LAST of 2026-MM
each_day() {
	d=$2
	while [ "$d" -le "$3" ]; do
		day=$(printf '2026-%s-%02d' "$1" "$d")
		echo "$day $(date -u -d "$day + 1 day" +%Y-%m-%d)"
		d=$((d + 1))
	done
}

# $f: service A: 1.00 a day from 2026-09-01 to 2026-11-14 (the export is month
# to date: it ends on the 14th). Service B: 10.00 on 09-10, 100.00 on 10-05,
# 30.00 on 11-03. A tax row of 5.00 on service A on 11-02.
mtd_h='BilledCost,BillingCurrency,ServiceName,ChargeCategory,ChargePeriodStart,ChargePeriodEnd,BillingPeriodStart,BillingPeriodEnd,EffectiveCost'
f=$T/mtd.csv
{
	echo "$mtd_h"
	for m in 09 10 11; do
		last=30; [ $m = 10 ] && last=31; [ $m = 11 ] && last=14
		each_day $m 1 $last | while read -r day next; do
			echo "1.00,USD,A,Usage,${day}T00:00:00Z,${next}T00:00:00Z,2026-$m-01T00:00:00Z,2026-$m-28T00:00:00Z,1.00"
		done
	done
	echo "10.00,USD,B,Usage,2026-09-10T00:00:00Z,2026-09-11T00:00:00Z,2026-09-01T00:00:00Z,2026-10-01T00:00:00Z,10.00"
	echo "100.00,USD,B,Usage,2026-10-05T00:00:00Z,2026-10-06T00:00:00Z,2026-10-01T00:00:00Z,2026-11-01T00:00:00Z,100.00"
	echo "30.00,USD,B,Usage,2026-11-03T00:00:00Z,2026-11-04T00:00:00Z,2026-11-01T00:00:00Z,2026-12-01T00:00:00Z,30.00"
	echo "5.00,USD,A,Tax,2026-11-02T00:00:00Z,2026-11-03T00:00:00Z,2026-11-01T00:00:00Z,2026-12-01T00:00:00Z,5.00"
} >"$f"

# mtd_monthly FILE LAST_OCT: a month-to-date export with a monthly recurring
# charge. A subscription billed monthly (80.00 in September, 100.00 in
# October): its charge period is the whole month, so October's says
# 2026-10-01..2026-11-01 although the export ends on LAST_OCT. Usage: 1.00 a
# day, September 1 to October LAST_OCT.
mtd_monthly() {
	{
		echo "$mtd_h"
		echo "80.00,USD,Seats,Purchase,2026-09-01T00:00:00Z,2026-10-01T00:00:00Z,2026-09-01T00:00:00Z,2026-10-01T00:00:00Z,80.00"
		echo "100.00,USD,Seats,Purchase,2026-10-01T00:00:00Z,2026-11-01T00:00:00Z,2026-10-01T00:00:00Z,2026-11-01T00:00:00Z,100.00"
		each_day 09 1 30 | while read -r day next; do
			echo "1.00,USD,API,Usage,${day}T00:00:00Z,${next}T00:00:00Z,2026-09-01T00:00:00Z,2026-10-01T00:00:00Z,1.00"
		done
		each_day 10 1 "$2" | while read -r day next; do
			echo "1.00,USD,API,Usage,${day}T00:00:00Z,${next}T00:00:00Z,2026-10-01T00:00:00Z,2026-11-01T00:00:00Z,1.00"
		done
	} >"$1"
}

# weekdays FILE: its Usage rows of Monday to Friday only (usage that skips
# weekends), the other rows as they are
weekdays() {
	awk -F, 'NR == 1 || $4 != "Usage" { print; next }
		{ c = "date -u -d " $5 " +%u"; c | getline w; close(c); if (w < 6) print }' "$1"
}
