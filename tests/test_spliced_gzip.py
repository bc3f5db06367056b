"""Kept pages gzipped by splicing (app/web/spliced_gzip.py): whatever the parts, the member
decodes to exactly the plain bytes, for Python's gzip and for zlib's own reader; a kept page's
gzipped bytes are its plain bytes; and splicing costs little in size."""
from __future__ import annotations

import gzip
import zlib

from hypothesis import given, settings
from hypothesis import strategies as st

from app.web import page_cache, spliced_gzip

from .conftest import make_result

parts = st.lists(st.tuples(st.binary(max_size=3000), st.booleans()), max_size=8)


@settings(max_examples=200, deadline=None)
@given(parts)
def test_any_parts_decode_to_exactly_their_bytes(pieces):
    member = spliced_gzip.member([(plain, spliced_gzip.deflated(plain) if fixed else None)
                                  for plain, fixed in pieces])
    plain = b"".join(p for p, _ in pieces)
    assert gzip.decompress(member) == plain
    assert zlib.decompress(member, 31) == plain  # zlib's gzip reader: CRC and length checked


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(max_size=400), min_size=1, max_size=5),
       st.lists(st.text(max_size=200), min_size=4, max_size=4))
def test_a_kept_page_gzipped_is_its_plain_bytes(literals, fills):
    names = ["csrf", "opinion", "csrf", "other"]
    text = literals[0] + "".join(page_cache.marker(names[i]) + lit
                                 for i, lit in enumerate(literals[1:]))
    kept = page_cache.Kept(text)
    values = {"csrf": fills[0], "opinion": fills[1], "other": fills[2]}
    plain, digest = kept.fill(values)
    packed, packed_digest = kept.fill(values, packed=True)
    assert gzip.decompress(packed) == plain and digest == packed_digest


def test_a_result_page_spliced_is_within_a_few_per_cent_of_gzipping_it_whole(app):
    token, _ = make_result(app)
    client = app.test_client()
    client.get(f"/r/{token}")  # kept
    page = app.test_client().get(f"/r/{token}", headers={"Accept-Encoding": "gzip"})
    assert page.headers["Content-Encoding"] == "gzip"
    plain = gzip.decompress(page.data)
    assert b"</html>" in plain
    whole = gzip.compress(plain, 6)
    assert len(page.data) <= len(whole) * 1.08, (len(page.data), len(whole))
