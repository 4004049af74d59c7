-- title: Analyze allocated costs
-- focus: 1.3
-- columns: AllocatedMethodId AllocatedResourceId AllocatedResourceName EffectiveCost
-- description: EffectiveCost that split cost allocation gave to each resource, per allocation method.
SELECT AllocatedMethodId, AllocatedResourceId, AllocatedResourceName,
       count(*) AS Rows,
       sum(EffectiveCost) AS EffectiveCost
FROM focus
WHERE AllocatedMethodId IS NOT NULL
GROUP BY AllocatedMethodId, AllocatedResourceId, AllocatedResourceName
ORDER BY AllocatedMethodId, AllocatedResourceId, AllocatedResourceName;
