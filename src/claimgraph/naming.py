"""One spelling for the names every layer shows or compares: a holder's identity key, an unnamed
speaker, and the separator of list cells. Neutral ground: any layer may import it."""

from __future__ import annotations

import re

from claimgraph.model import Speaker

UNNAMED_SPEAKER = "(unnamed)"  # a statement whose speaker has neither a name nor a description
LIST_SEPARATOR = " | "  # joins aliases and chain links in one table or CSV cell (names contain commas, ";")
CHAIN_SEPARATOR = " > "  # an attribution chain as one line: outlet > quoted outlet > speaker


def speaker_label(speaker: Speaker) -> str:
    """The speaker as a person reads it: the name, else the description ("a senior official")."""
    return speaker.name or speaker.description or UNNAMED_SPEAKER


def holder_key(name: str) -> str:
    """Case-folded name without punctuation, leading article or extra spaces: the identity of a holder."""
    words = re.sub(r"[^\w\s]", " ", name.casefold()).split()
    while words and words[0] in {"a", "an", "the"}:
        words = words[1:]
    return " ".join(words)
