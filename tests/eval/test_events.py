"""PETRARCH scorer: dictionary reading and scoring on a tiny hand-written suite, floor on the real one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimgraph.eval.events import evaluate_petrarch, read_validation_actors

ACTORS = """<!-- tiny actor dictionary written for tests -->
ARNOR_  [ARN]
GONDOR  [GON] # a comment
+MINAS_TIRITH
BOROMIR  [---]
THE_SHIRE  [FRO/BIL/SAM]
\t[HOBCIV <20080120]
"""


def _suite(tmp_path: Path, records: list[dict]) -> Path:
    (tmp_path / "validation_dictionaries").mkdir()
    (tmp_path / "validation_dictionaries" / "PETR.Validate.actors.txt").write_text(ACTORS)
    (tmp_path / "unit_test_records.dev.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    return tmp_path


def test_events_read_validation_actors(tmp_path: Path) -> None:
    path = _suite(tmp_path, [])
    actors = {
        e.actor.name: e.actor
        for e in read_validation_actors(path / "validation_dictionaries" / "PETR.Validate.actors.txt")
    }
    assert set(actors) == {"Arnor", "Gondor", "The Shire"}
    assert actors["Gondor"].code == "GON" and "Minas Tirith" in actors["Gondor"].aliases
    assert actors["The Shire"].code == "FRO"


@pytest.mark.parametrize(
    ("text", "codings", "pair_recall"),
    [
        ("Arnor attacked Gondor on Monday.", [{"source": "ARN", "target": "GON", "event": "190"}], 1.0),
        ("Arnor attacked Gondor on Monday.", [{"source": "GON", "target": "ARN", "event": "190"}], 0.0),
        ("The weather was fine.", [{"source": "ARN", "target": "GON", "event": "190"}], 0.0),
    ],
)
def test_events_petrarch_pair_recall(
    tmp_path: Path, text: str, codings: list[dict], pair_recall: float
) -> None:
    record = {"id": "T-1", "date": "20140617", "text": text, "codings": codings, "noevents": False}
    result = evaluate_petrarch(_suite(tmp_path, [record]))
    assert result["pair_recall"] == pair_recall
    assert result["gold_events"] == 1


def test_events_petrarch_counts_false_alarms(tmp_path: Path) -> None:
    record = {
        "id": "T-2",
        "date": "20140617",
        "text": "Arnor attacked Gondor.",
        "codings": [],
        "noevents": True,
    }
    result = evaluate_petrarch(_suite(tmp_path, [record]))
    assert result["noevent_records_with_events"] == 1


def test_events_petrarch_floor(shared_dir: Path) -> None:
    """Measured 2026-11 on the 198 dev records: pair recall 0.117, source recall 0.246."""
    result = evaluate_petrarch(shared_dir / "data" / "petrarch_cameo")
    assert result["records"] == 198
    assert result["pair_recall"] >= 0.10
    assert result["source_recall"] >= 0.20
