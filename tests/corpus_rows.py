"""The hand-built two-outlet store the corpus-stage tests share (`test_corpus`, `test_corpus_inputs`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from claimgraph.corpus import merge_actors_step
from claimgraph.model import Document, DocumentAnalysis, Segment, Voice
from claimgraph.store import Store

A_ID, B_ID = "00aa11bb22cc33dd", "11bb22cc33dd44ee"
OSLO_ID = "22cc33dd44ee55ff"


def two_outlets(
    store: Store, nlp_doc: Callable[..., Document], nlp_result: Callable[..., DocumentAnalysis]
) -> Store:
    """Two outlets carrying the hand-built article, their analyses stored, actors merged."""
    store.add_documents([nlp_doc(A_ID), replace(nlp_doc(B_ID), outlet="Gulf Ledger")])
    store.put_document_analysis(nlp_result(A_ID))
    store.put_document_analysis(nlp_result(B_ID, speaks_name="Speaks"))
    merge_actors_step(store)
    return store


def oslo_document() -> Document:
    """A document no claim's query finds."""
    text = "Rain fell over Oslo all week, the weather office said."
    return Document(
        OSLO_ID, "oslo.txt", "text", text, (Segment(Voice.OWN, 0, len(text)),), outlet="Fjord Post"
    )
