"""Engine creation: a plain path means SQLite, anything with a scheme is an SQLAlchemy URL.

SQLite gets the settings a single-file store needs to survive a killed writer and to let
readers work while a run writes: WAL, foreign keys, a busy timeout, synchronous=NORMAL, and
real BEGIN statements so that DDL and DML commit (or roll back) together.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import StaticPool

BUSY_TIMEOUT_MS = 30_000  # a second writer waits this long for the lock (a batch commits in ms)
MEMORY = ":memory:"


def database_url(db: str | Path) -> str:
    """`claimgraph.db` -> `sqlite:////abs/claimgraph.db`; URLs pass through unchanged."""
    text = str(db)
    if "://" in text:
        return text
    if text == MEMORY:
        return "sqlite://"
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def create_store_engine(db: str | Path) -> Engine:
    url = database_url(db)
    if not url.startswith("sqlite"):
        return create_engine(url)
    if url == "sqlite://":
        # One shared connection, or every checkout would see a different empty database.
        engine = create_engine(url, poolclass=StaticPool, connect_args={"check_same_thread": False})
    else:
        engine = create_engine(url)
    _configure_sqlite(engine, in_memory=url == "sqlite://")
    return engine


def _configure_sqlite(engine: Engine, *, in_memory: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            if not in_memory:
                cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA synchronous=NORMAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:  # type: ignore[no-untyped-def]
        conn.exec_driver_sql("BEGIN")
