"""Text typed into a refused form, sealed for the session cookie while it is being fixed.

Why: check answers follows POST-redirect-GET even when a detail is refused, so browser Back and
refresh never meet "Confirm Form Resubmission"; the typed text must survive the redirect (no
lost answers), yet Flask's session cookie is only signed, readable by anyone holding it, and
free text stays out of it (SECURITY.md). So the text is encrypted (AES-GCM, a key derived from
SECRET_KEY) and capped so the cookie stays small. Nothing is stored on the server: the sealed
copy lives in this browser's cookie until a result is made or the questionnaire starts over.
"""
from __future__ import annotations

import base64
import binascii
import json
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

KEEP_CHARS = (120, 81, 20)  # per field, tried in turn until the sealed text fits: room to see
# and shorten an over-long value (the details' limit is 80); a pasted essay comes back cut, still
# too long. A caller with a longer limit (a friend's note: 200) passes its own.
MAX_SEALED = 1400  # characters of sealed text: two sealed drafts and the rest of the session
# stay under the 4 KB browsers allow a cookie
_INFO = b"interview-verdict: details typed on check answers"


def _key(secret: str | bytes | None) -> AESGCM:
    if not secret:
        raise ValueError("no SECRET_KEY to encrypt with")
    raw = secret.encode() if isinstance(secret, str) else secret
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO)
    return AESGCM(hkdf.derive(raw))


def seal(secret: str | bytes | None, typed: dict[str, str], keep_chars=KEEP_CHARS) -> str | None:
    """The typed text, encrypted and base64url-encoded; None when every field is empty."""
    if not any(isinstance(v, str) and v for v in typed.values()):
        return None
    aead = _key(secret)
    for keep in keep_chars:
        kept = {k: v[:keep] for k, v in typed.items() if isinstance(v, str) and v}
        nonce = os.urandom(12)
        data = json.dumps(kept, ensure_ascii=False, separators=(",", ":")).encode()
        sealed = base64.urlsafe_b64encode(nonce + aead.encrypt(nonce, data, None)).decode()
        if len(sealed) <= MAX_SEALED:
            break
    return sealed


def unseal(secret: str | bytes | None, sealed: object, fields) -> dict[str, str]:
    """The typed details back, only the named fields; {} for anything tampered, foreign or
    sealed under another key (the person simply types them again)."""
    if not isinstance(sealed, str) or len(sealed) > MAX_SEALED:
        return {}
    try:
        raw = base64.urlsafe_b64decode(sealed.encode())
        data = json.loads(_key(secret).decrypt(raw[:12], raw[12:], None))
    except (InvalidTag, ValueError, binascii.Error, UnicodeDecodeError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if k in fields and isinstance(v, str)}
