; comment
[profile]
name = t
provider = ProviderName ~ Auto[dD]esk*
drill = meter, tag:area, period:quarter, billing-period, file, x_Term
meter-fallback = meter, SkuMeter, BilledCost
token-price = 1e-3
idle-days = 3650
occasional-days = 0
[defaults]
BillingCurrency = EUR
ProviderName = "quoted, value"
[meter product_seats]
unit = seat
match = SkuMeter ~ Product Seats
match = ServiceName ~ *
[meter  spaced  name ]
match = meter ~ product_*
[areas]
key = area
values = BIM, CAD,, ,X
[price]
product = Revit
term = annual
list = 3160.00
unit = seat
effective = 2025-01-01
confidence = A
source = x
[price]
product = Revit
term = monthly
list = $1,234.5
effective = 1/2/2025
[flex]
Revit = 10
AutoCAD = 0.5
