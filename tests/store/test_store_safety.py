"""Store safety (issue 12, item 10): read commands change nothing, foreign databases are refused,
read-only stores can be read, URLs never show their password, a missing driver names its package."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import claimgraph
from claimgraph.cli import app
from claimgraph.errors import ClaimgraphError
from claimgraph.model import Document, Segment, Voice
from claimgraph.store import Store
from claimgraph.store.engine import display_name

runner = CliRunner()
SRC = str(Path(claimgraph.__file__).resolve().parents[1])
READ_COMMANDS = (
    ["docs"],
    ["export", "--format", "json"],
    ["export", "--format", "csv"],
    ["claims"],
    ["actors"],
)
DOC = Document(
    id="0123456789abcdef",
    uri="news/a.txt",
    format="text",
    text="Envoys met on Monday.",
    segments=(Segment(Voice.OWN, 0, 21),),
    title="Envoys meet",
)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def foreign_file(path: Path) -> Path:
    """Someone else's SQLite file: a table of theirs, rollback journal (not WAL)."""
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE people (name TEXT)")
    conn.execute("INSERT INTO people VALUES ('Ada')")
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: "-".join(c))
def test_read_command_leaves_foreign_sqlite_file_unchanged(tmp_path: Path, command: list[str]) -> None:
    db = foreign_file(tmp_path / "theirs.db")
    before = digest(db)
    result = runner.invoke(app, [*command, "--db", str(db)])
    assert result.exit_code != 0
    assert "[E041]" in result.output and str(db) in result.output and "people" in result.output
    assert "Traceback" not in result.output
    assert digest(db) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["theirs.db"]  # no -wal, no -shm
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["people"]


def test_analyze_refuses_foreign_sqlite_file(tmp_path: Path) -> None:
    db = foreign_file(tmp_path / "theirs.db")
    before = digest(db)
    (tmp_path / "a.txt").write_text("Envoys met on Monday.\n", encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(tmp_path / "a.txt"), "--db", str(db), "--no-nlp"])
    assert result.exit_code != 0 and "[E041]" in result.output
    assert digest(db) == before


def test_read_only_open_does_not_migrate_or_switch_to_wal(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    empty.touch()
    with pytest.raises(ClaimgraphError, match=r"E041.*empty"):
        Store.open(empty, read_only=True)
    assert empty.stat().st_size == 0


def test_read_only_store_refuses_writes_with_one_line(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with Store.open(db) as store:
        store.add_documents([DOC])
    with Store.open(db, read_only=True) as store:
        assert store.count_documents() == 1
        with pytest.raises(ClaimgraphError) as info:
            store.add_documents([DOC])
    assert info.value.code == "E040" and str(db) in str(info.value)
    assert "INSERT" not in str(info.value) and "Envoys" not in str(info.value)


@pytest.fixture
def unprivileged() -> Iterator[list[str]]:
    """The command prefix that runs without root (root ignores file permissions)."""
    if os.geteuid() != 0:
        yield []
        return
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: root ignores read-only files")
    prefix = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
    probe = [*prefix, sys.executable, "-c", "import claimgraph.store"]
    env = {**os.environ, "PYTHONPATH": SRC}
    if subprocess.run(probe, env=env, capture_output=True, check=False).returncode:
        pytest.skip("running as root, and user nobody cannot run this Python or read the source")
    yield prefix


def run_cli(prefix: list[str], *args: str) -> subprocess.CompletedProcess[str]:
    code = "from claimgraph.cli import main; main()"
    env = {**os.environ, "PYTHONPATH": SRC, "COLUMNS": "200"}
    return subprocess.run(
        [*prefix, sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


def test_read_only_store_in_read_only_folder(unprivileged: list[str]) -> None:
    """`docs` and `export` work on a store nobody may write; `analyze` says why it cannot."""
    folder = Path(tempfile.mkdtemp(prefix="claimgraph-ro-"))
    try:
        db = folder / "s.db"
        with Store.open(db) as store:
            store.add_documents([DOC])
        (folder / "new.txt").write_text("A second report.\n", encoding="utf-8")
        db.chmod(0o444)
        folder.chmod(0o555)
        before = digest(db)
        docs = run_cli(unprivileged, "docs", "--db", str(db))
        assert docs.returncode == 0, docs.stderr
        assert DOC.id in docs.stdout
        export = run_cli(unprivileged, "export", "--db", str(db), "--format", "jsonl")
        assert export.returncode == 0 and "Envoys meet" in export.stdout, export.stderr
        write = run_cli(unprivileged, "analyze", str(folder / "new.txt"), "--db", str(db), "--no-nlp")
        assert write.returncode != 0
        lines = write.stderr.strip().splitlines()
        assert lines and lines[-1].startswith("error: [E040]"), write.stderr
        assert "Traceback" not in write.stderr and "INSERT" not in write.stderr
        assert digest(db) == before
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)


def test_url_password_is_never_shown() -> None:
    url = "postgresql+pg8000://reader:s3cret-pw@db.example:5432/claims"
    assert display_name(url) == "postgresql+pg8000://reader:***@db.example:5432/claims"
    result = runner.invoke(app, ["docs", "--db", url])
    assert result.exit_code != 0
    assert "s3cret-pw" not in result.output and "reader:***@" in result.output


@pytest.mark.parametrize(
    ("url", "package"),
    [("postgresql+pg8000://u:pw@localhost/x", "pg8000"), ("mysql+pymysql://u:pw@localhost/x", "pymysql")],
)
def test_missing_driver_names_the_package(url: str, package: str) -> None:
    pytest.importorskip("sqlalchemy")
    if __import__("importlib").util.find_spec(package) is not None:
        pytest.fail(f"{package} is installed here: this test needs a driver that is not")
    for command in (["docs"], ["analyze", "-", "--no-nlp"]):
        result = runner.invoke(app, [*command, "--db", url], input="")
        assert result.exit_code != 0
        assert "[E042]" in result.output and f"pip install {package}" in result.output, result.output
        assert "ModuleNotFoundError" not in result.output and ":pw@" not in result.output
