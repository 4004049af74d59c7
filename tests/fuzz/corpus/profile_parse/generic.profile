[profile]
name = generic
title = FOCUS
drill = ServiceCategory, ServiceName, SkuMeter, period, ResourceName
meter-fallback = SkuMeter, ConsumedUnit, PricingUnit
