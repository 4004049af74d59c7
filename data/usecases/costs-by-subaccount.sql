-- title: Report costs by sub account
-- focus: 1.0 1.1 1.2 1.3
-- columns: SubAccountId SubAccountName BilledCost EffectiveCost
-- description: BilledCost and EffectiveCost per sub account (project, subscription, team).
SELECT SubAccountId, SubAccountName,
       count(*) AS Rows,
       sum(BilledCost) AS BilledCost,
       sum(EffectiveCost) AS EffectiveCost
FROM focus
GROUP BY SubAccountId, SubAccountName
ORDER BY SubAccountId, SubAccountName;
