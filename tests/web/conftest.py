"""Web fixtures: the example corpus analysed once per session, plus one hostile document, and
TestClients over it (read-only views share it; writes get their own copy)."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from claimgraph.model import Document, Segment, Voice
from claimgraph.store import Store

EXAMPLE_CORPUS = Path(__file__).resolve().parents[2] / "src" / "claimgraph" / "example_corpus"
HOSTILE_TEXT = (
    "Breaking <script>alert('owned')</script> news.\n"
    'Click <a href="javascript:alert(1)">here</a> and <img src=x onerror=alert(2)>.'
)
HOSTILE_ID = "ffee0000hostile1"
TOKEN = "a-test-token-that-is-long-enough"


def hostile_document() -> Document:
    """An article whose text, title and url are all attempts at markup and script."""
    first = HOSTILE_TEXT.index("\n")
    return Document(
        id=HOSTILE_ID,
        uri="api:hostile",
        format="text",
        text=HOSTILE_TEXT,
        segments=(
            Segment(Voice.OWN, 0, first),
            Segment(Voice.QUOTED, first + 1, len(HOSTILE_TEXT), source="<b>Evil</b>"),
        ),
        title="<script>alert('title')</script>",
        outlet="<i>Outlet</i>",
        published="2014-09-20",
        url="javascript:alert('url')",
        language="en",
    )


@pytest.fixture(scope="session")
def example_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The bundled example corpus analysed (NLP and corpus stage) into a store, plus the hostile
    document; built once per session: the tests only read it."""
    from claimgraph.api import analyze
    from claimgraph.cli_demo import example_inputs

    db = str(tmp_path_factory.mktemp("web") / "example.db")
    analyze(example_inputs(EXAMPLE_CORPUS), db=db)
    with Store.open(db) as store:
        store.add_documents([hostile_document()])
    return db


@pytest.fixture(scope="session")
def client(example_db: str) -> Iterator[TestClient]:
    from claimgraph.web import create_app

    with TestClient(create_app(example_db)) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def walk(client: TestClient) -> Callable[[str, int], list[dict[str, Any]]]:
    """`walk(path, limit)`: every item of a listing, following next_cursor."""

    def follow(path: str, limit: int) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = []
        cursor = None
        for _ in range(1000):
            params: dict[str, Any] = {"limit": limit}
            if cursor:
                params["cursor"] = cursor
            response = client.get(path, params=params)
            assert response.status_code == 200, response.text
            page = response.json()
            assert len(page["items"]) <= limit
            items += page["items"]
            cursor = page["next_cursor"]
            if cursor is None:
                return items
        raise AssertionError("pagination did not end")

    return follow


@pytest.fixture(scope="session")
def label_box() -> Callable[[dict[str, Any]], tuple[float, float, float, float]]:
    """`label_box(node)`: the box a graph node's label covers (centred on label_x, baseline label_y)."""
    from claimgraph.web.layout import CANVAS

    def box(node: dict[str, Any]) -> tuple[float, float, float, float]:
        half = CANVAS.char_width * len(node["label"]) / 2
        top = node["label_y"] - CANVAS.label_height + 3
        return (node["label_x"] - half, top, node["label_x"] + half, node["label_y"] + 3)

    return box


@pytest.fixture
def writable_db(example_db: str, tmp_path: Path) -> str:
    """A copy of the example store that a test may write to."""
    copy = tmp_path / "copy.db"
    for suffix in ("", "-wal"):
        if Path(example_db + suffix).exists():
            shutil.copy(example_db + suffix, str(copy) + suffix)
    return str(copy)


@pytest.fixture(scope="session")
def token() -> str:
    return TOKEN


@pytest.fixture(scope="session")
def hostile_id() -> str:
    """The id of the document whose text, title and url try to be markup (`hostile_document`)."""
    return HOSTILE_ID


@pytest.fixture(scope="session")
def serve_store() -> object:
    """`with serve_store(db) as base_url:` a real uvicorn on loopback (`running_server`)."""
    return running_server


@contextmanager
def running_server(db: str) -> Iterator[str]:
    """A real uvicorn serving `db` on a free loopback port, in a thread; yields its base URL."""
    import uvicorn

    from claimgraph.web import create_app
    from claimgraph.web.serve import server_config

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    server = uvicorn.Server(server_config(create_app(db), "127.0.0.1", port))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 30
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        assert server.started, "uvicorn did not start"
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
    assert not thread.is_alive(), "uvicorn did not stop"
