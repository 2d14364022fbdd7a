"""Hand-built spaCy Docs for rule tests: the parse is given, not predicted, so a test checks
the rule and nothing the statistical model happens to do."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

VOCAB = spacy.blank("en").vocab  # English lexical attributes (lower_, is_punct, is_quote), no model


def parsed(rows: str, ents: list[str] | None = None) -> Doc:
    """A Doc from lines `word lemma POS TAG dep head [nospace]`; `head` is the 0-based index of
    the head token (a token heading itself is the root); `nospace`: no space after the word."""
    table = [line.split() for line in rows.strip().splitlines()]
    return Doc(
        VOCAB,
        words=[r[0] for r in table],
        spaces=[not (len(r) > 6 and r[6] == "nospace") for r in table],
        lemmas=[r[1] for r in table],
        pos=[r[2] for r in table],
        tags=[r[3] for r in table],
        deps=[r[4] for r in table],
        heads=[int(r[5]) for r in table],
        ents=ents,
    )
