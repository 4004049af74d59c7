-- title: Compare billed and effective cost
-- focus: 1.0 1.1 1.2 1.3
-- columns: BillingPeriodStart BilledCost EffectiveCost
-- description: What was invoiced against what was consumed (amortised), per billing period, and the difference.

-- The difference is one exact sum over BilledCost and -EffectiveCost (each
-- row seen twice through `sign`): subtracting two sums would be floating point.
SELECT substr(BillingPeriodStart, 1, 7) AS BillingPeriod,
       sum(CASE WHEN s = 1 THEN BilledCost END) AS BilledCost,
       sum(CASE WHEN s = 1 THEN EffectiveCost END) AS EffectiveCost,
       sum(CASE WHEN s = 1 THEN BilledCost ELSE -EffectiveCost END) AS Difference
FROM focus, (SELECT 1 AS s UNION ALL SELECT -1) AS sign
GROUP BY BillingPeriod
ORDER BY BillingPeriod;
