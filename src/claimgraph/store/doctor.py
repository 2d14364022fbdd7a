"""`claimgraph doctor`: is a store whole? Integrity, foreign keys, orphan rows, schema, counts.

A killed run, a full disk or a hand edit can leave a store that opens but lies: rows whose
document or claim is gone, a torn page, a half-applied migration. The doctor reads the store
without changing it (SQLite is opened read-only, so it never migrates or switches a foreign
file to WAL) and names every problem in one numbered line. Orphans are found from the schema's
own foreign keys (SQLite: `PRAGMA foreign_key_check`), plus the references the schema cannot
declare (`REFERENCES`).
"""

from __future__ import annotations

import errno
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Column, Connection, Engine, create_engine, func, inspect, select
from sqlalchemy.exc import DBAPIError

from claimgraph.errors import ClaimgraphError, Errors
from claimgraph.store import schema
from claimgraph.store.engine import create_store_engine, display_name
from claimgraph.store.migrations import MIGRATIONS
from claimgraph.store.opening import open_error

# SQLite result codes of a write the disk refused: SQLITE_FULL, and SQLITE_IOERR (a write past
# RLIMIT_FSIZE fails with EFBIG, which SQLite reports as an I/O error).
SQLITE_FULL = 13
SQLITE_IOERR = 10
DISK_ERRNOS = (errno.ENOSPC, errno.EFBIG, errno.EDQUOT)
# `PRAGMA integrity_check` stops after this many messages; a few name the damage well enough.
INTEGRITY_MESSAGES = 20


@dataclass(slots=True)
class Checkup:
    """What the doctor found: one line per problem (empty when the store is whole) and row counts."""

    db: str
    problems: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    migrations: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_dict(self) -> dict[str, object]:
        return {
            "db": self.db,
            "ok": self.ok,
            "problems": self.problems,
            "counts": self.counts,
            "migrations": self.migrations,
        }


def examine(db: str | Path) -> Checkup:
    """Check the store at `db` (path or URL) without writing to it."""
    name = str(db)
    sqlite = "://" not in name
    if sqlite and not Path(name).expanduser().is_file():
        raise ClaimgraphError(Errors.E006, path=name)
    engine = _read_only_engine(name) if sqlite else create_store_engine(name, read_only=True)
    checkup = Checkup(db=display_name(name))  # a server URL without its password
    try:
        if sqlite:
            _sqlite_checks(engine, checkup)
        _schema_checks(engine, checkup)
        if not any(p.startswith(("[E060]", "[E063]")) for p in checkup.problems):
            if not sqlite:
                _foreign_key_checks(engine, checkup)
            _orphan_checks(engine, checkup)
            _count(engine, checkup)
    except DBAPIError as exc:
        if not sqlite:  # a server that cannot be reached or read: one line, as every command says it
            raise open_error(exc, checkup.db) from None
        checkup.problems.append(Errors.E060.format(db=checkup.db, problem=" ".join(str(exc.orig).split())))
    finally:
        engine.dispose()
    return checkup


def _read_only_engine(path: str) -> Engine:
    """SQLite opened with `mode=ro`: reading a WAL left by a killed writer still works."""
    uri = f"file:{Path(path).expanduser().resolve()}?mode=ro"
    return create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False))


def _sqlite_checks(engine: Engine, checkup: Checkup) -> None:
    with engine.connect() as conn:
        rows = [r[0] for r in conn.exec_driver_sql(f"PRAGMA integrity_check({INTEGRITY_MESSAGES})")]
        if rows != ["ok"]:
            for message in rows:
                checkup.problems.append(Errors.E060.format(db=checkup.db, problem=message))
            return
        violations: dict[tuple[str, str], int] = {}
        for table, _rowid, parent, _fk in conn.exec_driver_sql("PRAGMA foreign_key_check"):
            violations[(table, parent)] = violations.get((table, parent), 0) + 1
        for (table, parent), count in sorted(violations.items()):
            checkup.problems.append(
                Errors.E061.format(db=checkup.db, count=count, table=table, parent=parent)
            )


