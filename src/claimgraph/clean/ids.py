"""Stable document ids: the same article read twice, or from two formats, gets one id."""

from __future__ import annotations

import hashlib
import re
import unicodedata

ID_HEX_CHARS = 16  # 64 bits: collision odds stay negligible far beyond millions of documents

_WHITESPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """NFKC, case-folded, whitespace-collapsed text: what two copies of one article share."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _WHITESPACE.sub(" ", folded).strip()


def document_id(text: str) -> str:
    """First 16 hex digits of the sha256 of the normalised text."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()[:ID_HEX_CHARS]
