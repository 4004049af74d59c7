# mtd-fixture.sh - the month-to-date FOCUS file of tests/ranges.sh and
# tests/explore-time.sh (sourced after lib.sh), written to $f.
# Service A: 1.00 a day from 2026-09-01 to 2026-11-14 (the export is month
# to date: it ends on the 14th). Service B: 10.00 on 09-10, 100.00 on 10-05,
# 30.00 on 11-03. A tax row of 5.00 on service A on 11-02.
H='BilledCost,BillingCurrency,ServiceName,ChargeCategory,ChargePeriodStart,ChargePeriodEnd,BillingPeriodStart,BillingPeriodEnd,EffectiveCost'
f=$T/mtd.csv
{
	echo "$H"
	for m in 09 10 11; do
		last=30; [ $m = 10 ] && last=31; [ $m = 11 ] && last=14
		d=1
		while [ $d -le $last ]; do
			day=$(printf '2026-%s-%02d' $m $d)
			next=$(date -u -d "$day + 1 day" +%Y-%m-%d)
			echo "1.00,USD,A,Usage,${day}T00:00:00Z,${next}T00:00:00Z,2026-$m-01T00:00:00Z,2026-$m-28T00:00:00Z,1.00"
			d=$((d + 1))
		done
	done
	echo "10.00,USD,B,Usage,2026-09-10T00:00:00Z,2026-09-11T00:00:00Z,2026-09-01T00:00:00Z,2026-10-01T00:00:00Z,10.00"
	echo "100.00,USD,B,Usage,2026-10-05T00:00:00Z,2026-10-06T00:00:00Z,2026-10-01T00:00:00Z,2026-11-01T00:00:00Z,100.00"
	echo "30.00,USD,B,Usage,2026-11-03T00:00:00Z,2026-11-04T00:00:00Z,2026-11-01T00:00:00Z,2026-12-01T00:00:00Z,30.00"
	echo "5.00,USD,A,Tax,2026-11-02T00:00:00Z,2026-11-03T00:00:00Z,2026-11-01T00:00:00Z,2026-12-01T00:00:00Z,5.00"
} >"$f"
