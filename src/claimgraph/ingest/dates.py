"""Publication dates to ISO 8601, from whatever a container says; unparseable dates become None.

Feeds use RFC 822 dates, CSV corpora ISO or "June 16, 2014", front-matter anything. We keep
a date-only value as `YYYY-MM-DD` and a datetime as `datetime.isoformat()`, never inventing a
time or a time zone that the source did not give. ISO 8601 goes through the standard library
(microseconds); every other form, RFC 822 included, through dateparser (absolute dates only; day,
month and year all required), which replaced a list of strptime formats and the standard
library's lenient RFC 822 reader (that one read "Jun 16 2014 3:04 pm" as 03:04 and dropped
"EDT"): dateparser reads more forms ("June 16th, 2014", "Monday, June 16, 2014", "06/16/2014",
US month-first) at 0.5–1.5 ms CPU a call, `python benchmarks/libraries.py dates`.
"""

from __future__ import annotations

import re
import time
from datetime import UTC, date, datetime
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_BASIC_DATE = re.compile(r"^\d{8}$")  # "20030101": a date; fromisoformat would add a midnight
# Longer text is not a date (the longest written form, weekday, month, time and zone spelled out,
# is ~65 characters); dateparser takes ~1.6 s on a 100 kB field, so hostile input stops here.
_MAX_DATE_CHARS = 100
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
    if not text or len(text) > _MAX_DATE_CHARS:
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
    return _written(text)


@cache
def _parser() -> DateDataParser:
    """English, absolute dates only: no "yesterday" or "Monday" resolved against today's date."""
    from dateparser.date import DateDataParser  # imported on use: it takes ~0.3 s to load

    settings = {"PARSERS": ["absolute-time"], "STRICT_PARSING": True, "RETURN_TIME_AS_PERIOD": True}
    return DateDataParser(languages=["en"], settings=settings)


def _written(text: str) -> str | None:
    """A written date ("June 16, 2014", "16 Jun 2014 10:00 EDT"): a date, or a datetime when the
    text gives a time (with its zone only when the text names one)."""
    found = _parser().get_date_data(text)
    if found.date_obj is None:
        return None
    return found.date_obj.isoformat() if found.period == "time" else found.date_obj.date().isoformat()
