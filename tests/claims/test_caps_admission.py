"""Admission by score at retrieval's caps (claims/update.py `_admit`, issue 11): an untouched claim
at `max_documents` scores only the new passages, admits a new document that beats its weakest
stored candidate (which is displaced, its stances deleted) and leaves out one that does not;
old documents keep the scores of their last retrieval, so their order can drift from a search of
the grown index, and `analyze --rebuild` (a full retrieval) restores the exact result.

A real SQLite store with a few one-sentence documents, `max_documents` 1, the fake stance model."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from pg_server import fresh_database

from claimgraph.claims.incremental import Delta
from claimgraph.claims.retrieval import candidate_documents, document_passages, fts_query, query_terms
from claimgraph.claims.update import ADMITTED, REFRESHED, Judge, update_stances
from claimgraph.model import Claim, Document, Segment, Voice
from claimgraph.settings import DEFAULT_SETTINGS, Settings
from claimgraph.store import Store

CLAIM = Claim(id="claim:" + "ab" * 20, text="Iran deployed troops to Basra")
# One document per claim; no refresh: this tiny index grows by half in one run (see the refresh test).
ONE = replace(
    DEFAULT_SETTINGS, stance=replace(DEFAULT_SETTINGS.stance, max_documents=1, refresh_growth=100.0)
)
FILLER = [
    "The weather in the city was mild and dry all week long.",
    "Local markets opened early on Saturday for the holiday crowds.",
    "A new bridge over the river will open to traffic next spring.",
    "The football season ended with a narrow win for the home side.",
]
OLD = {
    "a": "Reports said Iran moved.",  # shares only "iran" with the claim
    "b": "Reports said troops moved.",  # shares only "troops", rarer at first: the top document
    "c": "Iran held an election on Friday after a long and bitter campaign season.",
    "d": "Iran exports oil and gas to many countries across the whole region.",
}
STRONG = "Iran deployed troops to Basra on Monday."
# long sentences with "troops" only: weaker than the stored floor, and they make "troops" common
WEAK = [
    f"Many different units of regular troops were reported moving slowly along the long {w} road."
    for w in ("northern", "southern", "eastern", "western")
]


def _doc(key: str, text: str) -> Document:
    seg = Segment(Voice.OWN, 0, len(text))
    return Document(
        id=key * 16, uri=f"{key}.txt", format="text", text=text, segments=(seg,), outlet=f"Outlet {key}"
    )


def _add(store: Store, docs: list[Document]) -> None:
    store.add_documents(docs)
    store.index_passages([(d, document_passages(d)) for d in docs])


def _run(store: Store, docs: dict[str, Document], model: object, settings: Settings, delta: Delta) -> Delta:
    judge = Judge(store, {}, docs, settings, lambda: model)
    update_stances([CLAIM], delta, judge)
    delta.pairs_judged = judge.pairs
    return delta


def _candidates(store: Store) -> set[str]:
    return store.judged_documents([CLAIM.id])[CLAIM.id]


def _stanced(store: Store) -> set[str]:
    return {s.doc_id for s in store.iter_stances(CLAIM.id)}


def _exact(store: Store, settings: Settings) -> set[str]:
    """The claim's documents by a search of the whole index now."""
    hits = store.search_passages(fts_query(query_terms(CLAIM.text)), settings.stance.max_passages)
    return {c.doc_id for c in candidate_documents(CLAIM.text, hits, settings.stance)}


@pytest.fixture(params=["sqlite", "postgresql"])
def built(
    request: pytest.FixtureRequest, tmp_path: Path, fake_stance_model: type
) -> Iterator[tuple[Store, dict[str, Document], object]]:
    """The old documents analysed in one (rebuild) run: the claim's one document is "b". On both
    backends (PostgreSQL scores with its own BM25 in SQL, `store/pg_search.py`)."""
    docs = {k: _doc(k, t) for k, t in OLD.items()}
    docs |= {f"f{i}": _doc(f"{i}", t) for i, t in enumerate(FILLER)}
    store = Store.open(tmp_path / "caps.db" if request.param == "sqlite" else fresh_database())
    store.replace_claims([CLAIM])
    _add(store, list(docs.values()))
    model = fake_stance_model("agree")
    _run(store, {d.id: d for d in docs.values()}, model, ONE, Delta(rebuild=True))
    assert _candidates(store) == {"b" * 16} == _stanced(store)
    kept = store.retrieval_scores([CLAIM.id])[CLAIM.id]
    assert kept.passage_floor is None and set(kept.scores) == {"b" * 16}  # far below the passage cap
    assert kept.index_size == len(OLD) + len(FILLER)  # one passage a document
    yield store, {d.id: d for d in docs.values()}, model
    store.close()


