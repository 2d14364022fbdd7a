"""The verdict label from the verdict model's class and a claim's independent voices.

The model (`claimgraph.verdicts.model`) says true / false / unknown; the folded voices
(`claimgraph.verdicts.voices`: syndication, citation, circular quoting and reproduced text undone)
say which kind of unknown it is:
- true -> `corroborated`; false -> `denied`;
- unknown with a first-hand independent voice on each side -> `disputed`;
- unknown with exactly one first-hand independent voice taking a side -> `single-source`;
- any other unknown (nobody takes a side first-hand: only `discuss`, reproduced text, circular
  quoting; or several voices on one side that the model does not find enough) -> `unverified`.
"""

from __future__ import annotations

from claimgraph.model import VerdictLabel
from claimgraph.settings import VerdictSettings
from claimgraph.verdicts.voices import ClaimVoices


def hand_weight(first_hand: bool, settings: VerdictSettings | None = None) -> float:
    """A vote's weight in truth discovery: reproduced (second-hand) text counts less."""
    return 1.0 if first_hand else (settings or VerdictSettings()).second_hand_weight


def label_for(cls: str, voices: ClaimVoices) -> VerdictLabel:
    """The label of a model class given the claim's folded voices (rules in the module docstring)."""
    if cls == "true":
        return VerdictLabel.CORROBORATED
    if cls == "false":
        return VerdictLabel.DENIED
    first_hand = [g for g in voices.groups if g.first_hand]
    if any(g.sign > 0 for g in first_hand) and any(g.sign < 0 for g in first_hand):
        return VerdictLabel.DISPUTED
    if len(first_hand) == 1:
        return VerdictLabel.SINGLE_SOURCE
    return VerdictLabel.UNVERIFIED
