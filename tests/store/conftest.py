"""The store tests run on SQLite and on PostgreSQL: `store` is parametrized over both.

PostgreSQL comes from `CLAIMGRAPH_TEST_PG_URL` or a throwaway local cluster (`tests/pg_server.py`);
each test gets its own empty store (a schema of its own).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pg_server import drop_databases, fresh_database

from claimgraph.store import Store


@pytest.fixture(scope="session", autouse=True)
def _drop_pg_databases() -> Iterator[None]:
    yield
    drop_databases()


@pytest.fixture
def pg_url() -> str:
    """A new, empty PostgreSQL store for this test."""
    return fresh_database()


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, db_path: str) -> Iterator[Store]:
    """A fresh store on each backend, closed after the test."""
    db = db_path if request.param == "sqlite" else fresh_database()
    with Store.open(db) as opened:
        yield opened
