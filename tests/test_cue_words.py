"""cue_words.py: every model's cue lists read from one file, exactly as the models were trained."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from claimgraph import cue_words
from claimgraph.errors import ClaimgraphError


def test_cue_words_patterns_match_whole_words_in_any_case() -> None:
    negation = cue_words.pattern("stance_negation")
    assert len(negation.findall("It is NOT true, they didn't; no.")) == 3
    assert not negation.search("a notable nothing, knotted")  # no match inside a word
    debunk = cue_words.pattern("verdict_debunk")
    assert debunk.findall("Hoaxes and a debunked myth, not true") == [
        "Hoaxes",
        "debunked",
        "myth",
        "not true",
    ]


def test_cue_words_word_lists_are_lower_case_words() -> None:
    refuting = cue_words.words("evidence_refuting")
    assert {"hoax", "denied", "never"} <= refuting
    assert all(w == w.lower() and " " not in w for w in refuting)


def test_cue_words_each_list_names_the_model_that_reads_it() -> None:
    text = resources.files("claimgraph").joinpath(cue_words.SOURCE).read_text(encoding="utf-8")
    shipped = cue_words.parse(text, cue_words.SOURCE)
    lists = {k: v for k, v in shipped.items() if not k.startswith("_")}
    assert len(lists) == 8
    assert all(isinstance(v.get("model"), str) and v["model"] for v in lists.values())


def test_cue_words_an_unknown_list_is_a_numbered_error() -> None:
    with pytest.raises(ClaimgraphError, match=r"\[E114\].*no patterns list named 'nope'"):
        cue_words.pattern("nope")
    with pytest.raises(ClaimgraphError, match=r"\[E114\].*no words list named 'stance_negation'"):
        cue_words.words("stance_negation")  # a patterns list is not a words list


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("{", "not JSON"),
        ("[]", "not a JSON object"),
        (json.dumps({"a": {"words": []}}), "'a' needs a non-empty list"),
        (json.dumps({"a": {"patterns": ["ok", 3]}}), "'a' needs a non-empty list"),
        (json.dumps({"a": "hoax"}), "'a' needs a non-empty list"),
        (json.dumps({"a": {"patterns": ["(unclosed"]}}), "'a': missing \\)"),
    ],
)
def test_cue_words_a_malformed_file_names_itself_and_the_problem(text: str, problem: str) -> None:
    with pytest.raises(ClaimgraphError, match=rf"\[E114\] cues\.json: .*{problem}"):
        cue_words.parse(text, "cues.json")
