"""engine/writes.py: what one document's results become in the store, whoever writes them.

The concurrent PostgreSQL path (`write_chunk` on a `ConcurrentStore`) is exercised with real Ray
workers in tests/engine/test_ray_postgres.py and tests/store/test_concurrent.py; here the shared
`store_results` on SQLite.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from claimgraph.engine import StageFailure
from claimgraph.engine.writes import ResultTarget, Stored, analysis_counts, store_results
from claimgraph.model import Document, DocumentAnalysis
from claimgraph.store import Store

VERSION, CONFIG = "v-test", "c-test"


def _target(store: Store) -> ResultTarget:
    return ResultTarget("unused.db", VERSION, CONFIG, store.start_run(VERSION, CONFIG))


def test_writes_a_failure_is_the_documents_error_not_the_runs(
    store: Store, nlp_doc: Callable[..., Document]
) -> None:
    doc = nlp_doc()
    store.add_documents([doc])
    stored = store_results(store, doc, StageFailure("nlp", "boom"), _target(store))
    assert stored.failed and stored.statements == 0
    assert [(e.uri, e.problem) for e in store.iter_ingest_errors()] == [
        (doc.uri, "analysis failed in stage nlp: boom")
    ]
    assert store.get_analysis(doc.id, VERSION, CONFIG) is None  # a re-run analyses it again


def test_writes_an_analysis_keeps_rows_counts_and_notes(
    store: Store, nlp_doc: Callable[..., Document], nlp_result: Callable[..., DocumentAnalysis]
) -> None:
    doc = nlp_doc()
    analysis = replace(nlp_result(), notes=("a quote without a closing mark",))
    store.add_documents([doc])
    stored = store_results(store, doc, {"nlp": analysis, "language": "en"}, _target(store))
    assert stored == Stored((stored.errors[0],), len(analysis.statements), len(analysis.events), failed=False)
    assert stored.errors[0].problem == "a quote without a closing mark"
    assert store.get_document_analysis(doc.id) == replace(analysis, notes=())  # notes: ingest errors
    payload = store.get_analysis(doc.id, VERSION, CONFIG)
    assert payload == {"nlp": analysis_counts(analysis), "language": "en"}
    assert payload["nlp"]["statements"] == len(analysis.statements) > 0


def test_writes_a_second_write_replaces_the_first(
    store: Store, nlp_doc: Callable[..., Document], nlp_result: Callable[..., DocumentAnalysis]
) -> None:
    doc = nlp_doc()
    store.add_documents([doc])
    target = _target(store)
    store_results(store, doc, {"nlp": nlp_result()}, target)
    renamed = nlp_result(speaks_name="Someone Else")
    store_results(store, doc, {"nlp": renamed}, target)
    assert store.get_document_analysis(doc.id) == renamed
