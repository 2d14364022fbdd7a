"""Issue 12 item 14: places and outlets typed as people do not become `person:` actors."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.tokens import Span as SpacySpan

from claimgraph.model import Document, IngestError, Segment, Voice
from claimgraph.nlp.actors import ActorResolver, extract_actors
from claimgraph.nlp.entity_types import label_votes, looks_like_place, name_type

BLANK = spacy.blank("en")


def _span(text: str, start: int, end: int, label: str = "PERSON") -> SpacySpan:
    return SpacySpan(BLANK(text), start, end, label=label)


def test_entity_types_place_context_makes_a_place() -> None:
    assert looks_like_place(_span("Militias entered the town of Amerli today", 5, 6))
    assert looks_like_place(_span("Fighting raged near Tal Afar on Monday", 3, 5))
    assert not looks_like_place(_span("A statement from Karen Lindqvist followed", 3, 5))
    assert not looks_like_place(_span("Officials met Karen Lindqvist in Oslo", 2, 4))


def test_entity_types_a_place_once_in_the_document_is_a_place() -> None:
    parsed = BLANK("Amerli held out . Aid reached Amerli .")
    person, place = SpacySpan(parsed, 0, 1, label="PERSON"), SpacySpan(parsed, 6, 7, label="GPE")
    votes = label_votes([person, place])
    assert looks_like_place(person, votes)
    assert not looks_like_place(person, label_votes([person]))


def test_entity_types_gazetteer_subdivisions() -> None:
    assert looks_like_place(_span("Diyala was quiet", 0, 1))  # an Iraqi governorate (pycountry)


def test_entity_types_the_outlet_is_media_not_a_person() -> None:
    assert name_type(_span("According to the Potomac Herald , talks failed", 3, 5)) == "media"
    assert name_type(_span("Lauren Hill said so", 0, 2)) == "PERSON"  # a surname that is a media word


def test_entity_types_extract_mints_no_person_for_a_place(nlp, resolver: ActorResolver) -> None:
    text = (
        "Tal Afar fell in June. Fighters later retreated near Tal Afar. "
        "The siege of Amerli ended when militias entered Amerli, said Karen Lindqvist. "
        "Brown Moses wrote on Twitter that Amerli was free."
    )
    doc = Document("d9", "u", "text", text, (Segment(Voice.OWN, 0, len(text)),), published="2014-09-01")
    ids = {a.id for a in extract_actors(doc, nlp, resolver)[0]}
    assert not {"person:tal-afar", "person:amerli", "person:twitter"} & ids
    assert "person:karen-lindqvist" in ids


def test_entity_types_document_text_places_a_name_spacy_missed() -> None:
    parsed = BLANK("The siege of Amerli ended . Later Amerli was free .")
    mention = SpacySpan(parsed, 7, 8, label="PERSON")
    assert looks_like_place(mention, label_votes([mention], parsed.text))
    assert not looks_like_place(mention, label_votes([mention]))


def test_entity_types_appositive_says_it_is_a_town() -> None:
    parsed = BLANK("ISIS seized Tal Afar , a key city on the Syrian border .")
    mention = SpacySpan(parsed, 2, 4, label="PERSON")
    assert looks_like_place(
        mention, label_votes([mention], "ISIS seized Tal Afar, a key city on the Syrian border.")
    )
    assert not _placed("Karen Lindqvist, a senior analyst at the institute, said so.", "Karen Lindqvist")


def _placed(text: str, name: str) -> bool:
    from claimgraph.nlp.entity_types import _placed_in_text

    return _placed_in_text(name, text)


@pytest.mark.slow
def test_entity_types_seed_places_are_not_people(nlp, resolver: ActorResolver, seeds_dir: Path) -> None:
    """The real page that made "Tal Afar" a person (issue 12 item 14): no place becomes one."""
    from claimgraph.clean import clean
    from claimgraph.config import IngestOptions
    from claimgraph.ingest import iter_raw

    [raw] = [
        r
        for r in iter_raw([seeds_dir / "000_288665f455d6d8f6.txt"], IngestOptions())
        if not isinstance(r, IngestError)
    ]
    actors, _ = extract_actors(clean(raw), nlp, resolver)
    ids = {a.id for a in actors}
    assert "person:tal-afar" not in ids and not any("afar" in i for i in ids)
