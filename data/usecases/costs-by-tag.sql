-- title: Report costs by tag value
-- focus: 1.0 1.1 1.2 1.3
-- columns: Tags EffectiveCost
-- param: key = area : the tag key to group by
-- description: EffectiveCost per value of one tag key; rows without the key as NULL.
SELECT json_extract(Tags, '$."' || :key || '"') AS TagValue,
       count(*) AS Rows,
       sum(EffectiveCost) AS EffectiveCost
FROM focus
GROUP BY TagValue
ORDER BY TagValue;
