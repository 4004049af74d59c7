#!/usr/bin/env python3
"""bench/reconcile.py FILE [DIM]: an independent exact sum of a big FOCUS file (or .gz).

Reads FILE with Python's csv module (not libcsv) and adds the four cost
columns per DIM (default ServiceSubcategory) with decimal.Decimal (exact),
then runs `focal report --by DIM --format csv FILE` and compares every group
and the totals. Prints one line per metric and exits 1 on any difference.
Used for the 1M- and 10M-row rows of bench/RESULTS.md (make check does the
same with sqlite3 + bc on smaller files).
"""
import csv
import decimal
import gzip
import os
import subprocess
import sys

METRICS = ["BilledCost", "EffectiveCost", "ListCost", "ContractedCost"]


def main():
    path = sys.argv[1]
    dim = sys.argv[2] if len(sys.argv) > 2 else "ServiceSubcategory"
    focal = os.environ.get("FOCAL", os.path.join(os.path.dirname(__file__), "..", "src", "focal"))
    decimal.getcontext().prec = 60
    sums, rows = {}, {}
    opener = gzip.open if path.endswith(".gz") else open  # focal reads the .gz itself
    with opener(path, "rt", newline="", encoding="utf-8") as f:
        r = csv.reader(f)
        head = next(r)
        di = head.index(dim)
        mi = [head.index(m) for m in METRICS]
        for rec in r:
            g = rec[di] or "(null)"
            s = sums.setdefault(g, [decimal.Decimal(0)] * 4)
            for k, i in enumerate(mi):
                v = rec[i]
                if v not in ("", "NULL", "null"):
                    s[k] += decimal.Decimal(v)
            rows[g] = rows.get(g, 0) + 1
    out = subprocess.run([focal, "report", "--by", dim, "--format", "csv", path],
                         check=True, capture_output=True, text=True).stdout
    got = {rec[0]: rec for rec in list(csv.reader(out.splitlines()))[1:]}
    bad = 0
    for k, m in enumerate(METRICS):
        total = sum((s[k] for s in sums.values()), decimal.Decimal(0))
        diff = [g for g in sums if decimal.Decimal(got[g][1 + k]) != sums[g][k]]
        ftotal = sum((decimal.Decimal(got[g][1 + k]) for g in got), decimal.Decimal(0))
        ok = not diff and ftotal == total and set(got) == set(sums)
        bad += not ok
        print(f"{m}: {len(sums)} groups, total {total} (focal {ftotal}): {'equal' if ok else 'DIFFERENT ' + str(diff)}")
    nrows = sum(rows.values())
    frows = sum(int(got[g][5]) for g in got)
    print(f"rows: {nrows} (focal {frows}): {'equal' if nrows == frows else 'DIFFERENT'}")
    return 1 if bad or nrows != frows else 0


if __name__ == "__main__":
    sys.exit(main())
