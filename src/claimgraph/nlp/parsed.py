"""Parse a document's voiced segments once, for every extractor that needs the parse.

Actors, events and attribution each read the same parse; caching the last few documents
per process means the per-document stage runs spaCy once however many extractors it calls.
Boilerplate (site chrome) is never parsed: nothing said there is a fact.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from claimgraph.model import Document, Segment, Voice

PARSE_CACHE_DOCS = 4  # extractors run back to back on one document; a few slots are enough


@lru_cache(maxsize=PARSE_CACHE_DOCS)
def parse_segments(doc: Document, nlp: Language) -> tuple[tuple[Segment, Doc], ...]:
    """(segment, parse) for every non-boilerplate segment; parse offsets are segment-relative.

    A segment longer than the model's `max_length` is cut there, which bounds time per
    document on pathological input.
    """
    segments = [s for s in doc.segments if s.voice != Voice.BOILERPLATE and s.end > s.start]
    texts = [doc.text[s.start : min(s.end, s.start + nlp.max_length)] for s in segments]
    return tuple(zip(segments, nlp.pipe(texts), strict=True))
