"""The command line: help everywhere, documented commands, the export contract, one-line errors."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.export.tables import CSV_TABLES
from claimgraph.model import Document, DocumentAnalysis, Segment, Voice
from claimgraph.store import Store

REPO_ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


def command_paths(group: Any, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command and sub-command, as argument tuples: ("analyze",), ("eval", "extraction")..."""
    paths = []
    for name, command in sorted(group.commands.items()):
        paths.append((*prefix, name))
        if hasattr(command, "commands"):  # a sub-group such as `eval`
            paths.extend(command_paths(command, (*prefix, name)))
    return paths


COMMANDS = command_paths(get_command(app))

TEXT = "\n".join(
    [
        "Iran denies strikes",
        "Iran denied the strikes on Monday.",
        "From the WSJ: officials said so.",
        "Log in",
        "Great post",
    ]
)


def stored_doc(doc_id: str = "0123456789abcdef") -> Document:
    def span(part: str) -> tuple[int, int]:
        start = TEXT.index(part)
        return start, start + len(part)

    return Document(
        id=doc_id,
        uri="news/a.txt",
        format="text",
        text=TEXT,
        title="Iran denies strikes",
        outlet="Harbor Times",
        published="2014-12-03",
        segments=(
            Segment(Voice.OWN, *span("Iran denies strikes\nIran denied the strikes on Monday.")),
            Segment(Voice.QUOTED, *span("From the WSJ: officials said so."), source="WSJ"),
            Segment(Voice.BOILERPLATE, *span("Log in")),
            Segment(Voice.COMMENT, *span("Great post"), author="liz"),
        ),
    )


@pytest.fixture
def filled_db(db_path: str) -> str:
    with Store.open(db_path) as store:
        store.add_documents([stored_doc(), stored_doc("01fedcba98765432")])
    return db_path


def test_cli_lists_expected_commands() -> None:
    assert {p[0] for p in COMMANDS} >= {"analyze", "docs", "show", "export", "demo", "eval"}
    assert ("eval", "extraction") in COMMANDS


@pytest.mark.parametrize("path", [(), *COMMANDS])
def test_cli_help_on_every_command(path: tuple[str, ...]) -> None:
    result = runner.invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output


@pytest.mark.parametrize("path", COMMANDS)
def test_cli_every_command_is_in_readme(path: tuple[str, ...]) -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    assert f"claimgraph {' '.join(path)}" in readme, (
        f"README.md does not document `claimgraph {' '.join(path)}`"
    )


