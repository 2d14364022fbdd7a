"""The cue lexicon: words that introduce an attributed statement, belief or stance.

Lemmas, grouped by what their content may be, in `data/cues.json` (a malformed file is E112):
`speech` (content a clause, a quotation, or for deny/confirm an object), `belief` (belief,
perception and intention: only with a clausal complement), `stance` (content may be a direct
object: "X criticized the plan"), `prep_content` (content is a prepositional object: "called
for a ban"), `addressee_verbs` (the object is the addressee: "told Reuters") and `media_nouns`
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

from claimgraph.errors import ClaimgraphError, Errors
from claimgraph.nlp.lexicon import json_word_lists

LEXICON_FILE = "cues.json"
WORD_LISTS = ("speech", "belief", "stance", "addressee_verbs", "media_nouns")


def read_lexicon(text: str, path: str) -> dict[str, Any]:
    """The cue lexicon from its JSON text: word lists as frozensets, prep_content as tuples."""
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
SPEECH: frozenset[str] = _LEXICON["speech"]
BELIEF: frozenset[str] = _LEXICON["belief"]
STANCE: frozenset[str] = _LEXICON["stance"]
PREP_CONTENT: dict[str, tuple[str, ...]] = _LEXICON["prep_content"]
ADDRESSEE_VERBS: frozenset[str] = _LEXICON["addressee_verbs"]
CUE_MEDIA_NOUNS: frozenset[str] = _LEXICON["media_nouns"]

# Phrasal cues whose source is the prepositional object ("according to X").
ACCORDING_LEMMA = "accord"


def cue_kind(lemma: str) -> str | None:
    """'speech', 'belief', 'stance' or None for a verb lemma."""
    lemma = lemma.lower()
    if lemma in SPEECH:
        return "speech"
    if lemma in BELIEF:
        return "belief"
    if lemma in STANCE or lemma in PREP_CONTENT:
        return "stance"
    return None
