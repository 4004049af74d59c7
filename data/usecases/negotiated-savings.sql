-- title: Determine negotiated and commitment savings
-- focus: 1.0 1.1 1.2 1.3
-- columns: ServiceName ListCost ContractedCost EffectiveCost
-- description: Per service, what negotiated rates saved (ListCost - ContractedCost) and what commitments saved (ContractedCost - EffectiveCost).

-- decimal_sub subtracts exactly (in focal and in the stock sqlite3 shell).
SELECT ServiceName,
       sum(ListCost) AS ListCost,
       sum(ContractedCost) AS ContractedCost,
       sum(EffectiveCost) AS EffectiveCost,
       decimal_sub(sum(ListCost), sum(ContractedCost)) AS NegotiatedSavings,
       decimal_sub(sum(ContractedCost), sum(EffectiveCost)) AS CommitmentSavings
FROM focus
GROUP BY ServiceName
ORDER BY ServiceName;
