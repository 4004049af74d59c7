-- title: Analyze costs per resource
-- focus: 1.0 1.1 1.2 1.3
-- columns: ResourceId ResourceName ResourceType EffectiveCost
-- param: top = 20 : how many resources to list, costliest first
-- description: The resources with the highest EffectiveCost.
SELECT ResourceId, ResourceName, ResourceType,
       count(*) AS Rows,
       sum(EffectiveCost) AS EffectiveCost
FROM focus
WHERE ResourceId IS NOT NULL
GROUP BY ResourceId, ResourceName, ResourceType
ORDER BY CAST(sum(EffectiveCost) AS REAL) DESC, ResourceId, ResourceName
LIMIT :top;
