"""Engine creation: a plain path means SQLite, anything with a scheme is an SQLAlchemy URL.

SQLite gets the settings a single-file store needs to survive a killed writer and to let
readers work while a run writes: WAL, foreign keys, a busy timeout, synchronous=NORMAL, and
real BEGIN statements so that DDL and DML commit (or roll back) together.

Write transactions start with BEGIN IMMEDIATE. A deferred transaction that reads and then
writes takes the write lock only at its first write; if another process committed meanwhile,
SQLite refuses the upgrade at once (SQLITE_BUSY, no busy wait), which is how one of two
concurrent `analyze` runs used to fail. IMMEDIATE takes the lock up front, so a second writer
waits its turn (up to `LOCK_WAIT_MS`). Read-only connections (`read_only=True`, SQLite's
`mode=ro`) never write, never switch a file to WAL, and work on read-only files and folders.

PostgreSQL gets the same one-writer-at-a-time rule: every write transaction first takes a
transaction-scoped advisory lock (`pg_advisory_xact_lock`, released at commit or rollback, also
when the connection dies), waiting up to `LOCK_WAIT_MS`. Writes in the store read, then write
(the next passage id, the rows already present, the corpus stage's full rebuild), which is only
safe when no other writer interleaves; readers are never blocked (MVCC). Read transactions of a
read-only engine are `READ ONLY`. Writers that only replace rows keyed by their own documents
(Ray workers storing per-document results, `store.concurrent`) take the same lock shared
(`SHARED_WRITE`): they run alongside each other and wait only for the one-at-a-time writers.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from sqlalchemy.pool import StaticPool

from claimgraph.errors import ClaimgraphError, Errors

# How long a writer waits for another process's write transaction (a batch commits in ms; the
# corpus stage of a large store holds the lock for minutes, and the other run must outwait it).
LOCK_WAIT_MS = 600_000
READ_WAIT_MS = 30_000  # readers in WAL mode wait only for recovery or a checkpoint
MEMORY = ":memory:"
DEFERRED = "claimgraph_deferred"  # execution option: this connection only reads, BEGIN deferred
SHARED_WRITE = "claimgraph_shared_write"  # execution option: PostgreSQL write lock taken shared
CONNECT_TIMEOUT_S = 10  # a server that does not answer: a clear error after this, not a hang
PG_WRITE_LOCK = 0x636C6169  # advisory lock key ("clai") of a store's write transactions; per database

# Drivers the store's URLs may name, and the pip package that provides each.
DRIVER_PACKAGES = {
    "psycopg2": "psycopg2-binary",
    "psycopg": "psycopg[binary]",
    "asyncpg": "asyncpg",
    "pg8000": "pg8000",
    "pymysql": "pymysql",
    "mysqldb": "mysqlclient",
}
PG_DRIVERS = ("psycopg", "psycopg2")  # preferred first, for a `postgresql://` URL naming none


def is_sqlite_file(db: str | Path) -> bool:
    """A plain path (not a URL, not `:memory:`): the store is one SQLite file."""
    text = str(db)
    return "://" not in text and text != MEMORY


def database_url(db: str | Path) -> str:
    """`claimgraph.db` -> `sqlite:////abs/claimgraph.db`; URLs pass through, a bare
    `postgresql://` naming the driver that is installed (`_postgres_driver`)."""
    text = str(db)
    if "://" in text:
        return _postgres_driver(text)
    if text == MEMORY:
        return "sqlite://"
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def _postgres_driver(text: str) -> str:
    """SQLAlchemy 2.0 reads `postgresql://` as psycopg2, 2.1 as psycopg (3): name whichever of the
    two is installed, psycopg first (`claimgraph[postgres]` brings psycopg2); neither: unchanged."""
    if not text.startswith("postgresql://"):
        return text
    for driver in PG_DRIVERS:
        if importlib.util.find_spec(driver) is not None:
            return f"postgresql+{driver}://" + text.removeprefix("postgresql://")
    return text


def display_name(db: str | Path) -> str:
    """How messages name a store: the path as given, or the URL with its password masked."""
    text = str(db)
    if "://" not in text:
        return text
    try:
        return make_url(text).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):  # ValueError: a port that is not a number
        return text.split("://", 1)[0] + "://…"  # unparseable: show the scheme only


def _check_driver(db: str | Path) -> None:
    """A URL whose driver is not installed gets the package to install, not ModuleNotFoundError."""
    try:
        url = make_url(str(db))
    except (ArgumentError, ValueError) as exc:
        raise ClaimgraphError(
            Errors.E001, db=display_name(db), problem=f"not a database URL ({exc})"
        ) from None
    backend = url.get_backend_name()
    try:
        driver = url.get_driver_name() if "+" in url.drivername else url.get_dialect().driver
    except (NoSuchModuleError, ImportError):
        driver = url.drivername.partition("+")[2]  # an unknown database: create_engine names it
    module = {"mysqldb": "MySQLdb"}.get(driver, driver)
    if module and backend != "sqlite" and importlib.util.find_spec(module) is None:
        package = DRIVER_PACKAGES.get(driver, driver)
        raise ClaimgraphError(Errors.E042, db=display_name(db), driver=driver, package=package)


def create_store_engine(db: str | Path, *, read_only: bool = False, immutable: bool = False) -> Engine:
    """The engine for `db`; `read_only` opens a SQLite file with `mode=ro` (`immutable` too when
    the folder is read-only and SQLite cannot create the WAL index next to the file)."""
    url = database_url(db)
    if not url.startswith("sqlite"):
        _check_driver(url)
        backend = make_url(url).get_backend_name()
        try:
            engine = create_engine(
                url,
                pool_pre_ping=True,  # a pooled connection the server dropped is replaced, not used
                connect_args={"connect_timeout": CONNECT_TIMEOUT_S} if backend == "postgresql" else {},
            )
        except (NoSuchModuleError, ModuleNotFoundError) as exc:
            raise ClaimgraphError(Errors.E001, db=display_name(db), problem=str(exc)) from None
        if backend == "postgresql":
            _configure_postgresql(engine, read_only=read_only)
        return engine
    if url == "sqlite://":
        # One shared connection, or every checkout would see a different empty database.
        engine = create_engine(url, poolclass=StaticPool, connect_args={"check_same_thread": False})
    elif read_only:
        params = "mode=ro&immutable=1" if immutable else "mode=ro"
        engine = create_engine(f"sqlite:///file:{url.removeprefix('sqlite:///')}?{params}&uri=true")
    else:
        engine = create_engine(url)
    _configure_sqlite(engine, in_memory=url == "sqlite://", read_only=read_only)
    return engine


def _configure_postgresql(engine: Engine, *, read_only: bool) -> None:
    """Reads are READ ONLY transactions; writes take the store's write lock first (see module doc)."""

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        if read_only:
            conn.exec_driver_sql("SET TRANSACTION READ ONLY")
        elif not conn.get_execution_options().get(DEFERRED, False):
            shared = conn.get_execution_options().get(SHARED_WRITE, False)
            lock = "pg_advisory_xact_lock_shared" if shared else "pg_advisory_xact_lock"
            conn.exec_driver_sql(f"SET LOCAL lock_timeout = {LOCK_WAIT_MS}")
            conn.exec_driver_sql(f"SELECT {lock}({PG_WRITE_LOCK})")


def _configure_sqlite(engine: Engine, *, in_memory: bool, read_only: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            # The busy timeout first: switching a new file to WAL needs a lock another run may hold.
            cursor.execute(f"PRAGMA busy_timeout={READ_WAIT_MS if read_only else LOCK_WAIT_MS}")
            if not in_memory and not read_only:
                cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            if not read_only:
                cursor.execute("PRAGMA synchronous=NORMAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        deferred = read_only or conn.get_execution_options().get(DEFERRED, False)
        conn.exec_driver_sql("BEGIN" if deferred else "BEGIN IMMEDIATE")
