"""The output commands (`export`, `timeline`, `graph`, `report`): what each writes and says, its
filters, and one numbered line for every bad option or unwritable target."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.export.tables import CSV_TABLES
from claimgraph.model import Document, DocumentAnalysis
from claimgraph.store import Store

runner = CliRunner()


@pytest.fixture
def judged_db(
    db_path: str,
    nlp_doc: Callable[..., Document],
    nlp_result: Callable[..., DocumentAnalysis],
    judge_two_outlets: Callable[[Store], None],
) -> str:
    """The hand-built article under two outlets, analysed and judged (one claim: Iran attacks IS)."""
    with Store.open(db_path) as store:
        store.add_documents([nlp_doc()])
        store.put_document_analysis(nlp_result())
        store.replace_actors(nlp_result().actors, {})
        judge_two_outlets(store)
    return db_path


@pytest.fixture
def empty_db(db_path: str) -> str:
    Store.open(db_path).close()
    return db_path


def one_line_error(result: Any, code: str) -> None:
    assert result.exit_code == 2, result.output
    assert code in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr


def rows(stdout: str) -> list[list[str]]:
    return [line.split("\t") for line in stdout.splitlines()]


def test_cli_outputs_export_json_to_a_file_says_how_many(judged_db: str, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    result = runner.invoke(app, ["export", "--db", judged_db, "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "2 document(s) written to" in result.stderr and result.stdout == ""
    assert len(json.loads(target.read_text(encoding="utf-8"))["documents"]) == 2


def test_cli_outputs_export_one_csv_table_to_a_file(judged_db: str, tmp_path: Path) -> None:
    target = tmp_path / "statements.csv"
    args = ["export", "--db", judged_db, "-f", "csv", "--table", "statements", "-o", str(target)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    table = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert tuple(table[0]) == CSV_TABLES["statements"]
    assert f"{len(table) - 1} statements row(s) written" in result.stderr and len(table) - 1 == 4


def test_cli_outputs_export_csv_folder_that_cannot_be_made_is_e008(empty_db: str, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["export", "--db", empty_db, "-f", "csv", "-o", str(blocker / "tables")])
    one_line_error(result, "E008")


def test_cli_outputs_export_checks_the_format_before_the_table(empty_db: str) -> None:
    one_line_error(runner.invoke(app, ["export", "--db", empty_db, "-f", "xml", "--table", "nope"]), "E007")


def test_cli_outputs_timeline_actor_filters_narrow_the_rows(judged_db: str) -> None:
    everything = rows(runner.invoke(app, ["timeline", "--db", judged_db]).stdout)
    iran = rows(runner.invoke(app, ["timeline", "--db", judged_db, "--actor", "Iran"]).stdout)
    pair = runner.invoke(app, ["timeline", "--db", judged_db, "--actor", "Iran", "--actor", "Islamic State"])
    assert pair.exit_code == 0, pair.output
    assert everything[0] == iran[0] == ["date", "from", "kind", "doc", "voice", "text"]
    assert set(map(tuple, rows(pair.stdout))) <= set(map(tuple, iran)) < set(map(tuple, everything))
    assert all("Iran attack Islamic State" in r[5] for r in rows(pair.stdout)[1:])
    dates = [r[0] for r in everything[1:]]
    assert dates == sorted(dates)  # ordered by date


def test_cli_outputs_timeline_for_one_claim(judged_db: str, tmp_path: Path) -> None:
    with Store.open(judged_db, create=False) as store:
        claim = store.list_claims()[0]
    picture = tmp_path / "claim.html"
    result = runner.invoke(app, ["timeline", "--db", judged_db, "--claim", claim.id[:12], "-o", str(picture)])
    assert result.exit_code == 0, result.output
    assert "timeline written to" in result.stderr
    assert picture.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert len(rows(result.stdout)) > 1


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--actor", "Iran", "--actor", "Iraq", "--actor", "Syria"], "E010"),  # a pair at most
        (["-o", "{tmp}/timeline.png"], "E013"),  # svg or html
        (["--claim", "ffffffff"], "E016"),
        (["-o", "{tmp}/missing/timeline.svg"], "E008"),
    ],
)
def test_cli_outputs_timeline_bad_options(empty_db: str, tmp_path: Path, args: list[str], code: str) -> None:
    result = runner.invoke(app, ["timeline", "--db", empty_db, *(a.format(tmp=tmp_path) for a in args)])
    assert result.exit_code == 2, result.output
    assert code in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "timeline.png").exists()


@pytest.mark.parametrize(
    ("args", "code"),
    [(["-f", "dot", "-o", "{tmp}/g.dot"], "E013"), (["-o", "{tmp}/missing/g.graphml"], "E008")],
)
def test_cli_outputs_graph_bad_options(empty_db: str, tmp_path: Path, args: list[str], code: str) -> None:
    one_line_error(
        runner.invoke(app, ["graph", "--db", empty_db, *(a.format(tmp=tmp_path) for a in args)]), code
    )
    assert not (tmp_path / "g.dot").exists()


def test_cli_outputs_graph_counts_what_it_wrote(judged_db: str, tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    result = runner.invoke(app, ["graph", "--db", judged_db, "-f", "json", "-o", str(path)])
    assert result.exit_code == 0, result.output
    data = json.loads(path.read_text(encoding="utf-8"))
    nodes, edges = len(data["nodes"]), len(data["edges"])
    assert f"{nodes} actor(s), {edges} edge(s) written to" in " ".join(result.stderr.split())
    assert nodes > 0 and edges > 0


def test_cli_outputs_report_into_a_missing_folder_is_e008(empty_db: str, tmp_path: Path) -> None:
    one_line_error(
        runner.invoke(app, ["report", "--db", empty_db, "-o", str(tmp_path / "no" / "r.html")]), "E008"
    )


def test_cli_outputs_report_names_the_page_and_no_note_with_claims(judged_db: str, tmp_path: Path) -> None:
    path = tmp_path / "r.html"
    result = runner.invoke(app, ["report", "--db", judged_db, "-o", str(path)])
    assert result.exit_code == 0, result.output
    assert "report written to" in result.stdout and "no claims" not in result.stdout
    assert path.read_text(encoding="utf-8").rstrip().endswith("</html>")
