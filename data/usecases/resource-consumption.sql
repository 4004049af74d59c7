-- title: Analyze resource consumption by service
-- focus: 1.0 1.1 1.2 1.3
-- columns: ServiceName ConsumedUnit ConsumedQuantity EffectiveCost
-- description: Quantity consumed per service and unit, with its EffectiveCost.
SELECT ServiceName, ConsumedUnit,
       count(*) AS Rows,
       sum(ConsumedQuantity) AS ConsumedQuantity,
       sum(EffectiveCost) AS EffectiveCost
FROM focus
WHERE ConsumedUnit IS NOT NULL
GROUP BY ServiceName, ConsumedUnit
ORDER BY ServiceName, ConsumedUnit;