def _grow(store: Store, docs: dict[str, Document], new: list[Document]) -> tuple[dict[str, Document], Delta]:
    _add(store, new)
    ids = {d.id for d in new}
    return docs | {d.id: d for d in new}, Delta(rebuild=False, new_docs=set(ids), redo_docs=set(ids))


def test_a_new_document_beating_the_floor_displaces_the_weakest(built: tuple) -> None:
    store, docs, model = built
    new = _doc("e", STRONG)
    docs, delta = _grow(store, docs, [new])
    _run(store, docs, model, ONE, delta)
    assert delta.pairs_by == {ADMITTED: 1} and delta.pairs_judged == 1  # the new document only
    assert _candidates(store) == {new.id} == _stanced(store)  # "b" displaced, its stances deleted
    scores = store.retrieval_scores([CLAIM.id])[CLAIM.id].scores
    assert set(scores) == {new.id} and scores[new.id] > 0
    hits = store.search_passages(fts_query(query_terms(CLAIM.text)), 100)
    assert store.claim_retrieval([CLAIM.id])[CLAIM.id][1:] == (len(hits), 1) == (5, 1)  # passages, documents
    assert _exact(store, ONE) == {new.id}  # what a search of the whole index keeps too


def test_weaker_new_documents_are_not_admitted_and_rebuild_restores_the_exact_result(built: tuple) -> None:
    store, docs, model = built
    before = store.retrieval_scores([CLAIM.id])[CLAIM.id].scores
    _, passages, documents = store.claim_retrieval([CLAIM.id])[CLAIM.id]
    stances = list(store.iter_stances(CLAIM.id))
    docs, delta = _grow(store, docs, [_doc(f"w{i}", t) for i, t in enumerate(WEAK)])
    _run(store, docs, model, ONE, delta)
    assert delta.pairs_judged == 0 and delta.pairs_by == {ADMITTED: 0}
    assert delta.restanced == set()  # nothing joined: its stances were not written again
    assert list(store.iter_stances(CLAIM.id)) == stances
    assert _candidates(store) == {"b" * 16} == _stanced(store)
    assert store.retrieval_scores([CLAIM.id])[CLAIM.id].scores == before  # the old score is not recomputed
    # only the count of passages its query has found moves: the four new ones name "troops"
    assert store.claim_retrieval([CLAIM.id])[CLAIM.id][1:] == (passages + len(WEAK), documents)
    # "troops" is now common: a search of the grown index ranks "a" (Iran) first. That drift is
    # the tolerance: admission does not re-rank old documents; a rebuild does.
    assert _exact(store, ONE) == {"a" * 16}
    _run(store, docs, model, ONE, Delta(rebuild=True))
    assert _candidates(store) == {"a" * 16} == _stanced(store)


def test_exact_caps_retrieves_the_claim_again(built: tuple) -> None:
    store, docs, model = built
    exact = replace(ONE, stance=replace(ONE.stance, exact_caps=True))
    docs, delta = _grow(store, docs, [_doc(f"w{i}", t) for i, t in enumerate(WEAK)])
    _run(store, docs, model, exact, delta)
    assert delta.pairs_by == {"untouched, at the caps": 1}  # "a", moved up as BM25's statistics changed
    assert _candidates(store) == {"a" * 16} == _stanced(store)


