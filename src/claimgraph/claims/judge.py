"""The stance of every holder in a set of documents on one claim: the stance model first.

Each candidate document's OWN voice (its sentences outside quoted outlets, comments and
boilerplate) is one body for the stance model; each statement it quotes whose content shares the
claim's words, and each passage it reproduces from a named outlet, is another. The model decides
related or not, then agree / disagree / discuss; a learned layer over it (`claims/stance_layers.py`)
gives the label. `claims/check.py` (a user's claim), `claims/assign.py` and `claims/update.py`
(built claims) judge through `judge_documents`, the last one document and one claim per call: what
does not depend on the claim (a document's own-voice and quoted-outlet bodies, a text's content
words; the stance model's body features) is built once and kept in bounded caches. With
onnxruntime no longer spinning, that cut the stances step of a 150-document rebuild from 43-45 to
15-16 s CPU, the caches about 12 s of it (docs/benchmarks.md, "Stance step CPU per pair").
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass
from typing import Any

from claimgraph.claims.features import content_terms, sentence_spans
from claimgraph.claims.retrieval import coverage, document_passages
from claimgraph.claims.stance_layers import StanceLayer
from claimgraph.claims.text import holder_of_voice, speaker_name
from claimgraph.model import Document, Statement, Voice
from claimgraph.settings import DEFAULT_SETTINGS, Settings

STANCE_LABELS = ("agree", "disagree", "discuss")
BODY_SEPARATOR = "\n\n"  # a paragraph break: the stance model's sentence splitter always splits there
# Documents whose claim-independent bodies (own voice, quoted outlets) are kept, most recently used
# first: the corpus stage judges a document once per claim it may hold, one claim at a time, and
# rebuilt them for each. An entry holds the Document (which the caller holds anyway) and texts at
# most as long as it: under ~2x the text of 1,024 documents.
DOC_CACHE_SIZE = 1024

Piece = tuple[int, int, int, Voice]  # (body offset, doc start, doc end, voice) of one passage


@dataclass(frozen=True, slots=True)
class _Body:
    """One text the stance model reads, and how to turn its answer into a stance."""

    doc: Document
    holder: str
    holder_kind: str  # source | speaker
    text: str
    pieces: tuple[Piece, ...]
    chain: tuple[str, ...]
    statement: Statement | None = None


@dataclass(frozen=True, slots=True)
class _DocumentBodies:
    """A document's bodies that do not depend on the claim."""

    outlet: str
    own: _Body | None
    quoted: tuple[_Body, ...]  # by quoted outlet's name


@functools.lru_cache(maxsize=DOC_CACHE_SIZE)
def _document_bodies(doc: Document) -> _DocumentBodies:
    """Keyed by the whole (frozen) Document: a document with other text or segments is another key."""
    return _DocumentBodies(holder_of_voice(doc, Voice.OWN, None), _own_body(doc), _quoted_bodies(doc))


def _own_body(doc: Document) -> _Body | None:
    """The document's own-voice segments, whole and in order: the text the outlet vouches for."""
    pieces: list[Piece] = []
    parts: list[str] = []
    offset = 0
    for seg in doc.segments:
        if seg.voice != Voice.OWN or not doc.text[seg.start : seg.end].strip():
            continue
        pieces.append((offset, seg.start, seg.end, seg.voice))
        parts.append(doc.text[seg.start : seg.end])
        offset += seg.end - seg.start + len(BODY_SEPARATOR)
    if not parts:
        return None
    outlet = holder_of_voice(doc, Voice.OWN, None)
    return _Body(doc, outlet, "source", BODY_SEPARATOR.join(parts), tuple(pieces), (outlet,))


def _speaker_bodies(
    doc: Document,
    outlet: str,
    statements: Sequence[Statement],
    claim_terms: set[str],
    need: float,
    members: Set[str],
) -> list[_Body]:
    out = []
    for st in statements:
        if st.voice == Voice.BOILERPLATE or (
            st.id not in members and coverage(claim_terms, st.content) < need
        ):
            continue
        span = st.content_span
        text = doc.text[span.start : span.end]
        out.append(
            _Body(
                doc,
                speaker_name(st),
                "speaker",
                text,
                ((0, span.start, span.end, st.voice),),
                tuple(st.chain) or (outlet,),
                st,
            )
        )
    return out


