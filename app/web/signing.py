"""Signed values (the session cookie, the CSRF token) in itsdangerous's own format, for less.

Why: a first view of a shared result signs twice, the friend's CSRF token and the session
cookie that carries it. Flask and Flask-WTF build a new serializer and signer for each and
derive the key again every time, and Flask's tagged JSON checks every session value against
each of its tags. Here one serializer per (keys, salt) is kept with one signer that derives its
key once, and a session holding only plain JSON values is written as the plain JSON that tagged
JSON would write for it. The bytes are unchanged in format: Flask's and Flask-WTF's own loaders
read them (tests/test_signing.py), and a rotated key makes a new serializer.
"""
from __future__ import annotations

import json
import zlib

from flask.json.tag import TaggedJSONSerializer
from itsdangerous import TimestampSigner, URLSafeTimedSerializer
from itsdangerous.encoding import base64_encode, want_bytes

CSRF_SALT = "wtf-csrf-token"  # Flask-WTF's


class _KeptKeySigner(TimestampSigner):
    """Derives each signing key once (the newest to sign; each, newest first, to verify)."""

    def derive_key(self, secret_key=None) -> bytes:
        derived = self.__dict__.setdefault("_derived", {})
        key = derived.get(secret_key)
        if key is None:
            key = derived[secret_key] = super().derive_key(secret_key)
        return key


class KeptSerializer(URLSafeTimedSerializer):
    """A URL-safe timed serializer that keeps its signer for its own salt."""

    default_signer = _KeptKeySigner

    def dump_payload(self, obj) -> bytes:
        """As itsdangerous's URL-safe payload (compressed when that is shorter), without trying
        to compress a payload too small to gain from it; its loader reads both."""
        data = want_bytes(self.serializer.dumps(obj, **self.serializer_kwargs))
        if len(data) >= COMPRESS_FROM:
            compressed = zlib.compress(data)
            if len(compressed) < len(data) - 1:
                return b"." + base64_encode(compressed)
        return base64_encode(data)

    def make_signer(self, salt=None):
        if salt is not None and salt != self.salt:
            return super().make_signer(salt)
        signer = self.__dict__.get("_signer")
        if signer is None:
            signer = self._signer = super().make_signer(salt)
        return signer


_kept: dict = {}
COMPRESS_FROM = 512  # bytes of JSON: below it zlib saves a few bytes for more time than the rest


def serializer(keys, salt: str, tagged=None, derivation: str = "django-concat",
               digest=None) -> KeptSerializer:
    """The kept serializer for these keys (one, or a sequence with the newest last), salt,
    JSON serializer, key derivation and digest (itsdangerous's defaults when None)."""
    keys = tuple(keys) if isinstance(keys, list | tuple) else (keys,)
    cache_key = (keys, salt, id(tagged), derivation, digest)
    found = _kept.get(cache_key)
    if found is None:
        if len(_kept) > 16:  # keys rotate rarely; tests make many apps
            _kept.clear()
        signer_kwargs = {"key_derivation": derivation}
        if digest is not None:
            signer_kwargs["digest_method"] = digest
        found = _kept[cache_key] = KeptSerializer(
            list(keys), salt=salt, serializer=tagged, signer_kwargs=signer_kwargs)
    return found


def _plain(value) -> bool:
    """JSON-native all the way down, and nothing tagged JSON would read as one of its tags."""
    kind = type(value)
    if kind is str or kind is int or kind is bool or value is None:
        return True
    if kind is list:
        return all(_plain(v) for v in value)
    if kind is dict:
        if len(value) == 1 and next(iter(value)).startswith(" "):
            return False  # {" t": ...} is a tag to the loader
        return all(type(k) is str and _plain(v) for k, v in value.items())
    return False  # tuples (flashed messages), bytes, Markup, datetimes: tagged as Flask does


class PlainFirstJSON(TaggedJSONSerializer):
    """Flask's tagged JSON, skipping the tags when there is nothing to tag."""

    def dumps(self, value) -> str:
        if _plain(value):
            return json.dumps(value, separators=(",", ":"), sort_keys=True)
        return super().dumps(value)

    def loads(self, value: str):
        """Plain JSON read as such: a tag is always a one-key object opening with '{" '."""
        if '{" ' not in value:
            return json.loads(value)
        return super().loads(value)
