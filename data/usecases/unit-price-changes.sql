-- title: Report unit price changes
-- focus: 1.0 1.1 1.2 1.3
-- columns: SkuId BillingPeriodStart PricingUnit ListUnitPrice ContractedUnitPrice
-- description: The lowest and highest list and contracted unit price of each SKU per billing period.
SELECT SkuId, PricingUnit, substr(BillingPeriodStart, 1, 7) AS BillingPeriod,
       min(ListUnitPrice) AS MinListUnitPrice,
       max(ListUnitPrice) AS MaxListUnitPrice,
       min(ContractedUnitPrice) AS MinContractedUnitPrice,
       max(ContractedUnitPrice) AS MaxContractedUnitPrice
FROM focus
WHERE SkuId IS NOT NULL AND ListUnitPrice IS NOT NULL
GROUP BY SkuId, PricingUnit, BillingPeriod
ORDER BY SkuId, PricingUnit, BillingPeriod;
