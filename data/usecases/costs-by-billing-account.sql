-- title: Report costs by billing account
-- focus: 1.0 1.1 1.2 1.3
-- columns: BillingAccountId BillingAccountName BillingCurrency BilledCost EffectiveCost
-- description: BilledCost and EffectiveCost per billing account and currency.
SELECT BillingAccountId, BillingAccountName, BillingCurrency,
       count(*) AS Rows,
       sum(BilledCost) AS BilledCost,
       sum(EffectiveCost) AS EffectiveCost
FROM focus
GROUP BY BillingAccountId, BillingAccountName, BillingCurrency
ORDER BY BillingAccountId, BillingAccountName, BillingCurrency;
