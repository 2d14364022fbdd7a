"""A mention's name as written, without what is not part of it: shared by resolution and export.

Kept apart from `actors` (which loads spaCy) so the export can count surface forms cheaply.
"""

from __future__ import annotations

import re

GENERIC_ARTICLES = ("the ", "The ")
POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_ABBREVIATION_END = re.compile(r"(?:^|[\s.])[A-Za-z]\.$")  # "U.S.", "Gen. J." keep their dot


def clean_mention(text: str) -> str:
    """Strip what is not part of a name: surrounding punctuation, a leading "the", possessive."""
    text = " ".join(text.strip().strip("\"'“”‘’()[],;:").split())
    if text.endswith(".") and not _ABBREVIATION_END.search(text):
        text = text[:-1]
    for article in GENERIC_ARTICLES:
        if text.startswith(article):
            text = text[len(article) :]
    return POSSESSIVE.sub("", text).strip()
