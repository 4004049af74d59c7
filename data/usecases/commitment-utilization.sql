-- title: Analyze commitment discount utilization
-- focus: 1.0 1.1 1.2 1.3
-- columns: CommitmentDiscountId CommitmentDiscountType CommitmentDiscountStatus EffectiveCost
-- description: Used and unused cost of each commitment discount and the share that was used.
SELECT CommitmentDiscountId, CommitmentDiscountType,
       total(CASE WHEN CommitmentDiscountStatus = 'Used' THEN EffectiveCost END) AS UsedCost,
       total(CASE WHEN CommitmentDiscountStatus = 'Unused' THEN EffectiveCost END) AS UnusedCost,
       CASE WHEN total(EffectiveCost) <> 0
            THEN round(100.0 * total(CASE WHEN CommitmentDiscountStatus = 'Used' THEN EffectiveCost END)
                       / total(EffectiveCost), 2)
       END AS UtilizationPct
FROM focus
WHERE CommitmentDiscountId IS NOT NULL AND CommitmentDiscountStatus IN ('Used', 'Unused')
GROUP BY CommitmentDiscountId, CommitmentDiscountType
ORDER BY CommitmentDiscountId, CommitmentDiscountType;
