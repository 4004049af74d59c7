-- title: Autodesk: Cloud Credit / Flex token consumption per billing period
-- focus: 1.2 1.3
-- columns: BillingPeriodStart ChargeCategory PricingCurrency PricingCurrencyEffectiveCost BilledCost EffectiveCost
-- description: Tokens drawn per billing period, their value, and what was paid as you go once the pack ran out.
SELECT substr(BillingPeriodStart, 1, 7) AS BillingPeriod,
       count(*) AS Rows,
       sum(PricingCurrencyEffectiveCost) AS Tokens,
       sum(EffectiveCost) AS EffectiveCost,
       sum(BilledCost) AS PayAsYouGo
FROM focus
WHERE ChargeCategory = 'Usage' AND PricingCurrency IN ('Flex Tokens', 'Cloud Credits', 'Tokens', 'Credits')
GROUP BY BillingPeriod
ORDER BY BillingPeriod;
