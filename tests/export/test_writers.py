"""The export contract for actors, statements and events (JSON), and CSV tables."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from claimgraph.errors import ClaimgraphError
from claimgraph.export.records import JSON_LISTS
from claimgraph.export.tables import CSV_TABLES
from claimgraph.export.writers import export, export_csv_dir
from claimgraph.model import Document, DocumentAnalysis
from claimgraph.store import Store

STATEMENT_KEYS = {
    "id", "doc_id", "voice", "speaker", "affiliation", "chain", "cue", "content", "direct", "start", "end",
}  # fmt: skip
EVENT_KEYS = {
    "id", "doc_id", "voice", "actor", "action", "cameo", "target", "place", "date", "modality", "text",
    "start", "end",
}  # fmt: skip


@pytest.fixture
def filled(
    store: Store, nlp_doc: Callable[..., Document], nlp_result: Callable[..., DocumentAnalysis]
) -> Store:
    store.add_documents([nlp_doc()])
    store.put_document_analysis(nlp_result())
    store.replace_actors(nlp_result().actors, {})
    return store


def test_export_json_lists_actors_statements_events(filled: Store) -> None:
    out = io.StringIO()
    assert export(filled, "json", out) == 1
    data = json.loads(out.getvalue())
    assert list(data) == list(JSON_LISTS)
    text = data["documents"][0]["text"]
    for actor in data["actors"]:
        assert set(actor) == {"id", "name", "kind", "aliases", "affiliation", "code", "surface_forms"}
        assert isinstance(actor["aliases"], list)
    for s in data["statements"]:
        assert set(s) >= STATEMENT_KEYS
        assert set(s["speaker"]) == {"name", "actor_id", "description"}
        assert text[s["content_start"] : s["content_end"]] == s["content"]
        assert s["start"] <= s["content_start"] and s["content_end"] <= s["end"]
    for e in data["events"]:
        assert set(e) >= EVENT_KEYS
        assert set(e["actor"]) == {"name", "actor_id"}
        assert e["target"] is None or set(e["target"]) == {"name", "actor_id"}
        assert text[e["start"] : e["end"]] == e["text"]
    kerry = data["statements"][0]
    assert (kerry["speaker"]["actor_id"], kerry["chain"], kerry["voice"]) == (
        "person:john-kerry",
        ["Harbor Times", "John Kerry"],
        "own",
    )
    assert [e["modality"] for e in data["events"]] == ["asserted", "denied"]


def test_export_json_empty_store_is_valid(store: Store) -> None:
    out = io.StringIO()
    export(store, "json", out)
    data = json.loads(out.getvalue())
    assert list(data) == list(JSON_LISTS)
    assert not any(data.values())


@pytest.mark.parametrize(("table", "rows"), [("segments", 5), ("documents", 1), ("actors", 4),
                                             ("statements", 2), ("events", 2)])  # fmt: skip
def test_export_csv_tables(filled: Store, table: str, rows: int) -> None:
    out = io.StringIO()
    assert export(filled, "csv", out, table) == rows
    read = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(read) == rows and tuple(read[0]) == CSV_TABLES[table]


def test_export_csv_flattens_nested_fields(filled: Store) -> None:
    out = io.StringIO()
    export(filled, "csv", out, "statements")
    speaks = list(csv.DictReader(io.StringIO(out.getvalue())))[1]
    assert speaks["speaker_description"] == "Pentagon spokesman"
    assert speaks["chain"] == "Harbor Times | WSJ | Bill Speaks"
    out = io.StringIO()
    export(filled, "csv", out, "events")
    events = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert (events[0]["actor_id"], events[0]["target_actor_id"]) == ("country:irn", "armed_group:isis")
    assert events[1]["target_name"] == ""


def test_export_csv_dir_writes_every_table(filled: Store, tmp_path: Path) -> None:
    folder = tmp_path / "tables"
    folder.mkdir()
    counts = export_csv_dir(filled, folder)
    assert counts == {
        "segments": 5, "documents": 1, "actors": 4, "statements": 2, "events": 2,
        "claims": 0, "stances": 0, "contradictions": 0, "sources": 0, "edges": 1,
    }  # fmt: skip
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{t}.csv" for t in CSV_TABLES)


def test_export_csv_unknown_table(filled: Store) -> None:
    with pytest.raises(ClaimgraphError, match="E013"):
        export(filled, "csv", io.StringIO(), "verdict")


CLAIM_KEYS = {"id", "text", "subject", "relation", "object", "stances", "verdict"}
STANCE_KEYS = {"doc_id", "holder", "holder_kind", "stance", "score", "evidence"}
EVIDENCE_KEYS = {"doc_id", "start", "end", "text", "voice", "chain"}


@pytest.fixture
def judged(filled: Store, judge_two_outlets: Callable[[Store], None]) -> Store:
    """Two outlets carrying the hand-built article, after the corpus stage (fake stance model)."""
    judge_two_outlets(filled)
    return filled


def test_export_json_claims_contract(judged: Store) -> None:
    out = io.StringIO()
    export(judged, "json", out)
    data = json.loads(out.getvalue())
    texts = {d["id"]: d["text"] for d in data["documents"]}
    assert data["claims"], "the corpus stage built no claim from two copies of one article"
    for claim in data["claims"]:
        assert set(claim) >= CLAIM_KEYS
        assert set(claim["verdict"]) == {"label", "confidence", "explanation"}
        sources = [s["doc_id"] for s in claim["stances"] if s["holder_kind"] == "source"]
        assert len(sources) == len(set(sources)), "more than one own-voice stance for a (claim, document)"
        mentioned = {m["doc_id"] for m in claim["members"]}
        assert mentioned <= set(sources), "a document that mentions the claim has no own-voice stance"
        for stance in claim["stances"]:
            assert set(stance) >= STANCE_KEYS and stance["holder_kind"] in {"source", "speaker"}
            assert stance["stance"] in {"agree", "disagree", "discuss", "unrelated"}
            for e in stance["evidence"]:
                assert set(e) == EVIDENCE_KEYS
                assert texts[e["doc_id"]][e["start"] : e["end"]] == e["text"]
    for c in data["contradictions"]:
        assert set(c) == {"id", "claim_id", "a", "b", "reason"}
        assert set(c["a"]) == set(c["b"]) == {"kind", "id", "doc_id"}
    assert {s["name"] for s in data["sources"]} == {"Harbor Times", "Gulf Ledger"}
    assert all(set(s) == {"name", "reliability", "documents"} for s in data["sources"])


@pytest.mark.parametrize("table", ["claims", "stances", "contradictions", "sources", "edges"])
def test_export_csv_corpus_tables(judged: Store, table: str) -> None:
    out = io.StringIO()
    rows = export(judged, "csv", out, table)
    read = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(read) == rows and tuple(next(csv.reader(io.StringIO(out.getvalue())))) == CSV_TABLES[table]
    if table in ("claims", "stances", "sources", "edges"):
        assert rows > 0


def test_export_actor_aliases_list_merged_spellings_with_counts(store: Store) -> None:
    """Issue 12 item 14: spellings resolved to an actor appear in its aliases, with counts."""
    from claimgraph.model import Actor, ActorMention, Segment, Span, Voice

    text = "Qassem Soleimeni met Qassem Suleimani's aides. Tehran's envoy and Soleimani agreed."
    doc = Document("d0000000000000a1", "/x.txt", "text", text, (Segment(Voice.OWN, 0, len(text)),))
    soleimani = Actor("person:qassem-soleimani", "Qassem Soleimani", "person", ("Soleimani",))
    iran = Actor("country:irn", "Iran", "country", ("Islamic Republic of Iran",), None, "IRN")
    spellings = [
        ("person:qassem-soleimani", "Qassem Soleimeni"),
        ("person:qassem-soleimani", "Qassem Suleimani's"),
        ("country:irn", "Tehran's"),
        ("person:qassem-soleimani", "Soleimani"),
    ]
    mentions = []
    for actor_id, said in spellings:
        start = text.index(said)
        mentions.append(ActorMention(actor_id, said, Span(doc.id, start, start + len(said)), Voice.OWN))
    store.add_documents([doc])
    store.put_document_analysis(DocumentAnalysis(doc.id, (soleimani, iran), tuple(mentions), (), ()))
    store.replace_actors([soleimani, iran], {})
    out = io.StringIO()
    export(store, "json", out)
    actors = {a["id"]: a for a in json.loads(out.getvalue())["actors"]}
    person = actors["person:qassem-soleimani"]
    assert {"Qassem Soleimeni", "Qassem Suleimani", "Soleimani"} <= set(person["aliases"])
    assert {"text": "Qassem Suleimani", "count": 1} in person["surface_forms"]
    assert "Tehran" in actors["country:irn"]["aliases"]
    assert actors["country:irn"]["surface_forms"] == [{"text": "Tehran", "count": 1}]
    table = io.StringIO()
    export(store, "csv", table, table="actors")
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(table.getvalue()))}
    assert rows["country:irn"]["surface_forms"] == "Tehran (1)"
