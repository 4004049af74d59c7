-- title: Calculate consumption of virtual currency within a billing period
-- focus: 1.2 1.3
-- columns: BillingPeriodStart PricingCurrency PricingCurrencyEffectiveCost BillingCurrency EffectiveCost ChargeCategory
-- description: Virtual currency (tokens, credits) consumed per billing period, in its own unit and in the billing currency.
SELECT substr(BillingPeriodStart, 1, 7) AS BillingPeriod,
       PricingCurrency, BillingCurrency,
       count(*) AS Rows,
       sum(PricingCurrencyEffectiveCost) AS Consumed,
       sum(EffectiveCost) AS EffectiveCost
FROM focus
WHERE ChargeCategory = 'Usage'
  AND PricingCurrency IS NOT NULL
  AND PricingCurrency <> BillingCurrency
GROUP BY BillingPeriod, PricingCurrency, BillingCurrency
ORDER BY BillingPeriod, PricingCurrency, BillingCurrency;
