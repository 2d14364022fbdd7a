"""Parse a document once, for every extractor that needs the parse.

The unit of parsing is a voice run: consecutive segments of one voice (and quoted outlet or
comment author) read as one text, so a quotation may cross paragraphs but never voices.
Actors, statements, events and the discourse model all read the same parses (and the
attributions and actor spans computed on them once, kept on `Doc._`); caching the last few
documents per process means the stage runs spaCy once per document however many extractors
it calls. Boilerplate (site chrome) is never parsed: nothing said there is a fact.
"""

from __future__ import annotations

import dataclasses
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
    if PARAGRAPH_BREAKS in nlp.pipe_names:
        return  # prepared: adding special cases again would flush the tokenizer's cache
    keep_hyphenated_words(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
    else:
        nlp.add_pipe(PARAGRAPH_BREAKS)


def voice_runs(doc: Document) -> list[Segment]:
    """Consecutive non-boilerplate segments with the same voice, source and author, merged
    into one segment each (a boilerplate segment between two of them does not end the run,
    but its text is blanked before parsing: see `run_text`)."""
    runs: list[Segment] = []
    for seg in doc.segments:
        if seg.voice == Voice.BOILERPLATE or seg.end <= seg.start:
            continue
        last = runs[-1] if runs else None
        if last is not None and (last.voice, last.source, last.author) == (seg.voice, seg.source, seg.author):
            runs[-1] = dataclasses.replace(last, end=seg.end)
        else:
            runs.append(seg)
    return runs


def run_text(doc: Document, run: Segment, limit: int) -> str:
    """The run's text, at most `limit` characters, with any boilerplate inside it blanked
    (spaces, its line breaks kept and one at its start) so offsets stay document offsets."""
    end = min(run.end, run.start + limit)
    chars = list(doc.text[run.start : end])
    for seg in doc.segments:
        if seg.voice != Voice.BOILERPLATE or seg.end <= run.start or seg.start >= end:
            continue
        a, b = max(seg.start, run.start) - run.start, min(seg.end, end) - run.start
        chars[a:b] = ["\n" if c == "\n" or k == 0 else " " for k, c in enumerate(chars[a:b])]
    return "".join(chars)


@lru_cache(maxsize=PARSE_CACHE_DOCS)
def parse_document(doc: Document, nlp: Language) -> tuple[tuple[Segment, Doc], ...]:
    """(run, parse) for every voice run of the document; parse offsets are run-relative.
    The pipeline's `claimgraph_*` components (`nlp.components`) annotate each parse on `Doc._`.

    A run longer than the model's `max_length` is cut there, which bounds time per
    document on pathological input.
    """
    from claimgraph.nlp.components import add_components  # they import the extractors, which import us

    prepare(nlp)
    add_components(nlp)
    runs = voice_runs(doc)
    return tuple(zip(runs, nlp.pipe(run_text(doc, r, nlp.max_length) for r in runs), strict=True))
