"""The cue words the trained models read as features, from one file: `data/model_cues.json`.

Each list belongs to one trained model (the evidence ranking, the stance layers, the verdict
model) and is part of its weights, so the lists are kept apart by name and exactly as trained:
merging two of them means retraining the model that reads it (docs/architecture.md, "Hand-written
code kept"). One file gives every debunking, hedging and negation vocabulary one home.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

from claimgraph.errors import ClaimgraphError, Errors
from claimgraph.json_files import json_object

SOURCE = "data/model_cues.json"


@cache
def _lists() -> dict[str, Any]:
    return parse(resources.files("claimgraph").joinpath(SOURCE).read_text(encoding="utf-8"), SOURCE)


def parse(text: str, path: str) -> dict[str, Any]:
    """The named lists of a cue file; a malformed one is E114, naming the file and the problem."""
    data = json_object(text, path, Errors.E114)
    for name, entry in data.items():
        if name.startswith("_"):
            continue
        terms = entry.get("words", entry.get("patterns")) if isinstance(entry, dict) else None
        if not isinstance(terms, list) or not terms or not all(isinstance(t, str) and t for t in terms):
            problem = f"{name!r} needs a non-empty list of strings under 'words' or 'patterns'"
            raise ClaimgraphError(Errors.E114, path=path, problem=problem)
        if "patterns" in entry:
            try:
                re.compile("|".join(terms))
            except re.error as exc:
                raise ClaimgraphError(Errors.E114, path=path, problem=f"{name!r}: {exc}") from None
    return data


def _entry(name: str, kind: str) -> list[str]:
    entry = _lists().get(name)
    if not isinstance(entry, dict) or kind not in entry:
        raise ClaimgraphError(Errors.E114, path=SOURCE, problem=f"no {kind} list named {name!r}")
    return list(entry[kind])


def words(name: str) -> frozenset[str]:
    """A 'words' list: whole lower-case words, matched against a text's words."""
    return frozenset(_entry(name, "words"))


def pattern(name: str) -> re.Pattern[str]:
    """A 'patterns' list as one case-insensitive regular expression of whole-word alternatives."""
    return re.compile(r"\b(?:" + "|".join(_entry(name, "patterns")) + r")\b", re.IGNORECASE)
