# focal provider profile: Autodesk
#
# A profile tells focal how to read one provider's FOCUS data: which rows are
# the provider's (provider =), how a row is recognised as one of the
# provider's meters ([meter ...] match =), the default drill path of the
# explorer, the tagged areas, and list prices for what-if arithmetic.
#
# Format: "[section]" lines, then "key = value" lines; '#' starts a comment.
# A rule "COLUMN ~ PATTERN" matches when the row's COLUMN value matches the
# shell-style PATTERN (fnmatch: * any text, ? one character, [..] a set).
# Meters are tried in the order they appear; the first whose rule matches a
# row names its meter. See focal(1), section FILES, for every key.
#
# Prices carry the confidence tag of ../shared/autodesk/PRICING.md:
#   A  Autodesk-authored source
#   B  third-party source quoting Autodesk
#   C  inferred or placeholder: check against your own quote before relying on it

[profile]
name = autodesk
title = Autodesk
provider = ProviderName ~ Autodesk*
provider = ServiceProviderName ~ Autodesk*
provider = InvoiceIssuerName ~ Autodesk*
# First level is ServiceSubcategory: Product Subscriptions, Platform APIs (APS),
# Flex Tokens, Cloud Storage...
drill = ServiceSubcategory, meter, tag:area, period, SkuId, ResourceName
# Rows no meter rule matches (Tax, Credit) keep their own SkuMeter, if any.
meter-fallback = SkuMeter
# List price of one Flex token / cloud credit since 2022-03-29 (A).
token-price = 3.00
# Idle-seat rules for what-if suggestions (PRICING.md section 5a).
idle-days = 90
occasional-days = 8

[defaults]
# The seed values focal's Autodesk importer writes on APS rows; seat and
# storage rows carry their own ServiceName and ServiceSubcategory.
ProviderName = Autodesk
ServiceProviderName = Autodesk
PublisherName = Autodesk, Inc.
InvoiceIssuerName = Autodesk, Inc.
BillingCurrency = USD
ServiceName = Autodesk Platform Services
ServiceCategory = Design / Engineering Software
ServiceSubcategory = Platform APIs (APS)
PricingCategory = Subscription + Pay-As-You-Go

[meter model_derivative_translations]
unit = job
description = Model Derivative API translation jobs (simple: DWG, IPT, STEP; complex: RVT, NWD, IFC)
match = SkuMeter ~ Model Derivative*
match = SkuId ~ APS-MD-*

[meter design_automation_minutes]
unit = minute
description = Design Automation (Automation API) processing minutes, per engine
match = SkuMeter ~ Design Automation*
match = SkuMeter ~ Automation API*
match = SkuId ~ APS-DA-*

[meter reality_capture_processing]
unit = job
description = Reality Capture photogrammetry jobs (1 token per 50 photos)
match = SkuMeter ~ Reality Capture*
match = SkuId ~ APS-RC-*

[meter product_seats]
unit = seat-month
description = Named-user product subscriptions (AutoCAD, Revit, Civil 3D, Maya, Collections...)
match = SkuMeter ~ Product Seats
match = PricingUnit ~ Seat*
match = SkuId ~ ADSK-SEAT-*

[meter storage_consumption]
unit = GB-month
description = Autodesk Docs / OSS storage, shown at $0 (no per-GB price is published)
match = SkuMeter ~ Storage Consumption
match = PricingUnit ~ GB-Month*

# Last: its unit rules (Tokens, Credits) would also match metered APS rows.
[meter cloud_credits_consumed]
unit = credit
description = Flex tokens / Cloud Credits bought and drawn down (token packs, daily Flex product use)
match = SkuMeter ~ Cloud Credits Consumed
match = SkuMeter ~ Flex Tokens*
match = PricingUnit ~ Tokens
match = PricingUnit ~ Credits

[areas]
# Tag key and the areas spend is tagged with.
key = area
values = 3D Modeling, BIM, CAD, Construction, Engineering

