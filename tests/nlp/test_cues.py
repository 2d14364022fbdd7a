"""The cue lexicon is data (data/cues.json); a malformed file is a numbered error naming it."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from claimgraph.errors import ClaimgraphError
from claimgraph.nlp import cues

PACKAGED = (resources.files("claimgraph") / "data" / cues.LEXICON_FILE).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("lemma", "kind"),
    [("say", "speech"), ("Deny", "speech"), ("believe", "belief"), ("criticize", "stance"),
     ("talk", "stance"), ("eat", None)],
)  # fmt: skip
def test_cues_kind_of_a_lemma(lemma: str, kind: str | None) -> None:
    assert cues.cue_kind(lemma) == kind


def test_cues_packaged_lexicon_is_what_the_module_uses() -> None:
    lexicon = cues.read_lexicon(PACKAGED, "cues.json")
    assert lexicon["speech"] == cues.SPEECH and lexicon["prep_content"] == cues.PREP_CONTENT
    assert "tell" in cues.ADDRESSEE_VERBS and "statement" in cues.CUE_MEDIA_NOUNS


@pytest.mark.parametrize(
    ("change", "message"),
    [({"speech": "say tell"}, "'speech' must be a list of lemmas"),
     ({"prep_content": {"talk": "about"}}, "'prep_content' must map lemmas"),
     ({"belief": None}, "'belief' must be a list")],
)  # fmt: skip
def test_cues_bad_lexicon_is_e112(change: dict, message: str) -> None:
    data = {**json.loads(PACKAGED), **change}
    with pytest.raises(ClaimgraphError, match="E112") as caught:
        cues.read_lexicon(json.dumps(data), "/x/cues.json")
    assert "/x/cues.json" in str(caught.value) and message in str(caught.value)


def test_cues_unreadable_lexicon_is_e112() -> None:
    with pytest.raises(ClaimgraphError, match=r"E112.*not JSON"):
        cues.read_lexicon("{", "/x/cues.json")
