"""Who said what: attributions over raw text, statements over documents.

`extract_attributions` gives bare (source, cue, content) character spans over raw text,
the shape PolNeAR scores. `extract_statements` gives `Statement`s over a `Document`:
speaker (name, description, affiliation), voice and attribution chain.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language

from claimgraph.nlp.attribution_rules import Found, find_attributions

PIPE_BATCH = 8  # texts per nlp.pipe batch (news articles of ~1k words)


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
    return [_as_attribution(f) for f in find_attributions(nlp(text))]


def iter_attributions(
    texts: Iterable[str], nlp: Language, *, batch_size: int = PIPE_BATCH
) -> Iterator[list[Attribution]]:
    """`extract_attributions` over many texts through `nlp.pipe`, one list per text, in order."""
    for doc in nlp.pipe(texts, batch_size=batch_size):
        yield [_as_attribution(f) for f in find_attributions(doc)]
