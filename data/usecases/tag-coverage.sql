-- title: Analyze tag coverage
-- focus: 1.0 1.1 1.2 1.3
-- columns: ProviderName EffectiveCost Tags
-- param: key = area : the tag key whose coverage is measured
-- description: Share of rows and of EffectiveCost that carry the tag key, per provider.
SELECT ProviderName,
       count(*) AS Rows,
       count(json_extract(Tags, '$."' || :key || '"')) AS TaggedRows,
       total(EffectiveCost) AS EffectiveCost,
       total(CASE WHEN json_extract(Tags, '$."' || :key || '"') IS NOT NULL
                  THEN EffectiveCost END) AS TaggedCost,
       total(CASE WHEN json_extract(Tags, '$."' || :key || '"') IS NULL
                  THEN EffectiveCost END) AS UntaggedCost
FROM focus
GROUP BY ProviderName
ORDER BY ProviderName;