# Product list prices (USD, per seat and term). A newer "effective" date
# supersedes an older price for the same product and term.
[price]
product = Architecture Engineering & Construction Collection
term = annual
list = 3500.00
unit = seat-year
effective = 2025-01-01
confidence = C
source = PRICING.md 5a recipe ($3,400-3,700 range; one quote of $3,235)

[price]
product = Revit
term = annual
list = 3055.00
unit = seat-year
effective = 2026-01-01
confidence = B
source = PRICING.md 2 (quotes $2,750-$3,160, 2024-2026)

[price]
product = Revit
term = monthly
list = 380.00
unit = seat-month
effective = 2026-01-01
confidence = C
source = annual / 8 (Autodesk monthly pattern)

[price]
product = AutoCAD
term = annual
list = 2030.00
unit = seat-year
effective = 2026-01-01
confidence = B
source = PRICING.md 2

[price]
product = AutoCAD
term = 3-year
list = 6090.00
unit = seat-3-years
effective = 2026-01-01
confidence = C
source = 3 x annual, price-locked

[price]
product = AutoCAD
term = monthly
list = 255.00
unit = seat-month
effective = 2026-01-01
confidence = C
source = annual / 8

[price]
product = AutoCAD LT
term = annual
list = 545.00
unit = seat-year
effective = 2026-01-01
confidence = B
source = PRICING.md 2 ($540-$545)

[price]
product = AutoCAD LT
term = monthly
list = 70.00
unit = seat-month
effective = 2026-01-01
confidence = C
source = annual / 8

[price]
product = Civil 3D
term = annual
list = 3000.00
unit = seat-year
effective = 2026-01-01
confidence = C
source = PRICING.md 2 (not found; placeholder)

[price]
product = Maya
term = annual
list = 1945.00
unit = seat-year
effective = 2026-01-01
confidence = C
source = PRICING.md 2 ($1,900-$2,950 range)

[price]
product = Maya
term = monthly
list = 245.00
unit = seat-month
effective = 2026-01-01
confidence = C
source = annual / 8

[price]
product = Inventor Professional
term = annual
list = 2800.00
unit = seat-year
effective = 2026-01-01
confidence = C
source = PRICING.md 2 (not found; placeholder)

[price]
product = Fusion
term = annual
list = 680.00
unit = seat-year
effective = 2026-06-01
confidence = B
source = PRICING.md 2

# APS rated operations, list price per unit in USD at $3 per token.
[price]
product = Model Derivative (complex)
term = per job
list = 1.50
unit = job
effective = 2022-11-07
confidence = A
source = 0.5 token per RVT/NWD/IFC job

[price]
product = Model Derivative (complex)
term = per job
list = 4.50
unit = job
effective = 2025-12-08
confidence = B
source = 1.5 tokens per complex job from 8 Dec 2025

[price]
product = Model Derivative (simple)
term = per job
list = 0.30
unit = job
effective = 2022-11-07
confidence = A
source = 0.1 token per DWG/IPT/STEP job

[price]
product = Model Derivative (simple)
term = per job
list = 0.90
unit = job
effective = 2025-12-08
confidence = C
source = placeholder: new rate not published in text

[price]
product = Design Automation
term = per minute
list = 0.10
unit = minute
effective = 2022-11-07
confidence = A
source = 2 tokens per processing hour

[price]
product = Design Automation
term = per minute
list = 0.15
unit = minute
effective = 2025-12-08
confidence = C
source = placeholder: Revit/AutoCAD/Inventor raised, amount not published

[price]
product = Reality Capture
term = per job
list = 3.00
unit = 50 photos
effective = 2022-09-07
confidence = A
source = 1 token per 50 photos

[price]
product = Storage
term = per GB-month
list = 0.00
unit = GB-month
effective = 2022-01-01
confidence = C
source = no per-GB price is published; shown at $0 (showback)

[flex]
# Flex tokens charged per day of use of each product (PRICING.md 2, 2a).
AutoCAD = 7
Revit = 10
AutoCAD LT = 3
