"""Claim building on hand-built documents and analyses (no statistical model)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from claimgraph.claims.build import build_claims
from claimgraph.claims.propositions import claim_place, claim_text, member_polarity
from claimgraph.claims.cluster import cluster, near_duplicate_groups
from claimgraph.claims.embed import LexicalEmbedder
from claimgraph.claims.text import affirmed, names_other_place, proposition, strip_dateline
from claimgraph.model import (
    Actor,
    ActorMention,
    ActorRef,
    Claim,
    Document,
    DocumentAnalysis,
    Event,
    Segment,
    Span,
    Speaker,
    Statement,
    Voice,
)
from claimgraph.settings import BuildSettings
from claimgraph.store import Store

USA = Actor("country:usa", "United States", "country")
IRN = Actor("country:irn", "Iran", "country")
PENTAGON = Actor("government_body:pentagon", "Pentagon", "government_body", affiliation="country:usa")


def doc(doc_id: str, text: str, outlet: str = "Outlet", title: str | None = None) -> Document:
    return Document(doc_id, f"{doc_id}.txt", "text", text, (Segment(Voice.OWN, 0, len(text)),), title, outlet)


def event(d: Document, actor: Actor, action: str, target: Actor | None, modality: str = "asserted") -> Event:
    span = Span(d.id, 0, len(d.text))
    ref = ActorRef(target.name, target.id) if target else None
    return Event(
        f"e-{d.id}-{action}",
        d.id,
        Voice.OWN,
        ActorRef(actor.name, actor.id),
        action,
        None,
        ref,
        None,
        None,
        modality,
        d.text,
        span,
    )


def mention(d: Document, actor: Actor, word: str) -> ActorMention:
    start = d.text.index(word)
    return ActorMention(actor.id, word, Span(d.id, start, start + len(word)), Voice.OWN)


def statement(d: Document, speaker: str, actor: Actor, cue: str, content: str) -> Statement:
    start = d.text.index(content)
    content_span = Span(d.id, start, start + len(content))
    return Statement(
        f"s-{d.id}",
        d.id,
        Voice.OWN,
        Speaker(speaker, actor.id, None),
        None,
        (speaker,),
        cue,
        content,
        False,
        Span(d.id, 0, len(d.text)),
        None,
        None,
        content_span,
    )


def named(d: Document) -> tuple[ActorMention, ...]:
    """Mentions of Iran and the United States wherever their names occur."""
    return tuple(
        mention(d, actor, word) for actor, word in ((IRN, "Iran"), (USA, "United States")) if word in d.text
    )


def test_build_symmetric_pair_is_one_claim() -> None:
    a = doc("a", "Iran is cooperating militarily with the United States.")
    b = doc("b", "The United States and Iran cooperate on military operations.")
    analyses = [
        DocumentAnalysis("a", (IRN, USA), named(a), events=(event(a, IRN, "cooperate_militarily", USA),)),
        DocumentAnalysis("b", (IRN, USA), named(b), events=(event(b, USA, "cooperate", IRN),)),
    ]
    claims = build_claims([a, b], analyses, embedder=LexicalEmbedder())
    assert len(claims) == 1
    assert claims[0].relation == "cooperate_militarily"
    assert {m.fact.doc_id for m in claims[0].members} == {"a", "b"}
    assert claims[0].text in (
        "Iran and United States cooperate militarily",
        "United States and Iran cooperate militarily",
    )


def test_build_denial_joins_same_claim_with_negative_polarity() -> None:
    a = doc("a", "That is military cooperation between the United States and Iran.", "Blog")
    content = "we do not coordinate military action with Iran"
    b = doc("b", f"The Pentagon said {content}.", "Wire")
    analyses = [
        DocumentAnalysis("a", (IRN, USA), named(a), events=(event(a, USA, "cooperate_militarily", IRN),)),
        DocumentAnalysis(
            "b",
            (IRN, PENTAGON, USA),
            named(b),
            statements=(statement(b, "Pentagon", PENTAGON, "said", content),),
            events=(event(b, PENTAGON, "cooperate_militarily", IRN, "denied"),),
        ),
    ]
    claims = build_claims([a, b], analyses, embedder=LexicalEmbedder())
    assert len(claims) == 1
    by_doc = {m.fact.doc_id: m for m in claims[0].members}
    assert by_doc["a"].polarity == 1 and by_doc["a"].holder == "Blog"
    assert by_doc["b"].polarity == -1 and by_doc["b"].holder == "Pentagon"
    assert by_doc["b"].fact.kind == "statement"


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


@pytest.mark.parametrize(
    ("subject", "obj", "relation", "place", "expected"),
    [
        (
            "United States",
            "Iran",
            "cooperate_militarily",
            "Iraq",
            "United States and Iran cooperate militarily in Iraq",
        ),
        ("Iran", None, "cooperate", None, "Iran cooperates"),
        (
            "Iran",
            "Islamic State",
            "airstrike",
            "Diyala",
            "Iran carries out airstrikes against Islamic State in Diyala",
        ),
        ("Islamic State", "Mosul", "seize", None, "Islamic State seizes Mosul"),
    ],
)
def test_build_claim_text(
    subject: str, obj: str | None, relation: str, place: str | None, expected: str
) -> None:
    assert claim_text(subject, obj, relation, place) == expected


@pytest.mark.parametrize(
    ("modality", "text", "cue", "expected"),
    [
        ("asserted", "That is military cooperation.", None, 1),
        ("denied", "We do not coordinate with Iran.", None, -1),
        ("asserted", "he had rejected an American request to cooperate", "said", -1),
        ("asserted", "cooperation with Washington was out of the question", None, -1),
        ("denied", "Kerry declined to rule out working with Iran", None, 0),
        ("hypothetical", "Iran could consider cooperating", None, 0),
        ("asserted", "the request to cooperate", "denied", -1),
        ("asserted", "US role in Iraq", "rejects", -1),
        ("asserted", "US role in Iraq", ("rejects", "reject"), 1),  # the cue is the relation itself
        ("planned", "up to 275 troops could be sent to Iraq", ("notified", "deploy_forces"), 1),
        ("planned", "Iran will consider cooperating", ("said", "cooperate_militarily"), 0),
    ],
)
def test_build_member_polarity(
    modality: str, text: str, cue: str | tuple[str, str] | None, expected: int
) -> None:
    cue, relation = cue if isinstance(cue, tuple) else (cue, None)
    assert member_polarity(modality, text, cue, relation) == expected


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


@pytest.mark.parametrize(
    ("place", "places", "expected"),
    [
        ("Iran", {"Iran", "Iraq"}, None),  # a claim actor's own territory does not qualify the claim
        ("Tehran", {"Tehran"}, None),  # nor does its capital
        ("Baghdad", {"Baghdad", "Iraq"}, "Iraq"),  # a capital joins its country when both are named
        ("Baghdad", {"Baghdad"}, "Baghdad"),  # ... and stays alone otherwise
        ("Iraq", {"Iraq", "Baghdad"}, "Iraq"),
        ("Diyala province", {"Diyala province", "Iraq"}, "Diyala province"),  # unknown places stay
        (None, {"Iraq"}, None),
    ],
)
def test_buildclaim_place_folds_own_territory_and_capitals(place, places, expected) -> None:
    assert claim_place(place, {"country:usa", "country:irn"}, places) == expected


@pytest.mark.parametrize(
    ("content", "holder"),
    [
        ("there was no contact with Iran", "Pentagon"),  # the event's partner is in what was said
        ("the weather was fine", "Wire"),  # the statement says nothing of the event's participants
    ],
)
def test_build_event_joins_a_statement_naming_its_participants(content: str, holder: str) -> None:
    d = doc("b", f"The Pentagon said {content}, a military matter.", "Wire")
    analysis = DocumentAnalysis(
        "b",
        (IRN, PENTAGON, USA),
        named(d),
        statements=(statement(d, "Pentagon", PENTAGON, "said", content),),
        events=(event(d, PENTAGON, "cooperate_militarily", IRN, "denied"),),
    )
    claims = build_claims([d], [analysis], embedder=LexicalEmbedder())
    members = [m for c in claims for m in c.members if c.relation == "cooperate_militarily"]
    assert [(m.holder, m.polarity) for m in members] == [(holder, -1)]


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


def three_docs(*leads: str) -> tuple[list[Document], list[DocumentAnalysis]]:
    docs = [
        doc(f"d{k}", f"{lead}\nUnrelated closing line here.", f"Outlet {k}") for k, lead in enumerate(leads)
    ]
    return docs, [DocumentAnalysis(d.id) for d in docs]


def test_build_assertion_and_denial_are_one_claim_stated_positively() -> None:
    docs, analyses = three_docs(
        "The rebel movement agreed to a truce with the northern army on Friday.",
        "The rebel movement agreed to a truce with the northern army, ministers announced.",
        "The rebel movement denied agreeing to a truce with the northern army.",
    )
    [claim] = build_claims(docs, analyses, embedder=LexicalEmbedder())
    assert "denied" not in claim.text and claim.text.startswith("The rebel movement agreed")
    polarity = {m.fact.doc_id: m.polarity for m in claim.members}
    assert polarity == {"d0": 1, "d1": 1, "d2": -1}


def test_build_no_claim_whose_text_is_a_denial() -> None:
    docs, analyses = three_docs(
        "The ministry denied that inspectors had visited the northern plant.",
        "The ministry has denied that inspectors visited the northern plant at all.",
    )
    assert build_claims(docs, analyses, embedder=LexicalEmbedder()) == []


def test_build_claim_text_is_full_and_without_dateline() -> None:
    long = (
        "the regional council approved a fifteen-year plan to rebuild the harbour walls, dredge the "
        "eastern channel, move the fish market inland and open a ferry line to the two outer islands"
    )
    docs, analyses = three_docs(f"PORTO, Portugal — {long.capitalize()}.", f"Reports say {long} on Monday.")
    [claim] = build_claims(docs, analyses, embedder=LexicalEmbedder())
    assert claim.text == f"{long.capitalize()}." and len(claim.text) > 160 and "…" not in claim.text


def test_build_statement_content_loses_its_that() -> None:
    content = "that the regional council approved the harbour plan"
    docs = [doc(f"d{k}", f"The mayor{' also' * k} said {content}.", f"Outlet {k}") for k in range(2)]
    docs[1] = doc("d1", f"Officials said {content} unanimously.", "Outlet 1")
    analyses = [
        DocumentAnalysis(d.id, (USA,), statements=(statement(d, "Mayor", USA, "said", c),))
        for d, c in zip(docs, (content, f"{content} unanimously"), strict=True)
    ]
    [claim] = build_claims(docs, analyses, embedder=LexicalEmbedder())
    assert claim.text.startswith("The regional council approved the harbour plan")


def test_build_subject_and_relation_alone_is_no_claim() -> None:
    """'Iran attacks' (no object, no place) is a fragment; with a place it is a claim."""
    a = doc("a", "Iran attacked overnight.")
    b = doc("b", "Iran attacked overnight in Basra.")
    placed = replace(event(b, IRN, "attack", None), place="Basra")
    analyses = [
        DocumentAnalysis("a", (IRN,), named(a), events=(event(a, IRN, "attack", None),)),
        DocumentAnalysis("b", (IRN,), named(b), events=(placed,)),
    ]
    claims = build_claims([a, b], analyses, embedder=LexicalEmbedder())
    assert [c.text for c in claims] == ["Iran carries out attacks in Basra"]


def test_build_denial_event_is_no_claim_of_its_own() -> None:
    a = doc("a", "Iran denied the United States report.")
    analyses = [DocumentAnalysis("a", (IRN, USA), named(a), events=(event(a, IRN, "deny", USA),))]
    assert build_claims([a], analyses, embedder=LexicalEmbedder()) == []


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


def test_build_event_of_a_longer_place_name_makes_no_claim() -> None:
    a = doc("a", "New Iran sends aid to the United States.")
    e = replace(event(a, IRN, "provide_aid", USA), actor=ActorRef("New Iran", IRN.id))
    analyses = [DocumentAnalysis("a", (IRN, USA), named(a), events=(e,))]
    assert build_claims([a], analyses, embedder=LexicalEmbedder()) == []


def test_build_actor_named_only_by_longer_place_names_makes_no_claim() -> None:
    a = doc("a", "Officials in New Iran said the United States sends aid to Iran.")
    start = a.text.index("New Iran")
    mentions = (
        ActorMention(IRN.id, "New Iran", Span("a", start, start + 8), Voice.OWN),
        mention(a, USA, "United States"),
    )
    analyses = [DocumentAnalysis("a", (IRN, USA), mentions, events=(event(a, USA, "provide_aid", IRN),))]
    assert build_claims([a], analyses, embedder=LexicalEmbedder()) == []


def test_build_full_claim_text_survives_the_store(tmp_path: Path) -> None:

    text = "The regional council approved the harbour plan " + "after a long debate " * 20
    with Store.open(str(tmp_path / "c.db")) as store:
        store.replace_claims([Claim("claim:0123456789abcdef", text)])
        assert [c.text for c in store.list_claims()] == [text]
