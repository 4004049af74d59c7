-- title: Determine effective savings rate
-- focus: 1.0 1.1 1.2 1.3
-- columns: BillingPeriodStart ChargeCategory ListCost EffectiveCost
-- description: Savings against list price (ListCost - EffectiveCost) and their share of ListCost, per billing period.
SELECT substr(BillingPeriodStart, 1, 7) AS BillingPeriod,
       sum(ListCost) AS ListCost,
       sum(EffectiveCost) AS EffectiveCost,
       sum(ListCost) - sum(EffectiveCost) AS Savings,
       CASE WHEN sum(ListCost) <> 0
            THEN round(100.0 * (sum(ListCost) - sum(EffectiveCost)) / sum(ListCost), 2)
       END AS SavingsRatePct
FROM focus
WHERE ChargeCategory IN ('Usage', 'Purchase')
GROUP BY BillingPeriod
ORDER BY BillingPeriod;
