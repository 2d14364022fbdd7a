"""What the corpus stage's steps read of the per-document rows, a bounded part at a time.

Issue 11: the stage's peak memory must not grow with the store. It used to read every Document
and every DocumentAnalysis once and hold them for the whole stage (35 + 186 MB at 10,000
generated documents), though after the claims step no step needs them all at once:
- the stances step judges one claim's documents at a time (its members and at most
  `max_documents` candidates): `StoredInputs` reads those documents and their statements when a
  claim needs them, and keeps the last `CACHE_SIZE` documents (claims share candidates);
- the contradictions step compares a claim's members: `contradictions_of` reads the analyses of
  a batch of claims' member documents;
- the verdicts step needs each document's outlet only: `english_outlets`;
- the claims themselves: a rebuild's steps go through every claim `CLAIMS_PER_READ` at a time in
  the store's order (`claims_in_order`), an incremental run's read the touched ones
  (`touched_claims`) and, in the stances step, those its new documents reach (`claims.update`).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import islice

from claimgraph.clean.provenance import outlet_name
from claimgraph.language import is_english
from claimgraph.model import Claim, Contradiction, Document, Statement
from claimgraph.settings import ContradictionSettings
from claimgraph.store import Store
from claimgraph.store.claims import carried_order
from claimgraph.store.sql import chunks

# Documents (with their statements) kept between claims: the stance judge's own per-document
# cache (claims/judge.py DOC_CACHE_SIZE) holds as many Documents, so this adds little.
CACHE_SIZE = 1024
CLAIMS_PER_READ = 64  # claims read at once; the contradictions step reads their documents' analyses


def english_outlets(store: Store) -> dict[str, str]:
    """Document id -> `source_name` of the documents the claim, stance and verdict models can read
    (English), in id order, read without their text."""
    return {
        doc_id: outlet_name(outlet, url, uri)
        for doc_id, language, outlet, url, uri in store.document_origins()
        if is_english(language)
    }


def claims_in_order(store: Store, order: Sequence[str] | None = None) -> tuple[int, Iterator[Claim]]:
    """(how many claims, every claim in `Store.list_claims`' order or in `order`, a list of claim
    ids), read `CLAIMS_PER_READ` at a time."""
    order = store.claim_order() if order is None else order

    def claims() -> Iterator[Claim]:
        for part in chunks(order, CLAIMS_PER_READ):
            found = store.claims_by_id(part)
            yield from (found[i] for i in part if i in found)

    return len(order), claims()


def touched_claims(store: Store, claim_ids: Iterable[str]) -> list[Claim]:
    """These claims (those stored) in `Store.list_claims`' order."""
    return sorted(store.claims_by_id(claim_ids).values(), key=carried_order)


class StoredInputs:
    """The stances step's documents and statements (`documents`, `statements`: mappings by
    document id over the English documents), read from the store when judged: `read(ids)` reads
    those not kept in one query each; the last `CACHE_SIZE` documents read are kept."""

    def __init__(self, store: Store, doc_ids: Sequence[str], size: int = CACHE_SIZE) -> None:
        self.store = store
        self.ids = frozenset(doc_ids)
        self.size = size
        self.merges = store.actor_merges()  # the actors step has run: fixed for the step
        self.kept: OrderedDict[str, tuple[Document, tuple[Statement, ...]]] = OrderedDict()
        self.reads = 0  # documents read from the store (tests: bounded by what is judged)
        self.documents: Mapping[str, Document] = _View(self, 0)
        self.statements: Mapping[str, Sequence[Statement]] = _View(self, 1)

    def read(self, doc_ids: Sequence[str]) -> None:
        """Read these documents and their statements, unless kept; mark them most recent."""
        missing = sorted({d for d in doc_ids if d in self.ids and d not in self.kept})
        if missing:
            docs = self.store.documents_by_id(missing)
            statements = self.store.statements_by_document(missing, self.merges)
            self.reads += len(docs)
            for d in missing:
                if d in docs:
                    self.kept[d] = (docs[d], tuple(statements[d]))
        for d in doc_ids:
            if d in self.kept:
                self.kept.move_to_end(d)
        while len(self.kept) > max(self.size, len(doc_ids)):
            self.kept.popitem(last=False)

    def get(self, doc_id: str) -> tuple[Document, tuple[Statement, ...]]:
        if doc_id not in self.ids:
            raise KeyError(doc_id)
        if doc_id not in self.kept:
            self.read([doc_id])
        return self.kept[doc_id]


class _View(Mapping):
    """One field (0: the Document, 1: its statements) of `StoredInputs` as a mapping."""

    def __init__(self, inputs: StoredInputs, field: int) -> None:
        self.inputs, self.field = inputs, field

    def __getitem__(self, doc_id: str) -> object:
        return self.inputs.get(doc_id)[self.field]

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self.inputs.ids

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self.inputs.ids))

    def __len__(self) -> int:
        return len(self.inputs.ids)


def contradictions_of(
    store: Store, claims: Iterable[Claim], settings: ContradictionSettings
) -> list[Contradiction]:
    """`find_contradictions` of these claims, in claim order, reading the analyses of
    `CLAIMS_PER_READ` claims' member documents at a time: a claim's contradictions depend only on
    its members' facts and their documents' events."""
    from claimgraph.claims.contradictions import find_contradictions

    out: list[Contradiction] = []
    claims = iter(claims)
    while part := list(islice(claims, CLAIMS_PER_READ)):
        docs = sorted({m.fact.doc_id for c in part for m in c.members})
        out += find_contradictions(part, store.document_analyses(docs) if docs else [], settings)
    return out
