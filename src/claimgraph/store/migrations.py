"""Named, ordered schema migrations, recorded in `schema_version`, each in its own transaction.

Opening a store applies every migration it has not seen, in order, so an old store file is
brought up to date in place. Each migration's DDL is frozen in its own module under
`claimgraph.store.versions`, independent of the live model in `schema` (which the queries use).
A migration never edits a table an earlier one created; it adds a new step (ALTER, new table)
at the end of `MIGRATIONS` (docs/schema.md#store-migrations).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, select

from claimgraph.errors import ClaimgraphError, Errors
from claimgraph.store import schema, versions
from claimgraph.store.engine import DEFERRED
from claimgraph.store.versions import (
    m0001_initial,
    m0002_nlp,
    m0003_claims,
    m0004_retrieval,
    m0005_document_language,
    m0006_document_source_id,
    m0007_corpus_state,
    m0008_claim_index,
    m0009_truth_state,
    m0010_candidate_scores,
)


@dataclass(frozen=True, slots=True)
class Migration:
    name: str
    apply: Callable[[Connection], None]


# The names are recorded in each store's `schema_version`: never rename one.
MIGRATIONS: tuple[Migration, ...] = (
    Migration("0001_initial", m0001_initial.apply),
    Migration("0002_nlp", m0002_nlp.apply),
    Migration("0003_claims", m0003_claims.apply),
    Migration("0004_retrieval", m0004_retrieval.apply),
    Migration("0005_document_language", m0005_document_language.apply),
    Migration("0006_document_source_id", m0006_document_source_id.apply),
    Migration("0007_corpus_state", m0007_corpus_state.apply),
    Migration("0008_claim_index", m0008_claim_index.apply),
    Migration("0009_truth_state", m0009_truth_state.apply),
    Migration("0010_candidate_scores", m0010_candidate_scores.apply),
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
        versions.schema_version.create(conn, checkfirst=True)
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