def test_a_claim_is_retrieved_in_full_again_once_the_index_has_grown(built: tuple) -> None:
    """Admission's drift is bounded: past `refresh_growth` of index growth since the claim's last
    full retrieval, the claim is searched in full (scores of now, the index's size stored)."""
    store, docs, model = built
    grown = replace(ONE, stance=replace(ONE.stance, refresh_growth=0.25))
    docs, delta = _grow(store, docs, [_doc(f"w{i}", t) for i, t in enumerate(WEAK)])  # 8 -> 12 passages
    _run(store, docs, model, grown, delta)
    assert delta.pairs_by == {REFRESHED: 1}
    assert _candidates(store) == {"a" * 16} == _stanced(store) == _exact(store, grown)  # no drift
    assert store.retrieval_scores([CLAIM.id])[CLAIM.id].index_size == 12
    docs, delta = _grow(store, docs, [_doc("e", STRONG)])  # 12 -> 13: under 25%, admitted by score
    _run(store, docs, model, grown, delta)
    assert delta.pairs_by == {ADMITTED: 1}
    assert store.retrieval_scores([CLAIM.id])[CLAIM.id].index_size == 12  # admission keeps it


def test_a_claim_without_stored_scores_is_retrieved_in_full(built: tuple) -> None:
    """A store from before migration 0010 has no scores: the claim at the caps takes the exact
    path once, which stores them."""
    store, docs, model = built
    with store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE claim_candidates SET score = NULL")
    docs, delta = _grow(store, docs, [_doc("e", STRONG)])
    _run(store, docs, model, ONE, delta)
    assert delta.pairs_by == {"untouched, at the caps": 1}
    assert set(store.retrieval_scores([CLAIM.id])[CLAIM.id].scores) == {"e" * 16}


def test_at_the_passage_cap_a_new_passage_must_beat_the_passage_floor(
    tmp_path: Path, fake_stance_model: type
) -> None:
    """`max_passages` 4: the four old passages that name a claim word fill it; the last one's
    score is stored as the passage floor, and only new passages above it count."""
    four = replace(
        DEFAULT_SETTINGS, stance=replace(DEFAULT_SETTINGS.stance, max_passages=4, refresh_growth=100.0)
    )
    docs = {d.id: d for d in (_doc(k, t) for k, t in OLD.items())}
    model = fake_stance_model("agree")
    with Store.open(tmp_path / "cap.db") as store:
        store.replace_claims([CLAIM])
        _add(store, list(docs.values()))
        _run(store, docs, model, four, Delta(rebuild=True))
        floor = store.retrieval_scores([CLAIM.id])[CLAIM.id].passage_floor
        hits = store.search_passages(fts_query(query_terms(CLAIM.text)), 4)
        assert floor is not None and floor == min(h.score for h in hits)
        new = [_doc("e", STRONG), _doc("l", LONG), *(_doc(f"w{i}", t) for i, t in enumerate(WEAK))]
        docs, delta = _grow(store, docs, new)
        ids = [p.id for ps in store.document_passages([d.id for d in new]).values() for p in ps]
        scored = store.score_passages(fts_query(query_terms(CLAIM.text)), min(ids), max(ids))
        above = {
            p.doc_id
            for ps in store.document_passages([d.id for d in new]).values()
            for p in ps
            if scored.get(p.id, floor) > floor
        }
        assert "e" * 16 in above and len(above) < len(new)  # the test needs both kinds
        _run(store, docs, model, four, delta)
        assert delta.pairs_judged == len(above)
        assert _candidates(store) == set(OLD_IDS) | above
        assert store.claim_retrieval([CLAIM.id])[CLAIM.id][1] == 4  # still at the cap


OLD_IDS = [k * 16 for k in OLD]
LONG = (
    "In a very long and winding report about many unrelated matters of trade, weather, sport,"
    " music and culture, Iran was mentioned just once among forty other countries and regions."
)


def test_a_claim_no_new_passage_matches_is_not_reached(built: tuple) -> None:
    """On PostgreSQL the claim lookup returns every claim; the new passages themselves decide."""
    store, docs, model = built
    docs, delta = _grow(store, docs, [_doc("n", "The weather was fine and the markets were calm.")])
    _run(store, docs, model, ONE, delta)
    assert delta.restanced == set() and delta.pairs_by == {} and delta.pairs_judged == 0
