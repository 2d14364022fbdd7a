"""The event and discourse word lists are data (data/event_lexicon.json); bad files are E113."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from claimgraph.errors import ClaimgraphError
from claimgraph.nlp import event_triggers, lexicon

PACKAGED = (resources.files("claimgraph") / "data" / lexicon.LEXICON_FILE).read_text(encoding="utf-8")


def test_lexicon_packaged_lists_are_what_the_rules_use() -> None:
    assert lexicon.read_word_lists(PACKAGED, "x") == lexicon.WORDS
    assert set(lexicon.WORDS) == set(lexicon.LISTS) and all(lexicon.WORDS.values())
    assert "launch" in event_triggers.LIGHT_VERBS and "troop" in event_triggers.MILITARY_WORDS


@pytest.mark.parametrize(
    ("change", "message"),
    [({"light_verbs": None}, "'light_verbs' must be a list"),
     ({"agent_nouns": ["Official"]}, "'agent_nouns' must be a list of lowercase lemmas")],
)  # fmt: skip
def test_lexicon_bad_file_is_e113(change: dict, message: str) -> None:
    data = {**json.loads(PACKAGED), **change}
    with pytest.raises(ClaimgraphError, match="E113") as caught:
        lexicon.read_word_lists(json.dumps(data), "/x/event_lexicon.json")
    assert "/x/event_lexicon.json" in str(caught.value) and message in str(caught.value)


def test_lexicon_missing_list_and_bad_json_are_e113() -> None:
    data = json.loads(PACKAGED)
    del data["reporting_verbs"]
    with pytest.raises(ClaimgraphError, match=r"E113.*'reporting_verbs'"):
        lexicon.read_word_lists(json.dumps(data), "x")
    with pytest.raises(ClaimgraphError, match=r"E113.*not JSON"):
        lexicon.read_word_lists("[", "x")
