"""Issue 12 item 13: a corpus's own ids are kept (`--id-field`), and no source is named by a path."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from sqlalchemy import inspect
from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.config import IngestOptions
from claimgraph.ingest.fields import resolve
from claimgraph.store import Store
from claimgraph.store.migrations import MIGRATIONS, applied_migrations

runner = CliRunner()
BODY = "Officials in the capital said on Tuesday that talks on the border would resume next week."


def test_fields_id_column_explicit_or_default() -> None:
    assert resolve(["text", "ArticleID"], IngestOptions(id_field="articleid")).source_id == "ArticleID"
    assert resolve(["text", "id"], IngestOptions()).source_id == "id"
    assert resolve(["text"], IngestOptions()).source_id is None


def _analyze(tmp_path: Path, *paths: Path, extra: tuple[str, ...] = ()) -> str:
    db = str(tmp_path / "ids.db")
    result = runner.invoke(app, ["analyze", *map(str, paths), "--db", db, "--no-nlp", *extra])
    assert result.exit_code == 0, result.output
    return db


def test_id_field_kept_in_store_and_export(tmp_path: Path) -> None:
    corpus = tmp_path / "wire.jsonl"
    records = [{"story_no": 135 + i, "text": f"{BODY} Item {i}."} for i in range(2)]
    corpus.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    table = tmp_path / "sheet.csv"
    table.write_text(f'story_no,text\nA-7,"{BODY} From the sheet."\n', encoding="utf-8")
    db = _analyze(tmp_path, corpus, table, extra=("--id-field", "story_no"))
    exported = json.loads(runner.invoke(app, ["export", "--db", db, "--format", "json"]).stdout)
    by_id = {d["source_id"]: d for d in exported["documents"]}
    assert set(by_id) == {"135", "136", "A-7"}
    assert by_id["135"]["outlet"] == "wire.jsonl" and by_id["A-7"]["outlet"] == "sheet.csv"
    rows = runner.invoke(app, ["export", "--db", db, "--format", "csv", "--table", "documents"]).stdout
    assert {r["source_id"] for r in csv.DictReader(io.StringIO(rows))} == {"135", "136", "A-7"}


def test_outlet_is_never_a_path_or_record_uri(tmp_path: Path) -> None:
    folder = tmp_path / "deep" / "folder"
    folder.mkdir(parents=True)
    (folder / "note.txt").write_text(BODY, encoding="utf-8")
    (folder / "nyt_2016-10-04_talks-resume.txt").write_text(BODY + " Second copy differs.", encoding="utf-8")
    db = _analyze(tmp_path, folder)
    with Store.open(db) as store:
        docs = {Path(d.uri).name: d for d in store.iter_documents()}
    assert docs["note.txt"].outlet == "note.txt"
    nyt = docs["nyt_2016-10-04_talks-resume.txt"]
    assert (nyt.outlet, nyt.published) == ("NYT", "2016-10-04")
    assert all("/" not in (d.outlet or "/") and "#" not in (d.outlet or "") for d in docs.values())


def test_migration_adds_source_id_to_an_older_store(tmp_path: Path) -> None:
    db = str(tmp_path / "old.db")
    older = tuple(
        MIGRATIONS[: [m.name for m in MIGRATIONS].index("0006_document_source_id")]
    )  # a store from before 0006
    with Store.open(db, migrations=older) as old:  # the frozen 0001 has no source_id
        assert "source_id" not in {c["name"] for c in inspect(old.engine).get_columns("documents")}
    with Store.open(db) as store:
        assert "0006_document_source_id" in applied_migrations(store.engine)
        assert "source_id" in {c["name"] for c in inspect(store.engine).get_columns("documents")}
