-- title: Autodesk: seats per product per month
-- focus: 1.2 1.3
-- columns: meter ServiceName ChargePeriodStart ChargeFrequency PricingQuantity x_ActiveSeats EffectiveCost
-- description: Seats paid for and seats in use per product and month, and the EffectiveCost of the seats.
SELECT ServiceName AS Product, substr(ChargePeriodStart, 1, 7) AS Month,
       sum(PricingQuantity) AS Seats,
       sum(CAST(x_ActiveSeats AS INTEGER)) AS ActiveSeats,
       sum(EffectiveCost) AS EffectiveCost
FROM focus
WHERE meter = 'product_seats' AND ChargeFrequency = 'Recurring'
GROUP BY Product, Month
ORDER BY Product, Month;
