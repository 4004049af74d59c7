[profile]
name = autodesk
provider = ProviderName ~ Autodesk*
drill = ServiceSubcategory, meter
token-price = 9000000000000000000
[meter product_seats]
match = SkuMeter ~ Product Seats
[flex]
Revit = 9000000000000000000
AutoCAD = 9000000000000000000
AutoCAD LT = 9000000000000000000
Maya = 9000000000000000000