def _quoted_bodies(doc: Document) -> tuple[_Body, ...]:
    """Passages a page reproduces from a named outlet: that outlet's stance, heard through the page."""
    outlet = holder_of_voice(doc, Voice.OWN, None)
    by_source: dict[str, list[tuple[int, int]]] = {}
    for start, end, voice, source in document_passages(doc):
        if voice == Voice.QUOTED and source:
            by_source.setdefault(source, []).append((start, end))
    out = []
    for source, spans in sorted(by_source.items()):
        text = BODY_SEPARATOR.join(doc.text[a:b] for a, b in spans)
        pieces, offset = [], 0
        for a, b in spans:
            pieces.append((offset, a, b, Voice.QUOTED))
            offset += b - a + len(BODY_SEPARATOR)
        out.append(_Body(doc, source, "speaker", text, tuple(pieces), (outlet, source)))
    return tuple(out)


def judge_documents(
    claim: str,
    docs: Sequence[Document],
    statements: Mapping[str, Sequence[Statement]],
    settings: Settings = DEFAULT_SETTINGS,
    stance_model: Any = None,
    members: Set[str] = frozenset(),
) -> list[dict[str, Any]]:
    """Stances of each document's own voice, the statements it quotes (`statements` by document
    id; those whose content shares the claim's words, and the ids in `members` always) and the
    outlets it reproduces: one stance model call per holder, unrelated ones dropped."""
    if stance_model is None:
        from claimgraph.claims.stance import StanceModel

        stance_model = StanceModel.load()
    claim_terms = set(content_terms(claim))
    need = settings.stance.min_statement_coverage
    bodies: list[_Body] = []
    for doc in docs:
        parts = _document_bodies(doc)
        if parts.own is not None:
            bodies.append(parts.own)
        bodies += _speaker_bodies(doc, parts.outlet, statements.get(doc.id, ()), claim_terms, need, members)
        bodies += [b for b in parts.quoted if coverage(claim_terms, b.text) >= need]
    pairs = [(claim, b.text) for b in bodies]
    predictions = stance_model.predict(pairs, checks=settings.stance) if bodies else []
    out = []
    for body, pred in zip(bodies, predictions, strict=True):
        if pred.label not in STANCE_LABELS:
            continue  # unrelated: the holder takes no position on this claim
        kind = "statement" if body.statement is not None else "body"
        layer = StanceLayer.shipped(kind)
        related = 1.0 - float(pred.probs.get("unrelated", 0.0))
        label, shares = layer.predict(claim, body.text, pred.probs)
        probs = {k: shares[k] * related for k in STANCE_LABELS}
        out.append(_stance_record(body, label, probs, pred, settings))
    return out


def _evidence(body: _Body, indices: Sequence[int], limit: int) -> list[dict[str, Any]]:
    """Model-chosen sentences of a body, mapped back to document offsets."""
    spans = sentence_spans(body.text)
    out = []
    for k in list(indices)[:limit] or [0]:
        if k >= len(spans):
            continue
        a, b = spans[k]
        for offset, start, end, voice in body.pieces:
            if offset <= a < offset + (end - start):
                s, e = start + (a - offset), min(end, start + (b - offset))
                out.append(
                    {
                        "doc_id": body.doc.id,
                        "start": s,
                        "end": e,
                        "text": body.doc.text[s:e],
                        "voice": str(voice),
                        "chain": list(body.chain),
                    }
                )
                break
    return out


def _stance_record(
    body: _Body, label: str, probs: dict[str, float], pred: Any, settings: Settings
) -> dict[str, Any]:
    unrelated = float(pred.probs.get("unrelated", 0.0))
    related = 1.0 - unrelated
    score = probs[label] / related if related > 0 else 0.0
    st = body.statement
    return {
        "doc_id": body.doc.id,
        "holder": body.holder,
        "holder_kind": body.holder_kind,
        "stance": label,
        "score": round(score, 4),
        "probs": {**{k: round(v, 4) for k, v in probs.items()}, "unrelated": round(unrelated, 4)},
        "evidence": _evidence(body, pred.evidence_sentence_indices, settings.stance.max_evidence),
        "actor_id": st.speaker.actor_id if st else None,
        "statement_id": st.id if st else None,
        "published": body.doc.published,
        "outlet": holder_of_voice(body.doc, Voice.OWN, None),
    }
