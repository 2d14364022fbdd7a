"""Publication dates normalised to ISO 8601; what cannot be read is None."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimgraph.ingest.dates import normalise_date


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2014-06-16", "2014-06-16"),
        (" 2014-06-16T10:00:00Z ", "2014-06-16T10:00:00+00:00"),
        ("2014-06-16 10:00", "2014-06-16T10:00:00"),
        ("Mon, 16 Jun 2014 10:00:00 GMT", "2014-06-16T10:00:00+00:00"),
        ("Tue, 17 Jun 2014 07:00:00 +0200", "2014-06-17T07:00:00+02:00"),
        ("June 16, 2014", "2014-06-16"),
        ("Jun 16, 2014", "2014-06-16"),
        ("16 June 2014", "2014-06-16"),
        ("2014/06/16", "2014-06-16"),
        ("June 16th, 2014", "2014-06-16"),  # forms the strptime list before dateparser missed
        ("Monday, June 16, 2014", "2014-06-16"),
        ("06/16/2014", "2014-06-16"),
        ("June 16, 2014 10:00 AM", "2014-06-16T10:00:00"),  # a time given, no zone invented
        ("June 16, 2014 10:00 AM EDT", "2014-06-16T10:00:00-04:00"),
        ("Jun 16 2014 3:04 pm", "2014-06-16T15:04:00"),  # the RFC 822 reader before said 03:04
        ("20140616", "2014-06-16"),  # a date, not a datetime with an invented midnight
        (1402912800, "2014-06-16T10:00:00+00:00"),
        (time.struct_time((2014, 6, 16, 10, 0, 0, 0, 167, 0)), "2014-06-16T10:00:00+00:00"),
        (date(2014, 6, 16), "2014-06-16"),
        (datetime(2014, 6, 16, 10, tzinfo=UTC), "2014-06-16T10:00:00+00:00"),
    ],
)
def test_dates_normalise(value, iso):
    assert normalise_date(value) == iso


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "yesterday-ish",
        "yesterday",  # relative dates would be resolved against today: never a publication date
        "Monday",
        "June 2014",  # no day: not a date
        "June 16, 2014 " * 8,  # longer than any date: not handed to dateparser
        "2014-13-45",
        "32 June 2014",
        12,
        True,
        {"y": 2014},
        "2003",
        2003,
        "20031345",
    ],
)
def test_dates_unreadable_is_none(value):
    assert normalise_date(value) is None


DATE_LIKE = r"[A-Za-z]{3,9},? \d{1,3}[ ,./-]+\d{1,5}( \d{1,2}:\d{2}( [AP]M)?( [A-Z]{3})?)?"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60) | st.from_regex(DATE_LIKE, fullmatch=True))
def test_dates_any_text_is_iso_or_none(text: str) -> None:
    """dateparser sees whatever a metadata field holds: it must give an ISO string or None, never raise."""
    out = normalise_date(text)
    assert out is None or datetime.fromisoformat(out).year >= 1
