#!/usr/bin/env python3
"""Says whether a screenshot shows live video, with the standard library only (runs outside the test root).

png_check.py FILE [--min-colours N] [--min-colourful PERCENT]

A wall of live demo tiles has thousands of distinct colours and its coloured boxes fill a good part of the area;
the same window without video (black tiles, a login screen) has the theme's greys, text and a button or two
(measured: a 9-tile village wall 13,000 colours and 10% colourful; the login screen 943 colours and 1%). Prints the figures; exits 1 when the picture looks
like no video, 2 when it is not a PNG this reader understands (8-bit RGB or RGBA, not interlaced).
"""
import argparse
import struct
import sys
import zlib


def read_png(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, header = 8, [], None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace:
        raise ValueError(f"unsupported PNG (depth {depth}, colour type {colour}, interlace {interlace})")
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 0xFF
            elif f == 2:
                line[x] = (line[x] + b) & 0xFF
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 0xFF
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(bytes(line))
        prev = line
    return width, height, bpp, rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--min-colours", type=int, default=4000)
    ap.add_argument("--min-colourful", type=float, default=3.0)
    args = ap.parse_args()
    try:
        width, height, bpp, rows = read_png(args.file)
    except (OSError, ValueError, TypeError, zlib.error) as e:
        print(f"{args.file}: {e}")
        return 2
    colours, colourful, total = set(), 0, 0
    for row in rows[::2]:
        for x in range(0, width * bpp, bpp * 2):
            r, g, b = row[x], row[x + 1], row[x + 2]
            colours.add((r, g, b))
            colourful += max(r, g, b) - min(r, g, b) > 60
            total += 1
    pct = 100.0 * colourful / total
    print(f"{args.file}: {width}x{height}, {len(colours)} distinct colours, {pct:.1f}% of the area colourful")
    if len(colours) < args.min_colours or pct < args.min_colourful:
        print(f"looks like no video (wanted >= {args.min_colours} colours and >= {args.min_colourful:.0f}% colourful)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
