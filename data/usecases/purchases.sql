-- title: Report one-time purchases
-- focus: 1.0 1.1 1.2 1.3
-- columns: ChargeCategory ChargeFrequency ServiceName SkuId ChargePeriodStart ChargePeriodEnd BilledCost
-- description: Every one-time purchase (commitments, subscriptions, packs) with the term it covers.
SELECT ServiceName, SkuId,
       ChargePeriodStart, ChargePeriodEnd,
       count(*) AS Rows,
       sum(BilledCost) AS BilledCost
FROM focus
WHERE ChargeCategory = 'Purchase' AND ChargeFrequency = 'One-Time'
GROUP BY ServiceName, SkuId, ChargePeriodStart, ChargePeriodEnd
ORDER BY ChargePeriodStart, ServiceName, SkuId, ChargePeriodEnd;
