"""Which example-corpus files the demo reads, and which statements it prints."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from claimgraph.cli_demo import DEMO_EXAMPLES, demo_examples, example_inputs
from claimgraph.model import Span, Speaker, Statement, Voice

EXAMPLE_CORPUS = Path(__file__).resolve().parents[1] / "src" / "claimgraph" / "example_corpus"


def test_example_inputs_are_the_articles_not_the_key_notes_or_sidecars() -> None:
    names = {Path(p).name for p in example_inputs(EXAMPLE_CORPUS)}
    assert "gold.json" not in names and "README.md" not in names
    assert "2014-09-16-eastbank-notes-amerli.json" not in names  # the .txt's metadata sidecar
    assert "2014-09-16-eastbank-notes-amerli.txt" in names
    assert {"crawl-2014-06.warc.gz", "crescent-desk-feed.xml", "wire-archive.jsonl"} <= names


def test_example_inputs_leave_hidden_files_out(tmp_path: Path) -> None:
    (tmp_path / ".DS_Store").write_text("x", encoding="utf-8")
    (tmp_path / "a.txt").write_text("An article.", encoding="utf-8")
    assert example_inputs(tmp_path) == [str(tmp_path / "a.txt")]


def _statement(doc_id: str, k: int, name: str | None) -> Statement:
    span = Span(doc_id, k, k + 5)
    return Statement(
        f"{doc_id}-{k}",
        doc_id,
        Voice.OWN,
        Speaker(name, None, None),
        None,
        (),
        "said",
        "x",
        False,
        span,
        None,
        None,
        span,
    )


class _Statements:
    def __init__(self, statements: list[Statement]) -> None:
        self.statements = statements

    def iter_statements(self) -> Any:
        return iter(self.statements)


def test_demo_examples_take_one_named_speaker_per_document() -> None:
    rows = [_statement("d0", 0, None), _statement("d0", 1, "Ann"), _statement("d0", 2, "Bo")]
    rows += [_statement(f"d{k}", 0, f"Speaker {k}") for k in range(1, DEMO_EXAMPLES + 3)]
    picked = demo_examples(_Statements(rows))  # type: ignore[arg-type]
    assert [s.id for s in picked] == ["d0-1"] + [f"d{k}-0" for k in range(1, DEMO_EXAMPLES)]
