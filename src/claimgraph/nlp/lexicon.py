"""Word lists of the event and discourse rules, as data: `data/event_lexicon.json`.

Each list is a set of lowercase lemmas; what a list is for is said where a module takes it
(`WORDS["light_verbs"]` in `nlp/event_triggers.py`, ...). Closed classes the grammar fixes
(prepositions, pronouns, modals, determiners) stay next to their rules. A malformed file,
or one without a list the rules need, is E113.
"""

from __future__ import annotations

import json
from importlib import resources

from claimgraph.errors import ClaimgraphError, Errors

LEXICON_FILE = "event_lexicon.json"
LISTS = (
    "light_verbs", "force_nouns", "military_words", "joint_activities", "planning_words",
    "reporting_verbs", "agent_nouns", "pair_nouns", "named_body_nouns", "armed_group_nouns",
    "message_nouns",
)  # fmt: skip


def read_word_lists(text: str, path: str) -> dict[str, frozenset[str]]:
    """Every list of LISTS from the JSON text of a lexicon file (`path` names it in errors)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ClaimgraphError(Errors.E113, path=path, problem=f"not JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise ClaimgraphError(Errors.E113, path=path, problem="not a JSON object")
    lists: dict[str, frozenset[str]] = {}
    for name in LISTS:
        words = data.get(name)
        if not isinstance(words, list) or not all(isinstance(w, str) and w == w.lower() and w for w in words):
            problem = f"{name!r} must be a list of lowercase lemmas"
            raise ClaimgraphError(Errors.E113, path=path, problem=problem)
        lists[name] = frozenset(words)
    return lists


_SOURCE = resources.files("claimgraph") / "data" / LEXICON_FILE
WORDS: dict[str, frozenset[str]] = read_word_lists(_SOURCE.read_text(encoding="utf-8"), str(_SOURCE))
