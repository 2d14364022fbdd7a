"""Dates as news writes them ("Monday", "last month", "June 16"), resolved to ISO dates.

News dates are relative to the publication date: a weekday is the most recent such day on
or before it, "last month" the calendar month before. Our rules cover the common forms;
dateparser (with the publication date as its base) takes the rest. Granularity is kept:
"last month" is `YYYY-MM`, "in 2003" is `YYYY`; nothing is invented below what the text says.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import dateparser

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january february march april may june july august september october november december").split()
# A month-day without a year later than this many days after publication is last year's
# (a report on 2 January about "December 30"); 7 days tolerates stories dated ahead.
FUTURE_TOLERANCE_DAYS = 7
SAME_DAY = frozenset({"today", "tonight", "overnight", "this morning", "this afternoon", "this evening"})
VAGUE = frozenset(
    {"recent days", "days later", "the past", "the future", "now", "then", "recently", "this summer"}
    | {"this week", "last week", "next week", "earlier this week", "later this week"}
)  # no day, month or year they name exactly: better none than a wrong one

_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)}
_MONTH_DAY = re.compile(r"\b([a-z]{3})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4}))?")
_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]{3})[a-z]*\.?(?:,?\s+(\d{4}))?")
_YEAR = re.compile(r"^(?:in\s+|early\s+|late\s+|mid-?)?((?:19|20)\d{2})$")
_MONTH_YEAR = re.compile(r"^(?:in\s+|early\s+|late\s+)?([a-z]{3})[a-z]*\.?\s+((?:19|20)\d{2})$")
_FILLER = re.compile(r"^(?:on|by|since|until|as of|from|at|early|late|earlier|later)\s+")


def parse_published(published: str | None) -> date | None:
    """The date part of an ISO publication date or datetime; None when absent or unreadable."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def _month_day(month: str, day: str, year: str | None, base: date | None) -> str | None:
    number = _MONTH_ABBR.get(month)
    if number is None:
        return None
    if year is None and base is None:
        return None
    chosen = int(year) if year else base.year  # type: ignore[union-attr]
    try:
        resolved = date(chosen, number, int(day))
    except ValueError:
        return None
    if year is None and base and resolved > base + timedelta(days=FUTURE_TOLERANCE_DAYS):
        resolved = resolved.replace(year=chosen - 1)
    return resolved.isoformat()


def _relative(text: str, base: date) -> str | None:
    if text in SAME_DAY or text.startswith("late last night"):
        return base.isoformat()
    if text in ("yesterday", "last night"):
        return (base - timedelta(days=1)).isoformat()
    if text.startswith(("last month", "earlier this month")) or text == "this month":
        first = base.replace(day=1)
        month = first - timedelta(days=1) if text.startswith("last") else first
        return f"{month.year:04d}-{month.month:02d}"
    if text in ("last year", "this year"):
        return str(base.year - (text == "last year"))
    for index, weekday in enumerate(WEEKDAYS):
        if re.search(rf"\b{weekday}\b", text) and not re.search(r"\bnext\b", text):
            back = (base.weekday() - index) % 7 or (7 if text.startswith("last ") else 0)
            return (base - timedelta(days=back)).isoformat()
    return None


def resolve_date(expression: str, published: str | None) -> str | None:
    """ISO date (or `YYYY-MM`, `YYYY`) that `expression` names, read on `published`."""
    text = _FILLER.sub("", " ".join(expression.lower().replace(",", ", ").split())).strip(" ,.")
    if not text or text in VAGUE:
        return None
    base = parse_published(published)
    if match := _YEAR.match(text):
        return match.group(1)
    if match := _MONTH_YEAR.match(text):
        number = _MONTH_ABBR.get(match.group(1))
        return f"{match.group(2)}-{number:02d}" if number else None
    if match := _MONTH_DAY.search(text):
        return _month_day(match.group(1), match.group(2), match.group(3), base)
    if match := _DAY_MONTH.search(text):
        return _month_day(match.group(2), match.group(1), match.group(3), base)
    if base is None:
        return None
    if found := _relative(text, base):
        return found
    return _dateparser(text, base)


def _dateparser(text: str, base: date) -> str | None:
    """Fallback for forms our rules miss ("two days ago"); past dates preferred, as in news."""
    settings = {
        "RELATIVE_BASE": datetime.combine(base, datetime.min.time()),
        "PREFER_DATES_FROM": "past",
        "REQUIRE_PARTS": ["day"],
    }
    parsed = dateparser.parse(text, languages=["en"], settings=settings)  # type: ignore[arg-type]
    return parsed.date().isoformat() if parsed else None
