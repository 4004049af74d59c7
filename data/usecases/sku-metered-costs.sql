-- title: Analyze the metered costs of a SKU
-- focus: 1.1 1.2 1.3
-- columns: SkuId SkuMeter SkuPriceId PricingUnit PricingQuantity EffectiveCost
-- param: sku = : the SkuId to analyze (empty: every SKU)
-- description: Quantity and EffectiveCost per meter and price of a SKU.
SELECT SkuId, SkuMeter, SkuPriceId, PricingUnit,
       count(*) AS Rows,
       sum(PricingQuantity) AS PricingQuantity,
       sum(EffectiveCost) AS EffectiveCost
FROM focus
WHERE SkuId IS NOT NULL AND (:sku = '' OR SkuId = :sku)
GROUP BY SkuId, SkuMeter, SkuPriceId, PricingUnit
ORDER BY SkuId, SkuMeter, SkuPriceId, PricingUnit;
