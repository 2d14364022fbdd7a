"""Cursor pagination for every listing: an opaque cursor, a bounded limit, one shape of page.

A cursor is base64url JSON `{"o": offset, "q": query key}`: the position after the last item
returned, bound to the listing and its filters (a cursor from another query is refused, 400,
rather than silently paging a different list). Listings are in a stable order (ids or the
corpus stage's order), so paging an unchanged store visits each item once; if the store changes
between two pages, items may shift by what was added.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Iterable, Sequence
from itertools import islice
from typing import Any, TypeVar

from claimgraph.errors import Errors
from claimgraph.web.problems import ApiError

T = TypeVar("T")
DEFAULT_LIMIT = 50
MAX_LIMIT = 200
MAX_CURSOR_CHARS = 200


def query_key(name: str, **filters: Any) -> str:
    """A short fingerprint of a listing and its filters."""
    text = json.dumps([name, filters], sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def encode_cursor(offset: int, key: str) -> str:
    raw = json.dumps({"o": offset, "q": key}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None, key: str) -> int:
    """The offset a cursor points at (0 without one); a forged or foreign cursor is a 400."""
    if not cursor:
        return 0
    if len(cursor) > MAX_CURSOR_CHARS:
        raise ApiError(400, Errors.E085, problem="it is too long")
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise ApiError(400, Errors.E085, problem="it is not a cursor this server gave") from None
    if not isinstance(data, dict) or not isinstance(data.get("o"), int) or data["o"] < 0:
        raise ApiError(400, Errors.E085, problem="it is not a cursor this server gave")
    if data.get("q") != key:
        raise ApiError(400, Errors.E085, problem="it belongs to another listing or other filters")
    return int(data["o"])


def page(
    items: Sequence[T] | Iterable[T], cursor: str | None, limit: int, key: str
) -> tuple[list[T], str | None]:
    """One page of `items` (a list, or a stream read only as far as needed) and the next cursor."""
    offset = decode_cursor(cursor, key)
    if isinstance(items, Sequence):
        chosen = list(items[offset : offset + limit + 1])
    else:
        chosen = list(islice(items, offset, offset + limit + 1))
    more = len(chosen) > limit
    return chosen[:limit], encode_cursor(offset + limit, key) if more else None
