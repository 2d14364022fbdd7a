"""The action taxonomy, read from `data/actions.json`: the one place an event action is defined.

Events (triggers, CAMEO code, symmetry), claims (claim phrase, cue stems), the graph and the
report (relation class) all read these tables, so they cannot disagree about an action
(tests/test_taxonomy.py checks that they do not). A malformed file is error E110/E111.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from claimgraph.errors import ClaimgraphError, Errors

RELATION_CLASS_NAMES = ("cooperation", "conflict", "talk", "other")
# CAMEO quad classes by two-digit root (cameo_quad_classes.tsv): 1 verbal cooperation (01-05),
# 2 material cooperation (06-08), 3 verbal conflict (09-13), 4 material conflict (14-20).
QUAD_CLASS_FIRST_ROOTS = ((1, 1), (6, 2), (9, 3), (14, 4))
CAMEO_MAX_ROOT = 20
FIELDS = frozenset(
    {"cameo", "quad_class", "symmetric", "relation_class", "claim_phrase", "cue_stems", "cue_pairs",
     "verbs", "nouns", "phrasal_verbs"}
)  # fmt: skip
PHRASE_REQUIRED = frozenset({"verb", "preposition"})
PHRASE_FIELDS = PHRASE_REQUIRED | {"alone"}


@dataclass(frozen=True, slots=True)
class Action:
    """One action class: how the text signals it, what it is in CAMEO, how outputs show it."""

    name: str
    cameo: str
    quad_class: int
    symmetric: bool  # "X and Y cooperate": actor and target are interchangeable
    relation_class: str  # cooperation | conflict | talk | other (graph and report edges)
    verb: str  # claim phrase with an object: "X hold talks with Y"
    preposition: str  # dropped without an object
    alone: str | None  # claim phrase without an object, when it differs: "seizes territory"
    cue_stems: tuple[str, ...]  # a sentence is about the action when a word starts with one
    cue_pairs: tuple[tuple[str, str], ...]  # or a word pair occurs: ("work", "with")
    verbs: tuple[str, ...]  # verb lemmas that trigger the event
    nouns: tuple[str, ...]  # noun lemmas that trigger it
    phrasal_verbs: tuple[tuple[str, str], ...]  # (verb, particle): ("take", "over")


def quad_class_of(cameo: str) -> int:
    """The CAMEO quad class (1-4) of a code, from its two-digit root."""
    root = int(cameo[:2])
    return max(quad for first, quad in QUAD_CLASS_FIRST_ROOTS if root >= first)


def _pairs(values: list[str]) -> tuple[tuple[str, str], ...]:
    return tuple((first, second) for first, _, second in (v.partition(" ") for v in values))


def _problem(raw: Any) -> str | None:
    """What is wrong with one action's record, or None."""
    if not isinstance(raw, dict) or set(raw) != FIELDS:
        given = sorted(raw) if isinstance(raw, dict) else type(raw).__name__
        return f"fields {given}, expected {sorted(FIELDS)}"
    cameo, phrase = raw["cameo"], raw["claim_phrase"]
    if not (isinstance(cameo, str) and cameo.isdigit() and 1 <= int(cameo[:2]) <= CAMEO_MAX_ROOT):
        return f"CAMEO code {cameo!r}"
    if raw["quad_class"] != quad_class_of(cameo):
        return f"quad class {raw['quad_class']!r}, but CAMEO {cameo} is quad class {quad_class_of(cameo)}"
    if raw["relation_class"] not in RELATION_CLASS_NAMES:
        return f"relation class {raw['relation_class']!r}, not one of {', '.join(RELATION_CLASS_NAMES)}"
    if not isinstance(phrase, dict) or not PHRASE_REQUIRED <= set(phrase) <= PHRASE_FIELDS:
        return "claim_phrase needs verb and preposition (and optionally alone)"
    for key in ("cue_stems", "cue_pairs", "verbs", "nouns", "phrasal_verbs"):
        if not isinstance(raw[key], list) or not all(isinstance(v, str) and v for v in raw[key]):
            return f"{key} must be a list of words"
    for key in ("cue_pairs", "phrasal_verbs"):
        if any(len(v.split()) != 2 for v in raw[key]):
            return f"{key} entries are two words"
    return None


