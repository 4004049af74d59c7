-- title: Identify unused commitments
-- focus: 1.0 1.1 1.2 1.3
-- columns: CommitmentDiscountId CommitmentDiscountName CommitmentDiscountStatus BillingPeriodStart EffectiveCost
-- description: Commitment discounts with unused portions, the cost of what went unused per billing period.
SELECT CommitmentDiscountId, CommitmentDiscountName,
       substr(BillingPeriodStart, 1, 7) AS BillingPeriod,
       count(*) AS Rows,
       sum(EffectiveCost) AS UnusedCost
FROM focus
WHERE CommitmentDiscountStatus = 'Unused'
GROUP BY CommitmentDiscountId, CommitmentDiscountName, BillingPeriod
ORDER BY CAST(UnusedCost AS REAL) DESC, CommitmentDiscountId, BillingPeriod;
