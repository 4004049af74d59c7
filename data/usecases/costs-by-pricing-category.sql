-- title: Analyze costs by pricing category
-- focus: 1.0 1.1 1.2 1.3
-- columns: PricingCategory ListCost EffectiveCost
-- description: ListCost and EffectiveCost per pricing category (standard, committed, dynamic, other); upfront purchases are left out, since the rows amortising them carry their ListCost again.
SELECT PricingCategory,
       count(*) AS Rows,
       sum(ListCost) AS ListCost,
       sum(EffectiveCost) AS EffectiveCost
FROM focus
-- an upfront purchase (BilledCost > 0, EffectiveCost 0) is amortised by other
-- rows, which carry its ListCost again: counted once, there
WHERE NOT coalesce(ChargeCategory = 'Purchase' AND BilledCost > 0 AND EffectiveCost = 0, 0)
GROUP BY PricingCategory
ORDER BY PricingCategory;
