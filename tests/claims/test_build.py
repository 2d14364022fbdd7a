"""Claim building on hand-built documents and analyses (no statistical model)."""

from __future__ import annotations

from pathlib import Path

import pytest
from claim_inputs import IRN, USA, doc, event, mention, named, three_docs  # tests/claims: shared inputs

from claimgraph.claims.build import build_claims
from claimgraph.claims.cluster import cluster, near_duplicate_groups
from claimgraph.claims.embed import LexicalEmbedder
from claimgraph.claims.text import affirmed, names_other_place, proposition, strip_dateline
from claimgraph.model import Actor, Claim, Document, DocumentAnalysis
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


# --- claim hygiene (issue 8, point 3): hand-written sentences -----------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "KANO, Nigeria — Soldiers reopened the market on Monday.",
            "Soldiers reopened the market on Monday.",
        ),
        ("(Reuters) - The port reopened after the storm.", "The port reopened after the storm."),
        ("(CNN) -- Rain closed the bridge.", "Rain closed the bridge."),
        ("LISBON (AP) — Ministers approved the budget.", "Ministers approved the budget."),
        (
            "By Ana Reyes and Tom Bell LISBON — The council approved the plan.",
            "The council approved the plan.",
        ),
        ("By Friday Iran had withdrawn its envoy.", None),  # "By" opens the sentence
        ("NATO allies met in Brussels — and agreed on nothing.", None),  # no dateline: unchanged
        ("UK: ministers approve the budget", None),  # a headline's colon is not a dateline
    ],
)
def test_build_dateline_byline_and_agency_tag_stripped(text: str, expected: str | None) -> None:
    assert strip_dateline(text) == (expected or text)


@pytest.mark.parametrize(
    ("text", "statement", "expected"),
    [
        ("that the council approved the budget", True, "The council approved the budget"),
        ("that there had been no talks between the two ministries", True, None),  # a denial
        ("The rumour is categorically false", False, None),
        ("Did the council approve the budget?", False, None),
        ("to publish the report next week", True, None),  # an infinitive, no proposition
        ("the mayor's plan for the harbour", True, None),  # a noun phrase
        ("he received the files from a clerk", True, None),  # whose "he"?
        ("The Latest on the harbour strike (all times local):", False, None),  # a heading
        ("MADRID — “The port will reopen on Friday”", False, "The port will reopen on Friday"),
        ("40 ferries were cancelled by the operator", True, "40 ferries were cancelled by the operator"),
    ],
)
def test_build_proposition_texts(text: str, statement: bool, expected: str | None) -> None:
    assert proposition(text, statement=statement) == expected


def test_build_affirmed_drops_negating_words() -> None:
    assert affirmed("The rebels denied agreeing to a truce") == "The rebels agreeing to a truce"
    assert affirmed("The army didn't leave the town") == "The army did leave the town"


def test_build_near_duplicate_texts_group_and_blocked_clusters() -> None:
    texts = [
        "The council approved the harbour plan on Monday",
        "On Monday the council approved the harbour plan",
        "Firefighters rescued a cat from a tree",
    ]
    assert near_duplicate_groups(texts, BuildSettings()) == [[0, 1], [2]]
    vectors = LexicalEmbedder().encode(texts)
    assert cluster(texts, vectors, 0.35, BuildSettings()) == [[0, 1], [2]]
    # the recent-centroid window finds a cluster the word blocking cannot (no shared word)
    narrow = BuildSettings(blocking_window=0)
    assert cluster(texts, vectors, 0.35, narrow) == [[0, 1], [2]]


def test_build_settings_override() -> None:
    docs, analyses = three_docs(
        "The regional council approved the harbour plan on Monday.",
        "The regional council approved the harbour plan, officials said.",
    )
    assert len(build_claims(docs, analyses, embedder=LexicalEmbedder())) == 1
    strict = BuildSettings(min_cluster_documents=3)
    assert build_claims(docs, analyses, embedder=LexicalEmbedder(), settings=strict) == []


@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        ("New Iran", True),  # a longer place name that merely ends with the country's
        ("Iran", False),
        ("Northern Iran", False),  # a region of the country is still the country
        ("Tabriz, Iran", False),  # a city and its country
        ("the Islamic Republic of Iran", False),  # a whole alias
    ],
)
def test_build_entity_span_names_the_actor(surface: str, expected: bool) -> None:
    iran = Actor("country:irn", "Iran", "country", aliases=("Islamic Republic of Iran",))
    assert names_other_place(surface, iran) is expected


def test_build_full_claim_text_survives_the_store(tmp_path: Path) -> None:

    text = "The regional council approved the harbour plan " + "after a long debate " * 20
    with Store.open(str(tmp_path / "c.db")) as store:
        store.replace_claims([Claim("claim:0123456789abcdef", text)])
        assert [c.text for c in store.list_claims()] == [text]
