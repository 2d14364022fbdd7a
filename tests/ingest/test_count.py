"""The pre-count behind progress totals: what the readers will yield, counted without parsing."""

from __future__ import annotations

from pathlib import Path

from claimgraph.cli_demo import example_inputs
from claimgraph.config import IngestOptions
from claimgraph.ingest import iter_raw
from claimgraph.ingest.count import count_inputs

EXAMPLE_CORPUS = Path(__file__).resolve().parents[2] / "src" / "claimgraph" / "example_corpus"


def test_count_matches_what_the_example_corpus_reads() -> None:
    """Text, HTML, a feed and a WARC: the count is the number of items the readers yield."""
    inputs = example_inputs(EXAMPLE_CORPUS)
    assert any(p.endswith(".warc.gz") for p in inputs) and any(p.endswith(".xml") for p in inputs)
    assert count_inputs(inputs) == sum(1 for _ in iter_raw(inputs, IngestOptions()))


def test_count_records_inside_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("One story.\n", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"text": "x"}\n\n{"text": "y"}\n{"text": "z"}\n', encoding="utf-8")
    (tmp_path / "c.csv").write_text('text,title\n"two\nlines",t\nplain,u\n', encoding="utf-8")
    (tmp_path / "meta.json").write_text("[]", encoding="utf-8")  # inside a folder: metadata, not read
    assert count_inputs([tmp_path]) == 1 + 3 + 2
    assert count_inputs([tmp_path / "b.jsonl", tmp_path / "missing.txt"]) == 3 + 1  # the error counts


def test_count_unknown_with_standard_input(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("One story.\n", encoding="utf-8")
    assert count_inputs([tmp_path, "-"]) is None
