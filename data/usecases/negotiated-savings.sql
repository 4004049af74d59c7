-- title: Determine negotiated and commitment savings
-- focus: 1.0 1.1 1.2 1.3
-- columns: ServiceName ListCost ContractedCost EffectiveCost
-- description: Per service, what negotiated rates saved (ListCost - ContractedCost) and what commitments saved (ContractedCost - EffectiveCost); upfront purchases are left out, since the rows amortising them carry their ListCost and ContractedCost again.

-- decimal_sub subtracts exactly (in focal and in the stock sqlite3 shell).
SELECT ServiceName,
       sum(ListCost) AS ListCost,
       sum(ContractedCost) AS ContractedCost,
       sum(EffectiveCost) AS EffectiveCost,
       decimal_sub(sum(ListCost), sum(ContractedCost)) AS NegotiatedSavings,
       decimal_sub(sum(ContractedCost), sum(EffectiveCost)) AS CommitmentSavings
FROM focus
-- an upfront purchase (BilledCost > 0, EffectiveCost 0) is amortised by other
-- rows, which carry its ListCost and ContractedCost again: counted once, there
WHERE NOT coalesce(ChargeCategory = 'Purchase' AND BilledCost > 0 AND EffectiveCost = 0, 0)
GROUP BY ServiceName
ORDER BY ServiceName;
