"""Parse a document's voiced segments once, for every extractor that needs the parse.

Actors, events and attribution each read the same parse; caching the last few documents
per process means the per-document stage runs spaCy once however many extractors it calls.
Boilerplate (site chrome) is never parsed: nothing said there is a fact.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc

from claimgraph.model import Document, Segment, Voice

PARSE_CACHE_DOCS = 4  # extractors run back to back on one document; a few slots are enough
# British hyphenations the tokenizer splits into three tokens ("co", "-", "operated"), which
# wrecks the parse of exactly the verbs this story is about; kept whole, they parse as words.
UNSPLIT_WORDS = tuple(
    f"{co}{stem}{ending}"
    for co in ("co-", "Co-")
    for stem, endings in (
        ("operat", ("e", "es", "ed", "ing", "ion", "ive")),
        ("ordinat", ("e", "es", "ed", "ing", "ion")),
    )
    for ending in endings
)


PARAGRAPH_BREAKS = "claimgraph_paragraph_breaks_v1"


def keep_hyphenated_words(nlp: Language) -> None:
    """Teach the tokenizer UNSPLIT_WORDS (idempotent: special cases are a dict)."""
    for word in UNSPLIT_WORDS:
        nlp.tokenizer.add_special_case(word, [{ORTH: word}])


@Language.component(PARAGRAPH_BREAKS)
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break starts a sentence: headlines, bylines and "Name: …" lines carry no final
    full stop, and without this the parser glues them to the next paragraph's sentence
    (a headline's verb then takes the lead's speaker as its own)."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


def prepare(nlp: Language) -> None:
    """Make `nlp` ready for the extractors (idempotent): whole hyphenated words, and
    paragraph breaks as sentence starts, set before the parser so it respects them."""
    keep_hyphenated_words(nlp)
    if PARAGRAPH_BREAKS not in nlp.pipe_names:
        if "parser" in nlp.pipe_names:
            nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
        else:
            nlp.add_pipe(PARAGRAPH_BREAKS)


@lru_cache(maxsize=PARSE_CACHE_DOCS)
def parse_segments(doc: Document, nlp: Language) -> tuple[tuple[Segment, Doc], ...]:
    """(segment, parse) for every non-boilerplate segment; parse offsets are segment-relative.

    A segment longer than the model's `max_length` is cut there, which bounds time per
    document on pathological input.
    """
    prepare(nlp)
    segments = [s for s in doc.segments if s.voice != Voice.BOILERPLATE and s.end > s.start]
    texts = [doc.text[s.start : min(s.end, s.start + nlp.max_length)] for s in segments]
    return tuple(zip(segments, nlp.pipe(texts), strict=True))
