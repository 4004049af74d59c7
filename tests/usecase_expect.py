#!/usr/bin/env python3
"""The answer of each built-in use case computed another way: plain Python
over the CSV with Decimal, no SQL. Prints CSV (header, then rows; NULL as an
empty field) for tests/usecase.sh to compare with `focal usecase run`.

usage: usecase_expect.py NAME [--param NAME=VALUE]... [--compare OUT.csv] FILE...
With --compare, compares focal's CSV output with the answer instead: same
header, same rows in the same order, text equal and numbers equal as exact
decimals (a *Pct ratio, rounded in SQL from a double, within 0.01); exits 1
and says where on the first differences.
"""
import csv
import fnmatch
import json
import sys
from collections import OrderedDict
from decimal import Decimal, ROUND_HALF_UP

# The Autodesk profile's meter rules (data/autodesk.profile), in its order.
METERS = [
    ("model_derivative_translations", [("SkuMeter", "Model Derivative*"), ("SkuId", "APS-MD-*")]),
    ("design_automation_minutes", [("SkuMeter", "Design Automation*"), ("SkuMeter", "Automation API*"), ("SkuId", "APS-DA-*")]),
    ("reality_capture_processing", [("SkuMeter", "Reality Capture*"), ("SkuId", "APS-RC-*")]),
    ("product_seats", [("SkuMeter", "Product Seats"), ("PricingUnit", "Seat*"), ("SkuId", "ADSK-SEAT-*")]),
    ("storage_consumption", [("SkuMeter", "Storage Consumption"), ("PricingUnit", "GB-Month*")]),
    ("cloud_credits_consumed", [("SkuMeter", "Cloud Credits Consumed"), ("SkuMeter", "Flex Tokens*"),
                                ("PricingUnit", "Tokens"), ("PricingUnit", "Credits")]),
]
TOKENS = ("Flex Tokens", "Cloud Credits", "Tokens", "Credits")


def meter(r):
    for name, rules in METERS:
        for col, pat in rules:
            if r.get(col) is not None and fnmatch.fnmatchcase(r[col], pat):
                return name
    return r.get("SkuMeter")


def load(paths):
    rows = []
    for p in paths:
        with open(p, newline="", encoding="utf-8-sig") as f:
            for r in csv.DictReader(f):
                r = {k: (v if v != "" else None) for k, v in r.items()}
                r["meter"] = meter(r)
                rows.append(r)
    return rows


def D(v):
    return None if v is None else Decimal(v)


def dsum(vals):
    """SQL sum(): NULL when no non-NULL value."""
    vals = [D(v) for v in vals if v is not None]
    return sum(vals, Decimal(0)) if vals else None


def dtotal(vals):
    """SQL total(): 0 when no non-NULL value."""
    return sum((D(v) for v in vals if v is not None), Decimal(0))


def period(v):
    return None if v is None else v[:7]


def tag(r, key):
    if r["Tags"] is None:
        return None
    v = json.loads(r["Tags"]).get(key)
    return None if v is None else str(v)


def sub(a, b):
    return None if a is None or b is None else a - b


def pct(num, den):
    if den is None or den == 0:
        return None
    return (Decimal(100) * num / den).quantize(Decimal("0.01"), ROUND_HALF_UP)


def groups(rows, key):
    g = OrderedDict()
    for r in rows:
        g.setdefault(key(r), []).append(r)
    return g


def nkey(*vals):
    """ORDER BY in SQLite: NULL before anything."""
    return tuple((v is not None, v) for v in vals)


def grouped(rows, keycols, aggs, where=lambda r: True, order=None, rows_col=True):
    keyf = lambda r: tuple(r[c] for c in keycols)
    out = []
    for k, g in groups([r for r in rows if where(r)], keyf).items():
        vals = list(k) + ([len(g)] if rows_col else []) + [f(g) for _, f in aggs]
        out.append(vals)
    out.sort(key=order or (lambda v: nkey(*v[:len(keycols)])))
    head = list(keycols) + (["Rows"] if rows_col else []) + [n for n, _ in aggs]
    return head, out


def S(col):
    return lambda g: dsum(r[col] for r in g)


def with_period(rows, src="BillingPeriodStart", dst="BillingPeriod"):
    for r in rows:
        r[dst] = period(r[src])
    return rows


