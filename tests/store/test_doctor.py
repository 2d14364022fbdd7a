"""`claimgraph doctor`: a whole store passes; damage, broken keys and orphans are numbered lines."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.model import Document, DocumentAnalysis
from claimgraph.store import Store
from claimgraph.store.doctor import examine

runner = CliRunner()


def _filled(db: str, nlp_doc: Callable[..., Document], nlp_result: Callable[..., DocumentAnalysis]) -> str:
    with Store.open(db) as store:
        store.add_documents([nlp_doc()])
        store.put_document_analysis(nlp_result())
    return db


def test_doctor_whole_store_passes_with_counts(db_path, nlp_doc, nlp_result) -> None:
    checkup = examine(_filled(db_path, nlp_doc, nlp_result))
    assert checkup.ok, checkup.problems
    assert checkup.counts["documents"] == 1 and checkup.counts["statements"] == 2
    result = runner.invoke(app, ["doctor", "--db", db_path, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["counts"]["segments"] == 5


def test_doctor_names_rows_whose_document_is_gone(db_path, nlp_doc, nlp_result) -> None:
    _filled(db_path, nlp_doc, nlp_result)
    with sqlite3.connect(db_path) as conn:  # foreign keys are off in a plain connection
        conn.execute("DELETE FROM documents")
    problems = examine(db_path).problems
    assert any(
        p.startswith("[E061]") and "of segments point to a missing documents row" in p for p in problems
    )
    assert any("of statements" in p for p in problems)
    result = runner.invoke(app, ["doctor", "--db", db_path])
    assert result.exit_code == 1
    assert "[E061]" in result.output


def test_doctor_names_claim_members_whose_statement_is_gone(
    db_path, nlp_doc, nlp_result, judge_two_outlets
) -> None:
    with Store.open(_filled(db_path, nlp_doc, nlp_result)) as store:
        judge_two_outlets(store)
    with sqlite3.connect(db_path) as conn:
        kinds = {k for (k,) in conn.execute("SELECT fact_kind FROM claim_members")}
        conn.execute("DELETE FROM statements")
        conn.execute("DELETE FROM events")
    assert kinds & {"statement", "event"}, "the judged corpus should have fact members"
    problems = examine(db_path).problems
    assert any(p.startswith("[E062]") and "claim_members" in p for p in problems), problems


def test_doctor_damaged_file_is_e060_and_missing_file_e006(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 20)
    assert [p[:6] for p in examine(str(junk)).problems] == ["[E060]"]
    result = runner.invoke(app, ["doctor", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2 and "[E006]" in result.output


def test_doctor_reads_a_foreign_sqlite_file_without_changing_it(tmp_path: Path) -> None:
    foreign = tmp_path / "other.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE notes (x TEXT)")
    before = hashlib.sha256(foreign.read_bytes()).hexdigest()
    problems = examine(str(foreign)).problems
    assert [p[:6] for p in problems] == ["[E063]"]
    assert hashlib.sha256(foreign.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.db"]
