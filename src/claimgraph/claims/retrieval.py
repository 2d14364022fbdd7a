"""Finding the passages about a claim: what gets indexed, and how a claim becomes a BM25 query.

Every sentence of every non-boilerplate segment is a passage (indexed at analyze time, see
`claimgraph.store.retrieval`). A claim is searched as the OR of its content words (SQLite FTS5
ranks by BM25 and stems with Porter, so "denied" finds "denies"); candidate documents are those
whose passages cover enough of the claim's words. Deciding what a passage *says* about the claim
is the stance model's job, not this module's: retrieval only has to keep recall high and cost low.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from claimgraph.claims.features import STOPWORDS, content_terms, sentence_spans, words
from claimgraph.model import Document, Voice
from claimgraph.settings import StanceSettings
from claimgraph.store.retrieval import Passage, PassageHit

PassageSpan = tuple[int, int, Voice, str | None]  # start, end, voice, quoted outlet / comment author


def document_passages(doc: Document) -> list[PassageSpan]:
    """The sentences of a document's non-boilerplate segments, in text order."""
    out: list[PassageSpan] = []
    for seg in doc.segments:
        if seg.voice == Voice.BOILERPLATE:
            continue
        for a, b in sentence_spans(doc.text[seg.start : seg.end]):
            out.append((seg.start + a, seg.start + b, seg.voice, seg.source or seg.author))
    return out


def query_terms(claim: str) -> list[str]:
    """The claim's distinct content words (lower case, no stopwords), in order of appearance.

    A word keeps its inner apostrophe: FTS5 splits "O'Brien" into "o" "brien" in the index and in a
    quoted query term alike, so the phrase finds it ("obrien" would find nothing)."""
    seen: dict[str, None] = {}
    for w in words(claim):
        if w not in STOPWORDS and len(w) > 1 and not w.isdigit():
            seen.setdefault(w, None)
    return list(seen)


def fts_query(terms: Sequence[str]) -> str:
    """An FTS5 MATCH expression: every term quoted (no operator or column syntax gets through)."""
    return " OR ".join('"' + t.replace('"', "") + '"' for t in terms if t.replace('"', ""))


# Texts (passages, statement contents, quoted-outlet bodies) whose content-term sets are kept: a
# claim's retrieval checks up to `max_passages` hits, a judged document's statements are checked
# against every claim judged on it, and the same texts come back for many claims. An entry is a
# sentence and a set of a few dozen stems, 1-2 KB: about 50 MB when full.
TERMS_CACHE_SIZE = 32768


@functools.lru_cache(maxsize=TERMS_CACHE_SIZE)
def text_terms(text: str) -> frozenset[str]:
    """A text's (stemmed) content terms, as a set."""
    return frozenset(content_terms(text))


def coverage(claim_terms: set[str], text: str) -> float:
    """Share of the claim's (stemmed) content terms that a passage contains."""
    if not claim_terms:
        return 0.0
    return len(claim_terms & text_terms(text)) / len(claim_terms)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A document that talks about the claim, with its best passages (best first)."""

    doc_id: str
    score: float  # `document_score`: best passage's BM25 x the share of the claim its hits cover
    passages: tuple[Passage, ...]


def candidate_documents(claim: str, hits: Sequence[PassageHit], settings: StanceSettings) -> list[Candidate]:
    """The first `settings.max_documents` of `ranked_documents`."""
    return ranked_documents(claim, hits, settings)[: settings.max_documents]


def document_score(hits: Sequence[tuple[float, Passage]], wanted: set[str], exponent: float) -> float:
    """A candidate document's score: its best passage's BM25 times the share of the claim's words
    that its hit passages cover together, to the power `exponent` (0: the BM25 alone).

    A function of the document's own hits and the claim only, so the corpus stage's full
    retrieval (`candidate_documents`) and admission of a new document (`ranked_documents` on its
    new passages, claims/update.py) compute the same score for the same passages."""
    best = max(s for s, _ in hits)
    if not exponent:
        return best
    covered: set[str] = set()
    for _, p in hits:
        covered |= wanted & text_terms(p.text)
    return best * (len(covered) / len(wanted)) ** exponent


def ranked_documents(claim: str, hits: Sequence[PassageHit], settings: StanceSettings) -> list[Candidate]:
    """Every document with a passage covering enough of the claim's words, best `document_score` first."""
    wanted = set(content_terms(claim))
    need = settings.min_passage_coverage if len(wanted) > 2 else 1.0
    by_doc: dict[str, list[tuple[float, Passage]]] = defaultdict(list)
    for hit in hits:
        p = hit.passage
        share = coverage(wanted, p.text)
        if share == 0 or share < need:
            continue
        by_doc[p.doc_id].append((hit.score, p))
    exponent = settings.document_coverage_exponent
    ranked = sorted(
        (
            Candidate(
                d,
                document_score(ps, wanted, exponent),
                tuple(p for _, p in sorted(ps, key=lambda x: -x[0])),
            )
            for d, ps in by_doc.items()
        ),
        key=lambda c: (-c.score, c.doc_id),
    )
    return ranked