def uc_tag_coverage(rows, p):
    k = p.get("key", "area")
    return grouped(rows, ["ProviderName"], [
        ("TaggedRows", lambda g: sum(1 for r in g if tag(r, k) is not None)),
        ("EffectiveCost", lambda g: dtotal(r["EffectiveCost"] for r in g)),
        ("TaggedCost", lambda g: dtotal(r["EffectiveCost"] for r in g if tag(r, k) is not None)),
        ("UntaggedCost", lambda g: dtotal(r["EffectiveCost"] for r in g if tag(r, k) is None))])


def uc_service_costs_mom(rows, p):
    with_period(rows)
    head, per = grouped(rows, ["ServiceName", "BillingPeriod"], [("EffectiveCost", S("EffectiveCost"))], rows_col=False)
    out, prev = [], {}
    for svc, bp, cost in per:
        before = prev.get(svc, (None,))[0] if svc in prev else None
        out.append([svc, bp, cost, before, sub(cost, before) if svc in prev else None])
        prev[svc] = (cost,)
    return head + ["PreviousCost", "Change"], out


def uc_virtual_currency_consumption(rows, p):
    with_period(rows)
    return grouped(rows, ["BillingPeriod", "PricingCurrency", "BillingCurrency"],
                   [("Consumed", S("PricingCurrencyEffectiveCost")), ("EffectiveCost", S("EffectiveCost"))],
                   where=lambda r: r["ChargeCategory"] == "Usage" and r["PricingCurrency"] is not None
                   and r["BillingCurrency"] is not None and r["PricingCurrency"] != r["BillingCurrency"])


def upfront(r):
    """A Purchase covering future charges: the rows amortising it carry its
    ListCost and ContractedCost again (focal's upfront.h)."""
    return (r["ChargeCategory"] == "Purchase" and r["BilledCost"] is not None and D(r["BilledCost"]) > 0
            and r["EffectiveCost"] is not None and D(r["EffectiveCost"]) == 0)


def uc_effective_savings_rate(rows, p):
    with_period(rows)
    head, out = grouped(rows, ["BillingPeriod"], [("ListCost", S("ListCost")), ("EffectiveCost", S("EffectiveCost"))],
                        where=lambda r: r["ChargeCategory"] in ("Usage", "Purchase") and not upfront(r),
                        rows_col=False)
    res = []
    for bp, lc, ec in out:
        sv = sub(lc, ec) if lc is not None and ec is not None else (lc if ec is None else -ec if lc is None else None)
        res.append([bp, lc, ec, sv, pct(sv, lc) if sv is not None else None])
    return head + ["Savings", "SavingsRatePct"], res


def uc_unused_commitments(rows, p):
    with_period(rows)
    return grouped(rows, ["CommitmentDiscountId", "CommitmentDiscountName", "BillingPeriod"],
                   [("UnusedCost", S("EffectiveCost"))], where=lambda r: r["CommitmentDiscountStatus"] == "Unused",
                   order=lambda v: (-(v[4] or 0),) + nkey(v[0], v[2]))


def uc_costs_by_service_category(rows, p):
    return grouped(rows, ["ServiceCategory", "ServiceSubcategory"], [("BilledCost", S("BilledCost")), ("EffectiveCost", S("EffectiveCost"))])


def uc_verify_invoices(rows, p):
    cats = ["Usage", "Purchase", "Tax", "Credit", "Adjustment"]
    aggs = [(c, (lambda c: lambda g: dtotal(r["BilledCost"] for r in g if r["ChargeCategory"] == c))(c)) for c in cats]
    return grouped(rows, ["InvoiceIssuerName", "InvoiceId", "BillingCurrency"], aggs + [("InvoiceTotal", S("BilledCost"))],
                   rows_col=False)


def uc_costs_by_region(rows, p):
    return grouped(rows, ["ProviderName", "RegionId", "RegionName", "AvailabilityZone"], [("EffectiveCost", S("EffectiveCost"))],
                   order=lambda v: nkey(v[0], v[1], v[3]))


def uc_billed_vs_effective(rows, p):
    with_period(rows)
    head, out = grouped(rows, ["BillingPeriod"], [("BilledCost", S("BilledCost")), ("EffectiveCost", S("EffectiveCost"))], rows_col=False)
    return head + ["Difference"], [v + [(v[1] or 0) - (v[2] or 0)] for v in out]


def uc_costs_by_subaccount(rows, p):
    return grouped(rows, ["SubAccountId", "SubAccountName"], [("BilledCost", S("BilledCost")), ("EffectiveCost", S("EffectiveCost"))])


def uc_costs_by_charge_category(rows, p):
    return grouped(rows, ["ChargeCategory", "ChargeClass"], [("BilledCost", S("BilledCost")), ("EffectiveCost", S("EffectiveCost"))])


