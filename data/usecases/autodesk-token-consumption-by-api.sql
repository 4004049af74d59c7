-- title: Autodesk: token consumption per API and billing period
-- focus: 1.2 1.3
-- columns: meter BillingPeriodStart ChargeCategory PricingCurrency PricingCurrencyEffectiveCost ConsumedQuantity ConsumedUnit EffectiveCost
-- description: Tokens drawn per meter (Model Derivative, Automation API, Reality Capture, Flex) and billing period.
SELECT substr(BillingPeriodStart, 1, 7) AS BillingPeriod, meter,
       ConsumedUnit,
       sum(ConsumedQuantity) AS ConsumedQuantity,
       sum(PricingCurrencyEffectiveCost) AS Tokens,
       sum(EffectiveCost) AS EffectiveCost
FROM focus
WHERE ChargeCategory = 'Usage' AND PricingCurrency IN ('Flex Tokens', 'Cloud Credits', 'Tokens', 'Credits')
GROUP BY BillingPeriod, meter, ConsumedUnit
ORDER BY BillingPeriod, meter, ConsumedUnit;
