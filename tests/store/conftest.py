"""The store tests run on SQLite and on PostgreSQL: `store` is parametrized over both.

PostgreSQL comes from `CLAIMGRAPH_TEST_PG_URL` or a throwaway local cluster (`tests/pg_server.py`);
each test gets its own empty store (a schema of its own).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from pg_server import fresh_database

from claimgraph.model import Document, Segment, Voice
from claimgraph.store import Store


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, db_path: str) -> Iterator[Store]:
    """A fresh store on each backend, closed after the test."""
    db = db_path if request.param == "sqlite" else fresh_database()
    with Store.open(db) as opened:
        yield opened


def _make_doc(doc_id: str, body: str = "Iran struck targets in Diyala.", uri: str | None = None) -> Document:
    text_ = f"Title {doc_id}\n{body}\nShare this"
    share = text_.index("Share")
    return Document(
        id=doc_id,
        uri=uri or f"{doc_id}.txt",
        format="text",
        text=text_,
        segments=(
            Segment(Voice.OWN, 0, share - 1),
            Segment(Voice.BOILERPLATE, share, len(text_)),
        ),
        title=f"Title {doc_id}",
        outlet="Test Outlet",
        published="2014-12-03",
    )


@pytest.fixture
def make_doc() -> Callable[..., Document]:
    """A small two-segment document (own text, then boilerplate) with this id."""
    return _make_doc


@pytest.fixture
def docs() -> list[Document]:
    """Five documents, stored out of id order."""
    return [_make_doc(f"{i:016x}") for i in (3, 1, 2, 0xA1, 0xA2)]
