"""Released migrations never change: the DDL each one runs, on SQLite and on PostgreSQL, is recorded
in `data/migration_ddl.json` and compared statement by statement with what it runs now.

A new migration is recorded once with `PYTHONPATH=tests python tests/store/test_migration_ddl.py`
(it adds the migrations the file lacks and never rewrites a recorded one); until then this test
fails. Against the code before the freeze, the frozen modules run the same statements, except that
0001's `documents` no longer has language and source_id, which 0005 and 0006 now add (stores
made before the freeze have them already, and 0005 and 0006 then add nothing).
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
from pg_server import fresh_database
from sqlalchemy import Connection, event

from claimgraph.store import Store
from claimgraph.store.migrations import MIGRATIONS, Migration

RECORDED = Path(__file__).parent / "data" / "migration_ddl.json"
SCHEMA_CHANGES = ("CREATE ", "ALTER ", "DROP ", "INSERT ")  # not the existence checks and PRAGMAs


def migration_ddl(db: str) -> dict[str, list[str]]:
    """Every schema-changing statement each migration runs on a new store at `db`, sorted (SQLAlchemy
    creates a table's indexes in set order, which changes from one process to the next)."""
    seen: dict[str, list[str]] = {}

    def recording(migration: Migration) -> Migration:
        def apply(conn: Connection) -> None:
            statements = seen.setdefault(migration.name, [])

            def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
                flat = re.sub(r"\s+", " ", statement).strip()
                if flat.upper().startswith(SCHEMA_CHANGES):
                    statements.append(flat)

            event.listen(conn, "before_cursor_execute", record)
            try:
                migration.apply(conn)
            finally:
                event.remove(conn, "before_cursor_execute", record)

        return Migration(migration.name, apply)

    with Store.open(db, migrations=[recording(m) for m in MIGRATIONS]):
        pass
    return {name: sorted(statements) for name, statements in seen.items()}


def _db(backend: str, folder: Path) -> str:
    return str(folder / "ddl.db") if backend == "sqlite" else fresh_database()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_migration_ddl_released_migrations_unchanged(backend: str, tmp_path: Path) -> None:
    recorded = json.loads(RECORDED.read_text())[backend]
    now = migration_ddl(_db(backend, tmp_path))
    unrecorded = [name for name in now if name not in recorded]
    assert not unrecorded, (
        f"record {unrecorded} with: PYTHONPATH=tests python tests/store/{Path(__file__).name}"
    )
    for name, statements in now.items():
        assert statements == recorded[name], f"{name} is released: its DDL must not change ({backend})"


def record_new_migrations() -> None:
    """Add the migrations `RECORDED` lacks, for each backend; recorded ones are left as they are."""
    recorded = json.loads(RECORDED.read_text()) if RECORDED.exists() else {}
    with tempfile.TemporaryDirectory() as folder:
        for backend in ("sqlite", "postgresql"):
            now = migration_ddl(_db(backend, Path(folder)))
            known = recorded.setdefault(backend, {})
            for name, statements in now.items():
                known.setdefault(name, statements)
    RECORDED.parent.mkdir(exist_ok=True)
    RECORDED.write_text(json.dumps(recorded, indent=1) + "\n")


if __name__ == "__main__":
    record_new_migrations()
