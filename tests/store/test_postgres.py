"""PostgreSQL end to end: the same export as SQLite, concurrent `analyze` runs that lose nothing,
a lost connection that writes nothing, and clear one-line errors for a server that is not there.

The example corpus is analysed with --no-nlp (the store, not the NLP, is under test; the full-NLP
comparison is in docs/store.md). Each test gets an empty database (`pg_url`, tests/pg_server.py).
"""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from claimgraph.errors import ClaimgraphError
from claimgraph.model import Document, IngestError
from claimgraph.store import Store
from claimgraph.store.doctor import examine

CLI = "from claimgraph.cli import main; main()"
HALF_B = (".warc.gz", ".xml", ".jsonl")  # archives and record files; the rest is half A


def _claimgraph(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", CLI, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _ok(*runs: subprocess.Popen[str]) -> None:
    for run in runs:
        _out, err = run.communicate(timeout=300)
        assert run.returncode == 0, err[-2000:]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The example corpus split in two halves, and half B plus two files of half A (overlap)."""
    a, b, ab = (tmp_path_factory.mktemp(n) for n in ("half_a", "half_b", "overlap"))
    shared = 0
    for item in sorted(files("claimgraph").joinpath("example_corpus").iterdir(), key=lambda i: i.name):
        if item.name in ("gold.json", "README.md"):
            continue
        in_b = item.name.endswith(HALF_B)
        (b if in_b else a).joinpath(item.name).write_bytes(item.read_bytes())
        if in_b or shared < 2:
            ab.joinpath(item.name).write_bytes(item.read_bytes())
            shared += not in_b
    return {"a": a, "b": b, "overlap": ab}


def _counts(db: str) -> dict[str, int]:
    with Store.open(db) as store:
        return store.table_counts()


def test_postgres_export_equals_sqlite(corpus: dict[str, Path], pg_url: str, tmp_path: Path) -> None:
    sqlite_db = str(tmp_path / "s.db")
    for db in (sqlite_db, pg_url):
        _ok(_claimgraph("analyze", str(corpus["a"]), str(corpus["b"]), "--db", db, "--no-nlp"))
    out = {}
    for name, db in (("sqlite", sqlite_db), ("postgresql", pg_url)):
        out[name] = tmp_path / f"{name}.json"
        _ok(_claimgraph("export", "--db", db, "-o", str(out[name])))
    assert out["sqlite"].read_bytes() == out["postgresql"].read_bytes()
    assert _counts(pg_url) == _counts(sqlite_db)


@pytest.mark.parametrize("second", ["b", "overlap"])
def test_postgres_concurrent_analyze_loses_nothing(
    corpus: dict[str, Path], pg_url: str, tmp_path: Path, second: str
) -> None:
    """Two runs at once (disjoint, then overlapping inputs) store what the same two runs store one
    after the other: every table's row count, passages and their index included."""
    sequential = str(tmp_path / "sequential.db")
    for half in ("a", second):
        _ok(_claimgraph("analyze", str(corpus[half]), "--db", sequential, "--no-nlp"))
    _ok(*[_claimgraph("analyze", str(corpus[h]), "--db", pg_url, "--no-nlp") for h in ("a", second)])
    expected, got = _counts(sequential), _counts(pg_url)
    assert got == expected
    assert got["documents"] == got["analyses"] == got["passage_docs"] > 0
    engine = create_engine(pg_url)
    with engine.connect() as conn:
        indexed = conn.execute(text("SELECT count(*) FROM passages_fts")).scalar()
        totals = conn.execute(text("SELECT passages FROM passages_fts_stats")).scalar()
    engine.dispose()
    assert indexed == totals == got["passages"]
    checkup = examine(pg_url)
    assert checkup.ok, checkup.problems


def _terminate(url: str, pid: int) -> None:
    engine = create_engine(url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid}).scalar()
    engine.dispose()


def test_postgres_lost_connection_writes_nothing(pg_url: str, nlp_doc: Callable[..., Document]) -> None:
    with Store.open(pg_url) as store:
        with pytest.raises(ClaimgraphError) as caught, store.transaction():
            store.add_documents([nlp_doc()])
            assert store._active is not None
            _terminate(pg_url, store._active.exec_driver_sql("SELECT pg_backend_pid()").scalar_one())
            store.add_ingest_errors([IngestError("x.html", "unreadable")])
        assert caught.value.code == "E095"
        message = str(caught.value)
        assert "\n" not in message and "retry" in message and "rolled back" in message
        # The store answers again at once (a new connection) and holds nothing of that transaction.
        assert store.count_documents() == 0 and list(store.iter_ingest_errors()) == []
        store.add_documents([nlp_doc()])
        assert store.count_documents() == 1


def test_postgres_foreign_database_left_alone(pg_url: str) -> None:
    engine = create_engine(pg_url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE invoices (id INTEGER PRIMARY KEY)"))
    with pytest.raises(ClaimgraphError, match=r"\[E041\].*invoices"):
        Store.open(pg_url)
    with engine.connect() as conn:
        query = text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
        assert list(conn.execute(query).scalars()) == ["invoices"]
    engine.dispose()


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])  # free once the socket closes: nothing listens there


def test_postgres_unreachable_server_is_one_line(corpus: dict[str, Path]) -> None:
    url = f"postgresql://claimgraph:s3cret@127.0.0.1:{_closed_port()}/claims"
    with pytest.raises(ClaimgraphError) as caught:
        Store.open(url)
    assert caught.value.code == "E001"
    assert "s3cret" not in str(caught.value) and "claimgraph:***@127.0.0.1" in str(caught.value)
    run = _claimgraph("analyze", str(corpus["a"]), "--db", url, "--no-nlp")
    _out, err = run.communicate(timeout=120)
    assert run.returncode != 0
    assert "[E001]" in err and "Traceback" not in err and "s3cret" not in err, err