def _action(name: str, raw: Any, path: str) -> Action:
    problem = _problem(raw)
    if problem is not None:
        raise ClaimgraphError(Errors.E111, path=path, action=name, problem=problem)
    phrase = raw["claim_phrase"]
    return Action(
        name=name,
        cameo=raw["cameo"],
        quad_class=raw["quad_class"],
        symmetric=bool(raw["symmetric"]),
        relation_class=raw["relation_class"],
        verb=phrase["verb"],
        preposition=phrase["preposition"],
        alone=phrase.get("alone"),
        cue_stems=tuple(raw["cue_stems"]),
        cue_pairs=_pairs(raw["cue_pairs"]),
        verbs=tuple(raw["verbs"]),
        nouns=tuple(raw["nouns"]),
        phrasal_verbs=_pairs(raw["phrasal_verbs"]),
    )


def _unique_triggers(actions: dict[str, Action], path: str) -> None:
    """A trigger word names one action: the same verb under two would depend on file order."""
    for kind in ("verbs", "nouns", "phrasal_verbs"):
        seen: dict[object, str] = {}
        for action in actions.values():
            for word in getattr(action, kind):
                if word in seen:
                    problem = f"{kind} entry {word!r} is also under {seen[word]!r}"
                    raise ClaimgraphError(Errors.E111, path=path, action=action.name, problem=problem)
                seen[word] = action.name


def read_taxonomy(text: str, path: str) -> dict[str, Action]:
    """Actions by name from the JSON text of an actions file (`path` names it in errors)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ClaimgraphError(Errors.E110, path=path, problem=f"not JSON: {exc}") from exc
    raw = data.get("actions") if isinstance(data, dict) else None
    if not isinstance(raw, dict) or not raw:
        raise ClaimgraphError(Errors.E110, path=path, problem='no "actions" object')
    actions = {name: _action(name, value, path) for name, value in raw.items()}
    _unique_triggers(actions, path)
    return actions


@lru_cache(maxsize=1)
def actions() -> dict[str, Action]:
    """The packaged taxonomy (read once per process)."""
    source = resources.files("claimgraph") / "data" / "actions.json"
    return read_taxonomy(source.read_text(encoding="utf-8"), str(source))


def load(path: Path) -> dict[str, Action]:
    """A taxonomy file other than the packaged one (tests, experiments)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ClaimgraphError(Errors.E110, path=path, problem=f"cannot read: {exc.strerror or exc}") from exc
    return read_taxonomy(text, str(path))


ACTIONS: dict[str, Action] = actions()
CAMEO: dict[str, str] = {name: a.cameo for name, a in ACTIONS.items()}
SYMMETRIC = frozenset(name for name, a in ACTIONS.items() if a.symmetric)
RELATION_CLASSES: dict[str, str] = {name: a.relation_class for name, a in ACTIONS.items()}
VERB_TRIGGERS: dict[str, str] = {verb: a.name for a in ACTIONS.values() for verb in a.verbs}
NOUN_TRIGGERS: dict[str, str] = {noun: a.name for a in ACTIONS.values() for noun in a.nouns}
PHRASAL: dict[tuple[str, str], str] = {pair: a.name for a in ACTIONS.values() for pair in a.phrasal_verbs}
CLAIM_PHRASES: dict[str, tuple[str, str]] = {name: (a.verb, a.preposition) for name, a in ACTIONS.items()}
CLAIM_PHRASES_ALONE: dict[str, str] = {name: a.alone for name, a in ACTIONS.items() if a.alone}
CUE_STEMS: dict[str, tuple[str, ...]] = {name: a.cue_stems for name, a in ACTIONS.items() if a.cue_stems}
CUE_PAIRS: dict[str, tuple[tuple[str, str], ...]] = {
    name: a.cue_pairs for name, a in ACTIONS.items() if a.cue_pairs
}


def relation_class(action: str | None) -> str:
    """cooperation | conflict | talk | other for an action (unknown or missing actions: other)."""
    return RELATION_CLASSES.get(action or "", "other")
