"""Pattern files: spaCy Matcher JSONL read with numbered errors, matched once per parse."""

from __future__ import annotations

import json

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from claimgraph.errors import ClaimgraphError
from claimgraph.nlp.patterns import LEMMA, Lexicon, lemma_pattern, packaged_patterns, read_patterns

GOOD = json.dumps({"label": "motion", "pattern": [{"_": {LEMMA: "move"}}]})


def test_patterns_packaged_files_read() -> None:
    cue = packaged_patterns(
        "cue_patterns.jsonl", ("speech", "belief", "stance", "stance_with_preposition", "according")
    )
    assert {r["label"] for r in cue} == {"speech", "belief", "stance", "stance_with_preposition", "according"}
    triggers = packaged_patterns(
        "trigger_patterns.jsonl", ("motion", "cooperation_with", "joint_activity", "air_attack")
    )
    assert len(triggers) > 10


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


def test_patterns_lexicon_matches_lower_cased_lemmas_once_per_doc() -> None:
    lexicon = Lexicon(
        "test_patterns_words", [lemma_pattern("noun", ["strike"]), *read_patterns(GOOD, "x", ["motion"])]
    )
    doc = Doc(
        Vocab(), words=["Strikes", "moved", "strike", "north"], lemmas=["Strikes", "move", "strike", "north"]
    )
    assert lexicon.matches(doc) == {
        1: frozenset({"motion"}),
        2: frozenset({"noun"}),
    }  # "Strikes": lemma as written
    doc._.set("test_patterns_words", {3: frozenset({"kept"})})
    assert (
        lexicon.labels(doc[3]) == {"kept"} and lexicon.labels(doc[1]) == frozenset()
    )  # stored result is reused
