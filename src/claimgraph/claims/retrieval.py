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
from typing import TYPE_CHECKING

from claimgraph.claims.features import STOPWORDS, content_terms, sentence_spans, words
from claimgraph.model import Document, Voice
from claimgraph.settings import StanceSettings
from claimgraph.store.retrieval import Passage, PassageHit

if TYPE_CHECKING:
    from claimgraph.store import Store

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


def fts_query(terms: Sequence[str], operator: str = "OR") -> str:
    """An FTS5 MATCH expression: every term quoted (no operator or column syntax gets through)."""
    return f" {operator} ".join('"' + t.replace('"', "") + '"' for t in terms if t.replace('"', ""))


def bounded_query(store: Store, terms: Sequence[str], budget: int | None) -> str:
    """The claim's query, scoring at most about `budget` passages whatever the index's size.

    BM25 scores every passage holding any query word, so the OR of all a claim's words costs
    O(passages holding its commonest word), which grows with the store. Here each word's passages
    are counted (up to `budget`, a bounded cost) and the words are taken rarest first while their
    counts sum within `budget`: the commonest words, which add least to BM25 and match most, go
    first. When even the rarest word is in more than `budget` passages, the query is the AND of
    all the words (passages holding every one of them). `budget` None: the OR of every word."""
    if budget is None:
        return fts_query(terms)
    counts = store.count_passages([fts_query([t]) for t in terms], budget + 1)
    ranked = sorted((n, i, t) for i, (t, n) in enumerate(zip(terms, counts, strict=True)) if n)
    chosen: list[str] = []
    total = 0
    for n, _, t in ranked:
        if total + n > budget:
            break
        chosen.append(t)
        total += n
    found = {t for _, _, t in ranked}
    if chosen:
        found = set(chosen)
    return fts_query([t for t in terms if t in found], "OR" if chosen else "AND")


def search_claim(store: Store, terms: Sequence[str], settings: StanceSettings) -> list[PassageHit]:
    """The best `settings.max_passages` passages for a claim's words (`bounded_query`)."""
    match = bounded_query(store, terms, settings.max_query_rows)
    return store.search_passages(match, settings.max_passages) if match else []


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
    score: float  # best passage's BM25
    passages: tuple[Passage, ...]


def candidate_documents(claim: str, hits: Sequence[PassageHit], settings: StanceSettings) -> list[Candidate]:
    """The first `settings.max_documents` of `ranked_documents`."""
    return ranked_documents(claim, hits, settings)[: settings.max_documents]


def ranked_documents(claim: str, hits: Sequence[PassageHit], settings: StanceSettings) -> list[Candidate]:
    """Every document with a passage covering enough of the claim's words, best BM25 first."""
    wanted = set(content_terms(claim))
    need = settings.min_passage_coverage if len(wanted) > 2 else 1.0
    by_doc: dict[str, list[tuple[float, Passage]]] = defaultdict(list)
    for hit in hits:
        p = hit.passage
        share = coverage(wanted, p.text)
        if share == 0 or share < need:
            continue
        by_doc[p.doc_id].append((hit.score, p))
    ranked = sorted(
        (
            Candidate(d, max(s for s, _ in ps), tuple(p for _, p in sorted(ps, key=lambda x: -x[0])))
            for d, ps in by_doc.items()
        ),
        key=lambda c: (-c.score, c.doc_id),
    )
    return ranked
