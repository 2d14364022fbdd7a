"""The cue lexicon: words that introduce an attributed statement, belief or stance.

The cue verbs are spaCy Matcher patterns, `data/cue_patterns.jsonl` (a malformed file is E125),
one lemma a line, labelled by what their content may be: `speech` (content a clause, a
quotation, or for deny/confirm an object), `belief` (belief, perception and intention: only
with a clausal complement), `stance` (content may be a direct object: "X criticized the
plan"), `stance_with_preposition` (a cue only with a preposition of `prep_content`: "point
to", "call for"), and `according` ("according to X"). `CUES.matches(doc)` runs them once per
parse (the `claimgraph_attribution` component), so the rules visit cue tokens only.
`data/cues.json` keeps the tables the rules consult about a cue they already found (a
malformed file is E112): `prep_content` (which prepositions carry the content: "called for a
ban"), `addressee_verbs` (the object is the addressee: "told Reuters") and `media_nouns`
("said in a statement": a nominal medium that belongs to the cue).

Calibrated on a 200-article sample of PolNeAR train: a lemma is listed when spaCy's tokens
of it are annotated as a cue at least ~35% of the time there (say 0.88, tell 0.67, note 0.93,
argue 0.87, accuse 0.81 ...), plus the verbs the issue names. Belief and intention verbs
(think 0.11, want 0.14, believe 0.20) are rarer cues, so they count only with a clausal
complement, never with a bare object.
Pruning the lemmas whose extracted attributions matched gold less than ~35% of the time on
a second, disjoint 200-article train sample (see, know, continue, support ...) lowered F1
on the tuning sample (0.697 -> 0.681 source): F1 gains from any cue whose precision beats
F1/2, so only never-right ones ("mean" 0/12) were dropped.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

from spacy.tokens import Token

from claimgraph.errors import ClaimgraphError, Errors
from claimgraph.nlp.lexicon import json_word_lists
from claimgraph.nlp.patterns import Lexicon, packaged_patterns

LEXICON_FILE = "cues.json"
PATTERN_FILE = "cue_patterns.jsonl"
WORD_LISTS = ("addressee_verbs", "media_nouns")
KINDS = ("speech", "belief", "stance", "stance_with_preposition")  # a token's kind: the first that matches
ACCORDING = "according"  # "according to X": the source is the prepositional object
CUES = Lexicon("claimgraph_cues", packaged_patterns(PATTERN_FILE, (*KINDS, ACCORDING)))
CUE_EXTENSION = CUES.extension  # Doc._ slot: token index -> cue labels, once per parse


def read_lexicon(text: str, path: str) -> dict[str, Any]:
    """The cue tables from their JSON text: word lists as frozensets, prep_content as tuples."""
    data, lists = json_word_lists(text, path, Errors.E112, WORD_LISTS, lowercase=False)
    lexicon: dict[str, Any] = dict(lists)
    preps = data.get("prep_content")
    if not isinstance(preps, dict) or not all(
        isinstance(v, list) and all(isinstance(p, str) for p in v) for v in preps.values()
    ):
        problem = "'prep_content' must map lemmas to lists of prepositions"
        raise ClaimgraphError(Errors.E112, path=path, problem=problem)
    lexicon["prep_content"] = {lemma: tuple(v) for lemma, v in preps.items()}
    return lexicon


_SOURCE = resources.files("claimgraph") / "data" / LEXICON_FILE
_LEXICON = read_lexicon(_SOURCE.read_text(encoding="utf-8"), str(_SOURCE))
PREP_CONTENT: dict[str, tuple[str, ...]] = _LEXICON["prep_content"]
ADDRESSEE_VERBS: frozenset[str] = _LEXICON["addressee_verbs"]
CUE_MEDIA_NOUNS: frozenset[str] = _LEXICON["media_nouns"]


def cue_label(token: Token) -> str | None:
    """The token's cue kind by the patterns (speech first, then belief, stance, and stance
    only with a preposition), or None: `stance_with_preposition` is a stance cue that needs
    its preposition ("point" is no cue, "point to" is)."""
    labels = CUES.labels(token)
    return next((kind for kind in KINDS if kind in labels), None)


def cue_kind(token: Token) -> str | None:
    """'speech', 'belief', 'stance' or None for a token."""
    label = cue_label(token)
    return "stance" if label == "stance_with_preposition" else label


def is_according(token: Token) -> bool:
    """Is this the "according" of "according to X" (lemma "accord")?"""
    return ACCORDING in CUES.labels(token)
