"""The read side's snapshot (web/state.py): served from memory while the store is unchanged,
re-read when the SQLite file changes or after `invalidate`, and counting every stance once."""

from __future__ import annotations

from collections import Counter

import pytest

from claimgraph.model import Document
from claimgraph.store import Store
from claimgraph.web import state
from claimgraph.web.state import LABELS, ClaimRow, Reader, source_counts, store_marker, take_snapshot


def test_web_state_snapshot_is_reused_until_the_store_changes(writable_db: str) -> None:
    with Store.open(writable_db, read_only=True) as store:
        reader = Reader(store, writable_db)
        first = reader.snapshot()
        assert reader.snapshot() is first
        with Store.open(writable_db) as writable:
            writable.add_documents([Document("abcd" * 4, "new.txt", "text", "A new article.", ())])
        assert store_marker(writable_db) != first.marker
        second = reader.snapshot()
        assert second is not first
        assert "abcd" * 4 in second.document_index and "abcd" * 4 not in first.document_index
        reader.invalidate()
        assert reader.snapshot() is not second


def test_web_state_server_database_is_reread_after_the_ttl(
    example_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert store_marker("postgresql://u@localhost/db") is None
    clock = [1000.0]
    monkeypatch.setattr(state.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(state, "store_marker", lambda db: None)
    with Store.open(example_db, read_only=True) as store:
        reader = Reader(store, example_db)
        first = reader.snapshot()
        clock[0] += state.SERVER_TTL_S / 2
        assert reader.snapshot() is first
        clock[0] += state.SERVER_TTL_S
        assert reader.snapshot() is not first


def test_web_state_snapshot_counts_every_stance_once(example_db: str) -> None:
    with Store.open(example_db, read_only=True) as store:
        snap = take_snapshot(store, None)
        claim_ids = {c.id for c in store.list_claims()}
        want = Counter(
            (s.claim_id, s.holder_kind.value == "source", s.stance.value)
            for s in store.iter_stances()
            if s.claim_id in claim_ids and s.stance.value in LABELS
        )
    got: Counter[tuple[str, bool, str]] = Counter()
    for row in snap.claims:
        for label in LABELS:
            got[(row.claim.id, True, label)] += row.sources[label]
            got[(row.claim.id, False, label)] += row.speakers[label]
    assert +got == want and want
    for row in snap.claims:
        assert row.first is None or row.first <= row.last  # type: ignore[operator]
        assert row.claim.text.casefold() in row.search


def test_web_state_derived_builds_once_per_key(example_db: str) -> None:
    with Store.open(example_db, read_only=True) as store:
        snap = take_snapshot(store, None)
    calls: list[int] = []
    assert snap.derived("k", lambda: calls.append(1) or 42) == 42
    assert snap.derived("k", lambda: calls.append(1) or 43) == 42
    assert calls == [1]


def test_web_state_source_counts_per_outlet(example_db: str) -> None:
    with Store.open(example_db, read_only=True) as store:
        claim = next(iter(store.list_claims()))
    a = ClaimRow(claim, None, per_source={"BBC": {}, "CNN": {}})
    b = ClaimRow(claim, None, per_source={"BBC": {}})
    assert source_counts([a, b]) == Counter({"BBC": 2, "CNN": 1})
