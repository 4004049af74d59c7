-- title: Report costs by charge category
-- focus: 1.0 1.1 1.2 1.3
-- columns: ChargeCategory ChargeClass BilledCost EffectiveCost
-- description: BilledCost and EffectiveCost per ChargeCategory, corrections (ChargeClass) apart.
SELECT ChargeCategory, ChargeClass,
       count(*) AS Rows,
       sum(BilledCost) AS BilledCost,
       sum(EffectiveCost) AS EffectiveCost
FROM focus
GROUP BY ChargeCategory, ChargeClass
ORDER BY ChargeCategory, ChargeClass;
