-- title: Analyze costs by pricing category
-- focus: 1.0 1.1 1.2 1.3
-- columns: PricingCategory ListCost EffectiveCost
-- description: ListCost and EffectiveCost per pricing category (standard, committed, dynamic, other).
SELECT PricingCategory,
       count(*) AS Rows,
       sum(ListCost) AS ListCost,
       sum(EffectiveCost) AS EffectiveCost
FROM focus
GROUP BY PricingCategory
ORDER BY PricingCategory;
