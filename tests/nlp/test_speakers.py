"""Speakers from hand-built source phrases: name, description, affiliation; pronouns."""

from __future__ import annotations

from claimgraph.nlp.speakers import (
    SpeakerInfo,
    antecedent_phrase,
    describe,
    is_definite_description,
    is_pronoun,
    resolve_description,
    resolve_pronoun,
)
from tests.nlp.handmade import parsed

KERRY = SpeakerInfo("John Kerry", "Secretary of State", None, person=True, plural=False)
OFFICIALS = SpeakerInfo(None, "US officials", "US", person=False, plural=True)
OFFICIAL = SpeakerInfo(None, "a senior official", None, person=False, plural=False)


def test_speakers_named_person_with_appositive() -> None:
    doc = parsed(
        """
        Bill Bill PROPN NNP compound 1
        Speaks Speaks PROPN NNP nsubj 1 nospace
        , , PUNCT , punct 1
        a a DET DT det 5
        Pentagon Pentagon PROPN NNP compound 5
        spokesman spokesman NOUN NN appos 1
        """,
        ents=["B-PERSON", "I-PERSON", "O", "O", "B-ORG", "O"],
    )
    info = describe(doc[0:6])
    assert (info.name, info.description, info.affiliation) == (
        "Bill Speaks",
        "a Pentagon spokesman",
        "Pentagon",
    )
    assert info.person and not info.plural


def test_speakers_unnamed_plural_with_affiliation() -> None:
    doc = parsed("Iranian Iranian ADJ JJ amod 1\nofficials official NOUN NNS nsubj 1", ents=["B-NORP", "O"])
    info = describe(doc[0:2])
    assert info.name is None and info.description == "Iranian officials" and info.affiliation == "Iranian"
    assert info.plural and not info.person


def test_speakers_organisation_speaks_as_a_group() -> None:
    doc = parsed("the the DET DT det 1\nPentagon Pentagon PROPN NNP nsubj 1", ents=["O", "B-ORG"])
    info = describe(doc[0:2])
    assert info.name == "Pentagon" and info.plural and info.label == "Pentagon"


def test_speakers_he_takes_the_nearest_earlier_person_speaker() -> None:
    doc = parsed("he he PRON PRP nsubj 1\nsaid say VERB VBD ROOT 1")
    source = doc[0:1]
    assert is_pronoun(source)
    assert resolve_pronoun(source, [KERRY, OFFICIALS]) is KERRY
    assert resolve_pronoun(source, [OFFICIALS]) is None


def test_speakers_he_prefers_a_person_named_in_the_sentence() -> None:
    doc = parsed(
        "Zarif Zarif PROPN NNP nsubj 1\narrived arrive VERB VBD ROOT 1\nand and CCONJ CC cc 1\n"
        "he he PRON PRP nsubj 4\nsaid say VERB VBD conj 1",
        ents=["B-PERSON", "O", "O", "O", "O"],
    )
    found = resolve_pronoun(doc[3:4], [KERRY])
    assert found is not None and found.name == "Zarif" and found.person


def test_speakers_they_takes_the_nearest_group() -> None:
    doc = parsed("they they PRON PRP nsubj 1\nsaid say VERB VBD ROOT 1")
    assert resolve_pronoun(doc[0:1], [OFFICIALS, KERRY]) is OFFICIALS


def test_speakers_definite_description_points_back() -> None:
    doc = parsed("the the DET DT det 1\nofficial official NOUN NN nsubj 2\nsaid say VERB VBD ROOT 2")
    source = doc[0:2]
    assert is_definite_description(source) and not is_pronoun(source)
    assert resolve_description(source, [OFFICIAL, KERRY]) is OFFICIAL
    assert resolve_description(source, [KERRY]) is None


def test_speakers_relative_pronoun_means_its_noun() -> None:
    """ "Kerry, who said …": the speaker is Kerry, not "who"."""
    doc = parsed(
        "Kerry Kerry PROPN NNP ROOT 0 nospace\n, , PUNCT , punct 0\nwho who PRON WP nsubj 3\n"
        "said say VERB VBD relcl 0"
    )
    assert antecedent_phrase(doc[2:3]).text == "Kerry"
