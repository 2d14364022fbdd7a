"""What the corpus steps read of the per-document rows (`corpus_inputs`): bounded, canonical, English."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from claimgraph.corpus_inputs import StoredInputs, english_outlets
from claimgraph.model import Document, DocumentAnalysis
from claimgraph.store import Store
from tests.corpus_rows import A_ID, B_ID, OSLO_ID, two_outlets


@pytest.fixture
def corpus_store(
    store: Store, nlp_doc: Callable[..., Document], nlp_result: Callable[..., DocumentAnalysis]
) -> Store:
    return two_outlets(store, nlp_doc, nlp_result)


def test_stored_inputs_keep_a_bounded_number_of_documents(corpus_store: Store) -> None:
    inputs = StoredInputs(corpus_store, [A_ID, B_ID], size=1)
    inputs.read([A_ID])
    inputs.read([B_ID])
    assert list(inputs.kept) == [B_ID] and inputs.reads == 2
    assert inputs.documents[A_ID] == corpus_store.get_document(A_ID) and inputs.reads == 3
    assert list(inputs.kept) == [A_ID]
    analyses = {a.doc_id: a for a in corpus_store.document_analyses()}
    assert tuple(inputs.statements[B_ID]) == analyses[B_ID].statements  # canonical actor ids
    assert inputs.statements[B_ID][1].speaker.actor_id == "person:bill-speaks"
    assert OSLO_ID not in inputs.documents and inputs.statements.get(OSLO_ID, ()) == ()
    assert len(inputs.documents) == 2 and list(inputs.documents) == [A_ID, B_ID]


def test_english_outlets_name_each_english_document_without_its_text(corpus_store: Store) -> None:
    assert english_outlets(corpus_store) == {A_ID: "Harbor Times", B_ID: "Gulf Ledger"}
