-- title: Determine negotiated and commitment savings
-- focus: 1.0 1.1 1.2 1.3
-- columns: ServiceName ListCost ContractedCost EffectiveCost
-- description: Per service, what negotiated rates saved (ListCost - ContractedCost) and what commitments saved (ContractedCost - EffectiveCost).

-- Each saving is one exact sum over a cost and the negated other (see `sign`).
SELECT ServiceName,
       sum(CASE WHEN s = 1 THEN ListCost END) AS ListCost,
       sum(CASE WHEN s = 1 THEN ContractedCost END) AS ContractedCost,
       sum(CASE WHEN s = 1 THEN EffectiveCost END) AS EffectiveCost,
       sum(CASE WHEN s = 1 THEN ListCost ELSE -ContractedCost END) AS NegotiatedSavings,
       sum(CASE WHEN s = 1 THEN ContractedCost ELSE -EffectiveCost END) AS CommitmentSavings
FROM focus, (SELECT 1 AS s UNION ALL SELECT -1) AS sign
GROUP BY ServiceName
ORDER BY ServiceName;
