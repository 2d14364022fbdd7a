"""export.schema.json: generated from `claimgraph.export_types`, current, and true of real exports
(the example corpus analysed with the shipped models, and a store with a tracked claim)."""

from __future__ import annotations

import copy
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from claimgraph.api import analyze, open_store
from claimgraph.cli import app
from claimgraph.cli_demo import example_inputs
from claimgraph.export.writers import export
from claimgraph.export_schema import SCHEMA_FILE, main, schema_text
from claimgraph.model import Document, DocumentAnalysis
from claimgraph.store import Store

REPO = Path(__file__).resolve().parents[1]
EXAMPLE_CORPUS = REPO / "src" / "claimgraph" / "example_corpus"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads((REPO / SCHEMA_FILE).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def exported(db: str) -> dict[str, Any]:
    out = io.StringIO()
    with open_store(db) as store:
        export(store, "json", out)
    return json.loads(out.getvalue())


@pytest.fixture(scope="module")
def example_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The bundled example corpus through the whole pipeline (spaCy, stance and verdict models)."""
    db = str(tmp_path_factory.mktemp("schema") / "example.db")
    analyze(example_inputs(EXAMPLE_CORPUS), db=db)
    return db


@pytest.fixture(scope="module")
def example_export(example_db: str) -> dict[str, Any]:
    return exported(example_db)


def problems(validator: jsonschema.Draft202012Validator, data: Any) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]


def test_checked_in_schema_is_what_the_generator_writes() -> None:
    text = (REPO / SCHEMA_FILE).read_text(encoding="utf-8")
    assert text == schema_text(), "export.schema.json is stale: python -m claimgraph.export_schema --write"
    assert main(["--check", str(REPO / SCHEMA_FILE)]) == 0


def test_stale_check_fails_on_a_changed_file(tmp_path: Path) -> None:
    changed = tmp_path / SCHEMA_FILE
    changed.write_text(schema_text().replace('"reason"', '"why"'), encoding="utf-8")
    assert main(["--check", str(changed)]) == 1


def test_example_corpus_export_is_valid(
    validator: jsonschema.Draft202012Validator, example_export: dict[str, Any]
) -> None:
    for name in ("documents", "actors", "statements", "events", "claims", "contradictions", "sources"):
        assert example_export[name], f"the example export has no {name}: nothing of it was checked"
    assert problems(validator, example_export) == []


def test_a_store_with_a_tracked_claim_exports_valid_json(
    validator: jsonschema.Draft202012Validator,
    db_path: str,
    nlp_doc: Callable[..., Document],
    nlp_result: Callable[..., DocumentAnalysis],
    judge_two_outlets: Callable[[Store], None],
) -> None:
    with Store.open(db_path) as store:
        store.add_documents([nlp_doc()])
        store.put_document_analysis(nlp_result())
        judge_two_outlets(store)
        store.track_claim("tracked:0001", "Iran and the US coordinate airstrikes")
    data = exported(db_path)
    assert data["tracked"] and data["claims"]
    assert problems(validator, data) == []


@pytest.mark.parametrize(
    ("where", "change"),
    [
        ("documents", lambda r: r.update(headline="an unknown field")),
        ("statements", lambda r: r.pop("content_start")),
        ("events", lambda r: r.update(voice="shouted")),
        ("claims", lambda r: r["verdict"].update(label="true")),
        ("documents", lambda r: r["segments"][0].update(start="12")),
    ],
)
def test_the_schema_rejects_a_drifted_record(
    validator: jsonschema.Draft202012Validator,
    example_export: dict[str, Any],
    where: str,
    change: Callable[[dict[str, Any]], object],
) -> None:
    data = copy.deepcopy(example_export)
    change(data[where][0])
    assert problems(validator, data)


def test_json_listings_are_export_records(
    validator: jsonschema.Draft202012Validator, example_db: str
) -> None:
    """`statements --json` and `events --json` rows are the export's records, schema and all."""
    runner = CliRunner()
    for command, name in (("statements", "StatementRecord"), ("events", "EventRecord")):
        result = runner.invoke(app, [command, "--db", example_db, "--json", "--limit", "20"])
        assert result.exit_code == 0, result.output
        rows = json.loads(result.stdout)
        assert len(rows) == 20
        record = jsonschema.Draft202012Validator(
            {"$ref": f"#/$defs/{name}", "$defs": validator.schema["$defs"]}
        )
        assert [e.message for row in rows for e in record.iter_errors(row)] == []
