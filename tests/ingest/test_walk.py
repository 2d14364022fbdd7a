"""Walking the given paths: sorted, recursive, hidden and sidecar files skipped, errors as values."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from claimgraph.ingest import walk
from claimgraph.ingest.walk import iter_files
from claimgraph.model import IngestError


def _tree(root, names):
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")


def test_walk_is_sorted_recursive_and_skips_hidden_and_json_files(tmp_path):
    _tree(
        tmp_path,
        [
            "b.txt",
            "a.txt",
            "a.json",
            "c.html.gz",
            "c.json",
            "lone.json",
            ".git/config",
            "d/.x.txt",
            "d/e.md",
            "d/e.md.json",
        ],
    )
    names = [p.relative_to(tmp_path).as_posix() for p in iter_files([tmp_path])]
    assert names == ["a.txt", "b.txt", "c.html.gz", "d/e.md"]


def test_walk_stdin_and_missing_paths(tmp_path):
    items = list(iter_files(["-", tmp_path / "missing"]))
    assert items[0] == "-"
    assert items[1] == IngestError(str(tmp_path / "missing"), "no such file or directory")


@pytest.mark.parametrize("name", [".notes.txt", "records.json"])
def test_walk_explicit_hidden_or_json_file_is_read(tmp_path, name):
    _tree(tmp_path, [name])
    assert list(iter_files([tmp_path / name])) == [tmp_path / name]


def test_walk_unlistable_directory_is_an_error_and_the_walk_goes_on(tmp_path, monkeypatch):
    _tree(tmp_path, ["a/one.txt", "b/two.txt"])
    real_scandir = os.scandir

    def guarded(path):
        if str(path).endswith("/a"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(walk.os, "scandir", guarded)
    items = list(iter_files([tmp_path]))
    assert items == [
        IngestError(str(tmp_path / "a"), "cannot list directory: permission denied"),
        tmp_path / "b/two.txt",
    ]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_walk_symlinked_directory_is_not_followed(tmp_path):
    _tree(tmp_path, ["real/one.txt"])
    (tmp_path / "zlink").symlink_to(tmp_path / "real", target_is_directory=True)
    items = list(iter_files([tmp_path]))
    assert items[0] == tmp_path / "real/one.txt"
    assert isinstance(items[1], IngestError)
    assert items[1].problem.startswith("symbolic link to a directory")


def test_walk_skips_excluded_store_files(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text("A story.\n", encoding="utf-8")
    for name in ("claimgraph.db", "claimgraph.db-wal", "claimgraph.db-shm"):
        (tmp_path / name).write_bytes(b"\x00store")
    exclude = frozenset(str((tmp_path / n).resolve()) for n in ("claimgraph.db", "claimgraph.db-wal"))
    found = [p.name for p in iter_files([tmp_path], exclude=exclude) if isinstance(p, Path)]
    assert found == ["claimgraph.db-shm", "story.txt"]
