-- title: Report tax costs by provider
-- focus: 1.0 1.1 1.2 1.3
-- columns: ProviderName BillingPeriodStart BillingCurrency ChargeCategory BilledCost
-- description: Tax charged per provider, billing period and currency.
SELECT ProviderName, substr(BillingPeriodStart, 1, 7) AS BillingPeriod, BillingCurrency,
       count(*) AS Rows,
       sum(BilledCost) AS Tax
FROM focus
WHERE ChargeCategory = 'Tax'
GROUP BY ProviderName, BillingPeriod, BillingCurrency
ORDER BY ProviderName, BillingPeriod, BillingCurrency;
