"""The report's value helpers (report/markup.py): ids and class names never carry raw input, dates
name whole periods, bad numbers become None, and the Wilson interval matches its textbook values."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from claimgraph.report import render_report
from claimgraph.report.markup import (
    anchor,
    css_token,
    date_of,
    name_of,
    number,
    period_of,
    readable_source,
    wilson,
)

HOSTILE = '"><script>alert(1)</script><img src=x onerror=alert(2)>'


@pytest.mark.parametrize("ident", [HOSTILE, "a b", "ü/ß#1", None, 42, ""])
def test_markup_anchor_is_a_safe_stable_id(ident: object) -> None:
    made = anchor("cl", ident)
    assert re.fullmatch(r"cl-[A-Za-z0-9_-]*-[0-9a-f]{8}", made), made
    assert anchor("cl", ident) == made


def test_markup_anchor_keeps_ids_apart_that_slug_alike() -> None:
    assert anchor("d", "a b") != anchor("d", "a_b") != anchor("d", "a/b")
    assert anchor("d", "x" * 50 + "1") != anchor("d", "x" * 50 + "2")  # same 40-char slug


def test_markup_css_token_allows_only_known_labels() -> None:
    allowed = frozenset({"single-source", "denied"})
    assert css_token("single-source", allowed) == "single_source"
    assert css_token("denied", allowed) == "denied"
    assert css_token(HOSTILE, allowed) == "unknown"
    assert css_token(None, allowed, fallback="none") == "none"
    assert css_token("Denied", allowed) == "unknown"  # exact labels only


@pytest.mark.parametrize(
    ("value", "period"),
    [
        ("2014-06-17", (dt.date(2014, 6, 17), dt.date(2014, 6, 17))),
        ("2014-06-17T23:59:00+03:00", (dt.date(2014, 6, 17), dt.date(2014, 6, 17))),
        (" 2014-06-17 ", (dt.date(2014, 6, 17), dt.date(2014, 6, 17))),
        ("2014-06", (dt.date(2014, 6, 1), dt.date(2014, 6, 30))),
        ("2016-02", (dt.date(2016, 2, 1), dt.date(2016, 2, 29))),  # leap year
        ("2015-02", (dt.date(2015, 2, 1), dt.date(2015, 2, 28))),
        ("2014-12", (dt.date(2014, 12, 1), dt.date(2014, 12, 31))),  # the month after is next year's
        ("2014", (dt.date(2014, 1, 1), dt.date(2014, 12, 31))),
    ],
)
def test_markup_period_of_names_whole_days_months_and_years(
    value: str, period: tuple[dt.date, dt.date]
) -> None:
    assert period_of(value) == period
    assert date_of(value) == period[0]


@pytest.mark.parametrize("value", ["yesterday", "", "June 2014", None, 20140617, ["2014"]])
def test_markup_unreadable_dates_are_none(value: object) -> None:
    assert period_of(value) is None and date_of(value) is None


def test_markup_name_of_reads_both_reference_shapes() -> None:
    assert name_of({"name": "Iran", "actor_id": "country:irn"}) == "Iran"
    assert name_of({"actor_id": "country:irn"}) == "country:irn"
    assert name_of({}) == "" and name_of(None) == ""
    assert name_of("Tehran") == "Tehran"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("Harbor Times", "Harbor Times"),
        ("Reuters.com", "Reuters.com"),  # a name with a dot, not a path
        ("/home/someone/news/harbor.txt", "harbor.txt"),
        ("news/kerry.txt", "kerry.txt"),
        ("corpus/articles.csv#135", "articles.csv"),
        ("file:///tmp/page.html", "page.html"),
        ("https://www.example.co.uk/story.html", "example.co.uk"),
        ("https://www.example.com/world/story-123", "example.com"),  # no file extension
        ("C:\\news\\harbor.txt", "harbor.txt"),  # a Windows path
        ("  Gulf Ledger  ", "Gulf Ledger"),
        (None, ""),
    ],
)
def test_markup_readable_source_never_shows_a_path(value: object, shown: str) -> None:
    assert readable_source(value) == shown


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0.25, 0.25),
        (3, 3.0),
        (0, 0.0),
        (True, None),
        ("0.5", None),
        (None, None),
        (float("nan"), None),
        (float("inf"), None),
        (float("-inf"), None),
        pytest.param(10**400, None, id="huge-int"),
    ],
)
def test_markup_number_is_finite_or_none(value: object, expected: float | None) -> None:
    assert number(value) == expected


def test_markup_an_infinite_document_count_does_not_stop_the_report() -> None:
    """json.loads reads `Infinity` and huge integers; the outlet table must still render."""
    export = json.loads(
        '{"sources": [{"name": "Alpha", "reliability": 0.5, "documents": Infinity},'
        ' {"name": "Beta", "reliability": 0.5, "documents": 1' + "0" * 400 + "}]}"
    )
    page = render_report(export)
    assert "Alpha" in page and "Beta" in page


@pytest.mark.parametrize(
    ("successes", "trials", "low", "high"),
    [(1, 1, 0.2065, 1.0), (5, 10, 0.2366, 0.7634), (0, 5, 0.0, 0.4345), (8, 10, 0.4902, 0.9433)],
)
def test_markup_wilson_matches_textbook_intervals(
    successes: float, trials: float, low: float, high: float
) -> None:
    assert wilson(successes, trials) == pytest.approx((low, high), abs=1e-4)


def test_markup_wilson_without_trials_is_none() -> None:
    assert wilson(0, 0) is None and wilson(1, -1) is None
