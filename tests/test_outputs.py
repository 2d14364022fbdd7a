"""Output files (issue 12, item 9): `-o` naming the store is refused; writes are atomic."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.errors import ClaimgraphError
from claimgraph.outputs import atomic_output, refuse_store, write_text

runner = CliRunner()


@pytest.fixture
def store_file(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text("Ships waited outside the port on Monday.\n", encoding="utf-8")
    db = tmp_path / "s.db"
    result = runner.invoke(app, ["analyze", str(tmp_path / "a.txt"), "--db", str(db), "--no-nlp"])
    assert result.exit_code == 0, result.output
    return db


@pytest.mark.parametrize(
    "args",
    [
        ["report", "-o", "{db}"],
        ["export", "-f", "json", "-o", "{db}"],
        ["graph", "-o", "{db}"],
        ["timeline", "-o", "{db}.svg"],
        ["report", "-o", "{db}-wal"],
    ],
)
def test_output_equal_to_the_store_is_refused(store_file: Path, args: list[str]) -> None:
    before = store_file.read_bytes()
    if args[-1].endswith(".svg"):  # another name that is the store: a link to it
        os.symlink(store_file, f"{store_file}.svg")
    if args[-1].endswith("-wal"):
        Path(f"{store_file}-wal").write_bytes(b"")
    argv = [a.format(db=store_file) for a in args] + ["--db", str(store_file)]
    result = runner.invoke(app, argv)
    assert result.exit_code != 0
    assert "[E030]" in result.output and "\n" not in result.output.strip()
    assert store_file.read_bytes() == before


def test_report_through_a_relative_path_to_the_store_is_refused(store_file: Path, monkeypatch) -> None:
    monkeypatch.chdir(store_file.parent)
    result = runner.invoke(app, ["report", "-o", "./s.db", "--db", str(store_file)])
    assert "[E030]" in result.output


def test_failed_write_leaves_the_old_file_and_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_output(target) as stream:
        stream.write("half of the new")
        raise RuntimeError("writer failed half-way")
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_atomic_write_replaces_whole_and_keeps_mode(tmp_path: Path) -> None:
    target = tmp_path / "r.html"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o644)
    write_text(target, "new page")
    assert target.read_text(encoding="utf-8") == "new page"
    assert target.stat().st_mode & 0o777 == 0o644


def test_unwritable_folder_is_one_numbered_error(tmp_path: Path) -> None:
    with pytest.raises(ClaimgraphError, match=r"\[E008\]"):
        write_text(tmp_path / "missing" / "r.html", "x")


def test_refuse_store_ignores_server_urls_and_other_files(tmp_path: Path) -> None:
    refuse_store(tmp_path / "report.html", str(tmp_path / "s.db"))
    refuse_store(tmp_path / "s.db", "postgresql://u@h/db")