def uc_credits(rows, p):
    with_period(rows)
    return grouped(rows, ["BillingPeriod", "ServiceName", "ChargeDescription"], [("BilledCost", S("BilledCost"))],
                   where=lambda r: r["ChargeCategory"] == "Credit")


def uc_tax_by_provider(rows, p):
    with_period(rows)
    return grouped(rows, ["ProviderName", "BillingPeriod", "BillingCurrency"], [("Tax", S("BilledCost"))],
                   where=lambda r: r["ChargeCategory"] == "Tax")


def uc_cost_per_resource(rows, p):
    head, out = grouped(rows, ["ResourceId", "ResourceName", "ResourceType"], [("EffectiveCost", S("EffectiveCost"))],
                        where=lambda r: r["ResourceId"] is not None,
                        order=lambda v: (-(v[4] if v[4] is not None else Decimal("-Infinity")),) + nkey(v[0], v[1]))
    return head, out[:int(p.get("top", "20"))]


def uc_commitment_utilization(rows, p):
    def used(g, st):
        return dtotal(r["EffectiveCost"] for r in g if r["CommitmentDiscountStatus"] == st)
    head, out = grouped(rows, ["CommitmentDiscountId", "CommitmentDiscountType"],
                        [("UsedCost", lambda g: used(g, "Used")), ("UnusedCost", lambda g: used(g, "Unused"))],
                        where=lambda r: r["CommitmentDiscountId"] is not None and r["CommitmentDiscountStatus"] in ("Used", "Unused"),
                        rows_col=False)
    return head + ["UtilizationPct"], [v + [pct(v[2], v[2] + v[3])] for v in out]


def uc_costs_by_pricing_category(rows, p):
    return grouped(rows, ["PricingCategory"], [("ListCost", S("ListCost")), ("EffectiveCost", S("EffectiveCost"))],
                   where=lambda r: not upfront(r))


def uc_sku_metered_costs(rows, p):
    sku = p.get("sku", "")
    return grouped(rows, ["SkuId", "SkuMeter", "SkuPriceId", "PricingUnit"],
                   [("PricingQuantity", S("PricingQuantity")), ("EffectiveCost", S("EffectiveCost"))],
                   where=lambda r: r["SkuId"] is not None and (sku == "" or r["SkuId"] == sku))


def uc_unit_price_changes(rows, p):
    with_period(rows)
    def mm(col, f):
        return lambda g: f((D(r[col]) for r in g if r[col] is not None), default=None)
    return grouped(rows, ["SkuId", "PricingUnit", "BillingPeriod"],
                   [("MinListUnitPrice", mm("ListUnitPrice", min)), ("MaxListUnitPrice", mm("ListUnitPrice", max)),
                    ("MinContractedUnitPrice", mm("ContractedUnitPrice", min)),
                    ("MaxContractedUnitPrice", mm("ContractedUnitPrice", max))],
                   where=lambda r: r["SkuId"] is not None and r["ListUnitPrice"] is not None, rows_col=False)


def uc_negotiated_savings(rows, p):
    head, out = grouped(rows, ["ServiceName"], [("ListCost", S("ListCost")), ("ContractedCost", S("ContractedCost")),
                                                ("EffectiveCost", S("EffectiveCost"))],
                        where=lambda r: not upfront(r), rows_col=False)
    z = lambda v: v or 0
    return head + ["NegotiatedSavings", "CommitmentSavings"], [v + [z(v[1]) - z(v[2]), z(v[2]) - z(v[3])] for v in out]


def uc_purchases(rows, p):
    return grouped(rows, ["ServiceName", "SkuId", "ChargePeriodStart", "ChargePeriodEnd"], [("BilledCost", S("BilledCost"))],
                   where=lambda r: r["ChargeCategory"] == "Purchase" and r["ChargeFrequency"] == "One-Time",
                   order=lambda v: nkey(v[2], v[0], v[1], v[3]))


def uc_costs_by_billing_account(rows, p):
    return grouped(rows, ["BillingAccountId", "BillingAccountName", "BillingCurrency"],
                   [("BilledCost", S("BilledCost")), ("EffectiveCost", S("EffectiveCost"))])


def uc_costs_by_tag(rows, p):
    k = p.get("key", "area")
    for r in rows:
        r["TagValue"] = tag(r, k)
    return grouped(rows, ["TagValue"], [("EffectiveCost", S("EffectiveCost"))])


def uc_untagged_resources(rows, p):
    k = p.get("key", "area")
    return grouped(rows, ["ResourceId", "ServiceName"], [("EffectiveCost", S("EffectiveCost"))],
                   where=lambda r: tag(r, k) is None)


