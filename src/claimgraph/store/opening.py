"""Opening a store without harming anything: read-only opens, foreign databases refused, and
database errors turned into one numbered line.

A read command (`docs`, `export`, `claims`...) must neither change a database it was pointed at
by mistake (someone else's SQLite file gained 22 tables and WAL mode) nor fail on a store the
user may only read (a read-only file or folder). So reads open with SQLite's `mode=ro`, falling
back to `immutable=1` when a read-only folder leaves SQLite no room for its WAL index, and they
refuse any database without claimgraph's `schema_version` table. Errors keep the database's own
message (first line, bounded) and drop SQLAlchemy's statement and parameters, which hold
article text.
"""

from __future__ import annotations

import random
import time
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import Engine, inspect
from sqlalchemy.exc import DBAPIError, OperationalError

from claimgraph.errors import ClaimgraphError, Errors
from claimgraph.store import schema
from claimgraph.store.engine import DEFERRED, LOCK_WAIT_MS, create_store_engine, is_sqlite_file
from claimgraph.store.migrations import Migration, migrate, pending_migrations

OPEN_ATTEMPTS = 6  # opens that meet a lock conflict, waiting 0.1, 0.2, ... 1.6 s (+ jitter) between
OPEN_BACKOFF_S = 0.1
PROBLEM_CHARS = 300  # a database message longer than this is cut: one line, never a dump
SHOWN_TABLES = 5  # foreign tables named in the refusal


def problem_text(exc: DBAPIError) -> str:
    """The driver's own message, first line only and bounded; no SQL, no parameters."""
    text = str(exc.orig if exc.orig is not None else exc).strip()
    line = text.splitlines()[0] if text else type(exc).__name__
    return line if len(line) <= PROBLEM_CHARS else line[:PROBLEM_CHARS] + "…"


def _is_read_only(problem: str) -> bool:
    low = problem.lower()
    return "readonly" in low or "read-only" in low or "read only" in low


def _is_busy(problem: str) -> bool:
    low = problem.lower()
    return "locked" in low or "busy" in low or "lock timeout" in low


def database_error(exc: DBAPIError, db: str) -> ClaimgraphError:
    """The one-line error for a failed read or write transaction."""
    problem = problem_text(exc)
    if exc.connection_invalidated:  # the server went away: retrying later is the remedy
        return ClaimgraphError(Errors.E095, db=db, problem=problem)
    if _is_busy(problem):
        waited = f"{problem}; another process held the write lock for over {LOCK_WAIT_MS / 1000:g} s"
        return ClaimgraphError(Errors.E012, db=db, problem=waited)
    if _is_read_only(problem):
        return ClaimgraphError(Errors.E040, db=db, problem=problem)
    return ClaimgraphError(Errors.E043, db=db, problem=problem)


def open_error(exc: DBAPIError, db: str) -> ClaimgraphError:
    """The one-line error for a store that cannot be opened (or migrated)."""
    problem = problem_text(exc)
    if _is_busy(problem):
        return ClaimgraphError(Errors.E012, db=db, problem=problem)
    if _is_read_only(problem):
        return ClaimgraphError(Errors.E040, db=db, problem=problem)
    if isinstance(exc, OperationalError):
        return ClaimgraphError(Errors.E001, db=db, problem=problem)
    return ClaimgraphError(Errors.E002, db=db, problem=problem)


def check_claimgraph(engine: Engine, db: str, *, allow_empty: bool) -> None:
    """Refuse a database that holds tables but not claimgraph's (E041): never add ours to it."""
    with engine.connect().execution_options(**{DEFERRED: True}) as conn:
        names = sorted(inspect(conn).get_table_names())
    if schema.schema_version.name in names:
        return
    if not names:
        if allow_empty:
            return
        raise ClaimgraphError(Errors.E041, db=db, problem="it is empty; `claimgraph analyze` builds a store")
    shown = ", ".join(names[:SHOWN_TABLES]) + (", …" if len(names) > SHOWN_TABLES else "")
    raise ClaimgraphError(
        Errors.E041, db=db, problem=f"it has {len(names)} other table(s): {shown}, and no schema_version"
    )


def open_writable(name: str, db: str, migrations: Sequence[Migration]) -> Engine:
    """A migrated read-write engine; a lock conflict while opening is retried with backoff.

    Two runs opening one new file race to switch it to WAL and to create the tables. SQLite
    answers one of them SQLITE_BUSY at once, without its busy wait, where waiting could deadlock
    (both hold a read lock and want the write lock); a moment later the same open succeeds.
    """
    for attempt in range(OPEN_ATTEMPTS):
        if is_sqlite_file(name):
            refuse_foreign_file(name, db)
        engine = create_store_engine(name)
        try:
            if not is_sqlite_file(name):  # a server database: ours, or empty, or left alone
                check_claimgraph(engine, db, allow_empty=True)
            migrate(engine, db, migrations)
        except DBAPIError as exc:
            engine.dispose()
            error = open_error(exc, db)
            if error.code != "E012" or attempt == OPEN_ATTEMPTS - 1:
                raise error from None
            time.sleep(OPEN_BACKOFF_S * 2**attempt * (1 + random.random()))
        except BaseException:
            engine.dispose()
            raise
        else:
            return engine
    raise AssertionError("unreachable: the last attempt returns or raises")


def refuse_foreign_file(name: str, db: str) -> None:
    """Before a write opens an existing SQLite file (and switches it to WAL), make sure it is ours."""
    path = Path(name).expanduser()
    if not path.is_file() or path.stat().st_size == 0:
        return
    engine = create_store_engine(name, read_only=True)
    try:
        check_claimgraph(engine, db, allow_empty=True)
    except DBAPIError as exc:
        if not _cannot_open(exc):  # a read-only folder: the write that follows reports it
            raise open_error(exc, db) from None
    finally:
        engine.dispose()


def _cannot_open(exc: DBAPIError) -> bool:
    """SQLite could not open a WAL file read-only (no room for its -shm index in the folder)."""
    problem = problem_text(exc).lower()
    return _is_read_only(problem) or "unable to open" in problem


def open_read_only(name: str, db: str, migrations: Sequence[Migration]) -> Engine:
    """A read-only engine on a claimgraph store; an older store is upgraded first if writable."""
    attempts = (False, True) if is_sqlite_file(name) else (False,)
    for immutable in attempts:
        engine = create_store_engine(name, read_only=True, immutable=immutable)
        try:
            check_claimgraph(engine, db, allow_empty=False)
            pending = pending_migrations(engine, db, migrations)
        except DBAPIError as exc:
            engine.dispose()
            if not immutable and len(attempts) > 1 and _cannot_open(exc):
                continue
            raise open_error(exc, db) from None
        except BaseException:
            engine.dispose()
            raise
        if not pending:
            return engine
        engine.dispose()
        _upgrade(name, db, migrations, pending)
        return create_store_engine(name, read_only=True, immutable=immutable)
    raise AssertionError("unreachable: the last attempt returns or raises")


def _upgrade(name: str, db: str, migrations: Sequence[Migration], pending: Sequence[str]) -> None:
    """Apply the migrations an older claimgraph store lacks (it is ours to change)."""
    engine = create_store_engine(name)
    try:
        migrate(engine, db, migrations)
    except DBAPIError as exc:
        error = open_error(exc, db)
        if error.code == "E040":
            raise ClaimgraphError(Errors.E044, db=db, names=", ".join(pending)) from None
        raise error from None
    finally:
        engine.dispose()
