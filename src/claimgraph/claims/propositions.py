"""How a claim is worded and how a member holds it: the claim's text and place, an event's
relation class, and a member's polarity (+1 asserts, -1 denies, 0 mentions without asserting).
"""

from __future__ import annotations

from claimgraph.claims.text import (
    NEGATING_PHRASES,
    has_cue,
    is_country_name,
    is_military,
    place_country,
    polarity_on,
)
from claimgraph.model import Event, Modality
from claimgraph.nlp.events import AUTHORISED_ACTIONS
from claimgraph.taxonomy import CLAIM_PHRASES, CLAIM_PHRASES_ALONE, SYMMETRIC

DENIAL_CUES = frozenset(
    {"deny", "denied", "denies", "ruled out", "rule out", "rejected", "rejects", "dismissed"}
)
# A sentence opening on a condition asserts nothing by its negation: "If that is not military
# cooperation, the phrase means nothing."
CONDITIONAL_OPENINGS = ("if ", "unless ", "whether ")
# Negated negations: the speaker leaves the door open, asserting nothing either way.
OPENNESS_PHRASES = (
    "not rule out",
    "declined to rule out",
    "refused to rule out",
    "not ruling out",
    "not exclude",
    "declined to exclude",
    "not excluding",
)
# A denial naming a mission denies that mission, not the relation: "we will not be sending troops
# back into combat" says nothing about whether advisers are deployed (polarity 0, discussed).
MISSION_QUALIFIERS: dict[str, tuple[str, ...]] = {"deploy_forces": ("combat",)}


def relation_of(event: Event) -> str:
    """The claim relation class of an event: generic cooperation is military when its sentence is."""
    if event.action == "cooperate" and is_military(event.text):
        return "cooperate_militarily"
    return event.action


def claim_text(subject: str, obj: str | None, relation: str, place: str | None) -> str:
    verb, prep = CLAIM_PHRASES.get(relation, (relation.replace("_", " "), ""))
    if obj is None and relation in CLAIM_PHRASES_ALONE:
        verb = CLAIM_PHRASES_ALONE[relation]
    if relation in SYMMETRIC and obj:
        text = f"{subject} and {obj} {verb}"
    else:
        verb_3rd = verb if relation not in SYMMETRIC else _third(verb)
        text = f"{subject} {verb_3rd}" + (f" {prep} {obj}".replace("  ", " ") if obj else "")
    return text + (f" in {place}" if place else "")


def _third(verb: str) -> str:
    head, _, rest = verb.partition(" ")
    head = head[:-1] + "ies" if head.endswith("y") else head + "s"
    return f"{head} {rest}".strip()


def claim_place(place: str | None, own: set[str | None], places: set[str | None]) -> str | None:
    """The place that qualifies a claim: none for a claim actor's own territory ("the US and Iran
    cooperate in Iran" is the pair's claim, wherever the text locates it); the country itself for
    a city in it when the claim is also placed in that country ("in Baghdad" joins "in Iraq")."""
    country = place_country(place)
    if country is None:
        return place
    if country in own:
        return None
    whole = sorted(p for p in places if p and place_country(p) == country and is_country_name(p))
    return whole[0] if whole and not is_country_name(place or "") else place


def member_polarity(modality: str, text: str, cue: str | None = None, relation: str | None = None) -> int:
    """Conditionals ("If that is not cooperation, ...") and openness ("would not rule out") 0,
    denial -1, planned/hypothetical 0 (except a planned deployment or withdrawal: +1), else +1."""
    lowered = " ".join(text.lower().split())
    if any(p in lowered for p in OPENNESS_PHRASES) or lowered.startswith(CONDITIONAL_OPENINGS):
        return 0
    denial_cue = (cue or "").lower() in DENIAL_CUES and not (relation and has_cue(cue or "", relation))
    if modality == Modality.DENIED or denial_cue:  # "Khamenei rejects …" asserts a rejection
        return -1
    if any(p in lowered for p in NEGATING_PHRASES) or (cue is not None and polarity_on(text, relation) < 0):
        return -1
    if modality == Modality.PLANNED and relation in AUTHORISED_ACTIONS:
        return 1  # a side's announced plan for its own forces: the deployment as the news knows it
    if modality in (Modality.PLANNED, Modality.HYPOTHETICAL):
        return 0
    return 1


def mission_polarity(relation: str | None, polarity: int, text: str) -> int:
    """A denial that names a mission of the relation (MISSION_QUALIFIERS) discusses the relation."""
    lowered = text.lower()
    if polarity < 0 and any(q in lowered for q in MISSION_QUALIFIERS.get(relation or "", ())):
        return 0
    return polarity
