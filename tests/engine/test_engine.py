"""The serial engine and per-document stage running: order, preparation once, failures as values."""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter, itemgetter

from claimgraph.engine import SerialEngine, Stage, StageFailure, analyse_document, make_engine
from claimgraph.engine.local import LocalEngine
from claimgraph.model import Document

TEXT = Stage("text", "1", attrgetter("text"))
BROKEN = Stage("broken", "1", itemgetter(0))  # a Document is not subscriptable: TypeError


def test_engine_runs_every_stage(nlp_doc: Callable[..., Document]) -> None:
    doc = nlp_doc()
    assert analyse_document(doc, (TEXT, Stage("uri", "1", attrgetter("uri")))) == {
        "text": doc.text,
        "uri": doc.uri,
    }


def test_engine_failure_is_a_value(nlp_doc: Callable[..., Document]) -> None:
    result = analyse_document(nlp_doc(), (TEXT, BROKEN))
    assert isinstance(result, StageFailure) and result.stage == "broken"
    assert "TypeError" in result.problem


def test_engine_serial_prepares_once_and_keeps_order(nlp_doc: Callable[..., Document]) -> None:
    calls: list[str] = []
    stage = Stage("id", "1", attrgetter("id"), prepare=lambda: calls.append("prepare"))
    docs = [nlp_doc(f"{i:016x}") for i in range(5)]
    batches = [("a", docs[:2]), ("empty", []), ("b", docs[2:])]
    out = list(SerialEngine((stage,)).map_batches(batches))
    assert [(k, [r["id"] for r in rs]) for k, rs in out] == [
        ("a", [d.id for d in docs[:2]]),
        ("empty", []),
        ("b", [d.id for d in docs[2:]]),
    ]
    assert calls == ["prepare"]


def test_engine_make_engine_picks_by_workers() -> None:
    assert isinstance(make_engine((TEXT,), 1), SerialEngine)
    pool = make_engine((TEXT,), 2)
    try:
        assert isinstance(pool, LocalEngine)
    finally:
        pool.close()
