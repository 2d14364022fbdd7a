"""Date expressions resolved against the publication date (2014-06-17 was a Tuesday)."""

from __future__ import annotations

import pytest

from claimgraph.nlp.time import resolve_date

PUBLISHED = "2014-06-17"


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("Monday", "2014-06-16"),
        ("on Monday", "2014-06-16"),
        ("Tuesday", "2014-06-17"),
        ("last Tuesday", "2014-06-10"),
        ("Friday", "2014-06-13"),
        ("Friday morning", "2014-06-13"),
        ("yesterday", "2014-06-16"),
        ("overnight", "2014-06-17"),
        ("last month", "2014-05"),
        ("late last month", "2014-05"),
        ("June 16", "2014-06-16"),
        ("Tuesday, June 16", "2014-06-16"),
        ("16 June", "2014-06-16"),
        ("June 16, 2014", "2014-06-16"),
        ("December 30", "2013-12-30"),
        ("in 2003", "2003"),
        ("September 2014", "2014-09"),
        ("two days ago", "2014-06-15"),
        ("recent days", None),
        ("this week", None),
    ],
)
def test_time_resolves_against_publication(expression: str, expected: str | None) -> None:
    assert resolve_date(expression, PUBLISHED) == expected


@pytest.mark.parametrize(
    ("expression", "expected"), [("Monday", None), ("June 16", None), ("June 16, 2014", "2014-06-16")]
)
def test_time_without_publication_date_keeps_only_absolute_dates(
    expression: str, expected: str | None
) -> None:
    assert resolve_date(expression, None) == expected
