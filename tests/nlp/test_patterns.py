"""Pattern files: spaCy Matcher JSONL read with numbered errors, matched once per parse."""

from __future__ import annotations

import json

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from claimgraph.errors import ClaimgraphError
from claimgraph.nlp.patterns import Lexicon, any_case, lemma_pattern, packaged_patterns, read_patterns

GOOD = json.dumps({"label": "motion", "pattern": [{"LEMMA": "move"}]})


def test_patterns_packaged_files_read() -> None:
    cue = packaged_patterns(
        "cue_patterns.jsonl", ("speech", "belief", "stance", "stance_with_preposition", "according")
    )
    assert {r["label"] for r in cue} == {"speech", "belief", "stance", "stance_with_preposition", "according"}
    triggers = packaged_patterns(
        "trigger_patterns.jsonl", ("motion", "cooperation_with", "joint_activity", "air_attack")
    )
    assert {r["label"] for r in triggers} == {"motion", "cooperation_with", "joint_activity", "air_attack"}


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [("{", 1, "not JSON"),
     (GOOD + "\n[1]", 2, 'exactly "label" and "pattern"'),
     (GOOD + "\n\n" + json.dumps({"label": "fly", "pattern": [{"LOWER": "x"}]}), 3, "label 'fly' is not"),
     (json.dumps({"label": "motion", "pattern": []}), 1, "non-empty list of token objects"),
     (json.dumps({"label": "motion", "pattern": [{"LEMMMA": "go"}]}), 1, "spaCy rejects the pattern"),
     ("", 0, "no patterns")],
)  # fmt: skip
def test_patterns_bad_file_is_e125_with_file_and_line(text: str, line: int, problem: str) -> None:
    with pytest.raises(ClaimgraphError, match="E125") as caught:
        read_patterns(text, "/x/trigger_patterns.jsonl", ("motion",))
    message = str(caught.value)
    assert f"/x/trigger_patterns.jsonl, line {line}" in message and problem in message


def test_patterns_lexicon_matches_lemmas_in_any_case_once_per_doc() -> None:
    """Lemmas as the lemmatizer wrote them ("Strike" of a proper noun, "STRIKE" of a shouted
    headline) match their lower-case pattern; another word's lemma does not."""
    lexicon = Lexicon(
        "test_patterns_words", [lemma_pattern("noun", ["strike"]), *read_patterns(GOOD, "x", ["motion"])]
    )
    words = ["Strike", "moved", "strike", "STRIKE", "Strikes", "north"]
    doc = Doc(Vocab(), words=words, lemmas=["Strike", "move", "strike", "STRIKE", "Strikes", "north"])
    noun = frozenset({"noun"})
    assert lexicon.matches(doc) == {0: noun, 1: frozenset({"motion"}), 2: noun, 3: noun}
    doc._.set("test_patterns_words", {5: frozenset({"kept"})})
    assert lexicon.labels(doc[5]) == {"kept"} and lexicon.labels(doc[1]) == frozenset()  # the stored result


def test_patterns_any_case_leaves_other_attributes() -> None:
    spec = {"LEMMA": {"IN": ["say"]}, "POS": {"IN": ["VERB"]}}
    assert any_case(spec) == {"LEMMA": {"IN": ["SAY", "Say", "say"]}, "POS": {"IN": ["VERB"]}}
    assert any_case({"LOWER": "x"}) == {"LOWER": "x"}


def test_patterns_upper_case_lemma_in_a_file_is_e125() -> None:
    with pytest.raises(ClaimgraphError, match=r"E125.*line 1.*lower-case"):
        read_patterns(
            json.dumps({"label": "motion", "pattern": [{"LEMMA": {"IN": ["Go"]}}]}), "x", ["motion"]
        )
