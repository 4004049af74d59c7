-- title: Identify resources missing a tag
-- focus: 1.0 1.1 1.2 1.3
-- columns: ResourceId ServiceName Tags EffectiveCost
-- param: key = area : the tag key that should be present
-- description: Resources with rows that lack the tag key, and the EffectiveCost of those rows.
SELECT ResourceId, ServiceName,
       count(*) AS Rows,
       sum(EffectiveCost) AS EffectiveCost
FROM focus
WHERE json_extract(Tags, '$."' || :key || '"') IS NULL
GROUP BY ResourceId, ServiceName
ORDER BY ResourceId, ServiceName;
