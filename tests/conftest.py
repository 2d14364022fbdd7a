"""Fixtures shared by every test folder: the shared data location and a throwaway store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from claimgraph.store import Store

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = REPO_ROOT / ".." / "shared"


@pytest.fixture
def shared_dir() -> Path:
    """`../shared` next to the repository (seeds and evaluation data); skip when absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED.resolve()


@pytest.fixture
def seeds_dir(shared_dir: Path) -> Path:
    seeds = shared_dir / "seeds"
    if not seeds.is_dir():
        pytest.skip("../shared/seeds is not present")
    return seeds


@pytest.fixture
def db_path(tmp_path: Path) -> str:
    return str(tmp_path / "test.db")


@pytest.fixture
def store(db_path: str) -> Iterator[Store]:
    """A fresh SQLite store in a temporary folder, closed after the test."""
    with Store.open(db_path) as opened:
        yield opened
