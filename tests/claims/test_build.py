"""Claim building on hand-built documents and analyses (no statistical model)."""

from __future__ import annotations

from pathlib import Path

from claim_inputs import IRN, USA, doc, event, mention, named, three_docs  # tests/claims: shared inputs

from claimgraph.claims.build import build_claims
from claimgraph.claims.embed import LexicalEmbedder
from claimgraph.model import Claim, Document, DocumentAnalysis
from claimgraph.settings import BuildSettings
from claimgraph.store import Store


def test_build_ids_are_deterministic_and_order_free() -> None:
    a = doc("a", "Iran is cooperating militarily with the United States.")
    b = doc("b", "The United States attacks Iran.")
    analyses = [
        DocumentAnalysis("a", (IRN, USA), named(a), events=(event(a, IRN, "cooperate_militarily", USA),)),
        DocumentAnalysis("b", (IRN, USA), named(b), events=(event(b, USA, "attack", IRN),)),
    ]
    first = build_claims([a, b], analyses, embedder=LexicalEmbedder())
    second = build_claims([b, a], analyses[::-1], embedder=LexicalEmbedder())
    assert [c.id for c in first] == [c.id for c in second]
    assert len({c.id for c in first}) == 2


def test_build_free_text_clusters_across_documents() -> None:
    title = "Oil prices slide to a four-year low after OPEC meeting"
    a = doc("a", f"{title}\nMore text follows here.", title=title)
    b = doc("b", "Oil prices slid to a four-year low after the OPEC meeting in Vienna.\nOther things.")
    c = doc("c", "A cat was rescued from a tall tree by firefighters on Sunday.")
    analyses = [DocumentAnalysis(x.id) for x in (a, b, c)]
    claims = build_claims([a, b, c], analyses, embedder=LexicalEmbedder())
    assert len(claims) == 1
    assert claims[0].relation is None and claims[0].subject is None
    assert {m.fact.doc_id for m in claims[0].members} == {"a", "b"}
    assert all(m.fact.kind == "sentence" for m in claims[0].members)


def test_build_syndicated_copies_alone_make_no_free_text_claim() -> None:
    text = "Oil prices slide to a four-year low after OPEC meeting.\nMore."
    docs = [doc("a", text, "Wire"), doc("b", text, "Copy")]
    assert (
        build_claims(docs, [DocumentAnalysis("a"), DocumentAnalysis("b")], embedder=LexicalEmbedder()) == []
    )


def test_build_empty_inputs() -> None:
    assert build_claims([], [], embedder=LexicalEmbedder()) == []
    empty = Document("e", "e.txt", "text", "", ())
    assert build_claims([empty], [DocumentAnalysis("e")], embedder=LexicalEmbedder()) == []


def test_build_mentions_let_a_lead_sentence_join_the_triple() -> None:
    a = doc("a", "Iran is cooperating militarily with the United States.")
    lead = "Washington and Tehran are allies in Iraq now."
    b = doc("b", f"{lead} Nothing else.")
    analyses = [
        DocumentAnalysis("a", (IRN, USA), events=(event(a, IRN, "cooperate_militarily", USA),)),
        DocumentAnalysis(
            "b", (IRN, USA), mentions=(mention(b, USA, "Washington"), mention(b, IRN, "Tehran"))
        ),
    ]
    claims = build_claims([a, b], analyses, embedder=LexicalEmbedder())
    assert len(claims) == 1
    assert {(m.fact.doc_id, m.fact.kind) for m in claims[0].members} == {("a", "event"), ("b", "sentence")}


def test_build_settings_override() -> None:
    docs, analyses = three_docs(
        "The regional council approved the harbour plan on Monday.",
        "The regional council approved the harbour plan, officials said.",
    )
    assert len(build_claims(docs, analyses, embedder=LexicalEmbedder())) == 1
    strict = BuildSettings(min_cluster_documents=3)
    assert build_claims(docs, analyses, embedder=LexicalEmbedder(), settings=strict) == []


def test_build_full_claim_text_survives_the_store(tmp_path: Path) -> None:

    text = "The regional council approved the harbour plan " + "after a long debate " * 20
    with Store.open(str(tmp_path / "c.db")) as store:
        store.replace_claims([Claim("claim:0123456789abcdef", text)])
        assert [c.text for c in store.list_claims()] == [text]
