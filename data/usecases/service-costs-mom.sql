-- title: Analyze service costs month over month
-- focus: 1.0 1.1 1.2 1.3
-- columns: ServiceName BillingPeriodStart EffectiveCost
-- description: EffectiveCost of each service per billing period, next to the period before and the change.

-- A month without rows of a service between its first month and the data's
-- last is a month of 0, not skipped: 735, (none), (none), 735 reads as a drop
-- to 0 and a rise, not as no change. The change is one exact sum: each
-- period's cost counts + in its period and - in the service's next period
-- (subtracting two sums would be floating point).
WITH per AS (
  SELECT ServiceName, substr(BillingPeriodStart, 1, 7) AS BillingPeriod,
         sum(EffectiveCost) AS EffectiveCost
  FROM focus
  GROUP BY ServiceName, BillingPeriod
), periods AS (
  SELECT DISTINCT BillingPeriod FROM per
), grid AS (
  SELECT s.ServiceName, p.BillingPeriod, coalesce(per.EffectiveCost, 0) AS EffectiveCost
  FROM (SELECT ServiceName, min(BillingPeriod) AS First FROM per GROUP BY ServiceName) AS s
  JOIN periods AS p ON p.BillingPeriod >= s.First
  LEFT JOIN per ON per.ServiceName IS s.ServiceName AND per.BillingPeriod IS p.BillingPeriod
), seq AS (
  SELECT *, lag(EffectiveCost) OVER w AS PreviousCost,
         lead(BillingPeriod) OVER w AS NextPeriod
  FROM grid
  WINDOW w AS (PARTITION BY ServiceName ORDER BY BillingPeriod)
), delta AS (
  SELECT ServiceName, BillingPeriod, sum(v) AS Change
  FROM (SELECT ServiceName, BillingPeriod, EffectiveCost AS v FROM seq
        UNION ALL
        SELECT ServiceName, NextPeriod, -EffectiveCost FROM seq WHERE NextPeriod IS NOT NULL)
  GROUP BY ServiceName, BillingPeriod
)
SELECT seq.ServiceName, seq.BillingPeriod, seq.EffectiveCost, seq.PreviousCost,
       CASE WHEN seq.PreviousCost IS NOT NULL THEN delta.Change END AS Change
FROM seq JOIN delta ON delta.ServiceName IS seq.ServiceName AND delta.BillingPeriod IS seq.BillingPeriod
ORDER BY seq.ServiceName, seq.BillingPeriod;
