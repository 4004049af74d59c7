-- title: Compare billed and effective cost
-- focus: 1.0 1.1 1.2 1.3
-- columns: BillingPeriodStart BilledCost EffectiveCost
-- description: What was invoiced against what was consumed (amortised), per billing period, and the difference.

-- decimal_sub subtracts exactly (in focal and in the stock sqlite3 shell);
-- the - operator would be floating point.
SELECT substr(BillingPeriodStart, 1, 7) AS BillingPeriod,
       sum(BilledCost) AS BilledCost,
       sum(EffectiveCost) AS EffectiveCost,
       decimal_sub(sum(BilledCost), sum(EffectiveCost)) AS Difference
FROM focus
GROUP BY BillingPeriod
ORDER BY BillingPeriod;
