"""Report fixtures: a hand-written mini export, and the example corpus's export with hand-written claims."""

from __future__ import annotations

import copy
import io
import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).resolve().parents[1] / "data" / "report"
EXAMPLE_CORPUS = Path(__file__).resolve().parents[2] / "src" / "claimgraph" / "example_corpus"


@pytest.fixture(scope="session")
def _mini() -> dict[str, Any]:
    return json.loads((DATA / "mini_export.json").read_text(encoding="utf-8"))


@pytest.fixture
def mini_export(_mini: dict[str, Any]) -> dict[str, Any]:
    """A small invented export (3 documents, 3 claims) that every field of the report reads."""
    return copy.deepcopy(_mini)


def _with_offsets(export: dict[str, Any], overlay: dict[str, Any]) -> dict[str, Any]:
    """The overlay's claims with each stance's `find` phrase turned into evidence offsets."""
    texts = {d["id"]: d["text"] for d in export["documents"]}
    claims = []
    for claim in overlay["claims"]:
        stances = []
        for stance in claim["stances"]:
            phrase = stance.pop("find")
            start = texts.get(stance["doc_id"], "").find(phrase)
            if start < 0:
                pytest.fail(f"example_claims.json: {phrase!r} is not in document {stance['doc_id']}")
            evidence = {
                "doc_id": stance["doc_id"],
                "start": start,
                "end": start + len(phrase),
                "text": phrase,
            }
            stances.append({**stance, "evidence": [evidence]})
        claims.append({**claim, "stances": stances})
    return {
        **export,
        "claims": claims,
        "contradictions": overlay["contradictions"],
        "sources": overlay["sources"],
    }


@pytest.fixture(scope="session")
def example_export(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The bundled example corpus analysed and exported, plus hand-written claims and verdicts."""
    from claimgraph.api import analyze, open_store
    from claimgraph.export.writers import export

    db = tmp_path_factory.mktemp("report") / "example.db"
    analyze([str(EXAMPLE_CORPUS)], db=str(db))
    out = io.StringIO()
    with open_store(str(db)) as store:
        export(store, "json", out)
    overlay = json.loads((DATA / "example_claims.json").read_text(encoding="utf-8"))
    return _with_offsets(json.loads(out.getvalue()), overlay)


class Elements(HTMLParser):
    """Every start tag of a page with its attributes, and the text inside <script> elements."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


def parse(page: str) -> Elements:
    parser = Elements()
    parser.feed(page)
    parser.close()
    return parser


@pytest.fixture
def parse_page() -> Any:
    """`parse(page) -> Elements`, as a fixture so test modules need no import path."""
    return parse