def _schema_checks(engine: Engine, checkup: Checkup) -> None:
    present = set(inspect(engine).get_table_names())
    if schema.schema_version.name not in present:
        checkup.problems.append(Errors.E063.format(db=checkup.db, problem="no schema_version table"))
        return
    with engine.connect() as conn:
        order = schema.schema_version.c.ordinal
        checkup.migrations = [
            r[0] for r in conn.execute(select(schema.schema_version.c.name).order_by(order))
        ]
    expected = [m.name for m in MIGRATIONS]
    if checkup.migrations != expected[: len(checkup.migrations)]:
        checkup.problems.append(
            Errors.E063.format(db=checkup.db, problem=f"migrations {checkup.migrations} are not {expected}")
        )
    applied_tables = (
        {t.name for t in schema.metadata.sorted_tables} if checkup.migrations == expected else set()
    )
    missing = sorted(applied_tables - present)
    if missing:
        checkup.problems.append(
            Errors.E063.format(db=checkup.db, problem=f"missing tables {', '.join(missing)}")
        )


def _foreign_key_checks(engine: Engine, checkup: Checkup) -> None:
    """Rows whose foreign key names a missing row, for databases without `PRAGMA foreign_key_check`."""
    present = set(inspect(engine).get_table_names())
    with engine.connect() as conn:
        for table in schema.metadata.sorted_tables:
            for key in table.foreign_keys if table.name in present else ():
                if key.column.table.name not in present:
                    continue
                count = _missing(conn, table, key.parent, key.column)
                if count:
                    checkup.problems.append(
                        Errors.E061.format(
                            db=checkup.db, count=count, table=table.name, parent=key.column.table.name
                        )
                    )


# References the schema cannot declare as foreign keys (a fact id points to a statement or an
# event by its kind; actors are rebuilt after the rows that name them): (column, kind filter, target).
REFERENCES: tuple[tuple[Column[Any], tuple[Column[Any], str] | None, Column[Any]], ...] = (
    (schema.claim_members.c.fact_id, (schema.claim_members.c.fact_kind, "statement"), schema.statements.c.id),
    (schema.claim_members.c.fact_id, (schema.claim_members.c.fact_kind, "event"), schema.events.c.id),
    (schema.stances.c.statement_id, None, schema.statements.c.id),
    (schema.contradictions.c.a_doc_id, None, schema.documents.c.id),
    (schema.contradictions.c.b_doc_id, None, schema.documents.c.id),
    (schema.actor_merges.c.canonical_id, None, schema.actors.c.id),
)


def _orphan_checks(engine: Engine, checkup: Checkup) -> None:
    """Rows that name a statement, event, document or actor that is not stored."""
    with engine.connect() as conn:
        for column, kind, target in REFERENCES:
            count = _missing(conn, column.table, column, target, kind)
            if count:
                checkup.problems.append(
                    Errors.E062.format(
                        db=checkup.db,
                        count=count,
                        table=column.table.name,
                        parent=target.table.name,
                        column=column.name,
                    )
                )


def _missing(
    conn: Connection,
    table: Any,
    column: Column[Any],
    target: Column[Any],
    kind: tuple[Column[Any], str] | None = None,
) -> int:
    query = select(func.count()).select_from(table).where(column.is_not(None), column.not_in(select(target)))
    if kind is not None:
        query = query.where(kind[0] == kind[1])
    return int(conn.execute(query).scalar_one())


def _count(engine: Engine, checkup: Checkup) -> None:
    present = set(inspect(engine).get_table_names())
    with engine.connect() as conn:
        for table in schema.metadata.sorted_tables:
            if table.name in present:
                checkup.counts[table.name] = conn.execute(
                    select(func.count()).select_from(table)
                ).scalar_one()
    checkup.counts = dict(sorted(checkup.counts.items()))


def disk_write_failure(exc: BaseException) -> str | None:
    """The problem in words when `exc` is the disk refusing a write (full, quota, size limit); else None.

    SQLite rolls back the transaction it could not write, so the store keeps every committed batch.
    """
    if isinstance(exc, DBAPIError):
        exc = exc.orig if isinstance(exc.orig, BaseException) else exc
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int) and code & 0xFF in (SQLITE_FULL, SQLITE_IOERR):
        return str(exc)
    if isinstance(exc, OSError) and exc.errno in DISK_ERRNOS:
        return exc.strerror or str(exc)
    return None
