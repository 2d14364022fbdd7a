"""Verdict labels (verdicts/labels.py): the model's class and the folded voices give the label."""

from __future__ import annotations

import pytest

from claimgraph.model import HolderKind, VerdictLabel
from claimgraph.settings import VerdictSettings
from claimgraph.verdicts.labels import hand_weight, label_for
from claimgraph.verdicts.voices import ClaimVoices, Node, VoiceGroup


def _group(sign: int, first_hand: bool = True, name: str = "Alpha") -> VoiceGroup:
    node = Node(f"source:{name.lower()}", name, HolderKind.SOURCE, sign, 0.9, first_hand, True, ("d1",), ())
    return VoiceGroup((node,), sign, first_hand, syndicated=False, cited=False)


def _voices(*groups: VoiceGroup) -> ClaimVoices:
    return ClaimVoices("c1", groups, discussing=(), mixed=())


def test_labels_hand_weight_counts_reproduced_text_less() -> None:
    assert hand_weight(True) == 1.0
    assert hand_weight(False) == VerdictSettings().second_hand_weight < 1.0
    assert hand_weight(False, VerdictSettings(second_hand_weight=0.2)) == 0.2
    assert hand_weight(True, VerdictSettings(second_hand_weight=0.2)) == 1.0


@pytest.mark.parametrize("groups", [(), (_group(1), _group(-1, name="Beta"))])
def test_labels_decisive_classes_win_whatever_the_voices(groups: tuple[VoiceGroup, ...]) -> None:
    assert label_for("true", _voices(*groups)) == VerdictLabel.CORROBORATED
    assert label_for("false", _voices(*groups)) == VerdictLabel.DENIED


@pytest.mark.parametrize(
    ("groups", "label"),
    [
        ((_group(1), _group(-1, name="Beta")), VerdictLabel.DISPUTED),
        ((_group(1), _group(-1, name="Beta"), _group(1, name="Gamma")), VerdictLabel.DISPUTED),
        ((_group(1),), VerdictLabel.SINGLE_SOURCE),
        ((_group(-1),), VerdictLabel.SINGLE_SOURCE),
        # one first-hand voice, the other side only reproduced: still one first-hand voice
        ((_group(1), _group(-1, first_hand=False, name="Beta")), VerdictLabel.SINGLE_SOURCE),
        ((_group(1), _group(1, name="Beta")), VerdictLabel.UNVERIFIED),  # one side, not enough for the model
        ((_group(1, first_hand=False), _group(-1, first_hand=False, name="Beta")), VerdictLabel.UNVERIFIED),
        ((), VerdictLabel.UNVERIFIED),
    ],
)
def test_labels_unknown_is_split_by_first_hand_voices(
    groups: tuple[VoiceGroup, ...], label: VerdictLabel
) -> None:
    assert label_for("unknown", _voices(*groups)) == label
