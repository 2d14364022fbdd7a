"""The public Python API: what `import claimgraph` offers, and the store's files kept out of inputs."""

from __future__ import annotations

from pathlib import Path

import pytest

import claimgraph
from claimgraph.api import store_files
from claimgraph.errors import ClaimgraphError


def test_public_names_are_exported() -> None:
    for name in claimgraph.__all__:
        assert hasattr(claimgraph, name), name
    assert {"analyze", "open_store", "find_claims", "find_statements", "find_events"} <= set(
        claimgraph.__all__
    )


def test_store_files_are_the_database_and_its_side_files(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    assert store_files(db) == {str(db) + s for s in ("", "-wal", "-shm", "-journal")}
    assert store_files(":memory:") == frozenset()
    assert store_files("postgresql://u@h/db") == frozenset()


def test_open_store_refuses_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ClaimgraphError, match="E00"):
        claimgraph.open_store(tmp_path / "missing.db")
    assert not (tmp_path / "missing.db").exists()
