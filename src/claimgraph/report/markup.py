"""Escaping and small HTML helpers: every string from an export passes through `esc`.

Article text, names and labels all come from the open web, so nothing from the export is
ever written into the page unescaped, and attribute values are always double-quoted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
from typing import Any

_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_-]")
ANCHOR_HASH_CHARS = 8  # collision-proofs slugged ids; 32 bits is plenty for one page's anchors


def esc(value: Any) -> str:
    """Text or attribute value, HTML-escaped (quotes included); None is empty."""
    return html.escape("" if value is None else str(value), quote=True)


def anchor(prefix: str, ident: Any) -> str:
    """A safe, stable element id for an export id of any shape."""
    raw = "" if ident is None else str(ident)
    slug = _UNSAFE_ID.sub("_", raw)[:40]
    digest = hashlib.sha1(raw.encode("utf-8")).hexdigest()[:ANCHOR_HASH_CHARS]
    return f"{prefix}-{slug}-{digest}"


def css_token(value: Any, allowed: frozenset[str], fallback: str = "unknown") -> str:
    """A label usable in a class name: one of `allowed` or the fallback, never raw input."""
    text = str(value) if value is not None else ""
    return text.replace("-", "_") if text in allowed else fallback


def date_of(value: Any) -> dt.date | None:
    """The day an ISO date, partial date (`2014-06`, `2014`) or date-time names; None if unreadable."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    for size, fmt in ((10, "%Y-%m-%d"), (7, "%Y-%m"), (4, "%Y")):
        try:
            return dt.datetime.strptime(text[:size], fmt).date()
        except ValueError:
            continue
    return None


def name_of(ref: Any) -> str:
    """A readable name for an actor reference written as a string or as {name, actor_id}."""
    if isinstance(ref, dict):
        return str(ref.get("name") or ref.get("actor_id") or "")
    return "" if ref is None else str(ref)


def more_note(more: int, noun: str) -> str:
    """The muted 'and N more <noun>' line under a list cut to its display limit; empty if none was."""
    return f'<p class="muted">and {more} more {noun}</p>' if more > 0 else ""


def number(value: Any) -> float | None:
    """A finite number from the export, or None: a bad score must not stop the report."""
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
        return None
    return float(value)
