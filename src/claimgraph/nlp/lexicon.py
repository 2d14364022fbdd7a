"""Word lists of the event and discourse rules, as data: `data/event_lexicon.json`.

Each list is a set of lowercase lemmas; what a list is for is said where a module takes it
(`WORDS["light_verbs"]` in `nlp/event_triggers.py`, ...). These are tables, not patterns: a
rule looks up one token it already holds (a trigger's object, a subject, a head noun), none
is matched along the text; words that find triggers in the text are pattern files
(`data/trigger_patterns.jsonl`, `nlp/patterns.py`). Closed classes the grammar fixes
(prepositions, pronouns, modals, determiners) stay next to their rules. A malformed file,
or one without a list the rules need, is E113.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources
from typing import Any

from claimgraph.errors import ClaimgraphError, Errors
from claimgraph.json_files import json_object

LEXICON_FILE = "event_lexicon.json"
LISTS = (
    "light_verbs", "force_nouns", "military_words", "planning_words",
    "reporting_verbs", "agent_nouns", "pair_nouns", "named_body_nouns", "armed_group_nouns",
    "message_nouns",
)  # fmt: skip


def json_word_lists(
    text: str, path: str, error: Errors, names: Iterable[str], *, lowercase: bool = True
) -> tuple[dict[str, Any], dict[str, frozenset[str]]]:
    """The JSON object in `text` and its word lists `names`; a malformed file is `error`, naming
    `path` and what is wrong (the cue lexicon shares this reader)."""
    data = json_object(text, path, error)
    lists: dict[str, frozenset[str]] = {}
    for name in names:
        words = data.get(name)
        if not isinstance(words, list) or not all(
            isinstance(w, str) and w and (w == w.lower() or not lowercase) for w in words
        ):
            problem = f"{name!r} must be a list of {'lowercase ' if lowercase else ''}lemmas"
            raise ClaimgraphError(error, path=path, problem=problem)
        lists[name] = frozenset(words)
    return data, lists


def read_word_lists(text: str, path: str) -> dict[str, frozenset[str]]:
    """Every list of LISTS from the JSON text of a lexicon file (`path` names it in errors)."""
    return json_word_lists(text, path, Errors.E113, LISTS)[1]


_SOURCE = resources.files("claimgraph") / "data" / LEXICON_FILE
WORDS: dict[str, frozenset[str]] = read_word_lists(_SOURCE.read_text(encoding="utf-8"), str(_SOURCE))
