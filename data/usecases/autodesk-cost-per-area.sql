-- title: Autodesk: cost per tagged area
-- focus: 1.0 1.1 1.2 1.3
-- columns: BillingPeriodStart Tags EffectiveCost
-- param: key = area : the tag key that names the area
-- description: EffectiveCost per area tag and billing period; rows without an area as NULL.
SELECT json_extract(Tags, '$."' || :key || '"') AS Area,
       substr(BillingPeriodStart, 1, 7) AS BillingPeriod,
       count(*) AS Rows,
       sum(EffectiveCost) AS EffectiveCost
FROM focus
GROUP BY Area, BillingPeriod
ORDER BY Area, BillingPeriod;
