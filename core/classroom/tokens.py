"""Class codes, teacher secrets and learner tokens: how they are made, checked and kept.

* **Class code** — :data:`CODE_LENGTH <core.classroom.limits.CODE_LENGTH>` (8) characters
  of :data:`ALPHABET`: digits 2-9 and the letters without I, L and O, so nothing can be
  misread on a projector or mistyped from a phone (0/O, 1/I/L). 31⁸ ≈ 8.5 × 10¹¹ codes
  (~40 bits): too many to guess while the store rate-limits wrong codes
  (:data:`MISS_RATE <core.classroom.limits.MISS_RATE>` gives the arithmetic). A code is
  public: it is projected, put in the join link and the QR code. It is stored as is.
* **Teacher secret** — ``secrets.token_urlsafe(32)`` (256 bits). It is the teacher's
  control right and private resume token; the store keeps only its SHA-256 hash (a
  salted slow hash protects *low*-entropy passwords; a random 256-bit token cannot be
  brute-forced through its hash) and compares hashes with :func:`hmac.compare_digest`.
* **Learner token** — made in the learner's browser session by :func:`new_learner_token`
  and kept in the browser, so a reload stays the same learner. It is a bearer right to
  write that learner's answers, so it is stored only as its SHA-256 hash too.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

from core.classroom import limits
from core.classroom.errors import ClassError

__all__ = [
    "ALPHABET",
    "hash_token",
    "learner_token_hash",
    "new_code",
    "new_learner_token",
    "new_secret",
    "normalize_code",
    "same_hash",
]

#: 31 characters that cannot be confused with each other: no 0/O, no 1/I/L.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
_TOKEN = re.compile(r"[A-Za-z0-9_-]+")
# Spaces and dashes are what people add when they copy "ABCD-EFGH" or "abcd efgh".
_SEPARATORS = re.compile(r"[\s\-_.·]+")


def new_code() -> str:
    """A fresh random class code (uniqueness is the store's check, not this one's)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(limits.CODE_LENGTH))


def normalize_code(code: object) -> str:
    """A typed code as stored: upper case, without spaces or dashes.

    Raises ``ClassError("bad_code")`` when it cannot be a code (wrong length, a character
    outside :data:`ALPHABET`, not a string); this costs no rate budget, since it tells
    an attacker nothing about which codes exist.
    """
    if not isinstance(code, str):
        raise ClassError("bad_code", length=0, expected=limits.CODE_LENGTH)
    cleaned = _SEPARATORS.sub("", code[: 4 * limits.CODE_LENGTH]).upper()
    if len(cleaned) != limits.CODE_LENGTH or any(c not in ALPHABET for c in cleaned):
        raise ClassError("bad_code", length=len(cleaned), expected=limits.CODE_LENGTH)
    return cleaned


def new_secret() -> str:
    """A teacher secret: 256 random bits, URL-safe (43 characters)."""
    return secrets.token_urlsafe(32)


def new_learner_token() -> str:
    """A learner token for a new browser: 192 random bits, URL-safe (32 characters)."""
    return secrets.token_urlsafe(24)


def hash_token(token: str) -> str:
    """SHA-256 of a secret or token, as 64 hex digits: what the store keeps."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def learner_token_hash(token: object) -> str:
    """The stored hash of a learner token; ``ClassError("bad_token")`` unless the token
    looks random enough (MIN_TOKEN to MAX_TOKEN URL-safe characters)."""
    if not isinstance(token, str) or not limits.MIN_TOKEN <= len(token) <= limits.MAX_TOKEN \
            or not _TOKEN.fullmatch(token):
        raise ClassError("bad_token")
    return hash_token(token)


def same_hash(stored: str | None, secret: object) -> bool:
    """Does ``secret`` hash to ``stored``? In constant time, and False for a non-string,
    an over-long string (hashing it would be work for nothing) or a missing hash."""
    if stored is None or not isinstance(secret, str) or not 0 < len(secret) <= limits.MAX_TOKEN:
        return False
    return hmac.compare_digest(stored, hash_token(secret))
