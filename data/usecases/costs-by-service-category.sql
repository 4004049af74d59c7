-- title: Report costs by service category and subcategory
-- focus: 1.1 1.2 1.3
-- columns: ServiceCategory ServiceSubcategory BilledCost EffectiveCost
-- description: BilledCost and EffectiveCost per ServiceCategory and ServiceSubcategory.
SELECT ServiceCategory, ServiceSubcategory,
       count(*) AS Rows,
       sum(BilledCost) AS BilledCost,
       sum(EffectiveCost) AS EffectiveCost
FROM focus
GROUP BY ServiceCategory, ServiceSubcategory
ORDER BY ServiceCategory, ServiceSubcategory;
