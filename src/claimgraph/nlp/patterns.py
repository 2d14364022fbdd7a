"""Lexicons matched against text, as spaCy Matcher pattern files (JSONL), and their matchers.

A pattern file holds one `{"label": ..., "pattern": [token specs]}` object a line, the format
of spaCy's EntityRuler and Matcher pattern files; a label's words are one `IN` list (the
Matcher tries every pattern at every token, so 180 one-word patterns cost 7x one list each).
`LEMMA` values are written lower-case and also match their capitalised and upper-case forms:
spaCy's rule lemmatizer keeps the case of proper nouns and of words it has no rule for
("Attack" opening a headline, lemma "Attack"), and the rules always compared lower-cased
lemmas. (A matcher on a lower-casing token extension does the same at 5x the cost of the
parse-free rules it replaces.) A malformed file is E125, naming the file, the line and what
is wrong (spaCy's own pattern validation included).

`Lexicon.matches(doc)` is one Matcher pass over a parse: token index -> the labels that match
it, kept on `Doc._` so the rules that ask about a token look it up instead of re-testing
word sets.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from importlib import resources
from typing import Any

from spacy.errors import MatchPatternError
from spacy.matcher import Matcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from claimgraph.errors import ClaimgraphError, Errors

Pattern = dict[str, Any]  # {"label": str, "pattern": [token spec, ...]}


def read_patterns(text: str, path: str, labels: Iterable[str]) -> list[Pattern]:
    """The patterns of a JSONL pattern file; every label must be one of `labels` and every
    pattern one spaCy's Matcher accepts (E125 otherwise, with file and line)."""
    allowed = set(labels)
    patterns: list[Pattern] = []
    vocab = Vocab()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue

        def bad(problem: str, line_no: int = number) -> ClaimgraphError:
            return ClaimgraphError(Errors.E125, path=path, line=line_no, problem=problem)

        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise bad(f"not JSON: {exc}") from exc
        if not isinstance(record, dict) or set(record) != {"label", "pattern"}:
            raise bad('each line must be an object with exactly "label" and "pattern"')
        if record["label"] not in allowed:
            raise bad(f"label {record['label']!r} is not one of {sorted(allowed)}")
        pattern = record["pattern"]
        if not isinstance(pattern, list) or not pattern or not all(isinstance(t, dict) for t in pattern):
            raise bad('"pattern" must be a non-empty list of token objects')
        if any(w != w.lower() for t in pattern for w in _lemmas(t)):
            raise bad("LEMMA values must be lower-case (capitalised forms match too)")
        try:
            Matcher(vocab, validate=True).add(record["label"], [pattern])
        except (MatchPatternError, ValueError, KeyError, TypeError) as exc:
            raise bad(f"spaCy rejects the pattern: {' '.join(str(exc).split())}") from exc
        patterns.append(record)
    if not patterns:
        raise ClaimgraphError(Errors.E125, path=path, line=0, problem="no patterns")
    return patterns


def packaged_patterns(name: str, labels: Iterable[str]) -> list[Pattern]:
    """The patterns of the package data file `name` (`data/`)."""
    source = resources.files("claimgraph") / "data" / name
    return read_patterns(source.read_text(encoding="utf-8"), str(source), labels)


def lemma_pattern(label: str, lemmas: Iterable[str]) -> Pattern:
    """One single-token pattern matching any of `lemmas` (lower-case), for patterns built
    from data that is not a pattern file (the action taxonomy)."""
    return {"label": label, "pattern": [{"LEMMA": {"IN": sorted(set(lemmas))}}]}


def _lemmas(spec: dict[str, Any]) -> list[str]:
    """The words of a token spec's LEMMA (a string or an IN list), else none."""
    value = spec.get("LEMMA")
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict) and isinstance(value.get("IN"), list):
        return [w for w in value["IN"] if isinstance(w, str)]
    return []


def any_case(spec: dict[str, Any]) -> dict[str, Any]:
    """The token spec with its LEMMA words in lower, capitalised and upper case."""
    words = _lemmas(spec)
    if not words:
        return spec
    forms = {form for w in words for form in (w, w[:1].upper() + w[1:], w.upper())}
    return {**spec, "LEMMA": {"IN": sorted(forms)}}


class Lexicon:
    """A set of labelled patterns matched once per parse; the result is kept on `Doc._`."""

    def __init__(self, extension: str, patterns: list[Pattern]) -> None:
        self.extension = extension
        self.patterns = patterns
        self._matchers: dict[int, Matcher] = {}  # per vocab: a Matcher is bound to one
        if not Doc.has_extension(extension):
            Doc.set_extension(extension, default=None)

    def _matcher(self, vocab: Vocab) -> Matcher:
        matcher = self._matchers.get(id(vocab))
        if matcher is None:
            matcher = Matcher(vocab)
            for record in self.patterns:
                matcher.add(record["label"], [[any_case(spec) for spec in record["pattern"]]])
            self._matchers[id(vocab)] = matcher
        return matcher

    def matches(self, doc: Doc) -> dict[int, frozenset[str]]:
        """Token index of each match's first token -> its labels; computed once per parse."""
        found = doc._.get(self.extension)
        if found is None:
            labels: dict[int, set[str]] = {}
            strings = doc.vocab.strings
            for match_id, start, _end in self._matcher(doc.vocab)(doc):
                labels.setdefault(start, set()).add(strings[match_id])
            found = {i: frozenset(names) for i, names in labels.items()}
            doc._.set(self.extension, found)
        return found

    def labels(self, token: Token) -> frozenset[str]:
        """The labels whose patterns start at `token` (empty when none)."""
        return self.matches(token.doc).get(token.i, frozenset())
