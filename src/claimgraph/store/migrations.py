"""Named, ordered schema migrations, recorded in `schema_version`, each in its own transaction.

Opening a store applies every migration it has not seen, in order, so an old store file is
brought up to date in place. A migration never edits a table an earlier one created; it adds
a new step (ALTER, new table) at the end of `MIGRATIONS`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Column, Connection, Engine, inspect, select

from claimgraph.errors import ClaimgraphError, Errors
from claimgraph.store import pg_search, schema
from claimgraph.store.engine import DEFERRED


@dataclass(frozen=True, slots=True)
class Migration:
    name: str
    apply: Callable[[Connection], None]


def _initial(conn: Connection) -> None:
    schema.metadata.create_all(conn, tables=list(schema.INITIAL_TABLES))


def _nlp(conn: Connection) -> None:
    """Actors, mentions, statements and events (issue 3)."""
    schema.metadata.create_all(conn, tables=list(schema.NLP_TABLES))


def _claims(conn: Connection) -> None:
    """Claims, stances, contradictions, verdicts and source reliabilities (issues 4 and 5)."""
    schema.metadata.create_all(conn, tables=list(schema.CLAIM_TABLES))


def _retrieval(conn: Connection) -> None:
    """Sentence passages and their BM25 index, tracked claims (issue 8: check any claim); the index
    is FTS5 on SQLite, a tsvector table on PostgreSQL (issue 10)."""
    schema.metadata.create_all(conn, tables=list(schema.RETRIEVAL_TABLES))
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(FTS_DDL)
    elif conn.dialect.name == "postgresql":
        for statement in pg_search.DDL:
            conn.exec_driver_sql(statement)


def _document_language(conn: Connection) -> None:
    """documents.language (issue 12: English-only stages skip other languages). A store created
    by 0001 with the current schema has the column already."""
    if "language" not in {c["name"] for c in inspect(conn).get_columns("documents")}:
        _add_column(conn, schema.documents.c.language)


def _document_source_id(conn: Connection) -> None:
    """documents.source_id (issue 12: a corpus's own ids are kept). A store created by 0001 with
    the current schema has the column already."""
    if "source_id" not in {c["name"] for c in inspect(conn).get_columns("documents")}:
        _add_column(conn, schema.documents.c.source_id)


def _add_column(conn: Connection, column: Column[Any]) -> None:
    """ALTER TABLE ... ADD COLUMN with the column's type as this database spells it."""
    kind = column.type.compile(dialect=conn.dialect)
    conn.exec_driver_sql(f'ALTER TABLE {column.table.name} ADD COLUMN "{column.name}" {kind}')


def _corpus_state(conn: Connection) -> None:
    """What the incremental corpus stage keeps between runs (issue 11), and on SQLite an FTS5
    index of each claim's query terms: which claims a new document's sentences can be found by."""
    schema.metadata.create_all(conn, tables=list(schema.CORPUS_STATE_TABLES))
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(CLAIM_TERMS_DDL)


# Contentless (the text lives in `documents`), Porter-stemmed, accents folded.
FTS_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS passages_fts USING fts5("
    f"text, content='', tokenize='{pg_search.TOKENIZER}')"
)

# The claim's retrieval terms, tokenised exactly as `passages_fts` (a claim finds a sentence
# through a shared stemmed token, so a sentence finds the claim through the same token).
CLAIM_TERMS_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS claim_terms_fts USING fts5("
    "claim_id UNINDEXED, terms, tokenize='porter unicode61 remove_diacritics 2')"
)


MIGRATIONS: tuple[Migration, ...] = (
    Migration("0001_initial", _initial),
    Migration("0002_nlp", _nlp),
    Migration("0003_claims", _claims),
    Migration("0004_retrieval", _retrieval),
    Migration("0005_document_language", _document_language),
    Migration("0006_document_source_id", _document_source_id),
    Migration("0007_corpus_state", _corpus_state),
)


def applied_migrations(engine: Engine) -> list[str]:
    """Names of the migrations this store has recorded, in order."""
    with engine.connect().execution_options(**{DEFERRED: True}) as conn:
        rows = conn.execute(select(schema.schema_version.c.name).order_by(schema.schema_version.c.ordinal))
        return [r.name for r in rows]


def pending_migrations(engine: Engine, db: str, migrations: Sequence[Migration] = MIGRATIONS) -> list[str]:
    """Names of `migrations` this store lacks; E003 when it records one this version does not know."""
    done = applied_migrations(engine)
    known = [m.name for m in migrations]
    unknown = [name for name in done if name not in known]
    if unknown:
        raise ClaimgraphError(Errors.E003, db=db, names=", ".join(unknown))
    return [name for name in known if name not in done]


def migrate(engine: Engine, db: str, migrations: Sequence[Migration] = MIGRATIONS) -> list[str]:
    """Apply the missing migrations; return the names applied now.

    Each migration and its `schema_version` row commit together, so a crash mid-migration
    leaves the store at the previous version, never half-migrated.
    """
    with engine.begin() as conn:  # a write transaction (BEGIN IMMEDIATE): check and create at once
        schema.schema_version.create(conn, checkfirst=True)
    pending = pending_migrations(engine, db, migrations)
    applied = []
    for ordinal, migration in enumerate(migrations, start=1):
        if migration.name not in pending:
            continue
        with engine.begin() as conn:
            # Re-check inside the transaction: another process may have migrated meanwhile.
            seen = conn.execute(
                select(schema.schema_version.c.name).where(schema.schema_version.c.name == migration.name)
            ).first()
            if seen:
                continue
            migration.apply(conn)
            conn.execute(
                schema.schema_version.insert().values(
                    ordinal=ordinal, name=migration.name, applied=datetime.now(UTC).isoformat()
                )
            )
        applied.append(migration.name)
    return applied
