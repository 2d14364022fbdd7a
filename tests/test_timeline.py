"""Timeline: resolved-date order, publication fallback, undated last, claim and actor filters."""

from __future__ import annotations

import pytest

from claimgraph.model import (
    ActorRef,
    Claim,
    ClaimMember,
    Document,
    Event,
    FactRef,
    Span,
    Speaker,
    Statement,
    Voice,
)
from claimgraph.timeline import event_phrase, published_day, timeline

DOCS = [
    Document("d1", "a.txt", "text", "x" * 200, (), outlet="Alpha", published="2014-06-17T09:00:00"),
    Document("d2", "b.txt", "text", "x" * 200, (), outlet="Beta", published="2014-09-06"),
    Document("d3", "c.txt", "text", "x" * 200, (), outlet="Gamma"),
]
USA, IRN, ISIS = ActorRef("United States", "country:usa"), ActorRef("Iran", "country:irn"), ActorRef("ISIS")


def event(
    eid: str, doc: str, actor: ActorRef, target: ActorRef | None, date: str | None, start: int = 0
) -> Event:
    return Event(eid, doc, Voice.OWN, actor, "attack", "190", target, None, date, "asserted", f"text {eid}",
                 Span(doc, start, start + 5))  # fmt: skip


def statement(sid: str, doc: str, name: str, content: str, affiliation: str | None = None) -> Statement:
    speaker = Speaker(name, None, None)
    return Statement(sid, doc, Voice.OWN, speaker, affiliation, (name,), "said", content, False,
                     Span(doc, 50, 90), None, None, Span(doc, 60, 90))  # fmt: skip


EVENTS = [
    event("e1", "d2", USA, ISIS, "2014-08-31"),
    event("e2", "d1", IRN, ISIS, None),
    event("e3", "d3", USA, IRN, None),
    event("e4", "d2", USA, IRN, "2014-06", start=20),
]
STATEMENTS = [statement("s1", "d2", "Bernadette Meehan", "no coordination with Iran", "United States")]


def test_timeline_orders_by_resolved_date_undated_last() -> None:
    entries = timeline(EVENTS, STATEMENTS, DOCS)
    assert [e.id for e in entries] == ["e4", "e2", "e1", "s1", "e3"]
    by_id = {e.id: e for e in entries}
    assert (by_id["e2"].date, by_id["e2"].date_source) == ("2014-06-17", "published")
    assert (by_id["e1"].date, by_id["e1"].date_source) == ("2014-08-31", "event")
    assert (by_id["e3"].date, by_id["e3"].date_source) == (None, None)
    assert by_id["s1"].kind == "statement" and "Bernadette Meehan said" in by_id["s1"].text
    assert by_id["s1"].span == Span("d2", 50, 90) and by_id["s1"].voice == Voice.OWN


@pytest.mark.parametrize(
    ("actor", "expected"),
    [
        ("country:irn", ["e4", "e2", "e3"]),
        ("Iran", ["e4", "e2", "e3"]),
        (("United States", "Iran"), ["e4", "s1", "e3"]),
        (("country:usa", "ISIS"), ["e1"]),
        ("Nobody", []),
    ],
)
def test_timeline_actor_filter(actor: str | tuple[str, str], expected: list[str]) -> None:
    assert [e.id for e in timeline(EVENTS, STATEMENTS, DOCS, actor=actor)] == expected


def test_timeline_claim_filter_keeps_members() -> None:
    members = tuple(
        ClaimMember(FactRef(kind, fid, doc), 1, Voice.OWN, Span(doc, 0, 1), "Alpha")
        for kind, fid, doc in [("event", "e3", "d3"), ("statement", "s1", "d2")]
    )
    claim = Claim("c1", "US and Iran cooperate", members=members)
    assert [e.id for e in timeline(EVENTS, STATEMENTS, DOCS, claim=claim)] == ["s1", "e3"]


def test_timeline_empty_input() -> None:
    assert timeline([], [], []) == []


def test_timeline_one_row_per_fact() -> None:
    """Issue 10: one sentence was listed up to three times. Two events of one sentence are two facts
    (each row says which); the same fact found twice in one document is one row."""
    day = "2014-08-31"
    twice = [event("e1", "d2", USA, ISIS, day), event("e1b", "d2", USA, ISIS, day, start=40)]
    entries = timeline([*twice, event("e5", "d2", USA, IRN, day)], [], DOCS)
    assert [e.id for e in entries] == ["e1", "e5"]
    assert [e.text for e in entries] == [
        "United States attack ISIS: text e1",
        "United States attack Iran: text e5",
    ]


def test_timeline_published_day_and_event_phrase() -> None:
    """The two spellings the report's and the web app's timelines share with this one."""
    assert published_day("2014-09-20T08:00:00Z") == "2014-09-20"
    assert published_day("2014-09") == "2014-09" and published_day(None) is None and published_day("") is None
    assert (
        event_phrase("United States", "deploy_forces", "ISIS", "Mosul")
        == "United States deploy forces ISIS (in Mosul)"
    )
    assert event_phrase("Iran", "deny") == "Iran deny"
