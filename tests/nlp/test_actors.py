"""Actor resolution: registry names, metonymy, surnames, fuzzy spellings, extraction, merging."""

from __future__ import annotations

import pytest
from rapidfuzz import fuzz

from claimgraph.model import Actor, Document, Segment, Voice
from claimgraph.nlp.actors import (
    FUZZY_NAME_THRESHOLD,
    ActorResolver,
    clean_mention,
    extract_actors,
    merge_actor_ids,
    merge_actors,
)


@pytest.mark.parametrize(
    ("mention", "expected"),
    [
        ("Tehran", "country:irn"),
        ("Tehran's", "country:irn"),
        ("Washington", "country:usa"),
        ("the administration", "country:usa"),
        ("the U.S.", "country:usa"),
        ("US", "country:usa"),
        ("the Iranians", "country:irn"),
        ("Iranian officials", "country:irn"),
        ("a senior Iranian official", "country:irn"),
        ("the White House", "government_body:white-house"),
        ("Department of Defense", "government_body:pentagon"),
        ("NSC", "government_body:national-security-council"),
        ("Revolutionary Guard", "government_body:irgc"),
        ("the Guardian", "media:guardian"),
        ("WSJ", "media:wsj"),
        ("Kerry", "person:john-kerry"),
        ("Secretary of State John Kerry", "person:john-kerry"),
        ("Iranian President Hassan Rouhani", "person:hassan-rouhani"),
        ("Maliki", "person:nouri-al-maliki"),
        ("Hezbolah", "armed_group:hezbollah"),
    ],
)
def test_actors_resolve_names(resolver: ActorResolver, mention: str, expected: str) -> None:
    assert resolver.resolve(mention) == expected


@pytest.mark.parametrize(
    "spelling", ["Soleimani", "Soleimeni", "Suleimani", "Qassem Suleimani", "Gen. Qassem Soleimeni"]
)
def test_actors_resolve_transliterations_to_one_person(resolver: ActorResolver, spelling: str) -> None:
    assert resolver.resolve(spelling) == "person:qassem-soleimani"


@pytest.mark.parametrize("name", ["ISIS", "ISIL", "IS", "Islamic State", "the Islamic State", "Daesh"])
def test_actors_resolve_isis_aliases_to_one_id(resolver: ActorResolver, name: str) -> None:
    assert resolver.resolve(name) == "armed_group:isis"


@pytest.mark.parametrize("text", ["is", "us", "Khomeini", "Marzani", "the", ""])
def test_actors_resolve_refuses_lookalikes(resolver: ActorResolver, text: str) -> None:
    assert resolver.resolve(text) is None


def test_actors_kerry_is_affiliated_with_united_states(resolver: ActorResolver) -> None:
    kerry = resolver.actors[resolver.resolve("Kerry")]
    assert (kerry.name, kerry.kind, kerry.affiliation) == ("John Kerry", "person", "country:usa")


@pytest.mark.parametrize(
    ("date", "expected"), [("2014-06-17", "person:john-kerry"), (None, "role:us-secretary-of-state")]
)
def test_actors_roles_resolve_to_holder_at_date(
    resolver: ActorResolver, date: str | None, expected: str
) -> None:
    assert resolver.resolve("the US secretary of state", context=date) == expected


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("soleimeni", "soleimani", True),
        ("qassem soleimani", "qassim suleimani", True),
        ("barzani", "marzani", False),
        ("khamenei", "khomeini", False),
        ("kerry", "berry", False),
    ],
)
def test_actors_fuzzy_threshold_calibration(a: str, b: str, same: bool) -> None:
    assert (fuzz.ratio(a, b) >= FUZZY_NAME_THRESHOLD) is same


@pytest.mark.parametrize(("raw", "clean"), [("the U.S.", "U.S."), ("Iran's", "Iran"), ("“Kerry,", "Kerry")])
def test_actors_clean_mention(raw: str, clean: str) -> None:
    assert clean_mention(raw) == clean


def _doc(text: str, voice: Voice = Voice.OWN) -> Document:
    return Document("d1", "u", "text", text, (Segment(voice, 0, len(text)),), published="2014-06-17")


def test_actors_extract_finds_registry_and_new_people(nlp, resolver: ActorResolver) -> None:
    text = "Tehran sent Gen. Qassem Soleimeni to Baghdad, said Jane Marlowe, a Reuters reporter."
    actors, mentions = extract_actors(_doc(text), nlp, resolver)
    ids = {a.id for a in actors}
    assert {"country:irn", "person:qassem-soleimani", "media:reuters"} <= ids
    assert "person:jane-marlowe" in ids
    assert all(text[m.span.start : m.span.end] == m.text and m.voice == Voice.OWN for m in mentions)


def test_actors_extract_skips_boilerplate(nlp, resolver: ActorResolver) -> None:
    text = "Share on Twitter with Reuters"
    doc = Document("d2", "u", "text", text, (Segment(Voice.BOILERPLATE, 0, len(text)),))
    assert extract_actors(doc, nlp, resolver) == ([], [])


def test_actors_merge_people_across_documents() -> None:
    per_doc = [
        [Actor("person:bill-speaks", "Bill Speaks", "person")],
        [Actor("person:speaks", "Speaks", "person"), Actor("person:b-speaks", "B. Speaks", "person")],
        [
            Actor("person:william-jones", "William Jones", "person"),
            Actor("person:mary-jones", "Mary Jones", "person"),
        ],
    ]
    mapping = merge_actor_ids(per_doc)
    assert mapping["person:speaks"] == mapping["person:b-speaks"] == "person:bill-speaks"
    assert mapping["person:william-jones"] != mapping["person:mary-jones"]
    merged = {a.id: a for a in merge_actors(per_doc)}
    assert set(merged["person:bill-speaks"].aliases) == {"Speaks", "B. Speaks"}
    assert "person:speaks" not in merged


def test_actors_non_latin_names_are_distinct_actors() -> None:
    """Issue 12 item 3: names in other scripts once all folded to `person:x` and merged."""
    import spacy
    from spacy.tokens import Span as SpacySpan

    from claimgraph.nlp.actors import _new_actor, slug

    blank = spacy.blank("en")
    parsed = blank("Лавров Шойгу Кремль Μητσοτάκης")
    labels = ("PERSON", "PERSON", "ORG", "PERSON")
    actors = [_new_actor(SpacySpan(parsed, i, i + 1, label=label)) for i, label in enumerate(labels)]
    assert all(a is not None for a in actors)
    ids = [a.id for a in actors if a is not None]
    assert len(set(ids)) == 4
    assert ids[0] == "person:lavrov" and ids[3] == "person:mitsotakis"
    assert len(merge_actors([[a for a in actors if a is not None]])) == 4
    assert slug("★") != slug("☆") and slug("★") and slug("★") != "x"  # nothing to transliterate: a hash


def test_actors_names_in_other_scripts_resolve_through_transliteration(resolver: ActorResolver) -> None:
    putin = resolver.resolve("Vladimir Putin")
    assert putin is not None and resolver.resolve("Путин") == putin
    assert resolver.resolve("Лавров") != putin
