"""What the API and the pages show (web/views.py): the claim filters, finding a claim by prefix,
the Wilson interval behind source reliability, and timeline rows with syndicated copies merged."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from claimgraph.errors import ClaimgraphError
from claimgraph.store import Store
from claimgraph.web.state import Snapshot, take_snapshot
from claimgraph.web.views import filter_claims, find_claim, source_rows, timeline_rows, wilson


@pytest.fixture(scope="module")
def opened(example_db: str) -> Iterator[tuple[Store, Snapshot]]:
    with Store.open(example_db, read_only=True) as store:
        yield store, take_snapshot(store, None)


def test_web_views_wilson_interval() -> None:
    assert wilson(0.5, 0) == (0.0, 1.0)
    one, hundred = wilson(0.8, 1), wilson(0.8, 100)
    assert one[0] <= 0.8 <= one[1] and hundred[0] <= 0.8 <= hundred[1]
    assert hundred[1] - hundred[0] < one[1] - one[0]
    assert wilson(1.5, 10)[1] == 1.0  # p is clamped
    low, high = wilson(0.5, 100)  # the textbook value: 0.5 +- 0.097
    assert abs(low - 0.4038) < 1e-3 and abs(high - 0.5962) < 1e-3


def test_web_views_source_rows_bracket_reliability(opened: tuple[Store, Snapshot]) -> None:
    _, snap = opened
    rows = source_rows(snap)
    assert len(rows) == len(snap.sources)
    for row in rows:
        assert row["low"] <= row["source"]["reliability"] <= row["high"]


def test_web_views_filter_claims(opened: tuple[Store, Snapshot]) -> None:
    _, snap = opened
    assert filter_claims(snap) == snap.claims
    row = snap.claims[0]
    word = row.claim.text.split()[0]
    assert row in filter_claims(snap, q=word.upper())
    assert filter_claims(snap, q="zzzz-no-such-word") == []
    for actor in sorted(row.actors)[:1]:
        assert all(actor in r.actors for r in filter_claims(snap, actor=actor))
    late = filter_claims(snap, since="2014-09-01")
    assert all(r.last is not None and r.last >= "2014-09-01" for r in late)
    verdicts = {r.verdict.label.value if r.verdict else "unverified" for r in snap.claims}
    assert sum(len(filter_claims(snap, verdict=v)) for v in verdicts) == len(snap.claims)


def test_web_views_find_claim_by_id_or_prefix(opened: tuple[Store, Snapshot]) -> None:
    _, snap = opened
    row = snap.claims[0]
    bare = row.claim.id.removeprefix("claim:")
    assert find_claim(snap, row.claim.id, "db") is row
    assert find_claim(snap, bare[:12].upper(), "db") is row
    with pytest.raises(ClaimgraphError) as missing:
        find_claim(snap, "claim:ffffffffffffffff0", "db")
    assert missing.value.code == "E016"
    assert len(snap.claims) > 1
    with pytest.raises(ClaimgraphError) as ambiguous:
        find_claim(snap, "claim:", "db")  # every claim's id starts so
    assert ambiguous.value.code == "E017"


def test_web_views_timeline_rows_merge_copies(opened: tuple[Store, Snapshot]) -> None:
    store, snap = opened
    rows = timeline_rows(store, snap)
    keys = [
        (r["entry"]["kind"], " ".join(r["entry"]["text"].casefold().split()), r["entry"]["date"])
        for r in rows
    ]
    assert len(keys) == len(set(keys))  # one row per text and date
    assert all(r["copies"] >= 1 for r in rows)
    member_ids = {(m.fact.kind, m.fact.id) for row in snap.claims for m in row.claim.members}
    for r in rows:
        if (r["entry"]["kind"], r["entry"]["id"]) in member_ids:
            assert r["claims"]
    assert timeline_rows(store, snap) is not rows  # a new list over the cached entries