def test_cli_export_json_contract(filled_db: str) -> None:
    result = runner.invoke(app, ["export", "--db", filled_db, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == [
        "documents",
        "actors",
        "statements",
        "events",
        "claims",
        "contradictions",
        "sources",
        "tracked",
    ]
    assert all(data[key] == [] for key in list(data)[1:])
    doc = data["documents"][0]
    assert set(doc) == {
        "id", "source_id", "uri", "title", "outlet", "published", "author", "language", "text", "segments",
    }  # fmt: skip
    assert [d["id"] for d in data["documents"]] == ["0123456789abcdef", "01fedcba98765432"]
    for seg in doc["segments"]:
        assert set(seg) == {"voice", "start", "end", "text", "source", "author"}
        assert doc["text"][seg["start"] : seg["end"]] == seg["text"]
    assert [(s["voice"], s["source"], s["author"]) for s in doc["segments"]] == [
        ("own", None, None),
        ("quoted", "WSJ", None),
        ("boilerplate", None, None),
        ("comment", None, "liz"),
    ]


def test_cli_export_jsonl_one_document_a_line(filled_db: str, tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["export", "--db", filled_db, "--format", "jsonl", "-o", str(target)])
    assert result.exit_code == 0, result.output
    lines = target.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["0123456789abcdef", "01fedcba98765432"]


def test_cli_export_csv_one_row_per_segment(filled_db: str) -> None:
    result = runner.invoke(app, ["export", "--db", filled_db, "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 8
    assert list(rows[0]) == [
        "doc_id",
        "uri",
        "outlet",
        "title",
        "published",
        "voice",
        "start",
        "end",
        "source",
        "author",
        "text",
    ]
    assert rows[1]["voice"] == "quoted" and rows[1]["source"] == "WSJ"


def test_cli_docs_lists_documents(filled_db: str) -> None:
    result = runner.invoke(app, ["docs", "--db", filled_db])
    assert result.exit_code == 0, result.output
    assert "0123456789abcdef" in result.stdout and "Harbor Times" in result.stdout


def test_cli_show_by_prefix_names_sources_and_authors(filled_db: str) -> None:
    result = runner.invoke(app, ["show", "0123", "--db", filled_db])
    assert result.exit_code == 0, result.output
    assert "[quoted · WSJ]" in result.stdout and "[comment · liz]" in result.stdout
    assert "Iran denied the strikes on Monday." in result.stdout


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["show", "01", "--db", "{db}"], 2, "E005"),
        (["show", "999", "--db", "{db}"], 2, "E004"),
        (["export", "--db", "{db}", "--format", "xml"], 2, "E007"),
        (["docs", "--db", "{missing}"], 2, "E006"),
        (["export", "--db", "{missing}"], 2, "E006"),
        (["docs", "--db", "{corrupt}"], 2, "E002"),
        (["docs", "--db", "{folder}"], 2, "E001"),
        (["analyze", "{missing}", "--db", "{db}"], 2, "E006"),
        (["export", "--db", "{db}", "-o", "{unwritable}"], 2, "E008"),
        (["export", "--db", "{db}", "--format", "csv", "--table", "verdict"], 2, "E013"),
        (["statements", "--db", "{db}", "--doc", "999"], 2, "E004"),
        (["events", "--db", "{missing}"], 2, "E006"),
        (["actors", "--db", "{corrupt}"], 2, "E002"),
    ],
)
def test_cli_errors_are_one_line(
    filled_db: str, tmp_path: Path, args: list[str], code: int, message: str
) -> None:
    corrupt = tmp_path / "corrupt.db"
    corrupt.write_bytes(b"not a database " * 100)
    names = {
        "db": filled_db,
        "missing": str(tmp_path / "missing.db"),
        "corrupt": str(corrupt),
        "unwritable": str(tmp_path / "no" / "such" / "dir" / "out.json"),
        "folder": str(tmp_path),
    }
    result = runner.invoke(app, [a.format(**names) for a in args])
    assert result.exit_code == code
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize(("strict", "code"), [(False, 0), (True, 1)])
def test_cli_strict_exit_codes(tmp_path: Path, strict: bool, code: int) -> None:
    good, bad = tmp_path / "good.txt", tmp_path / "empty.txt"
    good.write_text(
        "Iran denies strikes\nIran denied the strikes on Monday, officials said.\n", encoding="utf-8"
    )
    bad.write_text("", encoding="utf-8")
    db = str(tmp_path / "s.db")
    result = runner.invoke(
        app, ["analyze", str(good), str(bad), "--db", db, *(["--strict"] if strict else [])]
    )
    assert result.exit_code == code, result.output
    assert "empty.txt" in result.stderr
    assert "1 new document(s)" in result.stdout
    with Store.open(db) as store:
        assert store.count_documents() == 1


@pytest.fixture
def nlp_db(
    db_path: str, nlp_doc: Callable[..., Document], nlp_result: Callable[..., DocumentAnalysis]
) -> str:
    with Store.open(db_path) as store:
        store.add_documents([nlp_doc()])
        store.put_document_analysis(nlp_result())
        store.replace_actors(nlp_result().actors, {})
    return db_path


@pytest.mark.parametrize(
    ("args", "present", "absent"),
    [
        (["statements"], ["John Kerry", "Iran could play a constructive role", "Harbor Times > WSJ"], []),
        (["statements", "--speaker", "spokesman"], ["Bill Speaks"], ["John Kerry"]),
        (["statements", "--doc", "00aa"], ["John Kerry", "Bill Speaks"], []),
        (["events"], ["attack", "cooperate_militarily", "denied", "Diyala"], []),
        (["events", "--actor", "iran"], ["attack", "Islamic State"], ["cooperate_militarily"]),
        (["actors"], ["person:john-kerry", "Tehran | Iranian", "IRN"], []),
        (["show", "00aa"], ["Statements (2)", "John Kerry → “Iran could", "Events (2)", "Iran ATTACK"], []),
    ],
)
def test_cli_nlp_listings(nlp_db: str, args: list[str], present: list[str], absent: list[str]) -> None:
    result = runner.invoke(app, [*args, "--db", nlp_db])
    assert result.exit_code == 0, result.output
    for text in present:
        assert text in result.stdout, result.stdout
    for text in absent:
        assert text not in result.stdout, result.stdout


def test_cli_actors_piped_rows_are_tab_separated(nlp_db: str) -> None:
    result = runner.invoke(app, ["actors", "--db", nlp_db])
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert rows[0] == ["id", "name", "kind", "affiliation", "code", "mentions", "aliases"]
    kerry = next(r for r in rows if r[0] == "person:john-kerry")
    assert kerry[5] == "1" and kerry[3] == "country:usa"


@pytest.mark.parametrize("table", list(CSV_TABLES))
def test_cli_export_csv_table(nlp_db: str, table: str) -> None:
    result = runner.invoke(app, ["export", "--db", nlp_db, "--format", "csv", "--table", table])
    assert result.exit_code == 0, result.output
    header = next(csv.reader(io.StringIO(result.stdout)))
    assert tuple(header) == CSV_TABLES[table]


def test_cli_export_csv_into_folder(nlp_db: str, tmp_path: Path) -> None:
    folder = tmp_path / "tables"
    folder.mkdir()
    result = runner.invoke(app, ["export", "--db", nlp_db, "--format", "csv", "-o", str(folder)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{t}.csv" for t in CSV_TABLES)
    assert "statements.csv (2 rows)" in result.stderr


def test_cli_export_json_has_nlp_lists(nlp_db: str) -> None:
    data = json.loads(runner.invoke(app, ["export", "--db", nlp_db]).stdout)
    assert (len(data["actors"]), len(data["statements"]), len(data["events"])) == (4, 2, 2)


def test_cli_demo_groups_the_syndicated_copy(tmp_path: Path) -> None:
    gold = json.loads(
        (REPO_ROOT / "src" / "claimgraph" / "example_corpus" / "gold.json").read_text(encoding="utf-8")
    )
    db = str(tmp_path / "demo.db")
    result = runner.invoke(app, ["demo", "--db", db])
    assert result.exit_code == 0, result.output
    assert "error" not in result.stderr.lower(), result.stderr
    assert "statement(s)" in result.stdout and " → “" in result.stdout  # counts and examples
    title_by_file = {d["file"]: d["title"] for d in gold["documents"] if d.get("record") is None}
    expected = {
        frozenset({d["title"], title_by_file[d["near_duplicate_of"]]})
        for d in gold["documents"]
        if d.get("near_duplicate_of")
    }
    with Store.open(db, create=False) as store:
        assert store.count_documents() == len(gold["documents"])
        titles = {d.id: d.title for d in store.list_documents()}
        found = {frozenset(titles[i] for i in g.doc_ids) for g in store.near_dup_groups()}
    assert found == expected
    with Store.open(db, create=False) as store:
        counts = store.table_counts()
    assert counts["actors"] > 0 and counts["statements"] > 0 and counts["events"] > 0
    assert counts["claims"] > 0 and counts["stances"] > 0 and counts["verdicts"] == counts["claims"]
    report = tmp_path / "claimgraph-demo-report.html"
    assert report.is_file() and str(report) in " ".join(result.stdout.split())
    assert "<html" in report.read_text(encoding="utf-8")
    assert "Where each document stands on" in result.stdout


@pytest.fixture
def judged_db(nlp_db: str, judge_two_outlets: Callable[[Store], None]) -> str:
    """Two outlets carrying the hand-built article, after the corpus stage (fake stance model)."""
    with Store.open(nlp_db) as store:
        judge_two_outlets(store)
    return nlp_db


def first_claim_id(db: str) -> str:
    with Store.open(db, create=False) as store:
        return store.list_claims()[0].id


def test_cli_claims_lists_counts_of_sources_and_speakers(judged_db: str) -> None:
    result = runner.invoke(app, ["claims", "--db", judged_db])
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert rows[0][:3] == ["id", "verdict", "outlets agree"] and rows[0][-1] == "text"
    assert rows[1][0] == first_claim_id(judged_db) and all(cell.isdigit() for cell in rows[1][2:8])


def test_cli_claim_shows_stances_evidence_and_verdict(judged_db: str) -> None:
    claim_id = first_claim_id(judged_db)
    result = runner.invoke(app, ["claim", claim_id.removeprefix("claim:")[:6], "--db", judged_db])
    assert result.exit_code == 0, result.output
    for text in ("Verdict:", "Stances (", "(outlet)", "chain", "Contradictions ("):
        assert text in result.stdout, result.stdout


def test_cli_claim_unknown_id_is_one_line(judged_db: str) -> None:
    result = runner.invoke(app, ["claim", "ffffffff", "--db", judged_db])
    assert result.exit_code == 2 and "E016" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("suffix", [".svg", ".html"])
def test_cli_timeline_table_and_picture(judged_db: str, tmp_path: Path, suffix: str) -> None:
    picture = tmp_path / f"timeline{suffix}"
    result = runner.invoke(app, ["timeline", "--db", judged_db, "--actor", "Iran", "-o", str(picture)])
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert rows[0] == ["date", "from", "kind", "doc", "voice", "text"]
    assert rows[1][:3] == ["2014-06-16", "event", "event"]
    assert "<svg" in picture.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_cli_graph_writes_each_format(judged_db: str, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"graph.{fmt}"
    result = runner.invoke(app, ["graph", "--db", judged_db, "--format", fmt, "-o", str(path)])
    assert result.exit_code == 0, result.output
    assert "country:irn" in path.read_text(encoding="utf-8")


def test_cli_export_csv_folder_has_every_table(judged_db: str, tmp_path: Path) -> None:
    folder = tmp_path / "tables"
    result = runner.invoke(app, ["export", "--db", judged_db, "--format", "csv", "-o", str(folder)])
    assert result.exit_code == 0, result.output
    assert sorted(p.stem for p in folder.iterdir()) == sorted(CSV_TABLES)


def test_cli_report_writes_a_page(judged_db: str, tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    result = runner.invoke(app, ["report", "--db", judged_db, "-o", str(path)])
    assert result.exit_code == 0, result.output
    page = path.read_text(encoding="utf-8")
    assert first_claim_id(judged_db) in page or "Iran attacks" in page


def test_cli_empty_store_claims_and_report(db_path: str, tmp_path: Path) -> None:
    Store.open(db_path).close()
    result = runner.invoke(app, ["claims", "--db", db_path])
    assert result.exit_code == 0 and "No claims" in result.stderr
    path = tmp_path / "empty.html"
    result = runner.invoke(app, ["report", "--db", db_path, "-o", str(path)])
    assert result.exit_code == 0, result.output
    assert "no claims" in result.stdout and path.read_text(encoding="utf-8").rstrip().endswith("</html>")


@pytest.mark.parametrize(
    ("rows", "code", "message"),
    [
        ("outlet,prior\nHarbor Times,1.5\n", 2, "E010"),
        ("outlet,prior\nHarbor Times,high\n", 2, "E010"),
        ("outlet,prior\nNo Such Outlet,0.9\n", 0, "warning"),
    ],
)
def test_cli_analyze_priors(tmp_path: Path, rows: str, code: int, message: str) -> None:
    priors, article = tmp_path / "priors.csv", tmp_path / "a.txt"
    priors.write_text(rows, encoding="utf-8")
    article.write_text("Iran denies strikes\n\nIran denied the strikes on Monday.\n", encoding="utf-8")
    args = ["analyze", str(article), "--db", str(tmp_path / "p.db"), "--no-nlp", "--priors", str(priors)]
    result = runner.invoke(app, args)
    assert result.exit_code == code, result.output
    # one line for the problem; a finished run also prints analyze's progress summary (not a terminal)
    lines = [line for line in result.stderr.strip().splitlines() if not line.startswith("analyze: ")]
    assert message in result.stderr and len(lines) == 1, result.stderr
