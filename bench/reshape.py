#!/usr/bin/env python3
"""reshape.py - a focal-gen file reshaped like an independent export (issue
14's "independent data shape"): every row's Tags lose the profile's `area`
key (so tag:area is all (untagged)), and every row gets a ResourceId of its
own (a dimension with as many values as rows). Streams; standard library only.

    python3 bench/reshape.py IN.csv OUT.csv
"""
import csv
import json
import sys


def main(src, dst):
    with open(src, newline="") as fi, open(dst, "w", newline="") as fo:
        r = csv.reader(fi)
        w = csv.writer(fo, lineterminator="\n")
        head = next(r)
        w.writerow(head)
        tags, res = head.index("Tags"), head.index("ResourceId")
        for n, row in enumerate(r, 1):
            if row[tags]:
                t = json.loads(row[tags])
                t.pop("area", None)
                row[tags] = json.dumps(t, separators=(",", ":")) if t else ""
            row[res] = "res-%09d" % n
            w.writerow(row)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
