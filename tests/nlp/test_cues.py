"""The cue lexicon is data: verb patterns (data/cue_patterns.jsonl) and tables (data/cues.json);
a malformed file is a numbered error naming it. Rules are checked on hand-built Docs."""

from __future__ import annotations

import json
from importlib import resources

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from claimgraph.errors import ClaimgraphError
from claimgraph.nlp import cues

PACKAGED = (resources.files("claimgraph") / "data" / cues.LEXICON_FILE).read_text(encoding="utf-8")


def one_token(word: str, lemma: str, pos: str) -> Doc:
    return Doc(Vocab(), words=[word], lemmas=[lemma], pos=[pos])


@pytest.mark.parametrize(
    ("word", "lemma", "pos", "kind", "label"),
    [("said", "say", "VERB", "speech", "speech"), ("Denied", "Deny", "VERB", "speech", "speech"),
     ("DENIES", "DENY", "VERB", "speech", "speech"),
     ("believes", "believe", "VERB", "belief", "belief"),
     ("criticized", "criticize", "VERB", "stance", "stance"),
     ("points", "point", "VERB", "stance", "stance_with_preposition"), ("ate", "eat", "VERB", None, None),
     ("say", "say", "NOUN", None, None)],
)  # fmt: skip
def test_cues_kind_of_a_token(word: str, lemma: str, pos: str, kind: str | None, label: str | None) -> None:
    """Lemmas match lower-cased; cue verbs must be verbs; 'point' needs its preposition."""
    token = one_token(word, lemma, pos)[0]
    assert cues.cue_kind(token) == kind and cues.cue_label(token) == label


def words(label: str) -> set[str]:
    return {w for r in cues.CUES.patterns if r["label"] == label for w in r["pattern"][0]["LEMMA"]["IN"]}


def test_cues_speech_wins_over_stance() -> None:
    """A lemma listed under two kinds takes the first of KINDS (as the word sets did)."""
    both = words("speech") & words("stance")
    assert both, "the packaged patterns list a lemma under speech and stance"
    lemma = sorted(both)[0]
    assert cues.cue_kind(one_token(lemma, lemma, "VERB")[0]) == "speech"


def test_cues_according_matches_any_part_of_speech() -> None:
    doc = Doc(Vocab(), words=["According", "to", "Reuters"], lemmas=["accord", "to", "Reuters"],
              pos=["VERB", "ADP", "PROPN"])  # fmt: skip
    assert cues.is_according(doc[0]) and not cues.is_according(doc[2])
    assert cues.CUES.matches(doc) == {0: frozenset({"according"})}


def test_cues_packaged_tables_are_what_the_module_uses() -> None:
    lexicon = cues.read_lexicon(PACKAGED, "cues.json")
    assert lexicon["prep_content"] == cues.PREP_CONTENT
    assert "tell" in cues.ADDRESSEE_VERBS and "statement" in cues.CUE_MEDIA_NOUNS


def test_cues_every_preposition_cue_has_its_prepositions() -> None:
    """A `stance_with_preposition` verb is a cue only with a preposition of `prep_content`."""
    needing = words("stance_with_preposition")
    assert needing and all(cues.PREP_CONTENT.get(lemma) for lemma in needing)


@pytest.mark.parametrize(
    ("change", "message"),
    [({"addressee_verbs": "tell ask"}, "'addressee_verbs' must be a list of lemmas"),
     ({"prep_content": {"talk": "about"}}, "'prep_content' must map lemmas"),
     ({"media_nouns": None}, "'media_nouns' must be a list")],
)  # fmt: skip
def test_cues_bad_lexicon_is_e112(change: dict, message: str) -> None:
    data = {**json.loads(PACKAGED), **change}
    with pytest.raises(ClaimgraphError, match="E112") as caught:
        cues.read_lexicon(json.dumps(data), "/x/cues.json")
    assert "/x/cues.json" in str(caught.value) and message in str(caught.value)


def test_cues_unreadable_lexicon_is_e112() -> None:
    with pytest.raises(ClaimgraphError, match=r"E112.*not JSON"):
        cues.read_lexicon("{", "/x/cues.json")
