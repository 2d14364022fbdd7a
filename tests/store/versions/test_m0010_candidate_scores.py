"""Frozen migration 0010_candidate_scores: three nullable columns on a store made by the migrations
before it; an older store's rows keep their values with NULL scores (its claims at the caps are
then retrieved in full once, claims/update.py)."""

from __future__ import annotations

from pathlib import Path

from migration_steps import step

from claimgraph.store import Store
from claimgraph.store.corpus_state import RetrievalScores
from claimgraph.store.migrations import MIGRATIONS, applied_migrations


def test_m0010_candidate_scores_adds_three_columns() -> None:
    done = step("0010_candidate_scores")
    assert done.tables_after == done.tables_before
    assert done.columns_after["claim_candidates"] - done.columns_before["claim_candidates"] == {"score"}
    added = done.columns_after["claim_retrieval"] - done.columns_before["claim_retrieval"]
    assert added == {"passage_floor", "index_size"}
    others = {t: c for t, c in done.columns_after.items() if t not in ("claim_candidates", "claim_retrieval")}
    assert others == {t: c for t, c in done.columns_before.items() if t in others}


def test_m0010_on_an_older_store_keeps_its_rows_with_null_scores(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with Store.open(db, migrations=MIGRATIONS[:-1]) as old:
        assert "0010_candidate_scores" not in applied_migrations(old.engine)
        with old.engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO claim_retrieval (claim_id, text, passages, documents)"
                " VALUES ('claim:aa', 'x', 3000, 2)"
            )
            conn.exec_driver_sql(
                "INSERT INTO claim_candidates (claim_id, doc_id)"
                " VALUES ('claim:aa', 'd1'), ('claim:aa', 'd2')"
            )
    with Store.open(db) as store:
        assert applied_migrations(store.engine)[-1] == "0010_candidate_scores"
        assert store.claim_retrieval(["claim:aa"]) == {"claim:aa": ("x", 3000, 2)}
        assert store.judged_documents(["claim:aa"]) == {"claim:aa": {"d1", "d2"}}
        no_scores = RetrievalScores(None, {}, None)
        assert store.retrieval_scores(["claim:aa"]) == {"claim:aa": no_scores}  # retrieved in full
        store.put_claim_stances(
            "claim:aa",
            [],
            ["d1", "d2"],
            ("x", 3000, 1),
            "x",
            scores={"d2": 1.5},
            passage_floor=0.25,
            index_size=40,
        )
        found = store.retrieval_scores(["claim:aa", "claim:zz"])
        assert found == {"claim:aa": RetrievalScores(0.25, {"d2": 1.5}, 40)}
