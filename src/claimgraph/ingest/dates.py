"""Publication dates to ISO 8601, from whatever a container says; unparseable dates become None.

Feeds use RFC 822 dates, CSV corpora ISO or "June 16, 2014", front-matter anything. We keep
a date-only value as `YYYY-MM-DD` and a datetime as `datetime.isoformat()`, never inventing a
time or a time zone that the source did not give.
"""

from __future__ import annotations

import re
import time
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime

_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_BASIC_DATE = re.compile(r"^\d{8}$")  # "20030101": a date; fromisoformat would add a midnight
# Common written forms seen in news metadata that fromisoformat and RFC 822 do not cover.
_DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y/%m/%d", "%B %d %Y", "%b. %d, %Y")
# Epoch seconds outside this range are not publication dates (1990..2100).
_EPOCH_RANGE = (631152000, 4102444800)


def normalise_date(value: object) -> str | None:
    """ISO 8601 text for a date given as text, epoch seconds, struct_time, date or datetime."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time.struct_time):
        return datetime(*value[:6], tzinfo=UTC).isoformat()
    if isinstance(value, int | float):
        if _EPOCH_RANGE[0] <= value <= _EPOCH_RANGE[1]:
            return datetime.fromtimestamp(value, tz=UTC).isoformat()
        return None
    if isinstance(value, str):
        return _from_text(value.strip())
    return None


def _from_text(text: str) -> str | None:
    if not text:
        return None
    if _DATE_ONLY.match(text) or _BASIC_DATE.match(text):
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            return None
    try:
        return datetime.fromisoformat(text).isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return None
