"""Free-text claims (`claims/free_text.py`): candidates, central texts, clusters joining triples."""

from __future__ import annotations

from claim_inputs import PENTAGON, USA, doc, statement, three_docs  # tests/claims: shared inputs

from claimgraph.claims import free_text
from claimgraph.claims.build import build_claims
from claimgraph.claims.drafts import Draft, add_member
from claimgraph.claims.embed import LexicalEmbedder
from claimgraph.claims.free_text import (
    Assertion,
    DocumentCandidates,
    assertions,
    central_text,
    merge_duplicates,
)
from claimgraph.claims.text import ActorTable, document_sentences
from claimgraph.model import ClaimMember, Document, DocumentAnalysis, FactRef, Span, Voice
from claimgraph.settings import BuildSettings


def candidate(text: str, kind: str = "sentence", doc_id: str = "a") -> Assertion:
    return Assertion(
        FactRef(kind, f"{doc_id}:{text}", doc_id), Span(doc_id, 0, len(text)), text, Voice.OWN, "W", None
    )


TITLE = "Council approves harbour plan"
CONTENT = "the regional council approved the harbour plan"  # what the mayor says in document "b"


def two_documents() -> tuple[Document, Document]:
    """A wire story with a title and a lead, and a post quoting the mayor."""
    a = doc("a", f"{TITLE}\nFerries resumed on Tuesday after the storm. More followed.", "Wire", title=TITLE)
    return a, doc("b", f"The mayor said {CONTENT}. The mayor said yes.", "Post")


def test_free_text_candidates_are_title_lead_and_statement_contents() -> None:
    a, b = two_documents()
    analyses = [
        DocumentAnalysis("a"),
        DocumentAnalysis("b", (USA,), statements=(statement(b, "Mayor", USA, "said", CONTENT),)),
    ]
    found = [
        (c.fact.kind, c.text, c.holder, c.speaker_group)
        for c, _ in assertions([b, a], analyses, ActorTable(analyses))
    ]
    assert found == [
        ("sentence", TITLE, "Wire", None),
        (
            "sentence",
            "Ferries resumed on Tuesday after the storm.",
            "Wire",
            None,
        ),  # the lead, not "More followed."
        ("statement", CONTENT, "Mayor", USA.id),  # held by its speaker, grouped with the speaker's side
    ]
    short = BuildSettings(min_assertion_words=20)  # the statement's content is too short to be a claim
    assert [c.fact.kind for c, _ in assertions([b], analyses[1:], ActorTable(analyses), short)] == []


def test_free_text_candidates_cached_per_document_are_those_found_without(monkeypatch) -> None:
    """A caller's cache (an incremental run's neighbourhood) splits each document once and gives
    the candidates found without it, the word minimum and speaker groups still applied per call."""
    a, b = two_documents()
    analyses = [
        DocumentAnalysis("a"),
        DocumentAnalysis(
            "b", (PENTAGON, USA), statements=(statement(b, "Mayor", PENTAGON, "said", CONTENT),)
        ),
    ]
    table = ActorTable(analyses)
    expected = assertions([a, b], analyses, table)
    split = []
    monkeypatch.setattr(
        free_text, "document_sentences", lambda d, st: split.append(d.id) or document_sentences(d, st)
    )
    cache: dict[str, DocumentCandidates] = {}
    assert assertions([a, b], analyses, table, cache=cache) == expected
    assert assertions([b, a], analyses, table, cache=cache) == expected
    assert split == ["a", "b"]  # once each
    short = BuildSettings(min_assertion_words=20)
    assert [c.fact.kind for c, _ in assertions([a, b], analyses, table, short, cache)] == ["sentence"] * 2
    assert [c.speaker_group for c, _ in expected] == [None, None, USA.id]
    only = {(c.fact.kind, c.fact.id) for c, _ in expected[1:]}  # the facts wanted, as filtering after
    assert assertions([a, b], analyses, table, cache=cache, only=only) == expected[1:]
    ungrouped = assertions([b], analyses, ActorTable([]), cache=cache)  # the group is looked up anew
    assert [c.speaker_group for c, _ in ungrouped] == [PENTAGON.id]


def test_free_text_central_text_shares_most_words_and_states_a_proposition() -> None:
    members = [
        candidate("The council denied approving the harbour plan on Monday"),  # a denial states none
        candidate("The council approved the harbour plan on Monday"),
        candidate("The council approved the harbour plan after a long debate"),
        candidate("Councillors approved a plan"),
    ]
    assert central_text(members, BuildSettings()) == "The council approved the harbour plan on Monday"
    assert central_text(members[:1], BuildSettings()) is None


def test_free_text_near_duplicate_claims_merge_into_the_first() -> None:
    drafts = []
    for k, text in enumerate(
        (
            "The council approved the harbour plan on Monday",
            "On Monday the council approved the harbour plan",
            "Firefighters rescued a cat from a tree",
        )
    ):
        draft = Draft(("text", str(k)), None, None, None, None, {}, text)
        add_member(
            draft, ClaimMember(FactRef("sentence", str(k), f"d{k}"), 1, Voice.OWN, Span(f"d{k}", 0, 9), "W")
        )
        drafts.append(draft)
    merged = merge_duplicates(drafts, BuildSettings())
    assert [d.key for d in merged] == [("text", "0"), ("text", "2")]
    assert sorted(merged[0].members) == [("sentence", "0"), ("sentence", "1")]


def test_free_text_assertion_and_denial_are_one_claim_stated_positively() -> None:
    docs, analyses = three_docs(
        "The rebel movement agreed to a truce with the northern army on Friday.",
        "The rebel movement agreed to a truce with the northern army, ministers announced.",
        "The rebel movement denied agreeing to a truce with the northern army.",
    )
    [claim] = build_claims(docs, analyses, embedder=LexicalEmbedder())
    assert "denied" not in claim.text and claim.text.startswith("The rebel movement agreed")
    polarity = {m.fact.doc_id: m.polarity for m in claim.members}
    assert polarity == {"d0": 1, "d1": 1, "d2": -1}


def test_free_text_no_claim_whose_text_is_a_denial() -> None:
    docs, analyses = three_docs(
        "The ministry denied that inspectors had visited the northern plant.",
        "The ministry has denied that inspectors visited the northern plant at all.",
    )
    assert build_claims(docs, analyses, embedder=LexicalEmbedder()) == []


def test_free_text_claim_text_is_full_and_without_dateline() -> None:
    long = (
        "the regional council approved a fifteen-year plan to rebuild the harbour walls, dredge the "
        "eastern channel, move the fish market inland and open a ferry line to the two outer islands"
    )
    docs, analyses = three_docs(f"PORTO, Portugal — {long.capitalize()}.", f"Reports say {long} on Monday.")
    [claim] = build_claims(docs, analyses, embedder=LexicalEmbedder())
    assert claim.text == f"{long.capitalize()}." and len(claim.text) > 160 and "…" not in claim.text


def test_free_text_statement_content_loses_its_that() -> None:
    content = "that the regional council approved the harbour plan"
    docs = [doc(f"d{k}", f"The mayor{' also' * k} said {content}.", f"Outlet {k}") for k in range(2)]
    docs[1] = doc("d1", f"Officials said {content} unanimously.", "Outlet 1")
    analyses = [
        DocumentAnalysis(d.id, (USA,), statements=(statement(d, "Mayor", USA, "said", c),))
        for d, c in zip(docs, (content, f"{content} unanimously"), strict=True)
    ]
    [claim] = build_claims(docs, analyses, embedder=LexicalEmbedder())
    assert claim.text.startswith("The regional council approved the harbour plan")
