-- title: Analyze costs by availability zone and region
-- focus: 1.0 1.1 1.2 1.3
-- columns: ProviderName RegionId RegionName AvailabilityZone EffectiveCost
-- description: EffectiveCost per provider, region and availability zone.
SELECT ProviderName, RegionId, RegionName, AvailabilityZone,
       count(*) AS Rows,
       sum(EffectiveCost) AS EffectiveCost
FROM focus
GROUP BY ProviderName, RegionId, RegionName, AvailabilityZone
ORDER BY ProviderName, RegionId, AvailabilityZone;
