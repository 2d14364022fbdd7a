"""Who said what: attributions over raw text, statements over documents.

`extract_attributions` gives bare (source, cue, content) character spans over raw text,
the shape PolNeAR scores. `statements_in` yields the `Statement`s of one parsed voice run:
speaker (name, description, affiliation), voice and attribution chain; `extract_statements`
chains it over a `Document`'s runs.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from claimgraph.clean.provenance import source_name
from claimgraph.model import Document, Segment, Span, Speaker, Statement, Voice
from claimgraph.nlp.attribution_rules import Found, attributions, find_attributions
from claimgraph.nlp.parsed import parse_document, prepare
from claimgraph.nlp.quotes import doc_quotes, doc_text
from claimgraph.nlp.speakers import (
    SpeakerInfo,
    antecedent_phrase,
    describe,
    is_definite_description,
    is_pronoun,
    resolve_description,
    resolve_pronoun,
)

PIPE_BATCH = 8  # texts per nlp.pipe batch (news articles of ~1k words)
MEDIA_ID_PREFIX = "media:"  # actor ids of outlets in the registry (`nlp/registry.py`)
# `"A," said X. "B."`: a cue-less quotation continues the speaker of the quotation before it
# when it opens the next sentence, at most one paragraph break later (newspaper style).
MAX_CARRY_PARAGRAPH_BREAKS = 1
MIN_CARRY_QUOTE_WORDS = 3  # shorter cue-less quotations are scare quotes or titles
_PARAGRAPH_BREAK = re.compile(r"\n\s*")
STATEMENTS_EXTENSION = "claimgraph_statements"  # Doc._ slot: the run's statements
if not Doc.has_extension(STATEMENTS_EXTENSION):
    Doc.set_extension(STATEMENTS_EXTENSION, default=None)


@dataclass(frozen=True, slots=True)
class Attribution:
    """Character spans of one attribution in a raw text; `source_span` is None when unnamed."""

    source_span: tuple[int, int] | None
    cue_span: tuple[int, int]
    content_span: tuple[int, int]
    direct: bool = False


def _as_attribution(f: Found) -> Attribution:
    source = (f.source.start_char, f.source.end_char) if f.source is not None else None
    return Attribution(source, f.cue, f.content, f.direct)


def extract_attributions(text: str, nlp: Language) -> list[Attribution]:
    """Attributions in one raw text, ordered by cue."""
    prepare(nlp)
    return [_as_attribution(f) for f in find_attributions(nlp(text))]


def iter_attributions(
    texts: Iterable[str], nlp: Language, *, batch_size: int = PIPE_BATCH
) -> Iterator[list[Attribution]]:
    """`extract_attributions` over many texts through `nlp.pipe`, one list per text, in order."""
    prepare(nlp)
    for doc in nlp.pipe(texts, batch_size=batch_size):
        yield [_as_attribution(f) for f in find_attributions(doc)]


def _chain_name(name: str) -> str:
    return name[4:] if name.lower().startswith("the ") else name


def _chain(doc: Document, seg: Segment, medium: str | None, speaker: str | None) -> tuple[str, ...]:
    """[document outlet, quoted outlet or commenter, medium told, speaker], without repeats.

    The medium ("told Reuters") sits between the quoting text and the speaker: the outlet
    heard it from Reuters, which heard it from the speaker.
    """
    links = [source_name(doc)]
    if seg.voice == Voice.QUOTED and seg.source:
        links.append(seg.source)
    if seg.voice == Voice.COMMENT and seg.author:
        links.append(seg.author)
    links += [x for x in (medium and _chain_name(medium), speaker) if x]
    chain: list[str] = []
    for link in links:
        if not chain or _chain_name(chain[-1]).casefold() != _chain_name(link).casefold():
            chain.append(link)
    return tuple(chain)


def _statement_id(doc_id: str, cue: tuple[int, int], content: tuple[int, int]) -> str:
    key = f"{doc_id}:{cue[0]}:{cue[1]}:{content[0]}:{content[1]}"
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def _speaker(
    found: Found, earlier: list[SpeakerInfo], resolve_actor: Callable[[str], str | None] | None
) -> tuple[SpeakerInfo | None, Speaker]:
    if found.source is None:
        return None, Speaker(None, None, None)
    phrase = antecedent_phrase(found.source)
    if is_pronoun(phrase):
        info = resolve_pronoun(phrase, earlier)
    elif is_definite_description(phrase):
        info = resolve_description(phrase, earlier) or describe(phrase)
    else:
        info = describe(phrase)
    if info is None:
        return None, Speaker(None, None, phrase.text)
    actor = resolve_actor(info.name) if resolve_actor is not None and info.name else None
    return info, Speaker(info.name, actor, info.description)


def extract_statements(
    doc: Document, nlp: Language, *, resolve_actor: Callable[[str], str | None] | None = None
) -> list[Statement]:
    """Statements in a document's non-boilerplate text, each in the voice of its segment.

    Read from the document's shared parse (`nlp.parsed`: one parse per voice run, so
    quotations may cross paragraphs but never voices); each run's statements are also kept
    on its parse (`Doc._.claimgraph_statements`). `resolve_actor` maps a speaker name to an
    actor id (the actor registry's resolver); without it `actor_id` stays None.
    """
    out: list[Statement] = []
    earlier: list[SpeakerInfo] = []  # speakers so far in the document, for pronouns
    for seg, sdoc in parse_document(doc, nlp):
        found = list(statements_in(sdoc, doc, seg, earlier, resolve_actor))
        sdoc._.set(STATEMENTS_EXTENSION, found)
        out.extend(found)
    return sorted(out, key=lambda s: s.content_span.start)


def statements_in(
    parsed: Doc,
    doc: Document,
    run: Segment,
    earlier: list[SpeakerInfo],
    resolve_actor: Callable[[str], str | None] | None = None,
) -> Iterator[Statement]:
    """The statements of one voice run's parse, with document offsets, the run's voice and
    the attribution chain. `earlier` (the document's speakers before this run) resolves
    pronouns and descriptions, and grows with this run's speakers as they are yielded."""
    found = attributions(parsed)
    speakers: dict[tuple[int, int], tuple[SpeakerInfo | None, Speaker]] = {}
    for f in found:
        info, speaker = _speaker(f, earlier, resolve_actor)
        speakers[f.cue] = (info, speaker)
        if info is not None:
            earlier.append(info)
        yield _statement(doc, run, run.start, f, info, speaker, resolve_actor)
    for f, quote in continued_quotes(parsed, found):
        info, speaker = speakers[f.cue]
        carried = Found(f.source, f.cue, quote, direct=True, medium=f.medium)
        yield _statement(doc, run, run.start, carried, info, speaker, resolve_actor, inherited_cue=True)


def _statement(
    doc: Document,
    seg: Segment,
    start: int,
    f: Found,
    info: SpeakerInfo | None,
    speaker: Speaker,
    resolve_actor: Callable[[str], str | None] | None,
    *,
    inherited_cue: bool = False,
) -> Statement:
    """A Statement from run-relative offsets; an inherited cue (a continued quotation) keeps
    the cue's words but no cue span, since the cue is not at this quotation."""
    cue = (start + f.cue[0], start + f.cue[1])
    content = (start + f.content[0], start + f.content[1])
    src = (start + f.source.start_char, start + f.source.end_char) if f.source is not None else None
    edges = [content] + ([] if inherited_cue else [cue] + ([src] if src else []))
    medium = f.medium if f.medium and _is_outlet(f.medium, resolve_actor) else None
    cue_text = doc.text[cue[0] : cue[1]]
    if medium and medium not in cue_text:
        cue_text = f"{cue_text} {medium}"
    return Statement(
        id=_statement_id(doc.id, cue, content),
        doc_id=doc.id,
        voice=seg.voice,
        speaker=speaker,
        affiliation=info.affiliation if info is not None else None,
        chain=_chain(doc, seg, medium, speaker.name or speaker.description),
        cue=cue_text,
        content=doc.text[content[0] : content[1]],
        direct=f.direct,
        span=Span(doc.id, min(a for a, _ in edges), max(b for _, b in edges)),
        cue_span=None if inherited_cue else Span(doc.id, *cue),
        speaker_span=Span(doc.id, *src) if src and not inherited_cue else None,
        content_span=Span(doc.id, *content),
    )


def _is_outlet(medium: str, resolve_actor: Callable[[str], str | None] | None) -> bool:
    """ "told Reuters" names an outlet; "told Congress" an addressee that carries nothing on.
    Without a resolver every ORG addressee counts; with one, only media or unknown names."""
    if resolve_actor is None:
        return True
    actor_id = resolve_actor(medium)
    return actor_id is None or actor_id.startswith(MEDIA_ID_PREFIX)


def _end_of_sentence(doc: Doc, char: int) -> int:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.sent.end_char if span is not None and len(span) else char


def continued_quotes(doc: Doc, found: list[Found]) -> list[tuple[Found, tuple[int, int]]]:
    """(attribution whose speaker it continues, quotation span) for every cue-less quotation
    that opens the sentence right after an attributed direct quotation.

    Kept out of `find_attributions` on purpose: PolNeAR scores a continuation as part of its
    first attribution's content, not as a new attribution; statements need it separately.
    """
    claimed = [f.content for f in found]
    anchors = sorted((f for f in found if f.direct and f.source is not None), key=lambda f: f.content)
    out: list[tuple[Found, tuple[int, int]]] = []
    last: tuple[Found, int] | None = None  # the speaker and where their last quotation ended
    for q in doc_quotes(doc):
        for f in anchors:
            end = max(f.content[1], f.cue[1], f.source.end_char if f.source is not None else 0)
            if end <= q.start and (last is None or end >= last[1]):
                last = (f, end)
        if last is None or any(a < q.end and q.start < b for a, b in claimed):
            continue
        gap = doc_text(doc)[_end_of_sentence(doc, last[1] - 1) : q.start]
        words = len(doc_text(doc)[q.start : q.end].split())
        if gap.strip() or len(_PARAGRAPH_BREAK.findall(gap)) > MAX_CARRY_PARAGRAPH_BREAKS:
            continue
        if words >= MIN_CARRY_QUOTE_WORDS:
            out.append((last[0], (q.start, q.end)))
            last = (last[0], q.end)
    return out
