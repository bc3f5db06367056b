"""A kept page gzipped per request at the cost of its few changing parts.

Why: a kept page differs from view to view only in a CSRF token and a friend's form, yet
gzipping it whole cost more than answering the request (about 0.15 ms for a 12 KiB page, 0.5 ms
for the heaviest). Deflate streams can be joined: a part compressed on its own and flushed with
Z_SYNC_FLUSH ends on a byte boundary, without a final block and without reaching back into
anything before it. So each fixed part of a kept page is compressed once, the changing parts
per request (a few hundred bytes), and the response is one gzip member: the header, the parts
in order, an empty final block, then the CRC-32 and length of exactly the bytes they decode
to. A fixed part starts a fresh window, so the page is a few per cent larger than gzipping it
whole would make it. tests/test_spliced_gzip.py decodes it against the plain bytes; every
browser test reads it.
"""
from __future__ import annotations

import struct
import zlib

LEVEL = 6  # fixed parts: compressed once, so the best ratio worth having
LIVE_LEVEL = 1  # changing parts: compressed on every request
STORE_BELOW = 256  # bytes: a shorter changing part (a CSRF token) is stored, not compressed
HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"  # gzip, deflate, no name, mtime 0
FINAL = b"\x03\x00"  # an empty final block (fixed Huffman codes: BFINAL, BTYPE 01, end)


def deflated(data: bytes, level: int = LEVEL) -> bytes:
    """`data` as raw deflate on its own, ending on a byte boundary with no final block."""
    if not data:
        return b""
    packer = zlib.compressobj(level, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush(zlib.Z_SYNC_FLUSH)


def stored(data: bytes) -> bytes:
    """`data` as stored (uncompressed) deflate blocks: nothing to compute for a short random
    token, which would not compress anyway."""
    out = []
    for start in range(0, len(data), 0xFFFF):
        chunk = data[start:start + 0xFFFF]
        out += [b"\x00", struct.pack("<HH", len(chunk), len(chunk) ^ 0xFFFF), chunk]
    return b"".join(out)


def member(pieces: list[tuple[bytes, bytes | None]]) -> bytes:
    """One gzip member for the pieces in order: (plain bytes, their deflated form, or None to
    compress them now: stored when short, else deflated quickly)."""
    crc, size, out = 0, 0, [HEADER]
    for plain, packed in pieces:
        crc = zlib.crc32(plain, crc)
        size += len(plain)
        if packed is None:
            packed = stored(plain) if len(plain) < STORE_BELOW else deflated(plain, LIVE_LEVEL)
        out.append(packed)
    out += [FINAL, struct.pack("<II", crc, size & 0xFFFFFFFF)]
    return b"".join(out)
