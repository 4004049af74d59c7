#!/usr/bin/env python3
"""store_parts_seeds.py STORE.sqlite OUT_PREFIX - fuzz_store_parts seeds from a
store `focal save` wrote: its focal_column rows, dictionaries and row BLOBs in
the target's input format (fuzz_store_parts.c), the whole store and its
first N columns."""
import sqlite3
import struct
import sys

db = sqlite3.connect(sys.argv[1])
rows = db.execute("SELECT value FROM focal_meta WHERE key = 'rows'").fetchone()[0]
cols = db.execute("SELECT id, name, focus, kind, ncodes, width, decimals FROM focal_column ORDER BY id").fetchall()


def blob(col, what):
    r = db.execute("SELECT data FROM focal_blob WHERE col = ? AND what = ? AND part = 0", (col, what)).fetchone()
    return r[0] if r else b''


def encode(ncols):
    out = bytearray(struct.pack('<BHB', 0, rows, ncols))
    for cid, name, focus, kind, ncodes, width, dec in cols[:ncols]:
        nb = name.encode()
        out += struct.pack('<BbbBbBH', len(nb), focus, kind, width, dec, 0, ncodes) + nb
        if kind == 2:
            continue
        lens = struct.unpack('<%dI' % (ncodes - 1), blob(cid, 1))
        data, epochs, at = blob(cid, 2), blob(cid, 3), 0
        for i, n in enumerate(lens):
            out += bytes([n]) + data[at:at + n]
            if kind == 1:
                out += epochs[i * 8:i * 8 + 8]
            at += n
    for cid, name, focus, kind, ncodes, width, dec in cols[:ncols]:
        out += blob(cid, 0)
    return bytes(out)


for n in (len(cols), 12, 3):
    open('%s-%d' % (sys.argv[2], n), 'wb').write(encode(n))
