-- title: Analyze service costs month over month
-- focus: 1.0 1.1 1.2 1.3
-- columns: ServiceName BillingPeriodStart EffectiveCost
-- description: EffectiveCost of each service per billing period, next to the period before and the change.
WITH per AS (
  SELECT ServiceName, substr(BillingPeriodStart, 1, 7) AS BillingPeriod,
         sum(EffectiveCost) AS EffectiveCost
  FROM focus
  GROUP BY ServiceName, BillingPeriod
)
SELECT ServiceName, BillingPeriod, EffectiveCost,
       lag(EffectiveCost) OVER w AS PreviousCost,
       EffectiveCost - lag(EffectiveCost) OVER w AS Change
FROM per
WINDOW w AS (PARTITION BY ServiceName ORDER BY BillingPeriod)
ORDER BY ServiceName, BillingPeriod;
