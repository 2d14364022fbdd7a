"""Small value helpers the report's sections share: safe ids and class names, dates, numbers, names.

Escaping is not here: every page is rendered by jinja2 with autoescape on (`report/page.py`),
so a string from the export reaches the page only as escaped text. What these helpers add is
that ids and class names never carry raw input either.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import math
import re
from typing import Any

from claimgraph.clean.provenance import host_name

_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_-]")
_PATH_LIKE = re.compile(
    r"^(?:/|~|\.{1,2}/|[A-Za-z]:[\\/]|file:|[A-Za-z][A-Za-z0-9+.-]*://)|#\d+$"
    r"|[\\/][^\\/ ]+\.[A-Za-z0-9]{1,5}(?:#|$)"
)
ANCHOR_HASH_CHARS = 8  # collision-proofs slugged ids; 32 bits is plenty for one page's anchors
PARSED_DATES = 8192  # distinct date strings remembered: a corpus has a few thousand days at most
Z_95 = 1.96  # two-sided 95% normal quantile for the Wilson interval


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
    period = period_of(value)
    return period[0] if period else None


def period_of(value: Any) -> tuple[dt.date, dt.date] | None:
    """First and last day an ISO date names: one day, a whole month (`2014-06`) or year (`2014`)."""
    return _period(value.strip()) if isinstance(value, str) else None


@functools.lru_cache(maxsize=PARSED_DATES)
def _period(text: str) -> tuple[dt.date, dt.date] | None:
    for size, fmt in ((10, "%Y-%m-%d"), (7, "%Y-%m"), (4, "%Y")):
        try:
            first = dt.datetime.strptime(text[:size], fmt).date()
        except ValueError:
            continue
        if size == 10:
            return first, first
        if size == 7:
            following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, following - dt.timedelta(days=1)
        return first, dt.date(first.year, 12, 31)
    return None


def name_of(ref: Any) -> str:
    """A readable name for an actor reference written as a string or as {name, actor_id}."""
    if isinstance(ref, dict):
        return str(ref.get("name") or ref.get("actor_id") or "")
    return "" if ref is None else str(ref)


def readable_source(value: Any) -> str:
    """An outlet name a person can read: a file path or `file.csv#135` becomes the bare file name
    (or the URL's host), as `clean/provenance.py` names outlets; other names pass unchanged."""
    text = "" if value is None else str(value).strip()
    if not text or not _PATH_LIKE.search(text):
        return text
    if host := host_name(text):
        return host
    return re.split(r"[\\/]", text.split("#", 1)[0])[-1] or text


def number(value: Any) -> float | None:
    """A finite number from the export, or None: a bad score must not stop the report."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        result = float(value)
    except OverflowError:  # an integer beyond any float
        return None
    return result if math.isfinite(result) else None


def wilson(successes: float, trials: float) -> tuple[float, float] | None:
    """The 95% Wilson score interval of a proportion; None without trials. Chosen over the normal
    interval because it stays inside [0, 1] and is honest at n = 1 or 2, the usual outlet counts."""
    if trials <= 0:
        return None
    p = successes / trials
    denom = 1 + Z_95**2 / trials
    centre = (p + Z_95**2 / (2 * trials)) / denom
    half = Z_95 * math.sqrt(p * (1 - p) / trials + Z_95**2 / (4 * trials**2)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)
