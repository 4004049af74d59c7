-- title: Determine effective savings rate
-- focus: 1.0 1.1 1.2 1.3
-- columns: BillingPeriodStart ChargeCategory ListCost EffectiveCost
-- description: Savings against list price (ListCost - EffectiveCost) and their share of ListCost, per billing period.

-- Savings is one exact sum over ListCost and -EffectiveCost (see `sign`).
WITH per AS (
  SELECT substr(BillingPeriodStart, 1, 7) AS BillingPeriod,
         sum(CASE WHEN s = 1 THEN ListCost END) AS ListCost,
         sum(CASE WHEN s = 1 THEN EffectiveCost END) AS EffectiveCost,
         sum(CASE WHEN s = 1 THEN ListCost ELSE -EffectiveCost END) AS Savings
  FROM focus, (SELECT 1 AS s UNION ALL SELECT -1) AS sign
  WHERE ChargeCategory IN ('Usage', 'Purchase')
  GROUP BY BillingPeriod
)
SELECT BillingPeriod, ListCost, EffectiveCost, Savings,
       CASE WHEN ListCost <> 0 THEN round(100.0 * Savings / ListCost, 2) END AS SavingsRatePct
FROM per
ORDER BY BillingPeriod;
