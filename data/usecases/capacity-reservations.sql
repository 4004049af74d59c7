-- title: Analyze capacity reservation usage
-- focus: 1.1 1.2 1.3
-- columns: CapacityReservationId CapacityReservationStatus EffectiveCost
-- description: Used and unused cost of each capacity reservation.
SELECT CapacityReservationId,
       total(CASE WHEN CapacityReservationStatus = 'Used' THEN EffectiveCost END) AS UsedCost,
       total(CASE WHEN CapacityReservationStatus = 'Unused' THEN EffectiveCost END) AS UnusedCost
FROM focus
WHERE CapacityReservationId IS NOT NULL
GROUP BY CapacityReservationId
ORDER BY CapacityReservationId;
