-- title: Analyze credits and refunds
-- focus: 1.0 1.1 1.2 1.3
-- columns: ChargeCategory BillingPeriodStart ServiceName ChargeDescription BilledCost
-- description: Every credit received, per billing period and service, with its description.
SELECT substr(BillingPeriodStart, 1, 7) AS BillingPeriod,
       ServiceName, ChargeDescription,
       count(*) AS Rows,
       sum(BilledCost) AS BilledCost
FROM focus
WHERE ChargeCategory = 'Credit'
GROUP BY BillingPeriod, ServiceName, ChargeDescription
ORDER BY BillingPeriod, ServiceName, ChargeDescription;
