"""Claim wording and member polarity (`claims/propositions.py`) on hand-written sentences."""

from __future__ import annotations

import pytest

from claimgraph.claims.propositions import (
    claim_place,
    claim_text,
    member_polarity,
    mission_polarity,
    relation_of,
)
from claimgraph.model import ActorRef, Event, Span, Voice


@pytest.mark.parametrize(
    ("subject", "obj", "relation", "place", "expected"),
    [
        (
            "United States",
            "Iran",
            "cooperate_militarily",
            "Iraq",
            "United States and Iran cooperate militarily in Iraq",
        ),
        ("Iran", None, "cooperate", None, "Iran cooperates"),
        (
            "Iran",
            "Islamic State",
            "airstrike",
            "Diyala",
            "Iran carries out airstrikes against Islamic State in Diyala",
        ),
        ("Islamic State", "Mosul", "seize", None, "Islamic State seizes Mosul"),
    ],
)
def test_propositions_claim_text(
    subject: str, obj: str | None, relation: str, place: str | None, expected: str
) -> None:
    assert claim_text(subject, obj, relation, place) == expected


@pytest.mark.parametrize(
    ("modality", "text", "cue", "expected"),
    [
        ("asserted", "That is military cooperation.", None, 1),
        ("denied", "We do not coordinate with Iran.", None, -1),
        ("asserted", "he had rejected an American request to cooperate", "said", -1),
        ("asserted", "cooperation with Washington was out of the question", None, -1),
        ("denied", "Kerry declined to rule out working with Iran", None, 0),
        ("hypothetical", "Iran could consider cooperating", None, 0),
        ("asserted", "the request to cooperate", "denied", -1),
        ("asserted", "US role in Iraq", "rejects", -1),
        ("asserted", "US role in Iraq", ("rejects", "reject"), 1),  # the cue is the relation itself
        ("planned", "up to 275 troops could be sent to Iraq", ("notified", "deploy_forces"), 1),
        ("planned", "Iran will consider cooperating", ("said", "cooperate_militarily"), 0),
    ],
)
def test_propositions_member_polarity(
    modality: str, text: str, cue: str | tuple[str, str] | None, expected: int
) -> None:
    cue, relation = cue if isinstance(cue, tuple) else (cue, None)
    assert member_polarity(modality, text, cue, relation) == expected


@pytest.mark.parametrize(
    ("place", "places", "expected"),
    [
        ("Iran", {"Iran", "Iraq"}, None),  # a claim actor's own territory does not qualify the claim
        ("Tehran", {"Tehran"}, None),  # nor does its capital
        ("Baghdad", {"Baghdad", "Iraq"}, "Iraq"),  # a capital joins its country when both are named
        ("Baghdad", {"Baghdad"}, "Baghdad"),  # ... and stays alone otherwise
        ("Iraq", {"Iraq", "Baghdad"}, "Iraq"),
        ("Diyala province", {"Diyala province", "Iraq"}, "Diyala province"),  # unknown places stay
        (None, {"Iraq"}, None),
    ],
)
def test_propositions_claim_place_folds_own_territory_and_capitals(place, places, expected) -> None:
    assert claim_place(place, {"country:usa", "country:irn"}, places) == expected


@pytest.mark.parametrize(
    ("action", "text", "expected"),
    [
        ("cooperate", "Iran and Iraq cooperate on military operations.", "cooperate_militarily"),
        ("cooperate", "Iran and Iraq cooperate on trade.", "cooperate"),
        ("attack", "Iran attacked a military base.", "attack"),
    ],
)
def test_propositions_relation_of_reads_military_cooperation(action: str, text: str, expected: str) -> None:
    span = Span("d", 0, len(text))
    e = Event(
        "e",
        "d",
        Voice.OWN,
        ActorRef("Iran", "country:irn"),
        action,
        None,
        None,
        None,
        None,
        "asserted",
        text,
        span,
    )
    assert relation_of(e) == expected


@pytest.mark.parametrize(
    ("relation", "polarity", "text", "expected"),
    [
        ("deploy_forces", -1, "we will not be sending troops back into combat", 0),  # a mission denied
        ("deploy_forces", -1, "we will not be sending troops", -1),
        ("attack", -1, "no attack in combat", -1),  # the qualifier is deploy_forces's only
        ("deploy_forces", 1, "troops return to combat", 1),
        (None, -1, "into combat", -1),
    ],
)
def test_propositions_mission_polarity(relation: str | None, polarity: int, text: str, expected: int) -> None:
    assert mission_polarity(relation, polarity, text) == expected
