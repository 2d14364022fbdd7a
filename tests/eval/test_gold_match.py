"""Gold matching rules on tiny hand-made cases: located prefixes, loose descriptions, speakers,
parties at country level, merged action classes, one-to-one assignment."""

from __future__ import annotations

import pytest

from claimgraph.eval.gold_match import (
    Scorer,
    action_class,
    coverage,
    description_matches,
    greedy,
    locate,
)
from claimgraph.model import Speaker


@pytest.mark.parametrize(
    ("text", "prefix", "expected"),
    [
        ("He said “the plan  works” today.", 'the plan works"', [(9, 25)]),
        ("one\ntwo one two", "one two", [(0, 7), (8, 15)]),
        ("nothing here", "absent words", []),
        ("anything", "   ", []),
    ],
)
def test_gold_locate_ignores_whitespace_and_quote_style(text: str, prefix: str, expected: list) -> None:
    assert locate(text, prefix) == expected


@pytest.mark.parametrize(
    ("found", "gold", "share"),
    [((0, 10), (0, 10), 1.0), ((5, 20), (0, 10), 0.5), ((20, 30), (0, 10), 0.0), ((0, 3), (2, 2), 0.0)],
)
def test_gold_coverage_is_share_of_gold(found: tuple, gold: tuple, share: float) -> None:
    assert coverage(found, gold) == share


@pytest.mark.parametrize(
    ("gold", "found", "ok"),
    [
        ("A Pentagon spokesman", "a Pentagon spokesman", True),
        ("officials", "US officials", True),
        ("delegates at the meeting", "delegates", True),
        ("a senior administration official", "a senior official", True),
        ("Iranian officials", "US officials", False),  # different affiliation words
        ("A Pentagon spokesman", "a Pentagon official", False),  # different head noun
        ("a militia commander", None, False),
    ],
)
def test_gold_description_matches_loosely(gold: str, found: str | None, ok: bool) -> None:
    assert description_matches(gold, found) is ok


@pytest.mark.parametrize(
    ("gold", "found", "ok"),
    [
        ({"speaker": "John Kerry"}, Speaker("Kerry", None, None), True),
        ({"speaker": "John Kerry"}, Speaker(None, "person:john-kerry", None), True),
        ({"speaker": "John Kerry"}, Speaker("Marie Harf", None, None), False),
        ({"speaker": "Pentagon"}, Speaker("the Pentagon", None, None), True),
        ({"speaker": "United States", "description": "Washington"}, Speaker("Washington", None, None), True),
        ({"speaker": "Farid Haddad"}, Speaker("Haddad", None, None), True),  # unregistered: by surname
        ({"speaker": None, "description": "US officials"}, Speaker(None, None, "US officials"), True),
        ({"speaker": None, "description": "US officials"}, Speaker(None, None, None), False),
    ],
)
def test_gold_speaker_matches(scorer: Scorer, gold: dict, found: Speaker, ok: bool) -> None:
    assert scorer.speaker_matches(gold, found) is ok


@pytest.mark.parametrize(
    ("gold", "found", "found_id", "ok"),
    [
        ("United States", "the Pentagon", None, True),  # a body counts as its country
        ("United States", "Kerry", "person:john-kerry", True),  # a person too
        ("Iran", "Washington", None, False),
        ("Mosul", "Mosul", None, True),  # unregistered places compare as text
        (None, None, None, True),
        ("ISIS", None, None, False),
    ],
)
def test_gold_same_party_at_group_level(
    scorer: Scorer, gold: str | None, found: str | None, found_id: str | None, ok: bool
) -> None:
    assert scorer.same_party(gold, found, found_id) is ok


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [("airstrike", "attack", True), ("reject", "deny", True), ("cooperate", "cooperate_militarily", False)],
)
def test_gold_action_classes(a: str, b: str, same: bool) -> None:
    assert (action_class(a) == action_class(b)) is same


def test_gold_assignment_is_one_to_one_best_first() -> None:
    # gold 0 fits found 0 and 1; gold 1 fits only found 0 but better: it takes it.
    assert greedy([(1.0, 0, 0), (0.5, 0, 1), (2.0, 1, 0)]) == {1: 0, 0: 1}
