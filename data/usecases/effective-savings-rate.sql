-- title: Determine effective savings rate
-- focus: 1.0 1.1 1.2 1.3
-- columns: BillingPeriodStart ChargeCategory ListCost EffectiveCost
-- description: Savings against list price (ListCost - EffectiveCost) and their share of ListCost, per billing period; upfront purchases are left out, since the rows amortising them carry their ListCost again.

-- decimal_sub subtracts exactly (in focal and in the stock sqlite3 shell).
WITH per AS (
  SELECT substr(BillingPeriodStart, 1, 7) AS BillingPeriod,
         sum(ListCost) AS ListCost,
         sum(EffectiveCost) AS EffectiveCost
  FROM focus
  WHERE ChargeCategory IN ('Usage', 'Purchase')
    -- an upfront purchase (BilledCost > 0, EffectiveCost 0) is amortised by
    -- other rows, which carry its ListCost again: counted once, there
    AND NOT (ChargeCategory = 'Purchase' AND BilledCost > 0 AND EffectiveCost = 0)
  GROUP BY BillingPeriod
)
SELECT BillingPeriod, ListCost, EffectiveCost,
       decimal_sub(ListCost, EffectiveCost) AS Savings,
       CASE WHEN ListCost <> 0 THEN round(100.0 * (ListCost - EffectiveCost) / ListCost, 2) END AS SavingsRatePct
FROM per
ORDER BY BillingPeriod;