def uc_capacity_reservations(rows, p):
    def st(s):
        return lambda g: dtotal(r["EffectiveCost"] for r in g if r["CapacityReservationStatus"] == s)
    return grouped(rows, ["CapacityReservationId"], [("UsedCost", st("Used")), ("UnusedCost", st("Unused"))],
                   where=lambda r: r["CapacityReservationId"] is not None, rows_col=False)


def uc_allocated_costs(rows, p):
    return grouped(rows, ["AllocatedMethodId", "AllocatedResourceId", "AllocatedResourceName"], [("EffectiveCost", S("EffectiveCost"))],
                   where=lambda r: r["AllocatedMethodId"] is not None)


def uc_resource_consumption(rows, p):
    return grouped(rows, ["ServiceName", "ConsumedUnit"], [("ConsumedQuantity", S("ConsumedQuantity")), ("EffectiveCost", S("EffectiveCost"))],
                   where=lambda r: r["ConsumedUnit"] is not None)


def token_usage(r):
    return r["ChargeCategory"] == "Usage" and r["PricingCurrency"] in TOKENS


def uc_autodesk_token_consumption(rows, p):
    with_period(rows)
    return grouped(rows, ["BillingPeriod"], [("Tokens", S("PricingCurrencyEffectiveCost")), ("EffectiveCost", S("EffectiveCost")),
                                             ("PayAsYouGo", S("BilledCost"))], where=token_usage)


def uc_autodesk_token_consumption_by_api(rows, p):
    with_period(rows)
    return grouped(rows, ["BillingPeriod", "meter", "ConsumedUnit"],
                   [("ConsumedQuantity", S("ConsumedQuantity")), ("Tokens", S("PricingCurrencyEffectiveCost")),
                    ("EffectiveCost", S("EffectiveCost"))], where=token_usage, rows_col=False)


def uc_autodesk_seats_per_product(rows, p):
    for r in rows:
        r["Product"], r["Month"] = r["ServiceName"], period(r["ChargePeriodStart"])
    return grouped(rows, ["Product", "Month"], [("Seats", S("PricingQuantity")), ("ActiveSeats", S("x_ActiveSeats")),
                                                ("EffectiveCost", S("EffectiveCost"))],
                   where=lambda r: r["meter"] == "product_seats" and r["ChargeFrequency"] == "Recurring", rows_col=False)


def uc_autodesk_cost_per_area(rows, p):
    k = p.get("key", "area")
    for r in rows:
        r["Area"], r["BillingPeriod"] = tag(r, k), period(r["BillingPeriodStart"])
    return grouped(rows, ["Area", "BillingPeriod"], [("EffectiveCost", S("EffectiveCost"))])


def text(v):
    if v is None:
        return ""
    if isinstance(v, Decimal):
        return format(v.normalize(), "f") if v != 0 else "0"
    return str(v)


def same(col, want, got):
    if want == got:
        return True
    try:
        d = abs(Decimal(want) - Decimal(got))
    except Exception:
        return False
    return d == 0 or (col.endswith("Pct") and d <= Decimal("0.01"))


def compare(path, head, out):
    with open(path, newline="", encoding="utf-8") as f:
        got = list(csv.reader(f))
    want = [head] + [[text(x) for x in v] for v in out]
    bad = []
    if not got or got[0] != head:
        bad.append("header: want %s, got %s" % (head, got[0] if got else None))
    elif len(got) != len(want):
        bad.append("rows: want %d, got %d" % (len(want) - 1, len(got) - 1))
    for i, (w, g) in enumerate(zip(want[1:], got[1:]), 1):
        for col, a, b in zip(head, w, g):
            if not same(col, a, b):
                bad.append("row %d %s: want %r, got %r" % (i, col, a, b))
    for b in bad[:10]:
        print("  " + b)
    return 1 if bad else 0


def main(argv):
    name, params, files, cmp = argv[0], {}, [], None
    it = iter(argv[1:])
    for a in it:
        if a == "--param":
            k, _, v = next(it).partition("=")
            params[k] = v
        elif a == "--compare":
            cmp = next(it)
        else:
            files.append(a)
    fn = globals().get("uc_" + name.replace("-", "_"))
    if fn is None:
        sys.exit("usecase_expect.py: no use case " + name)
    head, out = fn(load(files), params)
    if cmp is not None:
        sys.exit(compare(cmp, head, out))
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(head)
    for v in out:
        w.writerow([text(x) for x in v])


if __name__ == "__main__":
    main(sys.argv[1:])
